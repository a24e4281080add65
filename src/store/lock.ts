/**
 * The lock file that guards an embedded data directory. Two processes writing one PGlite
 * directory silently lose writes, so only one embedded database may have it open at a time.
 * The lock names the process that holds the database open (the embedded child), because that
 * process's lifetime, not its parent's, decides when the files are safe to open again.
 */
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface LockInfo {
  /** The process that has the database files open. */
  pid: number;
  /** The OpenRSD process that started it (the one an operator would stop). */
  parentPid?: number;
  startedAt: string;
  /** The socket port, once the database listens. */
  port: number | null;
}

export const LOCK_FILE = "openrsd.lock";

export function lockPath(dataDir: string): string {
  return path.join(dataDir, LOCK_FILE);
}

export function readLock(dataDir: string): LockInfo | null {
  let text: string;
  try {
    text = readFileSync(lockPath(dataDir), "utf8");
  } catch (err) {
    if (errorCode(err) === "ENOENT") return null;
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockInfo>;
    if (typeof parsed.pid === "number") {
      return {
        pid: parsed.pid,
        parentPid: parsed.parentPid,
        startedAt: String(parsed.startedAt),
        port: parsed.port ?? null,
      };
    }
  } catch {
    // fall through: locks are written whole (link/rename), so an unreadable one is debris
  }
  return { pid: 0, startedAt: "unknown", port: null };
}

/**
 * Whether a lock's holder still runs. On Linux a reused pid is told apart by its command line:
 * only an embedded-child process can hold the database open.
 */
export function isHolderAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    if (errorCode(err) !== "EPERM") return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("embedded-child");
  } catch {
    return true; // no /proc (macOS) or not readable: trust the signal check
  }
}

export function inUseMessage(dataDir: string, held: LockInfo): string {
  const owner = held.parentPid ?? held.pid;
  const child = held.parentPid ? `, database process ${held.pid}` : "";
  return (
    `data directory ${dataDir} is in use by OpenRSD process ${owner} (started ${held.startedAt}${child}); ` +
    `stop it first or use another --data directory`
  );
}

/** Create the lock exclusively, taking over a stale one; throws if a live process holds it. */
export function acquireLock(dataDir: string, info: LockInfo): void {
  const file = lockPath(dataDir);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, info)) return;
    const held = readLock(dataDir);
    if (held === null) continue; // released meanwhile
    if (isHolderAlive(held.pid)) throw new Error(inUseMessage(dataDir, held));
    removeStale(file, held);
  }
  throw new Error(`could not take the lock ${file}; another OpenRSD process is starting on ${dataDir}`);
}

/** Rewrite the holder's own lock; by rename, so that no reader ever sees it half written. */
export function updateLock(dataDir: string, info: LockInfo): void {
  const tmp = `${lockPath(dataDir)}.${process.pid}.new`;
  writeFileSync(tmp, JSON.stringify(info));
  renameSync(tmp, lockPath(dataDir));
}

/** Remove the lock if (and only if) `pid` holds it, so a late cleanup never frees someone else's. */
export function releaseLock(dataDir: string, pid: number): void {
  const held = readLock(dataDir);
  if (held?.pid !== pid) return;
  try {
    unlinkSync(lockPath(dataDir));
  } catch (err) {
    if (errorCode(err) !== "ENOENT") throw err;
  }
}

/**
 * Exclusive create with the content already in place: write a private file, then hard-link it
 * to the lock name (atomic, fails with EEXIST like O_EXCL). A plain O_EXCL create would leave a
 * moment where the lock exists but is empty, and a reader could mistake it for a stale one.
 */
function tryCreate(file: string, info: LockInfo): boolean {
  const tmp = `${file}.${process.pid}.new`;
  writeFileSync(tmp, JSON.stringify(info), { flag: "w" });
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if (errorCode(err) === "EEXIST") return false;
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * Move the stale lock aside with an atomic rename, so that of two processes taking over at once
 * only one removes it. If what we moved turns out to be a fresh lock that another process
 * created after we read the stale one, put it back.
 */
function removeStale(file: string, stale: LockInfo): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if (errorCode(err) === "ENOENT") return;
    throw err;
  }
  const moved = readLockFile(aside);
  if (moved && (moved.pid !== stale.pid || moved.startedAt !== stale.startedAt)) {
    try {
      linkSync(aside, file);
    } catch {
      // someone created yet another lock meanwhile; theirs stands
    }
  }
  unlinkSync(aside);
}

function readLockFile(file: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

function errorCode(err: unknown): unknown {
  return typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
}
