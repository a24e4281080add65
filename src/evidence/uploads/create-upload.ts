/**
 * Creating an upload (tus creation, and the first step of a single-request upload): the caller
 * must be able to attach evidence to the case, and the declared length must be within the limit,
 * before a byte is accepted. The file's name is sealed; the access record names the upload.
 */
import { randomBytes } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { audit, type Actor } from "../../app/actor.ts";
import { today, type AppContext } from "../../app/context.ts";
import { AppError, notFound } from "../../app/errors.ts";
import { KEY_LENGTH } from "../../security/crypto/aead.ts";
import { mayAttachEvidence } from "../access.ts";
import { vaultOf } from "../vault/vault.ts";
import { insertUpload, officeOfCase, type UploadRow } from "./db.ts";

/** An unfinished upload is forgotten after this long. */
export const UPLOAD_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const MIB = 1024 * 1024;

export interface NewUpload {
  length: number;
  name: string;
  /** The type the client says the file has; the vault goes by the file's own bytes. */
  declaredType?: string;
}

/** The most a file declared as `declaredType` may be (video has its own limit). */
function limitFor(ctx: AppContext, declaredType: string | undefined): number {
  const vault = vaultOf(ctx);
  if (declaredType === undefined) return vault.maxAny;
  return vault.limitFor(declaredType.startsWith("video/") ? "video" : "other");
}

export async function createUpload(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: NewUpload,
): Promise<UploadRow> {
  const at = ctx.clock();
  const limit = limitFor(ctx, input.declaredType);
  const outcome = await ctx.db.transaction(async (tx) => {
    const officeId = await officeOfCase(tx, caseId);
    const c = officeId ? { id: caseId, officeId } : null;
    if (!c || !(await mayAttachEvidence(tx, actor.principal, c, today(ctx)))) {
      await audit(tx, actor, at, {
        action: "evidence.upload.create",
        outcome: "denied",
        caseId: c ? caseId : null,
        officeId: c?.officeId ?? null,
        details: c ? {} : { requested: caseId },
      });
      return { kind: "not_found" as const };
    }
    if (input.length > limit) {
      await audit(tx, actor, at, {
        action: "evidence.upload.create",
        outcome: "failed",
        caseId,
        officeId: c.officeId,
        details: { refused: "content_too_large", length: input.length },
      });
      return { kind: "too_large" as const };
    }
    const upload: UploadRow = {
      officeId: c.officeId,
      id: uuidv7(),
      caseId,
      accountId: actor.principal.accountId,
      name: input.name,
      declaredType: input.declaredType ?? null,
      declaredLength: input.length,
      offset: 0,
      status: "receiving",
      refusal: null,
      tempKey: randomBytes(KEY_LENGTH),
      parts: [],
      fileId: null,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + UPLOAD_LIFETIME_MS).toISOString(),
    };
    await insertUpload(tx, ctx.keyring, upload);
    await audit(tx, actor, at, {
      action: "evidence.upload.create",
      outcome: "ok",
      caseId,
      officeId: c.officeId,
      details: { uploadId: upload.id, length: input.length },
    });
    return { kind: "created" as const, upload };
  });
  if (outcome.kind === "not_found") throw notFound(`case ${caseId}`);
  if (outcome.kind === "too_large")
    throw new AppError(
      "content_too_large",
      `the file is ${input.length} bytes; at most ${Math.floor(limit / MIB)} MiB is accepted${
        input.declaredType?.startsWith("video/") ? " for a video" : ""
      }`,
    );
  return outcome.upload;
}
