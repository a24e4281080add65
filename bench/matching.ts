/**
 * Identity matching, measured (docs/identity-matching.md, "Measured"): the candidate list for a
 * later registration over a register of 100,000 persons on PostgreSQL, in a fresh schema that is
 * dropped afterwards.
 *
 * It seeds BENCH_MATCHING_PERSONS persons (100,000) generated with known duplicates
 * (bench/matching-data.ts: names drawn as the demo draws them; a tenth are a later registration
 * of an earlier person, in another script or spelling, another order, the date of birth in
 * another form), sealed as the application seals them, with their keyed, truncated blocking keys
 * (`person_match_blocks`) and one case each. Then:
 *
 * - recall and precision on the register: for BENCH_MATCHING_SAMPLE (3,000) later registrations,
 *   each against all the others, whether the earlier one is among the candidates and proposed,
 *   and how many of all proposals are the same person;
 * - for BENCH_MATCHING_QUERIES later registrations picked at random, the candidate list as the
 *   API computes it (`scoreCandidates`: candidates by blocking keys, reach, decryption of names
 *   and dates of birth, scoring), each once to warm and once timed; and the whole
 *   `GET /persons/{id}/matches` (`findMatches`: with the person's own decryption, identifiers,
 *   decisions, cases, how each ended and the access record);
 * - the baseline, in the same run: the same candidates fetched as raw SQL through a `pg` pool
 *   (the blocking statement, with its order, joined with the persons' sealed columns, nothing
 *   decrypted or scored). Reported: medians and p95, the ratio to the baseline, the candidates compared.
 *
 * Aim: recall ≥ 0.98 at the proposal stage and a candidate list in under 100 ms.
 * Writes bench/results/<stamp>-matching.json, bench/results/matching.json (the latest) and
 * bench/results/matching-latest.md. On its own: `node --import tsx bench/matching.ts`;
 * `npm run bench` runs it (BENCH_MATCHING=0 leaves it out).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Actor } from "../src/app/actor.ts";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { createRng } from "../src/demo/random.ts";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { birthDateField, nameBlocks, namesField } from "../src/persons/db.ts";
import { findMatches, scoreCandidates, MAX_CANDIDATES } from "../src/persons/matching/find-matches.ts";
import { MATCH_BLOCK_BITS, queryMatchKeys, storedMatchKeys } from "../src/persons/matching/keys.ts";
import { prepare, score, PROPOSAL_THRESHOLD } from "../src/persons/matching/score.ts";
import { queryMatchBlocks, storedMatchBlocks } from "../src/persons/matching/store-blocks.ts";
import { nameKeys } from "../src/persons/name-keys.ts";
import { systemPrincipal } from "../src/security/access/policy.ts";
import { migrate } from "../src/store/migrate.ts";
import { generateRegister, type GeneratedPerson } from "./matching-data.ts";
import { rawPool } from "./raw-sql.ts";
import { openPostgres, postgresUrl } from "./targets.ts";
import { num, timing, type Timing, timed } from "./measure.ts";

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));
const ACTOR: Actor = { principal: systemPrincipal("bench"), address: "local" };

export interface MatchingBenchReport {
  startedAt: string;
  machine: { node: string; cpus: number; cpuModel: string; memoryGb: number };
  database: string;
  settings: { persons: number; queries: number; sample: number; blockBits: number; threshold: number };
  seedSeconds: number;
  register: {
    laterRegistrations: number;
    sampled: number;
    recall: number;
    blockingRecall: number;
    precision: number;
    /** The same person is the first proposal shown, or among the first five. */
    rankedFirst: number;
    inFirstFive: number;
    meanCandidates: number;
    meanProposals: number;
    missedBy: Record<string, number>;
  };
  candidateList: Timing & { meanCandidates: number; found: number };
  matchesRoute: Timing;
  baseline: Timing;
  ratio: number;
  aims: { recall: boolean; latency: boolean };
}

/** Persons with sealed names and dates of birth, their blocking keys, and one case each. */
async function seed(ctx: AppContext, register: readonly GeneratedPerson[]): Promise<string[]> {
  const ids = register.map(() => randomUUID());
  const at = new Date().toISOString();
  for (let start = 0; start < register.length; start += 1000) {
    const rows = register.slice(start, start + 1000).map((p, k) => {
      const id = ids[start + k]!;
      return {
        id,
        caseId: randomUUID(),
        nationality: p.nationality,
        sex: p.sex,
        names: ctx.keyring.encrypt(JSON.stringify(p.names), namesField(id)),
        birth: p.birthDate ? ctx.keyring.encrypt(p.birthDate, birthDateField(id)) : null,
        nameBlocks: nameBlocks(ctx.keyring, nameKeys(p.names)),
        matchBlocks: storedMatchBlocks(ctx.keyring, p),
      };
    });
    const json = JSON.stringify(rows);
    await ctx.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO persons (id, names_enc, birth_date_enc, name_blocks, nationality, sex, created_at, created_by,
                              registered_office_id)
         SELECT (x->>'id')::uuid, x->>'names', x->>'birth', ARRAY(SELECT jsonb_array_elements_text(x->'nameBlocks')::int),
                x->>'nationality', x->>'sex', $2, 'bench', 'seoul'
           FROM jsonb_array_elements($1::jsonb) x`,
        [json, at],
      );
      await tx.query(
        `INSERT INTO person_match_blocks (person_id, blocks)
         SELECT (x->>'id')::uuid, ARRAY(SELECT jsonb_array_elements_text(x->'matchBlocks')::int)
           FROM jsonb_array_elements($1::jsonb) x`,
        [json],
      );
      await tx.query(
        `INSERT INTO cases (office_id, id, person_id, channel, kind, filed_on, version, stage, nationality, updated_at)
         SELECT 'seoul', (x->>'caseId')::uuid, (x->>'id')::uuid, 'in_country', 'first', DATE '2024-01-10', 1,
                'examination', x->>'nationality', $2
           FROM jsonb_array_elements($1::jsonb) x`,
        [json, at],
      );
    });
  }
  for (const t of ["persons", "person_match_blocks", "cases"]) await ctx.db.query(`ANALYZE ${t}`);
  return ids;
}

/**
 * Recall and precision over the register (in memory), for `sample` later registrations picked at
 * random, each against all 100,000: candidates are the persons sharing one of the query's keys
 * (what remains of the stored numbers' candidates after the application drops those that share
 * only a truncated hash), scored as the API scores them.
 */
export function measureRegister(
  register: readonly GeneratedPerson[],
  sample: number,
): MatchingBenchReport["register"] {
  const index = new Map<string, number[]>();
  for (const p of register)
    for (const k of storedMatchKeys(p)) {
      const list = index.get(k);
      if (list) list.push(p.index);
      else index.set(k, [p.index]);
    }
  const prepared = new Map<number, ReturnType<typeof prepare>>();
  const prep = (i: number) => {
    let r = prepared.get(i);
    if (!r) prepared.set(i, (r = prepare(register[i]!)));
    return r;
  };
  const rng = createRng(1206);
  const later = register.filter((p) => p.duplicateOf !== undefined);
  const queries = later.length <= sample ? later : rng.shuffle(later).slice(0, sample);
  const root = (i: number) => register[i]!.duplicateOf ?? i;
  let counted = 0;
  let first = 0;
  let firstFive = 0;
  let blocked = 0;
  let found = 0;
  let proposals = 0;
  let right = 0;
  let candidates = 0;
  const missedBy: Record<string, number> = {};
  for (const p of queries) {
    if (p.duplicateOf === undefined) continue;
    counted++;
    // Past MAX_CANDIDATES, those sharing the most keys, as the application keeps them.
    const shared = new Map<number, number>();
    for (const k of new Set(queryMatchKeys(p)))
      for (const i of index.get(k) ?? []) if (i !== p.index) shared.set(i, (shared.get(i) ?? 0) + 1);
    const near = new Set(
      [...shared]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, MAX_CANDIDATES)
        .map(([i]) => i),
    );
    candidates += near.size;
    if (near.has(p.duplicateOf)) blocked++;
    let hit = false;
    const totals: { i: number; total: number }[] = [];
    for (const i of near) {
      const s = score(prep(p.index), prep(i));
      if (!s.proposed) continue;
      totals.push({ i, total: s.total });
      proposals++;
      if (root(i) === root(p.index)) right++;
      if (i === p.duplicateOf) hit = true;
    }
    // Where the earlier registration stands in the list as shown (best first).
    totals.sort((a, b) => b.total - a.total);
    const rank = totals.findIndex((t) => root(t.i) === root(p.index));
    if (rank === 0) first++;
    if (rank >= 0 && rank < 5) firstFive++;
    if (hit) found++;
    else {
      const k = `${p.variant}/${p.dateVariant}`;
      missedBy[k] = (missedBy[k] ?? 0) + 1;
    }
  }
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    laterRegistrations: later.length,
    sampled: counted,
    recall: r4(found / counted),
    blockingRecall: r4(blocked / counted),
    precision: r4(right / proposals),
    rankedFirst: r4(first / counted),
    inFirstFive: r4(firstFive / counted),
    meanCandidates: Math.round((candidates / counted) * 10) / 10,
    meanProposals: Math.round((proposals / counted) * 100) / 100,
    missedBy,
  };
}

export async function runMatchingBench(log: (line: string) => void): Promise<MatchingBenchReport | null> {
  const settings = {
    persons: num("BENCH_MATCHING_PERSONS", 100_000),
    queries: num("BENCH_MATCHING_QUERIES", 100),
    sample: num("BENCH_MATCHING_SAMPLE", 3000),
  };
  const target = await openPostgres(postgresUrl(), 4);
  if (typeof target === "string") {
    log(`identity matching benchmark: ${target}`);
    return null;
  }
  const pool = rawPool(target.raw, 1);
  try {
    const startedAt = new Date().toISOString();
    await migrate(target.db);
    const ctx = await createAppContext({ db: target.db, masterKey: randomBytes(32) });
    await seedHolidays(ctx);
    log(
      `identity matching benchmark (${target.label}): seeding ${settings.persons.toLocaleString("en")} persons …`,
    );
    const register = generateRegister(settings.persons, 20_261_206);
    const t0 = performance.now();
    const ids = await seed(ctx, register);
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    log(`  seeded in ${seedSeconds} s; recall and precision over the register …`);
    const registerResult = measureRegister(register, settings.sample);
    log(
      `  recall ${registerResult.recall}, precision ${registerResult.precision}, first ${registerResult.rankedFirst}, ` +
        `${registerResult.meanProposals} proposals a query`,
    );

    const rng = createRng(16);
    const later = register.filter((p) => p.duplicateOf !== undefined);
    const picked = Array.from({ length: settings.queries }, () => rng.pick(later));
    const lists: number[] = [];
    const routes: number[] = [];
    const raws: number[] = [];
    let candidates = 0;
    let found = 0;
    const rawSql = `SELECT p.id, p.names_enc, p.birth_date_enc, p.nationality, p.sex, p.registered_office_id
                      FROM person_match_blocks b JOIN persons p ON p.id = b.person_id
                     WHERE b.blocks && $1::integer[] AND b.person_id <> $2
                     ORDER BY (SELECT count(*) FROM unnest(b.blocks) AS k WHERE k = ANY ($1::integer[])) DESC, b.person_id
                     LIMIT ${MAX_CANDIDATES}`;
    for (const p of picked) {
      const id = ids[p.index]!;
      const subject = { id, names: p.names, birthDate: p.birthDate, nationality: p.nationality, sex: p.sex };
      const run = () => scoreCandidates(ctx, ctx.db, subject, new Map(), () => true);
      await run();
      const { ms, value } = await timed(run);
      lists.push(ms);
      candidates += value.compared;
      const earlierId = ids[p.duplicateOf!]!;
      if (value.scored.some((s) => s.fields.id === earlierId && s.score.proposed)) found++;
      const blocks = queryMatchBlocks(ctx.keyring, subject);
      await pool.query(rawSql, [blocks, id]);
      raws.push((await timed(() => pool.query(rawSql, [blocks, id]))).ms);
      routes.push((await timed(() => findMatches(ctx, ACTOR, id))).ms);
    }
    const candidateList = { ...timing(lists), meanCandidates: Math.round(candidates / picked.length), found };
    const baseline = timing(raws);
    const report: MatchingBenchReport = {
      startedAt,
      machine: {
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "?",
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
      },
      database: target.label,
      settings: { ...settings, blockBits: MATCH_BLOCK_BITS, threshold: PROPOSAL_THRESHOLD },
      seedSeconds,
      register: registerResult,
      candidateList,
      matchesRoute: timing(routes),
      baseline,
      ratio: baseline.medianMs > 0 ? Math.round((candidateList.medianMs / baseline.medianMs) * 10) / 10 : 0,
      aims: { recall: registerResult.recall >= 0.98, latency: candidateList.p95Ms < 100 },
    };
    write(report);
    log(
      `  candidate list: median ${candidateList.medianMs} ms, p95 ${candidateList.p95Ms} ms ` +
        `(${candidateList.meanCandidates} candidates; raw SQL ${baseline.medianMs} ms, ${report.ratio} ×); ` +
        `GET matches median ${report.matchesRoute.medianMs} ms`,
    );
    return report;
  } finally {
    await pool.end();
    await target.dispose();
  }
}

function markdown(r: MatchingBenchReport): string {
  const g = r.register;
  return [
    `# Identity matching: ${r.settings.persons.toLocaleString("en")} persons on ${r.database}`,
    "",
    `${r.startedAt}; ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}. ` +
      `Seeded in ${r.seedSeconds} s. Blocking keys of ${r.settings.blockBits} bits; proposal threshold ${r.settings.threshold}.`,
    "",
    `${g.sampled.toLocaleString("en")} of the ${g.laterRegistrations.toLocaleString("en")} later registrations, each against the whole register: recall ${g.recall} ` +
      `(aim ≥ 0.98: ${r.aims.recall ? "met" : "not met"}; blocking alone ${g.blockingRecall}), precision ${g.precision}; ` +
      `the same person first in the list ${g.rankedFirst}, among the first five ${g.inFirstFive}; ` +
      `${g.meanCandidates} candidates and ${g.meanProposals} proposals a query. Missed: ${JSON.stringify(g.missedBy)}.`,
    "",
    "| measured | runs | median ms | p95 ms |",
    "| --- | ---: | ---: | ---: |",
    `| candidate list (blocking, reach, decryption, scoring) | ${r.candidateList.runs} | ${r.candidateList.medianMs} | ${r.candidateList.p95Ms} |`,
    `| GET /persons/{id}/matches in the process (with cases, endings, access record) | ${r.matchesRoute.runs} | ${r.matchesRoute.medianMs} | ${r.matchesRoute.p95Ms} |`,
    `| baseline: the same candidates' rows as raw SQL through pg | ${r.baseline.runs} | ${r.baseline.medianMs} | ${r.baseline.p95Ms} |`,
    "",
    `Candidate list / baseline: ${r.ratio} ×; ${r.candidateList.meanCandidates} candidates compared on average; ` +
      `the earlier registration proposed for ${r.candidateList.found} of ${r.candidateList.runs}. ` +
      `Aim (p95 under 100 ms): ${r.aims.latency ? "met" : "not met"}.`,
    "",
  ].join("\n");
}

function write(r: MatchingBenchReport): void {
  mkdirSync(RESULTS, { recursive: true });
  const stamp = r.startedAt.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const json = `${JSON.stringify(r, null, 2)}\n`;
  writeFileSync(`${RESULTS}${stamp}-matching.json`, json);
  writeFileSync(`${RESULTS}matching.json`, json);
  writeFileSync(`${RESULTS}matching-latest.md`, markdown(r));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await runMatchingBench((line) => console.log(line));
}
