/**
 * Bulk loader for the national demo dataset. Loading ~100,000 cases through the per-request
 * commands takes hours; this writes exactly what the commands would, a few hundred cases per
 * transaction:
 *
 * - persons through `insertPerson` with the keyring (identifiers encrypted and blind-indexed), their
 *   registering office being the office of their first case; its statements are sent as multi-row
 *   inserts (`flushCaptured`);
 * - every case's history played through the engine's `decide` (a refused event stops the load), and
 *   stored as the commands store it: the filing as `openCase` makes it, then each accepted event,
 *   hash-chained with the event store's `hashEvent`, so `openrsd verify` passes;
 * - the projection (with its snapshot), deadlines and statistics rows as the write path builds them
 *   (`snapshotOf`, `projectionOf` and the profile's statistics contribution),
 *   evaluated on `asOf` as the commands would on the day of the load;
 * - one audit entry per batch, by the system principal that loads.
 */
import { v7 as uuidv7 } from "uuid";
import { actorName, audit, type Actor } from "../../app/actor.ts";
import { projectionOf } from "../../cases/view.ts";
import { sealSnapshot, snapshotOf } from "../../cases/write.ts";
import { sealPayload } from "../../cases/db/sealed-events.ts";
import type { AppContext } from "../../app/context.ts";
import type { Person } from "../../contracts/api.ts";
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import {
  krRefugeeAct,
  type ApplicationFiled,
  type CaseEvent,
  type KrCaseState,
  type KrStatAcc,
} from "../../profiles/kr-refugee-act/index.ts";
import { play } from "../../profiles/kr-refugee-act/script.ts";
import { systemPrincipal } from "../../security/access/policy.ts";
import { GENESIS_HASH, hashEvent, type StoredEvent } from "../../cases/db/chain-hash.ts";
import type { Queryable } from "../../store/db.ts";
import { insertPerson } from "../../persons/db.ts";
import type { CaseProjection } from "../../cases/db/projections.ts";
import type { DemoPerson } from "../persons.ts";
import type { NationalCase, NationalDataset } from "./generate.ts";
import { demoRepresentative, insertReapplicationRows } from "./reapplication-rows.ts";
import {
  CapturingQueryable,
  flushCaptured,
  insertEventRows,
  insertProjectionRows,
  insertStatRows,
  type StatRow,
} from "./rows.ts";

export const LOADER_NAME = "demo-national-loader";
export const DEFAULT_BATCH = 250;

export interface BulkLoadOptions {
  /** The day the projections are evaluated on (the commands use today). */
  asOf: LegalDate;
  /** Cases per transaction. */
  batchSize?: number;
  /** Load even though the database already has cases. */
  forceAppend?: boolean;
  onProgress?: (p: { done: number; total: number; elapsedMs: number }) => void;
}

export interface BulkLoadResult {
  persons: number;
  cases: number;
  events: number;
  batches: number;
  elapsedMs: number;
  /** Case ids by dataset key. */
  caseIds: Map<string, string>;
}

export class DatabaseNotEmptyError extends Error {
  constructor(readonly cases: number) {
    super(
      `the database already has ${cases} cases: the national demo dataset is meant for an empty database. ` +
        "Use a fresh data directory or database, or pass --force-append to add the demo cases to the existing ones.",
    );
    this.name = "DatabaseNotEmptyError";
  }
}

export async function countCases(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases");
  return row?.n ?? 0;
}

/** One case, ready to write: its stored events, projection and statistics rows. */
interface PreparedCase {
  events: StoredEvent[];
  projection: CaseProjection;
  stat: StatRow;
}

export async function bulkLoadNational(
  ctx: AppContext,
  dataset: NationalDataset,
  options: BulkLoadOptions,
): Promise<BulkLoadResult> {
  if (process.env.NODE_ENV === "production") throw new Error("demo data is refused when NODE_ENV=production");
  const existing = await countCases(ctx.db);
  if (existing > 0 && !options.forceAppend) throw new DatabaseNotEmptyError(existing);

  const actor: Actor = { principal: systemPrincipal(LOADER_NAME), address: "local" };
  const recordedBy = actorName(actor);
  const calendar = ctx.calendar();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const started = performance.now();

  const personsByKey = new Map<string, DemoPerson>(dataset.persons.map((p) => [p.key, p]));
  const personIds = new Map<string, string>();
  const caseIds = new Map<string, string>();
  let events = 0;
  let batches = 0;

  const prepare = (c: NationalCase, recordedAt: string): PreparedCase => {
    const person = personsByKey.get(c.personKey);
    const personId = personIds.get(c.personKey);
    if (!person || !personId) throw new Error(`demo case ${c.key} names an unknown person`);
    const caseId = uuidv7();
    caseIds.set(c.key, caseId);
    const priorCaseIds = c.priorCaseKeys.map((k) => {
      const id = caseIds.get(k);
      if (!id) throw new Error(`demo case ${c.key} names an unknown prior case ${k}`);
      return id;
    });
    // The engine decides every event, in order, as recordEvent would (defaults filled in).
    const filed: Omit<ApplicationFiled, "type"> = {
      occurredOn: c.filedOn,
      channel: c.channel,
      office: c.office,
      kind: c.kind,
      priorCaseIds,
    };
    let history: CaseEvent[];
    try {
      history = play(filed, c.events, { today: options.asOf, calendar }).events;
    } catch (err) {
      throw new Error(`demo case ${c.key} is refused by the engine: ${(err as Error).message}`);
    }
    const stored: StoredEvent[] = [];
    let prevHash = GENESIS_HASH;
    history.forEach((e, i) => {
      const { type, occurredOn, ...payload } = e;
      const entry = {
        officeId: c.office,
        caseId,
        sequence: i + 1,
        type,
        occurredOn,
        payload: sealPayload(ctx.keyring, payload, { officeId: c.office, caseId, sequence: i + 1 }),
        recordedAt,
        recordedBy,
      };
      const hash = hashEvent(prevHash, entry);
      stored.push({ ...entry, prevHash, hash });
      prevHash = hash;
    });
    const header = { id: caseId, personId, officeId: filed.office, nationality: person.nationality };
    // As the write path builds them (src/cases/write.ts): the snapshot, then one derivation.
    const snapshot = snapshotOf(krRefugeeAct, history);
    const derived = krRefugeeAct.derive(snapshot.state as KrCaseState, options.asOf, calendar);
    const projection: CaseProjection = {
      ...projectionOf(
        krRefugeeAct,
        header,
        snapshot.filing,
        history.length,
        derived,
        options.asOf,
        sealSnapshot(ctx.keyring, header, snapshot),
      ),
      updatedAt: recordedAt,
    };
    const stat: StatRow = {
      officeId: header.officeId,
      caseId,
      personId,
      facts: krRefugeeAct.statistics.result(snapshot.stats as KrStatAcc, derived),
      person: {
        nationality: person.nationality,
        sex: person.sex ?? null,
        birthDate: person.birthDate ?? null,
      },
    };
    return { events: stored, projection, stat };
  };

  let representativeId: string | null = null;
  /** The account the national demo's mandates name (made once, disabled: nobody signs in as it). */
  const representative = async () => (representativeId ??= await demoRepresentative(ctx.db, recordedBy));

  const total = dataset.cases.length;
  for (let start = 0; start < total; start += batchSize) {
    const slice = dataset.cases.slice(start, start + batchSize);
    const now = ctx.clock();
    const recordedAt = now.toISOString();

    // Persons first seen in this batch, registered by the office of their first case.
    const capture = new CapturingQueryable();
    let newPersons = 0;
    for (const c of slice) {
      if (personIds.has(c.personKey)) continue;
      const demo = personsByKey.get(c.personKey);
      if (!demo) throw new Error(`demo case ${c.key} names an unknown person`);
      const { key: _key, ...input } = demo;
      const person: Person = { id: uuidv7(), ...input, createdAt: recordedAt, createdBy: recordedBy };
      await insertPerson(capture, ctx.keyring, person, c.office);
      personIds.set(c.personKey, person.id);
      newPersons++;
    }
    const prepared = slice.map((c) => prepare(c, recordedAt));
    const eventRows = prepared.flatMap((p) => p.events);

    const repId = slice.some((c) => c.reapplication?.represented) ? await representative() : "";
    await ctx.db.transaction(async (tx) => {
      await flushCaptured(tx, capture.statements);
      await insertEventRows(tx, eventRows);
      await insertProjectionRows(
        tx,
        prepared.map((p) => p.projection),
      );
      await insertStatRows(
        tx,
        prepared.map((p) => p.stat),
      );
      await insertReapplicationRows(
        tx,
        slice.flatMap((c, i) => {
          const p = prepared[i];
          return c.reapplication && p
            ? [
                {
                  officeId: p.projection.officeId,
                  caseId: p.projection.id,
                  filedOn: c.filedOn,
                  ...c.reapplication,
                },
              ]
            : [];
        }),
        { by: recordedBy, at: recordedAt, representativeId: repId },
      );
      await audit(tx, actor, now, {
        action: "demo.bulk_load",
        outcome: "ok",
        details: {
          cases: slice.length,
          persons: newPersons,
          events: eventRows.length,
          firstCaseId: prepared[0]?.projection.id ?? null,
          lastCaseId: prepared.at(-1)?.projection.id ?? null,
        },
      });
    });
    events += eventRows.length;
    batches++;
    options.onProgress?.({
      done: start + slice.length,
      total,
      elapsedMs: performance.now() - started,
    });
  }
  return {
    persons: personIds.size,
    cases: total,
    events,
    batches,
    elapsedMs: performance.now() - started,
    caseIds,
  };
}
