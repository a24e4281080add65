/**
 * One way into the database for the whole application: a `pg` pool, against a real PostgreSQL
 * (15+) when a URL is given, otherwise against the embedded one (PGlite) in a data directory.
 */
import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { CustomTypesConfig, PoolClient, PoolConfig } from "pg";
import { startEmbedded, type EmbeddedPostgres } from "./embedded.ts";

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** True on the `tx` that `Database.transaction` hands out: statements share one transaction. */
  readonly inTransaction?: boolean;
  /**
   * On that `tx`: send `sql` (statements without parameters) just before COMMIT, in the commit's
   * round trip; if it fails, the transaction rolls back and `transaction` rejects. The access
   * record is written so (src/security/audit/append.ts).
   */
  readonly beforeCommit?: (sql: string) => void;
}

/** Statement texts marked by `prepared`, and the name each connection keeps them under. */
const PREPARED = new Map<string, string>();

/**
 * Mark a statement as one that each connection keeps prepared: parsed and planned once per
 * connection, then only bound and executed. For the few statements that every request sends
 * (the API token's lookup, the case read), where planning costs the database more than running
 * them. The text must be a constant (values go in parameters). PostgreSQL only: the embedded
 * database serves every socket connection from one session, where a reconnecting client would
 * find the name taken, so there the statement is sent as it is. Returns the text unchanged.
 */
export function prepared(sql: string): string {
  if (!PREPARED.has(sql)) PREPARED.set(sql, `openrsd_${PREPARED.size + 1}`);
  return sql;
}

export interface Database extends Queryable {
  kind: "pglite" | "postgres";
  /**
   * Run `fn` in one transaction on one connection. Use only `tx` inside: on the embedded
   * database the pool has one connection, so calling `db.query` inside would wait forever.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL 15+ URL; without it the embedded database in `dataDir` is used. */
  url?: string;
  dataDir?: string;
  /** Pool size for PostgreSQL (default 10). The embedded database always uses 1. */
  poolSize?: number;
  /** Schema to work in (search_path `schema, public`); used by tests to isolate themselves. */
  schema?: string;
}

const OID = { int8: 20, int8Array: 1016, textArray: 1009, date: 1082, dateArray: 1182, timestamptz: 1184 };

/**
 * Dates that the law counts stay `YYYY-MM-DD` strings (never a Date at local midnight, which
 * shifts a day across time zones); instants become ISO strings; counts become numbers.
 * Per pool, not global, so no other `pg` user in the process is affected.
 */
const parseTimestamptz = pg.types.getTypeParser(OID.timestamptz) as (value: string) => unknown;
const parseTextArray = pg.types.getTypeParser(OID.textArray) as (value: string) => string[];
const parsers = new Map<number, (value: string) => unknown>([
  [OID.date, (value) => value],
  [OID.dateArray, parseTextArray],
  [OID.timestamptz, (value) => toIso(parseTimestamptz(value), value)],
  [OID.int8, Number],
  [OID.int8Array, (value) => parseTextArray(value).map(Number)],
]);
export const typeParsers: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    parsers.get(oid) ?? pg.types.getTypeParser(oid, format)) as CustomTypesConfig["getTypeParser"],
};

function toIso(parsed: unknown, raw: string): string {
  return parsed instanceof Date && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : raw;
}

/**
 * Where the embedded database of an open `Database` listens, with this start's password: for a
 * second client in the same process (the benchmark's raw-SQL baseline). Undefined on PostgreSQL.
 */
const EMBEDDED_URLS = new WeakMap<Database, string>();
export function embeddedConnectionString(db: Database): string | undefined {
  return EMBEDDED_URLS.get(db);
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  const config: PoolConfig = { types: typeParsers };
  if (options.url) {
    config.connectionString = options.url;
    config.max = options.poolSize ?? 10;
  } else {
    if (!options.dataDir) throw new Error("openDatabase needs a database URL or a data directory");
    embedded = await startEmbedded(options.dataDir);
    config.connectionString = embedded.connectionString;
    // PGlite is single-session: one connection, kept open (every reconnect is a new session
    // set-up through the socket server, for nothing).
    config.max = 1;
    config.idleTimeoutMillis = 0;
  }
  if (options.schema) config.options = `-c search_path=${quoteIdent(options.schema)},public`;

  const pool = new pg.Pool(config);
  // An idle connection that breaks (server stopped) must not crash the process; the next
  // query reports the failure to its caller.
  pool.on("error", () => undefined);
  const db = createDatabase(pool, embedded ? "pglite" : "postgres", async () => {
    await pool.end();
    await embedded?.stop();
  });
  if (embedded) EMBEDDED_URLS.set(db, embedded.connectionString);
  try {
    await checkCharacterClassification(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

function createDatabase(pool: pg.Pool, kind: Database["kind"], close: () => Promise<void>): Database {
  let closed: Promise<void> | undefined;
  const named = kind === "postgres";
  const runQuery = <T>(client: PoolClient, sql: string, params?: readonly unknown[]) =>
    sendQuery<T>(client, sql, params, named);
  return {
    kind,
    async query(sql, params) {
      // Not pool.query: that discards the connection after any SQL error, and on the embedded
      // database every reconnect costs a new session. Keep the connection unless it broke.
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await runQuery(client, sql, params);
      } catch (err) {
        if (!(err instanceof pg.DatabaseError)) broken = err as Error;
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const last: string[] = [];
        const result = await fn({
          query: (sql, params) => runQuery(client, sql, params),
          inTransaction: true,
          beforeCommit: (sql) => last.push(sql),
        });
        await client.query([...last, "COMMIT"].join(";\n"));
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch((rollbackErr: Error) => (broken = rollbackErr));
        throw err;
      } finally {
        // A connection whose rollback failed is in an unknown state: discard it.
        client.release(broken);
      }
    },
    close: () => (closed ??= close()),
  };
}

async function sendQuery<T>(
  target: PoolClient,
  sql: string,
  params: readonly unknown[] | undefined,
  named: boolean,
): Promise<T[]> {
  const values = params ? [...params] : undefined;
  const name = named ? PREPARED.get(sql) : undefined;
  const result = await (name ? target.query({ name, text: sql, values }) : target.query(sql, values));
  return result.rows as T[];
}

/**
 * Names are searched in Korean; if the database's ctype does not classify Hangul as letters,
 * word splitting (search bigrams) and regex matching silently break. Fail at start instead.
 */
async function checkCharacterClassification(db: Queryable): Promise<void> {
  const [row] = await db.query<{ encoding: string; hangul: boolean }>(
    "SELECT current_setting('server_encoding') AS encoding, '가' ~ '^[[:alpha:]]$' AS hangul",
  );
  if (row?.encoding !== "UTF8" || !row.hangul) {
    throw new Error(
      `the database does not treat Hangul as letters (server_encoding ${row?.encoding}); ` +
        `create it with ENCODING 'UTF8' and a UTF-8 ctype, e.g. LC_CTYPE 'C.UTF-8' or 'ko_KR.UTF-8'`,
    );
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A database for one test file, and how to throw it away. */
export interface TestDatabase {
  db: Database;
  /** The embedded database's data directory (its files, write-ahead log included), until disposed. */
  dataDir?: string;
  dispose(): Promise<void>;
}

export interface TestDatabaseFactory {
  kind: Database["kind"];
  open(): Promise<TestDatabase>;
}

/**
 * The databases every storage test runs on: the embedded one always, and PostgreSQL when
 * TEST_DATABASE_URL is set. Synchronous so it can feed `describe.each`:
 *
 *   describe.each(createTestDatabases())("on $kind", (factory) => { ... factory.open() ... })
 *
 * On PostgreSQL each `open()` gets a fresh schema, dropped by `dispose()`, so test files that
 * run in parallel against one database never see each other's rows.
 */
export function createTestDatabases(): TestDatabaseFactory[] {
  const factories: TestDatabaseFactory[] = [{ kind: "pglite", open: openEmbeddedTestDatabase }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) factories.push({ kind: "postgres", open: () => openPostgresTestDatabase(url) });
  return factories;
}

/**
 * An embedded data directory as a first start leaves it, before any migration: made once (per
 * version of PGlite and of the embedded server's code) and copied for every test database.
 * Initialising a data directory takes seconds; copying one, a fraction of a second. Two test
 * files may build it at once: the first to finish names it, the other discards its copy.
 */
async function initialisedEmbeddedDir(): Promise<string> {
  const hash = createHash("sha256");
  const here = path.dirname(new URL(import.meta.url).pathname);
  for (const file of ["embedded.ts", "embedded-child.ts", "embedded-server.ts"]) {
    hash.update(readFileSync(path.join(here, file)));
  }
  const pglite = path.join(here, "../../node_modules/@electric-sql/pglite/package.json");
  hash.update(existsSync(pglite) ? readFileSync(pglite) : "");
  const uid = process.getuid?.() ?? 0;
  const done = path.join(tmpdir(), `openrsd-pglite-initial-${uid}-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(path.join(done, "ready"))) return done;
  const building = mkdtempSync(`${done}-building-`);
  try {
    await (await openDatabase({ dataDir: building })).close();
    // Written last: a directory without it was left half-made and is not used.
    cpSync(path.join(building, "pgdata", "PG_VERSION"), path.join(building, "ready"));
    renameSync(building, done);
  } catch (err) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(path.join(done, "ready"))) throw err;
  }
  return done;
}

async function openEmbeddedTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "openrsd-test-"));
  try {
    cpSync(await initialisedEmbeddedDir(), dir, { recursive: true });
    rmSync(path.join(dir, "ready"));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const db = await openDatabase({ dataDir: dir }).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  return {
    db,
    dataDir: dir,
    async dispose() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgresTestDatabase(url: string): Promise<TestDatabase> {
  const schema = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    // Extensions live in `public`, shared by every test schema; created here once, so that a
    // migration's CREATE EXTENSION finds it instead of installing it into (and dropping it with)
    // one test's schema. Two test files may race to create it: the loser just finds it there.
    await admin.query("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public").catch(async (err) => {
      const found = await admin.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'");
      if (found.rowCount === 0) throw err;
    });
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ url, schema, poolSize: 4 });
  return {
    db,
    async dispose() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
