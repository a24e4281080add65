import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type Database, type TestDatabase } from "../../store/db.ts";
import { migrate } from "../../store/migrate.ts";
import { DecryptionError } from "./aead.ts";
import { openKeyring, type FieldContext, type Keyring } from "./keyring.ts";
import { keyStatus } from "./rotate.ts";

const ROW = "0190e5a0-0000-7000-8000-000000000001";
const ctx: FieldContext = { table: "persons", row: ROW, field: "passport_number" };

/** Replace one dot-separated part of an envelope. */
function withPart(envelope: string, index: number, change: (part: string) => string): string {
  const parts = envelope.split(".");
  parts[index] = change(parts[index]!);
  return parts.join(".");
}

function changeBytes(text: string, change: (bytes: Buffer) => Buffer): string {
  return change(Buffer.from(text, "base64url")).toString("base64url");
}

describe.each(createTestDatabases())("keyring on $kind", (factory) => {
  let test: TestDatabase;
  let db: Database;
  let masterKey: Buffer;
  let keyring: Keyring;

  beforeAll(async () => {
    test = await factory.open();
    db = test.db;
    await migrate(db);
    masterKey = randomBytes(32);
    keyring = await openKeyring(db, masterKey);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it("creates one KEK, a field key and a separate blind-index key", async () => {
    const status = await keyStatus(db);
    expect(status.kekVersion).toBe(1);
    expect(status.keks).toHaveLength(1);
    expect(status.dataKeys.map((key) => [key.purpose, key.active, key.kekVersion]).sort()).toEqual([
      ["blind_index", true, 1],
      ["field", true, 1],
    ]);
    expect(status.dataKeys.find((key) => key.purpose === "field")?.id).toBe(keyring.activeDataKeyId);
  });

  it.each([
    ["Hangul", "김민준 — 종교: 기독교로 개종"],
    ["Khmer", "សុខ សុភាព — សាសនា"],
    ["Arabic", "محمد عبد الله — معارض سياسي"],
    ["Latin with emoji", "Zoë 🏳️‍🌈"],
    ["empty", ""],
  ])("round-trips %s text", (_script, plaintext) => {
    const envelope = keyring.encrypt(plaintext, ctx);
    expect(envelope).toMatch(/^v1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(envelope.split(".")[1]).toBe(keyring.activeDataKeyId);
    expect(keyring.decrypt(envelope, ctx)).toBe(plaintext);
  });

  it("gives two encryptions of one value different nonces and ciphertexts", () => {
    const a = keyring.encrypt("M12345678", ctx).split(".");
    const b = keyring.encrypt("M12345678", ctx).split(".");
    expect(a[2]).not.toBe(b[2]);
    expect(a[3]).not.toBe(b[3]);
  });

  it("rejects a truncated tag", () => {
    const envelope = keyring.encrypt("political opinion: opposition party", ctx);
    // 12 of 16 tag bytes: with the ciphertext shortened too, or with the tag alone left.
    const truncated = withPart(envelope, 3, (part) => changeBytes(part, (bytes) => bytes.subarray(0, -4)));
    expect(() => keyring.decrypt(truncated, ctx)).toThrow(DecryptionError);
    const tagOnly = withPart(envelope, 3, (part) => changeBytes(part, (bytes) => bytes.subarray(-16, -4)));
    expect(() => keyring.decrypt(tagOnly, ctx)).toThrow(/truncated/);
  });

  it("rejects a flipped bit anywhere in nonce, ciphertext or tag", () => {
    const envelope = keyring.encrypt("religion: converted", ctx);
    for (const index of [2, 3]) {
      const length = Buffer.from(envelope.split(".")[index]!, "base64url").length;
      for (let byte = 0; byte < length; byte++) {
        const flipped = withPart(envelope, index, (part) =>
          changeBytes(part, (bytes) => {
            const copy = Buffer.from(bytes);
            copy[byte] = copy[byte]! ^ 0x80;
            return copy;
          }),
        );
        expect(() => keyring.decrypt(flipped, ctx)).toThrow(DecryptionError);
      }
    }
  });

  it("rejects an envelope moved to another row, field or table", () => {
    const envelope = keyring.encrypt("M12345678", ctx);
    const elsewhere: FieldContext[] = [
      { ...ctx, row: "0190e5a0-0000-7000-8000-000000000002" },
      { ...ctx, field: "alien_registration_number" },
      { ...ctx, table: "representatives" },
    ];
    for (const other of elsewhere) {
      expect(() => keyring.decrypt(envelope, other)).toThrow(DecryptionError);
    }
    expect(keyring.decrypt(envelope, ctx)).toBe("M12345678");
  });

  it("rejects malformed envelopes and unknown keys with messages that reveal nothing", () => {
    const secret = "sexual orientation: gay";
    const envelope = keyring.encrypt(secret, ctx);
    const bad = [
      "",
      "plain text",
      envelope.replace(/^v1/, "v2"),
      `${envelope}.extra`,
      withPart(envelope, 1, () => "00000000-0000-4000-8000-000000000000"),
      withPart(envelope, 2, (part) => `${part}=`),
    ];
    for (const candidate of bad) {
      let error: unknown;
      try {
        keyring.decrypt(candidate, ctx);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(DecryptionError);
      const message = (error as Error).message;
      expect(message).toMatch(/^cannot decrypt persons\.passport_number of row /);
      expect(message).not.toContain(secret);
      expect(message).not.toContain(envelope.split(".")[3]);
    }
  });

  it("refuses an empty context and a lone surrogate", () => {
    expect(() => keyring.encrypt("x", { ...ctx, row: "" })).toThrow(/row/);
    expect(() => keyring.encrypt("\ud800", ctx)).toThrow(/well-formed/);
  });

  it("computes blind indexes that survive formatting and differ by kind", () => {
    const index = keyring.blindIndex("passport", "M12345678");
    expect(keyring.blindIndex("passport", "m 1234-5678")).toBe(index);
    expect(keyring.blindIndex("alien_registration", "M12345678")).not.toBe(index);
  });

  it("opens the same keys again instead of making new ones", async () => {
    const envelope = keyring.encrypt("M12345678", ctx);
    const again = await openKeyring(db, masterKey);
    expect(again.decrypt(envelope, ctx)).toBe("M12345678");
    expect(again.blindIndex("passport", "M12345678")).toBe(keyring.blindIndex("passport", "M12345678"));
    expect((await keyStatus(db)).dataKeys).toHaveLength(2);
  });

  it("refuses another master key with a clear message", async () => {
    await expect(openKeyring(db, randomBytes(32))).rejects.toThrow(/does not unwrap with this master key/);
  });

  it("shows no key material when logged", () => {
    expect(JSON.parse(JSON.stringify(keyring))).toEqual({
      kekVersion: 1,
      activeDataKeyId: keyring.activeDataKeyId,
    });
    expect(inspect(keyring, { depth: 5, showHidden: true })).not.toMatch(/Buffer|<Buffer/);
  });

  it("never stores plaintext: a canary is in no table of the database", async () => {
    const canaries = {
      passport_number: "CANARY-PASSPORT-Q7X9Z2",
      religion: "CANARY 개종한 종교 ២០២៤",
      health: "CANARY مرض سري",
    };
    await db.query(
      "CREATE TABLE canary_persons (id text PRIMARY KEY, passport_number text, passport_index text, religion text, health text)",
    );
    const id = "0190e5a0-0000-7000-8000-0000000000ca";
    const field = (name: string): FieldContext => ({ table: "canary_persons", row: id, field: name });
    await db.query("INSERT INTO canary_persons VALUES ($1, $2, $3, $4, $5)", [
      id,
      keyring.encrypt(canaries.passport_number, field("passport_number")),
      keyring.blindIndex("passport", canaries.passport_number),
      keyring.encrypt(canaries.religion, field("religion")),
      keyring.encrypt(canaries.health, field("health")),
    ]);

    const tables = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(["key_encryption_keys", "data_keys", "canary_persons"]),
    );
    let dump = "";
    for (const { name } of tables) {
      const rows = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      dump += rows.map((row) => row.row).join("\n");
    }
    expect(dump).toContain(id);
    for (const canary of Object.values(canaries)) expect(dump).not.toContain(canary);
    expect(dump).not.toContain("CANARY");
    expect(dump).not.toContain(masterKey.toString("base64"));
    expect(dump).not.toContain(masterKey.toString("hex"));

    const [stored] = await db.query<{ religion: string }>(
      "SELECT religion FROM canary_persons WHERE id = $1",
      [id],
    );
    expect(keyring.decrypt(stored!.religion, field("religion"))).toBe(canaries.religion);
  });
});
