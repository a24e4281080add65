/**
 * Passages of the library cited in a case (docs/coi.md, "Citations"). Citing freezes what the
 * decision relies on: the passage's text and its SHA-256, the document's title, source, author,
 * address, country, dates, topics and profiles, and the locator; a later edit of the library
 * never changes a citation. Removing a citation from a case keeps its row, marked removed.
 *
 * `citationsOfCase` is what other parts read (the assessment, the reasoned draft): it answers
 * with each citation as frozen and says when the library now holds a newer document on the same
 * country and profile (or, for a document without profiles, topic).
 */
import { createHash } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import type { Actor } from "../app/actor.ts";
import { actorName } from "../app/actor.ts";
import { today, type AppContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { accessCase } from "../cases/access.ts";
import { writeCase } from "../cases/write.ts";
import type { CaseCitation } from "../contracts/coi.ts";
import type { Queryable } from "../store/db.ts";

export type { CaseCitation } from "../contracts/coi.ts";
import { citationTranslations } from "./citation-translations.ts";

interface CitationRow {
  id: string;
  passage_id: string;
  document_id: string;
  quote: string;
  quote_sha256: string;
  title: string;
  source: string;
  author: string | null;
  url: string | null;
  country: string;
  published_on: string | null;
  accessed_on: string | null;
  locator: string | null;
  cited_at: Date | string;
  cited_by: string;
  newer_id: string | null;
  newer_title: string | null;
  newer_published_on: string | null;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The newest library document on the citation's country, published after the cited one, that
 * shares a profile with it (or a topic, when the cited document had no profile).
 */
const NEWER = `LEFT JOIN LATERAL (
    SELECT n.id, n.title, n.published_on::text AS published_on FROM coi_documents n
    WHERE n.country = c.country AND n.id <> c.document_id
      AND c.published_on IS NOT NULL AND n.published_on > c.published_on
      AND CASE WHEN cardinality(c.profiles) > 0 THEN n.profiles && c.profiles ELSE n.topics && c.topics END
    ORDER BY n.published_on DESC, n.id DESC LIMIT 1
  ) nd ON true`;

const COLUMNS = `c.id, c.passage_id, c.document_id, c.quote, c.quote_sha256, c.title, c.source, c.author,
  c.url, c.country, c.published_on::text AS published_on, c.accessed_on::text AS accessed_on,
  c.locator, c.cited_at, c.cited_by, nd.id AS newer_id, nd.title AS newer_title,
  nd.published_on AS newer_published_on`;

function present(r: CitationRow): CaseCitation {
  return {
    id: r.id,
    passageId: r.passage_id,
    documentId: r.document_id,
    quote: r.quote,
    quoteSha256: r.quote_sha256,
    title: r.title,
    source: r.source,
    author: r.author,
    url: r.url,
    country: r.country,
    publishedOn: r.published_on,
    accessedOn: r.accessed_on,
    locator: r.locator,
    citedAt: new Date(r.cited_at).toISOString(),
    citedBy: r.cited_by,
    newerDocument: r.newer_id
      ? { id: r.newer_id, title: r.newer_title ?? "", publishedOn: r.newer_published_on }
      : null,
    translations: [],
  };
}

/** The case's current citations, oldest first, as frozen. No access record: the caller writes it. */
export async function citationsOfCase(
  tx: Queryable,
  ref: { officeId: string; caseId: string },
): Promise<CaseCitation[]> {
  const rows = await tx.query<CitationRow>(
    `SELECT ${COLUMNS} FROM coi_citations c ${NEWER}
     WHERE c.office_id = $1 AND c.case_id = $2 AND c.removed_at IS NULL
     ORDER BY c.cited_at, c.id`,
    [ref.officeId, ref.caseId],
  );
  return rows.map(present);
}

async function citationOf(tx: Queryable, officeId: string, id: string): Promise<CaseCitation> {
  const [row] = await tx.query<CitationRow>(
    `SELECT ${COLUMNS} FROM coi_citations c ${NEWER} WHERE c.office_id = $1 AND c.id = $2`,
    [officeId, id],
  );
  if (!row) throw notFound(`citation ${id}`);
  return present(row);
}

/** Cite a passage in a case (right event.examination): the passage and its document, frozen. */
export async function citePassage(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { passageId: string },
): Promise<CaseCitation> {
  const at = ctx.clock();
  return writeCase(ctx, actor, caseId, {
    action: "coi.citation.add",
    right: "event.examination",
    async run({ tx, header }) {
      const [p] = await tx.query<{
        text: string;
        locator: string | null;
        document_id: string;
        title: string;
        source: string;
        author: string | null;
        url: string | null;
        country: string;
        published_on: string | null;
        accessed_on: string | null;
        topics: string[];
        profiles: string[];
      }>(
        `SELECT p.text, p.locator, p.document_id, d.title, d.source, d.author, d.url, d.country,
           d.published_on::text AS published_on, d.accessed_on::text AS accessed_on, d.topics, d.profiles
         FROM coi_passages p JOIN coi_documents d ON d.id = p.document_id
         WHERE p.id = $1 FOR SHARE OF p`,
        [input.passageId],
      );
      if (!p)
        throw new AppError("invalid_input", "passageId is not a passage of the library", {
          issues: [{ path: "passageId", message: "no such passage" }],
        });
      const [already] = await tx.query<{ id: string }>(
        `SELECT id FROM coi_citations
         WHERE office_id = $1 AND case_id = $2 AND passage_id = $3 AND removed_at IS NULL`,
        [header.officeId, caseId, input.passageId],
      );
      if (already)
        throw new AppError("conflict", `the case already cites this passage (citation ${already.id})`);
      const id = uuidv7();
      await tx.query(
        `INSERT INTO coi_citations (office_id, id, case_id, passage_id, document_id, quote, quote_sha256,
           title, source, author, url, country, published_on, accessed_on, locator, topics, profiles,
           cited_at, cited_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
        [
          header.officeId,
          id,
          caseId,
          input.passageId,
          p.document_id,
          p.text,
          sha256(p.text),
          p.title,
          p.source,
          p.author,
          p.url,
          p.country,
          p.published_on,
          p.accessed_on,
          p.locator,
          p.topics,
          p.profiles,
          at,
          actorName(actor),
        ],
      );
      return {
        result: await citationOf(tx, header.officeId, id),
        details: { citationId: id, passageId: input.passageId },
      };
    },
  });
}

/** Remove a citation from the case (right event.examination); its row stays, marked removed. */
export async function removeCitation(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  citationId: string,
): Promise<void> {
  const at = ctx.clock();
  await writeCase(ctx, actor, caseId, {
    action: "coi.citation.remove",
    right: "event.examination",
    async run({ tx, header }) {
      const rows = await tx.query(
        `UPDATE coi_citations SET removed_at = $4, removed_by = $5
         WHERE office_id = $1 AND case_id = $2 AND id = $3 AND removed_at IS NULL RETURNING id`,
        [header.officeId, caseId, citationId, at, actorName(actor)],
      );
      if (rows.length === 0) throw notFound(`citation ${citationId}`);
      return { result: undefined, details: { citationId } };
    },
  });
}

/** The case's citations (right case.read on a reached case), recorded in the access record. */
export async function listCitations(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseCitation[]> {
  const now = { at: ctx.clock(), today: today(ctx) };
  const out = await ctx.db.transaction(async (tx) => {
    const c = await accessCase(tx, actor, caseId, "case.read", "coi.citation.list", now);
    if (!c) return null;
    const ref = { officeId: c.header.officeId, caseId };
    const cited = await citationsOfCase(tx, ref);
    const zone = ctx.profiles.require(c.header.profile).timeZone;
    const translated = await citationTranslations(tx, ctx.keyring, ref, zone);
    const items = cited.map((i) => ({ ...i, translations: translated.get(i.id) ?? [] }));
    await c.record({ citations: items.length });
    return items;
  });
  if (!out) throw notFound(`case ${caseId}`);
  return out;
}
