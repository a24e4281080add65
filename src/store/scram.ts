/**
 * The server's side of SCRAM-SHA-256 (RFC 5802, RFC 7677), as PostgreSQL speaks it: the embedded
 * database (embedded-server.ts) asks every connection for its per-start password this way. The
 * password never crosses the socket, and the server proves that it knows it too, so the `pg`
 * client refuses a process that took the port over after the database stopped.
 *
 * Without channel binding: the connection is a loopback socket without TLS.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";

export const SCRAM_MECHANISM = "SCRAM-SHA-256";

/** What the server keeps of a password: never the password itself. */
export interface ScramVerifier {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

/** PostgreSQL's own default iteration count. */
const ITERATIONS = 4096;

/** The password is ASCII (it is generated), so SASLprep would leave it as it is. */
export function scramVerifier(password: string, iterations = ITERATIONS): ScramVerifier {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  return {
    salt,
    iterations,
    storedKey: sha256(hmac(salted, "Client Key")),
    serverKey: hmac(salted, "Server Key"),
  };
}

export class ScramError extends Error {}

/** One exchange: client-first → server-first, client-final → server-final (or a ScramError). */
export interface ScramExchange {
  /** The client-first-message; returns the server-first-message. */
  first(clientFirst: string): string;
  /** The client-final-message; returns the server-final-message if the proof holds. */
  final(clientFinal: string): string;
}

export function scramExchange(verifier: ScramVerifier): ScramExchange {
  let clientFirstBare: string | undefined;
  let serverFirst: string | undefined;
  let gs2Header: string | undefined;
  let nonce: string | undefined;
  return {
    first(clientFirst) {
      // gs2-header: "n,," (no channel binding) or "y,," (client could, thinks we cannot).
      const match = /^([ny]),(a=[^,]*)?,(.*)$/.exec(clientFirst);
      if (!match) throw new ScramError("unsupported SCRAM client-first-message (channel binding?)");
      gs2Header = `${match[1]},${match[2] ?? ""},`;
      clientFirstBare = match[3] ?? "";
      const clientNonce = attribute(clientFirstBare, "r");
      if (!clientNonce || !/^[\x21-\x2b\x2d-\x7e]+$/.test(clientNonce)) {
        throw new ScramError("the SCRAM client nonce is missing or malformed");
      }
      nonce = clientNonce + randomBytes(18).toString("base64");
      serverFirst = `r=${nonce},s=${verifier.salt.toString("base64")},i=${verifier.iterations}`;
      return serverFirst;
    },
    final(clientFinal) {
      if (!clientFirstBare || !serverFirst || !gs2Header || !nonce) {
        throw new ScramError("SCRAM client-final-message before the first");
      }
      const proofAt = clientFinal.lastIndexOf(",p=");
      if (proofAt < 0) throw new ScramError("the SCRAM client proof is missing");
      const withoutProof = clientFinal.slice(0, proofAt);
      if (attribute(withoutProof, "c") !== Buffer.from(gs2Header).toString("base64")) {
        throw new ScramError("SCRAM channel binding does not match");
      }
      if (attribute(withoutProof, "r") !== nonce) throw new ScramError("SCRAM nonce does not match");
      const proof = Buffer.from(clientFinal.slice(proofAt + 3), "base64");
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const signature = hmac(verifier.storedKey, authMessage);
      if (proof.length !== signature.length) throw new ScramError("wrong password");
      const clientKey = Buffer.from(proof.map((byte, i) => byte ^ (signature[i] ?? 0)));
      if (!timingSafeEqual(sha256(clientKey), verifier.storedKey)) throw new ScramError("wrong password");
      return `v=${hmac(verifier.serverKey, authMessage).toString("base64")}`;
    },
  };
}

function attribute(message: string, name: string): string | undefined {
  for (const part of message.split(",")) {
    if (part.startsWith(`${name}=`)) return part.slice(name.length + 1);
  }
  return undefined;
}

function hmac(key: Buffer, text: string): Buffer {
  return createHmac("sha256", key).update(text).digest();
}

function sha256(data: Buffer): Buffer {
  return createHash("sha256").update(data).digest();
}
