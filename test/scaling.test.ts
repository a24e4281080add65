/**
 * The schema stays ready to be distributed by office (docs/scaling.md): read from the live
 * catalog of a freshly migrated database (PGlite always, PostgreSQL when TEST_DATABASE_URL is set),
 * and from the SQL text in the code under src/.
 *
 * - Every case-scoped table (one with an `office_id` or a `case_id` column) carries `office_id`
 *   and leads its primary key with it; its unique constraints include it.
 * - A foreign key between case-scoped tables carries `office_id` on both sides; no table that
 *   stays whole (reference or coordinator) points into a case-scoped one.
 * - A query that joins case-scoped tables equates their `office_id`, except in the statistics
 *   modules, whose aggregates may cross offices.
 * - Every table that is not case-scoped is named below with where it goes and why, and
 *   docs/scaling.md places every table exactly as this file does.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type Queryable, type TestDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";

const ROOT = join(import.meta.dirname, "..");

type Placement = "reference" | "coordinator";

/**
 * Tables that are not distributed by office, where they go on a distributed engine, and why.
 * `reference`: copied to every node, because queries join them with case-scoped tables.
 * `coordinator`: kept whole on the coordinator, because only the application reads them.
 */
const NOT_DISTRIBUTED: Readonly<Record<string, { placement: Placement; why: string }>> = {
  persons: {
    placement: "reference",
    why: "a person can have cases in several offices; case lists and search join cases with persons",
  },
  person_identifier_index: {
    placement: "reference",
    why: "the blind indexes of persons' identifiers, looked up with persons",
  },
  person_match_blocks: {
    placement: "reference",
    why: "persons' identity-matching blocking keys, looked up with persons",
  },
  person_links: {
    placement: "reference",
    why: "decisions that two person records are one person; persons span offices",
  },
  audit_log: {
    placement: "coordinator",
    why: "one hash chain over every office, appended one entry at a time; its office_id and case_id are what an entry is about, not a key",
  },
  audit_chain: {
    placement: "coordinator",
    why: "the audit log's hash chain, sealed by one writer from the coordinator's transaction ids",
  },
  accounts: {
    placement: "coordinator",
    why: "staff and service accounts; office_id is an account's home office, not a tenant key",
  },
  sessions: { placement: "coordinator", why: "written on every request; read only with accounts" },
  api_tokens: { placement: "coordinator", why: "written on every use; read only with accounts" },
  login_throttle: { placement: "coordinator", why: "sign-in bookkeeping" },
  webauthn_credentials: { placement: "coordinator", why: "read only with accounts" },
  webauthn_challenges: { placement: "coordinator", why: "sign-in bookkeeping" },
  webauthn_used_challenges: { placement: "coordinator", why: "sign-in bookkeeping" },
  access_requests: {
    placement: "coordinator",
    why: "grants of access waiting for a second administrator; read only with accounts",
  },
  idempotency_keys: { placement: "coordinator", why: "first answers, keyed by the account that sent them" },
  alerts: { placement: "coordinator", why: "for administrators, about the whole authority" },
  holidays: { placement: "coordinator", why: "one calendar for every office, read by the application" },
  key_encryption_keys: { placement: "coordinator", why: "key hierarchy, read by the application" },
  data_keys: { placement: "coordinator", why: "key hierarchy, read by the application" },
  schema_migrations: { placement: "coordinator", why: "the migrations applied" },
  translation_engine_pairs: {
    placement: "coordinator",
    why: "which configured engine an administrator enabled for which language pair; read only by the application",
  },
  impact_statements: {
    placement: "coordinator",
    why: "published impact statements of re-application policies, about every office; never joined with cases",
  },
  coi_documents: {
    placement: "reference",
    why: "the national country-of-origin library; cases' citations point to its documents",
  },
  coi_passages: {
    placement: "reference",
    why: "the library's quotable passages; cases' citations point to them",
  },
};

/** Files whose queries may join case-scoped tables across offices: the aggregate statistics. */
const CROSS_OFFICE_ALLOWED = (file: string) => file.includes("statistics");

// ---------------------------------------------------------------------------------------------
// The live schema

interface Table {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Unique constraints and unique indexes other than the primary key. */
  uniques: { name: string; columns: string[] }[];
  foreignKeys: { name: string; columns: string[]; references: string; referencedColumns: string[] }[];
}

/** The tables of the current schema, from the catalog. */
async function readSchema(db: Queryable): Promise<Map<string, Table>> {
  const columns = await db.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
  );
  const constraints = await db.query<{
    table: string;
    name: string;
    type: "p" | "u" | "f";
    columns: string[];
    references: string | null;
    referencedColumns: string[] | null;
  }>(
    `SELECT c.relname AS table, k.conname AS name, k.contype AS type,
            ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(n, i)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS columns,
            r.relname AS references,
            CASE WHEN k.contype = 'f' THEN
              ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u(n, i)
                      JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i)
            END AS "referencedColumns"
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       LEFT JOIN pg_class r ON r.oid = k.confrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND k.contype IN ('p', 'u', 'f')
      ORDER BY c.relname, k.conname`,
  );
  // Unique indexes that are not constraints (CREATE UNIQUE INDEX); expressions show as "(expr)".
  const indexes = await db.query<{ table: string; name: string; columns: string[] }>(
    `SELECT c.relname AS table, ic.relname AS name,
            ARRAY(SELECT coalesce(a.attname::text, '(expression)')
                    FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS u(n, o)
                    LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.n
                   ORDER BY u.o) AS columns
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND i.indisunique
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname, ic.relname`,
  );

  const tables = new Map<string, Table>();
  const table = (name: string): Table => {
    let t = tables.get(name);
    if (!t) tables.set(name, (t = { name, columns: [], primaryKey: [], uniques: [], foreignKeys: [] }));
    return t;
  };
  for (const c of columns) table(c.table).columns.push(c.column);
  for (const k of constraints) {
    const t = table(k.table);
    if (k.type === "p") t.primaryKey = k.columns;
    else if (k.type === "u") t.uniques.push({ name: k.name, columns: k.columns });
    else
      t.foreignKeys.push({
        name: k.name,
        columns: k.columns,
        references: k.references ?? "?",
        referencedColumns: k.referencedColumns ?? [],
      });
  }
  for (const i of indexes) table(i.table).uniques.push({ name: i.name, columns: i.columns });
  return tables;
}

/** A table whose rows belong to one office's cases: it has `office_id` or `case_id`. */
function isCaseScoped(t: Table): boolean {
  return !(t.name in NOT_DISTRIBUTED) && (t.columns.includes("office_id") || t.columns.includes("case_id"));
}

const list = (columns: string[]) => `(${columns.join(", ")})`;

/** What keeps the schema from being distributed by office, one sentence per problem. */
function schemaProblems(tables: Map<string, Table>): string[] {
  const problems: string[] = [];
  const scoped = new Set([...tables.values()].filter(isCaseScoped).map((t) => t.name));

  for (const t of tables.values()) {
    if (!scoped.has(t.name)) {
      if (!(t.name in NOT_DISTRIBUTED))
        problems.push(
          `table ${t.name} has neither office_id nor case_id, and is not placed: add it to NOT_DISTRIBUTED ` +
            `in test/scaling.test.ts (reference if queries join it with case-scoped tables, coordinator ` +
            `otherwise) and to docs/scaling.md, or give it office_id if its rows belong to an office's cases`,
        );
      for (const fk of t.foreignKeys)
        if (
          NOT_DISTRIBUTED[t.name]?.placement === "reference" &&
          NOT_DISTRIBUTED[fk.references]?.placement === "coordinator"
        )
          problems.push(
            `foreign key ${fk.name} points from the reference table ${t.name} to ${fk.references}, which ` +
              `stays on the coordinator: make ${fk.references} a reference table too, or drop the foreign key`,
          );
        else if (scoped.has(fk.references))
          problems.push(
            `foreign key ${fk.name} points from ${t.name}, which is not distributed, into the case-scoped ` +
              `table ${fk.references}: a distributed engine cannot keep it; drop it or distribute ${t.name} by office_id`,
          );
      continue;
    }
    if (!t.columns.includes("office_id")) {
      problems.push(
        `table ${t.name} is case-scoped (it has case_id) but has no office_id column: add office_id ` +
          `text NOT NULL, fill it from the case, and make the primary key (office_id, …)`,
      );
      continue;
    }
    if (t.primaryKey[0] !== "office_id")
      problems.push(
        t.primaryKey.length === 0
          ? `table ${t.name} has no primary key: add PRIMARY KEY (office_id, …)`
          : `table ${t.name} has primary key ${list(t.primaryKey)}: make it ` +
              `${list(["office_id", ...t.primaryKey.filter((c) => c !== "office_id")])}`,
      );
    for (const u of t.uniques)
      if (!u.columns.includes("office_id"))
        problems.push(
          `unique ${u.name} on ${t.name} ${list(u.columns)} leaves out office_id: uniqueness can only ` +
            `be kept per office, so make it ${list(["office_id", ...u.columns])}`,
        );
    for (const fk of t.foreignKeys) {
      if (NOT_DISTRIBUTED[fk.references]?.placement === "coordinator")
        problems.push(
          `foreign key ${fk.name} points from the case-scoped table ${t.name} to ${fk.references}, which ` +
            `stays on the coordinator: a distributed table can only refer to a reference table; make ` +
            `${fk.references} a reference table (here and in docs/scaling.md), or drop the foreign key`,
        );
      if (!scoped.has(fk.references)) continue;
      const at = fk.columns.indexOf("office_id");
      if (at < 0 || fk.referencedColumns[at] !== "office_id")
        problems.push(
          `foreign key ${fk.name} from ${t.name} ${list(fk.columns)} to ${fk.references} ` +
            `${list(fk.referencedColumns)} leaves out office_id: make it ` +
            `${list(["office_id", ...fk.columns.filter((c) => c !== "office_id")])} REFERENCES ` +
            `${fk.references} ${list(["office_id", ...fk.referencedColumns.filter((c) => c !== "office_id")])}`,
        );
    }
  }
  for (const name of Object.keys(NOT_DISTRIBUTED))
    if (!tables.has(name))
      problems.push(`NOT_DISTRIBUTED in test/scaling.test.ts names ${name}, which is no table: remove it`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The SQL in the code

/** A piece of SQL text in a file: a string or template literal, `${…}` parts blanked out. */
interface SqlText {
  file: string;
  line: number;
  sql: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|sql)$/.test(e.name) ? [path] : [];
  });
}

/** Every string in a TypeScript file (templates with their `${…}` as ` ¤ `), or a .sql file whole. */
function sqlTexts(path: string): SqlText[] {
  const file = relative(ROOT, path).split(sep).join("/");
  const text = readFileSync(path, "utf8");
  if (path.endsWith(".sql")) return [{ file, line: 1, sql: text }];
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: SqlText[] = [];
  const visit = (node: ts.Node) => {
    let sql: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) sql = node.text;
    else if (ts.isTemplateExpression(node))
      sql = node.head.text + node.templateSpans.map((s) => ` ¤ ${s.literal.text}`).join("");
    if (sql !== undefined) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ file, line, sql });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relation in a FROM list: a table, or a subquery or CTE that reads a case-scoped table. */
interface Relation {
  alias: string;
  label: string;
  caseScoped: boolean;
}

interface Scope {
  /** Text of this level, with every parenthesized part replaced by `§n§`. */
  text: string;
  children: number[];
  parent: number | null;
}

/** Split SQL into nested parenthesized levels. */
function scopesOf(sql: string): Scope[] {
  const scopes: Scope[] = [{ text: "", children: [], parent: null }];
  const stack = [0];
  for (const ch of sql) {
    const current = stack.at(-1) ?? 0;
    if (ch === "(") {
      const id = scopes.length;
      scopes.push({ text: "", children: [], parent: current });
      scopes[current]!.children.push(id);
      scopes[current]!.text += ` §${id}§ `;
      stack.push(id);
    } else if (ch === ")" && stack.length > 1) stack.pop();
    else scopes[current]!.text += ch;
  }
  return scopes;
}

const KEYWORDS = new Set(
  (
    "as on using where group order limit offset having union intersect except returning window for " +
    "join left right full inner outer cross natural lateral set values select from with"
  ).split(" "),
);

/**
 * Joins of case-scoped tables in one SQL text that do not equate office_id: for every level of
 * the query, the case-scoped relations it reads, together with those of enclosing levels that it
 * refers to (a correlated subquery, a lateral join), must be linked by `a.office_id = b.office_id`
 * or `USING (office_id, …)`.
 */
function unequatedJoins(sql: string, caseScoped: ReadonlySet<string>): string[] {
  return analyzeJoins(sql, caseScoped).problems;
}

/** The joins of case-scoped tables in one SQL text (as their relations), and those that fail. */
function analyzeJoins(
  sql: string,
  caseScoped: ReadonlySet<string>,
): { problems: string[]; joined: string[] } {
  const clean = sql.replace(/--[^\n]*/g, " ").toLowerCase();
  const scopes = scopesOf(clean);
  const reads = (id: number): boolean => {
    const s = scopes[id]!;
    return (
      [...caseScoped].some((t) => new RegExp(`\\b(from|join|update|into)\\s+${t}\\b`).test(s.text)) ||
      s.children.some(reads)
    );
  };
  // CTEs: `name AS (…)` reads case-scoped tables if its body does.
  const ctes = new Map<string, boolean>();
  for (const s of scopes)
    for (const m of s.text.matchAll(/\b([a-z_][a-z0-9_]*)\s+as\s+(?:not\s+)?(?:materialized\s+)?§(\d+)§/g))
      ctes.set(m[1]!, reads(Number(m[2])));

  const relationsOf = (s: Scope): Relation[] => {
    const rels: Relation[] = [];
    const from =
      /\b(from|join|update|using)\s+(lateral\s+)?(§(\d+)§|[a-z_][a-z0-9_.]*)(?:\s+(?:as\s+)?([a-z_][a-z0-9_]*))?/g;
    for (const m of s.text.matchAll(from)) {
      const [, keyword, lateral, item = "", child, aliasWord] = m;
      if (keyword === "using" && child !== undefined) continue; // JOIN … USING (columns)
      if (lateral && child !== undefined) continue; // checked inside, as a correlated subquery
      const alias = aliasWord && !KEYWORDS.has(aliasWord) ? aliasWord : undefined;
      if (child !== undefined) {
        if (alias) rels.push({ alias, label: `(subquery) ${alias}`, caseScoped: reads(Number(child)) });
        continue;
      }
      const name = item.replace(/^.*\./, "");
      const scopedTable = caseScoped.has(name) || ctes.get(name) === true;
      rels.push({ alias: alias ?? name, label: alias ? `${name} ${alias}` : name, caseScoped: scopedTable });
    }
    // Further items of a comma-separated FROM list: `FROM a x, b y`.
    for (const m of s.text.matchAll(/,\s*([a-z_][a-z0-9_]*)(?:\s+(?:as\s+)?([a-z_][a-z0-9_]*))?/g)) {
      const [, name = "", aliasWord] = m;
      if (!caseScoped.has(name)) continue;
      const alias = aliasWord && !KEYWORDS.has(aliasWord) ? aliasWord : name;
      if (!rels.some((r) => r.alias === alias))
        rels.push({ alias, label: `${name} ${alias}`, caseScoped: true });
    }
    return rels;
  };

  const problems: string[] = [];
  const joined: string[] = [];
  const visible = new Map<number, Relation[]>();
  const visibleIn = (id: number): Relation[] => {
    let v = visible.get(id);
    if (!v) {
      const s = scopes[id]!;
      v = [...relationsOf(s), ...(s.parent === null ? [] : visibleIn(s.parent))];
      visible.set(id, v);
    }
    return v;
  };
  for (const [id, s] of scopes.entries()) {
    const own = relationsOf(s).filter((r) => r.caseScoped);
    const known = visibleIn(id);
    // Relations of enclosing levels that this level refers to, and unknown qualifiers used with
    // office_id or case_id (a fragment spliced into a query whose FROM is elsewhere).
    const outer = new Map<string, Relation>();
    for (const m of s.text.matchAll(/\b([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)/g)) {
      const [, alias = "", column = ""] = m;
      if (own.some((r) => r.alias === alias) || outer.has(alias)) continue;
      const rel = known.find((r) => r.alias === alias);
      if (rel ? rel.caseScoped : column === "office_id" || column === "case_id")
        outer.set(alias, rel ?? { alias, label: alias, caseScoped: true });
    }
    // `x.id IN (SELECT case_id FROM …)`: a semi-join on the case alone.
    for (const m of s.text.matchAll(/\b([a-z_][a-z0-9_]*)\.(id|case_id)\s+(?:not\s+)?in\s+§(\d+)§/g)) {
      const rel = known.find((r) => r.alias === m[1]);
      if (rel?.caseScoped && reads(Number(m[3])))
        problems.push(
          `matches ${rel.label} by ${m[1]}.${m[2]} IN (subquery) without office_id: write ` +
            `(${m[1]}.office_id, ${m[1]}.${m[2]}) IN (SELECT office_id, … )`,
        );
    }
    const nodes = [...own, ...outer.values()];
    if (nodes.length < 2) continue;
    joined.push(nodes.map((r) => r.label).join(" ⋈ "));
    const links = new Map<string, Set<string>>(nodes.map((r) => [r.alias, new Set<string>()]));
    const link = (a: string, b: string) => {
      links.get(a)?.add(b);
      links.get(b)?.add(a);
    };
    for (const m of s.text.matchAll(/\b([a-z_][a-z0-9_]*)\.office_id\s*=\s*([a-z_][a-z0-9_]*)\.office_id\b/g))
      link(m[1]!, m[2]!);
    // `x JOIN y USING (office_id, …)` links y with the relations before it.
    for (const m of s.text.matchAll(
      /\bjoin\s+(?:lateral\s+)?(§\d+§|[a-z_][a-z0-9_]*)(?:\s+(?:as\s+)?([a-z_][a-z0-9_]*))?\s+using\s+§(\d+)§/g,
    )) {
      const columns = scopes[Number(m[3])]!.text;
      if (!/\boffice_id\b/.test(columns)) continue;
      const right = m[2] && !KEYWORDS.has(m[2]) ? m[2] : m[1]!;
      const before = s.text.slice(0, m.index);
      for (const r of nodes) if (r.alias !== right && before.includes(r.alias)) link(r.alias, right);
    }
    const reached = new Set([nodes[0]!.alias]);
    for (let grew = true; grew;) {
      grew = false;
      for (const a of [...reached])
        for (const b of links.get(a) ?? [])
          if (!reached.has(b)) {
            reached.add(b);
            grew = true;
          }
    }
    const apart = nodes.filter((r) => !reached.has(r.alias));
    if (apart.length > 0)
      problems.push(
        `joins ${nodes.map((r) => r.label).join(", ")} without equating office_id between ` +
          `${nodes[0]!.alias} and ${apart.map((r) => r.alias).join(", ")}: add ` +
          `"${apart[0]!.alias}.office_id = ${nodes[0]!.alias}.office_id" to the join condition ` +
          `(or join USING (office_id, …))`,
      );
  }
  return { problems, joined };
}

/**
 * The joins of every SQL text under `dir` (src/), outside the statistics modules: the problems,
 * and where case-scoped tables are joined at all (so that a test can see the scan finds them).
 */
function scanCode(dir: string, caseScoped: ReadonlySet<string>): { problems: string[]; joins: string[] } {
  const problems: string[] = [];
  const joins: string[] = [];
  for (const path of sourceFiles(dir)) {
    for (const t of sqlTexts(path)) {
      if (CROSS_OFFICE_ALLOWED(t.file)) continue;
      if (![...caseScoped].some((name) => new RegExp(`\\b${name}\\b`, "i").test(t.sql))) continue;
      const found = analyzeJoins(t.sql, caseScoped);
      for (const j of found.joined) joins.push(`${t.file}:${t.line}: ${j}`);
      for (const p of found.problems) problems.push(`${t.file}:${t.line}: the query ${p}`);
    }
  }
  return { problems, joins };
}

// ---------------------------------------------------------------------------------------------
// docs/scaling.md

/** The tables docs/scaling.md distributes, makes reference tables or keeps on the coordinator. */
function documentedPlacement(): Map<string, string> {
  const doc = readFileSync(join(ROOT, "docs", "scaling.md"), "utf8");
  const placed = new Map<string, string>();
  for (const m of doc.matchAll(/create_distributed_table\('([a-z_]+)', 'office_id'/g))
    placed.set(m[1]!, "distributed");
  for (const m of doc.matchAll(/create_reference_table\('([a-z_]+)'\)/g)) placed.set(m[1]!, "reference");
  for (const m of doc.matchAll(/citus_add_local_table_to_metadata\('([a-z_]+)'\)/g))
    placed.set(m[1]!, "coordinator");
  return placed;
}

// ---------------------------------------------------------------------------------------------

describe.each(createTestDatabases())("ready to distribute by office, on $kind", (factory) => {
  let t: TestDatabase;
  let tables: Map<string, Table>;
  let caseScoped: Set<string>;

  beforeAll(async () => {
    t = await factory.open();
    await migrate(t.db);
    tables = await readSchema(t.db);
    caseScoped = new Set([...tables.values()].filter(isCaseScoped).map((x) => x.name));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("reads the case-scoped tables from the catalog", () => {
    expect([...caseScoped]).toEqual(
      expect.arrayContaining(["cases", "case_events", "case_deadlines", "stat_cases", "stat_decisions"]),
    );
    expect(tables.get("case_events")?.primaryKey).toEqual(["office_id", "case_id", "sequence"]);
    expect(tables.get("case_deadlines")?.foreignKeys).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ columns: ["office_id", "case_id"], references: "cases" }),
      ]),
    );
  });

  it("leads every case-scoped key with office_id, and places every other table", () => {
    const problems = schemaProblems(tables);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("equates office_id in every join of case-scoped tables in the code", () => {
    const { problems, joins } = scanCode(join(ROOT, "src"), caseScoped);
    expect(problems, problems.join("\n")).toEqual([]);
    // The scan sees the joins that are there (today, among others, the portal's mandates with
    // cases, the case chains' heads, the cases whose deadlines are due), in more than one file.
    expect(joins.length, joins.join("\n")).toBeGreaterThanOrEqual(3);
    expect(new Set(joins.map((j) => j.split(":")[0])).size, joins.join("\n")).toBeGreaterThanOrEqual(2);
  });

  it("names the file and line of a join in the code that leaves office_id out (the checks have teeth)", () => {
    const dir = mkdtempSync(join(tmpdir(), "openrsd-scaling-"));
    try {
      mkdirSync(join(dir, "statistics"));
      const query = (on: string) =>
        [
          `export const q = (where: string) =>`,
          "  `SELECT c.id FROM cases c",
          `     JOIN case_deadlines d ON ${on}`,
          "    ${where}`;",
          "",
        ].join("\n");
      writeFileSync(join(dir, "worklist.ts"), query("d.case_id = c.id"));
      writeFileSync(join(dir, "statistics", "across.ts"), query("d.case_id = c.id"));
      writeFileSync(join(dir, "fine.ts"), query("d.office_id = c.office_id AND d.case_id = c.id"));
      const { problems } = scanCode(dir, caseScoped);
      expect(problems).toEqual([
        expect.stringMatching(
          /^\.\.\/.*worklist\.ts:2: the query joins cases c, case_deadlines d without equating office_id between c and d: add "d\.office_id = c\.office_id"/,
        ),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is placed table by table in docs/scaling.md as here", () => {
    const expected = new Map<string, string>();
    for (const name of caseScoped) expected.set(name, "distributed");
    for (const [name, p] of Object.entries(NOT_DISTRIBUTED))
      if (tables.has(name)) expected.set(name, p.placement);
    const documented = documentedPlacement();
    const wrong = [...expected]
      .filter(([name, p]) => documented.get(name) !== p)
      .map(([name, p]) => `docs/scaling.md places ${name} as ${documented.get(name) ?? "nothing"}, not ${p}`);
    const extra = [...documented.keys()]
      .filter((name) => !expected.has(name))
      .map((name) => `docs/scaling.md places ${name}, which is no table`);
    expect([...wrong, ...extra], [...wrong, ...extra].join("\n")).toEqual([]);
  });

  it("would notice a case-scoped table keyed, unique or referenced wrongly (the checks have teeth)", async () => {
    const problems = await t.db
      .transaction(async (tx) => {
        await tx.query(`CREATE TABLE probe_notes (
                          office_id text NOT NULL, id uuid NOT NULL, case_id uuid NOT NULL, code text,
                          PRIMARY KEY (id), UNIQUE (code))`);
        await tx.query(`CREATE TABLE probe_no_office (case_id uuid PRIMARY KEY)`);
        await tx.query(`CREATE TABLE probe_links (
                          office_id text NOT NULL, case_id uuid NOT NULL, n int NOT NULL,
                          PRIMARY KEY (office_id, case_id, n),
                          FOREIGN KEY (case_id) REFERENCES probe_no_office (case_id))`);
        await tx.query(`CREATE TABLE probe_settings (id int PRIMARY KEY, office_id text, case_id uuid,
                          FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id))`);
        await tx.query(`CREATE TABLE probe_reviews (office_id text NOT NULL, id uuid NOT NULL,
                          reviewer uuid REFERENCES accounts (id), PRIMARY KEY (office_id, id))`);
        await tx.query("CREATE UNIQUE INDEX probe_links_n ON probe_links (case_id, n)");
        const found = schemaProblems(await readSchema(tx));
        throw Object.assign(new Error("roll back"), { found });
      })
      .catch((err: { found?: string[] }) => err.found ?? []);
    const about = (table: string) => problems.filter((p) => p.includes(table));
    expect(about("table probe_notes has primary key (id): make it (office_id, id)")).toHaveLength(1);
    expect(about("on probe_notes (code) leaves out office_id")).toHaveLength(1);
    expect(about("table probe_no_office is case-scoped (it has case_id) but has no office_id")).toHaveLength(
      1,
    );
    expect(
      about("from probe_links (case_id) to probe_no_office (case_id) leaves out office_id"),
    ).toHaveLength(1);
    expect(about("probe_links_n on probe_links (case_id, n) leaves out office_id")).toHaveLength(1);
    // A table with office_id is case-scoped unless NOT_DISTRIBUTED places it elsewhere.
    expect(about("table probe_settings has primary key (id)")).toHaveLength(1);
    // A distributed table may refer only to reference tables, not to the coordinator's.
    expect(
      about("from the case-scoped table probe_reviews to accounts, which stays on the coordinator"),
    ).toHaveLength(1);
    expect(await readSchema(t.db).then((s) => s.has("probe_notes"))).toBe(false);
  });
});

describe("the join check on SQL text (the checks have teeth)", () => {
  const scoped = new Set([
    "cases",
    "case_events",
    "case_deadlines",
    "mandates",
    "stat_cases",
    "stat_decisions",
  ]);
  const check = (sql: string) => unequatedJoins(sql, scoped);

  it("accepts joins that equate office_id, in ON, USING, a correlated subquery or a lateral join", () => {
    expect(
      check("SELECT 1 FROM cases c JOIN case_events e ON e.office_id = c.office_id AND e.case_id = c.id"),
    ).toEqual([]);
    expect(
      check("SELECT 1 FROM mandates m, cases c WHERE c.office_id = m.office_id AND c.id = m.case_id"),
    ).toEqual([]);
    expect(
      check(`SELECT e.hash FROM (SELECT office_id, case_id, max(sequence) AS sequence FROM case_events
               GROUP BY office_id, case_id) AS h JOIN case_events e USING (office_id, case_id, sequence)`),
    ).toEqual([]);
    expect(
      check(`SELECT id FROM cases c WHERE EXISTS (SELECT 1 FROM case_deadlines d
               WHERE d.office_id = c.office_id AND d.case_id = c.id AND d.due_on >= $1)`),
    ).toEqual([]);
    expect(
      check(`LEFT JOIN LATERAL (SELECT d.outcome FROM stat_decisions d
               WHERE d.office_id = c.office_id AND d.case_id = c.case_id ORDER BY d.seq DESC LIMIT 1) l ON true`),
    ).toEqual([]);
    // Not joins: one table, a join with a table that is not case-scoped, an unrelated subquery.
    expect(
      check("SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.office_id = $1"),
    ).toEqual([]);
    expect(check("SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM stat_cases)")).toEqual([]);
    expect(
      check("INSERT INTO stat_decisions (office_id, case_id) SELECT $1, u.case_id FROM unnest($2) u"),
    ).toEqual([]);
  });

  it("names a join, a comma join, a correlated subquery, a fragment and a semi-join that leave office_id out", () => {
    expect(check("SELECT 1 FROM cases c JOIN case_events e ON e.case_id = c.id")).toEqual([
      expect.stringContaining(
        `joins cases c, case_events e without equating office_id between c and e: add "e.office_id = c.office_id"`,
      ),
    ]);
    expect(check("SELECT 1 FROM mandates m, cases c WHERE c.id = m.case_id")).toHaveLength(1);
    expect(
      check("SELECT 1 FROM cases c WHERE EXISTS (SELECT 1 FROM mandates m WHERE m.case_id = c.id)"),
    ).toHaveLength(1);
    expect(
      check(
        "LEFT JOIN LATERAL (SELECT d.outcome FROM stat_decisions d WHERE d.case_id = c.case_id) l ON true",
      ),
    ).toHaveLength(1);
    expect(
      check("UPDATE cases SET stage = 'x' FROM case_deadlines d WHERE d.case_id = cases.id"),
    ).toHaveLength(1);
    expect(
      check(
        "SELECT 1 FROM stat_decisions f JOIN stat_decisions r ON r.case_id = f.case_id AND r.reverses_refusal",
      ),
    ).toHaveLength(1);
    expect(
      check("SELECT 1 FROM cases c WHERE c.id IN (SELECT case_id FROM mandates WHERE revoked_at IS NULL)"),
    ).toEqual([expect.stringContaining("write (c.office_id, c.id) IN (SELECT office_id, … )")]);
  });
});
