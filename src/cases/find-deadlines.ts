import {
  countDeadlinesByKind,
  findDeadlines as queryDeadlines,
  type WorklistFilter,
  type WorklistRow,
} from "./db/worklist.ts";
import { openNames } from "../persons/db.ts";
import { audit, type Actor } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { DeadlineCursorKey, decodeCursor, encodeCursor } from "../app/cursor.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import { officeScope } from "./find-cases.ts";

export interface WorklistQuery {
  office?: string;
  kind?: string;
  dueBefore?: WorklistFilter["dueBefore"];
  status: NonNullable<WorklistFilter["status"]>;
  /** Whether deadlines of final cases are listed too. */
  closed: "exclude" | "include";
  /** Whether dates to know (not tasks) are listed too. */
  info: "exclude" | "include";
  /** Only the cases assigned to the actor, or to nobody; by default every case of their office. */
  assignee?: "me" | "unassigned";
  cursor?: string;
  limit: number;
}

/**
 * The worklist: deadlines across the cases the actor reaches (their office, their team), soonest
 * due first; by default the open deadlines of cases that are not final, tasks only (no dates to
 * know). Each row names its
 * applicant: names are decrypted here, only for the rows of the page the actor is shown, and never
 * written to the access record. The first page counts the deadlines of each kind.
 */
export async function findDeadlines(ctx: AppContext, actor: Actor, q: WorklistQuery) {
  const key = decodeCursor(q.cursor, DeadlineCursorKey);
  const scope = officeScope(actor, q.office);
  if (scope.empty) return { items: [], nextCursor: null, ...(key ? {} : { counts: [] }) };
  const at = ctx.clock();
  const filter: Omit<WorklistFilter, "limit"> = {
    today: today(ctx),
    status: q.status,
    activeOnly: q.closed === "exclude",
    tasksOnly: q.info === "exclude",
    ...(scope.office ? { office: scope.office } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.dueBefore ? { dueBefore: q.dueBefore } : {}),
    ...(q.assignee === "me" ? { assignedTo: actor.principal.accountId } : {}),
    ...(q.assignee === "unassigned" ? { assignedTo: null } : {}),
  };
  return ctx.db.transaction(async (tx) => {
    const rows = await queryDeadlines(tx, {
      ...filter,
      ...(key ? { after: { dueOn: key[0], caseId: key[1], ord: key[2] } } : {}),
      limit: q.limit + 1,
    });
    const counts = key ? undefined : await countDeadlinesByKind(tx, filter);
    const page = rows.slice(0, q.limit);
    await audit(tx, actor, at, {
      action: "deadline.list",
      outcome: "ok",
      officeId: scope.office ?? null,
      details: { count: page.length },
    });
    const last = page[page.length - 1];
    return {
      items: worklistEntries(ctx.keyring, page),
      nextCursor: rows.length > q.limit && last ? encodeCursor([last.dueOn, last.caseId, last.ord]) : null,
      ...(counts ? { counts } : {}),
    };
  });
}

/** The rows as the API shows them, each applicant's names decrypted once. */
export function worklistEntries(keyring: Keyring, rows: WorklistRow[]) {
  const names = new Map<string, WorklistRow["names"]>();
  return rows.map((row) => {
    const {
      ord: _o,
      party,
      level,
      namesEnc,
      names: plain,
      personId,
      assignedTo,
      assigneeName,
      final,
      ...d
    } = row;
    let open = names.get(personId);
    if (!open) {
      open = openNames(keyring, { id: personId, names_enc: namesEnc, names: plain });
      names.set(personId, open);
    }
    return {
      ...d,
      caseFinal: final,
      names: open,
      assignee: assignedTo ? { id: assignedTo, displayName: assigneeName ?? "" } : null,
      ...(party ? { party } : {}),
      ...(level ? { level } : {}),
    };
  });
}
