/** Reading a PDF as a user's tools do: its text (pdftotext), its fonts (pdffonts), its XMP. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function withFile<T>(pdf: Buffer, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "notice-"));
  try {
    const path = join(dir, "notice.pdf");
    writeFileSync(path, pdf);
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text as pdftotext gives it, with runs of white space made one space. */
export function pdfText(pdf: Buffer): string {
  return withFile(pdf, (p) => execFileSync("pdftotext", ["-enc", "UTF-8", p, "-"]).toString("utf8"))
    .replace(/\s+/g, " ")
    .trim();
}

/** The embedded fonts' names, as pdffonts lists them (with "yes" in its emb column). */
export function embeddedFonts(pdf: Buffer): string[] {
  const out = withFile(pdf, (p) => execFileSync("pdffonts", [p]).toString("utf8"));
  return out
    .split("\n")
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => ({ name: l.split(/\s+/)[0] ?? "", emb: /\s(yes|no)\s+(yes|no)\s+(yes|no)\s/.exec(l)?.[1] }))
    .filter((f) => f.emb === "yes")
    .map((f) => f.name);
}

/** The PDF/A part and conformance its XMP metadata declares, e.g. "2B". */
export function pdfaMarker(pdf: Buffer): string | null {
  const xmp = pdf.toString("latin1");
  const part = /pdfaid:part(?:>|=")(\d)/.exec(xmp)?.[1];
  const conformance = /pdfaid:conformance(?:>|=")([ABU])/i.exec(xmp)?.[1];
  return part && conformance ? `${part}${conformance.toUpperCase()}` : null;
}
