/**
 * An item's chain of custody (docs/evidence.md): when each original was stored (and quarantined),
 * the case chain's record events for the item (attached with its derivatives, corrected,
 * withdrawn, observed), and every view, download and export of it in the access record. Oldest
 * first.
 */
import type { z } from "zod";
import type { CustodyEntrySchema } from "../../contracts/evidence.ts";
import type { Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { notFound } from "../../app/errors.ts";
import { openEvents, readEvents } from "../../cases/db/event-store.ts";
import { isRecordEvent } from "../../kernel/procedure/record-events.ts";
import type { Queryable } from "../../store/db.ts";
import { getStoredFile, vaultOf } from "../vault/index.ts";
import { itemInReach, withEvidence } from "./read-items.ts";

type CustodyEntry = z.infer<typeof CustodyEntrySchema>;
type Details = Record<string, unknown>;

const ACCESS_ACTIONS: Record<string, CustodyEntry["action"]> = {
  "evidence.view": "viewed",
  "evidence.download": "downloaded",
  "evidence.export": "exported",
  "evidence.disclose": "disclosed",
};

/** The case chain's record events for one item, as custody entries. */
async function fromChain(
  tx: Queryable,
  ctx: AppContext,
  officeId: string,
  caseId: string,
  itemId: string,
): Promise<CustodyEntry[]> {
  const events = openEvents(ctx.keyring, await readEvents(tx, officeId, caseId)).filter(
    (e) => isRecordEvent(e) && e.payload["itemId"] === itemId,
  );
  const out: CustodyEntry[] = [];
  for (const e of events) {
    const at = new Date(e.recordedAt).toISOString();
    const base = { at, by: e.recordedBy };
    const p = e.payload;
    const seq = { sequence: e.sequence };
    if (e.type === "evidence_attached") {
      const files = (p["files"] as Details[] | undefined) ?? [];
      const originals = files.filter((f) => f["role"] === "original");
      out.push({
        ...base,
        action: "attached",
        details: {
          ...seq,
          number: p["number"],
          receivedOn: e.occurredOn,
          files: originals.map((f) => ({ fileId: f["fileId"], sha256: f["sha256"] })),
        },
      });
      for (const f of files.filter((x) => x["role"] !== "original"))
        out.push({
          ...base,
          action: "derived",
          details: {
            ...seq,
            fileId: f["fileId"],
            role: f["role"],
            derivedFrom: f["derivedFrom"],
            sha256: f["sha256"],
            ...(f["removed"] ? { removed: f["removed"] } : {}),
          },
        });
    } else if (e.type === "evidence_corrected") {
      out.push({
        ...base,
        action: "corrected",
        details: { ...seq, fields: p["fields"], reason: p["reason"] },
      });
    } else if (e.type === "evidence_withdrawn") {
      out.push({ ...base, action: "withdrawn", details: { ...seq, reason: p["reason"] } });
    } else if (e.type === "audience_observed") {
      out.push({
        ...base,
        action: "observed",
        details: { ...seq, observedOn: e.occurredOn, metric: p["metric"], value: p["value"] },
      });
    }
  }
  return out;
}

/** The access record's views, downloads and exports of the item. */
async function fromAccessRecord(
  tx: Queryable,
  officeId: string,
  caseId: string,
  itemId: string,
): Promise<CustodyEntry[]> {
  const rows = await tx.query<{ at: Date | string; actor: string; action: string; details: Details }>(
    `SELECT at, actor, action, details FROM audit_log
      WHERE case_id = $1 AND office_id = $2 AND outcome = 'ok' AND details->>'itemId' = $3
        AND action = ANY($4::text[])
      ORDER BY seq`,
    [caseId, officeId, itemId, Object.keys(ACCESS_ACTIONS)],
  );
  return rows.map((r) => {
    const { itemId: _item, ...details } = r.details;
    void _item;
    return {
      at: new Date(r.at).toISOString(),
      action: ACCESS_ACTIONS[r.action] ?? "viewed",
      by: r.actor,
      details,
    };
  });
}

export async function getCustody(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  itemId: string,
): Promise<CustodyEntry[]> {
  const found = await withEvidence(
    ctx,
    actor,
    caseId,
    "read",
    "evidence.custody",
    "workspace",
    async (tx, e) => {
      const it = await itemInReach(tx, ctx, e, caseId, itemId, "evidence.custody");
      if (!it) return null;
      const officeId = e.header.officeId;
      const entries = [
        ...(await fromChain(tx, ctx, officeId, caseId, itemId)),
        ...(await fromAccessRecord(tx, officeId, caseId, itemId)),
      ];
      await e.record("evidence.custody", { itemId });
      return { entries, officeId, originals: it.files.filter((f) => f.role === "original") };
    },
  );
  if (!found) throw notFound(`evidence item ${itemId}`);
  const vault = vaultOf(ctx);
  const stored: CustodyEntry[] = [];
  for (const f of found.originals) {
    const file = await getStoredFile(vault, { officeId: found.officeId, fileId: f.fileId });
    if (!file) continue;
    stored.push({
      at: file.storedAt,
      action: "uploaded",
      by: file.storedBy,
      details: {
        fileId: f.fileId,
        size: file.size,
        mediaType: file.mediaType,
        sha256: file.sha256,
        scan: file.scan,
      },
    });
    if (file.scan === "infected")
      stored.push({ at: file.storedAt, action: "quarantined", by: "scanner", details: { fileId: f.fileId } });
  }
  // Stable: entries of one instant keep the order in which they happened.
  return [...stored, ...found.entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
