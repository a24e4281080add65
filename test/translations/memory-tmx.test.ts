/**
 * The translation memory through HTTP (docs/translation.md, "Memory"), on PGlite and (with
 * TEST_DATABASE_URL) PostgreSQL: its units per language pair for a supervisor's own office, a
 * pair exported as TMX 1.4b (an attachment, recorded), a TMX file imported (added, skipped,
 * refused with why; an invalid file refused whole and nothing changed), who may do it, and the
 * round trip: exported, imported into a fresh database, exported again, the same units.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemoryStats, TmxImportResult } from "../../src/contracts/translations.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { readTmx } from "../../src/translations/formats/tmx.ts";
import { addToMemory, memoryMatches } from "../../src/translations/memory/index.ts";
import type { TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "../security/fixture.ts";

const UNITS = [
  { source: "난민 인정 신청을 기각한다.", target: "ពាក្យសុំត្រូវបានបដិសេធ។" },
  {
    source: "이의신청은 통지를 받은 날부터 30일 이내에 할 수 있다.",
    target: "ការជំទាស់អាចធ្វើបានក្នុងរយៈពេល ៣០ ថ្ងៃ។",
  },
  // Markup characters and a placeholder survive the file.
  {
    source: '<제출 기한>은 {date}까지이며 "서면" & 우편으로 한다.',
    target: 'ផុតកំណត់ <ដាក់> {date} "ជាលាយលក្ខណ៍អក្សរ" & តាមប្រៃសណីយ៍។',
  },
];

const tmx = (body: string, srclang = "ko") => `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Elsewhere CAT" creationtoolversion="9" segtype="sentence" o-tmf="x" adminlang="en" srclang="${srclang}" datatype="plaintext"/>
  <body>
${body}
  </body>
</tmx>
`;
const tu = (source: string, target: string, extra = "", langs = ["ko-KR", "km-KH"]) =>
  `    <tu${extra}><tuv xml:lang="${langs[0]}"><seg>${source}</seg></tuv><tuv xml:lang="${langs[1]}"><seg>${target}</seg></tuv></tu>`;

/** A unit as the file says it, without where it came from (the other office's id and origin). */
const content = (u: Awaited<ReturnType<typeof readTmx>>["units"][number]) => ({
  sourceLanguage: u.sourceLanguage,
  targetLanguage: u.targetLanguage,
  source: u.source,
  target: u.target,
  translatedBy: u.translatedBy,
  reviewedBy: u.reviewedBy,
  approvedAt: u.approvedAt,
});

describe.each(createTestDatabases())("translation memory through HTTP on $kind", (factory) => {
  let h: Harness;
  let fresh: Harness;
  const u = {} as Record<
    "supervisor" | "busan" | "examiner" | "admin" | "translator" | "freshSupervisor",
    TestUser
  >;

  const upload = (who: TestUser, xml: string, type = "application/x-tmx+xml", on: Harness = h) =>
    on.call(who, "POST", "/api/v1/translation-memory/tmx", xml, { "content-type": type });
  const stats = async (who: TestUser, on: Harness = h) => {
    const res = await on.call(who, "GET", "/api/v1/translation-memory");
    expect(res.statusCode, res.body).toBe(200);
    return res.json<MemoryStats>();
  };
  const download = async (who: TestUser, source: string, target: string, on: Harness = h) => {
    const res = await on.call(who, "GET", `/api/v1/translation-memory/tmx?source=${source}&target=${target}`);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  beforeAll(async () => {
    h = await openHarness(factory);
    fresh = await openHarness(factory);
    u.supervisor = await h.user("tm-supervisor", "supervisor", "seoul");
    u.busan = await h.user("tm-busan", "supervisor", "busan");
    u.examiner = await h.user("tm-examiner", "examiner", "seoul");
    u.admin = await h.user("tm-admin", "administrator", null);
    u.translator = await h.user("tm-translator", "translator", null);
    u.freshSupervisor = await fresh.user("tm-fresh", "supervisor", "incheon");
    await h.ctx.db.transaction((tx) =>
      addToMemory(tx, h.ctx.keyring, {
        officeId: "seoul",
        sourceLang: "ko",
        targetLang: "km",
        units: UNITS,
        translatedBy: "demo-translator",
        reviewedBy: "demo-translator2",
        at: "2026-11-20T05:06:07.891Z",
        origin: "office",
      }),
    );
  });
  afterAll(async () => {
    await h?.close();
    await fresh?.close();
  });

  it("shows a supervisor their office's units per language pair, and nobody without the right", async () => {
    expect(await stats(u.supervisor)).toEqual({ pairs: [{ source: "ko", target: "km", units: 3 }] });
    expect(await stats(u.busan)).toEqual({ pairs: [] });
    for (const who of [u.examiner, u.admin, u.translator]) {
      const res = await h.call(who, "GET", "/api/v1/translation-memory");
      expect(res.statusCode).toBe(403);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
    }
    expect((await h.call(null, "GET", "/api/v1/translation-memory")).statusCode).toBe(401);
  });

  it("exports a pair as a valid TMX attachment, recorded in the access record", async () => {
    const res = await download(u.supervisor, "ko", "km");
    expect(res.headers["content-type"]).toBe("application/x-tmx+xml; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(
      /^attachment; filename="translation-memory-seoul-ko-km\.tmx"/,
    );
    const read = await readTmx(res.body);
    expect(read.units.map((x) => [x.source, x.target])).toEqual(UNITS.map((x) => [x.source, x.target]));
    expect(read.units[0]).toMatchObject({
      sourceLanguage: "ko",
      targetLanguage: "km",
      translatedBy: "demo-translator",
      reviewedBy: "demo-translator2",
      approvedAt: "2026-11-20T05:06:07.000Z",
      origin: "office",
    });
    const audit = await h.ctx.db.query<{ office_id: string; details: Record<string, unknown> }>(
      "SELECT office_id, details FROM audit_log WHERE action = 'translation_memory.export'",
    );
    expect(audit).toEqual([{ office_id: "seoul", details: { source: "ko", target: "km", units: 3 } }]);
    // Another office's supervisor exports their own (empty) memory, never Seoul's.
    expect((await readTmx((await download(u.busan, "ko", "km")).body)).units).toEqual([]);
    expect(
      (await h.call(u.examiner, "GET", "/api/v1/translation-memory/tmx?source=ko&target=km")).statusCode,
    ).toBe(403);
    expect(
      (await h.call(u.supervisor, "GET", "/api/v1/translation-memory/tmx?source=ko&target=zz")).statusCode,
    ).toBe(422);
  });

  it("imports a TMX file: added, skipped when already held, refused with why", async () => {
    const xml = tmx(
      [
        tu("난민 인정 신청을 기각한다.", "ពាក្យសុំត្រូវបានបដិសេធ។", ' tuid="held"'),
        tu(
          "행정소송은 90일 이내에 제기할 수 있다.",
          "បណ្តឹងរដ្ឋបាលអាចដាក់ក្នុងរយៈពេល ៩០ ថ្ងៃ។",
          ' tuid="new-1" creationid="outside-translator" creationdate="20260301T093000Z"',
        ),
        tu("출석 요구서", "Summons", ' tuid="to-english"', ["ko", "en-US"]),
        tu("빈 번역", "   ", ' tuid="empty"'),
        tu("같은 언어", "같은 언어 다시", ' tuid="same"', ["ko", "ko-KR"]),
        tu("모르는 언어", "???", ' tuid="unknown"', ["ko", "qqq"]),
        `    <tu tuid="lonely"><tuv xml:lang="ko"><seg>번역 없음</seg></tuv></tu>`,
      ].join("\n"),
    );
    const res = await upload(u.supervisor, xml);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<TmxImportResult>();
    expect(result).toMatchObject({ added: 2, skipped: 1 });
    // The unit without a translation is named by its line (the reader skips it).
    expect(result.refused.map((r) => r.unit)).toEqual(["line 11", "tuid empty", "tuid same", "tuid unknown"]);
    expect(result.refused.find((r) => r.unit === "tuid empty")?.reason).toMatch(/target is empty/);
    expect((await stats(u.supervisor)).pairs).toEqual([
      { source: "ko", target: "en", units: 1 },
      { source: "ko", target: "km", units: 4 },
    ]);
    // The imported unit is matched like the office's own, with its translator and date.
    const m = (
      await h.ctx.db.transaction((tx) =>
        memoryMatches(tx, h.ctx.keyring, "seoul", "ko", "km", ["행정소송은 90일 이내에 제기할 수 있다."]),
      )
    )[0]?.[0];
    expect(m).toMatchObject({ score: 100, translatedBy: "outside-translator", approvedOn: "2026-03-01" });
    const audit = await h.ctx.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_log WHERE action = 'translation_memory.import'",
    );
    expect(audit.map((a) => a.details)).toEqual([{ added: 2, skipped: 1, refused: 4 }]);
  });

  it("refuses a file that is not valid TMX whole, and changes nothing", async () => {
    const before = await stats(u.supervisor);
    for (const [body, type, status] of [
      [tmx(tu("문장", "ប្រយោគ")).replace("<body>", "<bogus/><body>"), "application/x-tmx+xml", 422],
      ["<tmx version='1.4'><header/>", "text/xml", 422],
      ["not xml at all", "application/xml", 422],
      [tmx(tu("문장", "ប្រយោគ")), "text/plain", 415],
      [JSON.stringify({ tmx: "x" }), "application/json", 415],
      [`<tmx>${"x".repeat(10 * 1024 * 1024)}</tmx>`, "application/x-tmx+xml", 413],
    ] as const) {
      const res = await upload(u.supervisor, body, type);
      expect(res.statusCode, `${type}: ${res.body}`).toBe(status);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
    }
    expect(await stats(u.supervisor)).toEqual(before);
    expect((await upload(u.examiner, tmx(tu("문장", "ប្រយោគ")))).statusCode).toBe(403);
  });

  it("round-trips: exported, imported into a fresh database, exported again, the same units", async () => {
    const first = await readTmx((await download(u.supervisor, "ko", "km")).body);
    expect(first.units.length).toBe(4);
    const xml = (await download(u.supervisor, "ko", "km")).body;
    const imported = await upload(u.freshSupervisor, xml, "application/x-tmx+xml", fresh);
    expect(imported.json<TmxImportResult>()).toEqual({ added: 4, skipped: 0, refused: [] });
    const again = await readTmx((await download(u.freshSupervisor, "ko", "km", fresh)).body);
    expect(again.units.map(content)).toEqual(first.units.map(content));
    // Imported again: nothing new.
    const twice = await upload(u.freshSupervisor, xml, "application/x-tmx+xml", fresh);
    expect(twice.json<TmxImportResult>()).toEqual({ added: 0, skipped: 4, refused: [] });
  });
});
