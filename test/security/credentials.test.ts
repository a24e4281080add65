/**
 * A person's own credentials through the HTTP API (docs/security.md requirement 3): registering a
 * passkey, changing the password and changing the authenticator app each need a second factor
 * proven for that action, so a stolen session alone cannot add or replace a way in. Asking for
 * passkey sign-in options (no sign-in needed) writes nothing and is throttled per address.
 */
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotpCode } from "../../src/security/commands/accounts.ts";
import { PASSKEY_OPTIONS_PER_MINUTE } from "../../src/security/http/auth-routes.ts";
import { SoftAuthenticator } from "../../src/security/identity/soft-authenticator.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { stepUp, type TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "./fixture.ts";

const ORIGIN = "http://localhost:8080";
const stepUpRequired = (res: { statusCode: number; body: string }) => {
  expect(res.statusCode, res.body).toBe(401);
  expect(JSON.parse(res.body).type).toMatch(/step-up-required/);
};

describe.each(createTestDatabases())("a person's own credentials on $kind", (factory) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(factory);
  });
  afterAll(async () => {
    await h?.close();
  });

  const passkeys = async (u: TestUser) =>
    (
      await h.test.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM webauthn_credentials WHERE account_id = $1",
        [u.id],
      )
    )[0]?.n;

  async function register(u: TestUser, authenticator: SoftAuthenticator) {
    const options = await h.call(u, "POST", "/api/v1/auth/passkeys/options");
    if (options.statusCode !== 200) return options;
    const response: RegistrationResponseJSON = authenticator.register(options.json(), ORIGIN);
    return h.call(u, "POST", "/api/v1/auth/passkeys", response);
  }

  describe("registering a passkey", () => {
    it("is refused with the session alone, even just after signing in", async () => {
      const u = await h.user("cr-passkey-session", "examiner", "seoul");
      const res = await register(u, new SoftAuthenticator());
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json<{ type: string }>().type).toMatch(/step-up-required/);
      expect(await passkeys(u)).toBe(0);
    });

    it("works after a step-up, and one step-up counts for one passkey", async () => {
      const u = await h.user("cr-passkey-stepup", "examiner", "seoul");
      h.clock.tick();
      await stepUp(h.app, h.ctx, u);
      const first = await register(u, new SoftAuthenticator());
      expect(first.statusCode, first.body).toBe(201);
      const second = await register(u, new SoftAuthenticator());
      expect(second.statusCode, second.body).toBe(401);
      expect(await passkeys(u)).toBe(1);
    });

    it("does not take a step-up older than two minutes", async () => {
      const u = await h.user("cr-passkey-stale", "examiner", "seoul");
      h.clock.tick();
      await stepUp(h.app, h.ctx, u);
      h.clock.tick(121);
      const res = await register(u, new SoftAuthenticator());
      expect(res.statusCode, res.body).toBe(401);
      expect(await passkeys(u)).toBe(0);
    });
  });

  describe("changing the password", () => {
    const login = (u: { username: string }, password: string, secret: string) =>
      h.call(null, "POST", "/api/v1/auth/login", {
        username: u.username,
        password,
        totp: currentTotpCode(secret, h.ctx.clock()),
      });

    it("is refused with the session alone, and the old password still signs in", async () => {
      const u = await h.user("cr-pw-session", "examiner", "seoul");
      const res = await h.call(u, "POST", "/api/v1/auth/password", {
        currentPassword: u.password,
        newPassword: "a-brand-new-password",
      });
      stepUpRequired(res);
      h.clock.tick();
      expect((await login(u, u.password, u.secret)).statusCode).toBe(200);
    });

    it("takes a step-up and the current password; the new one signs in, other sessions end", async () => {
      const u = await h.user("cr-pw-change", "examiner", "seoul");
      h.clock.tick();
      const elsewhere = await login(u, u.password, u.secret);
      const otherCookie = String(elsewhere.headers["set-cookie"]).split(";")[0] ?? "";
      h.clock.tick();
      await stepUp(h.app, h.ctx, u);
      const wrong = await h.call(u, "POST", "/api/v1/auth/password", {
        currentPassword: "not-my-password",
        newPassword: "a-brand-new-password",
      });
      expect(wrong.statusCode, wrong.body).toBe(422);
      // The wrong try used up the step-up: the next try needs another code.
      stepUpRequired(
        await h.call(u, "POST", "/api/v1/auth/password", {
          currentPassword: u.password,
          newPassword: "a-brand-new-password",
        }),
      );
      h.clock.tick();
      await stepUp(h.app, h.ctx, u);
      const ok = await h.call(u, "POST", "/api/v1/auth/password", {
        currentPassword: u.password,
        newPassword: "a-brand-new-password",
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toEqual({ sessionsEnded: 1 });
      expect(
        (await h.app.inject({ url: "/api/v1/auth/session", headers: { cookie: otherCookie } })).statusCode,
      ).toBe(401);
      expect((await h.call(u, "GET", "/api/v1/auth/session")).statusCode).toBe(200);
      h.clock.tick();
      expect((await login(u, u.password, u.secret)).statusCode).toBe(401);
      h.clock.tick();
      expect((await login(u, "a-brand-new-password", u.secret)).statusCode).toBe(200);
    });
  });

  describe("changing the authenticator app", () => {
    it("is refused with the session alone", async () => {
      const u = await h.user("cr-totp-session", "examiner", "seoul");
      stepUpRequired(await h.call(u, "POST", "/api/v1/auth/totp/options"));
      const [row] = await h.test.db.query<{ pending: string | null }>(
        "SELECT totp_pending_secret AS pending FROM accounts WHERE id = $1",
        [u.id],
      );
      expect(row?.pending).toBeNull();
    });

    it("after a step-up: the old app works until a code from the new one confirms it, then only the new one", async () => {
      const u = await h.user("cr-totp-change", "examiner", "seoul");
      h.clock.tick();
      await stepUp(h.app, h.ctx, u);
      const started = await h.call(u, "POST", "/api/v1/auth/totp/options");
      expect(started.statusCode, started.body).toBe(200);
      const { secret } = started.json<{ secret: string; uri: string }>();
      expect(secret).not.toBe(u.secret);
      // A wrong code does not switch.
      h.clock.tick();
      const wrong = await h.call(u, "POST", "/api/v1/auth/totp", {
        totp: currentTotpCode(u.secret, h.ctx.clock()),
      });
      expect(wrong.statusCode, wrong.body).toBe(422);
      const login = (s: string) =>
        h.call(null, "POST", "/api/v1/auth/login", {
          username: u.username,
          password: u.password,
          totp: currentTotpCode(s, h.ctx.clock()),
        });
      h.clock.tick();
      expect((await login(u.secret)).statusCode).toBe(200);
      h.clock.tick();
      const confirmed = await h.call(u, "POST", "/api/v1/auth/totp", {
        totp: currentTotpCode(secret, h.ctx.clock()),
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      h.clock.tick();
      expect((await login(u.secret)).statusCode).toBe(401);
      h.clock.tick();
      expect((await login(secret)).statusCode).toBe(200);
    });
  });

  describe("passkey sign-in options, asked for without signing in", () => {
    const ask = (address: string) =>
      h.app.inject({
        method: "POST",
        url: "/api/v1/auth/passkey/options",
        payload: {},
        remoteAddress: address,
      });
    const stored = async () =>
      (
        await h.test.db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM webauthn_challenges) + (SELECT count(*) FROM webauthn_used_challenges) AS n`,
        )
      )[0]?.n;

    it("write nothing to the database", async () => {
      const before = await stored();
      for (let i = 0; i < 20; i++) expect((await ask("192.0.2.10")).statusCode).toBe(200);
      expect(await stored()).toBe(before);
    });

    it("are limited per minute from one address, not from another", async () => {
      for (let i = 0; i < PASSKEY_OPTIONS_PER_MINUTE; i++)
        expect((await ask("192.0.2.20")).statusCode).toBe(200);
      const refused = await ask("192.0.2.20");
      expect(refused.statusCode, refused.body).toBe(429);
      expect(refused.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      expect((await ask("192.0.2.21")).statusCode).toBe(200);
    });

    it("still sign a person in with their password and passkey", async () => {
      const u = await h.user("cr-passkey-login", "examiner", "seoul");
      const authenticator = new SoftAuthenticator({ counter: false });
      h.clock.tick();
      await stepUp(h.app, h.ctx, u);
      expect((await register(u, authenticator)).statusCode).toBe(201);
      const options = await ask("192.0.2.30");
      const passkey = authenticator.assert(options.json(), ORIGIN);
      const login = (body: Record<string, unknown>) => h.call(null, "POST", "/api/v1/auth/login", body);
      const ok = await login({ username: u.username, password: u.password, passkey });
      expect(ok.statusCode, ok.body).toBe(200);
      // The same answer again is refused: the challenge was answered.
      expect((await login({ username: u.username, password: u.password, passkey })).statusCode).toBe(401);
    });
  });
});
