/**
 * Notices of decisions, as a procedure profile knows them: which service event serves which
 * decision, and what the notice of a decision says, as keyed texts in the profile's legal language
 * (and in the translations it ships, each reviewed). The profile names the texts and picks the
 * deadlines it has derived itself; a neutral renderer (src/notices) typesets them. Pure: no I/O.
 */
import type { LegalDate } from "../calendar/dates.ts";
import type { DeadlineSpec } from "./deadlines.ts";

/** An event as a profile records it (profile.ts's ProfileEvent, which imports this file). */
export interface NoticeEvent {
  type: string;
  occurredOn: LegalDate;
  [field: string]: unknown;
}

/** A text of the profile's notice texts, by key, with the values its `{name}` places take. */
export interface NoticeText {
  key: string;
  params?: Readonly<Record<string, string>>;
}

/** A remedy against the decision: its words and the deadline the profile derived for it. */
export interface NoticeRemedy {
  title: NoticeText;
  text: NoticeText;
  /** The deadline's kind (one of the profile's `deadlineKinds`). */
  deadlineKind: string;
  /** Its due date as the profile derived it from the service date; null before service. */
  dueOn: LegalDate | null;
  /** The rule behind it, as the deadline states it. */
  basis: string | null;
}

/** What the notice of one decision says: every sentence a key of the profile's texts. */
export interface NoticeContent {
  title: NoticeText;
  outcome: NoticeText;
  /** The legal basis, in the legal language (articles). */
  basis: NoticeText[];
  /** The decision's reasons as recorded (plain text; paragraphs split on blank lines). */
  reasons: string | null;
  remedies: NoticeRemedy[];
  /** What follows from the decision (for a recognition, the certificate and the stay). */
  follows: NoticeText[];
}

/** One language's notice texts, with who reviewed them and when. */
export interface NoticeTexts {
  /** BCP 47 language tag, e.g. `ko`, `en`, `km`. */
  language: string;
  reviewer: string;
  reviewedOn: LegalDate;
  texts: Readonly<Record<string, string>>;
  /** Who translated them, when a person of the office did (a case's own translation). */
  translator?: string;
  /** The decision's reasons, translated paragraph by paragraph (a case's own translation). */
  reasons?: readonly string[];
}

export interface NoticeRules {
  /**
   * For each event that serves a notice, the events whose notice it may serve: it serves the last
   * of them recorded before it.
   */
  serves: Readonly<Record<string, readonly string[]>>;
  /**
   * The notice of `decision`, served on `servedOn` (null: not yet served, a preview), with the
   * deadlines the profile derived on that date; null when the profile has no notice for it.
   */
  content(
    decision: NoticeEvent,
    deadlines: readonly DeadlineSpec[],
    servedOn: LegalDate | null,
  ): NoticeContent | null;
  /** The notice's own texts, in the legal language. */
  legal: NoticeTexts;
  /** Reviewed translations the profile ships (the outcome and remedies shown alongside). */
  translations: readonly NoticeTexts[];
}

/** The decision a service event serves: the last event of the kinds it serves before it. */
export function servedDecision(
  rules: NoticeRules,
  history: readonly NoticeEvent[],
  serviceType: string,
): { event: NoticeEvent; index: number } | null {
  const kinds = rules.serves[serviceType];
  if (!kinds) return null;
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i];
    if (e && kinds.includes(e.type)) return { event: e, index: i };
  }
  return null;
}
