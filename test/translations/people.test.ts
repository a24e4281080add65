/**
 * Whom a translation can be given to (GET /translation-people), through the API on both
 * databases: the active accounts whose role holds translation.work, of the requester's office or
 * of none; not a disabled one, not another office's; only for those who may request one.
 */
import type { FastifyInstance } from "fastify";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../../src/app/context.ts";
import { buildServer } from "../../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import { createUser, newSignedInUser, sessionHeaders, testClock, type TestUser } from "../support/auth.ts";

describe.each(createTestDatabases())("translation people on $kind", (factory) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let ctx: AppContext;
  const clock = testClock(new Date("2026-12-06T03:00:00Z"));
  let examiner: TestUser;
  let translator: TestUser;

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    app = await buildServer({ ctx });
    examiner = await newSignedInUser(app, ctx, "tp-examiner", "examiner", "seoul");
    translator = await newSignedInUser(app, ctx, "tp-translator", "translator", null);
    await createUser(ctx, "tp-translator-2", "translator", null);
    await createUser(ctx, "tp-supervisor", "supervisor", "seoul");
    await createUser(ctx, "tp-busan-examiner", "examiner", "busan");
    await createUser(ctx, "tp-clerk", "intake_clerk", "seoul");
    const gone = await createUser(ctx, "tp-gone", "translator", null);
    await test.db.query("UPDATE accounts SET disabled_at = now() WHERE id = $1", [gone.id]);
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
  });

  it("lists the translators and the office's staff who translate, for a requester", async () => {
    const res = await app.inject({ url: "/api/v1/translation-people", headers: sessionHeaders(examiner) });
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json<{ items: { displayName: string; role: string }[] }>().items;
    expect(names.map((p) => p.displayName).sort()).toEqual([
      "tp-examiner",
      "tp-supervisor",
      "tp-translator",
      "tp-translator-2",
    ]);
    expect(names.find((p) => p.displayName === "tp-translator")?.role).toBe("translator");
  });

  it("is refused to a translator, who requests nothing", async () => {
    const res = await app.inject({ url: "/api/v1/translation-people", headers: sessionHeaders(translator) });
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
  });
});
