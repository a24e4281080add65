/**
 * Evidence items through HTTP, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: attach a
 * document, a social-media capture and a foreign-state action; their events in the case's chain
 * and timeline; the removal hold on the case view; derivatives (text, thumbnail, a disclosure copy
 * without GPS); file content with ranges; custody; search; corrections, observations and
 * withdrawal; bad input that changes nothing; and who reaches what (another office, an
 * interpreter, a lawyer).
 */
import { createHash } from "node:crypto";
import exifr from "exifr";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "../../src/demo/minimal-pdf.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { completeUpload, withDiskVault } from "../support/evidence.ts";
import { stepUp, type TestUser } from "../support/auth.ts";
import type { TestStorage } from "../support/vault.ts";
import { openHarness, type Harness } from "../security/fixture.ts";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function gpsPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "FictionalPhone", Model: "F1" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "37/1 33/1 0/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "126/1 58/1 0/1",
      },
    })
    .toBuffer();
}

describe.each(createTestDatabases())("evidence items on $kind", (factory) => {
  let h: Harness;
  let storage: TestStorage;
  const u = {} as Record<
    "clerk" | "examiner" | "supervisor" | "busan" | "interpreter" | "otherInterpreter" | "lawyer" | "admin",
    TestUser
  >;
  let caseId: string;
  const pdf = minimalPdf([
    "Statement of a fictional applicant",
    "The word lanternfish-7731 is in this text.",
  ]);
  let photo: Buffer;

  const post = (who: TestUser, url: string, body: unknown, headers: Record<string, string> = {}) =>
    h.call(who, "POST", url, body, headers);
  const get = (who: TestUser, url: string, headers: Record<string, string> = {}) =>
    h.call(who, "GET", url, undefined, headers);
  const upload = (who: TestUser, name: string, bytes: Buffer, c = caseId) =>
    completeUpload(h.app, c, who, name, bytes);
  const document = (uploadIds: string[], extra: Record<string, unknown> = {}) => ({
    kind: "document",
    title: "Arrest warrant (fictional)",
    supplier: "applicant",
    receivedOn: "2026-11-20",
    channel: "in_person",
    language: "my",
    uploadIds,
    ...extra,
  });
  const countRows = async () => {
    const [r] = await h.test.db.query<{ items: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM evidence_items WHERE case_id = $1) AS items,
              (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events`,
      [caseId],
    );
    return r;
  };

  beforeAll(async () => {
    h = await openHarness(factory);
    storage = await withDiskVault(h.ctx);
    u.clerk = await h.user("ev-clerk", "intake_clerk", "seoul");
    u.examiner = await h.user("ev-examiner", "examiner", "seoul");
    u.supervisor = await h.user("ev-supervisor", "supervisor", "seoul");
    u.busan = await h.user("ev-busan", "examiner", "busan");
    u.interpreter = await h.user("ev-interpreter", "interpreter", null);
    u.otherInterpreter = await h.user("ev-interpreter-2", "interpreter", null);
    u.lawyer = await h.user("ev-lawyer", "representative", null);
    u.admin = await h.user("ev-admin", "administrator", null);
    ({ caseId } = await h.newCase(u.clerk, "seoul"));
    photo = await gpsPhoto();
  });
  afterAll(async () => {
    await h?.close();
    await storage?.dispose();
  });

  let docId: string;
  let pdfFileId: string;

  it("attaches a document: numbered, in the chain with each file's SHA-256, its text extracted", async () => {
    const before = (await get(u.examiner, `/api/v1/cases/${caseId}`)).json<{ version: number }>().version;
    const up = await upload(u.examiner, "statement-of-applicant.pdf", pdf);
    const res = await post(u.examiner, `/api/v1/cases/${caseId}/evidence`, document([up]));
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json<{
      id: string;
      number: number;
      files: {
        id: string;
        role: string;
        sha256: string;
        mediaType: string;
        name: string;
        derivedFrom?: string;
      }[];
    }>();
    expect(res.headers.location).toBe(`/api/v1/cases/${caseId}/evidence/${item.id}`);
    expect(item.number).toBe(1);
    docId = item.id;
    const original = item.files.find((f) => f.role === "original");
    expect(original).toMatchObject({
      mediaType: "application/pdf",
      sha256: sha(pdf),
      name: "statement-of-applicant.pdf",
    });
    pdfFileId = original!.id;
    const text = item.files.find((f) => f.role === "text");
    expect(text).toMatchObject({ mediaType: "text/plain", derivedFrom: pdfFileId });

    const view = (await get(u.examiner, `/api/v1/cases/${caseId}`)).json<{
      version: number;
      stage: string;
    }>();
    expect(view.version).toBe(before + 1);
    const timeline = (await get(u.examiner, `/api/v1/cases/${caseId}/events`)).json<{
      items: { type: string; data: Record<string, unknown> }[];
    }>();
    const attached = timeline.items.at(-1);
    expect(attached?.type).toBe("evidence_attached");
    expect(attached?.data).toMatchObject({ itemId: docId, number: 1, kind: "document" });
    const files = attached?.data["files"] as { fileId: string; sha256: string; role: string }[];
    expect(files.find((f) => f.role === "original")).toMatchObject({ fileId: pdfFileId, sha256: sha(pdf) });
    expect(files.some((f) => f.role === "text")).toBe(true);

    // The upload is spent: attaching it again is refused and changes nothing.
    const rows = await countRows();
    const again = await post(u.examiner, `/api/v1/cases/${caseId}/evidence`, document([up]));
    expect(again.statusCode).toBe(409);
    expect(await countRows()).toEqual(rows);
  });

  it("serves the file whole and in ranges, inline in a sandbox or as a download, and records each", async () => {
    const url = `/api/v1/cases/${caseId}/evidence/${docId}/files/${pdfFileId}/content`;
    const whole = await get(u.examiner, url);
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(pdf)).toBe(true);
    expect(whole.headers["content-type"]).toBe("application/pdf");
    expect(whole.headers["x-content-type-options"]).toBe("nosniff");
    expect(whole.headers["accept-ranges"]).toBe("bytes");
    expect(whole.headers["content-security-policy"]).toContain("sandbox");
    expect(String(whole.headers["content-disposition"])).toMatch(
      /^inline; filename="statement-of-applicant\.pdf"/,
    );

    const part = await get(u.examiner, url, { range: "bytes=9-24" });
    expect(part.statusCode).toBe(206);
    expect(part.headers["content-range"]).toBe(`bytes 9-24/${pdf.length}`);
    expect(part.rawPayload.equals(pdf.subarray(9, 25))).toBe(true);
    const tail = await get(u.examiner, url, { range: "bytes=-10" });
    expect(tail.rawPayload.equals(pdf.subarray(pdf.length - 10))).toBe(true);
    const outside = await get(u.examiner, url, { range: `bytes=${pdf.length + 5}-` });
    expect(outside.statusCode).toBe(416);
    expect(outside.headers["content-range"]).toBe(`bytes */${pdf.length}`);

    const download = await get(u.examiner, `${url}?download=1`);
    expect(String(download.headers["content-disposition"])).toMatch(/^attachment;/);
    expect((await get(u.examiner, `${url}?download=yes`)).statusCode).toBe(422);

    const custody = (await get(u.examiner, `/api/v1/cases/${caseId}/evidence/${docId}/custody`)).json<{
      items: { action: string; by: string; details: Record<string, unknown> }[];
    }>().items;
    const actions = custody.map((c) => c.action);
    expect(actions.slice(0, 3)).toEqual(["uploaded", "attached", "derived"]);
    expect(actions.filter((a) => a === "viewed")).toHaveLength(3);
    expect(actions.filter((a) => a === "downloaded")).toHaveLength(1);
    expect(custody.find((c) => c.action === "downloaded")).toMatchObject({
      by: u.examiner.username,
      details: { fileId: pdfFileId },
    });
  });

  it("finds words in the extracted text of the case's PDFs", async () => {
    const res = await get(u.examiner, `/api/v1/cases/${caseId}/evidence-search?q=LANTERNFISH-7731`);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { itemId: string; fileId: string; snippet: string }[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ itemId: docId, fileId: pdfFileId });
    expect(items[0]?.snippet).toContain("lanternfish-7731");
    expect(
      (await get(u.examiner, `/api/v1/cases/${caseId}/evidence-search?q=nowhere-to-be-found`)).json(),
    ).toEqual({
      items: [],
    });
    expect((await get(u.examiner, `/api/v1/cases/${caseId}/evidence-search?q=x`)).statusCode).toBe(422);
  });

  it("keeps an image's original and makes a thumbnail and a disclosure copy without GPS", async () => {
    const up = await upload(u.examiner, "protest-photo.jpg", photo);
    const res = await post(u.examiner, `/api/v1/cases/${caseId}/evidence`, {
      ...document([up]),
      title: "Photograph at a protest (fictional)",
    });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json<{
      id: string;
      files: { id: string; role: string; sha256: string; mediaType: string }[];
    }>();
    const byRole = Object.fromEntries(item.files.map((f) => [f.role, f]));
    expect(byRole["original"]?.sha256).toBe(sha(photo));
    const content = async (fileId: string) =>
      (await get(u.examiner, `/api/v1/cases/${caseId}/evidence/${item.id}/files/${fileId}/content`))
        .rawPayload;
    const original = await content(byRole["original"]!.id);
    expect(original.equals(photo)).toBe(true);
    expect((await exifr.gps(original))?.latitude).toBeCloseTo(37.55);
    const copy = await content(byRole["disclosure_copy"]!.id);
    expect(await exifr.gps(copy).catch(() => undefined)).toBeUndefined();
    expect((await sharp(copy).metadata()).width).toBe(640);
    const thumb = await content(byRole["thumbnail"]!.id);
    expect((await sharp(thumb).metadata()).width).toBe(320);
    const custody = (await get(u.examiner, `/api/v1/cases/${caseId}/evidence/${item.id}/custody`)).json<{
      items: { action: string; details: { role?: string; removed?: string[] } }[];
    }>().items;
    expect(custody.find((c) => c.details.role === "disclosure_copy")?.details.removed).toEqual(
      expect.arrayContaining(["gps"]),
    );
  });

  let captureId: string;

  it("records a social-media capture with dated audience observations, each an event", async () => {
    const up = await upload(
      u.examiner,
      "profile-capture.pdf",
      minimalPdf(["Profile of @fictional.activist"]),
    );
    const res = await post(u.examiner, `/api/v1/cases/${caseId}/evidence`, {
      kind: "social_media_capture",
      title: "Public profile of the applicant (fictional)",
      supplier: "office",
      receivedOn: "2026-11-21",
      channel: "other",
      uploadIds: [up],
      capture: {
        platform: "facebook",
        accountId: "fictional.activist",
        url: "https://www.facebook.com/fictional.activist",
        visibility: "public",
        capturedBy: "ev-examiner",
        capturedAt: "2026-11-21T01:00:00Z",
        tool: "browser print to PDF",
      },
      observations: [{ observedOn: "2026-06-01", metric: "followers", value: 1200 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    captureId = res.json<{ id: string }>().id;
    const observed = await post(u.examiner, `/api/v1/cases/${caseId}/evidence/${captureId}/observations`, {
      observedOn: "2026-11-21",
      metric: "followers",
      value: 5400,
      note: "after the interview was published",
    });
    expect(observed.statusCode, observed.body).toBe(200);
    expect(
      observed
        .json<{ observations: { observedOn: string; value: number }[] }>()
        .observations.map((o) => o.value),
    ).toEqual([1200, 5400]);
    const types = (await get(u.examiner, `/api/v1/cases/${caseId}/events`))
      .json<{ items: { type: string }[] }>()
      .items.map((e) => e.type);
    expect(types.filter((t) => t === "audience_observed")).toHaveLength(2);
    // An observation of a document is refused, and changes nothing.
    const rows = await countRows();
    const wrong = await post(u.examiner, `/api/v1/cases/${caseId}/evidence/${docId}/observations`, {
      observedOn: "2026-11-21",
      metric: "views",
      value: 3,
    });
    expect(wrong.statusCode).toBe(422);
    expect(await countRows()).toEqual(rows);
  });

  let actionId: string;

  it("places a removal hold for a foreign-state action, shown on the case view, lifted by withdrawal", async () => {
    const res = await post(u.examiner, `/api/v1/cases/${caseId}/evidence`, {
      kind: "foreign_state_action",
      title: "Request to repatriate (fictional)",
      supplier: "foreign_state",
      receivedOn: "2026-11-22",
      channel: "post",
      uploadIds: [],
      foreignStateAction: {
        action: "repatriation_request",
        state: "MMR",
        actedOn: "2026-11-18",
        channel: "diplomatic note to the ministry",
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    actionId = res.json<{ id: string }>().id;
    const view = (await get(u.examiner, `/api/v1/cases/${caseId}`)).json<{
      removalBarred: boolean;
      removalHolds: unknown[];
      removalBarBasis: string;
    }>();
    expect(view.removalBarred).toBe(true);
    expect(view.removalHolds).toEqual([
      { itemId: actionId, action: "repatriation_request", state: "MMR", actedOn: "2026-11-18" },
    ]);
    const [row] = await h.test.db.query<{ removal_barred: boolean }>(
      "SELECT removal_barred FROM cases WHERE id = $1",
      [caseId],
    );
    expect(row?.removal_barred).toBe(true);
    const labels = (await get(u.examiner, "/api/v1/profiles/kr-refugee-act")).json<{
      labels: { ko: { events: Record<string, string> } };
    }>().labels;
    expect(labels.ko.events["evidence_attached"]).toBe("증거 제출");
  });

  it("corrects what an item says, never its files, and withdraws with a reason", async () => {
    const corrected = await post(u.examiner, `/api/v1/cases/${caseId}/evidence/${docId}/corrections`, {
      reason: "the title named the wrong document",
      title: "Summons (fictional)",
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json<{ title: string; files: { sha256: string }[] }>()).toMatchObject({
      title: "Summons (fictional)",
    });
    const nothing = await post(u.examiner, `/api/v1/cases/${caseId}/evidence/${docId}/corrections`, {
      reason: "x",
    });
    expect(nothing.statusCode).toBe(422);

    const version = (await get(u.examiner, `/api/v1/cases/${caseId}`)).json<{ version: number }>().version;
    const stale = await post(
      u.supervisor,
      `/api/v1/cases/${caseId}/evidence/${actionId}/withdrawal`,
      { reason: "recorded on the wrong case" },
      { "if-match": `"${version - 1}"` },
    );
    expect(stale.statusCode).toBe(412);
    const withdrawn = await post(
      u.supervisor,
      `/api/v1/cases/${caseId}/evidence/${actionId}/withdrawal`,
      { reason: "recorded on the wrong case" },
      { "if-match": `"${version}"` },
    );
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      status: "withdrawn",
      withdrawal: { reason: "recorded on the wrong case" },
    });
    const view = (await get(u.examiner, `/api/v1/cases/${caseId}`)).json<{ removalHolds: unknown[] }>();
    expect(view.removalHolds).toEqual([]);
    const twice = await post(u.supervisor, `/api/v1/cases/${caseId}/evidence/${actionId}/withdrawal`, {
      reason: "again",
    });
    expect(twice.statusCode).toBe(409);
    // The clerk attaches but does not manage.
    const clerk = await post(u.clerk, `/api/v1/cases/${caseId}/evidence/${docId}/withdrawal`, {
      reason: "no",
    });
    expect(clerk.statusCode).toBe(403);
    const list = (await get(u.examiner, `/api/v1/cases/${caseId}/evidence`)).json<{
      items: { number: number; status: string; fileCount: number }[];
    }>().items;
    expect(list.map((i) => [i.number, i.status])).toEqual([
      [1, "active"],
      [2, "active"],
      [3, "active"],
      [4, "withdrawn"],
    ]);
  });

  it("refuses bad input with a clear problem, and changes nothing", async () => {
    const rows = await countRows();
    const url = `/api/v1/cases/${caseId}/evidence`;
    const foreignUpload = await upload(u.supervisor, "not-yours.txt", Buffer.from("someone else's upload\n"));
    for (const [body, status] of [
      [document([]), 422],
      [{ ...document(["0190a6e0-0000-7000-8000-000000000000"]) }, 422],
      [{ ...document([foreignUpload]) }, 422],
      [{ ...document([foreignUpload]), receivedOn: "2099-01-01" }, 422],
      [{ ...document([foreignUpload]), supplier: "neighbour" }, 422],
      [{ ...document([foreignUpload]), title: "" }, 422],
      [{ ...document([foreignUpload]), unknown: 1 }, 422],
      [
        {
          kind: "foreign_state_action",
          title: "x",
          supplier: "other",
          receivedOn: "2026-11-01",
          channel: "post",
        },
        422,
      ],
    ] as const) {
      const res = await post(u.examiner, url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
    }
    expect(await countRows()).toEqual(rows);
    expect(
      (await get(u.examiner, `/api/v1/cases/${caseId}/evidence/0190a6e0-0000-7000-8000-000000000000`))
        .statusCode,
    ).toBe(404);
  });

  it("answers 404 to another office, and leaves the refusal in the access record", async () => {
    for (const url of [
      `/api/v1/cases/${caseId}/evidence`,
      `/api/v1/cases/${caseId}/evidence/${docId}`,
      `/api/v1/cases/${caseId}/evidence/${docId}/custody`,
      `/api/v1/cases/${caseId}/evidence/${docId}/files/${pdfFileId}/content`,
      `/api/v1/cases/${caseId}/evidence-search?q=lanternfish`,
    ])
      expect((await get(u.busan, url)).statusCode, url).toBe(404);
    expect((await post(u.busan, `/api/v1/cases/${caseId}/evidence`, document([]))).statusCode).toBe(422);
    const up = await upload(u.examiner, "x.txt", Buffer.from("plain words\n"));
    expect((await post(u.busan, `/api/v1/cases/${caseId}/evidence`, document([up]))).statusCode).toBe(404);
    // An administrator has no right to any case's evidence.
    expect((await get(u.admin, `/api/v1/cases/${caseId}/evidence`)).statusCode).toBe(403);
    const [denied] = await h.test.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE case_id = $1 AND outcome = 'denied' AND action LIKE 'evidence.%'`,
      [caseId],
    );
    expect(denied?.n).toBeGreaterThanOrEqual(6);
  });

  it("lets an interpreter attach to their interview's case and read only what they attached", async () => {
    const assign = await post(u.examiner, `/api/v1/cases/${caseId}/interview-assignments`, {
      interpreterId: u.interpreter.id,
      interviewOn: "2026-12-01",
      language: "my",
    });
    expect(assign.statusCode, assign.body).toBe(201);
    const up = await upload(u.interpreter, "glossary-notes.txt", Buffer.from("Terms the applicant used\n"));
    const res = await post(u.interpreter, `/api/v1/cases/${caseId}/evidence`, {
      ...document([up]),
      title: "Interpreter's note (fictional)",
      supplier: "other",
      channel: "interview",
    });
    expect(res.statusCode, res.body).toBe(201);
    const own = res.json<{ id: string }>().id;
    // No list of the case's evidence (that is the right to read it): their own item, by its id.
    expect((await get(u.interpreter, `/api/v1/cases/${caseId}/evidence`)).statusCode).toBe(403);
    expect((await get(u.interpreter, `/api/v1/cases/${caseId}/evidence/${own}`)).statusCode).toBe(200);
    expect((await get(u.interpreter, `/api/v1/cases/${caseId}/evidence/${docId}`)).statusCode).toBe(404);
    expect(
      (await get(u.interpreter, `/api/v1/cases/${caseId}/evidence/${docId}/files/${pdfFileId}/content`))
        .statusCode,
    ).toBe(404);
    expect(
      (await post(u.interpreter, `/api/v1/cases/${caseId}/evidence/${own}/withdrawal`, { reason: "no" }))
        .statusCode,
    ).toBe(403);
    // Another interpreter, with no interview on this case, reaches nothing of it.
    expect((await get(u.otherInterpreter, `/api/v1/cases/${caseId}/evidence/${own}`)).statusCode).toBe(404);
    await expect(upload(u.otherInterpreter, "n.txt", Buffer.from("words\n"))).rejects.toThrow(/upload: 404/);
    expect(
      (await post(u.otherInterpreter, `/api/v1/cases/${caseId}/evidence`, document([own]))).statusCode,
    ).toBe(404);
  });

  it("never serves a quarantined file", async () => {
    const up = await upload(u.examiner, "suspicious.txt", Buffer.from("quarantine me\n"));
    const res = await post(u.examiner, `/api/v1/cases/${caseId}/evidence`, document([up]));
    const item = res.json<{ id: string; files: { id: string }[] }>();
    const fileId = item.files[0]!.id;
    // As the vault leaves a file its scanner found infected.
    await h.test.db.query("UPDATE evidence_files SET scan = 'infected' WHERE id = $1", [fileId]);
    const served = await get(
      u.examiner,
      `/api/v1/cases/${caseId}/evidence/${item.id}/files/${fileId}/content`,
    );
    expect(served.statusCode).toBe(409);
    expect(served.body).not.toContain("quarantine me");
    const shown = (await get(u.examiner, `/api/v1/cases/${caseId}/evidence/${item.id}`)).json<{
      files: { quarantined: boolean }[];
    }>();
    expect(shown.files[0]?.quarantined).toBe(true);
  });

  it("refuses a disclosure to a state whose action against the applicant is recorded (RA 17(3))", async () => {
    const { caseId: other } = await h.newCase(u.clerk, "seoul", { countriesFeared: ["MMR"] });
    const disclose = (country: string) =>
      post(u.supervisor, `/api/v1/cases/${other}/disclosures`, {
        recipientKind: "authority",
        recipientCountry: country,
        purpose: "verification of a document",
      });
    h.clock.tick();
    await stepUp(h.app, h.ctx, u.supervisor);
    expect((await disclose("VNM")).statusCode).toBe(201);
    const res = await post(u.examiner, `/api/v1/cases/${other}/evidence`, {
      kind: "foreign_state_action",
      title: "Extradition request (fictional)",
      supplier: "foreign_state",
      receivedOn: "2026-11-23",
      channel: "court",
      foreignStateAction: {
        action: "extradition_request",
        state: "VNM",
        actedOn: "2026-11-20",
        channel: "ministry of justice",
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const refused = await disclose("VNM");
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ detail: string }>().detail).toMatch(/action against the applicant is recorded/);
    expect((await disclose("JPN")).statusCode).toBe(201);
  });

  it("compares the files the case chains record with the vault, for openrsd verify through a server", async () => {
    const url = "/api/v1/integrity/evidence-items";
    expect((await post(u.examiner, url, { altered: [] })).statusCode).toBe(403);
    const clean = await post(u.admin, url, { altered: [] });
    expect(clean.statusCode, clean.body).toBe(200);
    const report = clean.json<{ ok: boolean; checked: number }>();
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThanOrEqual(6);
    // What the vault found altered is named by the case's number, the item's and the file's id.
    const altered = await post(u.admin, url, {
      altered: [{ officeId: "seoul", fileId: pdfFileId, problem: "the stored bytes were changed" }],
    });
    const [caseRow] = await h.test.db.query<{ n: string }>(
      "SELECT case_number AS n FROM cases WHERE id = $1",
      [caseId],
    );
    expect(altered.json()).toMatchObject({
      ok: false,
      problems: [{ caseId, caseNumber: caseRow?.n, itemNumber: 1, fileId: pdfFileId }],
    });
    expect((await post(u.admin, url, { altered: [{ fileId: "x" }] })).statusCode).toBe(422);
  });

  it("numbers items attached at the same moment one after another, each in the chain", async () => {
    const { caseId: busy } = await h.newCase(u.clerk, "seoul");
    const ups = await Promise.all(
      [1, 2, 3].map((i) =>
        upload(u.examiner, `part-${i}.txt`, Buffer.from(`part ${i} of a statement\n`), busy),
      ),
    );
    const answers = await Promise.all(
      ups.map((up) => post(u.examiner, `/api/v1/cases/${busy}/evidence`, document([up]))),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(answers.map((a) => a.json<{ number: number }>().number).sort()).toEqual([1, 2, 3]);
    const types = (await get(u.examiner, `/api/v1/cases/${busy}/events`))
      .json<{ items: { type: string }[] }>()
      .items.map((e) => e.type);
    expect(types.filter((t) => t === "evidence_attached")).toHaveLength(3);
  });
});
