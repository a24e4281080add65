/**
 * A cited passage in the decision's language (docs/coi.md, "Translated passages"): an examiner
 * chooses, for a citation, the case's translation of its passage into a language, and the
 * decision's reasons then quote the passage in that language, naming who translated and who
 * reviewed it. Only a final translation can be chosen (translated by one person, reviewed by
 * another, made final, its source the citation's frozen quote); anything else is refused, and a
 * chosen translation that is no longer final is not quoted.
 */
import type { Actor } from "../app/actor.ts";
import { actorName } from "../app/actor.ts";
import type { AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import type { CitationTranslation } from "../contracts/coi.ts";
import { writeCase } from "../cases/write.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import type { Queryable } from "../store/db.ts";
import { finalTranslation, TranslationNotFinal } from "../translations/final.ts";
import { paragraphsOf, paragraphUnits } from "../translations/sources/types.ts";

export type { CitationTranslation };

const sourceOf = (quote: string, language: string | null) => ({
  label: "",
  language,
  units: paragraphUnits("passage", quote),
});

/** The passage's text from a final translation's units, paragraphs in order. */
const passageText = (units: Map<string, string>) => paragraphsOf(units, "passage").join("\n\n");

interface CitedRow {
  id: string;
  quote: string;
  language: string | null;
}

async function citedRows(tx: Queryable, ref: { officeId: string; caseId: string }, id?: string) {
  return tx.query<CitedRow>(
    `SELECT c.id, c.quote, d.language FROM coi_citations c LEFT JOIN coi_documents d ON d.id = c.document_id
      WHERE c.office_id = $1 AND c.case_id = $2 AND c.removed_at IS NULL ${id ? "AND c.id = $3" : ""}`,
    id ? [ref.officeId, ref.caseId, id] : [ref.officeId, ref.caseId],
  );
}

/**
 * The chosen translations of the case's citations that are final now, by citation id. No access
 * record: the caller has checked the reach and writes it.
 */
export async function citationTranslations(
  tx: Queryable,
  keyring: Keyring,
  ref: { officeId: string; caseId: string },
  timeZone: string,
): Promise<Map<string, CitationTranslation[]>> {
  const chosen = await tx.query<{ citationId: string; language: string }>(
    `SELECT citation_id AS "citationId", language FROM coi_citation_translations
      WHERE office_id = $1 AND citation_id IN (SELECT id FROM coi_citations WHERE office_id = $1 AND case_id = $2)
      ORDER BY citation_id, language`,
    [ref.officeId, ref.caseId],
  );
  const out = new Map<string, CitationTranslation[]>();
  if (chosen.length === 0) return out;
  const cited = new Map((await citedRows(tx, ref)).map((r) => [r.id, r]));
  for (const c of chosen) {
    const citation = cited.get(c.citationId);
    if (!citation) continue;
    try {
      const found = await finalTranslation(
        tx,
        keyring,
        { caseId: ref.caseId, kind: "coi_passage", ref: c.citationId, targetLanguage: c.language },
        { source: sourceOf(citation.quote, citation.language), timeZone },
      );
      if (!found) continue;
      const list = out.get(c.citationId) ?? [];
      list.push({
        language: c.language,
        text: passageText(found.units),
        translators: found.translators,
        reviewers: found.reviewers,
        finalizedOn: found.finalizedOn,
      });
      out.set(c.citationId, list);
    } catch (e) {
      if (!(e instanceof TranslationNotFinal)) throw e;
    }
  }
  return out;
}

/**
 * Choose the case's final translation of a citation's passage into `language` for the decision
 * (right event.examination). Refused (409 translation_not_final) unless it is final.
 */
export function chooseCitationTranslation(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  citationId: string,
  language: string,
): Promise<CitationTranslation> {
  return writeCase(ctx, actor, caseId, {
    action: "coi.citation.translation",
    right: "event.examination",
    async run({ tx, header, profile }) {
      const ref = { officeId: header.officeId, caseId };
      const [citation] = await citedRows(tx, ref, citationId);
      if (!citation) throw notFound(`citation ${citationId}`);
      const found = await finalTranslation(
        tx,
        ctx.keyring,
        { caseId, kind: "coi_passage", ref: citationId, targetLanguage: language },
        { source: sourceOf(citation.quote, citation.language), timeZone: profile.timeZone },
      );
      if (!found)
        throw new AppError(
          "translation_not_final",
          `no translation of this passage into ${language} was requested; request one, and have it translated and reviewed, first`,
          {},
          409,
        );
      await tx.query(
        `INSERT INTO coi_citation_translations (office_id, citation_id, language, job_id, chosen_by, chosen_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (office_id, citation_id, language)
         DO UPDATE SET job_id = EXCLUDED.job_id, chosen_by = EXCLUDED.chosen_by, chosen_at = EXCLUDED.chosen_at`,
        [header.officeId, citationId, language, found.jobId, actorName(actor), ctx.clock()],
      );
      return {
        result: {
          language,
          text: passageText(found.units),
          translators: found.translators,
          reviewers: found.reviewers,
          finalizedOn: found.finalizedOn,
        },
        details: { citationId, language, jobId: found.jobId },
      };
    },
  });
}
