/**
 * Identity matching in a real browser (docs/identity-matching.md): intake registers the demo's
 * returning activist (Sok Chandara, refused and final) under another spelling of her name; the
 * earlier person is proposed with the reasons in words and how her case ended; the clerk confirms
 * with a reason, and the new case opens as a subsequent application naming the earlier case.
 * axe-core checks the step.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWeb,
  E,
  expectAccessible,
  launchChromium,
  pickCode,
  screenshot,
  signInAs,
  startServer,
  type E2EServer,
} from "./support.ts";

describe("finding the earlier case at intake", { timeout: 180_000 }, () => {
  let server: E2EServer;
  let chromium: { browser: Browser; dispose(): Promise<void> };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    buildWeb();
    [server, chromium] = await Promise.all([startServer(4), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await chromium?.dispose();
    await server?.dispose();
  });

  it("proposes the returning activist under another spelling; confirmed, the case opens as a subsequent application", async () => {
    const page = await signInAs(server, chromium.browser, contexts, "demo-intake", "/cases/new", {
      locale: "en",
    });
    await page.getByRole("heading", { level: 1, name: E("newCase.heading") }).waitFor();
    await page.locator("#nc-name").fill("Sokh Chantdara");
    await pickCode(page, "nc-nationality", "Cambod", "KHM");
    await page.locator("#nc-birthDate").fill("1994-08-22");
    await page.locator("#nc-sex").selectOption("female");
    await page.getByRole("button", { name: E("newCase.submit") }).click();

    const step = page.locator(".person-matches");
    await step.getByRole("heading", { name: E("newCase.matches.heading") }).waitFor();
    const item = step.locator("li", { hasText: "Sok Chandara" });
    await item.getByText("all name parts sound alike").waitFor();
    await item.getByText(/same date of birth, same nationality/).waitFor();
    await item.getByText(/refused on the merits, final/).waitFor();
    await expectAccessible(page, "earlier registrations proposed (en)");
    await screenshot(page, "matching-01-proposed-en", true);

    await item.getByText(E("newCase.matches.confirm"), { exact: true }).click();
    await item.getByLabel(E("newCase.matches.reason"), { exact: true }).selectOption("applicant_confirmed");
    await item.getByRole("button", { name: new RegExp(E("newCase.matches.record")) }).click();
    await item.getByText(/Confirmed as the same person/).waitFor();
    const prior = step.getByRole("group", { name: E("newCase.matches.priorCases") }).getByRole("checkbox");
    await expect(prior.first().isChecked()).resolves.toBe(true);
    await expectAccessible(page, "earlier registration confirmed (en)");
    await screenshot(page, "matching-02-confirmed-en", true);

    await step.getByRole("button", { name: E("newCase.matches.openSubsequent") }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const opened = page.url().split("/").pop() ?? "";
    const [row] = await server.ctx.db.query<{ kind: string; prior_case_ids: string[]; person_id: string }>(
      "SELECT kind, prior_case_ids, person_id FROM cases WHERE id = $1",
      [opened],
    );
    expect(row?.kind).toBe("subsequent");
    expect(row?.prior_case_ids).toHaveLength(1);
    const [link] = await server.ctx.db.query<{ decision: string; reason: string }>(
      "SELECT decision, reason FROM person_links WHERE person_a = $1 OR person_b = $1",
      [row?.person_id],
    );
    expect(link).toEqual({ decision: "confirmed", reason: "applicant_confirmed" });
  });
});
