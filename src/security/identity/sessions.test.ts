import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import { disableAccount, enableAccount } from "./lifecycle.ts";
import {
  createSession,
  listSessions,
  markMfa,
  purgeSessions,
  requireRecentMfa,
  resolveSession,
  revokeAllSessions,
  revokeSession,
  rotateSession,
} from "./sessions.ts";
import { makeAccount, minutesAfter, openMigrated, T0 } from "./test-fixtures.ts";

describe("step-up", () => {
  it("needs a second factor proven within the last five minutes", () => {
    const mfaAt = T0.toISOString();
    expect(requireRecentMfa({ mfaAt }, minutesAfter(T0, 5))).toBe(true);
    expect(requireRecentMfa({ mfaAt }, minutesAfter(T0, 5.01))).toBe(false);
    expect(requireRecentMfa({ mfaAt }, minutesAfter(T0, 9), 10)).toBe(true);
    expect(requireRecentMfa({ mfaAt: null }, T0)).toBe(false);
    // A proof dated in the future is not a proof.
    expect(requireRecentMfa({ mfaAt }, minutesAfter(T0, -1))).toBe(false);
  });
});

describe.each(createTestDatabases())("sessions on $kind", (factory) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openMigrated(factory);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("issues 256-bit random tokens and stores only their SHA-256", async () => {
    const { account } = await makeAccount(t);
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++) tokens.add((await createSession(t.db, account.id, T0)).token);
    expect(tokens.size).toBe(20);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
    const dump = JSON.stringify(await t.db.query("SELECT * FROM sessions"));
    for (const token of tokens) expect(dump).not.toContain(token);
    expect(dump).toMatch(/"id_hash":"[0-9a-f]{64}"/);
  });

  it("resolves a token to its account and session", async () => {
    const { account } = await makeAccount(t);
    const { token, session } = await createSession(t.db, account.id, T0, { mfa: true });
    expect(session).toMatchObject({
      accountId: account.id,
      createdAt: T0.toISOString(),
      expiresAt: minutesAfter(T0, 12 * 60).toISOString(),
      idleExpiresAt: minutesAfter(T0, 30).toISOString(),
      mfaAt: T0.toISOString(),
    });
    const resolved = await resolveSession(t.db, token, minutesAfter(T0, 1));
    expect(resolved?.account).toEqual(account);
    expect(resolved?.session).toMatchObject({
      idHash: session.idHash,
      lastSeenAt: minutesAfter(T0, 1).toISOString(),
    });
    expect(await resolveSession(t.db, token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), T0)).toBeNull();
  });

  it("dies after 30 idle minutes, and each use pushes that back", async () => {
    const { account } = await makeAccount(t);
    const idle = await createSession(t.db, account.id, T0);
    expect(await resolveSession(t.db, idle.token, minutesAfter(T0, 30))).toBeNull();

    const used = await createSession(t.db, account.id, T0);
    expect(await resolveSession(t.db, used.token, minutesAfter(T0, 20))).not.toBeNull();
    expect(await resolveSession(t.db, used.token, minutesAfter(T0, 45))).not.toBeNull();
    expect(await resolveSession(t.db, used.token, minutesAfter(T0, 76))).toBeNull();
  });

  it("writes a use only when the last recorded one is over 30 seconds old (a read stays a read)", async () => {
    const { account } = await makeAccount(t);
    const { token } = await createSession(t.db, account.id, T0);
    const seen = async () =>
      (
        await t.db.query<{ at: string }>("SELECT last_seen_at AS at FROM sessions WHERE account_id = $1", [
          account.id,
        ])
      )[0]?.at;
    const soon = new Date(T0.getTime() + 20_000);
    expect((await resolveSession(t.db, token, soon))?.session.idleExpiresAt).toBe(
      minutesAfter(T0, 30).toISOString(),
    );
    expect(await seen()).toBe(T0.toISOString());
    const later = new Date(T0.getTime() + 31_000);
    expect((await resolveSession(t.db, token, later))?.session.idleExpiresAt).toBe(
      new Date(later.getTime() + 30 * 60_000).toISOString(),
    );
    expect(await seen()).toBe(later.toISOString());
  });

  it("dies at its absolute end however busy it is", async () => {
    const { account } = await makeAccount(t);
    const { token } = await createSession(t.db, account.id, T0, { idleMinutes: 30, absoluteHours: 2 });
    for (let m = 25; m < 120; m += 25)
      expect(await resolveSession(t.db, token, minutesAfter(T0, m))).not.toBeNull();
    const last = await resolveSession(t.db, token, minutesAfter(T0, 119));
    expect(last?.session.idleExpiresAt).toBe(minutesAfter(T0, 120).toISOString());
    expect(await resolveSession(t.db, token, minutesAfter(T0, 120))).toBeNull();
  });

  it("rotates at sign-in: the new token works, the old one is dead, the absolute end stays", async () => {
    const { account } = await makeAccount(t);
    const first = await createSession(t.db, account.id, T0);
    const rotated = await rotateSession(t.db, first.token, minutesAfter(T0, 1), { mfa: true });
    expect(rotated?.token).not.toBe(first.token);
    expect(rotated?.session).toMatchObject({
      expiresAt: first.session.expiresAt,
      mfaAt: minutesAfter(T0, 1).toISOString(),
    });
    expect(await resolveSession(t.db, first.token, minutesAfter(T0, 2))).toBeNull();
    expect(await resolveSession(t.db, rotated?.token ?? "", minutesAfter(T0, 2))).not.toBeNull();
    // A dead token cannot be rotated into a live one.
    expect(await rotateSession(t.db, first.token, minutesAfter(T0, 3))).toBeNull();
  });

  it("ends a session the client still held when it signs in again", async () => {
    const { account } = await makeAccount(t);
    const old = await createSession(t.db, account.id, T0);
    const fresh = await createSession(t.db, account.id, minutesAfter(T0, 1), { replaces: old.token });
    expect(await resolveSession(t.db, old.token, minutesAfter(T0, 2))).toBeNull();
    expect(await resolveSession(t.db, fresh.token, minutesAfter(T0, 2))).not.toBeNull();
  });

  it("dies at logout, and logout everywhere ends all but the one kept", async () => {
    const { account } = await makeAccount(t);
    const a = await createSession(t.db, account.id, T0);
    expect(await revokeSession(t.db, a.token, T0)).toBe(true);
    expect(await resolveSession(t.db, a.token, T0)).toBeNull();
    expect(await revokeSession(t.db, a.token, T0)).toBe(false);

    const [b, c, d] = [
      await createSession(t.db, account.id, T0),
      await createSession(t.db, account.id, T0),
      await createSession(t.db, account.id, T0),
    ];
    expect(await revokeAllSessions(t.db, account.id, T0, { except: d.token })).toBe(2);
    expect(await resolveSession(t.db, b.token, T0)).toBeNull();
    expect(await resolveSession(t.db, c.token, T0)).toBeNull();
    expect(await listSessions(t.db, account.id, T0)).toEqual([
      expect.objectContaining({ idHash: d.session.idHash }),
    ]);
  });

  it("dies when the account is disabled, and stays dead when it is enabled again", async () => {
    const { account } = await makeAccount(t);
    const { token } = await createSession(t.db, account.id, T0);
    expect(await disableAccount(t.db, account.id, minutesAfter(T0, 1))).toMatchObject({
      found: true,
      sessionsRevoked: 1,
    });
    expect(await resolveSession(t.db, token, minutesAfter(T0, 2))).toBeNull();
    expect(await enableAccount(t.db, account.id)).toBe(true);
    expect(await resolveSession(t.db, token, minutesAfter(T0, 3))).toBeNull();
  });

  it("refuses a live session whose account was disabled behind its back", async () => {
    const { account } = await makeAccount(t);
    const { token } = await createSession(t.db, account.id, T0);
    await t.db.query("UPDATE accounts SET disabled_at = $2 WHERE id = $1", [account.id, T0]);
    expect(await resolveSession(t.db, token, T0)).toBeNull();
  });

  it("records a step-up in the session", async () => {
    const { account } = await makeAccount(t);
    const { token, session } = await createSession(t.db, account.id, T0);
    expect(session.mfaAt).toBeNull();
    expect(requireRecentMfa(session, T0)).toBe(false);
    expect(await markMfa(t.db, token, minutesAfter(T0, 10))).toBe(true);
    const resolved = await resolveSession(t.db, token, minutesAfter(T0, 12));
    expect(resolved && requireRecentMfa(resolved.session, minutesAfter(T0, 12))).toBe(true);
    expect(resolved && requireRecentMfa(resolved.session, minutesAfter(T0, 16))).toBe(false);
    await revokeSession(t.db, token, T0);
    expect(await markMfa(t.db, token, minutesAfter(T0, 13))).toBe(false);
  });

  it("purges sessions that ended more than a day ago", async () => {
    const { account } = await makeAccount(t);
    const { session } = await createSession(t.db, account.id, T0, { idleMinutes: 1 });
    const later = minutesAfter(T0, 3 * 24 * 60);
    expect(await purgeSessions(t.db, later)).toBeGreaterThan(0);
    const left = await t.db.query("SELECT 1 FROM sessions WHERE id_hash = $1", [session.idHash]);
    expect(left).toHaveLength(0);
  });
});
