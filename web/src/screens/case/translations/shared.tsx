/** What the translation screens share: a segment's state, a job's state and counts, and an origin in words. */
import { useI18n } from "../../../i18n/index.tsx";
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
