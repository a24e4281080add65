/**
 * Signing in and out, the second factor again for sensitive actions, and passkeys. Sessions live
 * in a `__Host-` cookie: Secure, HttpOnly, SameSite=Strict, Path=/ (docs/security.md requirement 3).
 */
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import rateLimit from "@fastify/rate-limit";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { signIn, SignInRefused, stepUp } from "../commands/sign-in.ts";
import { requireFreshSecondFactor } from "../commands/step-up.ts";
import { AppError } from "../../app/errors.ts";
import { getAccount } from "../identity/accounts.ts";
import {
  finishPasskeyRegistration,
  startPasskeyLogin,
  startPasskeyRegistration,
} from "../identity/passkeys.ts";
import { revokeSession } from "../identity/sessions.ts";
import {
  LoginResultSchema,
  LoginSchema,
  PasskeyLoginOptionsInputSchema,
  PasskeyLoginOptionsSchema,
  PasskeyRegisteredSchema,
  PasskeyRegistrationOptionsSchema,
  ProblemSchema,
  SessionSchema,
  StepUpSchema,
  WebAuthnResponseSchema,
} from "../../contracts/api.ts";
import { actorOf } from "../../server/actor.ts";
import { clientAddress } from "../../server/client-address.ts";
import { cookieValue, principalOf, SESSION_COOKIE } from "../../server/auth.ts";
import { sendProblem } from "../../server/problem.ts";
import type { ServerDeps } from "../../server/deps.ts";

function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.header(
    "set-cookie",
    `${SESSION_COOKIE}=${token}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`,
  );
}

/** Asking for passkey sign-in options needs no sign-in: at most this many a minute per address. */
export const PASSKEY_OPTIONS_PER_MINUTE = 30;

export const authRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    // Only for the routes that name a limit in their config (global: false).
    await app.register(rateLimit, {
      global: false,
      addHeadersOnExceeding: {
        "x-ratelimit-limit": false,
        "x-ratelimit-remaining": false,
        "x-ratelimit-reset": false,
      },
      addHeaders: {
        "x-ratelimit-limit": false,
        "x-ratelimit-remaining": false,
        "x-ratelimit-reset": false,
        "retry-after": true,
      },
      errorResponseBuilder: (_req, context) =>
        new AppError(
          "too_many_requests",
          `too many requests from this address: try again in ${context.after}`,
        ),
    });

    app.post(
      "/auth/login",
      {
        schema: {
          tags: ["auth"],
          operationId: "signIn",
          description:
            "No sign-in needed. A password and a second factor, sent together: a TOTP code or a passkey assertion. On success the session cookie is set (Secure, HttpOnly, SameSite=Strict). A refusal is the same whatever was wrong (an unknown name, a wrong password, a missing or wrong second factor), so it never tells that a password was right; every attempt counts, and repeated failures are slowed down (401 with Retry-After) and then lock the account.",
          security: [],
          summary: "Sign in with password and a second factor (totp code or passkey assertion)",
          body: LoginSchema,
          response: {
            200: LoginResultSchema,
            401: ProblemSchema,
            422: ProblemSchema,
          },
          responseHeaders: { 200: ["set-cookie"], 401: ["retry-after"] },
        },
      },
      async (req, reply) => {
        try {
          const { passkey, ...rest } = req.body;
          const result = await signIn(
            deps.ctx,
            { ...rest, ...(passkey ? { passkey: passkey as unknown as AuthenticationResponseJSON } : {}) },
            { address: clientAddress(req), rp: deps.rp, replaces: cookieValue(req, SESSION_COOKIE) },
          );
          setSessionCookie(
            reply,
            result.token,
            Math.floor((Date.parse(result.expiresAt) - Date.now()) / 1000),
          );
          const a = result.account;
          return reply.send({
            account: {
              id: a.id,
              username: a.username,
              displayName: a.displayName,
              role: a.role,
              officeId: a.officeId,
            },
            expiresAt: result.expiresAt,
          });
        } catch (e) {
          if (e instanceof SignInRefused) {
            if (e.retryAfterMs > 0) reply.header("retry-after", String(Math.ceil(e.retryAfterMs / 1000)));
            return sendProblem(reply, req, {
              type: "https://openrsd.org/problems/sign-in-refused",
              title: "Sign-in refused",
              status: 401,
              detail: e.message,
            });
          }
          throw e;
        }
      },
    );

    app.post(
      "/auth/passkey/options",
      {
        schema: {
          tags: ["auth"],
          operationId: "getPasskeySignInOptions",
          description: `No sign-in needed. The same options whatever the username, so that the answer never tells whether an account exists. The challenge is signed by the server, not stored: asking writes nothing. At most ${PASSKEY_OPTIONS_PER_MINUTE} a minute from one address (429 with Retry-After).`,
          security: [],
          summary: "Options for a passkey assertion (navigator.credentials.get)",
          body: PasskeyLoginOptionsInputSchema,
          response: { 200: PasskeyLoginOptionsSchema, 429: ProblemSchema },
          responseHeaders: { 429: ["retry-after"] },
        },
        config: { rateLimit: { max: PASSKEY_OPTIONS_PER_MINUTE, timeWindow: 60_000 } },
      },
      async () => {
        // The same options whatever the name (a discoverable passkey names its account itself), so
        // the answer never tells whether an account exists.
        const options = await startPasskeyLogin(deps.ctx.db, deps.rp, deps.ctx.clock());
        // The WebAuthn library's own type of the same JSON (it has no index signature).
        return options as unknown as z.infer<typeof PasskeyLoginOptionsSchema>;
      },
    );

    app.post(
      "/auth/logout",
      {
        schema: {
          tags: ["auth"],
          operationId: "signOut",
          description: "Ends the session at once and clears its cookie.",
          summary: "Sign out: the session dies at once",
          response: { 204: z.null() },
          responseHeaders: { 204: ["set-cookie"] },
        },
      },
      async (req, reply) => {
        const token = cookieValue(req, SESSION_COOKIE);
        if (token) await revokeSession(deps.ctx.db, token, deps.ctx.clock());
        reply.header(
          "set-cookie",
          `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`,
        );
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/auth/session",
      {
        schema: {
          tags: ["auth"],
          operationId: "getSession",
          description:
            "The signed-in person (or the service account behind a token), its role and office, and when the second factor was last proven.",
          summary: "Who is signed in",
          response: { 200: SessionSchema },
        },
      },
      async (req) => {
        const p = principalOf(req);
        return {
          accountId: p.accountId,
          username: p.username,
          role: p.role,
          officeId: p.officeId,
          via: p.via,
          mfaAt: p.mfaAt ?? null,
        };
      },
    );

    app.post(
      "/auth/step-up",
      {
        schema: {
          tags: ["auth"],
          operationId: "stepUp",
          description:
            "Only a signed-in person may (a token gets 403). A fresh TOTP code or passkey assertion, which approving a decision and rotating keys then require.",
          summary: "Prove the second factor again before a sensitive action",
          body: StepUpSchema,
          response: { 204: z.null(), 401: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const token = cookieValue(req, SESSION_COOKIE);
        if (p.via !== "session" || !token)
          throw new AppError("forbidden", "only a signed-in person can confirm a second factor");
        const { passkey, totp } = req.body;
        try {
          await stepUp(
            deps.ctx,
            { token, account: { id: p.accountId, username: p.username, role: p.role } },
            {
              ...(totp ? { totp } : {}),
              ...(passkey ? { passkey: passkey as unknown as AuthenticationResponseJSON } : {}),
            },
            { address: clientAddress(req), rp: deps.rp },
          );
        } catch (e) {
          if (e instanceof SignInRefused) {
            return sendProblem(reply, req, {
              type: "https://openrsd.org/problems/sign-in-refused",
              title: "Not confirmed",
              status: 401,
              detail: e.message,
            });
          }
          throw e;
        }
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/auth/passkeys/options",
      {
        schema: {
          tags: ["auth"],
          operationId: "getPasskeyRegistrationOptions",
          description:
            "Only a signed-in person, with a second factor proven for this action (`POST /auth/step-up` just before; 401 step-up-required otherwise, 403 for a token): a stolen session alone cannot add a passkey.",
          summary: "Options to register a passkey for the signed-in account",
          response: { 200: PasskeyRegistrationOptionsSchema, 401: ProblemSchema, 403: ProblemSchema },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const options = await deps.ctx.db.transaction(async (tx) => {
          await requireFreshSecondFactor(deps.ctx, actor, tx);
          const account = await getAccount(tx, actor.principal.accountId);
          if (!account) throw new AppError("unauthenticated", "sign in first");
          return startPasskeyRegistration(tx, account, deps.rp, deps.ctx.clock());
        });
        return options as unknown as z.infer<typeof PasskeyRegistrationOptionsSchema>;
      },
    );
    app.post(
      "/auth/passkeys",
      {
        schema: {
          tags: ["auth"],
          operationId: "registerPasskey",
          description:
            "The attestation response is checked against the options handed out last; 422 if it does not verify.",
          summary: "Register a passkey (attestation response from navigator.credentials.create)",
          body: WebAuthnResponseSchema,
          response: { 201: PasskeyRegisteredSchema, 422: ProblemSchema },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const result = await finishPasskeyRegistration(
          deps.ctx.db,
          { id: p.accountId },
          deps.rp,
          req.body as unknown as RegistrationResponseJSON,
          deps.ctx.clock(),
        );
        if (!result.ok)
          throw new AppError("invalid_input", `the passkey could not be registered: ${result.detail}`);
        return reply.code(201).send({ credentialId: result.credentialId });
      },
    );
  };
