/**
 * Derivatives of an original, kept beside it and never in its place (docs/evidence.md): the text
 * of a PDF, for search within the case; a small thumbnail of an image; and a disclosure copy of an
 * image, re-encoded without its metadata (EXIF, GPS, XMP, ICC comments), so that what is disclosed
 * does not say where or with which phone a photograph was taken. Each is a stored file of the
 * vault like the original. The original is only read.
 */
import { Readable } from "node:stream";
import exifr from "exifr";
import sharp from "sharp";
import { extractText, getDocumentProxy } from "unpdf";
import { openFile, putFile, type StoredFile, type Vault } from "../vault/index.ts";
import type { FileRole } from "./db.ts";

export interface Derivative {
  role: Exclude<FileRole, "original">;
  file: StoredFile;
  name: string;
  derivedFrom: string;
  /** What the derivative left out, for the custody record (e.g. "gps", "exif"). */
  removed?: string[];
}

/** Originals larger than this are not derived in the request (none is larger today: 50 MiB). */
export const DERIVE_LIMIT = 50 * 1024 * 1024;

const THUMBNAIL_WIDTH = 320;
const IMAGES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "image/heic", "image/heif"]);

async function readWhole(vault: Vault, officeId: string, fileId: string): Promise<Buffer> {
  const opened = await openFile(vault, { officeId, fileId });
  if (!opened) throw new Error(`stored file ${fileId} is missing`);
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Text a stored text file may hold: no control characters but line breaks and tabs. */
function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, " ").trim();
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return cleanText(text);
}

const baseName = (name: string) => name.replace(/\.[^.]{1,8}$/, "");

async function store(vault: Vault, officeId: string, storedBy: string, bytes: Buffer): Promise<StoredFile> {
  const { file } = await putFile(vault, { officeId, stream: Readable.from([bytes]), storedBy });
  return file;
}

/** Which metadata an image holds that a disclosure copy leaves out. */
async function metadataIn(bytes: Buffer): Promise<string[]> {
  const found: string[] = [];
  try {
    const all = (await exifr.parse(bytes, { tiff: true, gps: true, xmp: true, icc: false })) as
      Record<string, unknown> | undefined;
    if (all && Object.keys(all).length > 0) found.push("exif");
    const gps = (await exifr.gps(bytes).catch(() => undefined)) as { latitude?: number } | undefined;
    if (gps && typeof gps.latitude === "number") found.push("gps");
  } catch {
    // An image exifr cannot read holds nothing it could report.
  }
  return found;
}

/**
 * The derivatives of one original: made, stored and returned (none for a type that has none, a
 * quarantined file, or one too large to derive in a request).
 */
export async function deriveFrom(
  vault: Vault,
  officeId: string,
  storedBy: string,
  original: { file: StoredFile; name: string },
): Promise<Derivative[]> {
  const { file, name } = original;
  if (file.scan === "infected" || file.size === 0 || file.size > DERIVE_LIMIT) return [];
  const out: Derivative[] = [];
  if (file.mediaType === "application/pdf") {
    const bytes = await readWhole(vault, officeId, file.id);
    const text = await pdfText(bytes).catch(() => "");
    if (text.length > 0) {
      out.push({
        role: "text",
        file: await store(vault, officeId, storedBy, Buffer.from(text, "utf8")),
        name: `${baseName(name)}.txt`,
        derivedFrom: file.id,
      });
    }
  } else if (IMAGES.has(file.mediaType)) {
    const bytes = await readWhole(vault, officeId, file.id);
    try {
      const thumbnail = await sharp(bytes, { animated: false })
        .rotate()
        .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
        .jpeg({ quality: 70 })
        .toBuffer();
      out.push({
        role: "thumbnail",
        file: await store(vault, officeId, storedBy, thumbnail),
        name: `${baseName(name)}-thumbnail.jpg`,
        derivedFrom: file.id,
      });
      // sharp writes no metadata unless asked to: the copy holds the pixels, upright, and nothing else.
      const png = file.mediaType === "image/png";
      const upright = sharp(bytes, { animated: false }).rotate();
      const copy = await (png ? upright.png() : upright.jpeg()).toBuffer();
      out.push({
        role: "disclosure_copy",
        file: await store(vault, officeId, storedBy, copy),
        name: `${baseName(name)}-disclosure.${png ? "png" : "jpg"}`,
        derivedFrom: file.id,
        removed: await metadataIn(bytes),
      });
    } catch {
      // An image sharp cannot decode keeps no derivative; the original is kept as it came.
    }
  }
  return out;
}
