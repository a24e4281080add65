/**
 * The workspace on paper and in other scripts: the case page printed (no menu, no buttons, status
 * labels readable in black on white). axe-core checks every screen.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/demo/accounts.ts";
import {
  buildWeb,
  expectAccessible,
  fillSignIn,
  launchChromium,
  screenshot,
  signIn,
  startServer,
  type E2EServer,
} from "./support.ts";

const VIEWPORT = { width: 1280, height: 860 };

interface CSSStyle {
  color: string;
  backgroundColor: string;
  getPropertyValue(name: string): string;
}

/** WCAG's contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r = 0, g = 0, bl = 0] = (c.match(/[\d.]+/g) ?? []).map(Number);
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("web workspace: print, scripts, focus, phone", { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  let caseId = "";

  async function context(viewport = VIEWPORT, locale = "ko-KR"): Promise<BrowserContext> {
    const c = await browser.browser.newContext({ viewport, locale, timezoneId: "Asia/Seoul" });
    c.setDefaultTimeout(15_000);
    contexts.push(c);
    return c;
  }

  /** The id of a demo case with deadlines, as the examiner's API answers. */
  async function someCase(page: Page): Promise<string> {
    const res = await page.request.get(`${server.url}/api/v1/deadlines?limit=1`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { items: { caseId: string }[] };
    const id = body.items[0]?.caseId;
    if (!id) throw new Error("the demo has no case with a deadline");
    return id;
  }

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it.each(["ko-KR", "en-GB"])(
    "prints the case page without menu or buttons, labels readable (%s)",
    async (locale) => {
      server.advance(31); // a code counts once: each sign-in takes the next 30-second step
      const page = await signIn(server, await context(VIEWPORT, locale), "demo-examiner");
      caseId ||= await someCase(page);
      await page.goto(`${server.url}/cases/${caseId}`);
      await page.locator("h1").waitFor();
      const tags = page.locator(".usa-tag");
      await tags.first().waitFor();
      // On screen: the menu and buttons are there (else the check below would prove nothing).
      await expect.poll(() => page.locator("nav.app-nav").isVisible()).toBe(true);
      expect(await page.locator("button:visible, .usa-button:visible").count()).toBeGreaterThan(0);

      await page.emulateMedia({ media: "print" });
      expect(await page.locator("nav").isVisible()).toBe(false);
      expect(await page.locator("button:visible, .usa-button:visible, form:visible").count()).toBe(0);
      expect(await page.locator("h1").isVisible()).toBe(true);
      // Each status label: its text against what paper shows behind it. Browsers print background
      // colours only where the page asks for them (print-color-adjust: exact); else the paper is white.
      const labels = await tags.evaluateAll((els) =>
        els.map((el) => {
          const s = (globalThis as unknown as { getComputedStyle(e: unknown): CSSStyle }).getComputedStyle(
            el,
          );
          return {
            text: el.textContent ?? "",
            color: s.color,
            background: s.backgroundColor,
            exact: s.getPropertyValue("print-color-adjust") === "exact",
            visible: el.getClientRects().length > 0,
          };
        }),
      );
      expect(labels.filter((l) => l.visible).length).toBeGreaterThan(0);
      for (const l of labels.filter((x) => x.visible)) {
        const paper = l.exact ? l.background : "rgb(255, 255, 255)";
        expect(contrast(l.color, paper), `${l.text}: ${l.color} on ${paper}`).toBeGreaterThanOrEqual(4.5);
      }
      await expectAccessible(page, `case page printed (${locale})`);
      await screenshot(page, `print-case-${locale}`, true);
      await page.emulateMedia({ media: "screen" });
    },
  );

  it.each(["ko-KR", "en-GB"])("fits a 390-pixel phone: sign-in and worklist (%s)", async (locale) => {
    const phone = { width: 390, height: 844 };
    const c = await context(phone, locale);
    const page = await c.newPage();
    await page.goto(`${server.url}/sign-in`);
    await page.locator("#username").waitFor();
    const demo = page.locator(".demo-accounts");
    await demo.waitFor();
    const overflow = () =>
      page.evaluate(() => {
        const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
          .document;
        return d.documentElement.scrollWidth;
      });
    // Nothing wider than the screen, and every demo account's button on it.
    expect(await overflow()).toBeLessThanOrEqual(phone.width);
    const buttons = demo.getByRole("button");
    expect(await buttons.count()).toBeGreaterThan(3);
    for (const box of await buttons.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right))) {
      expect(box).toBeLessThanOrEqual(phone.width);
    }
    await expectAccessible(page, `sign-in on a phone (${locale})`);
    await screenshot(page, `phone-sign-in-${locale}`, true);

    server.advance(31);
    await fillSignIn(server, page, "demo-examiner");
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    await page.goto(`${server.url}/worklist`);
    await page.locator("h1").waitFor();
    const firstRow = page.locator("main table tbody tr").first();
    await firstRow.waitFor();
    expect(await overflow()).toBeLessThanOrEqual(phone.width);
    // The header and the filters leave room for work: the first entry starts on the first screen.
    const top = await firstRow.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeLessThan(phone.height);
    await screenshot(page, `phone-worklist-${locale}`);
    // The menu is one button away, and opens.
    const menu = page.getByRole("button", { name: /메뉴|Menu/ });
    await menu.click();
    await expect.poll(() => page.locator("nav.app-nav a").first().isVisible()).toBe(true);
    await expectAccessible(page, `worklist on a phone, menu open (${locale})`);
  });

  it.each(["ko-KR", "en-GB"])(
    "signs in by keyboard alone: a wrong code's error is focused and in view (%s)",
    async (locale) => {
      const c = await context({ width: 390, height: 700 }, locale);
      const page = await c.newPage();
      await page.goto(`${server.url}/sign-in`);
      await page.locator("#username").waitFor();
      const focusedId = () =>
        page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
              .activeElement?.id ?? "",
        );
      for (let i = 0; i < 20 && (await focusedId()) !== "username"; i++) await page.keyboard.press("Tab");
      expect(await focusedId()).toBe("username");
      await page.keyboard.type("demo-examiner");
      await page.keyboard.press("Tab");
      await page.keyboard.type(DEMO_PASSWORD);
      for (let i = 0; i < 5 && (await focusedId()) !== "totp"; i++) await page.keyboard.press("Tab");
      expect(await focusedId()).toBe("totp");
      await page.keyboard.type("000000");
      await page.keyboard.press("Enter");
      const alert = page.getByRole("alert");
      await alert.waitFor();
      // Focus is on the error, and the error is on the screen (not above it, out of sight).
      await expect.poll(() => alert.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      const box = await alert.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom };
      });
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(700);
      await expectAccessible(page, `sign-in refused (${locale})`);

      // The right code, still by keyboard: back to the code field, and in.
      server.advance(31);
      await page.locator("#totp").focus();
      await page.keyboard.press("Control+A");
      await page.keyboard.type(server.code("demo-examiner"));
      await page.keyboard.press("Enter");
      await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    },
  );

  it("opens a case from the list at the top of its page, its heading focused", async () => {
    server.advance(31);
    const page = await signIn(
      server,
      await context({ width: 1280, height: 600 }),
      "demo-supervisor",
      "/cases",
    );
    const links = page.locator("main table tbody th a");
    await links.nth(10).waitFor();
    await links.nth(10).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBeGreaterThan(
      0,
    );
    await links.nth(10).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const h1 = page.locator("h1");
    await h1.waitFor();
    await expect.poll(() => h1.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBe(0);
  });

  it.each([
    ["KHM", "Khmr", "Noto Sans Khmer"],
    ["MMR", "Mymr", "Noto Sans Myanmar"],
  ])("shows a name from %s in the font shipped for its script (%s)", async (nationality, script, family) => {
    server.advance(31);
    const page = await signIn(server, await context(), "demo-supervisor");
    const res = await page.request.post(`${server.url}/api/v1/cases/search`, {
      data: { nationality, limit: 50 },
      headers: { Origin: server.url },
    });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as {
      items: { id: string; names: { value: string; script?: string }[] }[];
    };
    const found = body.items.find((c) => c.names.some((n) => n.script === script));
    if (!found) throw new Error(`the demo has no ${nationality} applicant with a name in ${script} in reach`);
    const name = found.names.find((n) => n.script === script)?.value ?? "";

    await page.goto(`${server.url}/cases/${found.id}`);
    await page.locator("h1").waitFor();
    // The element showing the name in its script, marked so that the browser can be asked about it.
    await page
      .locator("h1, li, p", { hasText: name })
      .last()
      .evaluate((el) => el.setAttribute("data-font-probe", ""));
    await page.waitForFunction(
      ([f, text]) =>
        (
          globalThis as unknown as { document: { fonts: { check(font: string, text: string): boolean } } }
        ).document.fonts.check(`16px "${f}"`, text),
      [family, name] as const,
    );
    // What the browser actually drew the text with (not what the style sheet asks for).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument");
    const { nodeId } = await cdp.send("DOM.querySelector", {
      nodeId: root.nodeId,
      selector: "[data-font-probe]",
    });
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    expect(fonts.filter((f) => f.isCustomFont).map((f) => f.familyName)).toContain(family);
    await expectAccessible(page, `case page with a ${script} name`);
    await screenshot(page, `script-${script}`);
  });
});
