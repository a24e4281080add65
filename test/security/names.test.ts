/**
 * Names that cannot deceive, through the HTTP API (docs/security.md requirement 21): no
 * bidirectional control characters in a display name or a username, and no username that looks
 * like an existing one (Unicode confusables, UTS #39 skeletons).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { grantAccess, openHarness, type Harness } from "./fixture.ts";

describe.each(createTestDatabases())("account names on $kind", (factory) => {
  let h: Harness;
  let admin: TestUser;
  let second: TestUser;
  /** Accounts and requests for one: a refused name leaves neither. */
  const accounts = async () =>
    (
      await h.test.db.query<{ n: number }>(
        "SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM access_requests) AS n",
      )
    )[0]?.n ?? 0;
  const create = (username: string, displayName: string) =>
    h.call(admin, "POST", "/api/v1/access-requests", {
      kind: "account",
      username,
      displayName,
      role: "examiner",
      officeId: "seoul",
    });
  const problem = (res: { json: <T>() => T }) =>
    res.json<{ type: string; detail: string; issues?: { path: string }[] }>();

  beforeAll(async () => {
    h = await openHarness(factory);
    admin = await h.user("nm-admin", "administrator", null);
    second = await h.user("nm-admin-2", "administrator", null);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("refuses bidirectional control characters in a display name or a username, and creates nothing", async () => {
    const before = await accounts();
    // "Kim Min‮ (supervisor)" would show the words after it reversed, and RLO can make "nimda" read "admin".
    for (const [i, c] of ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u200f", "\u061c"].entries()) {
      const byName = await create(`nm-bidi-${i}`, `Kim Min${c} (supervisor)`);
      expect(byName.statusCode, byName.body).toBe(422);
      expect(problem(byName).issues?.[0]?.path).toBe("body.displayName");
      expect(problem(byName).detail).toMatch(/bidirectional/);
      const byUsername = await create(`nm-${c}nimda-${i}`, "Kim Min");
      expect(byUsername.statusCode, byUsername.body).toBe(422);
      expect(problem(byUsername).issues?.[0]?.path).toBe("body.username");
    }
    expect(await accounts()).toBe(before);
    // Names in other scripts are fine.
    expect((await create("nm-sok.dara", "សុខ ដារ៉ា")).statusCode).toBe(201);
    expect((await create("nm-kim.minjun", "김민준")).statusCode).toBe(201);
  });

  it("refuses a username that looks like an existing one, naming it; a disabled account counts too", async () => {
    const first = await create("nm-kim.j", "Kim J");
    expect(first.statusCode, first.body).toBe(201);
    const before = await accounts();
    // "rn" for "m"; a Cyrillic і; a Cyrillic ј; a dotless ı.
    for (const lookalike of ["nm-kirn.j", "nm-kіm.j", "nm-kim.ј", "nm-kım.j"]) {
      const res = await create(lookalike, "Someone else");
      expect(res.statusCode, `${lookalike}: ${res.body}`).toBe(409);
      expect(problem(res).detail, lookalike).toContain("nm-kim.j");
      expect(problem(res).issues?.[0]?.path).toBe("body.username");
    }
    expect(await accounts()).toBe(before);

    const { accountId: id } = await grantAccess(h, admin, second, {
      kind: "account",
      username: "nm-sup.seoul",
      displayName: "Supervisor",
      role: "supervisor",
      officeId: "seoul",
    });
    expect((await h.call(admin, "POST", `/api/v1/accounts/${id}/disable`)).statusCode).toBeLessThan(300);
    expect((await create("nm-sup.seou1", "Not the supervisor")).statusCode).toBe(409);
    // A name that only differs is fine.
    expect((await create("nm-kim.h", "Kim H")).statusCode).toBe(201);
  });
});
