/**
 * docs/security.md requirement 20 for data written before it was met: a database migrated up to
 * 0016 holds names, dates of birth and free text in plain text, as OpenRSD wrote them then. After
 * the later migrations and the sealing step, no row holds them, the API shows them as before,
 * name search finds the person, and the hash chains still verify.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { v7 as uuidv7 } from "uuid";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext, type AppContext } from "../../src/app/context.ts";
import { GENESIS_HASH, hashEvent } from "../../src/cases/db/chain-hash.ts";
import { saveCaseProjection } from "../../src/cases/db/projections.ts";
import { projectionOf } from "../../src/cases/view.ts";
import { snapshotOf } from "../../src/cases/write.ts";
import { createKoreanCalendar } from "../../src/profiles/kr-refugee-act/calendar.ts";
import { krRefugeeAct, type KrCaseState } from "../../src/profiles/kr-refugee-act/index.ts";
import { play } from "../../src/profiles/kr-refugee-act/script.ts";
import {
  createCheckpoint,
  verifyCheckpoint,
  type AuditCheckpoint,
} from "../../src/security/audit/checkpoint.ts";
import { loadSigningKey } from "../../src/security/audit/signing-key.ts";
import { verifyIntegrity } from "../../src/security/commands/operations.ts";
import type { Database } from "../../src/store/db.ts";
import { seedHolidays } from "../../src/holidays/add-holiday.ts";
import { sealExisting } from "../../src/security/commands/seal-existing.ts";
import { appendAudit } from "../../src/security/audit/append.ts";
import { openPurpose } from "../../src/security/audit/purpose.ts";
import { findDraft } from "../../src/approvals/db.ts";
import { openPurpose as openDisclosurePurpose } from "../../src/disclosures/db.ts";
import { buildServer } from "../../src/server/app.ts";
import { createTestDatabases, type TestDatabase } from "../../src/store/db.ts";
import { loadMigrations, migrate } from "../../src/store/migrate.ts";
import { newSignedInUser, sessionHeaders, testClock, type TestUser } from "../support/auth.ts";

const BEFORE = "0017";

describe.each(createTestDatabases())("sealing rows written before on $kind", (factory) => {
  let test: TestDatabase;
  let ctx: AppContext;
  let app: FastifyInstance;
  let clerk: TestUser;
  const clock = testClock(new Date("2026-11-24T03:00:00Z"));
  const tag = randomBytes(4).toString("hex");
  const plain = {
    name: `Oldrow${tag} Dimanche`,
    hangul: "올드로 디망슈",
    birthDate: "1958-11-02",
  };
  const personId = uuidv7();
  const caseId = uuidv7();
  const text = {
    corrections: `Corrected at read-back ${tag}: the date of the second arrest`,
    reasons: `Reasons ${tag}: the account of the detention was not found credible`,
    draftReasons: `Draft reasons ${tag}: credible and consistent`,
    returned: `Returned ${tag}: weigh the medical report`,
    disclosure: `Disclosure purpose ${tag}: resettlement`,
    access: `Access purpose ${tag}`,
  };
  const draftId = uuidv7();
  const disclosureId = uuidv7();
  const keyDir = mkdtempSync(path.join(tmpdir(), "openrsd-seal-key-"));
  const signingKey = loadSigningKey({ dir: keyDir });
  let checkpoint: AuditCheckpoint;

  /** A case as the code before migration 0017 wrote it: payloads and snapshot in clear, hashed so. */
  async function writeOldCase(db: Database) {
    const calendar = createKoreanCalendar();
    const { events } = play(
      { occurredOn: "2026-09-01", channel: "in_country", office: "seoul", kind: "first" },
      [
        { type: "summons_served", occurredOn: "2026-09-10", interviewOn: "2026-10-01", method: "post" },
        {
          type: "interview_held",
          occurredOn: "2026-10-01",
          examinerId: "old-examiner",
          corrections: text.corrections,
        },
        {
          type: "decision_issued",
          occurredOn: "2026-11-20",
          outcome: "not_recognized",
          reasons: text.reasons,
        },
      ],
      { today: "2026-11-24", calendar },
    );
    let prevHash = GENESIS_HASH;
    for (const [i, e] of events.entries()) {
      const { type, occurredOn, ...payload } = e;
      const entry = {
        officeId: "seoul",
        caseId,
        sequence: i + 1,
        type,
        occurredOn,
        payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>,
        recordedAt: "2026-11-20T01:00:00.000Z",
        recordedBy: "old-examiner",
      };
      const hash = hashEvent(prevHash, entry);
      await db.query(
        `INSERT INTO case_events (office_id, case_id, sequence, type, occurred_on, payload, recorded_at,
                                  recorded_by, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          entry.officeId,
          caseId,
          entry.sequence,
          type,
          occurredOn,
          JSON.stringify(entry.payload),
          entry.recordedAt,
          entry.recordedBy,
          prevHash,
          hash,
        ],
      );
      prevHash = hash;
    }
    // A draft returned with a reason, a disclosure, an access record with a purpose: all in clear.
    await db.query(
      `INSERT INTO decision_drafts (office_id, id, case_id, event, drafted_by, drafted_at, status, decided_by,
                                    decided_at, reason)
       VALUES ('seoul', $1, $2, $3, 'old-examiner', now(), 'returned', 'old-supervisor', now(), $4)`,
      [
        draftId,
        caseId,
        JSON.stringify({
          type: "decision_issued",
          occurredOn: "2026-11-19",
          outcome: "recognized",
          reasons: text.draftReasons,
        }),
        text.returned,
      ],
    );
    await db.query(
      `INSERT INTO disclosures (office_id, id, case_id, recipient_kind, recipient_country, purpose, status,
                                requested_by, requested_at)
       VALUES ('seoul', $1, $2, 'unhcr', 'CHE', $3, 'pending_approval', 'old-supervisor', now())`,
      [disclosureId, caseId, text.disclosure],
    );
    await db.transaction((tx) =>
      appendAudit(tx, {
        actor: "old-examiner",
        actorRole: "examiner",
        address: "127.0.0.1",
        officeId: "seoul",
        caseId,
        action: "case.read",
        purpose: text.access,
        outcome: "ok",
      }),
    );
    const snapshot = snapshotOf(krRefugeeAct, events);
    const derived = krRefugeeAct.derive(snapshot.state as KrCaseState, "2026-11-24", calendar);
    const header = { id: caseId, personId, officeId: "seoul", nationality: "FRA" };
    await saveCaseProjection(
      db,
      projectionOf(krRefugeeAct, header, snapshot.filing, events.length, derived, "2026-11-24", snapshot),
    );
  }

  /** Every row of every table as text. */
  async function everything(): Promise<string> {
    const tables = await test.db.query<{ name: string }>(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const rows = await test.db.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      parts.push(rows.map((r) => r.row).join("\n"));
    }
    return parts.join("\n");
  }

  beforeAll(async () => {
    test = await factory.open();
    const all = loadMigrations();
    await migrate(
      test.db,
      all.filter((m) => m.version < BEFORE),
    );
    // As the code before migration 0017 wrote a person: names, date of birth and search text in clear.
    const names = [
      { value: plain.name, script: "Latn", kind: "primary" },
      { value: plain.hangul, script: "Hang", kind: "hangul_transcription" },
    ];
    await test.db.query(
      `INSERT INTO persons (id, names, birth_date, nationality, search_text, created_at, created_by,
                            registered_office_id)
       VALUES ($1, $2, $3, 'FRA', $4, now(), 'old-clerk', 'seoul')`,
      [personId, JSON.stringify(names), plain.birthDate, names.map((n) => n.value.toLowerCase()).join(" ")],
    );
    await writeOldCase(test.db);
    await migrate(test.db, all);
    ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32), clock: clock.now });
    await seedHolidays(ctx);
    app = await buildServer({ ctx });
    clerk = await newSignedInUser(app, ctx, "se-clerk", "intake_clerk", "seoul");
  });
  afterAll(async () => {
    await app?.close();
    await test?.dispose();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it("holds the plain text after the migrations alone; its chains verify and are signed", async () => {
    const all = await everything();
    for (const value of [plain.name, plain.birthDate, ...Object.values(text)]) expect(all).toContain(value);
    expect(await verifyIntegrity(ctx)).toMatchObject({ ok: true });
    checkpoint = await createCheckpoint(test.db, signingKey);
    expect(checkpoint.caseChains.cases).toBe(1);
  });

  it("seals every such row, and a second run finds nothing left", async () => {
    const report = await sealExisting(test.db, ctx.keyring);
    expect(report.sealed).toMatchObject({
      persons: 1,
      case_events: 4,
      cases: 1,
      decision_drafts: 1,
      disclosures: 1,
      audit_log: 1,
    });
    expect(report.rewritten).toEqual(
      expect.arrayContaining(["persons", "case_events", "decision_drafts", "disclosures", "audit_log"]),
    );
    const all = await everything();
    expect(all).toContain(personId);
    expect(all).toContain(caseId);
    for (const value of [plain.name, plain.hangul, plain.birthDate, ...Object.values(text)])
      expect(all).not.toContain(value);
    expect(all).not.toContain(tag);
    const timeline = await app.inject({
      method: "GET",
      url: `/api/v1/cases/${caseId}/events`,
      headers: { cookie: clerk.cookie },
    });
    expect(timeline.statusCode, timeline.body).toBe(200);
    expect(timeline.json<{ items: { data: Record<string, unknown> }[] }>().items.map((e) => e.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ corrections: text.corrections }),
        expect.objectContaining({ reasons: text.reasons }),
      ]),
    );
    const view = await app.inject({
      method: "GET",
      url: `/api/v1/cases/${caseId}`,
      headers: { cookie: clerk.cookie },
    });
    expect(view.json()).toMatchObject({ version: 4, stage: "decision_notice" });
    // The draft, the disclosure and the access record decrypt to what they held.
    expect(await findDraft(test.db, ctx.keyring, draftId)).toMatchObject({
      event: { reasons: text.draftReasons },
      reason: text.returned,
    });
    const [disclosure] = await test.db.query<{ purpose: string }>(
      "SELECT purpose FROM disclosures WHERE id = $1",
      [disclosureId],
    );
    expect(
      openDisclosurePurpose(ctx.keyring, {
        officeId: "seoul",
        id: disclosureId,
        purpose: disclosure?.purpose ?? "",
      }),
    ).toBe(text.disclosure);
    const [record] = await test.db.query<{ seq: number; actor: string; purpose: string }>(
      "SELECT seq, actor, purpose FROM audit_log WHERE actor = 'old-examiner'",
    );
    expect(
      openPurpose(ctx.keyring, {
        ...(record as { actor: string; purpose: string }),
        entry: Number(record?.seq),
      }),
    ).toBe(text.access);
    const again = await sealExisting(test.db, ctx.keyring);
    expect(Object.values(again.sealed).every((n) => n === 0)).toBe(true);
    expect(again.rewritten).toEqual([]);
  });

  it("keeps every hash: the chains verify, and so does the checkpoint signed before", async () => {
    expect(await verifyIntegrity(ctx)).toMatchObject({ ok: true, cases: { ok: true, cases: 1, events: 4 } });
    expect(
      await verifyCheckpoint(test.db, checkpoint, signingKey.publicKey, { keyring: ctx.keyring }),
    ).toEqual({ ok: true });
    // A payload sealed later that is changed no longer matches its hash.
    const [second] = await test.db.query<{ payload: Record<string, string> }>(
      "SELECT payload FROM case_events WHERE case_id = $1 AND sequence = 2",
      [caseId],
    );
    await test.db.transaction(async (tx) => {
      await tx.query("ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete");
      await tx.query("UPDATE case_events SET payload = $2 WHERE case_id = $1 AND sequence = 3", [
        caseId,
        JSON.stringify(second?.payload),
      ]);
      await tx.query("ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete");
    });
    const broken = await verifyIntegrity(ctx);
    expect(broken.cases.firstBad).toMatchObject({ caseId, sequence: 3 });
    // So does a purpose sealed later that is replaced by another one's envelope.
    const [record] = await test.db.query<{ seq: number }>(
      "SELECT seq FROM audit_log WHERE actor = 'old-examiner'",
    );
    const forged = `later:${ctx.keyring.encrypt("another task", { table: "audit_log", row: String(record?.seq), field: "purpose" })}`;
    await test.db.transaction(async (tx) => {
      await tx.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete");
      await tx.query("UPDATE audit_log SET purpose = $2 WHERE seq = $1", [record?.seq, forged]);
      await tx.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete");
    });
    expect((await verifyIntegrity(ctx)).audit.firstBad).toMatchObject({
      entry: Number(record?.seq),
      reason: "changed",
    });
  });

  it("shows the person as before, and finds them by name in either script", async () => {
    const person = await app.inject({
      method: "GET",
      url: `/api/v1/persons/${personId}`,
      headers: sessionHeaders(clerk),
    });
    expect(person.statusCode, person.body).toBe(200);
    expect(person.json()).toMatchObject({
      names: [{ value: plain.name }, { value: plain.hangul }],
      birthDate: plain.birthDate,
    });
    const opened = await app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: sessionHeaders(clerk),
      payload: { personId, office: "seoul", channel: "in_country", kind: "first", filedOn: "2026-09-01" },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    for (const name of [`oldrow${tag}`, "디망슈", "dimanche oldrow"]) {
      const found = await app.inject({
        method: "POST",
        url: "/api/v1/cases/search",
        headers: sessionHeaders(clerk),
        payload: { name },
      });
      expect(
        [...new Set(found.json<{ items: { personId: string }[] }>().items.map((i) => i.personId))],
        name,
      ).toEqual([personId]);
    }
  });
});
