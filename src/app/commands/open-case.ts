import { v7 as uuidv7 } from "uuid";
import type { CaseOpen, CaseView } from "../../contracts/api.ts";
import { findOffice } from "../../kernel/offices.ts";
import type { ApplicationFiled } from "../../profiles/kr-refugee-act/index.ts";
import { appendEvents } from "../../store/event-store.ts";
import { findCaseHeaders } from "../../store/cases.ts";
import { personOffices } from "../../store/persons.ts";
import { AppError } from "../errors.ts";
import { actorName, audit, type Actor } from "../actor.ts";
import { staffReachesOffice, staffReachesPerson } from "../../security/access/policy.ts";
import { today, type AppContext } from "../context.ts";
import { presentCase } from "../case-view.ts";
import { saveProjection } from "./save-projection.ts";

/** Open a case: the `application_filed` event, made by filing (PROCEDURE-KR.md section 2). */
export async function openCase(ctx: AppContext, actor: Actor, input: CaseOpen): Promise<CaseView> {
  const now = today(ctx);
  if (!findOffice(input.office)) {
    throw new AppError(
      "invalid_input",
      `office "${input.office}" is not an office code; see GET /api/v1/offices`,
      {
        issues: [{ path: "office", message: "unknown office code" }],
      },
    );
  }
  if (!staffReachesOffice(actor.principal, input.office)) {
    throw new AppError(
      "forbidden",
      `you may open cases only for your own office (${actor.principal.officeId ?? "none"})`,
    );
  }
  if (input.filedOn > now) {
    throw new AppError("invalid_input", `filedOn ${input.filedOn} is after today (${now})`, {
      issues: [{ path: "filedOn", message: "in the future" }],
    });
  }
  if (input.channel === "port_of_entry" && findOffice(input.office)?.kind === "detention_centre") {
    throw new AppError(
      "invalid_input",
      "a port-of-entry application is received by an immigration office, not a detention centre",
      {
        issues: [{ path: "channel", message: "channel does not fit the office" }],
      },
    );
  }
  // A person out of the actor's reach is answered like one that does not exist.
  const offices = await personOffices(ctx.db, input.personId);
  if (!offices || !staffReachesPerson(actor.principal, offices)) {
    throw new AppError(
      "invalid_input",
      `person ${input.personId} does not exist; register the person first`,
      {
        issues: [{ path: "personId", message: "unknown person" }],
      },
    );
  }
  const priorCaseIds = [...new Set(input.priorCaseIds ?? [])];
  if (input.kind === "subsequent" && priorCaseIds.length === 0) {
    throw new AppError(
      "invalid_input",
      "a subsequent application names the earlier case(s) in priorCaseIds",
      {
        issues: [{ path: "priorCaseIds", message: "required for kind subsequent" }],
      },
    );
  }
  if (priorCaseIds.length > 0) {
    const priors = await findCaseHeaders(ctx.db, priorCaseIds);
    for (const id of priorCaseIds) {
      const prior = priors.find((p) => p.id === id);
      // One answer for "no such case" and "someone else's case": neither reveals the other.
      if (!prior || prior.personId !== input.personId) {
        throw new AppError("invalid_input", `prior case ${id} is not a case of this person`, {
          issues: [{ path: "priorCaseIds", message: "not a case of this person" }],
        });
      }
    }
  }
  const caseId = uuidv7();
  const filed: ApplicationFiled = {
    type: "application_filed",
    occurredOn: input.filedOn,
    channel: input.channel,
    office: input.office,
    kind: input.kind,
    priorCaseIds,
  };
  const { type: _t, occurredOn: _o, ...payload } = filed;
  return ctx.db.transaction(async (tx) => {
    await appendEvents(tx, {
      officeId: input.office,
      caseId,
      expectedVersion: 0,
      events: [{ type: filed.type, occurredOn: filed.occurredOn, payload }],
      recordedBy: actorName(actor),
      recordedAt: ctx.clock().toISOString(),
    });
    const header = { id: caseId, personId: input.personId };
    const presented = presentCase(header, [filed], now, ctx.calendar());
    await saveProjection(tx, header, offices.nationality, [filed], presented.derived, presented.view, now);
    await audit(tx, actor, ctx.clock(), {
      action: "case.open",
      outcome: "ok",
      caseId,
      officeId: input.office,
    });
    return presented.view;
  });
}
