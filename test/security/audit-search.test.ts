/**
 * Searching the access records (docs/security.md requirement 14): who looked at case X, what an
 * account did in a period, who opened anything about a person, page by page, through HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "./fixture.ts";

interface Entry {
  seq: number;
  at: string;
  actor: string;
  actorRole: string;
  action: string;
  outcome: string;
  caseId: string | null;
  caseNumber: string | null;
  purpose: string | null;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}

describe.each(createTestDatabases())("the access records searched, on $kind", (factory) => {
  let h: Harness;
  let clerk: TestUser;
  let examiner: TestUser;
  let busan: TestUser;
  let admin: TestUser;
  let caseId: string;
  let otherCase: string;
  let personId: string;
  beforeAll(async () => {
    h = await openHarness(factory);
    clerk = await h.user("as-clerk", "intake_clerk", "seoul");
    examiner = await h.user("as-examiner", "examiner", "seoul");
    busan = await h.user("as-busan", "examiner", "busan");
    admin = await h.user("as-admin", "administrator", null);
    ({ caseId, personId } = await h.newCase(clerk, "seoul", { nationality: "MMR" }));
    ({ caseId: otherCase } = await h.newCase(clerk, "seoul", { nationality: "IRN" }));
    // The examiner reads the case twice (once with a purpose), the other case once; Busan is refused.
    expect((await h.call(examiner, "GET", `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    const purposed = await h.call(examiner, "GET", `/api/v1/cases/${caseId}`, undefined, {
      "x-openrsd-purpose": "interview preparation",
    });
    expect(purposed.statusCode).toBe(200);
    expect((await h.call(examiner, "GET", `/api/v1/cases/${otherCase}`)).statusCode).toBe(200);
    expect((await h.call(busan, "GET", `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
  });
  afterAll(async () => {
    await h?.close();
  });

  const search = async (query: string): Promise<Page> => {
    const res = await h.call(admin, "GET", `/api/v1/audit/entries?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  /** What the search shows, without the administrator's own searches. */
  const others = (p: Page) => p.items.filter((e) => e.action !== "audit.search");

  it("answers who looked at a case: every read, the refused one too, newest first", async () => {
    const page = await search(`caseId=${caseId}`);
    const entries = others(page);
    expect(entries.every((e) => e.caseId === caseId)).toBe(true);
    const reads = entries.filter((e) => e.action === "case.read");
    expect(reads.filter((e) => e.actor === examiner.username && e.outcome === "ok")).toHaveLength(2);
    expect(entries.some((e) => e.actor === busan.username && e.outcome === "denied")).toBe(true);
    expect(entries.some((e) => e.actor === clerk.username)).toBe(true);
    // The purpose given is shown to whoever may read the review; the case by its number too.
    expect(reads.map((e) => e.purpose)).toContain("interview preparation");
    expect(entries.every((e) => e.caseNumber && /^SEOUL-2026-/.test(e.caseNumber))).toBe(true);
    const seqs = page.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(page.items.every((e) => e.caseId !== otherCase)).toBe(true);
  });

  it("finds the same case by its number, and a person's entries across their cases", async () => {
    const byId = others(await search(`caseId=${caseId}`));
    const number = byId[0]?.caseNumber ?? "";
    const byNumber = others(await search(`caseNumber=${encodeURIComponent(number.toLowerCase())}`));
    expect(byNumber.map((e) => e.seq)).toEqual(byId.map((e) => e.seq));
    const byPerson = others(await search(`personId=${personId}`));
    expect(byPerson.map((e) => e.seq)).toEqual(byId.map((e) => e.seq));
  });

  it("finds what one account did, within a period counted in Seoul days", async () => {
    const mine = (await search(`account=${examiner.username}`)).items;
    expect(mine.map((e) => e.actor)).toEqual(mine.map(() => examiner.username));
    expect(mine.filter((e) => e.action === "case.read")).toHaveLength(3);
    // The harness's clock is noon in Seoul on 24 November 2026.
    expect((await search(`account=${examiner.username}&from=2026-11-24&to=2026-11-24`)).items).toHaveLength(
      mine.length,
    );
    expect((await search(`account=${examiner.username}&to=2026-11-23`)).items).toEqual([]);
    expect((await search(`account=${examiner.username}&from=2026-11-25`)).items).toEqual([]);
    expect((await search(`account=nobody-here`)).items).toEqual([]);
  });

  it("pages through the results without losing or repeating an entry", async () => {
    const all = (await search(`account=${examiner.username}&limit=200`)).items;
    const seen: number[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await search(`account=${examiner.username}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.map((e) => e.seq));
  });

  it("records each search, and refuses bad input with a problem, changing nothing", async () => {
    await search(`caseId=${caseId}&from=2026-11-01`);
    const [last] = await h.test.db.query<{ actor: string; action: string; case_id: string }>(
      "SELECT actor, action, case_id FROM audit_log ORDER BY seq DESC LIMIT 1",
    );
    expect(last).toMatchObject({ actor: admin.username, action: "audit.search", case_id: caseId });
    const count = async () => (await h.test.db.query("SELECT seq FROM audit_log")).length;
    const before = await count();
    for (const q of [
      "caseId=not-a-case",
      "personId=42",
      "from=2026-13-01",
      "from=2026-11-24&to=2026-11-01",
      "cursor=%21%21",
      "cursor=WyJ4Il0",
      "limit=0",
      "limit=5000",
    ]) {
      const res = await h.call(admin, "GET", `/api/v1/audit/entries?${q}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(422);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
    expect(await count()).toBe(before);
  });

  it("is for those who may read the access review only", async () => {
    for (const who of [examiner, clerk, busan]) {
      expect((await h.call(who, "GET", `/api/v1/audit/entries?caseId=${caseId}`)).statusCode).toBe(403);
    }
  });
});
