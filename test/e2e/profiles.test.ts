/**
 * A second procedure profile in the browser: the case page offers the toy profile's events
 * (test/support/toy-profile.ts) as forms made from the JSON Schemas the server publishes, with no
 * line of the web changed for it; a recorded event moves the case on, and the worklist's kind
 * filter lists the profile's deadline kinds. Every name of the toy's procedure is shown in the
 * toy's own words, which are English only: in the Korean workspace they fall back to English,
 * never to the raw name nor to the Korean profile's words for the same name. axe-core checks the
 * page.
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
import { LABELS as KR_LABELS } from "../../src/profiles/kr-refugee-act/labels.ts";
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
    // The workspace is in Korean (its default); the toy's words are English only.
    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    // Only the event the toy procedure allows now, named in the toy's words, and no Korean one.
    const action = page.getByRole("button", { name: "Hearing held", exact: true });
    await action.waitFor();
    await expect(page.getByRole("button", { name: /interview|summons|hearing_held/i }).count()).resolves.toBe(
      0,
    );
    // The stage, the deadlines and the filing in the toy's words: not raw, not the Korean profile's.
    await page.locator(".facts").getByText("Lodged, awaiting a hearing", { exact: true }).waitFor();
    await page.getByRole("rowheader", { name: "Hearing (10 working days)" }).waitFor();
    await page.getByRole("rowheader", { name: "Determination (60 days)" }).waitFor();
    const timeline = page.locator(".timeline");
    await timeline.getByText("Application lodged").waitFor();
    await expect(timeline.getByText(KR_LABELS.ko?.events?.application_filed ?? "-").count()).resolves.toBe(0);
    for (const raw of ["lodged", "hearing", "determination", "application_filed"])
      await expect(page.locator("main").getByText(raw, { exact: true }).count(), raw).resolves.toBe(0);
    await action.click();

    // The form is the schema's: a required text, a choice of three languages, the legal date; its
    // words are the toy's (its description, fields, hint and choices), and the web's own Korean
    // word for the legal date that every profile shares.
    const form = page.locator("form.event-form");
    await form.getByRole("heading", { name: "Hearing held" }).waitFor();
    await form
      .getByText("The hearing the Toy Act requires within 10 working days of lodging (s. 4).")
      .waitFor();
    await expect(form.locator("label[for=ev-hearing_held-chair]").textContent()).resolves.toBe(
      "Chair of the hearing",
    );
    await form.getByText("The member who chaired the hearing.").waitFor();
    await expect(form.locator("select[name=languageOfHearing] option").allTextContents()).resolves.toEqual([
      expect.any(String),
      "Zedish",
      "English",
      "French",
    ]);
    await expect(form.locator("label[for=ev-hearing_held-occurredOn]").textContent()).resolves.toBe("일자");
    await expect(form.locator("input[type=date][name=occurredOn]").count()).resolves.toBe(1);
    await expectAccessible(page, "toy profile event form");
    // Sent empty, the form names the missing field before anything reaches the server.
    await form.locator("button[type=submit]").click();
    await form.locator("#ev-hearing_held-chair-error").waitFor();

    await form.locator("input[name=chair]").fill("J. Doe");
    await form.locator("select[name=languageOfHearing]").selectOption("en");
    await form.locator("button[type=submit]").click();
    // Recorded: the case moves on to the determination, and the timeline shows the hearing.
    await page.getByRole("button", { name: "Determination made" }).waitFor();
    await expect(page.getByRole("button", { name: "Hearing held" }).count()).resolves.toBe(0);
    await page.locator(".facts").getByText("Heard", { exact: true }).waitFor();
    await timeline.getByText("Hearing held").waitFor();
    await timeline.getByText("Language of the hearing").waitFor();
    await screenshot(page, "20-toy-profile-case");
  });

  it("lists the toy profile's deadline kinds in the worklist filter", async () => {
    server.advance(31); // a new code: each one works once
    const page = await signIn(server, await newContext(), "demo-examiner", "/worklist");
    await expect
      .poll(() => page.locator("#f-kind option").allTextContents(), { timeout: 15_000 })
      .toEqual(
        expect.arrayContaining([
          "Hearing (10 working days)",
          "Determination (60 days)",
          "Asking for a review",
        ]),
      );
    // The toy case's deadline in the list (filtered by its kind, as the URL keeps filters), in the
    // toy's words too.
    await page.goto(`${server.url}/worklist?kind=determination`);
    await page.locator("main table tbody").getByText("Determination (60 days)").first().waitFor();
    await page.locator("main table tbody").getByText("Ada Zed").first().waitFor();
  });
});
