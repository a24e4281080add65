/**
 * Operator commands: they go through the API of a server that holds the data directory (with the
 * local operator token), or, when none is running, open the database themselves. Either way the
 * embedded data directory is never open in two processes at once.
 */
import { APPEND_ONLY_TABLES, grantAppRole } from "../../store/app-role.ts";
import { AUDIT_MONTH_RULE, parseAuditMonth } from "../../security/audit/report.ts";
import type { Command } from "commander";
import { monthlyReport, rotate } from "../../security/commands/operations.ts";
import type { Actor } from "../../app/actor.ts";
import type { AppContext } from "../../app/context.ts";
import { demoCode } from "../../demo/accounts.ts";
import { systemPrincipal } from "../../security/access/policy.ts";
import { formatAuditReport } from "../../security/audit/format.ts";
import type { AuditReport } from "../../security/audit/report.ts";
import { migrate } from "../../store/migrate.ts";
import type { ApiClient } from "../client.ts";
import { runningServer } from "../operator.ts";
import { keysOption, masterKeyOf, signingKeyOf } from "../keys.ts";
import { dataOption } from "../options.ts";
import { dataDirOf, databaseUrlOf, describeDatabase, openApp, openForCommand } from "../runtime.ts";
import { openKeyring } from "../../security/crypto/keyring.ts";
import { sealExisting } from "../../security/commands/seal-existing.ts";

export const LOCAL: Actor = { principal: systemPrincipal("operator-cli"), address: "local" };

/** Run through the running server's API, or directly on the database when no server holds it. */
export async function operate<T>(
  opts: { data?: string; keys?: string },
  viaApi: (client: ApiClient) => Promise<T>,
  direct: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  const server = databaseUrlOf(opts) ? null : runningServer(dataDirOf(opts));
  if (server) {
    if (!server.client)
      throw new Error(
        `the server (process ${server.pid}) holds the data directory, but its operator token is missing`,
      );
    console.error(`(through the running server, process ${server.pid})`);
    return viaApi(server.client);
  }
  const signingKey = signingKeyOf(opts);
  const { ctx } = await openApp(opts, { signingKey });
  try {
    return await direct(ctx);
  } finally {
    await ctx.db.close();
  }
}

export function registerDataCommands(program: Command): void {
  program
    .command("migrate")
    .description("apply the database migrations (the server also applies them at start)")
    .addOption(dataOption())
    .addOption(keysOption())
    .option(
      "--grant-app-role <role>",
      "then give this existing PostgreSQL role the application's rights: append-only on the logs, no DDL",
    )
    .action(async (opts: { data?: string; grantAppRole?: string }) => {
      if (opts.grantAppRole && !databaseUrlOf(opts)) {
        throw new Error("--grant-app-role needs DATABASE_URL (the embedded database has a single user)");
      }
      const server = databaseUrlOf(opts) ? null : runningServer(dataDirOf(opts));
      if (server) {
        console.log(
          `the server (process ${server.pid}) holds ${dataDirOf(opts)} and applied the migrations when it started`,
        );
        return;
      }
      const db = await openForCommand(opts);
      try {
        const applied = await migrate(db);
        console.log(
          applied.length ? `applied: ${applied.join(", ")}` : `${describeDatabase(opts)} is up to date`,
        );
        // Rows written before names and free text were encrypted: sealed now, as the owner.
        const keyring = await openKeyring(db, masterKeyOf(opts).key);
        const sealing = await sealExisting(db, keyring);
        const sealed = Object.entries(sealing.sealed).filter(([, n]) => n > 0);
        if (sealed.length) {
          console.log(`sealed rows written in plain text: ${sealed.map(([t, n]) => `${t} ${n}`).join(", ")}`);
        }
        if (opts.grantAppRole) {
          const [where] = await db.query<{ schema: string }>("SELECT current_schema() AS schema");
          await grantAppRole(db, opts.grantAppRole, where?.schema ?? "public");
          console.log(
            `${opts.grantAppRole} may now run OpenRSD on schema ${where?.schema ?? "public"}: ` +
              `append-only on ${APPEND_ONLY_TABLES.join(" and ")}, no schema changes`,
          );
        }
      } finally {
        await db.close();
      }
    });

  const auditCmd = program.command("audit").description("the access records (PIPA)");
  auditCmd
    .command("report")
    .description("the monthly review for the data protection officer")
    .addOption(dataOption())
    .addOption(keysOption())
    .requiredOption("--month <YYYY-MM>", "the calendar month (Asia/Seoul)")
    .option("--json", "print JSON")
    .action(async (opts: { data?: string; month: string; json?: boolean }) => {
      if (!parseAuditMonth(opts.month)) throw new Error(`--month must be ${AUDIT_MONTH_RULE}`);
      const report = await operate(
        opts,
        async (client) =>
          (await client.request<AuditReport>("GET", `/audit/report?month=${opts.month}`)).body,
        (ctx) => monthlyReport(ctx, LOCAL, opts.month),
      );
      console.log(opts.json ? JSON.stringify(report, null, 2) : formatAuditReport(report));
    });

  const keysCmd = program.command("keys").description("encryption keys");
  keysCmd
    .command("rotate")
    .description(
      "rotate the key-encryption key: every data key is re-wrapped; old records still decrypt; no downtime",
    )
    .addOption(dataOption())
    .addOption(keysOption())
    .action(async (opts: { data?: string }) => {
      const r = await operate(
        opts,
        async (client) =>
          (await client.request<{ kekVersion: number; rewrapped: number }>("POST", "/keys/rotate")).body,
        (ctx) => rotate(ctx, LOCAL),
      );
      console.log(`key-encryption key is now version ${r.kekVersion}; ${r.rewrapped} data keys re-wrapped`);
    });

  program
    .command("demo-code <username>")
    .description("the current TOTP code of a demo account (demo mode only)")
    .action((username: string) => {
      if (process.env.NODE_ENV === "production")
        throw new Error("demo accounts are refused when NODE_ENV=production");
      console.log(demoCode(username));
    });
}
