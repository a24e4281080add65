/**
 * Evidence: the requests and answers of the evidence items' routes (docs/evidence.md, docs/api.md):
 * items of a case with their stored files, social-media captures with dated audience observations,
 * foreign-state actions and the removal holds they place, custody, search within a case, court
 * bundles, and a lawyer's filing through the portal.
 */
import countries from "i18n-iso-countries";
import { z } from "zod";
import {
  AUDIENCE_METRICS,
  CAPTURE_PLATFORMS,
  CAPTURE_VISIBILITIES,
  EVIDENCE_CHANNELS,
  EVIDENCE_KINDS,
  EVIDENCE_SUPPLIERS,
  FILE_ROLES,
  FOREIGN_STATE_ACTIONS,
} from "../kernel/procedure/record-events.ts";
import { LegalDateSchema } from "../kernel/schemas.ts";
import { IdSchema } from "./common.ts";
import { isKnownLanguage } from "./languages.ts";

const Instant = z.iso.datetime({ offset: true }).max(40).describe("An instant (ISO 8601 with its offset)");

/** A state, as its ISO 3166-1 alpha-3 code (or Kosovo's XKX); "stateless" or "unknown" is no state. */
export const StateCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, "ISO 3166-1 alpha-3")
  .refine(
    (code) => code === "XKX" || countries.alpha3ToAlpha2(code) !== undefined,
    "not a state's ISO 3166-1 alpha-3 code",
  );

export const EvidenceLanguageSchema = z
  .string()
  .max(35)
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 tag, e.g. km, ru, ar-EG")
  .refine(isKnownLanguage, "not an ISO 639 language code");

// ------------------------------------------------------------------------------------------
// Stored files (the vault's, through uploads)

export const ScanVerdictSchema = z
  .enum(["clean", "infected", "not_scanned"])
  .describe("The scanner's verdict; not_scanned when no scanner is configured (never clean without a scan)");

export const StoredFileSchema = z.object({
  id: IdSchema.describe("The stored file's id"),
  name: z.string().describe("The file's name as its uploader gave it"),
  mediaType: z.string().describe("The media type detected from the file's first bytes"),
  size: z.number().int().min(0),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe("SHA-256 of the plaintext, in hex"),
  scan: ScanVerdictSchema,
  storedAt: Instant,
});
export type StoredFile = z.infer<typeof StoredFileSchema>;

export const EvidenceFileRoleSchema = z
  .enum(FILE_ROLES)
  .describe(
    "original: the evidentiary file as received, never altered; text: text extracted for search; thumbnail: a small image; disclosure_copy: an image re-encoded without its metadata (EXIF, GPS)",
  );

export const EvidenceFileSchema = StoredFileSchema.extend({
  role: EvidenceFileRoleSchema,
  quarantined: z.boolean().describe("Infected: kept, encrypted, never served"),
  derivedFrom: IdSchema.optional().describe("For a derivative: the original it was made from"),
});
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

// ------------------------------------------------------------------------------------------
// Items

export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);
export const EvidenceSupplierSchema = z.enum(EVIDENCE_SUPPLIERS);
export const EvidenceChannelSchema = z.enum(EVIDENCE_CHANNELS);

export const CaptureSchema = z.strictObject({
  platform: z.enum(CAPTURE_PLATFORMS),
  accountId: z.string().trim().min(1).max(300).describe("The account's identifier on the platform"),
  accountName: z.string().trim().min(1).max(300).optional(),
  postId: z.string().trim().min(1).max(300).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .describe("Recorded, never fetched by OpenRSD"),
  publishedAt: Instant.optional().describe("When the platform says it was published (the platform's claim)"),
  visibility: z.enum(CAPTURE_VISIBILITIES),
  capturedBy: z.string().trim().min(1).max(300).describe("Who captured it"),
  capturedAt: Instant.describe("When it was captured"),
  tool: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .describe("With which tool (e.g. a browser's print to PDF, Webrecorder)"),
});
export type Capture = z.infer<typeof CaptureSchema>;

export const AudienceMetricSchema = z.enum(AUDIENCE_METRICS);

export const ObservationInputSchema = z.strictObject({
  observedOn: LegalDateSchema,
  metric: AudienceMetricSchema,
  value: z
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .describe("The figure as the platform showed it (at most 2,147,483,647)"),
  note: z.string().trim().min(1).max(1000).optional(),
});
export type ObservationInput = z.infer<typeof ObservationInputSchema>;

export const ObservationSchema = ObservationInputSchema.extend({
  recordedBy: z.string(),
  recordedAt: Instant,
});

export const ForeignStateActionKindSchema = z.enum(FOREIGN_STATE_ACTIONS);

export const ForeignStateActionSchema = z.strictObject({
  action: ForeignStateActionKindSchema,
  state: StateCodeSchema.describe(
    "The state that acted (ISO 3166-1 alpha-3): never a recipient of anything (RA 17(3))",
  ),
  actedOn: LegalDateSchema,
  channel: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .describe("How it came (e.g. diplomatic channel, INTERPOL, the police)"),
  summary: z.string().trim().min(1).max(5000).optional(),
});
export type ForeignStateAction = z.infer<typeof ForeignStateActionSchema>;

const TitleSchema = z.string().trim().min(1).max(300);
const DescriptionSchema = z.string().trim().max(5000);
const UploadIdsSchema = z
  .array(IdSchema)
  .max(20)
  .default([])
  .refine((ids) => new Set(ids).size === ids.length, "each upload once")
  .describe("Complete uploads of this case by the caller, not yet attached");

/** What an item says, whoever files it. */
const FilingFields = {
  kind: EvidenceKindSchema,
  title: TitleSchema,
  description: DescriptionSchema.optional(),
  language: EvidenceLanguageSchema.optional(),
  uploadIds: UploadIdsSchema,
  capture: CaptureSchema.optional(),
  observations: z.array(ObservationInputSchema).max(100).optional(),
  foreignStateAction: ForeignStateActionSchema.optional(),
};

/** What an item of each kind must say and may not say. */
function checkKind(
  v: {
    kind: z.infer<typeof EvidenceKindSchema>;
    uploadIds: string[];
    capture?: unknown;
    observations?: unknown[];
    foreignStateAction?: unknown;
  },
  ctx: z.RefinementCtx,
): void {
  if (v.kind === "document" && v.uploadIds.length === 0)
    ctx.addIssue({ code: "custom", path: ["uploadIds"], message: "a document needs at least one file" });
  if ((v.kind === "social_media_capture") !== (v.capture !== undefined))
    ctx.addIssue({
      code: "custom",
      path: ["capture"],
      message: "a social-media capture, and only one, says what it captured",
    });
  if ((v.kind === "foreign_state_action") !== (v.foreignStateAction !== undefined))
    ctx.addIssue({
      code: "custom",
      path: ["foreignStateAction"],
      message: "a foreign-state action, and only one, says what the state did",
    });
  if (v.observations && v.observations.length > 0 && v.kind !== "social_media_capture")
    ctx.addIssue({
      code: "custom",
      path: ["observations"],
      message: "audience observations belong to a social-media capture",
    });
}

export const EvidenceInputSchema = z
  .strictObject({
    ...FilingFields,
    supplier: EvidenceSupplierSchema,
    receivedOn: LegalDateSchema,
    channel: EvidenceChannelSchema,
  })
  .superRefine(checkKind);
export type EvidenceInput = z.input<typeof EvidenceInputSchema>;

export const EvidenceStatusSchema = z.enum(["active", "withdrawn"]);

export const EvidenceItemSummarySchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  number: z.number().int().min(1).describe("The item's number within the case: 1, 2, …"),
  kind: EvidenceKindSchema,
  title: z.string(),
  supplier: EvidenceSupplierSchema,
  receivedOn: LegalDateSchema,
  channel: EvidenceChannelSchema,
  language: z.string().nullable(),
  status: EvidenceStatusSchema,
  fileCount: z.number().int().describe("How many original files it holds"),
  foreignStateAction: ForeignStateActionSchema.optional(),
  recordedBy: z.string(),
  recordedAt: Instant,
});
export type EvidenceItemSummary = z.infer<typeof EvidenceItemSummarySchema>;

export const EvidenceItemSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  number: z.number().int().min(1),
  kind: EvidenceKindSchema,
  title: z.string(),
  description: z.string().nullable(),
  supplier: EvidenceSupplierSchema,
  receivedOn: LegalDateSchema,
  channel: EvidenceChannelSchema,
  language: z.string().nullable(),
  status: EvidenceStatusSchema,
  withdrawal: z.object({ reason: z.string(), on: LegalDateSchema, by: z.string() }).optional(),
  files: z.array(EvidenceFileSchema),
  capture: CaptureSchema.optional(),
  observations: z.array(ObservationSchema),
  foreignStateAction: ForeignStateActionSchema.optional(),
  recordedBy: z.string(),
  recordedAt: Instant,
});
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;

export const EvidenceListSchema = z.object({ items: z.array(EvidenceItemSummarySchema) });

export const CustodyActionSchema = z.enum([
  "uploaded",
  "attached",
  "viewed",
  "downloaded",
  "derived",
  "disclosed",
  "corrected",
  "withdrawn",
  "observed",
  "exported",
  "quarantined",
]);

export const CustodyEntrySchema = z.object({
  at: Instant,
  action: CustodyActionSchema,
  by: z.string().describe("The account that acted"),
  details: z.record(z.string(), z.unknown()),
});
export const CustodySchema = z.object({ items: z.array(CustodyEntrySchema) });

export const ObservationRequestSchema = ObservationInputSchema;

export const WithdrawalRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});

export const CorrectionRequestSchema = z
  .strictObject({
    reason: z.string().trim().min(1).max(2000),
    title: TitleSchema.optional(),
    description: DescriptionSchema.optional(),
    supplier: EvidenceSupplierSchema.optional(),
    receivedOn: LegalDateSchema.optional(),
    channel: EvidenceChannelSchema.optional(),
    language: EvidenceLanguageSchema.optional(),
    capture: CaptureSchema.optional(),
  })
  .refine((c) => Object.keys(c).some((k) => k !== "reason"), { message: "correct at least one field" });
export type CorrectionRequest = z.infer<typeof CorrectionRequestSchema>;

export const EvidenceSearchQuerySchema = z.object({
  q: z.string().trim().min(2).max(200).describe("Words to find in the texts extracted from the case's files"),
});
export const EvidenceSearchResultSchema = z.object({
  items: z.array(
    z.object({
      itemId: IdSchema,
      fileId: IdSchema.describe("The original file whose text matched"),
      snippet: z.string().describe("The text around the first match"),
    }),
  ),
});

export const EvidenceParams = z.object({ id: IdSchema, itemId: IdSchema });
export const EvidenceFileParams = z.object({ id: IdSchema, itemId: IdSchema, fileId: IdSchema });
export const FileContentQuerySchema = z.object({
  download: z.enum(["0", "1"]).optional().describe("1: as an attachment (recorded as a download)"),
});

// ------------------------------------------------------------------------------------------
// Removal holds (on the case view)

export const RemovalHoldSchema = z
  .object({
    itemId: IdSchema,
    action: ForeignStateActionKindSchema,
    state: z.string(),
    actedOn: LegalDateSchema,
  })
  .describe("A foreign-state action recorded as evidence: removal is barred while it stands (not withdrawn)");

// ------------------------------------------------------------------------------------------
// Court bundles

export const CourtBundleRequestSchema = z.strictObject({
  exhibits: z
    .array(z.strictObject({ itemId: IdSchema, side: z.enum(["applicant", "office"]) }))
    .min(1)
    .max(200)
    .refine((e) => new Set(e.map((x) => x.itemId)).size === e.length, "each item once")
    .describe("Numbered 갑 제1호증… (applicant) and 을 제1호증… (office) in the order given"),
});

export const CourtBundleManifestSchema = z.object({
  caseNumber: z.string().nullable(),
  createdAt: Instant,
  exhibits: z.array(
    z.object({
      exhibit: z.string().describe("e.g. 갑 제1호증, 갑 제2호증의1 for an item's second file"),
      itemId: IdSchema,
      itemNumber: z.number().int(),
      title: z.string(),
      fileName: z.string().describe("The entry's name in the archive"),
      originalName: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      supplier: EvidenceSupplierSchema,
      receivedOn: LegalDateSchema,
    }),
  ),
});

// ------------------------------------------------------------------------------------------
// Portal

export const PortalEvidenceInputSchema = z
  .strictObject({
    ...FilingFields,
    receivedOn: LegalDateSchema.optional().describe("Default: today"),
  })
  .superRefine(checkKind)
  .describe("A filing through the portal: its supplier is the representative, its channel the portal");
export type PortalEvidenceInput = z.input<typeof PortalEvidenceInputSchema>;

export const PortalEvidenceReceiptSchema = z.object({
  itemId: IdSchema,
  number: z.number().int(),
  receivedAt: Instant,
  files: z.array(z.object({ name: z.string(), size: z.number().int(), sha256: z.string() })),
});
export const PortalEvidenceListSchema = z.object({
  items: z.array(
    z.object({
      itemId: IdSchema,
      number: z.number().int(),
      kind: EvidenceKindSchema,
      title: z.string(),
      status: EvidenceStatusSchema,
      receivedAt: Instant,
      files: z.array(z.object({ name: z.string(), size: z.number().int(), sha256: z.string() })),
    }),
  ),
});

// ------------------------------------------------------------------------------------------
// Binary answers

export const FileContentResponse = z
  .string()
  .meta({ format: "binary" })
  .describe("The file's bytes as received (or the range asked for), with the type detected from them");
export const CourtBundleResponse = z
  .string()
  .meta({ format: "binary" })
  .describe("A ZIP archive: the exhibits, manifest.json and SHA256SUMS");

// ------------------------------------------------------------------------------------------
// Verification (openrsd verify)

export const EvidenceItemsCheckRequestSchema = z.strictObject({
  altered: z
    .array(z.strictObject({ officeId: z.string().max(40), fileId: IdSchema, problem: z.string().max(1000) }))
    .max(100_000)
    .describe(
      "The stored files the vault found altered (GET /integrity/evidence-files), to name by case and item",
    ),
});

export const EvidenceItemsCheckSchema = z
  .object({
    ok: z.boolean(),
    checked: z
      .number()
      .int()
      .min(0)
      .describe("Files recorded in the case chains (evidence_attached) and compared"),
    problems: z.array(
      z.object({
        officeId: z.string(),
        caseId: IdSchema,
        caseNumber: z.string().nullable(),
        itemNumber: z.number().int(),
        fileId: IdSchema,
        problem: z.string(),
      }),
    ),
  })
  .describe("Every file the case chains record, compared with the vault's stored file");
export type EvidenceItemsCheck = z.infer<typeof EvidenceItemsCheckSchema>;
