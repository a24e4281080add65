/**
 * A passage of country information as the case cites it (src/coi/citations.ts): the quote frozen
 * when it was cited, in its document's language, one unit per paragraph. A citation, not the
 * library's passage, is the source: the library may change, the case's citation does not.
 */
import type { Queryable } from "../../store/db.ts";
import { excerpt, isUuid, paragraphUnits, type CaseRef, type SourceResolver } from "./types.ts";

interface Cited {
  id: string;
  quote: string;
  title: string;
  locator: string | null;
  language: string | null;
}

/** The case's current citations (removed ones left out), oldest first, or one of them. */
function cited(tx: Queryable, c: CaseRef, id?: string): Promise<Cited[]> {
  return tx.query<Cited>(
    `SELECT c.id, c.quote, c.title, c.locator, d.language
       FROM coi_citations c LEFT JOIN coi_documents d ON d.id = c.document_id
      WHERE c.office_id = $1 AND c.case_id = $2 AND c.removed_at IS NULL ${id ? "AND c.id = $3" : ""}
      ORDER BY c.cited_at, c.id`,
    id ? [c.officeId, c.caseId, id] : [c.officeId, c.caseId],
  );
}

const label = (c: Cited) => `${excerpt(c.title)}${c.locator ? `, ${c.locator}` : ""}`;

export const coiPassage: SourceResolver = {
  kind: "coi_passage",
  machineAllowed: true,
  async list(_ctx, tx, c) {
    return (await cited(tx, c)).map((x) => ({ ref: x.id, label: label(x), language: x.language }));
  },
  async read(_ctx, tx, c, ref) {
    if (!isUuid(ref)) return null;
    const [x] = await cited(tx, c, ref);
    if (!x) return null;
    return { label: label(x), language: x.language, units: paragraphUnits("passage", x.quote) };
  },
};
