/**
 * Notices: the requests and answers of the decision notices' routes (docs/notices.md): the preview
 * of a case's notice, the notices issued to it (each a PDF whose SHA-256 is in the case's chain),
 * and a mandated lawyer's list and download through the portal.
 */
import { z } from "zod";
import { DOCUMENT_KINDS } from "../kernel/procedure/record-events.ts";
import { LegalDateSchema } from "../kernel/schemas.ts";
import { IdSchema } from "./common.ts";

export const IssuedNoticeSchema = z
  .object({
    documentId: IdSchema,
    kind: z.enum(DOCUMENT_KINDS).describe("What the document is: the notice of a decision"),
    fileId: IdSchema.describe("The stored file in the office's vault"),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe("The SHA-256 of the PDF, as the case's chain records it (document_issued)"),
    size: z.number().int().min(0).describe("The PDF's size in bytes"),
    issuedOn: LegalDateSchema.describe("The day it was issued: the service date"),
    recordedAt: z.string().describe("When it was recorded"),
    recordedBy: z.string().describe("Who recorded the service"),
    sequence: z.number().int().min(1).describe("Its document_issued event in the case's chain"),
    forSequence: z
      .number()
      .int()
      .min(1)
      .nullable()
      .describe("The service event it was issued for, in the case's chain"),
  })
  .describe("A notice issued to the case, stored as PDF/A-2b");
export type IssuedNotice = z.infer<typeof IssuedNoticeSchema>;

export const NoticeListSchema = z.object({ items: z.array(IssuedNoticeSchema) });
export const NoticeParams = z.object({ id: IdSchema, documentId: IdSchema });
export const NoticePdfQuerySchema = z.object({
  download: z.enum(["0", "1"]).optional().describe("1: as an attachment"),
});
export const PdfResponse = z.string().meta({ format: "binary" }).describe("The notice as PDF/A-2b");
