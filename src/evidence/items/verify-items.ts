/**
 * `openrsd verify` for evidence items: every file recorded in a case's chain (`evidence_attached`,
 * originals and derivatives) is compared with the vault's stored file (its SHA-256 as the chain
 * recorded it), and every file the vault found altered is named by case number, item number and
 * file id, so that an operator knows which exhibit of which case is no longer what was received.
 * The vault reads each file back and hashes it (checkAllFiles); this links its findings to the
 * chain, which the case chains' verification vouches for. The notices the office issued
 * (`document_issued`, src/notices) are compared the same way; they have no item (number 0), and
 * their problem names the document.
 */
import type { AppContext } from "../../app/context.ts";
import { openEvent, type StoredEvent } from "../../cases/db/event-store.ts";
import {
  DOCUMENT_ISSUED,
  EVIDENCE_ATTACHED,
  type RecordedFile,
} from "../../kernel/procedure/record-events.ts";
import { getStoredFile, vaultOf, type FileCheck } from "../vault/index.ts";

export interface ItemFileProblem {
  officeId: string;
  caseId: string;
  caseNumber: string | null;
  itemNumber: number;
  fileId: string;
  problem: string;
}

export interface ItemFilesCheck {
  ok: boolean;
  /** Files recorded in the case chains and compared. */
  checked: number;
  problems: ItemFileProblem[];
}

const PAGE = 500;
const TYPES = [EVIDENCE_ATTACHED, DOCUMENT_ISSUED];

/**
 * Compare every file the chains record with the vault, and name the altered ones (`altered`: the
 * vault's own findings, by file id) by their case and item.
 */
export async function checkItemFiles(
  ctx: AppContext,
  altered: readonly FileCheck[],
): Promise<ItemFilesCheck> {
  const vault = vaultOf(ctx);
  const badFiles = new Map(altered.filter((a) => !a.ok).map((a) => [`${a.officeId}/${a.fileId}`, a]));
  const problems: ItemFileProblem[] = [];
  let checked = 0;
  let after: { officeId: string; caseId: string; sequence: number } | null = null;
  for (;;) {
    const rows: (StoredEvent & { caseNumber: string | null })[] = await ctx.db.query(
      `SELECT e.office_id AS "officeId", e.case_id AS "caseId", e.sequence, e.type, e.occurred_on AS "occurredOn",
              e.payload, e.recorded_at AS "recordedAt", e.recorded_by AS "recordedBy", e.prev_hash AS "prevHash",
              e.hash, c.case_number AS "caseNumber"
         FROM case_events e JOIN cases c ON c.office_id = e.office_id AND c.id = e.case_id
        WHERE e.type = ANY($1::text[]) ${after ? "AND (e.office_id, e.case_id, e.sequence) > ($3, $4::uuid, $5)" : ""}
        ORDER BY e.office_id, e.case_id, e.sequence LIMIT $2`,
      after ? [TYPES, PAGE, after.officeId, after.caseId, after.sequence] : [TYPES, PAGE],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const e = openEvent(ctx.keyring, row);
      const issued = e.type === DOCUMENT_ISSUED;
      const itemNumber = issued ? 0 : Number(e.payload["number"]);
      const files: Pick<RecordedFile, "fileId" | "sha256">[] = issued
        ? [{ fileId: String(e.payload["fileId"]), sha256: String(e.payload["sha256"]) }]
        : ((e.payload["files"] as RecordedFile[] | undefined) ?? []);
      const of = issued ? `decision notice ${String(e.payload["documentId"])}: ` : "";
      for (const f of files) {
        checked++;
        const where = {
          officeId: row.officeId,
          caseId: row.caseId,
          caseNumber: row.caseNumber,
          itemNumber,
          fileId: f.fileId,
        };
        const bad = badFiles.get(`${row.officeId}/${f.fileId}`);
        if (bad) {
          problems.push({ ...where, problem: of + (bad.problem ?? "altered") });
          continue;
        }
        const stored = await getStoredFile(vault, { officeId: row.officeId, fileId: f.fileId });
        if (!stored)
          problems.push({
            ...where,
            problem: `${of}the stored file recorded in the case's chain is missing`,
          });
        else if (stored.sha256 !== f.sha256)
          problems.push({
            ...where,
            problem: `${of}the stored file's SHA-256 differs from the one the case's chain recorded`,
          });
      }
    }
    const last = rows[rows.length - 1]!;
    after = { officeId: last.officeId, caseId: last.caseId, sequence: last.sequence };
  }
  return { ok: problems.length === 0, checked, problems };
}
