/**
 * Signing in and out, the second factor again for sensitive actions, and passkeys. Sessions live
 * in a `__Host-` cookie: Secure, HttpOnly, SameSite=Strict, Path=/ (docs/security.md requirement 3).
 */
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { signIn, SignInRefused, stepUp } from "../commands/sign-in.ts";
import { AppError } from "../../app/errors.ts";
import { getAccount } from "../identity/accounts.ts";
import {
  finishPasskeyRegistration,
  startPasskeyLogin,
  startPasskeyRegistration,
} from "../identity/passkeys.ts";
import { revokeSession } from "../identity/sessions.ts";
import { ProblemSchema } from "../../contracts/api.ts";
import { cookieValue, principalOf, SESSION_COOKIE } from "../../server/auth.ts";
import { sendProblem } from "../../server/problem.ts";
import type { ServerDeps } from "../../server/deps.ts";

const AccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  officeId: z.string().nullable(),
});

// WebAuthn responses are checked by @simplewebauthn; here only their outer shape.
const WebAuthnResponse = z.looseObject({
  id: z.string().max(1024),
  rawId: z.string().max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({}),
});

function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.header(
    "set-cookie",
    `${SESSION_COOKIE}=${token}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`,
  );
}

export const authRoutes = (deps: ServerDeps): FastifyPluginAsyncZod =>
  async function routes(app) {
    app.post(
      "/auth/login",
      {
        schema: {
          tags: ["auth"],
          summary: "Sign in with password and a second factor (totp code or passkey assertion)",
          body: z.strictObject({
            username: z.string().min(1).max(100),
            password: z.string().min(1).max(256),
            totp: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
            passkey: WebAuthnResponse.optional(),
          }),
          response: {
            200: z.object({ account: AccountSchema, expiresAt: z.string() }),
            401: ProblemSchema,
            422: ProblemSchema,
          },
        },
      },
      async (req, reply) => {
        try {
          const { passkey, ...rest } = req.body;
          const result = await signIn(
            deps.ctx,
            { ...rest, ...(passkey ? { passkey: passkey as unknown as AuthenticationResponseJSON } : {}) },
            { address: req.ip, rp: deps.rp, replaces: cookieValue(req, SESSION_COOKIE) },
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
              type: e.secondFactorRequired
                ? "https://openrsd.org/problems/second-factor-required"
                : "https://openrsd.org/problems/sign-in-refused",
              title: e.secondFactorRequired ? "Second factor required" : "Sign-in refused",
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
          summary: "Options for a passkey assertion (navigator.credentials.get)",
          body: z.strictObject({ username: z.string().min(1).max(100).optional() }),
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async () => {
        // The same options whatever the name (a discoverable passkey names its account itself), so
        // the answer never tells whether an account exists.
        return startPasskeyLogin(deps.ctx.db, deps.rp, deps.ctx.clock()) as unknown as Record<
          string,
          unknown
        >;
      },
    );

    app.post(
      "/auth/logout",
      {
        schema: {
          tags: ["auth"],
          summary: "Sign out: the session dies at once",
          response: { 204: z.null() },
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
          summary: "Who is signed in",
          response: {
            200: z.object({
              username: z.string(),
              role: z.string(),
              officeId: z.string().nullable(),
              via: z.string(),
              mfaAt: z.string().nullable(),
            }),
          },
        },
      },
      async (req) => {
        const p = principalOf(req);
        return {
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
          summary: "Prove the second factor again before a sensitive action",
          body: z.strictObject({
            totp: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
            passkey: WebAuthnResponse.optional(),
          }),
          response: { 204: z.null(), 401: ProblemSchema },
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
            { address: req.ip, rp: deps.rp },
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
          summary: "Options to register a passkey for the signed-in account",
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (req) => {
        const p = principalOf(req);
        const account = await getAccount(deps.ctx.db, p.accountId);
        if (!account) throw new AppError("unauthenticated", "sign in first");
        return startPasskeyRegistration(deps.ctx.db, account, deps.rp, deps.ctx.clock()) as unknown as Record<
          string,
          unknown
        >;
      },
    );
    app.post(
      "/auth/passkeys",
      {
        schema: {
          tags: ["auth"],
          summary: "Register a passkey (attestation response from navigator.credentials.create)",
          body: WebAuthnResponse,
          response: { 201: z.object({ credentialId: z.string() }), 422: ProblemSchema },
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
