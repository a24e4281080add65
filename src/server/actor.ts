/**
 * The actor of a request: the signed-in principal, the client's address and, where given, the
 * task (`X-OpenRSD-Purpose`), for the access record (docs/security.md requirements 12 and 14).
 * The task is free text a person writes: it is sealed here, before anything can store it, and the
 * access record holds only its envelope (requirement 20).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../app/actor.ts";
import { AppError } from "../app/errors.ts";
import type { Keyring } from "../security/crypto/keyring.ts";
import { sealPurpose } from "../security/audit/purpose.ts";
import { principalOf } from "./auth.ts";
import { clientAddress } from "./client-address.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The keyring that seals the purpose of an access record (installActorSealing). */
    actorKeyring: Keyring | null;
  }
}

const PURPOSE = /^[\p{L}\p{N} .,:;()/_-]{1,200}$/u;

/** Give `actorOf` the keyring it seals purposes with. */
export function installActorSealing(app: FastifyInstance, keyring: Keyring): void {
  app.decorate("actorKeyring", keyring);
}

export function actorOf(req: FastifyRequest): Actor {
  const principal = principalOf(req);
  const purpose = req.headers["x-openrsd-purpose"];
  if (purpose !== undefined && (typeof purpose !== "string" || !PURPOSE.test(purpose))) {
    throw new AppError(
      "invalid_input",
      "X-OpenRSD-Purpose must be a short plain-text task description (up to 200 characters)",
      {
        issues: [{ path: "headers.x-openrsd-purpose", message: "invalid" }],
      },
    );
  }
  if (typeof purpose !== "string") return { principal, address: clientAddress(req) };
  const keyring = req.server.actorKeyring;
  // Without a keyring the purpose would be stored in clear: refuse rather than keep it.
  if (!keyring) throw new Error("actorOf: no keyring to seal the purpose with (installActorSealing)");
  return {
    principal,
    address: clientAddress(req),
    purpose: sealPurpose(keyring, principal.username, purpose),
  };
}
