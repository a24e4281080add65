/**
 * A procedure profile's own words: the human labels of its vocabulary (events, stages, deadline
 * kinds, the fields of its events and their values), per language. The web shows them wherever a
 * case of the profile shows a name of its procedure, so a new profile, or a new event of one, needs
 * no edit in the web's catalogues. The web's catalogues keep only words that every profile shares
 * (the legal date, a person's names, the deadline table's headings…).
 *
 * A label is looked up in the reader's language, then in English, then the raw name is shown.
 * English is the one language every profile provides in full for its events and deadline kinds
 * (`missingLabels`, checked by the registry) and for its stages (checked by the profile's tests).
 */
/** The words of one language for a profile's vocabulary; any part may be left out. */
export interface VocabularyLabels {
  /** Each event type, the filing (`application_filed`) included. */
  readonly events?: Readonly<Record<string, string>>;
  /** A sentence or two on an event, shown as the hint of its form. */
  readonly descriptions?: Readonly<Record<string, string>>;
  /** Each stage `derive` can report. */
  readonly stages?: Readonly<Record<string, string>>;
  /** Each kind of deadline `derive` produces. */
  readonly deadlineKinds?: Readonly<Record<string, string>>;
  /** The fields of the events, by name (the last part of a path: `interpreter.language` is `language`). */
  readonly fields?: Readonly<Record<string, string>>;
  /** A hint shown under a field of an event form, by field name. */
  readonly hints?: Readonly<Record<string, string>>;
  /** The values a field takes, by field name and then value (`outcome` → `recognized`). */
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * The legal basis of a deadline or of the bar on removal in this language, keyed by the English
   * text the API gives (`basis`, `removalBarBasis`); English needs none.
   */
  readonly bases?: Readonly<Record<string, string>>;
  /**
   * The words of a rule that refused an event as entered, by the rule's key (a refusal's `rule`),
   * with `{name}` placeholders for the values the refusal gives.
   */
  readonly rules?: Readonly<Record<string, string>>;
}

/**
 * A profile's labels by language (a BCP 47 tag: `en`, `ko`…). English is required; any other
 * language may give some labels or none.
 */
export interface ProfileLabels {
  readonly en: VocabularyLabels;
  readonly [locale: string]: VocabularyLabels | undefined;
}

/** What a profile must name in English: its events and its deadline kinds. */
export interface LabelledVocabulary {
  /** Every event type, the filing's included. */
  eventTypes: readonly string[];
  deadlineKinds: readonly string[];
  labels: ProfileLabels;
}

/**
 * The names of a profile's vocabulary that have no English label, and the labels given (in any
 * language) for an event or a deadline kind the profile does not have, such as a misspelt one.
 * Empty when the profile is complete.
 */
export function missingLabels(p: LabelledVocabulary): string[] {
  const problems: string[] = [];
  const events = new Set(p.eventTypes);
  const kinds = new Set(p.deadlineKinds);
  for (const type of events)
    if (!p.labels.en.events?.[type]?.trim()) problems.push(`event ${type} has no English label`);
  for (const kind of kinds)
    if (!p.labels.en.deadlineKinds?.[kind]?.trim())
      problems.push(`deadline kind ${kind} has no English label`);
  for (const [locale, l] of Object.entries(p.labels)) {
    for (const type of Object.keys(l?.events ?? {}))
      if (!events.has(type))
        problems.push(`${locale} labels an event ${type} that the profile does not have`);
    for (const type of Object.keys(l?.descriptions ?? {}))
      if (!events.has(type))
        problems.push(`${locale} describes an event ${type} that the profile does not have`);
    for (const kind of Object.keys(l?.deadlineKinds ?? {}))
      if (!kinds.has(kind))
        problems.push(`${locale} labels a deadline kind ${kind} that the profile does not have`);
  }
  return problems;
}
