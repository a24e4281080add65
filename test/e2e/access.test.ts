/**
 * No administrator alone gives access (docs/security.md requirement 18), in a real browser: one
 * administrator requests an account and gets its enrolment link; a second approves it in the
 * dialog that asks for a new code and gets the one-time code; the new user opens the link, enters
 * the code, sets their own password and authenticator app, and signs in. axe-core checks each
 * screen.
 */
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { currentTotpCode } from "../../src/security/commands/accounts.ts";
import {
  buildWeb,
  expectAccessible,
  launchChromium,
  screenshot,
  signIn,
  startServer,
  type E2EServer,
} from "./support.ts";

const KO = JSON.parse(readFileSync(new URL("../../web/src/i18n/ko.json", import.meta.url), "utf8")) as Record<
  string,
  string
>;
const K = (key: string): string => {
  const m = KO[key];
  if (m === undefined) throw new Error(`no message ${key}`);
  return m;
};

describe("access given by two administrators, in the browser", { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  async function context(): Promise<BrowserContext> {
    const c = await browser.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "ko-KR",
      timezoneId: "Asia/Seoul",
    });
    c.setDefaultTimeout(15_000);
    contexts.push(c);
    return c;
  }

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(4), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.dispose();
    await server?.dispose();
  });

  it("request, approve in the dialog, enrol as the new user, sign in", async () => {
    const username = "e2e-new-supervisor";

    // The first administrator requests the account and gets the enrolment link.
    const first = await signIn(server, await context(), "demo-admin", "/admin/access");
    await first.getByRole("heading", { level: 2, name: K("admin.access.heading") }).waitFor();
    await first.locator("#ar-username").fill(username);
    await first.locator("#ar-name").fill("New supervisor (fictional)");
    await first.locator("#ar-role").selectOption("supervisor");
    await first.locator("#ar-office").selectOption("seoul");
    await first.getByRole("button", { name: K("admin.access.submit") }).click();
    const link = (await first.getByTestId("enrolment-link").textContent()) ?? "";
    expect(link).toMatch(new RegExp(`^${server.url}/enrol#[A-Za-z0-9_-]{43}$`));
    // Her own request waits for someone else: she has no button to approve it.
    const mine = first.locator("tr", { hasText: username });
    await mine.getByText(K("admin.access.waiting")).waitFor();
    expect(await mine.getByRole("button", { name: K("admin.access.approve") }).count()).toBe(0);
    await expectAccessible(first, "access requests");
    await screenshot(first, "09-access-request");

    // The second approves it with a new code, and gets the one-time code.
    const second = await signIn(server, await context(), "demo-admin2", "/admin/access");
    await second
      .locator("tr", { hasText: username })
      .getByRole("button", { name: K("admin.access.approve") })
      .click();
    const dialog = second.getByRole("dialog");
    await dialog
      .getByRole("heading", { name: K("admin.access.approveHeading").replace("{user}", username) })
      .waitFor();
    await expectAccessible(second, "access approval dialog");
    server.advance(31);
    await dialog.locator("input[name=totp]").fill(server.code("demo-admin2"));
    await dialog.getByRole("button", { name: K("admin.access.approve") }).click();
    const notice = second.locator("[role=status]", { hasText: username });
    await notice.waitFor();
    const code = /[A-Z2-9]{4}-[A-Z2-9]{4}/.exec((await notice.textContent()) ?? "")?.[0] ?? "";
    expect(code).not.toBe("");
    expect(await notice.textContent()).not.toContain(link.split("#")[1] ?? "-");
    // The account is there, with no way in until its user enrols.
    await second.getByRole("link", { name: K("admin.tabs.users") }).click();
    await second.locator("tr", { hasText: username }).getByText(K("admin.users.awaitingEnrolment")).waitFor();

    // The new user: link and code, then their own authenticator and password.
    const user = await (await context()).newPage();
    await user.goto(link);
    await user.getByRole("heading", { level: 1, name: K("enrol.heading") }).waitFor();
    await expectAccessible(user, "enrolment: code");
    await user.locator("#enrol-code").fill(code.toLowerCase());
    await user.getByRole("button", { name: K("enrol.continue") }).click();
    const secret = (await user.getByTestId("totp-secret").textContent()) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expectAccessible(user, "enrolment: authenticator and password");
    await screenshot(user, "10-enrolment");
    const password = "my-own-password-2026";
    await user.locator("#enrol-password").fill(password);
    await user.locator("#enrol-totp").fill(currentTotpCode(secret, server.ctx.clock()));
    await user.getByRole("button", { name: K("enrol.finish") }).click();
    await user.getByRole("heading", { name: K("enrol.done.heading") }).waitFor();

    // And signs in as themselves.
    server.advance(31);
    await user.getByRole("link", { name: K("signIn.submit") }).click();
    await user.waitForURL(/\/sign-in/);
    await user.locator("#username").fill(username);
    await user.locator("#password").fill(password);
    await user.locator("#totp").fill(currentTotpCode(secret, server.ctx.clock()));
    await user.locator("form button[type=submit]").click();
    await user.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    const session = await user.evaluate(() =>
      fetch("/api/v1/auth/session").then((r) => r.json() as Promise<{ username: string; role: string }>),
    );
    expect(session).toMatchObject({ username, role: "supervisor" });
  });
});
