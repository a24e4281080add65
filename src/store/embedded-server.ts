/**
 * The embedded database's socket (docs/security.md requirement 19). PGlite is one PostgreSQL
 * session; this server lets only a client that knows the per-start password reach it, and hands
 * that session to one connection at a time:
 *
 * - **A password.** Every connection authenticates with SCRAM-SHA-256 (scram.ts) against a
 *   random password made when the database starts and given to the parent process over its IPC
 *   channel only: it is in no file, no command line and no environment.
 * - **A session of its own.** A connection gets the session when the one before it has closed
 *   and the session was reset (ROLLBACK, DISCARD ALL: settings, role, prepared statements, temporary
 *   tables, advisory locks, listeners), so nothing one client SETs ever reaches another. A
 *   connection that waits longer than `sessionWaitMs` is refused. Startup parameters that would
 *   change the session (`options`, timeouts) are refused: SET them after connecting.
 *
 * After authentication the client's messages go to PGlite as they are, one at a time.
 */
import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { SCRAM_MECHANISM, ScramError, scramExchange, scramVerifier, type ScramExchange } from "./scram.ts";

export interface EmbeddedServerOptions {
  password: string;
  host?: string;
  /** How long a connection may wait for the session (default 15 s). */
  sessionWaitMs?: number;
  /** How long a connection may take to authenticate (default 10 s). */
  authTimeoutMs?: number;
  /** Connections open at once, authenticated or not (default 8). */
  maxSockets?: number;
}

export interface EmbeddedServer {
  port: number;
  stop(): Promise<void>;
}

export const EMBEDDED_USER = "postgres";
export const EMBEDDED_DATABASE = "postgres";

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const MAX_STARTUP = 10_000;
/** Startup parameters that leave the session as it is. */
const HARMLESS_PARAMETERS = new Set(["user", "database", "application_name", "client_encoding"]);

/** Bytes of one protocol message: a type byte, its length, its body. */
function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function cstring(text: string): Buffer {
  return Buffer.from(`${text}\0`, "utf8");
}

function errorMessage(code: string, text: string, severity = "FATAL"): Buffer {
  return message(
    "E",
    Buffer.from("S"),
    cstring(severity),
    Buffer.from("V"),
    cstring(severity),
    Buffer.from("C"),
    cstring(code),
    Buffer.from("M"),
    cstring(text),
    Buffer.from([0]),
  );
}

/** The startup message PGlite sees for every session, whatever the client sent. */
function fixedStartup(): Uint8Array {
  const body = Buffer.concat([
    int32(PROTOCOL_3),
    cstring("user"),
    cstring(EMBEDDED_USER),
    cstring("database"),
    cstring(EMBEDDED_DATABASE),
    Buffer.from([0]),
  ]);
  return new Uint8Array(Buffer.concat([int32(body.length + 4), body]));
}

const SYNC = new Uint8Array(message("S"));

type Phase = "startup" | "sasl-first" | "sasl-final" | "waiting" | "session" | "closed";

export async function startEmbeddedServer(
  db: PGlite,
  options: EmbeddedServerOptions,
): Promise<EmbeddedServer> {
  const verifier = scramVerifier(options.password);
  const sessionWaitMs = options.sessionWaitMs ?? 15_000;
  const authTimeoutMs = options.authTimeoutMs ?? 10_000;
  const sockets = new Set<Socket>();

  // The session: who holds it, who waits, and the reset that runs between two holders.
  let holder: Connection | undefined;
  let handover: Promise<void> = Promise.resolve();
  const waiting: { conn: Connection; grant: () => void; timer: NodeJS.Timeout }[] = [];

  function acquire(conn: Connection): void {
    if (!holder) {
      holder = conn;
      void handover.then(() => conn.granted());
      return;
    }
    const timer = setTimeout(() => {
      const at = waiting.findIndex((w) => w.conn === conn);
      if (at >= 0) waiting.splice(at, 1);
      conn.fail(
        "53300",
        "the embedded database serves one session at a time, and another session stayed open; " +
          "close it, or use PostgreSQL (DATABASE_URL) for more connections",
      );
    }, sessionWaitMs);
    waiting.push({ conn, grant: () => conn.granted(), timer });
  }

  function release(conn: Connection): void {
    const at = waiting.findIndex((w) => w.conn === conn);
    if (at >= 0) {
      clearTimeout(waiting[at]?.timer);
      waiting.splice(at, 1);
    }
    if (holder !== conn) return;
    handover = handover.then(() => resetSession(db)).catch(() => undefined);
    const next = waiting.shift();
    holder = next?.conn;
    if (next) {
      clearTimeout(next.timer);
      void handover.then(next.grant);
    }
  }

  class Connection {
    phase: Phase = "startup";
    buffer = Buffer.alloc(0);
    exchange: ScramExchange = scramExchange(verifier);
    work: Promise<void> = Promise.resolve();
    authTimer: NodeJS.Timeout;

    constructor(readonly socket: Socket) {
      this.authTimer = setTimeout(() => this.fail("08006", "authentication took too long"), authTimeoutMs);
      socket.setNoDelay(true);
      socket.on("data", (chunk: Buffer) => this.receive(chunk));
      socket.on("error", () => socket.destroy());
      socket.on("close", () => this.closed());
    }

    receive(chunk: Buffer): void {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        if (this.phase === "closed") return;
        const typed = this.phase !== "startup";
        const header = typed ? 5 : 4;
        if (this.buffer.length < header) return;
        const length = this.buffer.readInt32BE(typed ? 1 : 0);
        if (length < 4 || (!typed && length > MAX_STARTUP)) {
          this.fail("08P01", "invalid message length");
          return;
        }
        const total = length + (typed ? 1 : 0);
        if (this.buffer.length < total) return;
        const msg = this.buffer.subarray(0, total);
        this.buffer = this.buffer.subarray(total);
        this.handle(msg);
      }
    }

    handle(msg: Buffer): void {
      try {
        switch (this.phase) {
          case "startup":
            return this.startup(msg);
          case "sasl-first":
            return this.saslFirst(msg);
          case "sasl-final":
            return this.saslFinal(msg);
          case "waiting":
          case "session":
            return this.forward(msg);
          case "closed":
            return;
        }
      } catch (err) {
        if (err instanceof ScramError) {
          this.fail("28P01", `password authentication failed for user "${EMBEDDED_USER}"`);
        } else {
          this.fail("08P01", err instanceof Error ? err.message : String(err));
        }
      }
    }

    startup(msg: Buffer): void {
      if (msg.length < 8) return this.fail("08P01", "invalid startup packet");
      const code = msg.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        this.socket.write("N");
        return;
      }
      if (code === CANCEL_REQUEST) return this.close();
      if (code !== PROTOCOL_3) return this.fail("0A000", "unsupported frontend protocol");
      const fields = msg.subarray(8).toString("utf8").split("\0");
      const params = new Map<string, string>();
      for (let i = 0; i + 1 < fields.length && fields[i] !== ""; i += 2) {
        params.set(fields[i] ?? "", fields[i + 1] ?? "");
      }
      const user = params.get("user");
      if (user !== EMBEDDED_USER) {
        return this.fail("28000", `the embedded database has one user, "${EMBEDDED_USER}"`);
      }
      if ((params.get("database") ?? user) !== EMBEDDED_DATABASE) {
        return this.fail("3D000", `the embedded database has one database, "${EMBEDDED_DATABASE}"`);
      }
      const encoding = params.get("client_encoding");
      if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
        return this.fail("22023", "the embedded database speaks UTF8 only");
      }
      const other = [...params.keys()].filter((name) => !HARMLESS_PARAMETERS.has(name));
      if (other.length > 0) {
        return this.fail(
          "0A000",
          `the embedded database takes no startup parameter ${other.join(", ")}: SET it after connecting`,
        );
      }
      this.socket.write(message("R", int32(10), cstring(SCRAM_MECHANISM), Buffer.from([0])));
      this.phase = "sasl-first";
    }

    saslFirst(msg: Buffer): void {
      if (msg.toString("latin1", 0, 1) !== "p") return this.fail("08P01", "expected a SASL response");
      const body = msg.subarray(5);
      const end = body.indexOf(0);
      if (end < 0 || body.toString("utf8", 0, end) !== SCRAM_MECHANISM) {
        return this.fail("28000", `the embedded database accepts ${SCRAM_MECHANISM} only`);
      }
      const size = body.readInt32BE(end + 1);
      const data = body.toString("utf8", end + 5, end + 5 + Math.max(size, 0));
      const serverFirst = this.exchange.first(data);
      this.socket.write(message("R", int32(11), Buffer.from(serverFirst, "utf8")));
      this.phase = "sasl-final";
    }

    saslFinal(msg: Buffer): void {
      if (msg.toString("latin1", 0, 1) !== "p") return this.fail("08P01", "expected a SASL response");
      const serverFinal = this.exchange.final(msg.toString("utf8", 5));
      clearTimeout(this.authTimer);
      this.socket.write(message("R", int32(12), Buffer.from(serverFinal, "utf8")));
      this.phase = "waiting";
      acquire(this);
    }

    /** The session is ours: PGlite answers the startup (AuthenticationOk, parameters, ready). */
    granted(): void {
      if (this.phase !== "waiting") {
        release(this);
        return;
      }
      this.phase = "session";
      this.run(fixedStartup());
    }

    forward(msg: Buffer): void {
      if (msg.toString("latin1", 0, 1) === "X") return this.close();
      this.run(new Uint8Array(msg));
    }

    run(bytes: Uint8Array): void {
      this.work = this.work.then(async () => {
        if (this.phase === "closed") return;
        await db.runExclusive(() =>
          db.execProtocolRawStream(bytes, {
            onRawData: (out) => {
              if (this.phase !== "closed" && this.socket.writable) this.socket.write(out);
            },
          }),
        );
      });
      this.work.catch((err: unknown) => {
        this.fail("XX000", err instanceof Error ? err.message : String(err));
      });
    }

    fail(code: string, text: string): void {
      if (this.phase === "closed") return;
      if (this.socket.writable) this.socket.write(errorMessage(code, text));
      this.close();
    }

    close(): void {
      this.socket.end();
      this.closed();
    }

    closed(): void {
      if (this.phase === "closed") return;
      this.phase = "closed";
      clearTimeout(this.authTimer);
      sockets.delete(this.socket);
      // The session is reset only after the last message of this connection ran.
      void this.work.catch(() => undefined).then(() => release(this));
    }
  }

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    new Connection(socket);
  });
  server.maxConnections = options.maxSockets ?? 8;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address !== "object") throw new Error("the embedded server has no port");

  return {
    port: address.port,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await handover;
    },
  };
}

/** Whatever a session left behind: an unfinished message exchange, a transaction, any state. */
async function resetSession(db: PGlite): Promise<void> {
  // No client can send anything meanwhile: the next one gets the session after this ran.
  // (exec takes PGlite's locks itself; runExclusive around it would wait for itself.)
  await db.runExclusive(() => db.execProtocolRaw(SYNC));
  if (db.isInTransaction()) await db.exec("ROLLBACK");
  await db.exec("DISCARD ALL");
}
