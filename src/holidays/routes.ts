/** Public holidays per jurisdiction: official ones and those an administrator adds. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ExtraHoliday } from "../kernel/calendar/holidays.ts";
import { addHoliday } from "./add-holiday.ts";
import { listHolidays } from "./list-holidays.ts";
import { today } from "../app/context.ts";
import {
  HolidayAddedSchema,
  HolidayInputSchema,
  HolidayYearSchema,
  HolidayQuerySchema,
  IdempotencyHeaders,
  ProblemSchema,
} from "../contracts/api.ts";
import { actorOf } from "../server/actor.ts";
import { requireRight } from "../server/auth.ts";
import { idempotent } from "../server/idempotency.ts";
import type { ServerDeps } from "../server/deps.ts";

export const holidayRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/holidays",
      {
        schema: {
          tags: ["holidays"],
          operationId: "listHolidays",
          description:
            "Needs the right holiday.read. Sundays are not listed: a period never ends on one (CA 161).",
          summary: "Public holidays of a year (besides Sundays), official and added",
          querystring: HolidayQuerySchema,
          response: { 200: HolidayYearSchema, 403: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req) => {
        requireRight(req, "holiday.read");
        const { year, jurisdiction } = req.query;
        return listHolidays(deps.ctx, year ?? Number(today(deps.ctx).slice(0, 4)), jurisdiction);
      },
    );

    app.post(
      "/holidays",
      {
        schema: {
          tags: ["holidays"],
          operationId: "addHoliday",
          summary: "Add a temporary holiday or election day",
          description: "Due dates on or after the new holiday are recomputed at once (CA 161).",
          body: HolidayInputSchema,
          headers: IdempotencyHeaders,
          response: {
            201: HolidayAddedSchema,
            403: ProblemSchema,
            409: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        requireRight(req, "holiday.manage");
        const actor = actorOf(req);
        return idempotent(deps.ctx, req, reply, actor.principal.accountId, async () => ({
          status: 201,
          body: await addHoliday(deps.ctx, actor, holidayOf(req.body), req.body.jurisdiction),
        }));
      },
    );
  };

/** The holiday without the jurisdiction it is added to. */
function holidayOf(body: z.infer<typeof HolidayInputSchema>): ExtraHoliday {
  const { jurisdiction: _j, ...holiday } = body;
  return holiday;
}
