/**
 * A lawyer files evidence through the portal for a mandated client: the receipt names each file's
 * SHA-256; the item is the representative's, through the portal; the lawyer lists only what they
 * filed; without a mandate the case answers 404, and the staff's routes stay closed.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "../../src/demo/minimal-pdf.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { completeUpload, withDiskVault } from "../support/evidence.ts";
import type { TestStorage } from "../support/vault.ts";
import { openHarness, type Harness } from "../security/fixture.ts";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe.each(createTestDatabases())("portal evidence on $kind", (factory) => {
  let h: Harness;
  let storage: TestStorage;
  let clerk: TestUser;
  let examiner: TestUser;
  let lawyer: TestUser;
  let otherLawyer: TestUser;
  let caseId: string;
  let otherCase: string;
  const letter = minimalPdf(["Letter from a fictional witness"]);

  beforeAll(async () => {
    h = await openHarness(factory);
    storage = await withDiskVault(h.ctx);
    clerk = await h.user("pe-clerk", "intake_clerk", "seoul");
    examiner = await h.user("pe-examiner", "examiner", "seoul");
    lawyer = await h.user("pe-lawyer", "representative", null);
    otherLawyer = await h.user("pe-lawyer-2", "representative", null);
    ({ caseId } = await h.newCase(clerk, "seoul"));
    ({ caseId: otherCase } = await h.newCase(clerk, "seoul"));
    for (const who of [lawyer, otherLawyer]) {
      const m = await h.call(clerk, "POST", `/api/v1/cases/${caseId}/mandates`, {
        representativeId: who.id,
        validFrom: "2026-11-01",
      });
      expect(m.statusCode, m.body).toBe(201);
    }
  });
  afterAll(async () => {
    await h?.close();
    await storage?.dispose();
  });

  it("files an item with a receipt, and lists only what this lawyer filed", async () => {
    const up = await completeUpload(h.app, caseId, lawyer, "witness-letter.pdf", letter);
    const res = await h.call(lawyer, "POST", `/api/v1/portal/cases/${caseId}/evidence`, {
      kind: "document",
      title: "Witness letter (fictional)",
      language: "en",
      uploadIds: [up],
    });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json<{ itemId: string; number: number; receivedAt: string; files: unknown[] }>();
    expect(receipt.number).toBe(1);
    expect(receipt.files).toEqual([{ name: "witness-letter.pdf", size: letter.length, sha256: sha(letter) }]);

    const staff = (
      await h.call(examiner, "GET", `/api/v1/cases/${caseId}/evidence/${receipt.itemId}`)
    ).json();
    expect(staff).toMatchObject({ supplier: "representative", channel: "portal", receivedOn: "2026-11-24" });

    const examinersUp = await completeUpload(
      h.app,
      caseId,
      examiner,
      "note.txt",
      Buffer.from("an office note\n"),
    );
    const office = await h.call(examiner, "POST", `/api/v1/cases/${caseId}/evidence`, {
      kind: "document",
      title: "Office note",
      supplier: "office",
      receivedOn: "2026-11-24",
      channel: "other",
      uploadIds: [examinersUp],
    });
    expect(office.statusCode).toBe(201);
    const theirs = await completeUpload(
      h.app,
      caseId,
      otherLawyer,
      "other.txt",
      Buffer.from("another filing\n"),
    );
    expect(
      (
        await h.call(otherLawyer, "POST", `/api/v1/portal/cases/${caseId}/evidence`, {
          kind: "document",
          title: "Another lawyer's filing",
          uploadIds: [theirs],
        })
      ).statusCode,
    ).toBe(201);

    const list = await h.call(lawyer, "GET", `/api/v1/portal/cases/${caseId}/evidence`);
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: { itemId: string; title: string; files: { sha256: string }[] }[] }>()
      .items;
    expect(items.map((i) => i.itemId)).toEqual([receipt.itemId]);
    expect(items[0]?.files[0]?.sha256).toBe(sha(letter));
  });

  it("answers 404 without a mandate, 403 on the staff's routes, and refuses another's upload", async () => {
    expect((await h.call(lawyer, "GET", `/api/v1/portal/cases/${otherCase}/evidence`)).statusCode).toBe(404);
    expect(
      (
        await h.call(lawyer, "POST", `/api/v1/portal/cases/${otherCase}/evidence`, {
          kind: "document",
          title: "x",
          uploadIds: ["0190a6e0-0000-7000-8000-000000000000"],
        })
      ).statusCode,
    ).toBe(404);
    expect((await h.call(lawyer, "GET", `/api/v1/cases/${caseId}/evidence`)).statusCode).toBe(403);
    const examinersUp = await completeUpload(
      h.app,
      caseId,
      examiner,
      "n.txt",
      Buffer.from("not the lawyer's\n"),
    );
    const res = await h.call(lawyer, "POST", `/api/v1/portal/cases/${caseId}/evidence`, {
      kind: "document",
      title: "Someone else's upload",
      uploadIds: [examinersUp],
    });
    expect(res.statusCode).toBe(422);
    expect(
      (
        await h.call(lawyer, "POST", `/api/v1/portal/cases/${caseId}/evidence`, {
          kind: "document",
          title: "x",
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await h.call(lawyer, "POST", `/api/v1/portal/cases/${caseId}/evidence`, {
          kind: "document",
          title: "x",
          supplier: "office",
          uploadIds: [examinersUp],
        })
      ).statusCode,
    ).toBe(422);
  });
});
