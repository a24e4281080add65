/**
 * The client's address for the access record (docs/security.md requirement 12), read when the
 * connection opens and when the request arrives. Node forgets a socket's peer once the connection
 * is closed, and a browser closes it whenever it cancels a fetch (a filter changed, a page left
 * before its data came): the request still runs, and its access record still needs the address.
 */
import type { Socket } from "node:net";
import type { FastifyInstance, FastifyRequest } from "fastify";

const byConnection = new WeakMap<Socket, string>();
const byRequest = new WeakMap<FastifyRequest, string>();

export function installClientAddress(app: FastifyInstance): void {
  app.server.on("connection", (socket: Socket) => {
    if (socket.remoteAddress) byConnection.set(socket, socket.remoteAddress);
  });
  app.addHook("onRequest", (req, _reply, done) => {
    const address = req.ip || byConnection.get(req.socket);
    if (address) byRequest.set(req, address);
    done();
  });
}

/** The address the request came from, even after the client has gone. */
export function clientAddress(req: FastifyRequest): string {
  const address = byRequest.get(req) ?? (req.ip || byConnection.get(req.socket));
  if (!address) throw new Error("the client's address is unknown");
  return address;
}
