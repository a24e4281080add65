/**
 * A procedure profile's own words, as the server publishes them with the profile
 * (GET /api/v1/profiles/{id}, `labels`): its events, stages, deadline kinds, and its events' fields
 * and values. The web's catalogues hold none of them, so a new profile, or a new event of one, is
 * named on every screen without an edit here.
 *
 * A name is looked up in the profile's words in the reader's language, then in the web's shared
 * words (`field.*`, `hint.*`, `enum.<field>.*`: the legal date, a person's sex, where the
 * application was made…), then in the profile's English, and is shown raw when none has it.
 */
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { ProfileDescription } from "./api.ts";
import { useI18n, type I18n } from "./i18n/index.tsx";
import { queries } from "./queries.ts";

type Labels = ProfileDescription["labels"];
type Words = Labels["en"];
type Part = "events" | "descriptions" | "stages" | "deadlineKinds" | "fields" | "hints";

export interface Vocabulary {
  event: (type: string) => string;
  /** The event's short description, shown as its form's hint; null when the profile gives none. */
  description: (type: string) => string | null;
  stage: (stage: string | null | undefined) => string;
  deadlineKind: (kind: string) => string;
  /** A field of an event, by name or path (`interpreter.language` is named as `language`). */
  field: (path: string) => string;
  hint: (field: string) => string | null;
  value: (field: string, value: string | number | null | undefined) => string;
  /** A legal basis (a deadline's, the bar on removal's) in the reader's language; as given otherwise. */
  basis: (text: string) => string;
  /**
   * The words of a rule that refused an event (a problem's `rule`) in the reader's language, its
   * values filled in (a party in the reader's words); null when the profile gives none.
   */
  rule: (key: string, params: Readonly<Record<string, string | number>>) => string | null;
}

/**
 * The words of the profiles whose labels are given, the first that has a name winning: one
 * profile's for a case, every profile's for a filter that lists the names of all of them.
 */
export function vocabularyOf(i18n: I18n, sources: readonly Labels[]): Vocabulary {
  const inLanguage = (words: (l: Labels) => Words | undefined, pick: (w: Words) => string | undefined) => {
    for (const l of sources) {
      const w = words(l);
      const found = w ? pick(w) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  const lookUp = (pick: (w: Words) => string | undefined, shared?: string) =>
    inLanguage((l) => l[i18n.locale], pick) ??
    (shared === undefined ? undefined : i18n.lookup(shared)) ??
    inLanguage((l) => l.en, pick);
  const word = (part: Part, name: string, shared?: string) => lookUp((w) => w[part]?.[name], shared);
  return {
    event: (type) => word("events", type) ?? type,
    description: (type) => word("descriptions", type) ?? null,
    stage: (stage) => (stage ? (word("stages", stage) ?? stage) : i18n.t("common.none")),
    deadlineKind: (kind) => word("deadlineKinds", kind) ?? kind,
    field: (path) => {
      const name = path.split(".").pop() ?? path;
      return word("fields", name, `field.${name}`) ?? name;
    },
    hint: (field) => word("hints", field, `hint.${field}`) ?? null,
    value: (field, value) => {
      if (value === null || value === undefined || value === "") return i18n.t("common.none");
      const v = String(value);
      return lookUp((w) => w.values?.[field]?.[v], `enum.${field}.${v}`) ?? v;
    },
    basis: (text) =>
      inLanguage(
        (l) => l[i18n.locale],
        (w) => w.bases?.[text],
      ) ?? text,
    rule: (key, params) => {
      const template = lookUp((w) => w.rules?.[key]);
      if (!template) return null;
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const v = params[name];
        if (v === undefined) return whole;
        // A party ("applicant", "authority") in the reader's words; dates and numbers as they are.
        return name === "party" ? (lookUp((w) => w.values?.by?.[String(v)]) ?? String(v)) : String(v);
      });
    },
  };
}

/** The words of one profile: raw names until its description has come (read once per page load). */
export function useVocabulary(profileId: string | undefined): Vocabulary {
  const i18n = useI18n();
  const profile = useQuery({ ...queries.profile(profileId ?? ""), enabled: !!profileId });
  const labels = profile.data?.labels;
  return useMemo(() => vocabularyOf(i18n, labels ? [labels] : []), [i18n, labels]);
}

export interface Vocabularies {
  /** A profile's words; with no id, every listed profile's (the first listed wins a shared name). */
  of: (profileId?: string) => Vocabulary;
  /** Every stage the listed profiles name, for a filter. */
  stages: string[];
}

/** The words of several profiles, for a list of cases that may follow different ones. */
export function useVocabularies(profileIds: readonly string[]): Vocabularies {
  const i18n = useI18n();
  const ids = [...new Set(profileIds)];
  const loaded = useQueries({
    queries: ids.map((id) => queries.profile(id)),
    combine: (results) => results.map((r) => r.data),
  });
  const key = loaded.map((d) => (d ? d.id : "")).join(" ");
  return useMemo(() => {
    const byId = new Map<string, Vocabulary>();
    const all: Labels[] = [];
    for (const d of loaded) {
      if (!d) continue;
      byId.set(d.id, vocabularyOf(i18n, [d.labels]));
      all.push(d.labels);
    }
    const merged = vocabularyOf(i18n, all);
    return {
      of: (id?: string) => (id === undefined ? merged : (byId.get(id) ?? merged)),
      stages: [...new Set(all.flatMap((l) => Object.keys(l.en.stages ?? {})))],
    };
    // `loaded` is a new array each render; its profiles are the same while `key` is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n, key]);
}

/** The profiles the deployment runs (the default first), for filters that list all their names. */
export function useProfileIds(): string[] {
  const profiles = useQuery(queries.profiles());
  return useMemo(() => (profiles.data ?? []).map((p) => p.id), [profiles.data]);
}
