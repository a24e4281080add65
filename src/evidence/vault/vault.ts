/**
 * The vault of a running application: its object store, scanner and limits, built once from the
 * settings (`useVault` at start-up; the command line does it in openApp) and found by every
 * feature through `vaultOf(ctx)`.
 */
import type { Logger } from "pino";
import type { AppContext } from "../../app/context.ts";
import type { Keyring } from "../../security/crypto/keyring.ts";
import type { Database } from "../../store/db.ts";
import { diskStore } from "./backends/disk.ts";
import { s3Store } from "./backends/s3.ts";
import type { ObjectStore } from "./backends/types.ts";
import type { Category } from "./detect.ts";
import { clamdScanner, describeClamd, noScanner, type Scanner } from "./scanner.ts";
import type { VaultSettings } from "./settings.ts";

export interface Vault {
  db: Database;
  keyring: Keyring;
  store: ObjectStore;
  scanner: Scanner;
  /** The largest file of a category, in bytes. */
  limitFor(category: Category): number;
  /** The largest file of any type. */
  readonly maxAny: number;
  clock: () => Date;
  log?: Logger;
  /** For `openrsd` output: where files go and which scanner reads them. */
  describe(): string;
}

export function createVault(ctx: AppContext, settings: VaultSettings): Vault {
  const store =
    settings.storage.kind === "disk" ? diskStore(settings.storage.dir) : s3Store(settings.storage);
  const log = ctx.log;
  const scanner = settings.clamd
    ? clamdScanner(settings.clamd, {
        onUnavailable: (reason) =>
          log?.warn(
            { scanner: describeClamd(settings.clamd!), reason },
            "evidence kept unscanned: the virus scanner failed",
          ),
      })
    : noScanner;
  return {
    db: ctx.db,
    keyring: ctx.keyring,
    store,
    scanner,
    limitFor: (category) => (category === "video" ? settings.maxVideo : settings.maxFile),
    maxAny: Math.max(settings.maxVideo, settings.maxFile),
    clock: ctx.clock,
    ...(log ? { log } : {}),
    describe: () =>
      `${store.describe()}; scanner: ${settings.clamd ? describeClamd(settings.clamd) : "none (files are kept as not scanned)"}`,
  };
}

const vaults = new WeakMap<AppContext, Vault>();

/** Give the application its vault (at start-up, or in a test). */
export function useVault(ctx: AppContext, settings: VaultSettings): Vault {
  vaults.get(ctx)?.store.close();
  const vault = createVault(ctx, settings);
  vaults.set(ctx, vault);
  return vault;
}

/** The application's vault; an error when the deployment set none up. */
export function vaultOf(ctx: AppContext): Vault {
  const vault = vaults.get(ctx);
  if (!vault) throw new Error("evidence storage is not set up (useVault at start-up)");
  return vault;
}
