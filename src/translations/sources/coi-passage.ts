/**
 * A passage of country information as the case cites it (src/coi/citations.ts): the quote frozen
 * when it was cited, in its document's language, one unit per paragraph. A citation, not the
 * library's passage, is the source: the library may change, the case's citation does not.
 */
import { citationsOfCase } from "../../coi/citations.ts";
import { findDocument } from "../../coi/db.ts";
import { excerpt, isUuid, paragraphUnits, type SourceResolver } from "./types.ts";

const label = (c: { title: string; locator: string | null }) =>
  `Country information: ${excerpt(c.title)}${c.locator ? `, ${c.locator}` : ""}`;

export const coiPassage: SourceResolver = {
  kind: "coi_passage",
  machineAllowed: true,
  async list(_ctx, tx, c) {
    const citations = await citationsOfCase(tx, c);
    const out = [];
    for (const citation of citations) {
      const doc = await findDocument(tx, citation.documentId);
      out.push({ ref: citation.id, label: label(citation), language: doc?.language ?? null });
    }
    return out;
  },
  async read(_ctx, tx, c, ref) {
    if (!isUuid(ref)) return null;
    const citation = (await citationsOfCase(tx, c)).find((x) => x.id === ref);
    if (!citation) return null;
    const doc = await findDocument(tx, citation.documentId);
    return {
      label: label(citation),
      language: doc?.language ?? null,
      units: paragraphUnits("passage", citation.quote),
    };
  },
};
