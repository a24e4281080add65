/**
 * The master key: 32 bytes from OPENRSD_MASTER_KEY (base64) or a key file. It wraps the
 * key-encryption keys and is never stored in the database, so a stolen database or backup
 * alone decrypts nothing. Keep it out of logs and error messages: this module never prints it.
 * Its directory is chosen by the caller and is not the data directory unless an operator says so
 * (src/cli/keys.ts, docs/operations.md "Keys").
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { KEY_LENGTH } from "./aead.ts";

export const MASTER_KEY_ENV = "OPENRSD_MASTER_KEY";
export const MASTER_KEY_FILE_NAME = "master.key";

export interface LoadMasterKeyOptions {
  /** The directory where to find, or else create, `master.key`. */
  dir?: string;
  /** An existing key file; takes precedence over `dir`. Never created. */
  file?: string;
  /** The environment to read OPENRSD_MASTER_KEY from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface MasterKey {
  key: Buffer;
  source: "env" | "file";
  /** The key file, so the server can tell the operator where the key is (and to back it up). */
  path?: string;
  /** True when this call generated the key: nothing encrypted before can depend on it. */
  created: boolean;
}

export function loadMasterKey(options: LoadMasterKeyOptions = {}): MasterKey {
  const env = options.env ?? process.env;
  const fromEnv = env[MASTER_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    return {
      key: decodeKey(fromEnv, `environment variable ${MASTER_KEY_ENV}`),
      source: "env",
      created: false,
    };
  }
  if (options.file !== undefined) {
    // An explicit path that does not exist is a mistake (a typo, an unmounted volume);
    // minting a new key there would leave the existing data unreadable.
    return { key: readKeyFile(options.file), source: "file", path: options.file, created: false };
  }
  if (options.dir === undefined) {
    throw new Error(
      `no master key: set ${MASTER_KEY_ENV} (32 bytes, base64) or give a key file or a key directory`,
    );
  }
  const file = path.join(options.dir, MASTER_KEY_FILE_NAME);
  const created = createKeyFile(file, options.dir);
  return { key: readKeyFile(file), source: "file", path: file, created };
}

/** Generate a key file unless one is there; returns whether this call created it. */
function createKeyFile(file: string, dir: string): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    // "wx": never overwrite (another process may have just created it). Mode 0600 from the
    // first byte on; a umask can only take bits away, never make it readable to others.
    fd = openSync(file, "wx", 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, `${randomBytes(KEY_LENGTH).toString("base64")}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readKeyFile(file: string): Buffer {
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) throw new Error(`master key file ${file} does not exist`);
  if (!stats.isFile()) throw new Error(`master key file ${file} is not a regular file`);
  // Windows has no such mode bits; there the directory's ACL is what protects the file.
  if (process.platform !== "win32" && (stats.mode & 0o077) !== 0) {
    const mode = (stats.mode & 0o777).toString(8).padStart(4, "0");
    throw new Error(
      `master key file ${file} is accessible to group or others (mode ${mode}); ` +
        `refusing to use it. Restrict it with: chmod 600 ${file}`,
    );
  }
  return decodeKey(readFileSync(file, "utf8"), `master key file ${file}`);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = BASE64.test(trimmed) ? Buffer.from(trimmed, "base64") : Buffer.alloc(0);
  // Buffer.from skips what is not base64, so also check that it decodes to exactly 32 bytes.
  if (key.length !== KEY_LENGTH || key.toString("base64") !== trimmed) {
    throw new Error(`${where} must hold ${KEY_LENGTH} bytes in base64 (e.g. from: openssl rand -base64 32)`);
  }
  return key;
}
