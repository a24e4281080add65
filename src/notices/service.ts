/**
 * The notices feature's set-up: the renderer (Typst and its fonts) and the reviewed translations
 * beyond those the profiles ship. Given at start-up (`useNotices`), or made from the environment
 * on first use; found by the feature through `noticesOf(ctx)`.
 */
import type { AppContext } from "../app/context.ts";
import type { NoticeTexts } from "../kernel/procedure/notices.ts";
import { findFontDirs, FontsMissing, type FontDirs } from "./fonts.ts";
import { createRenderer, type NoticeRenderer } from "./render.ts";

export interface NoticeSettings {
  /** The font directories (default: OPENRSD_NOTICE_FONT_DIRS, or Debian's). */
  fonts?: FontDirs;
  /**
   * Reviewed translations of the notice texts beyond the profiles' own, per profile id (issue 17
   * brings their review workflow; until then a deployment or a test supplies them).
   */
  translations?: Readonly<Record<string, readonly NoticeTexts[]>>;
}

export interface Notices {
  /** The renderer, or why there is none (no Korean font). */
  renderer: NoticeRenderer | FontsMissing;
  translations: Readonly<Record<string, readonly NoticeTexts[]>>;
}

const set = new WeakMap<AppContext, Notices>();

function make(settings: NoticeSettings): Notices {
  let renderer: NoticeRenderer | FontsMissing;
  try {
    renderer = createRenderer(settings.fonts ?? findFontDirs());
  } catch (e) {
    if (!(e instanceof FontsMissing)) throw e;
    renderer = e;
  }
  return { renderer, translations: settings.translations ?? {} };
}

/**
 * Set up notices (at start-up, or in a test). Without a Korean font the application still starts,
 * the problem is logged, and every notice answers with the same clear message.
 */
export function useNotices(ctx: AppContext, settings: NoticeSettings = {}): Notices {
  const notices = make(settings);
  if (notices.renderer instanceof FontsMissing) ctx.log?.warn(notices.renderer.message);
  set.set(ctx, notices);
  return notices;
}

export function noticesOf(ctx: AppContext): Notices {
  return set.get(ctx) ?? useNotices(ctx);
}
