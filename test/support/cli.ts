/** The `openrsd` command as the tests run it: a real process, on the embedded database. */
import { spawn } from "node:child_process";
import path from "node:path";

export const BIN = path.resolve("bin/openrsd");

/** Run `openrsd <args>` to its end: its exit code and what it printed (stdout and stderr together). */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  stdin = "",
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(BIN, args, { env: { ...process.env, DATABASE_URL: "", ...env } });
    child.stdin.end(stdin);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (code) => resolve({ code, out }));
  });
}
