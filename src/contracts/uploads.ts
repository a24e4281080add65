/**
 * Uploads of evidence files to a case (docs/api.md, "Evidence uploads"): the tus 1.0 resumable
 * protocol's creation, offset and patch, and a single-request upload. A finished upload holds its
 * stored file (StoredFileSchema, evidence.ts), which an evidence item then attaches.
 */
import { z } from "zod";
import { IdSchema } from "./common.ts";
import { StoredFileSchema } from "./evidence.ts";

export const UploadStatusSchema = z
  .enum(["receiving", "complete", "refused", "quarantined"])
  .describe(
    "receiving: bytes still expected; complete: stored; refused: not stored (see refusal); quarantined: stored, but the virus scanner found a threat: never served",
  );

export const UploadSchema = z.object({
  id: IdSchema.describe("The upload's id (tus: the last segment of its Location)"),
  caseId: IdSchema,
  name: z.string().describe("The file's name as its uploader gave it"),
  declaredLength: z.number().int().min(0).describe("Upload-Length: the file's size in bytes"),
  offset: z.number().int().min(0).describe("How many bytes have been received"),
  status: UploadStatusSchema,
  refusal: z.string().optional().describe("Why the file was refused (type or size)"),
  file: StoredFileSchema.optional().describe("The stored file, once complete or quarantined"),
});
export type Upload = z.infer<typeof UploadSchema>;

const tusHeader = (description: string) => ({ type: "string", description });

/** The tus headers of a creation's answer (201). */
export const TUS_CREATED_HEADERS = {
  location: {
    type: "string",
    format: "uri-reference",
    description: "The upload's URL: /api/v1/uploads/{uploadId}",
  },
  "tus-resumable": tusHeader("1.0.0"),
  "upload-offset": tusHeader("0"),
  "upload-expires": tusHeader("When an unfinished upload is forgotten (RFC 9110 date)"),
};

/** The tus headers of a patch's and an offset request's answer. */
export const TUS_OFFSET_HEADERS = {
  "tus-resumable": tusHeader("1.0.0"),
  "upload-offset": tusHeader("The bytes received so far"),
};

export const UploadCreatedSchema = UploadSchema.meta({ headers: TUS_CREATED_HEADERS });

export const TusCreationHeadersSchema = z.object({
  "tus-resumable": z.string().optional().describe("Must be 1.0.0"),
  "upload-length": z.string().optional().describe("The file's size in bytes"),
  "upload-metadata": z
    .string()
    .optional()
    .describe("tus metadata: `filename <base64>` (required), optionally `,filetype <base64>`"),
});

export const TusPatchHeadersSchema = z.object({
  "tus-resumable": z.string().optional().describe("Must be 1.0.0"),
  "upload-offset": z.string().optional().describe("Must equal the upload's current offset"),
  "content-type": z.string().optional().describe("Must be application/offset+octet-stream"),
});

export const FileUploadHeadersSchema = z.object({
  "x-file-name": z.string().optional().describe("The file's name, percent-encoded UTF-8 (required)"),
  "content-length": z.string().optional().describe("The file's size in bytes (required)"),
});

export const EvidenceFileCheckSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().min(0).describe("Stored files read back, opened and hashed again"),
    problems: z.array(
      z.object({
        officeId: z.string(),
        fileId: IdSchema,
        problem: z.string().describe("What is wrong: bytes edited, cut, extended or missing"),
      }),
    ),
  })
  .describe("Every stored evidence file checked against its sealed SHA-256");
export type EvidenceFileCheck = z.infer<typeof EvidenceFileCheckSchema>;
