import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadMasterKey, MASTER_KEY_ENV } from "./master-key.ts";

const posix = process.platform !== "win32";
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "openrsd-master-key-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("loadMasterKey", () => {
  it("prefers the environment variable", () => {
    const key = randomBytes(32);
    const loaded = loadMasterKey({ dir: dir, env: { [MASTER_KEY_ENV]: key.toString("base64") } });
    expect(loaded).toEqual({ key, source: "env", created: false });
  });

  it("refuses a malformed environment value without echoing it", () => {
    const secret = randomBytes(16).toString("base64");
    const load = () => loadMasterKey({ env: { [MASTER_KEY_ENV]: secret } });
    expect(load).toThrow(/32 bytes in base64/);
    expect(() => loadMasterKey({ env: { [MASTER_KEY_ENV]: "not base64 at all!!" } })).toThrow(/32 bytes/);
    try {
      load();
    } catch (err) {
      expect((err as Error).message).not.toContain(secret);
    }
  });

  it.runIf(posix)("creates <dir>/master.key with mode 0600, then reuses it", () => {
    const sub = path.join(dir, "data");
    const first = loadMasterKey({ dir: sub, env: {} });
    const file = path.join(sub, "master.key");
    expect(first).toMatchObject({ source: "file", path: file, created: true });
    expect(first.key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first.key.toString("base64"));

    const second = loadMasterKey({ dir: sub, env: {} });
    expect(second).toMatchObject({ source: "file", path: file, created: false });
    expect(second.key.equals(first.key)).toBe(true);
  });

  it.runIf(posix)("refuses a key file readable by group or others", () => {
    const file = path.join(dir, "master.key");
    writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
    chmodSync(file, 0o644);
    expect(() => loadMasterKey({ dir: dir, env: {} })).toThrow(
      /accessible to group or others \(mode 0644\).*chmod 600/,
    );
    chmodSync(file, 0o640);
    expect(() => loadMasterKey({ file, env: {} })).toThrow(/mode 0640/);
    chmodSync(file, 0o600);
    expect(loadMasterKey({ file, env: {} })).toMatchObject({ source: "file", path: file, created: false });
  });

  it("never creates an explicitly named file, and needs some source", () => {
    expect(() => loadMasterKey({ file: path.join(dir, "missing.key"), env: {} })).toThrow(/does not exist/);
    expect(() => loadMasterKey({ env: {} })).toThrow(new RegExp(MASTER_KEY_ENV));
  });

  it("refuses a key file of the wrong size", () => {
    const file = path.join(dir, "short.key");
    writeFileSync(file, randomBytes(16).toString("base64"), { mode: 0o600 });
    expect(() => loadMasterKey({ file, env: {} })).toThrow(/32 bytes in base64/);
  });
});
