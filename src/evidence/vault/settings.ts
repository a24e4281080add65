/**
 * How a deployment stores evidence (docs/operations.md, "Evidence storage"), from the
 * environment: where (the data directory's `evidence/`, or an S3-compatible store), how large a
 * file may be, and which virus scanner to use.
 */
import path from "node:path";
import type { ClamdAddress } from "./scanner.ts";

export type StorageSettings =
  | { kind: "disk"; dir: string }
  | {
      kind: "s3";
      bucket: string;
      /** Key prefix, without leading or trailing slash ("" for none). */
      prefix: string;
      endpoint?: string;
      region: string;
      forcePathStyle: boolean;
      /** From the environment when absent (the SDK's default chain). */
      credentials?: { accessKeyId: string; secretAccessKey: string };
    };

export interface VaultSettings {
  storage: StorageSettings;
  /** Largest video (bytes). */
  maxVideo: number;
  /** Largest file of any other type (bytes). */
  maxFile: number;
  clamd?: ClamdAddress;
}

export const DEFAULT_MAX_VIDEO = 2 * 1024 ** 3;
export const DEFAULT_MAX_FILE = 50 * 1024 ** 2;

type Env = Readonly<Record<string, string | undefined>>;

/** A size in bytes: a whole number, optionally with K, M or G (binary units). */
export function parseSize(text: string, variable: string): number {
  const m = /^\s*(\d+)\s*([kmg])?i?b?\s*$/i.exec(text);
  if (!m) throw new Error(`${variable} must be a size in bytes, e.g. 52428800 or 50M (got "${text}")`);
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? "").toLowerCase()] ?? 1;
  return Number(m[1]) * unit;
}

/** `s3://bucket/some/prefix` → bucket and prefix. */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url.trim());
  if (!m) throw new Error(`OPENRSD_EVIDENCE_S3_URL must look like s3://bucket/prefix (got "${url}")`);
  return { bucket: m[1]!, prefix: (m[2] ?? "").replace(/^\/+|\/+$/g, "") };
}

export function vaultSettingsFromEnv(dataDir: string, env: Env = process.env): VaultSettings {
  const s3 = env.OPENRSD_EVIDENCE_S3_URL || env.OPENRSD_EVIDENCE_S3;
  let storage: StorageSettings;
  if (s3) {
    const { bucket, prefix } = parseS3Url(s3);
    const keyId = env.OPENRSD_EVIDENCE_S3_ACCESS_KEY_ID ?? env.AWS_ACCESS_KEY_ID;
    const secret = env.OPENRSD_EVIDENCE_S3_SECRET_ACCESS_KEY ?? env.AWS_SECRET_ACCESS_KEY;
    storage = {
      kind: "s3",
      bucket,
      prefix,
      ...(env.OPENRSD_EVIDENCE_S3_ENDPOINT ? { endpoint: env.OPENRSD_EVIDENCE_S3_ENDPOINT } : {}),
      region: env.OPENRSD_EVIDENCE_S3_REGION ?? env.AWS_REGION ?? "us-east-1",
      forcePathStyle: (env.OPENRSD_EVIDENCE_S3_PATH_STYLE ?? "true") !== "false",
      ...(keyId && secret ? { credentials: { accessKeyId: keyId, secretAccessKey: secret } } : {}),
    };
  } else {
    storage = { kind: "disk", dir: path.resolve(env.OPENRSD_EVIDENCE_DIR ?? path.join(dataDir, "evidence")) };
  }
  let clamd: ClamdAddress | undefined;
  if (env.OPENRSD_CLAMD_SOCKET) clamd = { socket: env.OPENRSD_CLAMD_SOCKET };
  else if (env.OPENRSD_CLAMD_HOST)
    clamd = { host: env.OPENRSD_CLAMD_HOST, port: Number(env.OPENRSD_CLAMD_PORT ?? 3310) };
  return {
    storage,
    maxVideo: env.OPENRSD_EVIDENCE_MAX_VIDEO
      ? parseSize(env.OPENRSD_EVIDENCE_MAX_VIDEO, "OPENRSD_EVIDENCE_MAX_VIDEO")
      : DEFAULT_MAX_VIDEO,
    maxFile: env.OPENRSD_EVIDENCE_MAX_FILE
      ? parseSize(env.OPENRSD_EVIDENCE_MAX_FILE, "OPENRSD_EVIDENCE_MAX_FILE")
      : DEFAULT_MAX_FILE,
    ...(clamd ? { clamd } : {}),
  };
}
