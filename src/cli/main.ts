/**
 * `openrsd`: the operator's command line. `serve` runs the server; `migrate` and `verify` work on
 * the database; `demo`, `cases` and `holidays` talk to a running server through its API.
 */
import { Command } from "commander";
import { registerAccessCommands } from "./commands/access.ts";
import { registerDataCommands } from "./commands/data.ts";
import { registerIntegrityCommands } from "./commands/integrity.ts";
import { registerApiCommands } from "./commands/api.ts";
import { registerServe } from "./commands/serve.ts";
import { registerStatsCommands } from "./commands/stats.ts";
import { registerSimulateCommand } from "./commands/simulate.ts";
import { ApiError } from "./client.ts";

const program = new Command()
  .name("openrsd")
  .description("OpenRSD: refugee status determination case system (Korean Refugee Act procedure)")
  .showHelpAfterError();

registerServe(program);
registerDataCommands(program);
registerAccessCommands(program);
registerIntegrityCommands(program);
registerApiCommands(program);
registerStatsCommands(program);
registerSimulateCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ApiError) {
    console.error(`error (${err.status}): ${err.message}`);
    if (err.problem?.allowedEvents)
      console.error(`allowed events: ${err.problem.allowedEvents.join(", ") || "none"}`);
  } else {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
});
