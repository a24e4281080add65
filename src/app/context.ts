/**
 * What every command and query needs: the database, the clock, the procedure profiles this
 * deployment runs, and each jurisdiction's holiday calendar (official data plus the temporary and
 * election days an administrator has added).
 */
import type { Logger } from "pino";
import { todayIn, type LegalDate } from "../kernel/calendar/dates.ts";
import type { HolidayCalendar } from "../kernel/calendar/holidays.ts";
import type { ProcedureProfile } from "../kernel/procedure/profile.ts";
import type { ProfileRegistry } from "../kernel/procedure/registry.ts";
import { builtInRegistry } from "../profiles/index.ts";
import type { Database } from "../store/db.ts";
import { listAddedHolidays } from "../store/holidays.ts";
import { openKeyring, type Keyring } from "../security/crypto/keyring.ts";
import type { AuditSigningKey } from "../security/audit/signing-key.ts";

export interface AppContext {
  db: Database;
  /** Field encryption and blind indexes (docs/security.md requirements 9, 10). */
  keyring: Keyring;
  /** Wraps the key-encryption keys; needed to rotate them. Never logged. */
  masterKey: Buffer;
  /** Signs audit checkpoints (Ed25519), when the deployment has one. */
  signingKey?: AuditSigningKey;
  /** The current instant; tests and demos may fix it. */
  clock: () => Date;
  /** The procedure profiles this deployment runs; the first is the default for new cases. */
  profiles: ProfileRegistry;
  /** A jurisdiction's holiday calendar (default: the default profile's jurisdiction). */
  calendar(jurisdiction?: string): HolidayCalendar;
  /** Rebuild the calendars after an administrator added a holiday. */
  reloadCalendar(): Promise<void>;
  log?: Logger;
}

const memo = new Map<string, { minute: number; date: LegalDate }>();

/**
 * "Today" as a profile's law counts it (default: the default profile's): the current date in its
 * time zone. Formatting a date in a time zone is costly next to a case read, so the answer is
 * kept for the minute it was computed in.
 */
export function today(ctx: AppContext, profile: ProcedureProfile = ctx.profiles.defaultProfile): LegalDate {
  const now = ctx.clock();
  const minute = Math.floor(now.getTime() / 60_000);
  const hit = memo.get(profile.timeZone);
  if (hit?.minute === minute) return hit.date;
  const date = todayIn(profile.timeZone, now);
  memo.set(profile.timeZone, { minute, date });
  return date;
}

/** A profile's calendar: its jurisdiction's holidays. */
export function calendarOf(ctx: AppContext, profile: ProcedureProfile): HolidayCalendar {
  return ctx.calendar(profile.jurisdiction);
}

async function buildCalendars(
  db: Database,
  profiles: ProfileRegistry,
): Promise<Map<string, HolidayCalendar>> {
  const added = await listAddedHolidays(db);
  const calendars = new Map<string, HolidayCalendar>();
  for (const p of profiles.all()) {
    if (calendars.has(p.jurisdiction)) continue;
    calendars.set(p.jurisdiction, p.calendar(added.filter((h) => h.jurisdiction === p.jurisdiction)));
  }
  return calendars;
}

export async function createAppContext(options: {
  db: Database;
  /** The master key that wraps the key-encryption keys (see src/security/crypto/master-key.ts). */
  masterKey: Buffer;
  signingKey?: AuditSigningKey;
  clock?: () => Date;
  log?: Logger;
  /** The profiles to run (default: the built-in ones, `src/profiles/index.ts`). */
  profiles?: ProfileRegistry;
}): Promise<AppContext> {
  const profiles = options.profiles ?? builtInRegistry();
  let calendars = await buildCalendars(options.db, profiles);
  const ctx: AppContext = {
    db: options.db,
    keyring: await openKeyring(options.db, options.masterKey),
    masterKey: options.masterKey,
    ...(options.signingKey ? { signingKey: options.signingKey } : {}),
    clock: options.clock ?? (() => new Date()),
    profiles,
    calendar(jurisdiction = profiles.defaultProfile.jurisdiction) {
      const c = calendars.get(jurisdiction);
      if (!c) throw new Error(`no procedure profile of this deployment uses jurisdiction ${jurisdiction}`);
      return c;
    },
    async reloadCalendar() {
      calendars = await buildCalendars(options.db, profiles);
    },
    ...(options.log ? { log: options.log } : {}),
  };
  return ctx;
}
