/**
 * Test accounts that sign in the way people do: password and TOTP code, through the API.
 * The clock is the test's own, so that a fresh code (a new 30-second step) can be had at will.
 */
import type { FastifyInstance } from "fastify";
import { addAccount, currentTotpCode } from "../../src/security/commands/accounts.ts";
import type { AppContext } from "../../src/app/context.ts";
import { systemPrincipal } from "../../src/security/access/policy.ts";
import { DEFAULT_ORIGIN } from "../../src/server/app.ts";
import type { Role } from "../../src/security/access/rights.ts";

export const SYSTEM = { principal: systemPrincipal("test"), address: "local" };
/** In-process work's second name, for events that need four eyes (`recordInProcess`). */
export const REVIEWER = { principal: systemPrincipal("test-reviewer"), address: "local" };

/**
 * The headers a browser sends with a request from the application's own page: the session cookie
 * and the page's origin, without which a change made with a session is refused (403).
 */
export const sessionHeaders = (user: { cookie: string }) => ({ cookie: user.cookie, origin: DEFAULT_ORIGIN });

export interface TestUser {
  username: string;
  password: string;
  secret: string;
  id: string;
  cookie: string;
}

/** A clock the test moves: each `tick()` is a new TOTP step. */
export function testClock(start: Date) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    tick: (seconds = 31) => {
      now += seconds * 1000;
    },
  };
}

export async function createUser(
  ctx: AppContext,
  username: string,
  role: Role,
  officeId: string | null,
): Promise<Omit<TestUser, "cookie">> {
  const password = `pw-${username}-long-enough`;
  const { account, totp } = await addAccount(ctx, SYSTEM, {
    username,
    displayName: username,
    role,
    officeId,
    password,
  });
  if (!totp) throw new Error("a person's account has a TOTP secret");
  return { username, password, secret: totp.secret, id: account.id };
}

export async function signIn(
  app: FastifyInstance,
  ctx: AppContext,
  user: Omit<TestUser, "cookie">,
): Promise<TestUser> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: {
      username: user.username,
      password: user.password,
      totp: currentTotpCode(user.secret, ctx.clock()),
    },
  });
  if (res.statusCode !== 200)
    throw new Error(`sign-in of ${user.username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers["set-cookie"]);
  const cookie = setCookie.split(";")[0] ?? "";
  return { ...user, cookie };
}

export async function newSignedInUser(
  app: FastifyInstance,
  ctx: AppContext,
  username: string,
  role: Role,
  officeId: string | null,
): Promise<TestUser> {
  return signIn(app, ctx, await createUser(ctx, username, role, officeId));
}

/** Prove the second factor again (a sensitive action follows). The caller ticks the clock first. */
export async function stepUp(app: FastifyInstance, ctx: AppContext, user: TestUser): Promise<void> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/step-up",
    headers: sessionHeaders(user),
    payload: { totp: currentTotpCode(user.secret, ctx.clock()) },
  });
  if (res.statusCode !== 204)
    throw new Error(`step-up of ${user.username} failed: ${res.statusCode} ${res.body}`);
}
