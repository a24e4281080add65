import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import type { Account } from "./accounts.ts";
import { makeAccount, openMigrated, T0 } from "./test-fixtures.ts";
import { LOGIN_THROTTLE } from "./throttle.ts";
import { confirmTotp, enrollTotp, removeTotp, verifyTotp } from "./totp.ts";

const STEP_MS = 30_000;

function codeAt(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });
}

/** A well-formed code that no step within the drift window of `at` produces. */
function wrongCodeAt(secret: string, at: Date): string {
  const near = new Set([-1, 0, 1].map((d) => codeAt(secret, after(d, at))));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, "0");
    if (!near.has(candidate)) return candidate;
  }
}

function after(steps: number, base: Date = T0): Date {
  return new Date(base.getTime() + steps * STEP_MS);
}

describe("TOTP enrollment", () => {
  it("makes a 160-bit secret and an otpauth URI for SHA-1, 6 digits, 30 seconds", () => {
    const { secret, uri } = enrollTotp({ username: "kim.examiner" }, "OpenRSD Seoul");
    expect(Secret.fromBase32(secret).bytes).toHaveLength(20);
    const url = new URL(uri);
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname)).toBe("/OpenRSD Seoul:kim.examiner");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      issuer: "OpenRSD Seoul",
      secret,
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
    expect(enrollTotp({ username: "kim.examiner" }).secret).not.toBe(secret);
  });
});

describe.each(createTestDatabases())("TOTP on $kind", (factory) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openMigrated(factory);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  /** An account with TOTP confirmed at T0 (so T0's step is already used). */
  async function enrolled(): Promise<{ account: Account; secret: string }> {
    const { account } = await makeAccount(t);
    const { secret } = enrollTotp(account);
    expect(await confirmTotp(t.db, account.id, secret, codeAt(secret, T0), T0)).toBe(true);
    return { account, secret };
  }

  it("stores nothing until the user proves the secret, then stores what the caller gives", async () => {
    const { account } = await makeAccount(t);
    const { secret } = enrollTotp(account);
    expect(await confirmTotp(t.db, account.id, secret, wrongCodeAt(secret, T0), T0)).toBe(false);
    expect(
      (await t.db.query("SELECT 1 FROM accounts WHERE id = $1 AND totp_secret IS NULL", [account.id])).length,
    ).toBe(1);
    const stored = `sealed:${secret}`;
    expect(await confirmTotp(t.db, account.id, secret, codeAt(secret, T0), T0, { storeAs: stored })).toBe(
      true,
    );
    const [row] = await t.db.query<{ totp_secret: string }>(
      "SELECT totp_secret FROM accounts WHERE id = $1",
      [account.id],
    );
    expect(row?.totp_secret).toBe(stored);
    const decrypt = async (value: string) => value.replace(/^sealed:/, "");
    expect(await verifyTotp(t.db, account.id, codeAt(secret, after(1)), after(1), { decrypt })).toMatchObject(
      {
        ok: true,
      },
    );
  });

  it("accepts a code once: the same code again is refused", async () => {
    const { account, secret } = await enrolled();
    const now = after(4);
    const code = codeAt(secret, now);
    expect(await verifyTotp(t.db, account.id, code, now)).toEqual({
      ok: true,
      step: now.getTime() / STEP_MS,
    });
    expect(await verifyTotp(t.db, account.id, code, new Date(now.getTime() + 5000))).toMatchObject({
      ok: false,
      reason: "replayed",
    });
  });

  it("refuses an older code, even one inside the drift window", async () => {
    const { account, secret } = await enrolled();
    const now = after(10);
    expect((await verifyTotp(t.db, account.id, codeAt(secret, now), now)).ok).toBe(true);
    expect(await verifyTotp(t.db, account.id, codeAt(secret, after(-1, now)), now)).toMatchObject({
      ok: false,
      reason: "replayed",
    });
    // The next step's code still works.
    expect((await verifyTotp(t.db, account.id, codeAt(secret, after(1, now)), after(1, now))).ok).toBe(true);
  });

  it("allows one step of clock drift either way, and no more", async () => {
    const { account, secret } = await enrolled();
    const now = after(20);
    expect((await verifyTotp(t.db, account.id, codeAt(secret, after(-1, now)), now)).ok).toBe(true);
    expect((await verifyTotp(t.db, account.id, codeAt(secret, after(1, now)), now)).ok).toBe(true);
    expect(await verifyTotp(t.db, account.id, codeAt(secret, after(3, now)), now)).toMatchObject({
      reason: "invalid",
    });
    expect(await verifyTotp(t.db, account.id, codeAt(secret, after(-5, now)), now)).toMatchObject({
      reason: "invalid",
    });
  });

  it("lets only one of two concurrent uses of a code through", async () => {
    const { account, secret } = await enrolled();
    const now = after(30);
    const code = codeAt(secret, now);
    const results = await Promise.all([
      verifyTotp(t.db, account.id, code, now),
      verifyTotp(t.db, account.id, code, now),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("counts wrong codes as failed sign-ins and locks after too many", async () => {
    const { account, secret } = await enrolled();
    let now = after(40);
    let last;
    for (let i = 0; i < LOGIN_THROTTLE.maxFailures; i++) {
      last = await verifyTotp(t.db, account.id, wrongCodeAt(secret, now), now);
      expect(last.ok).toBe(false);
      if (!last.ok) now = new Date(now.getTime() + last.retryAfterMs);
    }
    expect(last).toMatchObject({ failedLogins: LOGIN_THROTTLE.maxFailures, retryAfterMs: 15 * 60_000 });
    const during = new Date(now.getTime() - 60_000);
    expect(await verifyTotp(t.db, account.id, codeAt(secret, during), during)).toMatchObject({
      reason: "locked",
    });
    // After the lock, the right code works and clears the counter.
    expect((await verifyTotp(t.db, account.id, codeAt(secret, now), now)).ok).toBe(true);
    const [row] = await t.db.query<{ failed_logins: number }>(
      "SELECT failed_logins FROM accounts WHERE id = $1",
      [account.id],
    );
    expect(row?.failed_logins).toBe(0);
  });

  it("refuses malformed codes and accounts without TOTP", async () => {
    const { account, secret } = await enrolled();
    expect(await verifyTotp(t.db, account.id, "12345", after(50))).toMatchObject({ reason: "invalid" });
    expect(await verifyTotp(t.db, account.id, "1234567", after(50))).toMatchObject({ reason: "invalid" });
    expect(await removeTotp(t.db, account.id)).toBe(true);
    expect(await verifyTotp(t.db, account.id, codeAt(secret, after(51)), after(51))).toMatchObject({
      reason: "not_enrolled",
    });
  });
});
