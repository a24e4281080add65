/**
 * A person's own credentials through the HTTP API (docs/security.md requirement 3): registering a
 * passkey needs a second factor proven for that action, so a stolen session alone cannot add a way
 * in.
 */
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SoftAuthenticator } from "../../src/security/identity/soft-authenticator.ts";
import { createTestDatabases } from "../../src/store/db.ts";
import { stepUp, type TestUser } from "../support/auth.ts";
import { openHarness, type Harness } from "./fixture.ts";

const ORIGIN = "http://localhost:8080";

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
});
