/**
 * Steps of the Korean procedure added when the engine was checked against the statutes, recorded
 * through the case page's event forms in a real browser: a demo case where a suit was brought while
 * the objection is pending shows both tracks, the committee secretary withdraws the objection, and
 * the stage follows. The workspace speaks Korean by default; labels come from the profile (src/profiles/kr-refugee-act/labels.ts).
 */
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { krRefugeeAct } from "../../src/profiles/kr-refugee-act/profile.ts";
import { today } from "../../src/app/context.ts";
import { openCase } from "../../src/cases/open-case.ts";
import { recordEvent, recordedView } from "../../src/cases/record-event.ts";
import { createPerson } from "../../src/persons/create-person.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";
import { addDays } from "../../src/kernel/calendar/dates.ts";
import {
  buildWeb,
  expectAccessible,
  launchChromium,
  screenshot,
  signIn,
  startServer,
  type E2EServer,
} from "./support.ts";

const SYSTEM = { principal: systemPrincipal("test"), address: "local" };
const label = (
  group: "events" | "stages" | "deadlineKinds",
  key: string,
  locale: "ko" | "en" = "ko",
): string => {
  const words = krRefugeeAct.labels[locale]?.[group] as Record<string, string> | undefined;
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
  /**
   * A refusal served ten days ago, nothing recorded since: an objection that arrived five days
   * ago is entered today, on the day it arrived (the objection period is 30 days, RA 21(1)).
   */
  async function refusalServedTenDaysAgo(n: number): Promise<{ id: string; on: string }> {
    const now = today(server.ctx);
    const person = await createPerson(server.ctx, SYSTEM, {
      names: [{ value: `Late Objection ${n}`, script: "Latn" }],
      nationality: "KHM",
    });
    const opened = await openCase(server.ctx, SYSTEM, {
      personId: person.id,
      office: "seoul",
      channel: "in_country",
      kind: "first",
      filedOn: addDays(now, -90),
    });
    const decided = recordedView(
      await recordEvent(server.ctx, SYSTEM, opened.id, opened.version, {
        type: "decision_issued",
        occurredOn: addDays(now, -12),
        outcome: "not_recognized",
        reasons: "A fictional refusal for the test.",
        examinerId: "demo-examiner",
      }),
    );
    recordedView(
      await recordEvent(server.ctx, SYSTEM, opened.id, decided.version, {
        type: "notice_served",
        occurredOn: addDays(now, -10),
        method: "post",
      }),
    );
    return { id: opened.id, on: addDays(now, -5) };
  }

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

  it.each(["ko", "en"] as const)(
    "enters an objection that arrived five days ago on the day it arrived, with a warning (%s)",
    async (locale) => {
      const target = await refusalServedTenDaysAgo(locale === "ko" ? 1 : 2);
      const on = target.on;
      server.advance(31);
      const page = await signIn(server, await newContext(), "demo-committee", `/cases/${target.id}`);
      await page.locator("h1").waitFor();
      if (locale === "en") await page.getByRole("button", { name: "English" }).click();
      const objection = label("events", "objection_filed", locale);
      await page.locator("#happened-on").fill(on);
      // The warning, and what the procedure allowed on that day.
      const warning = page.locator(".usa-alert--warning");
      await warning.waitFor();
      expect(await warning.textContent()).toMatch(locale === "ko" ? /사후 입력/ : /Entered late/);
      await page.getByRole("button", { name: objection }).click();
      const form = page.locator("form.event-form");
      await expect(form.locator("input[name=occurredOn]").inputValue()).resolves.toBe(on);
      await expectAccessible(page, `late objection form (${locale})`);
      await screenshot(page, `22-late-objection-${locale}`);
      await form.locator("button[type=submit]").click();
      await page
        .getByText(locale === "ko" ? /발생 [\d,]+일 후 입력/ : /entered [\d,]+ days after it happened/)
        .first()
        .waitFor();
      // The objection period's row says it was used, and when; work permission is a date, not a task.
      const row = (kind: string) =>
        page.getByRole("row", { name: new RegExp(label("deadlineKinds", kind, locale)) }).first();
      await expect
        .poll(() => row("objection_filing").textContent())
        .toMatch(locale === "ko" ? /처리.*준수/ : /done on .*Met/);
      expect(await row("work_permission").textContent()).toMatch(
        locale === "ko" ? /(예정|도래)$/ : /(Upcoming|Reached)$/,
      );
      await page.locator(".deadline-legend summary").click();
      await page.locator(".deadline-legend__list").waitFor();
      await expectAccessible(page, `deadlines with their legend (${locale})`);
      await page.locator("#deadlines-heading").scrollIntoViewIfNeeded();
      await screenshot(page, `23-deadlines-${locale}`);
      const [stored] = await server.ctx.db.query<{ occurredOn: string }>(
        `SELECT occurred_on::text AS "occurredOn" FROM case_events
          WHERE case_id = $1 AND type = 'objection_filed'`,
        [target.id],
      );
      expect(stored?.occurredOn).toBe(on);
    },
  );
  it("records a committee hearing with the members present; the examiner of the decision may not sit (RA 26)", async () => {
    const target = await refusalServedTenDaysAgo(3);
    const [row] = await server.ctx.db.query<{ version: number }>("SELECT version FROM cases WHERE id = $1", [
      target.id,
    ]);
    recordedView(
      await recordEvent(server.ctx, SYSTEM, target.id, row?.version ?? 0, {
        type: "objection_filed",
        occurredOn: target.on,
        filedBy: "representative",
        representative: "A fictional attorney",
        grounds: "The evidence was not examined.",
      }),
    );
    server.advance(31);
    const page = await signIn(server, await newContext(), "demo-committee", `/cases/${target.id}`);
    await page.locator("h1").waitFor();
    // The objection's filer and grounds are in the timeline.
    await page.getByText("A fictional attorney").waitFor();
    await page.getByText("The evidence was not examined.").waitFor();
    await page.getByRole("button", { name: label("events", "committee_hearing_held") }).click();
    const form = page.locator("form.event-form");
    const members = form.locator("textarea[name=members]");
    await members.fill("위원장 A\ndemo-examiner\n위원 C");
    await form.locator("button[type=submit]").click();
    // The rule in the reader's language (Korean here), not the server's English.
    await page
      .locator(".problem")
      .getByText(/난민법 제26조: demo-examiner은\(는\) 심사 대상 결정을 한 난민심사관이므로/)
      .first()
      .waitFor();
    await expectAccessible(page, "hearing refused: the examiner sits");
    await members.fill("위원장 A\n위원 B\n위원 C");
    await form.locator("textarea[name=minutes]").fill("The representative was heard.");
    await form.locator("button[type=submit]").click();
    await page.getByText("위원장 A, 위원 B, 위원 C").waitFor();
    const [stored] = await server.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'committee_hearing_held'",
      [target.id],
    );
    expect(stored?.n).toBe(1);
  });
});
