/**
 * docs/security.md requirement 18 through the HTTP API: no administrator alone gives anyone access.
 * An account, a role or a token is requested by one administrator and approved by another with a
 * second factor proven for the approval; the new user sets their own password and authenticator
 * with a link (the requester's) and a code (the approver's); tokens carry only their scopes and
 * never give access; a break-glass approval at the machine raises an alert and waits for review.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveAccessRequest, requestAccess } from "../../src/security/commands/access-requests.ts";
import { currentTotpCode } from "../../src/security/commands/accounts.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { signIn, SYSTEM, stepUp, type TestUser } from "../support/auth.ts";
import { grantAccess, openHarness, type Harness } from "./fixture.ts";

interface Requested {
  request: { id: string; state: string; accountId: string | null };
  enrolmentLink: string | null;
}

describe.each(createTestDatabases())("access requests on $kind", (factory) => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;
  let n = 0;
  const fresh = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 7)}`;
  const accountNamed = async (username: string) =>
    (
      await h.test.db.query<{ id: string; password_hash: string | null; totp_secret: string | null }>(
        "SELECT id, password_hash, totp_secret FROM accounts WHERE username = $1",
        [username],
      )
    )[0] ?? null;
  const requestAccount = async (by: TestUser, extra: Record<string, unknown> = {}) => {
    const username = fresh("ar-user");
    const res = await h.call(by, "POST", "/api/v1/access-requests", {
      kind: "account",
      username,
      displayName: "Min Supervisor",
      role: "supervisor",
      officeId: "seoul",
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { username, ...res.json<Requested>() };
  };
  const approve = (by: TestUser, id: string, body?: Record<string, unknown>) =>
    h.call(by, "POST", `/api/v1/access-requests/${id}/approve`, body);
  const withCode = (u: TestUser) => {
    h.clock.tick();
    return { secondFactor: { totp: currentTotpCode(u.secret, h.ctx.clock()) } };
  };

  beforeAll(async () => {
    h = await openHarness(factory);
    alice = await h.user("ar-alice", "administrator", null);
    bob = await h.user("ar-bob", "administrator", null);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("one administrator alone gets no account at all: a request is not an account, and no route creates one", async () => {
    const gone = await h.call(alice, "POST", "/api/v1/accounts", {
      username: fresh("ar-direct"),
      displayName: "Direct",
      role: "supervisor",
      officeId: "seoul",
      password: "a-long-enough-password",
    });
    expect([404, 405]).toContain(gone.statusCode);
    const { username, request } = await requestAccount(alice);
    expect(request.state).toBe("pending");
    expect(await accountNamed(username)).toBeNull();

    // Her own request, even with a new code: refused, and nothing is made.
    const own = await approve(alice, request.id, withCode(alice));
    expect(own.statusCode, own.body).toBe(403);
    expect(own.json<{ detail: string }>().detail).toContain("another administrator");
    expect(
      (await h.call(alice, "POST", `/api/v1/access-requests/${request.id}/reject`, { reason: "x" }))
        .statusCode,
    ).toBe(403);
    expect(await accountNamed(username)).toBeNull();

    // Nor can she make a role change or a token take effect alone.
    const examiner = await h.user(fresh("ar-ex"), "examiner", "seoul");
    const role = await h.call(alice, "POST", "/api/v1/access-requests", {
      kind: "role",
      accountId: examiner.id,
      role: "supervisor",
      officeId: "seoul",
    });
    expect(role.statusCode, role.body).toBe(201);
    const roleId = role.json<Requested>().request.id;
    expect((await approve(alice, roleId, withCode(alice))).statusCode).toBe(403);
    const session = await h.call(examiner, "GET", "/api/v1/auth/session");
    expect(session.json<{ role: string }>().role).toBe("examiner");

    // Nor can anyone who is not an administrator ask.
    const supervisor = await h.user(fresh("ar-sup"), "supervisor", "seoul");
    const byStaff = await h.call(supervisor, "POST", "/api/v1/access-requests", {
      kind: "role",
      accountId: supervisor.id,
      role: "administrator",
      officeId: null,
    });
    expect(byStaff.statusCode).toBe(403);
  });

  it("a second administrator's approval needs a second factor proven for it, used once", async () => {
    const { username, request } = await requestAccount(alice);
    const bare = await approve(bob, request.id);
    expect(bare.statusCode, bare.body).toBe(401);
    expect(bare.json<{ type: string }>().type).toContain("step-up-required");
    expect(await accountNamed(username)).toBeNull();

    // A wrong code is refused.
    const right = withCode(bob).secondFactor.totp;
    const wrong = await approve(bob, request.id, {
      secondFactor: { totp: String((Number(right) + 1) % 1_000_000).padStart(6, "0") },
    });
    expect(wrong.statusCode).toBe(401);
    expect(await accountNamed(username)).toBeNull();

    h.clock.tick();
    await stepUp(h.app, h.ctx, bob);
    const ok = await approve(bob, request.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await accountNamed(username)).not.toBeNull();

    // That proof is spent: the next approval needs another.
    const next = await requestAccount(alice);
    expect((await approve(bob, next.request.id)).statusCode).toBe(401);
    expect((await approve(bob, next.request.id, withCode(bob))).statusCode).toBe(200);
    // And a request is decided once.
    expect((await approve(bob, next.request.id, withCode(bob))).statusCode).toBe(409);
  });

  it("neither administrator ever sees the new user's password or authenticator secret", async () => {
    const requested = await requestAccount(alice);
    const approved = await approve(bob, requested.request.id, withCode(bob));
    expect(approved.statusCode).toBe(200);
    const answers = JSON.stringify(requested) + approved.body;
    expect(answers).not.toMatch(/password|totp|secret|otpauth/i);
    const account = await accountNamed(requested.username);
    expect(account).toMatchObject({ password_hash: null, totp_secret: null });
    // Nor can anyone sign in as it before its user enrols.
    const login = await h.call(null, "POST", "/api/v1/auth/login", {
      username: requested.username,
      password: "whatever-long-enough",
      totp: "000000",
    });
    expect(login.statusCode).toBe(401);
    const list = await h.call(alice, "GET", "/api/v1/accounts");
    expect(list.body).not.toMatch(/password|secret/i);
  });

  it("the user enrols with the link and the code, sets their own password and authenticator, once, then signs in", async () => {
    const requested = await requestAccount(alice);
    const link = requested.enrolmentLink ?? "";
    expect(link).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const approved = await approve(bob, requested.request.id, withCode(bob));
    const code = approved.json<{ enrolmentCode: string }>().enrolmentCode;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    // The link alone, or the code with another link, is not enough.
    const wrong = await h.call(null, "POST", "/api/v1/enrolment/start", { link, code: "AAAA-AAAA" });
    expect(wrong.statusCode, wrong.body).toBe(422);
    expect(wrong.json<{ detail: string }>().detail).toContain("4 tries left");
    const otherLink = await h.call(null, "POST", "/api/v1/enrolment/start", {
      link: "x".repeat(43),
      code,
    });
    expect(otherLink.statusCode).toBe(404);

    const started = await h.call(null, "POST", "/api/v1/enrolment/start", { link, code: code.toLowerCase() });
    expect(started.statusCode, started.body).toBe(200);
    const { username, totp } = started.json<{ username: string; totp: { secret: string; uri: string } }>();
    expect(username).toBe(requested.username);
    expect(totp.uri).toContain("otpauth://totp/");

    const weak = await h.call(null, "POST", "/api/v1/enrolment", {
      link,
      code,
      password: "short",
      totp: currentTotpCode(totp.secret, h.ctx.clock()),
    });
    expect(weak.statusCode).toBe(422);
    const password = "my-own-password-nobody-knows";
    const done = await h.call(null, "POST", "/api/v1/enrolment", {
      link,
      code,
      password,
      totp: currentTotpCode(totp.secret, h.ctx.clock()),
    });
    expect(done.statusCode, done.body).toBe(200);

    // Once: the link is spent.
    const again = await h.call(null, "POST", "/api/v1/enrolment/start", { link, code });
    expect(again.statusCode).toBe(404);

    h.clock.tick();
    const login = await h.call(null, "POST", "/api/v1/auth/login", {
      username,
      password,
      totp: currentTotpCode(totp.secret, h.ctx.clock()),
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json<{ account: { role: string } }>().account.role).toBe("supervisor");
  });

  it("an enrolment allows five tries, then is spent even for the right code", async () => {
    const { link, code } = await grantAccess(h, alice, bob, {
      kind: "account",
      username: fresh("ar-tries"),
      displayName: "Tries",
      role: "examiner",
      officeId: "seoul",
    });
    for (let i = 0; i < 5; i++) {
      const res = await h.call(null, "POST", "/api/v1/enrolment/start", { link, code: "ZZZZ-ZZZZ" });
      expect(res.statusCode).toBe(422);
    }
    const right = await h.call(null, "POST", "/api/v1/enrolment/start", { link, code });
    expect(right.statusCode).toBe(404);
    expect(right.json<{ detail: string }>().detail).toContain("too many codes");
  });

  it("an enrolment expires after 72 hours", async () => {
    const { link, code } = await grantAccess(h, alice, bob, {
      kind: "account",
      username: fresh("ar-late"),
      displayName: "Late",
      role: "examiner",
      officeId: "seoul",
    });
    h.clock.tick(72 * 3600 + 1);
    const late = await h.call(null, "POST", "/api/v1/enrolment/start", { link, code });
    expect(late.statusCode).toBe(404);
    // The administrators' sessions ended meanwhile.
    alice = await signIn(h.app, h.ctx, alice);
    bob = await signIn(h.app, h.ctx, bob);
  });

  it("a token is issued only with scopes of its account's role; it can do only those, and never give access", async () => {
    const bridge = await grantAccess(h, alice, bob, {
      kind: "account",
      username: fresh("ar-bridge"),
      displayName: "Status bridge",
      role: "supervisor",
      officeId: "seoul",
      service: true,
    });
    for (const scopes of [["holiday.manage"], ["account.manage"], []]) {
      const refused = await h.call(alice, "POST", "/api/v1/access-requests", {
        kind: "token",
        accountId: bridge.accountId,
        name: "too much",
        scopes,
      });
      expect(refused.statusCode, `${scopes.join()}: ${refused.body}`).toBe(422);
    }
    // Even an administrator's service account: its token never carries the rights that give access.
    const adminBridge = await grantAccess(h, alice, bob, {
      kind: "account",
      username: fresh("ar-admin-bridge"),
      displayName: "Admin script",
      role: "administrator",
      officeId: null,
      service: true,
    });
    for (const scope of ["account.manage", "token.manage"]) {
      const refused = await h.call(alice, "POST", "/api/v1/access-requests", {
        kind: "token",
        accountId: adminBridge.accountId,
        name: "give access",
        scopes: [scope],
      });
      expect(refused.statusCode, refused.body).toBe(422);
    }

    const { token } = await grantAccess(h, alice, bob, {
      kind: "token",
      accountId: bridge.accountId,
      name: "lists",
      scopes: ["case.list", "case.read"],
    });
    const bearer = (method: "GET" | "POST", url: string, payload?: Record<string, unknown>) =>
      h.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload ? { payload } : {}),
      });
    expect((await bearer("GET", "/api/v1/cases")).statusCode).toBe(200);
    // Rights of the role the token was not issued for.
    expect((await bearer("GET", "/api/v1/deadlines")).statusCode).toBe(403);
    expect((await bearer("GET", "/api/v1/approvals")).statusCode).toBe(403);

    // No token requests, lists or approves access, whatever its account.
    const pending = await requestAccount(alice);
    expect(
      (
        await bearer("POST", "/api/v1/access-requests", {
          kind: "account",
          username: fresh("ar-by-token"),
          displayName: "By token",
          role: "supervisor",
          officeId: "seoul",
        })
      ).statusCode,
    ).toBe(403);
    expect((await bearer("GET", "/api/v1/access-requests")).statusCode).toBe(403);
    expect((await bearer("POST", `/api/v1/access-requests/${pending.request.id}/approve`)).statusCode).toBe(
      403,
    );
    const { token: adminToken } = await grantAccess(h, alice, bob, {
      kind: "token",
      accountId: adminBridge.accountId,
      name: "holidays",
      scopes: ["holiday.read", "holiday.manage"],
    });
    const byAdminToken = await h.app.inject({
      method: "POST",
      url: "/api/v1/access-requests",
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { kind: "role", accountId: bridge.accountId, role: "administrator", officeId: null },
    });
    expect(byAdminToken.statusCode).toBe(403);
    const [state] = await h.test.db.query<{ state: string }>(
      "SELECT state FROM access_requests WHERE id = $1",
      [pending.request.id],
    );
    expect(state?.state).toBe("pending");
    // The database refuses such a token too, however it would be written.
    await expect(
      h.test.db.query(
        `INSERT INTO api_tokens (id, account_id, name, scopes, token_hash, created_at, created_by)
         VALUES (gen_random_uuid(), $1, 'forged', ARRAY['account.manage'], 'forged-hash', now(), 'test')`,
        [adminBridge.accountId],
      ),
    ).rejects.toThrow(/api_tokens_no_access_rights/);
  });

  it("a role change takes effect on a second administrator's approval, and ends the account's tokens", async () => {
    const examiner = await h.user(fresh("ar-promote"), "examiner", "seoul");
    const granted = await grantAccess(h, alice, bob, {
      kind: "role",
      accountId: examiner.id,
      role: "supervisor",
      officeId: "seoul",
    });
    expect(granted.code).toBeNull();
    const session = await h.call(examiner, "GET", "/api/v1/auth/session");
    expect(session.json<{ role: string }>().role).toBe("supervisor");

    // A service account's tokens were scoped for its old role: they end with it.
    const bridge = await grantAccess(h, alice, bob, {
      kind: "account",
      username: fresh("ar-moved"),
      displayName: "Moved bridge",
      role: "examiner",
      officeId: "seoul",
      service: true,
    });
    const { token } = await grantAccess(h, alice, bob, {
      kind: "token",
      accountId: bridge.accountId,
      name: "cases",
      scopes: ["case.list"],
    });
    const list = () => h.app.inject({ url: "/api/v1/cases", headers: { authorization: `Bearer ${token}` } });
    expect((await list()).statusCode).toBe(200);
    await grantAccess(h, alice, bob, {
      kind: "role",
      accountId: bridge.accountId,
      role: "examiner",
      officeId: "busan",
    });
    expect((await list()).statusCode).toBe(401);
  });

  it("a user who lost their authenticator enrols again on two administrators' word; what they had stops working", async () => {
    const user = await h.user(fresh("ar-lost"), "examiner", "seoul");
    const first = await grantAccess(h, alice, bob, { kind: "enrolment", accountId: user.id });
    // A second enrolment spends the first: one link works at a time.
    const { link, code } = await grantAccess(h, alice, bob, { kind: "enrolment", accountId: user.id });
    expect(
      (await h.call(null, "POST", "/api/v1/enrolment/start", { link: first.link, code: first.code }))
        .statusCode,
    ).toBe(404);
    // Its session and password ended with the approval.
    expect((await h.call(user, "GET", "/api/v1/auth/session")).statusCode).toBe(401);
    h.clock.tick();
    const old = await h.call(null, "POST", "/api/v1/auth/login", {
      username: user.username,
      password: user.password,
      totp: currentTotpCode(user.secret, h.ctx.clock()),
    });
    expect(old.statusCode).toBe(401);

    const started = await h.call(null, "POST", "/api/v1/enrolment/start", { link, code });
    expect(started.statusCode, started.body).toBe(200);
    const { totp } = started.json<{ totp: { secret: string } }>();
    const password = "a-new-password-of-their-own";
    const done = await h.call(null, "POST", "/api/v1/enrolment", {
      link,
      code,
      password,
      totp: currentTotpCode(totp.secret, h.ctx.clock()),
    });
    expect(done.statusCode, done.body).toBe(200);
    h.clock.tick();
    const login = await h.call(null, "POST", "/api/v1/auth/login", {
      username: user.username,
      password,
      totp: currentTotpCode(totp.secret, h.ctx.clock()),
    });
    expect(login.statusCode, login.body).toBe(200);
  });

  it("a disabled account is enabled again only on two administrators' word, and its user enrols afresh", async () => {
    const user = await h.user(fresh("ar-back"), "examiner", "seoul");
    // An active account cannot be "enabled".
    const active = await h.call(alice, "POST", "/api/v1/access-requests", {
      kind: "enable",
      accountId: user.id,
    });
    expect(active.statusCode).toBe(422);
    expect(active.body).toContain("not disabled");
    const off = await h.call(alice, "POST", `/api/v1/accounts/${user.id}/disable`);
    expect(off.statusCode, off.body).toBe(204);
    const { link, code } = await grantAccess(h, alice, bob, { kind: "enable", accountId: user.id });
    const [row] = await h.test.db.query<{ disabled_at: Date | null }>(
      "SELECT disabled_at FROM accounts WHERE id = $1",
      [user.id],
    );
    expect(row?.disabled_at).toBeNull();
    // The old password and authenticator do not come back.
    h.clock.tick();
    const old = await h.call(null, "POST", "/api/v1/auth/login", {
      username: user.username,
      password: user.password,
      totp: currentTotpCode(user.secret, h.ctx.clock()),
    });
    expect(old.statusCode).toBe(401);
    const started = await h.call(null, "POST", "/api/v1/enrolment/start", { link, code });
    expect(started.statusCode, started.body).toBe(200);
    const { totp } = started.json<{ totp: { secret: string } }>();
    const password = "a-fresh-password-after-leave";
    const done = await h.call(null, "POST", "/api/v1/enrolment", {
      link,
      code,
      password,
      totp: currentTotpCode(totp.secret, h.ctx.clock()),
    });
    expect(done.statusCode, done.body).toBe(200);
    h.clock.tick();
    const login = await h.call(null, "POST", "/api/v1/auth/login", {
      username: user.username,
      password,
      totp: currentTotpCode(totp.secret, h.ctx.clock()),
    });
    expect(login.statusCode, login.body).toBe(200);
  });

  it("bad requests are 422 and change nothing", async () => {
    const count = async () =>
      (await h.test.db.query<{ n: number }>("SELECT count(*)::int AS n FROM access_requests"))[0]?.n;
    const before = await count();
    for (const body of [
      { kind: "everything" },
      { kind: "account", username: "x", displayName: "X", role: "supervisor", officeId: "seoul" },
      { kind: "account", username: fresh("ar-bad"), displayName: "X", role: "emperor", officeId: null },
      { kind: "account", username: fresh("ar-bad"), displayName: "X", role: "supervisor", officeId: null },
      {
        kind: "account",
        username: fresh("ar-bad"),
        displayName: "X",
        role: "supervisor",
        officeId: "atlantis",
      },
      { kind: "role", accountId: "not-a-uuid", role: "supervisor", officeId: "seoul" },
      { kind: "token", accountId: bob.id, name: "x", scopes: ["case.read"], extra: true },
    ]) {
      const res = await h.call(alice, "POST", "/api/v1/access-requests", body);
      expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    expect(await count()).toBe(before);
  });

  it("a break-glass approval at the machine raises a critical alert and waits for an administrator's review", async () => {
    const username = fresh("ar-glass");
    const requested = await requestAccess(h.ctx, SYSTEM, {
      kind: "account",
      username,
      displayName: "First administrator",
      role: "administrator",
      officeId: null,
    });
    // At the machine an approval is break-glass, with a reason, or nothing.
    await expect(approveAccessRequest(h.ctx, SYSTEM, requested.request.id)).rejects.toThrow(/break-glass/);
    const approved = await approveAccessRequest(h.ctx, SYSTEM, requested.request.id, {
      breakGlass: { reason: "the only other administrator is on leave" },
    });
    expect(approved.enrolmentCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(approved.request).toMatchObject({ breakGlass: true, reviewedAt: null });

    const alerts = await h.call(alice, "GET", "/api/v1/alerts");
    const raised = alerts
      .json<{ items: { kind: string; severity: string; details: { requestId?: string } }[] }>()
      .items.find((a) => a.details.requestId === requested.request.id);
    expect(raised).toMatchObject({ kind: "access_break_glass", severity: "critical" });
    const open = await h.call(alice, "GET", "/api/v1/access-requests");
    const waiting = open
      .json<{ items: { id: string; breakGlass: boolean; state: string }[] }>()
      .items.find((r) => r.id === requested.request.id);
    expect(waiting).toMatchObject({ breakGlass: true, state: "approved" });

    // No break-glass through the API: a session's approval always needs another administrator.
    const reviewed = await h.call(alice, "POST", `/api/v1/access-requests/${requested.request.id}/review`);
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ reviewedBy: alice.username });
    const after = await h.call(alice, "GET", "/api/v1/access-requests");
    expect(after.json<{ items: { id: string }[] }>().items.map((r) => r.id)).not.toContain(
      requested.request.id,
    );
    const alertsAfter = await h.call(alice, "GET", "/api/v1/alerts");
    expect(alertsAfter.body).not.toContain(requested.request.id);
    expect(
      (await h.call(alice, "POST", `/api/v1/access-requests/${requested.request.id}/review`)).statusCode,
    ).toBe(409);
  });
});
