import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import {
  API_TOKEN_PREFIX,
  createApiToken,
  listApiTokens,
  resolveApiToken,
  revokeApiToken,
} from "./api-tokens.ts";
import { disableAccount } from "./lifecycle.ts";
import { makeAccount, minutesAfter, openMigrated, T0 } from "./test-fixtures.ts";

describe.each(createTestDatabases())("API tokens on $kind", (factory) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openMigrated(factory);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("gives the token once, prefixed and 256-bit, and keeps only its hash", async () => {
    const { account } = await makeAccount(t, { role: "analyst", officeId: null });
    const { id, token } = await createApiToken(
      t.db,
      account.id,
      "statistics export",
      ["statistics.read"],
      "admin",
      T0,
    );
    expect(token.startsWith(API_TOKEN_PREFIX)).toBe(true);
    expect(Buffer.from(token.slice(API_TOKEN_PREFIX.length), "base64url")).toHaveLength(32);
    const dump = JSON.stringify(await t.db.query("SELECT * FROM api_tokens"));
    expect(dump).not.toContain(token.slice(API_TOKEN_PREFIX.length));
    expect(await listApiTokens(t.db, account.id)).toEqual([
      {
        id,
        accountId: account.id,
        name: "statistics export",
        scopes: ["statistics.read"],
        createdAt: T0.toISOString(),
        createdBy: "admin",
        revokedAt: null,
        lastUsedAt: null,
      },
    ]);
  });

  it("resolves to its account and records the use", async () => {
    const { account } = await makeAccount(t);
    const { id, token } = await createApiToken(t.db, account.id, "court filings", ["case.read"], "admin", T0);
    expect(await resolveApiToken(t.db, token, minutesAfter(T0, 5))).toEqual({
      id: account.id,
      username: account.username,
      role: account.role,
      officeId: account.officeId,
      apiTokenId: id,
      scopes: ["case.read"],
    });
    const [info] = await listApiTokens(t.db, account.id);
    expect(info?.lastUsedAt).toBe(minutesAfter(T0, 5).toISOString());
    expect(await resolveApiToken(t.db, token.slice(API_TOKEN_PREFIX.length), T0)).toBeNull();
    expect(await resolveApiToken(t.db, `${API_TOKEN_PREFIX}forged`, T0)).toBeNull();
  });

  it("writes its last use at most once a minute, so most requests write nothing", async () => {
    const { account } = await makeAccount(t);
    const { token } = await createApiToken(t.db, account.id, "reader", ["case.read"], "admin", T0);
    const version = async () => {
      const [row] = await t.db.query<{ xmin: string; last_used_at: string | null }>(
        "SELECT xmin::text, last_used_at FROM api_tokens WHERE account_id = $1",
        [account.id],
      );
      return row;
    };
    await resolveApiToken(t.db, token, minutesAfter(T0, 5));
    const first = await version();
    expect(first?.last_used_at).toBe(minutesAfter(T0, 5).toISOString());
    // Within the minute: the row is not written at all (same row version).
    await resolveApiToken(t.db, token, new Date(minutesAfter(T0, 5).getTime() + 59_000));
    expect(await version()).toEqual(first);
    // Over a minute later: written again.
    await resolveApiToken(t.db, token, minutesAfter(T0, 7));
    expect((await version())?.last_used_at).toBe(minutesAfter(T0, 7).toISOString());
  });

  it("stops working on the very next request after it is revoked", async () => {
    const { account } = await makeAccount(t);
    const kept = await createApiToken(t.db, account.id, "kept", ["case.read"], "admin", T0);
    const { id, token } = await createApiToken(t.db, account.id, "revoked", ["case.read"], "admin", T0);
    expect(await resolveApiToken(t.db, token, T0)).not.toBeNull();
    expect(await revokeApiToken(t.db, id, minutesAfter(T0, 1))).toBe(true);
    expect(await resolveApiToken(t.db, token, minutesAfter(T0, 1))).toBeNull();
    expect(await resolveApiToken(t.db, kept.token, minutesAfter(T0, 1))).not.toBeNull();
    expect(await revokeApiToken(t.db, id, minutesAfter(T0, 2))).toBe(false);
    const listed = await listApiTokens(t.db, account.id);
    expect(listed.find((x) => x.id === id)?.revokedAt).toBe(minutesAfter(T0, 1).toISOString());
  });

  it("lets an account revoke only its own tokens", async () => {
    const { account: owner } = await makeAccount(t);
    const { account: other } = await makeAccount(t);
    const { id, token } = await createApiToken(t.db, owner.id, "mine", ["case.read"], owner.username, T0);
    expect(await revokeApiToken(t.db, id, T0, other.id)).toBe(false);
    expect(await resolveApiToken(t.db, token, T0)).not.toBeNull();
    expect(await revokeApiToken(t.db, id, T0, owner.id)).toBe(true);
  });

  it("dies with its account: disable revokes every token at once", async () => {
    const { account } = await makeAccount(t);
    const a = await createApiToken(t.db, account.id, "a", ["case.read"], "admin", T0);
    const b = await createApiToken(t.db, account.id, "b", ["case.read"], "admin", T0);
    expect(await disableAccount(t.db, account.id, minutesAfter(T0, 1))).toEqual({
      found: true,
      lastAdministrator: false,
      sessionsRevoked: 0,
      apiTokensRevoked: 2,
    });
    expect(await resolveApiToken(t.db, a.token, minutesAfter(T0, 1))).toBeNull();
    expect(await resolveApiToken(t.db, b.token, minutesAfter(T0, 1))).toBeNull();
    expect(await disableAccount(t.db, "00000000-0000-7000-8000-000000000000", T0)).toMatchObject({
      found: false,
    });
  });
});
