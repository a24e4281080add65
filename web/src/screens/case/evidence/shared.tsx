/** Pieces the evidence screens share: a file's hash, size and scan verdict, as a reader checks them. */
import { Tag } from "@trussworks/react-uswds";
import { useState } from "react";
import { useI18n, type I18n } from "../../../i18n/index.tsx";

/** A size in bytes as a person reads it (1.5 MB), in the reader's language's numbers. */
export function formatSize(i18n: Pick<I18n, "locale">, bytes: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u += 1;
  }
  const tag = i18n.locale === "ko" ? "ko-KR" : "en-GB";
  const digits = u === 0 ? 0 : n < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(n)} ${units[u]}`;
}

/**
 * A SHA-256 shown short (its first 12 hex digits), with a button that copies the whole of it and
 * a disclosure that shows it in full, for a reader who compares it with another copy's.
 */
export function Sha256({ hash, label }: { hash: string; label?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard
      ?.writeText(hash)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };
  return (
    <span className="sha256">
      <code className="sha256__short" title={t("evidence.file.sha256")} data-sha256={hash}>
        {hash.slice(0, 12)}…
      </code>{" "}
      <button type="button" className="usa-button usa-button--unstyled sha256__copy" onClick={copy}>
        {t("evidence.hash.copy")}
        <span className="usa-sr-only"> {label ?? t("evidence.file.sha256")}</span>
      </button>
      <span role="status" className="sha256__copied">
        {copied ? t("evidence.hash.copied") : ""}
      </span>
      <details className="sha256__full">
        <summary>
          {t("evidence.hash.full")}
          <span className="usa-sr-only"> {label ?? t("evidence.file.sha256")}</span>
        </summary>
        <code>{hash}</code>
      </details>
    </span>
  );
}

const SCAN_TONE: Record<string, string> = {
  clean: "bg-green",
  infected: "bg-secondary-dark",
  not_scanned: "bg-base-dark",
};

/** The scan's verdict as it is: "not scanned" is never shown as clean. */
export function ScanVerdict({ scan, quarantined = false }: { scan: string; quarantined?: boolean }) {
  const { t, tv } = useI18n();
  return (
    <span className="scan-verdict">
      <Tag className={SCAN_TONE[scan] ?? "bg-base-dark"}>{tv("evidence.scan", scan)}</Tag>
      {quarantined && (
        <>
          {" "}
          <Tag className="bg-secondary-dark">{t("evidence.file.quarantined")}</Tag>
        </>
      )}
    </span>
  );
}

/** A detected media type in words (PDF, image, video …) with the type itself. */
export function MediaType({ type }: { type: string }) {
  const { t } = useI18n();
  const kind = kindOfMedia(type);
  return (
    <span>
      {t(`evidence.media.${kind}`)} <span className="text-base-dark font-mono-3xs">{type}</span>
    </span>
  );
}

export type MediaKind = "pdf" | "image" | "audio" | "video" | "text" | "other";

export function kindOfMedia(type: string): MediaKind {
  if (type === "application/pdf") return "pdf";
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("audio/")) return "audio";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("text/") || type === "application/json") return "text";
  return "other";
}
