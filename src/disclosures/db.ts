/**
 * The disclosures table, the countries an applicant must be protected from (their nationality
 * and the countries they fear), and the administrators' alerts.
 */
import type { Queryable } from "../store/db.ts";

export type RecipientKind = "authority" | "court" | "unhcr" | "other";
export type DisclosureStatus = "refused" | "pending_approval" | "approved" | "returned";

export interface Alert {
  id: string;
  at: string;
  kind: string;
  severity: string;
  details: Record<string, unknown>;
}

/** A person's nationality (trimmed) and the countries they fear; null if there is no such person. */
export async function personCountries(
  tx: Queryable,
  personId: string,
): Promise<{ nationality: string; feared: string[] } | null> {
  const rows = await tx.query<{ nationality: string; feared: string[] }>(
    `SELECT trim(p.nationality) AS nationality, p.countries_feared AS feared FROM persons p WHERE p.id = $1`,
    [personId],
  );
  return rows[0] ?? null;
}

export async function insertDisclosure(
  tx: Queryable,
  d: {
    officeId: string;
    id: string;
    caseId: string;
    recipientKind: RecipientKind;
    recipientCountry: string;
    purpose: string;
    status: DisclosureStatus;
    refusalReason: string | null;
    requestedBy: string;
    requestedAt: Date;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO disclosures (office_id, id, case_id, recipient_kind, recipient_country, purpose, status, refusal_reason, requested_by, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      d.officeId,
      d.id,
      d.caseId,
      d.recipientKind,
      d.recipientCountry,
      d.purpose,
      d.status,
      d.refusalReason,
      d.requestedBy,
      d.requestedAt.toISOString(),
    ],
  );
}

/** A critical alert: a disclosure was requested to the applicant's country of origin. */
export async function insertDisclosureToOriginAlert(
  tx: Queryable,
  a: { id: string; at: Date; details: Record<string, unknown> },
): Promise<void> {
  await tx.query(
    `INSERT INTO alerts (id, at, kind, severity, details) VALUES ($1, $2, 'disclosure_to_country_of_origin', 'critical', $3)`,
    [a.id, a.at.toISOString(), JSON.stringify(a.details)],
  );
}

/** The alerts not yet acknowledged, newest first, at most 200. */
export async function openAlerts(db: Queryable): Promise<Alert[]> {
  return db.query<Alert>(
    `SELECT id, at, kind, severity, details FROM alerts WHERE acknowledged_at IS NULL ORDER BY at DESC LIMIT 200`,
  );
}
