/**
 * Files on disk, under the data directory (`<data>/evidence/`), owner-only: directories 0700,
 * files 0600 (docs/security.md requirement 19). A temporary object is written, flushed to disk
 * and renamed into place, so a stored file is never seen half-written.
 */
import { createWriteStream, mkdirSync } from "node:fs";
import { open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { makePrivate } from "../../../store/private-files.ts";
import { tempName, type ObjectStore, type ObjectWriter } from "./types.ts";

async function fsyncPath(file: string): Promise<void> {
  const handle = await open(file, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function diskStore(root: string): ObjectStore {
  // Made on the first write, so that a command that stores nothing leaves no directory behind.
  let ready = false;
  const prepare = () => {
    if (ready) return;
    mkdirSync(root, { recursive: true, mode: 0o700 });
    makePrivate(root);
    ready = true;
  };
  const where = (name: string) => {
    const file = path.join(root, ...name.split("/"));
    if (!file.startsWith(root + path.sep)) throw new Error("object name outside the evidence directory");
    return file;
  };
  const ensureDir = (file: string) => mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });

  return {
    kind: "disk",
    createTemp(name): ObjectWriter {
      prepare();
      const file = where(name);
      ensureDir(file);
      const stream = createWriteStream(file, { flags: "wx", mode: 0o600 });
      return {
        stream,
        done: () => fsyncPath(file),
        discard: async () => {
          // A stream destroyed while its file is still being opened creates the file afterwards:
          // remove it only once the stream is closed.
          if (!stream.closed) {
            const closed = new Promise<void>((resolve) => stream.once("close", () => resolve()));
            stream.destroy();
            await closed;
          }
          await rm(file, { force: true }).catch(() => {});
        },
      };
    },
    async read(name, start = 0, end?) {
      const file = where(name);
      // Opened before the stream is handed out, so a missing file fails here.
      const handle = await open(file, "r");
      return handle.createReadStream({ start, ...(end !== undefined ? { end: end - 1 } : {}) }) as Readable;
    },
    async size(name) {
      try {
        return (await stat(where(name))).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    async promote(temp, final) {
      const target = where(final);
      ensureDir(target);
      await rename(where(temp), target);
      await fsyncPath(path.dirname(target));
    },
    async listTemp(before) {
      const dir = path.join(root, "tmp");
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw err;
      }
      const old: string[] = [];
      for (const name of names) {
        const stats = await stat(path.join(dir, name)).catch(() => null);
        if (stats?.isFile() && stats.mtime < before) old.push(tempName(name));
      }
      return old;
    },
    async remove(name) {
      await rm(where(name), { force: true });
    },
    describe: () => `disk (${root})`,
    close: () => {},
  };
}
