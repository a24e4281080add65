/**
 * The demo's translations (docs/translation.md): the office's translation memory is seeded the
 * honest way, by real work on an earlier demo case. The returning activist's refused 2021 case
 * (src/demo/returning-activist.ts) has its decisions' notice texts translated from Korean into
 * Khmer: the demo examiner requests each translation, `demo-translator` writes every segment,
 * `demo-translator2` reviews each one and finalizes, all through the same commands the API
 * calls, so that the case's record holds each step and the memory holds the notice's sentences
 * (its labels, outcomes and remedies) with who translated and who reviewed them. A later Khmer
 * translation of another decision then finds them there.
 */
import type { Actor } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { matchingCases } from "../cases/search-cases.ts";
import { queryWords } from "../persons/name-keys.ts";
import type { Principal } from "../security/access/policy.ts";
import type { Role } from "../security/access/rights.ts";
import { finalizeJob } from "../translations/final.ts";
import { getJob, listTranslatables, requestTranslation } from "../translations/jobs.ts";
import { reviewSegment, saveSegment } from "../translations/segments.ts";
import { NOTICES } from "../profiles/kr-refugee-act/notices.ts";
import { khmerSentences } from "./khmer.ts";

export const DEMO_TRANSLATOR = "demo-translator";
export const DEMO_REVIEWER = "demo-translator2";

export interface DemoAccountRef {
  id: string;
  username: string;
  role: Role;
  officeId: string | null;
}

/** In-process work done as a demo account: its rights and reach, its name in the record. */
function actorOf(a: DemoAccountRef): Actor {
  const principal: Principal = {
    accountId: a.id,
    username: a.username,
    role: a.role,
    officeId: a.officeId,
    via: "system",
  };
  return { principal, address: "local" };
}

/**
 * Translate the returning activist's earlier decisions into Khmer and finalize them. Returns how
 * many translations were finalized (none when the earlier case or a needed account is missing).
 */
export async function seedDemoTranslations(
  ctx: AppContext,
  accounts: ReadonlyMap<string, DemoAccountRef>,
): Promise<number> {
  const examiner = accounts.get("demo-examiner");
  const translator = accounts.get(DEMO_TRANSLATOR);
  const reviewer = accounts.get(DEMO_REVIEWER);
  if (!examiner || !translator || !reviewer) return 0;
  const [earlier] = await matchingCases(ctx.db, ctx.keyring, queryWords("Sok Chandara"), 5, {
    office: "seoul",
  });
  if (!earlier) return 0;
  const khmer = khmerSentences(NOTICES.legal.texts);
  const requester = actorOf(examiner);
  const by = actorOf(translator);
  const checker = actorOf(reviewer);
  const texts = (await listTranslatables(ctx, requester, earlier.id)).filter(
    (t) =>
      t.kind === "decision_notice" &&
      !t.jobs.some((j) => j.targetLanguage === "km" && j.state !== "cancelled"),
  );
  let finalized = 0;
  // One decision after the other: each later one finds the sentences the earlier put in the memory.
  for (const text of texts) {
    const [job] = await requestTranslation(ctx, requester, earlier.id, {
      kind: text.kind,
      ref: text.ref,
      ...(text.sourceLanguage ? {} : { sourceLanguage: "ko" }),
      targetLanguages: ["km"],
      translatorId: translator.id,
      reviewerId: reviewer.id,
    });
    if (!job) continue;
    let opened = await getJob(ctx, by, job.id);
    let complete = true;
    for (const s of opened.segments) {
      const target = khmer.get(s.source.trim());
      if (target === undefined) {
        complete = false;
        continue;
      }
      // A memory proposal already holding this text is accepted as it is: saved by the translator.
      await saveSegment(ctx, by, job.id, s.id, { target, version: s.version });
    }
    if (!complete) continue;
    opened = await getJob(ctx, checker, job.id);
    for (const s of opened.segments)
      if (s.state === "translated")
        await reviewSegment(ctx, checker, job.id, s.id, { decision: "reviewed", version: s.version });
    opened = await getJob(ctx, checker, job.id);
    await finalizeJob(ctx, checker, job.id, opened.version);
    finalized++;
  }
  return finalized;
}
