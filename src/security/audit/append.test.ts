import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type Queryable, type TestDatabase } from "../../store/db.ts";
import { loadMigrations, migrate } from "../../store/migrate.ts";
import { appendAudit, appendAuditBatch } from "./append.ts";
import {
  AUDIT_CHAIN_JOIN,
  AUDIT_COLUMNS,
  fromAuditRow,
  GENESIS_HASH,
  hashAuditEntry,
  keyedPersonRef,
  normalizeAuditInput,
  type AuditRow,
  type StoredAuditEntry,
} from "./chain.ts";
import { sealAudit, startAuditSealer, unsealedEntries } from "./seal.ts";
import { CASE_A, CASE_B, entry, sealAll } from "./testing.ts";
import { verifyAudit } from "./verify.ts";

/**
 * The transaction without `beforeCommit`: the entry is inserted at once, as on a `tx` that is
 * not `Database.transaction`'s, so that it is in the log while the transaction stays open.
 */
const atOnce = (tx: Queryable): Queryable => ({
  query: (sql, params) => tx.query(sql, params),
  inTransaction: true,
});

/** A promise and the function that resolves it: to hold a transaction open until told. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe.each(createTestDatabases())("audit log appends on $kind", ({ kind, open }) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await open();
    await migrate(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const readChain = async () =>
    (await t.db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM ${AUDIT_CHAIN_JOIN} ORDER BY c.seq`)).map(
      fromAuditRow,
    );
  const count = async (table: string) =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
  /** The number of the entry last written. */
  const lastEntry = async () =>
    Number((await t.db.query<{ n: string }>("SELECT max(seq) AS n FROM audit_log"))[0]?.n ?? 0);
  /** Append in a transaction of its own; the entry's number. */
  const appendOne = async (e: Parameters<typeof appendAudit>[1]): Promise<number> => {
    await t.db.transaction((tx) => appendAudit(tx, e));
    return lastEntry();
  };

  it("writes entries in the caller's transaction; sealing links them into one chain, as hashed", async () => {
    const first = await t.db.transaction((tx) => appendAudit(tx, entry({ caseId: CASE_A.toUpperCase() })));
    const second = await t.db.transaction((tx) =>
      appendAudit(
        tx,
        entry({ action: "case.event.record", details: { sequence: 4, type: "interview_held" } }),
      ),
    );
    const third = await t.db.transaction((tx) =>
      appendAudit(
        tx,
        entry({
          action: "person.create",
          caseId: null,
          personRef: keyedPersonRef(Buffer.alloc(32, 7), "0190a1b2-0000-7000-8000-0000000000ff"),
          purpose: undefined,
        }),
      ),
    );
    expect(await lastEntry()).toBe(3);
    expect(first).toMatchObject({ caseId: CASE_A, purpose: "examination" });
    expect(third).toMatchObject({ caseId: null, purpose: null });
    // In the log at once, with their numbers; in the chain once sealed.
    expect(await count("audit_log")).toBe(3);
    expect(await count("audit_chain")).toBe(0);

    // (A transaction elsewhere in the cluster may hold a round back: seal until all are in.)
    await sealAll(t.db);
    const chain = await readChain();
    const contentOf = (e: object) => {
      const {
        seq: _seq,
        entry: _entry,
        prevHash: _prevHash,
        hash: _hash,
        ...content
      } = e as StoredAuditEntry;
      return content;
    };
    expect(chain.map(contentOf)).toEqual([first, second, third]);
    expect(chain.map((e) => [e.seq, e.entry])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(chain[0]?.prevHash).toBe(GENESIS_HASH);
    expect(chain[1]?.prevHash).toBe(chain[0]?.hash);
    expect(chain[2]?.prevHash).toBe(chain[1]?.hash);
    for (const e of chain) expect(hashAuditEntry(e.prevHash, e)).toBe(e.hash);
    expect(await verifyAudit(t.db)).toEqual({ ok: true, entries: 3, head: { seq: 3, hash: chain[2]?.hash } });
    // Nothing left: a second seal does nothing.
    expect(await sealAudit(t.db)).toEqual({ sealed: 0, head: { seq: 3, hash: chain[2]?.hash } });
  });

  it("hashes the entry's number too where it differs from its place in the chain", () => {
    const content = normalizeAuditInput(entry());
    const atItsNumber = hashAuditEntry(GENESIS_HASH, { ...content, seq: 5, entry: 5 });
    expect(hashAuditEntry(GENESIS_HASH, { ...content, seq: 5, entry: 9 })).not.toBe(atItsNumber);
    expect(hashAuditEntry(GENESIS_HASH, { ...content, seq: 6, entry: 5 })).not.toBe(atItsNumber);
  });

  it("appends a batch with consecutive numbers, sealed in that order", async () => {
    const stored = await t.db.transaction((tx) =>
      appendAuditBatch(tx, [entry({ action: "case.read" }), entry({ action: "case.document.read" })]),
    );
    expect(stored.map((e) => e.action)).toEqual(["case.read", "case.document.read"]);
    expect(await lastEntry()).toBe(5);
    expect(await t.db.transaction((tx) => appendAuditBatch(tx, []))).toEqual([]);
    await sealAll(t.db);
    expect((await readChain()).slice(-2).map((e) => [e.seq, e.entry, e.action])).toEqual([
      [4, 4, "case.read"],
      [5, 5, "case.document.read"],
    ]);
  });

  it("leaves nothing behind when the transaction rolls back; the chain has no gap", async () => {
    const attempt = t.db.transaction(async (tx) => {
      await appendAudit(tx, entry());
      throw new Error("the action failed");
    });
    await expect(attempt).rejects.toThrow("the action failed");
    expect(await count("audit_log")).toBe(5);
    // Inserted at once, a rolled-back entry takes a number; it is not used again, its place in
    // the chain is.
    const attemptAtOnce = t.db.transaction(async (tx) => {
      await appendAudit(atOnce(tx), entry());
      throw new Error("the action failed");
    });
    await expect(attemptAtOnce).rejects.toThrow("the action failed");
    expect(await count("audit_log")).toBe(5);
    expect(await appendOne(entry())).toBe(7);
    await sealAll(t.db);
    expect((await readChain()).at(-1)).toMatchObject({ seq: 6, entry: 7 });
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true, entries: 6, head: { seq: 6 } });
  });

  it("fails the action when the audit write fails", async () => {
    // The action's own write, then an audit entry that cannot be written.
    const attempt = t.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO case_events (office_id, case_id, sequence, type, occurred_on, payload, recorded_at,
                                  recorded_by, prev_hash, hash)
         VALUES ('seoul', $1, 1, 'application_filed', '2024-05-01', '{}', now(), 'examiner-7', $2, $2)`,
        [CASE_B, GENESIS_HASH],
      );
      await appendAudit(tx, entry({ details: { note: "x".repeat(201) } }));
    });
    await expect(attempt).rejects.toThrow(/longer than 200 characters: details hold ids/);
    expect(await t.db.query("SELECT 1 FROM case_events WHERE case_id = $1", [CASE_B])).toEqual([]);
  });

  it("writes quotes, backslashes and other scripts exactly, with the commit", async () => {
    const tricky = entry({
      purpose: `it's a \\'test\\'; DROP TABLE audit_log; --`,
      details: { note: 'O\'Brien \\ 김 \u00e9 "quoted" $1 $$x$$' },
    });
    const written = await t.db.transaction((tx) => appendAudit(tx, tricky));
    const [row] = await t.db.query<{ purpose: string; details: unknown }>(
      "SELECT purpose, details FROM audit_log WHERE seq = $1",
      [await lastEntry()],
    );
    expect(row).toEqual({ purpose: written.purpose, details: written.details });
    await sealAll(t.db);
    expect((await verifyAudit(t.db)).ok).toBe(true);
    await expect(t.db.query("SELECT 1 FROM audit_log LIMIT 1")).resolves.toHaveLength(1);
  });

  it("fails the whole transaction when the entry cannot be inserted at commit", async () => {
    await t.db.query(`CREATE FUNCTION refuse_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit log is unavailable'; END $$`);
    await t.db.query(
      "CREATE TRIGGER refuse_entry BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_entry()",
    );
    try {
      const attempt = t.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO case_events (office_id, case_id, sequence, type, occurred_on, payload, recorded_at,
                                    recorded_by, prev_hash, hash)
           VALUES ('seoul', $1, 1, 'application_filed', '2024-05-01', '{}', now(), 'examiner-7', $2, $2)`,
          [CASE_B, GENESIS_HASH],
        );
        await appendAudit(tx, entry());
      });
      await expect(attempt).rejects.toThrow(/the audit log is unavailable/);
      expect(await t.db.query("SELECT 1 FROM case_events WHERE case_id = $1", [CASE_B])).toEqual([]);
    } finally {
      await t.db.query("DROP TRIGGER refuse_entry ON audit_log");
      await t.db.query("DROP FUNCTION refuse_entry()");
    }
  });

  it("refuses to append outside a transaction", async () => {
    await expect(appendAudit(t.db, entry())).rejects.toThrow(/inside the caller's transaction/);
    expect(await count("audit_log")).toBe(7);
  });

  it("keeps personal data out of entries", async () => {
    const tryAppend = (overrides: Parameters<typeof entry>[0]) =>
      t.db.transaction((tx) => appendAudit(tx, entry(overrides)));
    await expect(tryAppend({ personRef: "Kim Minji" })).rejects.toThrow(/keyed hash/);
    await expect(tryAppend({ details: { 김민지: 1 } })).rejects.toThrow(/not an identifier/);
    await expect(tryAppend({ details: { ids: ["x".repeat(250)] } })).rejects.toThrow(/details\.ids\[0\]/);
    await expect(tryAppend({ caseId: "case-1" })).rejects.toThrow(/uuid/);
    await expect(tryAppend({ action: "Read case" })).rejects.toThrow(/dotted/);
    await expect(tryAppend({ at: "2024-05-02 10:00" })).rejects.toThrow(/ISO instant/);
    await expect(tryAppend({ purpose: "p".repeat(2001) })).rejects.toThrow(/purpose is longer/);
    expect(await count("audit_log")).toBe(7);
  });

  it("refuses to update, delete or truncate the log or the chain", async () => {
    await expect(t.db.query("UPDATE audit_log SET actor = 'someone' WHERE seq = 1")).rejects.toThrow(
      /audit_log is append-only: UPDATE is not allowed/,
    );
    await expect(t.db.query("DELETE FROM audit_log WHERE seq = 1")).rejects.toThrow(/append-only: DELETE/);
    await expect(t.db.query("TRUNCATE audit_log")).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(t.db.query("UPDATE audit_chain SET entry = 2 WHERE seq = 1")).rejects.toThrow(
      /audit_chain is append-only: UPDATE is not allowed/,
    );
    await expect(t.db.query("DELETE FROM audit_chain WHERE seq = 6")).rejects.toThrow(/append-only: DELETE/);
    await expect(t.db.query("TRUNCATE audit_chain")).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await count("audit_log")).toBe(7);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("seals a backlog in rounds of a bounded size, in order, none twice", async () => {
    const before = await count("audit_chain");
    const written: number[] = [];
    for (let i = 0; i < 5; i++) written.push(await appendOne(entry({ details: { backlog: i } })));
    // Rounds of two: the horizon moves only after a round that sealed everything it could.
    for (let i = 0; i < 100 && (await unsealedEntries(t.db)).count > 0; i++) {
      const round = await sealAudit(t.db, { batch: 2 });
      expect(round.sealed).toBeLessThanOrEqual(6);
    }
    const sealed = (await readChain()).slice(before);
    expect(sealed.map((e) => e.entry)).toEqual(written);
    expect(new Set((await readChain()).map((e) => e.entry)).size).toBe(before + 5);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("seals in the background while the server runs", async () => {
    const sealer = startAuditSealer(t.db, { intervalMs: 10 });
    try {
      const written = await appendOne(entry({ details: { background: true } }));
      // Whatever the timer did meanwhile, a round asked for now leaves nothing committed behind.
      for (let i = 0; i < 200 && (await unsealedEntries(t.db)).count > 0; i++) await sealer.sealNow();
      expect((await readChain()).at(-1)).toMatchObject({
        entry: written,
        details: { background: true },
      });
    } finally {
      await sealer.stop();
    }
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  // Two transactions at once need two connections: PGlite has one.
  if (kind === "postgres") {
    describe("concurrent appends", () => {
      it("take no lock: a transaction appends and commits while another one's entry is written and open", async () => {
        const held = gate();
        const written = gate();
        const first = t.db.transaction(async (tx) => {
          await appendAudit(atOnce(tx), entry({ details: { order: "first" } }));
          written.open();
          await held.wait;
        });
        await written.wait;
        // Under a lock held to the end of `first`, this would wait, and fail after lock_timeout.
        const second = t.db.transaction(async (tx) => {
          await tx.query("SET LOCAL lock_timeout = '2s'");
          await appendAudit(atOnce(tx), entry({ details: { order: "second" } }));
        });
        await expect(second).resolves.toBeUndefined();
        held.open();
        await first;
        await sealAll(t.db);
        expect((await verifyAudit(t.db)).ok).toBe(true);
      });

      it("never passes over an entry that commits after entries with larger numbers were sealed", async () => {
        const before = await count("audit_chain");
        // `older` has the older transaction but writes its entry after `late` has written its own;
        // `older` commits and is sealed while `late`, with the smaller number, is still open.
        const olderStarted = gate();
        const lateWrote = gate();
        const lateMayCommit = gate();
        const numberOf = async (tx: Queryable, mark: string) =>
          Number(
            (
              await tx.query<{ n: string }>("SELECT seq AS n FROM audit_log WHERE details->>'commits' = $1", [
                mark,
              ])
            )[0]?.n,
          );
        const older = t.db.transaction(async (tx) => {
          await tx.query("SELECT pg_current_xact_id()");
          olderStarted.open();
          await lateWrote.wait;
          await appendAudit(atOnce(tx), entry({ details: { commits: "first" } }));
          return numberOf(tx, "first");
        });
        await olderStarted.wait;
        const late = t.db.transaction(async (tx) => {
          await appendAudit(atOnce(tx), entry({ details: { commits: "last" } }));
          lateWrote.open();
          await lateMayCommit.wait;
          return numberOf(tx, "last");
        });
        const olderEntry = await older;
        // Seals `older`'s entry (unless a transaction elsewhere in the cluster holds sealing back).
        await sealAudit(t.db);
        lateMayCommit.open();
        const lateEntry = await late;
        expect(lateEntry).toBeLessThan(olderEntry);
        await sealAll(t.db);
        const sealed = (await readChain()).slice(before).map((e) => e.entry);
        expect([...sealed].sort((a, b) => a - b)).toEqual([lateEntry, olderEntry]);
        expect(await verifyAudit(t.db)).toMatchObject({ ok: true, entries: before + 2 });
      });

      it("seals one round at a time: concurrent sealers never fork the chain", async () => {
        await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            t.db.transaction((tx) => appendAudit(tx, entry({ details: { i } }))),
          ),
        );
        const reports = await Promise.all([sealAudit(t.db), sealAudit(t.db), sealAudit(t.db)]);
        expect(reports.reduce((sum, r) => sum + r.sealed, 0)).toBeLessThanOrEqual(12);
        await sealAll(t.db);
        expect(await unsealedEntries(t.db)).toMatchObject({ count: 0 });
        expect((await verifyAudit(t.db, { pageSize: 5 })).ok).toBe(true);
      });
    });
  }
});

describe.each(createTestDatabases())("the audit chain across migration 0012 on $kind", ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("keeps the hashes of entries written before it, and chains new entries after them", async () => {
    await migrate(
      t.db,
      loadMigrations().filter((m) => m.version < "0012"),
    );
    // Entries as appends wrote them before 0012: number = place, hash and link in the row.
    let prevHash = GENESIS_HASH;
    const legacy: string[] = [];
    for (let seq = 1; seq <= 3; seq++) {
      const content = normalizeAuditInput(entry({ details: { legacy: seq } }));
      const hash = hashAuditEntry(prevHash, { ...content, seq, entry: seq });
      await insertLegacy(t.db, seq, content, prevHash, hash);
      legacy.push(hash);
      prevHash = hash;
    }
    await migrate(t.db);
    const [head] = await t.db.query<{ hash: string }>("SELECT hash FROM audit_chain WHERE seq = 3");
    expect(head?.hash).toBe(legacy[2]);
    await t.db.transaction((tx) => appendAudit(tx, entry({ details: { after: 0 } })));
    expect((await t.db.query("SELECT seq FROM audit_log WHERE details ? 'after'"))[0]).toEqual({ seq: 4 });
    await sealAll(t.db);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true, entries: 4, head: { seq: 4 } });
  });
});

describe.each(createTestDatabases())("the audit chain after a restore on $kind", ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
    await migrate(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("goes on sealing when the transaction ids came from another cluster", async () => {
    // What a dump of a cluster whose transaction ids ran far higher leaves when it is restored:
    // one sealed entry, one committed there but not yet sealed, the numbering, and the horizon.
    const content = (n: number) => normalizeAuditInput(entry({ details: { restored: n } }));
    const hash = hashAuditEntry(GENESIS_HASH, { ...content(1), seq: 1, entry: 1 });
    for (const [seq, txid] of [
      [1, "999999999990"],
      [2, "999999999995"],
    ] as const) {
      const e = content(seq);
      await t.db.query(
        `INSERT INTO audit_log (seq, at, actor, actor_role, address, office_id, case_id, action, purpose,
                                outcome, details, txid)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          seq,
          e.at,
          e.actor,
          e.actorRole,
          e.address,
          e.officeId,
          e.caseId,
          e.action,
          e.purpose,
          e.outcome,
          JSON.stringify(e.details),
          txid,
        ],
      );
    }
    await t.db.query(
      "INSERT INTO audit_chain (seq, entry, prev_hash, hash, horizon) VALUES (1, 1, $1, $2, '999999999999')",
      [GENESIS_HASH, hash],
    );
    await t.db.query("SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), 2)");
    // A new entry, with a transaction id of this cluster, far below the restored horizon.
    await t.db.transaction((tx) => appendAudit(tx, entry({ details: { restored: 3 } })));
    await sealAll(t.db, 5000);
    expect(
      (await t.db.query<{ entry: number }>("SELECT entry FROM audit_chain ORDER BY seq")).map((r) => r.entry),
    ).toEqual([1, 2, 3]);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true, entries: 3 });
  });
});

async function insertLegacy(
  db: Queryable,
  seq: number,
  e: ReturnType<typeof normalizeAuditInput>,
  prevHash: string,
  hash: string,
): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (seq, at, actor, actor_role, address, office_id, case_id, person_ref, action,
                            purpose, outcome, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      seq,
      e.at,
      e.actor,
      e.actorRole,
      e.address,
      e.officeId,
      e.caseId,
      e.personRef,
      e.action,
      e.purpose,
      e.outcome,
      JSON.stringify(e.details),
      prevHash,
      hash,
    ],
  );
}
