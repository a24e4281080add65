/**
 * The virus scanner, for real: a clamd started here with a signature database of its own (the
 * EICAR test file's hash, made with sigtool). An EICAR upload is stored quarantined, kept
 * encrypted and never served; a clean file is clean. A scanner that is configured but cannot be
 * reached leaves the file not scanned, says why, and says so in the log. ClamAV's clamd and
 * sigtool must be installed (Debian: clamav, clamav-daemon); without them this test fails.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../../app/context.ts";
import { seedHolidays } from "../../holidays/add-holiday.ts";
import { buildServer } from "../../server/app.ts";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import { migrate } from "../../store/migrate.ts";
import { newSignedInUser, sessionHeaders } from "../../../test/support/auth.ts";
import { openDiskStorage, type TestStorage } from "../../../test/support/vault.ts";
import { openFile, QuarantinedError } from "./open-file.ts";
import { putFile } from "./put-file.ts";
import { createVault, useVault, type Vault } from "./vault.ts";

const NOW = new Date("2026-11-24T03:00:00Z");

const CLAMD = ["/usr/sbin/clamd", "/usr/bin/clamd", "/usr/local/sbin/clamd"].find((p) => existsSync(p));
const SIGTOOL = ["/usr/bin/sigtool", "/usr/local/bin/sigtool"].find((p) => existsSync(p));

/** The EICAR test file, assembled here so that this source file itself is not flagged. */
const EICAR = Buffer.from(
  ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-", "TEST-FILE!$H+H*"].join(""),
);

let dir: string;
let clamd: ChildProcess | undefined;
let socket: string;

async function waitFor(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what} did not happen within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  if (!CLAMD || !SIGTOOL)
    throw new Error(
      "ClamAV is not installed: the scanner test needs clamd and sigtool (Debian: apt-get install clamav clamav-daemon)",
    );
  dir = mkdtempSync(path.join(tmpdir(), "openrsd-clamd-"));
  mkdirSync(path.join(dir, "db"));
  writeFileSync(path.join(dir, "eicar.txt"), EICAR);
  const signature = execFileSync(SIGTOOL, ["--sha256", "eicar.txt"], { cwd: dir, encoding: "utf8" });
  writeFileSync(path.join(dir, "db", "test.hdb"), signature);
  socket = path.join(dir, "clamd.sock");
  writeFileSync(
    path.join(dir, "clamd.conf"),
    [
      `DatabaseDirectory ${path.join(dir, "db")}`,
      `LocalSocket ${socket}`,
      `TemporaryDirectory ${dir}`,
      `PidFile ${path.join(dir, "clamd.pid")}`,
      "Foreground yes",
      "StreamMaxLength 1M",
      "LogSyslog no",
      "",
    ].join("\n"),
  );
  let output = "";
  clamd = spawn(CLAMD, ["-c", path.join(dir, "clamd.conf")], { stdio: ["ignore", "pipe", "pipe"] });
  clamd.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  clamd.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  let exited = false;
  clamd.on("exit", () => (exited = true));
  await waitFor(() => existsSync(socket) || exited, "clamd's socket");
  if (exited) throw new Error(`clamd did not start:\n${output}`);
}, 90_000);

afterAll(async () => {
  if (clamd && clamd.exitCode === null) {
    const gone = new Promise((resolve) => clamd!.once("exit", resolve));
    clamd.kill("SIGTERM");
    await gone;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(createTestDatabases())("virus scanning on $kind", (factory) => {
  let test: TestDatabase;
  let storage: TestStorage;
  let ctx: AppContext;
  let vault: Vault;
  const logged: string[] = [];
  const masterKey = randomBytes(32);

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    const log = pino(
      { level: "info" },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          logged.push(chunk.toString());
          done();
        },
      }),
    );
    ctx = await createAppContext({ db: test.db, masterKey, log });
    storage = await openDiskStorage();
    vault = createVault(ctx, storage.settings({ clamd: { socket } }));
  });
  afterAll(async () => {
    await storage?.dispose();
    await test?.dispose();
  });

  const put = (bytes: Buffer, v = vault) =>
    putFile(v, { officeId: "seoul", stream: Readable.from([bytes]), storedBy: "clerk-1" });

  it("quarantines EICAR: stored, encrypted, never served", async () => {
    const { file } = await put(EICAR);
    expect(file.scan).toBe("infected");
    expect(file.scanDetail).toMatch(/eicar/i);
    await expect(openFile(vault, { officeId: "seoul", fileId: file.id })).rejects.toBeInstanceOf(
      QuarantinedError,
    );
    // Kept all the same, for whoever must examine it.
    const kept = await openFile(vault, { officeId: "seoul", fileId: file.id }, undefined, {
      quarantined: "allow",
    });
    expect((await buffer(kept!.stream)).equals(EICAR)).toBe(true);
  });

  it("finds a clean file clean, across many scanner chunks", async () => {
    const text = Buffer.from("A clean statement of facts.\n".repeat(20_000));
    const { file } = await put(text);
    expect(file).toMatchObject({ scan: "clean", scanDetail: null, size: text.length });
  });

  it("answers an upload of EICAR through the API as quarantined, a clean one as complete", async () => {
    const scanned = await createAppContext({ db: test.db, masterKey, clock: () => NOW });
    useVault(scanned, storage.settings({ clamd: { socket } }));
    await seedHolidays(scanned);
    const app = await buildServer({ ctx: scanned });
    try {
      const clerk = await newSignedInUser(app, scanned, "scan-clerk", "intake_clerk", "seoul");
      const person = await app.inject({
        method: "POST",
        url: "/api/v1/persons",
        headers: sessionHeaders(clerk),
        payload: { names: [{ value: "Test Person" }], nationality: "MMR" },
      });
      const opened = await app.inject({
        method: "POST",
        url: "/api/v1/cases",
        headers: sessionHeaders(clerk),
        payload: {
          personId: person.json<{ id: string }>().id,
          office: "seoul",
          channel: "in_country",
          kind: "first",
          filedOn: "2026-11-20",
        },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const upload = (name: string, body: Buffer) =>
        app.inject({
          method: "POST",
          url: `/api/v1/cases/${opened.json<{ id: string }>().id}/files`,
          headers: { ...sessionHeaders(clerk), "x-file-name": encodeURIComponent(name) },
          payload: body,
        });
      const infected = await upload("eicar.txt", EICAR);
      expect(infected.statusCode, infected.body).toBe(201);
      expect(infected.json()).toMatchObject({ status: "quarantined", file: { scan: "infected" } });
      const clean = await upload("note.txt", Buffer.from("Nothing to see here.\n"));
      expect(clean.json()).toMatchObject({ status: "complete", file: { scan: "clean" } });
    } finally {
      await app.close();
    }
  });

  it("keeps a file longer than clamd takes unscanned, with clamd's reason", async () => {
    const long = Buffer.from(`A long statement ${randomBytes(4).toString("hex")}.\n`.repeat(60_000));
    const { file } = await put(long);
    expect(file.scan).toBe("not_scanned");
    expect(file.scanDetail).toMatch(/size limit/i);
  });

  it("keeps a file unscanned, and says why in the row and the log, when the scanner cannot be reached", async () => {
    const away = createVault(ctx, storage.settings({ clamd: { socket: path.join(dir, "nobody.sock") } }));
    const { file } = await put(Buffer.from(`Another statement ${randomBytes(4).toString("hex")}\n`), away);
    expect(file.scan).toBe("not_scanned");
    expect(file.scanDetail).toMatch(/could not be reached/);
    expect(logged.some((line) => line.includes("virus scanner failed"))).toBe(true);
  });

  it("without a scanner, a file is not scanned, never clean", async () => {
    const none = createVault(ctx, storage.settings());
    const { file } = await put(Buffer.from(`Unscanned ${randomBytes(4).toString("hex")}\n`), none);
    expect(file).toMatchObject({ scan: "not_scanned", scanDetail: "no virus scanner is configured" });
  });
});
