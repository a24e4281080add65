/**
 * Who reaches a case's evidence, and which of its items (docs/evidence.md, "Access";
 * docs/security.md): the office's staff with the right (evidence.read, attach, manage, export) on
 * a case they reach see every item; an interpreter attaches to a case of an interview assigned to
 * them and sees only what they attached; a representative files and reads through the portal only,
 * for a case where they hold a current mandate, and sees only what they filed. A case out of reach
 * answers like one that does not exist, and the refusal is in the access record.
 */
import { audit, type Actor, type AuditFields } from "../../app/actor.ts";
import { getCaseHeader, type CaseHeaderRow } from "../../cases/db/cases.ts";
import type { LegalDate } from "../../kernel/calendar/dates.ts";
import { holdsCurrentMandate } from "../../security/access/db.ts";
import { may, reachesCase, type Principal } from "../../security/access/policy.ts";
import type { Right } from "../../security/access/rights.ts";
import type { Queryable } from "../../store/db.ts";
import { interpretsFor } from "../access.ts";
import type { FiledVia, ItemScope } from "./db.ts";

export type EvidenceUse = "read" | "attach" | "manage" | "export";
const RIGHTS: Record<EvidenceUse, Right> = {
  read: "evidence.read",
  attach: "evidence.attach",
  manage: "evidence.manage",
  export: "evidence.export",
};

/** Through which door: the workspace's routes, or the portal's. */
export type EvidenceDoor = "workspace" | "portal";

export interface EvidenceReach {
  /** Which items the principal sees. */
  scope: ItemScope;
  /** How an item the principal attaches is filed. */
  filedVia: FiledVia;
}

/**
 * What the principal reaches of this case's evidence for `use`, or null (out of reach). The
 * workspace serves staff and interpreters; the portal, representatives with a current mandate.
 */
export async function reachesForEvidence(
  db: Queryable,
  p: Principal,
  use: EvidenceUse,
  c: { id: string; officeId: string },
  today: LegalDate,
  door: EvidenceDoor,
): Promise<EvidenceReach | null> {
  if (door === "portal") {
    if (p.role !== "representative" || !may(p, "portal.read") || (use !== "read" && use !== "attach"))
      return null;
    if (!(await holdsCurrentMandate(db, p.accountId, c, today))) return null;
    return { scope: { kind: "filedBy", accountId: p.accountId, via: "portal" }, filedVia: "portal" };
  }
  if (p.role === "representative") return null;
  if (p.role === "interpreter") {
    // The right to attach is the role's; reading is only of what they attached themselves.
    if ((use !== "attach" && use !== "read") || !may(p, "evidence.attach")) return null;
    if (!(await interpretsFor(db, p.accountId, c))) return null;
    return {
      scope: { kind: "filedBy", accountId: p.accountId, via: "interpreter" },
      filedVia: "interpreter",
    };
  }
  if (!(await reachesCase(db, p, RIGHTS[use], c, today))) return null;
  return { scope: { kind: "all" }, filedVia: "office" };
}

export interface AccessedEvidence extends EvidenceReach {
  header: CaseHeaderRow;
  /** Write the access record of this read (call it last in the transaction). */
  record(action: string, details?: AuditFields["details"]): Promise<void>;
}

/**
 * Load a case's header for an evidence read if the actor reaches it; a refusal (or a case that
 * does not exist) is recorded at once and answered null.
 */
export async function accessEvidence(
  tx: Queryable,
  actor: Actor,
  caseId: string,
  use: EvidenceUse,
  action: string,
  now: { at: Date; today: LegalDate },
  door: EvidenceDoor = "workspace",
): Promise<AccessedEvidence | null> {
  const header = await getCaseHeader(tx, caseId);
  const reach = header
    ? await reachesForEvidence(
        tx,
        actor.principal,
        use,
        { id: caseId, officeId: header.officeId },
        now.today,
        door,
      )
    : null;
  if (!header || !reach) {
    await audit(tx, actor, now.at, {
      action,
      outcome: "denied",
      caseId: header ? caseId : null,
      officeId: header?.officeId ?? null,
      details: header ? {} : { requested: caseId },
    });
    return null;
  }
  return {
    ...reach,
    header,
    record: (recorded, details) =>
      audit(tx, actor, now.at, {
        action: recorded,
        outcome: "ok",
        caseId,
        officeId: header.officeId,
        details: details ?? {},
      }),
  };
}
