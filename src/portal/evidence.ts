/**
 * A lawyer files evidence for a mandated client through the portal (docs/evidence.md): the same
 * uploads and the same item as the office's, supplied by the representative through the portal,
 * with a receipt that names each file's SHA-256. The lawyer sees only the items they filed.
 */
import type { z } from "zod";
import type {
  PortalEvidenceInput,
  PortalEvidenceListSchema,
  PortalEvidenceReceiptSchema,
} from "../contracts/evidence.ts";
import type { Actor } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { attachEvidence } from "../evidence/items/attach-evidence.ts";
import { filesOfItems, listItems } from "../evidence/items/db.ts";
import { withEvidence } from "../evidence/items/read-items.ts";
import { getStoredFile, vaultOf } from "../evidence/vault/index.ts";

type Receipt = z.infer<typeof PortalEvidenceReceiptSchema>;
type Filed = z.infer<typeof PortalEvidenceListSchema>["items"][number];

export async function fileEvidence(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: Omit<PortalEvidenceInput, "uploadIds"> & { uploadIds: string[] },
): Promise<Receipt> {
  const { item, receivedAt } = await attachEvidence(
    ctx,
    actor,
    caseId,
    { ...input, supplier: "representative", channel: "portal", receivedOn: input.receivedOn ?? today(ctx) },
    { door: "portal" },
  );
  return {
    itemId: item.id,
    number: item.number,
    receivedAt,
    files: item.files
      .filter((f) => f.role === "original")
      .map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })),
  };
}

export async function filedEvidence(ctx: AppContext, actor: Actor, caseId: string): Promise<Filed[]> {
  const found = await withEvidence(
    ctx,
    actor,
    caseId,
    "read",
    "portal.evidence.list",
    "portal",
    async (tx, e) => {
      const items = await listItems(tx, ctx.keyring, e.header.officeId, caseId, e.scope);
      const files = await filesOfItems(
        tx,
        ctx.keyring,
        e.header.officeId,
        caseId,
        items.map((i) => i.id),
      );
      await e.record("portal.evidence.list", { items: items.length });
      return { officeId: e.header.officeId, items, files: files.filter((f) => f.role === "original") };
    },
  );
  const vault = vaultOf(ctx);
  const out: Filed[] = [];
  for (const item of found.items) {
    const files = [];
    for (const f of found.files.filter((x) => x.itemId === item.id)) {
      const stored = await getStoredFile(vault, { officeId: found.officeId, fileId: f.fileId });
      if (stored) files.push({ name: f.name, size: stored.size, sha256: stored.sha256 });
    }
    out.push({
      itemId: item.id,
      number: item.number,
      kind: item.kind,
      title: item.metadata.title,
      status: item.status,
      receivedAt: item.recordedAt,
      files,
    });
  }
  return out;
}
