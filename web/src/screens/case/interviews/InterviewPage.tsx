/**
 * One interview's record (`/cases/:id/interviews/:interviewId`): what was scheduled and requested,
 * who attended and the recording; the transcript, entered segment after segment (question, answer,
 * times; Ctrl+Enter adds it and the next starts where this one ended); read-back, where each
 * segment is confirmed or corrected (a correction is a new version, the earlier ones shown); the
 * signatures or the applicant's refusal; and after signature, changes asked for and approved or
 * returned by a supervisor other than the one who asked. Copies requested through the portal are
 * listed.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Link, useParams } from "react-router";
import { hasRight } from "../../../../../src/security/access/rights.ts";
import { Alert } from "../../../components/Alert.tsx";
import { languageName } from "../../../components/codes.ts";
import { Facts, Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { useSignedIn } from "../../../session.tsx";
import { Field } from "../evidence/fields.tsx";
import {
  formatSeconds,
  interviewClient,
  interviewKeys,
  interviewQueries,
  parseSeconds,
  type ChangeRequest,
  type InterviewRecord,
  type Segment,
  type SegmentVersion,
} from "./api.ts";
import { InterviewForm, inputOf, valuesOf } from "./InterviewForm.tsx";

/** A write of the record whose answer is the record as it now stands. */
function useRecordWrite<A>(record: InterviewRecord, fn: (a: A) => Promise<InterviewRecord>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (updated) => {
      queryClient.setQueryData(interviewKeys.one(record.caseId, record.id), updated);
      void queryClient.invalidateQueries({ queryKey: interviewKeys.list(record.caseId), exact: true });
    },
  });
}

/** Ctrl+Enter (or ⌘+Enter) in a text area sends its form. */
function submitOnCtrlEnter(e: KeyboardEvent<HTMLTextAreaElement>) {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  }
}

interface ContentFields {
  question: string;
  answer: string;
  start: string;
  end: string;
}

/** Question, answer and times: the fields of a segment, of a correction and of a change. */
function ContentInputs({
  prefix,
  v,
  set,
  questionRef,
}: {
  prefix: string;
  v: ContentFields;
  set: (v: ContentFields) => void;
  questionRef?: React.Ref<HTMLTextAreaElement>;
}) {
  const { t } = useI18n();
  const timeHint = t("interviews.segment.timeHint");
  return (
    <>
      <Field id={`${prefix}-q`} label={t("interviews.segment.question")}>
        <textarea
          ref={questionRef}
          className="usa-textarea"
          id={`${prefix}-q`}
          required
          maxLength={10000}
          value={v.question}
          onKeyDown={submitOnCtrlEnter}
          onChange={(e) => set({ ...v, question: e.target.value })}
        />
      </Field>
      <Field id={`${prefix}-a`} label={t("interviews.segment.answer")}>
        <textarea
          className="usa-textarea"
          id={`${prefix}-a`}
          required
          maxLength={20000}
          value={v.answer}
          onKeyDown={submitOnCtrlEnter}
          onChange={(e) => set({ ...v, answer: e.target.value })}
        />
      </Field>
      <div className="interview-entry__times">
        <Field id={`${prefix}-start`} label={t("interviews.segment.start")} hint={timeHint}>
          <input
            className="usa-input"
            id={`${prefix}-start`}
            aria-describedby={`${prefix}-start-hint`}
            required
            inputMode="numeric"
            pattern="\d{1,5}|(\d{1,2}:)?\d{1,3}:[0-5]\d"
            value={v.start}
            onChange={(e) => set({ ...v, start: e.target.value })}
          />
        </Field>
        <Field id={`${prefix}-end`} label={t("interviews.segment.end")} hint={timeHint}>
          <input
            className="usa-input"
            id={`${prefix}-end`}
            aria-describedby={`${prefix}-end-hint`}
            required
            inputMode="numeric"
            pattern="\d{1,5}|(\d{1,2}:)?\d{1,3}:[0-5]\d"
            value={v.end}
            onChange={(e) => set({ ...v, end: e.target.value })}
          />
        </Field>
      </div>
    </>
  );
}

const fieldsOf = (v: SegmentVersion): ContentFields => ({
  question: v.question,
  answer: v.answer,
  start: formatSeconds(v.startSecond),
  end: formatSeconds(v.endSecond),
});

/** The content to send, or the field whose time cannot be read. */
function contentOf(v: ContentFields) {
  const startSecond = parseSeconds(v.start);
  const endSecond = parseSeconds(v.end);
  if (startSecond === null || endSecond === null) return null;
  return { question: v.question.trim(), answer: v.answer.trim(), startSecond, endSecond };
}

function SegmentEntry({ record }: { record: InterviewRecord }) {
  const { t } = useI18n();
  const last = record.segments.at(-1)?.current.endSecond ?? 0;
  const empty = { question: "", answer: "", start: formatSeconds(last), end: "" };
  const [v, setV] = useState<ContentFields>(empty);
  const [badTime, setBadTime] = useState(false);
  const question = useRef<HTMLTextAreaElement>(null);
  const add = useRecordWrite(record, (body: NonNullable<ReturnType<typeof contentOf>>) =>
    interviewClient.addSegment(record.caseId, record.id, body),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = contentOf(v);
    setBadTime(body === null);
    if (!body) return;
    add.mutate(body, {
      onSuccess: () => {
        setV({ question: "", answer: "", start: formatSeconds(body.endSecond), end: "" });
        question.current?.focus();
      },
    });
  };
  return (
    <form
      className="usa-form usa-form--large interview-entry"
      onSubmit={submit}
      aria-labelledby="entry-heading"
    >
      <h3 id="entry-heading">{t("interviews.segment.addHeading", { n: record.segments.length + 1 })}</h3>
      <p className="usa-hint">{t("interviews.segment.keyboardHint")}</p>
      <ContentInputs prefix="new-seg" v={v} set={setV} questionRef={question} />
      {badTime && (
        <Alert type="error" headingLevel="h3" slim>
          {t("interviews.segment.badTime")}
        </Alert>
      )}
      {add.error ? <ProblemAlert error={add.error} /> : null}
      <button type="submit" className="usa-button margin-top-2" disabled={add.isPending}>
        {t("interviews.segment.add")}
      </button>
    </form>
  );
}

/** A correction at read-back, or (signed) a change request: the segment's new text with the reason. */
function ChangeForm({
  record,
  segment,
  kind,
}: {
  record: InterviewRecord;
  segment: Segment;
  kind: "correct" | "change";
}) {
  const { t } = useI18n();
  const [v, setV] = useState<ContentFields>(fieldsOf(segment.current));
  const [reason, setReason] = useState("");
  const [badTime, setBadTime] = useState(false);
  const [open, setOpen] = useState(false);
  const write = useRecordWrite(
    record,
    (body: NonNullable<ReturnType<typeof contentOf>> & { reason: string }) =>
      kind === "correct"
        ? interviewClient.correct(record.caseId, record.id, segment.id, body)
        : interviewClient.requestChange(record.caseId, record.id, segment.id, body),
  );
  const prefix = `${kind}-${segment.position}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = contentOf(v);
    setBadTime(body === null);
    if (!body) return;
    write.mutate({ ...body, reason: reason.trim() }, { onSuccess: () => setOpen(false) });
  };
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t(kind === "correct" ? "interviews.readBack.correct" : "interviews.change.request")}
        <span className="usa-sr-only"> {t("interviews.segment.number", { n: segment.position })}</span>
      </summary>
      <form className="usa-form usa-form--large" onSubmit={submit}>
        <ContentInputs prefix={prefix} v={v} set={setV} />
        <Field
          id={`${prefix}-reason`}
          label={t(kind === "correct" ? "interviews.readBack.reason" : "interviews.change.reason")}
        >
          <textarea
            className="usa-textarea"
            id={`${prefix}-reason`}
            required
            maxLength={2000}
            value={reason}
            onKeyDown={submitOnCtrlEnter}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
        {badTime && (
          <Alert type="error" headingLevel="h3" slim>
            {t("interviews.segment.badTime")}
          </Alert>
        )}
        {write.error ? <ProblemAlert error={write.error} /> : null}
        <button
          type="submit"
          className="usa-button margin-top-2"
          disabled={write.isPending || !reason.trim()}
        >
          {t(kind === "correct" ? "interviews.readBack.saveCorrection" : "interviews.change.submit")}
        </button>
      </form>
    </details>
  );
}

function VersionText({ v }: { v: SegmentVersion }) {
  const { t } = useI18n();
  return (
    <dl className="interview-segment__qa">
      <dt>{t("interviews.segment.question")}</dt>
      <dd lang="und">{v.question}</dd>
      <dt>{t("interviews.segment.answer")}</dt>
      <dd lang="und">{v.answer}</dd>
    </dl>
  );
}

function SegmentView({
  record,
  segment,
  mayRecord,
}: {
  record: InterviewRecord;
  segment: Segment;
  mayRecord: boolean;
}) {
  const { t, dateTime } = useI18n();
  const confirm = useRecordWrite(record, () => interviewClient.confirm(record.caseId, record.id, segment.id));
  const v = segment.current;
  const open = record.status === "open";
  return (
    <li
      className="interview-segment"
      data-segment={segment.position}
      aria-labelledby={`seg-${segment.position}`}
    >
      <h3 className="margin-y-05 font-body-md" id={`seg-${segment.position}`}>
        {t("interviews.segment.number", { n: segment.position })}{" "}
        <span className="interview-segment__times">
          {formatSeconds(v.startSecond)}–{formatSeconds(v.endSecond)}
        </span>
      </h3>
      <VersionText v={v} />
      <p className="margin-y-05 font-body-2xs">
        {v.version > 1 && <strong>{t(`interviews.version.kind.${v.kind}`, { n: v.version })} </strong>}
        {segment.readBack
          ? t(`interviews.readBack.${segment.readBack.outcome}`, { at: dateTime(segment.readBack.at) })
          : open
            ? t("interviews.readBack.pending")
            : null}
      </p>
      {segment.history.length > 1 && (
        <details className="interview-versions">
          <summary>{t("interviews.version.history", { n: segment.history.length })}</summary>
          <ol>
            {segment.history.map((h) => (
              <li key={h.version} className={h.version === v.version ? undefined : "interview-version--old"}>
                <p className="margin-y-05">
                  <strong>{t(`interviews.version.kind.${h.kind}`, { n: h.version })}</strong>{" "}
                  {t("interviews.version.by", { who: h.recordedBy, at: dateTime(h.recordedAt) })}
                </p>
                {h.reason && (
                  <p className="margin-y-05">{t("interviews.version.reason", { reason: h.reason })}</p>
                )}
                <VersionText v={h} />
              </li>
            ))}
          </ol>
        </details>
      )}
      {mayRecord && open && (
        <div className="margin-top-1">
          <button
            type="button"
            className="usa-button usa-button--outline"
            disabled={confirm.isPending}
            onClick={() => confirm.mutate(undefined)}
          >
            {t("interviews.readBack.confirm")}
            <span className="usa-sr-only"> {t("interviews.segment.number", { n: segment.position })}</span>
          </button>
          {confirm.error ? <ProblemAlert error={confirm.error} /> : null}
          <ChangeForm record={record} segment={segment} kind="correct" />
        </div>
      )}
      {mayRecord && !open && <ChangeForm record={record} segment={segment} kind="change" />}
    </li>
  );
}

function SignatureForm({ record }: { record: InterviewRecord }) {
  const { t } = useI18n();
  const [applicant, setApplicant] = useState<"signed" | "refused">("signed");
  const [reason, setReason] = useState("");
  const [interpreterSigned, setInterpreterSigned] = useState(false);
  const sign = useRecordWrite(record, () =>
    interviewClient.sign(record.caseId, record.id, {
      applicant: applicant === "signed" ? { signed: true } : { signed: false, refusalReason: reason.trim() },
      interpreterSigned,
    }),
  );
  const unread = record.segments.filter((s) => s.readBack === null).length;
  return (
    <form
      className="usa-form usa-form--large"
      onSubmit={(e) => {
        e.preventDefault();
        sign.mutate(undefined);
      }}
    >
      {unread > 0 && <p className="usa-hint">{t("interviews.sign.unread", { n: unread })}</p>}
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t("interviews.sign.applicant")}</legend>
        {(["signed", "refused"] as const).map((k) => (
          <div className="usa-radio" key={k}>
            <input
              className="usa-radio__input"
              id={`sign-${k}`}
              type="radio"
              name="sign-applicant"
              checked={applicant === k}
              onChange={() => setApplicant(k)}
            />
            <label className="usa-radio__label" htmlFor={`sign-${k}`}>
              {t(`interviews.sign.${k}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {applicant === "refused" && (
        <Field id="sign-reason" label={t("interviews.sign.refusalReason")}>
          <textarea
            className="usa-textarea"
            id="sign-reason"
            required
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
      )}
      {record.interpreter && (
        <div className="usa-checkbox margin-top-2">
          <input
            className="usa-checkbox__input"
            id="sign-interpreter"
            type="checkbox"
            checked={interpreterSigned}
            onChange={(e) => setInterpreterSigned(e.target.checked)}
          />
          <label className="usa-checkbox__label" htmlFor="sign-interpreter">
            {t("interviews.sign.interpreter", { name: record.interpreter.displayName })}
          </label>
        </div>
      )}
      {sign.error ? <ProblemAlert error={sign.error} /> : null}
      <button type="submit" className="usa-button margin-top-2" disabled={sign.isPending}>
        {t("interviews.sign.submit")}
      </button>
    </form>
  );
}

function ChangeRequestView({
  record,
  request,
  mayApprove,
}: {
  record: InterviewRecord;
  request: ChangeRequest;
  mayApprove: boolean;
}) {
  const { t, dateTime } = useI18n();
  const session = useSignedIn();
  const [reason, setReason] = useState("");
  const approve = useRecordWrite(record, () =>
    interviewClient.approveChange(record.caseId, record.id, request.id),
  );
  const ret = useRecordWrite(record, () =>
    interviewClient.returnChange(record.caseId, record.id, request.id, reason.trim()),
  );
  const own = request.requestedBy === session.username;
  return (
    <li className="interview-segment" data-change={request.id}>
      <p className="margin-y-05">
        <strong>{t("interviews.segment.number", { n: request.position })}</strong>{" "}
        {t(`interviews.change.status.${request.status}`)}{" "}
        {t("interviews.version.by", { who: request.requestedBy, at: dateTime(request.requestedAt) })}
      </p>
      <p className="margin-y-05">{t("interviews.version.reason", { reason: request.reason })}</p>
      <VersionText
        v={{
          ...request.proposal,
          version: 0,
          kind: "change",
          reason: null,
          changeRequestId: null,
          recordedAt: request.requestedAt,
          recordedBy: request.requestedBy,
        }}
      />
      {request.decidedBy && (
        <p className="margin-y-05 font-body-2xs">
          {t("interviews.change.decided", { who: request.decidedBy, at: dateTime(request.decidedAt) })}
        </p>
      )}
      {request.returnReason && (
        <p className="margin-y-05">{t("interviews.change.returnReason", { reason: request.returnReason })}</p>
      )}
      {request.status === "pending" && mayApprove && own && (
        <p className="usa-hint">{t("interviews.change.notOwn")}</p>
      )}
      {request.status === "pending" && mayApprove && !own && (
        <div>
          <button
            type="button"
            className="usa-button"
            disabled={approve.isPending}
            onClick={() => approve.mutate(undefined)}
          >
            {t("interviews.change.approve")}
          </button>
          {approve.error ? <ProblemAlert error={approve.error} /> : null}
          <form
            className="usa-form"
            onSubmit={(e) => {
              e.preventDefault();
              ret.mutate(undefined);
            }}
          >
            <Field id={`return-${request.id}`} label={t("interviews.change.returnReasonLabel")}>
              <textarea
                className="usa-textarea"
                id={`return-${request.id}`}
                required
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </Field>
            {ret.error ? <ProblemAlert error={ret.error} /> : null}
            <button
              type="submit"
              className="usa-button usa-button--secondary margin-top-1"
              disabled={ret.isPending || !reason.trim()}
            >
              {t("interviews.change.return")}
            </button>
          </form>
        </div>
      )}
    </li>
  );
}

function Details({ record }: { record: InterviewRecord }) {
  const { t, locale, dateTime } = useI18n();
  const req = (r: { requested: boolean; met: boolean | null }) =>
    !r.requested
      ? t("interviews.requests.choice.none")
      : t(`interviews.requests.choice.${r.met === null ? "unknown" : r.met ? "met" : "notMet"}`);
  const a = record.attendance;
  return (
    <Facts
      items={[
        [t("interviews.form.mode"), `${t(`interviews.record.mode.${record.mode}`)} · ${record.place}`],
        [t("interviews.language"), languageName(locale, record.language)],
        [
          t("interviews.form.interpreter"),
          record.interpreter?.displayName ?? t("interviews.form.noInterpreter"),
        ],
        [t("interviews.requests.interviewer"), req(record.requests.interviewer)],
        [t("interviews.requests.interpreter"), req(record.requests.interpreter)],
        [t("interviews.attendance.representative"), a.representative ?? t("common.none")],
        [t("interviews.attendance.trustedPerson"), a.trustedPerson ?? t("common.none")],
        [t("interviews.attendance.unhcr"), a.unhcr ?? t("common.none")],
        [
          t("interviews.form.recording"),
          record.recordingItemId ? (
            <Link className="usa-link" to={`/cases/${record.caseId}/evidence/${record.recordingItemId}`}>
              {t("interviews.record.openRecording")}
            </Link>
          ) : (
            t("interviews.form.noRecording")
          ),
        ],
        [
          t("interviews.record.scheduledBy"),
          t("interviews.version.by", { who: record.createdBy, at: dateTime(record.createdAt) }),
        ],
      ]}
    />
  );
}

function EditDetails({ record }: { record: InterviewRecord }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const update = useRecordWrite(record, (v: ReturnType<typeof inputOf>) =>
    interviewClient.update(record.caseId, record.id, v),
  );
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t("interviews.record.edit")}</summary>
      {open && (
        <InterviewForm
          caseId={record.caseId}
          initial={valuesOf(record, record.interviewOn)}
          submitLabel={t("interviews.record.saveDetails")}
          busy={update.isPending}
          error={update.error}
          onSubmit={(v) => update.mutate(inputOf(v), { onSuccess: () => setOpen(false) })}
        />
      )}
    </details>
  );
}

export function InterviewPage() {
  const { id = "", interviewId = "" } = useParams();
  const { t, date, dateTime, number } = useI18n();
  const session = useSignedIn();
  const query = useQuery(interviewQueries.one(id, interviewId));
  const mayRecord = hasRight(session.role, "event.examination");
  const mayApprove = hasRight(session.role, "decision.approve");
  const record = query.data;
  return (
    <>
      <p>
        <Link className="usa-link" to={`/cases/${id}`}>
          {t("interviews.record.backToCase")}
        </Link>
      </p>
      {query.error ? (
        <ProblemAlert error={query.error} />
      ) : !record ? (
        <Loading />
      ) : (
        <>
          <h1>{t("interviews.record.title", { date: date(record.interviewOn), time: record.startTime })}</h1>
          <p className="usa-intro" role="status">
            {t(`interviews.record.state.${record.status}`)}
          </p>
          <section aria-labelledby="details-heading">
            <h2 id="details-heading">{t("interviews.record.details")}</h2>
            <Details record={record} />
            {mayRecord && record.status === "open" && <EditDetails record={record} />}
          </section>
          <section aria-labelledby="transcript-heading">
            <h2 id="transcript-heading">{t("interviews.record.transcript")}</h2>
            <p>
              {t("interviews.readBack.progress", {
                done: number(record.segments.filter((s) => s.readBack !== null).length),
                n: number(record.segments.length),
              })}
            </p>
            {record.segments.length === 0 ? (
              <p>{t("interviews.segment.none")}</p>
            ) : (
              <ol className="interview-segments">
                {record.segments.map((s) => (
                  <SegmentView key={s.id} record={record} segment={s} mayRecord={mayRecord} />
                ))}
              </ol>
            )}
            {mayRecord && record.status === "open" && <SegmentEntry record={record} />}
          </section>
          <section aria-labelledby="signature-heading">
            <h2 id="signature-heading">{t("interviews.sign.heading")}</h2>
            {record.signature ? (
              <div data-signature="signed">
                <p>
                  {record.signature.applicant.signed
                    ? t("interviews.sign.applicantSigned")
                    : t("interviews.sign.applicantRefused", {
                        reason: record.signature.applicant.refusalReason,
                      })}
                </p>
                {record.signature.interpreterSigned && <p>{t("interviews.sign.interpreterSigned")}</p>}
                <p className="font-body-2xs">
                  {t("interviews.version.by", {
                    who: record.signature.recordedBy,
                    at: dateTime(record.signature.signedAt),
                  })}
                </p>
                <p className="usa-hint">{t("interviews.sign.locked")}</p>
              </div>
            ) : mayRecord && record.segments.length > 0 ? (
              <SignatureForm record={record} />
            ) : (
              <p>{t("interviews.sign.notYet")}</p>
            )}
          </section>
          {record.changeRequests.length > 0 && (
            <section aria-labelledby="changes-heading">
              <h2 id="changes-heading">{t("interviews.change.heading")}</h2>
              <ul className="interview-segments">
                {record.changeRequests.map((c) => (
                  <ChangeRequestView key={c.id} record={record} request={c} mayApprove={mayApprove} />
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="copies-heading">
            <h2 id="copies-heading">{t("interviews.copy.heading")}</h2>
            {record.copyRequests.length === 0 ? (
              <p>{t("interviews.copy.none")}</p>
            ) : (
              <ul className="usa-list">
                {record.copyRequests.map((c) => (
                  <li key={c.id}>
                    {t("interviews.version.by", { who: c.requestedBy, at: dateTime(c.requestedAt) })}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
