/**
 * The data directory belongs to the service's user alone (docs/security.md requirement 19): the
 * database files hold every case. PGlite creates its files with the process's umask, as an
 * operator's shell left it (0022 makes them world-readable, 0 world-writable), so the embedded
 * database's process sets its own umask, and every start takes group and other bits off what an
 * older version or another tool left behind.
 */
import { chmodSync, lstatSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Owner-only from here on: new files 0600, new directories 0700. */
export const PRIVATE_UMASK = 0o077;

/**
 * Make `dir` 0700 and take group and other bits off everything under it (symbolic links are left
 * alone and not followed). Refuses a directory that belongs to another user, as PostgreSQL does.
 */
export function makePrivate(dir: string): void {
  if (process.platform === "win32") return; // no mode bits there; the directory's ACL decides
  const stats = statSync(dir);
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0 && stats.uid !== uid) {
    throw new Error(
      `data directory ${dir} belongs to another user (uid ${stats.uid}); it must belong to the user that runs OpenRSD`,
    );
  }
  if ((stats.mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
  walk(dir);
}

function walk(dir: string): void {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    let stats;
    try {
      stats = lstatSync(file);
    } catch {
      continue; // removed meanwhile (a temporary file)
    }
    if (stats.isSymbolicLink()) continue;
    if ((stats.mode & 0o077) !== 0) chmodSync(file, stats.mode & 0o700);
    if (stats.isDirectory()) walk(file);
  }
}
