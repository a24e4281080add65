/**
 * The review's rules beyond the first walk-through (docs/translation.md, "States and review"), on
 * PGlite and (with TEST_DATABASE_URL) PostgreSQL: a machine draft from a local server speaking
 * LibreTranslate's API stays initial and named until a person takes it, and is never sent for an
 * interview's record; an imported file's rows follow the same rules, row by row; a source that
 * loses and gains units removes and adds exactly those segments.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../../src/store/db.ts";
import { useTranslationEngines } from "../../src/translations/engines/index.ts";
import { importSegments } from "../../src/translations/segments.ts";
import type { Actor } from "../../src/app/actor.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";
import type { TestUser } from "../support/auth.ts";
import { startLibreTranslate, type EngineServer } from "../support/engine-servers.ts";
import { openHarness, type Harness } from "../security/fixture.ts";
import { body, TestSources, type JobView, type SegmentView } from "./support.ts";

describe.each(createTestDatabases())("translation review and sync on $kind", (factory) => {
  let h: Harness;
  let lt: EngineServer;
  const sources = new TestSources();
  const u = {} as Record<"clerk" | "examiner" | "supervisor" | "translator" | "admin", TestUser>;
  let caseId: string;

  const call = (who: TestUser, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    h.call(who, method, url, payload);
  const read = async (who: TestUser, id: string) =>
    body<JobView>(await call(who, "GET", `/api/v1/translations/${id}`));
  const request = async (ref: string, extra: Record<string, unknown> = {}) => {
    const res = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "fact_statement",
      ref,
      targetLanguages: ["km"],
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return body<JobView[]>(res)[0]!;
  };
  /** The actor of a test user, as the server makes it from their session. */
  const actor = (who: TestUser, role: "examiner" | "supervisor" | "translator"): Actor => ({
    principal: {
      accountId: who.id,
      username: who.username,
      role,
      officeId: role === "translator" ? null : "seoul",
      via: "session",
    },
    address: "127.0.0.1",
  });

  beforeAll(async () => {
    h = await openHarness(factory);
    sources.install();
    lt = await startLibreTranslate();
    useTranslationEngines(h.ctx, { engines: [{ id: "lt", kind: "libretranslate", url: lt.url }] });
    u.clerk = await h.user("rv-clerk", "intake_clerk", "seoul");
    u.examiner = await h.user("rv-examiner", "examiner", "seoul");
    u.supervisor = await h.user("rv-supervisor", "supervisor", "seoul");
    u.translator = await h.user("rv-translator", "translator", null);
    u.admin = await h.user("rv-admin", "administrator", null);
    ({ caseId } = await h.newCase(u.clerk, "seoul"));
    sources.put(caseId, "fact_statement", "f", {
      label: "Fact (test)",
      language: "en",
      units: [{ unit: "statement.1", text: "They came at night. They took my brother. Object by {date}." }],
    });
    sources.put(caseId, "interview_transcript", "iv", {
      label: "Interview (test)",
      language: "en",
      units: [{ unit: "segment.1.answer", text: "I was afraid." }],
    });
  });
  afterAll(async () => {
    sources.uninstall();
    await lt?.close();
    await h?.close();
  });

  it("drafts empty segments by an enabled engine; a person must take each draft", async () => {
    // Not enabled for the pair: refused at the request.
    const refused = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "fact_statement",
      ref: "f",
      targetLanguages: ["km"],
      engine: "lt",
    });
    expect(refused.statusCode, refused.body).toBe(422);
    await h.ctx.db.query(`INSERT INTO translation_engine_pairs VALUES ('lt', 'en', 'km', true, $1, now())`, [
      u.admin.id,
    ]);
    const job = await request("f", { engine: "lt", translatorId: u.translator.id });
    const res = await call(u.translator, "POST", `/api/v1/translations/${job.id}/machine-draft`);
    expect(res.statusCode, res.body).toBe(200);
    const drafted = body<JobView>(res);
    expect(drafted.segments.map((s) => [s.state, s.target, s.origin])).toEqual([
      [
        "initial",
        "[km] They came at night.",
        expect.objectContaining({
          origin: "engine",
          engine: expect.objectContaining({ engine: "lt", name: "libretranslate" }),
        }),
      ],
      ["initial", "[km] They took my brother.", expect.objectContaining({ origin: "engine" })],
      ["initial", "[km] Object by {date}.", expect.objectContaining({ origin: "engine" })],
    ]);
    expect(lt.received).toHaveLength(1);
    // A second draft sends nothing: no segment is empty.
    await call(u.translator, "POST", `/api/v1/translations/${job.id}/machine-draft`);
    expect(lt.received).toHaveLength(1);
    // Taking a draft unchanged keeps its origin; the review is still a second person's.
    const s = drafted.segments[0]!;
    const taken = await call(u.translator, "PUT", `/api/v1/translations/${job.id}/segments/${s.id}`, {
      target: s.target,
      version: s.version,
    });
    expect(taken.json<SegmentView>()).toMatchObject({ state: "translated", origin: { origin: "engine" } });
    const timeline = body<{ items: { type: string; data: Record<string, unknown> }[] }>(
      await call(u.examiner, "GET", `/api/v1/cases/${caseId}/events`),
    ).items;
    expect(timeline.find((e) => e.data["reason"] === "machine_draft")?.data["segments"]).toHaveLength(3);

    // An interview's record is never sent, even with an engine enabled for its pair.
    const iv = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "interview_transcript",
      ref: "iv",
      targetLanguages: ["km"],
      engine: "lt",
    });
    expect(iv.statusCode, iv.body).toBe(422);
    const plain = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "interview_transcript",
      ref: "iv",
      targetLanguages: ["km"],
    });
    const ivJob = body<JobView[]>(plain)[0]!;
    expect(
      (await call(u.examiner, "POST", `/api/v1/translations/${ivJob.id}/machine-draft`)).statusCode,
    ).toBe(409);
    expect(lt.received).toHaveLength(1);
  });

  it("imports a file's rows by the same rules, refusing each row that breaks one", async () => {
    sources.put(caseId, "fact_statement", "g", {
      label: "Fact G (test)",
      language: "en",
      units: [{ unit: "statement.1", text: "One. Two. Three. Four. Five {date}." }],
    });
    const job = await read(u.translator, (await request("g", { translatorId: u.translator.id })).id);
    const [one, two, three, four, five] = job.segments;
    // Someone else translated "two" here: the importer may review it.
    await call(u.supervisor, "PUT", `/api/v1/translations/${job.id}/segments/${two!.id}`, {
      target: "ពីរ",
      version: two!.version,
    });
    const result = await importSegments(h.ctx, actor(u.translator, "translator"), job.id, [
      { segmentId: one!.id, source: "One.", target: "មួយ", state: "translated" },
      { segmentId: two!.id, source: "Two.", target: "ពីរ", state: "reviewed" },
      { segmentId: three!.id, source: "Three changed.", target: "បី", state: "translated" },
      { segmentId: four!.id, source: "Four.", target: "បួន", state: "final" },
      { segmentId: five!.id, source: "Five {date}.", target: "ប្រាំ", state: "translated" },
      { segmentId: "0190a5e1-0000-7000-8000-000000000000", target: "x", state: "translated" },
    ]);
    expect(result.updated).toBe(2);
    expect(result.refused.map((r) => [r.segment, r.reason])).toEqual([
      [three!.id, expect.stringMatching(/source changed/)],
      [four!.id, expect.stringMatching(/final is not imported/)],
      [five!.id, expect.stringContaining("{date}")],
      ["0190a5e1-0000-7000-8000-000000000000", expect.stringMatching(/no such segment/)],
    ]);
    const after = await read(u.translator, job.id);
    expect(after.segments.map((s) => [s.state, s.origin.origin])).toEqual([
      ["translated", "import"],
      ["reviewed", "person"],
      ["initial", "none"],
      ["initial", "none"],
      ["initial", "none"],
    ]);
    // Their own translation they may not mark reviewed in a file either.
    const own = await importSegments(h.ctx, actor(u.translator, "translator"), job.id, [
      { segmentId: one!.id, target: "មួយ", state: "reviewed" },
    ]);
    expect(own.refused).toEqual([{ segment: one!.id, reason: expect.stringMatching(/second person/) }]);
    // The same file again changes nothing.
    const again = await importSegments(h.ctx, actor(u.translator, "translator"), job.id, [
      { segmentId: one!.id, source: "One.", target: "មួយ", state: "translated" },
    ]);
    expect(again).toEqual({ updated: 0, unchanged: 1, refused: [] });
    // In-process work without an account imports nothing.
    await expect(
      importSegments(h.ctx, { principal: systemPrincipal("test"), address: "local" }, job.id, []),
    ).rejects.toThrow(/account/);
  });

  it("follows a source that loses a unit and gains another: exactly those segments go and come", async () => {
    sources.put(caseId, "fact_statement", "h", {
      label: "Fact H (test)",
      language: "en",
      units: [
        { unit: "p.1", text: "Kept one. Kept two." },
        { unit: "p.2", text: "Gone soon." },
      ],
    });
    const job = await read(u.translator, (await request("h", { translatorId: u.translator.id })).id);
    for (const s of job.segments)
      await call(u.translator, "PUT", `/api/v1/translations/${job.id}/segments/${s.id}`, {
        target: `km:${s.source}`,
        version: s.version,
      });
    sources.put(caseId, "fact_statement", "h", {
      label: "Fact H (test)",
      language: "en",
      units: [
        { unit: "p.0", text: "New first." },
        { unit: "p.1", text: "Kept one.\nKept two." },
      ],
    });
    const after = await read(u.translator, job.id);
    expect(after.segments.map((s) => [s.position, s.unit, s.source, s.state, s.target])).toEqual([
      [1, "p.0", "New first.", "initial", null],
      [2, "p.1", "Kept one.", "translated", "km:Kept one."],
      [3, "p.1", "Kept two.", "translated", "km:Kept two."],
    ]);
    expect(after.counts).toEqual({ initial: 1, translated: 2, reviewed: 0, final: 0 });
    const last = body<{ items: { type: string; data: Record<string, unknown> }[] }>(
      await call(u.examiner, "GET", `/api/v1/cases/${caseId}/events`),
    ).items.at(-1)!;
    expect(last.data["reason"]).toBe("source_changed");
    const changed = last.data["segments"] as { removed?: boolean; state: string }[];
    expect(changed.map((c) => [c.state, c.removed ?? false])).toEqual([
      ["translated", true],
      ["initial", false],
    ]);
  });
  it("a text that left the case: its job still reads, refuses changes, and can be cancelled", async () => {
    sources.put(caseId, "fact_statement", "gone", {
      label: "Fact soon withdrawn (test)",
      language: "en",
      units: [{ unit: "statement.1", text: "Soon withdrawn." }],
    });
    const job = await read(u.translator, (await request("gone", { translatorId: u.translator.id })).id);
    sources.texts.delete(`${caseId}/fact_statement:gone`);
    const still = await read(u.translator, job.id);
    expect(still.segments.map((s) => s.source)).toEqual(["Soon withdrawn."]);
    const s = still.segments[0]!;
    const save = await call(u.translator, "PUT", `/api/v1/translations/${job.id}/segments/${s.id}`, {
      target: "x",
      version: s.version,
    });
    expect(save.statusCode, save.body).toBe(409);
    expect(save.json<{ detail: string }>().detail).toMatch(/no longer in the case/);
    const cancelled = await call(u.examiner, "POST", `/api/v1/translations/${job.id}/cancel`, {
      reason: "withdrawn",
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(body<JobView>(cancelled)).toMatchObject({
      state: "cancelled",
      segments: [{ source: "Soon withdrawn." }],
    });
  });
});
