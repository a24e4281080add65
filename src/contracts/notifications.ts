/** E-mail notifications: whether the deployment sends them, and the signed-in account's address. */
import { z } from "zod";

export const NotificationSettingsSchema = z.object({
  available: z.boolean().describe("Whether this deployment has a mail server configured"),
  email: z.string().nullable().describe("The address the account is told at; null: no e-mail"),
});

export const NotificationSettingsInputSchema = z.strictObject({
  email: z
    .email("an e-mail address, e.g. name@example.org")
    .max(254)
    .nullable()
    .describe("The address to be told at when something needs you; null to stop e-mail"),
});
