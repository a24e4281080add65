/** The examination of a case: material facts and their links, the assessment, the check, the draft. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AssessmentContentSchema,
  AssessmentSchema,
  AssessmentVersionParams,
  AssessmentVersionSchema,
  CaseViewSchema,
  CaseWriteHeaders,
  CheckResultSchema,
  DecisionDraftSchema,
  DraftFromAssessmentSchema,
  ExaminationSourcesSchema,
  FactInputSchema,
  FactListSchema,
  FactParams,
  FactSchema,
  FactVersionsSchema,
  FactWithdrawalSchema,
  IdParams,
  LinksInputSchema,
  ProblemSchema,
  ReasonsLanguageSchema,
  ReasonsPreviewSchema,
  ASSESSMENT_HEADERS,
} from "../contracts/api.ts";
import { AppError } from "../app/errors.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";
import {
  addFact,
  listCaseFacts,
  listFactVersions,
  removeFact,
  reviseFactText,
  setFactLinks,
  withdrawFact,
} from "./facts.ts";
import {
  checkCase,
  examinationSources,
  getAssessment,
  getAssessmentVersion,
  saveCaseAssessment,
} from "./assessment.ts";
import { draftFromAssessment, previewReasons } from "./draft.ts";

const errors = {
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};
const writeErrors = { ...errors, 412: ProblemSchema, 428: ProblemSchema };

/** `If-Match: "7"` → 7, or undefined when absent; a malformed one is refused (428). */
function ifMatch(header: string | string[] | undefined, what: string, required: boolean): number | undefined {
  if (header === undefined) {
    if (required)
      throw new AppError(
        "precondition_required",
        `send If-Match with the ${what}'s ETag, e.g. If-Match: "3"`,
      );
    return undefined;
  }
  const m = typeof header === "string" ? /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header) : null;
  if (!m) throw new AppError("precondition_required", `If-Match must be the ${what}'s ETag, e.g. "3"`);
  return Number(m[1]);
}

const FactVersionHeaders = z.object({
  "if-match": z.string().optional().describe('The fact\'s version as last read, e.g. "2" (stale: 412)'),
});

export const examinationRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    const ctx = deps.ctx;

    app.get(
      "/cases/:id/facts",
      {
        schema: {
          tags: ["examination"],
          operationId: "listFacts",
          summary: "The material facts of a case's claim, with their links",
          description:
            "Needs the right case.read on the case. A link to an evidence item is labelled with its title only for a reader with the right evidence.read (else its number). The read is recorded.",
          params: IdParams,
          response: { 200: FactListSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        return { items: await listCaseFacts(ctx, actorOf(req), req.params.id) };
      },
    );

    app.post(
      "/cases/:id/facts",
      {
        schema: {
          tags: ["examination"],
          operationId: "addFact",
          summary: "Add a material fact to the claim",
          description:
            "Needs the right event.examination on the case. The statement and its details are stored encrypted. A date after today is refused (422).",
          params: IdParams,
          body: FactInputSchema,
          response: { 201: FactSchema, ...errors },
          responseHeaders: { 201: ["location", "etag"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        const fact = await addFact(ctx, actorOf(req), req.params.id, req.body);
        return reply
          .code(201)
          .header("location", `/api/v1/cases/${req.params.id}/facts/${fact.id}`)
          .header("etag", `"${fact.version}"`)
          .send(fact);
      },
    );

    app.put(
      "/cases/:id/facts/:factId",
      {
        schema: {
          tags: ["examination"],
          operationId: "reviseFact",
          summary: "Change a material fact: its previous text is kept as a version",
          description:
            "Needs the right event.examination. Send If-Match with the fact's version to refuse the change when it changed meanwhile (412). A withdrawn fact cannot be changed (409).",
          params: FactParams,
          headers: FactVersionHeaders,
          body: FactInputSchema,
          response: { 200: FactSchema, ...writeErrors },
          responseHeaders: { 200: ["etag"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        const version = ifMatch(req.headers["if-match"], "fact", false);
        const fact = await reviseFactText(
          ctx,
          actorOf(req),
          req.params.id,
          req.params.factId,
          req.body,
          version,
        );
        return reply.header("etag", `"${fact.version}"`).send(fact);
      },
    );

    app.get(
      "/cases/:id/facts/:factId/versions",
      {
        schema: {
          tags: ["examination"],
          operationId: "listFactVersions",
          summary: "Every version of a material fact, oldest first (the last is the current one)",
          description: "Needs the right case.read on the case. The read is recorded.",
          params: FactParams,
          response: { 200: FactVersionsSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        const versions = await listFactVersions(ctx, actorOf(req), req.params.id, req.params.factId);
        return {
          items: versions.map((v) => ({
            version: v.version,
            recordedBy: v.recordedBy,
            recordedAt: v.recordedAt,
            ...v.content,
          })),
        };
      },
    );

    app.post(
      "/cases/:id/facts/:factId/withdrawal",
      {
        schema: {
          tags: ["examination"],
          operationId: "withdrawFact",
          summary: "Withdraw a material fact (it stays, marked withdrawn, with the reason)",
          description:
            "Needs the right event.examination. A withdrawn fact needs no finding and is left out of the reasons.",
          params: FactParams,
          body: FactWithdrawalSchema,
          response: { 200: FactSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "event.examination");
        return withdrawFact(ctx, actorOf(req), req.params.id, req.params.factId, req.body.reason);
      },
    );

    app.delete(
      "/cases/:id/facts/:factId",
      {
        schema: {
          tags: ["examination"],
          operationId: "removeFact",
          summary: "Remove a material fact entered by mistake",
          description:
            "Needs the right event.examination. Only while the assessment does not assess the fact (409: withdraw it instead).",
          params: FactParams,
          response: { 204: z.null().describe("Removed"), ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        await removeFact(ctx, actorOf(req), req.params.id, req.params.factId);
        return reply.code(204).send(null);
      },
    );

    app.put(
      "/cases/:id/facts/:factId/links",
      {
        schema: {
          tags: ["examination"],
          operationId: "setFactLinks",
          summary: "Set what supports or contradicts a material fact",
          description:
            "Needs the right event.examination. Each link is an evidence item (not withdrawn), an interview segment or a COI citation of the same case; anything else is refused with 422 naming the link, and nothing changes.",
          params: FactParams,
          body: LinksInputSchema,
          response: { 200: FactSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "event.examination");
        return setFactLinks(ctx, actorOf(req), req.params.id, req.params.factId, req.body.links);
      },
    );

    app.get(
      "/cases/:id/examination/sources",
      {
        schema: {
          tags: ["examination"],
          operationId: "getExaminationSources",
          summary:
            "What a fact may link to, and the record's audience observations and foreign-state actions",
          description:
            "Needs the right case.read on the case; the evidence items, audience observations and foreign-state actions only with the right evidence.read (else empty lists). The read is recorded.",
          params: IdParams,
          response: { 200: ExaminationSourcesSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        return examinationSources(ctx, actorOf(req), req.params.id);
      },
    );

    app.get(
      "/cases/:id/assessment",
      {
        schema: {
          tags: ["examination"],
          operationId: "getAssessment",
          summary:
            "The case's assessment (version 0 and empty steps when there is none yet), with its history",
          description:
            "Needs the right case.read on the case. The read is recorded. The ETag is the assessment's version.",
          params: IdParams,
          response: { 200: AssessmentSchema, ...errors },
          responseHeaders: { 200: ["etag"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "case.read");
        const a = await getAssessment(ctx, actorOf(req), req.params.id);
        return reply.header("etag", `"${a.version}"`).send(a);
      },
    );

    app.put(
      "/cases/:id/assessment",
      {
        schema: {
          tags: ["examination"],
          operationId: "saveAssessment",
          summary: "Save the case's assessment (a new version; every version is kept)",
          description:
            "Needs the right event.examination. Once an assessment exists, send If-Match with its ETag (428 without, 412 when stale). Each fact assessed must be a material fact of the case and a segment named must be an interview segment of the case (422).",
          params: IdParams,
          headers: ASSESSMENT_HEADERS,
          body: AssessmentContentSchema,
          response: { 200: AssessmentSchema, ...writeErrors },
          responseHeaders: { 200: ["etag"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.examination");
        const expected = ifMatch(req.headers["if-match"], "assessment", false);
        const a = await saveCaseAssessment(ctx, actorOf(req), req.params.id, req.body, expected);
        return reply.header("etag", `"${a.version}"`).send(a);
      },
    );

    app.get(
      "/cases/:id/assessment/versions/:version",
      {
        schema: {
          tags: ["examination"],
          operationId: "getAssessmentVersion",
          summary: "One saved version of the case's assessment",
          description: "Needs the right case.read on the case. The read is recorded.",
          params: AssessmentVersionParams,
          response: { 200: AssessmentVersionSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        const v = await getAssessmentVersion(ctx, actorOf(req), req.params.id, req.params.version);
        return { version: v.version, content: v.content, recordedBy: v.updatedBy, recordedAt: v.updatedAt };
      },
    );

    app.get(
      "/cases/:id/assessment/check",
      {
        schema: {
          tags: ["examination"],
          operationId: "checkAssessment",
          summary: "What a decision draft would be refused for now",
          description:
            "The check a decision draft must pass before it goes to a supervisor: every material fact has a finding; a rejection on an inconsistency names the interview segment where the applicant was asked to explain it; every COI citation a fact relies on has its publication and access dates; a conclusion is drawn, and a refusal states the remedies. Needs the right case.read. Nothing is submitted.",
          params: IdParams,
          response: { 200: CheckResultSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "case.read");
        return checkCase(ctx, actorOf(req), req.params.id);
      },
    );

    app.get(
      "/cases/:id/assessment/reasons",
      {
        schema: {
          tags: ["examination"],
          operationId: "previewReasons",
          summary: "The decision's reasons as the assessment gives them, and the decision event allowed now",
          description:
            "Needs the right event.decision on the case (the reasons name the evidence). 422 when there is no assessment; 409 when the procedure allows no decision now.",
          params: IdParams,
          querystring: z.object({ language: ReasonsLanguageSchema.default("ko") }),
          response: { 200: ReasonsPreviewSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "event.decision");
        return previewReasons(ctx, actorOf(req), req.params.id, req.query.language);
      },
    );

    app.post(
      "/cases/:id/assessment/draft",
      {
        schema: {
          tags: ["examination"],
          operationId: "draftDecisionFromAssessment",
          summary: "Draft the decision from the assessment",
          description:
            "Composes the reasons from the assessment and records the decision event the case's profile allows now (in kr-refugee-act: decision_issued, or redecision_issued after an annulment) through the ordinary path, with If-Match the case's ETag: the profile decides it, the check runs (422 with every gap in `issues`), and it is kept as a draft for a supervisor (202).",
          params: IdParams,
          headers: CaseWriteHeaders,
          body: DraftFromAssessmentSchema,
          response: { 201: CaseViewSchema, 202: DecisionDraftSchema, ...writeErrors },
          responseHeaders: { 202: ["location"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "event.decision");
        const version = ifMatch(req.headers["if-match"], "case", true) ?? 0;
        const done = await draftFromAssessment(ctx, actorOf(req), req.params.id, version, req.body);
        if (done.kind === "drafted")
          return reply.code(202).header("location", `/api/v1/approvals/${done.draft.id}`).send(done.draft);
        return reply.code(201).send(done.view);
      },
    );
  };
