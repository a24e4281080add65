/**
 * Staff bound to one office see statistics for other offices only through the same disclosure
 * control as the public, or not at all (docs/security.md, "Statistics"), through the HTTP API:
 * every statistics route answers an office-bound principal with their own office's figures, or
 * refuses; roles that span offices keep every office's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCase } from "../../src/cases/open-case.ts";
import { recordInProcess } from "../../src/cases/record-event.ts";
import { createPerson } from "../../src/persons/create-person.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { REVIEWER, SYSTEM, type TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "./fixture.ts";

/** Every statistics route for staff, with a query it answers (a new route must be added here). */
const ROUTES: Record<string, string> = {
  "/api/v1/statistics/definitions": "",
  "/api/v1/statistics/public-figures": "",
  "/api/v1/statistics/yearly": "year=2025",
  "/api/v1/statistics/cohort": "filedYear=2025&asOf=2026-11-24",
  "/api/v1/statistics/pending": "asOf=2026-11-24",
  "/api/v1/statistics/reversals": "year=2025",
  "/api/v1/statistics/decision-makers": "from=2025-01-01&to=2026-01-01",
  "/api/v1/statistics/decision-makers/reversed-cases": "examiner=ex-busan&from=2025-01-01&to=2027-01-01",
  // Scoped by test/reapplications/simulation-api.test.ts ("office-bound staff").
  "/api/v1/statistics/reapplication-simulations": "",
  "/api/v1/statistics/reapplication-simulations/{id}": "",
  // Publishing needs a role that spans offices (test/reapplications/simulation-api.test.ts).
  "/api/v1/statistics/impact-statements": "",
};
/** The routes that count cases, and how many of each office's cases they count in this dataset. */
const COUNTS: Record<string, (body: never) => number> = {
  "/api/v1/statistics/yearly": (b: { total: { applications: number } }) => b.total.applications,
  "/api/v1/statistics/cohort": (b: { rows: { filed: number }[] }) => b.rows.reduce((n, r) => n + r.filed, 0),
  "/api/v1/statistics/pending": (b: { rows: { total: number }[] }) => b.rows.reduce((n, r) => n + r.total, 0),
  "/api/v1/statistics/reversals": (b: { rows: { refusals: number }[] }) =>
    b.rows.reduce((n, r) => n + r.refusals, 0),
};

describe.each(createTestDatabases())("statistics of other offices on $kind", (factory) => {
  let h: Harness;
  const office = {} as Record<"clerk" | "examiner" | "supervisor" | "litigation", TestUser>;
  let analyst: TestUser;
  let admin: TestUser;
  let secretary: TestUser;

  /** A case filed in 2025 at `at`, refused at first instance by `examinerId` if `refused`. */
  async function caseAt(at: string, examinerId: string, refused: boolean) {
    const person = await createPerson(h.ctx, SYSTEM, {
      names: [{ value: `Scope ${at}` }],
      nationality: "KHM",
    });
    const opened = await openCase(h.ctx, SYSTEM, {
      personId: person.id,
      office: at,
      channel: "in_country",
      kind: "first",
      filedOn: "2025-02-03",
    });
    if (!refused) return;
    let version = opened.version;
    for (const e of [
      { type: "interview_held", occurredOn: "2025-03-03", examinerId },
      {
        type: "decision_issued",
        occurredOn: "2025-07-01",
        outcome: "not_recognized",
        examinerId,
        reasons: "A fictional ground for the test.",
      },
      { type: "notice_served", occurredOn: "2025-07-03", method: "in_person" },
      { type: "objection_filed", occurredOn: "2025-07-21" },
      { type: "objection_decided", occurredOn: "2025-12-01", outcome: "recognized", panel: "panel-1" },
    ])
      version = (await recordInProcess(h.ctx, { author: SYSTEM, approver: REVIEWER }, opened.id, version, e))
        .version;
  }

  beforeAll(async () => {
    h = await openHarness(factory);
    // Seoul: two applications, one refused and reversed; Busan: three, one refused and reversed.
    await caseAt("seoul", "ex-seoul", true);
    await caseAt("seoul", "ex-seoul", false);
    await caseAt("busan", "ex-busan", true);
    await caseAt("busan", "ex-busan", false);
    await caseAt("busan", "ex-busan", false);
    office.clerk = await h.user("sc-clerk", "intake_clerk", "seoul");
    office.examiner = await h.user("sc-examiner", "examiner", "seoul");
    office.supervisor = await h.user("sc-supervisor", "supervisor", "seoul");
    office.litigation = await h.user("sc-litigation", "litigation_officer", "seoul");
    analyst = await h.user("sc-analyst", "analyst", null);
    admin = await h.user("sc-admin", "administrator", null);
    secretary = await h.user("sc-secretary", "committee_secretary", null);
  });
  afterAll(async () => {
    await h?.close();
  });

  const get = (u: TestUser, path: string, query = "") =>
    h.call(u, "GET", `${path}?${[ROUTES[path] ?? "", query].filter(Boolean).join("&")}`);

  it("checks every statistics route of the API document", async () => {
    const doc = (await h.call(admin, "GET", "/api/openapi.json")).json<{ paths: Record<string, unknown> }>();
    const statistics = Object.keys(doc.paths)
      .filter((p) => p.startsWith("/api/v1/statistics"))
      .sort();
    expect(statistics).toEqual(Object.keys(ROUTES).sort());
  });

  it("gives roles that span offices every office's figures", async () => {
    for (const who of [analyst, admin, secretary]) {
      for (const [path, count] of Object.entries(COUNTS)) {
        const res = await get(who, path);
        expect(res.statusCode, `${who.username} ${path}: ${res.body}`).toBe(200);
        expect(res.json<{ office: string | null }>().office).toBeNull();
        expect(count(res.json<never>()), path).toBe(path.endsWith("reversals") ? 2 : 5);
        const byOffice = await get(who, path, "by=office");
        expect(byOffice.body).toContain('"busan"');
      }
      expect((await get(who, "/api/v1/statistics/public-figures")).statusCode).toBe(200);
    }
    const reversed = await get(analyst, "/api/v1/statistics/decision-makers/reversed-cases");
    expect(reversed.json<{ cases: unknown[] }>().cases).toHaveLength(1);
  });

  it("gives office-bound staff their own office's figures only, whatever they ask", async () => {
    for (const who of Object.values(office)) {
      for (const [path, count] of Object.entries(COUNTS)) {
        for (const query of ["", "by=office", "by=nationality", "office=seoul"]) {
          const res = await get(who, path, query);
          expect(res.statusCode, `${who.username} ${path}?${query}: ${res.body}`).toBe(200);
          expect(res.json<{ office: string | null }>().office).toBe("seoul");
          expect(count(res.json<never>()), `${path}?${query}`).toBe(path.endsWith("reversals") ? 1 : 2);
          expect(res.body).not.toContain("busan");
        }
        // Another office's figures: refused, and the answer says where the public ones are.
        const other = await get(who, path, "office=busan");
        expect(other.statusCode, `${path}: ${other.body}`).toBe(403);
        expect(other.json<{ detail: string }>().detail).toMatch(/public statistics page/);
      }
      // The true national counts would give the other offices' away (national less their own).
      const national = await get(who, "/api/v1/statistics/public-figures");
      expect(national.statusCode, `${who.username}: ${national.body}`).toBe(403);
    }
    // The decision-maker view and its feedback: the supervisor's office only.
    const makers = await get(office.supervisor, "/api/v1/statistics/decision-makers");
    expect(makers.json<{ office: string | null }>().office).toBe("seoul");
    const reversed = await get(office.supervisor, "/api/v1/statistics/decision-makers/reversed-cases");
    expect(reversed.json<{ cases: unknown[] }>().cases).toEqual([]);
  });

  it("shows them other offices on the public page, under the public's disclosure control", async () => {
    const pub = await h.call(null, "GET", "/api/v1/public/statistics");
    expect(pub.statusCode).toBe(200);
    // Five applications in 2025: published rounded to the nearest 5, never as the true count.
    const body = pub.json<{ tables: { id: string; rows: { categories: string[] }; cells: unknown[][] }[] }>();
    const apps = body.tables.find((t) => t.id === "applications_by_year");
    const row = apps?.cells[apps.rows.categories.indexOf("2025")];
    expect(row).toBeDefined();
    for (const cell of row ?? []) expect(JSON.stringify(cell)).not.toMatch(/^[1-4]$/);
  });
});
