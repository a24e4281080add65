/**
 * What can be translated in a case (src/translations/sources/): each kind lists the case's texts
 * and reads one as units, as the demo's returning activist's earlier file holds them (a refusal
 * with reasons, an objection dismissed, material facts, evidence with text, cited country
 * information, interviews). Refs of another case, or of nothing, read as nothing.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, today, type AppContext } from "../../src/app/context.ts";
import { createDemoAccounts } from "../../src/demo/accounts.ts";
import { inProcessTarget, loadDemo } from "../../src/demo/load.ts";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { SOURCES, type CaseRef } from "../../src/translations/sources/index.ts";
import { useTestVault, type TestStorage } from "../support/vault.ts";

describe.each(createTestDatabases())("translatable texts on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  let vault: TestStorage | undefined;
  let earlier: CaseRef;
  let other: CaseRef;

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32) });
    vault = await useTestVault(ctx);
    await seedHolidays(ctx);
    await loadDemo(inProcessTarget(ctx, "demo-loader"), {
      cases: 1,
      seed: 3,
      today: today(ctx),
      calendar: ctx.calendar(),
    });
    await createDemoAccounts(ctx); // and the demo's interview record, on the sur-place case
    const [row] = await test.db.query<{ officeId: string; caseId: string }>(
      `SELECT DISTINCT c.office_id AS "officeId", c.case_id AS "caseId"
         FROM coi_citations c JOIN material_facts f ON f.office_id = c.office_id AND f.case_id = c.case_id`,
    );
    if (!row) throw new Error("the demo has no returning activist's earlier case");
    earlier = row;
    const [another] = await test.db.query<{ officeId: string; caseId: string }>(
      `SELECT office_id AS "officeId", id AS "caseId" FROM cases WHERE id <> $1 ORDER BY id LIMIT 1`,
      [earlier.caseId],
    );
    other = another!;
  }, 120_000);
  afterAll(async () => {
    await test?.dispose();
    await vault?.dispose();
  });

  const read = (kind: keyof typeof SOURCES, c: CaseRef, ref: string) =>
    test.db.transaction((tx) => SOURCES[kind].read(ctx, tx, c, ref));
  const list = (kind: keyof typeof SOURCES, c: CaseRef) =>
    test.db.transaction((tx) => SOURCES[kind].list(ctx, tx, c));

  it("reads a decision's notice as the notice prints it: labels, outcome, reasons, remedies", async () => {
    const decisions = await list("decision_notice", earlier);
    expect(decisions.map((d) => d.ref)).toContain("decision_issued@2022-08-05");
    const refusal = decisions.find((d) => d.ref === "decision_issued@2022-08-05")!;
    expect(refusal.language).toBe("ko");
    const text = await read("decision_notice", earlier, refusal.ref);
    const units = text!.units.map((u) => u.unit);
    expect(units.slice(0, 2)).toEqual(["label.decision", "outcome.not_recognized"]);
    expect(units).toContain("reasons.1");
    expect(units).toEqual(
      expect.arrayContaining([
        "remedy.objection.title",
        "remedy.objection.text",
        "remedy.suit.text",
        "label.due",
      ]),
    );
    // Templates keep their places: the notice fills them in the language it prints.
    expect(text!.units.find((u) => u.unit === "label.due")!.text).toContain("{date}");
    expect(await read("decision_notice", earlier, "decision_issued@1999-01-01")).toBeNull();
    expect(await read("decision_notice", other, refusal.ref)).toBeNull();
  });

  it("reads a fact's statement and a cited passage, by paragraph; another case's ids name nothing", async () => {
    const facts = await list("fact_statement", earlier);
    expect(facts.length).toBeGreaterThan(0);
    const fact = await read("fact_statement", earlier, facts[0]!.ref);
    expect(fact!.units[0]!.unit).toBe("statement.1");
    expect(fact!.units[0]!.text.length).toBeGreaterThan(10);
    expect(await read("fact_statement", other, facts[0]!.ref)).toBeNull();
    expect(await read("fact_statement", earlier, "not-an-id")).toBeNull();

    const cited = await list("coi_passage", earlier);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited[0]!.language).toMatch(/^[a-z]{2,3}/);
    const passage = await read("coi_passage", earlier, cited[0]!.ref);
    expect(passage!.units[0]!.unit).toBe("passage.1");
    expect(await read("coi_passage", other, cited[0]!.ref)).toBeNull();
  });

  it("offers evidence only with a text to translate, and interviews never to a machine", async () => {
    const items = await list("evidence_text", earlier);
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]!.label).toMatch(/^#\d+ \S/);
    for (const item of items) {
      const text = await read("evidence_text", earlier, item.ref);
      expect(text!.units.length).toBeGreaterThan(0);
    }
    expect(SOURCES.interview_transcript.machineAllowed).toBe(false);
    expect(SOURCES.evidence_text.machineAllowed).toBe(true);
    // The demo records an interview's transcript on another case (the sur-place showcase).
    const [held] = await test.db.query<{ officeId: string; caseId: string }>(
      `SELECT office_id AS "officeId", case_id AS "caseId" FROM interview_segments LIMIT 1`,
    );
    const interviews = await list("interview_transcript", held!);
    expect(interviews.length).toBeGreaterThan(0);
    const t = await read("interview_transcript", held!, interviews[0]!.ref);
    expect(t!.units.length).toBeGreaterThan(1);
    expect(t!.units.every((u) => /^segment\.\d+\.(question|answer)$/.test(u.unit))).toBe(true);
    expect(t!.units[0]!.unit).toBe("segment.1.question");
    expect(await read("interview_transcript", earlier, interviews[0]!.ref)).toBeNull();
  });
});
