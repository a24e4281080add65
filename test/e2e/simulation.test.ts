/**
 * An analyst simulates the 2021 and 2025 bills and the EU rule on a small hand-made history in a
 * real browser, reads the screened-out counts and the false-negative bounds, and publishes the
 * impact statement, whose public page shows only protected figures. axe-core checks the screen.
 */
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadHandMadeHistory } from "../reapplications/history.ts";
import {
  buildWeb,
  expectAccessible,
  launchChromium,
  signInAs,
  startServer,
  type E2EServer,
  E,
} from "./support.ts";

describe("web workspace: simulating re-application policies", { timeout: 180_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const webRoot = buildWeb();
    [server, browser] = await Promise.all([startServer(4, undefined, webRoot), launchChromium()]);
    await loadHandMadeHistory(server.ctx);
  }, 300_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("runs the 2021 and 2025 bills and the EU rule, shows the bounds and publishes the statement", async () => {
    const page = await signInAs(server, browser.browser, contexts, "demo-analyst", "/stats/simulation", {
      locale: "en",
    });
    await page.getByRole("heading", { level: 2, name: E("stats.sim.heading") }).waitFor();
    await page.locator("#sim-from").fill("2020");
    await page.locator("#sim-to").fill("2020");
    await expectAccessible(page, "simulation form");
    await page.getByRole("button", { name: E("stats.sim.run") }).click();
    await page
      .getByRole("heading", { level: 2, name: E("stats.sim.reportHeading", { from: 2020, to: 2020 }) })
      .waitFor();

    // The 2025 bill on the hand-made history: 4 screened out under the strict reading, 1 under
    // the generous; 3 false negatives at most (recognized 1, humanitarian 1, annulled 1).
    const bill = page.locator("section.sim-policy", { has: page.locator("#sim-kr-2025-bill") });
    const strict = bill.getByRole("row", { name: new RegExp(`^${E("stats.sim.strict")}`) });
    await expect(strict.locator("td").first().textContent()).resolves.toBe("4");
    await expect(strict.locator("td").nth(2).textContent()).resolves.toBe("3");
    await expect(strict.locator("td").nth(3).textContent()).resolves.toBe(
      E("stats.sim.fnParts", { recognized: 1, humanitarian: 1, annulled: 1 }),
    );
    const generous = bill.getByRole("row", { name: new RegExp(`^${E("stats.sim.generous")}`) });
    await expect(generous.locator("td").first().textContent()).resolves.toBe("1");
    await expect(page.locator("#sim-kr-2021-bill")).toBeTruthy();
    await page.locator("#sim-eu-2024-1348").waitFor();
    await bill.locator("#sim-by-kr-2025-bill").selectOption("representation");
    await bill.getByRole("rowheader", { name: E("stats.sim.cat.represented"), exact: true }).waitFor();
    await expectAccessible(page, "simulation report");

    await page.getByRole("button", { name: E("stats.sim.publish") }).click();
    const link = page.getByRole("link", { name: E("stats.sim.publicPage") });
    await link.waitFor();
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/statistics\/impact-statements\/[0-9a-f-]+\?lang=en$/);
    const pub = await page.context().newPage();
    await pub.goto(server.url + href);
    await pub.getByRole("heading", { level: 1, name: /Impact statement/ }).waitFor();
    const cells = await pub.locator("td").allTextContents();
    // Eight re-applications: no count of 1 to 4 is shown, only multiples of 5 or the suppression mark.
    for (const c of cells) expect(c.trim()).toMatch(/^(\d*[05]|·.*)$/);
    await expectAccessible(pub, "impact statement page");
  });
});
