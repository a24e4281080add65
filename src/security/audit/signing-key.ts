/**
 * The Ed25519 key that signs audit checkpoints. By default it lives in `<dir>/audit-signing.key`
 * (PKCS#8 PEM, mode 0600), created on first use, in the key directory beside the master key,
 * outside the data directory (src/cli/keys.ts); an operator may instead point to a file of their
 * own or pass the PEM in OPENRSD_AUDIT_SIGNING_KEY.
 *
 * The private key only lets someone make new checkpoints; what makes checkpoints worth having is
 * that the operator keeps them, and the public key, somewhere the database's owner cannot write.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SIGNING_KEY_FILE = "audit-signing.key";
export const SIGNING_KEY_ENV = "OPENRSD_AUDIT_SIGNING_KEY";

export interface LoadSigningKeyOptions {
  /** Use (and create if missing, unless `create` is false) `<dir>/audit-signing.key`. */
  dir?: string;
  /** Whether to create `<dir>/audit-signing.key` when it is missing (default true). */
  create?: boolean;
  /** Use this key file; it must exist. Takes precedence over the environment and `dir`. */
  file?: string;
  /** Where to look for OPENRSD_AUDIT_SIGNING_KEY (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as base64 of its 32 raw bytes, as written into checkpoints. */
  publicKeyBase64: string;
  /** Where the key came from: a file path or the environment variable's name. */
  source: string;
  /** Whether this call created the key file. */
  created: boolean;
}

export function loadSigningKey(options: LoadSigningKeyOptions = {}): AuditSigningKey {
  if (options.file) return fromFile(options.file, false);
  const fromEnv = (options.env ?? process.env)[SIGNING_KEY_ENV];
  if (fromEnv) return toSigningKey(parsePrivateKey(fromEnv, SIGNING_KEY_ENV), SIGNING_KEY_ENV, false);
  if (!options.dir) {
    throw new Error(`no audit signing key: give a key directory, a key file or ${SIGNING_KEY_ENV}`);
  }
  return fromFile(path.join(options.dir, SIGNING_KEY_FILE), options.create ?? true);
}

/** The public key as base64 of its raw 32 bytes, from a KeyObject, a PEM or base64 itself. */
export function publicKeyToBase64(key: KeyObject | string): string {
  const object = typeof key === "string" ? importPublicKey(key) : key;
  const publicKey = object.type === "private" ? createPublicKey(object) : object;
  if (publicKey.asymmetricKeyType !== "ed25519") throw new Error("the key is not an Ed25519 key");
  const { x } = publicKey.export({ format: "jwk" });
  if (!x) throw new Error("the public key has no raw form");
  return Buffer.from(x, "base64url").toString("base64");
}

/** An Ed25519 public key from a PEM (SPKI) or base64 of its 32 raw bytes. */
export function importPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith("-----BEGIN")) {
    const key = createPublicKey(trimmed);
    if (key.asymmetricKeyType !== "ed25519") throw new Error("the key is not an Ed25519 key");
    return key;
  }
  const raw = Buffer.from(trimmed, "base64");
  if (raw.length !== 32 || raw.toString("base64") !== trimmed) {
    throw new Error("a raw Ed25519 public key is 32 bytes in base64");
  }
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") },
    format: "jwk",
  });
}

function fromFile(file: string, createIfMissing: boolean): AuditSigningKey {
  let created = false;
  if (createIfMissing) created = createKeyFile(file);
  let mode: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error(`the audit signing key ${file} is not a regular file`);
    mode = stat.mode;
  } catch (err) {
    if (errorCode(err) === "ENOENT") throw new Error(`the audit signing key ${file} does not exist`);
    throw err;
  }
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new Error(
      `the audit signing key ${file} can be read or written by others (mode ${(mode & 0o777).toString(8)}); ` +
        `restrict it with chmod 600`,
    );
  }
  return toSigningKey(parsePrivateKey(readFileSync(file, "utf8"), file), file, created);
}

/**
 * Create a new key file unless one exists. Written to a private temporary file and then
 * hard-linked into place, so that no one ever reads a half-written key, and of two processes
 * creating it at once one wins and both use its key.
 */
function createKeyFile(file: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    statSync(file);
    return false;
  } catch (err) {
    if (errorCode(err) !== "ENOENT") throw err;
  }
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const tmp = `${file}.${process.pid}.new`;
  removeIfPresent(tmp); // left over from a crash
  writeFileSync(tmp, pem, { mode: 0o600, flag: "wx" });
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if (errorCode(err) === "EEXIST") return false;
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if (errorCode(err) !== "ENOENT") throw err;
  }
}

function parsePrivateKey(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem.trim());
  } catch {
    throw new Error(`${source} does not hold a private key in PEM (PKCS#8)`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`${source} does not hold an Ed25519 key`);
  return key;
}

function toSigningKey(privateKey: KeyObject, source: string, created: boolean): AuditSigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyBase64: publicKeyToBase64(publicKey), source, created };
}

function errorCode(err: unknown): unknown {
  return typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
}
