/**
 * Intake as a clerk needs it, through the API on each database: a nationality and languages that
 * name real ones, and the duplicate warning before a person is registered twice (by an identifier,
 * or by name, date of birth and nationality), which shows nobody another office's applicants and
 * leaves no search term in the audit log.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "../security/fixture.ts";

interface Duplicate {
  personId: string;
  names: { value: string }[];
  birthDate?: string;
  nationality: string;
  matchedBy: string[];
  cases: { id: string; office: string; filedOn: string }[];
}

describe.each(createTestDatabases())("intake on $kind", (factory) => {
  let h: Harness;
  let clerk: TestUser;
  let busanClerk: TestUser;
  let national: TestUser;
  const tag = randomBytes(4).toString("hex").toUpperCase();
  const passport = `N${tag}`;
  let sokha: { caseId: string; personId: string };

  const personCount = async () =>
    Number((await h.test.db.query<{ n: string }>("SELECT count(*) AS n FROM persons"))[0]?.n);
  const duplicates = (u: TestUser, body: unknown) => h.call(u, "POST", "/api/v1/persons/duplicates", body);
  const found = async (u: TestUser, body: unknown): Promise<Duplicate[]> => {
    const res = await duplicates(u, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Duplicate[] }>().items;
  };

  beforeAll(async () => {
    h = await openHarness(factory);
    clerk = await h.user("in-clerk", "intake_clerk", "seoul");
    busanClerk = await h.user("in-busan", "intake_clerk", "busan");
    national = await h.user("in-secretary", "committee_secretary", null);
    sokha = await h.newCase(clerk, "seoul", {
      names: [
        { value: `Chan Sokha${tag}`, script: "Latn", kind: "primary" },
        { value: "찬 속하", script: "Hang", kind: "hangul_transcription" },
      ],
      birthDate: "1991-04-17",
      nationality: "KHM",
      languages: ["km", "en"],
      identifiers: [{ kind: "passport", value: passport }],
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("keeps the nationality as a code and the languages as given", async () => {
    const res = await h.call(clerk, "GET", `/api/v1/persons/${sokha.personId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nationality: "KHM", languages: ["km", "en"] });
  });

  it.each([
    ["a country's name cut short", { nationality: "Cam" }, "nationality"],
    ["a code that names no country", { nationality: "ZZZ" }, "nationality"],
    ["a language that is no ISO 639 code", { languages: ["qq"] }, "languages"],
    ["the same language twice", { languages: ["km", "km"] }, "languages"],
  ])("refuses %s with 422 and registers nobody", async (_what, change, field) => {
    const before = await personCount();
    const res = await h.call(clerk, "POST", "/api/v1/persons", {
      names: [{ value: "Dara Keo" }],
      nationality: "KHM",
      ...change,
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.body).toContain(field);
    expect(await personCount()).toBe(before);
  });

  it("keeps the contact address, telephone and representative sealed; the API shows them", async () => {
    const contact = { address: `12 Sejong-daero ${tag}, Jongno-gu, Seoul`, phone: "+82 10-1234-5678" };
    const representative = { name: `Kim Lawyer ${tag}`, contact: `kim.${tag}@example.org` };
    const res = await h.call(clerk, "POST", "/api/v1/persons", {
      names: [{ value: "Dara Keo" }],
      nationality: "KHM",
      contact,
      representative,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    const [row] = await h.test.db.query<{ row: string; contact_enc: string | null }>(
      "SELECT p::text AS row, contact_enc FROM persons p WHERE id = $1",
      [id],
    );
    expect(row?.contact_enc).toBeTruthy();
    for (const plain of [tag, "Sejong", "1234-5678", "Kim Lawyer", "example.org"])
      expect(row?.row).not.toContain(plain);
    const read = await h.call(clerk, "GET", `/api/v1/persons/${id}`);
    expect(read.json()).toMatchObject({ contact, representative });
    // Moved onto another person's row, the ciphertext opens for nobody.
    await h.test.db.query("UPDATE persons SET contact_enc = $1 WHERE id = $2", [
      row?.contact_enc,
      sokha.personId,
    ]);
    try {
      const other = await h.call(clerk, "GET", `/api/v1/persons/${sokha.personId}`);
      expect(other.statusCode).toBe(500);
      expect(other.body).not.toContain("Sejong");
    } finally {
      await h.test.db.query("UPDATE persons SET contact_enc = NULL WHERE id = $1", [sokha.personId]);
    }
  });

  it("changes the contact details and representative after intake, sealed; out of reach is 404, bad input 422", async () => {
    const url = `/api/v1/persons/${sokha.personId}/contact`;
    const moved = { address: `7 Dongmun-ro ${tag}, Ansan`, phone: "010-9876-5432" };
    const changed = await h.call(clerk, "PUT", url, { contact: moved, representative: null });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ contact: moved });
    expect(changed.json<{ representative?: unknown }>().representative).toBeUndefined();
    const [row] = await h.test.db.query<{ row: string }>(
      "SELECT p::text AS row FROM persons p WHERE id = $1",
      [sokha.personId],
    );
    expect(row?.row).not.toContain("Dongmun");
    // A lawyer instructed later.
    const rep = { name: `Park Counsel ${tag}`, contact: "02-555-0199" };
    const withRep = await h.call(clerk, "PUT", url, { contact: moved, representative: rep });
    expect(withRep.json()).toMatchObject({ contact: moved, representative: rep });
    // Another office's clerk does not reach the person; bad input changes nothing.
    expect((await h.call(busanClerk, "PUT", url, { contact: null, representative: null })).statusCode).toBe(
      404,
    );
    const bad = await h.call(clerk, "PUT", url, { contact: { phone: "call me" }, representative: null });
    expect(bad.statusCode).toBe(422);
    expect((await h.call(clerk, "GET", `/api/v1/persons/${sokha.personId}`)).json()).toMatchObject({
      contact: moved,
      representative: rep,
    });
    // The same id in capitals is the same person: the change is sealed for the row as stored.
    const upper = await h.call(clerk, "PUT", `/api/v1/persons/${sokha.personId.toUpperCase()}/contact`, {
      contact: { phone: "010-2222-3333" },
      representative: rep,
    });
    expect(upper.statusCode, upper.body).toBe(200);
    const reread = await h.call(clerk, "GET", `/api/v1/persons/${sokha.personId}`);
    expect(reread.statusCode, reread.body).toBe(200);
    expect(reread.json()).toMatchObject({ contact: { phone: "010-2222-3333" }, representative: rep });
    // The access record says that it changed, not what to.
    const audit = await h.test.db.query<{ row: string }>(
      "SELECT a::text AS row FROM audit_log a WHERE action = 'person.update' ORDER BY at DESC LIMIT 3",
    );
    for (const a of audit) expect(a.row).not.toContain("Dongmun");
  });

  it.each([
    ["a telephone number with letters", { contact: { phone: "call me" } }, "contact"],
    ["an unknown contact field", { contact: { email: "a@b.c" } }, "contact"],
    ["a representative without a name", { representative: { contact: "010-1111-2222" } }, "representative"],
  ])("refuses %s with 422 and registers nobody", async (_what, change, field) => {
    const before = await personCount();
    const res = await h.call(clerk, "POST", "/api/v1/persons", {
      names: [{ value: "Dara Keo" }],
      nationality: "KHM",
      ...change,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(field);
    expect(await personCount()).toBe(before);
  });

  it("accepts stateless (XXA) and unknown (XXX) as nationalities", async () => {
    for (const nationality of ["XXA", "XXX"]) {
      const res = await h.call(clerk, "POST", "/api/v1/persons", {
        names: [{ value: `Rami ${nationality}` }],
        nationality,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it("finds a person already registered with the same identifier, with their case", async () => {
    const items = await found(clerk, { identifiers: [{ kind: "passport", value: passport }] });
    expect(items).toEqual([
      expect.objectContaining({
        personId: sokha.personId,
        nationality: "KHM",
        birthDate: "1991-04-17",
        matchedBy: ["identifier"],
        cases: [
          {
            id: sokha.caseId,
            caseNumber: expect.stringMatching(/^SEOUL-2026-\d{6}$/),
            office: "seoul",
            filedOn: "2026-09-01",
          },
        ],
      }),
    ]);
    // Another kind of document with the same number is another document.
    expect(await found(clerk, { identifiers: [{ kind: "national_id", value: passport }] })).toEqual([]);
  });

  it("finds the same name, date of birth and nationality, words in any order and case", async () => {
    const same = { birthDate: "1991-04-17", nationality: "KHM" };
    const items = await found(clerk, { names: [{ value: `SOKHA${tag} chan` }], ...same });
    expect(items.map((d) => [d.personId, d.matchedBy])).toEqual([
      [sokha.personId, ["name_birth_date_nationality"]],
    ]);
    expect(items[0]?.names.map((n) => n.value)).toContain("찬 속하");
    // The Hangul name given alone is found as well.
    expect((await found(clerk, { names: [{ value: "찬 속하" }], ...same })).map((d) => d.personId)).toContain(
      sokha.personId,
    );
    // Another date of birth, another nationality, or a name that only begins the same: nobody.
    const names = [{ value: `Chan Sokha${tag}` }];
    expect(await found(clerk, { names, birthDate: "1991-04-18", nationality: "KHM" })).toEqual([]);
    expect(await found(clerk, { names, birthDate: "1991-04-17", nationality: "THA" })).toEqual([]);
    expect(await found(clerk, { names: [{ value: "Chan Sok" }], ...same })).toEqual([]);
    // Without a date of birth, a name alone is no match.
    expect(await found(clerk, { names, nationality: "KHM" })).toEqual([]);
  });

  it("answers both reasons when both hold", async () => {
    const items = await found(clerk, {
      identifiers: [{ kind: "passport", value: passport }],
      names: [{ value: `Chan Sokha${tag}` }],
      birthDate: "1991-04-17",
      nationality: "KHM",
    });
    expect(items.map((d) => d.matchedBy)).toEqual([["identifier", "name_birth_date_nationality"]]);
  });

  it("shows nobody another office's applicant; a national role sees them", async () => {
    const query = {
      identifiers: [{ kind: "passport", value: passport }],
      names: [{ value: `Chan Sokha${tag}` }],
      birthDate: "1991-04-17",
      nationality: "KHM",
    };
    expect(await found(busanClerk, query)).toEqual([]);
    expect((await found(national, query)).map((d) => d.personId)).toEqual([sokha.personId]);
  });

  it("records the check with its count, never the terms", async () => {
    const [before] = await h.test.db.query<{ n: string | null }>("SELECT max(seq) AS n FROM audit_log");
    await found(clerk, {
      identifiers: [{ kind: "passport", value: passport }],
      names: [{ value: `Chan Sokha${tag}` }],
      birthDate: "1991-04-17",
      nationality: "KHM",
    });
    const rows = await h.test.db.query<{ action: string; details: Record<string, unknown>; row: string }>(
      "SELECT action, details, l::text AS row FROM audit_log l WHERE seq > $1 ORDER BY seq",
      [before?.n ?? 0],
    );
    expect(rows.find((r) => r.action === "person.duplicates")?.details).toEqual({
      matches: 1,
      personIds: sokha.personId,
    });
    for (const r of rows) {
      expect(r.row).not.toContain(passport);
      expect(r.row).not.toContain(`Sokha${tag}`);
      expect(r.row).not.toContain("1991-04-17");
    }
  });

  it.each([
    ["nothing to compare", {}],
    ["a nationality that names no country", { names: [{ value: "A B" }], nationality: "Cam" }],
    ["an unknown field", { names: [{ value: "A B" }], phone: "010" }],
  ])("refuses %s with 422", async (_what, body) => {
    const res = await duplicates(clerk, body);
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("answers 401 without a session", async () => {
    const res = await h.call(null, "POST", "/api/v1/persons/duplicates", { names: [{ value: "A" }] });
    expect(res.statusCode).toBe(401);
  });
});
