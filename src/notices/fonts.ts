/**
 * The fonts a notice is typeset with: Korean (Noto Serif/Sans CJK, Debian's fonts-noto-cjk) and
 * Khmer (Khmer OS, fonts-khmeros) at least, found in a list of directories. The list is a setting
 * (`OPENRSD_NOTICE_FONT_DIRS`, separated by `:`), by default Debian's paths; a directory that
 * does not exist is passed over, and without a Korean font no notice can be issued.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const DEFAULT_FONT_DIRS = [
  "/usr/share/fonts/opentype/noto",
  "/usr/share/fonts/truetype/noto",
  "/usr/share/fonts/opentype/noto-cjk",
  "/usr/share/fonts/truetype/khmeros",
  "/usr/share/fonts/truetype/fonts-khmeros",
  "/usr/local/share/fonts",
] as const;

/** The font families a notice asks for, in order (the first that has a glyph draws it). */
export const NOTICE_FONTS = ["Noto Serif CJK KR", "Noto Sans CJK KR", "Khmer OS", "Khmer OS System"] as const;

export class FontsMissing extends Error {
  override name = "FontsMissing";
}

export interface FontDirs {
  /** The directories that exist, as given. */
  dirs: string[];
  /** Whether a Korean font was found in them. */
  korean: boolean;
  /** Whether a Khmer font was found in them. */
  khmer: boolean;
}

function filesUnder(dir: string, depth = 2): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of entries) {
    const path = join(dir, name);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue;
    }
    if (isDir && depth > 0) out.push(...filesUnder(path, depth - 1));
    else if (/\.(ttf|otf|ttc|otc)$/i.test(name)) out.push(name);
  }
  return out;
}

/** The setting's directories (or Debian's), those that exist, and which scripts they cover. */
export function findFontDirs(
  setting: string | undefined = process.env["OPENRSD_NOTICE_FONT_DIRS"],
): FontDirs {
  const given = setting?.trim() ? setting.split(":").filter((d) => d.trim()) : [...DEFAULT_FONT_DIRS];
  const dirs: string[] = [];
  const files: string[] = [];
  for (const dir of given) {
    const found = filesUnder(dir);
    if (found.length === 0) continue;
    dirs.push(dir);
    files.push(...found);
  }
  return {
    dirs,
    korean: files.some((f) => /CJK|KR/i.test(f)),
    khmer: files.some((f) => /khmer/i.test(f)),
  };
}

/** The fonts, or a clear error naming what to install or set. */
export function requireKoreanFonts(fonts: FontDirs): FontDirs {
  if (!fonts.korean)
    throw new FontsMissing(
      `no Korean font was found for notices (looked in ${fonts.dirs.length ? fonts.dirs.join(", ") : "no existing directory"}): install Debian's fonts-noto-cjk (and fonts-khmeros), or name the font directories in OPENRSD_NOTICE_FONT_DIRS`,
    );
  return fonts;
}
