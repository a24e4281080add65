/**
 * The evidence vault in tests: on disk in a temporary directory, or in a real S3-compatible
 * server (s3rver, started here on a free port, its files in a temporary directory). Both keep
 * their bytes under `dir`, which a test can search for anything stored in clear.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { AppContext } from "../../src/app/context.ts";
import type { VaultSettings } from "../../src/evidence/vault/settings.ts";
import { useVault } from "../../src/evidence/vault/vault.ts";

export interface TestStorage {
  kind: "disk" | "s3";
  /** Where the bytes end up on this machine. */
  dir: string;
  settings(limits?: Partial<Pick<VaultSettings, "maxFile" | "maxVideo" | "clamd">>): VaultSettings;
  dispose(): Promise<void>;
}

export interface TestStorageFactory {
  kind: "disk" | "s3";
  open(): Promise<TestStorage>;
}

const limitsOf = (limits: Partial<Pick<VaultSettings, "maxFile" | "maxVideo" | "clamd">>) => ({
  maxFile: limits.maxFile ?? 50 * 1024 * 1024,
  maxVideo: limits.maxVideo ?? 2 * 1024 ** 3,
  ...(limits.clamd ? { clamd: limits.clamd } : {}),
});

export async function openDiskStorage(): Promise<TestStorage> {
  const dir = mkdtempSync(path.join(tmpdir(), "openrsd-vault-"));
  return {
    kind: "disk",
    dir,
    settings: (limits = {}) => ({
      storage: { kind: "disk", dir: path.join(dir, "evidence") },
      ...limitsOf(limits),
    }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function openS3Storage(): Promise<TestStorage> {
  const dir = mkdtempSync(path.join(tmpdir(), "openrsd-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: "evidence" }],
  });
  const { port } = await server.run();
  return {
    kind: "s3",
    dir,
    settings: (limits = {}) => ({
      storage: {
        kind: "s3",
        bucket: "evidence",
        prefix: "openrsd",
        endpoint: `http://127.0.0.1:${port}`,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      },
      ...limitsOf(limits),
    }),
    dispose: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const testStorages: TestStorageFactory[] = [
  { kind: "disk", open: openDiskStorage },
  { kind: "s3", open: openS3Storage },
];

/** Give a test's application a vault on disk in a temporary directory (dispose it after). */
export async function useTestVault(ctx: AppContext): Promise<TestStorage> {
  const storage = await openDiskStorage();
  useVault(ctx, storage.settings());
  return storage;
}
