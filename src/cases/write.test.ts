/**
 * The one case-write path keeps, beside each case, a snapshot of the profile's fold so that a write
 * never re-reads the history. The snapshot must be exactly what folding the whole history gives,
 * and the projection written from it exactly what a projection from the whole history is: checked
 * here on realistic histories (the demo dataset, recorded event by event through `recordEvent`), on
 * PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, today, type AppContext } from "../app/context.ts";
import { inProcessTarget, loadDemo } from "../demo/load.ts";
import { seedHolidays } from "../holidays/add-holiday.ts";
import { krRefugeeAct } from "../profiles/kr-refugee-act/profile.ts";
import { createTestDatabases, type Queryable, type TestDatabase } from "../store/db.ts";
import { migrate } from "../store/migrate.ts";
import { loadCaseHead } from "./db/cases.ts";
import { openEvents, readEvents } from "./db/event-store.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import { toCaseEvents } from "./view.ts";
import { refreshProjections, refreshStaleFolds } from "./refresh-projections.ts";
import { openSnapshot, project, snapshotOf, writeCase } from "./write.ts";
import { recordEvent } from "../kernel/procedure/record-events.ts";
import { systemPrincipal } from "../security/access/policy.ts";

/** The case's snapshot, decrypted (it is stored sealed, with a fresh nonce at every write). */
const snapshotIn = async (db: Queryable, keyring: Keyring, id: string) => {
  const head = await loadCaseHead(db, id);
  return head ? openSnapshot(keyring, head.header, head.snapshot) : null;
};

/** The case's history, decrypted. */
const historyOf = async (db: Queryable, keyring: Keyring, id: string) =>
  toCaseEvents(openEvents(keyring, await readEvents(db, id)));

const rowsOf = async (db: Queryable, keyring: Keyring, id: string) => ({
  cases: await db.query(
    `SELECT version, stage, applicant_status, protection, final, final_since, redecision_required,
            removal_barred, valid_until, profile FROM cases WHERE id = $1`,
    [id],
  ),
  snapshot: await snapshotIn(db, keyring, id),
  deadlines: await db.query("SELECT * FROM case_deadlines WHERE case_id = $1 ORDER BY ord", [id]),
  stats: await db.query(
    `SELECT first_outcome, first_decided_on, final_outcome, final_on FROM stat_cases WHERE case_id = $1`,
    [id],
  ),
  decisions: await db.query("SELECT * FROM stat_decisions WHERE case_id = $1 ORDER BY seq", [id]),
});

describe.each(createTestDatabases())("the case-write path's snapshot on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  let ids: string[] = [];

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32) });
    await seedHolidays(ctx);
    await loadDemo(inProcessTarget(ctx, "snapshot-test"), {
      cases: 40,
      seed: 7,
      today: today(ctx),
      calendar: ctx.calendar(),
    });
    ids = (await test.db.query<{ id: string }>("SELECT id FROM cases ORDER BY id")).map((r) => r.id);
  });
  afterAll(async () => test?.dispose());

  it("keeps, after every write, the snapshot that folding the whole history gives", async () => {
    expect(ids.length).toBeGreaterThanOrEqual(40);
    let events = 0;
    for (const id of ids) {
      const history = await historyOf(test.db, ctx.keyring, id);
      events += history.length;
      const head = await loadCaseHead(test.db, id);
      expect(head?.version, id).toBe(history.length);
      expect(await snapshotIn(test.db, ctx.keyring, id), id).toEqual(snapshotOf(krRefugeeAct, history));
    }
    // Long histories are among them: the demo takes cases through objection and the courts.
    expect(events / ids.length).toBeGreaterThan(4);
  });

  it("writes the projection that a projection from the whole history writes", async () => {
    const now = today(ctx);
    for (const id of ids) {
      const before = await rowsOf(test.db, ctx.keyring, id);
      const history = await historyOf(test.db, ctx.keyring, id);
      const head = await loadCaseHead(test.db, id);
      if (!head) throw new Error(`no case ${id}`);
      await test.db.transaction((tx) =>
        project(
          tx,
          ctx.keyring,
          krRefugeeAct,
          head.header,
          snapshotOf(krRefugeeAct, history),
          history.length,
          now,
          ctx.calendar(),
        ),
      );
      expect(await rowsOf(test.db, ctx.keyring, id), id).toEqual(before);
    }
  });
  it("folds again a snapshot that an earlier fold made, before the next write decides", async () => {
    const id = ids[0];
    if (!id) throw new Error("no case");
    const head = await loadCaseHead(test.db, id);
    if (!head) throw new Error(`no case ${id}`);
    // A snapshot left by an older version of the profile's fold, with a state that is now wrong.
    const stale = {
      ...(await snapshotIn(test.db, ctx.keyring, id)),
      foldVersion: krRefugeeAct.foldVersion - 1,
      state: { wrong: true },
    };
    await test.db.query("UPDATE cases SET snapshot = $2 WHERE id = $1", [id, JSON.stringify(stale)]);
    await refreshProjections(ctx, [head.header]);
    const history = await historyOf(test.db, ctx.keyring, id);
    expect(await snapshotIn(test.db, ctx.keyring, id)).toEqual(snapshotOf(krRefugeeAct, history));
  });
  it("recomputes at start-up every case view an older fold made, and only those", async () => {
    const [a, b] = ids;
    if (!a || !b) throw new Error("no cases");
    const before = await rowsOf(test.db, ctx.keyring, b);
    // Case a: a snapshot of an older fold and a stage the rules never gave (as after a rule change).
    const stale = {
      ...(await snapshotIn(test.db, ctx.keyring, a)),
      foldVersion: krRefugeeAct.foldVersion - 1,
    };
    await test.db.query("UPDATE cases SET snapshot = $2, stage = 'examination' WHERE id = $1", [
      a,
      JSON.stringify(stale),
    ]);
    expect(await refreshStaleFolds(ctx, 1)).toBe(1);
    const history = await historyOf(test.db, ctx.keyring, a);
    expect(await snapshotIn(test.db, ctx.keyring, a)).toEqual(snapshotOf(krRefugeeAct, history));
    const stage = await test.db.query<{ stage: string }>("SELECT stage FROM cases WHERE id = $1", [a]);
    expect(stage[0]?.stage).toBe(
      krRefugeeAct.derive(
        snapshotOf(krRefugeeAct, history).state as Parameters<typeof krRefugeeAct.derive>[0],
        today(ctx),
        ctx.calendar(),
      ).stage,
    );
    // Nothing else was stale: a second run touches nothing, and case b is as it was.
    expect(await refreshStaleFolds(ctx)).toBe(0);
    expect(await rowsOf(test.db, ctx.keyring, b)).toEqual(before);
  });
  it("appends record events by the same path, folds them in the snapshot and again from history", async () => {
    const id = ids[1];
    if (!id) throw new Error("no case");
    const actor = { principal: systemPrincipal("snapshot-test"), address: "local" };
    const before = await rowsOf(test.db, ctx.keyring, id);
    const itemId = "0190a6e0-0000-7000-8000-0000000000a1";
    const view = await writeCase(ctx, actor, id, {
      action: "evidence.attach",
      right: "evidence.attach",
      run: async (c) => ({
        result: await c.record([
          recordEvent("evidence_attached", c.today, {
            itemId,
            number: 1,
            kind: "foreign_state_action",
            supplier: "foreign_state",
            channel: "post",
            files: [],
            foreignStateAction: { action: "interpol_notice", state: "KHM", actedOn: c.today },
          }),
        ]),
      }),
    });
    expect(view.version).toBe((before.cases[0] as { version: number }).version + 1);
    expect(view.removalBarred).toBe(true);
    expect(view.removalHolds).toEqual([
      { itemId, action: "interpol_notice", state: "KHM", actedOn: today(ctx) },
    ]);
    const after = await rowsOf(test.db, ctx.keyring, id);
    // The procedure did not move: the same stage, deadlines and statistics.
    expect(after.deadlines).toEqual(before.deadlines);
    expect(after.stats).toEqual(before.stats);
    expect(after.decisions).toEqual(before.decisions);
    expect((after.cases[0] as { stage: string }).stage).toBe((before.cases[0] as { stage: string }).stage);
    expect((after.cases[0] as { removal_barred: boolean }).removal_barred).toBe(true);
    // The snapshot is the fold of the whole history, record events included.
    const history = await historyOf(test.db, ctx.keyring, id);
    expect(history.at(-1)?.type).toBe("evidence_attached");
    const snapshot = await snapshotIn(test.db, ctx.keyring, id);
    expect(snapshot).toEqual(snapshotOf(krRefugeeAct, history));
    expect(snapshot?.record?.holds).toHaveLength(1);
    // A snapshot of an older fold is folded again from the history, holds and all.
    const head = await loadCaseHead(test.db, id);
    if (!head) throw new Error(`no case ${id}`);
    const stale = { ...snapshot, foldVersion: krRefugeeAct.foldVersion - 1, record: undefined };
    await test.db.query("UPDATE cases SET snapshot = $2 WHERE id = $1", [id, JSON.stringify(stale)]);
    await refreshProjections(ctx, [head.header]);
    expect((await snapshotIn(test.db, ctx.keyring, id))?.record?.holds).toHaveLength(1);
    // Record events cannot be appended as the procedure's, nor procedure events as record events.
    await expect(
      writeCase(ctx, actor, id, {
        action: "case.event.record",
        right: "evidence.attach",
        run: async (c) => ({
          result: await c.append([
            recordEvent("evidence_withdrawn", c.today, { itemId, reason: "not a record" }),
          ]),
        }),
      }),
    ).rejects.toThrow(/record\(\)/);
  });
});
