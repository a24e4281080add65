import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { addCountries } from "./add-countries.ts";
import { updateContact } from "./update-contact.ts";
import { createPerson } from "./create-person.ts";
import {
  IdempotencyHeaders,
  IdParams,
  PersonContactSchema,
  PersonCountriesSchema,
  PersonDuplicateListSchema,
  PersonDuplicatesQuerySchema,
  PersonInputSchema,
  PersonListSchema,
  PersonSchema,
  PersonSearchSchema,
  ProblemSchema,
} from "../contracts/api.ts";
import { getPerson } from "./get-person.ts";
import {
  PersonLinkInputSchema,
  PersonLinkListSchema,
  PersonLinkSchema,
  PersonMatchListSchema,
} from "../contracts/persons-matching.ts";
import { findMatches } from "./matching/find-matches.ts";
import { linkPersons, listLinks } from "./matching/link-persons.ts";
import { findPersonsByIdentifier } from "./find-persons.ts";
import { findDuplicates } from "./find-duplicates.ts";
import { requireRight } from "../server/auth.ts";
import { actorOf } from "../server/actor.ts";
import { idempotent } from "../server/idempotency.ts";
import type { ServerDeps } from "../server/deps.ts";

export const personRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/persons",
      {
        schema: {
          tags: ["persons"],
          operationId: "registerPerson",
          description:
            "Needs the right person.create. Names in any script; identifiers and the most sensitive facts are encrypted, and an identifier is found again only by its exact value (POST /persons/search). Accepts Idempotency-Key.",
          summary: "Register a person (names in any script)",
          body: PersonInputSchema,
          headers: IdempotencyHeaders,
          response: { 201: PersonSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
          responseHeaders: { 201: ["location"] },
        },
      },
      async (req, reply) => {
        requireRight(req, "person.create");
        const actor = actorOf(req);
        return idempotent(deps.ctx, req, reply, actor.principal.accountId, async () => {
          const person = await createPerson(deps.ctx, actor, req.body);
          return { status: 201, body: person, headers: { location: `/api/v1/persons/${person.id}` } };
        });
      },
    );
    app.post(
      "/persons/:id/countries",
      {
        schema: {
          tags: ["persons"],
          operationId: "addPersonCountries",
          summary: "Add countries the applicant fears, or where they habitually lived",
          description:
            "Needs the right person.update and a person the principal reaches (else 404, like one that does not exist). Countries are only added, never taken away, so the country-of-origin barrier on disclosures only grows; a real feared country takes the place of XXX (unknown). At most 10 in each list. The change is recorded.",
          params: IdParams,
          body: PersonCountriesSchema,
          response: { 200: PersonSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "person.update");
        return addCountries(deps.ctx, actorOf(req), req.params.id, req.body);
      },
    );
    app.put(
      "/persons/:id/contact",
      {
        schema: {
          tags: ["persons"],
          operationId: "updatePersonContact",
          summary: "Change the applicant's contact details and intake representative",
          description:
            "Needs the right person.update and a person the principal reaches (else 404, like one that does not exist). Both are replaced as given (null removes one) and stored encrypted. The change is recorded, without its content.",
          params: IdParams,
          body: PersonContactSchema,
          response: { 200: PersonSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "person.update");
        return updateContact(deps.ctx, actorOf(req), req.params.id, req.body);
      },
    );
    app.post(
      "/persons/search",
      {
        schema: {
          tags: ["persons"],
          operationId: "searchPersons",
          summary: "Find persons by the exact value of an identifier (through a keyed blind index)",
          description:
            "A POST so that the document number travels in the body, never in a URL that proxies and logs keep.",
          body: PersonSearchSchema,
          response: {
            200: PersonListSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "person.read");
        const items = await findPersonsByIdentifier(
          deps.ctx,
          actorOf(req),
          req.body.identifierKind,
          req.body.identifier,
        );
        return reply.code(200).send({ items });
      },
    );
    app.post(
      "/persons/duplicates",
      {
        schema: {
          tags: ["persons"],
          operationId: "findDuplicatePersons",
          summary: "Persons already registered who may be the one about to be registered",
          description:
            "Needs the right person.read. Before registering, intake asks whether the person is already known: by the exact value of an identifier (through its blind index), or by one of the names (the same words, in any order and case), the same date of birth and the same nationality. Answers only persons the principal reaches, with their cases at offices it reaches. A POST so that nothing sensitive travels in a URL; the check is recorded with the number of matches, never the terms.",
          body: PersonDuplicatesQuerySchema,
          response: {
            200: PersonDuplicateListSchema,
            401: ProblemSchema,
            403: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "person.read");
        const items = await findDuplicates(deps.ctx, actorOf(req), req.body);
        return reply.code(200).send({ items });
      },
    );
    app.get(
      "/persons/:id/matches",
      {
        schema: {
          tags: ["persons"],
          operationId: "findPersonMatches",
          summary:
            "Earlier persons who may be this person, across scripts and spellings, scored and explained",
          description:
            "Needs the right person.read and a person the principal reaches (else 404, like one that does not exist). Candidates come from the blind index of each identifier and from keyed blocking keys on name sounds with the birth year, day and month, or nationality; only persons the principal reaches are decrypted and scored (Fellegi-Sunter weights, Jaro-Winkler similarity on romanized name parts in any order). Answers the pairs at or above the threshold, those sharing an identifier, and those already decided, best first, each with its reasons in English and Korean, its cases at offices the principal reaches and how each ended. Nothing is linked automatically. The query is recorded with the number of persons compared and proposed.",
          params: IdParams,
          response: {
            200: PersonMatchListSchema,
            403: ProblemSchema,
            404: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req) => {
        requireRight(req, "person.read");
        return findMatches(deps.ctx, actorOf(req), req.params.id);
      },
    );
    app.get(
      "/persons/:id/links",
      {
        schema: {
          tags: ["persons"],
          operationId: "listPersonLinks",
          summary: "The decisions confirming or rejecting that another person record is this person",
          description:
            "Needs the right person.read and a person the principal reaches (else 404). The current decision of each pair (the latest), with its reason, note, who and when; pairs with persons out of the principal's reach are left out.",
          params: IdParams,
          response: { 200: PersonLinkListSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "person.read");
        return { items: await listLinks(deps.ctx, actorOf(req), req.params.id) };
      },
    );
    app.post(
      "/persons/:id/links",
      {
        schema: {
          tags: ["persons"],
          operationId: "decidePersonLink",
          summary: "Confirm or reject that another person record is this person",
          description:
            "Needs the right person.update and both persons within the principal's reach (else 404). A reason code fitting the decision is required; \"other\" needs a note, which is stored encrypted. A later decision on the same pair replaces the earlier one, which stays in the history. Confirmed persons' cases can then be named as a subsequent application's earlier cases. Recorded without the note.",
          params: IdParams,
          body: PersonLinkInputSchema,
          response: { 201: PersonLinkSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req, reply) => {
        requireRight(req, "person.update");
        const link = await linkPersons(deps.ctx, actorOf(req), req.params.id, req.body);
        return reply.code(201).send(link);
      },
    );
    app.get(
      "/persons/:id",
      {
        schema: {
          tags: ["persons"],
          operationId: "getPerson",
          description:
            "Needs the right person.read, and a person the principal reaches (by the offices of their cases); any other answers 404, exactly like one that does not exist. The read is recorded.",
          summary: "A person",
          params: IdParams,
          response: { 200: PersonSchema, 404: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => getPerson(deps.ctx, actorOf(req), req.params.id),
    );
  };
