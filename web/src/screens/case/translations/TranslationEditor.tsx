/**
 * One translation (`/cases/:id/translations/:jobId`, and `/translations/:jobId` for a translator,
 * who may not read the case): the source and the translation side by side, a segment a row, with
 * each segment's state, where its text came from (a person, the memory with its score, an engine
 * with its model), the memory's matches with a button to use one, and the placeholders it must
 * keep. A translator saves (the segment is then translated); a second person reviews it or
 * returns it with a reason; the job is finalized once every segment is reviewed. The job's XLIFF
 * file can be taken out to a translation tool and read back in; a machine draft is offered when
 * an engine is enabled for the pair and the text may go to one.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { Alert } from "../../../components/Alert.tsx";
import { languageName } from "../../../components/codes.ts";
import { Facts, Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { useSignedIn } from "../../../session.tsx";
import {
  missingPlaceholders,
  translationClient,
  translationKeys,
  translationQueries,
  xliffUrl,
  type ImportResult,
  type Job,
  type Segment,
} from "./api.ts";
import { JobState, OriginText, SegmentStateBadge, StateCounts, TextLabel } from "./shared.tsx";
import "./translations.css";

/** A write of one segment: the job is read again (counts, versions), and the lists that count it. */
function useJobWrite<A, R>(job: Job, fn: (a: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      void queryClient.invalidateQueries({ queryKey: ["translations", "list"] });
      void queryClient.invalidateQueries({ queryKey: translationKeys.translatables(job.caseId) });
      await queryClient.invalidateQueries({ queryKey: translationKeys.job(job.id) });
    },
  });
}

/** A placeholder as written in the text: `{date}`. */
const braced = (p: string) => (p.startsWith("{") ? p : `{${p}}`);

function SegmentRow({ job, segment, me }: { job: Job; segment: Segment; me: string }) {
  const { t, number, dateTime } = useI18n();
  const [target, setTarget] = useState(segment.target ?? "");
  const [reason, setReason] = useState("");
  const [returning, setReturning] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const open = job.state === "open";
  const save = useJobWrite(job, (text: string) =>
    translationClient.save(job.id, segment.id, text, segment.version),
  );
  const review = useJobWrite(job, (why: string | undefined) =>
    translationClient.review(job.id, segment.id, segment.version, why),
  );
  const n = segment.position;
  const id = `seg-${n}`;
  const missing = missingPlaceholders({ placeholders: segment.placeholders.map(braced) }, target);
  const proposal =
    segment.state === "initial" &&
    segment.target !== null &&
    target === segment.target &&
    (segment.origin.origin === "memory" ||
      segment.origin.origin === "engine" ||
      segment.origin.origin === "import");
  const mine = segment.translatedBy?.id === me;
  const onSave = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(target);
  };
  const onReturn = (e: FormEvent) => {
    e.preventDefault();
    review.mutate(reason.trim());
  };
  return (
    <tr data-segment={n} data-state={segment.state} id={id}>
      <th scope="row" data-label={t("translation.editor.number")} className="translation-seg__no">
        {number(n)}
      </th>
      <td data-label={t("translation.editor.source")} className="translation-seg__source">
        <p className="margin-0" lang={job.sourceLanguage} id={`${id}-source`}>
          {segment.source}
        </p>
        {segment.placeholders.length > 0 && (
          <p className="usa-hint margin-y-05" id={`${id}-ph`}>
            {t("translation.editor.placeholders", { list: segment.placeholders.map(braced).join(" ") })}
          </p>
        )}
        {segment.sourceChanged && (
          <p className="margin-y-05 text-bold">{t("translation.editor.sourceChanged")}</p>
        )}
      </td>
      <td data-label={t("translation.editor.target")} className="translation-seg__target">
        {open ? (
          <form onSubmit={onSave} aria-label={t("translation.editor.segmentForm", { n: number(n) })}>
            <label className="usa-sr-only" htmlFor={`${id}-target`}>
              {t("translation.editor.targetOf", { n: number(n) })}
            </label>
            <textarea
              ref={area}
              className="usa-textarea translation-seg__textarea"
              id={`${id}-target`}
              lang={job.targetLanguage}
              rows={Math.min(8, Math.max(3, Math.ceil(segment.source.length / 60)))}
              maxLength={20000}
              value={target}
              aria-describedby={`${id}-source${segment.placeholders.length ? ` ${id}-ph` : ""}`}
              onChange={(e) => setTarget(e.target.value)}
            />
            {missing.length > 0 && target.trim() !== "" && (
              <p className="usa-error-message margin-y-05" role="status">
                {t("translation.editor.missing", { list: missing.join(" ") })}
              </p>
            )}
            {save.error ? <ProblemAlert error={save.error} /> : null}
            <button
              type="submit"
              className="usa-button usa-button--small margin-top-1"
              disabled={
                save.isPending ||
                target.trim() === "" ||
                (target === segment.target && segment.state !== "initial")
              }
            >
              {proposal ? t("translation.editor.accept") : t("translation.editor.save")}
              <span className="usa-sr-only"> {t("translation.editor.segmentNo", { n: number(n) })}</span>
            </button>
          </form>
        ) : (
          <p className="margin-0" lang={job.targetLanguage}>
            {segment.target ?? t("common.none")}
          </p>
        )}
        {segment.matches.length > 0 && open && segment.state === "initial" && (
          <div className="translation-matches">
            <p className="margin-y-05 text-bold font-body-3xs">{t("translation.editor.matches")}</p>
            <ul className="usa-list usa-list--unstyled">
              {segment.matches.map((m) => (
                <li key={m.unitId} className="translation-match" data-score={m.score}>
                  <span className="translation-match__score">
                    {t("translation.editor.score", { score: number(m.score) })}
                  </span>{" "}
                  <span lang={job.targetLanguage}>{m.target}</span>
                  <span className="display-block font-body-3xs text-base-dark" lang={job.sourceLanguage}>
                    {m.source}
                  </span>
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled font-body-3xs"
                    onClick={() => {
                      setTarget(m.target);
                      area.current?.focus();
                    }}
                  >
                    {t("translation.editor.use")}
                    <span className="usa-sr-only">
                      {" "}
                      {t("translation.editor.segmentNo", { n: number(n) })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </td>
      <td data-label={t("translation.editor.state")} className="translation-seg__state">
        <SegmentStateBadge state={segment.state} />
        <p className="margin-y-05 font-body-3xs">
          <OriginText segment={segment} />
        </p>
        {segment.translatedBy && segment.translatedAt && (
          <p className="margin-y-05 font-body-3xs">
            {t("translation.editor.translatedBy", {
              who: segment.translatedBy.name,
              at: dateTime(segment.translatedAt),
            })}
          </p>
        )}
        {segment.reviewedBy && segment.reviewedAt && (
          <p className="margin-y-05 font-body-3xs">
            {t("translation.editor.reviewedBy", {
              who: segment.reviewedBy.name,
              at: dateTime(segment.reviewedAt),
            })}
          </p>
        )}
        {segment.returned && (
          <p className="margin-y-05 font-body-3xs translation-returned" data-returned>
            {t("translation.editor.returned", {
              who: segment.returned.by.name,
              reason: segment.returned.reason,
            })}
          </p>
        )}
        {open && segment.state === "translated" && mine && (
          <p className="usa-hint margin-y-05" data-own>
            {t("translation.editor.ownSegment")}
          </p>
        )}
        {open && segment.state === "translated" && !mine && (
          <div className="translation-review">
            {review.error ? <ProblemAlert error={review.error} /> : null}
            <button
              type="button"
              className="usa-button usa-button--small"
              disabled={review.isPending}
              onClick={() => review.mutate(undefined)}
            >
              {t("translation.editor.review")}
              <span className="usa-sr-only"> {t("translation.editor.segmentNo", { n: number(n) })}</span>
            </button>
            <button
              type="button"
              className="usa-button usa-button--small usa-button--outline"
              aria-expanded={returning}
              aria-controls={`${id}-return`}
              onClick={() => setReturning(!returning)}
            >
              {t("translation.editor.return")}
              <span className="usa-sr-only"> {t("translation.editor.segmentNo", { n: number(n) })}</span>
            </button>
            {returning && (
              <form id={`${id}-return`} onSubmit={onReturn} className="margin-top-1">
                <label className="usa-label margin-top-0" htmlFor={`${id}-reason`}>
                  {t("translation.editor.returnReason")}
                </label>
                <textarea
                  className="usa-textarea translation-seg__reason"
                  id={`${id}-reason`}
                  rows={2}
                  required
                  maxLength={2000}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <button
                  type="submit"
                  className="usa-button usa-button--small margin-top-1"
                  disabled={review.isPending || !reason.trim()}
                >
                  {t("translation.editor.sendBack")}
                </button>
              </form>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}

function ImportXliff({ job }: { job: Job }) {
  const { t, number } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const read = useJobWrite(job, async (f: File) => translationClient.importXliff(job.id, await f.text()));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setResult(null);
    read.mutate(file, { onSuccess: (r) => setResult(r) });
  };
  return (
    <form className="usa-form translation-import" onSubmit={onSubmit}>
      <label className="usa-label" htmlFor="xliff-file">
        {t("translation.xliff.import")}
      </label>
      <span className="usa-hint" id="xliff-file-hint">
        {t("translation.xliff.importHint")}
      </span>
      <input
        className="usa-file-input__input"
        id="xliff-file"
        type="file"
        accept=".xlf,.xliff,application/xliff+xml,application/xml,text/xml"
        aria-describedby="xliff-file-hint"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <button
        type="submit"
        className="usa-button usa-button--outline margin-top-1"
        disabled={!file || read.isPending}
      >
        {t("translation.xliff.read")}
      </button>
      {read.error ? <ProblemAlert error={read.error} focus /> : null}
      {result && (
        <Alert type={result.refused.length ? "warning" : "success"} headingLevel="h3" slim role="status">
          <p className="margin-y-05" data-import-result>
            {t("translation.xliff.result", {
              updated: number(result.updated),
              unchanged: number(result.unchanged),
              refused: number(result.refused.length),
            })}
          </p>
          {result.refused.length > 0 && (
            <ul className="margin-y-05">
              {result.refused.map((r) => (
                <li key={r.segment}>
                  {t("translation.xliff.refused", { segment: r.segment, reason: r.reason })}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </form>
  );
}

export function TranslationEditor() {
  const { id: caseId, jobId = "" } = useParams();
  const { t, locale, dateTime } = useI18n();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const query = useQuery(translationQueries.job(jobId));
  const [notice, setNotice] = useState<string | null>(null);
  const finalize = useMutation({
    mutationFn: (job: Job) => translationClient.finalize(job.id, job.version),
    onSuccess: (job) => {
      queryClient.setQueryData(translationKeys.job(job.id), job);
      void queryClient.invalidateQueries({ queryKey: ["translations", "list"] });
      void queryClient.invalidateQueries({ queryKey: translationKeys.translatables(job.caseId) });
      setNotice(t("translation.editor.finalized"));
    },
  });
  const draft = useMutation({
    mutationFn: (job: Job) => translationClient.machineDraft(job.id),
    onSuccess: (job) => {
      queryClient.setQueryData(translationKeys.job(job.id), job);
      setNotice(t("translation.editor.drafted"));
    },
  });
  if (query.error)
    return (
      <>
        <h1>{t("translation.editor.notFound")}</h1>
        <ProblemAlert error={query.error} />
      </>
    );
  const job = query.data;
  if (!job) return <Loading />;
  const live = job.segments;
  const allReviewed =
    job.state === "open" && live.length > 0 && job.counts.initial === 0 && job.counts.translated === 0;
  const back = caseId ? `/cases/${caseId}` : "/translations";
  const pair = t("translation.pair", {
    source: languageName(locale, job.sourceLanguage),
    target: languageName(locale, job.targetLanguage),
  });
  return (
    <>
      <p className="margin-bottom-0">
        <Link className="usa-link" to={back}>
          {caseId ? t("translation.editor.backToCase") : t("translation.editor.backToList")}
        </Link>
      </p>
      <h1 className="margin-bottom-05">
        <TextLabel kind={job.kind} label={job.label} />
      </h1>
      <p className="margin-top-05 case-head__meta">
        <span>{pair}</span>
        <span>{t(`translation.kind.${job.kind}`)}</span>
        {job.caseNumber && <span>{job.caseNumber}</span>}
        <JobState state={job.state} />
      </p>
      {notice && (
        <Alert type="success" headingLevel="h2" slim role="status">
          {notice}
        </Alert>
      )}
      <div className="grid-row grid-gap-lg">
        <div className="grid-col-12 tablet:grid-col-7">
          <Facts
            items={[
              [t("translation.editor.pair"), pair],
              [t("translation.editor.counts"), <StateCounts key="c" counts={job.counts} />],
              [t("translation.translator"), job.translator?.name ?? t("translation.unassigned")],
              [t("translation.reviewer"), job.reviewer?.name ?? t("translation.unassigned")],
              [
                t("translation.editor.requested"),
                t("translation.editor.byAt", { who: job.requestedBy.name, at: dateTime(job.requestedAt) }),
              ],
              ...(job.finalizedBy && job.finalizedAt
                ? ([
                    [
                      t("translation.editor.finalizedBy"),
                      t("translation.editor.byAt", {
                        who: job.finalizedBy.name,
                        at: dateTime(job.finalizedAt),
                      }),
                    ],
                  ] as [string, string][])
                : []),
            ]}
          />
        </div>
        <div className="grid-col-12 tablet:grid-col-5 translation-actions">
          {job.state === "open" && (
            <>
              <button
                type="button"
                className="usa-button"
                disabled={!allReviewed || finalize.isPending}
                aria-describedby="finalize-hint"
                onClick={() => finalize.mutate(job)}
              >
                {t("translation.editor.finalize")}
              </button>
              <p className="usa-hint margin-top-05" id="finalize-hint">
                {allReviewed ? t("translation.editor.finalizeReady") : t("translation.editor.finalizeHint")}
              </p>
              {finalize.error ? (
                <ProblemAlert
                  error={finalize.error}
                  focus
                  onReload={() => {
                    finalize.reset();
                    void query.refetch();
                  }}
                />
              ) : null}
              {job.machineAllowed && job.engine && (
                <>
                  <button
                    type="button"
                    className="usa-button usa-button--outline"
                    disabled={draft.isPending}
                    onClick={() => draft.mutate(job)}
                  >
                    {t("translation.editor.machineDraft", { engine: job.engine })}
                  </button>
                  {draft.error ? <ProblemAlert error={draft.error} focus /> : null}
                </>
              )}
              {!job.machineAllowed && <p className="usa-hint">{t("translation.request.noMachine")}</p>}
            </>
          )}
          <p>
            <a className="usa-link" href={xliffUrl(job.id)} download>
              {t("translation.xliff.export")}
            </a>
          </p>
          {job.state === "open" && <ImportXliff job={job} />}
        </div>
      </div>
      <table className="usa-table usa-table--borderless usa-table--stacked width-full translation-table">
        <caption>{t("translation.editor.caption", { pair })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("translation.editor.number")}</th>
            <th scope="col">{t("translation.editor.source")}</th>
            <th scope="col">{t("translation.editor.target")}</th>
            <th scope="col">{t("translation.editor.state")}</th>
          </tr>
        </thead>
        <tbody>
          {live.map((s) => (
            <SegmentRow key={`${s.id}-${s.version}`} job={job} segment={s} me={session.accountId} />
          ))}
        </tbody>
      </table>
    </>
  );
}
