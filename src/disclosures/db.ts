/**
 * The disclosures table, the countries an applicant must be protected from (their nationality
 * and the countries they fear), and the administrators' alerts.
 */
import type { Keyring } from "../security/crypto/keyring.ts";
import { ENVELOPE_PATTERN, openText } from "../security/crypto/sealed.ts";
import type { Queryable } from "../store/db.ts";

/** Where a disclosure's purpose is bound: it is free text, and sealed (docs/security.md requirement 20). */
const purposeField = (d: { officeId: string; id: string }) => ({
  table: "disclosures",
  row: `${d.officeId}/${d.id}`,
  field: "purpose",
});

/** A stored purpose, decrypted. */
export function openPurpose(keyring: Keyring, d: { officeId: string; id: string; purpose: string }): string {
  return openText(keyring, d.purpose, purposeField(d)) ?? "";
}

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
  keyring: Keyring,
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
      keyring.encrypt(d.purpose, purposeField(d)),
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

/** Seal up to `limit` purposes written in plain text before migration 0017; returns how many. */
export async function sealPlainDisclosures(tx: Queryable, keyring: Keyring, limit: number): Promise<number> {
  const rows = await tx.query<{ officeId: string; id: string; purpose: string }>(
    `SELECT office_id AS "officeId", id, purpose FROM disclosures WHERE purpose !~ $2
      ORDER BY office_id, id LIMIT $1 FOR UPDATE`,
    [limit, ENVELOPE_PATTERN],
  );
  for (const d of rows) {
    await tx.query("UPDATE disclosures SET purpose = $3 WHERE office_id = $1 AND id = $2", [
      d.officeId,
      d.id,
      keyring.encrypt(d.purpose, purposeField(d)),
    ]);
  }
  return rows.length;
}
