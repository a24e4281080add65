/** Reading the headers of the tus protocol and of a single-request upload; bad ones are 400. */
import { AppError } from "../../app/errors.ts";

export const TUS_VERSION = "1.0.0";

const bad = (message: string) => new AppError("bad_request", message);

export function requireTus(value: string | string[] | undefined): void {
  if (value !== TUS_VERSION) throw bad(`send Tus-Resumable: ${TUS_VERSION}`);
}

/** A byte count: digits only, within what a number holds exactly. */
export function parseLength(value: string | string[] | undefined, header: string): number {
  if (typeof value !== "string" || !/^\d{1,15}$/.test(value.trim()))
    throw bad(`${header} must be a number of bytes`);
  return Number(value.trim());
}

// eslint-disable-next-line no-control-regex
const UNFIT_NAME = /[\u0000-\u001f\u007f/\\]|[\ud800-\udfff]/;

/** A file's name as given: 1 to 255 characters, no control characters or slashes. */
export function checkFileName(name: string, header: string): string {
  const trimmed = name.trim();
  if (
    trimmed === "" ||
    [...trimmed].length > 255 ||
    UNFIT_NAME.test(trimmed) ||
    trimmed === "." ||
    trimmed === ".."
  )
    throw bad(`${header}: the file name must be 1 to 255 characters, without control characters or slashes`);
  return trimmed.normalize("NFC");
}

function decodeBase64(value: string, key: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 === 1)
    throw bad(`Upload-Metadata: ${key} is not base64`);
  const bytes = Buffer.from(value, "base64");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw bad(`Upload-Metadata: ${key} is not UTF-8`);
  }
}

/** `filename <base64>,filetype <base64>`: the name (required) and the declared type. */
export function parseTusMetadata(value: string | string[] | undefined): {
  filename: string;
  filetype?: string;
} {
  if (typeof value !== "string") throw bad("send Upload-Metadata with the file's name (filename, base64)");
  const pairs = new Map<string, string>();
  for (const item of value.split(",")) {
    const [key, encoded, extra] = item.trim().split(" ");
    if (!key || extra !== undefined || pairs.has(key)) throw bad("Upload-Metadata is not tus metadata");
    pairs.set(key, encoded === undefined ? "" : decodeBase64(encoded, key));
  }
  const filename = pairs.get("filename") ?? pairs.get("name");
  if (filename === undefined) throw bad("Upload-Metadata must carry the file's name (filename)");
  const filetype = pairs.get("filetype") ?? pairs.get("type");
  const type = filetype?.trim();
  if (type !== undefined && type !== "" && (type.length > 100 || !/^[\w.+-]+\/[\w.+-]+$/.test(type)))
    throw bad("Upload-Metadata: filetype is not a media type");
  return {
    filename: checkFileName(filename, "Upload-Metadata filename"),
    ...(type ? { filetype: type.toLowerCase() } : {}),
  };
}

/** X-File-Name: percent-encoded UTF-8. */
export function fileNameHeader(value: string | string[] | undefined): string {
  if (typeof value !== "string") throw bad("send X-File-Name: the file's name, percent-encoded UTF-8");
  let name: string;
  try {
    name = decodeURIComponent(value);
  } catch {
    throw bad("X-File-Name is not percent-encoded UTF-8");
  }
  return checkFileName(name, "X-File-Name");
}
