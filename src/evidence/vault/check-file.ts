/**
 * Checking stored files (`openrsd verify`): each is read back whole, opened segment by segment
 * and hashed again; a file whose stored bytes were edited, cut, extended or lost is named by its
 * id, never by anything it holds.
 */
import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileName } from "./backends/types.ts";
import { findFile, listFileIds } from "./db.ts";
import type { FileRef } from "./open-file.ts";
import { createOpener, storedSize } from "./segments.ts";
import type { Vault } from "./vault.ts";

export interface FileCheck {
  officeId: string;
  fileId: string;
  ok: boolean;
  /** What is wrong, when something is. */
  problem?: string;
}

export async function checkFile(vault: Vault, ref: FileRef): Promise<FileCheck> {
  const base = { officeId: ref.officeId, fileId: ref.fileId };
  const found = await findFile(vault.db, vault.keyring, ref.officeId, ref.fileId);
  if (!found) return { ...base, ok: false, problem: "no such stored file" };
  const { file, key } = found;
  const name = fileName(file.address);
  const actual = await vault.store.size(name);
  if (actual === null) return { ...base, ok: false, problem: "the stored object is missing" };
  if (actual !== storedSize(file.size))
    return {
      ...base,
      ok: false,
      problem: `the stored object is ${actual} bytes long; a file of ${file.size} bytes is stored in ${storedSize(file.size)}`,
    };
  const hash = createHash("sha256");
  try {
    await pipeline(
      await vault.store.read(name),
      createOpener(key, file.id, file.size, { start: 0, end: file.size }),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          done();
        },
      }),
    );
  } catch (err) {
    return { ...base, ok: false, problem: `the stored bytes were changed: ${(err as Error).message}` };
  }
  if (hash.digest("hex") !== file.sha256)
    return { ...base, ok: false, problem: "the content's SHA-256 differs from the one recorded" };
  return { ...base, ok: true };
}

/** Check every stored file; returns those with a problem, and how many were checked. */
export async function checkAllFiles(
  vault: Vault,
  onProgress?: (checked: number) => void,
): Promise<{ checked: number; problems: FileCheck[] }> {
  const problems: FileCheck[] = [];
  let checked = 0;
  let after: { officeId: string; id: string } | null = null;
  for (;;) {
    const page = await listFileIds(vault.db, after, 200);
    if (page.length === 0) break;
    for (const ref of page) {
      const result = await checkFile(vault, { officeId: ref.officeId, fileId: ref.id });
      checked++;
      if (!result.ok) problems.push(result);
    }
    onProgress?.(checked);
    after = page[page.length - 1]!;
  }
  return { checked, problems };
}
