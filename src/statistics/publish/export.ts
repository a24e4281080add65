/**
 * `openrsd stats export`: write the public files into a directory, ready to put on any web server.
 * Korean is the default language; each file has an English twin with `.en` before its extension.
 *
 *   index.html, index.en.html                    the page, self-contained
 *   statistics.json, statistics.en.json          every table and rate, with definitions and rules
 *   statistics.jsonstat.json (.en.json)          JSON-stat 2.0 collection, one dataset per table or rate
 *   jsonstat/tables/<id>.json, jsonstat/rates/<id>.json (.en.json)   each dataset alone (the items' hrefs)
 *   definitions.csv (.en.csv), rules.csv (.en.csv)   what each figure means; the disclosure rules
 *   tables/<id>.csv, rates/<id>.csv (.en.csv)    one CSV per table or rate series
 *   README.md                                    this list, with the date the figures describe
 *
 * The JSON-stat `href`s are relative to the collection's file, so they resolve wherever the
 * directory is served.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { PublicFigures } from "../../kernel/statistics/table.ts";
import type { PageLinks } from "./html.ts";
import { LANGS, PROTECTED, type Lang } from "./messages.ts";
import { buildPublication } from "./publication.ts";

const suffix = (lang: Lang) => (lang === "ko" ? "" : `.${lang}`);

export const FILE_LINKS: PageLinks = {
  json: (lang) => `statistics${suffix(lang)}.json`,
  collection: (lang) => `statistics.jsonstat${suffix(lang)}.json`,
  table: (id, lang) => `jsonstat/tables/${id}${suffix(lang)}.json`,
  rate: (id, lang) => `jsonstat/rates/${id}${suffix(lang)}.json`,
  definitions: (lang) => `definitions${suffix(lang)}.csv`,
  tableCsv: (id, lang) => `tables/${id}${suffix(lang)}.csv`,
  rateCsv: (id, lang) => `rates/${id}${suffix(lang)}.csv`,
  page: (lang) => `index${suffix(lang)}.html`,
};

const json = (x: unknown) => JSON.stringify(x, null, 2) + "\n";

/** Write the files; returns their paths relative to `dir`, in the order written. */
export async function exportPublicFiles(figures: PublicFigures, dir: string): Promise<string[]> {
  const pub = buildPublication(figures, FILE_LINKS);
  const L = FILE_LINKS;
  const files = new Map<string, string>();
  for (const lang of LANGS) {
    const f = pub.formats[lang];
    files.set(L.page(lang), f.html);
    files.set(L.json(lang), json(f.json));
    files.set(L.collection(lang), json(f.jsonStat));
    for (const [id, ds] of f.jsonStatTable) files.set(L.table(id, lang), json(ds));
    for (const [id, ds] of f.jsonStatRate) files.set(L.rate(id, lang), json(ds));
    files.set(L.definitions(lang), f.definitionsCsv);
    files.set(`rules${suffix(lang)}.csv`, f.rulesCsv);
    for (const [id, text] of f.tableCsv) files.set(L.tableCsv(id, lang), text);
    for (const [id, text] of f.rateCsv) files.set(L.rateCsv(id, lang), text);
  }
  const list = [...files.keys()];
  const en = PROTECTED.en;
  files.set(
    "README.md",
    [
      `# OpenRSD public statistics, as of ${pub.asOf}`,
      "",
      `Counts are rounded to the nearest 5; small counts are suppressed: empty in CSV with the status`,
      `"${en.suppressed}" ("${PROTECTED.ko.suppressed}" in Korean), null in JSON, status "${en.suppressed}" in`,
      `JSON-stat; a withheld rate is "${en.withheld}" ("${PROTECTED.ko.withheld}"). The rules:`,
      "",
      ...pub.figures.rules.text.map((r, i) => `${i + 1}. ${r}`),
      "",
      "## Files",
      "",
      "Korean first; each file has an English twin with `.en` before its extension.",
      "",
      "- `index.html`, `index.en.html`: the page (no script, no external resource)",
      "- `statistics.json`: every table and rate with definitions, filters and the rules",
      "- `statistics.jsonstat.json`: a JSON-stat 2.0 collection, one dataset per table or rate;",
      "  `jsonstat/tables/<id>.json` and `jsonstat/rates/<id>.json`: each dataset alone",
      "- `definitions.csv`: each figure's title, unit, filters and definitions",
      "- `rules.csv`: the disclosure rules",
      ...pub.figures.tables.map((t) => `- \`${L.tableCsv(t.id, "ko")}\`: ${t.title}`),
      ...pub.figures.rates.map((s) => `- \`${L.rateCsv(s.id, "ko")}\`: ${s.title} (${s.definition.name})`),
      "",
    ].join("\n"),
  );
  for (const name of files.keys()) await mkdir(join(dir, dirname(name)), { recursive: true });
  for (const [name, text] of files) await writeFile(join(dir, name), text, "utf8");
  return [...list, "README.md"];
}
