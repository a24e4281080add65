/**
 * docs/security.md requirement 20 against the database the application really writes: names,
 * dates of birth and the free text of a case are ciphertext there, bound to their row, and the
 * API still shows them to those who may read them; a person is found by name, in any script,
 * through keyed blocking keys that many names share.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NAME_BLOCK_BITS } from "../../src/persons/name-keys.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { openPurpose as openDisclosurePurpose } from "../../src/disclosures/db.ts";
import { openPurpose } from "../../src/security/audit/purpose.ts";
import { DecryptionError } from "../../src/security/crypto/aead.ts";
import { stepUp, type TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "./fixture.ts";

describe.each(createTestDatabases())("sealed text on $kind", (factory) => {
  let h: Harness;
  let clerk: TestUser;
  let examiner: TestUser;
  let supervisor: TestUser;
  const tag = randomBytes(4).toString("hex");
  const latin = { family: `Vannakeo${tag}`, given: "Sreyneang" };
  const birthDate = "1961-04-17";
  const summons = {
    type: "summons_served",
    occurredOn: "2026-09-10",
    interviewOn: "2026-10-01",
    method: "post",
  };
  let personId = "";
  let caseId = "";

  const rowText = async (table: string, where: string, id: string) =>
    (
      await h.test.db.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t WHERE ${where} = $1`, [
        id,
      ])
    )
      .map((r) => r.row)
      .join("\n");

  beforeAll(async () => {
    h = await openHarness(factory);
    clerk = await h.user("st-clerk", "intake_clerk", "seoul");
    examiner = await h.user("st-examiner", "examiner", "seoul");
    supervisor = await h.user("st-supervisor", "supervisor", "seoul");
    ({ personId, caseId } = await h.newCase(clerk, "seoul", {
      names: [{ value: `${latin.family} ${latin.given}`, script: "Latn", kind: "primary" }],
      birthDate,
    }));
  });
  afterAll(async () => {
    await h?.close();
  });

  it("stores names and the date of birth only as ciphertext; the API shows them", async () => {
    const text = await rowText("persons", "id", personId);
    expect(text).toContain(personId);
    expect(text.toLowerCase()).not.toContain(latin.family.toLowerCase());
    expect(text.toLowerCase()).not.toContain(latin.given.toLowerCase());
    expect(text).not.toContain(birthDate);
    const person = await h.call(clerk, "GET", `/api/v1/persons/${personId}`);
    expect(person.json()).toMatchObject({
      names: [{ value: `${latin.family} ${latin.given}` }],
      birthDate,
    });
  });

  it("never shows a name or a date of birth copied onto another person's row", async () => {
    const other = await h.newCase(clerk, "seoul");
    const [saved] = await h.test.db.query<{ names_enc: string; birth_date_enc: string | null }>(
      "SELECT names_enc, birth_date_enc FROM persons WHERE id = $1",
      [other.personId],
    );
    try {
      await h.test.db.query(
        `UPDATE persons SET names_enc = src.names_enc, birth_date_enc = src.birth_date_enc
           FROM persons src WHERE src.id = $1 AND persons.id = $2`,
        [personId, other.personId],
      );
      const res = await h.call(clerk, "GET", `/api/v1/persons/${other.personId}`);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain(latin.family);
      expect(res.body).not.toContain(birthDate);
    } finally {
      await h.test.db.query("UPDATE persons SET names_enc = $2, birth_date_enc = $3 WHERE id = $1", [
        other.personId,
        saved?.names_enc,
        saved?.birth_date_enc,
      ]);
    }
    expect((await h.call(clerk, "GET", `/api/v1/persons/${other.personId}`)).statusCode).toBe(200);
  });

  it("finds the person by name, from a word's beginning and across scripts", async () => {
    // Registered with a Latin name only; found by it, by its beginning, and by a Hangul spelling.
    const hangul = await h.newCase(clerk, "seoul", {
      names: [{ value: "찬 속하", script: "Hang", kind: "hangul_transcription" }],
    });
    const latinOnly = await h.newCase(clerk, "seoul", {
      names: [{ value: "Chan Sokha", script: "Latn", kind: "primary" }],
    });
    const search = async (name: string) =>
      (await h.call(examiner, "POST", "/api/v1/cases/search", { name }))
        .json<{ items: { id: string }[] }>()
        .items.map((i) => i.id)
        .sort();
    expect(await search(`${latin.family} ${latin.given}`)).toEqual([caseId]);
    expect(await search(latin.family.slice(0, 6).toUpperCase())).toEqual([caseId]);
    expect(await search("속하")).toEqual([hangul.caseId, latinOnly.caseId].sort());
    expect(await search("sokha chan")).toEqual([hangul.caseId, latinOnly.caseId].sort());
    expect(await search(`${latin.given} sokha`)).toEqual([]);
  });

  it("stores every event payload sealed: interview corrections are not in the log, the snapshot or the projection", async () => {
    const corrections = `Read back ${tag}: the name of the village corrected`;
    expect((await h.event(examiner, caseId, summons)).statusCode).toBe(201);
    const held = await h.event(examiner, caseId, {
      type: "interview_held",
      occurredOn: "2026-10-01",
      examinerId: "st-examiner",
      readBack: true,
      corrections,
    });
    expect(held.statusCode, held.body).toBe(201);
    const stored = await h.test.db.query<{ payload: Record<string, unknown> }>(
      "SELECT payload FROM case_events WHERE case_id = $1 ORDER BY sequence",
      [caseId],
    );
    expect(stored).toHaveLength(3);
    for (const e of stored) expect(Object.keys(e.payload)).toEqual(["$sealed"]);
    for (const table of ["case_events", "cases", "case_deadlines", "stat_cases"]) {
      const where = table === "cases" ? "id" : "case_id";
      expect(await rowText(table, where, caseId), table).not.toContain(tag);
    }
    const timeline = await h.call(examiner, "GET", `/api/v1/cases/${caseId}/events`);
    expect(timeline.json<{ items: { data: Record<string, unknown> }[] }>().items[2]?.data).toMatchObject({
      corrections,
    });
    // The case view still folds the decrypted history.
    expect((await h.call(examiner, "GET", `/api/v1/cases/${caseId}`)).json()).toMatchObject({ version: 3 });
  });

  it("seals a draft's reasons and the reason it was returned; the approved decision's reasons too", async () => {
    const reasons = `Reasons ${tag}: the fear of persecution for political opinion is well founded`;
    const returned = `Returned ${tag}: weigh the country report of March`;
    const decision = { type: "decision_issued", occurredOn: "2026-11-20", outcome: "recognized", reasons };
    const first = await h.event(examiner, caseId, decision);
    expect(first.statusCode, first.body).toBe(202);
    const draftId = first.json<{ id: string }>().id;
    expect(await rowText("decision_drafts", "id", draftId)).not.toContain(tag);
    const queue = await h.call(supervisor, "GET", "/api/v1/approvals");
    expect(queue.json<{ items: { id: string; event: { reasons?: string } }[] }>().items).toEqual([
      expect.objectContaining({ id: draftId, event: expect.objectContaining({ reasons }) }),
    ]);
    const back = await h.call(supervisor, "POST", `/api/v1/approvals/${draftId}/return`, {
      reason: returned,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: "returned", reason: returned });
    expect(await rowText("decision_drafts", "id", draftId)).not.toContain(tag);

    const second = await h.event(examiner, caseId, decision);
    expect(second.statusCode, second.body).toBe(202);
    h.clock.tick();
    await stepUp(h.app, h.ctx, supervisor);
    const approved = await h.call(
      supervisor,
      "POST",
      `/api/v1/approvals/${second.json<{ id: string }>().id}/approve`,
    );
    expect(approved.statusCode, approved.body).toBe(201);
    for (const table of ["decision_drafts", "case_events", "cases", "stat_decisions"]) {
      const rows = await h.test.db.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
      expect(rows.map((r) => r.row).join("\n"), table).not.toContain(tag);
    }
    const timeline = await h.call(examiner, "GET", `/api/v1/cases/${caseId}/events`);
    expect(
      timeline.json<{ items: { type: string; data: { reasons?: string } }[] }>().items.at(-1),
    ).toMatchObject({
      type: "decision_issued",
      data: { reasons },
    });
  });

  it("seals a disclosure's purpose and the purpose given for an access", async () => {
    const purpose = `Resettlement referral ${tag}`;
    const task = `Preparing the hearing ${tag}`;
    h.clock.tick();
    await stepUp(h.app, h.ctx, supervisor);
    const asked = await h.call(
      supervisor,
      "POST",
      `/api/v1/cases/${caseId}/disclosures`,
      { recipientKind: "unhcr", recipientCountry: "CHE", purpose },
      { "x-openrsd-purpose": task },
    );
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ purpose });
    const [stored] = await h.test.db.query<{ office_id: string; id: string; purpose: string }>(
      "SELECT office_id, id, purpose FROM disclosures WHERE id = $1",
      [asked.json<{ id: string }>().id],
    );
    expect(stored?.purpose).not.toContain(tag);
    expect(
      openDisclosurePurpose(h.ctx.keyring, {
        officeId: "seoul",
        id: stored?.id ?? "",
        purpose: stored?.purpose ?? "",
      }),
    ).toBe(purpose);
    const read = await h.call(examiner, "GET", `/api/v1/cases/${caseId}`, undefined, {
      "x-openrsd-purpose": task,
    });
    expect(read.statusCode).toBe(200);
    const records = await h.test.db.query<{ seq: number; actor: string; purpose: string | null }>(
      "SELECT seq, actor, purpose FROM audit_log WHERE purpose IS NOT NULL ORDER BY seq",
    );
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const r of records) {
      expect(r.purpose).not.toContain(tag);
      expect(openPurpose(h.ctx.keyring, { ...r, entry: Number(r.seq) })).toBe(task);
    }
    // Moved to another account's record, a purpose no longer decrypts.
    const [one] = records;
    expect(() =>
      openPurpose(h.ctx.keyring, { actor: "someone-else", entry: 1, purpose: one?.purpose ?? "" }),
    ).toThrow(DecryptionError);
  });

  it("keeps for search only keyed numbers of 12 bits, which many names share", async () => {
    const rows = await h.test.db.query<{ name_blocks: number[] }>("SELECT name_blocks FROM persons");
    const blocks = rows.flatMap((r) => r.name_blocks);
    expect(blocks.length).toBeGreaterThan(rows.length);
    for (const b of blocks) expect(b).toBeGreaterThanOrEqual(0);
    for (const b of blocks) expect(b).toBeLessThan(2 ** NAME_BLOCK_BITS);
    expect(NAME_BLOCK_BITS).toBeLessThanOrEqual(12);
  });
});
