/**
 * A court bundle through HTTP: the exhibits numbered 갑 (applicant) and 을 (office) in the order
 * given, a manifest of their hashes, and SHA256SUMS that `sha256sum -c` accepts after `unzip`;
 * each item's export in its custody; bad requests refused.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exhibitNumbers } from "../../src/evidence/bundles/court-bundle.ts";
import { minimalPdf } from "../../src/demo/minimal-pdf.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { completeUpload, withDiskVault } from "../support/evidence.ts";
import type { TestStorage } from "../support/vault.ts";
import { openHarness, type Harness } from "../security/fixture.ts";

const run = promisify(execFile);
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

it("numbers each side's exhibits on its own, and an item's files in turn", () => {
  expect(
    exhibitNumbers([
      { side: "applicant", files: 1 },
      { side: "office", files: 1 },
      { side: "applicant", files: 2 },
      { side: "office", files: 1 },
    ]),
  ).toEqual([["갑 제1호증"], ["을 제1호증"], ["갑 제2호증의1", "갑 제2호증의2"], ["을 제2호증"]]);
});

describe.each(createTestDatabases())("court bundles on $kind", (factory) => {
  let h: Harness;
  let storage: TestStorage;
  let examiner: TestUser;
  let litigation: TestUser;
  let caseId: string;
  const items: { id: string; bytes: Buffer[] }[] = [];
  let dir: string;

  const attach = async (title: string, supplier: string, files: [string, Buffer][]) => {
    const uploadIds = [];
    for (const [name, bytes] of files)
      uploadIds.push(await completeUpload(h.app, caseId, examiner, name, bytes));
    const res = await h.call(examiner, "POST", `/api/v1/cases/${caseId}/evidence`, {
      kind: "document",
      title,
      supplier,
      receivedOn: "2026-11-20",
      channel: "post",
      uploadIds,
    });
    expect(res.statusCode, res.body).toBe(201);
    items.push({ id: res.json<{ id: string }>().id, bytes: files.map((f) => f[1]) });
  };

  beforeAll(async () => {
    h = await openHarness(factory);
    storage = await withDiskVault(h.ctx);
    dir = mkdtempSync(path.join(tmpdir(), "openrsd-bundle-"));
    const clerk = await h.user("cb-clerk", "intake_clerk", "seoul");
    examiner = await h.user("cb-examiner", "examiner", "seoul");
    litigation = await h.user("cb-litigation", "litigation_officer", "seoul");
    ({ caseId } = await h.newCase(clerk, "seoul"));
    await attach("Passport copy (fictional)", "applicant", [
      ["passport.pdf", minimalPdf(["Passport of a fictional person"])],
    ]);
    await attach("Country report: excerpt", "office", [
      ["report.txt", Buffer.from("A fictional country report.\n")],
    ]);
    await attach("Two letters / from home", "applicant", [
      ["letter-1.pdf", minimalPdf(["First letter"])],
      ["letter-2.pdf", minimalPdf(["Second letter"])],
    ]);
  });
  afterAll(async () => {
    await h?.close();
    await storage?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("streams a ZIP whose SHA256SUMS pass sha256sum -c, with a manifest of every exhibit", async () => {
    const [passport, report, letters] = items;
    const res = await h.call(litigation, "POST", `/api/v1/cases/${caseId}/court-bundles`, {
      exhibits: [
        { itemId: passport!.id, side: "applicant" },
        { itemId: report!.id, side: "office" },
        { itemId: letters!.id, side: "applicant" },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    expect(String(res.headers["content-disposition"])).toMatch(/^attachment; filename="court-bundle-/);
    writeFileSync(path.join(dir, "bundle.zip"), res.rawPayload);
    const out = path.join(dir, "out");
    await run("unzip", ["-q", path.join(dir, "bundle.zip"), "-d", out]);
    expect(readdirSync(out).sort()).toEqual(
      [
        "SHA256SUMS",
        "manifest.json",
        "갑 제1호증 - Passport copy (fictional).pdf",
        "갑 제2호증의1 - Two letters from home.pdf",
        "갑 제2호증의2 - Two letters from home.pdf",
        "을 제1호증 - Country report excerpt.txt",
      ].sort(),
    );
    const check = await run("sha256sum", ["-c", "SHA256SUMS"], { cwd: out });
    expect(check.stdout.split("\n").filter((l) => l.endsWith(": OK"))).toHaveLength(5);
    expect(
      readFileSync(path.join(out, "갑 제2호증의2 - Two letters from home.pdf")).equals(letters!.bytes[1]!),
    ).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as {
      exhibits: {
        exhibit: string;
        itemId: string;
        sha256: string;
        size: number;
        supplier: string;
        receivedOn: string;
        originalName: string;
      }[];
    };
    expect(manifest.exhibits.map((e) => e.exhibit)).toEqual([
      "갑 제1호증",
      "을 제1호증",
      "갑 제2호증의1",
      "갑 제2호증의2",
    ]);
    expect(manifest.exhibits[0]).toMatchObject({
      itemId: passport!.id,
      sha256: sha(passport!.bytes[0]!),
      size: passport!.bytes[0]!.length,
      supplier: "applicant",
      receivedOn: "2026-11-20",
      originalName: "passport.pdf",
    });
    // Each item's export is in its custody.
    const custody = await h.call(
      litigation,
      "GET",
      `/api/v1/cases/${caseId}/evidence/${letters!.id}/custody`,
    );
    const exported = custody
      .json<{ items: { action: string; details: { exhibit?: string } }[] }>()
      .items.filter((c) => c.action === "exported");
    expect(exported.map((c) => c.details.exhibit)).toEqual(["갑 제2호증"]);
  });

  it("refuses what cannot be bundled, and who may not export", async () => {
    const url = `/api/v1/cases/${caseId}/court-bundles`;
    const id = items[0]!.id;
    expect(
      (await h.call(examiner, "POST", url, { exhibits: [{ itemId: id, side: "applicant" }] })).statusCode,
    ).toBe(403);
    for (const body of [
      { exhibits: [] },
      { exhibits: [{ itemId: id, side: "court" }] },
      {
        exhibits: [
          { itemId: id, side: "applicant" },
          { itemId: id, side: "office" },
        ],
      },
      { exhibits: [{ itemId: "0190a6e0-0000-7000-8000-000000000000", side: "office" }] },
    ])
      expect((await h.call(litigation, "POST", url, body)).statusCode, JSON.stringify(body)).toBe(422);
  });
});
