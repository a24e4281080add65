/**
 * The API's schemas for a person's own credentials: changing the password and the authenticator
 * app (each after a second factor proven for it, `POST /auth/step-up`).
 */
import { z } from "zod";

const TotpCode = z.string().regex(/^\d{6}$/);

export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(12).max(256).describe("At least 12 characters"),
});

export const TotpEnrollmentSchema = z
  .object({
    secret: z.string().describe("Base32, for typing into the authenticator app"),
    uri: z.string().describe("The otpauth:// URI, for a QR code"),
  })
  .describe("A new authenticator secret, shown this once");

export const TotpConfirmSchema = z.strictObject({
  totp: TotpCode.describe("A code from the new authenticator"),
});

export const SessionsEndedSchema = z.object({
  sessionsEnded: z.number().int().describe("Other sessions of the account that were ended"),
});
