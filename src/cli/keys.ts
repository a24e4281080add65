/**
 * Where the keys and the audit checkpoints live (docs/operations.md "Keys and checkpoints").
 *
 * Not in the data directory: a copy of it (a backup, a stolen disk) must not carry the master key
 * that decrypts it, nor the key that signs the checkpoints that would show it was rewritten. By
 * default the keys are in `<data>-keys/` and the checkpoints in `<data>-checkpoints/`, beside the
 * data directory; `--keys`, `--checkpoints` and the environment choose other places. A key file
 * left in the data directory by an older version is refused with what to do, unless the operator
 * names it there explicitly.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { KeyObject } from "node:crypto";
import { Option } from "commander";
import { MASTER_KEY_FILE_NAME, loadMasterKey, type MasterKey } from "../security/crypto/master-key.ts";
import {
  importPublicKey,
  loadSigningKey,
  SIGNING_KEY_FILE,
  type AuditSigningKey,
} from "../security/audit/signing-key.ts";
import { CHECKPOINTS_ENV, dataDirOf, KEYS_ENV, keysDirOf, type PlaceOptions } from "./places.ts";

export const MASTER_KEY_FILE_ENV = "OPENRSD_MASTER_KEY_FILE";
export const SIGNING_KEY_FILE_ENV = "OPENRSD_AUDIT_SIGNING_KEY_FILE";
export const PUBLIC_KEY_ENV = "OPENRSD_AUDIT_PUBLIC_KEY";

export type KeyOptions = PlaceOptions;

export const keysOption = () =>
  new Option(
    "--keys <dir>",
    `directory of the master and signing keys (env ${KEYS_ENV}, default <data>-keys)`,
  );
export const checkpointsOption = () =>
  new Option(
    "--checkpoints <dir>",
    `directory of the signed checkpoints (env ${CHECKPOINTS_ENV}, default <data>-checkpoints)`,
  );

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Refuse to start while a key file sits in the data directory, unless the operator named it there
 * (OPENRSD_MASTER_KEY_FILE, OPENRSD_AUDIT_SIGNING_KEY_FILE, or the data directory as --keys).
 */
export function refuseKeysInDataDir(opts: KeyOptions, env: Env = process.env): void {
  const dataDir = dataDirOf(opts, env);
  const keysDir = keysDirOf(opts, env);
  if (keysDir === dataDir) return;
  const named = (variable: string) => (env[variable] ? path.resolve(env[variable]) : undefined);
  const left = [
    { name: MASTER_KEY_FILE_NAME, variable: MASTER_KEY_FILE_ENV },
    { name: SIGNING_KEY_FILE, variable: SIGNING_KEY_FILE_ENV },
  ].filter(({ name, variable }) => {
    const file = path.join(dataDir, name);
    return existsSync(file) && named(variable) !== file;
  });
  if (left.length === 0) return;
  const files = left.map(({ name }) => path.join(dataDir, name));
  throw new Error(
    [
      `the data directory ${dataDir} holds ${left.map((k) => k.name).join(" and ")}: every copy of the ` +
        `data directory (a backup, a stolen disk) would carry the key with the data.`,
      `Keys live outside it, by default in ${keysDir} (--keys DIR or ${KEYS_ENV} for another place). ` +
        `Move them there, and keep a copy of that directory apart from the data directory's backups:`,
      `  mkdir -p -m 700 ${keysDir} && mv ${files.join(" ")} ${keysDir}/`,
      `To keep a key in the data directory all the same, name it explicitly: ` +
        left.map(({ name, variable }) => `${variable}=${path.join(dataDir, name)}`).join(" "),
    ].join("\n"),
  );
}

/** The master key: OPENRSD_MASTER_KEY, else OPENRSD_MASTER_KEY_FILE, else `<keys>/master.key`. */
export function masterKeyOf(opts: KeyOptions, env: Env = process.env): MasterKey {
  refuseKeysInDataDir(opts, env);
  const file = env[MASTER_KEY_FILE_ENV];
  return loadMasterKey({ dir: keysDirOf(opts, env), env, ...(file ? { file } : {}) });
}

/**
 * The checkpoint signing key: OPENRSD_AUDIT_SIGNING_KEY_FILE, else OPENRSD_AUDIT_SIGNING_KEY (PEM),
 * else `<keys>/audit-signing.key`, created unless `create` is false.
 */
export function signingKeyOf(
  opts: KeyOptions,
  options: { create?: boolean } = {},
  env: Env = process.env,
): AuditSigningKey {
  refuseKeysInDataDir(opts, env);
  const file = env[SIGNING_KEY_FILE_ENV];
  return loadSigningKey({
    dir: keysDirOf(opts, env),
    env,
    create: options.create ?? true,
    ...(file ? { file } : {}),
  });
}

/**
 * The public key that checkpoints must be signed with: `--public-key` (a file, a PEM or base64 of
 * the raw key), else OPENRSD_AUDIT_PUBLIC_KEY, else the public half of the configured signing key.
 * Never the key a checkpoint carries: whoever rewrote the database could sign with a key of their own.
 */
export function auditPublicKeyOf(
  opts: KeyOptions & { publicKey?: string },
  env: Env = process.env,
): { key: KeyObject; source: string } {
  const given = opts.publicKey ?? env[PUBLIC_KEY_ENV];
  if (given) {
    const source = opts.publicKey ? "--public-key" : PUBLIC_KEY_ENV;
    const text = looksLikeFile(given) ? readFileSync(given, "utf8") : given;
    try {
      return { key: importPublicKey(text), source };
    } catch (err) {
      throw new Error(`${source}: ${(err as Error).message}`);
    }
  }
  try {
    const signing = signingKeyOf(opts, { create: false }, env);
    return { key: signing.publicKey, source: `the public half of ${signing.source}` };
  } catch (err) {
    if (/does not exist/.test((err as Error).message)) {
      throw new Error(
        `no audit public key to check checkpoints with: give --public-key or ${PUBLIC_KEY_ENV}, ` +
          `or run where the signing key is (${(err as Error).message})`,
      );
    }
    throw err;
  }
}

function looksLikeFile(text: string): boolean {
  return !text.trim().startsWith("-----BEGIN") && existsSync(text);
}
