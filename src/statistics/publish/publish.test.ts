import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DisclosureError } from "../../kernel/statistics/disclosure.ts";
import type { CountTable, PublicFigures } from "../../kernel/statistics/table.ts";
import { csv, csvField } from "./csv.ts";
import { exportPublicFiles } from "./export.ts";
import { PROTECTED, RULES_KO } from "./messages.ts";
import { buildPublication, publicationCache } from "./publication.ts";
import { todayIn } from "../../kernel/calendar/dates.ts";
import { sampleFigures } from "./testing.ts";

/** Split our CSV (BOM, CRLF, quoted fields) back into rows. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.slice(1);
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && s[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("CSV", () => {
  it("neutralizes formulas and quotes what needs quoting", () => {
    expect(csvField("=1+2")).toBe("'=1+2");
    expect(csvField("+SUM(A1)")).toBe("'+SUM(A1)");
    expect(csvField("-3")).toBe("'-3");
    expect(csvField("@x")).toBe("'@x");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField(15)).toBe("15");
    expect(csvField(null)).toBe("");
    expect(csvField("서울")).toBe("서울");
    expect(csv(["a"], [["=x"]])).toBe("\uFEFFa\r\n'=x\r\n");
  });

  it("a table: one line per cell and total, suppressed values empty with their status", () => {
    const pub = buildPublication(sampleFigures());
    const rows = parseCsv(pub.formats.en.tableCsv.get("first-instance-decisions-by-nationality")!);
    expect(rows[0]).toEqual([
      "nationality",
      "nationality_label",
      "outcome",
      "outcome_label",
      "decisions_rounded",
      "status",
    ]);
    expect(rows.length).toBe(1 + 7 * 4);
    for (const [, label, , , value, status] of rows.slice(1)) {
      expect(/^[=+\-@]/.test(label!)).toBe(false);
      if (status === "suppressed") expect(value).toBe("");
      else expect(Number(value) % 5).toBe(0);
    }
    // the small group (Myanmar: three, all refused) is suppressed in full
    const mmr = rows.filter((r) => r[0] === "MMR");
    expect(mmr.every((r) => r[5] === "suppressed")).toBe(true);
    const total = rows.find((r) => r[0] === "_T" && r[2] === "_T")!;
    expect(total[4]).toBe("6990"); // 6991 rounded
    expect(total[1]).toBe("Total");
    // names, not codes: countries from CLDR, outcomes from the catalogue
    expect(rows.find((r) => r[0] === "RUS")![1]).toBe("Russia");
    expect(rows.find((r) => r[2] === "humanitarian")![3]).toBe("Humanitarian stay");
  });

  it("in Korean: the same lines and values, Korean names and status words", () => {
    const pub = buildPublication(sampleFigures());
    const id = "first-instance-decisions-by-nationality";
    const ko = parseCsv(pub.formats.ko.tableCsv.get(id)!);
    const en = parseCsv(pub.formats.en.tableCsv.get(id)!);
    const pick = (rows: string[][]) => rows.map((r) => [r[0], r[2], r[4]]);
    expect(pick(ko)).toEqual(pick(en));
    expect(ko.find((r) => r[0] === "MMR")).toEqual(["MMR", "미얀마", "recognized", "난민 인정", "", "가림"]);
    expect(ko.find((r) => r[0] === "CHN")![1]).toBe("중국");
    expect(ko.find((r) => r[0] === "_T")![1]).toBe("합계");
    // a code that is not a country keeps the label it came with, neutralized
    expect(ko.find((r) => r[0] === "'=cmd")![1]).toBe("'+SUM(A1:A9)");
    expect(parseCsv(pub.formats.ko.rateCsv.get("rrr_unhcr")!)[5]![5]).toBe("비공개");
  });

  it("rates and definitions", () => {
    const pub = buildPublication(sampleFigures());
    const rows = parseCsv(pub.formats.en.rateCsv.get("rrr_unhcr")!);
    expect(rows[0]).toEqual([
      "decision_year",
      "decision_year_label",
      "rate_percent",
      "step_points",
      "denominator_rounded",
      "status",
    ]);
    expect(rows[4]).toEqual(["2024", "2024", "1.1", "0.1", "9800", ""]);
    expect(rows[5]).toEqual(["2025", "2025", "", "", "", "withheld"]);
    const defs = parseCsv(pub.formats.en.definitionsCsv);
    expect(defs.map((r) => r[1])).toEqual([
      "id",
      "applications-by-year",
      "first-instance-decisions-by-nationality",
      "rrr_unhcr",
      "per_application",
    ]);
    expect(defs[2]![4]).toBe("decision_year=2025; level=first_instance");
  });
});

describe("JSON and JSON-stat", () => {
  it("JSON carries the protected figures, definitions, asOf and the rules", () => {
    const { json } = buildPublication(sampleFigures()).formats.en;
    expect(json.lang).toBe("en");
    expect(json.asOf).toBe("2025-12-31");
    expect(json.rules.roundingBase).toBe(5);
    expect(json.tables[1]!.cells[4]).toEqual([null, null, null]);
    expect(json.tables[1]!.definitions[0]!.id).toBe("first_instance");
    expect(json.rates[0]!.points[4]).toEqual({ category: "2025", rate: null, step: null, denominator: null });
  });

  it("JSON: category names in the language, the status words in its notes", () => {
    const pub = buildPublication(sampleFigures());
    const ko = pub.formats.ko.json;
    expect(ko.lang).toBe("ko");
    expect(ko.tables[1]!.rows.labels!.MMR).toBe("미얀마");
    expect(ko.tables[1]!.columns.labels!.rejected).toBe("불인정");
    expect(pub.formats.en.json.tables[1]!.rows.labels!.MMR).toMatch(/^Myanmar/);
    expect(ko.tables[1]!.cells).toEqual(pub.formats.en.json.tables[1]!.cells);
    expect(ko.notes.join(" ")).toContain(PROTECTED.ko.suppressed);
    expect(pub.formats.en.json.notes.join(" ")).toContain(PROTECTED.en.withheld);
  });

  it("JSON-stat 2.0: sizes match values, suppressed values are null with the status word", () => {
    const { jsonStat } = buildPublication(sampleFigures()).formats.en;
    expect(jsonStat.class).toBe("collection");
    expect(jsonStat.link.item).toHaveLength(4);
    expect(jsonStat.link.item.map((d) => d.href)).toEqual([
      "/api/v1/public/statistics/jsonstat/tables/applications-by-year?lang=en",
      "/api/v1/public/statistics/jsonstat/tables/first-instance-decisions-by-nationality?lang=en",
      "/api/v1/public/statistics/jsonstat/rates/rrr_unhcr?lang=en",
      "/api/v1/public/statistics/jsonstat/rates/per_application?lang=en",
    ]);
    for (const ds of jsonStat.link.item) {
      expect(ds.version).toBe("2.0");
      expect(ds.value.length).toBe(ds.size.reduce((a, b) => a * b, 1));
      ds.id.forEach((d, i) => expect(ds.dimension[d]!.category.index.length).toBe(ds.size[i]));
      const word = ds.role?.metric ? PROTECTED.en.withheld : PROTECTED.en.suppressed;
      ds.value.forEach((v, i) => expect(ds.status[String(i)] === word).toBe(v === null));
    }
    const nat = jsonStat.link.item[1]!;
    expect(nat.id).toEqual(["nationality", "outcome"]);
    expect(nat.dimension.nationality!.category.index.at(-1)).toBe("_T");
    expect(nat.dimension.nationality!.category.label.EGY).toBe("Egypt");
    expect(nat.dimension.nationality!.category.label._T).toBe("Total");
    expect(nat.role?.geo).toEqual(["nationality"]);
    expect(nat.note[0]).toMatch(/^First-instance decisions: /);
    // Myanmar row (index 4) × 4 columns: all suppressed
    expect(nat.value.slice(16, 20)).toEqual([null, null, null, null]);
    const rrr = jsonStat.link.item[2]!;
    expect(rrr.role?.metric).toEqual(["measure"]);
    expect(rrr.value.slice(9, 12)).toEqual([1.1, 0.1, 9800]);
  });
});

describe("HTML page", () => {
  const pub = buildPublication(sampleFigures());
  const html = { ko: pub.formats.ko.html, en: pub.formats.en.html };

  it.each(["ko", "en"] as const)("%s: self-contained, no script, no external resource", (lang) => {
    const page = html[lang];
    expect(page.startsWith(`<!doctype html><html lang="${lang}">`)).toBe(true);
    expect(page).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(page).not.toMatch(/<(img|link|iframe|object|embed)\b/i);
    // tag balance for the elements we emit
    for (const tag of ["table", "figure", "svg", "section", "tr", "figcaption"]) {
      expect(page.split(`<${tag}`).length, tag).toBe(page.split(`</${tag}>`).length);
    }
  });

  it("accessible: captions, header scopes, SVG with title and desc, a heading per figure", () => {
    const tables = html.en.match(/<table>/g)!.length;
    expect(html.en.match(/<caption>/g)!.length).toBe(tables);
    expect(html.en).toContain('<th scope="col">');
    expect(html.en).toContain('<th scope="row">');
    const svgs = html.en.match(/<svg [^>]*>/g)!;
    expect(svgs.length).toBe(4); // the rates compared, two rate line charts, one bar chart by year
    for (const svg of svgs) {
      const [, title, desc] = /aria-labelledby="([^ "]+) ([^"]+)"/.exec(svg)!;
      expect(html.en).toContain(`<title id="${title}">`);
      expect(html.en).toContain(`<desc id="${desc}">`);
      expect(svg).toContain('role="img"');
    }
    expect(html.en).toContain("<h1>");
    expect(html.en).toContain('href="#main"');
  });

  it("shows the Korean page in Korean (titles, labels, definitions) with the same figures as the English one", () => {
    const ko = html.ko;
    expect(ko).toContain("난민 인정률 (UNHCR 기준)");
    expect(ko).toContain("협약 난민 인정 / (인정 + 인도적 체류 + 불인정)");
    expect(ko).toContain("신청 대비 인정률 (언론 보도 방식)");
    expect(ko).not.toContain("Convention recognitions /");
    const cells = (html: string) =>
      [...html.replace(/<span class="vh">[^<]*<\/span>/g, "").matchAll(/<td[^>]*>(.*?)<\/td>/g)].map(
        (m) => m[1],
      );
    expect(cells(ko)).toEqual(cells(html.en));
    expect(ko).toContain('<th scope="row">미얀마</th>');
    expect(html.en).toContain('<th scope="row">Myanmar');
    expect(cells(ko).length).toBeGreaterThan(20);
  });

  it("puts every rate of a year side by side, each named and defined, from published values only", () => {
    const section = /<section aria-labelledby="compared">.*?<\/section>/s.exec(html.en)?.[0] ?? "";
    for (const s of pub.figures.rates) {
      expect(section).toContain(`<a href="#rate-${s.id}">${s.definition.name}</a>`);
      expect(section).toContain(`<strong>${s.definition.name}</strong>: ${s.definition.text}`);
      for (const p of s.points) if (p.rate !== null) expect(section).toContain(`${p.rate} <small>±`);
    }
  });

  it("each figure is labelled with its definition; suppressed and withheld are marked in text", () => {
    const en = html.en;
    expect(en).toContain("Refugee recognition rate (UNHCR)</strong> — Definition: Convention recognitions");
    expect(en).toContain("Per-application rate (as in the press)");
    expect(en).toContain('x<span class="vh"> (suppressed)</span>');
    expect(en).toContain('–<span class="vh"> (withheld)</span>');
    expect(html.ko).toContain('x<span class="vh"> (가림)</span>');
    expect(html.ko).toContain('–<span class="vh"> (비공개)</span>');
    expect(en).toContain("Filters: decision_year = 2025, level = first_instance");
    expect(en).toContain('href="/api/v1/public/statistics/tables/applications-by-year.csv?lang=en"');
    expect(en).toContain('href="/api/v1/public/statistics/jsonstat?lang=en"');
  });

  it("Korean page: Korean text and rules, link to the English page", () => {
    const ko = html.ko;
    expect(ko).toContain("난민 심사 통계");
    expect(ko).toContain(RULES_KO[1]);
    expect(ko).toContain('href="/statistics?lang=en"');
    expect(ko).toContain("6,990");
    expect(RULES_KO.length).toBe(pub.figures.rules.text.length);
  });

  it("escapes labels", () => {
    const f = sampleFigures();
    f.tables[0]!.title = '<img src=x onerror="alert(1)">';
    const page = buildPublication(f).formats.en.html;
    expect(page).not.toContain("<img");
    expect(page).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
  });
});

describe("no decision-maker in public output", () => {
  it("a table or rate by decision-maker is refused by the publisher", () => {
    const f = sampleFigures();
    const dm: CountTable = {
      ...f.tables[1]!,
      id: "by-examiner",
      rows: { id: "decision_maker", label: "Decision-maker", categories: ["examiner-017"] },
      cells: [[5, 0, 40]],
    };
    expect(() => buildPublication({ ...f, tables: [...f.tables, dm] })).toThrow(DisclosureError);
    expect(() =>
      buildPublication({ ...f, rates: [{ ...f.rates[0]!, filters: { examiner: "examiner-017" } }] }),
    ).toThrow(DisclosureError);
  });

  it("fields outside the declared shape never reach JSON, CSV, JSON-stat or HTML", () => {
    const f = sampleFigures() as PublicFigures & Record<string, unknown>;
    const marker = "examiner-7f3a";
    f.decisionMakers = [marker];
    Object.assign(f.tables[1]!, { examinerIds: [marker], byDecisionMaker: { [marker]: 12 } });
    Object.assign(f.tables[1]!.rows, { decisionMaker: marker });
    Object.assign(f.tables[1]!.definitions[0]!, { examiner: marker });
    Object.assign(f.rates[0]!, { panels: [marker] });
    Object.assign(f.rates[0]!.points[0]!, { decisionMaker: marker });
    const pub = buildPublication(f);
    const outputs = (["ko", "en"] as const).flatMap((l) => {
      const x = pub.formats[l];
      return [
        JSON.stringify(x.json),
        JSON.stringify(x.jsonStat),
        x.definitionsCsv,
        x.rulesCsv,
        ...x.tableCsv.values(),
        ...x.rateCsv.values(),
        x.html,
      ];
    });
    for (const out of outputs) {
      expect(out).not.toContain(marker);
      expect(out).not.toMatch(/examiner|decision[_-]?maker|panel/i);
    }
  });
});

describe("export and cache", () => {
  it("exportPublicFiles writes the page, JSON, JSON-stat, CSVs and a README", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openrsd-stats-"));
    try {
      const files = await exportPublicFiles(sampleFigures(), dir);
      const korean = [
        "index.html",
        "statistics.json",
        "statistics.jsonstat.json",
        "jsonstat/tables/applications-by-year.json",
        "jsonstat/tables/first-instance-decisions-by-nationality.json",
        "jsonstat/rates/rrr_unhcr.json",
        "jsonstat/rates/per_application.json",
        "definitions.csv",
        "rules.csv",
        "tables/applications-by-year.csv",
        "tables/first-instance-decisions-by-nationality.csv",
        "rates/rrr_unhcr.csv",
        "rates/per_application.csv",
      ];
      const english = korean.map((f) => f.replace(/\.(\w+)$/, ".en.$1"));
      expect(files).toEqual([...korean, ...english, "README.md"]);
      expect((await readdir(dir)).sort()).toEqual(
        [...files.filter((f) => !f.includes("/")), "jsonstat", "rates", "tables"].sort(),
      );
      const html = await readFile(join(dir, "index.html"), "utf8");
      expect(html).toContain('href="tables/applications-by-year.csv"');
      expect(html).toContain('href="index.en.html"');
      const en = await readFile(join(dir, "index.en.html"), "utf8");
      expect(en).toContain('href="tables/applications-by-year.en.csv"');
      const json = JSON.parse(await readFile(join(dir, "statistics.json"), "utf8"));
      expect(json.asOf).toBe("2025-12-31");
      // the collection's hrefs are relative to it, and resolve to the files written beside it
      const collection = JSON.parse(await readFile(join(dir, "statistics.jsonstat.en.json"), "utf8"));
      for (const item of collection.link.item) {
        const alone = JSON.parse(await readFile(join(dir, item.href), "utf8"));
        expect(alone).toEqual(item);
      }
      const readme = await readFile(join(dir, "README.md"), "utf8");
      for (const file of korean.filter((f) => !f.startsWith("jsonstat/"))) expect(readme).toContain(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("computes once per day in Seoul, shares concurrent requests, retries after a failure", async () => {
    let now = new Date("2026-01-05T14:00:00Z"); // 23:00 in Seoul
    let calls = 0;
    let fail = false;
    const getFigures = async () => {
      calls++;
      if (fail) throw new Error("database down");
      return sampleFigures();
    };
    const cache = publicationCache(getFigures, () => todayIn("Asia/Seoul", now));
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(calls).toBe(1);
    await cache.get();
    expect(calls).toBe(1);
    now = new Date("2026-01-05T15:00:00Z"); // midnight in Seoul: a new day
    fail = true;
    await expect(cache.get()).rejects.toThrow("database down");
    fail = false;
    const c = await cache.get();
    expect(calls).toBe(3);
    expect(c).not.toBe(a);
    expect(publicationCache(getFigures, () => "2026-01-06")).toBe(cache);
  });
});
