/**
 * Published impact statements, no sign-in, beside the public statistics
 * (docs/reapplication-simulation.md): the list, each statement's protected tables as JSON, CSV and
 * JSON-stat under /api/v1/public/statistics/impact-statements, and its page at
 * /statistics/impact-statements/{id}. Everything served has been through disclosure control.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../app/errors.ts";
import { ProblemSchema } from "../../contracts/api.ts";
import { CsvResponse, JsonStatCollectionSchema, LangQuery } from "../../contracts/public-statistics.ts";
import {
  PublishedStatementSchema,
  StatementListSchema,
  StatementParams,
  StatementTableParams,
} from "../../contracts/simulation.ts";
import { tableCsv } from "../../statistics/publish/csv.ts";
import { jsonStatCollection } from "../../statistics/publish/jsonstat.ts";
import type { Lang } from "../../statistics/publish/messages.ts";
import type { ServerDeps } from "../../server/deps.ts";
import { listStatements, publishedStatement } from "./impact.ts";
import { impactPage, type ImpactLinks } from "./impact-page.ts";

const API = "/api/v1/public/statistics/impact-statements";

export function impactLinks(id: string): ImpactLinks & { collection: (l: Lang) => string } {
  const base = `${API}/${encodeURIComponent(id)}`;
  return {
    page: (lang) => `/statistics/impact-statements/${encodeURIComponent(id)}?lang=${lang}`,
    csv: (table, lang) => `${base}/tables/${encodeURIComponent(table)}.csv?lang=${lang}`,
    jsonstat: (lang) => `${base}/jsonstat?lang=${lang}`,
    collection: (lang) => `${base}/jsonstat?lang=${lang}`,
  };
}

const notFound = () => new AppError("not_found", "no impact statement has been published with this id");

export const impactStatementRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const tags = ["public statistics"];

    // Like the public statistics (this plugin's hooks run after the global security headers): a
    // published statement never changes, so it may be cached for a day; the list gains an entry
    // whenever one is published, so for five minutes. Errors keep no-store. Readable from any
    // origin, as the statistics are.
    app.addHook("onSend", async (req, reply, payload) => {
      reply.header("cross-origin-resource-policy", "cross-origin");
      reply.header("access-control-allow-origin", "*");
      if (req.method === "GET" && reply.statusCode === 200) {
        const list = req.routeOptions.url?.endsWith("/public/statistics/impact-statements") ?? false;
        reply.header("cache-control", `public, max-age=${list ? 300 : 86_400}`);
      }
      return payload;
    });
    const found = async (id: string, lang: Lang) => {
      const s = await publishedStatement(deps.ctx, id, lang);
      if (!s) throw notFound();
      return s;
    };

    app.get(
      "/public/statistics/impact-statements",
      {
        schema: {
          tags,
          security: [],
          operationId: "listImpactStatements",
          summary: "Published impact statements of re-application policies",
          response: { 200: StatementListSchema },
        },
      },
      async () => ({ items: await listStatements(deps.ctx) }),
    );

    app.get(
      "/public/statistics/impact-statements/:id",
      {
        schema: {
          tags,
          security: [],
          operationId: "getImpactStatement",
          summary: "An impact statement's tables, under disclosure control",
          params: StatementParams,
          querystring: LangQuery,
          response: { 200: PublishedStatementSchema, 404: ProblemSchema },
        },
      },
      async (req) => {
        const { summary, figures } = await found(req.params.id, req.query.lang ?? "ko");
        return { statement: summary, ...figures };
      },
    );

    app.get(
      "/public/statistics/impact-statements/:id/tables/:table",
      {
        schema: {
          tags,
          security: [],
          operationId: "getImpactStatementTableCsv",
          summary: "One table of an impact statement as CSV (`<table>.csv`)",
          params: StatementTableParams,
          querystring: LangQuery,
          produces: ["text/csv"],
          response: {
            200: CsvResponse,
            404: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        const lang = req.query.lang ?? "ko";
        const name = req.params.table.replace(/\.csv$/, "");
        const { figures } = await found(req.params.id, lang);
        const t = figures.tables.find((x) => x.id === name);
        if (!t || !req.params.table.endsWith(".csv")) throw notFound();
        return reply
          .header("content-type", "text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${name}.${lang}.csv"`)
          .send(tableCsv(t, lang));
      },
    );

    app.get(
      "/public/statistics/impact-statements/:id/jsonstat",
      {
        schema: {
          tags,
          security: [],
          operationId: "getImpactStatementJsonStat",
          summary: "An impact statement's tables as a JSON-stat 2.0 collection",
          params: StatementParams,
          querystring: LangQuery,
          response: {
            200: JsonStatCollectionSchema,
            404: ProblemSchema,
          },
        },
      },
      async (req) => {
        const lang = req.query.lang ?? "ko";
        const { figures } = await found(req.params.id, lang);
        const links = impactLinks(req.params.id);
        return jsonStatCollection(figures, lang, {
          collection: links.collection,
          table: (table, l) => links.csv(table, l).replace(/\/tables\/.*$/, `/jsonstat?lang=${l}#${table}`),
          rate: (rate, l) => `${links.collection(l)}#${rate}`,
        });
      },
    );
  };

export const impactStatementPage = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function page(app) {
    app.get(
      "/statistics/impact-statements/:id",
      { schema: { hide: true, params: StatementParams, querystring: LangQuery } },
      async (req, reply) => {
        const lang = req.query.lang ?? "ko";
        const s = await publishedStatement(deps.ctx, req.params.id, lang);
        if (!s) throw notFound();
        return reply
          .header("content-type", "text/html; charset=utf-8")
          .header("content-language", lang)
          .send(impactPage(s.summary, s.figures, lang, impactLinks(req.params.id)));
      },
    );
  };
