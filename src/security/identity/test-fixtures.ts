/** Shared set-up for the identity tests (not used by the application). */
import type { TestDatabase, TestDatabaseFactory } from "../../store/db.ts";
import { migrate } from "../../store/migrate.ts";
import { createAccount, type Account, type NewAccount } from "./accounts.ts";

export const T0 = new Date("2025-03-03T00:00:00.000Z");

export function minutesAfter(base: Date, minutes: number): Date {
  return new Date(base.getTime() + minutes * 60_000);
}

export async function openMigrated(factory: TestDatabaseFactory): Promise<TestDatabase> {
  const t = await factory.open();
  await migrate(t.db);
  return t;
}

let serial = 0;

/** A fresh examiner (unless overridden) with a known password. */
export async function makeAccount(
  t: TestDatabase,
  overrides: Partial<NewAccount> = {},
): Promise<{ account: Account; password: string }> {
  serial += 1;
  const password = overrides.password ?? `correct horse battery ${serial}`;
  const account = await createAccount(
    t.db,
    {
      username: `user${serial}.${Date.now().toString(36)}`,
      displayName: `User ${serial}`,
      role: "examiner",
      officeId: "seoul",
      createdBy: "test",
      ...overrides,
      password,
    },
    T0,
  );
  return { account, password };
}
