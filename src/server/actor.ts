/**
 * Who is making a request. Until sign-in arrives, the actor is named by the `X-OpenRSD-Actor`
 * header, or is the server's default actor (the demo runs as `demo`). Every event records it.
 */
import type { FastifyRequest } from "fastify";
import { AppError } from "../app/errors.ts";

const ACTOR = /^[A-Za-z0-9._@-]{1,100}$/;

export function actorOf(req: FastifyRequest, defaultActor: string): string {
  const h = req.headers["x-openrsd-actor"];
  if (h === undefined) return defaultActor;
  if (typeof h !== "string" || !ACTOR.test(h)) {
    throw new AppError("invalid_input", "X-OpenRSD-Actor must be 1 to 100 letters, digits or . _ @ -", {
      issues: [{ path: "headers.x-openrsd-actor", message: "invalid" }],
    });
  }
  return h;
}
