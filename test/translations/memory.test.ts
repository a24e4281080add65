/**
 * The translation memory, directly (docs/translation.md, "Memory"), on PGlite and (with
 * TEST_DATABASE_URL) PostgreSQL: exact matches score 100 and come first, fuzzy ones are scored
 * as a CAT tool shows them and kept from 70 up, another office's memory or another language pair
 * is never seen, the same unit is not kept twice, and the table holds no text in clear. No
 * engine is configured anywhere in this file.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../../src/app/context.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { addToMemory, memoryMatches, similarity } from "../../src/translations/memory/index.ts";
import { enginesOf } from "../../src/translations/engines/index.ts";

const AT = "2026-11-20T01:00:00Z";

describe("similarity", () => {
  it("is 100 only for the same text, and falls with each edit", () => {
    expect(similarity("the applicant was heard", "the applicant was heard")).toBe(100);
    // one letter of 23 changed: 1 - 1/23 = 95.6
    expect(similarity("the applicant was heard", "the applicant was hears")).toBe(95);
    expect(similarity("a", "b")).toBe(0);
  });
});

describe.each(createTestDatabases())("translation memory on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;

  const add = (
    officeId: string,
    sourceLang: string,
    targetLang: string,
    units: { source: string; target: string }[],
  ) =>
    ctx.db.transaction((tx) =>
      addToMemory(tx, ctx.keyring, {
        officeId,
        sourceLang,
        targetLang,
        units,
        translatedBy: "translator-a",
        reviewedBy: "reviewer-b",
        at: AT,
        origin: "office",
      }),
    );
  const matches = (
    officeId: string,
    sourceLang: string,
    targetLang: string,
    sources: string[],
    limit?: number,
  ) =>
    ctx.db.transaction((tx) =>
      memoryMatches(tx, ctx.keyring, officeId, sourceLang, targetLang, sources, limit, "Asia/Seoul"),
    );

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32) });
    const added = await add("seoul", "ko", "km", [
      {
        source: "신청인은 2026년 11월 20일에 면접을 받았다.",
        target: "អ្នកដាក់ពាក្យបានសម្ភាសន៍នៅថ្ងៃទី២០ ខែវិច្ឆិកា ឆ្នាំ២០២៦។",
      },
      {
        source: "이의신청은 통지를 받은 날부터 30일 이내에 할 수 있다.",
        target: "ការជំទាស់អាចធ្វើបានក្នុងរយៈពេល ៣០ ថ្ងៃ។",
      },
      { source: "난민 인정 신청을 기각한다.", target: "ពាក្យសុំត្រូវបានបដិសេធ។" },
      { source: "행정소송은 90일 이내에 제기할 수 있다.", target: "បណ្តឹងរដ្ឋបាលអាចដាក់ក្នុងរយៈពេល ៩០ ថ្ងៃ។" },
    ]);
    expect(added).toMatchObject({ added: 4, skipped: 0 });
    await add("seoul", "en", "km", [{ source: "The application is refused.", target: "ពាក្យសុំត្រូវបានបដិសេធ។" }]);
    await add("busan", "ko", "km", [
      { source: "난민 인정 신청을 기각한다.", target: "ពាក្យសុំមិនត្រូវបានទទួលយកទេ។" },
    ]);
    await add("seoul", "ko", "en", [
      { source: "난민 인정 신청을 기각한다.", target: "The application is refused." },
    ]);
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it("works with no engine configured", () => {
    expect(enginesOf(ctx).engines).toEqual([]);
  });

  it("finds the same source with score 100, white space and letter case aside", async () => {
    const found = await matches("seoul", "ko", "km", [
      "난민 인정 신청을 기각한다.",
      "  난민  인정 신청을\n기각한다. ",
      "이의신청은 통지를 받은 날부터 30일 이내에 할 수 있다.",
    ]);
    const [a, b, c] = found.map((l) => l[0]);
    expect(a).toMatchObject({
      score: 100,
      source: "난민 인정 신청을 기각한다.",
      target: "ពាក្យសុំត្រូវបានបដិសេធ។",
      translatedBy: "translator-a",
      reviewedBy: "reviewer-b",
      approvedOn: "2026-11-20",
    });
    expect(b).toMatchObject({ score: 100, unitId: a!.unitId });
    expect(c?.score).toBe(100);

    const en = (await matches("seoul", "en", "km", ["the application is REFUSED."]))[0]?.[0];
    expect(en).toMatchObject({ score: 99, target: "ពាក្យសុំត្រូវបានបដិសេធ។" });
  });

  it("puts the exact match first, then fuzzy ones from the best down, none below 70", async () => {
    await add("seoul", "ko", "km", [
      {
        source: "이의신청은 통지를 받은 날부터 30일 이내에 할 수 있다.",
        target: "ការតវ៉ាអាចធ្វើបានក្នុងរយៈពេល ៣០ ថ្ងៃ។",
      },
      {
        source: "이의신청은 통지를 받은 날부터 14일 이내에 할 수 있다.",
        target: "ការជំទាស់អាចធ្វើបានក្នុងរយៈពេល ១៤ ថ្ងៃ។",
      },
      { source: "이의신청은 결정을 받은 날부터 7일 이내에 할 수 없다.", target: "x" },
    ]);
    const [list] = await matches(
      "seoul",
      "ko",
      "km",
      ["이의신청은 통지를 받은 날부터 30일 이내에 할 수 있다."],
      5,
    );
    const scores = list!.map((m) => m.score);
    // Two translations of the same source (the newer first at the same score), then the fuzzy one.
    expect(scores.slice(0, 2)).toEqual([100, 100]);
    expect(list!.slice(0, 2).map((m) => m.target)).toContain("ការតវ៉ាអាចធ្វើបានក្នុងរយៈពេល ៣០ ថ្ងៃ។");
    // "30" → "14": two characters of 32 differ: 1 - 2/32 = 93.75
    expect(list![2]).toMatchObject({ score: 93, target: "ការជំទាស់អាចធ្វើបានក្នុងរយៈពេល ១៤ ថ្ងៃ។" });
    // "통지를" → "결정을" (3), "30" → "7" (2), "있다" → "없다" (1): 1 - 6/32 = 81.25, after the closer one
    expect(list![3]?.score).toBe(81);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // A sentence sharing words with units but not alike enough is offered nothing.
    const [none] = await matches("seoul", "ko", "km", ["이의신청은 할 수 있다."]);
    expect(none).toEqual([]);
    // The limit holds.
    const [three] = await matches("seoul", "ko", "km", [
      "이의신청은 통지를 받은 날부터 30일 이내에 할 수 있다.",
    ]);
    expect(three).toHaveLength(3);
  });

  it("answers every sentence in order, and nothing for a sentence it has never seen", async () => {
    const out = await matches("seoul", "ko", "km", ["처음 보는 문장이다.", "난민 인정 신청을 기각한다.", ""]);
    expect(out.map((l) => l.length)).toEqual([0, 1, 0]);
  });

  it("sees only the office's own memory for the language pair", async () => {
    const busan = (await matches("busan", "ko", "km", ["난민 인정 신청을 기각한다."]))[0]?.[0];
    expect(busan?.target).toBe("ពាក្យសុំមិនត្រូវបានទទួលយកទេ។");
    const en = (await matches("seoul", "ko", "en", ["난민 인정 신청을 기각한다."]))[0]?.[0];
    expect(en?.target).toBe("The application is refused.");
    expect(await matches("incheon", "ko", "km", ["난민 인정 신청을 기각한다."])).toEqual([[]]);
    expect(await matches("seoul", "km", "ko", ["ពាក្យសុំត្រូវបានបដិសេធ។"])).toEqual([[]]);
  });

  it("does not keep the same source and target twice", async () => {
    const again = await add("seoul", "ko", "km", [
      { source: "난민 인정 신청을  기각한다.", target: "ពាក្យសុំត្រូវបានបដិសេធ។ " },
      { source: "난민 인정 신청을 기각한다.", target: "ពាក្យសុំមិនត្រូវបានទទួលយកទេ។" },
      { source: "난민 인정 신청을 기각한다.", target: "ពាក្យសុំមិនត្រូវបានទទួលយកទេ។" },
    ]);
    expect(again).toMatchObject({ added: 1, skipped: 2 });
    expect(again.unitIds[1]).toBe(again.unitIds[2]);
  });

  it("keeps no text in clear in the table", async () => {
    const rows = await ctx.db.query("SELECT * FROM translation_memory");
    const dump = JSON.stringify(rows);
    for (const word of ["신청", "기각", "ពាក្យ", "application", "refused", "30일"])
      expect(dump).not.toContain(word);
    expect(rows.length).toBeGreaterThan(5);
  });
});
