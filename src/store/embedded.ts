/**
 * Start and stop the embedded PostgreSQL (PGlite in a child process, see embedded-child.ts).
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ChildMessage, ParentMessage } from "./embedded-child.ts";
import { releaseLock } from "./lock.ts";

export interface EmbeddedPostgres {
  /**
   * `postgres://postgres:<password>@127.0.0.1:<port>/postgres`: the password is new at every
   * start and known only to this process and the database's. Never print it.
   */
  connectionString: string;
  host: string;
  port: number;
  /** The child process that holds the data directory. */
  pid: number;
  dataDir: string;
  /** Stop the child and release the lock; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /** First start runs initdb, which takes seconds on a slow machine. */
  startTimeoutMs?: number;
  /** How long a second connection waits for the session before it is refused (default 15 s). */
  sessionWaitMs?: number;
}

const CHILD = fileURLToPath(new URL("./embedded-child.ts", import.meta.url));
const STOP_TIMEOUT_MS = 15_000;

export async function startEmbedded(
  dataDir: string,
  options: StartEmbeddedOptions = {},
): Promise<EmbeddedPostgres> {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const args = options.sessionWaitMs ? [dir, String(options.sessionWaitMs)] : [dir];
  const child = fork(CHILD, args, {
    execPath: process.execPath,
    // Resolve tsx from this package, not from the working directory, so the child starts
    // wherever the operator runs OpenRSD from.
    execArgv: ["--import", tsxLoaderUrl()],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start the embedded PostgreSQL process");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A child that dies on its own (crash, kill -9) cannot release its lock; do it for it.
  void exited.then(() => releaseLock(dir, pid)).catch(() => undefined);

  const { port, password } = await waitForReady(child, exited, options.startTimeoutMs ?? 120_000).catch(
    async (err: unknown) => {
      await stopChild(child, exited);
      throw err;
    },
  );
  // The API server should exit when its own work is done; the child follows it via disconnect.
  child.unref();
  child.channel?.unref();

  let stopped: Promise<void> | undefined;
  return {
    connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    host: "127.0.0.1",
    port,
    pid,
    dataDir: dir,
    stop: () => (stopped ??= stopChild(child, exited).then(() => releaseLock(dir, pid))),
  };
}

function waitForReady(
  child: ChildProcess,
  exited: Promise<void>,
  timeoutMs: number,
): Promise<{ port: number; password: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`embedded PostgreSQL did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    let failure: string | undefined;
    child.on("message", (message: ChildMessage) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        resolve({ port: message.port, password: message.password });
      } else if (message.type === "error") {
        failure = message.message;
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(failure ?? `embedded PostgreSQL exited with code ${child.exitCode} while starting`));
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.ref();
  if (child.connected) child.send({ type: "stop" } satisfies ParentMessage);
  else child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
}
