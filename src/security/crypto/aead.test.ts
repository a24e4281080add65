import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptionError, encodeAad, fromBase64url, open, openDetached, seal, TAG_LENGTH } from "./aead.ts";

const key = randomBytes(32);
const aad = encodeAad(["test", 1]);
const plaintext = Buffer.from("여권 M12345678", "utf8");

describe("AES-256-GCM", () => {
  it("round-trips and uses a fresh 12-byte nonce and a 16-byte tag", () => {
    const a = seal(key, plaintext, aad);
    const b = seal(key, plaintext, aad);
    expect(a.nonce).toHaveLength(12);
    expect(a.sealed).toHaveLength(plaintext.length + TAG_LENGTH);
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.sealed.equals(b.sealed)).toBe(false);
    expect(open(key, a.nonce, a.sealed, aad).equals(plaintext)).toBe(true);
  });

  it("refuses a truncated tag even when it is a correct prefix of the real one", () => {
    const { nonce, sealed } = seal(key, plaintext, aad);
    const ciphertext = sealed.subarray(0, plaintext.length);
    const tag = sealed.subarray(plaintext.length);
    expect(openDetached(key, nonce, ciphertext, tag, aad).equals(plaintext)).toBe(true);
    // Without authTagLength, Node 20 accepts these 12 (or even 4) true bytes as a valid tag.
    for (const length of [12, 8, 4]) {
      expect(() => openDetached(key, nonce, ciphertext, tag.subarray(0, length), aad)).toThrow(
        DecryptionError,
      );
    }
  });

  it("refuses a flipped bit, other additional data and another key", () => {
    const { nonce, sealed } = seal(key, plaintext, aad);
    for (let i = 0; i < sealed.length; i++) {
      const flipped = Buffer.from(sealed);
      flipped[i] = flipped[i]! ^ 0x01;
      expect(() => open(key, nonce, flipped, aad)).toThrow(DecryptionError);
    }
    expect(() => open(key, nonce, sealed, encodeAad(["test", 2]))).toThrow(DecryptionError);
    expect(() => open(randomBytes(32), nonce, sealed, aad)).toThrow(DecryptionError);
  });

  it("encodes additional data unambiguously", () => {
    expect(encodeAad(["a.b", "c"]).equals(encodeAad(["a", "b.c"]))).toBe(false);
  });

  it("decodes base64url strictly", () => {
    expect(fromBase64url("AAEC")).toEqual(Buffer.from([0, 1, 2]));
    expect(fromBase64url("AA EC")).toBeUndefined();
    expect(fromBase64url("AA+C")).toBeUndefined();
    expect(fromBase64url("AAE=")).toBeUndefined();
    // Non-canonical trailing bits would let two texts stand for one value.
    expect(fromBase64url("AAF")).toBeUndefined();
  });
});
