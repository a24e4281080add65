/**
 * A material fact's statement as it stands (its current version; src/examination/facts.ts), one
 * unit per paragraph. The fact does not say its language: the request names it.
 */
import { findFact, listFacts } from "../../examination/db.ts";
import { excerpt, isUuid, paragraphUnits, type SourceResolver } from "./types.ts";

export const factStatement: SourceResolver = {
  kind: "fact_statement",
  machineAllowed: true,
  async list(ctx, tx, c) {
    const facts = await listFacts(tx, ctx.keyring, c);
    return facts
      .filter((f) => f.status === "active")
      .map((f) => ({
        ref: f.id,
        label: `#${f.position} ${excerpt(f.content.statement)}`,
        language: null,
      }));
  },
  async read(ctx, tx, c, ref) {
    if (!isUuid(ref)) return null;
    const f = await findFact(tx, ctx.keyring, c, ref);
    if (!f || f.status !== "active") return null;
    return {
      label: `#${f.position} ${excerpt(f.content.statement)}`,
      language: null,
      units: paragraphUnits("statement", f.content.statement),
    };
  },
};
