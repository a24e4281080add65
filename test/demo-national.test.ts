/**
 * The national demo dataset: its calibration (pure), and its bulk loader on a real database
 * (PGlite always, PostgreSQL when TEST_DATABASE_URL is set), checked against what the per-request
 * code writes for the same events.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCaseEvents } from "../src/cases/view.ts";
import { openSnapshot, project, snapshotOf } from "../src/cases/write.ts";
import type { Keyring } from "../src/security/crypto/keyring.ts";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { createKoreanCalendar } from "../src/profiles/kr-refugee-act/calendar.ts";
import { krRefugeeAct, type ApplicationFiled } from "../src/profiles/kr-refugee-act/index.ts";
import { loadCaseHead } from "../src/cases/db/cases.ts";
import { play } from "../src/profiles/kr-refugee-act/script.ts";
import { verifyAudit } from "../src/security/audit/verify.ts";
import {
  calibrateRates,
  planYears,
  REFERENCE_FIGURES,
  type YearOpportunities,
} from "../src/demo/national/calibration.ts";
import { generateNationalDataset, type NationalDataset } from "../src/demo/national/generate.ts";
import { bulkLoadNational, DatabaseNotEmptyError, LOADER_NAME } from "../src/demo/national/load.ts";
import { summarizeNational } from "../src/demo/national/summary.ts";
import { parseYears } from "../src/demo/national/run.ts";
import { createTestDatabases, type Queryable, type TestDatabase } from "../src/store/db.ts";
import { openEvents, readEvents } from "../src/cases/db/event-store.ts";
import { migrate } from "../src/store/migrate.ts";
import { findPersonIdsByIdentifier, getPerson } from "../src/persons/db.ts";
import { verifyChains } from "../src/cases/db/verify-chains.ts";

const NOW = new Date("2026-11-24T03:00:00Z");
const TODAY = "2026-11-24";
/** About 300 cases filed in 2023 and 2024. */
const SCALE = 300 / (18_837 + 18_336);

describe("national demo calibration (pure)", () => {
  it("files each year's applications within 1% of the reference figures, about a tenth re-applications", () => {
    for (const plan of planYears(2015, 2025)) {
      const ref = REFERENCE_FIGURES.find((f) => f.year === plan.year);
      expect(ref).toBeDefined();
      expect(Math.abs(plan.applications - (ref?.applications ?? 0))).toBeLessThanOrEqual(
        0.01 * (ref?.applications ?? 0),
      );
      expect(plan.subsequent / plan.applications).toBeGreaterThan(0.08);
      expect(plan.subsequent / plan.applications).toBeLessThan(0.12);
    }
    for (const plan of planYears(2019, 2024, 0.01)) {
      const ref = REFERENCE_FIGURES.find((f) => f.year === plan.year)?.applications ?? 0;
      expect(Math.abs(plan.applications - ref * 0.01)).toBeLessThanOrEqual(Math.max(1, 0.03 * ref * 0.01));
    }
  });

  it("sets each year's rate so that expected grants meet the target, fixed-odds grants first", () => {
    const plans = planYears(2023, 2024);
    const seen = new Map<number, YearOpportunities>([
      [2023, { refugee: 20_000, humanitarian: 30_000, fixedRefugee: 21, fixedHumanitarian: 2 }],
      [2024, { refugee: 25_000, humanitarian: 12_000, fixedRefugee: 5, fixedHumanitarian: 1 }],
    ]);
    const rates = calibrateRates(plans, seen);
    for (const plan of plans) {
      const r = rates.get(plan.year);
      const o = seen.get(plan.year);
      if (!r || !o) throw new Error("missing year");
      expect(r.refugee * o.refugee + o.fixedRefugee).toBeCloseTo(plan.recognized, 6);
      expect(r.humanitarian * o.humanitarian + o.fixedHumanitarian).toBeCloseTo(plan.humanitarian, 6);
    }
    // A year that would need implausible odds is capped.
    const capped = calibrateRates(plans, new Map([[2024, { ...seen.get(2024)!, refugee: 10 }]]));
    expect(capped.get(2024)?.refugee).toBe(0.05);
  });

  it("reads --years, --from and --year", () => {
    expect(parseYears({ years: "2019-2024" })).toEqual({ from: 2019, year: 2024 });
    expect(parseYears({ year: 2024 })).toEqual({ from: 2019, year: 2024 });
    expect(parseYears({ from: 2021, year: 2023 })).toEqual({ from: 2021, year: 2023 });
    expect(() => parseYears({ years: "2010-2024" })).toThrow(/reference figures/);
  });

  it("generates the same dataset from the same seed, every history accepted by the engine", () => {
    const calendar = createKoreanCalendar([]);
    const a = generateNationalDataset({ from: 2024, year: 2024, scale: 0.004, today: TODAY, calendar });
    const b = generateNationalDataset({ from: 2024, year: 2024, scale: 0.004, today: TODAY, calendar });
    expect(b.cases).toEqual(a.cases);
    expect(a.cases.length).toBe(Math.round(18_336 * 0.004));
    for (const c of a.cases) {
      expect(c.events.every((e) => e.occurredOn <= "2024-12-31")).toBe(true);
      expect(() =>
        play({ office: c.office, channel: c.channel, kind: c.kind, occurredOn: c.filedOn }, c.events, {
          today: TODAY,
          calendar,
        }),
      ).not.toThrow();
    }
  });
});

async function rowsOf(db: Queryable, keyring: Keyring, caseIds: string[]) {
  const q = (sql: string) => db.query(sql, [caseIds]);
  const cases = await db.query<
    Record<string, unknown> & { office_id: string; id: string; snapshot: unknown }
  >(
    `SELECT office_id, id, person_id, channel, kind, filed_on, prior_case_ids, version, stage, applicant_status,
            protection, final, final_since, redecision_required, removal_barred, nationality, valid_until,
            profile, snapshot
       FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id`,
    [caseIds],
  );
  return {
    // The snapshot is sealed with a fresh nonce at every write: compared decrypted.
    cases: cases.map((c) => ({
      ...c,
      snapshot: openSnapshot(keyring, { officeId: c.office_id, id: c.id }, c.snapshot),
    })),
    deadlines: await q("SELECT * FROM case_deadlines WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, ord"),
    statCases: await q("SELECT * FROM stat_cases WHERE case_id = ANY($1::uuid[]) ORDER BY case_id"),
    statDecisions: await q(
      "SELECT * FROM stat_decisions WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, seq",
    ),
  };
}

describe.each(createTestDatabases())("national demo bulk load on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  let dataset: NationalDataset;
  let loaded: Awaited<ReturnType<typeof bulkLoadNational>>;

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: () => NOW });
    await seedHolidays(ctx);
    dataset = generateNationalDataset({
      from: 2023,
      year: 2024,
      scale: SCALE,
      today: TODAY,
      calendar: ctx.calendar(),
    });
    loaded = await bulkLoadNational(ctx, dataset, { asOf: TODAY, batchSize: 120 });
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it("loads every case, person and event, and every chain verifies", async () => {
    expect(dataset.cases.length).toBeGreaterThan(280);
    expect(dataset.cases.some((c) => c.kind === "subsequent")).toBe(true);
    expect(loaded.cases).toBe(dataset.cases.length);
    expect(loaded.persons).toBe(dataset.persons.length);
    const report = await verifyChains(test.db);
    expect(report).toMatchObject({ ok: true, cases: dataset.cases.length, events: loaded.events });
  });

  it("stores histories the engine accepts, event by event, in order", async () => {
    const all = await test.db.query<{ case_id: string }>("SELECT id AS case_id FROM cases");
    for (const { case_id } of all) {
      const [filed, ...rest] = toCaseEvents(openEvents(ctx.keyring, await readEvents(test.db, case_id)));
      const { type: _t, ...filing } = filed as ApplicationFiled;
      const replayed = play(filing, rest, { today: TODAY, calendar: ctx.calendar() });
      expect(replayed.events).toEqual([filed, ...rest]);
    }
  });

  it("writes the snapshot, projection, deadlines and statistics rows the write path writes for the same events", async () => {
    const ids = [...loaded.caseIds.values()].filter((_, i) => i % 5 === 0);
    const before = await rowsOf(test.db, ctx.keyring, ids);
    expect(before.cases).toHaveLength(ids.length);
    expect(before.statDecisions.length).toBeGreaterThan(0);
    for (const id of ids) {
      const events = toCaseEvents(openEvents(ctx.keyring, await readEvents(test.db, id)));
      const head = await loadCaseHead(test.db, id);
      if (!head) throw new Error(`no case ${id}`);
      // The snapshot a write would fold from the whole history, projected as every write projects.
      const snapshot = snapshotOf(krRefugeeAct, events);
      expect(openSnapshot(ctx.keyring, head.header, head.snapshot)).toEqual(snapshot);
      await test.db.transaction((tx) =>
        project(tx, ctx.keyring, krRefugeeAct, head.header, snapshot, events.length, TODAY, ctx.calendar()),
      );
    }
    expect(await rowsOf(test.db, ctx.keyring, ids)).toEqual(before);
  });

  it("registers persons with encrypted, blind-indexed identifiers and their first case's office", async () => {
    const byKey = new Map(dataset.persons.map((p) => [p.key, p]));
    const firstCase = dataset.cases[0];
    if (!firstCase) throw new Error("no cases");
    const demo = byKey.get(firstCase.personKey);
    const [row] = await test.db.query<{ person_id: string }>("SELECT person_id FROM cases WHERE id = $1", [
      loaded.caseIds.get(firstCase.key),
    ]);
    const person = await getPerson(test.db, ctx.keyring, row?.person_id ?? "");
    expect(person).toMatchObject({
      names: demo?.names,
      nationality: demo?.nationality,
      createdBy: LOADER_NAME,
    });
    expect(person?.identifiers).toEqual(demo?.identifiers ?? []);
    const [plain] = await test.db.query<{ identifiers_enc: string | null; registered_office_id: string }>(
      "SELECT identifiers_enc, registered_office_id FROM persons WHERE id = $1",
      [row?.person_id],
    );
    expect(plain?.registered_office_id).toBe(firstCase.office);
    const id = demo?.identifiers?.[0];
    if (id) {
      expect(plain?.identifiers_enc).not.toContain(id.value);
      expect(await findPersonIdsByIdentifier(test.db, ctx.keyring, id.kind, id.value)).toContain(
        row?.person_id,
      );
    }
    const [reapplied] = await test.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM cases WHERE kind = 'subsequent' AND cardinality(prior_case_ids) > 0",
    );
    expect(reapplied?.n).toBe(dataset.cases.filter((c) => c.kind === "subsequent").length);
  });

  it("leaves one audit entry per batch, by the system principal, and the audit chain verifies", async () => {
    const entries = await test.db.query<{ actor: string; details: { cases: number } }>(
      "SELECT actor, details FROM audit_log WHERE action = 'demo.bulk_load' ORDER BY seq",
    );
    expect(entries).toHaveLength(loaded.batches);
    expect(entries.every((e) => e.actor === LOADER_NAME)).toBe(true);
    expect(entries.reduce((s, e) => s + Number(e.details.cases), 0)).toBe(dataset.cases.length);
    expect((await verifyAudit(test.db)).ok).toBe(true);
  });

  it("computes the yearly figures from the stored rows", async () => {
    const s = await summarizeNational(test.db, 2023, 2024);
    expect(s.years.map((y) => y.applications)).toEqual(dataset.plans.map((p) => p.applications));
    const y2024 = s.years[1];
    expect(y2024?.perApplicationRate).toBeCloseTo((y2024?.recognized ?? 0) / (y2024?.applications ?? 1), 10);
    expect(s.objectionShare).toBeGreaterThan(0.5);
  });

  it("records what each re-application brought, its sur-place claim and representation, and nothing for first applications", async () => {
    const subsequent = dataset.cases.filter((c) => c.kind === "subsequent");
    expect(subsequent.every((c) => c.reapplication !== undefined)).toBe(true);
    expect(dataset.cases.filter((c) => c.kind === "first").every((c) => c.reapplication === undefined)).toBe(
      true,
    );
    const [elements] = await test.db.query<{ n: number; cases: number; wrong: number; by: string[] }>(
      `SELECT count(*)::int AS n, count(DISTINCT e.case_id)::int AS cases,
              count(*) FILTER (WHERE c.kind <> 'subsequent')::int AS wrong, array_agg(DISTINCT e.classified_by) AS by
         FROM reapplication_elements e JOIN cases c ON c.office_id = e.office_id AND c.id = e.case_id`,
    );
    const expected = subsequent.reduce((n, c) => n + (c.reapplication?.elements.length ?? 0), 0);
    expect(elements).toMatchObject({ n: expected, wrong: 0, by: [LOADER_NAME] });
    const [claims] = await test.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM reapplication_claims",
    );
    expect(claims?.n).toBe(subsequent.filter((c) => c.reapplication?.surPlace !== null).length);
    const [mandates] = await test.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mandates m JOIN cases c ON c.office_id = m.office_id AND c.id = m.case_id
        WHERE m.valid_from = c.filed_on`,
    );
    expect(mandates?.n).toBe(subsequent.filter((c) => c.reapplication?.represented).length);
  });

  it("refuses a database that has cases unless told to append, and refuses production", async () => {
    const tiny = generateNationalDataset({
      from: 2024,
      year: 2024,
      scale: 0.0005,
      seed: 7,
      today: TODAY,
      calendar: ctx.calendar(),
    });
    await expect(bulkLoadNational(ctx, tiny, { asOf: TODAY })).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    await expect(bulkLoadNational(ctx, tiny, { asOf: TODAY })).rejects.toThrow(/--force-append/);
    const appended = await bulkLoadNational(ctx, tiny, { asOf: TODAY, forceAppend: true });
    expect(appended.cases).toBe(tiny.cases.length);
    expect((await verifyChains(test.db)).ok).toBe(true);
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await expect(bulkLoadNational(ctx, tiny, { asOf: TODAY, forceAppend: true })).rejects.toThrow(
        /production/,
      );
    } finally {
      process.env.NODE_ENV = env;
    }
  });
});
