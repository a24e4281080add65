import { v7 as uuidv7 } from "uuid";
import type { CaseOpen, CaseView } from "../contracts/api.ts";
import { findOffice } from "../kernel/offices.ts";
import { FILING_EVENT } from "../kernel/procedure/profile.ts";
import { findCaseHeaders } from "./db/cases.ts";
import { personOffices } from "../persons/db.ts";
import { linkedPersonIds } from "../persons/matching/links.ts";
import { AppError } from "../app/errors.ts";
import { type Actor } from "../app/actor.ts";
import { staffReachesOffice, staffReachesPerson } from "../security/access/policy.ts";
import type { AppContext } from "../app/context.ts";
import { createCase } from "./write.ts";

/** The API's names for the filing's fields, for the problems a profile reports on them. */
const FIELD = { occurredOn: "filedOn", type: "profile" } as Record<string, string>;

/**
 * Open a case: the `application_filed` event, made by filing (docs/procedure.md §2),
 * decided by the case's procedure profile (default: the deployment's first).
 */
export async function openCase(ctx: AppContext, actor: Actor, input: CaseOpen): Promise<CaseView> {
  const profile = input.profile ? ctx.profiles.get(input.profile) : ctx.profiles.defaultProfile;
  if (!profile) {
    const known = ctx.profiles.all().map((p) => p.id);
    throw new AppError("invalid_input", `profile "${input.profile}" is not one of ${known.join(", ")}`, {
      issues: [{ path: "profile", message: "unknown procedure profile" }],
    });
  }
  if (!findOffice(input.office)) {
    throw new AppError(
      "invalid_input",
      `office "${input.office}" is not an office code; see GET /api/v1/offices`,
      { issues: [{ path: "office", message: "unknown office code" }] },
    );
  }
  if (!staffReachesOffice(actor.principal, input.office)) {
    throw new AppError(
      "forbidden",
      `you may open cases only for your own office (${actor.principal.officeId ?? "none"})`,
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
  if (priorCaseIds.length > 0) {
    const priors = await findCaseHeaders(ctx.db, priorCaseIds);
    // The person's own cases, and those of persons confirmed to be the same person (person_links).
    const same = new Set([input.personId, ...(await linkedPersonIds(ctx.db, input.personId))]);
    for (const id of priorCaseIds) {
      const prior = priors.find((p) => p.id === id);
      // One answer for "no such case" and "someone else's case": neither reveals the other.
      if (!prior || !same.has(prior.personId)) {
        throw new AppError("invalid_input", `prior case ${id} is not a case of this person`, {
          issues: [{ path: "priorCaseIds", message: "not a case of this person" }],
        });
      }
    }
  }
  const filing = {
    type: FILING_EVENT,
    occurredOn: input.filedOn,
    channel: input.channel,
    office: input.office,
    kind: input.kind,
    priorCaseIds,
  };
  try {
    return await createCase(
      ctx,
      actor,
      {
        id: uuidv7(),
        officeId: input.office,
        personId: input.personId,
        nationality: offices.nationality,
        profile,
      },
      filing,
    );
  } catch (e) {
    // The filing is the API's `CaseOpen`: name its fields as the caller sent them.
    if (e instanceof AppError && e.kind === "procedure_refused") {
      const issues = e.details.issues?.map((i) => ({ ...i, path: FIELD[i.path] ?? i.path }));
      throw new AppError("invalid_input", e.message, { ...(issues ? { issues } : {}) });
    }
    throw e;
  }
}
