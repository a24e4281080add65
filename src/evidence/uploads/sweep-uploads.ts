/**
 * Forgetting unfinished uploads past their expiry (7 days): their sealed parts are removed and the
 * upload is marked refused, "expired". Then temporary objects older than any live upload's (left
 * by a process that stopped mid-write) are removed. Run when the server starts and every hour.
 */
import type { AppContext } from "../../app/context.ts";
import { vaultOf } from "../vault/vault.ts";
import { UPLOAD_LIFETIME_MS } from "./create-upload.ts";
import { expiredUploads, finishUpload } from "./db.ts";
import { removeParts } from "./parts.ts";

const ORPHAN_MARGIN_MS = 24 * 60 * 60 * 1000;

export const EXPIRED = "the upload expired before its last byte arrived";

/** How many expired uploads were swept. */
export async function sweepExpiredUploads(ctx: AppContext): Promise<number> {
  const vault = vaultOf(ctx);
  let swept = 0;
  for (;;) {
    const batch = await expiredUploads(ctx.db, ctx.keyring, ctx.clock(), 100);
    if (batch.length === 0) break;
    for (const upload of batch) {
      await removeParts(vault, upload.parts);
      await finishUpload(ctx.db, upload, {
        status: "refused",
        refusal: EXPIRED,
        at: ctx.clock().toISOString(),
      });
      swept++;
    }
  }
  // A part is never older than its upload, which is swept at its expiry: anything a day older
  // than that was left behind.
  const before = new Date(ctx.clock().getTime() - UPLOAD_LIFETIME_MS - ORPHAN_MARGIN_MS);
  for (const name of await vault.store.listTemp(before)) await vault.store.remove(name);
  return swept;
}
