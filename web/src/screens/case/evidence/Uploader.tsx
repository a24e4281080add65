/**
 * Files into a case: dropped on the zone or chosen with the file picker, several at once, each
 * with its own progress bar (a labelled <progress>), its outcome announced in a live region, and
 * a refusal (a type the office does not accept, a file too large) said in the reader's language
 * with the server's own words under it.
 */
import { useId, useState, type DragEvent } from "react";
import type { Problem } from "../../../api.ts";
import { useI18n, type I18n } from "../../../i18n/index.tsx";
import type { FileUpload } from "./upload.ts";
import { formatSize, MediaType, ScanVerdict, Sha256 } from "./shared.tsx";

/** Why the server refused a file, in the reader's words. */
export function refusalText(i18n: I18n, problem: Problem | null): string {
  const { t } = i18n;
  const status = problem?.status ?? 0;
  if (status === 415) return t("evidence.upload.refusedType");
  if (status === 413) return t("evidence.upload.tooLarge");
  if (status === 403 || status === 401) return t("evidence.upload.forbidden");
  if (status === 404) return t("evidence.upload.notFound");
  return t("evidence.upload.refused");
}

function UploadRow({
  upload,
  onResume,
  onRemove,
}: {
  upload: FileUpload;
  onResume: () => void;
  onRemove: () => void;
}) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const id = useId();
  const percent = upload.size > 0 ? Math.floor((upload.sent / upload.size) * 100) : 100;
  const finished = upload.state === "complete" || upload.state === "quarantined";
  return (
    <li className={`upload upload--${upload.state}`} data-upload={upload.name}>
      <div className="upload__head">
        <span className="upload__name" id={`${id}-name`}>
          {upload.name}
        </span>
        <span className="upload__size">{formatSize(i18n, upload.size)}</span>
      </div>
      {upload.state !== "refused" && (
        <progress
          className="upload__bar"
          id={`${id}-bar`}
          max={upload.size || 1}
          value={upload.sent}
          aria-labelledby={`${id}-name`}
          aria-describedby={`${id}-state`}
        />
      )}
      <p className="upload__state" id={`${id}-state`}>
        {upload.state === "sending" &&
          t("evidence.upload.progress", {
            sent: formatSize(i18n, upload.sent),
            size: formatSize(i18n, upload.size),
            percent: number(percent),
          })}
        {upload.state === "interrupted" &&
          t("evidence.upload.interrupted", { sent: formatSize(i18n, upload.sent) })}
        {upload.state === "checking" && t("evidence.upload.checking")}
        {upload.state === "complete" && t("evidence.upload.complete")}
        {upload.state === "quarantined" && t("evidence.upload.quarantined")}
        {upload.state === "refused" && <strong>{refusalText(i18n, upload.problem)}</strong>}
      </p>
      {upload.state === "refused" && upload.problem?.detail && (
        <p className="upload__detail">{upload.problem.detail}</p>
      )}
      {finished && upload.file && (
        <p className="upload__file">
          <MediaType type={upload.file.mediaType} /> ·{" "}
          <Sha256 hash={upload.file.sha256} label={upload.name} /> ·{" "}
          <ScanVerdict scan={upload.file.scan} quarantined={upload.state === "quarantined"} />
        </p>
      )}
      <div className="upload__actions">
        {upload.state === "interrupted" && (
          <button type="button" className="usa-button usa-button--outline" onClick={onResume}>
            {t("evidence.upload.resume")}
            <span className="usa-sr-only"> {upload.name}</span>
          </button>
        )}
        {upload.state !== "checking" && (
          <button type="button" className="usa-button usa-button--unstyled" onClick={onRemove}>
            {t("evidence.upload.remove")}
            <span className="usa-sr-only"> {upload.name}</span>
          </button>
        )}
      </div>
    </li>
  );
}

/** What the live region says of the uploads: the last file finished or refused. */
function announcement(i18n: I18n, uploads: readonly FileUpload[]): string {
  const done = uploads.filter((u) => u.state === "complete" || u.state === "quarantined").length;
  const refused = uploads.filter((u) => u.state === "refused").length;
  const sending = uploads.filter((u) => u.state === "sending" || u.state === "checking").length;
  if (uploads.length === 0) return "";
  return i18n.t("evidence.upload.summary", {
    done: i18n.number(done),
    refused: i18n.number(refused),
    sending: i18n.number(sending),
    total: i18n.number(uploads.length),
  });
}

export function Uploader({
  uploads,
  onFiles,
  onResume,
  onRemove,
  inputId,
}: {
  uploads: readonly FileUpload[];
  onFiles: (files: File[]) => void;
  onResume: (key: string) => void;
  onRemove: (key: string) => void;
  inputId: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length) onFiles(files);
  };
  return (
    <div className="uploader">
      <div
        className={`uploader__zone${over ? " uploader__zone--over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <label className="usa-label margin-top-0" htmlFor={inputId}>
          {t("evidence.upload.choose")}
          <span className="usa-hint display-block">{t("evidence.upload.hint")}</span>
        </label>
        <input
          id={inputId}
          className="uploader__input"
          type="file"
          multiple
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = "";
            if (files.length) onFiles(files);
          }}
        />
        <p className="uploader__drop" aria-hidden="true">
          {t("evidence.upload.drop")}
        </p>
      </div>
      {uploads.length > 0 && (
        <ul className="usa-list usa-list--unstyled uploads" aria-label={t("evidence.upload.list")}>
          {uploads.map((u) => (
            <UploadRow
              key={u.key}
              upload={u}
              onResume={() => onResume(u.key)}
              onRemove={() => onRemove(u.key)}
            />
          ))}
        </ul>
      )}
      <p className="usa-sr-only uploader__summary" role="status" aria-live="polite">
        {announcement(i18n, uploads)}
      </p>
    </div>
  );
}
