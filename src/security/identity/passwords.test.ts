import { verify } from "@node-rs/argon2";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import { disableAccount } from "./lifecycle.ts";
import { dummyPasswordHash } from "./password-hash.ts";
import { verifyPassword, type LoginResult } from "./passwords.ts";
import { makeAccount, minutesAfter, openMigrated, T0 } from "./test-fixtures.ts";
import { delayAfterFailures, LOGIN_THROTTLE, purgeLoginThrottle } from "./throttle.ts";
import { confirmTotp, enrollTotp } from "./totp.ts";

// Count calls to the real verifier: the unknown-name path must do the same work as a wrong password.
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});
const verifyCalls = vi.mocked(verify);

/** What the client gets to see of a result. */
function answer(r: LoginResult): unknown {
  return r.ok ? { ok: true } : { ok: false, reason: r.reason, retryAfterMs: r.retryAfterMs };
}

describe.each(createTestDatabases())("password sign-in on $kind", (factory) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openMigrated(factory);
  });
  afterAll(async () => {
    await t?.dispose();
  });
  beforeEach(() => {
    verifyCalls.mockClear();
  });

  it("signs in with the right password", async () => {
    const { account, password } = await makeAccount(t);
    const result = await verifyPassword(t.db, account.username.toUpperCase(), password, T0);
    expect(result).toEqual({ ok: true, account, attempt: { failedLogins: 1, retryAfterMs: 0 } });
  });

  it("answers an unknown name exactly like a wrong password, after the same argon2id verify", async () => {
    const { account } = await makeAccount(t);
    const wrong = await verifyPassword(t.db, account.username, "not the password", T0);
    expect(verifyCalls).toHaveBeenCalledTimes(1);
    const realHash = verifyCalls.mock.calls[0]?.[0];

    verifyCalls.mockClear();
    const unknown = await verifyPassword(t.db, "nobody.here", "not the password", T0);
    expect(verifyCalls).toHaveBeenCalledTimes(1);
    const dummyHash = verifyCalls.mock.calls[0]?.[0];

    expect(answer(unknown)).toEqual(answer(wrong));
    expect(answer(wrong)).toEqual({ ok: false, reason: "invalid", retryAfterMs: 0 });
    expect(dummyHash).toBe(await dummyPasswordHash());
    // Same algorithm and cost, so the same time: only the salt and the hash differ.
    const params = (h: unknown) => String(h).split("$").slice(1, 4).join("$");
    expect(params(dummyHash)).toBe(params(realHash));
    // The log still learns which it was.
    expect(wrong).toMatchObject({ accountId: account.id, failedLogins: 1 });
    expect(unknown).toMatchObject({ accountId: null, failedLogins: 1 });
  });

  it("slows down repeated failures, then locks for 15 minutes, and lets the right password in after", async () => {
    const { account, password } = await makeAccount(t);
    const delays: number[] = [];
    let now = T0;
    for (let i = 1; i <= LOGIN_THROTTLE.maxFailures; i++) {
      const r = await verifyPassword(t.db, account.username, `wrong guess ${i}`, now);
      if (r.ok) throw new Error("a wrong password was accepted");
      expect(r.reason).toBe("invalid");
      expect(r.failedLogins).toBe(i);
      delays.push(r.retryAfterMs);
      // An attempt inside the delay is refused without even checking the password.
      if (r.retryAfterMs > 0) {
        verifyCalls.mockClear();
        const early = await verifyPassword(t.db, account.username, password, new Date(now.getTime() + 1));
        expect(answer(early)).toEqual({ ok: false, reason: "locked", retryAfterMs: r.retryAfterMs - 1 });
        expect(verifyCalls).not.toHaveBeenCalled();
      }
      now = new Date(now.getTime() + r.retryAfterMs);
    }
    expect(delays).toEqual([0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 15 * 60_000]);
    expect(delays.slice(2).every((d, i) => d > (delays[i + 1] ?? 0))).toBe(true);

    const locked = await verifyPassword(t.db, account.username, password, minutesAfter(now, -1));
    expect(locked).toMatchObject({
      ok: false,
      reason: "locked",
      retryAfterMs: 60_000,
      accountId: account.id,
    });

    const after = await verifyPassword(t.db, account.username, password, now);
    expect(after.ok).toBe(true);
    const [row] = await t.db.query<{ failed_logins: number; locked_until: string | null }>(
      "SELECT failed_logins, locked_until FROM accounts WHERE id = $1",
      [account.id],
    );
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it("locks an unknown name the same way, so a lock-out does not reveal which names exist", async () => {
    const { account } = await makeAccount(t);
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    let now = T0;
    for (let i = 1; i <= LOGIN_THROTTLE.maxFailures + 1; i++) {
      const a = await verifyPassword(t.db, account.username, "wrong guess", now);
      const b = await verifyPassword(t.db, `no.such.${account.username}`, "wrong guess", now);
      known.push(answer(a));
      unknown.push(answer(b));
      now = new Date(now.getTime() + (a.ok ? 0 : a.retryAfterMs));
    }
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toEqual({ ok: false, reason: "invalid", retryAfterMs: 15 * 60_000 });
    // Only a hash of the typed name is kept, and only for a day.
    const names = await t.db.query<{ username_key: string }>("SELECT username_key FROM login_throttle");
    expect(names.some((r) => r.username_key.includes("no.such"))).toBe(false);
    expect(await purgeLoginThrottle(t.db, minutesAfter(now, 24 * 60 + 1))).toBeGreaterThan(0);
  });

  it("forgets failures a day after the last one", async () => {
    const { account, password } = await makeAccount(t);
    await verifyPassword(t.db, account.username, "wrong guess", T0);
    await verifyPassword(t.db, account.username, "wrong guess", T0);
    const next = await verifyPassword(t.db, account.username, "wrong guess", minutesAfter(T0, 24 * 60 + 1));
    expect(next).toMatchObject({ ok: false, failedLogins: 1, retryAfterMs: 0 });
    expect((await verifyPassword(t.db, account.username, password, minutesAfter(T0, 24 * 60 + 2))).ok).toBe(
      true,
    );
  });

  it("says 'disabled' only to whoever knows the password", async () => {
    const { account, password } = await makeAccount(t);
    await disableAccount(t.db, account.id, T0);
    expect(answer(await verifyPassword(t.db, account.username, "wrong guess", T0))).toEqual({
      ok: false,
      reason: "invalid",
      retryAfterMs: 0,
    });
    expect(answer(await verifyPassword(t.db, account.username, password, T0))).toEqual({
      ok: false,
      reason: "disabled",
      retryAfterMs: 0,
    });
  });

  it("counts the attempt until the second factor clears it, when the account has one", async () => {
    const { account, password } = await makeAccount(t);
    const { secret } = enrollTotp(account);
    const code = (at: Date) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });
    expect(await confirmTotp(t.db, account.id, secret, code(T0), T0)).toBe(true);
    await verifyPassword(t.db, account.username, "wrong guess", T0);
    const ok = await verifyPassword(t.db, account.username, password, T0);
    expect(ok).toMatchObject({ ok: true, account: { totpEnrolled: true } });
    const [row] = await t.db.query<{ failed_logins: number }>(
      "SELECT failed_logins FROM accounts WHERE id = $1",
      [account.id],
    );
    // The wrong guess, and this attempt: the password alone clears nothing.
    expect(row?.failed_logins).toBe(2);
  });

  it("gives a burst of concurrent guesses no more checks than the same guesses one after another", async () => {
    const guesses = Array.from({ length: 12 }, (_, i) => `wrong guess ${i}`);
    const one = await makeAccount(t);
    verifyCalls.mockClear();
    const sequential: unknown[] = [];
    for (const g of guesses) sequential.push(answer(await verifyPassword(t.db, one.account.username, g, T0)));
    const checkedInTurn = verifyCalls.mock.calls.length;

    const other = await makeAccount(t);
    verifyCalls.mockClear();
    const burst = await Promise.all(guesses.map((g) => verifyPassword(t.db, other.account.username, g, T0)));
    expect(verifyCalls.mock.calls.length).toBe(checkedInTurn);
    expect(checkedInTurn).toBe(LOGIN_THROTTLE.freeFailures);
    const order = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
    expect(order(burst.map(answer))).toEqual(order(sequential));
    const [row] = await t.db.query<{ failed_logins: number }>(
      "SELECT failed_logins FROM accounts WHERE id = $1",
      [other.account.id],
    );
    expect(row?.failed_logins).toBe(LOGIN_THROTTLE.freeFailures);
  });

  it("grows the delay with the failures", () => {
    const delays = Array.from({ length: 12 }, (_, i) => delayAfterFailures(i + 1));
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
  });
});
