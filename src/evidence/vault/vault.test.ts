/**
 * The vault, on disk and in a real S3-compatible server, on each test database: what goes in
 * comes out byte for byte, with the SHA-256 node computes; ranges across segment boundaries;
 * the allow-list and the size limit; an edited stored byte is found and named; the same content
 * is stored once per office; and nothing of a file is found in clear where it is stored.
 */
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import archiver from "archiver";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../../app/context.ts";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import { migrate } from "../../store/migrate.ts";
import { testStorages, type TestStorage } from "../../../test/support/vault.ts";
import { fileName, tempName } from "./backends/types.ts";
import { checkAllFiles, checkFile } from "./check-file.ts";
import { FileRefused } from "./inspect.ts";
import { openFile } from "./open-file.ts";
import { putFile } from "./put-file.ts";
import { SEGMENT_SIZE } from "./segments.ts";
import { createVault, type Vault } from "./vault.ts";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** A PDF as far as type detection goes: its magic number, then arbitrary bytes. */
function pdf(size: number, filler = randomBytes(size)): Buffer {
  const bytes = Buffer.alloc(size);
  filler.copy(bytes);
  Buffer.from("%PDF-1.7\n").copy(bytes);
  return bytes;
}

async function zip(entries: [string, string][]): Promise<Buffer> {
  const archive = archiver("zip");
  const out = new PassThrough();
  archive.pipe(out);
  for (const [name, content] of entries) archive.append(content, { name });
  const done = buffer(out);
  await archive.finalize();
  return done;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

const combos = createTestDatabases().flatMap((db) => testStorages.map((storage) => ({ db, storage })));

describe.each(combos)("vault on $db.kind, $storage.kind", ({ db: dbFactory, storage: storageFactory }) => {
  let test: TestDatabase;
  let storage: TestStorage;
  let ctx: AppContext;
  let vault: Vault;
  const put = (bytes: Buffer, officeId = "seoul", v = vault) =>
    putFile(v, { officeId, stream: Readable.from([bytes]), storedBy: "clerk-1" });
  const read = async (officeId: string, fileId: string, range?: { start: number; end?: number }) => {
    const opened = await openFile(vault, { officeId, fileId }, range);
    if (!opened) throw new Error("not found");
    return buffer(opened.stream);
  };

  beforeAll(async () => {
    test = await dbFactory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32) });
    storage = await storageFactory.open();
    vault = createVault(ctx, storage.settings());
  });
  afterAll(async () => {
    vault?.store.close();
    await storage?.dispose();
    await test?.dispose();
  });

  it("gives back the bytes stored, with the SHA-256 of the original", async () => {
    const original = pdf(3 * SEGMENT_SIZE + 12_345);
    const { file, deduplicated } = await put(original);
    expect(deduplicated).toBe(false);
    expect(file).toMatchObject({
      sha256: sha256(original),
      size: original.length,
      mediaType: "application/pdf",
    });
    expect(file.scan).toBe("not_scanned");
    expect((await read("seoul", file.id)).equals(original)).toBe(true);
    expect(await checkFile(vault, { officeId: "seoul", fileId: file.id })).toMatchObject({ ok: true });
  });

  it("stores an empty text file and one exactly a segment long", async () => {
    for (const original of [Buffer.alloc(0), Buffer.alloc(SEGMENT_SIZE, "a")]) {
      const { file } = await put(original);
      expect(file).toMatchObject({
        size: original.length,
        mediaType: "text/plain",
        sha256: sha256(original),
      });
      expect((await read("seoul", file.id)).equals(original)).toBe(true);
      expect((await checkFile(vault, { officeId: "seoul", fileId: file.id })).ok).toBe(true);
    }
  });

  it("reads byte ranges across segment boundaries", async () => {
    const original = pdf(4 * SEGMENT_SIZE + 7);
    const { file } = await put(original);
    const ranges: [number, number][] = [
      [0, 1],
      [SEGMENT_SIZE - 3, SEGMENT_SIZE + 3],
      [SEGMENT_SIZE, 2 * SEGMENT_SIZE],
      [SEGMENT_SIZE + 100, 3 * SEGMENT_SIZE + 100],
      [original.length - 10, original.length],
      [4 * SEGMENT_SIZE, original.length],
      [5, 5],
    ];
    for (const [start, end] of ranges) {
      const got = await read("seoul", file.id, { start, end });
      expect(got.equals(original.subarray(start, end)), `${start}-${end}`).toBe(true);
    }
    // A range running past the end is cut at the end.
    expect(
      (await read("seoul", file.id, { start: original.length - 2, end: original.length + 50 })).length,
    ).toBe(2);
  });

  it("accepts the allowed types and refuses archives and programs", async () => {
    const png = await sharp({
      create: { width: 4, height: 4, channels: 3, background: { r: 200, g: 30, b: 30 } },
    })
      .png()
      .toBuffer();
    expect((await put(png)).file.mediaType).toBe("image/png");
    const chat = Buffer.from(JSON.stringify({ messages: [{ from: "A", text: "안녕하세요" }] }));
    expect((await put(chat)).file.mediaType).toBe("application/json");
    const warc = Buffer.from("WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n");
    expect((await put(warc)).file.mediaType).toBe("application/warc");
    const wacz = await zip([
      ["datapackage.json", "{}"],
      ["archive/data.warc", "WARC/1.1\r\n"],
    ]);
    expect((await put(wacz)).file.mediaType).toBe("application/wacz");

    const plainZip = await zip([["notes.txt", "hello"]]);
    await expect(put(plainZip)).rejects.toMatchObject({ reason: "refused_type" });
    const exe = Buffer.concat([Buffer.from("4d5a90000300000004000000ffff0000", "hex"), randomBytes(5000)]);
    const refusal = await put(exe).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(FileRefused);
    expect((refusal as FileRefused).message).toMatch(/application\/x-msdownload/);
    // Binary bytes of no known format are refused too.
    const unknown = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7) % 256));
    await expect(put(unknown)).rejects.toMatchObject({ reason: "refused_type" });
  });

  it("refuses a file over the limit of its type, and leaves nothing behind", async () => {
    const small = createVault(ctx, storage.settings({ maxFile: 100_000, maxVideo: 300_000 }));
    try {
      await expect(put(pdf(100_001), "seoul", small)).rejects.toMatchObject({ reason: "too_large" });
      expect((await put(pdf(100_000), "seoul", small)).file.size).toBe(100_000);
      // A declared length over the limit is refused as soon as the type is known.
      const declared = putFile(small, {
        officeId: "seoul",
        stream: Readable.from([pdf(5000)]),
        declaredLength: 200_000,
        storedBy: "clerk-1",
      });
      await expect(declared).rejects.toMatchObject({ reason: "too_large" });
      // Video has its own limit (an MP4's ftyp box).
      const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom\0\0\0\0isommp42")]);
      const mp4 = Buffer.concat([ftyp, randomBytes(200_000)]);
      expect((await put(mp4, "seoul", small)).file).toMatchObject({
        mediaType: "video/mp4",
        size: mp4.length,
      });
    } finally {
      small.store.close();
    }
    if (storage.kind === "disk") {
      const tmp = path.join(storage.dir, "evidence", "tmp");
      expect(readdirSync(tmp)).toEqual([]);
    }
  });

  it("names a file whose stored bytes were edited, and will not serve the edited part", async () => {
    const original = pdf(2 * SEGMENT_SIZE + 500);
    const { file } = await put(original);
    const name = fileName(file.address);
    const stored = await buffer(await vault.store.read(name));
    stored[SEGMENT_SIZE + 1000] = stored[SEGMENT_SIZE + 1000]! ^ 0x01;
    // Write the edited bytes back under the same name, as someone with the storage's access could.
    const writer = vault.store.createTemp(tempName("edit"));
    writer.stream.end(stored);
    await new Promise((resolve) => writer.stream.on("finish", resolve));
    await writer.done();
    await vault.store.promote(tempName("edit"), name);

    const check = await checkFile(vault, { officeId: "seoul", fileId: file.id });
    expect(check).toMatchObject({ ok: false, fileId: file.id });
    expect(check.problem).toMatch(/changed/);
    const all = await checkAllFiles(vault);
    expect(all.problems.map((p) => p.fileId)).toEqual([file.id]);
    // The first segment is untouched and readable; the edited one fails.
    expect((await read("seoul", file.id, { start: 0, end: 100 })).equals(original.subarray(0, 100))).toBe(
      true,
    );
    await expect(read("seoul", file.id)).rejects.toThrow(/does not authenticate/);

    // Cut off after the first segment: found too.
    const cut = stored.subarray(0, SEGMENT_SIZE + 28);
    const w2 = vault.store.createTemp(tempName("cut"));
    w2.stream.end(cut);
    await new Promise((resolve) => w2.stream.on("finish", resolve));
    await w2.done();
    await vault.store.promote(tempName("cut"), name);
    expect((await checkFile(vault, { officeId: "seoul", fileId: file.id })).ok).toBe(false);
    await expect(read("seoul", file.id)).rejects.toThrow();
  });

  it("lists temporary objects by when they were written", async () => {
    const writer = vault.store.createTemp(tempName("left-behind"));
    writer.stream.end(Buffer.from("sealed bytes"));
    await new Promise((resolve) => writer.stream.on("finish", resolve));
    await writer.done();
    expect(await vault.store.listTemp(new Date(Date.now() + 60_000))).toContain(tempName("left-behind"));
    expect(await vault.store.listTemp(new Date(Date.now() - 60_000))).not.toContain(tempName("left-behind"));
    await vault.store.remove(tempName("left-behind"));
    expect(await vault.store.listTemp(new Date(Date.now() + 60_000))).not.toContain(tempName("left-behind"));
  });

  it("fails, rather than waits, when the store refuses to take the file", async () => {
    if (storage.kind !== "s3") return;
    const settings = storage.settings();
    if (settings.storage.kind !== "s3") throw new Error("expected S3 settings");
    const broken = createVault(ctx, {
      ...settings,
      storage: { ...settings.storage, bucket: "no-such-bucket" },
    });
    try {
      await expect(put(pdf(24 * 1024 * 1024), "seoul", broken)).rejects.toThrow();
    } finally {
      broken.store.close();
    }
  });

  it("stores the same content once per office, and apart for another office", async () => {
    const original = pdf(70_000);
    const first = await put(original);
    const again = await put(original);
    expect(again.deduplicated).toBe(true);
    expect(again.file.id).toBe(first.file.id);
    const elsewhere = await put(original, "busan");
    expect(elsewhere.deduplicated).toBe(false);
    expect(elsewhere.file.address).not.toBe(first.file.address);
    expect((await read("busan", elsewhere.file.id)).equals(original)).toBe(true);
    // Another office's file is not found through this office.
    expect(await openFile(vault, { officeId: "busan", fileId: first.file.id })).toBeNull();
  });

  it("keeps nothing of a file in clear: not its bytes, not its hash", async () => {
    const canary = `CANARY-${randomBytes(8).toString("hex")}`;
    const original = Buffer.from(`A statement of the applicant.\n${canary}\n`.repeat(50));
    const { file } = await put(original);
    const forms = [
      canary,
      Buffer.from(canary).toString("hex"),
      Buffer.from(canary).toString("base64").slice(0, 12),
      file.sha256,
    ];
    for (const f of filesUnder(storage.dir)) {
      const bytes = readFileSync(f);
      for (const form of forms) expect(bytes.includes(form), `${form} in ${f}`).toBe(false);
      // The object's name reveals nothing either.
      expect(f.includes(file.sha256)).toBe(false);
    }
    const rows = await test.db.query<{ row: string }>(
      "SELECT row_to_json(f)::text AS row FROM evidence_files f",
    );
    for (const { row } of rows) for (const form of forms) expect(row.includes(form)).toBe(false);
    expect((await read("seoul", file.id)).toString()).toContain(canary);
  });

  it("keeps its files owner-only on disk", () => {
    if (storage.kind !== "disk") return;
    const root = path.join(storage.dir, "evidence");
    expect(statSync(root).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(root, { recursive: true, encoding: "utf8" })) {
      const stats = statSync(path.join(root, name));
      expect(stats.mode & 0o777, name).toBe(stats.isDirectory() ? 0o700 : 0o600);
    }
  });
});
