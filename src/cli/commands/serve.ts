import { writeFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import pino from "pino";
import { refreshDueProjections } from "../../app/commands/refresh-projections.ts";
import { today } from "../../app/context.ts";
import { loadDemo, inProcessTarget } from "../../demo/load.ts";
import { buildServer } from "../../server/app.ts";
import { countCases } from "../../store/cases.ts";
import { dataDirOf, databaseUrlOf, describeDatabase, openApp } from "../runtime.ts";
import { dataOption, positiveInt } from "../options.ts";

const HOUR = 60 * 60 * 1000;

/** Where a running server says it listens, so that other commands on the same data directory can find it. */
export const SERVER_FILE = "server.json";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("start the server (embedded PostgreSQL unless DATABASE_URL is set)")
    .option("--port <n>", "port to listen on (env PORT, default 8080)", positiveInt)
    .option("--host <host>", "address to bind (env HOST, default 127.0.0.1)")
    .addOption(dataOption())
    .option("--demo", "load the fictional demo dataset if the database has no cases yet")
    .option("--demo-cases <n>", "number of demo cases", positiveInt, 400)
    .action(
      async (opts: { port?: number; host?: string; data?: string; demo?: boolean; demoCases: number }) => {
        if (opts.demo && process.env.NODE_ENV === "production") {
          throw new Error("demo data is refused when NODE_ENV=production");
        }
        const port = opts.port ?? Number(process.env.PORT ?? 8080);
        const host = opts.host ?? process.env.HOST ?? "127.0.0.1";
        const log = pino({ level: process.env.LOG_LEVEL ?? "info" });
        console.log(`OpenRSD: opening ${describeDatabase(opts)} …`);
        const { ctx, applied } = await openApp(opts, { log });
        if (applied.length) console.log(`applied migrations: ${applied.join(", ")}`);

        if (opts.demo && (await countCases(ctx.db)) === 0) {
          console.log(`loading ${opts.demoCases} fictional demo cases …`);
          const summary = await loadDemo(inProcessTarget(ctx, "demo"), {
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
        const refreshed = await refreshDueProjections(ctx);
        if (refreshed) console.log(`brought ${refreshed} case views up to date`);

        const app = await buildServer({
          ctx,
          defaultActor: opts.demo ? "demo" : "operator",
          logger: { level: process.env.LOG_LEVEL ?? "warn" },
        });
        const timer = setInterval(() => {
          refreshDueProjections(ctx).catch((err: unknown) => log.error({ err }, "projection refresh failed"));
        }, HOUR);
        timer.unref();

        await app.listen({ port, host });
        const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
        const serverFile = databaseUrlOf(opts) ? null : path.join(dataDirOf(opts), SERVER_FILE);
        if (serverFile) writeFileSync(serverFile, JSON.stringify({ pid: process.pid, url }), { mode: 0o600 });
        console.log(`OpenRSD is running on ${describeDatabase(opts)}`);
        console.log(`  API:          ${url}/api/v1`);
        console.log(`  API docs:     ${url}/api/docs  (OpenAPI: ${url}/api/openapi.json)`);
        if (opts.demo) console.log(`  try:          ${url}/api/v1/deadlines?status=open&limit=5`);
        console.log("Press Ctrl+C to stop.");

        let stopping = false;
        const stop = async () => {
          if (stopping) return;
          stopping = true;
          clearInterval(timer);
          await app.close();
          await ctx.db.close();
          if (serverFile) rmSync(serverFile, { force: true });
          process.exit(0);
        };
        process.on("SIGINT", () => void stop());
        process.on("SIGTERM", () => void stop());
      },
    );
}
