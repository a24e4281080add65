/**
 * The history a simulation replays, read from the store: every subsequent application of the
 * Korean profile filed in the period, each as of its filing day.
 *
 * - the earlier cases are those the filing names (`priorCaseIds`); each one's history up to the
 *   filing day gives how it had ended then (`priorEnding`); the latest ending counts;
 * - the what-is-new elements are the examiner's classification (`reapplication_elements`), and
 *   sur place the claims row (`reapplication_claims`);
 * - represented: a representative's mandate on the case was valid on the filing day (`mandates`);
 * - the outcome in fact is the re-application's own decisions in the statistics rows
 *   (`stat_decisions`): recognized at any level, else humanitarian stay, else a court's annulment.
 *
 * The earlier cases' event payloads are sealed; they are opened here, in the application, and
 * nothing of them leaves this module but the ending's name and dates.
 */
import type { AppContext } from "../../app/context.ts";
import type { StoredEvent } from "../../cases/db/chain-hash.ts";
import { openEvent } from "../../cases/db/sealed-events.ts";
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { Channel } from "../../kernel/procedure/profile.ts";
import type { ElementKind, ElementTag, ScreenElement } from "../../kernel/reapplication/policy.ts";
import type { CaseEvent } from "../../profiles/kr-refugee-act/events.ts";
import { krRefugeeAct } from "../../profiles/kr-refugee-act/index.ts";
import {
  priorEnding,
  type EarlierOutcome,
} from "../../profiles/kr-refugee-act/reapplication/prior-ending.ts";
import type { Queryable } from "../../store/db.ts";
import type { FactualOutcome, HistoricalReapplication } from "./replay.ts";

export interface HistoryQuery {
  from: LegalDate;
  to: LegalDate;
  /** one office's re-applications only; null: every office */
  office: string | null;
}

export interface LoadProgress {
  phase: "cases" | "earlier_cases" | "elements";
  done: number;
  total: number;
}

/** Case ids per statement. */
const CHUNK = 2_000;

function chunks<T>(xs: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

interface ReappRow {
  office_id: string;
  id: string;
  filed_on: string;
  channel: Channel;
  nationality: string | null;
  prior_case_ids: string[] | null;
}

interface EventRow {
  office_id: string;
  case_id: string;
  sequence: number;
  type: string;
  occurred_on: string;
  payload: Record<string, unknown>;
}

/** The earlier cases' histories, payloads opened, by case id. */
async function earlierHistories(
  ctx: AppContext,
  ids: readonly string[],
  progress: (done: number) => void,
): Promise<Map<string, CaseEvent[]>> {
  const out = new Map<string, CaseEvent[]>();
  let done = 0;
  for (const part of chunks(ids)) {
    const rows = await ctx.db.query<EventRow>(
      `SELECT office_id, case_id, sequence, type, occurred_on, payload FROM case_events
        WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, sequence`,
      [part],
    );
    for (const r of rows) {
      const stored: StoredEvent = {
        officeId: r.office_id,
        caseId: r.case_id,
        sequence: r.sequence,
        type: r.type,
        occurredOn: r.occurred_on,
        payload: r.payload,
        recordedAt: "",
        recordedBy: "",
        prevHash: "",
        hash: "",
      };
      const { payload } = openEvent(ctx.keyring, stored);
      const event = { ...payload, type: r.type, occurredOn: r.occurred_on } as CaseEvent;
      const list = out.get(r.case_id);
      if (list) list.push(event);
      else out.set(r.case_id, [event]);
    }
    done += part.length;
    progress(done);
  }
  return out;
}

async function elementsOf(db: Queryable, ids: readonly string[]) {
  const elements = new Map<string, ScreenElement[]>();
  const surPlace = new Map<string, boolean>();
  const represented = new Set<string>();
  const outcome = new Map<string, FactualOutcome>();
  for (const part of chunks(ids)) {
    const rows = await db.query<{
      case_id: string;
      ref_kind: ElementKind;
      tag: ElementTag | null;
      without_fault: boolean | null;
    }>(
      `SELECT case_id, ref_kind, tag, without_fault FROM reapplication_elements
        WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, ref_kind, ref_id`,
      [part],
    );
    for (const r of rows) {
      const e: ScreenElement = { kind: r.ref_kind, tag: r.tag, withoutFault: r.without_fault };
      const list = elements.get(r.case_id);
      if (list) list.push(e);
      else elements.set(r.case_id, [e]);
    }
    const claims = await db.query<{ case_id: string; sur_place: boolean }>(
      "SELECT case_id, sur_place FROM reapplication_claims WHERE case_id = ANY($1::uuid[])",
      [part],
    );
    for (const r of claims) surPlace.set(r.case_id, r.sur_place);
    const mandates = await db.query<{ case_id: string }>(
      `SELECT DISTINCT m.case_id FROM mandates m
         JOIN cases c ON c.office_id = m.office_id AND c.id = m.case_id
        WHERE m.case_id = ANY($1::uuid[]) AND m.valid_from <= c.filed_on
          AND c.filed_on <= COALESCE(m.valid_until, 'infinity'::date)
          AND c.filed_on <= COALESCE(m.revoked_at::date, 'infinity'::date)`,
      [part],
    );
    for (const r of mandates) represented.add(r.case_id);
    const decided = await db.query<{
      case_id: string;
      recognized: boolean;
      humanitarian: boolean;
      annulled: boolean;
    }>(
      `SELECT case_id, bool_or(outcome = 'recognized') AS recognized,
              bool_or(outcome = 'humanitarian') AS humanitarian,
              bool_or(outcome = 'annulled' AND level IN ('C1', 'C2', 'C3')) AS annulled
         FROM stat_decisions WHERE case_id = ANY($1::uuid[]) GROUP BY case_id`,
      [part],
    );
    for (const r of decided) {
      const o: FactualOutcome | null = r.recognized
        ? "recognized"
        : r.humanitarian
          ? "humanitarian"
          : r.annulled
            ? "annulled"
            : null;
      if (o) outcome.set(r.case_id, o);
    }
  }
  return { elements, surPlace, represented, outcome };
}

/** Of the earlier cases, the latest to have ended on `asOf` (null when none had). */
export function latestEnding(
  histories: readonly (readonly CaseEvent[] | undefined)[],
  asOf: LegalDate,
  calendar: ReturnType<AppContext["calendar"]>,
): EarlierOutcome | null {
  let latest: EarlierOutcome | null = null;
  for (const events of histories) {
    if (!events) continue;
    const ending = priorEnding(events, asOf, calendar);
    if (ending && (!latest || ending.finalOn >= latest.finalOn)) latest = ending;
  }
  return latest;
}

/** Every re-application filed in the period, as of its filing day. */
export async function loadHistory(
  ctx: AppContext,
  q: HistoryQuery,
  onProgress: (p: LoadProgress) => void = () => {},
): Promise<HistoricalReapplication[]> {
  const rows = await ctx.db.query<ReappRow>(
    `SELECT office_id, id, filed_on, channel, nationality, prior_case_ids FROM cases
      WHERE kind = 'subsequent' AND profile = $1 AND filed_on BETWEEN $2 AND $3
        AND ($4::text IS NULL OR office_id = $4)
      ORDER BY filed_on, id`,
    [krRefugeeAct.id, q.from, q.to, q.office],
  );
  onProgress({ phase: "cases", done: rows.length, total: rows.length });
  const priorIds = [...new Set(rows.flatMap((r) => r.prior_case_ids ?? []))];
  const histories = await earlierHistories(ctx, priorIds, (done) =>
    onProgress({ phase: "earlier_cases", done, total: priorIds.length }),
  );
  const ids = rows.map((r) => r.id);
  const found = await elementsOf(ctx.db, ids);
  onProgress({ phase: "elements", done: ids.length, total: ids.length });
  const calendar = ctx.calendar();
  return rows.map((r) => {
    const ending = latestEnding(
      (r.prior_case_ids ?? []).map((id) => histories.get(id)),
      r.filed_on,
      calendar,
    );
    return {
      caseId: r.id,
      filedOn: r.filed_on,
      nationality: r.nationality?.trim() || null,
      channel: r.channel,
      priorEnding: ending?.ending ?? null,
      elements: found.elements.get(r.id) ?? [],
      surPlace: found.surPlace.get(r.id) ?? null,
      represented: found.represented.has(r.id),
      outcome: found.outcome.get(r.id) ?? null,
    };
  });
}
