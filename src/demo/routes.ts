/**
 * Demo mode only (`openrsd serve --demo`, refused when NODE_ENV=production): the demo accounts
 * and their current TOTP codes, so that a newcomer can sign in with the browser alone. The demo
 * accounts are fictional and their secrets are derived from their names (src/demo/accounts.ts):
 * they protect nothing, which is why this route exists only beside the demo data.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoCode } from "./accounts.ts";
import { DemoAccountsSchema } from "../contracts/api.ts";
import type { ServerDeps } from "../server/deps.ts";

export { DemoAccountsSchema };

export const demoRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.get(
      "/public/demo-accounts",
      {
        schema: {
          tags: ["demo"],
          operationId: "listDemoAccounts",
          security: [],
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
