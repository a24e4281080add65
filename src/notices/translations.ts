/**
 * A case's own translations of a decision's notice (docs/translation.md, "Using a translation"):
 * the notice carries the applicant's language only from a translation that people made final —
 * every segment translated by one person and reviewed by another, its source unchanged since.
 * Anything less is refused when a notice is asked for in that language, and left out otherwise.
 * The notice then names who translated and who reviewed it.
 */
import type { AppContext } from "../app/context.ts";
import { AppError } from "../app/errors.ts";
import type { NoticeContent, NoticeRules, NoticeTexts } from "../kernel/procedure/notices.ts";
import type { Queryable } from "../store/db.ts";
import { finalTranslation, TranslationNotFinal } from "../translations/final.ts";
import { nameOf } from "../translations/jobs.ts";
import { decisionRef, noticeUnits } from "../translations/sources/decision-notice.ts";
import { paragraphsOf } from "../translations/sources/types.ts";

const primary = (tag: string) => tag.toLowerCase().split("-")[0] ?? "";

/**
 * The final translations of `decision`'s notice into the applicant's languages (other than the
 * legal language), as notice texts. `asked`: a language the notice must carry — its translation
 * not final, or never requested, is refused (409) rather than left out.
 */
export async function caseTranslations(
  ctx: AppContext,
  tx: Queryable,
  caseId: string,
  rules: NoticeRules,
  timeZone: string,
  decision: { type: string; occurredOn: string },
  content: NoticeContent,
  languages: readonly string[],
  asked?: string,
): Promise<NoticeTexts[]> {
  const legal = primary(rules.legal.language);
  const wanted = [...new Set([...(asked ? [asked] : []), ...languages])].filter((l) => primary(l) !== legal);
  const source = { label: "", language: rules.legal.language, units: noticeUnits(rules, content) };
  const out: NoticeTexts[] = [];
  for (const language of wanted) {
    let found;
    try {
      found = await finalTranslation(
        tx,
        ctx.keyring,
        { caseId, kind: "decision_notice", ref: decisionRef(decision), targetLanguage: language },
        { source, timeZone },
      );
    } catch (e) {
      if (e instanceof TranslationNotFinal && language !== asked) continue;
      throw e;
    }
    if (!found) {
      if (language === asked)
        throw new AppError(
          "translation_not_final",
          `no ${nameOf(language)} translation of this decision's notice was requested`,
          {},
          409,
        );
      continue;
    }
    const reasons = paragraphsOf(found.units, "reasons");
    out.push({
      language: found.targetLanguage,
      translator: found.translators.join(", "),
      reviewer: found.reviewers.join(", "),
      reviewedOn: found.finalizedOn,
      texts: Object.fromEntries([...found.units].filter(([unit]) => !unit.startsWith("reasons."))),
      reasons,
    });
  }
  return out;
}
