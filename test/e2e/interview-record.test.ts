/**
 * The interview record in a real browser: an examiner schedules an interview of a client's case
 * (Korean), enters the transcript from the keyboard, reads it back with the applicant (one segment
 * confirmed, one corrected: a second version beside the first), records the signatures; then the
 * client's lawyer (English) requests a copy through the portal and downloads the signed record,
 * and the office sees the request; an examiner asks for a change to the signed record, which a
 * supervisor finds on the approvals screen and approves. axe-core on every screen.
 */
import { readFileSync } from "node:fs";
import type { BrowserContext } from "playwright-core";
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
} from "./support.ts";

describe("the interview record in the web workspace", { timeout: 240_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let caseId = "";
  let interviewPath = "";

  const as = (username: string, start: string, locale: "ko" | "en" = "ko") =>
    signInAs(server, browser.browser, contexts, username, start, { locale, downloads: true });

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(12), launchChromium()]);
    const mandated = await server.ctx.db.query<{ case_id: string }>(
      `SELECT m.case_id FROM mandates m JOIN accounts a ON a.id = m.representative_id
        WHERE a.username = 'demo-lawyer' ORDER BY m.case_id LIMIT 1`,
    );
    caseId = mandated[0]?.case_id ?? "";
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("schedules, records, reads back with a correction and signs (Korean)", async () => {
    expect(caseId).not.toBe("");
    const page = await as("demo-examiner", `/cases/${caseId}`);
    await page.getByRole("heading", { level: 2, name: K("interviews.record.heading") }).waitFor();
    await page.getByRole("link", { name: K("interviews.record.schedule") }).click();
    await page.getByRole("heading", { level: 1, name: K("interviews.record.schedule") }).waitFor();
    await page.locator("#iv-on").fill("2026-12-15");
    await page.locator("#iv-time").fill("14:30");
    await page.getByText(K("interviews.record.mode.video"), { exact: true }).click();
    await page.getByLabel(K("interviews.form.videoPlace")).fill("Video room 4 (secure)");
    await page.locator("#iv-language").selectOption("km");
    await page.locator("#iv-interpreter").selectOption({ label: "Demo interpreter" });
    await page.locator("#iv-req-interviewer").selectOption("met");
    await page.locator("#iv-att-trustedPerson").fill("Sok Dara");
    await expectAccessible(page, "schedule an interview");
    await page.getByRole("button", { name: K("interviews.form.submit") }).click();

    await page.waitForURL(/\/interviews\/[0-9a-f-]{36}$/);
    interviewPath = new URL(page.url()).pathname;
    await page.getByText(K("interviews.record.state.open")).waitFor();
    await expect.poll(() => page.getByText("Video room 4 (secure)").count()).toBeGreaterThan(0);
    await page.getByText(K("interviews.requests.choice.met")).waitFor();

    // Segment 1 from the keyboard alone: Ctrl+Enter adds it, and the question field is ready again.
    await page.locator("#new-seg-q").fill("한국에서 어떤 활동을 하였습니까?");
    await page.locator("#new-seg-a").fill("유튜브에 정부 비판 영상을 올렸습니다.");
    await page.locator("#new-seg-end").fill("1:30");
    await page.locator("#new-seg-a").press("Control+Enter");
    await page.locator('li[data-segment="1"]').waitFor();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
              .activeElement?.id ?? "",
        ),
      )
      .toBe("new-seg-q");
    // The next segment starts where the last ended.
    expect(await page.locator("#new-seg-start").inputValue()).toBe("1:30");
    await page.locator("#new-seg-q").fill("집회는 어디에서 열렸습니까?");
    await page.locator("#new-seg-a").fill("서울에서 열렸습니다.");
    await page.locator("#new-seg-end").fill("3:05");
    await page.getByRole("button", { name: K("interviews.segment.add") }).click();
    const second = page.locator('li[data-segment="2"]');
    await second.waitFor();
    await expectAccessible(page, "transcript");

    // Read-back: 1 confirmed, 2 corrected.
    const first = page.locator('li[data-segment="1"]');
    await first.getByRole("button", { name: new RegExp(K("interviews.readBack.confirm")) }).click();
    await first
      .getByText(K("interviews.readBack.confirmed", { at: "" }).trim())
      .first()
      .waitFor();
    await second.locator("summary", { hasText: K("interviews.readBack.correct") }).click();
    await second.locator("#correct-2-a").fill("부산에서 열렸습니다. 서울이 아닙니다.");
    await second.locator("#correct-2-reason").fill("신청인이 장소를 정정함");
    await second.getByRole("button", { name: K("interviews.readBack.saveCorrection") }).click();
    await second
      .getByText(K("interviews.version.kind.correction", { n: 2 }))
      .first()
      .waitFor();
    await expect
      .poll(() => second.locator(".interview-segment__qa dd").nth(1).textContent())
      .toBe("부산에서 열렸습니다. 서울이 아닙니다.");
    // The first version stays, shown in the history.
    await second.locator("summary", { hasText: K("interviews.version.history", { n: 2 }) }).click();
    await second.getByText("서울에서 열렸습니다.", { exact: true }).waitFor();
    await second.getByText(K("interviews.version.reason", { reason: "신청인이 장소를 정정함" })).waitFor();
    await expectAccessible(page, "read-back");

    // Signatures: the applicant signs, and the interpreter.
    await page.getByText(K("interviews.sign.interpreter", { name: "Demo interpreter" })).click();
    await page.getByRole("button", { name: K("interviews.sign.submit") }).click();
    await page.getByText(K("interviews.sign.applicantSigned")).waitFor();
    await page.getByText(K("interviews.record.state.signed")).waitFor();
    // Signed: no more read-back; a change is a request.
    expect(
      await page.getByRole("button", { name: new RegExp(K("interviews.readBack.confirm")) }).count(),
    ).toBe(0);
    await second.locator("summary", { hasText: K("interviews.change.request") }).waitFor();
    await screenshot(page, "interview-record-signed", true);
  });

  it("lets the client's lawyer request a copy and download the signed record; the office sees it (English)", async () => {
    expect(interviewPath).not.toBe("");
    const interviewId = interviewPath.split("/").at(-1) ?? "";
    const page = await as("demo-lawyer", `/portal/cases/${caseId}`, "en");
    await page.getByRole("heading", { level: 2, name: E("interviews.portal.heading") }).waitFor();
    const row = page.locator(`tr[data-interview="${interviewId}"]`);
    await row.getByRole("button", { name: E("interviews.copy.request") }).click();
    const link = row.getByRole("link", { name: E("interviews.copy.download") });
    await link.waitFor();
    await expectAccessible(page, "portal interviews");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const text = readFileSync((await download.path()) ?? "", "utf8");
    expect(text).toContain("면접 조서 / Interview record");
    expect(text).toContain("부산에서 열렸습니다. 서울이 아닙니다.");
    expect(text).toContain("서울에서 열렸습니다.");
    expect(text).toContain("신청인 서명 / Signed by the applicant");
    expect(text).not.toContain("demo-examiner");

    // The office sees the request on the interview.
    const staff = await as("demo-examiner", interviewPath);
    await staff.getByRole("heading", { level: 2, name: K("interviews.copy.heading") }).waitFor();
    await staff.getByText(/demo-lawyer/).waitFor();
  });

  it("takes a change to the signed record when a supervisor approves it from the approvals screen", async () => {
    expect(interviewPath).not.toBe("");
    const page = await as("demo-examiner", interviewPath);
    const first = page.locator('li[data-segment="1"]');
    await first.locator("summary", { hasText: K("interviews.change.request") }).click();
    await first.locator("#change-1-a").fill("유튜브와 페이스북에 정부 비판 영상을 올렸습니다.");
    await first.locator("#change-1-reason").fill("녹음에 따르면 페이스북도 언급함");
    await first.getByRole("button", { name: K("interviews.change.submit") }).click();
    await page.getByRole("heading", { level: 2, name: K("interviews.change.heading") }).waitFor();
    await page.getByText(K("interviews.change.status.pending")).waitFor();
    // Not yet in effect.
    expect(await first.locator(".interview-segment__qa dd").nth(1).textContent()).toBe(
      "유튜브에 정부 비판 영상을 올렸습니다.",
    );

    const supervisor = await as("demo-supervisor", "/approvals");
    await supervisor
      .getByRole("heading", { level: 2, name: K("interviews.change.waitingHeading") })
      .waitFor();
    await expectAccessible(supervisor, "approvals with interview changes");
    await supervisor.locator("[data-change] a").first().click();
    await supervisor.waitForURL((u) => u.pathname === interviewPath);
    await supervisor.getByRole("button", { name: K("interviews.change.approve") }).click();
    await supervisor.getByText(K("interviews.change.status.approved")).waitFor();
    const changed = supervisor.locator('li[data-segment="1"]');
    await changed
      .getByText(K("interviews.version.kind.change", { n: 2 }))
      .first()
      .waitFor();
    expect(await changed.locator(".interview-segment__qa dd").nth(1).textContent()).toBe(
      "유튜브와 페이스북에 정부 비판 영상을 올렸습니다.",
    );
    await expectAccessible(supervisor, "interview after an approved change");
  });
});
