/**
 * TMX 1.4b: a memory written and read back is the same memory, for any text; every document
 * written follows the standard's schema; documents that do not, that are too large or that carry
 * a DOCTYPE are refused with the line of what is wrong; memories made elsewhere are read.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../src/app/errors.ts";
import {
  readTmx,
  tmxFromElement,
  writeTmx,
  type TmxMemory,
  type TmxUnit,
} from "../../src/translations/formats/tmx.ts";
import { MAX_DOCUMENT_BYTES, schemaMessages } from "../../src/translations/formats/validate.ts";
import { parseXml } from "../../src/translations/formats/xml.ts";
import { anyText } from "./any-text.ts";

const language = fc.constantFrom("ko", "km", "en", "ru", "zh-Hant", "my");
const person = fc.option(fc.constantFrom("Kim Minji", "Sok Dara", "O'Brien & Sons <x>", "Ivanova\tAnna"), {
  nil: null,
});
const instant = fc.option(
  fc
    .integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 })
    .map((s) => new Date(s * 1000).toISOString()),
  { nil: null },
);

const unitFor = (sourceLanguage: fc.Arbitrary<string>): fc.Arbitrary<TmxUnit> =>
  fc.record({
    id: fc.option(fc.uuid(), { nil: null }),
    sourceLanguage,
    targetLanguage: fc.constantFrom("km-KH", "en-GB"),
    source: anyText,
    target: anyText,
    translatedBy: person,
    reviewedBy: person,
    approvedAt: instant,
    origin: fc.option(fc.constantFrom("office", "tmx"), { nil: null }),
  });

const memory: fc.Arbitrary<TmxMemory> = language.chain((sourceLanguage) =>
  fc.record({
    sourceLanguage: fc.constant(sourceLanguage),
    units: fc.array(unitFor(fc.oneof(fc.constant(sourceLanguage), language)), { maxLength: 6 }),
  }),
);

describe("TMX round trip", () => {
  it("reads back every unit as written, for any text", () => {
    fc.assert(
      fc.property(memory, (m) => {
        const read = tmxFromElement(parseXml(writeTmx(m)));
        expect(read.skipped).toEqual([]);
        expect(read.sourceLanguage).toBe(m.sourceLanguage);
        expect(read.units).toEqual(m.units);
      }),
      { numRuns: 300 },
    );
  });

  it("writes documents that follow TMX 1.4b", async () => {
    await fc.assert(
      fc.asyncProperty(memory, async (m) => {
        expect(await schemaMessages("tmx", writeTmx(m))).toEqual([]);
      }),
      { numRuns: 6 },
    );
  });

  it("reads a written memory through the whole check", async () => {
    const m: TmxMemory = {
      sourceLanguage: "ko",
      units: [
        {
          id: "0b6a6f0e-8a55-4d0c-9b7e-3c1d2c7c9a10",
          sourceLanguage: "ko",
          targetLanguage: "km",
          source: "이의신청은 {date}까지 할 수 있습니다.",
          target: "ការតវ៉ាអាចធ្វើបានរហូតដល់ {date}។",
          translatedBy: "Sok Dara",
          reviewedBy: "Chan Sophea",
          approvedAt: "2026-11-20T08:15:00.000Z",
          origin: "office",
        },
      ],
    };
    const doc = writeTmx(m, { createdAt: "2026-12-01T00:00:00Z" });
    expect(doc).toContain('creationid="Sok Dara"');
    expect(doc).toContain('changeid="Chan Sophea"');
    expect(doc).toContain('creationdate="20261120T081500Z"');
    expect(doc).toContain('<prop type="x-openrsd-origin">office</prop>');
    const read = await readTmx(doc);
    expect(read.units).toEqual(m.units);
  });
});

async function refusal(doc: string): Promise<AppError> {
  const err = await readTmx(doc).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const header =
  '<header creationtool="T" creationtoolversion="1" segtype="sentence" o-tmf="T" adminlang="en" srclang="ko" datatype="plaintext"/>';

describe("TMX refusals", () => {
  it("refuses a document that does not follow the standard, naming the line", async () => {
    const noLang = await refusal(
      `<tmx version="1.4">\n${header}\n<body>\n<tu>\n<tuv><seg>a</seg></tuv>\n</tu>\n</body>\n</tmx>`,
    );
    expect(noLang.kind).toBe("invalid_input");
    expect(noLang.message).toMatch(/line 5: .*tuv.*lang/);
    expect(noLang.details.issues?.[0]?.path).toBe("line 5");

    const noHeader = await refusal('<tmx version="1.4"><body/></tmx>');
    expect(noHeader.message).toMatch(/header/);

    const badSegtype = await refusal(`<tmx version="1.4">${header.replace("sentence", "word")}<body/></tmx>`);
    expect(badSegtype.message).toMatch(/segtype/);

    const badDate = await refusal(
      `<tmx version="1.4">${header}<body><tu creationdate="2026-01-01"><tuv xml:lang="ko"><seg>a</seg></tuv></tu></body></tmx>`,
    );
    expect(badDate.message).toMatch(/creationdate/);

    const segFirst = await refusal(
      `<tmx version="1.4">${header}<body><tu><tuv xml:lang="ko"><seg>a</seg><prop type="x">b</prop></tuv></tu></body></tmx>`,
    );
    expect(segFirst.message).toMatch(/prop/);

    const notTmx = await refusal(`<tu><tuv xml:lang="ko"><seg>a</seg></tuv></tu>`);
    expect(notTmx.message).toMatch(/not a TMX memory: its root is <tu>, not <tmx>/);
  });

  it("refuses what is not well-formed XML, with its line and column", async () => {
    const err = await refusal(`<tmx version="1.4">\n${header}\n<body>\n</tmx>`);
    expect(err.message).toMatch(/not well-formed.*line 4, column 1: <\/tmx> closes <body>/);
  });

  it("refuses a DOCTYPE and entities, so that nothing outside the document is read", async () => {
    const xxe = await refusal(
      `<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tmx version="1.4">${header}<body><tu><tuv xml:lang="ko"><seg>&x;</seg></tuv></tu></body></tmx>`,
    );
    expect(xxe.kind).toBe("invalid_input");
    expect(xxe.message).toMatch(/line 2.*DOCTYPE.*refused/);
    const laughs = await refusal(
      `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><tmx version="1.4"/>`,
    );
    expect(laughs.message).toMatch(/DOCTYPE/);
    const undeclared = await refusal(
      `<tmx version="1.4">${header}<body><tu><tuv xml:lang="ko"><seg>&nbsp;</seg></tuv></tu></body></tmx>`,
    );
    expect(undeclared.message).toMatch(/entity &nbsp; is not declared/);
  });

  it("refuses a document larger than 10 MiB", async () => {
    const big = `<tmx version="1.4">${header}<body>${"<!-- padding -->".repeat(MAX_DOCUMENT_BYTES / 16 + 1)}</body></tmx>`;
    const err = await refusal(big);
    expect(err.kind).toBe("content_too_large");
    expect(err.message).toMatch(/larger than 10 MiB/);
  });
});

describe("memories made elsewhere", () => {
  it("reads every translation of a unit, keeps highlighted text and drops format codes", async () => {
    const doc = `<?xml version="1.0" encoding="utf-8"?>
<!-- exported by another tool -->
<tmx version="1.4">
  <header creationtool="Other" creationtoolversion="9" segtype="sentence" o-tmf="other" adminlang="en-US" srclang="ko-KR" datatype="html" changedate="20250101T120000Z">
    <prop type="x-note">anything</prop>
  </header>
  <body>
    <tu tuid="7" changedate="20250102T030405Z" changeid="R">
      <note>from a project</note>
      <tuv xml:lang="en-US"><seg>The <bpt i="1">&lt;b&gt;</bpt>decision<ept i="1">&lt;/b&gt;</ept> of <hi type="date">{date}</hi>.</seg></tuv>
      <tuv xml:lang="ko-KR"><seg><![CDATA[{date}의 <결정>]]>.</seg></tuv>
      <tuv xml:lang="km-KH"><seg>សេចក្តីសម្រេច<ph x="1">&lt;br/&gt;</ph> {date}។</seg></tuv>
    </tu>
    <tu srclang="en-US">
      <tuv xml:lang="en-us"><seg>Only the source.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en"><seg>No Korean.</seg></tuv>
      <tuv xml:lang="km"><seg>No Korean.</seg></tuv>
    </tu>
  </body>
</tmx>`;
    const read = await readTmx(doc);
    expect(read.sourceLanguage).toBe("ko-KR");
    expect(read.units).toEqual([
      {
        id: "7",
        sourceLanguage: "ko-KR",
        targetLanguage: "en-US",
        source: "{date}의 <결정>.",
        target: "The decision of {date}.",
        translatedBy: null,
        reviewedBy: "R",
        approvedAt: "2025-01-02T03:04:05.000Z",
        origin: null,
      },
      {
        id: "7",
        sourceLanguage: "ko-KR",
        targetLanguage: "km-KH",
        source: "{date}의 <결정>.",
        target: "សេចក្តីសម្រេច {date}។",
        translatedBy: null,
        reviewedBy: "R",
        approvedAt: "2025-01-02T03:04:05.000Z",
        origin: null,
      },
    ]);
    expect(read.skipped).toEqual([
      { line: 14, reason: "no translation (only the source language's text)" },
      { line: 17, reason: "no text in the source language ko-KR" },
    ]);
  });

  it("takes the first text as the source when any language may be", async () => {
    const doc = `<tmx version="1.4"><header creationtool="T" creationtoolversion="1" segtype="phrase" o-tmf="T" adminlang="en" srclang="*all*" datatype="plaintext"/><body><tu><tuv xml:lang="km"><seg>ក</seg></tuv><tuv xml:lang="ko"><seg>가</seg></tuv></tu></body></tmx>`;
    const read = await readTmx(doc);
    expect(read.units.map((u) => [u.sourceLanguage, u.source, u.targetLanguage, u.target])).toEqual([
      ["km", "ក", "ko", "가"],
    ]);
  });
});
