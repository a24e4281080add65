/** Decision notices: the preview, the notices issued to a case, and the lawyer's portal download. */
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  IdParams,
  NoticeListSchema,
  NoticeParams,
  NoticePdfQuerySchema,
  PdfResponse,
  ProblemSchema,
} from "../contracts/api.ts";
import { z } from "zod";
import { LanguageTagSchema } from "../contracts/translations.ts";
import { contentDisposition } from "../evidence/items/routes.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";
import { listNotices, noticePdf, previewNotice } from "./notices.ts";

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const pdfErrors = { ...errors, 422: ProblemSchema, 503: ProblemSchema };

function sendPdf(
  reply: FastifyReply,
  body: Buffer | NodeJS.ReadableStream,
  size: number,
  name: string,
  download: boolean,
) {
  return reply
    .header("content-type", "application/pdf")
    .header("content-length", String(size))
    .header("content-disposition", contentDisposition(download ? "attachment" : "inline", name))
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "no-store")
    .send(body as unknown as string);
}

export const noticeRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/cases/:id/notices/preview",
      {
        schema: {
          tags: ["notices"],
          operationId: "previewNotice",
          summary: "The case's decision notice as it would be issued (PDF), not served",
          description:
            "Needs the right case.read on the case. Typesets the notice of the decision awaiting approval, or else of the last decision recorded (with its service date and deadlines when served), as PDF/A-2b; nothing is stored or added to the chain beyond the access record. The translated part is in the applicant's first language that a final translation covers (the case's own, made final by a translator and a second person, or one the profile ships); `language` asks for one language instead, and is refused (409 translation_not_final) unless the case's translation of the notice into it is final. 409 when the case has no decision with a notice; 503 when the server has no Korean font.",
          params: IdParams,
          querystring: z.strictObject({
            language: LanguageTagSchema.optional().describe(
              "The language the notice's translated part must be in (BCP 47, e.g. km)",
            ),
          }),
          produces: ["application/pdf"],
          response: { 200: PdfResponse, ...pdfErrors },
        },
      },
      async (req, reply) => {
        requireRight(req, "case.read");
        const pdf = await previewNotice(deps.ctx, actorOf(req), req.params.id, {
          ...(req.query.language ? { language: req.query.language } : {}),
        });
        return sendPdf(reply, pdf, pdf.length, "notice-preview.pdf", false);
      },
    );
    app.get(
      "/cases/:id/notices",
      {
        schema: {
          tags: ["notices"],
          operationId: "listNotices",
          summary: "The notices issued to a case, each with its SHA-256 as the chain records it",
          description:
            "Needs the right case.read on the case. A notice is issued when the event that serves it (notice_served, objection_notice_served) is recorded: the PDF is stored in the office's vault and document_issued is appended to the case's chain with its SHA-256.",
          params: IdParams,
          response: { 200: NoticeListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        return { items: await listNotices(deps.ctx, actorOf(req), req.params.id, "workspace") };
      },
    );
    app.get(
      "/cases/:id/notices/:documentId/pdf",
      {
        schema: {
          tags: ["notices"],
          operationId: "getNoticePdf",
          summary: "An issued notice's PDF, as stored",
          description:
            "Needs the right case.read on the case; recorded in the access record with the document's id. Inline by default, as an attachment with ?download=1.",
          params: NoticeParams,
          querystring: NoticePdfQuerySchema,
          produces: ["application/pdf"],
          response: { 200: PdfResponse, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "case.read");
        const { opened, notice, caseNumber } = await noticePdf(
          deps.ctx,
          actorOf(req),
          req.params.id,
          req.params.documentId,
          "workspace",
        );
        const name = `${caseNumber}-notice-${notice.issuedOn}.pdf`;
        return sendPdf(reply, opened.stream, notice.size, name, req.query.download === "1");
      },
    );
    app.get(
      "/portal/cases/:id/notices",
      {
        schema: {
          tags: ["portal"],
          operationId: "listPortalNotices",
          summary: "A client's notices issued, each with its SHA-256",
          description:
            "Needs the right portal.read and a current mandate on the case; any other case answers 404. Recorded in the access record.",
          params: IdParams,
          response: { 200: NoticeListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "portal.read");
        return { items: await listNotices(deps.ctx, actorOf(req), req.params.id, "portal") };
      },
    );
    app.get(
      "/portal/cases/:id/notices/:documentId/pdf",
      {
        schema: {
          tags: ["portal"],
          operationId: "getPortalNoticePdf",
          summary: "Download a client's notice (PDF)",
          description:
            "Needs the right portal.read and a current mandate on the case; any other case answers 404. Every download is in the access record with the document's id.",
          params: NoticeParams,
          querystring: NoticePdfQuerySchema,
          produces: ["application/pdf"],
          response: { 200: PdfResponse, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "portal.read");
        const { opened, notice, caseNumber } = await noticePdf(
          deps.ctx,
          actorOf(req),
          req.params.id,
          req.params.documentId,
          "portal",
        );
        const name = `${caseNumber}-notice-${notice.issuedOn}.pdf`;
        return sendPdf(reply, opened.stream, notice.size, name, req.query.download !== "0");
      },
    );
  };
