/**
 * The case read decides reach in SQL, in the same statement that reads the case and writes the
 * access record (src/cases/db/read.ts). It must decide exactly as the policy does
 * (`reachesCase`, docs/security.md requirement 5) for every role, office, right and kind of
 * mandate, and leave exactly one access record saying what happened (requirement 12): checked
 * here on PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../app/actor.ts";
import { createAppContext, today, type AppContext } from "../app/context.ts";
import { addDays } from "../kernel/calendar/dates.ts";
import { insertMandate } from "../mandates/db.ts";
import { createPerson } from "../persons/create-person.ts";
import { caseReach, reachesCase, systemPrincipal, type Principal } from "../security/access/policy.ts";
import { ROLES, type Right } from "../security/access/rights.ts";
import { createTestDatabases, type TestDatabase } from "../store/db.ts";
import { migrate } from "../store/migrate.ts";
import { readCase } from "./access.ts";
import { openCase } from "./open-case.ts";

const SYSTEM: Actor = { principal: systemPrincipal("access-test"), address: "local" };
const RIGHTS: Right[] = ["case.read", "portal.read", "mandate.manage", "statistics.read"];

interface Entry {
  actor: string;
  office_id: string | null;
  case_id: string | null;
  action: string;
  outcome: string;
  details: Record<string, unknown>;
}

describe.each(createTestDatabases())(
  "reading a case and recording it in one statement on $kind",
  (factory) => {
    let test: TestDatabase;
    let ctx: AppContext;
    let caseId: string;
    const principals: Principal[] = [];
    /** Each representative, and whether their mandate reaches the case today. */
    const mandated = new Map<string, boolean>();

    beforeAll(async () => {
      test = await factory.open();
      await migrate(test.db);
      ctx = await createAppContext({ db: test.db, masterKey: randomBytes(32) });
      const now = today(ctx);
      const person = await createPerson(ctx, SYSTEM, {
        names: [{ value: "Reach Applicant", script: "Latn" }],
        nationality: "MMR",
        sex: "female",
      });
      const opened = await openCase(ctx, SYSTEM, {
        personId: person.id,
        office: "seoul",
        channel: "in_country",
        kind: "first",
        filedOn: addDays(now, -10),
      });
      caseId = opened.id;
      let n = 0;
      const principal = (role: Principal["role"], officeId: string | null): Principal => ({
        accountId: uuidv7(),
        username: `reach-${role}-${++n}`,
        role,
        officeId,
        via: "session",
      });
      for (const role of ROLES) {
        if (role === "representative") continue;
        for (const office of ["seoul", "busan", null]) principals.push(principal(role, office));
      }
      // Representatives: a current mandate, one revoked, one expired, one not yet valid, none.
      const mandates: [boolean, { validFrom: string; validUntil: string | null; revoked?: boolean }][] = [
        [true, { validFrom: addDays(now, -5), validUntil: null }],
        [true, { validFrom: addDays(now, -5), validUntil: now }],
        [false, { validFrom: addDays(now, -5), validUntil: null, revoked: true }],
        [false, { validFrom: addDays(now, -5), validUntil: addDays(now, -1) }],
        [false, { validFrom: addDays(now, 1), validUntil: null }],
      ];
      for (const [reaches, m] of mandates) {
        const rep = principal("representative", null);
        principals.push(rep);
        mandated.set(rep.accountId, reaches);
        const id = uuidv7();
        await insertMandate(test.db, {
          officeId: "seoul",
          id,
          caseId,
          representativeId: rep.accountId,
          validFrom: m.validFrom,
          validUntil: m.validUntil,
          createdAt: new Date(),
          createdBy: "access-test",
        });
        if (m.revoked) await test.db.query("UPDATE mandates SET revoked_at = now() WHERE id = $1", [id]);
      }
      const unmandated = principal("representative", null);
      principals.push(unmandated);
      mandated.set(unmandated.accountId, false);
      // A mandate for the case in another office's name does not reach it either.
      const elsewhere = principal("representative", null);
      principals.push(elsewhere);
      mandated.set(elsewhere.accountId, false);
      await insertMandate(test.db, {
        officeId: "busan",
        id: uuidv7(),
        caseId,
        representativeId: elsewhere.accountId,
        validFrom: addDays(now, -5),
        validUntil: null,
        createdAt: new Date(),
        createdBy: "access-test",
      });
    });
    afterAll(async () => test?.dispose());

    const lastEntry = async () =>
      (
        await test.db.query<Entry>(
          "SELECT actor, office_id, case_id, action, outcome, details FROM audit_log ORDER BY seq DESC LIMIT 1",
        )
      )[0];

    it("reaches a case exactly when the policy does, and records each read as ok or denied", async () => {
      const now = { at: new Date(), today: today(ctx) };
      const seen = new Map<string, Set<boolean>>();
      // On the committee's agenda of a meeting long past: its members no longer reach it.
      const onAgenda = (meetingOn: string) =>
        test.db.query(
          `INSERT INTO committee_agenda (office_id, case_id, meeting_on, added_by, added_at)
           VALUES ('seoul', $1, $2, 'access-test', now())`,
          [caseId, meetingOn],
        );
      await onAgenda(addDays(now.today, -40));
      const check = async (p: Principal, right: Right) => {
        const line = `${p.username} (${p.role}, ${p.officeId ?? "all offices"}) ${right}`;
        const expected = await reachesCase(test.db, p, right, { id: caseId, officeId: "seoul" }, now.today);
        const read = await readCase(
          test.db,
          { principal: p, address: "10.0.0.7" },
          caseId,
          right,
          "case.read",
          now,
        );
        expect(read !== null, line).toBe(expected);
        if (read) {
          expect(read.header, line).toMatchObject({
            id: caseId,
            officeId: "seoul",
            profile: "kr-refugee-act",
          });
          expect(
            read.events.map((e) => e.type),
            line,
          ).toEqual(["application_filed"]);
        }
        expect(await lastEntry(), line).toEqual({
          actor: p.username,
          office_id: "seoul",
          case_id: caseId,
          action: "case.read",
          outcome: expected ? "ok" : "denied",
          details: {},
        });
        // Mandates: a current one reaches the portal; revoked, expired, future or elsewhere do not.
        if (p.role === "representative" && right === "portal.read") {
          expect(read !== null, line).toBe(mandated.get(p.accountId));
        }
        const kind = caseReach(p, right).kind;
        seen.set(kind, (seen.get(kind) ?? new Set()).add(expected));
      };
      for (const p of principals) for (const right of RIGHTS) await check(p, right);
      // On the agenda of next week's meeting, the committee's members reach it.
      await onAgenda(addDays(now.today, 7));
      for (const p of principals.filter((x) => x.role === "committee_member"))
        for (const right of RIGHTS) await check(p, right);
      // Not vacuous: every kind of reach occurred, and office, mandate and agenda reach went both ways.
      expect([...seen.keys()].sort()).toEqual(["agenda", "all", "mandate", "none", "office"]);
      expect(seen.get("office")).toEqual(new Set([true, false]));
      expect(seen.get("mandate")).toEqual(new Set([true, false]));
      expect(seen.get("agenda")).toEqual(new Set([true, false]));
    });

    it("answers a case that does not exist like one out of reach, and records the id asked for", async () => {
      const missing = uuidv7();
      const admin = principals.find((p) => p.role === "administrator" && p.officeId === null);
      if (!admin) throw new Error("no administrator");
      const now = { at: new Date(), today: today(ctx) };
      expect(
        await readCase(
          test.db,
          { principal: admin, address: "10.0.0.7" },
          missing,
          "case.read",
          "case.read",
          now,
        ),
      ).toBeNull();
      expect(await lastEntry()).toEqual({
        actor: admin.username,
        office_id: null,
        case_id: null,
        action: "case.read",
        outcome: "denied",
        details: { requested: missing },
      });
    });

    it("fails, and returns nothing, when the record cannot be committed", async () => {
      const supervisor = principals.find((p) => p.role === "supervisor" && p.officeId === "seoul");
      if (!supervisor) throw new Error("no supervisor");
      const actor: Actor = { principal: supervisor, address: "10.0.0.7" };
      const count = async () =>
        Number((await test.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log"))[0]?.n);
      const before = await count();
      const now = { at: new Date(), today: today(ctx) };
      // A check that runs only when the transaction commits, after the statement has read the case.
      await test.db.query(`CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the access record cannot be committed'; END $$`);
      await test.db.query(`CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON audit_log
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit()`);
      try {
        await expect(readCase(test.db, actor, caseId, "case.read", "case.read", now)).rejects.toThrow(
          /cannot be committed/,
        );
      } finally {
        await test.db.query("DROP TRIGGER refuse_at_commit ON audit_log");
        await test.db.query("DROP FUNCTION refuse_at_commit()");
      }
      expect(await count()).toBe(before);
      expect(await readCase(test.db, actor, caseId, "case.read", "case.read", now)).not.toBeNull();
      expect(await count()).toBe(before + 1);
    });
  },
);
