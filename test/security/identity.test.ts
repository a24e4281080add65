/**
 * docs/security.md requirements 1–3 through the HTTP API: signing in, the same answer for an unknown account
 * and a wrong password, throttling and lock-out (logged), the session cookie and its lifetime, and
 * the second factor asked again before sensitive actions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotpCode } from "../../src/security/commands/accounts.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { createUser, sessionHeaders, signIn, stepUp, type TestUser } from "../support/auth.ts";
import { DECISION, grantAccess, interviewHeld, openHarness, SUMMONS, type Harness } from "./fixture.ts";

const COOKIE = "__Host-openrsd_session";
const login = (h: Harness, body: Record<string, unknown>) => h.call(null, "POST", "/api/v1/auth/login", body);
const whoAmI = (h: Harness, cookie: string) =>
  h.app.inject({ url: "/api/v1/auth/session", headers: { cookie } });

/** What a client can observe of a refused sign-in, minus nothing: status, headers, body. */
function observable(res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  const { date: _date, "content-length": _len, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body };
}

describe.each(createTestDatabases())("identity and sessions over HTTP on $kind", (factory) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(factory);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe("item 1: password and second factor", () => {
    it("refuses a right password without a second factor, and sets no cookie", async () => {
      const u = await createUser(h.ctx, "id-nofactor", "examiner", "seoul");
      const res = await login(h, { username: u.username, password: u.password });
      expect(res.statusCode).toBe(401);
      expect(res.headers["set-cookie"]).toBeUndefined();
      expect(res.json<{ type: string }>().type).toMatch(/sign-in-refused/);
    });

    it("accepts a TOTP code once only: the same code again is refused", async () => {
      const u = await createUser(h.ctx, "id-totp-once", "examiner", "seoul");
      h.clock.tick();
      const code = currentTotpCode(u.secret, h.ctx.clock());
      const first = await login(h, { username: u.username, password: u.password, totp: code });
      expect(first.statusCode, first.body).toBe(200);
      const again = await login(h, { username: u.username, password: u.password, totp: code });
      expect(again.statusCode).toBe(401);
      expect(again.headers["set-cookie"]).toBeUndefined();
    });

    it("stores the password as argon2id with m >= 19 MiB and t >= 2", async () => {
      const u = await createUser(h.ctx, "id-argon", "examiner", "seoul");
      const [row] = await h.test.db.query<{ password_hash: string }>(
        "SELECT password_hash FROM accounts WHERE id = $1",
        [u.id],
      );
      const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row?.password_hash ?? "");
      expect(m, row?.password_hash).not.toBeNull();
      expect(Number(m?.[1])).toBeGreaterThanOrEqual(19 * 1024);
      expect(Number(m?.[2])).toBeGreaterThanOrEqual(2);
      expect(row?.password_hash).not.toContain(u.password);
    });
  });

  describe("item 2: the same answer, throttling and lock-out", () => {
    it("answers an unknown account exactly like a wrong password", async () => {
      const u = await createUser(h.ctx, "id-same-answer", "examiner", "seoul");
      const wrong = await login(h, { username: u.username, password: "not-the-password-1", totp: "123456" });
      const unknown = await login(h, {
        username: "id-nobody-at-all",
        password: "not-the-password-1",
        totp: "123456",
      });
      expect(wrong.statusCode).toBe(401);
      expect(observable(unknown)).toEqual(observable(wrong));
    });

    it("slows repeated failures down, then locks the account even for the right password, and logs it", async () => {
      const u = await createUser(h.ctx, "id-lockout", "examiner", "seoul");
      const retryAfter: (string | undefined)[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await login(h, { username: u.username, password: `wrong-password-${i}`, totp: "000000" });
        expect(res.statusCode).toBe(401);
        retryAfter.push(res.headers["retry-after"] as string | undefined);
        h.clock.tick(61); // past any slow-down, which is at most a minute
      }
      // Typos go free, then a growing delay, then a 15-minute lock.
      expect(retryAfter.slice(0, 2)).toEqual([undefined, undefined]);
      expect(Number(retryAfter[2])).toBeGreaterThan(0);
      expect(Number(retryAfter[6])).toBeGreaterThan(Number(retryAfter[2]));
      expect(Number(retryAfter[9])).toBeGreaterThanOrEqual(14 * 60);

      h.clock.tick(31);
      const right = await login(h, {
        username: u.username,
        password: u.password,
        totp: currentTotpCode(u.secret, h.ctx.clock()),
      });
      expect(right.statusCode).toBe(401);
      expect(right.headers["set-cookie"]).toBeUndefined();

      const logged = await h.test.db.query<{ action: string; outcome: string; details: { reason?: string } }>(
        "SELECT action, outcome, details FROM audit_log WHERE actor = $1 ORDER BY seq",
        [u.id],
      );
      expect(logged.filter((e) => e.action === "login.failed" && e.outcome === "denied").length).toBe(11);
      expect(logged.at(-1)?.details.reason).toBe("locked");

      // After the lock, the right password and a fresh code get in.
      h.clock.tick(15 * 60);
      const after = await login(h, {
        username: u.username,
        password: u.password,
        totp: currentTotpCode(u.secret, h.ctx.clock()),
      });
      expect(after.statusCode, after.body).toBe(200);
    });
  });

  describe("item 3: the session", () => {
    let user: TestUser;
    let setCookie: string;
    beforeAll(async () => {
      const u = await createUser(h.ctx, "id-cookie", "examiner", "seoul");
      h.clock.tick();
      const res = await login(h, {
        username: u.username,
        password: u.password,
        totp: currentTotpCode(u.secret, h.ctx.clock()),
      });
      expect(res.statusCode, res.body).toBe(200);
      setCookie = String(res.headers["set-cookie"]);
      user = { ...u, cookie: setCookie.split(";")[0] ?? "" };
    });

    it("is a __Host- cookie: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain", () => {
      const [pair, ...attrs] = setCookie.split(";").map((s) => s.trim());
      expect(pair?.startsWith(`${COOKIE}=`)).toBe(true);
      const lower = attrs.map((a) => a.toLowerCase());
      expect(lower).toContain("secure");
      expect(lower).toContain("httponly");
      expect(lower).toContain("samesite=strict");
      expect(lower).toContain("path=/");
      expect(lower.some((a) => a.startsWith("domain="))).toBe(false);
    });

    it("carries at least 128 random bits, and the database keeps only a hash of it", async () => {
      const token = user.cookie.slice(COOKIE.length + 1);
      expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
      h.clock.tick();
      const other = await signIn(h.app, h.ctx, user);
      expect(other.cookie).not.toBe(user.cookie);
      const dump = await h.test.db.query<{ row: string }>("SELECT s::text AS row FROM sessions s");
      expect(dump.map((r) => r.row).join("\n")).not.toContain(token);
    });

    it("rotates at sign-in: the cookie sent to the login dies, the new one works", async () => {
      h.clock.tick();
      const res = await h.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: sessionHeaders(user),
        payload: {
          username: user.username,
          password: user.password,
          totp: currentTotpCode(user.secret, h.ctx.clock()),
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const fresh = String(res.headers["set-cookie"]).split(";")[0] ?? "";
      expect(fresh).not.toBe(user.cookie);
      expect((await whoAmI(h, user.cookie)).statusCode).toBe(401);
      expect((await whoAmI(h, fresh)).statusCode).toBe(200);
      user = { ...user, cookie: fresh };
    });

    it("dies at logout", async () => {
      h.clock.tick();
      const s = await signIn(h.app, h.ctx, user);
      expect((await whoAmI(h, s.cookie)).statusCode).toBe(200);
      const out = await h.app.inject({
        method: "POST",
        url: "/api/v1/auth/logout",
        headers: sessionHeaders(s),
      });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers["set-cookie"])).toMatch(/Max-Age=0/);
      expect((await whoAmI(h, s.cookie)).statusCode).toBe(401);
    });

    it("dies when an administrator disables the account, on the very next request", async () => {
      const admin = await h.user("id-admin", "administrator", null);
      const victim = await h.user("id-disabled", "examiner", "seoul");
      expect((await h.call(victim, "GET", "/api/v1/cases")).statusCode).toBe(200);
      const off = await h.call(admin, "POST", `/api/v1/accounts/${victim.id}/disable`);
      expect(off.statusCode, off.body).toBe(204);
      expect((await h.call(victim, "GET", "/api/v1/cases")).statusCode).toBe(401);
      // And the password and a fresh code no longer open a session.
      h.clock.tick();
      await expect(signIn(h.app, h.ctx, victim)).rejects.toThrow(/401/);
    });

    it("dies after 30 idle minutes", async () => {
      h.clock.tick();
      const s = await signIn(h.app, h.ctx, user);
      h.clock.tick(29 * 60);
      expect((await whoAmI(h, s.cookie)).statusCode).toBe(200);
      h.clock.tick(29 * 60); // each use pushes the idle end back
      expect((await whoAmI(h, s.cookie)).statusCode).toBe(200);
      h.clock.tick(31 * 60);
      expect((await whoAmI(h, s.cookie)).statusCode).toBe(401);
    });

    it("dies at its absolute end (12 hours) however busy it is", async () => {
      h.clock.tick();
      const s = await signIn(h.app, h.ctx, user);
      for (let minutes = 0; minutes < 12 * 60 - 25; minutes += 25) {
        h.clock.tick(25 * 60);
        expect((await whoAmI(h, s.cookie)).statusCode, `after ${minutes + 25} minutes`).toBe(200);
      }
      h.clock.tick(25 * 60);
      expect((await whoAmI(h, s.cookie)).statusCode).toBe(401);
    });
  });

  describe("item 3: the second factor again for sensitive actions", () => {
    let clerk: TestUser;
    let examiner: TestUser;
    let supervisor: TestUser;
    let admin: TestUser;
    let caseId: string;
    let draftId: string;
    beforeAll(async () => {
      clerk = await h.user("su-clerk", "intake_clerk", "seoul");
      examiner = await h.user("su-examiner", "examiner", "seoul");
      supervisor = await h.user("su-supervisor", "supervisor", "seoul");
      admin = await h.user("su-admin", "administrator", null);
      ({ caseId } = await h.newCase(clerk, "seoul"));
      expect((await h.event(examiner, caseId, SUMMONS)).statusCode).toBe(201);
      expect((await h.event(examiner, caseId, interviewHeld(examiner.username))).statusCode).toBe(201);
      const draft = await h.event(examiner, caseId, DECISION);
      expect(draft.statusCode, draft.body).toBe(202);
      draftId = draft.json<{ id: string }>().id;
    });

    const stepUpRequired = (res: { statusCode: number; body: string }) => {
      expect(res.statusCode, res.body).toBe(401);
      expect(JSON.parse(res.body).type).toMatch(/step-up-required/);
    };

    it("a final decision: approval needs a second factor proven within 5 minutes", async () => {
      // Signed in (with the second factor) more than 5 minutes ago.
      h.clock.tick(6 * 60);
      stepUpRequired(await h.call(supervisor, "POST", `/api/v1/approvals/${draftId}/approve`));
      await stepUp(h.app, h.ctx, supervisor);
      const ok = await h.call(supervisor, "POST", `/api/v1/approvals/${draftId}/approve`);
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it("a disclosure (an export of the file) needs it too", async () => {
      h.clock.tick(6 * 60);
      const body = { recipientKind: "unhcr", recipientCountry: "CHE", purpose: "resettlement" };
      stepUpRequired(await h.call(supervisor, "POST", `/api/v1/cases/${caseId}/disclosures`, body));
      await stepUp(h.app, h.ctx, supervisor);
      const ok = await h.call(supervisor, "POST", `/api/v1/cases/${caseId}/disclosures`, body);
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it("a key change needs it too", async () => {
      h.clock.tick(6 * 60);
      stepUpRequired(await h.call(admin, "POST", "/api/v1/keys/rotate"));
      await stepUp(h.app, h.ctx, admin);
      const ok = await h.call(admin, "POST", "/api/v1/keys/rotate");
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it("a wrong code does not count as a step-up", async () => {
      h.clock.tick(6 * 60);
      const right = currentTotpCode(admin.secret, h.ctx.clock());
      const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
      const bad = await h.call(admin, "POST", "/api/v1/auth/step-up", { totp: wrong });
      expect(bad.statusCode).toBe(401);
      stepUpRequired(await h.call(admin, "POST", "/api/v1/keys/rotate"));
    });
  });

  describe("API tokens belong to service accounts only", () => {
    it("refuses a token for a person's account, so no administrator can act as a colleague", async () => {
      const admin = await signIn(
        h.app,
        h.ctx,
        await createUser(h.ctx, "id-token-admin", "administrator", null),
      );
      const examiner = await createUser(h.ctx, "id-token-examiner", "examiner", "seoul");
      const second = await signIn(
        h.app,
        h.ctx,
        await createUser(h.ctx, "id-token-admin-2", "administrator", null),
      );
      const refused = await h.call(admin, "POST", "/api/v1/access-requests", {
        kind: "token",
        accountId: examiner.id,
        name: "impersonation",
        scopes: ["case.read"],
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json<{ detail: string }>().detail).toContain("only to service accounts");
      const [tokens] = await h.test.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM api_tokens WHERE account_id = $1",
        [examiner.id],
      );
      expect(tokens?.n).toBe(0);

      const created = await grantAccess(h, admin, second, {
        kind: "account",
        username: "id-token-bridge",
        displayName: "Court bridge",
        role: "litigation_officer",
        officeId: "seoul",
        service: true,
      });
      // A service account has nobody to enrol.
      expect(created).toMatchObject({ link: null, code: null });
      const { token } = await grantAccess(h, admin, second, {
        kind: "token",
        accountId: created.accountId,
        name: "bridge",
        scopes: ["case.read", "case.list"],
      });
      const who = await h.app.inject({
        url: "/api/v1/auth/session",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(who.json()).toMatchObject({ username: "id-token-bridge", via: "token" });
      // And the service account cannot sign in: it has no password anyone knows and no second factor.
      const login = await h.call(null, "POST", "/api/v1/auth/login", {
        username: "id-token-bridge",
        password: "anything-long-enough",
        totp: "000000",
      });
      expect(login.statusCode).toBe(401);
    });
  });
});
