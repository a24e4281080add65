/**
 * An evidence item's text: the text extracted from it (its `text` derivative), or the original
 * itself when that is plain text, in the item's language, one unit per paragraph. Withdrawn
 * items, quarantined files and items without text offer nothing to translate.
 */
import { vaultOf } from "../../evidence/vault/index.ts";
import { openFile } from "../../evidence/vault/open-file.ts";
import {
  filesOfItems,
  findItem,
  listItems,
  type ItemFileRow,
  type ItemRow,
} from "../../evidence/items/db.ts";
import type { AppContext } from "../../app/context.ts";
import type { Queryable } from "../../store/db.ts";
import { excerpt, isUuid, paragraphUnits, type CaseRef, type SourceResolver } from "./types.ts";

/** The longest text read for translation (a larger one is cut there, and the label says so). */
export const MAX_TRANSLATABLE_BYTES = 512 * 1024;
const TEXT_TYPES = ["text/plain"];

const label = (item: ItemRow) => `#${item.number} ${excerpt(item.metadata.title)}`;

async function textFiles(tx: Queryable, ctx: AppContext, c: CaseRef, items: ItemRow[]) {
  const files = await filesOfItems(
    tx,
    ctx.keyring,
    c.officeId,
    c.caseId,
    items.map((i) => i.id),
  );
  const byItem = new Map<string, ItemFileRow>();
  for (const f of files) {
    if (f.role === "text" && !byItem.has(f.itemId)) byItem.set(f.itemId, f);
  }
  // An original in plain text is its own text, when nothing was extracted from it.
  const rows = await tx.query<{ id: string; mediaType: string; scan: string }>(
    `SELECT id, media_type AS "mediaType", scan FROM evidence_files WHERE office_id = $1 AND id = ANY($2::uuid[])`,
    [c.officeId, files.map((f) => f.fileId)],
  );
  const stored = new Map(rows.map((r) => [r.id, r]));
  for (const f of files) {
    const s = stored.get(f.fileId);
    if (f.role === "original" && !byItem.has(f.itemId) && s && TEXT_TYPES.includes(s.mediaType))
      byItem.set(f.itemId, f);
  }
  for (const [itemId, f] of byItem) {
    if (stored.get(f.fileId)?.scan === "infected") byItem.delete(itemId);
  }
  return byItem;
}

export const evidenceText: SourceResolver = {
  kind: "evidence_text",
  machineAllowed: true,
  async list(ctx, tx, c) {
    const items = (await listItems(tx, ctx.keyring, c.officeId, c.caseId, { kind: "all" })).filter(
      (i) => i.status === "active",
    );
    const texts = await textFiles(tx, ctx, c, items);
    return items
      .filter((i) => texts.has(i.id))
      .map((i) => ({ ref: i.id, label: label(i), language: i.metadata.language }));
  },
  async read(ctx, tx, c, ref) {
    if (!isUuid(ref)) return null;
    const item = await findItem(tx, ctx.keyring, c.officeId, c.caseId, ref, { kind: "all" });
    if (!item || item.status !== "active") return null;
    const file = (await textFiles(tx, ctx, c, [item])).get(item.id);
    if (!file) return null;
    const opened = await openFile(
      vaultOf(ctx),
      { officeId: c.officeId, fileId: file.fileId },
      { start: 0, end: MAX_TRANSLATABLE_BYTES },
      { db: tx },
    );
    if (!opened) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\uFFFD+$/, "");
    return { label: label(item), language: item.metadata.language, units: paragraphUnits("text", text) };
  },
};
