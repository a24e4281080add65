/**
 * A stored file shown in the browser by its detected type: a PDF with pdf.js, an image, audio
 * and video from the content address (the server answers byte ranges, so a long recording
 * plays from where one seeks), text as preformatted text. Anything else is downloaded.
 */
import { lazy, Suspense, useEffect, useState } from "react";
import type { EvidenceFile } from "../../../api.ts";
import { Loading } from "../../../components/common.tsx";
import { useI18n } from "../../../i18n/index.tsx";
import { kindOfMedia } from "./shared.tsx";

const PdfViewer = lazy(() => import("./PdfViewer.tsx").then((m) => ({ default: m.PdfViewer })));

/** Text files are shown up to this many bytes; the rest is downloaded. */
const TEXT_LIMIT = 512 * 1024;

function TextView({ url, onOpened }: { url: string; onOpened: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState<string | null>(null);
  const [cut, setCut] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    fetch(url, {
      credentials: "same-origin",
      headers: { range: `bytes=0-${TEXT_LIMIT - 1}` },
      signal: abort.signal,
    })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        const bytes = new Uint8Array(await res.arrayBuffer());
        const total = Number(res.headers.get("content-range")?.split("/")[1] ?? bytes.length);
        setCut(total > bytes.length);
        setText(new TextDecoder("utf-8", { fatal: false }).decode(bytes));
        onOpened();
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === "AbortError")) setFailed(true);
      });
    return () => abort.abort();
  }, [url, onOpened]);
  if (failed) return <p className="usa-error-message">{t("evidence.viewer.failed")}</p>;
  if (text === null) return <Loading />;
  return (
    <>
      <pre className="text-viewer" tabIndex={0} lang="und">
        {text}
      </pre>
      {cut && <p className="usa-hint">{t("evidence.viewer.textCut")}</p>}
    </>
  );
}

/** `onOpened`: called once the file's bytes were read (the custody history then has the view). */
export function Viewer({
  file,
  url,
  title,
  onOpened,
}: {
  file: EvidenceFile;
  url: string;
  title: string;
  onOpened: () => void;
}) {
  const { t } = useI18n();
  const kind = kindOfMedia(file.mediaType);
  if (file.quarantined) return <p className="usa-error-message">{t("evidence.viewer.quarantined")}</p>;
  switch (kind) {
    case "pdf":
      return (
        <Suspense fallback={<Loading />}>
          <PdfViewer url={url} title={title} onOpened={onOpened} />
        </Suspense>
      );
    case "image":
      return (
        <img
          className="image-viewer"
          src={url}
          alt={t("evidence.viewer.imageAlt", { name: file.name })}
          onLoad={onOpened}
        />
      );
    case "audio":
      return (
        <audio className="media-viewer" controls preload="metadata" src={url} onLoadedMetadata={onOpened}>
          {t("evidence.viewer.noMedia")}
        </audio>
      );
    case "video":
      return (
        <video className="media-viewer" controls preload="metadata" src={url} onLoadedMetadata={onOpened}>
          {t("evidence.viewer.noMedia")}
        </video>
      );
    case "text":
      return <TextView url={url} onOpened={onOpened} />;
    default:
      return <p>{t("evidence.viewer.noPreview")}</p>;
  }
}
