/**
 * The eligibility review in a real browser: an administrator sets the Seoul office's policy to the
 * 2025 bill (a warning: not law); the demo's returning activist re-applies (opened in process, as
 * in the what-is-new journey) with two elements classified; the examiner reads the policy, the
 * earlier refusal and the readings in Korean, and proposes "not eligible" with a reason for each
 * element; a supervisor approves it in Approvals; the notice is served (a second supervisor
 * approves that, with a new code: it lifts the bar on removal); the section then shows, in
 * English, no applicant status and no bar, with the remedy's deadline. axe-core on the section.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { today } from "../../src/app/context.ts";
import { LABELS } from "../../src/profiles/kr-refugee-act/labels.ts";
import {
  buildWeb,
  E,
  expectAccessible,
  K,
  launchChromium,
  signInAs,
  startServer,
  type E2EServer,
  openActivistReapplication,
} from "./support.ts";

const KP = (part: "events", name: string): string => LABELS.ko?.[part]?.[name] ?? name;

describe("the eligibility review of a re-application, in the web workspace", { timeout: 300_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let laterCase = "";

  const as = (username: string, start: string, locale?: "en"): Promise<Page> =>
    signInAs(server, browser.browser, contexts, username, start, locale ? { locale } : {});

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(12), launchChromium()]);
    ({ laterCase } = await openActivistReapplication(server, "e2e-eligibility"));
    // What is new, as the examiner classified it there (docs/what-is-new.md).
    for (const [kind, id, tag] of [
      ["evidence", "posts-2024", "already_considered"],
      ["coi", "report-2023", "existed_not_relied_on"],
    ])
      await server.ctx.db.query(
        `INSERT INTO reapplication_elements (office_id, case_id, ref_kind, ref_id, tag, classified_by, classified_at)
         VALUES ('seoul', $1, $2, $3, $4, 'demo-examiner', now())`,
        [laterCase, kind, id, tag],
      );
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("an administrator runs the 2025 bill in Seoul from today, with a warning", async () => {
    const page = await as("demo-admin", "/admin/reapplication-policy");
    await page.getByRole("heading", { level: 2, name: K("admin.policy.heading") }).waitFor();
    await page.locator("#rp-policy").selectOption("kr-2025-bill");
    await page.getByText(K("eligibility.notLaw")).first().waitFor();
    await page.locator("#rp-from").fill(today(server.ctx));
    await page.locator("#rp-reason").fill("교육용 관서: 2025년 개정안 시범 적용");
    await page.getByRole("button", { name: K("admin.policy.set") }).click();
    await page.getByTestId("office-policy").getByText(/2025/).waitFor();
    await expectAccessible(page, "re-application policy");
  });

  it("the examiner proposes: not eligible, with a reason for each element", async () => {
    const page = await as("demo-examiner", `/cases/${laterCase}`);
    const section = page.getByRole("region", { name: K("eligibility.heading") });
    await section.getByText(K("eligibility.notLaw")).waitFor();
    await section
      .getByTestId("eligibility-trigger")
      .getByText(K("whatsnew.ending.refused_on_merits"), { exact: false })
      .waitFor();
    await section
      .locator('[data-element="evidence/posts-2024"] textarea')
      .fill("1차 신청에서 이미 검토된 게시물입니다.");
    await section
      .locator('[data-element="coi/report-2023"] textarea')
      .fill("종전 결정 전에 발표된 보고서입니다.");
    await section.locator('label[for="eligibility-outcome-ineligible"]').click();
    await section
      .locator("#eligibility-reasons")
      .fill("종전 결정 뒤에 생긴 중대한 사정의 변경이 없습니다(가상 사례).");
    await expectAccessible(page, "eligibility review");
    await section.getByRole("button", { name: K("eligibility.submit") }).click();
    await section.getByTestId("eligibility-pending").waitFor();
  });

  it("a supervisor approves it; the notice is served; status and bar follow the policy", async () => {
    const sup = await as("demo-supervisor", "/approvals");
    const card = sup.locator("article", { hasText: KP("events", "eligibility_decided") }).first();
    await card.getByRole("button", { name: K("approvals.approve") }).click();
    const dialog = sup.getByRole("dialog");
    server.advance(31);
    await dialog.locator("input[name=totp]").fill(server.code("demo-supervisor"));
    await dialog.getByRole("button", { name: K("approvals.confirm.button") }).click();
    await sup.getByText(K("approvals.approved")).waitFor();

    // The intake officer serves the notice: it lifts the bar, so it waits for a second supervisor.
    const clerk = await as("demo-intake", `/cases/${laterCase}`);
    await clerk.getByRole("button", { name: KP("events", "eligibility_notice_served") }).click();
    await clerk.locator("#ev-eligibility_notice_served-method").selectOption("in_person");
    await clerk.getByRole("button", { name: K("case.actions.record") }).click();
    await clerk
      .getByText(
        K("case.actions.sentForApproval").replace("{event}", KP("events", "eligibility_notice_served")),
      )
      .waitFor();
    const second = await as("demo-supervisor2", "/approvals");
    const serveCard = second
      .locator("article", { hasText: KP("events", "eligibility_notice_served") })
      .first();
    await serveCard.getByText(K("approvals.takesProtection")).waitFor();
    await serveCard.getByRole("button", { name: K("approvals.approve") }).click();
    const d2 = second.getByRole("dialog");
    server.advance(31);
    await d2.locator("input[name=totp]").fill(server.code("demo-supervisor2"));
    await d2.getByRole("button", { name: K("approvals.confirm.button") }).click();
    await second.getByText(K("approvals.approved")).waitFor();

    const page = await as("demo-supervisor", `/cases/${laterCase}`, "en");
    const section = page.getByRole("region", { name: E("eligibility.heading") });
    await section.getByText(E("eligibility.outcome.ineligible")).first().waitFor();
    await section
      .getByTestId("eligibility-status")
      .getByText(E("eligibility.noApplicant"), { exact: false })
      .waitFor();
    await section
      .getByTestId("eligibility-bar")
      .getByText(E("eligibility.notBarred"), { exact: false })
      .waitFor();
    const [after] = await server.ctx.db.query<{ stage: string; removal_barred: boolean }>(
      "SELECT stage, removal_barred FROM cases WHERE id = $1",
      [laterCase],
    );
    expect(after).toEqual({ stage: "eligibility_remedy", removal_barred: false });
  });
});
