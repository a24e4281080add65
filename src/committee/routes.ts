/** The Refugee Committee's agenda and its members' votes. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  AgendaEntrySchema,
  AgendaInputSchema,
  AgendaParams,
  AgendaQuerySchema,
  AgendaSchema,
  ProblemSchema,
  VoteInputSchema,
} from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import type { ServerDeps } from "../server/deps.ts";
import { addToAgenda, listAgenda } from "./agenda.ts";
import { castVote } from "./vote.ts";

const errors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
};

export const committeeRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/committee/agenda",
      {
        schema: {
          tags: ["committee"],
          operationId: "listCommitteeAgenda",
          summary: "The Refugee Committee's agenda: the cases before its meetings",
          description:
            "Needs the right committee.agenda. Meetings from `from` (default: 30 days ago; a member never sees earlier ones, whose cases they no longer reach) to `to`. Each case with its applicant's names (each case shown is in the access record), stage and the votes the caller may see: a member their own, the secretariat every member's and the tally.",
          querystring: AgendaQuerySchema,
          response: { 200: AgendaSchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "committee.agenda");
        return { items: await listAgenda(deps.ctx, actorOf(req), req.query) };
      },
    );

    app.post(
      "/committee/agenda",
      {
        schema: {
          tags: ["committee"],
          operationId: "addToCommitteeAgenda",
          summary: "Put a case on the agenda of a committee meeting",
          description:
            "Needs the right committee.agenda_manage (the committee's secretariat). The committee's members then reach the case until 30 days after the meeting. A case already on that meeting's agenda answers 409.",
          body: AgendaInputSchema,
          response: { 201: AgendaEntrySchema, ...errors },
        },
      },
      async (req, reply) => {
        requireRight(req, "committee.agenda_manage");
        return reply.code(201).send(await addToAgenda(deps.ctx, actorOf(req), req.body));
      },
    );

    app.put(
      "/committee/agenda/:caseId/:meetingOn/vote",
      {
        schema: {
          tags: ["committee"],
          operationId: "castCommitteeVote",
          summary: "Record (or change) the signed-in member's vote on a case on the agenda",
          description:
            "Needs the right committee.vote and a case on the agenda of that meeting (else 404). A vote to dismiss gives its reasons (422 otherwise). A member who took part in the decision under review may not vote (RA 26: 409). Each vote is in the access record; the reasons are stored encrypted.",
          params: AgendaParams,
          body: VoteInputSchema,
          response: { 200: AgendaEntrySchema, ...errors },
        },
      },
      async (req) => {
        requireRight(req, "committee.vote");
        return castVote(deps.ctx, actorOf(req), req.params, req.body);
      },
    );
  };
