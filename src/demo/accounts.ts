/**
 * Fictional demo accounts, one for each role, so that a newcomer can sign in as any of them.
 * Their TOTP secrets are derived from the username, so `openrsd demo-code <username>` can print
 * the current code without an authenticator app. Demo mode is refused in production.
 */
import { createHash } from "node:crypto";
import { Secret } from "otpauth";
import { v7 as uuidv7 } from "uuid";
import { matchingCases } from "../cases/search-cases.ts";
import { assignDemoInterviews } from "./interviews.ts";
import { loadCoiLibrary } from "./coi/library.ts";
import { scheduleDemoInterview } from "../interviews/demo.ts";
import { seedDemoTranslations, type DemoAccountRef } from "./translations.ts";
import { queryWords } from "../persons/name-keys.ts";
import { currentTotpCode, storeTotpSecret } from "../security/commands/accounts.ts";
import type { AppContext } from "../app/context.ts";
import type { Role } from "../security/access/rights.ts";
import { createAccount, findAccountByUsername } from "../security/identity/accounts.ts";

export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_ACCOUNTS: readonly {
  username: string;
  displayName: string;
  role: Role;
  officeId: string | null;
}[] = [
  {
    username: "demo-intake",
    displayName: "Demo intake clerk (Seoul)",
    role: "intake_clerk",
    officeId: "seoul",
  },
  { username: "demo-examiner", displayName: "Demo examiner (Seoul)", role: "examiner", officeId: "seoul" },
  {
    username: "demo-supervisor",
    displayName: "Demo supervisor (Seoul)",
    role: "supervisor",
    officeId: "seoul",
  },
  {
    username: "demo-supervisor2",
    displayName: "Second demo supervisor (Seoul)",
    role: "supervisor",
    officeId: "seoul",
  },
  {
    username: "demo-busan-examiner",
    displayName: "Demo examiner (Busan)",
    role: "examiner",
    officeId: "busan",
  },
  {
    username: "demo-committee",
    displayName: "Demo committee secretary",
    role: "committee_secretary",
    officeId: null,
  },
  {
    username: "demo-committee-member",
    displayName: "Demo committee member",
    role: "committee_member",
    officeId: null,
  },
  {
    username: "demo-litigation",
    displayName: "Demo litigation officer (Seoul)",
    role: "litigation_officer",
    officeId: "seoul",
  },
  { username: "demo-analyst", displayName: "Demo analyst", role: "analyst", officeId: null },
  { username: "demo-admin", displayName: "Demo administrator", role: "administrator", officeId: null },
  // A second administrator: access is given by one and approved by another.
  {
    username: "demo-admin2",
    displayName: "Second demo administrator",
    role: "administrator",
    officeId: null,
  },
  { username: "demo-interpreter", displayName: "Demo interpreter", role: "interpreter", officeId: null },
  // Translators: one translates, the other reviews (a translation is never reviewed by its translator).
  {
    username: "demo-translator",
    displayName: "Demo translator (Khmer)",
    role: "translator",
    officeId: null,
  },
  {
    username: "demo-translator2",
    displayName: "Demo reviewer (Khmer)",
    role: "translator",
    officeId: null,
  },
  {
    username: "demo-coi-researcher",
    displayName: "Demo country-information researcher",
    role: "coi_researcher",
    officeId: null,
  },
  {
    username: "demo-lawyer",
    displayName: "Demo lawyer (Kim & Partners, fictional)",
    role: "representative",
    officeId: null,
  },
  {
    username: "demo-lawyer2",
    displayName: "Second demo lawyer (fictional)",
    role: "representative",
    officeId: null,
  },
];

/** A demo account's TOTP secret: derived from its name, so it can be printed without the database. */
export function demoTotpSecret(username: string): string {
  const bytes = createHash("sha256").update(`openrsd-demo-totp:${username}`).digest().subarray(0, 20);
  return new Secret({ buffer: new Uint8Array(bytes).buffer }).base32;
}

export function demoCode(username: string, at: Date = new Date()): string {
  return currentTotpCode(demoTotpSecret(username), at);
}

/**
 * Create the demo accounts (if missing) and give each demo lawyer mandates for a few Seoul cases,
 * the sur-place case among them; assign the demo interpreter's interviews, put the committee's
 * agenda, and seed the translation memory by translating an earlier case's decisions into Khmer
 * (src/demo/translations.ts). Returns how many accounts were created.
 */
export async function createDemoAccounts(ctx: AppContext): Promise<number> {
  if (process.env.NODE_ENV === "production")
    throw new Error("demo accounts are refused when NODE_ENV=production");
  let created = 0;
  const now = ctx.clock();
  const ids = new Map<string, string>();
  const accounts = new Map<string, DemoAccountRef>();
  for (const a of DEMO_ACCOUNTS) {
    let account = await findAccountByUsername(ctx.db, a.username);
    if (!account) {
      account = await createAccount(ctx.db, { ...a, password: DEMO_PASSWORD, createdBy: "demo" }, now);
      await storeTotpSecret(ctx.db, ctx, account.id, demoTotpSecret(a.username));
      created++;
    }
    ids.set(a.username, account.id);
    accounts.set(a.username, { id: account.id, username: a.username, role: a.role, officeId: a.officeId });
  }
  await loadCoiLibrary(ctx);
  if (created === 0) return 0;
  // The sur-place showcase case first (its fictional applicant's Latin name), then open Seoul cases.
  // Names are sealed: the showcase applicant is found as the case search finds a name.
  const showcase = (
    await matchingCases(ctx.db, ctx.keyring, queryWords("Meas Vannak"), 5, { office: "seoul" })
  ).sort((a, b) => (a.filedOn < b.filedOn ? -1 : a.filedOn > b.filedOn ? 1 : 0));
  const open = await ctx.db.query<{ id: string }>(
    `SELECT c.id FROM cases c WHERE c.office_id = 'seoul' AND NOT c.final ORDER BY c.filed_on LIMIT 5`,
  );
  const seoul = [...showcase, ...open.filter((c) => !showcase.some((s) => s.id === c.id))].slice(0, 5);
  const today = now.toISOString().slice(0, 10);
  const grants: [string, string | undefined][] = [
    ["demo-lawyer", seoul[0]?.id],
    ["demo-lawyer", seoul[1]?.id],
    ["demo-lawyer", seoul[2]?.id],
    ["demo-lawyer2", seoul[3]?.id],
    ["demo-lawyer2", seoul[4]?.id],
  ];
  for (const [lawyer, caseId] of grants) {
    const rep = ids.get(lawyer);
    if (!rep || !caseId) continue;
    await ctx.db.query(
      `INSERT INTO mandates (office_id, id, case_id, representative_id, valid_from, created_at, created_by)
       VALUES ('seoul', $1, $2, $3, $4, $5, 'demo')`,
      [uuidv7(), caseId, rep, "2019-01-01" <= today ? "2019-01-01" : today, now.toISOString()],
    );
  }
  const interpreter = ids.get("demo-interpreter");
  if (interpreter) await assignDemoInterviews(ctx, interpreter);
  if (interpreter && showcase[0]) await scheduleDemoInterview(ctx, showcase[0].id, interpreter);
  await putDemoAgenda(ctx, now);
  await seedDemoTranslations(ctx, accounts);
  return created;
}

/**
 * The committee's next meeting, a week from today, with the Seoul cases whose objection is before
 * it (at most four), so that the demo committee member has an agenda to read and vote on.
 */
async function putDemoAgenda(ctx: AppContext, now: Date): Promise<void> {
  const meetingOn = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  await ctx.db.query(
    `INSERT INTO committee_agenda (office_id, case_id, meeting_on, added_by, added_at)
     SELECT c.office_id, c.id, $1, 'demo', $2 FROM cases c
      WHERE c.office_id = 'seoul' AND c.stage IN ('objection', 'objection_and_litigation')
      ORDER BY c.filed_on DESC LIMIT 4
     ON CONFLICT DO NOTHING`,
    [meetingOn, now.toISOString()],
  );
}
