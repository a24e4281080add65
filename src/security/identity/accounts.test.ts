import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import {
  createAccount,
  findAccountByUsername,
  getAccount,
  IdentityError,
  normalizeUsername,
  setPassword,
} from "./accounts.ts";
import { checkPassword } from "./password-hash.ts";
import { makeAccount, openMigrated, T0 } from "./test-fixtures.ts";

describe.each(createTestDatabases())("accounts on $kind", (factory) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openMigrated(factory);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("creates an account under a normalized name and never hands out its secrets", async () => {
    const account = await createAccount(
      t.db,
      {
        username: "  Ｋim.Examiner ",
        displayName: "김심사",
        role: "examiner",
        officeId: "seoul",
        password: "a long enough passphrase",
        createdBy: "admin",
      },
      T0,
    );
    expect(account).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      username: "kim.examiner",
      displayName: "김심사",
      role: "examiner",
      officeId: "seoul",
      totpEnrolled: false,
      passkeyEnrolled: false,
      service: false,
      disabledAt: null,
      createdAt: T0.toISOString(),
      createdBy: "admin",
    });
    expect(await findAccountByUsername(t.db, "KIM.EXAMINER")).toEqual(account);
    expect(await getAccount(t.db, account.id)).toEqual(account);
    expect(JSON.stringify(account)).not.toContain("argon2");
  });

  it("stores the password as an argon2id hash only", async () => {
    const { account, password } = await makeAccount(t);
    const [row] = await t.db.query<{ password_hash: string; failed_logins: number }>(
      "SELECT password_hash, failed_logins FROM accounts WHERE id = $1",
      [account.id],
    );
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.password_hash).not.toContain(password);
    expect(row?.failed_logins).toBe(0);
  });

  it("refuses a taken name, whatever its case", async () => {
    const { account } = await makeAccount(t);
    const again = makeAccount(t, { username: account.username.toUpperCase() });
    await expect(again).rejects.toThrow(IdentityError);
    await expect(again).rejects.toMatchObject({ code: "username_taken" });
  });

  it("refuses a weak password, a bad name and an unknown role", async () => {
    await expect(makeAccount(t, { password: "short" })).rejects.toMatchObject({ code: "weak_password" });
    await expect(makeAccount(t, { username: "has space" })).rejects.toMatchObject({
      code: "invalid_username",
    });
    await expect(makeAccount(t, { role: "root" as never })).rejects.toMatchObject({ code: "invalid_role" });
  });

  it("keeps office-spanning accounts without an office", async () => {
    const { account } = await makeAccount(t, { role: "analyst", officeId: null });
    expect(account.officeId).toBeNull();
  });

  it("changes a password", async () => {
    const { account } = await makeAccount(t);
    expect(await setPassword(t.db, account.id, "a brand new passphrase")).toBe(true);
    const [row] = await t.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM accounts WHERE id = $1",
      [account.id],
    );
    expect(await checkPassword(row?.password_hash ?? "", "a brand new passphrase")).toBe(true);
    await expect(setPassword(t.db, account.id, "short")).rejects.toMatchObject({ code: "weak_password" });
  });

  it("normalizes full-width letters and case", () => {
    expect(normalizeUsername("ＡＢＣ")).toBe("abc");
  });
});
