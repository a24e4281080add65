/**
 * A publication: the protected figures and every rendering of them, in each language, made once.
 * The server keeps one per day (the deployment's "today") and the export writes one to a
 * directory.
 */
import { createHash } from "node:crypto";
import { localizeFigures } from "./localize.ts";
import { protectFigures, type PublishedFigures } from "../../kernel/statistics/disclosure.ts";
import type { PublicFigures } from "../../kernel/statistics/table.ts";
import { definitionsCsv, rateCsv, rulesCsv, tableCsv } from "./csv.ts";
import { renderPage, type PageLinks } from "./html.ts";
import { jsonStatCollection, type JsonStatCollection, type JsonStatDataset } from "./jsonstat.ts";
import { publicJson, type PublicJson } from "./json.ts";
import { LANGS, type Lang } from "./messages.ts";

/** Everything published, in one language. */
export interface Formats {
  /** The protected figures with titles, definitions and category names in the language. */
  figures: PublishedFigures;
  json: PublicJson;
  /** The collection, its items' `href`s as the links give them (relative on the server). */
  jsonStat: JsonStatCollection;
  /** Each JSON-stat dataset alone, by table id and by rate id. */
  jsonStatTable: Map<string, JsonStatDataset>;
  jsonStatRate: Map<string, JsonStatDataset>;
  /** CSV text by table id and by rate id. */
  tableCsv: Map<string, string>;
  rateCsv: Map<string, string>;
  definitionsCsv: string;
  rulesCsv: string;
  /** The HTML page. */
  html: string;
}

export interface Publication {
  asOf: string;
  /** When it was made: the Last-Modified of everything served from it. */
  madeAt: Date;
  /** A digest of every rendering: the same figures and words give the same tag (for ETags). */
  tag: string;
  /** The protected figures as computed (English). */
  figures: PublishedFigures;
  formats: Record<Lang, Formats>;
}

const API = "/api/v1/public/statistics";

/** Links as the server serves them: the page at /statistics, the data under /api/v1/public. */
export const SERVER_LINKS: PageLinks = {
  json: (lang) => `${API}?lang=${lang}`,
  collection: (lang) => `${API}/jsonstat?lang=${lang}`,
  table: (id, lang) => `${API}/jsonstat/tables/${encodeURIComponent(id)}?lang=${lang}`,
  rate: (id, lang) => `${API}/jsonstat/rates/${encodeURIComponent(id)}?lang=${lang}`,
  definitions: (lang) => `${API}/definitions.csv?lang=${lang}`,
  tableCsv: (id, lang) => `${API}/tables/${encodeURIComponent(id)}.csv?lang=${lang}`,
  rateCsv: (id, lang) => `${API}/rates/${encodeURIComponent(id)}.csv?lang=${lang}`,
  page: (lang) => `/statistics?lang=${lang}`,
};

function formats(published: PublishedFigures, lang: Lang, links: PageLinks): Formats {
  const f = localizeFigures(published, lang);
  const jsonStat = jsonStatCollection(f, lang, links);
  const items = jsonStat.link.item;
  return {
    figures: f,
    json: publicJson(f, lang),
    jsonStat,
    jsonStatTable: new Map(f.tables.map((t, i) => [t.id, items[i]!])),
    jsonStatRate: new Map(f.rates.map((s, i) => [s.id, items[f.tables.length + i]!])),
    tableCsv: new Map(f.tables.map((t) => [t.id, tableCsv(t, lang)])),
    rateCsv: new Map(f.rates.map((s) => [s.id, rateCsv(s, lang)])),
    definitionsCsv: definitionsCsv(f),
    rulesCsv: rulesCsv(f, lang),
    html: renderPage(f, lang, links),
  };
}

/** Protect the figures (throws DisclosureError for anything that may not be published) and render. */
export function buildPublication(
  figures: PublicFigures,
  links: PageLinks = SERVER_LINKS,
  madeAt: Date = new Date(),
): Publication {
  const published = protectFigures(figures);
  const all = Object.fromEntries(LANGS.map((l) => [l, formats(published, l, links)])) as Record<
    Lang,
    Formats
  >;
  const hash = createHash("sha256");
  for (const l of LANGS) {
    const x = all[l];
    hash.update(JSON.stringify([x.json, x.jsonStat, x.definitionsCsv, x.rulesCsv, x.html]));
    for (const text of [...x.tableCsv.values(), ...x.rateCsv.values()]) hash.update(text);
  }
  return {
    asOf: published.asOf,
    madeAt: new Date(Math.floor(madeAt.getTime() / 1000) * 1000),
    tag: hash.digest("base64url").slice(0, 22),
    figures: published,
    formats: all,
  };
}

export interface PublicationCache {
  get(): Promise<Publication>;
}

const caches = new WeakMap<() => Promise<PublicFigures>, PublicationCache>();

/**
 * One publication per day (the day as `day` gives it: the deployment's "today", in its default
 * profile's time zone): the first request of a day computes it, the others share it
 * (concurrent first requests included). A failure is not kept: the next request tries again.
 * The same getFigures function gets the same cache, so the page and the API share their work.
 */
export function publicationCache(
  getFigures: () => Promise<PublicFigures>,
  dayOf: () => string,
): PublicationCache {
  const known = caches.get(getFigures);
  if (known) return known;
  let day: string | null = null;
  let pending: Promise<Publication> | null = null;
  const cache: PublicationCache = {
    get() {
      const today = dayOf();
      if (pending && day === today) return pending;
      day = today;
      const p = getFigures().then((f) => buildPublication(f));
      pending = p;
      p.catch(() => {
        if (pending === p) {
          pending = null;
          day = null;
        }
      });
      return p;
    },
  };
  caches.set(getFigures, cache);
  return cache;
}
