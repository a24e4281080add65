/**
 * A file of an item, as plaintext: whole, or the byte range asked for (HTTP Range, one range),
 * read through the vault segment by segment. A quarantined file is never served. Each view or
 * download is in the access record with the item's and the file's ids.
 */
import type { Readable } from "node:stream";
import type { Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError, notFound } from "../../app/errors.ts";
import { openFile, QuarantinedError, vaultOf } from "../vault/index.ts";
import type { EvidenceDoor } from "./access.ts";
import { itemInReach, withEvidence } from "./read-items.ts";

/** 416: the range is outside the file; the answer names the file's size (`Content-Range: bytes *\/size`). */
export class UnsatisfiableRange extends AppError {
  constructor(readonly size: number) {
    super("invalid_input", `the range asked for is outside the file (${size} bytes)`, {}, 416);
  }
}

export type ByteRange = { start: number; end: number } | "unsatisfiable" | null;

/**
 * The one range a `Range` header asks for within a file of `size` bytes ([start, end), end
 * exclusive); null for no header, several ranges or a header that is not a byte range (served
 * whole, as RFC 9110 allows); "unsatisfiable" for a range outside the file.
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, first, last] = m;
  if (first === "" && last === "") return null;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size : Math.min(size, Number(last) + 1);
  if (end <= start) return null;
  return { start, end };
}

export interface FileContent {
  name: string;
  mediaType: string;
  size: number;
  range: { start: number; end: number } | null;
  stream: Readable;
}

export async function fileContent(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  itemId: string,
  fileId: string,
  options: { download: boolean; range?: string | undefined; door?: EvidenceDoor },
): Promise<FileContent> {
  const action = options.download ? "evidence.download" : "evidence.view";
  const found = await withEvidence(
    ctx,
    actor,
    caseId,
    "read",
    action,
    options.door ?? "workspace",
    async (tx, e) => {
      const it = await itemInReach(tx, ctx, e, caseId, itemId, action);
      const file = it?.files.find((f) => f.fileId === fileId);
      if (!it || !file) {
        if (it) await e.record(action, { itemId, fileId, found: false });
        return null;
      }
      const [stored] = await tx.query<{ scan: string; size: string | number }>(
        `SELECT scan, size FROM evidence_files WHERE office_id = $1 AND id = $2`,
        [e.header.officeId, fileId],
      );
      if (!stored) throw new Error(`stored file ${fileId} is missing`);
      const quarantined = stored.scan === "infected";
      const size = Number(stored.size);
      const range = parseRange(options.range, size);
      // Nothing is served from outside the file: the request is recorded, not as a view.
      const recorded = range === "unsatisfiable" ? "evidence.range_refused" : action;
      await e.record(recorded, { itemId, fileId, ...(quarantined ? { quarantined: true } : {}) });
      return { officeId: e.header.officeId, name: file.name, size, quarantined, range };
    },
  );
  if (!found) throw notFound(`file ${fileId} of evidence item ${itemId}`);
  if (found.quarantined)
    throw new AppError(
      "conflict",
      "the virus scanner found this file infected: it is kept in quarantine and never served",
    );
  const range = found.range;
  if (range === "unsatisfiable") throw new UnsatisfiableRange(found.size);
  try {
    const opened = await openFile(vaultOf(ctx), { officeId: found.officeId, fileId }, range ?? undefined);
    if (!opened) throw new Error(`stored file ${fileId} is missing`);
    return {
      name: found.name,
      mediaType: opened.file.mediaType,
      size: opened.file.size,
      range,
      stream: opened.stream,
    };
  } catch (err) {
    if (err instanceof QuarantinedError)
      throw new AppError("conflict", "the virus scanner found this file infected: it is kept in quarantine");
    throw err;
  }
}
