/**
 * Reading a case's evidence: the list of items, one item with its files. Each read is checked
 * (access.ts) and recorded in the access record with the item's id; the vault is asked about the
 * files after the case's transaction (it keeps its own connection).
 */
import type { EvidenceItem, EvidenceItemSummary } from "../../contracts/evidence.ts";
import type { Actor } from "../../app/actor.ts";
import { today, type AppContext } from "../../app/context.ts";
import { notFound } from "../../app/errors.ts";
import type { Queryable } from "../../store/db.ts";
import { vaultOf } from "../vault/index.ts";
import { accessEvidence, type AccessedEvidence, type EvidenceDoor, type EvidenceUse } from "./access.ts";
import { filesOfItems, findItem, listItems, type ItemFileRow, type ItemRow } from "./db.ts";
import { filesOf, presentItem, summarizeItem } from "./present.ts";

/**
 * Run `fn` on a case's evidence in one transaction if the actor reaches it for `use`; a case out
 * of reach (or missing) is recorded as refused and answered 404.
 */
export async function withEvidence<R>(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  use: EvidenceUse,
  action: string,
  door: EvidenceDoor,
  fn: (tx: Queryable, e: AccessedEvidence) => Promise<R>,
): Promise<R> {
  const now = { at: ctx.clock(), today: today(ctx) };
  const out = await ctx.db.transaction(async (tx) => {
    const e = await accessEvidence(tx, actor, caseId, use, action, now, door);
    return e ? { value: await fn(tx, e) } : null;
  });
  if (!out) throw notFound(`case ${caseId}`);
  return out.value;
}

/** An item of the case within the actor's scope, with its files' rows, or 404 (recorded). */
export async function itemInReach(
  tx: Queryable,
  ctx: AppContext,
  e: AccessedEvidence,
  caseId: string,
  itemId: string,
  action: string,
): Promise<{ item: ItemRow; files: ItemFileRow[] } | null> {
  const item = await findItem(tx, ctx.keyring, e.header.officeId, caseId, itemId, e.scope);
  if (!item) {
    await e.record(action, { itemId, found: false });
    return null;
  }
  return { item, files: await filesOfItems(tx, ctx.keyring, e.header.officeId, caseId, [itemId]) };
}

export async function listEvidence(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  door: EvidenceDoor = "workspace",
): Promise<EvidenceItemSummary[]> {
  return withEvidence(ctx, actor, caseId, "read", "evidence.list", door, async (tx, e) => {
    const items = await listItems(tx, ctx.keyring, e.header.officeId, caseId, e.scope);
    const files = await filesOfItems(
      tx,
      ctx.keyring,
      e.header.officeId,
      caseId,
      items.map((i) => i.id),
    );
    await e.record("evidence.list", { items: items.length });
    return items.map((i) =>
      summarizeItem(i, files.filter((f) => f.itemId === i.id && f.role === "original").length),
    );
  });
}

export async function getEvidence(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  itemId: string,
): Promise<EvidenceItem> {
  const found = await withEvidence(
    ctx,
    actor,
    caseId,
    "read",
    "evidence.read",
    "workspace",
    async (tx, e) => {
      const it = await itemInReach(tx, ctx, e, caseId, itemId, "evidence.read");
      if (it) await e.record("evidence.read", { itemId });
      return it ? { ...it, officeId: e.header.officeId } : null;
    },
  );
  if (!found) throw notFound(`evidence item ${itemId}`);
  return presentItem(found.item, await filesOf(vaultOf(ctx), found.officeId, found.files));
}
