import { generateKeyPairSync, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabase } from "../../store/db.ts";
import { getAccount, type Account } from "./accounts.ts";
import { disableAccount } from "./lifecycle.ts";
import {
  finishPasskeyLogin,
  finishPasskeyRegistration,
  listPasskeys,
  passkeyChallengeKey,
  removePasskey,
  startPasskeyLogin,
  startPasskeyRegistration,
  type RelyingParty,
} from "./passkeys.ts";
import { cbor, SoftAuthenticator } from "./soft-authenticator.ts";
import { makeAccount, minutesAfter, openMigrated, T0 } from "./test-fixtures.ts";

const ORIGIN = "https://rsd.example.org";
const RP: RelyingParty = { id: "rsd.example.org", name: "OpenRSD", origin: ORIGIN };

describe("the test's CBOR encoder", () => {
  it("encodes the RFC 8949 appendix A examples it needs", () => {
    expect(cbor(0).toString("hex")).toBe("00");
    expect(cbor(24).toString("hex")).toBe("1818");
    expect(cbor(1000).toString("hex")).toBe("1903e8");
    expect(cbor(-1).toString("hex")).toBe("20");
    expect(cbor(-7).toString("hex")).toBe("26");
    expect(cbor("a").toString("hex")).toBe("6161");
    expect(cbor(new Uint8Array([1, 2, 3, 4])).toString("hex")).toBe("4401020304");
    expect(
      cbor(
        new Map([
          [1, 2],
          [3, 4],
        ]),
      ).toString("hex"),
    ).toBe("a201020304");
  });
});

describe.each(createTestDatabases())("passkeys on $kind", (factory) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openMigrated(factory);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function registered(
    options: ConstructorParameters<typeof SoftAuthenticator>[0] = {},
  ): Promise<{ account: Account; authenticator: SoftAuthenticator }> {
    const { account } = await makeAccount(t);
    const authenticator = new SoftAuthenticator(options);
    const creation = await startPasskeyRegistration(t.db, account, RP, T0);
    const result = await finishPasskeyRegistration(
      t.db,
      account,
      RP,
      authenticator.register(creation, ORIGIN),
      T0,
    );
    expect(result).toEqual({ ok: true, credentialId: authenticator.credentialId });
    return { account, authenticator };
  }

  it("registers a passkey through a real ceremony", async () => {
    const { account } = await makeAccount(t);
    const creation = await startPasskeyRegistration(t.db, account, RP, T0);
    expect(creation).toMatchObject({
      rp: { id: RP.id, name: RP.name },
      user: { name: account.username, displayName: account.displayName },
      attestation: "none",
    });
    expect(Buffer.from(creation.user.id, "base64url").toString("hex")).toBe(account.id.replaceAll("-", ""));
    const authenticator = new SoftAuthenticator();
    const result = await finishPasskeyRegistration(
      t.db,
      account,
      RP,
      authenticator.register(creation, ORIGIN),
      T0,
    );
    expect(result).toEqual({ ok: true, credentialId: authenticator.credentialId });
    expect(await listPasskeys(t.db, account.id)).toEqual([
      {
        id: authenticator.credentialId,
        transports: ["internal"],
        createdAt: T0.toISOString(),
        lastUsedAt: null,
      },
    ]);
    expect((await getAccount(t.db, account.id))?.passkeyEnrolled).toBe(true);
    // The next registration excludes it, so the same authenticator is not added twice.
    const again = await startPasskeyRegistration(t.db, account, RP, T0);
    expect(again.excludeCredentials?.map((c) => c.id)).toEqual([authenticator.credentialId]);
  });

  it("refuses a registration from another origin, for another account, or answering a used challenge", async () => {
    const { account } = await makeAccount(t);
    const { account: other } = await makeAccount(t);
    const authenticator = new SoftAuthenticator();

    const phishing = await startPasskeyRegistration(t.db, account, RP, T0);
    const wrongOrigin = authenticator.register(phishing, "https://rsd.example.org.evil.test");
    expect(await finishPasskeyRegistration(t.db, account, RP, wrongOrigin, T0)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/origin/),
    });

    const forOther = await startPasskeyRegistration(t.db, other, RP, T0);
    const swapped = authenticator.register(forOther, ORIGIN);
    expect(await finishPasskeyRegistration(t.db, account, RP, swapped, T0)).toMatchObject({
      ok: false,
      detail: "unknown, used or expired challenge",
    });

    const creation = await startPasskeyRegistration(t.db, account, RP, T0);
    const response = authenticator.register(creation, ORIGIN);
    expect((await finishPasskeyRegistration(t.db, account, RP, response, T0)).ok).toBe(true);
    expect(await finishPasskeyRegistration(t.db, account, RP, response, T0)).toMatchObject({
      ok: false,
      detail: "unknown, used or expired challenge",
    });
  });

  it("signs in with the passkey after the password, and clears the failure counter", async () => {
    const { account, authenticator } = await registered();
    await t.db.query("UPDATE accounts SET failed_logins = 2 WHERE id = $1", [account.id]);
    const request = await startPasskeyLogin(t.db, RP, minutesAfter(T0, 1), account.id);
    expect(request.allowCredentials?.map((c) => c.id)).toEqual([authenticator.credentialId]);
    const result = await finishPasskeyLogin(
      t.db,
      RP,
      authenticator.assert(request, ORIGIN),
      minutesAfter(T0, 1),
    );
    expect(result).toMatchObject({ ok: true, credentialId: authenticator.credentialId, userVerified: true });
    expect(result.ok && result.account.id).toBe(account.id);
    const [row] = await t.db.query<{ failed_logins: number; counter: number; last_used_at: string }>(
      `SELECT a.failed_logins, w.counter, w.last_used_at
         FROM accounts a JOIN webauthn_credentials w ON w.account_id = a.id WHERE a.id = $1`,
      [account.id],
    );
    expect(row).toEqual({ failed_logins: 0, counter: 1, last_used_at: minutesAfter(T0, 1).toISOString() });
  });

  it("rejects a forged assertion and counts it as a failed sign-in", async () => {
    const { account, authenticator } = await registered();
    const request = await startPasskeyLogin(t.db, RP, T0, account.id);
    const forger = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const forged = authenticator.assert(request, ORIGIN, { signWith: forger });
    expect(await finishPasskeyLogin(t.db, RP, forged, T0)).toMatchObject({
      ok: false,
      reason: "invalid",
      accountId: account.id,
      detail: "assertion not verified",
    });
    const [row] = await t.db.query<{ failed_logins: number }>(
      "SELECT failed_logins FROM accounts WHERE id = $1",
      [account.id],
    );
    expect(row?.failed_logins).toBe(1);
  });

  it("rejects a replayed assertion, another origin, another RP id, and an expired challenge", async () => {
    const { account, authenticator } = await registered();
    const request = await startPasskeyLogin(t.db, RP, T0, account.id);
    const assertion = authenticator.assert(request, ORIGIN);
    expect((await finishPasskeyLogin(t.db, RP, assertion, T0)).ok).toBe(true);
    expect(await finishPasskeyLogin(t.db, RP, assertion, T0)).toMatchObject({ ok: false, reason: "invalid" });

    const phished = await startPasskeyLogin(t.db, RP, T0, account.id);
    const evil = authenticator.assert(phished, "https://rsd-example.org");
    expect(await finishPasskeyLogin(t.db, RP, evil, T0)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/origin/),
    });

    const otherRp = await startPasskeyLogin(t.db, RP, T0, account.id);
    const wrongRp = authenticator.assert(otherRp, ORIGIN, { rpId: "example.org" });
    expect(await finishPasskeyLogin(t.db, RP, wrongRp, T0)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/RP ID/),
    });

    const stale = await startPasskeyLogin(t.db, RP, T0, account.id);
    const late = authenticator.assert(stale, ORIGIN);
    expect(await finishPasskeyLogin(t.db, RP, late, minutesAfter(T0, 6))).toMatchObject({
      ok: false,
      detail: "unknown, used or expired challenge",
    });
  });

  it("refuses a signature counter that goes backwards (a cloned authenticator)", async () => {
    const { account, authenticator } = await registered();
    const first = await startPasskeyLogin(t.db, RP, T0, account.id);
    authenticator.signCount = 10;
    expect((await finishPasskeyLogin(t.db, RP, authenticator.assert(first, ORIGIN), T0)).ok).toBe(true);
    const second = await startPasskeyLogin(t.db, RP, T0, account.id);
    authenticator.signCount = 5;
    expect(await finishPasskeyLogin(t.db, RP, authenticator.assert(second, ORIGIN), T0)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/counter/),
    });
  });

  it("accepts authenticators that keep no counter", async () => {
    const { account, authenticator } = await registered({ counter: false });
    for (let i = 0; i < 2; i++) {
      const request = await startPasskeyLogin(t.db, RP, T0, account.id);
      expect((await finishPasskeyLogin(t.db, RP, authenticator.assert(request, ORIGIN), T0)).ok).toBe(true);
    }
  });

  it("refuses another account's passkey when the challenge was for this account", async () => {
    const { account } = await registered();
    const { authenticator: theirs } = await registered();
    const request = await startPasskeyLogin(t.db, RP, T0, account.id);
    expect(await finishPasskeyLogin(t.db, RP, theirs.assert(request, ORIGIN), T0)).toMatchObject({
      ok: false,
      accountId: account.id,
    });
  });

  it("signs in with a passkey alone only when it verified the user", async () => {
    const { account, authenticator } = await registered();
    const request = await startPasskeyLogin(t.db, RP, T0);
    expect(request.allowCredentials ?? []).toEqual([]);
    expect(request.userVerification).toBe("required");
    const result = await finishPasskeyLogin(t.db, RP, authenticator.assert(request, ORIGIN), T0);
    expect(result.ok && result.account.id).toBe(account.id);

    const { authenticator: noPin } = await registered({ userVerification: false });
    const again = await startPasskeyLogin(t.db, RP, T0);
    expect(await finishPasskeyLogin(t.db, RP, noPin.assert(again, ORIGIN), T0)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/User verification required/),
    });
  });

  it("takes a passkey without user verification as the second factor of a known account", async () => {
    const { account, authenticator } = await registered({ userVerification: false });
    const { account: other } = await makeAccount(t);
    // Options made before anyone is known (no names revealed), the password checked meanwhile.
    const request = await startPasskeyLogin(t.db, RP, T0);
    const assertion = authenticator.assert(request, ORIGIN);
    const result = await finishPasskeyLogin(t.db, RP, assertion, T0, { accountId: account.id });
    expect(result).toMatchObject({ ok: true, userVerified: false });

    const again = await startPasskeyLogin(t.db, RP, T0);
    expect(
      await finishPasskeyLogin(t.db, RP, authenticator.assert(again, ORIGIN), T0, { accountId: other.id }),
    ).toMatchObject({ ok: false, accountId: other.id, detail: "credential not registered for this account" });

    const forOther = await startPasskeyLogin(t.db, RP, T0, other.id);
    expect(
      await finishPasskeyLogin(t.db, RP, authenticator.assert(forOther, ORIGIN), T0, {
        accountId: account.id,
      }),
    ).toMatchObject({ ok: false, detail: "the challenge was issued for another account" });
  });

  it("refuses a disabled account's passkey, and a removed one", async () => {
    const { account, authenticator } = await registered();
    await disableAccount(t.db, account.id, T0);
    const request = await startPasskeyLogin(t.db, RP, T0, account.id);
    expect(await finishPasskeyLogin(t.db, RP, authenticator.assert(request, ORIGIN), T0)).toMatchObject({
      ok: false,
      reason: "disabled",
    });

    const { account: other, authenticator: removed } = await registered();
    expect(await removePasskey(t.db, other.id, removed.credentialId)).toBe(true);
    const later = await startPasskeyLogin(t.db, RP, T0, other.id);
    expect((await finishPasskeyLogin(t.db, RP, removed.assert(later, ORIGIN), T0)).ok).toBe(false);
  });

  describe("sign-in challenges signed instead of stored", () => {
    const SIGNED: RelyingParty = { ...RP, challengeKey: passkeyChallengeKey(randomBytes(32)) };
    const rows = async (table: string) =>
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n;

    it("writes nothing when asked for, and signs in once with the answer", async () => {
      // No signature counter: only the record of answered challenges stops a replay.
      const { account, authenticator } = await registered({ counter: false });
      const before = await rows("webauthn_challenges");
      const used = await rows("webauthn_used_challenges");
      const requests = await Promise.all(
        Array.from({ length: 50 }, () => startPasskeyLogin(t.db, SIGNED, T0)),
      );
      expect(await rows("webauthn_challenges")).toBe(before);
      expect(await rows("webauthn_used_challenges")).toBe(used);
      expect(new Set(requests.map((r) => r.challenge)).size).toBe(50);

      const request = requests[0];
      if (!request) throw new Error("no options");
      const assertion = authenticator.assert(request, ORIGIN);
      const result = await finishPasskeyLogin(t.db, SIGNED, assertion, minutesAfter(T0, 1));
      expect(result.ok && result.account.id).toBe(account.id);
      expect(await finishPasskeyLogin(t.db, SIGNED, assertion, minutesAfter(T0, 1))).toMatchObject({
        ok: false,
        detail: "unknown, used or expired challenge",
      });
    });

    it("refuses a challenge signed with another key, and one that expired", async () => {
      const { authenticator } = await registered({ counter: false });
      const other: RelyingParty = { ...RP, challengeKey: passkeyChallengeKey(randomBytes(32)) };
      const foreign = await startPasskeyLogin(t.db, other, T0);
      expect(await finishPasskeyLogin(t.db, SIGNED, authenticator.assert(foreign, ORIGIN), T0)).toMatchObject(
        { ok: false, detail: "unknown, used or expired challenge" },
      );
      const old = await startPasskeyLogin(t.db, SIGNED, T0);
      expect(
        await finishPasskeyLogin(t.db, SIGNED, authenticator.assert(old, ORIGIN), minutesAfter(T0, 5.1)),
      ).toMatchObject({ ok: false, detail: "unknown, used or expired challenge" });
    });
  });
});
