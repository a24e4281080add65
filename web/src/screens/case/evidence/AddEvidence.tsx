/**
 * A new evidence item of a case: its files uploaded first (each with its progress), then what the
 * item is: a document, a social-media capture (what was captured, by whom, when and how; the
 * address is written down, never opened) or an action of a foreign state (which places a removal
 * hold on the case). Sent when every file is in; the item page opens.
 */
import { ComboBox } from "@trussworks/react-uswds";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { client, type EvidenceInput } from "../../../api.ts";
import { languageOptions } from "../../../components/codes.ts";
import { todayInSeoul } from "../../../components/common.tsx";
import { CountryPicker } from "../../../components/CountrySelect.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { keys } from "../../../queries.ts";
import { useSignedIn } from "../../../session.tsx";
import {
  CHANNELS,
  Field,
  KINDS,
  nowInSeoul,
  PLATFORMS,
  seoulInstant,
  STATE_ACTIONS,
  SUPPLIERS,
  ValueSelect,
  VISIBILITIES,
} from "./fields.tsx";
import { Uploader } from "./Uploader.tsx";
import { useUploads } from "./upload.ts";

type Kind = (typeof KINDS)[number];

const SUPPLIER_OF: Record<Kind, string> = {
  document: "applicant",
  social_media_capture: "applicant",
  foreign_state_action: "foreign_state",
};

export function AddEvidence() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const kind: Kind = (KINDS as readonly string[]).includes(params.get("kind") ?? "")
    ? (params.get("kind") as Kind)
    : "document";
  const { t, tv, locale } = useI18n();
  const session = useSignedIn();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const files = useUploads(id, (uploadId) => client.upload(uploadId));
  const [item, setItem] = useState({
    title: "",
    description: "",
    supplier: SUPPLIER_OF[kind],
    receivedOn: todayInSeoul(),
    channel: "in_person",
    language: "",
  });
  const [capture, setCapture] = useState({
    platform: "facebook",
    accountId: "",
    accountName: "",
    postId: "",
    url: "",
    publishedAt: "",
    visibility: "public",
    capturedBy: session.username,
    capturedAt: nowInSeoul(),
    tool: "",
  });
  const [action, setAction] = useState({
    action: "extradition_request",
    state: "",
    actedOn: "",
    channel: "",
    summary: "",
  });
  const set =
    <T,>(setter: (f: (v: T) => T) => void, k: keyof T) =>
    (e: { target: { value: string } }) =>
      setter((v) => ({ ...v, [k]: e.target.value }));

  const attach = useMutation({
    mutationFn: (body: EvidenceInput) => client.attachEvidence(id, body),
    onSuccess: async (created) => {
      files.clear();
      void queryClient.invalidateQueries({ queryKey: keys.evidence(id) });
      await queryClient.invalidateQueries({ queryKey: keys.case(id), exact: true });
      void navigate(`/cases/${id}/evidence/${created.id}`, { state: { attached: true } });
    },
  });

  const uploaded = files.uploads.filter((u) => u.state === "complete" || u.state === "quarantined");
  const busy = files.uploads.some(
    (u) => u.state === "sending" || u.state === "checking" || u.state === "interrupted",
  );
  const needsFile = kind === "document" && uploaded.length === 0;

  function submit(e: FormEvent) {
    e.preventDefault();
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    const body: EvidenceInput = {
      kind,
      title: item.title.trim(),
      ...(opt(item.description) ? { description: item.description.trim() } : {}),
      supplier: item.supplier as EvidenceInput["supplier"],
      receivedOn: item.receivedOn,
      channel: item.channel as EvidenceInput["channel"],
      ...(item.language ? { language: item.language } : {}),
      uploadIds: uploaded.map((u) => u.uploadId).filter((x): x is string => x !== null),
    };
    if (kind === "social_media_capture")
      body.capture = {
        platform: capture.platform as NonNullable<EvidenceInput["capture"]>["platform"],
        accountId: capture.accountId.trim(),
        ...(opt(capture.accountName) ? { accountName: capture.accountName.trim() } : {}),
        ...(opt(capture.postId) ? { postId: capture.postId.trim() } : {}),
        url: capture.url.trim(),
        ...(capture.publishedAt ? { publishedAt: seoulInstant(capture.publishedAt) } : {}),
        visibility: capture.visibility as NonNullable<EvidenceInput["capture"]>["visibility"],
        capturedBy: capture.capturedBy.trim(),
        capturedAt: seoulInstant(capture.capturedAt),
        tool: capture.tool.trim(),
      };
    if (kind === "foreign_state_action")
      body.foreignStateAction = {
        action: action.action as NonNullable<EvidenceInput["foreignStateAction"]>["action"],
        state: action.state,
        actedOn: action.actedOn,
        channel: action.channel.trim(),
        ...(opt(action.summary) ? { summary: action.summary.trim() } : {}),
      };
    attach.mutate(body);
  }

  return (
    <>
      <p className="margin-bottom-0">
        <Link className="usa-link" to={`/cases/${id}#evidence-heading`}>
          {t("evidence.backToCase")}
        </Link>
      </p>
      <h1>{t(`evidence.new.heading.${kind}`)}</h1>
      <nav aria-label={t("evidence.new.kind")} className="evidence-kinds">
        <ul className="usa-button-group">
          {KINDS.map((k) => (
            <li key={k} className="usa-button-group__item">
              <button
                type="button"
                className={`usa-button${k === kind ? "" : " usa-button--outline"}`}
                aria-pressed={k === kind}
                onClick={() => {
                  setParams({ kind: k }, { replace: true });
                  setItem((v) => ({ ...v, supplier: SUPPLIER_OF[k] }));
                }}
              >
                {tv("evidence.kind", k)}
              </button>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="files-heading" className="case-section">
        <h2 id="files-heading">
          {t(kind === "foreign_state_action" ? "evidence.new.documents" : "evidence.new.files")}
        </h2>
        <Uploader
          inputId="evidence-files"
          uploads={files.uploads}
          onFiles={files.add}
          onResume={files.resume}
          onRemove={files.remove}
        />
      </section>

      <form className="usa-form usa-form--large evidence-form" onSubmit={submit}>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{t("evidence.new.item")}</legend>
          <Field id="ev-title" label={t("evidence.item.title")}>
            <input
              className="usa-input"
              id="ev-title"
              name="title"
              required
              maxLength={300}
              value={item.title}
              onChange={set(setItem, "title")}
            />
          </Field>
          <Field id="ev-description" label={t("evidence.item.description")} optional>
            <textarea
              className="usa-textarea"
              id="ev-description"
              name="description"
              maxLength={5000}
              value={item.description}
              onChange={set(setItem, "description")}
            />
          </Field>
          <Field id="ev-supplier" label={t("evidence.item.supplier")}>
            <ValueSelect
              id="ev-supplier"
              prefix="evidence.supplier"
              values={SUPPLIERS}
              value={item.supplier}
              onChange={(v) => setItem((x) => ({ ...x, supplier: v }))}
            />
          </Field>
          <Field id="ev-received" label={t("evidence.item.receivedOn")}>
            <input
              className="usa-input usa-input--medium"
              id="ev-received"
              type="date"
              required
              max={todayInSeoul()}
              value={item.receivedOn}
              onChange={set(setItem, "receivedOn")}
            />
          </Field>
          <Field id="ev-channel" label={t("evidence.item.channel")}>
            <ValueSelect
              id="ev-channel"
              prefix="evidence.channel"
              values={CHANNELS}
              value={item.channel}
              onChange={(v) => setItem((x) => ({ ...x, channel: v }))}
            />
          </Field>
          <Field id="ev-language" label={t("evidence.item.language")} optional>
            <ComboBox
              key={locale}
              id="ev-language"
              name="ev-language"
              options={languageOptions(locale)}
              onChange={(code) => setItem((x) => ({ ...x, language: code ?? "" }))}
              noResults={t("picker.noResults")}
            />
          </Field>
        </fieldset>

        {kind === "social_media_capture" && (
          <fieldset className="usa-fieldset">
            <legend className="usa-legend usa-legend--large">{t("evidence.capture.heading")}</legend>
            <p className="usa-hint">{t("evidence.capture.neverFetched")}</p>
            <Field id="cp-platform" label={t("evidence.capture.platform")}>
              <ValueSelect
                id="cp-platform"
                prefix="evidence.platform"
                values={PLATFORMS}
                value={capture.platform}
                onChange={(v) => setCapture((x) => ({ ...x, platform: v }))}
              />
            </Field>
            <Field id="cp-account" label={t("evidence.capture.accountId")}>
              <input
                className="usa-input"
                id="cp-account"
                required
                maxLength={300}
                value={capture.accountId}
                onChange={set(setCapture, "accountId")}
              />
            </Field>
            <Field id="cp-account-name" label={t("evidence.capture.accountName")} optional>
              <input
                className="usa-input"
                id="cp-account-name"
                maxLength={300}
                value={capture.accountName}
                onChange={set(setCapture, "accountName")}
              />
            </Field>
            <Field id="cp-post" label={t("evidence.capture.postId")} optional>
              <input
                className="usa-input"
                id="cp-post"
                maxLength={300}
                value={capture.postId}
                onChange={set(setCapture, "postId")}
              />
            </Field>
            <Field id="cp-url" label={t("evidence.capture.url")} hint={t("evidence.capture.urlHint")}>
              <input
                className="usa-input"
                id="cp-url"
                type="url"
                required
                maxLength={2000}
                autoComplete="off"
                spellCheck={false}
                aria-describedby="cp-url-hint"
                value={capture.url}
                onChange={set(setCapture, "url")}
              />
            </Field>
            <Field
              id="cp-published"
              label={t("evidence.capture.publishedAt")}
              hint={t("evidence.capture.publishedAtHint")}
              optional
            >
              <input
                className="usa-input usa-input--medium"
                id="cp-published"
                type="datetime-local"
                aria-describedby="cp-published-hint"
                value={capture.publishedAt}
                onChange={set(setCapture, "publishedAt")}
              />
            </Field>
            <Field id="cp-visibility" label={t("evidence.capture.visibility")}>
              <ValueSelect
                id="cp-visibility"
                prefix="evidence.visibility"
                values={VISIBILITIES}
                value={capture.visibility}
                onChange={(v) => setCapture((x) => ({ ...x, visibility: v }))}
              />
            </Field>
            <Field id="cp-by" label={t("evidence.capture.capturedBy")}>
              <input
                className="usa-input"
                id="cp-by"
                required
                maxLength={300}
                value={capture.capturedBy}
                onChange={set(setCapture, "capturedBy")}
              />
            </Field>
            <Field id="cp-at" label={t("evidence.capture.capturedAt")} hint={t("evidence.timeKorea")}>
              <input
                className="usa-input usa-input--medium"
                id="cp-at"
                type="datetime-local"
                required
                aria-describedby="cp-at-hint"
                value={capture.capturedAt}
                onChange={set(setCapture, "capturedAt")}
              />
            </Field>
            <Field id="cp-tool" label={t("evidence.capture.tool")} hint={t("evidence.capture.toolHint")}>
              <input
                className="usa-input"
                id="cp-tool"
                required
                maxLength={300}
                aria-describedby="cp-tool-hint"
                value={capture.tool}
                onChange={set(setCapture, "tool")}
              />
            </Field>
          </fieldset>
        )}

        {kind === "foreign_state_action" && (
          <fieldset className="usa-fieldset">
            <legend className="usa-legend usa-legend--large">{t("evidence.action.heading")}</legend>
            <p className="usa-hint">{t("evidence.action.holdNote")}</p>
            <Field id="fs-action" label={t("evidence.action.kind")}>
              <ValueSelect
                id="fs-action"
                prefix="evidence.stateAction"
                values={STATE_ACTIONS}
                value={action.action}
                onChange={(v) => setAction((x) => ({ ...x, action: v }))}
              />
            </Field>
            <Field id="fs-state" label={t("evidence.action.state")}>
              <CountryPicker
                id="fs-state"
                statesOnly
                value={action.state}
                onChange={(c) => setAction((x) => ({ ...x, state: c }))}
              />
            </Field>
            <Field id="fs-on" label={t("evidence.action.actedOn")}>
              <input
                className="usa-input usa-input--medium"
                id="fs-on"
                type="date"
                required
                max={todayInSeoul()}
                value={action.actedOn}
                onChange={set(setAction, "actedOn")}
              />
            </Field>
            <Field
              id="fs-channel"
              label={t("evidence.action.channel")}
              hint={t("evidence.action.channelHint")}
            >
              <input
                className="usa-input"
                id="fs-channel"
                required
                maxLength={300}
                aria-describedby="fs-channel-hint"
                value={action.channel}
                onChange={set(setAction, "channel")}
              />
            </Field>
            <Field id="fs-summary" label={t("evidence.action.summary")} optional>
              <textarea
                className="usa-textarea"
                id="fs-summary"
                maxLength={5000}
                value={action.summary}
                onChange={set(setAction, "summary")}
              />
            </Field>
          </fieldset>
        )}

        {attach.isError && <ProblemAlert error={attach.error} focus />}
        {busy && <p className="usa-hint">{t("evidence.new.waitForFiles")}</p>}
        {needsFile && <p className="usa-hint">{t("evidence.new.needsFile")}</p>}
        <button
          type="submit"
          className="usa-button margin-top-2"
          disabled={
            busy || needsFile || attach.isPending || (kind === "foreign_state_action" && !action.state)
          }
        >
          {attach.isPending ? t("common.working") : t("evidence.new.submit")}
        </button>
      </form>
    </>
  );
}
