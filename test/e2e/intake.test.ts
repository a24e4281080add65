/**
 * Intake in a real browser, in Korean and in English: the nationality, the feared countries and
 * the languages picked from lists searched by their Korean or English names; an identity document;
 * contact details and a representative; the case page naming them; and the duplicate warning, by the same document (the clerk opens the
 * case for the person already registered) and by the same name, date of birth and nationality
 * (the clerk registers anyway). axe-core checks every screen.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWeb,
  expectAccessible,
  launchChromium,
  pickCode,
  screenshot,
  signIn,
  startServer,
  type E2EServer,
  E,
  K,
} from "./support.ts";

describe("intake", { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  const passport = `KH${Date.now().toString(36).toUpperCase()}`;
  let firstCase = "";

  async function clerk(locale: "ko" | "en"): Promise<Page> {
    const c = await browser.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: locale === "ko" ? "ko-KR" : "en-GB",
      timezoneId: "Asia/Seoul",
    });
    c.setDefaultTimeout(15_000);
    // The language the workspace keeps in the browser (web/src/i18n), chosen before the first page.
    if (locale === "en") await c.addInitScript({ content: 'localStorage.setItem("openrsd.locale", "en")' });
    contexts.push(c);
    server.advance(31);
    return signIn(server, c, "demo-intake", "/cases/new");
  }
  const personOf = async (caseId: string) =>
    (
      await server.ctx.db.query<{ person_id: string }>("SELECT person_id FROM cases WHERE id = $1", [caseId])
    )[0]?.person_id;

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(8), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("in Korean: picks the nationality, countries and languages by name, and files with a passport and a second document", async () => {
    const page = await clerk("ko");
    await page.getByRole("heading", { level: 1, name: K("newCase.heading") }).waitFor();
    await page.locator("#nc-name").fill("Meas Sophea");
    await page.locator("#nc-name2").fill("메아스 소피아");
    // Typed in Korean, the list offers Cambodia under its Korean name with the code beneath.
    await page.locator("#nc-nationality").fill("캄보");
    const option = page.locator("#nc-nationality--list").getByRole("option", { name: /\(KHM\)$/ });
    await expect(option.textContent()).resolves.toBe("캄보디아 · Cambodia (KHM)");
    await expectAccessible(page, "country picker open (ko)");
    await screenshot(page, "intake-01-country-picker-ko");
    await option.click();
    // Languages by their Korean name and by their English one.
    await pickCode(page, "nc-languages", "크메르", "km");
    await pickCode(page, "nc-languages", "English", "en");
    await pickCode(page, "nc-countriesFeared", "캄보", "KHM");
    const chosen = page.locator("#nc-languages-chosen li");
    await expect(chosen.allTextContents()).resolves.toEqual([
      expect.stringContaining("크메르어 · Khmer (km)"),
      expect.stringContaining("영어 · English (en)"),
    ]);
    await page.locator("#nc-birthDate").fill("1990-05-06");
    await page.locator("#nc-docKind").selectOption("passport");
    await page.locator("#nc-docNumber").fill(passport);
    // A second identity document beside the passport.
    await page.getByRole("button", { name: K("newCase.docAdd") }).click();
    await page.locator("#nc-docKind-1").selectOption("alien_registration");
    await page.locator("#nc-docNumber-1").fill("ARC-990506-7");
    // Contact details and a representative, kept sealed.
    await page.locator("#nc-address").fill("서울특별시 종로구 세종대로 12");
    await page.locator("#nc-phone").fill("010-1234-5678");
    await page.locator("#nc-repName").fill("김변호");
    await page.locator("#nc-repContact").fill("02-555-0101");
    await expectAccessible(page, "new application filled (ko)");
    await screenshot(page, "intake-02-filled-ko", true);
    await page.getByRole("button", { name: K("newCase.submit") }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    firstCase = page.url().split("/").pop() ?? "";
    const facts = page.locator(".facts");
    await facts.getByText("캄보디아 (KHM)", { exact: true }).waitFor();
    await facts.getByText("크메르어 및 영어", { exact: true }).waitFor();
    await facts.getByText("서울특별시 종로구 세종대로 12", { exact: true }).waitFor();
    await facts.getByText("김변호 · 02-555-0101", { exact: true }).waitFor();
    // The applicant moves after intake: the clerk changes the address on the case page.
    await page.getByText(K("person.changeContact")).click();
    await page.locator("#pct-address").fill("경기도 안산시 단원구 원곡로 45");
    await expectAccessible(page, "contact details change (ko)");
    await page.getByRole("button", { name: K("person.changeContactSubmit") }).click();
    await page.getByText(K("person.contactChanged")).waitFor();
    await facts.getByText("경기도 안산시 단원구 원곡로 45", { exact: true }).waitFor();
    await facts.getByText("김변호 · 02-555-0101", { exact: true }).waitFor();
    const [stored] = await server.ctx.db.query<{ nationality: string; languages: string[] }>(
      "SELECT p.nationality, p.languages FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.id = $1",
      [firstCase],
    );
    expect(stored).toEqual({ nationality: "KHM", languages: ["km", "en"] });
    const personId = await personOf(firstCase);
    const person = await page.request.get(`${server.url}/api/v1/persons/${personId}`);
    expect((await person.json()) as { identifiers: unknown[] }).toMatchObject({
      identifiers: [
        { kind: "passport", value: passport },
        { kind: "alien_registration", value: "ARC-990506-7" },
      ],
    });
  });

  it("in Korean: the same passport again warns, and the case opens for the person already registered", async () => {
    const page = await clerk("ko");
    await page.locator("#nc-name").fill("Meas Sopheap");
    await pickCode(page, "nc-nationality", "캄보디아", "KHM");
    await page.locator("#nc-docNumber").fill(passport);
    await page.getByRole("button", { name: K("newCase.submit") }).click();
    const warning = page.locator(".duplicates");
    await warning.getByRole("heading", { name: K("newCase.duplicates.heading") }).waitFor();
    await warning.getByText(K("newCase.duplicates.by.identifier")).waitFor();
    await warning.locator("strong", { hasText: "Meas Sophea / 메아스 소피아" }).waitFor();
    const [numbered] = await server.ctx.db.query<{ n: string }>(
      "SELECT case_number AS n FROM cases WHERE id = $1",
      [firstCase],
    );
    await warning.getByRole("link", { name: numbered!.n }).waitFor();
    await expectAccessible(page, "duplicate warning (ko)");
    await screenshot(page, "intake-03-duplicate-ko", true);
    // Nothing was registered while the clerk decides.
    const persons = async () =>
      Number((await server.ctx.db.query<{ n: string }>("SELECT count(*) AS n FROM persons"))[0]?.n);
    const before = await persons();
    await warning.getByRole("button", { name: new RegExp(K("newCase.duplicates.openFor")) }).click();
    await page.waitForURL(
      (u) => /\/cases\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(firstCase),
    );
    const second = page.url().split("/").pop() ?? "";
    expect(await personOf(second)).toBe(await personOf(firstCase));
    expect(await persons()).toBe(before);
  });

  it("in English: a country must be chosen from the list; the same name, birth date and nationality warn", async () => {
    const page = await clerk("en");
    await page.getByRole("heading", { level: 1, name: E("newCase.heading") }).waitFor();
    await page.locator("#nc-name").fill("sophea MEAS");
    // Typing a country's beginning without choosing it records no nationality.
    await page.locator("#nc-nationality").fill("Cam");
    await page.locator("#nc-birthDate").fill("1990-05-06");
    await page.getByRole("button", { name: E("newCase.submit") }).click();
    await page.locator("#nc-nationality-error").waitFor();
    await expectAccessible(page, "nationality not chosen (en)");

    // Searched by its English name, shown with its Korean one and the code.
    await page.locator("#nc-nationality").fill("Cambod");
    const option = page.locator("#nc-nationality--list").getByRole("option", { name: /\(KHM\)$/ });
    await expect(option.textContent()).resolves.toBe("Cambodia · 캄보디아 (KHM)");
    await option.click();
    await pickCode(page, "nc-languages", "Khm", "km");
    await page.getByRole("button", { name: E("newCase.submit") }).click();
    const warning = page.locator(".duplicates");
    await warning.getByRole("heading", { name: E("newCase.duplicates.heading") }).waitFor();
    await warning.getByText(E("newCase.duplicates.by.name_birth_date_nationality")).waitFor();
    await expectAccessible(page, "duplicate warning (en)");
    await screenshot(page, "intake-04-duplicate-en", true);
    // Another person after all: registered anyway, as a new person.
    await warning.getByRole("button", { name: E("newCase.duplicates.registerAnyway") }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const third = page.url().split("/").pop() ?? "";
    expect(await personOf(third)).not.toBe(await personOf(firstCase));
    await page.locator(".facts").getByText("Cambodia (KHM)", { exact: true }).waitFor();
    await page.locator(".facts").getByText("Khmer", { exact: true }).waitFor();
    await expectAccessible(page, "case page (en)");
  });
});
