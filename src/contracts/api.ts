/**
 * The API's schemas: one definition for the server (validation and OpenAPI), the CLI and the web.
 * Names follow the domain's vocabulary (docs/procedure.md §2).
 */
import countries from "i18n-iso-countries";
import { z } from "zod";
import { ACTS } from "../kernel/procedure/profile.ts";
import { CaseKindSchema, ChannelSchema, LegalDateSchema, PartySchema } from "../kernel/schemas.ts";
import { CursorQuery, CursorSchema, IdentifierValueSchema, IdSchema, pageOf } from "./common.ts";
import { RemovalHoldSchema } from "./evidence.ts";
import { isKnownLanguage } from "./languages.ts";
import { StepUpSchema } from "./security.ts";
import { AwaitingJobSchema } from "./translations.ts";

export * from "./common.ts";
export * from "./security.ts";
export * from "./credentials.ts";
export * from "./statistics.ts";
export * from "./languages.ts";
export * from "./evidence.ts";
export * from "./notices.ts";
export * from "./committee.ts";
export * from "./examination.ts";
export * from "./notifications.ts";
export * from "./uploads.ts";
export * from "./coi.ts";

const NameSchema = z.strictObject({
  value: z.string().trim().min(1).max(300),
  script: z
    .string()
    .regex(/^[A-Z][a-z]{3}$/, "an ISO 15924 script code such as Latn, Hang, Khmr, Cyrl, Arab, Hani")
    .optional(),
  kind: z
    .enum(["primary", "alias", "latin_transliteration", "hangul_transcription", "birth_name", "other"])
    .optional(),
});

/**
 * A country as its ISO 3166-1 alpha-3 code (or Kosovo's XKX), or an ICAO Doc 9303 code for none:
 * XXA stateless, XXB and XXC refugees, XXX unknown. A code that names no country is refused, so
 * that the country-of-origin barrier never compares a misspelling.
 */
const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, "ISO 3166-1 alpha-3")
  .refine(
    (code) => /^XX[ABCX]$/.test(code) || code === "XKX" || countries.alpha3ToAlpha2(code) !== undefined,
    "not an ISO 3166-1 alpha-3 country code",
  );

/** Countries as ISO 3166-1 alpha-3 codes, each once. */
const CountryListSchema = z
  .array(CountryCodeSchema)
  .max(10)
  .refine((codes) => new Set(codes).size === codes.length, "each country once");

const ContactSchema = z.strictObject({
  address: z.string().trim().min(1).max(500).optional(),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^\+?[0-9][0-9 ()-]{3,38}$/, "a telephone number: digits, spaces, ( ) - and a leading +")
    .optional(),
});

const RepresentativeSchema = z.strictObject({
  name: z.string().trim().min(1).max(300),
  contact: z.string().trim().min(1).max(500).optional(),
});

export const PersonInputSchema = z.strictObject({
  names: z.array(NameSchema).min(1).max(20),
  birthDate: LegalDateSchema.optional(),
  sex: z.enum(["female", "male", "other", "unknown"]).optional(),
  nationality: CountryCodeSchema.describe(
    "ISO 3166-1 alpha-3 in capitals, e.g. KHM (XXA stateless, XXB and XXC refugees, XXX unknown); a code that names no country is refused",
  ),
  identifiers: z
    .array(
      z.strictObject({
        kind: z.enum(["passport", "alien_registration", "resident_registration", "national_id", "other"]),
        value: IdentifierValueSchema,
      }),
    )
    .max(20)
    .optional(),
  languages: z
    .array(
      z
        .string()
        .max(35)
        .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 tag, e.g. km, ru, ar-EG")
        .refine(isKnownLanguage, "not an ISO 639 language code"),
    )
    .max(20)
    .refine((tags) => new Set(tags).size === tags.length, "each language once")
    .optional()
    .describe("The languages the applicant speaks, as BCP 47 tags whose language is an ISO 639 code"),
  countriesFeared: CountryListSchema.optional().describe(
    "The countries the applicant fears, their nationality included when they fear it (XXX: unknown): nothing is ever disclosed to them (RA 17(3)). While none is recorded, a disclosure to a foreign state needs a supervisor to confirm its recipient.",
  ),
  formerResidences: CountryListSchema.optional().describe(
    "The countries where the applicant habitually lived before (for a stateless person, the countries that count as their countries of origin): nothing is ever disclosed to them either (RA 17(3))",
  ),
  contact: ContactSchema.optional().describe(
    "Where the applicant can be reached; encrypted before it reaches the database",
  ),
  representative: RepresentativeSchema.optional().describe(
    "Who acts for the applicant at intake (a lawyer, a guardian), and how to reach them; encrypted. A lawyer's access to the case is a mandate, not this",
  ),
  sensitiveFacts: z
    .strictObject({
      sexualOrientation: z.string().trim().min(1).max(2000).optional(),
      religion: z.string().trim().min(1).max(2000).optional(),
      politicalAffiliation: z.string().trim().min(1).max(2000).optional(),
      health: z.string().trim().min(1).max(2000).optional(),
    })
    .optional()
    .describe("The most sensitive facts of the claim; encrypted before they reach the database"),
});
export type PersonInput = z.infer<typeof PersonInputSchema>;

export const PersonCountriesSchema = z
  .strictObject({
    countriesFeared: CountryListSchema.optional().describe(
      "Countries to add to those the applicant fears; a real country takes the place of XXX (unknown)",
    ),
    formerResidences: CountryListSchema.optional().describe(
      "Countries to add to those where the applicant habitually lived",
    ),
  })
  .refine((b) => (b.countriesFeared?.length ?? 0) + (b.formerResidences?.length ?? 0) > 0, {
    message: "name at least one country",
  });
export type PersonCountries = z.infer<typeof PersonCountriesSchema>;

/** The applicant's contact details and intake representative as they are now (each replaced whole; null removes it). */
export const PersonContactSchema = z.strictObject({
  contact: ContactSchema.nullable().describe("Where the applicant can be reached now; null: not known"),
  representative: RepresentativeSchema.nullable().describe("Who acts for the applicant now; null: nobody"),
});
export type PersonContact = z.infer<typeof PersonContactSchema>;

export const PersonSchema = PersonInputSchema.extend({
  id: IdSchema,
  createdAt: z.string(),
  createdBy: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;

export const CaseOpenSchema = z.strictObject({
  personId: IdSchema,
  profile: z
    .string()
    .min(1)
    .max(60)
    .optional()
    .describe(
      "The procedure profile whose rules the case follows (GET /api/v1/profiles; default: the first)",
    ),
  office: z.string().min(1).max(40).describe("An office code from GET /api/v1/offices"),
  channel: ChannelSchema,
  kind: CaseKindSchema,
  filedOn: LegalDateSchema,
  priorCaseIds: z.array(IdSchema).max(50).optional(),
});
export type CaseOpen = z.infer<typeof CaseOpenSchema>;

export const DeadlineSchema = z.object({
  kind: z.string().describe("A deadline kind of the case's procedure profile (GET /api/v1/profiles/{id})"),
  dueOn: LegalDateSchema,
  basis: z.string(),
  status: z.enum(["open", "met", "missed", "lapsed"]),
  obligation: z
    .enum(["duty", "right", "info"])
    .optional()
    .describe(
      "duty: the authority or a court must act by the date; right: a party may act by it; info: a date from which something holds by law (not a task)",
    ),
  settledOn: LegalDateSchema.optional().describe(
    "The day it was settled: the act done (in time: met; late: missed), or the day it stopped applying (lapsed)",
  ),
  party: PartySchema.optional(),
  level: z.number().int().min(1).max(3).optional(),
});

export const CaseNumberSchema = z
  .string()
  .describe(
    "The case's human number: its office, year of filing and a sequence per office and year, e.g. SEOUL-2024-000123",
  );

export const AssigneeSchema = z
  .object({ id: IdSchema, displayName: z.string() })
  .nullable()
  .describe("The examiner the case is assigned to, or null");

export const CaseAssignmentSchema = z.strictObject({
  accountId: IdSchema.nullable().describe(
    "An active examiner or supervisor of the case's office; null to assign nobody",
  ),
});

export const CaseViewSchema = z.object({
  id: IdSchema,
  caseNumber: CaseNumberSchema.nullable(),
  assignee: AssigneeSchema.optional().describe(
    "The examiner the case is assigned to (null: nobody); given when the case is read",
  ),
  personId: IdSchema,
  office: z.string(),
  channel: ChannelSchema,
  kind: CaseKindSchema,
  filedOn: LegalDateSchema,
  priorCaseIds: z.array(IdSchema),
  profile: z.string(),
  version: z.number().int(),
  asOf: LegalDateSchema,
  stage: z.string(),
  applicantStatus: z.enum(["under_review", "awaiting_challenge", "in_litigation"]).nullable(),
  protection: z.enum(["refugee", "humanitarian"]).nullable(),
  final: z.boolean(),
  finalSince: LegalDateSchema.nullable(),
  redecisionRequired: z.boolean(),
  removalBarred: z.boolean(),
  removalBarBasis: z.string().nullable(),
  removalHolds: z
    .array(RemovalHoldSchema)
    .describe(
      "Foreign-state actions recorded as evidence and not withdrawn: each bars removal while it stands",
    ),
  litigationLevel: z.number().int().min(1).max(3).nullable(),
  deemedAdmitted: z.boolean(),
  deadlines: z.array(DeadlineSchema),
  allowedEvents: z.array(z.string()),
});
export type CaseView = z.infer<typeof CaseViewSchema>;

export const TimelineEntrySchema = z.object({
  sequence: z.number().int(),
  type: z.string(),
  occurredOn: LegalDateSchema,
  data: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
  recordedBy: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});

const CaseProfileSchema = z
  .string()
  .describe(
    "The case's procedure profile, whose labels name its stage and events (GET /api/v1/profiles/{id})",
  );

export const CaseSummarySchema = z.object({
  id: IdSchema,
  caseNumber: CaseNumberSchema.nullable(),
  personId: IdSchema,
  office: z.string(),
  profile: CaseProfileSchema,
  channel: ChannelSchema,
  kind: CaseKindSchema,
  filedOn: LegalDateSchema,
  nationality: z.string(),
  version: z.number().int(),
  stage: z.string(),
  applicantStatus: z.string().nullable(),
  protection: z.string().nullable(),
  final: z.boolean(),
  redecisionRequired: z.boolean(),
});

export const IdentifierKindSchema = z.enum([
  "passport",
  "alien_registration",
  "resident_registration",
  "national_id",
  "other",
]);

const CaseNumberQuerySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z-]{0,39}-\d{4}-\d{6}$/, "a case number, e.g. SEOUL-2024-000123")
  .describe("A case number, exactly (letters in either case)");

export const CaseSearchSchema = z
  .strictObject({
    name: z.string().trim().max(200).optional().describe("Words of a name, in any script"),
    caseNumber: CaseNumberQuerySchema.optional(),
    identifierKind: IdentifierKindSchema.optional(),
    identifier: z.string().trim().min(1).max(100).optional(),
    office: z.string().max(40).optional(),
    stage: z.string().max(40).optional(),
    nationality: z
      .string()
      .regex(/^[A-Z]{3}$/, "an ISO 3166-1 alpha-3 code in capitals, e.g. KHM")
      .optional(),
    cursor: CursorSchema.optional(),
    limit: z.number().int().min(1).max(200).default(25),
  })
  .refine((s) => !s.identifier || s.identifierKind, {
    message: "say what kind of identifier it is",
    path: ["identifierKind"],
  });
export type CaseSearch = z.input<typeof CaseSearchSchema>;

export const CaseSearchResultSchema = CaseSummarySchema.extend({
  names: z.array(z.object({ value: z.string(), script: z.string().optional(), kind: z.string().optional() })),
});
export type CaseSearchResult = z.infer<typeof CaseSearchResultSchema>;

export const PersonNamesSchema = z
  .array(z.object({ value: z.string(), script: z.string().optional(), kind: z.string().optional() }))
  .describe("The applicant's names in every script recorded (ISO 15924 `script`), e.g. the Latin form");

export const WorklistEntrySchema = DeadlineSchema.extend({
  caseId: IdSchema,
  caseNumber: CaseNumberSchema.nullable(),
  office: z.string(),
  profile: CaseProfileSchema,
  obligation: z
    .enum(["duty", "right", "info"])
    .describe("What the deadline asks: a duty to act, a right a party may use, or a date to know"),
  stage: z.string().describe("The case's stage, a word of its profile"),
  caseFinal: z.boolean().describe("Whether the case is final (closed)"),
  names: PersonNamesSchema,
  assignee: AssigneeSchema,
});

export const JurisdictionSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code, e.g. KR")
  .describe("The jurisdiction whose holidays these are (default: that of the default procedure profile)");

export const HolidayInputSchema = z.strictObject({
  jurisdiction: JurisdictionSchema.optional(),
  date: LegalDateSchema,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(["temporary", "election"]),
  source: z.string().trim().min(1).max(500).optional(),
});

export const HolidaySchema = z.object({
  date: LegalDateSchema,
  names: z.array(z.string()),
  origin: z.enum(["official", "added", "sunday"]),
  kind: z.enum(["official", "temporary", "election", "sunday"]),
  source: z.string().nullable(),
});

export const OfficeSchema = z.object({
  code: z.string(),
  nameEn: z.string(),
  nameKo: z.string(),
  kind: z.string(),
});

export const DecisionDraftSchema = z
  .object({
    id: IdSchema,
    caseId: IdSchema,
    office: z.string(),
    profile: CaseProfileSchema,
    event: z.record(z.string(), z.unknown()),
    draftedBy: z.string(),
    draftedAt: z.string(),
    status: z.enum(["pending", "approved", "returned"]),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    reason: z.string().nullable(),
    takesProtection: z
      .string()
      .nullable()
      .describe(
        "Why the event would take protection away (it ends or reduces protection, or lifts the bar on removal): approving it needs a second factor given with the approval. Null if it does not.",
      ),
    caseNumber: CaseNumberSchema.nullable().optional().describe("The case's number (in lists)"),
    names: PersonNamesSchema.optional().describe("The applicant's names (in lists)"),
  })
  .describe(
    "An event waiting for a supervisor's approval (four eyes): a first-instance decision, or an event that takes protection away",
  );

export const ProfileEventSchema = z.object({
  type: z.string(),
  act: z.enum(ACTS).describe("Which kind of act the event is; the right that records it is `event.<act>`"),
  needsApproval: z.boolean().describe("Kept as a draft until a second person approves it (four eyes)"),
  removesProtection: z
    .boolean()
    .describe(
      "Takes protection away whenever recorded: kept as a draft, approved only with a second factor given with the approval, never recorded by a token",
    ),
  schema: z
    .record(z.string(), z.unknown())
    .describe("The event's JSON Schema (draft 2020-12), made from the profile's own schema"),
});

const wordsOf = (what: string) => z.record(z.string(), z.string()).optional().describe(`${what}, by name`);

export const VocabularyLabelsSchema = z
  .object({
    events: wordsOf("Each event type's label (the filing's included)"),
    descriptions: wordsOf("A short description of an event, shown as its form's hint"),
    stages: wordsOf("Each stage's label"),
    deadlineKinds: wordsOf("Each deadline kind's label"),
    fields: wordsOf("The label of an event's field (the last part of its path)"),
    hints: wordsOf("A hint shown under an event form's field"),
    values: z
      .record(z.string(), z.record(z.string(), z.string()))
      .optional()
      .describe("The labels of a field's values, by field name and then value"),
    bases: wordsOf(
      "The legal basis of a deadline or of the bar on removal in this language, keyed by the English text of `basis` or `removalBarBasis`",
    ),
    rules: wordsOf(
      "The words of a rule that refused an event as entered, by the key a problem's `rule` gives, with `{name}` placeholders for its `params`",
    ),
  })
  .describe("A profile's words in one language; what is left out falls back to English");

export const ProfileLabelsSchema = z
  .object({ en: VocabularyLabelsSchema })
  .catchall(VocabularyLabelsSchema)
  .describe(
    "The profile's labels by language (BCP 47: en, ko…): English names every event and deadline kind; " +
      "a label missing in the reader's language falls back to English, then to the raw name",
  );

export const ProfileSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  jurisdiction: z.string().describe("ISO 3166-1 alpha-2: whose public holidays count"),
  timeZone: z.string().describe("IANA time zone whose date is 'today' for the law"),
  default: z.boolean(),
  deadlineKinds: z.array(z.string()),
});

export const ProfileSchema = ProfileSummarySchema.extend({
  filing: z.record(z.string(), z.unknown()).describe("JSON Schema of the application_filed event"),
  events: z.array(ProfileEventSchema),
  labels: ProfileLabelsSchema,
});
export type ProfileDescription = z.infer<typeof ProfileSchema>;

export const ProfileListSchema = z.object({ items: z.array(ProfileSummarySchema) });
export const OfficeListSchema = z.object({ items: z.array(OfficeSchema) });

// ------------------------------------------------------------------------------------------
// Requests and answers of the routes, by feature

export const IdParams = z.object({ id: IdSchema });
export const ProfileIdParams = z.object({ id: z.string().min(1).max(60) });

export const PersonSearchSchema = z.object({
  identifierKind: IdentifierKindSchema,
  identifier: IdentifierValueSchema,
});
export const PersonListSchema = z.object({ items: z.array(PersonSchema) });

export const PersonDuplicatesQuerySchema = z
  .strictObject({
    identifiers: PersonInputSchema.shape.identifiers,
    names: z.array(NameSchema).max(20).optional(),
    birthDate: LegalDateSchema.optional(),
    nationality: CountryCodeSchema.optional(),
  })
  .refine((q) => (q.identifiers?.length ?? 0) + (q.names?.length ?? 0) > 0, {
    message: "give an identifier, or names with the date of birth and nationality",
  });
export type PersonDuplicatesQuery = z.infer<typeof PersonDuplicatesQuerySchema>;

export const PersonDuplicateSchema = z.object({
  personId: IdSchema,
  names: PersonInputSchema.shape.names,
  birthDate: LegalDateSchema.optional(),
  nationality: z.string(),
  matchedBy: z
    .array(z.enum(["identifier", "name_birth_date_nationality"]))
    .describe(
      "identifier: holds one of the identifiers given (same kind, exact value); name_birth_date_nationality: one of their names has the same words as one given, with the same date of birth and nationality",
    ),
  cases: z
    .array(
      z.object({
        id: IdSchema,
        caseNumber: z.string().nullable(),
        office: z.string(),
        filedOn: LegalDateSchema,
      }),
    )
    .describe("Their cases at offices the principal reaches, newest first"),
});
export type PersonDuplicate = z.infer<typeof PersonDuplicateSchema>;
export const PersonDuplicateListSchema = z.object({ items: z.array(PersonDuplicateSchema) });

export const CaseListQuerySchema = z.object({
  office: z.string().max(40).optional(),
  stage: z.string().max(40).optional(),
  nationality: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  personId: IdSchema.optional(),
  ...CursorQuery,
});
export const CaseViewQuerySchema = z.object({ asOf: LegalDateSchema.optional() });
export const TimelineSchema = z.object({ items: z.array(TimelineEntrySchema) });

/** Headers of a creating request: `Idempotency-Key` (docs/api.md, "Idempotency"). */
export const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .describe(
      "1 to 200 visible ASCII characters. A retry with the same key and body replays the first answer (Idempotent-Replayed: true)",
    ),
});
/** Headers of a request that changes a case: `If-Match` with the case's ETag, and `Idempotency-Key`. */
export const CaseWriteHeaders = IdempotencyHeaders.extend({
  "if-match": z
    .string()
    .optional()
    .describe('The case\'s ETag as last read, e.g. "3" (without it: 428; stale: 412)'),
});

export const DeadlineQuerySchema = z.object({
  office: z.string().max(40).optional(),
  kind: z
    .string()
    .max(60)
    .optional()
    .describe(DeadlineSchema.shape.kind.description ?? ""),
  dueBefore: LegalDateSchema.optional(),
  status: DeadlineSchema.shape.status.default("open").describe("Default: open"),
  closed: z
    .enum(["exclude", "include"])
    .default("exclude")
    .describe("Whether deadlines of final (closed) cases are listed too; by default they are not"),
  info: z
    .enum(["exclude", "include"])
    .default("exclude")
    .describe(
      "Whether dates to know (obligation info: a date from which something holds by law, not a task) are listed too; by default they are not",
    ),
  assignee: z
    .enum(["me", "unassigned"])
    .optional()
    .describe(
      "Only the cases assigned to the principal (me) or to nobody; by default every case of the principal's office (their team)",
    ),
  ...CursorQuery,
});

export const HolidayQuerySchema = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  jurisdiction: JurisdictionSchema.optional(),
});
export const HolidayYearSchema = z.object({
  year: z.number(),
  covered: z.boolean().describe("whether official almanac data covers the year"),
  items: z.array(HolidaySchema),
});
export const HolidayAddedSchema = z.object({ holiday: HolidayInputSchema, casesUpdated: z.number().int() });

export const DecisionDraftListSchema = z.object({ items: z.array(DecisionDraftSchema) });
export const DraftReturnSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const DraftApprovalSchema = z
  .strictObject({
    secondFactor: StepUpSchema.optional().describe(
      "A second factor given with this approval: a TOTP code not used before, or a passkey assertion (options from POST /auth/passkey/options). Required when the draft takes protection away.",
    ),
  })
  .describe("The approval, with its own second factor");

export const MandateSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  representativeId: IdSchema,
  validFrom: LegalDateSchema,
  validUntil: LegalDateSchema.nullable(),
  revokedAt: z.string().nullable(),
});
export const MandateInputSchema = z.strictObject({
  representativeId: IdSchema,
  validFrom: LegalDateSchema,
  validUntil: LegalDateSchema.optional(),
});
export const MandateCaseSearchSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(2)
      .max(200)
      .optional()
      .describe("Words of the applicant's name, in any script"),
    caseNumber: CaseNumberQuerySchema.optional(),
  })
  .refine((s) => s.name !== undefined || s.caseNumber !== undefined, {
    message: "give the applicant's name or the case number",
    path: ["name"],
  });
export const MandateCaseMatchSchema = z.object({
  caseId: IdSchema,
  caseNumber: CaseNumberSchema.nullable(),
  office: z.string(),
  filedOn: LegalDateSchema,
  nationality: z.string(),
  names: PersonNamesSchema,
});
export const MandateCaseMatchListSchema = z.object({ items: z.array(MandateCaseMatchSchema) });
export const MandateListSchema = z.object({ items: z.array(MandateSchema) });

export const InboxQuerySchema = z.object({
  days: z.coerce
    .number()
    .int()
    .min(0)
    .max(90)
    .default(14)
    .describe("Deadlines due within this many days from today (default 14)"),
});
export const InboxSchema = z.object({
  days: z.number().int(),
  count: z.number().int().describe("How many items need the principal"),
  returnedDrafts: z.array(DecisionDraftSchema),
  approvals: z.array(DecisionDraftSchema),
  deadlines: z.array(WorklistEntrySchema),
  translations: z
    .array(AwaitingJobSchema)
    .describe("Open translations assigned to me: to translate (as translator) or to review (as reviewer)"),
});

export const AssignableListSchema = z.object({
  items: z.array(z.object({ id: IdSchema, displayName: z.string(), role: z.string() })),
});

export const InterviewSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  office: z.string(),
  interviewOn: LegalDateSchema,
  language: z.string(),
  place: z
    .string()
    .nullable()
    .describe("Where the interview is held (room, office), as the examiner wrote it"),
  applicantNames: z
    .array(z.object({ value: z.string(), script: z.string().optional(), kind: z.string().optional() }))
    .describe(
      "The applicant's names (in their scripts, with the Latin form), so that the interpreter knows whom they interpret for: in the interpreter's own list only",
    ),
});
export const InterviewAssignmentSchema = z.strictObject({
  interpreterId: IdSchema,
  interviewOn: LegalDateSchema,
  language: z.string().min(2).max(35),
  place: z.string().trim().min(1).max(200).optional(),
});
export const InterviewListSchema = z.object({ items: z.array(InterviewSchema) });

export const DisclosureRequestSchema = z.strictObject({
  recipientKind: z.enum(["authority", "court", "unhcr", "other"]),
  recipientCountry: CountryCodeSchema,
  purpose: z.string().trim().min(1).max(500),
});
export const DisclosureSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  status: z
    .enum(["refused", "awaiting_confirmation", "pending_approval", "approved", "returned"])
    .describe(
      "refused: addressed to a country of origin; awaiting_confirmation: refused until a second supervisor confirms the recipient; pending_approval: waits for a second person's approval; approved: a second supervisor approved it; returned: a second supervisor returned it, with a reason",
    ),
  recipientKind: z.string(),
  recipientCountry: z.string(),
  purpose: z.string(),
  refusalReason: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  recipientConfirmation: z
    .object({ by: z.string(), at: z.string(), reason: z.string() })
    .nullable()
    .describe("The supervisor who confirmed the recipient, when and why"),
  decision: z
    .object({ by: z.string(), at: z.string(), reason: z.string().nullable() })
    .nullable()
    .describe("The supervisor who approved or returned it, when, and why it was returned"),
});
export const DisclosureListSchema = z.object({ items: z.array(DisclosureSchema) });
export const RecipientConfirmationSchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(10)
    .max(1000)
    .describe("Why this recipient cannot pass the file to the applicant's country of origin"),
});
export const DisclosureReturnSchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(10)
    .max(1000)
    .describe("Why the disclosure is returned to the supervisor who requested it"),
});
export const DisclosureParams = z.object({ id: IdSchema, disclosureId: IdSchema });
export const AlertListSchema = z.object({
  items: z.array(
    z.object({
      id: IdSchema,
      at: z.string(),
      kind: z.string(),
      severity: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const AlertAcknowledgementSchema = z.strictObject({
  note: z.string().trim().min(10).max(1000).describe("What was done about the alert"),
});

export const PortalCaseListSchema = z.object({
  items: z.array(
    z.object({
      id: IdSchema,
      caseNumber: CaseNumberSchema.nullable(),
      names: PersonNamesSchema.describe("The client's names"),
      office: z.string(),
      profile: CaseProfileSchema,
      stage: z.string(),
      filedOn: LegalDateSchema,
    }),
  ),
});
export const PortalCaseSchema = z.object({
  id: IdSchema,
  caseNumber: CaseNumberSchema.nullable(),
  names: PersonNamesSchema.describe("The client's names"),
  office: z.string(),
  profile: CaseProfileSchema,
  filedOn: LegalDateSchema,
  stage: z.string(),
  applicantStatus: z.string().nullable(),
  protection: z.string().nullable(),
  final: z.boolean(),
  finalSince: LegalDateSchema.nullable(),
  redecisionRequired: z.boolean(),
  deadlines: z.array(DeadlineSchema),
  notices: z.array(z.object({ type: z.string(), occurredOn: LegalDateSchema })),
});
export type PortalCase = z.infer<typeof PortalCaseSchema>;

export const DemoAccountsSchema = z.object({
  password: z.string(),
  accounts: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      role: z.string(),
      officeId: z.string().nullable(),
      code: z.string().describe("The account's TOTP code now (it changes every 30 seconds)"),
    }),
  ),
});

export const HealthSchema = z.object({
  status: z.literal("ok"),
  database: z.string().describe("`pglite` (embedded) or `postgres`"),
});

export const CaseSummaryPageSchema = pageOf(CaseSummarySchema);
export const CaseSearchPageSchema = pageOf(CaseSearchResultSchema);
export const WorklistPageSchema = pageOf(WorklistEntrySchema).extend({
  counts: z
    .array(z.object({ kind: z.string(), count: z.number().int() }))
    .optional()
    .describe(
      "On the first page: how many deadlines of each kind the filters find, whatever the kind filter",
    ),
});
