/**
 * A PDF in the browser with pdf.js: one page at a time drawn on a canvas, with its text layer
 * over it (the text can be selected, searched with the browser's find and read by a screen
 * reader), page by page. The file is read once (one view in the custody history), and pdf.js's
 * worker is the package's own, served by the app (`?url`). No script in the PDF runs.
 */
import { useEffect, useRef, useState } from "react";
import type { PDFDocumentProxy, RenderTask } from "pdfjs-dist";
import { useI18n } from "../../../i18n/index.tsx";

type PdfJs = typeof import("pdfjs-dist");

// The Adobe CMaps (text in Korean, Chinese and Japanese fonts a PDF does not embed) and the
// standard fonts, copied into the bundle's assets by the build and fetched only when a PDF
// needs one. Keyed by file name.
const byName = (urls: Record<string, string>) =>
  Object.fromEntries(Object.entries(urls).map(([path, url]) => [path.slice(path.lastIndexOf("/") + 1), url]));
const CMAPS = byName(
  import.meta.glob<string>("../../../../../node_modules/pdfjs-dist/cmaps/*.bcmap", {
    query: "?url",
    import: "default",
    eager: true,
  }),
);
const FONTS = byName(
  import.meta.glob<string>("../../../../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}", {
    query: "?url",
    import: "default",
    eager: true,
  }),
);

/** pdf.js's reader of its data files (its `BinaryDataFactory`), from the bundle's assets. */
class BundledData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url =
      kind === "cMapUrl" ? CMAPS[filename] : kind === "standardFontDataUrl" ? FONTS[filename] : undefined;
    if (!url) throw new Error(`no ${kind} ${filename}`);
    // A small file is inlined by the build as a data: address, which the page's policy does not
    // let it fetch (connect-src 'self'): its bytes are in the address itself.
    if (url.startsWith("data:"))
      return Uint8Array.from(atob(url.slice(url.indexOf(",") + 1)), (c) => c.charCodeAt(0));
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }
}
let loading: Promise<PdfJs> | null = null;

/** pdf.js and its worker, loaded when a PDF is first shown. */
function pdfjs(): Promise<PdfJs> {
  loading ??= Promise.all([import("pdfjs-dist"), import("pdfjs-dist/build/pdf.worker.min.mjs?url")]).then(
    ([lib, worker]) => {
      lib.GlobalWorkerOptions.workerSrc = worker.default;
      return lib;
    },
  );
  return loading;
}

export function PdfViewer({ url, title, onOpened }: { url: string; title: string; onOpened?: () => void }) {
  const { t, number } = useI18n();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [pageNo, setPageNo] = useState(1);
  const [rendered, setRendered] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    let opened: PDFDocumentProxy | null = null;
    setDoc(null);
    setFailed(false);
    setPageNo(1);
    (async () => {
      const res = await fetch(url, { credentials: "same-origin" });
      if (!res.ok) throw new Error(String(res.status));
      const data = new Uint8Array(await res.arrayBuffer());
      if (!cancelled) onOpened?.();
      const lib = await pdfjs();
      opened = await lib.getDocument({
        data,
        isEvalSupported: false,
        enableXfa: false,
        // Names only: the bundled reader looks each file up (`useWorkerFetch` off).
        cMapUrl: "bundled/",
        cMapPacked: true,
        standardFontDataUrl: "bundled/",
        useWorkerFetch: false,
        BinaryDataFactory: BundledData,
      }).promise;
      if (cancelled) void opened.destroy();
      else setDoc(opened);
    })().catch(() => {
      if (!cancelled) setFailed(true);
    });
    return () => {
      cancelled = true;
      if (opened) void opened.destroy();
    };
  }, [url, onOpened]);

  useEffect(() => {
    if (!doc || !canvas.current || !textLayer.current || !frame.current) return;
    let task: RenderTask | null = null;
    let cancelled = false;
    const c = canvas.current;
    const layer = textLayer.current;
    const box = frame.current;
    (async () => {
      const [lib, page] = await Promise.all([pdfjs(), doc.getPage(pageNo)]);
      const width = Math.max(280, Math.min(box.parentElement?.clientWidth || 800, 900));
      const scale = width / page.getViewport({ scale: 1 }).width;
      const viewport = page.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      c.width = Math.floor(viewport.width * ratio);
      c.height = Math.floor(viewport.height * ratio);
      c.style.width = `${Math.floor(viewport.width)}px`;
      c.style.height = `${Math.floor(viewport.height)}px`;
      box.style.setProperty("--scale-factor", String(scale));
      box.style.setProperty("--total-scale-factor", String(scale));
      box.style.setProperty("--user-unit", "1");
      box.style.width = `${Math.floor(viewport.width)}px`;
      box.style.height = `${Math.floor(viewport.height)}px`;
      task = page.render({
        canvas: c,
        viewport,
        ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}),
      });
      await task.promise;
      if (cancelled) return;
      layer.replaceChildren();
      const text = new lib.TextLayer({
        textContentSource: page.streamTextContent(),
        container: layer,
        viewport,
      });
      await text.render();
      if (!cancelled) setRendered(pageNo);
    })().catch(() => {
      // A cancelled render (a new page asked for) is not a failure.
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, pageNo]);

  if (failed) return <p className="usa-error-message">{t("evidence.viewer.pdfFailed")}</p>;
  const pages = doc?.numPages ?? 0;
  return (
    <div className="pdf-viewer">
      <nav className="pdf-viewer__nav" aria-label={t("evidence.viewer.pages")}>
        <button
          type="button"
          className="usa-button usa-button--outline"
          disabled={!doc || pageNo <= 1}
          onClick={() => setPageNo((p) => Math.max(1, p - 1))}
        >
          {t("evidence.viewer.previous")}
        </button>
        <span className="pdf-viewer__page" aria-live="polite">
          {doc
            ? t("evidence.viewer.pageOf", { page: number(pageNo), pages: number(pages) })
            : t("common.loading")}
        </span>
        <button
          type="button"
          className="usa-button usa-button--outline"
          disabled={!doc || pageNo >= pages}
          onClick={() => setPageNo((p) => Math.min(pages, p + 1))}
        >
          {t("evidence.viewer.next")}
        </button>
      </nav>
      <div className="pdf-viewer__scroll">
        <div
          className="pdf-viewer__page-frame"
          ref={frame}
          data-rendered-page={rendered || undefined}
          role="document"
          aria-label={t("evidence.viewer.pdfPage", { title, page: number(pageNo) })}
        >
          <canvas ref={canvas} aria-hidden="true" />
          <div className="textLayer" ref={textLayer} />
        </div>
      </div>
    </div>
  );
}
