/**
 * `openrsd stats export`: write the public files into a directory, ready to put on any web server.
 *
 *   index.html, index.en.html        the page (Korean, English), self-contained
 *   statistics.json                  every table and rate, with definitions and rules
 *   statistics.jsonstat.json         JSON-stat 2.0 collection, one dataset per table or rate
 *   definitions.csv, rules.csv       what each figure means; the disclosure rules
 *   tables/<id>.csv, rates/<id>.csv  one CSV per table or rate series
 *   README.md                        this list, with the date the figures describe
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PublicFigures } from "../../kernel/statistics/table.ts";
import type { PageLinks } from "./html.ts";
import { buildPublication } from "./publication.ts";

export const FILE_LINKS: PageLinks = {
  json: "statistics.json",
  jsonStat: "statistics.jsonstat.json",
  definitions: "definitions.csv",
  tableCsv: (id) => `tables/${id}.csv`,
  rateCsv: (id) => `rates/${id}.csv`,
  page: (lang) => (lang === "ko" ? "index.html" : "index.en.html"),
};

/** Write the files; returns their paths relative to `dir`, in the order written. */
export async function exportPublicFiles(figures: PublicFigures, dir: string): Promise<string[]> {
  const pub = buildPublication(figures, FILE_LINKS);
  const files = new Map<string, string>();
  files.set("index.html", pub.html.ko);
  files.set("index.en.html", pub.html.en);
  files.set("statistics.json", JSON.stringify(pub.json, null, 2) + "\n");
  files.set("statistics.jsonstat.json", JSON.stringify(pub.jsonStat, null, 2) + "\n");
  files.set("definitions.csv", pub.definitionsCsv);
  files.set("rules.csv", pub.rulesCsv);
  for (const [id, text] of pub.tableCsv) files.set(FILE_LINKS.tableCsv(id), text);
  for (const [id, text] of pub.rateCsv) files.set(FILE_LINKS.rateCsv(id), text);
  const list = [...files.keys()];
  files.set(
    "README.md",
    [
      `# OpenRSD public statistics, as of ${pub.asOf}`,
      "",
      "Counts are rounded to the nearest 5; small counts are suppressed (empty in CSV with status",
      '"suppressed", null in JSON, status "c" in JSON-stat). The rules:',
      "",
      ...pub.figures.rules.text.map((r, i) => `${i + 1}. ${r}`),
      "",
      "## Files",
      "",
      "- `index.html`, `index.en.html`: the page in Korean and English (no script, no external resource)",
      "- `statistics.json`: every table and rate with definitions, filters and the rules",
      "- `statistics.jsonstat.json`: a JSON-stat 2.0 collection, one dataset per table or rate",
      "- `definitions.csv`: each figure's title, unit, filters and definitions",
      "- `rules.csv`: the disclosure rules",
      ...pub.figures.tables.map((t) => `- \`${FILE_LINKS.tableCsv(t.id)}\`: ${t.title}`),
      ...pub.figures.rates.map((s) => `- \`${FILE_LINKS.rateCsv(s.id)}\`: ${s.title} (${s.definition.name})`),
      "",
    ].join("\n"),
  );
  await mkdir(join(dir, "tables"), { recursive: true });
  await mkdir(join(dir, "rates"), { recursive: true });
  for (const [name, text] of files) await writeFile(join(dir, name), text, "utf8");
  return [...list, "README.md"];
}
