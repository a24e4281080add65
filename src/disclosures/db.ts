/**
 * The disclosures table, the countries an applicant must be protected from (their nationality,
 * the countries they fear and those where they habitually lived), and the alerts.
 */
import type { Keyring } from "../security/crypto/keyring.ts";
import { ENVELOPE_PATTERN, openText } from "../security/crypto/sealed.ts";
import type { Queryable } from "../store/db.ts";
import type { Origins, RecipientKind } from "./barrier.ts";

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

/** Where a supervisor's reason for confirming a disclosure's recipient is bound (sealed too). */
const confirmationField = (d: { officeId: string; id: string }) => ({
  table: "disclosures",
  row: `${d.officeId}/${d.id}`,
  field: "recipient_confirmation",
});

/** Where a supervisor's reason for returning a disclosure is bound (sealed too). */
const decisionField = (d: { officeId: string; id: string }) => ({
  table: "disclosures",
  row: `${d.officeId}/${d.id}`,
  field: "decision_reason",
});

export type { RecipientKind } from "./barrier.ts";
export type DisclosureStatus =
  "refused" | "awaiting_confirmation" | "pending_approval" | "approved" | "returned";

export interface Alert {
  id: string;
  at: string;
  kind: string;
  severity: string;
  details: Record<string, unknown>;
}

/** Where the note of an alert's acknowledgement is bound (sealed: it may speak of the applicant). */
const acknowledgementField = (id: string) => ({ table: "alerts", row: id, field: "acknowledgement" });

/** One alert, locked for the rest of the transaction, with when it was acknowledged; null if none. */
export async function lockAlert(
  tx: Queryable,
  id: string,
): Promise<(Alert & { acknowledgedAt: string | null }) | null> {
  const [row] = await tx.query<Alert & { acknowledgedAt: string | null }>(
    `SELECT id, at, kind, severity, details, acknowledged_at AS "acknowledgedAt" FROM alerts WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

/** Someone saw to an open alert: who, when, and their note of what was done (sealed). */
export async function acknowledgeAlertRow(
  tx: Queryable,
  keyring: Keyring,
  a: { id: string; by: string; at: Date; note: string },
): Promise<void> {
  await tx.query(
    `UPDATE alerts SET acknowledged_by = $2, acknowledged_at = $3, acknowledgement_enc = $4
      WHERE id = $1 AND acknowledged_at IS NULL`,
    [a.id, a.by, a.at.toISOString(), keyring.encrypt(a.note, acknowledgementField(a.id))],
  );
}

/**
 * A person's nationality (trimmed), the countries they fear and those where they habitually
 * lived; null if there is no such person.
 */
export async function personCountries(tx: Queryable, personId: string): Promise<Origins | null> {
  const rows = await tx.query<Origins>(
    `SELECT trim(p.nationality) AS nationality, p.countries_feared AS feared,
            p.former_residences AS "formerResidences"
       FROM persons p WHERE p.id = $1`,
    [personId],
  );
  return rows[0] ?? null;
}

/** A disclosure as stored, its purpose and the confirmation's reason opened. */
export interface DisclosureRow {
  id: string;
  caseId: string;
  recipientKind: RecipientKind;
  recipientCountry: string;
  purpose: string;
  status: DisclosureStatus;
  refusalReason: string | null;
  requestedBy: string;
  requestedAt: string;
  recipientConfirmation: { by: string; at: string; reason: string } | null;
  /** Who approved or returned it, when, and (for a return) why; null while it waits. */
  decision: { by: string; at: string; reason: string | null } | null;
}

interface StoredDisclosure extends Omit<DisclosureRow, "recipientConfirmation" | "decision"> {
  officeId: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  confirmation: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

const SELECT_DISCLOSURE = `SELECT office_id AS "officeId", id, case_id AS "caseId", recipient_kind AS "recipientKind",
       trim(recipient_country) AS "recipientCountry", purpose, status, refusal_reason AS "refusalReason",
       requested_by AS "requestedBy", requested_at AS "requestedAt", recipient_confirmed_by AS "confirmedBy",
       recipient_confirmed_at AS "confirmedAt", recipient_confirmation_enc AS confirmation,
       decided_by AS "decidedBy", decided_at AS "decidedAt", decision_reason_enc AS "decisionReason"
  FROM disclosures`;

function opened(keyring: Keyring, d: StoredDisclosure): DisclosureRow {
  const { officeId, confirmedBy, confirmedAt, confirmation, decidedBy, decidedAt, decisionReason, ...rest } =
    d;
  return {
    ...rest,
    requestedAt: new Date(rest.requestedAt).toISOString(),
    purpose: openPurpose(keyring, d),
    recipientConfirmation:
      confirmedBy && confirmedAt
        ? {
            by: confirmedBy,
            at: new Date(confirmedAt).toISOString(),
            reason: openText(keyring, confirmation, confirmationField({ officeId, id: d.id })) ?? "",
          }
        : null,
    decision:
      (rest.status === "approved" || rest.status === "returned") && decidedBy && decidedAt
        ? {
            by: decidedBy,
            at: new Date(decidedAt).toISOString(),
            reason: openText(keyring, decisionReason, decisionField({ officeId, id: d.id })),
          }
        : null,
  };
}

/** A case's disclosures, oldest first. */
export async function caseDisclosures(
  tx: Queryable,
  keyring: Keyring,
  c: { officeId: string; caseId: string },
): Promise<DisclosureRow[]> {
  const rows = await tx.query<StoredDisclosure>(
    `${SELECT_DISCLOSURE} WHERE office_id = $1 AND case_id = $2 ORDER BY requested_at, id`,
    [c.officeId, c.caseId],
  );
  return rows.map((r) => opened(keyring, r));
}

/** One disclosure of a case, locked for the rest of the transaction; null if there is none. */
export async function lockDisclosure(
  tx: Queryable,
  keyring: Keyring,
  d: { officeId: string; caseId: string; id: string },
): Promise<DisclosureRow | null> {
  const [row] = await tx.query<StoredDisclosure>(
    `${SELECT_DISCLOSURE} WHERE office_id = $1 AND case_id = $2 AND id = $3 FOR UPDATE`,
    [d.officeId, d.caseId, d.id],
  );
  return row ? opened(keyring, row) : null;
}

/** A supervisor confirmed the recipient: the disclosure goes on to wait for approval. */
export async function confirmRecipientOf(
  tx: Queryable,
  keyring: Keyring,
  d: { officeId: string; id: string; by: string; at: Date; reason: string },
): Promise<void> {
  await tx.query(
    `UPDATE disclosures SET status = 'pending_approval', recipient_confirmed_by = $3,
            recipient_confirmed_at = $4, recipient_confirmation_enc = $5
      WHERE office_id = $1 AND id = $2`,
    [d.officeId, d.id, d.by, d.at.toISOString(), keyring.encrypt(d.reason, confirmationField(d))],
  );
}

/** A second person approved a disclosure, or returned it with a reason. */
export async function decideDisclosure(
  tx: Queryable,
  keyring: Keyring,
  d: {
    officeId: string;
    id: string;
    outcome: "approved" | "returned";
    by: string;
    at: Date;
    reason: string | null;
  },
): Promise<void> {
  await tx.query(
    `UPDATE disclosures SET status = $3, decided_by = $4, decided_at = $5, decision_reason_enc = $6
      WHERE office_id = $1 AND id = $2 AND status = 'pending_approval'`,
    [
      d.officeId,
      d.id,
      d.outcome,
      d.by,
      d.at.toISOString(),
      d.reason === null ? null : keyring.encrypt(d.reason, decisionField(d)),
    ],
  );
}

/** Hold a disclosure waiting for approval until another supervisor confirms its recipient. */
export async function holdDisclosure(
  tx: Queryable,
  d: { officeId: string; id: string; reason: string },
): Promise<void> {
  await tx.query(
    `UPDATE disclosures SET status = 'awaiting_confirmation', refusal_reason = $3
      WHERE office_id = $1 AND id = $2`,
    [d.officeId, d.id, d.reason],
  );
}

/** Refuse a disclosure that was waiting (its recipient turned out to be in a country of origin). */
export async function refuseDisclosure(
  tx: Queryable,
  d: { officeId: string; id: string; reason: string; by: string; at: Date },
): Promise<void> {
  await tx.query(
    `UPDATE disclosures SET status = 'refused', refusal_reason = $3, decided_by = $4, decided_at = $5
      WHERE office_id = $1 AND id = $2`,
    [d.officeId, d.id, d.reason, d.by, d.at.toISOString()],
  );
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

/**
 * The alerts a refused disclosure raises: critical when it was addressed to the applicant's
 * country of origin, a warning when its recipient waits for a supervisor's confirmation.
 */
export const DISCLOSURE_ALERTS = {
  barred: { kind: "disclosure_to_country_of_origin", severity: "critical" },
  unconfirmed: { kind: "disclosure_recipient_unconfirmed", severity: "warning" },
} as const;

/** An alert of a refused disclosure; `details.officeId` says whose office's supervisors see it. */
export async function insertDisclosureAlert(
  tx: Queryable,
  a: { id: string; at: Date; verdict: keyof typeof DISCLOSURE_ALERTS; details: Record<string, unknown> },
): Promise<void> {
  const { kind, severity } = DISCLOSURE_ALERTS[a.verdict];
  await tx.query(`INSERT INTO alerts (id, at, kind, severity, details) VALUES ($1, $2, $3, $4, $5)`, [
    a.id,
    a.at.toISOString(),
    kind,
    severity,
    JSON.stringify(a.details),
  ]);
}

/**
 * The alerts not yet acknowledged, newest first, at most 200: every office's (`officeId` null),
 * or only those about one office's cases.
 */
export async function openAlerts(db: Queryable, officeId: string | null): Promise<Alert[]> {
  return db.query<Alert>(
    `SELECT id, at, kind, severity, details FROM alerts
      WHERE acknowledged_at IS NULL AND ($1::text IS NULL OR details->>'officeId' = $1)
      ORDER BY at DESC LIMIT 200`,
    [officeId],
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
