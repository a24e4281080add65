/**
 * What every command and query needs: the database, the clock, and the holiday calendar
 * (official data plus the temporary and election days an administrator has added).
 */
import type { Logger } from "pino";
import { todayInSeoul, type LegalDate } from "../kernel/calendar/dates.ts";
import { createKoreanCalendar, type HolidayCalendar } from "../kernel/calendar/holidays.ts";
import type { Database } from "../store/db.ts";
import { listAddedHolidays } from "../store/holidays.ts";
import { openKeyring, type Keyring } from "../security/crypto/keyring.ts";
import type { AuditSigningKey } from "../security/audit/signing-key.ts";

export interface AppContext {
  db: Database;
  /** Field encryption and blind indexes (SECURITY.md items 9, 10). */
  keyring: Keyring;
  /** Wraps the key-encryption keys; needed to rotate them. Never logged. */
  masterKey: Buffer;
  /** Signs audit checkpoints (Ed25519), when the deployment has one. */
  signingKey?: AuditSigningKey;
  /** The current instant; tests and demos may fix it. */
  clock: () => Date;
  calendar(): HolidayCalendar;
  /** Rebuild the calendar after an administrator added a holiday. */
  reloadCalendar(): Promise<void>;
  log?: Logger;
}

let memo: { minute: number; date: LegalDate } | null = null;

/**
 * "Today" as the law counts it: the current date in Asia/Seoul. Formatting a date in a time zone
 * is costly next to a case read, so the answer is kept for the minute it was computed in.
 */
export function today(ctx: AppContext): LegalDate {
  const now = ctx.clock();
  const minute = Math.floor(now.getTime() / 60_000);
  if (memo?.minute !== minute) memo = { minute, date: todayInSeoul(now) };
  return memo.date;
}

export async function createAppContext(options: {
  db: Database;
  /** The master key that wraps the key-encryption keys (see src/security/crypto/master-key.ts). */
  masterKey: Buffer;
  signingKey?: AuditSigningKey;
  clock?: () => Date;
  log?: Logger;
}): Promise<AppContext> {
  let calendar = createKoreanCalendar(await listAddedHolidays(options.db));
  const ctx: AppContext = {
    db: options.db,
    keyring: await openKeyring(options.db, options.masterKey),
    masterKey: options.masterKey,
    ...(options.signingKey ? { signingKey: options.signingKey } : {}),
    clock: options.clock ?? (() => new Date()),
    calendar: () => calendar,
    async reloadCalendar() {
      calendar = createKoreanCalendar(await listAddedHolidays(options.db));
    },
    ...(options.log ? { log: options.log } : {}),
  };
  return ctx;
}
