/**
 * Steps of the Korean procedure added when the engine was checked against the statutes, recorded
 * through the case page's event forms in a real browser: a demo case where a suit was brought while
 * the objection is pending shows both tracks, the committee secretary withdraws the objection, and
 * the stage follows. The workspace speaks Korean by default; labels come from the profile (src/profiles/kr-refugee-act/labels.ts).
 */
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { krRefugeeAct } from "../../src/profiles/kr-refugee-act/profile.ts";
import {
  buildWeb,
  expectAccessible,
  launchChromium,
  screenshot,
  signIn,
  startServer,
  type E2EServer,
} from "./support.ts";

const { ko } = krRefugeeAct.labels;
const label = (group: "events" | "stages", key: string): string => {
  const words = ko?.[group] as Record<string, string> | undefined;
  const found = words?.[key];
  if (!found) throw new Error(`no Korean label for ${group}.${key}`);
  return found;
};

describe("new procedure steps in the web workspace", { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let caseId = "";

  async function newContext(): Promise<BrowserContext> {
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
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    const rows = await server.ctx.db.query<{ id: string }>(
      "SELECT id FROM cases WHERE stage = 'objection_and_litigation' ORDER BY id LIMIT 1",
    );
    caseId = rows[0]?.id ?? "";
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("shows an objection and a suit pending together, and records the objection's withdrawal", async () => {
    expect(caseId, "the demo has a case with a suit beside a pending objection").not.toBe("");
    const page = await signIn(server, await newContext(), "demo-committee", `/cases/${caseId}`);
    await page.waitForURL(new RegExp(`/cases/${caseId}`));
    await page.getByText(label("stages", "objection_and_litigation")).first().waitFor();
    await expectAccessible(page, "case with both tracks");
    await screenshot(page, "21-objection-and-litigation");

    await page.getByRole("button", { name: label("events", "objection_withdrawn") }).click();
    const form = page.locator("form.event-form");
    await expect(form.locator("input[type=date][name=occurredOn]").count()).resolves.toBe(1);
    await form.locator("button[type=submit]").click();
    // The suit goes on alone: the stage is litigation, and the objection's steps are gone.
    await page.getByText(label("stages", "litigation"), { exact: true }).first().waitFor();
    await expect(
      page.getByRole("button", { name: label("events", "objection_decided") }).count(),
    ).resolves.toBe(0);
    const stored = await server.ctx.db.query<{ stage: string }>("SELECT stage FROM cases WHERE id = $1", [
      caseId,
    ]);
    expect(stored[0]?.stage).toBe("litigation");
  });
});
