/**
 * `openrsd verify` and evidence items: the files each case chain records (evidence_attached) are
 * compared with the vault; one byte edited in a stored file makes verify exit non-zero and name
 * the case number, the item number and the file's id.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp } from "../../src/cli/runtime.ts";
import { openCase } from "../../src/cases/open-case.ts";
import { minimalPdf } from "../../src/demo/minimal-pdf.ts";
import { attachEvidence } from "../../src/evidence/items/attach-evidence.ts";
import { createUpload } from "../../src/evidence/uploads/create-upload.ts";
import { storeUpload } from "../../src/evidence/uploads/store-upload.ts";
import { fileName } from "../../src/evidence/vault/backends/types.ts";
import { getStoredFile, vaultOf } from "../../src/evidence/vault/index.ts";
import { createPerson } from "../../src/persons/create-person.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";
import { runCli } from "../support/cli.ts";

const SYSTEM = { principal: systemPrincipal("test"), address: "local" };

describe("openrsd verify with evidence items", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "openrsd-verify-items-"));
  let caseNumber = "";
  let fileId = "";
  let address = "";
  afterAll(() => {
    for (const d of [dir, `${dir}-keys`, `${dir}-checkpoints`]) rmSync(d, { recursive: true, force: true });
  });

  beforeAll(async () => {
    const { ctx } = await openApp({ data: dir }, { clock: () => new Date("2026-11-24T03:00:00Z") });
    try {
      const person = await createPerson(ctx, SYSTEM, {
        names: [{ value: "Test Person" }],
        nationality: "MMR",
      });
      const opened = await openCase(ctx, SYSTEM, {
        personId: person.id,
        office: "seoul",
        channel: "in_country",
        kind: "first",
        filedOn: "2026-09-01",
      });
      caseNumber = opened.caseNumber ?? "";
      const bytes = minimalPdf([
        "A fictional statement.",
        ..."x"
          .repeat(40)
          .split("")
          .map((_, i) => `Line ${i}`),
      ]);
      const upload = await createUpload(ctx, SYSTEM, opened.id, {
        length: bytes.length,
        name: "statement.pdf",
      });
      await storeUpload(ctx, SYSTEM, upload, Readable.from([bytes]));
      const { item } = await attachEvidence(ctx, SYSTEM, opened.id, {
        kind: "document",
        title: "Statement (fictional)",
        supplier: "applicant",
        receivedOn: "2026-11-20",
        channel: "post",
        uploadIds: [upload.id],
      });
      const original = item.files.find((f) => f.role === "original");
      fileId = original!.id;
      address = (await getStoredFile(vaultOf(ctx), { officeId: "seoul", fileId }))!.address;
    } finally {
      await ctx.db.close();
    }
  });

  it("passes while every file is as the chain recorded it, and names an edited one by case and item", async () => {
    const clean = await runCli(["verify", "--data", dir]);
    expect(clean.code, clean.out).toBe(0);
    expect(clean.out).toMatch(/evidence items: 2 files recorded in the case chains: as recorded/);

    const object = path.join(dir, "evidence", ...fileName(address).split("/"));
    const bytes = readFileSync(object);
    const original = Buffer.from(bytes);
    bytes[100] = bytes[100]! ^ 0x01;
    writeFileSync(object, bytes);
    try {
      const edited = await runCli(["verify", "--data", dir]);
      expect(edited.code, edited.out).toBe(2);
      expect(edited.out).toContain(`ALTERED EVIDENCE: case ${caseNumber}, item 1, file ${fileId}`);
    } finally {
      writeFileSync(object, original);
    }
    expect((await runCli(["verify", "--data", dir])).code).toBe(0);
  }, 180_000);
});
