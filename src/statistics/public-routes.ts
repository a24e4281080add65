/**
 * Public statistics, no sign-in (docs/statistics.md, "Publication"): fixed, pre-computed tables
 * that have been through disclosure control (src/kernel/statistics/disclosure.ts), as JSON, CSV
 * and JSON-stat under /api/v1/public/statistics, and as an HTML page at /statistics, in Korean
 * (the default) or English (`?lang=en`).
 *
 * The figures are computed once per day (the deployment's "today") and shared by all requests and by both
 * plugins (src/statistics/publish/publication.ts); the public never queries records.
 *
 * Unlike the rest of the API, these answers are meant for other sites and tools: GET and HEAD
 * answer cross-origin reads (`Access-Control-Allow-Origin: *`, no credentials), OPTIONS answers
 * their preflight, `Cross-Origin-Resource-Policy: cross-origin` lets pages embed them, and they
 * are cached until the next publication (`Cache-Control: public, max-age`, `ETag`,
 * `Last-Modified`, 304). The hooks doing so are this plugin's own: no other route is opened.
 *
 * Mounting (src/server/app.ts):
 *   await api.register(publicStatisticsRoutes(getFigures, day));   // inside the /api/v1 prefix
 *   await app.register(publicStatisticsPage(getFigures, day));     // at the root: GET /statistics
 * An optional third argument gives the time zone of `day` (default Asia/Seoul), for max-age.
 */
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../app/errors.ts";
import { ProblemSchema } from "../contracts/api.ts";
import * as PublicStatistics from "../contracts/public-statistics.ts";
import type { PublicFigures } from "../kernel/statistics/table.ts";
import { notModified, secondsToNextPublication } from "./publish/freshness.ts";
import { withBase } from "./publish/jsonstat.ts";
import { LANGS, type Lang } from "./publish/messages.ts";
import { publicationCache, type Publication } from "./publish/publication.ts";

const {
  CsvResponse,
  Id,
  JsonStatCollectionSchema,
  LangQuery,
  NotModified,
  Preflight,
  JsonStatDatasetSchema,
  PublicStatisticsSchema,
} = PublicStatistics;
/** Errors are the API's problem details, like every other route's. */
const Problem = ProblemSchema;

const CACHING =
  "Cached until the next publication (midnight in the deployment's time zone): `Cache-Control: public, max-age`, `ETag` (send `If-None-Match` for 304) and `Last-Modified`. " +
  "Readable from any origin (`Access-Control-Allow-Origin: *`, `Cross-Origin-Resource-Policy: cross-origin`).";

export interface PublicStatisticsOptions {
  /** The time zone in which `day` is counted (the default profile's): a new publication starts at its midnight. */
  timeZone?: string;
  /** The clock for cache lifetimes (default Date.now). */
  now?: () => number;
  /**
   * The origin the public reaches the server at (e.g. https://rsd.example.go.kr), for the absolute
   * `href`s of JSON-stat. Default: the request's own protocol and Host, when it is a plain host.
   */
  origin?: string;
}

/** Request headers a cross-origin reader may send (the validators need a preflight). */
const ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since";
/** Response headers a cross-origin reader may see besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = "ETag, Content-Disposition, Content-Language";

/** The origin the request reached us at, when its Host is a plain host name or address. */
function requestOrigin(req: FastifyRequest, configured?: string): string | null {
  if (configured) return new URL(configured).origin;
  const host = req.host;
  const ok = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host);
  return ok && (req.protocol === "http" || req.protocol === "https") ? `${req.protocol}://${host}` : null;
}

const shortHash = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 8);

/**
 * The caching of one answer made from `pub`: validators and freshness. Returns true when the
 * client's copy is current (the reply is then a 304 without body).
 */
function validate(
  req: FastifyRequest,
  reply: FastifyReply,
  pub: Publication,
  variant: string,
  cacheControl: string,
): boolean {
  const etag = `"${pub.tag}-${variant}"`;
  reply.header("etag", etag);
  reply.header("last-modified", pub.madeAt.toUTCString());
  intended.set(reply, cacheControl);
  reply.header("cache-control", cacheControl);
  const headers = req.headers as Record<string, string | undefined>;
  if (!notModified(headers, etag, pub.madeAt)) return false;
  reply.code(304);
  return true;
}

/** Cache-Control chosen by a handler, applied after the global security headers (onSend order). */
const intended = new WeakMap<FastifyReply, string>();

function freshness(day: () => string, options: PublicStatisticsOptions): () => string {
  const zone = options.timeZone ?? "Asia/Seoul";
  const now = options.now ?? Date.now;
  return () => `public, max-age=${secondsToNextPublication(day(), zone, now())}`;
}

/** The response headers of an answer made from a publication, for the OpenAPI document. */
const PUBLISHED_HEADERS = {
  "cache-control": {
    type: "string",
    description:
      "public, max-age=N: N seconds to the next publication (midnight in the deployment's time zone)",
  },
  etag: { type: "string", description: "this publication's tag for this answer; send it in If-None-Match" },
  "last-modified": { type: "string", description: "when the publication was made" },
  "content-language": { type: "string", description: "ko or en" },
  "access-control-allow-origin": { type: "string", description: "*: readable from any origin" },
  "cross-origin-resource-policy": { type: "string", description: "cross-origin: embeddable anywhere" },
};
const PREFLIGHT_HEADERS = {
  "access-control-allow-origin": { type: "string", description: "*" },
  "access-control-allow-methods": { type: "string", description: "GET, HEAD, OPTIONS" },
  "access-control-allow-headers": { type: "string", description: ALLOWED_HEADERS },
  "access-control-max-age": { type: "string", description: "86400" },
};
const published = <T extends z.ZodType>(schema: T, description?: string) =>
  schema.meta({ ...(description ? { description } : {}), headers: PUBLISHED_HEADERS });

const CSV_TYPE = "text/csv; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

export const publicStatisticsRoutes = (
  getFigures: () => Promise<PublicFigures>,
  day: () => string,
  options: PublicStatisticsOptions = {},
): FastifyPluginAsyncZod =>
  async function routes(app) {
    const cache = publicationCache(getFigures, day);
    const cacheControl = freshness(day, options);
    const tags = ["public statistics"];

    // These hooks belong to this plugin only (no fastify-plugin): they run after the global
    // security headers and change them for these answers alone.
    app.addHook("onSend", async (req, reply, payload) => {
      reply.header("cross-origin-resource-policy", "cross-origin");
      reply.header("access-control-allow-origin", "*");
      if (req.method === "OPTIONS") {
        reply.header("access-control-allow-methods", "GET, HEAD, OPTIONS");
        reply.header("access-control-allow-headers", ALLOWED_HEADERS);
        reply.header("access-control-max-age", "86400");
      } else {
        reply.header("access-control-expose-headers", EXPOSED_HEADERS);
        const cc = intended.get(reply);
        // Only answers made from a publication are cached; errors keep no-store.
        if (cc && (reply.statusCode === 200 || reply.statusCode === 304)) reply.header("cache-control", cc);
      }
      return payload;
    });

    /** Send `text` (already serialized) unless the client's copy is current. */
    const send = (
      req: FastifyRequest,
      reply: FastifyReply,
      pub: Publication,
      variant: string,
      type: string,
      text: string,
      lang: Lang,
    ) => {
      reply.header("content-type", type).header("content-language", lang);
      if (validate(req, reply, pub, variant, cacheControl())) return reply.send(null);
      return reply.send(text);
    };
    const csv = (name: string, lang: Lang) => ({
      "content-disposition": `attachment; filename="${lang === "ko" ? name : name.replace(/\.csv$/, `.${lang}.csv`)}"`,
    });

    const preflight = (url: string, params?: boolean) =>
      app.options(
        url,
        {
          schema: {
            tags,
            security: [],
            summary: "CORS preflight for cross-origin reads of the public statistics",
            ...(params ? { params: z.object({ id: z.string() }) } : {}),
            response: { 204: Preflight.meta({ headers: PREFLIGHT_HEADERS }) },
          },
        },
        async (_req, reply) => reply.code(204).send(null),
      );

    app.get(
      "/public/statistics",
      {
        schema: {
          tags,
          security: [],
          summary: "Published statistics: every table and rate, protected, with definitions and rules",
          description: `No sign-in. Counts are rounded to 5; null is a suppressed value or a withheld rate. Computed once a day. ${CACHING}`,
          querystring: LangQuery,
          response: {
            200: published(
              PublicStatisticsSchema,
              "Every published table and rate, in the language asked for",
            ),
            304: published(NotModified),
          },
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? "ko";
        const pub = await cache.get();
        return send(req, reply, pub, `json-${lang}`, JSON_TYPE, serialized(pub, lang).json, lang);
      },
    );
    preflight("/public/statistics");

    app.get(
      "/public/statistics/jsonstat",
      {
        schema: {
          tags,
          security: [],
          summary: "The same figures as a JSON-stat 2.0 collection (one dataset per table or rate)",
          description: `Each item is embedded and has an absolute \`href\` to the dataset alone. Category labels are names in the language asked for. ${CACHING}`,
          querystring: LangQuery,
          response: {
            200: published(JsonStatCollectionSchema, "A JSON-stat 2.0 collection"),
            304: published(NotModified),
          },
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? "ko";
        const pub = await cache.get();
        const origin = requestOrigin(req, options.origin);
        const collection = pub.formats[lang].jsonStat;
        const text = JSON.stringify(origin ? withBase(collection, origin) : collection);
        const variant = `jsonstat-${lang}-${origin ? shortHash(origin) : "relative"}`;
        return send(req, reply, pub, variant, JSON_TYPE, text, lang);
      },
    );
    preflight("/public/statistics/jsonstat");

    for (const kind of ["tables", "rates"] as const) {
      app.get(
        `/public/statistics/jsonstat/${kind}/:id`,
        {
          schema: {
            tags,
            security: [],
            summary: `One published ${kind === "tables" ? "table" : "rate series"} as a JSON-stat 2.0 dataset (the collection items' href)`,
            description: CACHING,
            params: z.object({ id: Id }),
            querystring: LangQuery,
            response: {
              200: published(JsonStatDatasetSchema, "A JSON-stat 2.0 dataset"),
              304: published(NotModified),
              404: Problem,
              422: Problem,
            },
          },
        },
        async (req, reply) => {
          const lang = req.query.lang ?? "ko";
          const pub = await cache.get();
          const f = pub.formats[lang];
          const ds = (kind === "tables" ? f.jsonStatTable : f.jsonStatRate).get(req.params.id);
          if (ds === undefined)
            throw new AppError("not_found", `no published ${kind} item "${req.params.id}"`);
          const origin = requestOrigin(req, options.origin);
          const href = ds.href && origin ? new URL(ds.href, origin).href : ds.href;
          const variant = `jsonstat-${kind}-${req.params.id}-${lang}-${origin ? shortHash(origin) : "relative"}`;
          return send(req, reply, pub, variant, JSON_TYPE, JSON.stringify({ ...ds, href }), lang);
        },
      );
      preflight(`/public/statistics/jsonstat/${kind}/:id`, true);
    }

    app.get(
      "/public/statistics/definitions.csv",
      {
        schema: {
          tags,
          security: [],
          summary: "Definitions of every published table and rate (CSV)",
          description: CACHING,
          querystring: LangQuery,
          produces: ["text/csv"],
          response: { 200: published(CsvResponse), 304: published(NotModified) },
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? "ko";
        const pub = await cache.get();
        reply.headers(csv("definitions.csv", lang));
        return send(req, reply, pub, `definitions-${lang}`, CSV_TYPE, pub.formats[lang].definitionsCsv, lang);
      },
    );
    preflight("/public/statistics/definitions.csv");

    for (const kind of ["tables", "rates"] as const) {
      const what = kind === "tables" ? "table" : "rate";
      app.get(
        `/public/statistics/${kind}/:id.csv`,
        {
          schema: {
            tags,
            security: [],
            summary: `One published ${kind === "tables" ? "table" : "rate series"} as CSV`,
            description: CACHING,
            params: z.object({ id: Id }),
            querystring: LangQuery,
            produces: ["text/csv"],
            response: {
              200: published(CsvResponse),
              304: published(NotModified),
              404: Problem,
              422: Problem,
            },
          },
        },
        async (req, reply) => {
          const lang = req.query.lang ?? "ko";
          const pub = await cache.get();
          const f = pub.formats[lang];
          const text = (kind === "tables" ? f.tableCsv : f.rateCsv).get(req.params.id);
          if (text === undefined) throw new AppError("not_found", `no published ${what} "${req.params.id}"`);
          reply.headers(csv(`${req.params.id}.csv`, lang));
          return send(req, reply, pub, `${what}-${req.params.id}-${lang}`, CSV_TYPE, text, lang);
        },
      );
      preflight(`/public/statistics/${kind}/:id.csv`, true);
    }
  };

const serializedJson = new WeakMap<Publication, Map<Lang, string>>();

/** The JSON answer, serialized once per publication and language. */
function serialized(pub: Publication, lang: Lang): { json: string } {
  let byLang = serializedJson.get(pub);
  if (!byLang) {
    byLang = new Map(LANGS.map((l) => [l, JSON.stringify(pub.formats[l].json)]));
    serializedJson.set(pub, byLang);
  }
  return { json: byLang.get(lang)! };
}

/** GET /statistics: the HTML page (Korean by default, ?lang=en for English). Outside /api. */
export const publicStatisticsPage = (
  getFigures: () => Promise<PublicFigures>,
  day: () => string,
  options: PublicStatisticsOptions = {},
): FastifyPluginAsyncZod =>
  async function page(app) {
    const cache = publicationCache(getFigures, day);
    const cacheControl = freshness(day, options);
    app.get(
      "/statistics",
      {
        schema: {
          hide: true,
          querystring: z.object({ lang: z.enum(["ko", "en"]).optional() }),
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? "ko";
        const pub = await cache.get();
        reply.header("content-type", "text/html; charset=utf-8").header("content-language", lang);
        if (validate(req, reply, pub, `page-${lang}`, cacheControl())) return reply.send(null);
        return reply.send(pub.formats[lang].html);
      },
    );
  };
