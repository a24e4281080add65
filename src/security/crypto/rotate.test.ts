import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type Database, type TestDatabase } from "../../store/db.ts";
import { migrate } from "../../store/migrate.ts";
import { DecryptionError } from "./aead.ts";
import { openKeyring, type FieldContext } from "./keyring.ts";
import { keyStatus, rotateDataKey, rotateKeys } from "./rotate.ts";

const ctx: FieldContext = {
  table: "persons",
  row: "0190e5a0-0000-7000-8000-000000000001",
  field: "religion",
};

describe.each(createTestDatabases())("key rotation on $kind", (factory) => {
  let test: TestDatabase;
  let db: Database;
  const masterKey = randomBytes(32);

  beforeAll(async () => {
    test = await factory.open();
    db = test.db;
    await migrate(db);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  async function wrappedKeys(): Promise<Map<string, { kek_version: number; wrapped: string }>> {
    const rows = await db.query<{ id: string; kek_version: number; wrapped: string }>(
      "SELECT id, kek_version, wrapped FROM data_keys",
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  it("refuses to rotate before any key exists", async () => {
    await expect(rotateKeys(db, masterKey)).rejects.toThrow(/open a keyring first/);
    await expect(rotateDataKey(db, masterKey)).rejects.toThrow(/open a keyring first/);
    expect(await keyStatus(db)).toEqual({ kekVersion: null, keks: [], dataKeys: [] });
  });

  it("creates one set of keys when keyrings open at the same time", async () => {
    const [a, b] = await Promise.all([openKeyring(db, masterKey), openKeyring(db, masterKey)]);
    expect(a.activeDataKeyId).toBe(b.activeDataKeyId);
    const status = await keyStatus(db);
    expect(status.keks).toHaveLength(1);
    expect(status.dataKeys).toHaveLength(2);
  });

  it("re-wraps every data key under a new KEK; old envelopes still decrypt", async () => {
    const keyring = await openKeyring(db, masterKey);
    const before = await wrappedKeys();
    const oldEnvelope = keyring.encrypt("기독교로 개종", ctx);
    const oldIndex = keyring.blindIndex("passport", "M12345678");

    const result = await rotateKeys(db, masterKey);
    expect(result).toEqual({ kekVersion: 2, retiredKekVersions: [1], rewrapped: 2 });

    const after = await wrappedKeys();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [id, row] of after) {
      expect(row.kek_version).toBe(2);
      expect(row.wrapped).not.toBe(before.get(id)?.wrapped);
    }
    const status = await keyStatus(db);
    expect(status.kekVersion).toBe(2);
    expect(status.keks.map((kek) => [kek.version, kek.retiredAt === null])).toEqual([
      [1, false],
      [2, true],
    ]);

    // The open keyring keeps working: the data keys themselves did not change.
    expect(keyring.decrypt(keyring.encrypt("new value", ctx), ctx)).toBe("new value");
    const fresh = await openKeyring(db, masterKey);
    expect(fresh.kekVersion).toBe(2);
    expect(fresh.decrypt(oldEnvelope, ctx)).toBe("기독교로 개종");
    expect(fresh.blindIndex("passport", "M12345678")).toBe(oldIndex);
    expect(fresh.decrypt(fresh.encrypt("سياسي", ctx), ctx)).toBe("سياسي");
    expect(keyring.decrypt(fresh.encrypt("ស", ctx), ctx)).toBe("ស");

    // And again: the KEK that wraps the keys is always the newest.
    expect(await rotateKeys(db, masterKey)).toMatchObject({ kekVersion: 3, retiredKekVersions: [2] });
    expect((await openKeyring(db, masterKey)).decrypt(oldEnvelope, ctx)).toBe("기독교로 개종");
  });

  it("rolls back a rotation attempted with another master key", async () => {
    const before = await keyStatus(db);
    await expect(rotateKeys(db, randomBytes(32))).rejects.toThrow(/master key/);
    expect(await keyStatus(db)).toEqual(before);
  });

  it("makes a new field key active while old envelopes still decrypt", async () => {
    const keyring = await openKeyring(db, masterKey);
    const oldKeyId = keyring.activeDataKeyId;
    const oldEnvelope = keyring.encrypt("M12345678", ctx);
    const oldIndex = keyring.blindIndex("passport", "M12345678");

    const { id } = await rotateDataKey(db, masterKey);
    expect(id).not.toBe(oldKeyId);
    const fields = (await keyStatus(db)).dataKeys.filter((key) => key.purpose === "field");
    expect(fields.map((key) => [key.id, key.active])).toEqual([
      [oldKeyId, false],
      [id, true],
    ]);

    const fresh = await openKeyring(db, masterKey);
    expect(fresh.activeDataKeyId).toBe(id);
    const newEnvelope = fresh.encrypt("M87654321", ctx);
    expect(newEnvelope.split(".")[1]).toBe(id);
    expect(fresh.decrypt(oldEnvelope, ctx)).toBe("M12345678");
    expect(fresh.decrypt(newEnvelope, ctx)).toBe("M87654321");
    // The blind-index key does not rotate with it: stored indexes stay findable.
    expect(fresh.blindIndex("passport", "M12345678")).toBe(oldIndex);

    // A keyring opened before the rotation does not know the new key until it refreshes.
    expect(() => keyring.decrypt(newEnvelope, ctx)).toThrow(/unknown data key .*refresh/);
    expect(keyring.activeDataKeyId).toBe(oldKeyId);
    await keyring.refresh();
    expect(keyring.activeDataKeyId).toBe(id);
    expect(keyring.decrypt(newEnvelope, ctx)).toBe("M87654321");
    expect(keyring.decrypt(oldEnvelope, ctx)).toBe("M12345678");

    // The key id is bound as additional data: relabelling an envelope does not work.
    const relabelled = oldEnvelope.replace(oldKeyId, id);
    expect(() => fresh.decrypt(relabelled, ctx)).toThrow(DecryptionError);

    // Both generations survive a KEK rotation.
    await rotateKeys(db, masterKey);
    const afterRotation = await openKeyring(db, masterKey);
    expect(afterRotation.decrypt(oldEnvelope, ctx)).toBe("M12345678");
    expect(afterRotation.decrypt(newEnvelope, ctx)).toBe("M87654321");
  });

  it("reports status without any key material", async () => {
    const status = await keyStatus(db);
    const text = JSON.stringify(status);
    for (const row of (await wrappedKeys()).values()) expect(text).not.toContain(row.wrapped);
    expect(text).not.toMatch(/wrapped/);
    expect(status.dataKeys.every((key) => key.kekVersion === status.kekVersion)).toBe(true);
  });

  it("refuses a wrapped key swapped into another row", async () => {
    const [a, b] = await db.query<{ id: string; wrapped: string }>(
      "SELECT id, wrapped FROM data_keys WHERE purpose = 'field' ORDER BY created_at",
    );
    await db.query("UPDATE data_keys SET wrapped = $2 WHERE id = $1", [a!.id, b!.wrapped]);
    await expect(openKeyring(db, masterKey)).rejects.toThrow(/data key .* does not unwrap/);
    await db.query("UPDATE data_keys SET wrapped = $2 WHERE id = $1", [a!.id, a!.wrapped]);
    await expect(openKeyring(db, masterKey)).resolves.toBeDefined();
  });
});
