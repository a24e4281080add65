/**
 * Changing what an item says, never its files: a correction (`evidence_corrected`, with the
 * reason and the fields corrected), a withdrawal (`evidence_withdrawn`: the item and its files
 * stay, a foreign-state action's removal hold is lifted), and a dated audience observation of a
 * social-media capture (`audience_observed`). Each through the one case-write path, with the right
 * evidence.manage.
 */
import type { CorrectionRequest, EvidenceItem, ObservationInput } from "../../contracts/evidence.ts";
import { actorName, type Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError, notFound } from "../../app/errors.ts";
import { writeCase, type WritableCase } from "../../cases/write.ts";
import { recordEvent, type RecordEvent } from "../../kernel/procedure/record-events.ts";
import { vaultOf } from "../vault/index.ts";
import { reachesForEvidence } from "./access.ts";
import {
  filesOfItems,
  findItem,
  updateItem,
  type ItemFileRow,
  type ItemMetadata,
  type ItemRow,
} from "./db.ts";
import { filesOf, presentItem } from "./present.ts";

interface Change {
  action: string;
  expectedVersion?: number | undefined;
  /** The item's new metadata and status, and the events that say so; or a problem. */
  apply(item: ItemRow, c: WritableCase, by: string, at: string): { item: ItemRow; events: RecordEvent[] };
}

async function changeItem(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  itemId: string,
  change: Change,
): Promise<EvidenceItem> {
  const done = await writeCase(ctx, actor, caseId, {
    action: change.action,
    right: "evidence.manage",
    reaches: async (tx, c, today) =>
      (await reachesForEvidence(tx, actor.principal, "manage", c, today, "workspace")) !== null,
    ...(change.expectedVersion !== undefined ? { expectedVersion: change.expectedVersion } : {}),
    async run(c) {
      const officeId = c.header.officeId;
      const item = await findItem(c.tx, ctx.keyring, officeId, caseId, itemId, { kind: "all" });
      if (!item) throw notFound(`evidence item ${itemId}`);
      const at = ctx.clock().toISOString();
      const next = change.apply(item, c, actorName(actor), at);
      await updateItem(c.tx, ctx.keyring, next.item, at);
      await c.record(next.events);
      const files: ItemFileRow[] = await filesOfItems(c.tx, ctx.keyring, officeId, caseId, [itemId]);
      return { result: { item: next.item, files, officeId }, details: { itemId } };
    },
  });
  return presentItem(done.item, await filesOf(vaultOf(ctx), done.officeId, done.files));
}

function active(item: ItemRow, what: string): void {
  if (item.status === "withdrawn")
    throw new AppError("conflict", `evidence item ${item.number} is withdrawn: it cannot be ${what}`);
}

const FIELDS = ["title", "description", "supplier", "receivedOn", "channel", "language", "capture"] as const;

export function correctEvidence(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  itemId: string,
  req: CorrectionRequest,
  expectedVersion?: number,
): Promise<EvidenceItem> {
  return changeItem(ctx, actor, caseId, itemId, {
    action: "evidence.correct",
    expectedVersion,
    apply(item, c) {
      active(item, "corrected");
      if (req.receivedOn && req.receivedOn > c.today)
        throw new AppError("invalid_input", `received on ${req.receivedOn}, after today (${c.today})`, {
          issues: [{ path: "receivedOn", message: "after today" }],
        });
      if (req.capture && item.kind !== "social_media_capture")
        throw new AppError("invalid_input", "only a social-media capture says what it captured", {
          issues: [{ path: "capture", message: "not a social-media capture" }],
        });
      const changes: Record<string, unknown> = {};
      for (const f of FIELDS) if (req[f] !== undefined) changes[f] = req[f];
      const metadata: ItemMetadata = { ...item.metadata, ...changes };
      return {
        item: { ...item, metadata },
        events: [
          recordEvent("evidence_corrected", c.today, {
            itemId: item.id,
            reason: req.reason,
            fields: Object.keys(changes),
            changes,
          }),
        ],
      };
    },
  });
}

export function withdrawEvidence(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  itemId: string,
  reason: string,
  expectedVersion?: number,
): Promise<EvidenceItem> {
  return changeItem(ctx, actor, caseId, itemId, {
    action: "evidence.withdraw",
    expectedVersion,
    apply(item, c, by) {
      active(item, "withdrawn again");
      return {
        item: {
          ...item,
          status: "withdrawn",
          metadata: { ...item.metadata, withdrawal: { reason, on: c.today, by } },
        },
        events: [recordEvent("evidence_withdrawn", c.today, { itemId: item.id, reason })],
      };
    },
  });
}

export function observeAudience(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  itemId: string,
  o: ObservationInput,
  expectedVersion?: number,
): Promise<EvidenceItem> {
  return changeItem(ctx, actor, caseId, itemId, {
    action: "evidence.observe",
    expectedVersion,
    apply(item, c, by, at) {
      active(item, "observed");
      if (item.kind !== "social_media_capture")
        throw new AppError("invalid_input", "audience observations belong to a social-media capture", {
          issues: [{ path: "metric", message: "not a social-media capture" }],
        });
      if (o.observedOn > c.today)
        throw new AppError("invalid_input", `observed on ${o.observedOn}, after today (${c.today})`, {
          issues: [{ path: "observedOn", message: "after today" }],
        });
      const observations = [...item.metadata.observations, { ...o, recordedBy: by, recordedAt: at }].sort(
        (a, b) => (a.observedOn < b.observedOn ? -1 : a.observedOn > b.observedOn ? 1 : 0),
      );
      return {
        item: { ...item, metadata: { ...item.metadata, observations } },
        events: [
          recordEvent("audience_observed", o.observedOn, {
            itemId: item.id,
            metric: o.metric,
            value: o.value,
            ...(o.note ? { note: o.note } : {}),
          }),
        ],
      };
    },
  });
}
