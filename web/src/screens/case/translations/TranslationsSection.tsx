/**
 * The case page's "Translations": each translatable text of the case (an evidence item's text, a
 * claim's statement, an interview's transcript, a decision's notice texts, a cited passage) with
 * its translations, each with its segments' counts per state and a link to its editor; and the
 * form that requests a translation into one or more languages, with an engine for machine drafts
 * when one is enabled for the pair (never for an interview), and the translator and reviewer when
 * the requester may choose them.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { hasRight } from "../../../../../src/security/access/rights.ts";
import { Alert } from "../../../components/Alert.tsx";
import { languageName, languageOptions } from "../../../components/codes.ts";
import { Loading } from "../../../components/common.tsx";
import { CodeListPicker } from "../../../components/CountrySelect.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { useSignedIn } from "../../../session.tsx";
import { Field } from "../evidence/fields.tsx";
import {
  translationClient,
  translationKeys,
  translationQueries,
  type Engine,
  type JobSummary,
  type RequestTranslation,
  type Translatable,
} from "./api.ts";
import { JobState, StateCounts, TextLabel, textLabel, useStaffWords } from "./shared.tsx";
import "./translations.css";

const keyOf = (t: Pick<Translatable, "kind" | "ref">) => `${t.kind}:${t.ref}`;

/** The engines enabled for every pair from `source` to each of `targets`. */
function enginesFor(engines: readonly Engine[], source: string | null, targets: readonly string[]): Engine[] {
  if (!source || targets.length === 0) return [];
  return engines.filter((e) =>
    targets.every((target) => e.pairs.some((p) => p.enabled && p.source === source && p.target === target)),
  );
}

function RequestForm({
  caseId,
  translatables,
  onDone,
}: {
  caseId: string;
  translatables: readonly Translatable[];
  onDone: (jobs: JobSummary[]) => void;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const words = useStaffWords();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState(translatables[0] ? keyOf(translatables[0]) : "");
  const [sourceLanguage, setSourceLanguage] = useState("");
  const [targets, setTargets] = useState<string[]>([]);
  const [engine, setEngine] = useState("");
  const [translatorId, setTranslatorId] = useState("");
  const [reviewerId, setReviewerId] = useState("");
  const text = translatables.find((x) => keyOf(x) === chosen);
  // Engines and people are offered when the server lets the requester read them; otherwise none.
  const engines = useQuery(translationQueries.engines());
  const people = useQuery(translationQueries.people());
  const source = text?.sourceLanguage ?? (sourceLanguage || null);
  const usable = text?.machineAllowed ? enginesFor(engines.data ?? [], source, targets) : [];
  const submit = useMutation({
    mutationFn: (body: RequestTranslation) => translationClient.request(caseId, body),
    onSuccess: (jobs) => {
      void queryClient.invalidateQueries({ queryKey: translationKeys.translatables(caseId) });
      void queryClient.invalidateQueries({ queryKey: translationKeys.all });
      setTargets([]);
      onDone(jobs);
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!text) return;
    submit.mutate({
      kind: text.kind,
      ref: text.ref,
      ...(text.sourceLanguage ? {} : { sourceLanguage }),
      targetLanguages: targets,
      ...(engine && usable.some((x) => x.id === engine) ? { engine } : {}),
      ...(translatorId ? { translatorId } : {}),
      ...(reviewerId ? { reviewerId } : {}),
    });
  };
  const translators = people.data ?? [];
  return (
    <form className="usa-form usa-form--large translation-request" onSubmit={onSubmit}>
      <Field id="tr-text" label={t("translation.request.text")}>
        <select
          className="usa-select"
          id="tr-text"
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            setEngine("");
          }}
        >
          {translatables.map((x) => (
            <option key={keyOf(x)} value={keyOf(x)}>
              {`${t(`translation.kind.${x.kind}`)}: ${textLabel(i18n, x.kind, x.label, words)}`}
            </option>
          ))}
        </select>
      </Field>
      {text && !text.sourceLanguage && (
        <Field
          id="tr-source"
          label={t("translation.request.source")}
          hint={t("translation.request.sourceHint")}
        >
          <select
            className="usa-select"
            id="tr-source"
            aria-describedby="tr-source-hint"
            required
            value={sourceLanguage}
            onChange={(e) => setSourceLanguage(e.target.value)}
          >
            <option value="">{t("common.choose")}</option>
            {languageOptions(locale).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      {text?.sourceLanguage && (
        <p className="usa-hint">
          {t("translation.request.sourceIs", { language: languageName(locale, text.sourceLanguage) })}
        </p>
      )}
      <div className="usa-form-group">
        <label className="usa-label" htmlFor="tr-targets">
          {t("translation.request.targets")}
        </label>
        <span className="usa-hint" id="tr-targets-hint">
          {t("translation.request.targetsHint")}
        </span>
        <CodeListPicker
          id="tr-targets"
          options={languageOptions(locale)}
          value={targets}
          onChange={setTargets}
        />
      </div>
      {text && !text.machineAllowed && <p className="usa-hint">{t("translation.request.noMachine")}</p>}
      {usable.length > 0 && (
        <Field id="tr-engine" label={t("translation.request.engine")} optional>
          <select
            className="usa-select"
            id="tr-engine"
            value={engine}
            onChange={(e) => setEngine(e.target.value)}
          >
            <option value="">{t("translation.request.noEngine")}</option>
            {usable.map((x) => (
              <option key={x.id} value={x.id}>
                {x.model ? `${x.id} (${x.model})` : x.id}
              </option>
            ))}
          </select>
        </Field>
      )}
      {translators.length > 0 && (
        <>
          <Field id="tr-translator" label={t("translation.translator")} optional>
            <select
              className="usa-select"
              id="tr-translator"
              value={translatorId}
              onChange={(e) => setTranslatorId(e.target.value)}
            >
              <option value="">{t("translation.unassigned")}</option>
              {translators.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
            </select>
          </Field>
          <Field id="tr-reviewer" label={t("translation.reviewer")} optional>
            <select
              className="usa-select"
              id="tr-reviewer"
              value={reviewerId}
              onChange={(e) => setReviewerId(e.target.value)}
            >
              <option value="">{t("translation.unassigned")}</option>
              {translators
                .filter((p) => p.id !== translatorId)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName}
                  </option>
                ))}
            </select>
          </Field>
        </>
      )}
      {submit.error ? <ProblemAlert error={submit.error} focus /> : null}
      <button
        type="submit"
        className="usa-button margin-top-2"
        disabled={
          submit.isPending || targets.length === 0 || !text || (!text.sourceLanguage && !sourceLanguage)
        }
      >
        {t("translation.request.submit")}
      </button>
    </form>
  );
}

export function JobRows({ jobs, caseId }: { jobs: readonly JobSummary[]; caseId?: string }) {
  const { t, locale } = useI18n();
  return (
    <ul className="usa-list usa-list--unstyled translation-jobs">
      {jobs.map((j) => (
        <li key={j.id} className="translation-job" data-job={j.id} data-target={j.targetLanguage}>
          <Link
            className="usa-link text-bold"
            to={caseId ? `/cases/${caseId}/translations/${j.id}` : `/translations/${j.id}`}
          >
            {t("translation.pair", {
              source: languageName(locale, j.sourceLanguage),
              target: languageName(locale, j.targetLanguage),
            })}
          </Link>{" "}
          <JobState state={j.state} />
          <StateCounts counts={j.counts} />
          <span className="display-block font-body-3xs text-base-dark">
            {t("translation.people", {
              translator: j.translator?.name ?? t("translation.unassigned"),
              reviewer: j.reviewer?.name ?? t("translation.unassigned"),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function TranslationsSection({ caseId }: { caseId: string }) {
  const { t, number } = useI18n();
  const session = useSignedIn();
  const list = useQuery(translationQueries.translatables(caseId));
  const [open, setOpen] = useState(false);
  const [requested, setRequested] = useState<JobSummary[] | null>(null);
  const mayRequest = hasRight(session.role, "translation.request");
  const items = list.data ?? [];
  const withJobs = items.filter((x) => x.jobs.length > 0);
  return (
    <section aria-labelledby="translations-heading" className="case-section translations-section">
      <h2 id="translations-heading">{t("translation.section.heading")}</h2>
      {requested && (
        <Alert type="success" headingLevel="h3" slim role="status">
          {t("translation.request.done", { n: number(requested.length) })}
        </Alert>
      )}
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t("translation.section.nothing")}</p>
      ) : (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption>{t("translation.section.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("translation.section.text")}</th>
              <th scope="col">{t("translation.section.jobs")}</th>
            </tr>
          </thead>
          <tbody>
            {(withJobs.length > 0 ? [...withJobs, ...items.filter((x) => x.jobs.length === 0)] : items).map(
              (x) => (
                <tr key={keyOf(x)} data-translatable={keyOf(x)}>
                  <th scope="row" data-label={t("translation.section.text")}>
                    <span className="display-block">
                      <TextLabel kind={x.kind} label={x.label} />
                    </span>
                    <span className="font-body-3xs text-base-dark">{t(`translation.kind.${x.kind}`)}</span>
                  </th>
                  <td data-label={t("translation.section.jobs")}>
                    {x.jobs.length === 0 ? (
                      t("translation.section.noJobs")
                    ) : (
                      <JobRows jobs={x.jobs} caseId={caseId} />
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {mayRequest && items.length > 0 && (
        <details
          className="translation-request__details"
          open={open}
          onToggle={(e) => setOpen(e.currentTarget.open)}
        >
          <summary>{t("translation.request.heading")}</summary>
          {open && (
            <RequestForm
              caseId={caseId}
              translatables={items}
              onDone={(jobs) => {
                setRequested(jobs);
                setOpen(false);
              }}
            />
          )}
        </details>
      )}
    </section>
  );
}
