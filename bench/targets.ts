/**
 * The databases the benchmark runs on: the embedded one (PGlite, in a temporary directory) and a
 * PostgreSQL server (in a fresh schema) when one answers. Each is removed again by `dispose`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { redactUrl } from "../src/cli/runtime.ts";
import { embeddedConnectionString, openDatabase, type Database } from "../src/store/db.ts";
import { readLock } from "../src/store/lock.ts";
import type { RawConnection } from "./raw-sql.ts";

export interface BenchTarget {
  kind: Database["kind"];
  label: string;
  db: Database;
  /** Where the raw SQL baseline connects: the same server (on PGlite, the same socket). */
  raw: RawConnection;
  /** The application's pool size (the raw baseline's too, unless BENCH_RAW_POOL=clients). */
  appPoolSize: number;
  /** A separate database process whose memory is worth reporting (the PGlite child). */
  databasePid?: number;
  dispose(): Promise<void>;
}

export async function openPglite(): Promise<BenchTarget> {
  const dir = mkdtempSync(path.join(tmpdir(), "openrsd-bench-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const db = await openDatabase({ dataDir: dir }).catch((err: unknown) => {
    remove();
    throw err;
  });
  const lock = readLock(dir);
  const url = embeddedConnectionString(db);
  if (!lock || !url) {
    await db.close();
    remove();
    throw new Error("the embedded database did not record its port");
  }
  return {
    kind: "pglite",
    label: "PGlite (embedded)",
    db,
    raw: { connectionString: url },
    // PGlite serves one session at a time: the application uses one connection, and so does the baseline.
    appPoolSize: 1,
    databasePid: lock.pid,
    async dispose() {
      await db.close();
      remove();
    },
  };
}

/** BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local default. */
export function postgresUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ||
    process.env.TEST_DATABASE_URL ||
    "postgres://postgres@127.0.0.1:5432/test"
  );
}

/** A fresh schema on the server, or the reason PostgreSQL is skipped. */
export async function openPostgres(url: string, appPoolSize: number): Promise<BenchTarget | string> {
  const schema = `bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  let version: string;
  try {
    version = await admin(url, async (c) => {
      await c.query(`CREATE SCHEMA "${schema}"`);
      // Extensions live in `public`, so that the migration finds pg_trgm there instead of creating it in the schema.
      await c.query("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public");
      return (
        (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "?"
      );
    });
  } catch (err) {
    await admin(url, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).catch(() => undefined);
    return `PostgreSQL skipped: ${redactUrl(url)} did not answer (${err instanceof Error ? err.message : String(err)})`;
  }
  const drop = () => admin(url, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  const db = await openDatabase({ url, schema, poolSize: appPoolSize }).catch(async (err: unknown) => {
    await drop();
    throw err;
  });
  return {
    kind: "postgres",
    label: `PostgreSQL ${version.split(" ")[0]}`,
    db,
    raw: { connectionString: url, schema },
    appPoolSize,
    async dispose() {
      await db.close();
      await drop();
    },
  };
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Resident memory of a process in MB (Linux), or null where /proc is not available. */
export function rssOfPid(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
