/** `openrsd simulate` on the embedded database holding the hand-made history (./history.ts). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp } from "../../src/cli/runtime.ts";
import { runCli } from "../support/cli.ts";
import { loadHandMadeHistory } from "./history.ts";

describe("openrsd simulate", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "openrsd-cli-simulate-"));
  afterAll(() => {
    for (const d of [dir, `${dir}-keys`, `${dir}-checkpoints`]) rmSync(d, { recursive: true, force: true });
  });

  beforeAll(async () => {
    const { ctx } = await openApp({ data: dir }, { clock: () => new Date("2026-11-24T03:00:00Z") });
    try {
      await loadHandMadeHistory(ctx);
    } finally {
      await ctx.db.close();
    }
  }, 120_000);

  it("prints the 2025 bill's bounds and false negatives for 2020, and Korea today screening out nobody", async () => {
    const res = await runCli([
      "simulate",
      "--data",
      dir,
      "--policy",
      "kr-2025-bill",
      "kr-current",
      "--from",
      "2020",
      "--to",
      "2020",
    ]);
    expect(res.code, res.out).toBe(0);
    expect(res.out).toContain("Re-applications filed 2020-2020: 8");
    expect(res.out).toContain("reviewed 6 of 8 (no earlier case ended: 1)");
    expect(res.out).toMatch(/strict \(only what arose after the earlier decision counts\): 4 screened out/);
    expect(res.out).toContain(
      "of whom later recognized 1, humanitarian stay 1, refusal annulled by a court 1:",
    );
    expect(res.out).toMatch(/generous \(anything not already considered counts\): 1 screened out/);
    expect(res.out).toContain("nobody loses applicant status under this policy");
  }, 120_000);

  it("names the known policies when one is unknown, and refuses a period that runs backwards", async () => {
    const unknown = await runCli([
      "simulate",
      "--data",
      dir,
      "--policy",
      "kr-2030-bill",
      "--from",
      "2019",
      "--to",
      "2024",
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('no re-application policy "kr-2030-bill"; known: kr-current');
    const backwards = await runCli([
      "simulate",
      "--data",
      dir,
      "--policy",
      "kr-2025-bill",
      "--from",
      "2024",
      "--to",
      "2019",
    ]);
    expect(backwards.code).toBe(1);
    expect(backwards.out).toContain("the period must run forward");
  }, 120_000);
});
