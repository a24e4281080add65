/**
 * Who the load generator is: a supervisor of the Seoul office (where the seeded cases are), made
 * through the application's own commands, with an API token that it sends as `Authorization: Bearer`.
 * A supervisor may read the office's cases and record summons_served (event.examination).
 */
import type { Actor } from "../src/app/actor.ts";
import { addAccount, issueApiToken } from "../src/security/commands/accounts.ts";
import type { AppContext } from "../src/app/context.ts";
import { systemPrincipal } from "../src/security/access/policy.ts";

const ADMIN: Actor = { principal: systemPrincipal("bench"), address: "local" };
export const BENCH_USERNAME = "bench-supervisor";
export const BENCH_OFFICE = "seoul";

/** The account and its API token (the token is shown once, here, and kept only in memory). */
export async function benchCredentials(ctx: AppContext): Promise<{ accountId: string; token: string }> {
  const { account } = await addAccount(ctx, ADMIN, {
    username: BENCH_USERNAME,
    displayName: "Benchmark supervisor",
    role: "supervisor",
    officeId: BENCH_OFFICE,
    service: true,
  });
  const { token } = await issueApiToken(ctx, ADMIN, BENCH_USERNAME, "benchmark load generator", [
    "case.read",
    "case.list",
    "event.examination",
  ]);
  return { accountId: account.id, token };
}
