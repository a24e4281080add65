/**
 * The demo's translations, on both databases: loading the demo's accounts translates the returning
 * activist's earlier decisions into Khmer through the commands the API uses (requested by the demo
 * examiner, translated by demo-translator, reviewed and finalized by demo-translator2), so that
 * the Seoul office's Korean → Khmer memory holds the notice's remedies, and the case's record holds
 * each step with who took it.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, today, type AppContext } from "../../src/app/context.ts";
import { matchingCases } from "../../src/cases/search-cases.ts";
import { createDemoAccounts } from "../../src/demo/accounts.ts";
import { sentences } from "../../src/demo/khmer.ts";
import { inProcessTarget, loadDemo } from "../../src/demo/load.ts";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { queryWords } from "../../src/persons/name-keys.ts";
import { NOTICES } from "../../src/profiles/kr-refugee-act/notices.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { memoryMatches } from "../../src/translations/memory/index.ts";

describe.each(createTestDatabases())("the demo's Khmer translations on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  let caseId = "";

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32) });
    await seedHolidays(ctx);
    await loadDemo(inProcessTarget(ctx, "demo-loader"), {
      cases: 6,
      today: today(ctx),
      calendar: ctx.calendar(),
    });
    await createDemoAccounts(ctx);
    const [earlier] = await matchingCases(ctx.db, ctx.keyring, queryWords("Sok Chandara"), 5, {
      office: "seoul",
    });
    caseId = earlier?.id ?? "";
  }, 240_000);
  afterAll(async () => test?.dispose());

  it("finalizes a Khmer translation of each of the earlier case's decisions, translated and reviewed by two people", async () => {
    const jobs = await test.db.query<{
      state: string;
      kind: string;
      ref: string;
      by: string;
      rev: string;
      fin: string;
    }>(
      `SELECT j.state, j.source_kind AS kind, j.source_ref AS ref, t.username AS by, r.username AS rev,
              f.username AS fin
         FROM translation_jobs j
         JOIN accounts t ON t.id = j.translator_id
         JOIN accounts r ON r.id = j.reviewer_id
         JOIN accounts f ON f.id = j.finalized_by
        WHERE j.case_id = $1 AND j.target_lang = 'km'
        ORDER BY j.source_ref`,
      [caseId],
    );
    expect(jobs.map((j) => [j.kind, j.ref, j.state, j.by, j.rev, j.fin])).toEqual([
      [
        "decision_notice",
        "decision_issued@2022-08-05",
        "final",
        "demo-translator",
        "demo-translator2",
        "demo-translator2",
      ],
      [
        "decision_notice",
        "objection_decided@2023-02-14",
        "final",
        "demo-translator",
        "demo-translator2",
        "demo-translator2",
      ],
    ]);
    const events = await test.db.query<{ type: string; by: string }>(
      `SELECT type, recorded_by AS by FROM case_events WHERE case_id = $1 AND type LIKE 'translation_%' ORDER BY sequence`,
      [caseId],
    );
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual([
      "translation_changed",
      "translation_finalized",
      "translation_requested",
    ]);
    expect(new Set(events.map((e) => e.by))).toEqual(
      new Set(["demo-examiner", "demo-translator", "demo-translator2"]),
    );
  });

  it("leaves the notice's remedies in the Seoul office's Korean → Khmer memory", async () => {
    const remedy = sentences(NOTICES.legal.texts["remedy.objection.text"] ?? "", "ko");
    const found = await memoryMatches(test.db, ctx.keyring, "seoul", "ko", "km", remedy, 1);
    for (const [i, m] of found.entries()) {
      expect(m[0]?.score, remedy[i]).toBe(100);
      expect(m[0]?.target).toMatch(/[\u1780-\u17ff]/);
    }
    expect(found[0]?.[0]?.target).toMatch(/៣០ ថ្ងៃ/);
    // Another office's memory holds nothing of it.
    const busan = await memoryMatches(test.db, ctx.keyring, "busan", "ko", "km", remedy, 1);
    expect(busan.every((m) => m.length === 0)).toBe(true);
  });
});
