/**
 * The engines through HTTP (docs/translation.md, "Engines"): an administrator sees the engines the
 * deployment names and enables one for a language pair (recorded); an examiner may read them to
 * request a translation; nobody else may; an engine outside the deployment is shown as such and
 * cannot be enabled without its configuration's leave; API keys never leave the server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/contracts/translations.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { machineDraft, useTranslationEngines } from "../../src/translations/engines/index.ts";
import type { TestUser } from "../support/auth.ts";
import { startLibreTranslate, type EngineServer } from "../support/engine-servers.ts";
import { openHarness, type Harness } from "../security/fixture.ts";

describe.each(createTestDatabases())("translation engines through HTTP on $kind", (factory) => {
  let h: Harness;
  let lt: EngineServer;
  const u = {} as Record<"admin" | "examiner" | "supervisor" | "translator" | "analyst", TestUser>;

  beforeAll(async () => {
    h = await openHarness(factory);
    lt = await startLibreTranslate({ apiKey: "secret-key-1" });
    u.admin = await h.user("te-admin", "administrator", null);
    u.examiner = await h.user("te-examiner", "examiner", "seoul");
    u.supervisor = await h.user("te-supervisor", "supervisor", "seoul");
    u.translator = await h.user("te-translator", "translator", null);
    u.analyst = await h.user("te-analyst", "analyst", null);
  });
  afterAll(async () => {
    await lt?.close();
    await h?.close();
  });

  it("lists no engine when the deployment names none", async () => {
    const res = await h.call(u.admin, "GET", "/api/v1/translation-engines");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([]);
  });

  it("lets an administrator enable an engine for a pair, recorded, and shows who", async () => {
    useTranslationEngines(h.ctx, {
      engines: [
        { id: "office-lt", kind: "libretranslate", url: `${lt.url}/?api_key=leak`, apiKey: "secret-key-1" },
        {
          id: "cloud-llm",
          kind: "openai-compatible",
          url: "https://llm.example.com/v1",
          model: "m",
          apiKey: "sk-2",
        },
      ],
    });
    const put = await h.call(u.admin, "PUT", "/api/v1/translation-engines/office-lt/pairs", {
      source: "ko",
      target: "km",
      enabled: true,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<Engine>()).toMatchObject({
      id: "office-lt",
      external: false,
      pairs: [{ source: "ko", target: "km", enabled: true, enabledBy: u.admin.username }],
    });
    const audit = await h.ctx.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_log WHERE action = 'translation_engine.pair'",
    );
    expect(audit.map((a) => a.details)).toEqual([
      { engine: "office-lt", source: "ko", target: "km", enabled: true },
    ]);
    expect((await machineDraft(h.ctx, "office-lt", "ko", "km", ["문장."])).texts).toEqual(["[km] 문장."]);

    const list = await h.call(u.examiner, "GET", "/api/v1/translation-engines");
    expect(list.statusCode).toBe(200);
    const engines = list.json<Engine[]>();
    expect(engines.map((e) => [e.id, e.external, e.allowExternal])).toEqual([
      ["office-lt", false, false],
      ["cloud-llm", true, false],
    ]);
    expect(list.body).not.toMatch(/secret-key-1|sk-2|leak/);
  });

  it("refuses to enable an engine outside the deployment without its configuration's leave", async () => {
    const res = await h.call(u.admin, "PUT", "/api/v1/translation-engines/cloud-llm/pairs", {
      source: "ko",
      target: "km",
      enabled: true,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ detail: string }>().detail).toMatch(/outside the deployment \(llm\.example\.com\)/);
    // Disabling is always allowed.
    const off = await h.call(u.admin, "PUT", "/api/v1/translation-engines/cloud-llm/pairs", {
      source: "ko",
      target: "km",
      enabled: false,
    });
    expect(off.statusCode).toBe(200);
  });

  it("answers bad input with a clear problem", async () => {
    const put = (id: string, body: unknown) =>
      h.call(u.admin, "PUT", `/api/v1/translation-engines/${id}/pairs`, body);
    expect((await put("nope", { source: "ko", target: "km", enabled: true })).statusCode).toBe(404);
    expect((await put("office-lt", { source: "ko", target: "ko", enabled: true })).statusCode).toBe(422);
    expect((await put("office-lt", { source: "ko", target: "zz", enabled: true })).statusCode).toBe(422);
    expect((await put("office-lt", { source: "ko", target: "km" })).statusCode).toBe(422);
  });

  it("lets nobody else see or change the engines", async () => {
    for (const who of [u.translator, u.analyst]) {
      expect((await h.call(who, "GET", "/api/v1/translation-engines")).statusCode).toBe(403);
    }
    for (const who of [u.examiner, u.supervisor, u.translator]) {
      const res = await h.call(who, "PUT", "/api/v1/translation-engines/office-lt/pairs", {
        source: "ko",
        target: "km",
        enabled: false,
      });
      expect(res.statusCode).toBe(403);
    }
  });
});
