/**
 * The translation memory and the machine engines in a real browser (docs/translation.md, "Memory"
 * and "Engines"): an administrator sees the engines the deployment names, the one outside the
 * deployment with its warning and no way to enable it, and enables a language pair for the one
 * inside; a supervisor sees the office's memory per language pair with its TMX download, and
 * imports a TMX file, the result shown with the unit refused and why. axe-core on each, in Korean
 * and in English.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTranslationEngines } from "../../src/translations/engines/index.ts";
import { addToMemory } from "../../src/translations/memory/index.ts";
import { startLibreTranslate, type EngineServer } from "../support/engine-servers.ts";
import {
  buildWeb,
  E,
  expectAccessible,
  K,
  launchChromium,
  signInAs,
  startServer,
  type E2EServer,
} from "./support.ts";

const TMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Elsewhere" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ko" datatype="plaintext"/>
  <body>
    <tu tuid="a"><tuv xml:lang="ko"><seg>행정소송은 90일 이내에 제기할 수 있다.</seg></tuv><tuv xml:lang="km"><seg>បណ្តឹងរដ្ឋបាលអាចដាក់ក្នុងរយៈពេល ៩០ ថ្ងៃ។</seg></tuv></tu>
    <tu tuid="b"><tuv xml:lang="ko"><seg>빈 번역</seg></tuv><tuv xml:lang="km"><seg> </seg></tuv></tu>
  </body>
</tmx>
`;

describe("translation memory and engines, in the web workspace", { timeout: 300_000 }, () => {
  let server: E2EServer;
  let lt: EngineServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];

  const as = (username: string, start: string, locale?: "en"): Promise<Page> =>
    signInAs(server, browser.browser, contexts, username, start, locale ? { locale } : {});

  beforeAll(async () => {
    buildWeb();
    [server, browser, lt] = await Promise.all([startServer(4), launchChromium(), startLibreTranslate()]);
    useTranslationEngines(server.ctx, {
      engines: [
        { id: "office-mt", kind: "libretranslate", url: lt.url },
        { id: "cloud-mt", kind: "openai-compatible", url: "https://llm.example.com/v1", model: "m" },
      ],
    });
    await server.ctx.db.transaction((tx) =>
      addToMemory(tx, server.ctx.keyring, {
        officeId: "seoul",
        sourceLang: "ko",
        targetLang: "km",
        units: [{ source: "난민 인정 신청을 기각한다.", target: "ពាក្យសុំត្រូវបានបដិសេធ។" }],
        translatedBy: "demo-examiner",
        reviewedBy: "demo-supervisor",
        at: server.ctx.clock(),
        origin: "office",
      }),
    );
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await lt?.close();
    await server?.dispose();
  });

  it("an administrator enables a pair for the engine inside the deployment, never the one outside", async () => {
    const page = await as("demo-admin", "/admin");
    await page.getByRole("link", { name: K("admin.tabs.engines") }).click();
    await page.getByRole("heading", { level: 2, name: K("admin.engines.heading") }).waitFor();
    const inside = page.getByRole("region", { name: /office-mt/ });
    const outside = page.getByRole("region", { name: /cloud-mt/ });
    await inside.getByText(K("admin.engines.inside")).waitFor();
    await outside.getByText(K("admin.engines.outsideBlocked")).waitFor();
    expect(await outside.getByRole("button").count()).toBe(0);
    await expectAccessible(page, "translation engines");

    await inside.getByLabel(K("admin.engines.source")).selectOption("ko");
    await inside.getByLabel(K("admin.engines.target")).selectOption("km");
    await inside.getByRole("button", { name: new RegExp(K("admin.engines.enableFor")) }).click();
    await inside.getByRole("button", { name: new RegExp(K("admin.engines.disable")) }).waitFor();
    await inside.getByRole("cell", { name: /demo-admin/ }).waitFor();
    expect(lt.received).toEqual([]);
    await expectAccessible(page, "translation engines with a pair");
  });

  it("reads the same in English", async () => {
    const page = await as("demo-admin", "/admin/translation-engines", "en");
    await page.getByRole("heading", { level: 2, name: E("admin.engines.heading") }).waitFor();
    await page.getByText(E("admin.engines.outsideBlocked")).waitFor();
    await expectAccessible(page, "translation engines in English");
  });

  it("a supervisor sees the office's memory, downloads a pair and imports a TMX file", async () => {
    const page = await as("demo-supervisor", "/");
    await page.getByRole("link", { name: K("nav.translationMemory") }).click();
    await page.getByRole("heading", { level: 1, name: K("memory.heading") }).waitFor();
    // The demo may have filled the memory already: the Khmer row counts what is there now.
    const [before] = await server.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM translation_memory WHERE office_id = 'seoul' AND source_lang = 'ko' AND target_lang = 'km'",
    );
    const units = before?.n ?? 0;
    const table = page.getByTestId("memory-pairs");
    const row = table.locator("tr", { has: page.locator('a[href$="source=ko&target=km"]') });
    await row.getByRole("cell", { name: String(units), exact: true }).waitFor();
    const link = row.getByRole("link", { name: new RegExp(K("memory.pairs.download")) });
    expect(await link.getAttribute("href")).toBe("/api/v1/translation-memory/tmx?source=ko&target=km");
    await expectAccessible(page, "translation memory");

    await page.locator("#tm-file").setInputFiles({
      name: "elsewhere.tmx",
      mimeType: "application/x-tmx+xml",
      buffer: Buffer.from(TMX),
    });
    await page.getByRole("button", { name: K("memory.import.submit") }).click();
    const result = page.getByTestId("tmx-import-result");
    await result.getByText(K("memory.import.result", { added: 1, skipped: 0, refused: 1 })).waitFor();
    await result.getByRole("rowheader", { name: "tuid b" }).waitFor();
    await row.getByRole("cell", { name: String(units + 1), exact: true }).waitFor();
    await expectAccessible(page, "translation memory after an import");
  });

  it("shows the memory in English too", async () => {
    const page = await as("demo-supervisor", "/translation-memory", "en");
    await page.getByRole("heading", { level: 1, name: E("memory.heading") }).waitFor();
    await page.getByTestId("memory-pairs").waitFor();
    await expectAccessible(page, "translation memory in English");
  });
});
