/**
 * docs/security.md requirement 2 through the HTTP API: a sign-in's answer never tells that the
 * password was right while the second factor is missing or wrong, and a burst of concurrent
 * guesses gets no more tries than the same guesses one after another.
 */
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentTotpCode } from "../../src/security/commands/accounts.ts";
import { LOGIN_THROTTLE } from "../../src/security/identity/throttle.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { createUser } from "../support/auth.ts";
import { openHarness, type Harness } from "./fixture.ts";

/** What a client can observe of an answer: status, headers (but the date and length), body. */
function observable(res: LightMyRequestResponse) {
  const { date: _date, "content-length": _len, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body };
}

/** A six-digit code that is none of the codes the secret gives around `at` (so surely wrong). */
function wrongCode(secret: string, at: Date): string {
  const near = new Set([-30, 0, 30].map((s) => currentTotpCode(secret, new Date(at.getTime() + s * 1000))));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!near.has(code)) return code;
  }
}

/** A passkey answer that cannot verify: its challenge was never handed out. */
const FORGED_PASSKEY = {
  id: "Zm9yZ2Vk",
  rawId: "Zm9yZ2Vk",
  type: "public-key",
  response: {
    clientDataJSON: Buffer.from(
      JSON.stringify({ type: "webauthn.get", challenge: "bm90LWlzc3VlZA", origin: "http://localhost:8080" }),
    ).toString("base64url"),
    authenticatorData: "AAAA",
    signature: "AAAA",
  },
  clientExtensionResults: {},
};

describe.each(createTestDatabases())("what a sign-in's answer tells, on $kind", (factory) => {
  let h: Harness;
  const login = (body: Record<string, unknown>) => h.call(null, "POST", "/api/v1/auth/login", body);
  /** The access records that say a password was checked and was wrong, for an account. */
  const checkedAndWrong = async (accountId: string) =>
    (
      await h.test.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log
          WHERE actor = $1 AND action = 'login.failed' AND details->>'reason' = 'invalid'`,
        [accountId],
      )
    )[0]?.n ?? 0;

  beforeAll(async () => {
    h = await openHarness(factory);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("answers a right password with a missing or wrong second factor exactly like a wrong password", async () => {
    const users = {
      wrongPassword: await createUser(h.ctx, "si-wrong-password", "examiner", "seoul"),
      noSecondFactor: await createUser(h.ctx, "si-no-factor", "examiner", "seoul"),
      wrongCode: await createUser(h.ctx, "si-wrong-code", "examiner", "seoul"),
      usedCode: await createUser(h.ctx, "si-used-code", "examiner", "seoul"),
      forgedPasskey: await createUser(h.ctx, "si-forged-passkey", "examiner", "seoul"),
    };
    // The used code: signed in with it once (which clears the count), then the same code again.
    h.clock.tick();
    const used = currentTotpCode(users.usedCode.secret, h.ctx.clock());
    const first = await login({
      username: users.usedCode.username,
      password: users.usedCode.password,
      totp: used,
    });
    expect(first.statusCode, first.body).toBe(200);

    // Four rounds: typos answered at once, then slowed down; each round every way of being wrong.
    for (let round = 1; round <= LOGIN_THROTTLE.freeFailures + 1; round++) {
      const at = h.ctx.clock();
      const u = users;
      const answers = {
        wrongPassword: await login({
          username: u.wrongPassword.username,
          password: `not-the-password-${round}`,
          totp: currentTotpCode(u.wrongPassword.secret, at),
        }),
        noSecondFactor: await login({
          username: u.noSecondFactor.username,
          password: u.noSecondFactor.password,
        }),
        wrongCode: await login({
          username: u.wrongCode.username,
          password: u.wrongCode.password,
          totp: wrongCode(u.wrongCode.secret, at),
        }),
        usedCode: await login({ username: u.usedCode.username, password: u.usedCode.password, totp: used }),
        forgedPasskey: await login({
          username: u.forgedPasskey.username,
          password: u.forgedPasskey.password,
          passkey: FORGED_PASSKEY,
        }),
      };
      const expected = observable(answers.wrongPassword);
      expect(expected.status).toBe(401);
      expect(expected.headers["set-cookie"]).toBeUndefined();
      for (const [how, res] of Object.entries(answers))
        expect(observable(res), `${how}, round ${round}`).toEqual(expected);
      if (round === LOGIN_THROTTLE.freeFailures)
        expect(Number(expected.headers["retry-after"])).toBeGreaterThan(0);
      h.clock.tick(61); // past any slow-down of these rounds
    }
  });

  it("gives a burst of concurrent guesses no more tries than the same guesses one after another", async () => {
    const inTurn = await createUser(h.ctx, "si-in-turn", "examiner", "seoul");
    const inBurst = await createUser(h.ctx, "si-in-burst", "examiner", "seoul");
    const guesses = Array.from({ length: 16 }, (_, i) => `guess-${i}-not-it`);
    const answer = (res: LightMyRequestResponse) =>
      `${res.statusCode} retry-after=${String(res.headers["retry-after"])}`;

    const sequential: string[] = [];
    for (const password of guesses)
      sequential.push(answer(await login({ username: inTurn.username, password, totp: "000000" })));
    const burst = (
      await Promise.all(
        guesses.map((password) => login({ username: inBurst.username, password, totp: "000000" })),
      )
    ).map(answer);

    // What the attacker sees: the same answers, in some order.
    expect([...burst].sort()).toEqual([...sequential].sort());
    // How many passwords were checked at all: the free tries, then the lock held.
    expect(await checkedAndWrong(inTurn.id)).toBe(LOGIN_THROTTLE.freeFailures);
    expect(await checkedAndWrong(inBurst.id)).toBe(LOGIN_THROTTLE.freeFailures);

    // The right password and code are refused while the lock holds, and get in after it.
    const right = () =>
      login({
        username: inBurst.username,
        password: inBurst.password,
        totp: currentTotpCode(inBurst.secret, h.ctx.clock()),
      });
    expect((await right()).statusCode).toBe(401);
    h.clock.tick(31);
    expect((await right()).statusCode).toBe(200);
  });

  it("holds a name without an account to the same tries under a burst", async () => {
    const guesses = Array.from({ length: 16 }, (_, i) => `guess-${i}-not-it`);
    const answer = (res: LightMyRequestResponse) =>
      `${res.statusCode} retry-after=${String(res.headers["retry-after"])}`;
    const sequential: string[] = [];
    for (const password of guesses)
      sequential.push(answer(await login({ username: "si-nobody-in-turn", password, totp: "000000" })));
    const burst = (
      await Promise.all(
        guesses.map((password) => login({ username: "si-nobody-in-burst", password, totp: "000000" })),
      )
    ).map(answer);
    expect([...burst].sort()).toEqual([...sequential].sort());
  });
});
