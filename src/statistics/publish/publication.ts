/**
 * A publication: the protected figures and every rendering of them, made once. The server keeps
 * one per day (the deployment's "today") and the export writes one to a directory.
 */
import { localizeFigures } from "./localize.ts";
import { protectFigures, type PublishedFigures } from "../../kernel/statistics/disclosure.ts";
import type { PublicFigures } from "../../kernel/statistics/table.ts";
import { definitionsCsv, rateCsv, rulesCsv, tableCsv } from "./csv.ts";
import { renderPage, type PageLinks } from "./html.ts";
import { jsonStatCollection, type JsonStatCollection } from "./jsonstat.ts";
import { publicJson, type PublicJson } from "./json.ts";
import { LANGS, type Lang } from "./messages.ts";

export interface Publication {
  asOf: string;
  figures: PublishedFigures;
  json: PublicJson;
  jsonStat: JsonStatCollection;
  /** CSV text by table id and by rate id. */
  tableCsv: Map<string, string>;
  rateCsv: Map<string, string>;
  definitionsCsv: string;
  rulesCsv: string;
  /** The HTML page by language. */
  html: Record<Lang, string>;
}

/** Links as the server serves them: the page at /statistics, the files under /api/v1/public. */
export const SERVER_LINKS: PageLinks = {
  json: "/api/v1/public/statistics",
  jsonStat: "/api/v1/public/statistics/jsonstat",
  definitions: "/api/v1/public/statistics/definitions.csv",
  tableCsv: (id) => `/api/v1/public/statistics/tables/${encodeURIComponent(id)}.csv`,
  rateCsv: (id) => `/api/v1/public/statistics/rates/${encodeURIComponent(id)}.csv`,
  page: (lang) => `/statistics?lang=${lang}`,
};

/** Protect the figures (throws DisclosureError for anything that may not be published) and render. */
export function buildPublication(figures: PublicFigures, links: PageLinks = SERVER_LINKS): Publication {
  const published = protectFigures(figures);
  return {
    asOf: published.asOf,
    figures: published,
    json: publicJson(published),
    jsonStat: jsonStatCollection(published),
    tableCsv: new Map(published.tables.map((t) => [t.id, tableCsv(t)])),
    rateCsv: new Map(published.rates.map((s) => [s.id, rateCsv(s)])),
    definitionsCsv: definitionsCsv(published),
    rulesCsv: rulesCsv(published),
    html: Object.fromEntries(
      LANGS.map((l) => [l, renderPage(localizeFigures(published, l), l, links)]),
    ) as Record<Lang, string>,
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
