/**
 * Typesetting a notice with Typst (`@myriaddreamin/typst-ts-node-compiler`): the template
 * (template.ts) and the notice as JSON in `sys.inputs`, never spliced into markup; PDF/A-2b, its
 * fonts embedded; the creation date fixed to the notice's date, so the same notice gives the
 * same bytes. One compiler per process, made on first use.
 */
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import { findFontDirs, requireKoreanFonts, type FontDirs } from "./fonts.ts";
import type { NoticeModel } from "./model.ts";
import { NOTICE_TEMPLATE } from "./template.ts";

export class RenderFailed extends Error {
  override name = "RenderFailed";
}

export interface NoticeRenderer {
  fonts: FontDirs;
  render(model: NoticeModel, on: string): Buffer;
}

/** A renderer over the font directories given (default: the setting, or Debian's). */
export function createRenderer(fonts: FontDirs = findFontDirs()): NoticeRenderer {
  requireKoreanFonts(fonts);
  let compiler: NodeCompiler | null = null;
  let renders = 0;
  return {
    fonts,
    render(model, on) {
      compiler ??= NodeCompiler.create({ fontArgs: [{ fontPaths: fonts.dirs }] });
      const seconds = Math.floor(Date.parse(`${on}T00:00:00Z`) / 1000);
      let pdf: Buffer;
      try {
        pdf = compiler.pdf(
          { mainFileContent: NOTICE_TEMPLATE, inputs: { notice: JSON.stringify(model) } },
          { pdfStandard: "a-2b", creationTimestamp: seconds },
        );
      } catch (e) {
        throw new RenderFailed(`the notice could not be typeset: ${describe(e)}`);
      }
      // The compiler memoizes; old entries are let go now and then.
      if (++renders % 50 === 0) compiler.evictCache(10);
      if (pdf.subarray(0, 5).toString("latin1") !== "%PDF-")
        throw new RenderFailed("the notice could not be typeset: the compiler gave no PDF");
      return pdf;
    },
  };
}

function describe(e: unknown): string {
  if (e && typeof e === "object" && "shortDiagnostics" in e) {
    const diags = (e as { shortDiagnostics: unknown }).shortDiagnostics;
    if (Array.isArray(diags) && diags.length > 0)
      return diags.map((d: { message?: unknown }) => String(d.message ?? JSON.stringify(d))).join("; ");
  }
  return e instanceof Error ? e.message : String(e);
}
