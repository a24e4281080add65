/**
 * Record events: what the case's record holds beside its procedure, the same in every
 * jurisdiction. Evidence attached, corrected and withdrawn, the dated audience observations of
 * a social-media capture, and the documents the authority issued (a decision's notice) are appended to the case's chain like any event (sealed, hashed, in the
 * timeline), but no profile decides, folds or counts them: they never change the procedure's
 * stage, deadlines or statistics. The kernel folds them itself into the record's state, whose
 * removal holds (a foreign state's action recorded as evidence, not withdrawn) bar removal.
 *
 * Pure: no I/O, no clock.
 */
import { z } from "zod";
import { LegalDateSchema } from "../schemas.ts";

export const EVIDENCE_ATTACHED = "evidence_attached";
export const EVIDENCE_CORRECTED = "evidence_corrected";
export const EVIDENCE_WITHDRAWN = "evidence_withdrawn";
export const AUDIENCE_OBSERVED = "audience_observed";
export const DOCUMENT_ISSUED = "document_issued";
export const TRANSLATION_REQUESTED = "translation_requested";
export const TRANSLATION_CHANGED = "translation_changed";
export const TRANSLATION_FINALIZED = "translation_finalized";
export const TRANSLATION_CANCELLED = "translation_cancelled";

export const RECORD_EVENT_TYPES = [
  EVIDENCE_ATTACHED,
  EVIDENCE_CORRECTED,
  EVIDENCE_WITHDRAWN,
  AUDIENCE_OBSERVED,
  DOCUMENT_ISSUED,
  TRANSLATION_REQUESTED,
  TRANSLATION_CHANGED,
  TRANSLATION_FINALIZED,
  TRANSLATION_CANCELLED,
] as const;
export type RecordEventType = (typeof RECORD_EVENT_TYPES)[number];

const recordTypes: ReadonlySet<string> = new Set(RECORD_EVENT_TYPES);

/** Whether an event of the chain is a record event (not the procedure's). */
export function isRecordEvent(e: { type: string }): boolean {
  return recordTypes.has(e.type);
}

/**
 * The version of the record's fold (`evolveRecord`). A case's snapshot made by another version is
 * folded again from the history, like a snapshot of another version of its profile's fold.
 */
export const RECORD_FOLD_VERSION = 1;

// ------------------------------------------------------------------------------------------
// The vocabulary evidence shares with the API

export const EVIDENCE_KINDS = ["document", "social_media_capture", "foreign_state_action"] as const;
export const EVIDENCE_SUPPLIERS = [
  "applicant",
  "representative",
  "office",
  "unhcr",
  "foreign_state",
  "court",
  "other",
] as const;
export const EVIDENCE_CHANNELS = [
  "in_person",
  "post",
  "email",
  "portal",
  "interview",
  "court",
  "other",
] as const;
export const FILE_ROLES = ["original", "text", "thumbnail", "disclosure_copy"] as const;
export const CAPTURE_PLATFORMS = [
  "facebook",
  "tiktok",
  "youtube",
  "x",
  "instagram",
  "telegram",
  "other",
] as const;
export const CAPTURE_VISIBILITIES = ["public", "followers", "private", "unknown"] as const;
export const AUDIENCE_METRICS = ["followers", "subscribers", "views", "likes", "shares", "comments"] as const;
/** The documents the authority issues and records in the chain (src/notices). */
export const DOCUMENT_KINDS = ["decision_notice"] as const;
/** What a translation can be of (src/translations, docs/translation.md). */
export const TRANSLATION_SOURCE_KINDS = [
  "evidence_text",
  "fact_statement",
  "interview_transcript",
  "decision_notice",
  "coi_passage",
] as const;
export const TRANSLATION_SEGMENT_STATES = ["initial", "translated", "reviewed", "final"] as const;
export const TRANSLATION_ORIGINS = ["none", "memory", "engine", "person", "import"] as const;
/** Why a translation's segments changed. */
export const TRANSLATION_CHANGE_REASONS = [
  "saved",
  "reviewed",
  "returned",
  "machine_draft",
  "imported",
  "source_changed",
  "assigned",
] as const;
export const FOREIGN_STATE_ACTIONS = [
  "extradition_request",
  "repatriation_request",
  "interpol_notice",
  "diplomatic_note",
  "passport_cancellation",
  "summons_or_charge",
  "other",
] as const;
export type ForeignStateActionKind = (typeof FOREIGN_STATE_ACTIONS)[number];

// ------------------------------------------------------------------------------------------
// Their payloads (what the chain holds; sealed like every payload)

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Uuid = z.string().uuid();

export const RecordedFileSchema = z.strictObject({
  fileId: Uuid,
  role: z.enum(FILE_ROLES),
  sha256: Sha256,
  size: z.number().int().min(0),
  mediaType: z.string(),
  derivedFrom: Uuid.optional(),
  /** What a derivative left out of its original (a disclosure copy: "exif", "gps"). */
  removed: z.array(z.string()).optional(),
});
export type RecordedFile = z.infer<typeof RecordedFileSchema>;

const LanguageTag = z.string().min(2).max(35);
/** A segment's state after a change: never its text, only a keyed digest of its target. */
const TranslationSegmentChange = z.strictObject({
  segmentId: Uuid,
  state: z.enum(TRANSLATION_SEGMENT_STATES),
  version: z.number().int().min(1),
  origin: z.enum(TRANSLATION_ORIGINS),
  removed: z.boolean().optional(),
  targetDigest: Sha256.optional(),
});

export const HoldFieldsSchema = z.strictObject({
  action: z.enum(FOREIGN_STATE_ACTIONS),
  state: z.string().regex(/^[A-Z]{3}$/),
  actedOn: LegalDateSchema,
});

export const RECORD_EVENT_SCHEMAS = {
  [EVIDENCE_ATTACHED]: z.strictObject({
    itemId: Uuid,
    number: z.number().int().min(1),
    kind: z.enum(EVIDENCE_KINDS),
    supplier: z.enum(EVIDENCE_SUPPLIERS),
    channel: z.enum(EVIDENCE_CHANNELS),
    files: z.array(RecordedFileSchema),
    foreignStateAction: HoldFieldsSchema.optional(),
  }),
  [EVIDENCE_CORRECTED]: z.strictObject({
    itemId: Uuid,
    reason: z.string().min(1),
    fields: z.array(z.string()).min(1),
    changes: z.record(z.string(), z.unknown()),
  }),
  [EVIDENCE_WITHDRAWN]: z.strictObject({ itemId: Uuid, reason: z.string().min(1) }),
  [AUDIENCE_OBSERVED]: z.strictObject({
    itemId: Uuid,
    metric: z.enum(AUDIENCE_METRICS),
    value: z.number().int().min(0),
    note: z.string().optional(),
  }),
  /**
   * A document the authority issued (a decision's notice, typeset when its service was recorded):
   * the stored file and its SHA-256, and the sequence of the event it was issued for.
   */
  [DOCUMENT_ISSUED]: z.strictObject({
    documentId: Uuid,
    kind: z.enum(DOCUMENT_KINDS),
    fileId: Uuid,
    sha256: Sha256,
    size: z.number().int().min(0),
    forSequence: z.number().int().min(1).optional(),
  }),
  /**
   * A translation of one of the case's texts was requested into one language: what, from and into
   * which language, and into how many segments it was cut. No text.
   */
  [TRANSLATION_REQUESTED]: z.strictObject({
    jobId: Uuid,
    kind: z.enum(TRANSLATION_SOURCE_KINDS),
    ref: z.string().min(1).max(200),
    sourceLanguage: LanguageTag,
    targetLanguage: LanguageTag,
    segments: z.number().int().min(0),
    /** How many of them the office's memory proposed a target for (still to be taken by a person). */
    proposed: z.number().int().min(0).optional(),
  }),
  /** Segments of a translation changed: each one's new state, version and origin, and why. */
  [TRANSLATION_CHANGED]: z.strictObject({
    jobId: Uuid,
    segments: z.array(TranslationSegmentChange),
    reason: z.enum(TRANSLATION_CHANGE_REASONS),
    translatorId: Uuid.nullable().optional(),
    reviewerId: Uuid.nullable().optional(),
    reopened: z.boolean().optional(),
  }),
  /** Every live segment was reviewed, and a reviewer made the translation final. */
  [TRANSLATION_FINALIZED]: z.strictObject({ jobId: Uuid, segments: z.number().int().min(1) }),
  [TRANSLATION_CANCELLED]: z.strictObject({ jobId: Uuid }),
} as const satisfies Record<RecordEventType, z.ZodType>;

export type RecordPayload<T extends RecordEventType> = z.infer<(typeof RECORD_EVENT_SCHEMAS)[T]>;

/** A record event as the chain holds it: its type, its legal date and its payload. */
export type RecordEvent = {
  [T in RecordEventType]: { type: T; occurredOn: string } & RecordPayload<T>;
}[RecordEventType];

/** A record event, checked: the one way a record event is made before it is appended. */
export function recordEvent<T extends RecordEventType>(
  type: T,
  occurredOn: string,
  payload: RecordPayload<T>,
): RecordEvent {
  const data = RECORD_EVENT_SCHEMAS[type].parse(payload) as Record<string, unknown>;
  return { ...data, type, occurredOn: LegalDateSchema.parse(occurredOn) } as RecordEvent;
}

// ------------------------------------------------------------------------------------------
// The record's fold

export interface RemovalHold {
  itemId: string;
  action: ForeignStateActionKind;
  state: string;
  actedOn: string;
  /** The day it was recorded as standing (the item's receipt). */
  since: string;
}

export interface RecordState {
  holds: RemovalHold[];
}

export const EMPTY_RECORD: RecordState = { holds: [] };

/** Fold one record event into the record's state. */
export function evolveRecord(
  state: RecordState | null | undefined,
  event: { type: string; occurredOn: string; [k: string]: unknown },
): RecordState {
  const s = state ?? EMPTY_RECORD;
  if (event.type === EVIDENCE_ATTACHED) {
    const fsa = event["foreignStateAction"] as z.infer<typeof HoldFieldsSchema> | undefined;
    if (!fsa) return s;
    const itemId = String(event["itemId"]);
    return { holds: [...s.holds, { itemId, ...fsa, since: event.occurredOn }] };
  }
  if (event.type === EVIDENCE_WITHDRAWN) {
    const itemId = String(event["itemId"]);
    return { holds: s.holds.filter((h) => h.itemId !== itemId) };
  }
  return s;
}

/** The record's state folded from a whole history (events of the procedure are passed over). */
export function foldRecord(
  events: readonly { type: string; occurredOn: string; [k: string]: unknown }[],
): RecordState {
  let s: RecordState = EMPTY_RECORD;
  for (const e of events) if (isRecordEvent(e)) s = evolveRecord(s, e);
  return s;
}

/** Why removal is barred while a hold stands, in English (the key of the labels' `bases`). */
export const HOLD_BASIS =
  "removal hold: a foreign state's action concerning the applicant is recorded as evidence (non-refoulement)";

/**
 * The case's removal bar with the record's holds: barred while the procedure bars it or any hold
 * stands; the procedure's own basis comes first.
 */
export function withHolds<D extends { removalBarred: boolean; removalBarBasis: string | null }>(
  derived: D,
  record: RecordState | null | undefined,
): D & { removalHolds: RemovalHold[] } {
  const holds = record?.holds ?? [];
  if (holds.length === 0) return { ...derived, removalHolds: [] };
  return {
    ...derived,
    removalBarred: true,
    removalBarBasis: derived.removalBarred ? derived.removalBarBasis : HOLD_BASIS,
    removalHolds: holds,
  };
}
