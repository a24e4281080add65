/**
 * XLIFF through HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: a translation exported,
 * edited outside as a CAT tool would (the document's text changed, nothing else), and imported
 * back keeps every segment and state, changes the edited ones, and still follows the rules (a
 * final in the file is not final, a translator does not review their own work, placeholders are
 * kept). A document that is not valid XLIFF 2.1, too large, with a DOCTYPE, or another
 * translation's is refused whole and changes nothing. The export is in the access record.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../../src/store/db.ts";
import { schemaMessages } from "../../src/translations/formats/validate.ts";
import type { TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "../security/fixture.ts";
import { body, TestSources, type JobView } from "./support.ts";

const XLIFF = { "content-type": "application/xliff+xml" };

/** The document with one segment's attributes and target replaced, as a CAT tool saves it. */
function edit(xml: string, segmentId: string, change: { state?: string; target?: string }): string {
  const start = xml.indexOf(`<segment id="${segmentId}"`);
  expect(start).toBeGreaterThan(0);
  const end = xml.indexOf("</segment>", start) + "</segment>".length;
  let seg = xml.slice(start, end);
  if (change.state)
    seg = seg.replace(/state="[^"]*"/, `state="${change.state}"`).replace(/ subState="[^"]*"/, "");
  if (change.target !== undefined) {
    const escaped = change.target.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    seg = seg.includes("<target>")
      ? seg.replace(/<target>[\s\S]*<\/target>/, `<target>${escaped}</target>`)
      : seg.replace("</source>", `</source>\n        <target>${escaped}</target>`);
  }
  return xml.slice(0, start) + seg + xml.slice(end);
}

describe.each(createTestDatabases())("XLIFF export and import on $kind", (factory) => {
  let h: Harness;
  const sources = new TestSources();
  const u = {} as Record<"clerk" | "examiner" | "busan" | "translator" | "reviewer", TestUser>;
  let caseId: string;
  let km: JobView;
  let en: JobView;

  const read = async (who: TestUser, id = km.id) => {
    const res = await h.call(who, "GET", `/api/v1/translations/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return body<JobView>(res);
  };
  const exportXliff = async (who: TestUser, id = km.id) => {
    const res = await h.call(who, "GET", `/api/v1/translations/${id}/xliff`);
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const importXliff = (who: TestUser, xml: string, headers: Record<string, string> = XLIFF, id = km.id) =>
    h.call(who, "POST", `/api/v1/translations/${id}/xliff`, xml, headers);

  beforeAll(async () => {
    h = await openHarness(factory);
    sources.install();
    u.clerk = await h.user("xl-clerk", "intake_clerk", "seoul");
    u.examiner = await h.user("xl-examiner", "examiner", "seoul");
    u.busan = await h.user("xl-busan", "examiner", "busan");
    u.translator = await h.user("xl-translator", "translator", null);
    u.reviewer = await h.user("xl-reviewer", "translator", null);
    ({ caseId } = await h.newCase(u.clerk, "seoul"));
    sources.put(caseId, "fact_statement", "fact-x", {
      label: "Fact X (test)",
      language: "ko",
      units: [
        { unit: "statement.1", text: "신청인은 경찰을 두려워합니다. 경찰은 밤에 왔습니다 & <떠났습니다>." },
        { unit: "statement.2", text: "{date}까지 이의신청을 할 수 있습니다. 마지막 문장입니다." },
      ],
    });
    const res = await h.call(u.examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "fact_statement",
      ref: "fact-x",
      targetLanguages: ["km", "en"],
      translatorId: u.translator.id,
      reviewerId: u.reviewer.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const [kmJob, enJob] = body<JobView[]>(res);
    km = await read(u.translator, kmJob!.id);
    en = await read(u.translator, enJob!.id);
    expect(km.segments).toHaveLength(4);
    // One segment translated in the editor before the export.
    const first = km.segments[0]!;
    const saved = await h.call(u.translator, "PUT", `/api/v1/translations/${km.id}/segments/${first.id}`, {
      target: "អ្នកដាក់ពាក្យខ្លាចប៉ូលីស។",
      version: first.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    km = await read(u.translator);
  });
  afterAll(async () => {
    sources.uninstall();
    await h?.close();
  });

  it("exports a valid XLIFF 2.1 attachment named by case and languages, recorded as an export", async () => {
    const res = await exportXliff(u.translator);
    expect(res.headers["content-type"]).toBe("application/xliff+xml; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(
      /^attachment; filename=".*_fact_statement_ko-km\.xlf"/,
    );
    expect(await schemaMessages("xliff", res.body)).toEqual([]);
    expect(res.body).toContain(`<file id="${km.id}"`);
    for (const s of km.segments) expect(res.body).toContain(`<segment id="${s.id}" state="${s.state}"`);
    expect(res.body).toContain("경찰은 밤에 왔습니다 &amp; &lt;떠났습니다&gt;.");
    expect(res.body).toContain("translated by");
    const [exports] = await h.test.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE case_id = $1 AND action = 'translation.export' AND outcome = 'ok'`,
      [caseId],
    );
    expect(exports?.n).toBeGreaterThanOrEqual(1);
  });

  it("imports a file edited outside: every segment and state kept, edited ones changed, the rules kept", async () => {
    const before = await read(u.translator);
    const [s1, s2, s3, s4] = before.segments;
    let xml = (await exportXliff(u.translator)).body;
    xml = edit(xml, s2!.id, { state: "translated", target: "ប៉ូលីសបានមកពេលយប់ & <ចាកចេញ>។" });
    // the placeholder dropped: refused as the editor refuses it
    xml = edit(xml, s3!.id, { state: "translated", target: "អាចតវ៉ាបាន។" });
    // final in a file is not final
    xml = edit(xml, s4!.id, { state: "final", target: "ប្រយោគចុងក្រោយ។" });
    const res = await importXliff(u.translator, xml);
    expect(res.statusCode, res.body).toBe(200);
    const result = body<{
      updated: number;
      unchanged: number;
      refused: { segment: string; reason: string }[];
    }>(res);
    expect(result.updated).toBe(1);
    expect(result.unchanged).toBe(1);
    expect(result.refused.map((r) => r.segment)).toEqual([s3!.id, s4!.id]);
    expect(result.refused[0]!.reason).toMatch(/\{date\}/);
    expect(result.refused[1]!.reason).toMatch(/final is not imported/);

    const after = await read(u.translator);
    expect(after.segments.map((s) => [s.id, s.state, s.target])).toEqual([
      [s1!.id, "translated", s1!.target],
      [s2!.id, "translated", "ប៉ូលីសបានមកពេលយប់ & <ចាកចេញ>។"],
      [s3!.id, s3!.state, s3!.target],
      [s4!.id, s4!.state, s4!.target],
    ]);
    expect(after.segments[1]!.translatedBy?.id).toBe(u.translator.id);
  });

  it("takes a reviewer's review from a file, and refuses a translator's review of their own work", async () => {
    const job = await read(u.reviewer);
    const [s1, s2] = job.segments;
    const own = edit((await exportXliff(u.translator)).body, s1!.id, { state: "reviewed" });
    const refused = body<{ updated: number; refused: { segment: string; reason: string }[] }>(
      await importXliff(u.translator, own),
    );
    expect(refused.updated).toBe(0);
    expect(refused.refused.map((r) => r.segment)).toEqual([s1!.id]);

    let xml = (await exportXliff(u.reviewer)).body;
    xml = edit(xml, s1!.id, { state: "reviewed" });
    xml = edit(xml, s2!.id, { state: "reviewed" });
    const res = await importXliff(u.reviewer, xml, { "content-type": "text/xml; charset=utf-8" });
    expect(res.statusCode, res.body).toBe(200);
    expect(body<{ updated: number }>(res).updated).toBe(2);
    const after = await read(u.reviewer);
    expect(after.segments.slice(0, 2).map((s) => [s.state, s.reviewedBy?.id])).toEqual([
      ["reviewed", u.reviewer.id],
      ["reviewed", u.reviewer.id],
    ]);
    // exported again, the file says so
    const again = (await exportXliff(u.reviewer)).body;
    expect(again).toContain(`<segment id="${s1!.id}" state="reviewed">`);
  });

  it("imports an untouched export as no change at all", async () => {
    const before = await read(u.translator);
    const res = await importXliff(u.translator, (await exportXliff(u.translator)).body, {
      "content-type": "application/xml",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res)).toEqual({ updated: 0, unchanged: 4, refused: [] });
    expect((await read(u.translator)).version).toBe(before.version);
  });

  it("refuses a document that is not XLIFF 2.1, with the lines, and changes nothing", async () => {
    const before = await read(u.translator);
    const xml = (await exportXliff(u.translator)).body;
    const s2 = before.segments[1]!;
    const badState = edit(xml, s2.id, { state: "done", target: "x" });
    const res = await importXliff(u.translator, badState);
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const problem = body<{ detail: string; issues: { path: string; message: string }[] }>(res);
    expect(problem.detail).toMatch(/does not follow XLIFF 2\.1: line \d+: .*'done'/);
    expect(problem.issues[0]!.path).toMatch(/^line \d+$/);

    const noSrcLang = xml.replace(/ srcLang="ko"/, "");
    expect((await importXliff(u.translator, noSrcLang)).statusCode).toBe(422);
    const doctype = xml.replace(
      /^<\?xml[^>]*>\n/,
      '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n',
    );
    const xxe = await importXliff(u.translator, doctype);
    expect(xxe.statusCode).toBe(422);
    expect(body<{ detail: string }>(xxe).detail).toMatch(/DOCTYPE\) is refused/);
    expect((await importXliff(u.translator, "not xml")).statusCode).toBe(422);
    expect((await read(u.translator)).version).toBe(before.version);
  });

  it("refuses another translation's file (409), other languages (422), other media types and more than 10 MiB", async () => {
    const before = await read(u.translator);
    const enXml = (await exportXliff(u.translator, en.id)).body;
    const other = await importXliff(u.translator, enXml);
    expect(other.statusCode).toBe(409);
    expect(body<{ detail: string }>(other).detail).toMatch(new RegExp(`another translation \\(${en.id}\\)`));

    const xml = (await exportXliff(u.translator)).body;
    const foreign = await importXliff(u.translator, xml.replace(`<file id="${km.id}"`, '<file id="f1"'));
    expect(foreign.statusCode).toBe(409);
    expect(body<{ detail: string }>(foreign).detail).toMatch(/\(id f1\) is not one OpenRSD exported/);
    const russian = await importXliff(u.translator, xml.replace('trgLang="km"', 'trgLang="ru"'));
    expect(russian.statusCode).toBe(422);
    expect(body<{ detail: string }>(russian).detail).toMatch(/ko into ru; this translation is ko into km/);

    const json = await importXliff(u.translator, JSON.stringify({ xml }), {
      "content-type": "application/json",
    });
    expect(json.statusCode).toBe(415);
    expect(body<{ detail: string }>(json).detail).toMatch(/application\/xliff\+xml/);

    // Over the server's 1 MiB but within 10 MiB: read.
    const padded = xml.replace("</xliff>", `</xliff>\n<!-- ${"p".repeat(2 * 1024 * 1024)} -->\n`);
    expect((await importXliff(u.translator, padded)).statusCode).toBe(200);
    const huge = xml.replace("</xliff>", `</xliff>\n<!-- ${"p".repeat(10 * 1024 * 1024)} -->\n`);
    const tooLarge = await importXliff(u.translator, huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(body<{ detail: string }>(tooLarge).detail).toMatch(/larger than 10 MiB/);
    expect((await read(u.translator)).version).toBe(before.version);
  });

  it("answers 404 out of reach, both ways", async () => {
    expect((await h.call(u.busan, "GET", `/api/v1/translations/${km.id}/xliff`)).statusCode).toBe(404);
    const xml = (await exportXliff(u.translator)).body;
    expect((await importXliff(u.busan, xml)).statusCode).toBe(404);
    expect((await h.call(u.clerk, "GET", `/api/v1/translations/${km.id}/xliff`)).statusCode).toBe(403);
  });
});
