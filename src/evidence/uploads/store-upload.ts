/**
 * The end of an upload: its bytes stream into the vault (hash, type, size, scan, sealing), and
 * the upload becomes complete, quarantined (stored, never served) or refused (type or size), with
 * its access record. A refusal is a problem the uploader can act on: 413 or 415.
 */
import type { Readable } from "node:stream";
import { audit, type Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import type { StoredFile } from "../vault/db.ts";
import { FileRefused } from "../vault/inspect.ts";
import { putFile } from "../vault/put-file.ts";
import { vaultOf } from "../vault/vault.ts";
import { finishUpload, type UploadRow } from "./db.ts";

export interface StoredUpload {
  upload: UploadRow;
  file: StoredFile;
}

/** Mark the upload refused, with its access record. */
export async function refuseUpload(
  ctx: AppContext,
  actor: Actor,
  upload: UploadRow,
  reason: string,
  message: string,
): Promise<void> {
  const at = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    await finishUpload(tx, upload, { status: "refused", refusal: message, at: at.toISOString() });
    await audit(tx, actor, at, {
      action: "evidence.upload",
      outcome: "failed",
      caseId: upload.caseId,
      officeId: upload.officeId,
      details: { uploadId: upload.id, refused: reason },
    });
  });
}

export async function storeUpload(
  ctx: AppContext,
  actor: Actor,
  upload: UploadRow,
  stream: Readable,
): Promise<StoredUpload> {
  const vault = vaultOf(ctx);
  let stored;
  try {
    stored = await putFile(vault, {
      officeId: upload.officeId,
      stream,
      declaredLength: upload.declaredLength,
      storedBy: actor.principal.username,
    });
  } catch (err) {
    if (!(err instanceof FileRefused)) throw err;
    await refuseUpload(ctx, actor, upload, err.reason, err.message);
    throw new AppError(
      err.reason === "too_large" ? "content_too_large" : "unsupported_media_type",
      err.message,
    );
  }
  const { file, deduplicated } = stored;
  if (file.size !== upload.declaredLength) {
    const message = `${file.size} bytes arrived; Upload-Length said ${upload.declaredLength}`;
    await refuseUpload(ctx, actor, upload, "length_mismatch", message);
    throw new AppError("bad_request", message);
  }
  const at = ctx.clock();
  const status = file.scan === "infected" ? "quarantined" : "complete";
  await ctx.db.transaction(async (tx) => {
    await finishUpload(tx, upload, { status, fileId: file.id, offset: file.size, at: at.toISOString() });
    await audit(tx, actor, at, {
      action: "evidence.upload",
      outcome: "ok",
      caseId: upload.caseId,
      officeId: upload.officeId,
      details: {
        uploadId: upload.id,
        fileId: file.id,
        size: file.size,
        mediaType: file.mediaType,
        scan: file.scan,
        deduplicated,
      },
    });
  });
  if (status === "quarantined")
    ctx.log?.warn(
      { uploadId: upload.id, fileId: file.id, caseId: upload.caseId, signature: file.scanDetail },
      "evidence quarantined: the virus scanner found a threat",
    );
  return {
    upload: { ...upload, status, offset: file.size, fileId: file.id, parts: [] },
    file,
  };
}
