import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import {
  checkPassword,
  dummyPasswordHash,
  hashPassword,
  needsRehash,
  passwordProblem,
  PASSWORD_HASH_OPTIONS,
} from "./password-hash.ts";

/** Read the parameters out of a PHC string ourselves, rather than trusting the library's parser. */
function phc(encoded: string): { alg: string; v: number; m: number; t: number; p: number } {
  const m = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(
    encoded,
  );
  if (!m) throw new Error(`not a PHC argon2 string: ${encoded}`);
  return { alg: m[1] ?? "", v: Number(m[2]), m: Number(m[3]), t: Number(m[4]), p: Number(m[5]) };
}

describe("password hashing", () => {
  it("uses argon2id with at least 19 MiB, 2 passes and one lane (docs/security.md requirement 1)", async () => {
    const params = phc(await hashPassword("a long enough passphrase"));
    expect(params.alg).toBe("argon2id");
    expect(params.v).toBe(19);
    expect(params.m).toBeGreaterThanOrEqual(19_456);
    expect(params.t).toBeGreaterThanOrEqual(2);
    expect(params.p).toBe(1);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("the same passphrase")).not.toBe(await hashPassword("the same passphrase"));
  });

  it("verifies the right password only", async () => {
    const stored = await hashPassword("a long enough passphrase");
    expect(await checkPassword(stored, "a long enough passphrase")).toBe(true);
    expect(await checkPassword(stored, "a long enough passphrasE")).toBe(false);
  });

  it("accepts a Korean password typed as decomposed jamo (NFD) as well as precomposed (NFC)", async () => {
    const typed = "비밀번호는길어야합니다";
    const stored = await hashPassword(typed.normalize("NFC"));
    expect(typed.normalize("NFD")).not.toBe(typed.normalize("NFC"));
    expect(await checkPassword(stored, typed.normalize("NFD"))).toBe(true);
  });

  it("makes the dummy hash with the same parameters as real ones", async () => {
    const dummy = phc(await dummyPasswordHash());
    const real = phc(await hashPassword("a long enough passphrase"));
    expect(dummy).toEqual(real);
    expect(await dummyPasswordHash()).toBe(await dummyPasswordHash());
  });

  it("asks for a re-hash of hashes weaker than the policy", async () => {
    expect(needsRehash(await hashPassword("a long enough passphrase"))).toBe(false);
    const weak = await hash("a long enough passphrase", {
      ...PASSWORD_HASH_OPTIONS,
      memoryCost: 4096,
      timeCost: 1,
    });
    expect(needsRehash(weak)).toBe(true);
  });

  it("refuses short passwords and absurdly long ones", () => {
    expect(passwordProblem("short")).toBe("too_short");
    expect(passwordProblem("x".repeat(257))).toBe("too_long");
    expect(passwordProblem("twelve chars")).toBeNull();
  });
});
