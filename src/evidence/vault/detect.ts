/**
 * What a file is, from its first bytes (never from its name or the type the client declared):
 * `file-type`'s magic numbers, then plain text (UTF-8, JSON, WARC records) when it finds none.
 * Only the allow-list is accepted: PDF, images, audio, video, plain text and JSON (chat
 * exports), WARC and WACZ web captures. Every other archive and every program is refused.
 */
import { gunzipSync, constants as zlib } from "node:zlib";
import { fileTypeFromBuffer } from "file-type";

/** How many leading bytes detection reads. */
export const HEAD_BYTES = 4100;

export type Category = "video" | "other";

export type Detected = { ok: true; mediaType: string; category: Category } | { ok: false; refusal: string };

const ALLOWED: Readonly<Record<string, Category>> = {
  "application/pdf": "other",
  "image/jpeg": "other",
  "image/png": "other",
  "image/apng": "other",
  "image/webp": "other",
  "image/heic": "other",
  "image/heif": "other",
  "image/gif": "other",
  "video/mp4": "video",
  "video/quicktime": "video",
  "video/webm": "video",
  "video/matroska": "video",
  "audio/mpeg": "other",
  "audio/mp4": "other",
  "audio/x-m4a": "other",
  "audio/ogg": "other",
  "audio/ogg; codecs=opus": "other",
  "audio/wav": "other",
  "audio/aac": "other",
};

/** WACZ: a ZIP whose first entry is one of the package's own files (WACZ 1.1). */
const WACZ_ENTRY = /^(datapackage\.json|datapackage-digest\.json|archive\/|indexes\/|pages\/)/;

function firstZipEntry(head: Buffer): string | null {
  if (head.length < 30 || head.readUInt32LE(0) !== 0x04034b50) return null;
  const nameLength = head.readUInt16LE(26);
  if (30 + nameLength > head.length) return null;
  return head.subarray(30, 30 + nameLength).toString("latin1");
}

function startsWithWarc(bytes: Buffer): boolean {
  return /^WARC\/1\.[01]\r?\n/.test(bytes.subarray(0, 12).toString("latin1"));
}

/** A gzip member whose content starts like a WARC record (a `.warc.gz`). */
function isGzippedWarc(head: Buffer): boolean {
  try {
    return startsWithWarc(gunzipSync(head, { finishFlush: zlib.Z_SYNC_FLUSH }));
  } catch {
    return false;
  }
}

/** Text: valid UTF-8 (a character cut at the end of the head is fine) without control bytes. */
function textType(head: Buffer, complete: boolean): string | null {
  let bytes = head;
  if (bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) bytes = bytes.subarray(3);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let text: string | null = null;
  // An incomplete character at the end of a cut head is not an error: drop up to 3 bytes.
  for (let cut = 0; cut <= (complete ? 0 : 3) && text === null; cut++) {
    try {
      text = decoder.decode(bytes.subarray(0, bytes.length - cut));
    } catch {
      text = null;
    }
  }
  // eslint-disable-next-line no-control-regex
  if (text === null || /[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f\u007f]/.test(text)) return null;
  if (startsWithWarc(bytes)) return "application/warc";
  return /^\s*[[{]/.test(text) ? "application/json" : "text/plain";
}

/**
 * Detect the type of a file from its first `HEAD_BYTES` bytes (`complete` when the file is no
 * longer than that).
 */
export async function detectType(head: Buffer, complete: boolean): Promise<Detected> {
  const found = await fileTypeFromBuffer(head);
  if (found) {
    const category = ALLOWED[found.mime];
    if (category) return { ok: true, mediaType: found.mime.split(";")[0]!, category };
    if (found.mime === "application/zip") {
      const entry = firstZipEntry(head);
      if (entry && WACZ_ENTRY.test(entry))
        return { ok: true, mediaType: "application/wacz", category: "other" };
    }
    if (found.mime === "application/gzip" && isGzippedWarc(head))
      return { ok: true, mediaType: "application/warc", category: "other" };
    return {
      ok: false,
      refusal: `files of type ${found.mime} are not accepted as evidence (accepted: PDF, images, audio, video, plain text, JSON, WARC and WACZ)`,
    };
  }
  const text = textType(head, complete);
  if (text) return { ok: true, mediaType: text, category: "other" };
  return {
    ok: false,
    refusal:
      "the file's type could not be recognised (accepted: PDF, images, audio, video, plain text, JSON, WARC and WACZ)",
  };
}
