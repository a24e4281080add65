/**
 * XLIFF 2.1: a job written and read back gives every segment's source, target and state as they
 * were, for any text; every document written follows the standard's schema; documents that do
 * not are refused with the lines of what is wrong; documents as CAT tools write them are read.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/app/errors.ts";
import { SEGMENT_STATES, type Segment } from "../../src/contracts/translations.ts";
import {
  nmtoken,
  readXliff,
  writeXliff,
  xliffFileName,
  xliffFromElement,
  type ExportedJob,
} from "../../src/translations/formats/xliff.ts";
import { MAX_DOCUMENT_BYTES, schemaMessages } from "../../src/translations/formats/validate.ts";
import { parseXml } from "../../src/translations/formats/xml.ts";
import { anyText } from "./any-text.ts";

const JOB_ID = "01938a2e-7c4b-7def-8a12-3456789abcde";
const person = (name: string) => ({ id: "01938a2e-0000-7000-8000-000000000001", name });

const segment = (over: Partial<Segment> & Pick<Segment, "id" | "position" | "unit" | "source">): Segment => ({
  target: null,
  state: "initial",
  origin: { origin: "none" },
  placeholders: [],
  translatedBy: null,
  translatedAt: null,
  reviewedBy: null,
  reviewedAt: null,
  returned: null,
  sourceChanged: false,
  version: 1,
  matches: [],
  ...over,
});

const job = (segments: Segment[]): ExportedJob => ({
  id: JOB_ID,
  caseNumber: "2026-서울-0042",
  kind: "decision_notice",
  ref: "01938a2e-7c4b-7def-8a12-000000000009",
  label: "Decision of 2026-11-20: reasons and remedies",
  sourceLanguage: "ko",
  targetLanguage: "km",
  state: "open",
  version: 7,
  segments,
});

const segmentArb = (position: number, unit: string): fc.Arbitrary<Segment> =>
  fc
    .record({
      id: fc.uuid(),
      source: anyText,
      target: fc.option(anyText, { nil: null }),
      state: fc.constantFrom(...SEGMENT_STATES),
      returned: fc.boolean(),
      sourceChanged: fc.boolean(),
      origin: fc.constantFrom(
        { origin: "none" as const },
        { origin: "person" as const },
        { origin: "memory" as const, score: 100 },
        {
          origin: "engine" as const,
          engine: { engine: "lt", name: "libretranslate", model: "ko-km <&>", version: null },
        },
      ),
    })
    .map(({ id, source, target, state, returned, sourceChanged, origin }) =>
      segment({
        id,
        position,
        unit,
        source,
        // a segment without a target is a segment nobody translated yet
        target: state === "initial" ? target : (target ?? ""),
        state,
        origin,
        translatedBy: state === "initial" ? null : person("Sok Dara"),
        translatedAt: state === "initial" ? null : "2026-11-21T10:00:00.000Z",
        reviewedBy: state === "reviewed" || state === "final" ? person("Chan <Sophea> & co") : null,
        reviewedAt: state === "reviewed" || state === "final" ? "2026-11-22T10:00:00.000Z" : null,
        returned:
          returned && state === "initial"
            ? {
                reason: "the date is wrong\u0007]]>",
                by: person("Chan Sophea"),
                at: "2026-11-22T11:00:00.000Z",
              }
            : null,
        sourceChanged: sourceChanged && state === "initial",
      }),
    );

const UNITS = ["reasons.1", "reasons.2", "remedy.objection.text", "unit with spaces/한글", "reasons 1"];

const jobArb: fc.Arbitrary<ExportedJob> = fc
  .array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 4 })
  .chain((units) => {
    // Segments follow one another in their units' order, as a source's units do.
    const arbs = [...new Set(units)].flatMap((unit, u) =>
      [0, 1].slice(0, 1 + (u % 2)).map((i) => ({ unit, i })),
    );
    return fc.tuple(...arbs.map((a, p) => segmentArb(p + 1, a.unit))).map((segments) => job(segments));
  });

const rowsOf = (j: ExportedJob) =>
  j.segments.map((s) => ({
    segmentId: s.id,
    unit: s.unit,
    source: s.source,
    target: s.target,
    state: s.state,
    subState: s.returned ? "openrsd:returned" : s.sourceChanged ? "openrsd:source-changed" : null,
    problem: null,
  }));

describe("XLIFF round trip", () => {
  it("reads back every segment's source, target and state as written, for any text", () => {
    fc.assert(
      fc.property(jobArb, (j) => {
        const doc = xliffFromElement(parseXml(writeXliff(j)));
        expect(doc.srcLang).toBe("ko");
        expect(doc.trgLang).toBe("km");
        expect(doc.files.map((f) => f.id)).toEqual([JOB_ID]);
        expect(doc.files[0]!.rows.map(({ line: _, ...row }) => row)).toEqual(rowsOf(j));
      }),
      { numRuns: 300 },
    );
  });

  it("writes documents that follow XLIFF 2.1", async () => {
    await fc.assert(
      fc.asyncProperty(jobArb, async (j) => {
        expect(await schemaMessages("xliff", writeXliff(j))).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });

  it("writes units, segments, states and notes as a CAT tool expects them", async () => {
    const j = job([
      segment({
        id: "01938a2e-7c4b-7def-8a12-000000000001",
        position: 1,
        unit: "remedy.objection.text",
        source: "이의신청은 {date}까지 할 수 있습니다.",
        target: "ការតវ៉ាអាចធ្វើបានរហូតដល់ {date}។",
        state: "reviewed",
        placeholders: ["{date}"],
        origin: { origin: "memory", score: 100, memoryUnitId: "01938a2e-7c4b-7def-8a12-000000000077" },
        translatedBy: person("Sok Dara"),
        translatedAt: "2026-11-21T10:00:00.000Z",
        reviewedBy: person("Chan Sophea"),
        reviewedAt: "2026-11-22T10:00:00.000Z",
      }),
      segment({
        id: "01938a2e-7c4b-7def-8a12-000000000002",
        position: 2,
        unit: "remedy.objection.text",
        source: "행정심판도 청구할 수 있습니다.",
        target: "draft",
        origin: {
          origin: "engine",
          engine: { engine: "office-lt", name: "libretranslate", model: "ko-km", version: "1.6.2" },
        },
        returned: { reason: "too literal", by: person("Chan Sophea"), at: "2026-11-22T11:00:00.000Z" },
      }),
    ]);
    const xml = writeXliff(j);
    expect(xml).toContain(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ko" trgLang="km">',
    );
    expect(xml).toContain(`<file id="${JOB_ID}"`);
    expect(xml).toContain('<unit id="remedy.objection.text" name="remedy.objection.text">');
    expect(xml).toContain('<segment id="01938a2e-7c4b-7def-8a12-000000000001" state="reviewed">');
    expect(xml).toContain(
      '<segment id="01938a2e-7c4b-7def-8a12-000000000002" state="initial" subState="openrsd:returned">',
    );
    expect(xml).toContain("<source>이의신청은 {date}까지 할 수 있습니다.</source>");
    expect(xml).toContain("Segment 1: proposed by the translation memory (match 100%)");
    expect(xml).toContain("Segment 1: translated by Sok Dara on 2026-11-21");
    expect(xml).toContain("Segment 1: reviewed by Chan Sophea on 2026-11-22");
    expect(xml).toContain(
      "Segment 2: machine draft by the engine office-lt (libretranslate, model ko-km, version 1.6.2)",
    );
    expect(xml).toContain("Segment 2: returned by Chan Sophea on 2026-11-22: too literal");
    expect(xml).toContain("Keep the placeholders ({date}) as they are.");
    expect(await schemaMessages("xliff", xml)).toEqual([]);
    expect((await readXliff(xml)).files[0]!.rows.map((r) => r.state)).toEqual(["reviewed", "initial"]);
  });

  it("names units as NMTOKENs, each once, and files by case, kind and languages", () => {
    expect(nmtoken("reasons.2")).toBe("reasons.2");
    expect(nmtoken("unit with spaces/한글")).toBe("unit_with_spaces___");
    const xml = writeXliff(
      job([
        segment({ id: "01938a2e-7c4b-7def-8a12-000000000001", position: 1, unit: "a b", source: "x" }),
        segment({ id: "01938a2e-7c4b-7def-8a12-000000000002", position: 2, unit: "a_b", source: "y" }),
      ]),
    );
    expect(xml).toContain('<unit id="a_b" name="a b">');
    expect(xml).toContain('<unit id="a_b-2" name="a_b">');
    expect(xliffFileName(job([]))).toBe("2026-서울-0042_decision_notice_ko-km.xlf");
  });
});

async function refusal(doc: string): Promise<AppError> {
  const err = await readXliff(doc).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const doc = (segments: string, xliffAttrs = 'srcLang="ko" trgLang="km"') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" ${xliffAttrs}>
  <file id="${JOB_ID}">
    <unit id="u1">
${segments}
    </unit>
  </file>
</xliff>
`;

describe("XLIFF refusals", () => {
  it("refuses an unknown state, naming the line and the values the standard allows", async () => {
    const err = await refusal(doc('      <segment id="s1" state="done"><source>a</source></segment>'));
    expect(err.kind).toBe("invalid_input");
    expect(err.message).toMatch(/does not follow XLIFF 2\.1: line 5: .*state.*'done'.*initial.*final/);
    expect(err.details.issues).toEqual([{ path: "line 5", message: expect.stringMatching(/done/) }]);
  });

  it("refuses a target before its source", async () => {
    const err = await refusal(
      doc('      <segment id="s1">\n<target>b</target>\n<source>a</source></segment>'),
    );
    expect(err.message).toMatch(/line 6: .*target.*expected.*source/);
  });

  it("refuses a document without srcLang", async () => {
    const err = await refusal(doc('      <segment id="s1"><source>a</source></segment>', 'trgLang="km"'));
    expect(err.message).toMatch(/line 2: .*srcLang.*required/);
  });

  it("refuses a segment without source, and a unit without segment", async () => {
    const noSource = await refusal(doc('      <segment id="s1"><target>b</target></segment>'));
    expect(noSource.message).toMatch(/line 5: .*target.*expected.*source/);
    const noSegment = await refusal(doc("      <notes><note>x</note></notes>"));
    expect(noSegment.message).toMatch(/line 4: .*unit.*missing.*segment/i);
  });

  it("refuses a subState that is not prefix:value and an unknown core attribute", async () => {
    const err = await refusal(
      doc(
        '      <segment id="s1" state="initial" subState="returned" colour="red"><source>a</source></segment>',
      ),
    );
    expect(err.message).toMatch(/subState/);
    expect(err.message).toMatch(/colour/);
  });

  it("refuses what is not XLIFF 2, XLIFF 1.2 with a hint", async () => {
    const v12 = await refusal(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="x" source-language="ko" datatype="plaintext"><body/></file></xliff>',
    );
    expect(v12.kind).toBe("invalid_input");
    expect(v12.message).toMatch(/XLIFF 1\.2; OpenRSD reads XLIFF 2\.0 and 2\.1/);
    const segmentAlone = await refusal(
      '<segment xmlns="urn:oasis:names:tc:xliff:document:2.0" id="s1"><source>a</source></segment>',
    );
    expect(segmentAlone.message).toMatch(/not an XLIFF 2 document/);
  });

  it("refuses a DOCTYPE (external entities) and a document larger than 10 MiB", async () => {
    const xxe = await refusal(
      `<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${doc('<segment id="s1"><source>&x;</source></segment>').replace(/^<\?xml[^>]*>\n/, "")}`,
    );
    expect(xxe.message).toMatch(/line 2, column 1: a document type declaration \(DOCTYPE\) is refused/);
    const big = doc(`<segment id="s1"><source>${"x".repeat(MAX_DOCUMENT_BYTES)}</source></segment>`);
    const tooLarge = await refusal(big);
    expect(tooLarge.kind).toBe("content_too_large");
  });
});

describe("XLIFF as CAT tools write it", () => {
  it("reads groups, CDATA, CRLF, references, annotations and other namespaces", async () => {
    const xml = [
      "\ufeff<?xml version='1.0' encoding='utf-8'?>",
      "<!-- saved by a CAT tool -->",
      `<x:xliff xmlns:x='urn:oasis:names:tc:xliff:document:2.0' xmlns:mda='urn:oasis:names:tc:xliff:metadata:2.0' xmlns:t='urn:example:tool' version='2.0' srcLang='ko' trgLang='km' t:saved='yes'>`,
      `<x:file id='${JOB_ID}' original='decision_notice/x'>`,
      "<x:group id='g1'>",
      "<x:unit id='reasons.1' name='reasons.1'>",
      "<mda:metadata><mda:metaGroup><mda:meta type='tool'>x</mda:meta></mda:metaGroup></mda:metadata>",
      "<x:segment id='s1' state='translated'>",
      "<x:source>A &lt;b&gt; &#xD55C;&#44397;</x:source>",
      "<x:target><![CDATA[<b> & ]]>first\r\nsecond <x:mrk id='m1' type='term'>term</x:mrk><x:sm id='m2'/>end<x:em startRef='m2'/></x:target>",
      "</x:segment>",
      "<x:ignorable><x:source> </x:source></x:ignorable>",
      "<x:segment id='s2'><x:source>B</x:source><x:target xml:lang='km'/></x:segment>",
      "<x:segment><x:source>C</x:source></x:segment>",
      "<x:segment id='s4' state='reviewed'><x:source>D</x:source><x:target>d<x:ph id='1' disp='{date}'/></x:target></x:segment>",
      "</x:unit>",
      "</x:group>",
      "</x:file>",
      "</x:xliff>",
    ].join("\r\n");
    const read = await readXliff(xml);
    expect(read.version).toBe("2.0");
    expect(read.files[0]!.rows).toEqual([
      {
        segmentId: "s1",
        unit: "reasons.1",
        source: "A <b> 한국",
        target: "<b> & first\nsecond termend",
        state: "translated",
        subState: null,
        line: 8,
        problem: null,
      },
      {
        segmentId: "s2",
        unit: "reasons.1",
        source: "B",
        target: "",
        state: "initial",
        subState: null,
        line: 14,
        problem: null,
      },
      {
        segmentId: null,
        unit: "reasons.1",
        source: "C",
        target: null,
        state: "initial",
        subState: null,
        line: 15,
        problem: "the segment on line 15 has no id: it was split or joined outside OpenRSD",
      },
      {
        segmentId: "s4",
        unit: "reasons.1",
        source: "D",
        target: "d",
        state: "reviewed",
        subState: null,
        line: 16,
        problem: "the segment holds an inline code (<ph>) that OpenRSD's text does not have",
      },
    ]);
  });
});
