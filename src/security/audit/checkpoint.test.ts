import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalize } from "../../store/canonical.ts";
import { createTestDatabases, type Queryable, type TestDatabase } from "../../store/db.ts";
import { migrate } from "../../store/migrate.ts";
import { appendAudit } from "./append.ts";
import {
  AUDIT_CHAIN_JOIN,
  AUDIT_COLUMNS,
  fromAuditRow,
  GENESIS_HASH,
  hashAuditEntry,
  type AuditRow,
} from "./chain.ts";
import {
  checkpointFileName,
  createCheckpoint,
  readCheckpoint,
  verifyCheckpoint,
  verifyCheckpoints,
  writeCheckpoint,
  type AuditCheckpoint,
} from "./checkpoint.ts";
import { loadSigningKey, SIGNING_KEY_ENV, type AuditSigningKey } from "./signing-key.ts";
import { CASE_A, CASE_B, entry, whileTampered } from "./testing.ts";
import { verifyAudit } from "./verify.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "openrsd-audit-key-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("the checkpoint signing key", () => {
  it("is created once in its directory, readable by its owner only", () => {
    const keyDir = path.join(dir, "keys");
    const key = loadSigningKey({ dir: keyDir, env: {} });
    const file = path.join(keyDir, "audit-signing.key");
    expect(key).toMatchObject({ source: file, created: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(key.privateKey.asymmetricKeyType).toBe("ed25519");
    expect(Buffer.from(key.publicKeyBase64, "base64")).toHaveLength(32);

    const again = loadSigningKey({ dir: keyDir, env: {} });
    expect(again).toMatchObject({ created: false, publicKeyBase64: key.publicKeyBase64 });
  });

  it("is refused when others may read it", () => {
    const keyDir = path.join(dir, "shared");
    loadSigningKey({ dir: keyDir, env: {} });
    chmodSync(path.join(keyDir, "audit-signing.key"), 0o640);
    expect(() => loadSigningKey({ dir: keyDir, env: {} })).toThrow(/mode 640.*chmod 600/);
  });

  it("may come from a file of the operator's or from the environment", () => {
    const pem = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const fromEnv = loadSigningKey({ dir: path.join(dir, "unused"), env: { [SIGNING_KEY_ENV]: pem } });
    expect(fromEnv).toMatchObject({ source: SIGNING_KEY_ENV, created: false });
    expect(() => loadSigningKey({ file: path.join(dir, "missing.key"), env: {} })).toThrow(/does not exist/);
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const rsaPem = rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => loadSigningKey({ env: { [SIGNING_KEY_ENV]: rsaPem } })).toThrow(/not hold an Ed25519/);
    expect(() => loadSigningKey({ env: {} })).toThrow(/no audit signing key/);
  });
});

/** A few case events written directly; the checkpoint only records each chain's last hash. */
async function insertEvents(tx: Queryable, caseId: string, from: number, to: number): Promise<void> {
  for (let sequence = from; sequence <= to; sequence++) {
    const hash = createHash("sha256").update(`${caseId}:${sequence}`).digest("hex");
    await tx.query(
      `INSERT INTO case_events (office_id, case_id, sequence, type, occurred_on, payload, recorded_at,
                                recorded_by, prev_hash, hash)
       VALUES ('seoul', $1, $2, 'note_added', '2024-05-01', '{}', '2024-05-01T01:00:00Z', 'examiner-7', $3, $4)`,
      [caseId, sequence, GENESIS_HASH, hash],
    );
  }
}

describe.each(createTestDatabases())("audit checkpoints on $kind", ({ open }) => {
  let t: TestDatabase;
  let key: AuditSigningKey;
  let checkpoint: AuditCheckpoint;

  beforeAll(async () => {
    t = await open();
    await migrate(t.db);
    key = loadSigningKey({ dir: path.join(dir, "checkpoints"), env: {} });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("signs an empty log", async () => {
    const empty = await createCheckpoint(t.db, key);
    expect(empty).toMatchObject({
      seq: 0,
      hash: GENESIS_HASH,
      caseChains: { cases: 0, events: 0, heads: [] },
    });
    expect(await verifyCheckpoint(t.db, empty, key.publicKey)).toEqual({ ok: true });
  });

  it("signs the audit head and every case chain's head, and verifies", async () => {
    await t.db.transaction(async (tx) => {
      await insertEvents(tx, CASE_A, 1, 3);
      await insertEvents(tx, CASE_B, 1, 2);
    });
    for (let i = 0; i < 4; i++) await t.db.transaction((tx) => appendAudit(tx, entry({ details: { i } })));
    checkpoint = await createCheckpoint(t.db, key, { at: new Date("2024-05-02T03:04:05.678Z") });

    const head = (await verifyAudit(t.db)).head;
    expect(checkpoint).toMatchObject({
      kind: "openrsd-audit-checkpoint",
      seq: 4,
      hash: head.hash,
      at: "2024-05-02T03:04:05.678Z",
      caseChains: { cases: 2, events: 5 },
      publicKey: key.publicKeyBase64,
    });
    expect(
      checkpoint.caseChains.heads.map(([office, caseId, sequence]) => [office, caseId, sequence]),
    ).toEqual([
      ["seoul", CASE_A, 3],
      ["seoul", CASE_B, 2],
    ]);
    expect(checkpoint.caseChains.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyCheckpoint(t.db, checkpoint, key.publicKey)).toEqual({ ok: true });
    expect(await verifyCheckpoint(t.db, checkpoint, key.publicKeyBase64)).toEqual({ ok: true });
  });

  it("survives a round trip through a file", async () => {
    const file = path.join(mkdtempSync(path.join(dir, "out-")), checkpointFileName(checkpoint));
    expect(path.basename(file)).toBe("audit-checkpoint-000000000004-20240502T030405Z.json");
    writeCheckpoint(file, checkpoint);
    expect(() => writeCheckpoint(file, checkpoint)).toThrow(/EEXIST/);
    expect(await verifyCheckpoint(t.db, readCheckpoint(file), key.publicKey)).toEqual({ ok: true });
  });

  it("still verifies after more entries and events were appended", async () => {
    await t.db.transaction(async (tx) => {
      await insertEvents(tx, CASE_A, 4, 4);
      await appendAudit(tx, entry({ action: "case.event.record" }));
    });
    expect(await verifyCheckpoint(t.db, checkpoint, key.publicKey)).toEqual({ ok: true });
  });

  it("fails with another public key, or when the checkpoint itself was edited", async () => {
    const other = generateKeyPairSync("ed25519").publicKey;
    expect(await verifyCheckpoint(t.db, checkpoint, other)).toEqual({
      ok: false,
      firstMismatch: {
        what: "signature",
        reason: "not signed by the configured audit key (the checkpoint names another key)",
      },
    });
    const edited = { ...checkpoint, seq: 3 };
    expect((await verifyCheckpoint(t.db, edited, key.publicKey)).firstMismatch).toMatchObject({
      what: "signature",
      reason: "the signature does not match the checkpoint's content",
    });
    expect(
      (await verifyCheckpoint(t.db, { kind: "something else" }, key.publicKey)).firstMismatch?.what,
    ).toBe("format");
  });

  it("refuses a checkpoint signed with a key of its own that it carries, even when it matches the database", async () => {
    const attacker = loadSigningKey({ dir: mkdtempSync(path.join(dir, "attacker-")), env: {} });
    const forged = await createCheckpoint(t.db, attacker);
    // The checkpoint names the attacker's key and its signature holds under that key ...
    expect(forged.publicKey).toBe(attacker.publicKeyBase64);
    expect(await verifyCheckpoint(t.db, forged, attacker.publicKey)).toEqual({ ok: true });
    // ... but it is checked with the configured key only.
    expect((await verifyCheckpoint(t.db, forged, key.publicKey)).firstMismatch).toEqual({
      what: "signature",
      reason: "not signed by the configured audit key (the checkpoint names another key)",
    });
    // Naming the configured key while signing with another does not help either.
    const { signature: _ignored, ...body } = { ...forged, publicKey: key.publicKeyBase64 };
    const renamed = {
      ...body,
      signature: sign(null, Buffer.from(canonicalize(body)), attacker.privateKey).toString("base64"),
    };
    expect((await verifyCheckpoint(t.db, renamed, key.publicKey)).firstMismatch).toEqual({
      what: "signature",
      reason: "the signature does not match the checkpoint's content",
    });
  });

  it("checks many checkpoints at once, each on its own", async () => {
    const later = await createCheckpoint(t.db, key);
    const results = await verifyCheckpoints(t.db, [checkpoint, { kind: "x" }, later], key.publicKey);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const rewritten = await whileTampered(
      t.db,
      (tx) => tx.query("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2"),
      (tx) => verifyCheckpoints(tx, [checkpoint, later], key.publicKey),
    );
    expect(rewritten.map((r) => r.firstMismatch?.what)).toEqual(["audit", "audit"]);
  });

  it("fails when the audit entry it covers was changed or removed", async () => {
    const changed = await whileTampered(
      t.db,
      (tx) => tx.query("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 4"),
      (tx) => verifyCheckpoint(tx, checkpoint, key.publicKey),
    );
    expect(changed.firstMismatch).toMatchObject({
      what: "audit",
      seq: 4,
      reason: expect.stringMatching(/^changed/),
    });

    // Cutting entries off the end leaves a chain that verifies on its own.
    const cut = await whileTampered(
      t.db,
      (tx) => tx.query("DELETE FROM audit_chain WHERE seq >= 4; DELETE FROM audit_log WHERE seq >= 4"),
      async (tx) => ({
        chain: await verifyAudit(tx),
        checkpoint: await verifyCheckpoint(tx, checkpoint, key.publicKey),
      }),
    );
    expect(cut.chain.ok).toBe(true);
    expect(cut.checkpoint.firstMismatch).toEqual({
      what: "audit",
      seq: 4,
      reason: "removed: entry 4 is missing (the log ends at 3)",
    });
  });

  it("fails when the audit log was rewritten with every hash recomputed", async () => {
    const result = await whileTampered(
      t.db,
      async (tx) => {
        const rows = (
          await tx.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_CHAIN_JOIN} ORDER BY c.seq`)
        ).map(fromAuditRow);
        let prevHash = GENESIS_HASH;
        for (const row of rows) {
          const forged = { ...row, actor: row.seq === 2 ? "someone-else" : row.actor, prevHash };
          const hash = hashAuditEntry(prevHash, forged);
          await tx.query("UPDATE audit_log SET actor = $1 WHERE seq = $2", [forged.actor, row.entry]);
          await tx.query("UPDATE audit_chain SET prev_hash = $1, hash = $2 WHERE seq = $3", [
            prevHash,
            hash,
            row.seq,
          ]);
          prevHash = hash;
        }
      },
      async (tx) => ({
        chain: await verifyAudit(tx),
        checkpoint: await verifyCheckpoint(tx, checkpoint, key.publicKey),
      }),
    );
    expect(result.chain.ok).toBe(true);
    expect(result.checkpoint.firstMismatch).toMatchObject({ what: "audit", seq: 4 });
  });

  it("fails when a case chain's recorded head was changed or removed", async () => {
    const changed = await whileTampered(
      t.db,
      (tx) =>
        tx.query("UPDATE case_events SET hash = $1 WHERE case_id = $2 AND sequence = 2", [
          "f".repeat(64),
          CASE_B,
        ]),
      (tx) => verifyCheckpoint(tx, checkpoint, key.publicKey),
    );
    expect(changed.firstMismatch).toEqual({
      what: "case-chain",
      officeId: "seoul",
      caseId: CASE_B,
      sequence: 2,
      reason: `changed: event 2 of case ${CASE_B} no longer has the recorded hash (it, or an event before it, was rewritten)`,
    });

    const removed = await whileTampered(
      t.db,
      (tx) => tx.query("DELETE FROM case_events WHERE case_id = $1 AND sequence >= 3", [CASE_A]),
      (tx) => verifyCheckpoint(tx, checkpoint, key.publicKey),
    );
    expect(removed.firstMismatch).toMatchObject({ what: "case-chain", caseId: CASE_A, sequence: 3 });
    expect(removed.firstMismatch?.reason).toMatch(/^removed/);

    // An event after the recorded head is not covered by this checkpoint.
    const later = await whileTampered(
      t.db,
      (tx) =>
        tx.query("UPDATE case_events SET payload = '{\"x\":1}' WHERE case_id = $1 AND sequence = 4", [
          CASE_A,
        ]),
      (tx) => verifyCheckpoint(tx, checkpoint, key.publicKey),
    );
    expect(later).toEqual({ ok: true });
    expect(await verifyCheckpoint(t.db, checkpoint, key.publicKey)).toEqual({ ok: true });
  });
});
