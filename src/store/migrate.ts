/**
 * Forward-only migrations: the plain-SQL files in ./migrations, applied in name order, each in
 * its own transaction and recorded in `schema_migrations`. Running it again applies nothing.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Database } from "./db.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));
const FILE_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;
// Any constant: serializes concurrent migrators (two servers starting at once) on one database.
const MIGRATION_LOCK = 7_040_137_001;

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((name) => FILE_NAME.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(`${dir}/${name}`, "utf8");
      return { version: name.replace(/\.sql$/, ""), sql, checksum: sha256(sql) };
    });
}

/** Apply every migration not yet applied; returns the versions applied now. */
export async function migrate(db: Database, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      // Only when missing: the application's own role (see app-role.ts) may not create tables,
      // and must still be able to check that everything is applied.
      const [exists] = await tx.query<{ found: boolean }>(
        "SELECT to_regclass('schema_migrations') IS NOT NULL AS found",
      );
      if (!exists?.found) {
        await tx.query(
          `CREATE TABLE schema_migrations (
             version text PRIMARY KEY,
             checksum text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now()
           )`,
        );
      }
      const [done] = await tx.query<{ checksum: string }>(
        "SELECT checksum FROM schema_migrations WHERE version = $1",
        [migration.version],
      );
      if (done) {
        // Migrations are reviewed and then never edited; a changed file would mean that
        // databases migrated before and after the edit differ without anyone noticing.
        if (done.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.version} was changed after it was applied; ` +
              `migrations are forward-only: restore the file and add a new migration instead`,
          );
        }
        return false;
      }
      await tx.query(migration.sql);
      await tx.query("INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)", [
        migration.version,
        migration.checksum,
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
