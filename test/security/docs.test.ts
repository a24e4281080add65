/**
 * docs/security.md cannot drift from the code: its table of roles is exactly
 * `src/security/access/rights.ts` (docs/security.md requirement 4: "shown in the docs"), and every test its
 * requirement table names exists.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROLE_DEFINITIONS, ROLES } from "../../src/security/access/rights.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const DOC = readFileSync(join(ROOT, "docs", "security.md"), "utf8");

/** The rows of the first markdown table after `heading`, as arrays of trimmed cells. */
function tableAfter(heading: string): string[][] {
  const start = DOC.indexOf(heading);
  if (start < 0) throw new Error(`docs/security.md has no "${heading}"`);
  const lines = DOC.slice(start).split("\n");
  const first = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split("|")
        .map((c) => c.trim()),
    );
  }
  return rows.slice(2); // header and separator
}

const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "");

describe("docs/security.md", () => {
  it("shows every role with exactly the rights and reach that rights.ts gives it", () => {
    const rows = tableAfter("## Roles and rights");
    const documented = Object.fromEntries(
      rows.map(([role = "", offices = "", description = "", rights = ""]) => [
        codes(role)[0] ?? role,
        { offices, description, rights: codes(rights).sort() },
      ]),
    );
    const actual = Object.fromEntries(
      ROLES.map((role) => [
        role,
        {
          offices: ROLE_DEFINITIONS[role].spansOffices ? "all" : "own",
          description: ROLE_DEFINITIONS[role].description,
          rights: [...ROLE_DEFINITIONS[role].rights].sort(),
        },
      ]),
    );
    expect(documented).toEqual(actual);
  });

  it("names only tests that exist", () => {
    const rows = tableAfter("## Requirements and their tests");
    const items = rows.map((r) => r[0] ?? "");
    for (const n of [...Array.from({ length: 17 }, (_, i) => String(i + 1))])
      expect(
        items.some((i) => i.startsWith(`${n} `) || i === n),
        `item ${n}`,
      ).toBe(true);
    let named = 0;
    for (const row of rows) {
      const cell = row[2] ?? "";
      // `path/to/x.test.ts`: "a test's name, or a part of it"; "another"
      for (const m of cell.matchAll(/`([^`]+\.test\.ts)`((?:[:;,]? ?"[^"]+")*)/g)) {
        const path = m[1] ?? "";
        expect(existsSync(join(ROOT, path)), `${row[0]}: ${path}`).toBe(true);
        const source = readFileSync(join(ROOT, path), "utf8");
        for (const name of (m[2] ?? "").matchAll(/"([^"]+)"/g)) {
          expect(source, `${row[0]}: ${path} has no test "${name[1]}"`).toContain(name[1]);
          named++;
        }
      }
    }
    expect(named).toBeGreaterThan(40);
  });
});
