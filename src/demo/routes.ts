/**
 * Demo mode only (`openrsd serve --demo`, refused when NODE_ENV=production): the demo accounts
 * and their current TOTP codes, so that a newcomer can sign in with the browser alone. The demo
 * accounts are fictional and their secrets are derived from their names (src/demo/accounts.ts):
 * they protect nothing, which is why this route exists only beside the demo data.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoCode } from "./accounts.ts";
import type { ServerDeps } from "../server/deps.ts";

export const DemoAccountsSchema = z.object({
  password: z.string(),
  accounts: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      role: z.string(),
      officeId: z.string().nullable(),
      code: z.string().describe("The account's TOTP code now (it changes every 30 seconds)"),
    }),
  ),
});

export const demoRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/public/demo-accounts",
      {
        schema: {
          tags: ["demo"],
          summary: "Demo mode only: the fictional demo accounts and their current second-factor codes",
          response: { 200: DemoAccountsSchema },
        },
      },
      async () => {
        const now = deps.ctx.clock();
        return {
          password: DEMO_PASSWORD,
          accounts: DEMO_ACCOUNTS.map((a) => ({
            username: a.username,
            displayName: a.displayName,
            role: a.role,
            officeId: a.officeId,
            code: demoCode(a.username, now),
          })),
        };
      },
    );
  };
