/**
 * The structured assessment, step by step (UNHCR RSD Procedural Standards 4.3; EUAA, Evidence and
 * risk assessment): identity and nationality; for each material fact its credibility indicators,
 * its sources (the fact's links) and a finding, with the interview segment where an inconsistency
 * was put to the applicant; the risk on return (for sur-place facts: attention, audience and any
 * foreign-state action, beside what the record holds); persecution, nexus, state protection, an
 * internal protection alternative, exclusion and the conclusion with the remedies.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { countryName } from "../../../components/codes.ts";
import { useI18n } from "../../../i18n/index.tsx";
import {
  exam,
  examKeys,
  FINDINGS,
  GROUNDS,
  INDICATORS,
  OUTCOMES,
  type Assessment,
  type AssessmentContent,
  type Fact,
  type FactFinding,
  type Sources,
} from "./api.ts";
import { FactMeta, LinkText } from "./shared.tsx";

type YesNo = "yes" | "no" | "not_applicable";

function Note({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (v: string) => void;
}) {
  return (
    <>
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <textarea
        className="usa-textarea exam-note"
        id={id}
        maxLength={10000}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

function Radios<V extends string>({
  name,
  legend,
  options,
  value,
  label,
  onChange,
}: {
  name: string;
  legend: string;
  options: readonly V[];
  value: V | undefined;
  label: (v: V) => string;
  onChange: (v: V) => void;
}) {
  return (
    <fieldset className="usa-fieldset margin-top-2">
      <legend className="usa-legend">{legend}</legend>
      {options.map((o) => (
        <div className="usa-radio" key={o}>
          <input
            className="usa-radio__input"
            id={`${name}-${o}`}
            type="radio"
            name={name}
            value={o}
            checked={value === o}
            onChange={() => onChange(o)}
          />
          <label className="usa-radio__label" htmlFor={`${name}-${o}`}>
            {label(o)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function Step({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <fieldset className="usa-fieldset exam-step" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`} className="usa-legend usa-legend--large">
        {heading}
      </legend>
      {children}
    </fieldset>
  );
}

/** Empty notes are left out, so that the assessment holds what was written. */
function clean(content: AssessmentContent): AssessmentContent {
  return JSON.parse(
    JSON.stringify(content, (_k, v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v)),
  ) as AssessmentContent;
}

export function AssessmentForm({
  caseId,
  facts,
  sources,
  assessment,
  mayEdit,
}: {
  caseId: string;
  facts: readonly Fact[];
  sources: Sources | undefined;
  assessment: Assessment;
  mayEdit: boolean;
}) {
  const { t, tv, date, number, locale } = useI18n();
  const queryClient = useQueryClient();
  const [content, setContent] = useState<AssessmentContent>(assessment.content);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => exam.saveAssessment(caseId, assessment.version, clean(content)),
    onSuccess: (a) => {
      setSaved(true);
      queryClient.setQueryData(examKeys.assessment(caseId), a);
      void queryClient.invalidateQueries({ queryKey: examKeys.check(caseId) });
    },
  });
  const set = (next: Partial<AssessmentContent>) => {
    setSaved(false);
    setContent({ ...content, ...next });
  };
  const active = facts.filter((f) => f.status === "active");
  const findingOf = (factId: string): FactFinding =>
    content.facts.find((f) => f.factId === factId) ?? { factId, indicators: {} };
  const setFinding = (factId: string, next: Partial<FactFinding>) => {
    const current = findingOf(factId);
    const others = content.facts.filter((f) => f.factId !== factId);
    set({ facts: [...others, { ...current, ...next }] });
  };
  const segments = sources?.segments ?? [];
  const yesNo = (v: YesNo) => t(`exam.yesNo.${v}` as "exam.yesNo.yes");
  const anySurPlace = active.some((f) => f.surPlace);
  return (
    <form
      className="usa-form usa-form--large exam-assessment"
      aria-labelledby="exam-assessment-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2 id="exam-assessment-heading">{t("exam.assessment.heading")}</h2>
      <p className="usa-hint">
        {assessment.version === 0
          ? t("exam.assessment.new")
          : t("exam.assessment.version", { n: assessment.version, who: assessment.updatedBy ?? "" })}
      </p>

      <Step id="step-identity" heading={t("exam.step.identity")}>
        <Radios
          name="identity"
          legend={t("exam.identity.finding")}
          options={["established", "partly_established", "not_established"] as const}
          value={content.identity.finding}
          label={(v) => tv("exam.identity", v)}
          onChange={(v) => set({ identity: { ...content.identity, finding: v } })}
        />
        <Note
          id="identity-note"
          label={t("exam.note")}
          value={content.identity.note}
          onChange={(v) => set({ identity: { ...content.identity, note: v } })}
        />
      </Step>

      <Step id="step-facts" heading={t("exam.step.facts")}>
        {active.length === 0 && <p>{t("exam.facts.none")}</p>}
        {active.map((fact) => {
          const f = findingOf(fact.id);
          const p = `fact-${fact.id}`;
          return (
            <div key={fact.id} className="exam-finding" data-finding={fact.position}>
              <h3>{t("exam.fact.heading", { n: fact.position })}</h3>
              <p className="exam-fact__statement">{fact.statement}</p>
              <p>
                <FactMeta fact={fact} />
              </p>
              <h4>{t("exam.finding.sources")}</h4>
              {fact.links.length === 0 ? (
                <p className="usa-hint">{t("exam.finding.noSources")}</p>
              ) : (
                <ul className="usa-list">
                  {fact.links.map((l) => (
                    <li key={`${l.kind}/${l.targetId}`}>
                      <strong>{tv("exam.stance", l.stance)}</strong>: <LinkText link={l} sources={sources} />
                    </li>
                  ))}
                </ul>
              )}
              {INDICATORS.map((k) => (
                <div key={k} className="exam-indicator">
                  <label className="usa-label" htmlFor={`${p}-${k}`}>
                    {tv("exam.indicator", k)}
                  </label>
                  <select
                    className="usa-select"
                    id={`${p}-${k}`}
                    value={f.indicators[k]?.rating ?? ""}
                    onChange={(e) =>
                      setFinding(fact.id, {
                        indicators: {
                          ...f.indicators,
                          [k]: {
                            ...f.indicators[k],
                            rating: e.target.value === "" ? undefined : (e.target.value as "positive"),
                          },
                        },
                      })
                    }
                  >
                    <option value="">{t("exam.rating.none")}</option>
                    <option value="positive">{t("exam.rating.positive")}</option>
                    <option value="neutral">{t("exam.rating.neutral")}</option>
                    <option value="negative">{t("exam.rating.negative")}</option>
                  </select>
                  <Note
                    id={`${p}-${k}-note`}
                    label={t("exam.indicatorNote", { indicator: tv("exam.indicator", k) })}
                    value={f.indicators[k]?.note}
                    onChange={(v) =>
                      setFinding(fact.id, {
                        indicators: { ...f.indicators, [k]: { ...f.indicators[k], note: v } },
                      })
                    }
                  />
                </div>
              ))}
              <Radios
                name={`${p}-finding`}
                legend={t("exam.finding.legend", { n: fact.position })}
                options={FINDINGS}
                value={f.finding}
                label={(v) => tv("exam.finding", v)}
                onChange={(v) => setFinding(fact.id, { finding: v })}
              />
              {f.finding === "rejected" && (
                <>
                  <label className="usa-label" htmlFor={`${p}-segment`}>
                    {t("exam.finding.segment")}
                  </label>
                  <span className="usa-hint" id={`${p}-segment-hint`}>
                    {sources?.available.segments
                      ? t("exam.finding.segmentHint")
                      : t("exam.links.notAvailable")}
                  </span>
                  <select
                    className="usa-select"
                    id={`${p}-segment`}
                    aria-describedby={`${p}-segment-hint`}
                    value={f.explanationSegmentId ?? ""}
                    onChange={(e) =>
                      setFinding(fact.id, {
                        explanationSegmentId: e.target.value === "" ? undefined : e.target.value,
                      })
                    }
                  >
                    <option value="">{t("exam.finding.noSegment")}</option>
                    {segments.map((s) => (
                      <option key={s.id} value={s.id}>
                        {t("exam.links.segment", {
                          on: date(s.interviewOn),
                          n: s.position,
                          question: s.question,
                        })}
                      </option>
                    ))}
                  </select>
                </>
              )}
              <Note
                id={`${p}-note`}
                label={t("exam.finding.note")}
                value={f.note}
                onChange={(v) => setFinding(fact.id, { note: v })}
              />
            </div>
          );
        })}
      </Step>

      <Step id="step-risk" heading={t("exam.step.risk")}>
        <Note
          id="risk-note"
          label={t("exam.note")}
          value={content.risk.note}
          onChange={(v) => set({ risk: { ...content.risk, note: v } })}
        />
        {anySurPlace && (
          <div className="exam-sur-place">
            <h3>{t("exam.risk.surPlace")}</h3>
            {sources && (sources.audience.length > 0 || sources.foreignStateActions.length > 0) ? (
              <div className="exam-record">
                <h4>{t("exam.risk.record")}</h4>
                <ul className="usa-list">
                  {sources.audience.map((o) => (
                    <li key={`${o.itemId}-${o.observedOn}-${o.metric}`}>
                      {t("exam.risk.observation", {
                        n: o.number,
                        title: o.title,
                        on: date(o.observedOn),
                        value: number(o.value),
                        metric: tv("evidence.metric", o.metric),
                      })}
                    </li>
                  ))}
                  {sources.foreignStateActions.map((a) => (
                    <li key={a.itemId}>
                      {t("exam.risk.stateAction", {
                        n: a.number,
                        state: countryName(locale, a.state),
                        action: tv("evidence.stateAction", a.action),
                        on: date(a.actedOn),
                      })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="usa-hint">{t("exam.risk.recordNone")}</p>
            )}
            <Note
              id="risk-attention"
              label={t("exam.risk.attention")}
              value={content.risk.attention}
              onChange={(v) => set({ risk: { ...content.risk, attention: v } })}
            />
            <Note
              id="risk-audience"
              label={t("exam.risk.audience")}
              value={content.risk.audience}
              onChange={(v) => set({ risk: { ...content.risk, audience: v } })}
            />
            <Note
              id="risk-state"
              label={t("exam.risk.foreignStateAction")}
              value={content.risk.foreignStateAction}
              onChange={(v) => set({ risk: { ...content.risk, foreignStateAction: v } })}
            />
          </div>
        )}
      </Step>

      <Step id="step-persecution" heading={t("exam.step.persecution")}>
        <Radios
          name="persecution"
          legend={t("exam.persecution.finding")}
          options={["yes", "no", "not_applicable"] as const}
          value={content.persecution.finding}
          label={yesNo}
          onChange={(v) => set({ persecution: { ...content.persecution, finding: v } })}
        />
        <Note
          id="persecution-note"
          label={t("exam.note")}
          value={content.persecution.note}
          onChange={(v) => set({ persecution: { ...content.persecution, note: v } })}
        />
      </Step>

      <Step id="step-nexus" heading={t("exam.step.nexus")}>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t("exam.nexus.grounds")}</legend>
          {GROUNDS.map((g) => (
            <div className="usa-checkbox" key={g}>
              <input
                className="usa-checkbox__input"
                id={`nexus-${g}`}
                type="checkbox"
                checked={content.nexus.grounds.includes(g)}
                onChange={(e) =>
                  set({
                    nexus: {
                      ...content.nexus,
                      grounds: e.target.checked
                        ? [...content.nexus.grounds, g]
                        : content.nexus.grounds.filter((x) => x !== g),
                    },
                  })
                }
              />
              <label className="usa-checkbox__label" htmlFor={`nexus-${g}`}>
                {tv("exam.ground", g)}
              </label>
            </div>
          ))}
        </fieldset>
        <Note
          id="nexus-note"
          label={t("exam.note")}
          value={content.nexus.note}
          onChange={(v) => set({ nexus: { ...content.nexus, note: v } })}
        />
      </Step>

      <Step id="step-state" heading={t("exam.step.stateProtection")}>
        <Radios
          name="state-protection"
          legend={t("exam.protection.available")}
          options={["yes", "no", "not_applicable"] as const}
          value={content.stateProtection.available}
          label={yesNo}
          onChange={(v) => set({ stateProtection: { ...content.stateProtection, available: v } })}
        />
        <Note
          id="state-note"
          label={t("exam.note")}
          value={content.stateProtection.note}
          onChange={(v) => set({ stateProtection: { ...content.stateProtection, note: v } })}
        />
      </Step>

      <Step id="step-ipa" heading={t("exam.step.internalProtection")}>
        <Radios
          name="internal-protection"
          legend={t("exam.protection.available")}
          options={["yes", "no", "not_applicable"] as const}
          value={content.internalProtection.available}
          label={yesNo}
          onChange={(v) => set({ internalProtection: { ...content.internalProtection, available: v } })}
        />
        <Note
          id="ipa-note"
          label={t("exam.note")}
          value={content.internalProtection.note}
          onChange={(v) => set({ internalProtection: { ...content.internalProtection, note: v } })}
        />
      </Step>

      <Step id="step-exclusion" heading={t("exam.step.exclusion")}>
        <Radios
          name="exclusion"
          legend={t("exam.exclusion.applies")}
          options={["yes", "no"] as const}
          value={
            content.exclusion.applies === undefined ? undefined : content.exclusion.applies ? "yes" : "no"
          }
          label={yesNo}
          onChange={(v) =>
            set({
              exclusion: {
                ...content.exclusion,
                applies: v === "yes",
                ...(v === "no" ? { ground: undefined } : {}),
              },
            })
          }
        />
        {content.exclusion.applies && (
          <>
            <label className="usa-label" htmlFor="exclusion-ground">
              {t("exam.exclusion.ground")}
            </label>
            <select
              className="usa-select"
              id="exclusion-ground"
              value={content.exclusion.ground ?? ""}
              onChange={(e) =>
                set({
                  exclusion: {
                    ...content.exclusion,
                    ground: e.target.value === "" ? undefined : Number(e.target.value),
                  },
                })
              }
            >
              <option value="">{t("exam.exclusion.noGround")}</option>
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  {t("exam.exclusion.item", { n })}
                </option>
              ))}
            </select>
          </>
        )}
        <Note
          id="exclusion-note"
          label={t("exam.note")}
          value={content.exclusion.note}
          onChange={(v) => set({ exclusion: { ...content.exclusion, note: v } })}
        />
      </Step>

      <Step id="step-conclusion" heading={t("exam.step.conclusion")}>
        <Radios
          name="outcome"
          legend={t("exam.conclusion.outcome")}
          options={OUTCOMES}
          value={content.conclusion.outcome}
          label={(v) => tv("exam.outcome", v)}
          onChange={(v) => set({ conclusion: { ...content.conclusion, outcome: v } })}
        />
        <Note
          id="conclusion-note"
          label={t("exam.note")}
          value={content.conclusion.note}
          onChange={(v) => set({ conclusion: { ...content.conclusion, note: v } })}
        />
        <Note
          id="conclusion-remedy"
          label={t("exam.conclusion.remedy")}
          value={content.conclusion.remedy}
          onChange={(v) => set({ conclusion: { ...content.conclusion, remedy: v } })}
        />
      </Step>

      {save.isError && <ProblemAlert error={save.error} focus />}
      {saved && (
        <p role="status" className="text-green">
          {t("exam.assessment.saved")}
        </p>
      )}
      {mayEdit && (
        <button className="usa-button margin-top-2" type="submit" disabled={save.isPending}>
          {t("exam.assessment.save")}
        </button>
      )}
    </form>
  );
}
