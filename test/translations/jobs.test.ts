/**
 * Translation with review by people, through HTTP, on PGlite and (with TEST_DATABASE_URL)
 * PostgreSQL (docs/translation.md): a request makes one job per language, cut into sentences; a
 * translator saves, a second person reviews, a reviewer finalizes, and only then is the text
 * final for a notice. The reviewer is never the translator; a return carries its reason;
 * placeholders are kept; a translator reaches only the jobs assigned to them; every text is
 * sealed; every change is an event of the case's record with who and when.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finalTranslation, TranslationNotFinal } from "../../src/translations/final.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import type { TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "../security/fixture.ts";
import { body, TestSources, type JobView, type SegmentView } from "./support.ts";

const CANARY_SOURCE = "Canary-src-7Q2 said the police came at night.";
const CANARY_TARGET = "Canary-tgt-9Z4 {date}";
const CANARY_REASON = "Canary-why-3K8 wrong tense";
const REASONS = `The applicant fears the police. ${CANARY_SOURCE} Object by {date} at the office.

A second paragraph.`;

describe.each(createTestDatabases())("translation jobs on $kind", (factory) => {
  let h: Harness;
  const sources = new TestSources();
  const u = {} as Record<
    "clerk" | "examiner" | "supervisor" | "busan" | "translator" | "translator2" | "stranger",
    TestUser
  >;
  let caseId: string;
  let job: JobView;

  const call = (
    who: TestUser,
    method: "GET" | "POST" | "PUT",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => h.call(who, method, url, payload, headers);
  const read = async (who: TestUser, id = job.id) => {
    const res = await call(who, "GET", `/api/v1/translations/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return body<JobView>(res);
  };
  const save = (who: TestUser, s: SegmentView, target: string) =>
    call(who, "PUT", `/api/v1/translations/${job.id}/segments/${s.id}`, { target, version: s.version });
  const review = (who: TestUser, s: SegmentView, decision: "reviewed" | "returned", reason?: string) =>
    call(who, "POST", `/api/v1/translations/${job.id}/segments/${s.id}/review`, {
      decision,
      version: s.version,
      ...(reason ? { reason } : {}),
    });
  const timeline = async () =>
    body<{
      items: { type: string; data: Record<string, unknown>; recordedBy: string; recordedAt: string }[];
    }>(await call(u.examiner, "GET", `/api/v1/cases/${caseId}/events`)).items;

  beforeAll(async () => {
    h = await openHarness(factory);
    sources.install();
    u.clerk = await h.user("tr-clerk", "intake_clerk", "seoul");
    u.examiner = await h.user("tr-examiner", "examiner", "seoul");
    u.supervisor = await h.user("tr-supervisor", "supervisor", "seoul");
    u.busan = await h.user("tr-busan", "examiner", "busan");
    u.translator = await h.user("tr-translator", "translator", null);
    u.translator2 = await h.user("tr-translator2", "translator", null);
    u.stranger = await h.user("tr-stranger", "translator", null);
    ({ caseId } = await h.newCase(u.clerk, "seoul"));
    sources.put(caseId, "fact_statement", "fact-1", {
      label: "Fact 1 (test)",
      language: "en",
      units: [
        { unit: "statement.1", text: REASONS.split("\n\n")[0]! },
        { unit: "statement.2", text: REASONS.split("\n\n")[1]! },
      ],
    });
    sources.put(caseId, "interview_transcript", "iv-1", {
      label: "Interview of 2026-10-01",
      language: "km",
      units: [{ unit: "segment.1.answer", text: "ខ្ញុំខ្លាចប៉ូលីស។" }],
    });
  });
  afterAll(async () => {
    sources.uninstall();
    await h?.close();
  });

  it("lists the case's translatable texts, and refuses them to a translator", async () => {
    const res = await call(u.examiner, "GET", `/api/v1/cases/${caseId}/translatables`);
    expect(res.statusCode, res.body).toBe(200);
    const items = body<{ kind: string; ref: string; machineAllowed: boolean; jobs: unknown[] }[]>(res);
    expect(items.map((i) => [i.kind, i.ref, i.machineAllowed])).toEqual([
      ["fact_statement", "fact-1", true],
      ["interview_transcript", "iv-1", false],
    ]);
    expect((await call(u.translator, "GET", `/api/v1/cases/${caseId}/translatables`)).statusCode).toBe(404);
    expect((await call(u.busan, "GET", `/api/v1/cases/${caseId}/translatables`)).statusCode).toBe(404);
  });

  it("requests one job per language, cut into sentences, and refuses a second live one", async () => {
    const res = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "fact_statement",
      ref: "fact-1",
      targetLanguages: ["km", "ko"],
      translatorId: u.translator.id,
      reviewerId: u.translator2.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const jobs = body<JobView[]>(res);
    expect(jobs.map((j) => [j.state, j.counts])).toEqual([
      ["open", { initial: 4, translated: 0, reviewed: 0, final: 0 }],
      ["open", { initial: 4, translated: 0, reviewed: 0, final: 0 }],
    ]);
    job = await read(u.translator, jobs[0]!.id);
    expect(job.segments.map((s) => [s.unit, s.source, s.state, s.target])).toEqual([
      ["statement.1", "The applicant fears the police.", "initial", null],
      ["statement.1", CANARY_SOURCE, "initial", null],
      ["statement.1", "Object by {date} at the office.", "initial", null],
      ["statement.2", "A second paragraph.", "initial", null],
    ]);
    expect(job.segments[2]!.placeholders).toEqual(["{date}"]);

    const again = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "fact_statement",
      ref: "fact-1",
      targetLanguages: ["km"],
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json<{ detail: string }>().detail).toContain(job.id);

    const bad = [
      [{ kind: "fact_statement", ref: "nothing", targetLanguages: ["km"] }, 404],
      [{ kind: "fact_statement", ref: "fact-1", targetLanguages: ["en"] }, 422],
      [{ kind: "interview_transcript", ref: "iv-1", targetLanguages: ["ko"], engine: "lt" }, 422],
      [{ kind: "fact_statement", ref: "fact-1", targetLanguages: ["ru"], engine: "not-enabled" }, 422],
      [
        {
          kind: "fact_statement",
          ref: "fact-1",
          targetLanguages: ["ru"],
          translatorId: u.translator.id,
          reviewerId: u.translator.id,
        },
        422,
      ],
      [{ kind: "fact_statement", ref: "fact-1", targetLanguages: ["ru"], translatorId: u.clerk.id }, 422],
    ] as const;
    for (const [input, status] of bad) {
      const r = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/translations`, input);
      expect(r.statusCode, `${JSON.stringify(input)}: ${r.body}`).toBe(status);
    }
    expect(
      (
        await call(u.translator, "POST", `/api/v1/cases/${caseId}/translations`, {
          kind: "fact_statement",
          ref: "fact-1",
          targetLanguages: ["ru"],
        })
      ).statusCode,
    ).toBe(403);
  });

  it("answers 404 to a translator not assigned, and to staff of another office", async () => {
    for (const who of [u.stranger, u.busan]) {
      const res = await call(who, "GET", `/api/v1/translations/${job.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(caseId);
      const s = job.segments[0]!;
      expect(
        (
          await call(who, "PUT", `/api/v1/translations/${job.id}/segments/${s.id}`, {
            target: "x",
            version: 1,
          })
        ).statusCode,
      ).toBe(404);
    }
    // The translator reaches the job, not its case.
    for (const url of [
      `/api/v1/cases/${caseId}`,
      `/api/v1/cases/${caseId}/events`,
      `/api/v1/cases/${caseId}/facts`,
    ])
      expect([403, 404]).toContain((await call(u.translator, "GET", url)).statusCode);
    const list = body<{ items: { id: string }[] }>(await call(u.stranger, "GET", "/api/v1/translations"));
    expect(list.items).toEqual([]);
    const mine = body<{ items: { id: string }[]; counts: { awaitingTranslation: number } }>(
      await call(u.translator, "GET", "/api/v1/translations?assigned=me"),
    );
    expect(mine.items.map((i) => i.id)).toContain(job.id);
    expect(mine.counts.awaitingTranslation).toBe(2);
  });

  it("refuses a target without the source's placeholders, naming them", async () => {
    const res = await save(u.translator, job.segments[2]!, "ការិយាល័យ");
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<{ detail: string }>().detail).toContain("{date}");
  });

  it("translate, review by another person, return with a reason, finalize: then the text is final", async () => {
    const targets = ["ខ្ញុំខ្លាចប៉ូលីស។", CANARY_TARGET, "តវ៉ាត្រឹម {date}។", "កថាខណ្ឌទីពីរ។"];
    for (const [i, s] of job.segments.entries()) {
      const res = await save(u.translator, s, targets[i]!);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<SegmentView>()).toMatchObject({
        state: "translated",
        translatedBy: { id: u.translator.id },
      });
    }
    job = await read(u.translator2);
    expect(job.counts).toEqual({ initial: 0, translated: 4, reviewed: 0, final: 0 });

    // The translator may not review their own work.
    const own = await review(u.translator, job.segments[0]!, "reviewed");
    expect(own.statusCode, own.body).toBe(409);
    // A return needs a reason, and keeps the target.
    expect((await review(u.translator2, job.segments[1]!, "returned")).statusCode).toBe(422);
    const returned = await review(u.translator2, job.segments[1]!, "returned", CANARY_REASON);
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json<SegmentView>()).toMatchObject({
      state: "initial",
      target: CANARY_TARGET,
      returned: { reason: CANARY_REASON, by: { id: u.translator2.id } },
    });
    // A stale version is refused.
    expect((await save(u.translator, job.segments[1]!, CANARY_TARGET)).statusCode).toBe(412);
    const fixed = await save(u.translator, returned.json<SegmentView>(), `${CANARY_TARGET} ។`);
    expect(fixed.json<SegmentView>()).toMatchObject({ state: "translated", returned: null });

    job = await read(u.translator2);
    for (const s of job.segments) expect((await review(u.translator2, s, "reviewed")).statusCode).toBe(200);

    // Before finalizing, the text may not be used.
    const before = await h.ctx.db.transaction((tx) =>
      finalTranslation(tx, h.ctx.keyring, {
        caseId,
        kind: "fact_statement",
        ref: "fact-1",
        targetLanguage: "km",
      }).catch((e: unknown) => e),
    );
    expect(before).toBeInstanceOf(TranslationNotFinal);
    expect((before as Error).message).toBe(
      "the Khmer (km) translation is not final: 4 of 4 segments reviewed",
    );

    job = await read(u.translator2);
    const finalize = (who: TestUser, version: number | null) =>
      call(
        who,
        "POST",
        `/api/v1/translations/${job.id}/finalize`,
        undefined,
        version === null ? {} : { "if-match": `"${version}"` },
      );
    expect((await finalize(u.translator2, null)).statusCode).toBe(428);
    expect((await finalize(u.translator2, job.version - 1)).statusCode).toBe(412);
    expect((await finalize(u.translator, job.version)).statusCode).toBe(409);
    const done = await finalize(u.translator2, job.version);
    expect(done.statusCode, done.body).toBe(200);
    job = body<JobView>(done);
    expect(job.state).toBe("final");
    expect(job.counts).toEqual({ initial: 0, translated: 0, reviewed: 0, final: 4 });
    // Final is read-only.
    expect((await save(u.translator, job.segments[0]!, "x")).statusCode).toBe(409);

    const final = await h.ctx.db.transaction((tx) =>
      finalTranslation(tx, h.ctx.keyring, {
        caseId,
        kind: "fact_statement",
        ref: "fact-1",
        targetLanguage: "km",
      }),
    );
    expect(final).not.toBeNull();
    expect(Object.fromEntries(final!.units)).toEqual({
      "statement.1": `ខ្ញុំខ្លាចប៉ូលីស។ ${CANARY_TARGET} ។ តវ៉ាត្រឹម {date}។`,
      "statement.2": "កថាខណ្ឌទីពីរ។",
    });
    expect(final!.translators).toEqual([u.translator.username]);
    expect(final!.reviewers).toEqual([u.translator2.username]);
    expect(
      await h.ctx.db.transaction((tx) =>
        finalTranslation(tx, h.ctx.keyring, {
          caseId,
          kind: "fact_statement",
          ref: "fact-1",
          targetLanguage: "ru",
        }),
      ),
    ).toBeNull();
  });

  it("proposes what the office made final: an exact match pre-fills, a person must take it", async () => {
    sources.put(caseId, "fact_statement", "fact-2", {
      label: "Fact 2 (test)",
      language: "en",
      units: [{ unit: "statement.1", text: "A second paragraph. Something never translated." }],
    });
    const res = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "fact_statement",
      ref: "fact-2",
      targetLanguages: ["km"],
      translatorId: u.translator.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const second = await read(u.translator, body<JobView[]>(res)[0]!.id);
    expect(second.segments.map((s) => [s.state, s.target, s.origin.origin])).toEqual([
      ["initial", "កថាខណ្ឌទីពីរ។", "memory"],
      ["initial", null, "none"],
    ]);
    expect(second.segments[0]!.origin).toMatchObject({ score: 100 });
    const requested = (await timeline()).filter((e) => e.type === "translation_requested").at(-1)!;
    expect(requested.data).toMatchObject({ jobId: second.id, segments: 2, proposed: 1 });
    const taken = await call(
      u.translator,
      "PUT",
      `/api/v1/translations/${second.id}/segments/${second.segments[0]!.id}`,
      {
        target: "កថាខណ្ឌទីពីរ។",
        version: second.segments[0]!.version,
      },
    );
    expect(taken.json<SegmentView>()).toMatchObject({ state: "translated", origin: { origin: "memory" } });
    // Cancelled again, so that the record below is of the first job alone.
    expect(
      (await call(u.examiner, "POST", `/api/v1/translations/${second.id}/cancel`, { reason: "test" }))
        .statusCode,
    ).toBe(200);
  });

  it("keeps every change in the case's record, with who and when, and no text", async () => {
    const events = (await timeline())
      .filter(
        (e) =>
          e.type.startsWith("translation_") &&
          (e.data["jobId"] === job.id || e.type === "translation_requested"),
      )
      .slice(0, 13);
    expect(events.map((e) => e.type)).toEqual([
      "translation_requested",
      "translation_requested",
      // four saved, one returned, one saved again, four reviewed
      ...Array(10).fill("translation_changed"),
      "translation_finalized",
    ]);
    expect(events[0]!.data).toMatchObject({
      kind: "fact_statement",
      ref: "fact-1",
      sourceLanguage: "en",
      targetLanguage: "km",
      segments: 4,
    });
    expect(events.at(-1)!.data).toEqual({ jobId: job.id, segments: 4 });
    const returned = events.find((e) => e.data["reason"] === "returned")!;
    expect(returned.recordedBy).toBe(u.translator2.username);
    expect(returned.recordedAt).toBe(h.ctx.clock().toISOString());
    const text = JSON.stringify(events);
    for (const c of ["Canary-src", "Canary-tgt", "Canary-why"]) expect(text).not.toContain(c);
  });

  it("a changed source resets exactly the changed segments, and reopens a final job", async () => {
    sources.put(caseId, "fact_statement", "fact-1", {
      label: "Fact 1 (test)",
      language: "en",
      units: [
        {
          unit: "statement.1",
          text: `The applicant fears the army. ${CANARY_SOURCE} Object by {date} at the office.`,
        },
        { unit: "statement.2", text: "A second paragraph. A new sentence." },
      ],
    });
    const after = await read(u.translator);
    expect(after.state).toBe("open");
    expect(after.segments.map((s) => [s.source, s.state, s.sourceChanged])).toEqual([
      ["The applicant fears the army.", "initial", true],
      [CANARY_SOURCE, "reviewed", false],
      ["Object by {date} at the office.", "reviewed", false],
      ["A second paragraph.", "reviewed", false],
      ["A new sentence.", "initial", false],
    ]);
    expect(after.segments[0]!.target).toBe("ខ្ញុំខ្លាចប៉ូលីស។");
    const last = (await timeline()).at(-1)!;
    expect(last).toMatchObject({ type: "translation_changed", recordedBy: u.translator.username });
    expect(last.data).toMatchObject({ reason: "source_changed", reopened: true });
    expect((last.data["segments"] as unknown[]).length).toBe(5);
    await expect(
      h.ctx.db.transaction((tx) =>
        finalTranslation(tx, h.ctx.keyring, {
          caseId,
          kind: "fact_statement",
          ref: "fact-1",
          targetLanguage: "km",
        }),
      ),
    ).rejects.toThrow(/1 of 5|3 of 5/);
    // Reading again changes nothing more.
    const again = await read(u.translator);
    expect(again.version).toBe(after.version);
  });

  it("never sends an interview's record to a machine, and drafts nothing without an engine", async () => {
    const res = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "interview_transcript",
      ref: "iv-1",
      targetLanguages: ["ko"],
    });
    expect(res.statusCode, res.body).toBe(201);
    const [iv] = body<JobView[]>(res);
    const draft = await call(u.examiner, "POST", `/api/v1/translations/${iv!.id}/machine-draft`);
    expect(draft.statusCode, draft.body).toBe(409);
    expect(draft.json<{ detail: string }>().detail).toMatch(/never sent to a machine/);
    const none = await call(u.examiner, "POST", `/api/v1/translations/${job.id}/machine-draft`);
    expect(none.statusCode, none.body).toBe(409);
    expect(none.json<{ detail: string }>().detail).toMatch(/no machine translation engine/);
  });

  it("assigns and cancels; the translator loses the job when unassigned", async () => {
    const [, ko] = body<{ items: JobView[] }>(
      await call(u.examiner, "GET", `/api/v1/translations?case=${caseId}&state=open`),
    ).items.filter((j) => j.id !== job.id);
    expect(ko).toBeDefined();
    const same = await call(u.examiner, "PUT", `/api/v1/translations/${ko!.id}/assignment`, {
      translatorId: u.translator.id,
      reviewerId: u.translator.id,
    });
    expect(same.statusCode).toBe(422);
    const moved = await call(u.examiner, "PUT", `/api/v1/translations/${ko!.id}/assignment`, {
      translatorId: u.stranger.id,
      reviewerId: null,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await call(u.stranger, "GET", `/api/v1/translations/${ko!.id}`)).statusCode).toBe(200);
    expect((await call(u.translator, "GET", `/api/v1/translations/${ko!.id}`)).statusCode).toBe(404);
    expect(
      (
        await call(u.translator, "PUT", `/api/v1/translations/${ko!.id}/assignment`, {
          translatorId: null,
          reviewerId: null,
        })
      ).statusCode,
    ).toBe(403);
    const cancelled = await call(u.examiner, "POST", `/api/v1/translations/${ko!.id}/cancel`, {
      reason: "not needed",
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(body<JobView>(cancelled).state).toBe("cancelled");
    expect(
      (await call(u.examiner, "POST", `/api/v1/translations/${ko!.id}/cancel`, { reason: "again" }))
        .statusCode,
    ).toBe(409);
    // The text may be requested again into Korean.
    const again = await call(u.examiner, "POST", `/api/v1/cases/${caseId}/translations`, {
      kind: "fact_statement",
      ref: "fact-1",
      targetLanguages: ["ko"],
    });
    expect(again.statusCode, again.body).toBe(201);
  });

  it("shows the translator what awaits them in the inbox, counted in the header", async () => {
    const inbox = await call(u.translator, "GET", "/api/v1/inbox");
    expect(inbox.statusCode, inbox.body).toBe(200);
    const b = body<{ count: number; translations: { id: string; awaiting: string }[] }>(inbox);
    expect(b.translations).toEqual([expect.objectContaining({ id: job.id, awaiting: "translation" })]);
    expect(b.count).toBeGreaterThanOrEqual(1);
  });

  it("stores no text in clear: sources, targets, reasons and labels are sealed", async () => {
    const tables = await h.test.db.query<{ name: string }>(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    let dump = "";
    for (const { name } of tables) {
      const rows = await h.test.db.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      dump += rows.map((r) => r.row).join("\n");
    }
    expect(dump).toContain(job.id);
    for (const canary of [
      "Canary-src-7Q2",
      "Canary-tgt-9Z4",
      "Canary-why-3K8",
      "Fact 1 (test)",
      "ខ្ញុំខ្លាចប៉ូលីស",
    ]) {
      expect(dump, canary).not.toContain(canary);
      expect(dump, canary).not.toContain(Buffer.from(canary).toString("hex"));
    }
  });
});
