/**
 * docs/security.md requirements 12 and 14 over real connections: the access record of a worklist
 * load names the address it came from, also when the browser cancels the fetch before the answer
 * (a filter changed, a page left). Node forgets a closed socket's peer; the address is kept from
 * when the request arrived, so the request neither fails with a 500 nor goes unrecorded.
 */
import { randomBytes } from "node:crypto";
import net from "node:net";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAppContext, type AppContext } from "../../src/app/context.ts";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { buildServer } from "../../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { newSignedInUser, testClock, type TestUser } from "../support/auth.ts";

interface LogLine {
  level: number;
  msg?: string;
  err?: { message?: string };
}

describe.each(createTestDatabases())("the client's address in access records on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  let app: FastifyInstance;
  let examiner: TestUser;
  let port = 0;
  const log: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line) log.push(JSON.parse(line) as LogLine);
      done();
    },
  });

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    const clock = testClock(new Date("2026-11-24T03:00:00Z"));
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    await seedHolidays(ctx);
    // "warn", as `openrsd serve` logs: at "info" the request log reads the address early, and
    // Node then keeps it; the server must not depend on that.
    app = await buildServer({ ctx, logger: { level: "warn", stream } });
    examiner = await newSignedInUser(app, ctx, "ca-examiner", "examiner", "seoul");
    await app.listen({ port: 0, host: "127.0.0.1" });
    const a = app.server.address();
    port = typeof a === "object" && a ? a.port : 0;
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  const worklistRecords = () =>
    test.db.query<{ address: string; outcome: string }>(
      "SELECT address, outcome FROM audit_log WHERE action = 'deadline.list' AND actor = $1 ORDER BY seq",
      [examiner.username],
    );
  // A 5xx answer is logged at "error" (50) with its cause (src/server/problem.ts).
  const serverErrors = () => log.filter((l) => l.level >= 50).map((l) => l.err?.message ?? l.msg);

  it("records the address of a worklist loaded over HTTP", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/deadlines?status=open&limit=50`, {
      headers: { cookie: examiner.cookie },
    });
    expect(res.status, await res.text()).toBe(200);
    expect(await worklistRecords()).toEqual([{ address: "127.0.0.1", outcome: "ok" }]);
    expect(serverErrors()).toEqual([]);
  });

  it("records the address of a worklist load the client cancelled, and logs no error", async () => {
    const before = (await worklistRecords()).length;
    // As a browser that aborts a fetch: the request is sent, and the connection closed at once.
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.end(
            `GET /api/v1/deadlines?status=missed&limit=50 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
              `Cookie: ${examiner.cookie}\r\n\r\n`,
            () => {
              socket.destroy();
              resolve();
            },
          );
        });
        socket.on("error", reject);
      });
    }
    await vi.waitFor(async () => expect((await worklistRecords()).length).toBe(before + 3), {
      timeout: 10_000,
    });
    const records = (await worklistRecords()).slice(before);
    expect(records).toEqual(Array(3).fill({ address: "127.0.0.1", outcome: "ok" }));
    expect(serverErrors()).toEqual([]);
  });
});
