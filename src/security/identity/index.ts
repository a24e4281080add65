/** The identity layer: accounts, sign-in (password, TOTP, passkeys), sessions and API tokens. */
export * from "./roles.ts";
export * from "./accounts.ts";
export * from "./password-hash.ts";
export * from "./throttle.ts";
export * from "./passwords.ts";
export * from "./totp.ts";
export * from "./passkeys.ts";
export * from "./sessions.ts";
export * from "./api-tokens.ts";
export * from "./lifecycle.ts";
export * from "./fresh-factor.ts";
