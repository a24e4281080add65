import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import pino from "pino";
import { refreshDueProjections, refreshStaleFolds } from "../../cases/refresh-projections.ts";
import { sweepExpiredUploads } from "../../evidence/uploads/sweep-uploads.ts";
import { vaultOf } from "../../evidence/vault/vault.ts";
import { today } from "../../app/context.ts";
import { createDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../demo/accounts.ts";
import { inProcessTarget, loadDemo } from "../../demo/load.ts";
import { buildServer } from "../../server/app.ts";
import { mailSettingsFromEnv } from "../../notifications/sender.ts";
import { countCases } from "../../cases/db/cases.ts";
import { issueOperatorToken, OPERATOR_TOKEN_FILE, SERVER_FILE } from "../operator.ts";
import { keysOption, signingKeyOf } from "../keys.ts";
import { dataOption, positiveInt } from "../options.ts";
import { dataDirOf, describeDatabase, openApp } from "../runtime.ts";

const HOUR = 60 * 60 * 1000;

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("start the server (embedded PostgreSQL unless DATABASE_URL is set)")
    .option("--port <n>", "port to listen on (env PORT, default 8080)", positiveInt)
    .option("--host <host>", "address to bind (env HOST, default 127.0.0.1)")
    .addOption(dataOption())
    .addOption(keysOption())
    .option("--demo", "load the fictional demo dataset and demo accounts if the database has no cases yet")
    .option("--demo-cases <n>", "number of demo cases", positiveInt, 400)
    .action(
      async (opts: {
        port?: number;
        host?: string;
        data?: string;
        keys?: string;
        demo?: boolean;
        demoCases: number;
      }) => {
        if (opts.demo && process.env.NODE_ENV === "production") {
          throw new Error("demo data is refused when NODE_ENV=production");
        }
        const port = opts.port ?? Number(process.env.PORT ?? 8080);
        const host = opts.host ?? process.env.HOST ?? "127.0.0.1";
        const origin = process.env.OPENRSD_ORIGIN ?? `http://localhost:${port}`;
        const dataDir = dataDirOf(opts);
        const log = pino({ level: process.env.LOG_LEVEL ?? "info" });
        console.log(`OpenRSD: opening ${describeDatabase(opts)} …`);
        const signingKey = signingKeyOf(opts);
        const { ctx, applied, masterKey } = await openApp(opts, { log, signingKey });
        if (applied.length) console.log(`applied migrations: ${applied.join(", ")}`);
        const keyWhere =
          masterKey.source === "env"
            ? "from OPENRSD_MASTER_KEY"
            : `${masterKey.created ? "created " : ""}${masterKey.path}`;
        console.log(`master key: ${keyWhere} (owner-only; keep a copy apart from the database's backups)`);
        console.log(
          `audit signing key: ${signingKey.created ? "created " : ""}${signingKey.source} ` +
            `(public key ${signingKey.publicKeyBase64}: write it down where the checkpoints are kept)`,
        );

        if (opts.demo) {
          if ((await countCases(ctx.db)) === 0) {
            console.log(`loading ${opts.demoCases} fictional demo cases …`);
            const summary = await loadDemo(inProcessTarget(ctx, "demo-loader"), {
              cases: opts.demoCases,
              today: today(ctx),
              calendar: ctx.calendar(),
              onProgress: (done, total) => {
                if (done % 50 === 0 || done === total) process.stdout.write(`  ${done}/${total} cases\n`);
              },
            });
            console.log(
              `demo data: ${summary.persons} persons, ${summary.cases} cases, ${summary.events} events`,
            );
          }
          const created = await createDemoAccounts(ctx);
          if (created) console.log(`created ${created} demo accounts`);
        }
        const refolded = await refreshStaleFolds(ctx);
        if (refolded) console.log(`recomputed ${refolded} case views under the current procedure rules`);
        const refreshed = await refreshDueProjections(ctx);
        if (refreshed) console.log(`brought ${refreshed} case views up to date`);
        const swept = await sweepExpiredUploads(ctx);
        if (swept) console.log(`forgot ${swept} unfinished evidence uploads past their expiry`);
        console.log(`evidence: ${vaultOf(ctx).describe()}`);
        await issueOperatorToken(ctx, dataDir);

        const app = await buildServer({
          ctx,
          origin,
          logger: { level: process.env.LOG_LEVEL ?? "warn" },
          demo: opts.demo === true,
          mail: mailSettingsFromEnv(process.env, origin),
        });
        const timer = setInterval(() => {
          refreshDueProjections(ctx).catch((err: unknown) => log.error({ err }, "projection refresh failed"));
          sweepExpiredUploads(ctx).catch((err: unknown) =>
            log.error({ err }, "sweeping expired uploads failed"),
          );
        }, HOUR);
        timer.unref();

        await app.listen({ port, host });
        const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
        const serverFile = path.join(dataDir, SERVER_FILE);
        writeFileSync(serverFile, JSON.stringify({ pid: process.pid, url }), { mode: 0o600 });
        console.log(`OpenRSD is running on ${describeDatabase(opts)}`);
        // The session cookie is Secure and passkeys are bound to the origin: on this machine, the
        // browser should use the origin's name (localhost), which browsers treat as secure.
        const loopback = ["127.0.0.1", "localhost", "::1"].includes(host);
        console.log(`  Web:          ${loopback ? origin : url}/   (sign in in the browser)`);
        console.log(`  API:          ${url}/api/v1`);
        console.log(`  API docs:     ${url}/api/docs  (OpenAPI: ${url}/api/openapi.json)`);
        if (opts.demo) {
          console.log(
            `  sign in as a demo user (password "${DEMO_PASSWORD}", code: ./bin/openrsd demo-code <username>):`,
          );
          for (const a of DEMO_ACCOUNTS)
            console.log(`    ${a.username.padEnd(20)} ${a.role}${a.officeId ? ` (${a.officeId})` : ""}`);
          console.log(
            `  e.g.: curl -c jar -X POST ${url}/api/v1/auth/login -H 'content-type: application/json' \\`,
          );
          console.log(
            `          -d "{\\"username\\":\\"demo-examiner\\",\\"password\\":\\"${DEMO_PASSWORD}\\",\\"totp\\":\\"$(./bin/openrsd demo-code demo-examiner)\\"}"`,
          );
        }
        console.log("Press Ctrl+C to stop.");

        let stopping = false;
        const stop = async () => {
          if (stopping) return;
          stopping = true;
          clearInterval(timer);
          await app.close();
          await ctx.db.close();
          rmSync(serverFile, { force: true });
          rmSync(path.join(dataDir, OPERATOR_TOKEN_FILE), { force: true });
          process.exit(0);
        };
        process.on("SIGINT", () => void stop());
        process.on("SIGTERM", () => void stop());
      },
    );
}
