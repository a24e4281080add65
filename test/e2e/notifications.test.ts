/**
 * E-mail notifications in the browser: on a deployment with a mail server, a supervisor gives an
 * address on their account page (a malformed one is refused) and can stop e-mail again; without a
 * mail server, the page says that no e-mail is sent. Korean, with axe. Delivery itself is
 * test/notifications.test.ts.
 */
import nodemailer from "nodemailer";
import type { AddressInfo } from "node:net";
import type { BrowserContext } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailSettings } from "../../src/notifications/sender.ts";
import {
  buildWeb,
  expectAccessible,
  K,
  launchChromium,
  signIn,
  startServer,
  type E2EServer,
} from "./support.ts";

describe("e-mail notifications on the account page", { timeout: 180_000 }, () => {
  let withMail: E2EServer;
  let without: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let smtp: SMTPServer;
  let mail: MailSettings;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      closeTimeout: 500,
      logger: false,
      onData(stream, _session, done) {
        stream.resume();
        stream.on("end", () => done());
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    mail = {
      transport: nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }),
      from: "OpenRSD <no-reply@openrsd.test>",
      origin: "http://localhost",
    };
    buildWeb();
    [withMail, without, browser] = await Promise.all([
      startServer(24, undefined, undefined, { mail }),
      startServer(),
      launchChromium(),
    ]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await withMail?.dispose();
    await without?.dispose();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  async function context() {
    const c = await browser.browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: "Asia/Seoul",
    });
    c.setDefaultTimeout(15_000);
    contexts.push(c);
    return c;
  }

  it("a supervisor gives an address for e-mail notifications, and stops them", async () => {
    withMail.advance(31);
    const page = await signIn(withMail, await context(), "demo-supervisor", "/account");
    await page.getByRole("heading", { level: 2, name: K("account.notifications.heading") }).waitFor();
    const field = page.getByLabel(K("account.notifications.email"));
    await field.fill("not-an-address");
    await page.getByRole("button", { name: K("account.notifications.save") }).click();
    // The browser's own check refuses it first; nothing is saved.
    expect(
      await field.evaluate((el) => (el as unknown as { validity: { valid: boolean } }).validity.valid),
    ).toBe(false);
    await field.fill("supervisor@rsd.example.test");
    await page.getByRole("button", { name: K("account.notifications.save") }).click();
    await page
      .getByText(K("account.notifications.saved", { email: "supervisor@rsd.example.test" }))
      .waitFor();
    await expectAccessible(page, "account page with e-mail notifications");
    const stored = async () =>
      (
        await withMail.ctx.db.query<{ email: string | null }>(
          "SELECT email FROM accounts WHERE username = 'demo-supervisor'",
        )
      )[0]?.email;
    expect(await stored()).toBe("supervisor@rsd.example.test");
    // And stops them.
    await page.getByRole("button", { name: K("account.notifications.stop") }).click();
    await page.getByText(K("account.notifications.removed")).waitFor();
    expect(await stored()).toBeNull();
  });

  it("without a mail server, the page says no e-mail is sent", async () => {
    without.advance(31);
    const page = await signIn(without, await context(), "demo-examiner", "/account");
    await page.getByText(K("account.notifications.unavailable")).waitFor();
    expect(await page.getByLabel(K("account.notifications.email")).count()).toBe(0);
    await expectAccessible(page, "account page without e-mail");
  });
});
