/**
 * The resolvers of the case texts a translation can be of (src/translations/sources/, one per
 * kind). A deployment runs the built-in ones; a test or an embedding application may put another
 * in place of one kind for a while (`useSourceResolver`).
 */
import type { SourceKind } from "../contracts/translations.ts";
import { SOURCES } from "./sources/index.ts";
import type { SourceResolver } from "./sources/types.ts";

const replaced = new Map<SourceKind, SourceResolver>();

/** Put `r` in place of its kind's resolver; the function returned puts the previous one back. */
export function useSourceResolver(r: SourceResolver): () => void {
  const before = replaced.get(r.kind);
  replaced.set(r.kind, r);
  return () => {
    if (before) replaced.set(r.kind, before);
    else replaced.delete(r.kind);
  };
}

/** The resolver of a kind of text, or null when the deployment has none for it. */
export function sourceResolver(kind: SourceKind): SourceResolver | null {
  return replaced.get(kind) ?? SOURCES[kind] ?? null;
}
