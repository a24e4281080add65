/**
 * A second procedure profile in the browser: the case page offers the toy profile's events
 * (test/support/toy-profile.ts) as forms made from the JSON Schemas the server publishes, with no
 * line of the web changed for it; a recorded event moves the case on, and the worklist's kind
 * filter lists the profile's deadline kinds. axe-core checks the page.
 */
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.ts";
import { today } from "../../src/app/context.ts";
import { openCase } from "../../src/cases/open-case.ts";
import { createRegistry } from "../../src/kernel/procedure/registry.ts";
import { createPerson } from "../../src/persons/create-person.ts";
import { krRefugeeAct } from "../../src/profiles/kr-refugee-act/profile.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";
import { TOY_ID, toyProfile } from "../support/toy-profile.ts";
import {
  buildWeb,
  expectAccessible,
  launchChromium,
  screenshot,
  signIn,
  startServer,
  type E2EServer,
} from "./support.ts";

describe("a second procedure profile in the web workspace", { timeout: 120_000 }, () => {
  let server: E2EServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const contexts: BrowserContext[] = [];
  async function newContext(): Promise<BrowserContext> {
    const c = await browser.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    c.setDefaultTimeout(15_000);
    contexts.push(c);
    return c;
  }
  let caseId = "";

  beforeAll(async () => {
    buildWeb();
    [server, browser] = await Promise.all([
      startServer(4, createRegistry([krRefugeeAct, toyProfile])),
      launchChromium(),
    ]);
    const actor: Actor = { principal: systemPrincipal("e2e"), address: "local" };
    const person = await createPerson(server.ctx, actor, {
      names: [{ value: "Ada Zed", script: "Latn" }],
      nationality: "XXA",
    });
    const opened = await openCase(server.ctx, actor, {
      personId: person.id,
      profile: TOY_ID,
      office: "seoul",
      channel: "in_country",
      kind: "first",
      filedOn: today(server.ctx, toyProfile),
    });
    caseId = opened.id;
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.dispose();
    await server?.dispose();
  });

  it("offers the toy profile's events as forms from its schemas, and records one", async () => {
    const page = await signIn(server, await newContext(), "demo-examiner", `/cases/${caseId}`);
    await page.waitForURL(new RegExp(`/cases/${caseId}`));
    // Only the event the toy procedure allows now, and no Korean one.
    const action = page.getByRole("button", { name: "hearing_held" });
    await action.waitFor();
    await expect(page.getByRole("button", { name: /interview|summons/i }).count()).resolves.toBe(0);
    await action.click();

    // The form is the schema's: a required text, a choice of three languages, the legal date.
    const form = page.locator("form.event-form");
    await expect(
      form.locator("select[name=languageOfHearing] option").allTextContents(),
    ).resolves.toHaveLength(4);
    await expect(form.locator("input[type=date][name=occurredOn]").count()).resolves.toBe(1);
    await expectAccessible(page, "toy profile event form");
    // Sent empty, the form names the missing field before anything reaches the server.
    await form.locator("button[type=submit]").click();
    await form.locator("#ev-hearing_held-chair-error").waitFor();

    await form.locator("input[name=chair]").fill("J. Doe");
    await form.locator("select[name=languageOfHearing]").selectOption("en");
    await form.locator("button[type=submit]").click();
    // Recorded: the case moves on to the determination, and the timeline shows the hearing.
    await page.getByRole("button", { name: "determination_made" }).waitFor();
    await expect(page.getByRole("button", { name: "hearing_held" }).count()).resolves.toBe(0);
    await screenshot(page, "20-toy-profile-case");
  });

  it("lists the toy profile's deadline kinds in the worklist filter", async () => {
    server.advance(31); // a new code: each one works once
    const page = await signIn(server, await newContext(), "demo-examiner", "/worklist");
    await expect
      .poll(() => page.locator("#f-kind option").allTextContents())
      .toEqual(expect.arrayContaining(["hearing", "determination", "review_request"]));
  });
});
