/**
 * The `openrsd` command as an operator runs it: a real server process on the embedded database,
 * the commands that talk to it, the data-directory lock, and tamper detection by `verify`.
 */
import { execSync, spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp } from "../src/cli/runtime.ts";
import { createPerson } from "../src/persons/create-person.ts";
import { openCase } from "../src/cases/open-case.ts";
import { recordEvent, recordedView } from "../src/cases/record-event.ts";
import { openDatabase, type Database } from "../src/store/db.ts";
import { systemPrincipal } from "../src/security/access/policy.ts";
import { hashEvent, type StoredEvent } from "../src/cases/db/chain-hash.ts";
import { createCheckpoint, writeCheckpoint } from "../src/security/audit/checkpoint.ts";
import { loadSigningKey, publicKeyToBase64 } from "../src/security/audit/signing-key.ts";
import { canonicalize } from "../src/store/canonical.ts";
import { putFile } from "../src/evidence/vault/put-file.ts";
import { vaultOf } from "../src/evidence/vault/vault.ts";
import { fileName } from "../src/evidence/vault/backends/types.ts";
import { BIN, runCli } from "./support/cli.ts";

const SYSTEM = { principal: systemPrincipal("test"), address: "local" };

function startServer(dataDir: string, port: number): Promise<{ child: ChildProcess; out: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ["serve", "--data", dataDir, "--port", String(port)], {
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "error" },
    });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("Press Ctrl+C to stop")) {
        clearTimeout(timer);
        resolve({ child, out: () => out });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

/** A data directory and what lives beside it: its keys and its checkpoints. */
function removeAll(dir: string): void {
  for (const d of [dir, `${dir}-keys`, `${dir}-checkpoints`]) rmSync(d, { recursive: true, force: true });
}

/**
 * What someone with the database's owner rights (not the application's) could do: change an
 * event and recompute its hash and every hash after it, so that the chain verifies on its own.
 */
/**
 * Rewrite event `sequence`'s payload with `change` and recompute every hash after it, as someone
 * with the owner's rights could; returns the payload it had (sealed, as stored), to put it back.
 */
async function rewriteEvent(
  db: Database,
  caseId: string,
  sequence: number,
  change: (payload: Record<string, unknown>) => Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const chain = await db.query<StoredEvent>(
    `SELECT office_id AS "officeId", case_id AS "caseId", sequence, type, occurred_on AS "occurredOn",
            payload, recorded_at AS "recordedAt", recorded_by AS "recordedBy", prev_hash AS "prevHash", hash
     FROM case_events WHERE case_id = $1 ORDER BY sequence`,
    [caseId],
  );
  const before = chain.find((e) => e.sequence === sequence)?.payload ?? {};
  await db.transaction(async (tx) => {
    await tx.query("ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete");
    let prevHash = chain.find((e) => e.sequence === sequence)?.prevHash ?? "";
    for (const event of chain.filter((e) => e.sequence >= sequence)) {
      const changed = event.sequence === sequence ? { ...event, payload: change(event.payload) } : event;
      const hash = hashEvent(prevHash, changed);
      await tx.query(
        "UPDATE case_events SET payload = $1, prev_hash = $2, hash = $3 WHERE case_id = $4 AND sequence = $5",
        [JSON.stringify(changed.payload), prevHash, hash, caseId, event.sequence],
      );
      prevHash = hash;
    }
    await tx.query("ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete");
  });
  return before;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

describe("openrsd verify", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "openrsd-cli-verify-"));
  let caseId = "";
  afterAll(() => removeAll(dir));

  beforeAll(async () => {
    // A few days after the notice: served long ago, it would make the refusal final on the day it
    // is recorded, taking protection away, which waits for a second supervisor's approval.
    const { ctx } = await openApp({ data: dir }, { clock: () => new Date("2024-06-10T03:00:00Z") });
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
        filedOn: "2024-01-10",
      });
      caseId = opened.id;
      let v = recordedView(
        await recordEvent(ctx, SYSTEM, caseId, 1, {
          type: "interview_held",
          occurredOn: "2024-03-01",
          examinerId: "e1",
        }),
      );
      v = recordedView(
        await recordEvent(ctx, SYSTEM, caseId, v.version, {
          type: "decision_issued",
          occurredOn: "2024-06-01",
          outcome: "not_recognized",
          reasons: "A fictional ground for the test.",
        }),
      );
      recordedView(
        await recordEvent(ctx, SYSTEM, caseId, v.version, {
          type: "notice_served",
          occurredOn: "2024-06-05",
          method: "post",
        }),
      );
    } finally {
      await ctx.db.close();
    }
  });

  it("prints a year's statistics, each rate with its definition", async () => {
    const res = await runCli(["stats", "--data", dir, "--year", "2024", "--by", "nationality"]);
    expect(res.code, res.out).toBe(0);
    const mmr = res.out.split("\n").find((l) => l.startsWith("MMR"));
    // One application, one first-instance rejection: RRR 0 %, per-application rate 0 %.
    expect(mmr?.split(/\s{2,}/)).toEqual(expect.arrayContaining(["MMR", "1", "0", "0.00 %"]));
    expect(res.out).toContain("Refugee recognition rate (UNHCR): Convention recognitions /");
    expect(res.out).toContain("Per-application rate (as in the press)");
    const bad = await runCli(["stats", "--data", dir, "--by", "religion"]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("--by must be one of nationality, sex, ageBand, channel, office, kind");
  });

  it("finds a row edited with its hash recomputed, against the checkpoints kept outside the database", async () => {
    const checkpoints = `${dir}-checkpoints`;
    const none = await runCli(["verify", "--data", dir]);
    expect(none.code, none.out).toBe(0);
    expect(none.out).toContain(`checkpoints: none in ${checkpoints}`);

    const written = await runCli(["checkpoint", "--data", dir]);
    expect(written.code, written.out).toBe(0);
    const [file] = readdirSync(checkpoints);
    expect(file).toMatch(/^audit-checkpoint-\d{12}-\d{8}T\d{6}Z\.json$/);
    const matches = await runCli(["verify", "--data", dir]);
    expect(matches.code, matches.out).toBe(0);
    expect(matches.out).toContain(`${file}: matches`);

    // The decision is rewritten, and every hash after it recomputed: the chains verify on their own.
    const original = readFileSync(path.join(checkpoints, file ?? ""), "utf8");
    let db = await openDatabase({ dataDir: dir });
    let sealed: Record<string, unknown> = {};
    try {
      // The payload is sealed: the rewrite replaces it (a decision the key-holder never made).
      sealed = await rewriteEvent(db, caseId, 3, (payload) => ({ ...payload, outcome: "recognized" }));
    } finally {
      await db.close();
    }
    const edited = await runCli(["verify", "--data", dir]);
    expect(edited.code, edited.out).toBe(2);
    expect(edited.out).toContain("case chains: 1 cases, 4 events: intact");
    expect(edited.out).toContain(
      `${file}: MISMATCH (case-chain case ${caseId}, event 4): changed: event 4 of case ${caseId} no longer has the recorded hash`,
    );
    expect(edited.out).toContain("the database does NOT match its checkpoints");

    // Whoever rewrote it signs a checkpoint of the rewritten state with a key of their own, carried
    // in the checkpoint, and puts it in place of the real one: refused, it is not the configured key.
    const attacker = loadSigningKey({ dir: mkdtempSync(path.join(tmpdir(), "openrsd-attacker-")), env: {} });
    db = await openDatabase({ dataDir: dir });
    try {
      rmSync(path.join(checkpoints, file ?? ""));
      writeCheckpoint(path.join(checkpoints, file ?? ""), await createCheckpoint(db, attacker));
    } finally {
      await db.close();
    }
    const forged = await runCli(["verify", "--data", dir]);
    expect(forged.code, forged.out).toBe(2);
    expect(forged.out).toContain(
      `${file}: MISMATCH (signature): not signed by the configured audit key (the checkpoint names another key)`,
    );

    // Put everything back for the next test.
    writeFileSync(path.join(checkpoints, file ?? ""), original);
    db = await openDatabase({ dataDir: dir });
    try {
      await rewriteEvent(db, caseId, 3, () => sealed);
    } finally {
      await db.close();
    }
    const restored = await runCli(["verify", "--data", dir]);
    expect(restored.code, restored.out).toBe(0);
    rmSync(checkpoints, { recursive: true });
  }, 300_000);

  it("names an evidence file whose stored bytes were edited", async () => {
    const { ctx } = await openApp({ data: dir });
    let stored;
    try {
      const content = Buffer.from("%PDF-1.7\n" + "A statement of facts.\n".repeat(5000));
      stored = await putFile(vaultOf(ctx), {
        officeId: "seoul",
        stream: Readable.from([content]),
        storedBy: "test",
      });
    } finally {
      await ctx.db.close();
    }
    const { file } = stored;
    const before = await runCli(["verify", "--data", dir]);
    expect(before.code, before.out).toBe(0);
    expect(before.out).toContain("evidence files: 1 read back and hashed: intact");

    const object = path.join(dir, "evidence", ...fileName(file.address).split("/"));
    const bytes = readFileSync(object);
    const original = Buffer.from(bytes);
    bytes[70_000] = bytes[70_000]! ^ 0x20;
    writeFileSync(object, bytes);
    const after = await runCli(["verify", "--data", dir]);
    expect(after.code, after.out).toBe(2);
    expect(after.out).toContain(`ALTERED EVIDENCE FILE: ${file.id} (office seoul)`);
    writeFileSync(object, original);
  }, 180_000);

  it("reports intact chains, then names the first entry after a row is edited", async () => {
    const clean = await runCli(["verify", "--data", dir]);
    expect(clean.code, clean.out).toBe(0);
    expect(clean.out).toContain("all hash chains are intact");

    const db = await openDatabase({ dataDir: dir });
    try {
      await db.query("ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete");
      await db.query(
        `UPDATE case_events SET payload = jsonb_set(payload, '{outcome}', '"recognized"') WHERE case_id = $1 AND sequence = 3`,
        [caseId],
      );
      await db.query("ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete");
    } finally {
      await db.close();
    }
    const tampered = await runCli(["verify", "--data", dir]);
    expect(tampered.code).toBe(2);
    expect(tampered.out).toContain(`FIRST BAD ENTRY: case ${caseId}, sequence 3`);
    expect(tampered.out).toContain("audit chain:");
  }, 180_000);
});

describe("openrsd serve and the commands that use it", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "openrsd-cli-serve-"));
  const port = 18000 + Math.floor(Math.random() * 2000);
  const url = `http://127.0.0.1:${port}`;
  let server: { child: ChildProcess; out: () => string };
  /** Given at the machine, before the server starts: accounts and tokens are never given through the API. */
  const atTheMachine = { person: "", service: "", token: "" };

  beforeAll(async () => {
    const glass = ["--break-glass", "--reason", "installation: no second administrator yet"];
    const add = (username: string, extra: string[]) =>
      runCli([
        "users",
        "add",
        "--data",
        dir,
        "--username",
        username,
        "--role",
        "intake_clerk",
        "--office",
        "busan",
        ...extra,
      ]);
    atTheMachine.person = (await add("clerk-cli", glass)).out;
    atTheMachine.service = (await add("script-cli", ["--service", ...glass])).out;
    atTheMachine.token = (
      await runCli([
        "tokens",
        "create",
        "--data",
        dir,
        "--username",
        "script-cli",
        "--name",
        "test script",
        "--scope",
        "person.create,case.open,case.list,case.read",
        ...glass,
      ])
    ).out;
    server = await startServer(dir, port);
  }, 180_000);
  afterAll(async () => {
    if (server) await stop(server.child);
    removeAll(dir);
  });

  it("prints where the API and its documentation are", () => {
    expect(server.out()).toContain(`API docs:     ${url}/api/docs`);
  });

  it("keeps its keys beside the data directory, never in it", () => {
    for (const name of ["master.key", "audit-signing.key"]) {
      expect(existsSync(path.join(dir, name)), name).toBe(false);
      expect(statSync(path.join(`${dir}-keys`, name)).mode & 0o777, name).toBe(0o600);
    }
    // Made by the first command on the directory (the accounts given before the server started).
    expect(server.out()).toContain(`master key: ${dir}-keys/master.key (owner-only`);
  });

  it("checks a checkpoint with its own key, never with the key the checkpoint names", async () => {
    const token = readFileSync(path.join(dir, "operator.token"), "utf8").trim();
    const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
    const made = await fetch(`${url}/api/v1/audit/checkpoints`, {
      method: "POST",
      headers: { authorization: headers.authorization },
    });
    expect(made.status).toBe(201);
    const real = (await made.json()) as Record<string, unknown>;
    const check = async (checkpoint: unknown) =>
      (await fetch(`${url}/api/v1/audit/checkpoints/verify`, {
        method: "POST",
        headers,
        body: JSON.stringify(checkpoint),
      }).then((r) => r.json())) as { ok: boolean; firstMismatch?: { what: string; reason: string } };
    expect(await check(real)).toEqual({ ok: true });

    // The same content, signed with another key and naming it.
    const attacker = generateKeyPairSync("ed25519");
    const body: Record<string, unknown> = { ...real, publicKey: publicKeyToBase64(attacker.publicKey) };
    delete body.signature;
    const forged = {
      ...body,
      signature: sign(null, Buffer.from(canonicalize(body)), attacker.privateKey).toString("base64"),
    };
    expect(await check(forged)).toEqual({
      ok: false,
      firstMismatch: {
        what: "signature",
        reason: "not signed by the configured audit key (the checkpoint names another key)",
      },
    });
  });

  it("refuses a second server on the same data directory with a clear message", async () => {
    const second = await runCli(["serve", "--data", dir, "--port", String(port + 1)]);
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/in use by OpenRSD process \d+/);
  });

  it("gives access at the machine by break-glass only, never through the running server; the token works", async () => {
    // A person's account: an enrolment link and code for its user; no password or authenticator secret.
    expect(atTheMachine.person).toMatch(
      /enrolment link \(shown once; give it to the user\): http:\/\/\S+\/enrol#[A-Za-z0-9_-]{43}/,
    );
    expect(atTheMachine.person).toMatch(/one-time enrolment code .*: [A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect(atTheMachine.person).toContain("a critical alert was raised");
    expect(atTheMachine.person).not.toMatch(/password|TOTP secret|otpauth/i);
    // With the server running, the command line does not give access through its API.
    const refused = await runCli([
      "users",
      "add",
      "--data",
      dir,
      "--username",
      "clerk-cli-2",
      "--role",
      "intake_clerk",
      "--office",
      "busan",
      "--break-glass",
      "--reason",
      "through the running server",
    ]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("never through the API");
    // Nor does the operator's token: it carries no right that gives access.
    const operator = readFileSync(path.join(dir, "operator.token"), "utf8").trim();
    const byOperator = await fetch(`${url}/api/v1/access-requests`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${operator}` },
      body: JSON.stringify({
        kind: "account",
        username: "by-operator",
        displayName: "X",
        role: "analyst",
        officeId: null,
      }),
    });
    expect(byOperator.status).toBe(403);

    const token = /ors_[A-Za-z0-9_-]+/.exec(atTheMachine.token)?.[0] ?? "";
    expect(token, atTheMachine.service + atTheMachine.token).not.toBe("");
    const auth = { "content-type": "application/json", authorization: `Bearer ${token}` };

    const person = await fetch(`${url}/api/v1/persons`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ names: [{ value: "Aung Min" }], nationality: "MMR" }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const opened = await fetch(`${url}/api/v1/cases`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({
        personId: person.id,
        office: "busan",
        channel: "in_country",
        kind: "first",
        filedOn: "2023-02-06",
      }),
    }).then((r) => r.json() as Promise<{ id: string }>);

    const list = await runCli(["cases", "list", "--url", url, "--token", token, "--office", "busan"]);
    expect(list.code, list.out).toBe(0);
    expect(list.out).toContain(opened.id);

    const show = await runCli([
      "cases",
      "show",
      opened.id,
      "--url",
      url,
      "--token",
      token,
      "--as-of",
      "2023-03-01",
    ]);
    expect(show.code, show.out).toBe(0);
    expect(show.out).toContain("stage examination");
    expect(show.out).toMatch(/2023-08-07\s+open\s+first_instance_decision/);

    const verify = await runCli(["verify", "--data", dir]);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toContain("through the running server");
    expect(verify.out).toContain("all hash chains are intact");

    // Holidays are an administrator's: the local operator's token, found through --data.
    const addHoliday = await runCli([
      "holidays",
      "add",
      "--data",
      dir,
      "--date",
      "2027-03-03",
      "--name",
      "Test holiday",
      "--kind",
      "temporary",
    ]);
    expect(addHoliday.code, addHoliday.out).toBe(0);
    const list2 = await runCli(["holidays", "list", "--data", dir, "--year", "2027"]);
    expect(list2.out).toMatch(/2027-03-03\s+temporary\s+added/);

    const missing = await runCli([
      "cases",
      "show",
      "01890a5d-ac96-774b-bcce-b302099a8057",
      "--url",
      url,
      "--token",
      token,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/error \(404\)/);

    const anonymous = await fetch(`${url}/api/v1/cases`);
    expect(anonymous.status).toBe(401);
  }, 180_000);
});

describe("a key left in the data directory by an older version", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "openrsd-cli-keys-"));
  afterAll(() => removeAll(dir));

  it("is refused with what to do, until the operator moves it out or names it there", async () => {
    const inside = path.join(dir, "master.key");
    writeFileSync(inside, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });

    const refused = await runCli(["verify", "--data", dir]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`the data directory ${dir} holds master.key`);
    expect(refused.out).toContain(`OPENRSD_MASTER_KEY_FILE=${inside}`);

    // Named explicitly, it stays where it is; the signing key it creates goes beside the data.
    const named = await runCli(["verify", "--data", dir], { OPENRSD_MASTER_KEY_FILE: inside });
    expect(named.code, named.out).toBe(0);
    expect(existsSync(path.join(`${dir}-keys`, "audit-signing.key"))).toBe(true);
    expect(existsSync(path.join(dir, "audit-signing.key"))).toBe(false);

    // Or moved with the command the refusal printed.
    const move = /^ {2}(mkdir -p .*)$/m.exec(refused.out)?.[1] ?? "";
    expect(move).toBe(`mkdir -p -m 700 ${dir}-keys && mv ${inside} ${dir}-keys/`);
    execSync(move);
    const moved = await runCli(["verify", "--data", dir]);
    expect(moved.code, moved.out).toBe(0);
    expect(existsSync(inside)).toBe(false);
  }, 180_000);
});
