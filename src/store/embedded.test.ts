import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

async function start(dir: string): Promise<EmbeddedPostgres> {
  const db = await startEmbedded(dir);
  running.push(db);
  return db;
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

describe("embedded PostgreSQL", () => {
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
