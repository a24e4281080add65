/**
 * Country-of-origin information (docs/coi.md): the library shared by every office (documents and
 * their quotable passages), its search, and the passages a case cites, frozen when cited.
 */
import countries from "i18n-iso-countries";
import { z } from "zod";
import { IdSchema, LegalDateSchema } from "./common.ts";
import { isKnownLanguage } from "./languages.ts";

const Instant = z.iso.datetime({ offset: true }).max(40).describe("An instant (ISO 8601 with its offset)");

/**
 * The country a document is about: ISO 3166-1 alpha-3 (or Kosovo's XKX), or a user-assigned code
 * QMA..QZZ for a fictional country (the demo's library).
 */
export const CoiCountrySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, "ISO 3166-1 alpha-3")
  .refine(
    (code) => /^Q[M-Z][A-Z]$/.test(code) || code === "XKX" || countries.alpha3ToAlpha2(code) !== undefined,
    "not an ISO 3166-1 alpha-3 country code (or QMA..QZZ for a fictional country)",
  );

// Control characters other than tab, line feed and carriage return are refused, and so are the two
// private-use characters with which the search marks highlights.
// eslint-disable-next-line no-control-regex
const NO_CONTROLS = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ue000\ue001]*$/;
const text = (max: number) => z.string().trim().min(1).max(max).regex(NO_CONTROLS, "no control characters");

/** A topic or a profile: a short key, e.g. freedom_of_expression, opposition_activists_abroad. */
export const CoiTagSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{1,59}$/,
    "a key of lower-case letters, digits and _ (e.g. opposition_activists_abroad)",
  );
const Tags = z
  .array(CoiTagSchema)
  .max(20)
  .refine((t) => new Set(t).size === t.length, "each once");

const LanguageSchema = z
  .string()
  .max(35)
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 tag, e.g. ko, en, km")
  .refine(isKnownLanguage, "not an ISO 639 language code");

const UrlSchema = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\/[^\s]+$/, "an http(s) address");

export const CoiPassageInputSchema = z.strictObject({
  text: text(10_000).describe("The quotable text, as the document says it"),
  locator: text(100).nullable().optional().describe('Where in the document: "p. 12", "para. 4"'),
});

const DocumentFields = {
  source: text(200).describe('Who published it, e.g. "Mekong Rights Monitor"'),
  title: text(500),
  author: text(200).nullable().optional(),
  publishedOn: LegalDateSchema.nullable().optional(),
  accessedOn: LegalDateSchema.nullable().optional().describe("When the library's copy was taken"),
  url: UrlSchema.nullable().optional(),
  country: CoiCountrySchema,
  language: LanguageSchema,
  topics: Tags.default([]),
  profiles: Tags.default([]).describe('Profiles of people at risk, e.g. "opposition_activists_abroad"'),
};

const datesInOrder = (d: { publishedOn?: string | null; accessedOn?: string | null }) =>
  !d.publishedOn || !d.accessedOn || d.publishedOn <= d.accessedOn;

export const CoiDocumentInputSchema = z
  .strictObject({
    ...DocumentFields,
    passages: z.array(CoiPassageInputSchema).max(500).default([]),
  })
  .refine(datesInOrder, { message: "accessedOn must not be before publishedOn", path: ["accessedOn"] });

export const CoiDocumentUpdateSchema = z
  .strictObject(DocumentFields)
  .refine(datesInOrder, { message: "accessedOn must not be before publishedOn", path: ["accessedOn"] });

export const CoiPassageSchema = z.object({
  id: IdSchema,
  documentId: IdSchema,
  position: z.number().int(),
  text: z.string(),
  locator: z.string().nullable(),
  version: z.number().int(),
  updatedAt: Instant,
});
export type CoiPassage = z.infer<typeof CoiPassageSchema>;

export const CoiFileSchema = z.object({
  id: IdSchema,
  sha256: z.string(),
  name: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
});

export const CoiDocumentSummarySchema = z.object({
  id: IdSchema,
  source: z.string(),
  title: z.string(),
  author: z.string().nullable(),
  publishedOn: LegalDateSchema.nullable(),
  accessedOn: LegalDateSchema.nullable(),
  url: z.string().nullable(),
  country: z.string(),
  language: z.string(),
  topics: z.array(z.string()),
  profiles: z.array(z.string()),
  file: CoiFileSchema.nullable(),
  version: z.number().int(),
  updatedAt: Instant,
});
export type CoiDocumentSummary = z.infer<typeof CoiDocumentSummarySchema>;

export const CoiDocumentSchema = CoiDocumentSummarySchema.extend({
  passages: z.array(CoiPassageSchema),
});
export type CoiDocument = z.infer<typeof CoiDocumentSchema>;

export const CoiDocumentParams = z.object({ id: IdSchema });
export const CoiPassageParams = z.object({ id: IdSchema, passageId: IdSchema });

// ------------------------------------------------------------------------------------------
// Search

export const COI_QUERY_MAX = 300;

export const CoiSearchQuerySchema = z
  .object({
    q: z
      .string()
      .max(COI_QUERY_MAX, `at most ${COI_QUERY_MAX} characters`)
      .regex(NO_CONTROLS, "no control characters")
      .default("")
      .describe(
        'Words in Korean or English; "a phrase" in quotes; OR between alternatives; -word to exclude. Empty: the newest passages',
      ),
    country: CoiCountrySchema.optional(),
    source: z.string().trim().min(1).max(200).optional(),
    topic: CoiTagSchema.optional().describe("A topic or a profile the document has"),
    language: LanguageSchema.optional(),
    from: LegalDateSchema.optional().describe("Published on or after"),
    to: LegalDateSchema.optional().describe("Published on or before"),
    page: z.coerce.number().int().min(1).max(50).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: "from must not be after to",
    path: ["from"],
  });
export type CoiSearchQuery = z.infer<typeof CoiSearchQuerySchema>;

export const CoiFragmentSchema = z
  .object({ text: z.string(), match: z.boolean() })
  .describe("A piece of the passage's text; match: it matched the query (show it highlighted)");
export type CoiFragment = z.infer<typeof CoiFragmentSchema>;

export const CoiHitSchema = z.object({
  passageId: IdSchema,
  position: z.number().int(),
  locator: z.string().nullable(),
  fragments: z.array(CoiFragmentSchema),
  document: CoiDocumentSummarySchema.omit({ file: true, version: true, updatedAt: true }),
});
export type CoiHit = z.infer<typeof CoiHitSchema>;

export const COI_TOTAL_CAP = 1000;

export const CoiSearchResultSchema = z.object({
  items: z.array(CoiHitSchema),
  total: z.number().int().describe(`Passages found, counted up to ${COI_TOTAL_CAP}`),
  totalCapped: z.boolean().describe(`More than ${COI_TOTAL_CAP} were found`),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CoiSearchResult = z.infer<typeof CoiSearchResultSchema>;

export const CoiFacetsSchema = z.object({
  countries: z.array(z.object({ code: z.string(), documents: z.number().int() })),
  sources: z.array(z.object({ name: z.string(), documents: z.number().int() })),
  topics: z.array(z.object({ key: z.string(), documents: z.number().int() })),
  profiles: z.array(z.object({ key: z.string(), documents: z.number().int() })),
  documents: z.number().int(),
  passages: z.number().int(),
});

export const CoiDocumentListQuerySchema = z.object({
  country: CoiCountrySchema.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export const CoiDocumentListSchema = z.object({
  items: z.array(CoiDocumentSummarySchema),
  total: z.number().int(),
});

// ------------------------------------------------------------------------------------------
// Citations

export const CitationInputSchema = z.strictObject({ passageId: IdSchema });
export const CitationParams = z.object({ id: IdSchema, citationId: IdSchema });

export const CitationTranslationSchema = z
  .object({
    language: z.string().describe("BCP 47"),
    text: z.string().describe("The passage in that language, as the final translation has it"),
    translators: z.array(z.string()),
    reviewers: z.array(z.string()),
    finalizedOn: LegalDateSchema,
  })
  .describe("A final translation of the cited passage, chosen for use in the decision");
export type CitationTranslation = z.infer<typeof CitationTranslationSchema>;

export const CaseCitationSchema = z.object({
  id: IdSchema,
  passageId: IdSchema,
  documentId: IdSchema,
  quote: z.string().describe("The passage's text as it was when cited"),
  quoteSha256: z.string(),
  title: z.string(),
  source: z.string(),
  author: z.string().nullable(),
  url: z.string().nullable(),
  country: z.string(),
  publishedOn: LegalDateSchema.nullable(),
  accessedOn: LegalDateSchema.nullable(),
  locator: z.string().nullable(),
  citedAt: Instant,
  citedBy: z.string(),
  newerDocument: z
    .object({ id: IdSchema, title: z.string(), publishedOn: LegalDateSchema.nullable() })
    .nullable()
    .describe("A newer library document on the same country and profile (or topic)"),
  translations: z
    .array(CitationTranslationSchema)
    .describe(
      "Final translations of the passage chosen for the decision (only a translation reviewed by a second person and made final can be)",
    ),
});
export type CaseCitation = z.infer<typeof CaseCitationSchema>;

export const CaseCitationListSchema = z.object({ items: z.array(CaseCitationSchema) });
