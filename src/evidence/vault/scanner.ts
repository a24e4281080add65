/**
 * Virus scanning through ClamAV's daemon, `clamd`, with its INSTREAM command: the plaintext is
 * sent in length-prefixed chunks while it is being stored, and clamd answers once the stream
 * ends. The verdict is `clean` or `infected` only when clamd said so; without a scanner, or when
 * the scanner could not be reached or gave up, it is `not_scanned` with the reason. A scanner's
 * failure never fails the upload and never counts as clean.
 */
import { connect, type Socket } from "node:net";

export type ScanVerdict = "clean" | "infected" | "not_scanned";

export interface ScanResult {
  verdict: ScanVerdict;
  /** The signature found, or why the file was not scanned. Never file content. */
  detail: string | null;
}

export type ClamdAddress = { socket: string } | { host: string; port: number };

/** One file's scan: feed it the plaintext, then ask for the verdict. */
export interface ScanSession {
  /** Resolves when the chunk may be followed by the next (backpressure). Never rejects. */
  write(chunk: Buffer): Promise<void>;
  /** The verdict, after the last chunk. Never rejects. */
  finish(): Promise<ScanResult>;
  /** Give up (the upload failed). */
  abort(): void;
}

export interface Scanner {
  start(): ScanSession;
}

/** Where the scanner is (`describe` for logs and `openrsd` output). */
export function describeClamd(address: ClamdAddress): string {
  return "socket" in address ? `clamd at ${address.socket}` : `clamd at ${address.host}:${address.port}`;
}

const NO_SCANNER: ScanSession = {
  write: async () => {},
  finish: async () => ({ verdict: "not_scanned", detail: "no virus scanner is configured" }),
  abort: () => {},
};

export const noScanner: Scanner = { start: () => NO_SCANNER };

/** clamd's largest chunk is whatever we send; keep each well under its default StreamMaxLength. */
const MAX_CHUNK = 64 * 1024;

export function clamdScanner(
  address: ClamdAddress,
  options: { timeoutMs?: number; onUnavailable?: (reason: string) => void } = {},
): Scanner {
  // Idle time allowed: clamd says nothing while it scans what it was sent, which can take minutes.
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  return {
    start(): ScanSession {
      let failure: string | null = null;
      let reply = "";
      const socket: Socket =
        "socket" in address ? connect(address.socket) : connect(address.port, address.host);
      socket.setTimeout(timeoutMs);
      const fail = (reason: string) => {
        if (failure === null) failure = reason;
        socket.destroy();
      };
      const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
      socket.on("data", (data: Buffer) => {
        reply += data.toString("latin1");
      });
      let connected = false;
      socket.once("connect", () => (connected = true));
      socket.on("error", (err: NodeJS.ErrnoException) =>
        fail(
          // clamd closes the connection as soon as a stream passes its StreamMaxLength; its answer
          // ("INSTREAM size limit exceeded") may be lost when the next write fails first.
          connected && (err.code === "EPIPE" || err.code === "ECONNRESET")
            ? `the scanner closed the connection while the file was being sent (${err.code}): the file is probably over the scanner's size limit (clamd's StreamMaxLength)`
            : `the scanner could not be reached (${err.code ?? err.message})`,
        ),
      );
      socket.on("timeout", () => fail("the scanner did not answer in time"));
      socket.write("zINSTREAM\0");

      const send = (frame: Buffer): Promise<void> => {
        if (failure !== null || socket.destroyed) return Promise.resolve();
        if (socket.write(frame)) return Promise.resolve();
        return new Promise((resolve) => {
          const done = () => {
            socket.off("drain", done);
            socket.off("close", done);
            resolve();
          };
          socket.on("drain", done);
          socket.on("close", done);
        });
      };
      const frame = (chunk: Buffer) => {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length);
        return Buffer.concat([length, chunk]);
      };

      return {
        async write(chunk) {
          for (let at = 0; at < chunk.length; at += MAX_CHUNK) {
            // A reply before the end is clamd refusing the stream (e.g. "size limit exceeded").
            if (reply !== "" || failure !== null) return;
            await send(frame(chunk.subarray(at, at + MAX_CHUNK)));
          }
        },
        async finish() {
          await send(Buffer.alloc(4));
          if (failure === null && !socket.destroyed) socket.end();
          await closed;
          const answer = reply.replace(/\0+$/, "").trim();
          const found = /^stream: (.+) FOUND$/.exec(answer);
          if (found) return { verdict: "infected", detail: found[1]!.slice(0, 200) };
          if (answer === "stream: OK") return { verdict: "clean", detail: null };
          // clamd's own words first (e.g. "INSTREAM size limit exceeded"): the connection's end follows from them.
          const reason =
            answer !== ""
              ? `the scanner answered: ${answer.slice(0, 200)}`
              : (failure ?? "the scanner closed the connection without a verdict");
          options.onUnavailable?.(reason);
          return { verdict: "not_scanned", detail: reason };
        },
        abort() {
          socket.destroy();
        },
      };
    },
  };
}
