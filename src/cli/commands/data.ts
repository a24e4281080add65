import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { verifyChains, type ChainReport } from "../../store/event-store.ts";
import { isHolderAlive, readLock } from "../../store/lock.ts";
import { migrate } from "../../store/migrate.ts";
import { apiClient } from "../client.ts";
import { dataOption } from "../options.ts";
import { dataDirOf, databaseUrlOf, describeDatabase, openForCommand } from "../runtime.ts";
import { SERVER_FILE } from "./serve.ts";

/** The URL of a server that holds this data directory, if one is running. */
function runningServer(dataDir: string): { pid: number; url: string | null } | null {
  const lock = readLock(dataDir);
  if (!lock || !isHolderAlive(lock.pid)) return null;
  const file = path.join(dataDir, SERVER_FILE);
  let url: string | null = null;
  if (existsSync(file)) {
    try {
      url = (JSON.parse(readFileSync(file, "utf8")) as { url?: string }).url ?? null;
    } catch {
      url = null;
    }
  }
  return { pid: lock.pid, url };
}

export function printChainReport(report: ChainReport): void {
  console.log(`checked ${report.cases} case chains, ${report.events} events`);
  if (report.ok) {
    console.log("all hash chains are intact");
  } else if (report.firstBad) {
    console.log(
      `FIRST BAD ENTRY: case ${report.firstBad.caseId}, sequence ${report.firstBad.sequence}: ${report.firstBad.reason}`,
    );
  }
}

export function registerDataCommands(program: Command): void {
  program
    .command("migrate")
    .description("apply the database migrations (the server also applies them at start)")
    .addOption(dataOption())
    .action(async (opts: { data?: string }) => {
      if (!databaseUrlOf(opts)) {
        const server = runningServer(dataDirOf(opts));
        if (server) {
          console.log(
            `the server (process ${server.pid}) holds ${dataDirOf(opts)} and applied the migrations when it started`,
          );
          return;
        }
      }
      const db = await openForCommand(opts);
      try {
        const applied = await migrate(db);
        console.log(
          applied.length ? `applied: ${applied.join(", ")}` : `${describeDatabase(opts)} is up to date`,
        );
      } finally {
        await db.close();
      }
    });

  program
    .command("verify")
    .description(
      "check every case's hash chain and name the first entry that was altered, removed or reordered",
    )
    .addOption(dataOption())
    .action(async (opts: { data?: string }) => {
      let report: ChainReport;
      const server = databaseUrlOf(opts) ? null : runningServer(dataDirOf(opts));
      if (server) {
        if (!server.url)
          throw new Error(
            `the server (process ${server.pid}) holds the data directory but did not say where it listens`,
          );
        console.log(`asking the running server at ${server.url} (it holds the data directory)`);
        report = (await apiClient(server.url).request<ChainReport>("GET", "/integrity")).body;
      } else {
        const db = await openForCommand(opts);
        try {
          report = await verifyChains(db);
        } finally {
          await db.close();
        }
      }
      printChainReport(report);
      if (!report.ok) process.exitCode = 2;
    });
}
