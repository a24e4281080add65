/**
 * Sealed names and sealed events, measured (docs/security.md requirement 20): the name search
 * over 100,000 persons whose names are stored only encrypted, and what decrypting a case's
 * events adds to a case read. On PostgreSQL, in a fresh schema.
 *
 * Name search. It seeds BENCH_NAMES_PERSONS persons (100,000) with names drawn as the demo draws
 * them (src/demo/names.ts: about 40 nationalities, native scripts with their Latin forms, Korean
 * transcriptions, aliases), each sealed (`names_enc`) with its truncated, keyed blocking keys
 * (`name_blocks`, src/persons/name-keys.ts), and one case each in the Seoul office. Then, for
 * BENCH_NAMES_QUERIES persons picked at random, it searches as the case list does
 * (`matchingCases`, src/cases/search-cases.ts: candidates by blocking keys, their names decrypted
 * and compared in the application, a page of 25):
 *
 * - by the person's first name as written (given and family name, in the first name's script);
 * - by the Latin form of a name written in another script (a cross-script search), where there is one.
 *
 * The baseline, in the same run: the same as-written search as raw SQL over the same names kept
 * in plain text in a table of the benchmark's own, with a trigram index (what the search cost when
 * names were stored in plain text): `lower(text) LIKE ALL('%word%', …)`, newest first, 26 rows. And
 * once, the search without blocking keys: every name decrypted and compared (a plain scan).
 * Reported: median and p95 of each, the ratio of the sealed search to the plain one, the mean
 * number of candidates the blocking keys let through, and whether the person searched for was
 * found (on the first page, or the page was full of other persons of the same name).
 *
 * Case read. A case of 10 events is seeded through the application's commands; its stored events
 * are decrypted (`openEvents`) BENCH_NAMES_READS times, and the whole read (`getCase`: the one
 * statement with its access record, the decryption, the procedure engine, the view) a quarter as
 * many times, one at a time. Reported: microseconds per read of each and the decryption's share.
 *
 * Writes bench/results/<stamp>-names.json and bench/results/names-latest.md. Run on its own with
 * `node --import tsx bench/names.ts`; `npm run bench` runs it last (BENCH_NAMES=0 leaves it out).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import type { Actor } from "../src/app/actor.ts";
import { matchingCases } from "../src/cases/search-cases.ts";
import { getCase } from "../src/cases/get-case.ts";
import { openEvents, type StoredEvent } from "../src/cases/db/event-store.ts";
import { composeNames, NATIONALITIES } from "../src/demo/names.ts";
import { createRng } from "../src/demo/random.ts";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { nameBlocks, namesField } from "../src/persons/db.ts";
import { nameKeys, namesMatch, nameWords, queryWords } from "../src/persons/name-keys.ts";
import { systemPrincipal } from "../src/security/access/policy.ts";
import { migrate } from "../src/store/migrate.ts";
import { seedCase } from "./seed.ts";
import { openPostgres, postgresUrl } from "./targets.ts";
import { num, timing, type Timing, timed } from "./measure.ts";

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));
const PAGE = 25;
const ACTOR: Actor = { principal: systemPrincipal("bench"), address: "local" };

interface Seeded {
  id: string;
  names: { value: string; script?: string }[];
}

/** Persons with sealed names and one case each; their names in plain text in `bench_plain_names`. */
async function seedPersons(ctx: AppContext, total: number): Promise<Seeded[]> {
  const rng = createRng(20_261_205);
  const db = ctx.db;
  await db.query(
    "CREATE TABLE bench_plain_names (case_id uuid PRIMARY KEY, person_id uuid NOT NULL, text text)",
  );
  await db.query(
    "CREATE INDEX bench_plain_names_trgm ON bench_plain_names USING gin (lower(text) gin_trgm_ops)",
  );
  const seeded: Seeded[] = [];
  const at = new Date().toISOString();
  for (let start = 0; start < total; start += 1000) {
    const rows = [];
    for (let i = start; i < Math.min(total, start + 1000); i++) {
      const profile = rng.pick(NATIONALITIES);
      const names = composeNames(rng, profile, rng.chance(0.5) ? "female" : "male");
      const id = randomUUID();
      seeded.push({ id, names });
      rows.push({
        id,
        caseId: randomUUID(),
        nationality: profile.code,
        enc: ctx.keyring.encrypt(JSON.stringify(names), namesField(id)),
        blocks: nameBlocks(ctx.keyring, nameKeys(names)),
        text: names.map((n) => n.value).join(" | "),
      });
    }
    const json = JSON.stringify(rows);
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO persons (id, names_enc, name_blocks, nationality, created_at, created_by, registered_office_id)
         SELECT (x->>'id')::uuid, x->>'enc', ARRAY(SELECT jsonb_array_elements_text(x->'blocks')::int),
                x->>'nationality', $2, 'bench', 'seoul'
           FROM jsonb_array_elements($1::jsonb) x`,
        [json, at],
      );
      await tx.query(
        `INSERT INTO cases (office_id, id, person_id, channel, kind, filed_on, version, stage, nationality, updated_at)
         SELECT 'seoul', (x->>'caseId')::uuid, (x->>'id')::uuid, 'in_country', 'first', DATE '2024-01-10', 1,
                'examination', x->>'nationality', $2
           FROM jsonb_array_elements($1::jsonb) x`,
        [json, at],
      );
      await tx.query(
        `INSERT INTO bench_plain_names (case_id, person_id, text)
         SELECT (x->>'caseId')::uuid, (x->>'id')::uuid, x->>'text' FROM jsonb_array_elements($1::jsonb) x`,
        [json],
      );
    });
  }
  await db.query("ANALYZE persons");
  await db.query("ANALYZE cases");
  await db.query("ANALYZE bench_plain_names");
  return seeded;
}

/** How many persons the blocking keys of a search let through (every word's keys met). */
async function candidatesOf(ctx: AppContext, text: string): Promise<number> {
  const words = queryWords(text).filter((w) => w.keys.length > 0);
  if (words.length === 0) return 0;
  const params = words.map((w) => nameBlocks(ctx.keyring, w.keys));
  const [row] = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM persons WHERE ${params.map((_, i) => `name_blocks && $${i + 1}::int[]`).join(" AND ")}`,
    params,
  );
  return row?.n ?? 0;
}

interface SearchKind {
  label: string;
  queries: number;
  sealed: Timing;
  /** Raw SQL over plain-text names (as-written searches only). */
  plain?: Timing;
  ratio?: number;
  meanCandidates: number;
  found: number;
}

export interface NamesBenchReport {
  startedAt: string;
  machine: { node: string; cpus: number; cpuModel: string; memoryGb: number };
  database: string;
  settings: { persons: number; queries: number; reads: number };
  seedSeconds: number;
  searches: SearchKind[];
  scan: Timing;
  caseRead: { events: number; decryptUs: number; readUs: number; share: number };
}

export async function runNamesBench(log: (line: string) => void): Promise<NamesBenchReport | null> {
  const settings = {
    persons: num("BENCH_NAMES_PERSONS", 100_000),
    queries: num("BENCH_NAMES_QUERIES", 30),
    reads: num("BENCH_NAMES_READS", 2000),
  };
  const target = await openPostgres(postgresUrl(), 10);
  if (typeof target === "string") {
    log(`name search benchmark: ${target}`);
    return null;
  }
  try {
    const startedAt = new Date().toISOString();
    await migrate(target.db);
    const ctx = await createAppContext({ db: target.db, masterKey: randomBytes(32) });
    await seedHolidays(ctx);
    log(
      `name search benchmark (${target.label}): seeding ${settings.persons.toLocaleString("en")} persons …`,
    );
    const t0 = performance.now();
    const persons = await seedPersons(ctx, settings.persons);
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    log(`  seeded in ${seedSeconds} s`);

    const rng = createRng(7);
    const picked = Array.from({ length: settings.queries }, () => rng.pick(persons));
    const search = async (text: string, personId: string) => {
      const { ms, value } = await timed(() =>
        matchingCases(ctx.db, ctx.keyring, queryWords(text), PAGE + 1, {}),
      );
      const found = value.length > PAGE || value.some((r) => r.personId === personId);
      return { ms, found };
    };

    // As written: the first name given, in its own script.
    const asWritten = { sealed: [] as number[], plain: [] as number[], candidates: 0, found: 0 };
    // Across scripts: a Latin form for a name written in another script.
    const across = { sealed: [] as number[], candidates: 0, found: 0 };
    for (const p of picked) {
      const first = p.names[0]?.value ?? "";
      await search(first, p.id); // warm: the first search of a name reads its index pages
      const s = await search(first, p.id);
      asWritten.sealed.push(s.ms);
      asWritten.found += s.found ? 1 : 0;
      asWritten.candidates += await candidatesOf(ctx, first);
      const patterns = nameWords(first).map((w) => `%${w.replace(/[\\%_]/g, "\\$&")}%`);
      const plainSql = `SELECT c.id FROM cases c JOIN bench_plain_names b ON b.case_id = c.id
                         WHERE lower(b.text) LIKE ALL($1::text[]) ORDER BY c.id DESC LIMIT ${PAGE + 1}`;
      await ctx.db.query(plainSql, [patterns]);
      asWritten.plain.push((await timed(() => ctx.db.query(plainSql, [patterns]))).ms);

      const latin = p.names.find((n) => n.script === "Latn")?.value;
      if (p.names[0]?.script !== "Latn" && latin) {
        await search(latin, p.id);
        const x = await search(latin, p.id);
        across.sealed.push(x.ms);
        across.found += x.found ? 1 : 0;
        across.candidates += await candidatesOf(ctx, latin);
      }
    }
    const sealed = timing(asWritten.sealed);
    const plain = timing(asWritten.plain);
    const searches: SearchKind[] = [
      {
        label: "as written (the first name, in its own script)",
        queries: picked.length,
        sealed,
        plain,
        ratio: plain.medianMs > 0 ? Math.round((sealed.medianMs / plain.medianMs) * 10) / 10 : 0,
        meanCandidates: Math.round(asWritten.candidates / picked.length),
        found: asWritten.found,
      },
    ];
    if (across.sealed.length > 0) {
      searches.push({
        label: "across scripts (the Latin form of a name in another script)",
        queries: across.sealed.length,
        sealed: timing(across.sealed),
        meanCandidates: Math.round(across.candidates / across.sealed.length),
        found: across.found,
      });
    }

    // The plain scan: every name decrypted and compared, for three of the searches.
    const scanSamples: number[] = [];
    for (const p of picked.slice(0, 3)) {
      const words = queryWords(p.names[0]?.value ?? "");
      const { ms } = await timed(async () => {
        const rows = await ctx.db.query<{ id: string; names_enc: string }>(
          "SELECT id, names_enc FROM persons",
        );
        let n = 0;
        for (const r of rows) {
          const names = JSON.parse(ctx.keyring.decrypt(r.names_enc, namesField(r.id))) as { value: string }[];
          if (namesMatch(words, names)) n++;
        }
        return n;
      });
      scanSamples.push(ms);
    }
    const scan = timing(scanSamples);

    // The case read: decrypting the events, against the whole read.
    const caseId = await seedCase(ctx, 0, 10);
    const stored = await ctx.db.query<StoredEvent>(
      `SELECT office_id AS "officeId", case_id AS "caseId", sequence, type, occurred_on AS "occurredOn", payload,
              recorded_at AS "recordedAt", recorded_by AS "recordedBy", prev_hash AS "prevHash", hash
         FROM case_events WHERE case_id = $1 ORDER BY sequence`,
      [caseId],
    );
    for (let i = 0; i < 200; i++) openEvents(ctx.keyring, stored);
    const d0 = performance.now();
    for (let i = 0; i < settings.reads; i++) openEvents(ctx.keyring, stored);
    const decryptUs = Math.round(((performance.now() - d0) * 1000) / settings.reads);
    const reads = Math.max(1, Math.round(settings.reads / 4));
    for (let i = 0; i < 50; i++) await getCase(ctx, ACTOR, caseId);
    const r0 = performance.now();
    for (let i = 0; i < reads; i++) await getCase(ctx, ACTOR, caseId);
    const readUs = Math.round(((performance.now() - r0) * 1000) / reads);

    const cpus = os.cpus();
    const report: NamesBenchReport = {
      startedAt,
      machine: {
        node: process.version,
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? "unknown CPU",
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
      },
      database: target.label,
      settings,
      seedSeconds,
      searches,
      scan,
      caseRead: {
        events: stored.length,
        decryptUs,
        readUs,
        share: readUs > 0 ? Math.round((decryptUs / readUs) * 1000) / 10 : 0,
      },
    };
    writeNamesReport(report);
    log(namesMarkdown(report));
    return report;
  } finally {
    await target.dispose();
  }
}

export function namesMarkdown(r: NamesBenchReport): string {
  const lines = [
    `## Sealed names and events (${r.database}, ${r.settings.persons.toLocaleString("en")} persons)`,
    "",
    `${r.startedAt}; ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}. ` +
      `Seeded in ${r.seedSeconds} s.`,
    "",
    "| search | queries | sealed median ms | sealed p95 ms | plain-text SQL median ms | sealed / plain | candidates decrypted (mean) | found |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...r.searches.map(
      (s) =>
        `| ${s.label} | ${s.queries} | ${s.sealed.medianMs} | ${s.sealed.p95Ms} | ${s.plain?.medianMs ?? "—"} | ` +
        `${s.ratio !== undefined ? `${s.ratio} ×` : "—"} | ${s.meanCandidates} | ${s.found} of ${s.queries} |`,
    ),
    "",
    `Without blocking keys (every name decrypted and compared): median ${r.scan.medianMs} ms, p95 ${r.scan.p95Ms} ms (${r.scan.runs} searches).`,
    "",
    `Case read (${r.caseRead.events} events, one at a time, in the process): the whole read ${r.caseRead.readUs} µs, ` +
      `of which decrypting the events ${r.caseRead.decryptUs} µs (${r.caseRead.share} %).`,
    "",
  ];
  return lines.join("\n");
}

function writeNamesReport(r: NamesBenchReport): void {
  mkdirSync(RESULTS, { recursive: true });
  const stamp = r.startedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  writeFileSync(`${RESULTS}${stamp}-names.json`, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(`${RESULTS}names-latest.md`, namesMarkdown(r));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await runNamesBench((line) => console.log(line));
}
