/**
 * An XML document as a request's body (an XLIFF file, a TMX memory): read as UTF-8 text, at most
 * 10 MiB, for the routes of the plugin that asks for it; any other content type is refused with
 * 415 naming the ones taken. The server's own limit (1 MiB, for JSON) is not these routes'.
 */
import type { FastifyInstance } from "fastify";
import { AppError } from "../../app/errors.ts";
import { MAX_DOCUMENT_BYTES } from "./validate.ts";

/** Route option to pair with `acceptXmlBodies`: lets the parser, not the server, say "too large". */
export const XML_BODY_LIMIT = MAX_DOCUMENT_BYTES + 1;

function readBody(
  what: string,
  payload: NodeJS.ReadableStream,
  declaredLength: number | undefined,
  done: (err: Error | null, body?: string) => void,
): void {
  const tooLarge = () =>
    new AppError(
      "content_too_large",
      `${what} is larger than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MiB; split it into smaller ones`,
    );
  if (declaredLength !== undefined && declaredLength > MAX_DOCUMENT_BYTES) {
    payload.resume();
    done(tooLarge());
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (err: Error | null, body?: string) => {
    if (finished) return;
    finished = true;
    done(err, body);
  };
  payload.on("data", (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > MAX_DOCUMENT_BYTES) finish(tooLarge());
    else chunks.push(chunk);
  });
  payload.on("error", (err: Error) => finish(err));
  payload.on("end", () => {
    if (finished) return;
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
    } catch {
      finish(new AppError("invalid_input", `${what} is not in UTF-8: save it as UTF-8 and send it again`));
      return;
    }
    finish(null, text);
  });
}

/**
 * Makes the plugin's routes take their body as an XML document of one of `types`, and refuse any
 * other type with 415. `what` names the document in messages ("the XLIFF document"). Give the
 * routes `bodyLimit: XML_BODY_LIMIT`.
 */
export function acceptXmlBodies(app: FastifyInstance, types: readonly string[], what: string): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...types], (req, payload, done) => {
    const length = Number(req.headers["content-length"]);
    readBody(what, payload, Number.isSafeInteger(length) ? length : undefined, done);
  });
  app.addContentTypeParser("*", (_req, payload, done) => {
    payload.resume();
    done(new AppError("unsupported_media_type", `send ${what} as ${types.join(", ")}`));
  });
}
