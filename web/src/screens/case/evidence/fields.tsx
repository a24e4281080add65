/** Form pieces of the evidence screens: a labelled field, and the values each select offers. */
import type { ReactNode } from "react";
import { useI18n } from "../../../i18n/index.tsx";

// The values each select offers: the vocabulary the API's schemas are made of.
export {
  AUDIENCE_METRICS as METRICS,
  CAPTURE_PLATFORMS as PLATFORMS,
  CAPTURE_VISIBILITIES as VISIBILITIES,
  EVIDENCE_CHANNELS as CHANNELS,
  EVIDENCE_KINDS as KINDS,
  EVIDENCE_SUPPLIERS as SUPPLIERS,
  FOREIGN_STATE_ACTIONS as STATE_ACTIONS,
} from "../../../../../src/kernel/procedure/record-events.ts";

export function Field({
  id,
  label,
  hint,
  optional = false,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  optional?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="usa-form-group">
      <label className="usa-label" htmlFor={id}>
        {label}
        {optional && ` ${t("common.optional")}`}
      </label>
      {hint && (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children}
    </div>
  );
}

/** A select of fixed values, each named by the catalogue (`prefix.value`). */
export function ValueSelect({
  id,
  prefix,
  values,
  value,
  onChange,
  required = true,
}: {
  id: string;
  prefix: string;
  values: readonly string[];
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
}) {
  const { t, tv } = useI18n();
  return (
    <select
      className="usa-select"
      id={id}
      name={id}
      required={required}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      {!required && <option value="">{t("common.choose")}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {tv(prefix, v)}
        </option>
      ))}
    </select>
  );
}

/** "2026-12-06T14:30" entered as Korean time, as an instant with its offset. */
export const seoulInstant = (local: string) =>
  local ? `${local.length === 16 ? `${local}:00` : local}+09:00` : "";

/** Now in Korean time, as a datetime-local input's value. */
export function nowInSeoul(): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Seoul",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date());
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? "00";
  return `${p("year")}-${p("month")}-${p("day")}T${p("hour")}:${p("minute")}`;
}

/** The address of a stored file's bytes (inline, or as an attachment). */
export const contentUrl = (caseId: string, itemId: string, fileId: string, download = false) =>
  `/api/v1/cases/${encodeURIComponent(caseId)}/evidence/${encodeURIComponent(itemId)}/files/${encodeURIComponent(fileId)}/content${download ? "?download=1" : ""}`;
