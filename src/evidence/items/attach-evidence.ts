/**
 * Attach evidence: complete uploads of the case become a new item, numbered within the case, with
 * `evidence_attached` (and an `audience_observed` per observation given) appended to the case's
 * chain with each file's SHA-256, derivatives included.
 *
 * In three steps, because the vault stores files in transactions of its own: the attachment is
 * checked (the case reached, the uploads the caller's, complete and not yet attached); the
 * derivatives are made and stored; then, through the one case-write path, the uploads are checked
 * again, the item is written and the events appended, in one transaction.
 */
import { v7 as uuidv7 } from "uuid";
import type { EvidenceInput, EvidenceItem } from "../../contracts/evidence.ts";
import { actorName, type Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import { writeCase } from "../../cases/write.ts";
import { recordEvent, type RecordedFile, type RecordEvent } from "../../kernel/procedure/record-events.ts";
import type { Queryable } from "../../store/db.ts";
import { getStoredFile, vaultOf, type StoredFile, type Vault } from "../vault/index.ts";
import { reachesForEvidence, type EvidenceDoor, type EvidenceReach } from "./access.ts";
import {
  attachedUploads,
  insertItem,
  lockCase,
  nextItemNumber,
  type ItemFileRow,
  type ItemMetadata,
  type ItemRow,
} from "./db.ts";
import { deriveFrom, type Derivative } from "./derive.ts";
import { presentItem } from "./present.ts";
import { findUploads } from "../uploads/db.ts";

/** The input once parsed (EvidenceInputSchema's output), with the supplier and channel decided. */
export type AttachInput = Omit<EvidenceInput, "uploadIds"> & { uploadIds: string[] };

interface Original {
  uploadId: string;
  file: StoredFile;
  name: string;
}

const invalid = (message: string, path: string) =>
  new AppError("invalid_input", message, { issues: [{ path, message }] });

/** Dates that cannot be later than today (the profile's). */
function checkDates(input: AttachInput, today: string): void {
  if (input.receivedOn > today)
    throw invalid(`received on ${input.receivedOn}, after today (${today})`, "receivedOn");
  for (const [i, o] of (input.observations ?? []).entries())
    if (o.observedOn > today)
      throw invalid(`observed on ${o.observedOn}, after today (${today})`, `observations.${i}.observedOn`);
  const fsa = input.foreignStateAction;
  if (fsa && fsa.actedOn > today)
    throw invalid(`acted on ${fsa.actedOn}, after today (${today})`, "foreignStateAction.actedOn");
}

/** The uploads named, each checked: of this case, by this account, complete, not yet attached. */
async function checkedUploads(
  tx: Queryable,
  ctx: AppContext,
  c: { id: string; officeId: string },
  accountId: string,
  uploadIds: readonly string[],
): Promise<Original[]> {
  const found = new Map((await findUploads(tx, ctx.keyring, c.officeId, uploadIds)).map((u) => [u.id, u]));
  const attached = await attachedUploads(tx, c.officeId, uploadIds);
  const out: Original[] = [];
  for (const [i, id] of uploadIds.entries()) {
    const u = found.get(id);
    const path = `uploadIds.${i}`;
    if (!u || u.caseId !== c.id || u.accountId !== accountId)
      throw invalid(`upload ${id} is not one of your uploads to this case`, path);
    if (attached.has(id))
      throw new AppError("conflict", `upload ${id} is already attached to an item`, {
        issues: [{ path, message: "already attached" }],
      });
    if ((u.status !== "complete" && u.status !== "quarantined") || !u.fileId)
      throw invalid(`upload ${id} is ${u.status}, not complete`, path);
    out.push({ uploadId: id, file: { id: u.fileId } as StoredFile, name: u.name });
  }
  return out;
}

async function storedFiles(vault: Vault, officeId: string, originals: Original[]): Promise<Original[]> {
  const out: Original[] = [];
  for (const o of originals) {
    const file = await getStoredFile(vault, { officeId, fileId: o.file.id });
    if (!file) throw new Error(`stored file ${o.file.id} of upload ${o.uploadId} is missing`);
    out.push({ ...o, file });
  }
  return out;
}

const recorded = (file: StoredFile, role: RecordedFile["role"], d?: Derivative): RecordedFile => ({
  fileId: file.id,
  role,
  sha256: file.sha256,
  size: file.size,
  mediaType: file.mediaType,
  ...(d ? { derivedFrom: d.derivedFrom } : {}),
  ...(d?.removed ? { removed: d.removed } : {}),
});

export interface Attached {
  item: EvidenceItem;
  receivedAt: string;
}

export async function attachEvidence(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: AttachInput,
  options: { door?: EvidenceDoor; expectedVersion?: number } = {},
): Promise<Attached> {
  const door = options.door ?? "workspace";
  const p = actor.principal;
  const right = door === "portal" ? "portal.read" : "evidence.attach";
  let reach: EvidenceReach | null = null;
  const reaches = async (tx: Queryable, c: { id: string; officeId: string }, today: string) => {
    reach = await reachesForEvidence(tx, p, "attach", c, today, door);
    return reach !== null;
  };
  const action = door === "portal" ? "portal.evidence.file" : "evidence.attach";

  // 1. Check: the case reached, the dates, the uploads (a refusal is recorded by writeCase).
  const checked = await writeCase(ctx, actor, caseId, {
    action,
    right,
    reaches,
    ...(options.expectedVersion !== undefined ? { expectedVersion: options.expectedVersion } : {}),
    async run(c) {
      checkDates(input, c.today);
      const originals = await checkedUploads(
        c.tx,
        ctx,
        { id: caseId, officeId: c.header.officeId },
        p.accountId,
        input.uploadIds,
      );
      return { result: { officeId: c.header.officeId, originals }, record: false };
    },
  });

  // 2. Derivatives, each a stored file of its own (outside the case's transaction).
  const vault = vaultOf(ctx);
  const originals = await storedFiles(vault, checked.officeId, checked.originals);
  const derivatives: Derivative[][] = [];
  for (const o of originals) derivatives.push(await deriveFrom(vault, checked.officeId, actorName(actor), o));

  // 3. The item and its events, through the one case-write path. Without If-Match, a write that
  // lost a race with another change of the case is made again on the case as it now is.
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeItem();
    } catch (err) {
      const raced = err instanceof AppError && err.kind === "version_mismatch";
      if (!raced || options.expectedVersion !== undefined || attempt >= 3) throw err;
    }
  }

  function writeItem(): Promise<Attached> {
    return writeCase(ctx, actor, caseId, {
      action,
      right,
      reaches,
      ...(options.expectedVersion !== undefined ? { expectedVersion: options.expectedVersion } : {}),
      async run(c) {
        const officeId = c.header.officeId;
        await lockCase(c.tx, officeId, caseId);
        checkDates(input, c.today);
        await checkedUploads(c.tx, ctx, { id: caseId, officeId }, p.accountId, input.uploadIds);
        const id = uuidv7();
        const number = await nextItemNumber(c.tx, officeId, caseId);
        const at = ctx.clock().toISOString();
        const by = actorName(actor);
        const metadata: ItemMetadata = {
          title: input.title,
          description: input.description ?? null,
          supplier: input.supplier,
          receivedOn: input.receivedOn,
          channel: input.channel,
          language: input.language ?? null,
          ...(input.capture ? { capture: input.capture } : {}),
          ...(input.foreignStateAction ? { foreignStateAction: input.foreignStateAction } : {}),
          observations: (input.observations ?? []).map((o) => ({ ...o, recordedBy: by, recordedAt: at })),
        };
        const reached = reach as EvidenceReach | null;
        const item: ItemRow = {
          officeId,
          caseId,
          id,
          number,
          kind: input.kind,
          status: "active",
          metadata,
          filedVia: reached?.filedVia ?? "office",
          filedBy: p.system ? null : p.accountId,
          recordedBy: by,
          recordedAt: at,
        };
        const rows: ItemFileRow[] = [];
        const files: RecordedFile[] = [];
        originals.forEach((o, i) => {
          rows.push({
            itemId: id,
            fileId: o.file.id,
            role: "original",
            position: i,
            derivedFrom: null,
            name: o.name,
            uploadId: o.uploadId,
          });
          files.push(recorded(o.file, "original"));
          for (const d of derivatives[i] ?? []) {
            rows.push({
              itemId: id,
              fileId: d.file.id,
              role: d.role,
              position: i,
              derivedFrom: d.derivedFrom,
              name: d.name,
              uploadId: null,
            });
            files.push(recorded(d.file, d.role, d));
          }
        });
        await insertItem(c.tx, ctx.keyring, item, rows);
        const fsa = input.foreignStateAction;
        const events: RecordEvent[] = [
          recordEvent("evidence_attached", input.receivedOn, {
            itemId: id,
            number,
            kind: input.kind,
            supplier: input.supplier,
            channel: input.channel,
            files,
            ...(fsa
              ? { foreignStateAction: { action: fsa.action, state: fsa.state, actedOn: fsa.actedOn } }
              : {}),
          }),
          ...(input.observations ?? []).map((o) =>
            recordEvent("audience_observed", o.observedOn, {
              itemId: id,
              metric: o.metric,
              value: o.value,
              ...(o.note ? { note: o.note } : {}),
            }),
          ),
        ];
        await c.record(events);
        const shown = rows.map((r) => {
          const stored =
            r.role === "original"
              ? originals[r.position]?.file
              : derivatives[r.position]?.find((d) => d.role === r.role)?.file;
          if (!stored) throw new Error("a file of the new item is missing");
          return {
            id: r.fileId,
            name: r.name,
            mediaType: stored.mediaType,
            size: stored.size,
            sha256: stored.sha256,
            scan: stored.scan,
            storedAt: stored.storedAt,
            role: r.role,
            quarantined: stored.scan === "infected",
            ...(r.derivedFrom ? { derivedFrom: r.derivedFrom } : {}),
          };
        });
        return {
          result: { item: presentItem(item, shown), receivedAt: at },
          details: { itemId: id, itemNumber: number, files: originals.length },
        };
      },
    });
  }
}
