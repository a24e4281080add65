/**
 * docs/security.md requirement 18 through the HTTP API: an administrator cannot disable their own
 * account, nor the last administrator who can sign in, not even when two administrators disable
 * each other at the same moment.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../../src/store/db.ts";
import { openHarness, type Harness } from "./fixture.ts";

const whoAmI = (h: Harness, cookie: string) =>
  h.app.inject({ url: "/api/v1/auth/session", headers: { cookie } });

describe.each(createTestDatabases())("administrators on $kind", (factory) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(factory);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("cannot disable their own account, though other administrators remain", async () => {
    const admin = await h.user("ad-self", "administrator", null);
    await h.user("ad-other", "administrator", null);
    const res = await h.call(admin, "POST", `/api/v1/accounts/${admin.id}/disable`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json<{ detail: string }>().detail).toContain("your own account");
    expect((await whoAmI(h, admin.cookie)).statusCode).toBe(200);
    const [row] = await h.test.db.query<{ disabled_at: string | null }>(
      "SELECT disabled_at FROM accounts WHERE id = $1",
      [admin.id],
    );
    expect(row?.disabled_at).toBeNull();
  });

  it("can disable another administrator while one remains", async () => {
    const a = await h.user("ad-keeps", "administrator", null);
    const b = await h.user("ad-goes", "administrator", null);
    expect((await h.call(a, "POST", `/api/v1/accounts/${b.id}/disable`)).statusCode).toBe(204);
    expect((await whoAmI(h, b.cookie)).statusCode).toBe(401);
  });
});

/**
 * Two administrators, the only ones, disable each other at the same moment. The test holds their
 * rows locked until both requests wait on them, then lets go: without the rule both would succeed
 * and nobody could manage accounts any more. Needs two connections, so PostgreSQL only.
 */
describe.each(createTestDatabases().filter((f) => f.kind === "postgres"))(
  "the last administrator on $kind",
  (factory) => {
    let h: Harness;
    beforeAll(async () => {
      h = await openHarness(factory);
    });
    afterAll(async () => {
      await h?.close();
    });

    it("is never disabled, even when the last two disable each other at once", async () => {
      const a = await h.user("ad-race-a", "administrator", null);
      const b = await h.user("ad-race-b", "administrator", null);
      const { racing } = await h.test.db.transaction(async (tx) => {
        await tx.query("SELECT id FROM accounts WHERE id = ANY($1::uuid[]) FOR UPDATE", [[a.id, b.id]]);
        const racing = Promise.all([
          h.call(a, "POST", `/api/v1/accounts/${b.id}/disable`),
          h.call(b, "POST", `/api/v1/accounts/${a.id}/disable`),
        ]);
        // Both requests are past the sign-in check and wait on the rows this transaction holds,
        // one directly, the other behind it in the row's queue (counted by who blocks them, so
        // that other tests on the same server do not count).
        // pg_stat_activity is read once per transaction unless its snapshot is cleared.
        for (let tries = 0; ; tries++) {
          await tx.query("SELECT pg_stat_clear_snapshot()");
          const [waiting] = await tx.query<{ n: number }>(
            `WITH direct AS (SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid)))
             SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE pid IN (SELECT pid FROM direct)
                 OR pg_blocking_pids(pid) && ARRAY(SELECT pid FROM direct)`,
          );
          if (waiting?.n === 2) break;
          if (tries > 1500) throw new Error(`${waiting?.n ?? 0} of the 2 requests wait on the locked rows`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        // Let go of the rows (commit) without waiting for the requests, which wait for this.
        return { racing };
      });
      const answers = await racing;
      const statuses = answers.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([204, 409]);
      const active = await h.test.db.query<{ id: string }>(
        "SELECT id FROM accounts WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL",
        [[a.id, b.id]],
      );
      expect(active).toHaveLength(1);
    });
  },
);
