/**
 * The monthly review of access records for the data protection officer (SECURITY 14; PIPA and
 * its safety-measure standards: access records of personal data handlers are inspected at
 * least monthly and kept at least two years where unique identifiers or sensitive data are
 * handled, as here).
 *
 * Retention: audit entries are kept at least two years (`retentionUntil`). OpenRSD never deletes
 * them: the table refuses deletion and nothing here or elsewhere implements it. Any later purge
 * of entries older than that must be decided and done outside the application, after a signed
 * checkpoint that covers them.
 *
 * Conventions the report relies on: a read is a successful action whose last word is a read verb
 * (`READ_VERBS`: case.read, case.timeline, person.read, case.list); a write is any other
 * successful action about a case or a person (with a case id or person reference); a failed
 * login is `login.failed` (or any `login.*` that did not succeed); a refused export is
 * `export.refused` (or any `export.*` that was denied).
 */
import type { Queryable } from "../../store/db.ts";
import type { Keyring } from "../crypto/keyring.ts";
import { isPlainPurpose, openPurpose } from "./purpose.ts";
import { AUDIT_MONTH_RULE, parseAuditMonth } from "../../contracts/security.ts";

export const AUDIT_TIME_ZONE = "Asia/Seoul";
/** Korea has kept UTC+9 all year since 1988. */
const SEOUL_OFFSET = "+09:00";
export const AUDIT_RETENTION_YEARS = 2;
/** The last words of actions that read (or list) data rather than change it. */
export const READ_VERBS: readonly string[] = ["read", "list", "search", "timeline", "view", "download"];

/** The earliest instant at which an entry recorded at `at` may be let go (two years on). */
export function retentionUntil(at: string | Date): string {
  const time = new Date(at);
  if (Number.isNaN(time.getTime())) throw new Error(`not an instant: ${String(at)}`);
  time.setUTCFullYear(time.getUTCFullYear() + AUDIT_RETENTION_YEARS);
  return time.toISOString();
}

export interface AuditReportOptions {
  /** The calendar month in Asia/Seoul, `YYYY-MM`. */
  month: string;
  /** Office hours in Asia/Seoul, [start, end) in whole hours (default 08:00–20:00, Monday–Friday). */
  officeHours?: { start: number; end: number };
  /** The last words of actions that count as reads (default `READ_VERBS`). */
  readVerbs?: readonly string[];
  /** Flag an actor who reads more distinct cases than this in one day (default 30). */
  maxCasesPerDay?: number;
  /** Flag an actor refused this many times or more in one day (default 5). */
  maxDeniedPerDay?: number;
  /** How many unusual patterns to list (default 20). */
  topPatterns?: number;
  /** When the report is made (default now). */
  now?: Date;
  /** Decrypts the purposes of the access records listed (they are sealed, purpose.ts). */
  keyring?: Keyring;
}

export interface ActionTotals {
  action: string;
  ok: number;
  denied: number;
  failed: number;
  total: number;
}

export interface ActorSummary {
  actor: string;
  actorRole: string;
  reads: number;
  writes: number;
  /** Distinct cases read or written. */
  casesTouched: number;
  denied: number;
  /** Reads before or after office hours, or on a weekend (Asia/Seoul). */
  outsideHoursReads: number;
}

export interface UnusualPattern {
  kind: "many-cases-in-a-day" | "many-denied-in-a-day";
  actor: string;
  actorRole: string;
  /** The day in Asia/Seoul, `YYYY-MM-DD`. */
  day: string;
  count: number;
  threshold: number;
}

export interface FailedLogins {
  actor: string;
  addresses: string[];
  count: number;
  first: string;
  last: string;
}

export interface RefusedExport {
  seq: number;
  at: string;
  actor: string;
  actorRole: string;
  address: string;
  officeId: string | null;
  caseId: string | null;
  purpose: string | null;
  details: Record<string, unknown>;
}

export interface AuditReport {
  month: string;
  timeZone: string;
  /** The month as instants: [from, to). */
  from: string;
  to: string;
  generatedAt: string;
  /** Until when this month's entries must be kept at least. */
  keepUntil: string;
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  outcomes: { ok: number; denied: number; failed: number };
  actions: ActionTotals[];
  actors: ActorSummary[];
  unusual: UnusualPattern[];
  failedLogins: { total: number; byActor: FailedLogins[] };
  refusedExports: RefusedExport[];
}

export { AUDIT_MONTH_RULE, parseAuditMonth };

// The SQL for the conventions above; $1, $2: the month's bounds, $3: the time zone, $4: read verbs.
const MONTH_ENTRIES = `SELECT *, (at AT TIME ZONE $3) AS local,
  substring(action FROM '[^.]+$') = ANY($4::text[]) AS is_read
  FROM audit_log WHERE at >= $1 AND at < $2`;
const IS_READ = `(outcome = 'ok' AND is_read)`;
const IS_WRITE = `(outcome = 'ok' AND NOT is_read AND (case_id IS NOT NULL OR person_ref IS NOT NULL))`;
const OUTSIDE_HOURS = `(extract(hour FROM local) < $5 OR extract(hour FROM local) >= $6
  OR extract(isodow FROM local) >= 6)`;
const FAILED_LOGIN = `(action = 'login.failed' OR (action LIKE 'login.%' AND outcome <> 'ok'))`;
const REFUSED_EXPORT = `(action = 'export.refused' OR (action LIKE 'export.%' AND outcome = 'denied'))`;

export async function auditReport(db: Queryable, options: AuditReportOptions): Promise<AuditReport> {
  const parsed = parseAuditMonth(options.month);
  if (!parsed) throw new RangeError(`month must be ${AUDIT_MONTH_RULE}, got ${options.month}`);
  const [year, month] = parsed;
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
  const from = new Date(`${options.month}-01T00:00:00${SEOUL_OFFSET}`).toISOString();
  const to = new Date(`${next}-01T00:00:00${SEOUL_OFFSET}`).toISOString();
  const { start, end } = options.officeHours ?? { start: 8, end: 20 };
  const maxCases = options.maxCasesPerDay ?? 30;
  const maxDenied = options.maxDeniedPerDay ?? 5;
  const range = [from, to, AUDIT_TIME_ZONE, [...(options.readVerbs ?? READ_VERBS)]];

  const actions = await db.query<ActionTotals>(
    `SELECT action,
            count(*) FILTER (WHERE outcome = 'ok')::int AS ok,
            count(*) FILTER (WHERE outcome = 'denied')::int AS denied,
            count(*) FILTER (WHERE outcome = 'failed')::int AS failed,
            count(*)::int AS total
     FROM (${MONTH_ENTRIES}) m GROUP BY action`,
    range,
  );
  const [span] = await db.query<{ first: number | null; last: number | null }>(
    `SELECT min(seq) AS first, max(seq) AS last FROM audit_log WHERE at >= $1 AND at < $2`,
    [from, to],
  );
  const actors = await db.query<ActorSummary>(
    `SELECT actor, actor_role AS "actorRole",
            count(*) FILTER (WHERE ${IS_READ})::int AS reads,
            count(*) FILTER (WHERE ${IS_WRITE})::int AS writes,
            count(DISTINCT case_id) FILTER (WHERE ${IS_READ} OR ${IS_WRITE})::int AS "casesTouched",
            count(*) FILTER (WHERE outcome = 'denied')::int AS denied,
            count(*) FILTER (WHERE ${IS_READ} AND ${OUTSIDE_HOURS})::int AS "outsideHoursReads"
     FROM (${MONTH_ENTRIES}) m WHERE NOT ${FAILED_LOGIN} GROUP BY actor, actor_role`,
    [...range, start, end],
  );
  const unusual = await db.query<Omit<UnusualPattern, "threshold">>(
    `SELECT 'many-cases-in-a-day' AS kind, actor, actor_role AS "actorRole", local::date AS day,
            count(DISTINCT case_id)::int AS count
     FROM (${MONTH_ENTRIES}) m WHERE ${IS_READ}
     GROUP BY actor, actor_role, local::date HAVING count(DISTINCT case_id) > $5
     UNION ALL
     SELECT 'many-denied-in-a-day', actor, actor_role, local::date, count(*)::int
     FROM (${MONTH_ENTRIES}) m WHERE outcome = 'denied' AND NOT ${FAILED_LOGIN}
     GROUP BY actor, actor_role, local::date HAVING count(*) >= $6`,
    [...range, maxCases, maxDenied],
  );
  const failedLogins = await db.query<FailedLogins>(
    `SELECT actor, array_agg(DISTINCT address) AS addresses, count(*)::int AS count,
            min(at) AS first, max(at) AS last
     FROM (${MONTH_ENTRIES}) m WHERE ${FAILED_LOGIN} GROUP BY actor`,
    range,
  );
  const refusedExports = await db.query<RefusedExport>(
    `SELECT seq, at, actor, actor_role AS "actorRole", address, office_id AS "officeId",
            case_id AS "caseId", purpose, details
     FROM (${MONTH_ENTRIES}) m WHERE ${REFUSED_EXPORT} ORDER BY at, seq`,
    range,
  );

  const sum = (pick: (a: ActionTotals) => number) => actions.reduce((total, a) => total + pick(a), 0);
  const thresholds = { "many-cases-in-a-day": maxCases, "many-denied-in-a-day": maxDenied };
  const patterns = unusual.map((p) => ({ ...p, threshold: thresholds[p.kind] }));
  return {
    month: options.month,
    timeZone: AUDIT_TIME_ZONE,
    from,
    to,
    generatedAt: (options.now ?? new Date()).toISOString(),
    keepUntil: retentionUntil(to),
    entries: sum((a) => a.total),
    firstSeq: span?.first ?? null,
    lastSeq: span?.last ?? null,
    outcomes: { ok: sum((a) => a.ok), denied: sum((a) => a.denied), failed: sum((a) => a.failed) },
    actions: actions.sort((a, b) => compare(a.action, b.action)),
    actors: actors.sort((a, b) => compare(a.actor, b.actor) || compare(a.actorRole, b.actorRole)),
    unusual: patterns
      .sort(
        (a, b) =>
          b.count / b.threshold - a.count / a.threshold ||
          compare(a.actor, b.actor) ||
          compare(a.day, b.day) ||
          compare(a.kind, b.kind),
      )
      .slice(0, options.topPatterns ?? 20),
    failedLogins: {
      total: failedLogins.reduce((total, f) => total + f.count, 0),
      byActor: failedLogins
        .map((f) => ({ ...f, addresses: [...f.addresses].sort(compare) }))
        .sort((a, b) => b.count - a.count || compare(a.actor, b.actor)),
    },
    refusedExports: refusedExports.map((r) => ({ ...r, purpose: shownPurpose(options.keyring, r) })),
  };
}

/** A purpose as the report shows it: decrypted with the keyring; without one, only if it is plain. */
function shownPurpose(keyring: Keyring | undefined, r: RefusedExport): string | null {
  if (keyring) return openPurpose(keyring, { actor: r.actor, entry: Number(r.seq), purpose: r.purpose });
  return isPlainPurpose(r.purpose) ? r.purpose : null;
}

/** By code unit, so the order does not depend on the database's collation. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
