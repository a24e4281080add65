/**
 * End-to-end set-up: the built web workspace on an in-process server (fresh PGlite database, a
 * small demo dataset, the demo accounts and an evidence vault on disk), Debian's Chromium driven
 * by playwright-core, axe-core on every screen, and screenshots in test-results/screenshots/.
 */
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { createAppContext, today, type AppContext } from "../../src/app/context.ts";
import type { ProfileRegistry } from "../../src/kernel/procedure/registry.ts";
import { createDemoAccounts, DEMO_PASSWORD, demoCode } from "../../src/demo/accounts.ts";
import { inProcessTarget, loadDemo } from "../../src/demo/load.ts";
import { buildServer, WEB_DIST, type ServerOptions } from "../../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { useTestVault } from "../support/vault.ts";
import { openCase } from "../../src/cases/open-case.ts";
import { matchingCases } from "../../src/cases/search-cases.ts";
import { attachReturningActivistEvidence } from "../../src/demo/returning-activist.ts";
import { queryWords } from "../../src/persons/name-keys.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");

/** The bundle the last `buildWeb()` of this test file wrote, which `startServer` serves. */
let builtWeb: string | undefined;

/**
 * The web app built from the sources as they are, so that the test drives them: into `outDir`, or
 * into a build shared by every test file of the run (and later runs) while the sources that go
 * into it are unchanged. The shared build is keyed by a hash of those sources and built by the
 * first file that asks; the others wait for it. Never into web/dist: a server started with
 * `npm start` serves that one, and would lose its files while the tests run. It is the production
 * build users get: vitest sets NODE_ENV=test, which Vite would pass on to React (its development
 * build, half as large again).
 */
export function buildWeb(outDir?: string): string {
  if (outDir) {
    if (path.resolve(outDir) === path.resolve(WEB_DIST))
      throw new Error("the tests do not build into web/dist");
    viteBuild(outDir);
    builtWeb = outDir;
    return outDir;
  }
  const dir = path.join(tmpdir(), `openrsd-e2e-web-${sourcesHash().slice(0, 20)}`);
  const complete = path.join(dir, ".complete");
  const lock = `${dir}.lock`;
  const started = Date.now();
  while (!existsSync(complete)) {
    if (takeLock(lock)) {
      try {
        if (!existsSync(complete)) {
          viteBuild(dir);
          writeFileSync(complete, new Date().toISOString());
        }
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      break;
    }
    if (Date.now() - started > 300_000)
      throw new Error(`waited 5 minutes for the shared web build in ${dir}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
  builtWeb = dir;
  return dir;
}

/** A lock as a directory (made atomically); one left by a build that died 3 minutes ago is taken over. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > 180_000) {
        rmSync(lock, { recursive: true, force: true });
        mkdirSync(lock);
        return true;
      }
    } catch {
      // Released meanwhile: the next round sees the build, or takes the lock.
    }
    return false;
  }
}

/** A hash of everything a web build is made from: the web app, the sources it imports, the lock file. */
function sourcesHash(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((x, y) =>
      x.name < y.name ? -1 : 1,
    )) {
      if (entry.name === "dist" || entry.name === "node_modules") continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(path.relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  };
  walk(path.join(ROOT, "web"));
  walk(path.join(ROOT, "src"));
  hash.update(readFileSync(path.join(ROOT, "package-lock.json")));
  return hash.digest("hex");
}

function viteBuild(dir: string): void {
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/vite/bin/vite.js"),
      "build",
      "--config",
      "web/vite.config.ts",
      "--logLevel",
      "warn",
      "--outDir",
      dir,
      "--emptyOutDir",
    ],
    { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } },
  );
  if (!existsSync(path.join(dir, "index.html"))) throw new Error("the web build wrote no index.html");
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<{ browser: Browser; dispose(): Promise<void> }> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The end-to-end tests drive Debian's Chromium: install it with ` +
        "`apt-get install -y chromium` (.ci/run does), or set CHROMIUM_PATH to a Chromium binary.",
    );
  }
  // playwright-core gives each launch a fresh, empty user-data-dir of its own (and removes it).
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    async dispose() {
      await browser.close();
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? resolve(a.port) : reject(new Error("no port"))));
    });
  });
}

export interface E2EServer {
  url: string;
  ctx: AppContext;
  app: FastifyInstance;
  /** Move the server's clock forward (a new TOTP step, or past the session's idle limit). */
  advance(seconds: number): void;
  /** A demo account's code now, by the server's clock. */
  code(username: string): string;
  dispose(): Promise<void>;
}

/** A server with the demo data, serving the bundle of `webRoot` (by default, the last `buildWeb()`). */
export async function startServer(
  cases = 24,
  profiles?: ProfileRegistry,
  webRoot: string | undefined = builtWeb,
  options: Pick<ServerOptions, "mail"> = {},
): Promise<E2EServer> {
  if (!webRoot) throw new Error("build the web app first: buildWeb()");
  const factory = createTestDatabases()[0];
  if (!factory) throw new Error("no test database");
  const test: TestDatabase = await factory.open();
  await migrate(test.db);
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const ctx = await createAppContext({
    db: test.db,
    masterKey: randomBytes(32),
    clock,
    ...(profiles ? { profiles } : {}),
  });
  await seedHolidays(ctx);
  await loadDemo(inProcessTarget(ctx, "demo-loader"), { cases, today: today(ctx), calendar: ctx.calendar() });
  await createDemoAccounts(ctx);
  // The evidence vault on disk in a temporary directory, as every server has one. Set up after
  // the demo data, which then holds no evidence of its own: each test makes what it needs.
  const vault = await useTestVault(ctx);
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const app = await buildServer({ ctx, origin: url, demo: true, webRoot, ...options });
  // Every answer of 500 or more in the run: a browser journey never causes one, so `dispose` fails
  // the file that caused it (the server's log of the run has no 5xx).
  const serverErrors: string[] = [];
  app.server.on("request", (req, res) =>
    res.on("finish", () => {
      if (res.statusCode >= 500) serverErrors.push(`${res.statusCode} ${req.method} ${req.url}`);
    }),
  );
  await app.listen({ port, host: "127.0.0.1" });
  return {
    url,
    ctx,
    app,
    advance: (s) => {
      offset += s * 1000;
    },
    code: (u) => demoCode(u, clock()),
    async dispose() {
      await app.close();
      await test.dispose();
      await vault.dispose();
      if (serverErrors.length > 0)
        throw new Error(`the server answered with a server error:\n${serverErrors.join("\n")}`);
    },
  };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o?: unknown): Promise<{ violations: unknown[] }> } })
      .axe;
    const r = await axe.run({ resultTypes: ["violations"] });
    return r.violations;
  });
  const bad = (violations as AxeViolation[]).filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    ),
  ).toEqual([]);
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/**
 * A new browser context for one person (a desk-sized window in Seoul's time zone, in Korean unless
 * asked otherwise), kept in `contexts` for closing, signed in as `username` at `start`. The clock
 * moves on half a minute first: each second-factor code counts once per account.
 */
export async function signInAs(
  server: E2EServer,
  browser: Browser,
  contexts: BrowserContext[],
  username: string,
  start?: string,
  options: { locale?: "ko" | "en"; downloads?: boolean; timeoutMs?: number } = {},
): Promise<Page> {
  server.advance(31);
  const c = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: options.locale === "en" ? "en-GB" : "ko-KR",
    timezoneId: "Asia/Seoul",
    acceptDownloads: options.downloads ?? false,
  });
  if (options.locale === "en")
    await c.addInitScript({ content: 'localStorage.setItem("openrsd.locale", "en")' });
  c.setDefaultTimeout(options.timeoutMs ?? 30_000);
  contexts.push(c);
  return signIn(server, c, username, start);
}

/** Sign in through the sign-in page, as a person would (password and the current code). */
export async function signIn(
  server: E2EServer,
  context: BrowserContext,
  username: string,
  start = "/",
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url + start);
  await page.waitForURL(/\/sign-in/);
  await fillSignIn(server, page, username);
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  return page;
}

export async function fillSignIn(server: E2EServer, page: Page, username: string): Promise<void> {
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("#totp").fill(server.code(username));
  await page.locator("form button[type=submit]").click();
}

/**
 * Choose a code in one of the workspace's code pickers (a USWDS combo box) as a person does: type
 * part of the name (in either language) or the code, then click the option that ends with the code.
 */
export async function pickCode(page: Page, id: string, typed: string, code: string): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.fill(typed);
  await page
    .locator(`#${id}--list`)
    .getByRole("option", { name: new RegExp(`\\(${code}\\)$`) })
    .click();
}

/** A language's catalogue of the workspace's messages (web/src/i18n). */
const catalogue = (lang: "ko" | "en") =>
  JSON.parse(readFileSync(new URL(`../../web/src/i18n/${lang}.json`, import.meta.url), "utf8")) as Record<
    string,
    string
  >;
const CATALOGUES = { ko: catalogue("ko"), en: catalogue("en") };

/** A message of a catalogue with its `{name}` placeholders filled; a missing key fails the test. */
function message(lang: "ko" | "en", key: string, vars: Record<string, string | number> = {}): string {
  const m = CATALOGUES[lang][key];
  if (m === undefined) throw new Error(`no message ${key}`);
  return m.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
/** A message of the Korean (K) or English (E) catalogue. */
export const K = (key: string, vars?: Record<string, string | number>) => message("ko", key, vars);
export const E = (key: string, vars?: Record<string, string | number>) => message("en", key, vars);

/**
 * The demo's returning activist re-applies today in Seoul: her subsequent application, opened by
 * `actorName`, naming her earlier case. With `evidence`, the earlier file's evidence is attached
 * first (the server's vault is set up after the demo data).
 */
export async function openActivistReapplication(
  server: E2EServer,
  actorName: string,
  options: { evidence?: boolean } = {},
): Promise<{ earlierCase: string; laterCase: string }> {
  const actor = { principal: systemPrincipal(actorName), address: "local" };
  const [earlier] = await matchingCases(server.ctx.db, server.ctx.keyring, queryWords("Sok Chandara"), 5, {
    office: "seoul",
  });
  if (!earlier) throw new Error("the returning activist's earlier case is missing from the demo");
  if (options.evidence)
    await attachReturningActivistEvidence(server.ctx, actor, earlier.id, today(server.ctx));
  const [row] = await server.ctx.db.query<{ personId: string }>(
    `SELECT person_id AS "personId" FROM cases WHERE id = $1`,
    [earlier.id],
  );
  const later = await openCase(server.ctx, actor, {
    personId: row!.personId,
    office: "seoul",
    channel: "in_country",
    kind: "subsequent",
    filedOn: today(server.ctx),
    priorCaseIds: [earlier.id],
  });
  return { earlierCase: earlier.id, laterCase: later.id };
}
