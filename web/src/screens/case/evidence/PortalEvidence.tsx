/**
 * A lawyer files evidence for their client through the portal: files uploaded (each with its
 * progress), a title and a few words, and a receipt naming each file with its SHA-256, which the
 * lawyer can compare with their own copy's. Below, what this lawyer filed in the case.
 */
import { ComboBox } from "@trussworks/react-uswds";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { client, type PortalEvidenceReceipt } from "../../../api.ts";
import { Alert } from "../../../components/Alert.tsx";
import { languageOptions } from "../../../components/codes.ts";
import { Loading } from "../../../components/common.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { queries } from "../../../queries.ts";
import { Field } from "./fields.tsx";
import { formatSize } from "./shared.tsx";
import { Uploader } from "./Uploader.tsx";
import { useUploads } from "./upload.ts";
import "./evidence.css";

function Receipt({ receipt }: { receipt: PortalEvidenceReceipt }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  return (
    <Alert
      type="success"
      headingLevel="h3"
      heading={t("portal.evidence.receipt")}
      role="status"
      className="receipt"
    >
      <p className="margin-y-05">
        {t("portal.evidence.receiptText", { number: receipt.number, at: dateTime(receipt.receivedAt) })}
      </p>
      <table className="usa-table usa-table--borderless usa-table--stacked usa-table--compact receipt__files">
        <caption>{t("portal.evidence.receiptFiles")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("evidence.file.name")}</th>
            <th scope="col">{t("evidence.file.size")}</th>
            <th scope="col">{t("evidence.file.sha256")}</th>
          </tr>
        </thead>
        <tbody>
          {receipt.files.map((f) => (
            <tr key={f.sha256 + f.name} data-file={f.name}>
              <th scope="row" data-label={t("evidence.file.name")}>
                {f.name}
              </th>
              <td data-label={t("evidence.file.size")}>{formatSize(i18n, f.size)}</td>
              <td data-label={t("evidence.file.sha256")}>
                <code className="receipt__hash">{f.sha256}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Alert>
  );
}

export function PortalEvidence({ caseId }: { caseId: string }) {
  const i18n = useI18n();
  const { t, tv, dateTime, locale } = i18n;
  const queryClient = useQueryClient();
  const filed = useQuery(queries.portalEvidence(caseId));
  const files = useUploads(caseId, (uploadId) => client.upload(uploadId));
  const [form, setForm] = useState({ title: "", description: "", language: "" });
  const [receipt, setReceipt] = useState<PortalEvidenceReceipt | null>(null);
  const file = useMutation({
    mutationFn: () =>
      client.portalFileEvidence(caseId, {
        kind: "document",
        title: form.title.trim(),
        ...(form.description.trim() ? { description: form.description.trim() } : {}),
        ...(form.language ? { language: form.language } : {}),
        uploadIds: files.uploads
          .filter((u) => u.state === "complete" || u.state === "quarantined")
          .map((u) => u.uploadId)
          .filter((x): x is string => x !== null),
      }),
    onSuccess: (r) => {
      setReceipt(r);
      files.clear();
      setForm({ title: "", description: "", language: "" });
      void queryClient.invalidateQueries({ queryKey: queries.portalEvidence(caseId).queryKey });
    },
  });
  const ready = files.uploads.some((u) => u.state === "complete" || u.state === "quarantined");
  const busy = files.uploads.some(
    (u) => u.state === "sending" || u.state === "checking" || u.state === "interrupted",
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setReceipt(null);
    file.mutate();
  };
  return (
    <section aria-labelledby="p-evidence" className="case-section portal-evidence">
      <h2 id="p-evidence">{t("portal.evidence.heading")}</h2>
      <p className="usa-hint">{t("portal.evidence.intro")}</p>
      {receipt && <Receipt receipt={receipt} />}
      <Uploader
        inputId="portal-files"
        uploads={files.uploads}
        onFiles={(f) => {
          setReceipt(null);
          files.add(f);
        }}
        onResume={files.resume}
        onRemove={files.remove}
      />
      <form className="usa-form usa-form--large" onSubmit={submit}>
        <Field id="pe-title" label={t("evidence.item.title")}>
          <input
            className="usa-input"
            id="pe-title"
            required
            maxLength={300}
            value={form.title}
            onChange={(e) => setForm((f) => ({ ...f, title: e.target.value }))}
          />
        </Field>
        <Field id="pe-description" label={t("evidence.item.description")} optional>
          <textarea
            className="usa-textarea"
            id="pe-description"
            maxLength={5000}
            value={form.description}
            onChange={(e) => setForm((f) => ({ ...f, description: e.target.value }))}
          />
        </Field>
        <Field id="pe-language" label={t("evidence.item.language")} optional>
          <ComboBox
            key={locale}
            id="pe-language"
            name="pe-language"
            options={languageOptions(locale)}
            onChange={(code) => setForm((f) => ({ ...f, language: code ?? "" }))}
            noResults={t("picker.noResults")}
          />
        </Field>
        {file.isError && <ProblemAlert error={file.error} focus />}
        {busy && <p className="usa-hint">{t("evidence.new.waitForFiles")}</p>}
        <button
          type="submit"
          className="usa-button margin-top-2"
          disabled={!ready || busy || !form.title.trim() || file.isPending}
        >
          {file.isPending ? t("common.working") : t("portal.evidence.submit")}
        </button>
      </form>
      <h3>{t("portal.evidence.filed")}</h3>
      {filed.error ? (
        <ProblemAlert error={filed.error} />
      ) : !filed.data ? (
        <Loading />
      ) : filed.data.length === 0 ? (
        <p>{t("portal.evidence.none")}</p>
      ) : (
        <ul className="usa-list usa-list--unstyled portal-evidence__filed">
          {filed.data.map((i) => (
            <li key={i.itemId} className="portal-evidence__item">
              <strong>{t("evidence.item.heading", { number: i.number, title: i.title })}</strong>{" "}
              <span className="text-base-dark">
                {dateTime(i.receivedAt)} · {tv("evidence.status", i.status)}
              </span>
              <ul className="usa-list usa-list--unstyled">
                {i.files.map((f) => (
                  <li key={f.sha256 + f.name}>
                    {f.name} · {formatSize(i18n, f.size)} · <code className="receipt__hash">{f.sha256}</code>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
