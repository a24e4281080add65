/**
 * Passkeys (WebAuthn) as a second factor or as a sign-in of their own (docs/security.md requirement 1). The
 * ceremonies are verified by @simplewebauthn/server; this module keeps the state they need: the
 * credentials (public key and signature counter) and single-use challenges that expire.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import type { Queryable } from "../../store/db.ts";
import { getAccount, type Account } from "./accounts.ts";
import { recordFailure, resetFailures } from "./throttle.ts";

/** The relying party: this deployment's domain (`id`), a name to show, and its origin(s). */
export interface RelyingParty {
  id: string;
  name: string;
  origin: string | string[];
  /**
   * Signs the challenges of sign-ins that name no account, so that they are not stored: anyone
   * may ask for one, and asking must not write to the database. Without it they are stored.
   */
  challengeKey?: Buffer;
}

/** The key that signs sign-in challenges, derived from the master key (the same on every server). */
export function passkeyChallengeKey(masterKey: Buffer): Buffer {
  return Buffer.from(
    hkdfSync("sha256", masterKey, Buffer.alloc(0), "openrsd passkey sign-in challenges v1", 32),
  );
}

/** How long the browser may take, and how long the server keeps the challenge. */
const CEREMONY_TIMEOUT_MS = 120_000;
const CHALLENGE_TTL_MS = 5 * 60_000;

const TRANSPORTS: readonly AuthenticatorTransportFuture[] = [
  "ble",
  "cable",
  "hybrid",
  "internal",
  "nfc",
  "smart-card",
  "usb",
];

type Purpose = "registration" | "authentication";

export interface PasskeyInfo {
  id: string;
  transports: AuthenticatorTransportFuture[];
  createdAt: string;
  lastUsedAt: string | null;
}

interface CredentialRow {
  id: string;
  account_id: string;
  public_key: Buffer;
  counter: number;
  transports: unknown;
  created_at: string;
  last_used_at: string | null;
}

export async function listPasskeys(db: Queryable, accountId: string): Promise<PasskeyInfo[]> {
  const rows = await db.query<CredentialRow>(
    "SELECT * FROM webauthn_credentials WHERE account_id = $1 ORDER BY created_at, id",
    [accountId],
  );
  return rows.map((r) => ({
    id: r.id,
    transports: transportsOf(r.transports),
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

/** Removing a passkey is a key change: ask for the second factor first. */
export async function removePasskey(
  db: Queryable,
  accountId: string,
  credentialId: string,
): Promise<boolean> {
  const rows = await db.query(
    "DELETE FROM webauthn_credentials WHERE id = $1 AND account_id = $2 RETURNING id",
    [credentialId, accountId],
  );
  return rows.length > 0;
}

/** Options for `navigator.credentials.create()`, for an account adding a passkey. */
export async function startPasskeyRegistration(
  db: Queryable,
  account: Pick<Account, "id" | "username" | "displayName">,
  rp: RelyingParty,
  now: Date,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await listPasskeys(db, account.id);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: account.username,
    userDisplayName: account.displayName,
    // The user handle is stored on the authenticator: the account id, never a name.
    userID: new Uint8Array(Buffer.from(account.id.replaceAll("-", ""), "hex")),
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await saveChallenge(db, options.challenge, account.id, "registration", now);
  return options;
}

export type PasskeyRegistrationResult =
  { ok: true; credentialId: string } | { ok: false; reason: "invalid"; detail: string };

export async function finishPasskeyRegistration(
  db: Queryable,
  account: Pick<Account, "id">,
  rp: RelyingParty,
  response: RegistrationResponseJSON,
  now: Date,
): Promise<PasskeyRegistrationResult> {
  const challenge = await consumeChallenge(db, response.response.clientDataJSON, "registration", now);
  if (!challenge || challenge.accountId !== account.id) {
    return { ok: false, reason: "invalid", detail: "unknown, used or expired challenge" };
  }
  let credential;
  try {
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      // A security key without a PIN is still a good second factor; user verification is
      // demanded when a passkey is used as the whole sign-in (see finishPasskeyLogin).
      requireUserVerification: false,
    });
    if (!verified.verified) return { ok: false, reason: "invalid", detail: "registration not verified" };
    credential = verified.registrationInfo.credential;
  } catch (err) {
    return { ok: false, reason: "invalid", detail: (err as Error).message };
  }
  const inserted = await db.query(
    `INSERT INTO webauthn_credentials (id, account_id, public_key, counter, transports, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      credential.id,
      account.id,
      Buffer.from(credential.publicKey),
      credential.counter,
      JSON.stringify(transportsOf(response.response.transports ?? [])),
      now,
    ],
  );
  if (inserted.length === 0) return { ok: false, reason: "invalid", detail: "credential already registered" };
  return { ok: true, credentialId: credential.id };
}

/**
 * Options for `navigator.credentials.get()`. With an account (for a step-up, or after its
 * password) only its passkeys are offered; without one, any discoverable passkey may answer and
 * names the account itself. Before sign-in, ask without an account: options listing an account's
 * passkeys would tell anyone who asks which names exist.
 */
export async function startPasskeyLogin(
  db: Queryable,
  rp: RelyingParty,
  now: Date,
  accountId: string | null = null,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const allow = accountId ? await listPasskeys(db, accountId) : [];
  const signed = accountId === null && rp.challengeKey ? signChallenge(rp.challengeKey, now) : null;
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    timeout: CEREMONY_TIMEOUT_MS,
    allowCredentials: allow.map((c) => ({ id: c.id, transports: c.transports })),
    userVerification: accountId ? "preferred" : "required",
    ...(signed ? { challenge: signed } : {}),
  });
  if (!signed) await saveChallenge(db, options.challenge, accountId, "authentication", now);
  return options;
}

// A signed challenge: 16 random bytes, when it expires (seconds), and a MAC over both.
const NONCE_BYTES = 16;
const MAC_BYTES = 16;
const SIGNED_LENGTH = NONCE_BYTES + 8 + MAC_BYTES;

function challengeMac(key: Buffer, body: Buffer): Buffer {
  return createHmac("sha256", key)
    .update("openrsd passkey sign-in challenge\0")
    .update(body)
    .digest()
    .subarray(0, MAC_BYTES);
}

function signChallenge(key: Buffer, now: Date): Uint8Array<ArrayBuffer> {
  const body = Buffer.alloc(NONCE_BYTES + 8);
  randomBytes(NONCE_BYTES).copy(body);
  body.writeBigUInt64BE(BigInt(Math.floor((now.getTime() + CHALLENGE_TTL_MS) / 1000)), NONCE_BYTES);
  return Uint8Array.from(Buffer.concat([body, challengeMac(key, body)]));
}

/** When a challenge this server signed expires, or null if it did not sign it. */
function signedChallengeExpiry(key: Buffer, challenge: string): Date | null {
  const bytes = Buffer.from(challenge, "base64url");
  if (bytes.length !== SIGNED_LENGTH || bytes.toString("base64url") !== challenge) return null;
  const body = bytes.subarray(0, NONCE_BYTES + 8);
  if (!timingSafeEqual(challengeMac(key, body), bytes.subarray(NONCE_BYTES + 8))) return null;
  return new Date(Number(body.readBigUInt64BE(NONCE_BYTES)) * 1000);
}

/**
 * Answer a signed challenge once: it is written down only now, when it is answered (until it
 * expires), and a second answer finds it there.
 */
async function consumeSignedChallenge(
  db: Queryable,
  key: Buffer,
  challenge: string,
  now: Date,
): Promise<boolean> {
  const expires = signedChallengeExpiry(key, challenge);
  if (!expires || expires.getTime() <= now.getTime()) return false;
  await db.query("DELETE FROM webauthn_used_challenges WHERE expires_at <= $1", [now]);
  const rows = await db.query(
    `INSERT INTO webauthn_used_challenges (challenge, expires_at) VALUES ($1, $2)
     ON CONFLICT (challenge) DO NOTHING RETURNING challenge`,
    [challenge, expires],
  );
  return rows.length > 0;
}

export type PasskeyLoginResult =
  | { ok: true; account: Account; credentialId: string; userVerified: boolean }
  | {
      ok: false;
      reason: "invalid" | "disabled";
      /** For the log only: the account the credential belongs to, if known. */
      accountId: string | null;
      detail: string;
    };

export interface FinishPasskeyLoginOptions {
  /**
   * The account already identified by its password (or by the session, for a step-up). The
   * passkey must then belong to it, and is a second factor: user verification is not required.
   * Without it (and without an account in the challenge) the passkey is the whole sign-in.
   */
  accountId?: string | null;
  /**
   * The caller has counted this attempt already (signing in counts password and second factor as
   * one attempt): a failure is not counted again here, and success does not clear the counter.
   */
  counted?: boolean;
}

/**
 * Verify an assertion. Not blocked by a password lock-out: a signature cannot be guessed, and the
 * lock must not let an attacker shut the real user out. A bad assertion counts as a failed sign-in.
 */
export async function finishPasskeyLogin(
  db: Queryable,
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  now: Date,
  options: FinishPasskeyLoginOptions = {},
): Promise<PasskeyLoginResult> {
  const challenge = await consumeLoginChallenge(db, rp, response.response.clientDataJSON, now);
  const expected = options.accountId ?? null;
  const fail = (detail: string, accountId: string | null): PasskeyLoginResult => ({
    ok: false,
    reason: "invalid",
    accountId,
    detail,
  });
  if (!challenge) return fail("unknown, used or expired challenge", expected);
  if (expected && challenge.accountId && challenge.accountId !== expected) {
    return fail("the challenge was issued for another account", expected);
  }
  const bound = expected ?? challenge.accountId;
  const countFailure = (id: string) => (options.counted ? null : recordFailure(db, { accountId: id }, now));
  const [row] = await db.query<CredentialRow>("SELECT * FROM webauthn_credentials WHERE id = $1", [
    response.id,
  ]);
  if (!row || (bound && row.account_id !== bound)) {
    if (bound) await countFailure(bound);
    return fail("credential not registered for this account", bound);
  }

  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: row.id,
        publicKey: new Uint8Array(row.public_key),
        counter: row.counter,
        transports: transportsOf(row.transports),
      },
      // A passkey alone must prove the user too (PIN or biometric) to count as two factors.
      requireUserVerification: bound === null,
    });
  } catch (err) {
    await countFailure(row.account_id);
    return fail((err as Error).message, row.account_id);
  }
  if (!verified.verified) {
    await countFailure(row.account_id);
    return fail("assertion not verified", row.account_id);
  }

  const { newCounter, userVerified } = verified.authenticationInfo;
  // A counter that did not go up (when the authenticator keeps one) means a cloned key, or two
  // uses of one assertion racing each other: refuse.
  const updated = await db.query(
    `UPDATE webauthn_credentials SET counter = $2, last_used_at = $3
      WHERE id = $1 AND (counter < $2 OR $2 = 0) RETURNING id`,
    [row.id, newCounter, now],
  );
  if (updated.length === 0) return fail("signature counter did not increase", row.account_id);

  const account = await getAccount(db, row.account_id);
  if (!account) throw new Error(`account ${row.account_id} of a passkey is missing`);
  if (account.disabledAt) {
    return { ok: false, reason: "disabled", accountId: account.id, detail: "account disabled" };
  }
  // Completes a sign-in whose password was just proven (or a step-up): clear the counter. A
  // passkey sign-in alone leaves it, so it cannot be used to reset an attacker's count.
  if (bound && !options.counted) await resetFailures(db, account.id);
  return { ok: true, account, credentialId: row.id, userVerified };
}

async function saveChallenge(
  db: Queryable,
  challenge: string,
  accountId: string | null,
  purpose: Purpose,
  now: Date,
): Promise<void> {
  // Expired challenges go whenever a new one is made, so the table stays small without a job.
  await db.query("DELETE FROM webauthn_challenges WHERE expires_at <= $1", [now]);
  await db.query(
    "INSERT INTO webauthn_challenges (challenge, account_id, purpose, expires_at) VALUES ($1, $2, $3, $4)",
    [challenge, accountId, purpose, new Date(now.getTime() + CHALLENGE_TTL_MS)],
  );
}

/** The challenge a sign-in answers: one this server signed, or one it stored. */
async function consumeLoginChallenge(
  db: Queryable,
  rp: RelyingParty,
  clientDataJSON: string,
  now: Date,
): Promise<{ challenge: string; accountId: string | null } | null> {
  const challenge = challengeOf(clientDataJSON);
  if (challenge && rp.challengeKey && (await consumeSignedChallenge(db, rp.challengeKey, challenge, now)))
    return { challenge, accountId: null };
  return consumeChallenge(db, clientDataJSON, "authentication", now);
}

/**
 * Take the challenge a response answers out of the table: whatever the verification then says,
 * the challenge cannot be answered a second time.
 */
async function consumeChallenge(
  db: Queryable,
  clientDataJSON: string,
  purpose: Purpose,
  now: Date,
): Promise<{ challenge: string; accountId: string | null } | null> {
  const challenge = challengeOf(clientDataJSON);
  if (!challenge) return null;
  const [row] = await db.query<{ account_id: string | null; expires_at: string }>(
    "DELETE FROM webauthn_challenges WHERE challenge = $1 AND purpose = $2 RETURNING account_id, expires_at",
    [challenge, purpose],
  );
  if (!row || Date.parse(row.expires_at) <= now.getTime()) return null;
  return { challenge, accountId: row.account_id };
}

function challengeOf(clientDataJSON: string): string | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    const challenge =
      typeof data === "object" && data !== null ? (data as { challenge?: unknown }).challenge : null;
    return typeof challenge === "string" ? challenge : null;
  } catch {
    return null;
  }
}

function transportsOf(value: unknown): AuthenticatorTransportFuture[] {
  return Array.isArray(value) ? TRANSPORTS.filter((t) => value.includes(t)) : [];
}
