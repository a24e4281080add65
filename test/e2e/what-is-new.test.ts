/**
 * What is new, in a real browser: the demo's returning activist re-applies (opened here in
 * process; intake's matching is tested in its own journey), and the examiner reads on the case page,
 * in Korean, the earlier refusal and, since it, the new posts, the grown audience, the request to
 * repatriate and the newer report on activists abroad; classifies the request as having arisen
 * after the earlier decision and saves. A supervisor reads the same section in English.
 * axe-core on the case page.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWeb,
  E,
  expectAccessible,
  K,
  launchChromium,
  screenshot,
  signInAs,
  startServer,
  type E2EServer,
  openActivistReapplication,
} from "./support.ts";

describe("what is new in a subsequent application, in the web workspace", { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let laterCase = "";

  const as = (username: string, start: string, locale?: "en"): Promise<Page> =>
    signInAs(server, browser.browser, contexts, username, start, locale ? { locale } : {});

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(12), launchChromium()]);
    ({ laterCase } = await openActivistReapplication(server, "e2e-what-is-new", { evidence: true }));
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("shows the examiner what arose since the refusal, and keeps her classification", async () => {
    const page = await as("demo-examiner", `/cases/${laterCase}`);
    const section = page.getByRole("region", { name: K("whatsnew.heading") });
    await section.getByRole("heading", { level: 3, name: K("whatsnew.earlier.heading") }).waitFor();
    await section.getByText(K("whatsnew.ending.refused_on_merits")).first().waitFor();

    const table = (kind: string) => section.getByRole("table", { name: K(`whatsnew.kind.${kind}`) });
    await table("evidence")
      .getByText(/Livestreams naming provincial officials/)
      .first()
      .waitFor();
    await table("audience")
      .getByText(`${K("evidence.metric.followers")} 46,800`)
      .first()
      .waitFor();
    await table("foreign_state_action")
      .getByText(K("evidence.stateAction.repatriation_request"), { exact: false })
      .first()
      .waitFor();
    await table("coi")
      .getByText(/Cambodia: treatment of online activists abroad and of returnees \(2025\)/)
      .first()
      .waitFor();
    await table("foreign_state_action").getByText(K("whatsnew.tag.arose_after")).first().waitFor();
    await expectAccessible(page, "what is new");
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "whatsnew-01-ko");

    await table("foreign_state_action").getByRole("combobox").selectOption("arose_after");
    await section.getByRole("button", { name: K("whatsnew.save", { n: 1 }) }).click();
    await section.getByText(K("whatsnew.saved")).first().waitFor();
    const rows = await server.ctx.db.query<{ tag: string; ref_kind: string }>(
      `SELECT tag, ref_kind FROM reapplication_elements WHERE case_id = $1`,
      [laterCase],
    );
    expect(rows).toEqual([{ tag: "arose_after", ref_kind: "foreign_state_action" }]);
  });

  it("reads the same in English", async () => {
    const page = await as("demo-supervisor", `/cases/${laterCase}`, "en");
    const section = page.getByRole("region", { name: E("whatsnew.heading") });
    await section.getByRole("heading", { level: 3, name: E("whatsnew.kind.audience") }).waitFor();
    await section.getByText(E("whatsnew.ending.refused_on_merits")).first().waitFor();
  });
});
