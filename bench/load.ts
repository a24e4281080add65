/**
 * The HTTP load generator, run in a child process so that its work (building requests, reading
 * responses) is not done on the server's event loop: like a real client, it only shares the CPUs.
 */
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { cpuMs, perRequest, type CellResult } from "./loop.ts";

export interface HttpLoadSpec {
  /**
   * read: GET a case; append: POST an event, each client on a case of its own; append-each:
   * POST an event on caseIds[k] for the k-th request (one client, `requests` requests).
   */
  operation: "read" | "append" | "append-each";
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  clients: number;
  warmupMs: number;
  durationMs: number;
  /** read: a case picked at random per request; append: client i records on caseIds[i]. */
  caseIds: string[];
  /** append: the event's date (today in Asia/Seoul) and the summoned interview's date. */
  today: string;
  interviewOn: string;
  /** An API token, sent as `Authorization: Bearer` with every request; none for the bare server. */
  token?: string;
  /** Stop after this many requests (the measured run), if the time has not run out before. */
  requests?: number;
}

/** `cpuMsPerRequest` is the load generator's; `serverCpuMsPerRequest` the server process's. */
export interface HttpCellResult extends CellResult {
  serverCpuMsPerRequest: number;
}

export type LoadChildMessage =
  | { type: "window"; phase: "start" | "end" }
  | { type: "result"; result: CellResult }
  | { type: "error"; message: string };

const CHILD = fileURLToPath(new URL("./load-child.ts", import.meta.url));

export function httpLoad(spec: HttpLoadSpec): Promise<HttpCellResult> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = fork(CHILD, [], {
    execArgv: ["--import", tsx],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise<HttpCellResult>((resolve, reject) => {
    let settled = false;
    // The server runs in this process: its CPU time over the child's measured window.
    let since = process.cpuUsage();
    let serverCpuMs = 0;
    child.on("message", (message: LoadChildMessage) => {
      if (message.type === "window") {
        if (message.phase === "start") since = process.cpuUsage();
        else serverCpuMs = cpuMs(since);
        return;
      }
      settled = true;
      if (message.type === "result") {
        const { result } = message;
        resolve({ ...result, serverCpuMsPerRequest: perRequest(serverCpuMs, result.requests) });
      } else reject(new Error(`load generator: ${message.message}`));
    });
    child.once("exit", (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${code} before reporting`));
    });
    child.send(spec);
  });
}
