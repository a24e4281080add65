/**
 * Where a command finds things on disk: the data directory, and beside it (never inside it, by
 * default) the keys and the signed checkpoints. docs/operations.md "Keys and checkpoints".
 */
import path from "node:path";

export const KEYS_ENV = "OPENRSD_KEYS";
export const CHECKPOINTS_ENV = "OPENRSD_CHECKPOINTS";

export interface DatabaseOptions {
  data?: string;
  url?: string;
}

export interface PlaceOptions extends DatabaseOptions {
  keys?: string;
  checkpoints?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function dataDirOf(opts: DatabaseOptions, env: Env = process.env): string {
  return path.resolve(opts.data ?? env.OPENRSD_DATA ?? "./data");
}

/** `--keys`, else OPENRSD_KEYS, else `<data>-keys` beside the data directory. */
export function keysDirOf(opts: PlaceOptions, env: Env = process.env): string {
  return path.resolve(opts.keys ?? (env[KEYS_ENV] || `${dataDirOf(opts, env)}-keys`));
}

/** `--checkpoints`, else OPENRSD_CHECKPOINTS, else `<data>-checkpoints` beside the data directory. */
export function checkpointsDirOf(opts: PlaceOptions, env: Env = process.env): string {
  return path.resolve(opts.checkpoints ?? (env[CHECKPOINTS_ENV] || `${dataDirOf(opts, env)}-checkpoints`));
}
