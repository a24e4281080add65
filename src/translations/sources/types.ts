/**
 * What can be translated in a case, as the translation feature reads it (docs/translation.md,
 * "Sources"): each kind of text knows which of its texts a case holds and reads one of them as
 * units, the parts a translation keeps apart (a paragraph, an interview segment's question or
 * answer, one sentence frame of a notice). A unit's name is stable while its text is the same
 * part of the source: a translation's segments are matched to the source again by it.
 *
 * A resolver reads inside the caller's transaction and checks nothing: the caller has checked that
 * the actor reaches the case (or the job) and writes the access record.
 */
import type { AppContext } from "../../app/context.ts";
import type { SourceKind } from "../../contracts/translations.ts";
import type { Queryable } from "../../store/db.ts";

export interface SourceUnit {
  unit: string;
  text: string;
}

export interface SourceText {
  /**
   * Which text it is, in words that need no translation (the kind says what it is): an item's or
   * a fact's number and title (`#3 Facebook post of 2025-12-01`), an interview's date, a cited
   * document's title and locator, a decision's type and date.
   */
  label: string;
  /** Its language (BCP 47), or null when the source does not say. */
  language: string | null;
  units: SourceUnit[];
}

export interface CaseRef {
  officeId: string;
  caseId: string;
}

export interface ListedSource {
  ref: string;
  label: string;
  language: string | null;
}

export interface SourceResolver {
  kind: SourceKind;
  /** False for a person's own words (an interview transcript): never sent to a machine. */
  machineAllowed: boolean;
  /** The case's texts of this kind that can be translated now. */
  list(ctx: AppContext, tx: Queryable, c: CaseRef): Promise<ListedSource[]>;
  /** One of them as it stands now, or null if `ref` names none of this case's. */
  read(ctx: AppContext, tx: Queryable, c: CaseRef, ref: string): Promise<SourceText | null>;
}

/** Paragraphs of a text (split on blank lines, each paragraph's lines kept) as units `prefix.N`. */
export function paragraphUnits(prefix: string, text: string): SourceUnit[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p, i) => ({ unit: `${prefix}.${i + 1}`, text: p }));
}

/** The paragraphs of units `prefix.N` (as `paragraphUnits` made them), in order, as one text. */
export function paragraphsOf(units: ReadonlyMap<string, string>, prefix: string): string[] {
  return [...units]
    .filter(([unit]) => unit.startsWith(`${prefix}.`))
    .sort(([a], [b]) => Number(a.slice(prefix.length + 1)) - Number(b.slice(prefix.length + 1)))
    .map(([, text]) => text);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a ref can be a row id (refs come from requests: anything else names nothing). */
export const isUuid = (ref: string) => UUID.test(ref);

/** A short, one-line excerpt for a label. */
export function excerpt(text: string, max = 60): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
