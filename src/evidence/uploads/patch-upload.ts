/**
 * A tus PATCH: bytes at the upload's current offset. A body that is the whole file from offset
 * 0 (what tus clients send unless told to cut files into chunks) streams straight into the vault;
 * any other part is sealed and kept until the last byte arrives, then the parts are stored as one
 * file. One request at a time writes an upload; an offset that is not the current one is 409.
 */
import type { Readable } from "node:stream";
import { audit, type Actor } from "../../app/actor.ts";
import { today, type AppContext } from "../../app/context.ts";
import { AppError, notFound } from "../../app/errors.ts";
import { mayAttachEvidence } from "../access.ts";
import { vaultOf } from "../vault/vault.ts";
import { appendPart, findUpload, type UploadRow } from "./db.ts";
import { PartOverflow, readParts, removeParts, writePart, type HeadCheck } from "./parts.ts";
import { refuseUpload, storeUpload } from "./store-upload.ts";
import { detectType } from "../vault/detect.ts";
import { FileRefused, tooLarge } from "../vault/inspect.ts";

/** Uploads a request of this process is writing. */
const busy = new Set<string>();

/** The caller's own upload that has not expired, or 404. */
export async function ownUpload(ctx: AppContext, actor: Actor, uploadId: string): Promise<UploadRow> {
  const upload = await findUpload(ctx.db, ctx.keyring, uploadId);
  const expired = upload && upload.status === "receiving" && new Date(upload.expiresAt) <= ctx.clock();
  if (!upload || upload.accountId !== actor.principal.accountId || expired)
    throw notFound(`upload ${uploadId}`);
  return upload;
}

/** The caller may still attach evidence to the upload's case (a mandate may have ended). */
async function checkReach(ctx: AppContext, actor: Actor, upload: UploadRow): Promise<void> {
  const reached = await ctx.db.transaction(async (tx) => {
    const c = { id: upload.caseId, officeId: upload.officeId };
    if (await mayAttachEvidence(tx, actor.principal, c, today(ctx))) return true;
    await audit(tx, actor, ctx.clock(), {
      action: "evidence.upload",
      outcome: "denied",
      caseId: c.id,
      officeId: c.officeId,
      details: { uploadId: upload.id },
    });
    return false;
  });
  if (!reached) throw notFound(`upload ${upload.id}`);
}

/** A check of the file's first bytes: refused by type, or by its type's limit. */
function headCheck(ctx: AppContext, upload: UploadRow): HeadCheck {
  return async (head, complete) => {
    const detected = await detectType(head, complete);
    if (!detected.ok) throw new FileRefused("refused_type", detected.refusal);
    const limit = vaultOf(ctx).limitFor(detected.category);
    if (upload.declaredLength > limit)
      throw tooLarge(limit, detected.category === "video" ? "a video" : "a file of this type");
  };
}

export interface PatchInput {
  offset: number;
  /** Content-Length, when the client sent one. */
  length?: number;
  stream: Readable;
  /** Called before the bytes go into a part: a request cut off then keeps what arrived. */
  keepWhatArrives?: () => void;
}

/**
 * A whole file sent in one PATCH streams straight into the vault up to this size; a larger one is
 * kept as a part first, so that a connection lost half-way keeps what arrived (HEAD, then resume).
 */
export const DIRECT_MAX = 64 * 1024 * 1024;

export async function patchUpload(
  ctx: AppContext,
  actor: Actor,
  uploadId: string,
  input: PatchInput,
): Promise<UploadRow> {
  const upload = await ownUpload(ctx, actor, uploadId);
  if (upload.status !== "receiving")
    throw new AppError("conflict", `the upload is ${upload.status}: it takes no more bytes`);
  if (input.offset !== upload.offset)
    throw new AppError(
      "conflict",
      `Upload-Offset is ${input.offset}, but the upload has ${upload.offset} bytes: ask with HEAD and resume from there`,
    );
  const room = upload.declaredLength - upload.offset;
  if (input.length !== undefined && input.length > room)
    throw new AppError(
      "bad_request",
      `the body is ${input.length} bytes; only ${room} remain of Upload-Length`,
    );
  await checkReach(ctx, actor, upload);
  if (busy.has(upload.id)) throw new AppError("conflict", "another request is writing this upload");
  busy.add(upload.id);
  try {
    if (
      upload.offset === 0 &&
      upload.parts.length === 0 &&
      input.length === upload.declaredLength &&
      upload.declaredLength <= DIRECT_MAX
    )
      return (await storeUpload(ctx, actor, upload, input.stream)).upload;
    input.keepWhatArrives?.();
    const vault = vaultOf(ctx);
    let current = upload;
    if (room > 0) {
      // The first bytes tell the type: a file that will be refused is refused now, not at its end.
      const check = upload.offset === 0 ? headCheck(ctx, upload) : undefined;
      let part;
      try {
        part = await writePart(vault, upload, upload.offset, input.stream, room, check);
      } catch (err) {
        if (err instanceof PartOverflow) throw new AppError("bad_request", err.message);
        if (err instanceof FileRefused) {
          await refuseUpload(ctx, actor, upload, err.reason, err.message);
          throw new AppError(
            err.reason === "too_large" ? "content_too_large" : "unsupported_media_type",
            err.message,
          );
        }
        throw err;
      }
      if (part.length === 0) {
        await vault.store.remove(part.name);
        return upload;
      }
      const received = part;
      if (!(await ctx.db.transaction((tx) => appendPart(tx, upload, upload.offset, received)))) {
        await vault.store.remove(part.name);
        throw new AppError("conflict", "another request wrote to this upload meanwhile: ask with HEAD");
      }
      current = { ...upload, offset: upload.offset + part.length, parts: [...upload.parts, received] };
    }
    if (current.offset < current.declaredLength) return current;
    let stored;
    try {
      stored = await storeUpload(ctx, actor, current, readParts(vault, current));
    } catch (err) {
      // A refused file's parts go; after a fault they stay, and a PATCH of no bytes retries.
      if (err instanceof AppError) await removeParts(vault, current.parts);
      throw err;
    }
    await removeParts(vault, current.parts);
    return stored.upload;
  } finally {
    busy.delete(upload.id);
  }
}
