/**
 * The translations waiting for one person (the inbox, src/inbox/): open jobs assigned to them
 * with a segment to translate (as the translator), or a segment to review or every segment
 * reviewed and the job to finalize (as the reviewer).
 */
import type { JobSummary } from "../contracts/translations.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";
import { findJobs } from "./db.ts";
import { awaiting } from "./jobs.ts";
import { presentSummaries } from "./present.ts";
import { isAccountId } from "./work.ts";

export async function translationsAwaiting(
  tx: Queryable,
  keyring: Keyring,
  accountId: string,
): Promise<(JobSummary & { awaiting: "translation" | "review" })[]> {
  if (!isAccountId(accountId)) return [];
  const jobs = await findJobs(tx, keyring, {
    scope: { kind: "assigned", accountId },
    state: "open",
    limit: 200,
  });
  const out: (JobSummary & { awaiting: "translation" | "review" })[] = [];
  for (const s of await presentSummaries(tx, jobs)) {
    const a = awaiting(s);
    if (s.translator?.id === accountId && a.translation) out.push({ ...s, awaiting: "translation" });
    else if (s.reviewer?.id === accountId && a.review) out.push({ ...s, awaiting: "review" });
  }
  return out;
}
