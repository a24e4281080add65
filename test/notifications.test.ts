/**
 * E-mail notifications through a real SMTP server (smtp-server, started here): a decision waiting
 * for approval tells the office's supervisors who gave an address, a returned decision tells its
 * author; the messages name the case by its number and link to it, never the applicant or the
 * reasons; while the mail server is down nothing is lost (the outbox keeps the message and retries
 * it); a deployment without a mail server refuses an address. On PGlite, and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import nodemailer from "nodemailer";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDue, type MailSettings } from "../src/notifications/sender.ts";
import { createTestDatabases } from "../src/store/db.ts";
import { stepUp, type TestUser } from "./support/auth.ts";
import { DECISION, interviewHeld, openHarness, SUMMONS, type Harness } from "./security/fixture.ts";

interface Received {
  to: string[];
  text: string;
}

/** A real SMTP server on `port` (0: any) that keeps what it receives. */
async function smtpServer(port = 0) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    closeTimeout: 500,
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          text: Buffer.concat(chunks).toString("utf8"),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The body of a received single-part message, decoded (quoted-printable or base64), after its headers. */
function decoded(raw: string): string {
  const split = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/content-transfer-encoding: base64/i.test(headers)) return Buffer.from(body, "base64").toString("utf8");
  if (/content-transfer-encoding: quoted-printable/i.test(headers)) {
    const joined = body.replace(/=\r?\n/g, "");
    const bytes: number[] = [];
    for (let i = 0; i < joined.length; i++) {
      const hex = joined[i] === "=" ? joined.slice(i + 1, i + 3) : "";
      if (/^[0-9A-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else bytes.push(joined.charCodeAt(i));
    }
    return Buffer.from(bytes).toString("utf8");
  }
  return body;
}

describe.each(createTestDatabases())("e-mail notifications on $kind", (factory) => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let mail: MailSettings;
  let clerk: TestUser, examiner: TestUser, supervisor: TestUser, silent: TestUser;
  let caseId: string;
  const NAME = "Notify Canary Applicant";

  beforeAll(async () => {
    smtp = await smtpServer();
    mail = {
      transport: nodemailer.createTransport({
        host: "127.0.0.1",
        port: smtp.port,
        secure: false,
        ignoreTLS: true,
      }),
      from: "OpenRSD <no-reply@openrsd.test>",
      origin: "https://rsd.example.test",
    };
    h = await openHarness(factory, { mail });
    clerk = await h.user("nt-clerk", "intake_clerk", "seoul");
    examiner = await h.user("nt-examiner", "examiner", "seoul");
    supervisor = await h.user("nt-supervisor", "supervisor", "seoul");
    silent = await h.user("nt-silent", "supervisor", "seoul");
    ({ caseId } = await h.newCase(clerk, "seoul", { names: [{ value: NAME }] }));
    expect((await h.event(examiner, caseId, SUMMONS)).statusCode).toBe(201);
    expect((await h.event(examiner, caseId, interviewHeld(examiner.username))).statusCode).toBe(201);
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  const deliver = () => deliverDue(h.ctx.db, mail, h.ctx.clock());
  const caseNumber = async () =>
    (await h.call(examiner, "GET", `/api/v1/cases/${caseId}`)).json<{ caseNumber: string }>().caseNumber;

  it("an account gives its address; a bad one is refused", async () => {
    const before = await h.call(examiner, "GET", "/api/v1/notifications/settings");
    expect(before.json()).toEqual({ available: true, email: null });
    const bad = await h.call(examiner, "PUT", "/api/v1/notifications/settings", { email: "not an address" });
    expect([400, 422]).toContain(bad.statusCode);
    for (const [u, email] of [
      [examiner, "examiner@rsd.example.test"],
      [supervisor, "supervisor@rsd.example.test"],
    ] as const) {
      const set = await h.call(u, "PUT", "/api/v1/notifications/settings", { email });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toEqual({ available: true, email });
    }
  });

  it("a decision waiting for approval tells the supervisors who gave an address, by case number only", async () => {
    const draft = await h.event(examiner, caseId, {
      ...DECISION,
      reasons: "Reasons-canary that must not travel.",
    });
    expect(draft.statusCode, draft.body).toBe(202);
    expect(await deliver()).toEqual({ sent: 1, failed: 0, dropped: 0 });
    const [message] = smtp.received;
    expect(message?.to).toEqual(["supervisor@rsd.example.test"]);
    const text = decoded(message?.text ?? "");
    expect(text).toContain(await caseNumber());
    expect(text).toContain("https://rsd.example.test/approvals");
    expect(message?.text).not.toContain(NAME);
    expect(message?.text).not.toContain("canary");
    // Delivered once: another round sends nothing.
    expect(await deliver()).toEqual({ sent: 0, failed: 0, dropped: 0 });
    void silent;
  });

  it("a returned decision tells its author; while the mail server is down the message waits", async () => {
    const [pending] = (await h.call(supervisor, "GET", "/api/v1/approvals")).json<{
      items: { id: string }[];
    }>().items;
    h.clock.tick();
    await stepUp(h.app, h.ctx, supervisor);
    const back = await h.call(supervisor, "POST", `/api/v1/approvals/${pending?.id ?? ""}/return`, {
      reason: "Return-canary: the interview record is missing.",
    });
    expect(back.statusCode, back.body).toBe(200);
    const port = smtp.port;
    await smtp.close();
    const down = await deliver();
    expect(down).toEqual({ sent: 0, failed: 1, dropped: 0 });
    const [row] = await h.test.db.query<{
      attempts: number;
      last_error: string | null;
      sent_at: Date | null;
    }>("SELECT attempts, last_error, sent_at FROM notification_outbox WHERE kind = 'draft_returned'");
    expect(row).toMatchObject({ attempts: 1, sent_at: null });
    expect(row?.last_error).toBeTruthy();
    // Back up, and the retry's time come (one minute after the first attempt).
    smtp = await smtpServer(port);
    expect(await deliver()).toEqual({ sent: 0, failed: 0, dropped: 0 });
    h.clock.tick(61);
    expect(await deliver()).toEqual({ sent: 1, failed: 0, dropped: 0 });
    const [message] = smtp.received;
    expect(message?.to).toEqual(["examiner@rsd.example.test"]);
    const text = decoded(message?.text ?? "");
    expect(text).toContain(`https://rsd.example.test/cases/${caseId}`);
    expect(message?.text).not.toContain("canary");
    expect(message?.text).not.toContain(NAME);
  });

  it("removing the address stops e-mail", async () => {
    const off = await h.call(examiner, "PUT", "/api/v1/notifications/settings", { email: null });
    expect(off.json()).toEqual({ available: true, email: null });
  });
});

describe.each(createTestDatabases())("a deployment without a mail server, on $kind", (factory) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(factory);
  });
  afterAll(async () => {
    await h?.close();
  });
  it("says so, and refuses an address", async () => {
    const u = await h.user("nm-examiner", "examiner", "seoul");
    expect((await h.call(u, "GET", "/api/v1/notifications/settings")).json()).toEqual({
      available: false,
      email: null,
    });
    const set = await h.call(u, "PUT", "/api/v1/notifications/settings", { email: "x@rsd.example.test" });
    expect(set.statusCode).toBe(409);
  });
});
