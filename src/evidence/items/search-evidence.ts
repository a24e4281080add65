/**
 * Search within a case's evidence: the words asked for, in the texts extracted from its PDFs and
 * in its text files. The texts are stored files of the vault, encrypted like every file, so the
 * database cannot search them: they are decrypted one case at a time, for a reader who reaches the
 * case, and compared in the application (a case holds tens of documents, not millions). The
 * words searched for are not kept in the access record.
 */
import type { Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { openFile, vaultOf } from "../vault/index.ts";
import { withEvidence } from "./read-items.ts";

/** The text files searched, their originals and their kind. */
interface Searchable {
  itemId: string;
  fileId: string;
  /** The original the text stands for (itself for a text file). */
  originalId: string;
  size: number;
}

const TEXT_TYPES = ["text/plain", "application/json"];
/** Texts larger than this are searched in their first part only. */
const MAX_TEXT = 8 * 1024 * 1024;
const SNIPPET = 80;

const fold = (s: string) => s.normalize("NFKC").toLocaleLowerCase();

async function textOf(ctx: AppContext, officeId: string, s: Searchable): Promise<string> {
  const opened = await openFile(vaultOf(ctx), { officeId, fileId: s.fileId }, { start: 0, end: MAX_TEXT });
  if (!opened) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The text around the first match, on one line. */
function snippetAround(text: string, at: number, length: number): string {
  const from = Math.max(0, at - SNIPPET);
  const to = Math.min(text.length, at + length + SNIPPET);
  return `${from > 0 ? "…" : ""}${text.slice(from, to).replace(/\s+/g, " ").trim()}${to < text.length ? "…" : ""}`;
}

export async function searchEvidence(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  q: string,
): Promise<{ itemId: string; fileId: string; snippet: string }[]> {
  const found = await withEvidence(
    ctx,
    actor,
    caseId,
    "read",
    "evidence.search",
    "workspace",
    async (tx, e) => {
      const params: unknown[] = [e.header.officeId, caseId];
      let scope = "";
      if (e.scope.kind === "filedBy") {
        params.push(e.scope.accountId, e.scope.via);
        scope = " AND i.filed_by = $3 AND i.filed_via = $4";
      }
      const rows = await tx.query<Searchable & { role: string; mediaType: string; scan: string }>(
        `SELECT f.item_id AS "itemId", f.file_id AS "fileId", coalesce(f.derived_from, f.file_id) AS "originalId",
              f.role, s.media_type AS "mediaType", s.scan, s.size
         FROM evidence_item_files f
         JOIN evidence_items i ON i.office_id = f.office_id AND i.case_id = f.case_id AND i.id = f.item_id
         JOIN evidence_files s ON s.office_id = f.office_id AND s.id = f.file_id
        WHERE f.office_id = $1 AND f.case_id = $2${scope}
        ORDER BY i.number, f.position`,
        params,
      );
      await e.record("evidence.search", { searched: rows.length });
      const searchable = rows.filter(
        (r) =>
          r.scan !== "infected" &&
          (r.role === "text" || (r.role === "original" && TEXT_TYPES.includes(r.mediaType))),
      );
      return { officeId: e.header.officeId, searchable };
    },
  );
  const needle = fold(q.trim());
  const out: { itemId: string; fileId: string; snippet: string }[] = [];
  for (const s of found.searchable) {
    const text = (await textOf(ctx, found.officeId, s)).normalize("NFKC");
    const at = fold(text).indexOf(needle);
    if (at >= 0)
      out.push({ itemId: s.itemId, fileId: s.originalId, snippet: snippetAround(text, at, needle.length) });
  }
  return out;
}
