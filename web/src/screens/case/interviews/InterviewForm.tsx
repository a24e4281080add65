/**
 * What scheduling an interview says, as a form: date and time, mode and place (a room, or the
 * video link or room), language, interpreter, the applicant's requests for a same-sex interviewer
 * or interpreter and whether each was met (RA 8(2)), who attended, and the recording (an evidence
 * item of the case). Used to schedule and, before signature, to change the details.
 */
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { languageOptions } from "../../../components/codes.ts";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { queries } from "../../../queries.ts";
import { Field } from "../evidence/fields.tsx";
import { interviewQueries, type InterviewRecord, type ScheduleInput } from "./api.ts";

type Request = { requested: boolean; met: boolean | null };
const REQUEST_CHOICES = ["none", "met", "notMet", "unknown"] as const;
type RequestChoice = (typeof REQUEST_CHOICES)[number];
const choiceOf = (r: Request): RequestChoice =>
  !r.requested ? "none" : r.met === null ? "unknown" : r.met ? "met" : "notMet";
const requestOf = (c: RequestChoice): Request =>
  c === "none"
    ? { requested: false, met: null }
    : { requested: true, met: c === "unknown" ? null : c === "met" };

export interface FormValues {
  interviewOn: string;
  startTime: string;
  mode: "in_person" | "video";
  place: string;
  language: string;
  interpreterId: string;
  interviewer: RequestChoice;
  interpreter: RequestChoice;
  representative: string;
  trustedPerson: string;
  unhcr: string;
  recordingItemId: string;
}

export function valuesOf(r: InterviewRecord | null, today: string): FormValues {
  return {
    interviewOn: r?.interviewOn ?? today,
    startTime: r?.startTime ?? "10:00",
    mode: r?.mode ?? "in_person",
    place: r?.place ?? "",
    language: r?.language ?? "",
    interpreterId: r?.interpreter?.id ?? "",
    interviewer: r ? choiceOf(r.requests.interviewer) : "none",
    interpreter: r ? choiceOf(r.requests.interpreter) : "none",
    representative: r?.attendance.representative ?? "",
    trustedPerson: r?.attendance.trustedPerson ?? "",
    unhcr: r?.attendance.unhcr ?? "",
    recordingItemId: r?.recordingItemId ?? "",
  };
}

export function inputOf(v: FormValues): ScheduleInput {
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    interviewOn: v.interviewOn,
    startTime: v.startTime,
    mode: v.mode,
    place: v.place.trim(),
    language: v.language,
    interpreterId: v.interpreterId || null,
    requests: { interviewer: requestOf(v.interviewer), interpreter: requestOf(v.interpreter) },
    attendance: {
      representative: orNull(v.representative),
      trustedPerson: orNull(v.trustedPerson),
      unhcr: orNull(v.unhcr),
    },
    recordingItemId: v.recordingItemId || null,
  };
}

export function InterviewForm({
  caseId,
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
}: {
  caseId: string;
  initial: FormValues;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (v: FormValues) => void;
}) {
  const { t, locale } = useI18n();
  const [v, setV] = useState(initial);
  const interpreters = useQuery(interviewQueries.interpreters());
  const evidence = useQuery(queries.evidence(caseId));
  const set =
    <K extends keyof FormValues>(k: K) =>
    (value: FormValues[K]) =>
      setV((old) => ({ ...old, [k]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(v);
  };
  const requestSelect = (k: "interviewer" | "interpreter") => (
    <Field id={`iv-req-${k}`} label={t(`interviews.requests.${k}`)}>
      <select
        className="usa-select"
        id={`iv-req-${k}`}
        value={v[k]}
        onChange={(e) => set(k)(e.target.value as RequestChoice)}
      >
        {REQUEST_CHOICES.map((c) => (
          <option key={c} value={c}>
            {t(`interviews.requests.choice.${c}`)}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <form className="usa-form usa-form--large" onSubmit={submit}>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend usa-legend--large">{t("interviews.form.when")}</legend>
        <Field id="iv-on" label={t("interviews.on")}>
          <input
            className="usa-input"
            id="iv-on"
            type="date"
            required
            value={v.interviewOn}
            onChange={(e) => set("interviewOn")(e.target.value)}
          />
        </Field>
        <Field id="iv-time" label={t("interviews.form.time")}>
          <input
            className="usa-input"
            id="iv-time"
            type="time"
            required
            value={v.startTime}
            onChange={(e) => set("startTime")(e.target.value)}
          />
        </Field>
      </fieldset>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t("interviews.form.mode")}</legend>
        {(["in_person", "video"] as const).map((m) => (
          <div className="usa-radio" key={m}>
            <input
              className="usa-radio__input"
              id={`iv-mode-${m}`}
              type="radio"
              name="iv-mode"
              value={m}
              checked={v.mode === m}
              onChange={() => set("mode")(m)}
            />
            <label className="usa-radio__label" htmlFor={`iv-mode-${m}`}>
              {t(`interviews.record.mode.${m}`)}
            </label>
          </div>
        ))}
        <Field
          id="iv-place"
          label={v.mode === "video" ? t("interviews.form.videoPlace") : t("interviews.form.room")}
        >
          <input
            className="usa-input"
            id="iv-place"
            required
            maxLength={300}
            value={v.place}
            onChange={(e) => set("place")(e.target.value)}
          />
        </Field>
      </fieldset>
      <Field id="iv-language" label={t("interviews.language")}>
        <select
          className="usa-select"
          id="iv-language"
          required
          value={v.language}
          onChange={(e) => set("language")(e.target.value)}
        >
          <option value="">{t("common.choose")}</option>
          {languageOptions(locale).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="iv-interpreter" label={t("interviews.form.interpreter")} optional>
        <select
          className="usa-select"
          id="iv-interpreter"
          value={v.interpreterId}
          onChange={(e) => set("interpreterId")(e.target.value)}
        >
          <option value="">{t("interviews.form.noInterpreter")}</option>
          {(interpreters.data ?? []).map((i) => (
            <option key={i.id} value={i.id}>
              {i.displayName}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t("interviews.requests.heading")}</legend>
        {requestSelect("interviewer")}
        {requestSelect("interpreter")}
      </fieldset>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t("interviews.attendance.heading")}</legend>
        {(["representative", "trustedPerson", "unhcr"] as const).map((k) => (
          <Field key={k} id={`iv-att-${k}`} label={t(`interviews.attendance.${k}`)} optional>
            <input
              className="usa-input"
              id={`iv-att-${k}`}
              maxLength={200}
              value={v[k]}
              onChange={(e) => set(k)(e.target.value)}
            />
          </Field>
        ))}
      </fieldset>
      <Field id="iv-recording" label={t("interviews.form.recording")} optional>
        <select
          className="usa-select"
          id="iv-recording"
          value={v.recordingItemId}
          onChange={(e) => set("recordingItemId")(e.target.value)}
        >
          <option value="">{t("interviews.form.noRecording")}</option>
          {(evidence.data ?? [])
            .filter((i) => i.status === "active")
            .map((i) => (
              <option key={i.id} value={i.id}>
                {t("evidence.item.heading", { number: i.number, title: i.title })}
              </option>
            ))}
        </select>
      </Field>
      {error ? <ProblemAlert error={error} /> : null}
      <button type="submit" className="usa-button margin-top-3" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
