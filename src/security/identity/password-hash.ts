/**
 * Password hashing with argon2id (docs/security.md requirement 1): at least the OWASP minimum of 19 MiB of
 * memory and 2 passes, one lane. Hashes are PHC strings, so each carries its own parameters and
 * old hashes keep verifying after the policy is raised (and are re-hashed at the next login).
 */
import { hash, parseOptions, verify, type Algorithm } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";

// `Algorithm` is a const enum in the typings, which isolated modules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

export const PASSWORD_HASH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** NIST SP 800-63B: long passphrases allowed, a floor well above guessable. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Korean input methods may send a syllable precomposed (NFC) on one system and as jamo (NFD) on
 * another; without normalizing, the same typed password would not verify.
 */
export function normalizePassword(password: string): string {
  return password.normalize("NFC");
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): "too_short" | "too_long" | null {
  const length = [...normalizePassword(password)].length;
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), PASSWORD_HASH_OPTIONS);
}

export function checkPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, normalizePassword(password));
}

/** True when a stored hash is weaker than the current policy (or not argon2id). */
export function needsRehash(passwordHash: string): boolean {
  const used = parseOptions(passwordHash);
  return (
    used.algorithm !== PASSWORD_HASH_OPTIONS.algorithm ||
    used.memoryCost < PASSWORD_HASH_OPTIONS.memoryCost ||
    used.timeCost < PASSWORD_HASH_OPTIONS.timeCost
  );
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password nobody knows, made with the current policy: a login for a name
 * without an account verifies against it, so it costs the same time as a wrong password.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hash(randomBytes(32), PASSWORD_HASH_OPTIONS);
  return dummy;
}
