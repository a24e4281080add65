/** What the translation screens share: a segment's state, a job's state and counts, and an origin in words. */
import { hasRight } from "../../../../../src/security/access/rights.ts";
import { useI18n, type I18n } from "../../../i18n/index.tsx";
import { useSignedIn } from "../../../session.tsx";
import { useProfileIds, useVocabularies, type Vocabulary } from "../../../vocabulary.ts";
import type { JobSummary, Segment, SegmentState } from "./api.ts";

const STATE_CLASS: Record<SegmentState, string> = {
  initial: "translation-state--initial",
  translated: "translation-state--translated",
  reviewed: "translation-state--reviewed",
  final: "translation-state--final",
};

export function SegmentStateBadge({ state }: { state: SegmentState }) {
  const { t } = useI18n();
  return (
    <span className={`usa-tag translation-state ${STATE_CLASS[state]}`} data-state={state}>
      {t(`translation.state.${state}`)}
    </span>
  );
}

export function JobState({ state }: { state: JobSummary["state"] }) {
  const { t } = useI18n();
  return (
    <span className={`usa-tag translation-job-state translation-job-state--${state}`} data-job-state={state}>
      {t(`translation.jobState.${state}`)}
    </span>
  );
}

/** "3 to translate · 2 to review · 7 reviewed" (the states a job's segments are in). */
export function StateCounts({ counts }: { counts: JobSummary["counts"] }) {
  const { t, number } = useI18n();
  const parts = (["initial", "translated", "reviewed", "final"] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => t(`translation.count.${s}`, { n: number(counts[s]) }));
  return (
    <span className="display-block translation-counts">
      {parts.join(" · ") || t("translation.count.none")}
    </span>
  );
}

/** Where a segment's target came from: a person, the memory with its score, an engine named with its model. */
export function OriginText({ segment }: { segment: Segment }) {
  const { t, number } = useI18n();
  const o = segment.origin;
  if (o.origin === "memory")
    return (
      <span data-origin="memory">{t("translation.origin.memory", { score: number(o.score ?? 0) })}</span>
    );
  if (o.origin === "engine" && o.engine)
    return (
      <span data-origin="engine">
        {t("translation.origin.engine", {
          engine: o.engine.engine,
          model: o.engine.model,
          version: o.engine.version ?? "—",
        })}
      </span>
    );
  if (o.origin === "person")
    return (
      <span data-origin="person">
        {t("translation.origin.person", { who: segment.translatedBy?.name ?? t("translation.unassigned") })}
      </span>
    );
  return <span data-origin={o.origin}>{t(`translation.origin.${o.origin}`)}</span>;
}

const DECISION = /^([a-z_]+) (\d{4}-\d{2}-\d{2})( \(draft\))?$/;

/**
 * Which text it is, as the server names it (a number and title, a date, a decision's type and
 * date): a decision by its event in the profile's words, when the reader may read them.
 */
export function textLabel(i18n: I18n, kind: string, label: string, words: Vocabulary | null): string {
  const m = kind === "decision_notice" ? DECISION.exec(label) : null;
  if (!m?.[1] || !m[2]) return label;
  // A translator reads no profile's words: the decision by what is translated of it, and its date.
  const what = words ? words.event(m[1]) : i18n.t("translation.kind.decision_notice");
  return `${what} ${i18n.date(m[2])}${m[3] ? ` ${i18n.t("translation.draft")}` : ""}`;
}

/** The profiles' words, for staff who read cases (a translator reads no profile). */
export function useStaffWords(): Vocabulary {
  return useVocabularies(useProfileIds()).of();
}

function StaffTextLabel({ kind, label }: { kind: string; label: string }) {
  const i18n = useI18n();
  return <>{textLabel(i18n, kind, label, useStaffWords())}</>;
}

export function TextLabel({ kind, label }: { kind: string; label: string }) {
  const session = useSignedIn();
  const i18n = useI18n();
  return hasRight(session.role, "case.read") ? (
    <StaffTextLabel kind={kind} label={label} />
  ) : (
    <>{textLabel(i18n, kind, label, null)}</>
  );
}
