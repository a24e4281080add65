/**
 * Uploading evidence through HTTP, as a browser (tus-js-client) and an API client do: a resumable
 * upload in two PATCHes, resumed after the server restarted, with the SHA-256 node computes of
 * the original; a wrong offset (409), another account's upload (404), a file over the limit
 * (413 before any byte), a refused type (415); a single-request upload; a representative with
 * and without a mandate; and the file's name and content nowhere in clear in the database or
 * the storage.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { Upload as TusUpload } from "tus-js-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../src/app/context.ts";
import { findUpload } from "../src/evidence/uploads/db.ts";
import { EXPIRED, sweepExpiredUploads } from "../src/evidence/uploads/sweep-uploads.ts";
import { useVault } from "../src/evidence/vault/vault.ts";
import { seedHolidays } from "../src/holidays/add-holiday.ts";
import { buildServer, DEFAULT_ORIGIN } from "../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../src/store/db.ts";
import { migrate } from "../src/store/migrate.ts";
import { newSignedInUser, sessionHeaders, testClock, type TestUser } from "./support/auth.ts";
import { openDiskStorage, type TestStorage } from "./support/vault.ts";

const NOW = new Date("2026-11-24T03:00:00Z");
const MAX_FILE = 1024 * 1024;
const MAX_VIDEO = 3 * 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const b64 = (text: string) => Buffer.from(text).toString("base64");

function pdf(size: number, marker = ""): Buffer {
  const bytes = randomBytes(size);
  Buffer.from(`%PDF-1.7\n${marker}`).copy(bytes);
  return bytes;
}

describe.each(createTestDatabases())("evidence uploads on $kind", (factory) => {
  let test: TestDatabase;
  let storage: TestStorage;
  let ctx: AppContext;
  let app: FastifyInstance;
  const masterKey = randomBytes(32);
  const clock = testClock(NOW);
  const users = {} as Record<"clerk" | "examiner" | "other" | "rep" | "busan", TestUser>;
  let caseId: string;

  async function start() {
    ctx = await createAppContext({ db: test.db, masterKey, clock: clock.now });
    useVault(ctx, storage.settings({ maxFile: MAX_FILE, maxVideo: MAX_VIDEO }));
    app = await buildServer({ ctx });
  }

  beforeAll(async () => {
    test = await factory.open();
    storage = await openDiskStorage();
    await migrate(test.db);
    await start();
    await seedHolidays(ctx);
    users.clerk = await newSignedInUser(app, ctx, "clerk-1", "intake_clerk", "seoul");
    users.examiner = await newSignedInUser(app, ctx, "examiner-1", "examiner", "seoul");
    users.other = await newSignedInUser(app, ctx, "examiner-2", "examiner", "seoul");
    users.busan = await newSignedInUser(app, ctx, "examiner-busan", "examiner", "busan");
    users.rep = await newSignedInUser(app, ctx, "lawyer-1", "representative", null);
    const person = await app.inject({
      method: "POST",
      url: "/api/v1/persons",
      headers: sessionHeaders(users.clerk),
      payload: {
        names: [{ value: "Sok Dara", script: "Latn", kind: "primary" }],
        birthDate: "1990-04-02",
        sex: "male",
        nationality: "KHM",
        languages: ["km"],
      },
    });
    expect(person.statusCode, person.body).toBe(201);
    const opened = await app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: sessionHeaders(users.clerk),
      payload: {
        personId: person.json<{ id: string }>().id,
        office: "seoul",
        channel: "in_country",
        kind: "first",
        filedOn: "2026-11-20",
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    caseId = opened.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
    await storage?.dispose();
  });

  const tus = (u: TestUser, extra: Record<string, string> = {}) => ({
    ...sessionHeaders(u),
    "tus-resumable": "1.0.0",
    ...extra,
  });

  async function create(u: TestUser, length: number, name = "statement.pdf", type?: string) {
    return app.inject({
      method: "POST",
      url: `/api/v1/cases/${caseId}/uploads`,
      headers: tus(u, {
        "upload-length": String(length),
        "upload-metadata": `filename ${b64(name)}${type ? `,filetype ${b64(type)}` : ""}`,
      }),
    });
  }

  const patch = (u: TestUser, location: string, offset: number, bytes: Buffer) =>
    app.inject({
      method: "PATCH",
      url: location,
      headers: tus(u, { "upload-offset": String(offset), "content-type": "application/offset+octet-stream" }),
      payload: bytes,
    });

  const head = (u: TestUser, location: string) =>
    app.inject({ method: "HEAD", url: location, headers: tus(u) });

  it("takes a file in two PATCHes, resumed after a restart, with the original's SHA-256", async () => {
    const original = pdf(300_000);
    const created = await create(users.examiner, original.length, "진술서 2026.pdf", "application/pdf");
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers["upload-offset"]).toBe("0");
    expect(created.headers["tus-resumable"]).toBe("1.0.0");
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/api\/v1\/uploads\/[0-9a-f-]{36}$/);

    const first = await patch(users.examiner, location, 0, original.subarray(0, 123_457));
    expect(first.statusCode, first.body).toBe(204);
    expect(first.headers["upload-offset"]).toBe("123457");
    expect((await head(users.examiner, location)).headers["upload-offset"]).toBe("123457");

    // The server restarts between the two parts: a new process, the same database and storage.
    await app.close();
    await start();

    const wrong = await patch(users.examiner, location, 100, original.subarray(100));
    expect(wrong.statusCode, wrong.body).toBe(409);
    const second = await patch(users.examiner, location, 123_457, original.subarray(123_457));
    expect(second.statusCode, second.body).toBe(204);
    expect(second.headers["upload-offset"]).toBe(String(original.length));

    const got = await app.inject({ url: location, headers: sessionHeaders(users.examiner) });
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toMatchObject({
      caseId,
      name: "진술서 2026.pdf",
      status: "complete",
      offset: original.length,
      declaredLength: original.length,
      file: {
        name: "진술서 2026.pdf",
        mediaType: "application/pdf",
        size: original.length,
        sha256: sha256(original),
        scan: "not_scanned",
      },
    });
    // A finished upload takes no more bytes.
    expect((await patch(users.examiner, location, original.length, Buffer.alloc(0))).statusCode).toBe(409);
  });

  it("shows an upload only to the account that made it", async () => {
    const created = await create(users.examiner, 10_000);
    const location = String(created.headers.location);
    expect((await head(users.other, location)).statusCode).toBe(404);
    expect((await patch(users.other, location, 0, pdf(10_000))).statusCode).toBe(404);
    expect((await app.inject({ url: location, headers: sessionHeaders(users.other) })).statusCode).toBe(404);
    expect((await head(users.examiner, location)).statusCode).toBe(200);
    const unknown = `/api/v1/uploads/${"0190a000-0000-7000-8000-000000000000"}`;
    expect((await head(users.examiner, unknown)).statusCode).toBe(404);
  });

  it("refuses a case out of reach as if it did not exist", async () => {
    expect((await create(users.busan, 1000)).statusCode).toBe(404);
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/cases/0190a000-0000-7000-8000-000000000000/uploads`,
      headers: tus(users.examiner, { "upload-length": "10", "upload-metadata": `filename ${b64("a.pdf")}` }),
    });
    expect(res.statusCode).toBe(404);
  });

  it("refuses a file over the limit before any byte, and a refused type at the end", async () => {
    const tooLarge = await create(users.examiner, MAX_VIDEO + 1);
    expect(tooLarge.statusCode, tooLarge.body).toBe(413);
    expect(tooLarge.headers["content-type"]).toMatch(/problem\+json/);
    // A declared PDF has the smaller limit; a declared video the larger one.
    expect((await create(users.examiner, MAX_FILE + 1, "a.pdf", "application/pdf")).statusCode).toBe(413);
    expect((await create(users.examiner, MAX_FILE + 1, "a.mp4", "video/mp4")).statusCode).toBe(201);

    const exe = Buffer.concat([Buffer.from("4d5a90000300000004000000ffff0000", "hex"), randomBytes(20_000)]);
    // A first part too short to tell the type: refused with the last byte.
    const created = await create(users.examiner, exe.length, "setup.pdf");
    const location = String(created.headers.location);
    expect((await patch(users.examiner, location, 0, exe.subarray(0, 1000))).statusCode).toBe(204);
    const last = await patch(users.examiner, location, 1000, exe.subarray(1000));
    expect(last.statusCode, last.body).toBe(415);
    const got = await app.inject({ url: location, headers: sessionHeaders(users.examiner) });
    expect(got.json()).toMatchObject({ status: "refused" });
    expect(got.json<{ refusal: string }>().refusal).toMatch(/x-msdownload/);
    expect((await patch(users.examiner, location, exe.length, Buffer.alloc(0))).statusCode).toBe(409);
    // A first part that shows the type: refused at once, before the rest is sent.
    const early = String((await create(users.examiner, exe.length, "setup2.pdf")).headers.location);
    const first = await patch(users.examiner, early, 0, exe.subarray(0, 10_000));
    expect(first.statusCode, first.body).toBe(415);
    expect((await patch(users.examiner, early, 0, exe.subarray(0, 10_000))).statusCode).toBe(409);
    // A PDF declared without a type, over the PDF limit: refused with its first part.
    const pdfBig = String((await create(users.examiner, MAX_FILE + 10)).headers.location);
    const firstPdf = await patch(users.examiner, pdfBig, 0, pdf(50_000));
    expect(firstPdf.statusCode, firstPdf.body).toBe(413);
    // Undeclared, a PDF over its limit is refused once its first bytes show what it is.
    const big = await create(users.examiner, MAX_FILE + 10);
    const refused = await patch(users.examiner, String(big.headers.location), 0, pdf(MAX_FILE + 10));
    expect(refused.statusCode, refused.body).toBe(413);
  });

  it("answers bad headers with 400, a wrong body type with 415", async () => {
    const noTus = await app.inject({
      method: "POST",
      url: `/api/v1/cases/${caseId}/uploads`,
      headers: {
        ...sessionHeaders(users.examiner),
        "upload-length": "10",
        "upload-metadata": `filename ${b64("a")}`,
      },
    });
    expect(noTus.statusCode).toBe(400);
    for (const headers of <Record<string, string>[]>[
      { "upload-length": "-1", "upload-metadata": `filename ${b64("a")}` },
      { "upload-length": "ten", "upload-metadata": `filename ${b64("a")}` },
      { "upload-length": "10" },
      { "upload-length": "10", "upload-metadata": "filename !!!" },
      { "upload-length": "10", "upload-metadata": `filename ${b64("a/b")}` },
      { "upload-length": "10", "upload-metadata": `filetype ${b64("text/plain")}` },
      {
        "upload-length": "10",
        "upload-metadata": `filename ${b64("a")},filetype ${b64(`video/${"x".repeat(200)}`)}`,
      },
      { "upload-length": "1".repeat(16), "upload-metadata": `filename ${b64("a")}` },
    ]) {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/cases/${caseId}/uploads`,
        headers: tus(users.examiner, headers),
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(400);
    }
    const location = String((await create(users.examiner, 100)).headers.location);
    const json = await app.inject({
      method: "PATCH",
      url: location,
      headers: tus(users.examiner, { "upload-offset": "0", "content-type": "application/json" }),
      payload: "{}",
    });
    expect(json.statusCode).toBe(415);
    const noOffset = await app.inject({
      method: "PATCH",
      url: location,
      headers: tus(users.examiner, { "content-type": "application/offset+octet-stream" }),
      payload: Buffer.alloc(10),
    });
    expect(noOffset.statusCode).toBe(400);
    expect((await patch(users.examiner, location, 0, pdf(101))).statusCode).toBe(400);
  });

  it("takes a file in one request, and refuses what the vault refuses", async () => {
    const original = Buffer.from(JSON.stringify({ chat: [{ from: "A", text: "우리는 내일 떠난다" }] }));
    const post = (u: TestUser, body: Buffer, name: string | null, extra: Record<string, string> = {}) =>
      app.inject({
        method: "POST",
        url: `/api/v1/cases/${caseId}/files`,
        headers: {
          ...sessionHeaders(u),
          "content-type": "application/json",
          ...(name !== null ? { "x-file-name": encodeURIComponent(name) } : {}),
          ...extra,
        },
        payload: body,
      });
    const res = await post(users.examiner, original, "채팅 기록.json");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: "complete",
      name: "채팅 기록.json",
      file: { mediaType: "application/json", sha256: sha256(original), size: original.length },
    });
    expect((await post(users.examiner, original, null)).statusCode).toBe(400);
    const zip = Buffer.concat([Buffer.from("504b0304140000000800", "hex"), randomBytes(100)]);
    expect((await post(users.examiner, zip, "a.zip", { "content-type": "application/zip" })).statusCode).toBe(
      415,
    );
    expect((await post(users.examiner, pdf(MAX_FILE + 1), "big.pdf")).statusCode).toBe(413);
    expect((await post(users.busan, original, "a.json")).statusCode).toBe(404);
  });

  it("lets a representative upload only while holding a mandate for the case", async () => {
    expect((await create(users.rep, 1000)).statusCode).toBe(404);
    const mandate = await app.inject({
      method: "POST",
      url: `/api/v1/cases/${caseId}/mandates`,
      headers: sessionHeaders(users.clerk),
      payload: { representativeId: users.rep.id, validFrom: "2026-11-01" },
    });
    expect(mandate.statusCode, mandate.body).toBe(201);
    const original = pdf(5000);
    const created = await create(users.rep, original.length, "위임장.pdf");
    expect(created.statusCode, created.body).toBe(201);
    const done = await patch(users.rep, String(created.headers.location), 0, original);
    expect(done.statusCode, done.body).toBe(204);
  });

  it("works with tus-js-client over HTTP, in chunks", async () => {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    const original = pdf(250_000);
    const url = await new Promise<string>((resolve, reject) => {
      const upload = new TusUpload(original, {
        endpoint: `http://127.0.0.1:${port}/api/v1/cases/${caseId}/uploads`,
        chunkSize: 100_000,
        retryDelays: [],
        metadata: { filename: "scan.pdf", filetype: "application/pdf" },
        headers: { cookie: users.examiner.cookie, origin: DEFAULT_ORIGIN },
        onError: reject,
        onSuccess: () => resolve(upload.url ?? ""),
      });
      upload.start();
    });
    const got = await app.inject({ url: new URL(url).pathname, headers: sessionHeaders(users.examiner) });
    expect(got.json()).toMatchObject({ status: "complete", file: { sha256: sha256(original) } });
  });

  it("keeps what arrived of a PATCH cut off, and resumes from there", async () => {
    if (!app.server.listening) await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    const original = pdf(300_000);
    const location = String((await create(users.examiner, original.length)).headers.location);
    // Half of a 200,000-byte PATCH arrives, then the connection is lost.
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: "127.0.0.1",
        port,
        method: "PATCH",
        path: location,
        headers: {
          ...tus(users.examiner, {
            "upload-offset": "0",
            "content-type": "application/offset+octet-stream",
          }),
          "content-length": "200000",
        },
      });
      req.on("error", () => resolve());
      req.write(original.subarray(0, 100_000), () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 300),
      );
    });
    let offset = 0;
    for (let tries = 0; tries < 200 && offset === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      offset = Number((await head(users.examiner, location)).headers["upload-offset"]);
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(100_000);
    const rest = await patch(users.examiner, location, offset, original.subarray(offset));
    expect(rest.statusCode, rest.body).toBe(204);
    const got = await app.inject({ url: location, headers: sessionHeaders(users.examiner) });
    expect(got.json()).toMatchObject({ status: "complete", file: { sha256: sha256(original) } });
  });

  it("keeps the file's name and content out of the database and the storage in clear", async () => {
    const canary = `CANARY${randomBytes(6).toString("hex")}`;
    const content = Buffer.from(`Witness statement ${canary}\n`.repeat(40));
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/cases/${caseId}/files`,
      headers: { ...sessionHeaders(users.examiner), "x-file-name": encodeURIComponent(`${canary}.txt`) },
      payload: content,
    });
    expect(res.statusCode, res.body).toBe(201);
    const forms = [
      canary,
      Buffer.from(canary).toString("hex"),
      Buffer.from(canary).toString("base64").slice(0, 10),
    ];
    for (const table of ["evidence_uploads", "evidence_files", "audit_log"]) {
      const rows = await test.db.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
      for (const { row } of rows)
        for (const form of forms) expect(row.includes(form), `${table}: ${form}`).toBe(false);
    }
    const files = readdirSync(storage.dir, { recursive: true, encoding: "utf8" })
      .map((f) => path.join(storage.dir, f))
      .filter((f) => statSync(f).isFile());
    for (const f of files) for (const form of forms) expect(readFileSync(f).includes(form)).toBe(false);
    // And the uploader reads them back.
    const got = await app.inject({
      url: `/api/v1/uploads/${res.json<{ id: string }>().id}`,
      headers: sessionHeaders(users.examiner),
    });
    expect(got.json<{ name: string }>().name).toBe(`${canary}.txt`);
  });
  // Last: it moves the clock a week on.
  it("forgets an unfinished upload after its expiry, with its parts", async () => {
    const original = pdf(50_000);
    const location = String((await create(users.examiner, original.length)).headers.location);
    expect((await patch(users.examiner, location, 0, original.subarray(0, 20_000))).statusCode).toBe(204);
    const id = location.split("/").pop() ?? "";
    const partsOf = () =>
      readdirSync(path.join(storage.dir, "evidence", "tmp")).filter((name) => name.startsWith(id));
    expect(partsOf()).toHaveLength(1);
    expect(await sweepExpiredUploads(ctx)).toBe(0);

    // And a temporary object a stopped process left behind long ago.
    const orphan = path.join(storage.dir, "evidence", "tmp", "0190a000-0000-7000-8000-000000000000");
    writeFileSync(orphan, "sealed bytes");
    utimesSync(orphan, new Date("2020-01-01"), new Date("2020-01-01"));

    clock.tick(7 * 24 * 3600 + 1);
    expect(await sweepExpiredUploads(ctx)).toBeGreaterThanOrEqual(1);
    expect(partsOf()).toEqual([]);
    expect(existsSync(orphan)).toBe(false);
    const upload = await findUpload(test.db, ctx.keyring, id);
    expect(upload).toMatchObject({ status: "refused", refusal: EXPIRED, parts: [] });
  });
});
