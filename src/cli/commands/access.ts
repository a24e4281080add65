/**
 * Access at the machine (docs/security.md requirement 18; docs/operations.md, "Break-glass"). No
 * token gives access, the operator's included, so these commands work on the database itself:
 * with the embedded database, only while no server holds the data directory. A request made here
 * waits for an administrator's approval in the web like any other, unless `--break-glass` approves
 * it at once: that raises a critical alert, and the approval waits for an administrator's review.
 * The first administrator of a new installation is made this way.
 */
import type { Command } from "commander";
import {
  approveAccessRequest,
  listAccessRequests,
  requestAccess,
  type AccessRequested,
} from "../../security/commands/access-requests.ts";
import { findAccountByUsername } from "../../security/identity/accounts.ts";
import { isRole, ROLES } from "../../security/access/rights.ts";
import type { AppContext } from "../../app/context.ts";
import { AppError } from "../../app/errors.ts";
import { runningServer } from "../operator.ts";
import { keysOption, signingKeyOf } from "../keys.ts";
import { dataOption } from "../options.ts";
import { dataDirOf, databaseUrlOf, openApp } from "../runtime.ts";
import { LOCAL } from "./data.ts";

interface BreakGlassOptions {
  breakGlass?: boolean;
  reason?: string;
}

/** Run on the database itself; refused while a server holds the embedded data directory. */
async function atTheMachine<T>(opts: { data?: string; keys?: string }, run: (ctx: AppContext) => Promise<T>) {
  const server = databaseUrlOf(opts) ? null : runningServer(dataDirOf(opts));
  if (server)
    throw new Error(
      `the server (process ${server.pid}) holds the data directory: access is given at the machine on the database itself, never through the API. Stop the server and run this again, or ask an administrator in the web.`,
    );
  const { ctx } = await openApp(opts, { signingKey: signingKeyOf(opts) });
  try {
    return await run(ctx);
  } catch (e) {
    if (e instanceof AppError) throw new Error(e.message);
    throw e;
  } finally {
    await ctx.db.close();
  }
}

function breakGlassOf(opts: BreakGlassOptions): { reason: string } | null {
  if (!opts.breakGlass) {
    if (opts.reason) throw new Error("--reason goes with --break-glass");
    return null;
  }
  if (!opts.reason)
    throw new Error("--break-glass needs --reason: why no second administrator could approve");
  return { reason: opts.reason };
}

const origin = () => process.env.OPENRSD_ORIGIN ?? "http://localhost:8080";

async function approveHere(ctx: AppContext, id: string, breakGlass: { reason: string }): Promise<void> {
  const approved = await approveAccessRequest(ctx, LOCAL, id, { breakGlass });
  console.log(
    `approved by break-glass: request ${id} (${approved.request.kind} ${approved.request.username})`,
  );
  console.log("a critical alert was raised; the approval waits for an administrator's review in the web");
  if (approved.enrolmentCode)
    console.log(
      `one-time enrolment code (give it to the user, apart from the link): ${approved.enrolmentCode}`,
    );
  if (approved.token) console.log(approved.token);
}

function printRequested(r: AccessRequested): void {
  console.log(`requested: ${r.request.id} (${r.request.kind} ${r.request.username})`);
  if (r.enrolmentLink)
    console.log(`enrolment link (shown once; give it to the user): ${origin()}/enrol#${r.enrolmentLink}`);
}

export function registerAccessCommands(program: Command): void {
  const users = program.command("users").description("accounts");
  users
    .command("add")
    .description(
      "request an account (approved by another administrator in the web, or here with --break-glass); its user sets their own password and second factor at enrolment",
    )
    .addOption(dataOption())
    .addOption(keysOption())
    .requiredOption("--username <name>")
    .requiredOption("--role <role>", ROLES.join(", "))
    .option("--office <code>", "the office the account works for (roles that span offices have none)")
    .option("--display-name <name>")
    .option(
      "--service",
      "a service account for another system: no password, no sign-in; it acts through API tokens",
    )
    .option("--break-glass", "approve at once without a second administrator: raises a critical alert")
    .option("--reason <text>", "with --break-glass: why no second administrator could approve")
    .action(
      async (
        opts: {
          data?: string;
          username: string;
          role: string;
          office?: string;
          displayName?: string;
          service?: boolean;
        } & BreakGlassOptions,
      ) => {
        const role = opts.role;
        if (!isRole(role)) throw new Error(`--role must be one of: ${ROLES.join(", ")}`);
        const breakGlass = breakGlassOf(opts);
        await atTheMachine(opts, async (ctx) => {
          const requested = await requestAccess(ctx, LOCAL, {
            kind: "account",
            username: opts.username,
            displayName: opts.displayName ?? opts.username,
            role,
            officeId: opts.office ?? null,
            service: opts.service === true,
          });
          printRequested(requested);
          if (breakGlass) await approveHere(ctx, requested.request.id, breakGlass);
        });
      },
    );

  const tokens = program.command("tokens").description("API tokens for other systems");
  tokens
    .command("create")
    .description(
      "request an API token for a service account, with the rights it needs (approved in the web, or here with --break-glass, which prints the token once)",
    )
    .addOption(dataOption())
    .addOption(keysOption())
    .requiredOption("--username <name>")
    .requiredOption("--name <name>", 'what the token is for, e.g. "court e-filing bridge"')
    .requiredOption(
      "--scope <rights>",
      "comma-separated rights of the account's role, e.g. case.read,case.list",
    )
    .option("--break-glass", "approve at once without a second administrator: raises a critical alert")
    .option("--reason <text>", "with --break-glass: why no second administrator could approve")
    .action(
      async (opts: { data?: string; username: string; name: string; scope: string } & BreakGlassOptions) => {
        const breakGlass = breakGlassOf(opts);
        await atTheMachine(opts, async (ctx) => {
          const account = await findAccountByUsername(ctx.db, opts.username);
          if (!account) throw new Error(`no account named ${opts.username}`);
          const requested = await requestAccess(ctx, LOCAL, {
            kind: "token",
            accountId: account.id,
            name: opts.name,
            scopes: opts.scope
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          });
          printRequested(requested);
          if (breakGlass) await approveHere(ctx, requested.request.id, breakGlass);
        });
      },
    );

  const access = program
    .command("access")
    .description("access requests (a second administrator, or break-glass)");
  access
    .command("list")
    .description("requests waiting for a decision, and break-glass approvals waiting for review")
    .addOption(dataOption())
    .addOption(keysOption())
    .action(async (opts: { data?: string }) => {
      await atTheMachine(opts, async (ctx) => {
        for (const r of await listAccessRequests(ctx, LOCAL)) {
          const what = r.kind === "token" ? `${r.tokenName} (${(r.scopes ?? []).join(",")})` : (r.role ?? "");
          const state = r.state === "pending" ? "pending" : `break-glass by ${r.decidedBy}, not reviewed`;
          console.log(
            `${r.id}  ${r.kind.padEnd(7)}  ${r.username}  ${what}  requested by ${r.requestedBy}  ${state}`,
          );
        }
      });
    });
  access
    .command("approve <id>")
    .description("approve a request without a second administrator (break-glass): raises a critical alert")
    .addOption(dataOption())
    .addOption(keysOption())
    .requiredOption("--break-glass", "at the machine, an approval is always break-glass")
    .requiredOption("--reason <text>", "why no second administrator could approve")
    .action(async (id: string, opts: { data?: string } & BreakGlassOptions) => {
      const breakGlass = breakGlassOf(opts);
      if (!breakGlass) throw new Error("give --break-glass and --reason");
      await atTheMachine(opts, (ctx) => approveHere(ctx, id, breakGlass));
    });
}
