/**
 * Which cases a signed-in principal reaches (docs/security.md requirement 5). A case out of reach answers
 * 404, exactly like a case that does not exist, on every endpoint.
 */
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { Queryable } from "../../store/db.ts";
import { holdsCurrentMandate, isOnAgenda, type CaseReach } from "./db.ts";
import { hasRight, ROLE_DEFINITIONS, type Right, type Role } from "./rights.ts";

export type { CaseReach };

export interface Principal {
  accountId: string;
  username: string;
  role: Role;
  /** The office the account works for; null for roles that span offices. */
  officeId: string | null;
  /** How the request was authenticated. */
  via: "session" | "token" | "system";
  /**
   * In-process work that no person does through the API (loading the demo data, benchmarks,
   * imports): reaches every case. Never set from a request.
   */
  system?: boolean;
  /**
   * The server's own local operator account, whose API token is kept in the data directory with
   * owner-only permissions for the command line. Treated as present at the machine: key changes
   * need no second factor from it.
   */
  operator?: boolean;
  /**
   * A token's rights: those of its account's role it was issued for (docs/security.md requirement
   * 18). A token without scopes may do nothing.
   */
  scopes?: readonly string[];
  sessionId?: string;
  mfaAt?: string | null;
}

/**
 * Whether the principal may use `right`: its role carries it and, for a token, the token was
 * issued for it (the system principal carries every right).
 */
export function may(p: Principal, right: Right): boolean {
  if (p.system === true) return true;
  if (p.via === "token" && !(p.scopes ?? []).includes(right)) return false;
  return hasRight(p.role, right);
}

/** The principal of in-process work such as loading demo data; it records events as `name`. */
export function systemPrincipal(name: string): Principal {
  return {
    accountId: `system:${name}`,
    username: name,
    role: "administrator",
    officeId: null,
    via: "system",
    system: true,
  };
}

/**
 * Roles that reach no office as such: a lawyer (through mandates), an interpreter (their assigned
 * interviews), a committee member (the cases on the committee's agenda) and a translator (the
 * translations assigned to them, never their cases: `reachesTranslation`).
 */
function reachesNoOffice(p: Principal): boolean {
  return (
    p.role === "representative" ||
    p.role === "interpreter" ||
    p.role === "committee_member" ||
    p.role === "translator"
  );
}

/** Staff reach their office's cases (or every office's, for roles that span offices). */
export function staffReachesOffice(p: Principal, officeId: string): boolean {
  if (p.system) return true;
  if (reachesNoOffice(p)) return false;
  if (ROLE_DEFINITIONS[p.role].spansOffices) return true;
  return p.officeId === officeId;
}

/**
 * Staff reach a person registered by their office or with a case in it (every person, for roles
 * that span offices). Opening a case needs this first, so nobody pulls another office's person in.
 */
export function staffReachesPerson(
  p: Principal,
  offices: { registeredOfficeId: string | null; caseOfficeIds: readonly string[] },
): boolean {
  if (p.system) return true;
  if (reachesNoOffice(p)) return false;
  if (ROLE_DEFINITIONS[p.role].spansOffices) return true;
  if (p.officeId === null) return false;
  return offices.registeredOfficeId === p.officeId || offices.caseOfficeIds.includes(p.officeId);
}

/**
 * Whose statistics a principal sees as true counts (docs/security.md, "Statistics"): roles that
 * span offices (analysts, administrators, the committee's secretariat) see every office's; staff
 * bound to one office see that office's only, and other offices' figures only on the public page,
 * under its disclosure control; an office-bound account without an office sees none.
 */
export type StatisticsScope = { kind: "all" } | { kind: "office"; officeId: string } | { kind: "none" };

export function statisticsScope(p: Principal): StatisticsScope {
  if (p.system) return { kind: "all" };
  if (!may(p, "statistics.read")) return { kind: "none" };
  if (ROLE_DEFINITIONS[p.role].spansOffices) return { kind: "all" };
  return p.officeId === null ? { kind: "none" } : { kind: "office", officeId: p.officeId };
}

/**
 * Which cases a right reaches for a principal, as data (`CaseReach`): every case, one office's,
 * those where the representative holds a current mandate, or none. `reachesCase` decides one case
 * by it, and a statement that reads a case decides by it in SQL (`reachSql`, db.ts), so both
 * decide alike.
 */
export function caseReach(p: Principal, right: Right): CaseReach {
  if (!may(p, right)) return { kind: "none" };
  if (p.system) return { kind: "all" };
  if (p.role === "representative") return { kind: "mandate", representativeId: p.accountId };
  if (p.role === "interpreter" || p.role === "translator") return { kind: "none" };
  if (p.role === "committee_member") return { kind: "agenda" };
  if (ROLE_DEFINITIONS[p.role].spansOffices) return { kind: "all" };
  return p.officeId === null ? { kind: "none" } : { kind: "office", officeId: p.officeId };
}

/** Can this principal use `right` on a case held by `officeId`? */
export async function reachesCase(
  db: Queryable,
  p: Principal,
  right: Right,
  c: { id: string; officeId: string },
  today: LegalDate,
): Promise<boolean> {
  const reach = caseReach(p, right);
  switch (reach.kind) {
    case "all":
      return true;
    case "office":
      return reach.officeId === c.officeId;
    case "mandate":
      return holdsCurrentMandate(db, reach.representativeId, c, today);
    case "agenda":
      return isOnAgenda(db, c, today);
    case "none":
      return false;
  }
}

/**
 * Whether the principal reaches one translation job for `right` (docs/translation.md, "Access"):
 * staff who reach its case for the right; a translator only while assigned to the job as its
 * translator or its reviewer, and then the job alone (its source and segments), never its case.
 */
export async function reachesTranslation(
  db: Queryable,
  p: Principal,
  right: Right,
  job: { officeId: string; caseId: string; translatorId: string | null; reviewerId: string | null },
  today: LegalDate,
): Promise<boolean> {
  if (p.role === "translator")
    return (
      right === "translation.work" &&
      may(p, right) &&
      (job.translatorId === p.accountId || job.reviewerId === p.accountId)
    );
  return reachesCase(db, p, right, { id: job.caseId, officeId: job.officeId }, today);
}
