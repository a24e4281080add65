/**
 * Machine translation engines (docs/translation.md, "Engines"), against local HTTP servers that
 * implement LibreTranslate's and the OpenAI Chat Completions API's published contracts
 * (test/support/engine-servers.ts), never the internet: none by default; the configuration
 * checked; inside or outside the deployment; nothing sent unless an administrator enabled the
 * pair and the engine is inside (or allowed outside); what each adapter sends and records; each
 * engine's documented errors, a slow engine and one that is down answer 502 or 503, never 500.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../../src/app/context.ts";
import { AppError } from "../../src/app/errors.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrate.ts";
import {
  engineConfigsFromEnv,
  EngineConfigError,
  enginesOf,
  isInsideHost,
  listEngines,
  machineDraft,
  parseEngineConfigs,
  setEnginePair,
  useTranslationEngines,
} from "../../src/translations/engines/index.ts";
import { SYSTEM } from "../support/auth.ts";
import { startLibreTranslate, startOpenAiCompatible, type EngineServer } from "../support/engine-servers.ts";

describe("where an engine is", () => {
  it.each([
    "127.0.0.1",
    "localhost",
    "[::1]",
    "10.1.2.3",
    "172.16.0.9",
    "172.31.255.1",
    "192.168.1.20",
    "169.254.10.1",
    "[fd12:3456::1]",
    "[fe80::1]",
    "[::ffff:10.0.0.1]",
    "libretranslate",
    "mt.internal",
    "mt.office.local",
    "LibreTranslate.",
  ])("%s is inside the deployment", (host) => {
    expect(isInsideHost(host)).toBe(true);
  });

  it.each([
    "8.8.8.8",
    "172.32.0.1",
    "api.openai.com",
    "mt.example.go.kr",
    "[2001:db8::1]",
    "[::ffff:8.8.8.8]",
  ])("%s is outside", (host) => {
    expect(isInsideHost(host)).toBe(false);
  });
});

describe("the engines' configuration", () => {
  it("names no engine by default", () => {
    expect(engineConfigsFromEnv({})).toEqual([]);
    expect(engineConfigsFromEnv({ OPENRSD_TRANSLATION_ENGINES: " " })).toEqual([]);
  });

  it("reads the environment's JSON array", () => {
    const [lt, ai] = engineConfigsFromEnv({
      OPENRSD_TRANSLATION_ENGINES: JSON.stringify([
        { id: "lt", kind: "libretranslate", url: "http://libretranslate:5000" },
        {
          id: "llm",
          kind: "openai-compatible",
          url: "https://llm.example.org/v1",
          model: "m-1",
          apiKey: "k",
          allowExternal: true,
          timeoutMs: 5000,
        },
      ]),
    });
    expect(lt).toMatchObject({
      id: "lt",
      external: false,
      allowExternal: false,
      timeoutMs: 30_000,
      apiKey: null,
    });
    expect(ai).toMatchObject({
      id: "llm",
      external: true,
      allowExternal: true,
      timeoutMs: 5000,
      model: "m-1",
    });
  });

  it("refuses a configuration that is not right, naming what is wrong and never a key", () => {
    const bad = (value: unknown) => () => parseEngineConfigs(value);
    expect(bad([{ id: "x", kind: "deepl", url: "http://x" }])).toThrow(/0\.kind/);
    expect(bad([{ id: "x", kind: "libretranslate", url: "ftp://x" }])).toThrow(/0\.url/);
    expect(bad([{ id: "x", kind: "libretranslate", url: "http://u:secret@x" }])).toThrow(/credentials/);
    expect(bad([{ id: "x", kind: "openai-compatible", url: "http://x" }])).toThrow(/needs a model/);
    expect(
      bad([
        { id: "x", kind: "libretranslate", url: "http://x" },
        { id: "x", kind: "libretranslate", url: "http://y" },
      ]),
    ).toThrow(/twice/);
    expect(bad([{ id: "x", kind: "libretranslate", url: "http://x", apiKey: "sekrit", extra: 1 }])).toThrow(
      EngineConfigError,
    );
    try {
      parseEngineConfigs([{ id: "x", kind: "libretranslate", url: "http://x", apiKey: "sekrit", extra: 1 }]);
    } catch (e) {
      expect((e as Error).message).not.toContain("sekrit");
    }
    expect(() => engineConfigsFromEnv({ OPENRSD_TRANSLATION_ENGINES: "[{" })).toThrow(/not JSON/);
  });
});

describe.each(createTestDatabases())("machine drafts on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  let lt: EngineServer;
  let keyed: EngineServer;
  let ai: EngineServer;

  const problem = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    return { kind: err.kind, message: err.message };
  };
  const enable = (engine: string, source = "ko", target = "km", enabled = true) =>
    setEnginePair(ctx, SYSTEM, engine, { source, target, enabled });

  beforeAll(async () => {
    test = await factory.open();
    await migrate(test.db);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32) });
    lt = await startLibreTranslate();
    keyed = await startLibreTranslate({ apiKey: "lt-key" });
    ai = await startOpenAiCompatible({ model: "local-mt", apiKey: "ai-key" });
    useTranslationEngines(ctx, {
      engines: [
        { id: "lt", kind: "libretranslate", url: lt.url, timeoutMs: 400 },
        { id: "lt-keyed", kind: "libretranslate", url: keyed.url, apiKey: "lt-key" },
        { id: "lt-wrong-key", kind: "libretranslate", url: keyed.url, apiKey: "not-the-key" },
        {
          id: "llm",
          kind: "openai-compatible",
          url: ai.url,
          model: "local-mt",
          apiKey: "ai-key",
          timeoutMs: 400,
        },
        { id: "cloud", kind: "libretranslate", url: "https://mt.example.com" },
        { id: "down", kind: "libretranslate", url: "http://127.0.0.1:9", timeoutMs: 1000 },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all([lt?.close(), keyed?.close(), ai?.close()]);
    await test?.dispose();
  });

  it("lists the configured engines, where they are, and no pair until one is enabled", async () => {
    const engines = await listEngines(ctx);
    expect(engines.map((e) => [e.id, e.external, e.allowExternal, e.pairs.length])).toEqual([
      ["lt", false, false, 0],
      ["lt-keyed", false, false, 0],
      ["lt-wrong-key", false, false, 0],
      ["llm", false, false, 0],
      ["cloud", true, false, 0],
      ["down", false, false, 0],
    ]);
    expect(JSON.stringify(engines)).not.toMatch(/apiKey|lt-key"/);
    expect(JSON.stringify(engines)).not.toContain("ai-key");
  });

  it("sends nothing for a pair no administrator enabled", async () => {
    expect(await problem(machineDraft(ctx, "lt", "ko", "km", ["안녕하세요."]))).toEqual({
      kind: "conflict",
      message: expect.stringMatching(/not enabled for ko → km/),
    });
    expect(await problem(machineDraft(ctx, "nope", "ko", "km", ["안녕하세요."]))).toMatchObject({
      kind: "conflict",
      message: expect.stringMatching(/no translation engine nope/),
    });
    expect(lt.received).toEqual([]);
  });

  it("never enables or sends to an engine outside the deployment without the configuration's leave", async () => {
    expect(await problem(enable("cloud"))).toMatchObject({
      kind: "conflict",
      message: expect.stringMatching(/outside the deployment \(mt\.example\.com\)/),
    });
    // Even a pair enabled before the configuration changed sends nothing.
    await test.db.query(
      `INSERT INTO translation_engine_pairs VALUES ('cloud', 'ko', 'km', true, '00000000-0000-0000-0000-000000000000', now())`,
    );
    expect(await problem(machineDraft(ctx, "cloud", "ko", "km", ["안녕하세요."]))).toMatchObject({
      kind: "conflict",
      message: expect.stringMatching(/allowExternal/),
    });
  });

  it("drafts through LibreTranslate once the pair is enabled, as its API asks", async () => {
    const engine = await enable("lt");
    expect(engine.pairs).toEqual([
      { source: "ko", target: "km", enabled: true, enabledBy: null, enabledAt: expect.any(String) },
    ]);
    const out = await machineDraft(ctx, "lt", "ko", "km", ["첫 문장.", "둘째 문장."]);
    expect(out).toEqual({
      texts: ["[km] 첫 문장.", "[km] 둘째 문장."],
      engine: { engine: "lt", name: "libretranslate", model: "libretranslate", version: null },
    });
    expect(lt.received.at(-1)).toMatchObject({
      method: "POST",
      path: "/translate",
      body: { q: ["첫 문장.", "둘째 문장."], source: "ko", target: "km", format: "text" },
    });
    // Only the pair enabled: the other direction is not.
    expect((await problem(machineDraft(ctx, "lt", "km", "ko", ["x"]))).kind).toBe("conflict");
    // Disabled again, nothing more is sent.
    await enable("lt", "ko", "km", false);
    const sent = lt.received.length;
    expect((await problem(machineDraft(ctx, "lt", "ko", "km", ["x"]))).kind).toBe("conflict");
    expect(lt.received).toHaveLength(sent);
    await enable("lt");
  });

  it("sends LibreTranslate's API key, and says so when it is refused", async () => {
    await enable("lt-keyed");
    await enable("lt-wrong-key");
    expect((await machineDraft(ctx, "lt-keyed", "ko", "km", ["문장."])).texts).toEqual(["[km] 문장."]);
    expect(keyed.received.at(-1)?.body).toMatchObject({ api_key: "lt-key" });
    expect(await problem(machineDraft(ctx, "lt-wrong-key", "ko", "km", ["문장."]))).toEqual({
      kind: "engine_failed",
      message: expect.stringMatching(/lt-wrong-key refused this server \(HTTP 403/),
    });
  });

  it("turns LibreTranslate's documented errors into 502 and 503 problems", async () => {
    // A pair the server does not have: its 400.
    await enable("lt", "km", "km-Latn");
    expect(await problem(machineDraft(ctx, "lt", "km", "km-Latn", ["x"]))).toMatchObject({
      kind: "engine_failed",
      message: expect.stringMatching(/HTTP 400/),
    });
    for (const [status, kind] of [
      [429, "engine_unavailable"],
      [500, "engine_failed"],
      [502, "engine_unavailable"],
    ] as const) {
      lt.fail({ status, body: { error: "Slowdown: 5 per minute" } });
      expect((await problem(machineDraft(ctx, "lt", "ko", "km", ["x"]))).kind).toBe(kind);
    }
    lt.fail({ status: 200, body: {} });
    lt.fail(null);
    expect((await machineDraft(ctx, "lt", "ko", "km", ["x"])).texts).toEqual(["[km] x"]);
  });

  it("gives up on a slow engine at its time limit, and on one that is down", async () => {
    lt.fail({ status: 200, delayMs: 1500 });
    const started = Date.now();
    expect(await problem(machineDraft(ctx, "lt", "ko", "km", ["x"]))).toEqual({
      kind: "engine_unavailable",
      message: expect.stringMatching(/did not answer within 0\.4 s/),
    });
    expect(Date.now() - started).toBeLessThan(1400);
    lt.fail(null);
    await enable("down");
    expect(await problem(machineDraft(ctx, "down", "ko", "km", ["x"]))).toMatchObject({
      kind: "engine_unavailable",
      message: expect.stringMatching(/cannot be reached/),
    });
  });

  it("drafts through an OpenAI-compatible endpoint, recording the model and fingerprint", async () => {
    await enable("llm");
    const out = await machineDraft(ctx, "llm", "ko", "km", ["첫 문장.", "{date}까지 제출하십시오."]);
    expect(out).toEqual({
      texts: ["[km] 첫 문장.", "[km] {date}까지 제출하십시오."],
      engine: { engine: "llm", name: "openai-compatible", model: "local-mt-2026-01", version: "fp_local_1" },
    });
    const last = ai.received.at(-1)!;
    expect(last.path).toBe("/v1/chat/completions");
    expect(last.headers.authorization).toBe("Bearer ai-key");
    const body = last.body as {
      model: string;
      messages: { role: string; content: string }[];
      temperature: number;
    };
    expect(body.model).toBe("local-mt");
    expect(body.temperature).toBe(0);
    expect(body.messages[0]).toMatchObject({ role: "system" });
    expect(body.messages[0]!.content).toMatch(/from Korean \(ko\) into Khmer \(km\).*translation only/);
    expect(body.messages[1]).toEqual({ role: "user", content: "{date}까지 제출하십시오." });
  });

  it("turns the OpenAI-compatible API's errors into 502 and 503 problems", async () => {
    const cases: [number, unknown, string, RegExp][] = [
      [
        401,
        { error: { message: "Incorrect API key", type: "invalid_request_error", code: "invalid_api_key" } },
        "engine_failed",
        /API key/,
      ],
      [
        404,
        { error: { message: "no model", type: "invalid_request_error", code: "model_not_found" } },
        "engine_failed",
        /model local-mt/,
      ],
      [
        429,
        { error: { message: "Rate limit", type: "requests", code: "rate_limit_exceeded" } },
        "engine_unavailable",
        /slow down/,
      ],
      [500, { error: { message: "oops", type: "server_error", code: null } }, "engine_failed", /HTTP 500/],
      [
        503,
        { error: { message: "overloaded", type: "server_error", code: null } },
        "engine_unavailable",
        /overloaded/,
      ],
    ];
    for (const [status, body, kind, message] of cases) {
      ai.fail({ status, body });
      expect(await problem(machineDraft(ctx, "llm", "ko", "km", ["x"]))).toEqual({
        kind,
        message: expect.stringMatching(message),
      });
    }
    ai.fail({ status: 200, delayMs: 1500 });
    expect((await problem(machineDraft(ctx, "llm", "ko", "km", ["x"]))).kind).toBe("engine_unavailable");
    ai.fail(null);
  });

  it("answers nothing for nothing, without calling the engine", async () => {
    const before = ai.received.length;
    expect(await machineDraft(ctx, "llm", "ko", "km", [])).toMatchObject({ texts: [] });
    expect(ai.received).toHaveLength(before);
  });

  it("keeps the engines given at start-up", () => {
    expect(enginesOf(ctx).byId("lt")?.url).toBe(lt.url);
  });
});
