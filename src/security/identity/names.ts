/**
 * Names that cannot deceive. An account's username and display name appear in lists, in access
 * records, beside decisions and approvals: a reader must be able to trust that a name is what it
 * looks like.
 *
 * - No bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) in
 *   a display name or a username: they reorder what is shown, so that "‮nimda" reads "admin" and
 *   the text after a name can appear inside it. Nor control characters (line breaks, tabs).
 * - No username confusable with an existing one: `kim.j` and `kirn.j`, `admin` and `аdmin` (with a
 *   Cyrillic а), `sup.seoul` and `sup.seou1` look the same on a screen. Two usernames are
 *   confusable when their skeletons are equal (Unicode TS #39, section 4: the decomposed name with
 *   every character replaced by its prototype from the Unicode confusables data, which the
 *   `unhomoglyph` package carries), compared without case, as usernames are.
 */
import unhomoglyph from "unhomoglyph";

const BIDI_CONTROL = /\p{Bidi_Control}/u;
const CONTROL = /\p{Cc}/u;

/** Why a display name or username cannot be used, or null. */
export function nameTextProblem(name: string): string | null {
  if (BIDI_CONTROL.test(name))
    return "may not hold bidirectional control characters (they change the order in which text is shown)";
  if (CONTROL.test(name)) return "may not hold control characters";
  return null;
}

/** The UTS #39 skeleton of a username, without case: equal skeletons look alike. */
export function usernameSkeleton(username: string): string {
  return unhomoglyph(username.normalize("NFD")).normalize("NFD").toLowerCase();
}

/** The first of `existing` that looks like `username` without being it, or null. */
export function confusableUsername(username: string, existing: Iterable<string>): string | null {
  const skeleton = usernameSkeleton(username);
  for (const other of existing) {
    if (other !== username && usernameSkeleton(other) === skeleton) return other;
  }
  return null;
}
