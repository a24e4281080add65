/**
 * The actor of a request: the signed-in principal, the client's address and, where given, the
 * task (`X-OpenRSD-Purpose`), for the access record (docs/security.md requirements 12 and 14).
 */
import type { FastifyRequest } from "fastify";
import type { Actor } from "../app/actor.ts";
import { AppError } from "../app/errors.ts";
import { principalOf } from "./auth.ts";
import { clientAddress } from "./client-address.ts";

const PURPOSE = /^[\p{L}\p{N} .,:;()/_-]{1,200}$/u;

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
  return { principal, address: clientAddress(req), ...(typeof purpose === "string" ? { purpose } : {}) };
}
