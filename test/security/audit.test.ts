/**
 * docs/security.md requirements 12–14 through the HTTP API: every read and write of a case leaves an access
 * record (who, when, from where, which case, what, why) in the same transaction, and when that
 * record cannot be written the action fails and changes nothing; the chain and `verify` catch an
 * edited record; the monthly review shows who read what, refusals and failed sign-ins.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../../src/store/db.ts";
import { stepUp, type TestUser } from "../support/auth.ts";
import { NOW, openHarness, SUMMONS, type Harness } from "./fixture.ts";
import { openPurpose } from "../../src/security/audit/purpose.ts";

interface Entry {
  seq: number;
  at: string;
  actor: string;
  actor_role: string;
  address: string;
  office_id: string | null;
  case_id: string | null;
  action: string;
  purpose: string | null;
  outcome: string;
  details: Record<string, unknown>;
}

describe.each(createTestDatabases())("access records on $kind", (factory) => {
  let h: Harness;
  let clerk: TestUser;
  let examiner: TestUser;
  let busan: TestUser;
  let supervisor: TestUser;
  let admin: TestUser;
  let caseId: string;
  let personId: string;
  beforeAll(async () => {
    h = await openHarness(factory);
    clerk = await h.user("au-clerk", "intake_clerk", "seoul");
    examiner = await h.user("au-examiner", "examiner", "seoul");
    busan = await h.user("au-busan", "examiner", "busan");
    supervisor = await h.user("au-supervisor", "supervisor", "seoul");
    admin = await h.user("au-admin", "administrator", null);
    ({ caseId, personId } = await h.newCase(clerk, "seoul", { nationality: "MMR" }));
  });
  afterAll(async () => {
    await h?.close();
  });

  const lastSeq = async () =>
    Number((await h.test.db.query<{ n: string | null }>("SELECT max(seq) AS n FROM audit_log"))[0]?.n ?? 0);
  const entriesAfter = (seq: number) =>
    h.test.db.query<Entry>("SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq", [seq]);

  describe("item 12: an access record for every read and write of a case", () => {
    it("records a replayed answer (Idempotency-Key) as an access to its case", async () => {
      const body = { personId, office: "seoul", channel: "in_country", kind: "first", filedOn: "2026-11-03" };
      const first = await h.call(clerk, "POST", "/api/v1/cases", body, { "idempotency-key": "au-replay-1" });
      expect(first.statusCode, first.body).toBe(201);
      const newCase = first.json<{ id: string }>().id;
      const from = await lastSeq();
      const replay = await h.call(clerk, "POST", "/api/v1/cases", body, { "idempotency-key": "au-replay-1" });
      expect(replay.headers["idempotent-replayed"]).toBe("true");
      const entries = await entriesAfter(from);
      expect(entries).toEqual([
        expect.objectContaining({
          actor: clerk.username,
          action: "request.replay",
          outcome: "ok",
          case_id: newCase,
          office_id: "seoul",
          details: { method: "POST", path: "/api/v1/cases" },
        }),
      ]);
    });

    it("records who, when, from where, which case, what and why for a read", async () => {
      const from = await lastSeq();
      const res = await h.call(examiner, "GET", `/api/v1/cases/${caseId}`, undefined, {
        "x-openrsd-purpose": "preparing the interview",
      });
      expect(res.statusCode).toBe(200);
      const entries = await entriesAfter(from);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        at: h.ctx.clock().toISOString(),
        actor: examiner.username,
        actor_role: "examiner",
        address: "127.0.0.1",
        office_id: "seoul",
        case_id: caseId,
        action: "case.read",
        outcome: "ok",
      });
      // The purpose is free text: the record holds it sealed (requirement 20), and it decrypts.
      const entry = entries[0] as Entry;
      expect(entry.purpose).not.toContain("interview");
      expect(openPurpose(h.ctx.keyring, { ...entry, entry: Number(entry.seq) })).toBe(
        "preparing the interview",
      );
    });

    it("records every case endpoint's access, permitted or refused", async () => {
      h.clock.tick();
      await stepUp(h.app, h.ctx, supervisor);
      const requests: [TestUser, "GET" | "POST", string, unknown?, Record<string, string>?][] = [
        [examiner, "GET", `/api/v1/cases/${caseId}`],
        [examiner, "GET", `/api/v1/cases/${caseId}/events`],
        [examiner, "POST", `/api/v1/cases/${caseId}/events`, SUMMONS, { "if-match": '"1"' }],
        [clerk, "GET", `/api/v1/cases/${caseId}/mandates`],
        [
          examiner,
          "POST",
          `/api/v1/cases/${caseId}/events`,
          { type: "withdrawn", occurredOn: "2026-11-02" },
          { "if-match": '"1"' },
        ],
        [
          supervisor,
          "POST",
          `/api/v1/cases/${caseId}/disclosures`,
          { recipientKind: "court", recipientCountry: "KOR", purpose: "appeal" },
        ],
        [busan, "GET", `/api/v1/cases/${caseId}`],
        [busan, "GET", `/api/v1/cases/${caseId}/events`],
        [examiner, "GET", `/api/v1/persons/${personId}`],
        [busan, "GET", `/api/v1/persons/${personId}`],
      ];
      for (const [who, method, url, body, headers] of requests) {
        const from = await lastSeq();
        const res = await h.call(who, method, url, body, headers);
        const entries = await entriesAfter(from);
        const line = `${who.username} ${method} ${url} → ${res.statusCode}`;
        expect(entries.length, line).toBe(1);
        expect(entries[0]?.actor, line).toBe(who.username);
        // Refused for reach (404): denied; refused after the case was reached (stale, 412): failed.
        const outcome = res.statusCode < 400 ? "ok" : res.statusCode === 404 ? "denied" : "failed";
        expect(entries[0]?.outcome, line).toBe(outcome);
        if (!url.includes("/persons/")) expect(entries[0]?.case_id, line).toBe(caseId);
        else expect(entries[0]?.details, line).toEqual({ personId });
      }
    });

    it("records a write refused after the case was reached (stale, or not allowed by the procedure)", async () => {
      // The answers tell something of the case (its version, its stage and allowed events).
      const attempts: [TestUser, Record<string, unknown>, string, number][] = [
        [examiner, { type: "withdrawn", occurredOn: "2026-11-02" }, '"1"', 412],
        [examiner, { type: "objection_filed", occurredOn: "2026-11-02" }, '"2"', 403],
        [examiner, { type: "review_terminated", occurredOn: "2026-11-02", reason: "no_show" }, '"2"', 409],
        [examiner, { type: "decision_issued", occurredOn: "2026-11-02", outcome: "recognized" }, '"1"', 412],
        [examiner, { type: "decision_issued", occurredOn: "2026-08-01", outcome: "recognized" }, '"2"', 409],
      ];
      for (const [who, event, ifMatch, status] of attempts) {
        const from = await lastSeq();
        const res = await h.call(who, "POST", `/api/v1/cases/${caseId}/events`, event, {
          "if-match": ifMatch,
        });
        const line = `${String(event.type)} at ${ifMatch} → ${res.statusCode} ${res.body}`;
        expect(res.statusCode, line).toBe(status);
        const entries = await entriesAfter(from);
        if (status === 403) {
          // Refused for the role before any case is read: nothing about the case was told.
          expect(entries, line).toEqual([]);
          continue;
        }
        expect(
          entries.map((e) => [e.actor, e.case_id, e.outcome]),
          line,
        ).toEqual([[who.username, caseId, "failed"]]);
      }
      const events = await h.test.db.query("SELECT sequence FROM case_events WHERE case_id = $1", [caseId]);
      expect(events).toHaveLength(2);
    });

    describe("if the access record cannot be written, the action fails", () => {
      const FAIL = `CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is unavailable'; END $$`;
      beforeAll(async () => {
        await h.test.db.query(FAIL);
        await h.test.db.query(
          "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()",
        );
      });
      afterAll(async () => {
        await h.test.db.query("DROP TRIGGER IF EXISTS refuse_audit ON audit_log");
        await h.test.db.query("DROP FUNCTION IF EXISTS refuse_audit()");
      });

      it("a read answers 500 without the case, and a write changes nothing", async () => {
        const read = await h.call(examiner, "GET", `/api/v1/cases/${caseId}`);
        expect(read.statusCode).toBe(500);
        expect(read.body).not.toContain('"stage"');
        const persons = await h.test.db.query("SELECT id FROM persons");
        const write = await h.call(
          examiner,
          "POST",
          `/api/v1/cases/${caseId}/events`,
          {
            type: "interview_held",
            occurredOn: "2026-10-01",
            examinerId: examiner.username,
          },
          { "if-match": '"2"' },
        );
        expect(write.statusCode).toBe(500);
        const person = await h.call(clerk, "POST", "/api/v1/persons", {
          names: [{ value: "Unrecorded" }],
          nationality: "NPL",
        });
        expect(person.statusCode).toBe(500);
        const events = await h.test.db.query("SELECT sequence FROM case_events WHERE case_id = $1", [caseId]);
        expect(events).toHaveLength(2);
        expect(await h.test.db.query("SELECT id FROM persons")).toHaveLength(persons.length);
      });
    });

    it("and once it can be written again, the same write goes through", async () => {
      const write = await h.call(
        examiner,
        "POST",
        `/api/v1/cases/${caseId}/events`,
        {
          type: "interview_held",
          occurredOn: "2026-10-01",
          examinerId: examiner.username,
        },
        { "if-match": '"2"' },
      );
      expect(write.statusCode, write.body).toBe(201);
    });
  });

  describe("item 13: the chain catches an edited access record", () => {
    it("links every access record into the chain while the server runs", async () => {
      await Promise.all(Array.from({ length: 6 }, () => h.call(examiner, "GET", `/api/v1/cases/${caseId}`)));
      // The server's sealer links committed entries a few times a second; wait until it has.
      const unsealed = async () =>
        Number(
          (
            await h.test.db.query<{ n: string }>(
              "SELECT count(*) AS n FROM audit_log l WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry = l.seq)",
            )
          )[0]?.n,
        );
      for (let i = 0; i < 200 && (await unsealed()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await unsealed()).toBe(0);
      const res = await h.call(admin, "GET", "/api/v1/integrity");
      const [counts] = await h.test.db.query<{ log: string }>("SELECT count(*) AS log FROM audit_log");
      expect(res.json<{ audit: { ok: boolean; entries: number } }>().audit).toMatchObject({
        ok: true,
        entries: Number(counts?.log),
      });
    });

    it("GET /integrity names the first entry that was changed", async () => {
      const clean = await h.call(admin, "GET", "/api/v1/integrity");
      expect(clean.json<{ ok: boolean }>().ok).toBe(true);
      const [target] = await h.test.db.query<{ seq: number }>(
        "SELECT seq FROM audit_log WHERE actor = $1 AND action = 'case.read' ORDER BY seq LIMIT 1",
        [examiner.username],
      );
      // Someone with more rights than the application (the triggers refuse it) rewrites who read.
      await h.test.db.transaction(async (tx) => {
        await tx.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
        await tx.query("UPDATE audit_log SET actor = 'somebody-else' WHERE seq = $1", [target?.seq]);
        await tx.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
      });
      try {
        const res = await h.call(admin, "GET", "/api/v1/integrity");
        expect(res.json<{ ok: boolean }>().ok).toBe(false);
        expect(JSON.stringify(res.json<{ audit: unknown }>().audit)).toContain(String(target?.seq));
      } finally {
        await h.test.db.transaction(async (tx) => {
          await tx.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
          await tx.query("UPDATE audit_log SET actor = $2 WHERE seq = $1", [target?.seq, examiner.username]);
          await tx.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
        });
      }
      expect((await h.call(admin, "GET", "/api/v1/integrity")).json<{ ok: boolean }>().ok).toBe(true);
    });
  });

  describe("item 14: the monthly review for the data protection officer", () => {
    it("shows each account's reads and cases, refusals, refused exports and failed sign-ins", async () => {
      h.clock.tick();
      await stepUp(h.app, h.ctx, supervisor);
      const refused = await h.call(supervisor, "POST", `/api/v1/cases/${caseId}/disclosures`, {
        recipientKind: "authority",
        recipientCountry: "MMR",
        purpose: "verification",
      });
      expect(refused.statusCode).toBe(403);
      await h.call(null, "POST", "/api/v1/auth/login", {
        username: examiner.username,
        password: "wrong-password-x",
        totp: "123456",
      });
      const res = await h.call(admin, "GET", `/api/v1/audit/report?month=${NOW.toISOString().slice(0, 7)}`);
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json<{
        keepUntil: string;
        actors: { actor: string; reads: number; writes: number; casesTouched: number; denied: number }[];
        refusedExports: { caseId: string; actor: string; address: string }[];
        failedLogins: { total: number; byActor: { actor: string; addresses: string[] }[] };
      }>();
      const ex = report.actors.find((a) => a.actor === examiner.username);
      expect(ex?.reads).toBeGreaterThanOrEqual(3);
      expect(ex?.writes).toBeGreaterThanOrEqual(1);
      expect(ex?.casesTouched).toBe(1);
      expect(report.actors.find((a) => a.actor === busan.username)?.denied).toBeGreaterThanOrEqual(2);
      expect(report.refusedExports).toEqual([
        expect.objectContaining({ caseId, actor: supervisor.username, address: "127.0.0.1" }),
      ]);
      expect(report.failedLogins.total).toBeGreaterThanOrEqual(1);
      expect(report.failedLogins.byActor.map((f) => f.actor)).toContain(examiner.id);
      // Kept at least two years after the month ends.
      expect(Date.parse(report.keepUntil)).toBeGreaterThanOrEqual(Date.parse("2028-11-30T15:00:00Z"));
      // The report is itself an access to personal data, and is recorded.
      const [last] = await h.test.db.query<Entry>("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1");
      expect(last).toMatchObject({ actor: admin.username, outcome: "ok" });
      expect(last?.action).toMatch(/report/);
    });

    it("is for the administrator's role only", async () => {
      for (const who of [examiner, supervisor, clerk]) {
        expect((await h.call(who, "GET", "/api/v1/audit/report?month=2026-11")).statusCode).toBe(403);
      }
    });
  });
});
