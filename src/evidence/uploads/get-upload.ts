/** An upload as its uploader sees it (GET /uploads/{id}), with its stored file once it has one. */
import type { Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import type { Upload } from "../../contracts/uploads.ts";
import type { StoredFile } from "../vault/db.ts";
import { getStoredFile } from "../vault/open-file.ts";
import { vaultOf } from "../vault/vault.ts";
import type { UploadRow } from "./db.ts";
import { ownUpload } from "./patch-upload.ts";

export function presentUpload(upload: UploadRow, file: StoredFile | null): Upload {
  return {
    id: upload.id,
    caseId: upload.caseId,
    name: upload.name,
    declaredLength: upload.declaredLength,
    offset: upload.offset,
    status: upload.status,
    ...(upload.refusal ? { refusal: upload.refusal } : {}),
    ...(file
      ? {
          file: {
            id: file.id,
            name: upload.name,
            mediaType: file.mediaType,
            size: file.size,
            sha256: file.sha256,
            scan: file.scan,
            storedAt: file.storedAt,
          },
        }
      : {}),
  };
}

export async function getUpload(ctx: AppContext, actor: Actor, uploadId: string): Promise<Upload> {
  const upload = await ownUpload(ctx, actor, uploadId);
  const file = upload.fileId
    ? await getStoredFile(vaultOf(ctx), { officeId: upload.officeId, fileId: upload.fileId })
    : null;
  return presentUpload(upload, file);
}

/** The offset and length, for HEAD (tus). */
export async function uploadOffset(ctx: AppContext, actor: Actor, uploadId: string) {
  const upload = await ownUpload(ctx, actor, uploadId);
  return { offset: upload.offset, length: upload.declaredLength, expiresAt: upload.expiresAt };
}
