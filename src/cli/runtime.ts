/**
 * Opening OpenRSD's database for a command: PostgreSQL when DATABASE_URL is set, else the embedded
 * one in the data directory (guarded by its lock file), always migrated, sealed and seeded.
 */
import type { Logger } from "pino";
import { createAppContext, type AppContext } from "../app/context.ts";
import { seedHolidays } from "../holidays/add-holiday.ts";
import { openDatabase, type Database } from "../store/db.ts";
import { migrate } from "../store/migrate.ts";
import type { MasterKey } from "../security/crypto/master-key.ts";
import type { AuditSigningKey } from "../security/audit/signing-key.ts";
import { fillMatchBlocks } from "../persons/matching/db.ts";
import { sealExisting } from "../security/commands/seal-existing.ts";
import { useVault } from "../evidence/vault/vault.ts";
import { vaultSettingsFromEnv } from "../evidence/vault/settings.ts";
import { useNotices } from "../notices/service.ts";
import { useTranslationEngines } from "../translations/engines/index.ts";
import { masterKeyOf } from "./keys.ts";
import { dataDirOf, type DatabaseOptions, type PlaceOptions } from "./places.ts";

export { dataDirOf, type DatabaseOptions } from "./places.ts";

export function databaseUrlOf(opts: DatabaseOptions): string | undefined {
  return opts.url ?? (process.env.DATABASE_URL || undefined);
}

export function describeDatabase(opts: DatabaseOptions): string {
  const url = databaseUrlOf(opts);
  if (url) return `PostgreSQL at ${redactUrl(url)}`;
  return `embedded PostgreSQL (PGlite) in ${dataDirOf(opts)}`;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

export async function openForCommand(opts: DatabaseOptions): Promise<Database> {
  const url = databaseUrlOf(opts);
  return url ? openDatabase({ url }) : openDatabase({ dataDir: dataDirOf(opts) });
}

/**
 * Open, migrate and seed; returns the application context. The master key comes first
 * (src/cli/keys.ts): a key left in the data directory stops the command before the database opens.
 */
export async function openApp(
  opts: PlaceOptions,
  extra: { clock?: () => Date; log?: Logger; signingKey?: AuditSigningKey } = {},
): Promise<{ ctx: AppContext; applied: string[]; masterKey: MasterKey }> {
  const masterKey = masterKeyOf(opts);
  const db = await openForCommand(opts);
  try {
    const applied = await migrate(db);
    const ctx = await createAppContext({ db, masterKey: masterKey.key, ...extra });
    // Evidence files: <data>/evidence/, or the object store the environment names.
    useVault(ctx, vaultSettingsFromEnv(dataDirOf(opts)));
    // Notices' fonts (OPENRSD_NOTICE_FONT_DIRS or Debian's): without a Korean font, a warning now.
    useNotices(ctx);
    // Machine translation engines (OPENRSD_TRANSLATION_ENGINES): none unless named; a wrong list stops here.
    useTranslationEngines(ctx);
    // Rows written before names and free text were encrypted are sealed before anything reads them.
    await sealExisting(db, ctx.keyring);
    // Persons registered before identity matching (migration 0043) get their blocking keys.
    for (let filled = 1; filled > 0;)
      filled = await db.transaction((tx) => fillMatchBlocks(tx, ctx.keyring, 500));
    await seedHolidays(ctx);
    return { ctx, applied, masterKey };
  } catch (err) {
    await db.close();
    throw err;
  }
}
