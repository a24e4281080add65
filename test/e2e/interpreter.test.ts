/**
 * The interpreter's screen: the interviews assigned to them (the demo assigns four), with the date,
 * place, language and the applicant's name, in Korean and English; and no case file.
 */
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWeb,
  expectAccessible,
  launchChromium,
  screenshot,
  signIn,
  startServer,
  type E2EServer,
} from "./support.ts";

describe("the interpreter's interviews", { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it.each(["ko", "en"] as const)(
    "lists their interviews with whom, where and in which language (%s)",
    async (locale) => {
      const c = await browser.browser.newContext({
        viewport: { width: 1280, height: 900 },
        timezoneId: "Asia/Seoul",
      });
      c.setDefaultTimeout(15_000);
      contexts.push(c);
      server.advance(31);
      const page = await signIn(server, c, "demo-interpreter");
      // Their first page is their interviews.
      await page.waitForURL(/\/interviews$/);
      if (locale === "en") await page.getByRole("button", { name: "English" }).click();
      const rows = page.locator("main table tbody tr");
      await rows.first().waitFor();
      const [assigned] = await server.ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM interview_assignments a JOIN accounts u ON u.id = a.interpreter_id
        WHERE u.username = 'demo-interpreter'`,
      );
      expect(await rows.count()).toBe(assigned?.n);
      const first = await rows.first().innerText();
      // A weekday and a date, an applicant's name, a language by its name, and the place.
      expect(first).toMatch(
        locale === "ko" ? /\d{4}년 \d{1,2}월 \d{1,2}일 \(?[월화수목금]\)?/ : /\b(Mon|Tue|Wed|Thu|Fri)\b/,
      );
      // The place as the examiner wrote it (the demo's, in Korean), and the language in the reader's words.
      expect(first).toMatch(/난민면접실/);
      expect(first).toMatch(locale === "ko" ? /어|영어|러시아어|[가-힣]+어/ : /[A-Z][a-z]+/);
      expect(first).not.toMatch(/—/);
      await expectAccessible(page, `interpreter's interviews (${locale})`);
      await screenshot(page, `24-interpreter-${locale}`);

      // Nothing of the case file: the case page answers as for a case that does not exist.
      const [one] = await server.ctx.db.query<{ caseId: string }>(
        `SELECT a.case_id AS "caseId" FROM interview_assignments a JOIN accounts u ON u.id = a.interpreter_id
        WHERE u.username = 'demo-interpreter' LIMIT 1`,
      );
      const res = await page.request.get(`${server.url}/api/v1/cases/${one?.caseId ?? ""}`);
      expect(res.status()).toBe(404);
    },
  );
});
