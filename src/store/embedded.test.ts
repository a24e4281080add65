import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbedded, type EmbeddedPostgres } from "./embedded.ts";
import { lockPath, type LockInfo } from "./lock.ts";

const dirs: string[] = [];
const running: EmbeddedPostgres[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "openrsd-embedded-"));
  dirs.push(dir);
  return dir;
}

async function start(dir: string, options: { sessionWaitMs?: number } = {}): Promise<EmbeddedPostgres> {
  const db = await startEmbedded(dir, options);
  running.push(db);
  return db;
}

async function connect(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  return client;
}

function withoutPassword(connectionString: string, password?: string): string {
  const url = new URL(connectionString);
  url.password = password ?? "";
  return url.toString();
}

/** Every file and directory under `dir` (not following links), with its permission bits. */
function modesUnder(dir: string): { file: string; mode: number }[] {
  const found: { file: string; mode: number }[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const stats = lstatSync(file);
    found.push({ file, mode: stats.mode & 0o777 });
    if (stats.isDirectory()) found.push(...modesUnder(file));
  }
  return found;
}

function readLockFile(dir: string): LockInfo {
  return JSON.parse(readFileSync(lockPath(dir), "utf8")) as LockInfo;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // An exited process that nobody has reaped yet (a zombie) no longer runs.
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

afterAll(async () => {
  await Promise.all(running.map((db) => db.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("embedded PostgreSQL", { timeout: 180_000 }, () => {
  // One data directory for all cases, run in order: only the first start pays for initdb.
  const dir = tempDir();

  it("serves SQL over a local socket and refuses a second process on the same data directory", async () => {
    const first = await start(dir);
    expect(readLockFile(dir)).toMatchObject({ pid: first.pid, parentPid: process.pid, port: first.port });

    const client = new pg.Client({ connectionString: first.connectionString });
    await client.connect();
    const { rows } = await client.query<{ answer: number }>("SELECT 40 + 2 AS answer");
    expect(rows[0]?.answer).toBe(42);
    await client.end();

    const second = startEmbedded(dir);
    await expect(second).rejects.toThrow(
      `data directory ${dir} is in use by OpenRSD process ${process.pid} (started `,
    );
    await expect(second).rejects.toThrow(/stop it first or use another --data directory$/);
    // The refused start left the running database and its lock alone.
    expect(isRunning(first.pid)).toBe(true);
    expect(readLockFile(dir).pid).toBe(first.pid);

    await first.stop();
    expect(existsSync(lockPath(dir))).toBe(false);
    expect(isRunning(first.pid)).toBe(false);

    const again = await start(dir);
    expect(readLockFile(dir).pid).toBe(again.pid);
    await again.stop();
    await again.stop(); // stopping twice is harmless
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
    const stale: LockInfo = { pid: deadPid, startedAt: "2020-01-01T00:00:00.000Z", port: 5 };
    writeFileSync(lockPath(dir), JSON.stringify(stale));

    const db = await start(dir);
    expect(readLockFile(dir)).toMatchObject({ pid: db.pid, port: db.port });
    await db.stop();
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it("stops and releases the lock when the process that started it dies", async () => {
    const embeddedUrl = pathToFileURL(path.resolve("src/store/embedded.ts")).href;
    const script = `
      import { startEmbedded } from ${JSON.stringify(embeddedUrl)};
      const db = await startEmbedded(${JSON.stringify(dir)});
      console.log(JSON.stringify({ pid: db.pid }));
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const childPid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once("data", (chunk: Buffer) =>
        resolve((JSON.parse(chunk.toString()) as { pid: number }).pid),
      );
      parent.once("exit", (code) => reject(new Error(`parent exited early with ${code}`)));
    });
    expect(readLockFile(dir).pid).toBe(childPid);

    parent.kill("SIGKILL");
    expect(await waitFor(() => !isRunning(childPid), 15_000)).toBe(true);
    expect(existsSync(lockPath(dir))).toBe(false);
  });
});

describe("the embedded PostgreSQL's socket (docs/security.md requirement 19)", { timeout: 180_000 }, () => {
  const dir = tempDir();

  it("refuses a connection without the per-start password, which no other process can read", async () => {
    const db = await start(dir);
    const password = new URL(db.connectionString).password;
    expect(password.length).toBeGreaterThanOrEqual(40);

    // What any local process could try: the superuser without a password, or a guessed one.
    await expect(connect(withoutPassword(db.connectionString))).rejects.toThrow(/password/);
    await expect(connect(withoutPassword(db.connectionString, "postgres"))).rejects.toThrow(
      'password authentication failed for user "postgres"',
    );
    const app = await connect(db.connectionString);
    expect((await app.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await app.end();

    // Nowhere a local process could look: the data directory, the database process's command
    // line and environment.
    const places = [`/proc/${db.pid}/cmdline`, `/proc/${db.pid}/environ`, ...allFiles(dir)];
    for (const file of places) {
      expect(readFileSync(file).includes(password), file).toBe(false);
    }

    // A new start, a new password: the old one opens nothing.
    await db.stop();
    const again = await start(dir);
    expect(new URL(again.connectionString).password).not.toBe(password);
    await expect(connect(withoutPassword(again.connectionString, password))).rejects.toThrow(
      /password authentication failed/,
    );
    await again.stop();
  });

  it("gives each connection a session of its own: one client's SET never reaches another", async () => {
    const db = await start(dir, { sessionWaitMs: 1_000 });
    const fresh = await connect(db.connectionString);
    const before = await sessionState(fresh);
    await fresh.query("CREATE TABLE IF NOT EXISTS kept (x int)");
    await fresh.end();

    const first = await connect(db.connectionString);
    await first.query("CREATE SCHEMA IF NOT EXISTS elsewhere");
    await first.query("DO $$ BEGIN CREATE ROLE intruder; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    await first.query("SET search_path TO elsewhere, public");
    await first.query("SET ROLE intruder");
    await first.query("SET statement_timeout = '1s'");
    await first.query("PREPARE planted AS SELECT 1");
    await first.query("CREATE TEMP TABLE scratch (x int)");
    const changed = await sessionState(first);
    expect(changed).toMatchObject({ searchPath: "elsewhere, public", user: "intruder", prepared: 1 });

    // A second client while the first is connected waits for the session, then is refused;
    // it never shares the first one's session, and the first one's settings stay as they were.
    const second = connect(db.connectionString);
    await expect(second).rejects.toThrow(/one session at a time/);
    expect(await sessionState(first)).toEqual(changed);

    // The first leaves in the middle of a transaction.
    await first.query("RESET ROLE");
    await first.query("BEGIN");
    await first.query("INSERT INTO public.kept VALUES (1)");
    await first.end();

    const third = await connect(db.connectionString);
    expect(await sessionState(third)).toEqual(before);
    const [kept] = (await third.query<{ n: number }>("SELECT count(*)::int AS n FROM kept")).rows;
    expect(kept?.n).toBe(0);
    await third.end();

    // Startup parameters that would outlive the connection are refused.
    const withOptions = new pg.Client({
      connectionString: db.connectionString,
      options: "-c search_path=elsewhere",
    });
    await expect(withOptions.connect()).rejects.toThrow(/takes no startup parameter options/);
    await db.stop();
  });

  it("keeps every file private to its user, whatever the umask and the directory's mode", async () => {
    const open = tempDir();
    chmodSync(open, 0o777);
    const umask = process.umask(0); // the database process inherits the operator's umask
    let db: EmbeddedPostgres;
    try {
      db = await start(open);
    } finally {
      process.umask(umask);
    }
    const client = await connect(db.connectionString);
    await client.query("CREATE TABLE written (x int, y text)");
    await client.query("INSERT INTO written SELECT g, repeat('y', 200) FROM generate_series(1, 5000) g");
    await client.query("CREATE INDEX ON written (y)");
    await client.query("CHECKPOINT");
    await client.end();

    const check = () => {
      expect(lstatSync(open).mode & 0o777).toBe(0o700);
      const modes = modesUnder(open);
      expect(modes.length).toBeGreaterThan(100);
      expect(modes.filter((m) => (m.mode & 0o077) !== 0)).toEqual([]);
    };
    check(); // while it runs
    await db.stop();
    check();

    // A file that another tool (or an older version) left readable is made private at the next start.
    const left = path.join(open, "pgdata", "postgresql.auto.conf");
    chmodSync(left, 0o644);
    chmodSync(open, 0o755);
    const again = await start(open);
    check();
    await again.stop();
  });
});

function allFiles(dir: string): string[] {
  return modesUnder(dir)
    .map((m) => m.file)
    .filter((file) => lstatSync(file).isFile());
}

async function sessionState(client: pg.Client): Promise<Record<string, unknown>> {
  const { rows } = await client.query<Record<string, unknown>>(
    `SELECT current_setting('search_path') AS "searchPath", current_user AS "user",
            current_setting('statement_timeout') AS "statementTimeout",
            (SELECT count(*)::int FROM pg_prepared_statements) AS prepared,
            to_regclass('pg_temp.scratch') IS NOT NULL AS "temporaryTable",
            pg_current_xact_id_if_assigned() IS NOT NULL AS "inTransaction"`,
  );
  return rows[0] ?? {};
}
