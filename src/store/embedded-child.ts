/**
 * The embedded PostgreSQL process: opens PGlite on `<dataDir>/pgdata` and serves it on a local
 * socket so that the application reaches it through the same `pg` client as a real server.
 * It runs in its own process so that PGlite's WebAssembly heap and its single-threaded query
 * loop never stall the API server. Started by `startEmbedded` (embedded.ts) with an IPC channel.
 *
 * The socket asks for a password made here at every start and sent to the parent over the IPC
 * channel only, and gives each connection a session of its own (embedded-server.ts); every
 * file it writes is its user's alone (private-files.ts).
 *
 * Arguments: the data directory, and optionally how long a connection may wait for the session (ms).
 * Messages to the parent: {type:"ready", port, password} | {type:"error", message}.
 * Messages from the parent: {type:"stop"}.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { startEmbeddedServer, type EmbeddedServer } from "./embedded-server.ts";
import { acquireLock, releaseLock, updateLock, type LockInfo } from "./lock.ts";
import { makePrivate, PRIVATE_UMASK } from "./private-files.ts";

export type ChildMessage =
  { type: "ready"; port: number; password: string } | { type: "error"; message: string };
export type ParentMessage = { type: "stop" };

// Before anything is written: whatever umask the operator's shell had, the files are private.
process.umask(PRIVATE_UMASK);

const dataDir = process.argv[2];
const sessionWaitMs = process.argv[3] ? Number(process.argv[3]) : undefined;
let db: PGlite | undefined;
let server: EmbeddedServer | undefined;
let locked = false;
let opening: Promise<void> = Promise.resolve();
let stopping: Promise<never> | undefined;

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    // Let a first open (initdb) finish: interrupting it would leave a data directory that
    // cannot be opened again.
    await opening.catch(() => undefined);
    // Close the socket first so no client sees a half-closed database, then flush PGlite.
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    if (locked && dataDir) releaseLock(dataDir, process.pid);
    process.exit(code);
  })();
  return stopping;
}

async function main(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lock: LockInfo = {
    pid: process.pid,
    parentPid: process.ppid,
    startedAt: new Date().toISOString(),
    port: null,
  };
  if (!process.connected) return;
  acquireLock(dir, lock);
  locked = true;
  makePrivate(dir);
  // The same extensions on every open: a database created with pg_trgm indexes cannot be
  // queried by a PGlite that lacks the extension.
  db = await PGlite.create(path.join(dir, "pgdata"), { extensions: { pg_trgm } });
  // The first start copies a fresh cluster in with modes of its own.
  makePrivate(dir);
  // 32 random bytes, new at every start; known to this process and, through IPC, its parent.
  const password = randomBytes(32).toString("base64url");
  server = await startEmbeddedServer(db, {
    password,
    host: "127.0.0.1",
    ...(sessionWaitMs ? { sessionWaitMs } : {}),
  });
  updateLock(dir, { ...lock, port: server.port });
  send({ type: "ready", port: server.port, password });
}

if (!process.send || !dataDir) {
  console.error("embedded-child.ts is started by startEmbedded() with an IPC channel and a data directory");
  process.exit(2);
}

// The child must not outlive its parent: a disconnected IPC channel means the parent is gone.
process.on("disconnect", () => void shutdown(0));
process.on("message", (message: ParentMessage) => {
  if (message.type === "stop") void shutdown(0);
});
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGINT", () => void shutdown(0));

// A parent that died while this process was starting left no channel to disconnect: exit
// rather than hold the data directory for nobody.
if (!process.connected) void shutdown(0);

opening = main(dataDir);
opening.catch((err: unknown) => {
  send({ type: "error", message: err instanceof Error ? err.message : String(err) });
  void shutdown(1);
});
