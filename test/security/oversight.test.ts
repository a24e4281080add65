/**
 * docs/security.md requirements 7 and 8 through the HTTP API: a first-instance decision takes effect only when
 * a second person, a supervisor, approves it, and nobody approves their own draft; a disclosure to
 * the applicant's country of nationality, a country they fear or a former habitual residence is
 * refused and alerts an administrator; and when those countries are not known (stateless, unknown
 * nationality, no feared country), a disclosure to a foreign state is refused, and alerts, until
 * another supervisor confirms the recipient with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases } from "../../src/store/db.ts";
import { stepUp, type TestUser } from "../support/auth.ts";
import { DECISION, interviewHeld, openHarness, SUMMONS, type Harness } from "./fixture.ts";

interface Timeline {
  items: { type: string; recordedBy: string }[];
}

describe.each(createTestDatabases())(
  "four eyes and no channel to the country of origin on $kind",
  (factory) => {
    let h: Harness;
    let clerk: TestUser;
    let examiner: TestUser;
    let supervisor: TestUser;
    let otherSupervisor: TestUser;
    let busanSupervisor: TestUser;
    let admin: TestUser;
    beforeAll(async () => {
      h = await openHarness(factory);
      clerk = await h.user("fe-clerk", "intake_clerk", "seoul");
      examiner = await h.user("fe-examiner", "examiner", "seoul");
      supervisor = await h.user("fe-supervisor", "supervisor", "seoul");
      otherSupervisor = await h.user("fe-supervisor-2", "supervisor", "seoul");
      busanSupervisor = await h.user("fe-supervisor-busan", "supervisor", "busan");
      admin = await h.user("fe-admin", "administrator", null);
    });
    afterAll(async () => {
      await h?.close();
    });

    async function examinedCase(): Promise<string> {
      const { caseId } = await h.newCase(clerk, "seoul");
      expect((await h.event(examiner, caseId, SUMMONS)).statusCode).toBe(201);
      expect((await h.event(examiner, caseId, interviewHeld(examiner.username))).statusCode).toBe(201);
      return caseId;
    }
    const approve = async (who: TestUser, draftId: string) => {
      h.clock.tick();
      await stepUp(h.app, h.ctx, who);
      return h.call(who, "POST", `/api/v1/approvals/${draftId}/approve`);
    };
    const timeline = async (caseId: string) =>
      (await h.call(examiner, "GET", `/api/v1/cases/${caseId}/events`)).json<Timeline>().items;

    describe("item 7: four eyes", () => {
      it("keeps an examiner's decision as a draft: the case does not change until a supervisor approves", async () => {
        const caseId = await examinedCase();
        const before = await h.call(examiner, "GET", `/api/v1/cases/${caseId}`);
        const draft = await h.event(examiner, caseId, DECISION);
        expect(draft.statusCode, draft.body).toBe(202);
        const after = await h.call(examiner, "GET", `/api/v1/cases/${caseId}`);
        expect(after.json()).toEqual(before.json());
        expect((await timeline(caseId)).map((e) => e.type)).not.toContain("decision_issued");

        // The examiner cannot approve it; a supervisor can.
        const self = await h.call(
          examiner,
          "POST",
          `/api/v1/approvals/${draft.json<{ id: string }>().id}/approve`,
        );
        expect(self.statusCode).toBe(403);
        const ok = await approve(supervisor, draft.json<{ id: string }>().id);
        expect(ok.statusCode, ok.body).toBe(201);
        const decided = (await timeline(caseId)).find((e) => e.type === "decision_issued");
        expect(decided?.recordedBy).toBe(supervisor.username);
        // Once only.
        const again = await approve(otherSupervisor, draft.json<{ id: string }>().id);
        expect(again.statusCode).toBe(409);
      });

      it("refuses a supervisor's approval (or return) of their own draft, even with a fresh second factor", async () => {
        const caseId = await examinedCase();
        const draft = await h.event(supervisor, caseId, DECISION);
        expect(draft.statusCode, draft.body).toBe(202);
        const id = draft.json<{ id: string }>().id;
        const own = await approve(supervisor, id);
        expect(own.statusCode, own.body).toBe(403);
        const ownReturn = await h.call(supervisor, "POST", `/api/v1/approvals/${id}/return`, { reason: "x" });
        expect(ownReturn.statusCode).toBe(403);
        // Both refusals leave an access record on the case (docs/security.md requirement 12).
        const refused = await h.test.db.query<{ action: string; outcome: string; actor: string }>(
          "SELECT action, outcome, actor FROM audit_log WHERE case_id = $1 AND outcome <> 'ok' ORDER BY seq",
          [caseId],
        );
        expect(refused).toEqual([
          { action: "decision.approve", outcome: "failed", actor: supervisor.username },
          { action: "decision.return", outcome: "failed", actor: supervisor.username },
        ]);
        expect((await timeline(caseId)).map((e) => e.type)).not.toContain("decision_issued");
        const other = await approve(otherSupervisor, id);
        expect(other.statusCode, other.body).toBe(201);
        expect((await timeline(caseId)).map((e) => e.type)).toContain("decision_issued");
      });

      it("offers no way around the draft: recording the decision directly, or with an idempotent replay, still makes a draft", async () => {
        const caseId = await examinedCase();
        const version = (await h.call(examiner, "GET", `/api/v1/cases/${caseId}`)).json<{ version: number }>()
          .version;
        for (const who of [examiner, supervisor]) {
          const res = await h.call(
            who,
            "POST",
            `/api/v1/cases/${caseId}/events`,
            { ...DECISION, type: "decision_issued" },
            {
              "if-match": `"${version}"`,
              "idempotency-key": `fe-${who.username}`,
            },
          );
          expect([202, 409], res.body).toContain(res.statusCode); // the second: one draft is already waiting
        }
        expect((await timeline(caseId)).map((e) => e.type)).not.toContain("decision_issued");
      });
    });

    describe("item 8: no channel to the country of origin", () => {
      let caseId: string;
      beforeAll(async () => {
        ({ caseId } = await h.newCase(clerk, "seoul", { nationality: "MMR", countriesFeared: ["CHN"] }));
      });
      const disclose = async (recipientKind: string, recipientCountry: string) => {
        h.clock.tick();
        await stepUp(h.app, h.ctx, supervisor);
        return h.call(supervisor, "POST", `/api/v1/cases/${caseId}/disclosures`, {
          recipientKind,
          recipientCountry,
          purpose: "verification of identity",
        });
      };
      const alerts = async () =>
        (await h.call(admin, "GET", "/api/v1/alerts")).json<{
          items: { kind: string; severity: string; details: { caseId?: string; requestedBy?: string } }[];
        }>().items;

      for (const [what, country] of [
        ["the country of nationality", "MMR"],
        ["a country the applicant fears", "CHN"],
      ] as const) {
        it(`refuses a disclosure to an authority of ${what} and alerts an administrator`, async () => {
          const before = (await alerts()).length;
          const res = await disclose("authority", country);
          expect(res.statusCode, res.body).toBe(403);
          expect(res.json<{ detail: string }>().detail).toMatch(/RA 17\(3\)/);
          const now = await alerts();
          expect(now.length).toBe(before + 1);
          expect(now[0]).toMatchObject({
            kind: "disclosure_to_country_of_origin",
            severity: "critical",
            details: { caseId, requestedBy: supervisor.username },
          });
          const refused = await h.test.db.query<{ status: string }>(
            "SELECT status FROM disclosures WHERE case_id = $1 AND recipient_country = $2",
            [caseId, country],
          );
          expect(refused.map((r) => r.status)).toEqual(["refused"]);
        });
      }

      it("refuses any recipient in those countries, not only one called an authority", async () => {
        for (const kind of ["court", "other", "unhcr"])
          expect((await disclose(kind, "MMR")).statusCode, kind).toBe(403);
      });

      it("lets a disclosure to a third country wait for approval, without an alert", async () => {
        const before = (await alerts()).length;
        const res = await disclose("unhcr", "CHE");
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json<{ status: string }>().status).toBe("pending_approval");
        expect((await alerts()).length).toBe(before);
      });
      it("refuses a disclosure to a country where the applicant habitually lived, and alerts", async () => {
        const { caseId: other } = await h.newCase(clerk, "seoul", {
          nationality: "MMR",
          countriesFeared: ["MMR"],
          formerResidences: ["THA", "MYS"],
        });
        for (const country of ["THA", "MYS"]) {
          const before = (await alerts()).length;
          h.clock.tick();
          await stepUp(h.app, h.ctx, supervisor);
          const res = await h.call(supervisor, "POST", `/api/v1/cases/${other}/disclosures`, {
            recipientKind: "authority",
            recipientCountry: country,
            purpose: "verification of residence",
          });
          expect(res.statusCode, res.body).toBe(403);
          const now = await alerts();
          expect(now.length).toBe(before + 1);
          expect(now[0]).toMatchObject({
            kind: "disclosure_to_country_of_origin",
            severity: "critical",
            details: { caseId: other },
          });
        }
        // The person's record keeps them, for the next request.
        const person = await h.call(clerk, "GET", `/api/v1/cases/${other}`);
        const personId = person.json<{ personId: string }>().personId;
        expect(
          (await h.call(clerk, "GET", `/api/v1/persons/${personId}`)).json<{ formerResidences: string[] }>()
            .formerResidences,
        ).toEqual(["THA", "MYS"]);
      });
    });

    describe("item 8: a recipient that cannot be checked waits for a supervisor's confirmation", () => {
      interface Disclosure {
        id: string;
        status: string;
        recipientConfirmation: { by: string; reason: string } | null;
      }
      interface Alerts {
        items: { kind: string; severity: string; details: { caseId?: string; disclosureId?: string } }[];
      }
      const request = async (caseId: string, recipientKind: string, recipientCountry: string) => {
        h.clock.tick();
        await stepUp(h.app, h.ctx, supervisor);
        return h.call(supervisor, "POST", `/api/v1/cases/${caseId}/disclosures`, {
          recipientKind,
          recipientCountry,
          purpose: "verification of identity",
        });
      };
      const listed = async (caseId: string) =>
        (await h.call(supervisor, "GET", `/api/v1/cases/${caseId}/disclosures`)).json<{
          items: Disclosure[];
        }>().items;
      const confirm = (
        who: TestUser,
        caseId: string,
        id: string,
        reason = "the embassy of Japan, verified by phone",
      ) => h.call(who, "POST", `/api/v1/cases/${caseId}/disclosures/${id}/confirm-recipient`, { reason });

      for (const [what, person] of [
        [
          "a stateless applicant",
          { nationality: "XXA", countriesFeared: ["SYR"], formerResidences: ["SYR"] },
        ],
        ["an applicant of unknown nationality", { nationality: "XXX", countriesFeared: ["SYR"] }],
        ["an applicant whose feared country is not recorded", { nationality: "MMR" }],
        ["an applicant whose feared country is unknown", { nationality: "MMR", countriesFeared: ["XXX"] }],
      ] as const) {
        it(`refuses a disclosure about ${what} to any foreign state, with an alert`, async () => {
          const { caseId } = await h.newCase(clerk, "seoul", person);
          for (const kind of ["authority", "court", "other"]) {
            const before = (await h.call(admin, "GET", "/api/v1/alerts")).json<Alerts>().items.length;
            const res = await request(caseId, kind, "JPN");
            expect(res.statusCode, res.body).toBe(403);
            expect(res.json<{ detail: string }>().detail).toMatch(/confirm the recipient/);
            const alerts = (await h.call(admin, "GET", "/api/v1/alerts")).json<Alerts>().items;
            expect(alerts.length, kind).toBe(before + 1);
            expect(alerts[0]).toMatchObject({
              kind: "disclosure_recipient_unconfirmed",
              severity: "warning",
              details: { caseId },
            });
          }
          expect((await listed(caseId)).map((d) => d.status)).toEqual([
            "awaiting_confirmation",
            "awaiting_confirmation",
            "awaiting_confirmation",
          ]);
          // Not a foreign state: UNHCR, and the jurisdiction's own courts.
          expect((await request(caseId, "unhcr", "CHE")).statusCode).toBe(201);
          expect((await request(caseId, "court", "KOR")).statusCode).toBe(201);
        });
      }

      it("refuses a code that names no country, and records nothing", async () => {
        const { caseId } = await h.newCase(clerk, "seoul", { nationality: "MMR", countriesFeared: ["MMR"] });
        const res = await request(caseId, "authority", "ZZZ");
        expect(res.statusCode, res.body).toBe(422);
        expect(await listed(caseId)).toEqual([]);
        for (const person of [{ countriesFeared: ["MMR", "ABC"] }, { formerResidences: ["QQQ"] }]) {
          const p = await h.call(clerk, "POST", "/api/v1/persons", {
            names: [{ value: "Applicant Codecheck" }],
            nationality: "MMR",
            ...person,
          });
          expect(p.statusCode, p.body).toBe(422);
        }
      });

      it("goes ahead only when another supervisor confirms the recipient with a reason and a fresh second factor", async () => {
        const { caseId } = await h.newCase(clerk, "seoul", { nationality: "XXA", countriesFeared: ["SYR"] });
        const refused = await request(caseId, "authority", "JPN");
        expect(refused.statusCode).toBe(403);
        const [held] = await listed(caseId);
        expect(held?.status).toBe("awaiting_confirmation");
        const id = held?.id ?? "";
        const alert = (await h.call(supervisor, "GET", "/api/v1/alerts"))
          .json<Alerts>()
          .items.find((a) => a.details.disclosureId === id);
        expect(alert?.kind).toBe("disclosure_recipient_unconfirmed");
        // Another office's supervisor sees none of this office's alerts, nor the case.
        const busan = (await h.call(busanSupervisor, "GET", "/api/v1/alerts")).json<Alerts>().items;
        expect(busan.some((a) => a.details.caseId === caseId)).toBe(false);
        h.clock.tick();
        await stepUp(h.app, h.ctx, busanSupervisor);
        expect((await confirm(busanSupervisor, caseId, id)).statusCode).toBe(404);

        // Not the supervisor who asked, even with a fresh second factor.
        h.clock.tick();
        await stepUp(h.app, h.ctx, supervisor);
        const own = await confirm(supervisor, caseId, id);
        expect(own.statusCode, own.body).toBe(403);
        // Not without a second factor proven for this confirmation.
        expect((await confirm(otherSupervisor, caseId, id)).statusCode).toBe(401);
        // Not without a reason.
        h.clock.tick();
        await stepUp(h.app, h.ctx, otherSupervisor);
        expect((await confirm(otherSupervisor, caseId, id, " ")).statusCode).toBe(422);
        expect((await listed(caseId))[0]?.status).toBe("awaiting_confirmation");

        const ok = await confirm(otherSupervisor, caseId, id);
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.json<Disclosure>()).toMatchObject({
          status: "pending_approval",
          recipientConfirmation: {
            by: otherSupervisor.username,
            reason: "the embassy of Japan, verified by phone",
          },
        });
        expect((await listed(caseId))[0]?.status).toBe("pending_approval");
        // Once only.
        h.clock.tick();
        await stepUp(h.app, h.ctx, otherSupervisor);
        expect((await confirm(otherSupervisor, caseId, id)).statusCode).toBe(409);
        // The confirmation is on the case's access record.
        const records = await h.test.db.query<{ action: string; outcome: string; actor: string }>(
          "SELECT action, outcome, actor FROM audit_log WHERE case_id = $1 AND action LIKE 'disclosure.confirm%' ORDER BY seq",
          [caseId],
        );
        expect(records.filter((r) => r.outcome === "ok")).toEqual([
          { action: "disclosure.confirm_recipient", outcome: "ok", actor: otherSupervisor.username },
        ]);
      });

      it("checks again at confirmation: a feared country learned meanwhile refuses it outright, and alerts", async () => {
        const { caseId, personId } = await h.newCase(clerk, "seoul", { nationality: "MMR" });
        expect((await request(caseId, "authority", "JPN")).statusCode).toBe(403);
        const [held] = await listed(caseId);
        // The interview tells that the applicant fears Japan too; it is added to their record.
        const busanClerk = await h.user("fe-clerk-busan", "intake_clerk", "busan");
        const elsewhere = await h.call(busanClerk, "POST", `/api/v1/persons/${personId}/countries`, {
          countriesFeared: ["JPN"],
        });
        expect(elsewhere.statusCode).toBe(404);
        const added = await h.call(clerk, "POST", `/api/v1/persons/${personId}/countries`, {
          countriesFeared: ["MMR", "JPN"],
        });
        expect(added.statusCode, added.body).toBe(200);
        expect(added.json<{ countriesFeared: string[] }>().countriesFeared).toEqual(["MMR", "JPN"]);
        // Countries are only ever added: nothing here takes one away.
        const again = await h.call(clerk, "POST", `/api/v1/persons/${personId}/countries`, {
          formerResidences: ["THA"],
        });
        expect(again.json<{ countriesFeared: string[]; formerResidences: string[] }>()).toMatchObject({
          countriesFeared: ["MMR", "JPN"],
          formerResidences: ["THA"],
        });

        const before = (await h.call(admin, "GET", "/api/v1/alerts")).json<Alerts>().items.length;
        h.clock.tick();
        await stepUp(h.app, h.ctx, otherSupervisor);
        const res = await confirm(otherSupervisor, caseId, held?.id ?? "");
        expect(res.statusCode, res.body).toBe(403);
        const alerts = (await h.call(admin, "GET", "/api/v1/alerts")).json<Alerts>().items;
        expect(alerts.length).toBe(before + 1);
        expect(alerts[0]).toMatchObject({
          kind: "disclosure_to_country_of_origin",
          severity: "critical",
          details: {
            caseId,
            disclosureId: held?.id,
            requestedBy: supervisor.username,
            refusedAtConfirmationBy: otherSupervisor.username,
          },
        });
        expect((await listed(caseId)).map((d) => d.status)).toEqual(["refused"]);
        // And a new request to Japan is refused outright; one to a third country now goes ahead.
        expect((await request(caseId, "authority", "JPN")).statusCode).toBe(403);
        expect((await listed(caseId)).map((d) => d.status)).toEqual(["refused", "refused"]);
        expect((await request(caseId, "authority", "CAN")).statusCode).toBe(201);
      });
    });

    describe("item 8: a disclosure waiting for approval is approved or returned by another supervisor", () => {
      interface Disclosure {
        id: string;
        status: string;
        decision: { by: string; at: string; reason: string | null } | null;
      }
      const request = async (caseId: string, recipientCountry: string) => {
        h.clock.tick();
        await stepUp(h.app, h.ctx, supervisor);
        const res = await h.call(supervisor, "POST", `/api/v1/cases/${caseId}/disclosures`, {
          recipientKind: "court",
          recipientCountry,
          purpose: "a court abroad asks to verify a document",
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<Disclosure>().id;
      };
      const decide = async (
        who: TestUser,
        caseId: string,
        id: string,
        how: "approve" | "return",
        body?: object,
      ) => {
        h.clock.tick();
        await stepUp(h.app, h.ctx, who);
        return h.call(who, "POST", `/api/v1/cases/${caseId}/disclosures/${id}/${how}`, body);
      };
      const listed = async (caseId: string) =>
        (await h.call(supervisor, "GET", `/api/v1/cases/${caseId}/disclosures`)).json<{
          items: Disclosure[];
        }>().items;

      it("is approved by another supervisor with a new code, once; never by its requester or another office", async () => {
        const { caseId } = await h.newCase(clerk, "seoul", { nationality: "MMR", countriesFeared: ["MMR"] });
        const id = await request(caseId, "CHE");
        expect((await decide(supervisor, caseId, id, "approve")).statusCode).toBe(403);
        expect((await decide(busanSupervisor, caseId, id, "approve")).statusCode).toBe(404);
        expect((await decide(examiner, caseId, id, "approve")).statusCode).toBe(403);
        // Not without a second factor proven for this approval.
        expect(
          (await h.call(otherSupervisor, "POST", `/api/v1/cases/${caseId}/disclosures/${id}/approve`))
            .statusCode,
        ).toBe(401);
        expect((await listed(caseId))[0]).toMatchObject({ status: "pending_approval", decision: null });

        const ok = await decide(otherSupervisor, caseId, id, "approve");
        expect(ok.statusCode, ok.body).toBe(200);
        expect(ok.json<Disclosure>()).toMatchObject({
          status: "approved",
          decision: { by: otherSupervisor.username, reason: null },
        });
        expect((await listed(caseId))[0]).toMatchObject({
          status: "approved",
          decision: { by: otherSupervisor.username },
        });
        expect((await decide(otherSupervisor, caseId, id, "approve")).statusCode).toBe(409);
        expect(
          (await decide(otherSupervisor, caseId, id, "return", { reason: "too late to return it" }))
            .statusCode,
        ).toBe(409);
        const records = await h.test.db.query<{ action: string; actor: string }>(
          "SELECT action, actor FROM audit_log WHERE case_id = $1 AND action = 'disclosure.approve' AND outcome = 'ok'",
          [caseId],
        );
        expect(records).toEqual([{ action: "disclosure.approve", actor: otherSupervisor.username }]);
      });

      it("is returned with a reason, kept sealed; without a reason nothing changes", async () => {
        const { caseId } = await h.newCase(clerk, "seoul", { nationality: "MMR", countriesFeared: ["MMR"] });
        const id = await request(caseId, "DEU");
        expect((await decide(otherSupervisor, caseId, id, "return", { reason: "short" })).statusCode).toBe(
          422,
        );
        expect((await decide(otherSupervisor, caseId, id, "return")).statusCode).toBe(422);
        expect((await listed(caseId))[0]?.status).toBe("pending_approval");
        const reason = "the purpose does not say which document the court asked about";
        const res = await decide(otherSupervisor, caseId, id, "return", { reason });
        expect(res.statusCode, res.body).toBe(200);
        expect((await listed(caseId))[0]).toMatchObject({
          status: "returned",
          decision: { by: otherSupervisor.username, reason },
        });
        const [row] = await h.test.db.query<{ row: string }>(
          "SELECT d::text AS row FROM disclosures d WHERE id = $1",
          [id],
        );
        expect(row?.row).not.toContain("which document");
      });

      it("checks the barrier again at approval: a feared country recorded since the request refuses it, and alerts", async () => {
        const { caseId, personId } = await h.newCase(clerk, "seoul", {
          nationality: "MMR",
          countriesFeared: ["MMR"],
        });
        const id = await request(caseId, "THA");
        const added = await h.call(clerk, "POST", `/api/v1/persons/${personId}/countries`, {
          countriesFeared: ["MMR", "THA"],
        });
        expect(added.statusCode, added.body).toBe(200);
        const before = (await h.call(admin, "GET", "/api/v1/alerts")).json<{ items: unknown[] }>().items
          .length;
        const res = await decide(otherSupervisor, caseId, id, "approve");
        expect(res.statusCode, res.body).toBe(403);
        const alerts = (await h.call(admin, "GET", "/api/v1/alerts")).json<{
          items: { kind: string; details: { disclosureId?: string } }[];
        }>().items;
        expect(alerts.length).toBe(before + 1);
        expect(alerts[0]).toMatchObject({
          kind: "disclosure_to_country_of_origin",
          details: { disclosureId: id },
        });
        expect((await listed(caseId))[0]).toMatchObject({ status: "refused", decision: null });
      });
    });

    describe("an alert stays open until someone else who sees it acknowledges it, with a note", () => {
      interface Alerts {
        items: { id: string; kind: string; details: { caseId?: string } }[];
      }
      const open = async (who: TestUser) => (await h.call(who, "GET", "/api/v1/alerts")).json<Alerts>().items;
      const acknowledge = (
        who: TestUser,
        id: string,
        note = "Called the requesting supervisor; nothing was sent",
      ) => h.call(who, "POST", `/api/v1/alerts/${id}/acknowledge`, { note });

      it("is acknowledged once by another supervisor of the office or an administrator; the note is sealed", async () => {
        const { caseId } = await h.newCase(clerk, "seoul", { nationality: "MMR", countriesFeared: ["MMR"] });
        h.clock.tick();
        await stepUp(h.app, h.ctx, supervisor);
        const refused = await h.call(supervisor, "POST", `/api/v1/cases/${caseId}/disclosures`, {
          recipientKind: "authority",
          recipientCountry: "MMR",
          purpose: "identity check",
        });
        expect(refused.statusCode).toBe(403);
        const alert = (await open(otherSupervisor)).find((a) => a.details.caseId === caseId);
        expect(alert?.kind).toBe("disclosure_to_country_of_origin");
        const id = alert?.id ?? "";
        // Not the supervisor who set it off, not another office's, not without a note.
        expect((await acknowledge(supervisor, id)).statusCode).toBe(403);
        expect((await acknowledge(busanSupervisor, id)).statusCode).toBe(404);
        expect((await acknowledge(examiner, id)).statusCode).toBe(403);
        expect((await acknowledge(otherSupervisor, id, "ok")).statusCode).toBe(422);
        expect((await open(admin)).some((a) => a.id === id)).toBe(true);

        const ok = await acknowledge(otherSupervisor, id);
        expect(ok.statusCode, ok.body).toBe(204);
        expect((await open(admin)).some((a) => a.id === id)).toBe(false);
        expect((await open(otherSupervisor)).some((a) => a.id === id)).toBe(false);
        expect((await acknowledge(admin, id)).statusCode).toBe(409);
        const [row] = await h.test.db.query<{ row: string; acknowledged_by: string }>(
          "SELECT a::text AS row, acknowledged_by FROM alerts a WHERE id = $1",
          [id],
        );
        expect(row?.acknowledged_by).toBe(otherSupervisor.username);
        expect(row?.row).not.toContain("nothing was sent");
        const records = await h.test.db.query<{ actor: string; outcome: string }>(
          "SELECT actor, outcome FROM audit_log WHERE action = 'alert.acknowledge' AND case_id = $1 ORDER BY seq",
          [caseId],
        );
        expect(records).toEqual([
          { actor: supervisor.username, outcome: "failed" },
          { actor: otherSupervisor.username, outcome: "ok" },
          { actor: admin.username, outcome: "failed" },
        ]);
      });

      it("answers 404 for an alert that does not exist, and 422 for an id that is not one", async () => {
        expect((await acknowledge(admin, "01890a5d-ac96-774b-bcce-b302099a8057")).statusCode).toBe(404);
        expect((await acknowledge(admin, "not-an-id")).statusCode).toBe(422);
      });
    });
  },
);
