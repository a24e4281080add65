import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DisclosureError } from "../../kernel/statistics/disclosure.ts";
import type { CountTable, PublicFigures } from "../../kernel/statistics/table.ts";
import { csv, csvField } from "./csv.ts";
import { exportPublicFiles } from "./export.ts";
import { RULES_KO } from "./messages.ts";
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
    const rows = parseCsv(pub.tableCsv.get("first-instance-decisions-by-nationality")!);
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
  });

  it("rates and definitions", () => {
    const pub = buildPublication(sampleFigures());
    const rows = parseCsv(pub.rateCsv.get("rrr_unhcr")!);
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
    const defs = parseCsv(pub.definitionsCsv);
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
    const { json } = buildPublication(sampleFigures());
    expect(json.asOf).toBe("2025-12-31");
    expect(json.rules.roundingBase).toBe(5);
    expect(json.tables[1]!.cells[4]).toEqual([null, null, null]);
    expect(json.tables[1]!.definitions[0]!.id).toBe("first_instance");
    expect(json.rates[0]!.points[4]).toEqual({ category: "2025", rate: null, step: null, denominator: null });
  });

  it("JSON-stat 2.0: sizes match values, suppressed values are null with status c", () => {
    const { jsonStat } = buildPublication(sampleFigures());
    expect(jsonStat.class).toBe("collection");
    expect(jsonStat.link.item).toHaveLength(4);
    for (const ds of jsonStat.link.item) {
      expect(ds.version).toBe("2.0");
      expect(ds.value.length).toBe(ds.size.reduce((a, b) => a * b, 1));
      ds.id.forEach((d, i) => expect(ds.dimension[d]!.category.index.length).toBe(ds.size[i]));
      ds.value.forEach((v, i) => expect(ds.status[String(i)] === "c").toBe(v === null));
    }
    const nat = jsonStat.link.item[1]!;
    expect(nat.id).toEqual(["nationality", "outcome"]);
    expect(nat.dimension.nationality!.category.index.at(-1)).toBe("_T");
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

  it.each(["ko", "en"] as const)("%s: self-contained, no script, no external resource", (lang) => {
    const html = pub.html[lang];
    expect(html.startsWith(`<!doctype html><html lang="${lang}">`)).toBe(true);
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/<(img|link|iframe|object|embed)\b/i);
    // tag balance for the elements we emit
    for (const tag of ["table", "figure", "svg", "section", "tr", "figcaption"]) {
      expect(html.split(`<${tag}`).length, tag).toBe(html.split(`</${tag}>`).length);
    }
  });

  it("accessible: captions, header scopes, SVG with title and desc, a heading per figure", () => {
    const html = pub.html.en;
    const tables = html.match(/<table>/g)!.length;
    expect(html.match(/<caption>/g)!.length).toBe(tables);
    expect(html).toContain('<th scope="col">');
    expect(html).toContain('<th scope="row">');
    const svgs = html.match(/<svg [^>]*>/g)!;
    expect(svgs.length).toBe(4); // the rates compared, two rate line charts, one bar chart by year
    for (const svg of svgs) {
      const [, title, desc] = /aria-labelledby="([^ "]+) ([^"]+)"/.exec(svg)!;
      expect(html).toContain(`<title id="${title}">`);
      expect(html).toContain(`<desc id="${desc}">`);
      expect(svg).toContain('role="img"');
    }
    expect(html).toContain("<h1>");
    expect(html).toContain('href="#main"');
  });

  it("shows the Korean page in Korean (titles, labels, definitions) with the same figures as the English one", () => {
    const ko = pub.html.ko;
    expect(ko).toContain("난민 인정률 (UNHCR 기준)");
    expect(ko).toContain("협약 난민 인정 / (인정 + 인도적 체류 + 불인정)");
    expect(ko).toContain("신청 대비 인정률 (언론 보도 방식)");
    expect(ko).not.toContain("Convention recognitions /");
    const cells = (html: string) =>
      [...html.replace(/<span class="vh">[^<]*<\/span>/g, "").matchAll(/<td[^>]*>(.*?)<\/td>/g)].map(
        (m) => m[1],
      );
    expect(cells(ko)).toEqual(cells(pub.html.en));
    expect(cells(ko).length).toBeGreaterThan(20);
  });

  it("puts every rate of a year side by side, each named and defined, from published values only", () => {
    const html = pub.html.en;
    const section = /<section aria-labelledby="compared">.*?<\/section>/s.exec(html)?.[0] ?? "";
    for (const s of pub.figures.rates) {
      expect(section).toContain(`<a href="#rate-${s.id}">${s.definition.name}</a>`);
      expect(section).toContain(`<strong>${s.definition.name}</strong>: ${s.definition.text}`);
      for (const p of s.points) if (p.rate !== null) expect(section).toContain(`${p.rate} <small>±`);
    }
  });

  it("each figure is labelled with its definition; suppressed and withheld are marked in text", () => {
    const html = pub.html.en;
    expect(html).toContain("Refugee recognition rate (UNHCR)</strong> — Definition: Convention recognitions");
    expect(html).toContain("Per-application rate (as in the press)");
    expect(html).toContain('x<span class="vh"> (suppressed)</span>');
    expect(html).toContain('–<span class="vh"> (withheld)</span>');
    expect(html).toContain("Filters: decision_year = 2025, level = first_instance");
    expect(html).toContain('href="/api/v1/public/statistics/tables/applications-by-year.csv"');
  });

  it("Korean page: Korean text and rules, link to the English page", () => {
    const html = pub.html.ko;
    expect(html).toContain("난민 심사 통계");
    expect(html).toContain(RULES_KO[1]);
    expect(html).toContain('href="/statistics?lang=en"');
    expect(html).toContain("6,990");
    expect(RULES_KO.length).toBe(pub.figures.rules.text.length);
  });

  it("escapes labels", () => {
    const f = sampleFigures();
    f.tables[0]!.title = '<img src=x onerror="alert(1)">';
    const html = buildPublication(f).html.en;
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
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
    const outputs = [
      JSON.stringify(pub.json),
      JSON.stringify(pub.jsonStat),
      pub.definitionsCsv,
      ...pub.tableCsv.values(),
      ...pub.rateCsv.values(),
      pub.html.ko,
      pub.html.en,
    ];
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
      expect(files).toEqual([
        "index.html",
        "index.en.html",
        "statistics.json",
        "statistics.jsonstat.json",
        "definitions.csv",
        "rules.csv",
        "tables/applications-by-year.csv",
        "tables/first-instance-decisions-by-nationality.csv",
        "rates/rrr_unhcr.csv",
        "rates/per_application.csv",
        "README.md",
      ]);
      expect((await readdir(dir)).sort()).toEqual([
        "README.md",
        "definitions.csv",
        "index.en.html",
        "index.html",
        "rates",
        "rules.csv",
        "statistics.json",
        "statistics.jsonstat.json",
        "tables",
      ]);
      const html = await readFile(join(dir, "index.html"), "utf8");
      expect(html).toContain('href="tables/applications-by-year.csv"');
      expect(html).toContain('href="index.en.html"');
      const json = JSON.parse(await readFile(join(dir, "statistics.json"), "utf8"));
      expect(json.asOf).toBe("2025-12-31");
      const readme = await readFile(join(dir, "README.md"), "utf8");
      for (const file of files.slice(0, -1)) expect(readme).toContain(file);
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
