/** What every feature's routes are built with: the application context and the deployment's identity. */
import type { AppContext } from "../app/context.ts";
import type { MailSettings } from "../notifications/sender.ts";
import type { RelyingParty } from "../security/identity/passkeys.ts";

export interface ServerDeps {
  ctx: AppContext;
  /** The WebAuthn relying party: this deployment's host and origin. */
  rp: RelyingParty;
  /** The mail server for notifications; null or absent when the deployment sends no e-mail. */
  mail?: MailSettings | null;
}
