/** From the stored rows to what the API shows of an item (src/contracts/evidence.ts). */
import type { EvidenceFile, EvidenceItem, EvidenceItemSummary } from "../../contracts/evidence.ts";
import { getStoredFile, type Vault } from "../vault/index.ts";
import type { ItemFileRow, ItemRow } from "./db.ts";

/** The item's files with what the vault knows of each (type, size, SHA-256, scan). */
export async function filesOf(
  vault: Vault,
  officeId: string,
  files: readonly ItemFileRow[],
): Promise<EvidenceFile[]> {
  const out: EvidenceFile[] = [];
  for (const f of files) {
    const stored = await getStoredFile(vault, { officeId, fileId: f.fileId });
    if (!stored) throw new Error(`stored file ${f.fileId} of item ${f.itemId} is missing`);
    out.push({
      id: f.fileId,
      name: f.name,
      mediaType: stored.mediaType,
      size: stored.size,
      sha256: stored.sha256,
      scan: stored.scan,
      storedAt: stored.storedAt,
      role: f.role,
      quarantined: stored.scan === "infected",
      ...(f.derivedFrom ? { derivedFrom: f.derivedFrom } : {}),
    });
  }
  return out;
}

export function presentItem(item: ItemRow, files: EvidenceFile[]): EvidenceItem {
  const m = item.metadata;
  return {
    id: item.id,
    caseId: item.caseId,
    number: item.number,
    kind: item.kind,
    title: m.title,
    description: m.description,
    supplier: m.supplier,
    receivedOn: m.receivedOn,
    channel: m.channel,
    language: m.language,
    status: item.status,
    ...(m.withdrawal ? { withdrawal: m.withdrawal } : {}),
    files,
    ...(m.capture ? { capture: m.capture } : {}),
    observations: m.observations,
    ...(m.foreignStateAction ? { foreignStateAction: m.foreignStateAction } : {}),
    recordedBy: item.recordedBy,
    recordedAt: item.recordedAt,
  };
}

export function summarizeItem(item: ItemRow, originals: number): EvidenceItemSummary {
  const m = item.metadata;
  return {
    id: item.id,
    caseId: item.caseId,
    number: item.number,
    kind: item.kind,
    title: m.title,
    supplier: m.supplier,
    receivedOn: m.receivedOn,
    channel: m.channel,
    language: m.language,
    status: item.status,
    fileCount: originals,
    ...(m.foreignStateAction ? { foreignStateAction: m.foreignStateAction } : {}),
    recordedBy: item.recordedBy,
    recordedAt: item.recordedAt,
  };
}
