/**
 * docs/security.md requirements 9 and 10 against the database the application really writes: identifiers and
 * sensitive facts are ciphertext there, bound to their row (an insider who copies one person's
 * ciphertext onto another's row gets nothing shown), found only through the blind index, and
 * still readable after the key-encryption key is rotated through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../../src/store/db.ts";
import { stepUp, type TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "./fixture.ts";

describe.each(createTestDatabases())("data at rest on $kind", (factory) => {
  let h: Harness;
  let clerk: TestUser;
  let admin: TestUser;
  const tag = Date.now().toString(36).toUpperCase();
  const a = { passport: `PPA${tag}`, faith: `FAITH-A-${tag}` };
  const b = { passport: `PPB${tag}`, faith: `FAITH-B-${tag}` };
  const ids = {} as Record<"a" | "b", string>;
  const register = async (s: typeof a) => {
    const res = await h.call(clerk, "POST", "/api/v1/persons", {
      names: [{ value: `Person ${s === a ? "A" : s === b ? "B" : "C"}` }],
      nationality: "ERI",
      identifiers: [{ kind: "passport", value: s.passport }],
      sensitiveFacts: { religion: s.faith },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const read = (id: string) => h.call(clerk, "GET", `/api/v1/persons/${id}`);

  beforeAll(async () => {
    h = await openHarness(factory);
    clerk = await h.user("dr-clerk", "intake_clerk", "seoul");
    admin = await h.user("dr-admin", "administrator", null);
    ids.a = await register(a);
    ids.b = await register(b);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("stores identifiers and sensitive facts only as ciphertext", async () => {
    const rows = await h.test.db.query<{ row: string }>(
      "SELECT p::text AS row FROM persons p WHERE id = $1",
      [ids.a],
    );
    const text = rows[0]?.row ?? "";
    expect(text).toContain(ids.a);
    expect(text).not.toContain(a.passport);
    expect(text).not.toContain(a.faith);
    const index = await h.test.db.query<{ row: string }>(
      "SELECT t::text AS row FROM person_identifier_index t",
    );
    expect(index.map((r) => r.row).join("\n")).not.toContain(a.passport);
    expect((await read(ids.a)).body).toContain(a.passport);
  });

  it("never shows a ciphertext copied onto another person's row", async () => {
    const [saved] = await h.test.db.query<{ identifiers_enc: string; sensitive_enc: string }>(
      "SELECT identifiers_enc, sensitive_enc FROM persons WHERE id = $1",
      [ids.b],
    );
    try {
      await h.test.db.query(
        `UPDATE persons SET identifiers_enc = src.identifiers_enc, sensitive_enc = src.sensitive_enc
           FROM persons src WHERE src.id = $1 AND persons.id = $2`,
        [ids.a, ids.b],
      );
      const res = await read(ids.b);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain(a.passport);
      expect(res.body).not.toContain(a.faith);
    } finally {
      await h.test.db.query("UPDATE persons SET identifiers_enc = $2, sensitive_enc = $3 WHERE id = $1", [
        ids.b,
        saved?.identifiers_enc,
        saved?.sensitive_enc,
      ]);
    }
    expect((await read(ids.b)).body).toContain(b.passport);
  });

  it("finds a person by exact identifier through the blind index, whatever the spacing or case", async () => {
    const search = (identifier: string) =>
      h.call(clerk, "POST", "/api/v1/persons/search", { identifierKind: "passport", identifier });
    const hit = await search(` ${a.passport.toLowerCase()} `);
    expect(hit.json<{ items: { id: string }[] }>().items.map((p) => p.id)).toEqual([ids.a]);
    expect((await search(`${a.passport}X`)).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it("rotates the key-encryption key through the API: old records still decrypt, new ones too", async () => {
    const before = (await h.call(admin, "GET", "/api/v1/keys")).json<Record<string, unknown>>();
    h.clock.tick();
    await stepUp(h.app, h.ctx, admin);
    const rotated = await h.call(admin, "POST", "/api/v1/keys/rotate");
    expect(rotated.statusCode, rotated.body).toBe(201);
    expect(rotated.json<{ rewrapped: number }>().rewrapped).toBeGreaterThan(0);
    const after = (await h.call(admin, "GET", "/api/v1/keys")).json<Record<string, unknown>>();
    expect(after).not.toEqual(before);
    expect(JSON.stringify(after)).not.toMatch(/"(key|material|secret)":/i);
    for (const [id, s] of [
      [ids.a, a],
      [ids.b, b],
    ] as const) {
      const res = await read(id);
      expect(res.body).toContain(s.passport);
      expect(res.body).toContain(s.faith);
    }
    const c = { passport: `PPC${tag}`, faith: `FAITH-C-${tag}` };
    expect((await read(await register(c))).body).toContain(c.faith);
  });
});
