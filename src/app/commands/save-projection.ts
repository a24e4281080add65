import type { CaseView } from "../../contracts/api.ts";
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import type { CaseEvent, KrDerived } from "../../profiles/kr-refugee-act/index.ts";
import { statCase } from "../../kernel/statistics/facts.ts";
import { saveStatFacts } from "../../store/statistics.ts";
import type { Queryable } from "../../store/db.ts";
import { saveCaseProjection } from "../../store/projections.ts";
import { validUntil, type CaseHeader } from "../case-view.ts";

/**
 * Write the projection that lists and worklists read, and the case's statistics rows, in the
 * transaction that appended the events.
 */
export async function saveProjection(
  tx: Queryable,
  header: CaseHeader,
  nationality: string,
  events: readonly CaseEvent[],
  derived: KrDerived,
  view: CaseView,
  asOf: LegalDate,
): Promise<void> {
  await saveCaseProjection(tx, {
    officeId: view.office,
    id: header.id,
    personId: header.personId,
    channel: view.channel,
    kind: view.kind,
    filedOn: view.filedOn,
    priorCaseIds: view.priorCaseIds,
    version: view.version,
    stage: view.stage,
    applicantStatus: view.applicantStatus,
    protection: view.protection,
    final: view.final,
    finalSince: view.finalSince,
    redecisionRequired: view.redecisionRequired,
    removalBarred: view.removalBarred,
    nationality,
    validUntil: validUntil(derived, asOf),
    updatedAt: new Date().toISOString(),
    deadlines: derived.deadlineSpecs,
  });
  await saveStatFacts(tx, {
    officeId: view.office,
    caseId: header.id,
    personId: header.personId,
    facts: statCase(events, {
      stage: view.stage,
      protection: view.protection,
      final: view.final,
      finalSince: view.finalSince,
    }),
  });
}
