/**
 * The load generator's process (started by load.ts): keep-alive HTTP/1.1 connections, one per
 * client, driven by the closed loop of loop.ts. Receives one HttpLoadSpec, answers one result.
 */
import http from "node:http";
import type { HttpLoadSpec, LoadChildMessage } from "./load.ts";
import { measure, type Operation } from "./loop.ts";

interface Answer {
  status: number;
  etag: string | undefined;
  body: Buffer;
}

/** Headers every request carries: the API token, where the server needs one. */
let common: Record<string, string> = {};

function request(
  agent: http.Agent,
  base: URL,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, method, path, agent, headers: { ...common, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const etag = res.headers.etag;
          resolve({ status: res.statusCode ?? 0, etag, body: Buffer.concat(chunks) });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function failure(what: string, a: Answer): Error {
  return new Error(`${what}: HTTP ${a.status} ${a.body.toString("utf8").slice(0, 300)}`);
}

const versionOf = (etag: string | undefined) => Number(/"(\d+)"/.exec(etag ?? "")?.[1] ?? NaN);

async function readOperation(agent: http.Agent, base: URL, spec: HttpLoadSpec): Promise<Operation> {
  const ids = spec.caseIds;
  return async () => {
    const id = ids[Math.floor(Math.random() * ids.length)];
    const a = await request(agent, base, "GET", `/api/v1/cases/${id}`);
    if (a.status !== 200) throw failure(`GET case ${id}`, a);
    return true;
  };
}

async function appendOperation(agent: http.Agent, base: URL, spec: HttpLoadSpec): Promise<Operation> {
  const ids = spec.caseIds.slice(0, spec.clients);
  if (ids.length < spec.clients) throw new Error(`append needs ${spec.clients} cases, got ${ids.length}`);
  const body = JSON.stringify({
    type: "summons_served",
    occurredOn: spec.today,
    interviewOn: spec.interviewOn,
    method: "post",
  });
  const fetchVersion = async (id: string) => {
    const a = await request(agent, base, "GET", `/api/v1/cases/${id}`);
    if (a.status !== 200) throw failure(`GET case ${id}`, a);
    return versionOf(a.etag);
  };
  const versions = await Promise.all(ids.map(fetchVersion));
  return async (client) => {
    const id = ids[client] ?? "";
    const headers = { "content-type": "application/json", "if-match": `"${versions[client]}"` };
    const a = await request(agent, base, "POST", `/api/v1/cases/${id}/events`, headers, body);
    if (a.status === 201) {
      versions[client] = versionOf(a.etag);
      return true;
    }
    versions[client] = await fetchVersion(id);
    throw failure(`POST event on ${id}`, a);
  };
}

/** The k-th request appends one event to caseIds[k]: each case's history as seeded, plus k's own. */
async function appendEachOperation(agent: http.Agent, base: URL, spec: HttpLoadSpec): Promise<Operation> {
  const body = JSON.stringify({
    type: "summons_served",
    occurredOn: spec.today,
    interviewOn: spec.interviewOn,
    method: "post",
  });
  const versions = new Map<string, number>();
  for (const id of new Set(spec.caseIds)) {
    const a = await request(agent, base, "GET", `/api/v1/cases/${id}`);
    if (a.status !== 200) throw failure(`GET case ${id}`, a);
    versions.set(id, versionOf(a.etag));
  }
  let next = 0;
  return async () => {
    const id = spec.caseIds[next++ % spec.caseIds.length] ?? "";
    const headers = { "content-type": "application/json", "if-match": `"${versions.get(id)}"` };
    const a = await request(agent, base, "POST", `/api/v1/cases/${id}/events`, headers, body);
    if (a.status !== 201) throw failure(`POST event on ${id}`, a);
    versions.set(id, versionOf(a.etag));
    return true;
  };
}

async function run(spec: HttpLoadSpec) {
  const base = new URL(spec.baseUrl);
  common = spec.token ? { authorization: `Bearer ${spec.token}` } : {};
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.clients });
  try {
    const make =
      spec.operation === "read"
        ? readOperation
        : spec.operation === "append"
          ? appendOperation
          : appendEachOperation;
    const op = await make(agent, base, spec);
    const window = (phase: "start" | "end") =>
      process.send?.({ type: "window", phase } satisfies LoadChildMessage);
    return await measure(spec.clients, spec.warmupMs, spec.durationMs, op, window, spec.requests);
  } finally {
    agent.destroy();
  }
}

function reply(message: LoadChildMessage): void {
  process.send?.(message, () => process.exit(0));
}

process.once("message", (spec: HttpLoadSpec) => {
  run(spec).then(
    (result) => reply({ type: "result", result }),
    (err: unknown) => reply({ type: "error", message: err instanceof Error ? err.message : String(err) }),
  );
});
