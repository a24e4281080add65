/**
 * A translation job as XLIFF 2.1 (docs/translation.md, "XLIFF and TMX"): exported for a CAT tool,
 * imported back. The import reads the document only after its size, its well-formedness (no
 * DOCTYPE) and the standard's schema passed (validate.ts); then each segment is applied by the
 * same rules as the editor (src/translations/segments.ts, `importSegments`).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../app/errors.ts";
import { ImportResultSchema, TranslationParams, type ImportResult } from "../../contracts/translations.ts";
import { ProblemSchema } from "../../contracts/api.ts";
import { IdSchema } from "../../contracts/common.ts";
import type { Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { contentDisposition } from "../../evidence/items/routes.ts";
import { actorOf } from "../../server/actor.ts";
import { requireRight } from "../../server/auth.ts";
import type { ServerDeps } from "../../server/deps.ts";
import { getJob, jobForExport } from "../jobs.ts";
import { importSegments, type ImportRow } from "../segments.ts";
import { acceptXmlBodies, XML_BODY_LIMIT } from "./body.ts";
import { readXliff, writeXliff, XLIFF_MEDIA_TYPE, xliffFileName } from "./xliff.ts";

/** The content types an XLIFF document may be sent as. */
export const XLIFF_CONTENT_TYPES = [XLIFF_MEDIA_TYPE, "application/xml", "text/xml"] as const;

const XliffDocumentSchema = z
  .string()
  .describe("An XLIFF 2.1 document (UTF-8), as exported by GET /translations/{jobId}/xliff and edited");

const XliffExportSchema = z
  .string()
  .describe("The XLIFF 2.1 document, as an attachment named by case, text and languages")
  .meta({
    headers: {
      "content-disposition": {
        type: "string",
        description: 'attachment; filename="<case number>_<kind>_<source>-<target>.xlf" (and filename*)',
      },
    },
  });

const sameLanguage = (a: string, b: string) =>
  a.toLowerCase().split("-")[0] === b.toLowerCase().split("-")[0];

/**
 * Imports an XLIFF document into a job: refused whole when it is not valid XLIFF 2.1 (422), too
 * large (413), for another job (409) or for other languages (422); otherwise each segment is
 * applied or refused with its reason.
 */
export async function importXliff(
  ctx: AppContext,
  actor: Actor,
  jobId: string,
  xml: string,
): Promise<ImportResult> {
  const doc = await readXliff(xml);
  if (doc.files.length !== 1) {
    throw new AppError(
      "invalid_input",
      `the document holds ${doc.files.length} files; import one translation's file at a time`,
    );
  }
  const file = doc.files[0]!;
  if (file.id !== jobId) {
    throw new AppError(
      "conflict",
      IdSchema.safeParse(file.id).success
        ? `the document is the file of another translation (${file.id}), not of this one: import it there`
        : `the document's file (id ${file.id}) is not one OpenRSD exported: export this translation's XLIFF and work on that file`,
    );
  }
  const job = await getJob(ctx, actor, jobId);
  if (
    !sameLanguage(doc.srcLang, job.sourceLanguage) ||
    !sameLanguage(doc.trgLang ?? "", job.targetLanguage)
  ) {
    throw new AppError(
      "invalid_input",
      `the document translates ${doc.srcLang} into ${doc.trgLang ?? "no language"}; this translation is ${job.sourceLanguage} into ${job.targetLanguage}`,
    );
  }
  const refusedHere: ImportResult["refused"] = [];
  const rows: ImportRow[] = [];
  for (const row of file.rows) {
    if (row.problem !== null || row.segmentId === null) {
      refusedHere.push({ segment: row.segmentId ?? `line ${row.line}`, reason: row.problem ?? "no id" });
    } else {
      rows.push({ segmentId: row.segmentId, source: row.source, target: row.target, state: row.state });
    }
  }
  const result = await importSegments(ctx, actor, jobId, rows);
  return { ...result, refused: [...refusedHere, ...result.refused] };
}

export const xliffRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const ctx = deps.ctx;
    // The document is the body, as text, for these routes only; anything else is refused with 415.
    acceptXmlBodies(app, XLIFF_CONTENT_TYPES, "the XLIFF document");

    app.get(
      "/translations/:jobId/xliff",
      {
        schema: {
          tags: ["translations"],
          operationId: "exportTranslationXliff",
          summary: "A translation as an XLIFF 2.1 file, for a CAT tool",
          description:
            "Needs the right translation.work on the job (staff: its case in reach; a translator: assigned to it). The job's source is read again first (as GET /translations/{jobId} does). One <file> whose id is the job's, one <unit> per unit of the source, one <segment> per segment with its id, its state (initial, translated, reviewed, final) and subState openrsd:returned or openrsd:source-changed; notes say where each target came from (memory and score, engine, model and version) and who translated, reviewed or returned it. Placeholders such as {date} are plain text. The file is valid against XLIFF 2.1 core. Recorded in the access record as an export.",
          params: TranslationParams,
          produces: [XLIFF_MEDIA_TYPE],
          response: {
            200: XliffExportSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            404: ProblemSchema,
            409: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "translation.work");
        const job = await jobForExport(ctx, actorOf(req), req.params.jobId);
        return reply
          .header("content-type", `${XLIFF_MEDIA_TYPE}; charset=utf-8`)
          .header("content-disposition", contentDisposition("attachment", xliffFileName(job)))
          .header("cache-control", "no-store")
          .send(writeXliff(job));
      },
    );

    app.post(
      "/translations/:jobId/xliff",
      {
        // The parser above reads up to 10 MiB and says so; the server's 1 MiB is not this route's.
        bodyLimit: XML_BODY_LIMIT,
        schema: {
          tags: ["translations"],
          operationId: "importTranslationXliff",
          summary: "Import an XLIFF 2.1 file of a translation back from a CAT tool",
          description:
            "Needs the right translation.work on the job. The body is the XLIFF document (application/xliff+xml, application/xml or text/xml; UTF-8; at most 10 MiB: 413). It is refused whole, changing nothing, when it has a DOCTYPE, is not well-formed or not valid XLIFF 2.1 (422, with the checker's messages and their lines in `issues`), holds more than one file, translates other languages (422), or is the file of another translation (409). Otherwise each segment is applied by the editor's rules: a target with state translated is saved as the importer's translation, reviewed is the importer's review of another person's translation (their own is refused), initial with a target is a proposal for an empty segment, final is never imported (only finalizing sets it). A segment whose source is no longer the text's, that has no id, is unknown, or holds inline codes (<ph>, <pc>, <sc>, <ec>) is refused with its reason; the others are applied, in one translation_changed event (reason imported).",
          params: TranslationParams,
          consumes: [...XLIFF_CONTENT_TYPES],
          body: XliffDocumentSchema,
          response: {
            200: ImportResultSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            404: ProblemSchema,
            409: ProblemSchema,
            413: ProblemSchema,
            415: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req) => {
        requireRight(req, "translation.work");
        return importXliff(ctx, actorOf(req), req.params.jobId, req.body);
      },
    );
  };
