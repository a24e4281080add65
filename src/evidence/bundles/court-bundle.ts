/**
 * A court bundle (docs/evidence.md): chosen items of a case as numbered exhibits in one ZIP
 * archive, streamed file by file from the vault. The applicant's exhibits are numbered 갑 제1호증,
 * 갑 제2호증…, the office's 을 제1호증…, in the order given; an item of several files gives 갑
 * 제1호증의1, 갑 제1호증의2… The archive holds a manifest (exhibit, item, file name, size, SHA-256,
 * supplier, date of receipt) and SHA256SUMS, which `sha256sum -c` checks. Each item's export is in
 * the access record (its custody: "exported").
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import type { Readable } from "node:stream";
import archiver from "archiver";
import type { z } from "zod";
import type { CourtBundleManifestSchema } from "../../contracts/evidence.ts";
import type { Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import { getStoredFile, openFile, vaultOf, type StoredFile } from "../vault/index.ts";
import { filesOfItems, findItem } from "../items/db.ts";
import { withEvidence } from "../items/read-items.ts";

type Manifest = z.infer<typeof CourtBundleManifestSchema>;
export type Side = "applicant" | "office";

const SIDE_MARK: Record<Side, string> = { applicant: "갑", office: "을" };

/** The exhibit numbers of a bundle, in the order given: 갑 제1호증, 을 제1호증, 갑 제2호증의1… */
export function exhibitNumbers(exhibits: readonly { side: Side; files: number }[]): string[][] {
  const next: Record<Side, number> = { applicant: 0, office: 0 };
  return exhibits.map((e) => {
    next[e.side] += 1;
    const base = `${SIDE_MARK[e.side]} 제${next[e.side]}호증`;
    return e.files <= 1 ? [base] : Array.from({ length: e.files }, (_, i) => `${base}의${i + 1}`);
  });
}

/** A title as part of a file name: no separators or control characters, not too long. */
function safeTitle(title: string): string {
  const clean = title
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return [...clean].slice(0, 80).join("") || "exhibit";
}

const EXTENSIONS: Record<string, string> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
  "text/plain": "txt",
  "application/json": "json",
  "application/warc": "warc",
  "application/wacz": "wacz",
  "video/mp4": "mp4",
  "audio/mpeg": "mp3",
};

function extensionOf(name: string, mediaType: string): string {
  const own = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1];
  return (own ?? EXTENSIONS[mediaType] ?? "bin").toLowerCase();
}

export interface CourtBundle {
  fileName: string;
  stream: Readable;
}

interface Entry {
  fileId: string;
  name: string;
  /** Already compressed (PDF, images, audio, video): stored as it is, not deflated again. */
  store: boolean;
  manifest: Manifest["exhibits"][number];
}

export async function courtBundle(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  exhibits: readonly { itemId: string; side: Side }[],
): Promise<CourtBundle> {
  const createdAt = ctx.clock().toISOString();
  const chosen = await withEvidence(
    ctx,
    actor,
    caseId,
    "export",
    "evidence.export",
    "workspace",
    async (tx, e) => {
      const officeId = e.header.officeId;
      const items = [];
      for (const [i, x] of exhibits.entries()) {
        const item = await findItem(tx, ctx.keyring, officeId, caseId, x.itemId, e.scope);
        const path = `exhibits.${i}.itemId`;
        if (!item)
          throw new AppError("invalid_input", `evidence item ${x.itemId} is not an item of this case`, {
            issues: [{ path, message: "not an item of this case" }],
          });
        if (item.status === "withdrawn")
          throw new AppError("invalid_input", `evidence item ${item.number} is withdrawn`, {
            issues: [{ path, message: "withdrawn" }],
          });
        const originals = (await filesOfItems(tx, ctx.keyring, officeId, caseId, [item.id])).filter(
          (f) => f.role === "original",
        );
        if (originals.length === 0)
          throw new AppError("invalid_input", `evidence item ${item.number} has no file to put in a bundle`, {
            issues: [{ path, message: "no file" }],
          });
        items.push({ item, side: x.side, originals });
      }
      const numbers = exhibitNumbers(items.map((x) => ({ side: x.side, files: x.originals.length })));
      for (const [i, x] of items.entries())
        await e.record("evidence.export", {
          itemId: x.item.id,
          exhibit: (numbers[i]?.[0] ?? "").replace(/의\d+$/, ""),
        });
      return { officeId, caseNumber: e.header.caseNumber ?? null, items, numbers };
    },
  );

  const vault = vaultOf(ctx);
  const entries: Entry[] = [];
  for (const [i, x] of chosen.items.entries()) {
    for (const [j, f] of x.originals.entries()) {
      const stored: StoredFile | null = await getStoredFile(vault, {
        officeId: chosen.officeId,
        fileId: f.fileId,
      });
      if (!stored) throw new Error(`stored file ${f.fileId} is missing`);
      if (stored.scan === "infected")
        throw new AppError(
          "conflict",
          `a file of evidence item ${x.item.number} is quarantined and cannot be exported`,
        );
      const exhibit = chosen.numbers[i]?.[j] ?? "";
      const name = `${exhibit} - ${safeTitle(x.item.metadata.title)}.${extensionOf(f.name, stored.mediaType)}`;
      entries.push({
        fileId: f.fileId,
        name,
        store: !/^(text\/|application\/(json|warc))/.test(stored.mediaType),
        manifest: {
          exhibit,
          itemId: x.item.id,
          itemNumber: x.item.number,
          title: x.item.metadata.title,
          fileName: name,
          originalName: f.name,
          size: stored.size,
          sha256: stored.sha256,
          supplier: x.item.metadata.supplier,
          receivedOn: x.item.metadata.receivedOn,
        },
      });
    }
  }
  const manifest: Manifest = {
    caseNumber: chosen.caseNumber,
    createdAt,
    exhibits: entries.map((e) => e.manifest),
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const sums = [
    ...entries.map((e) => `${e.manifest.sha256}  ${e.name}`),
    `${createHash("sha256").update(manifestText).digest("hex")}  manifest.json`,
  ].join("\n");

  const archive = archiver("zip", { zlib: { level: 6 } });
  const date = new Date(createdAt);
  // One file open at a time: the next is opened when the archive has taken the one before.
  void (async () => {
    try {
      for (const e of entries) {
        const opened = await openFile(vault, { officeId: chosen.officeId, fileId: e.fileId });
        if (!opened) throw new Error(`stored file ${e.fileId} is missing`);
        archive.append(opened.stream, { name: e.name, date, store: e.store });
        await once(archive, "entry");
      }
      archive.append(manifestText, { name: "manifest.json", date });
      archive.append(`${sums}\n`, { name: "SHA256SUMS", date });
      await archive.finalize();
    } catch (err) {
      archive.destroy(err as Error);
    }
  })();
  const stamp = createdAt.slice(0, 10);
  return { fileName: `court-bundle-${chosen.caseNumber ?? caseId}-${stamp}.zip`, stream: archive };
}
