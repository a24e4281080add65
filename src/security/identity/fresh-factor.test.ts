import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import { consumeFreshFactor, FRESH_FACTOR_SECONDS, grantFreshFactor } from "./fresh-factor.ts";
import { hashToken } from "./secrets.ts";
import { createSession, revokeSession } from "./sessions.ts";
import { makeAccount, minutesAfter, openMigrated, T0 } from "./test-fixtures.ts";

describe.each(createTestDatabases())("a second factor proven for one action on $kind", (factory) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openMigrated(factory);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function session(): Promise<{ token: string; id: string }> {
    const { account } = await makeAccount(t);
    const { token } = await createSession(t.db, account.id, T0, { mfa: true });
    return { token, id: hashToken(token) };
  }

  it("is not given by signing in, even with the second factor", async () => {
    const s = await session();
    expect(await consumeFreshFactor(t.db, s.id, T0)).toBe(false);
  });

  it("counts for one action only", async () => {
    const s = await session();
    expect(await grantFreshFactor(t.db, s.id, minutesAfter(T0, 1))).toBe(true);
    expect(await consumeFreshFactor(t.db, s.id, minutesAfter(T0, 1.5))).toBe(true);
    expect(await consumeFreshFactor(t.db, s.id, minutesAfter(T0, 1.5))).toBe(false);
  });

  it("expires after its window, and a proof dated later than now is none", async () => {
    const s = await session();
    await grantFreshFactor(t.db, s.id, T0);
    expect(await consumeFreshFactor(t.db, s.id, minutesAfter(T0, FRESH_FACTOR_SECONDS / 60 + 0.01))).toBe(
      false,
    );
    await grantFreshFactor(t.db, s.id, minutesAfter(T0, 1));
    expect(await consumeFreshFactor(t.db, s.id, T0)).toBe(false);
  });

  it("is given back when the action's transaction rolls back", async () => {
    const s = await session();
    await grantFreshFactor(t.db, s.id, T0);
    await expect(
      t.db.transaction(async (tx) => {
        expect(await consumeFreshFactor(tx, s.id, T0)).toBe(true);
        throw new Error("the action was refused");
      }),
    ).rejects.toThrow("refused");
    expect(await consumeFreshFactor(t.db, s.id, T0)).toBe(true);
  });

  it("belongs to its session: another session of the account, or an ended one, has none", async () => {
    const s = await session();
    const [row] = await t.db.query<{ account_id: string }>(
      "SELECT account_id FROM sessions WHERE id_hash = $1",
      [s.id],
    );
    const other = await createSession(t.db, row?.account_id ?? "", T0, { mfa: true });
    await grantFreshFactor(t.db, s.id, T0);
    expect(await consumeFreshFactor(t.db, hashToken(other.token), T0)).toBe(false);
    await revokeSession(t.db, s.token, T0);
    expect(await consumeFreshFactor(t.db, s.id, T0)).toBe(false);
    expect(await grantFreshFactor(t.db, s.id, T0)).toBe(false);
  });

  it("goes to one of two concurrent actions", async () => {
    const s = await session();
    await grantFreshFactor(t.db, s.id, T0);
    const both = await Promise.all([consumeFreshFactor(t.db, s.id, T0), consumeFreshFactor(t.db, s.id, T0)]);
    expect(both.filter(Boolean)).toHaveLength(1);
  });
});
