/**
 * What the vault learns from a file's plaintext as it streams past, without holding it: its
 * SHA-256, its size (checked against the limit as it grows), its type (from the first bytes,
 * refused at once when it is not on the allow-list) and the scanner's copy.
 */
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { detectType, HEAD_BYTES, type Category } from "./detect.ts";
import type { ScanSession } from "./scanner.ts";

/** The file was refused: too large, or of a type the vault does not take. */
export class FileRefused extends Error {
  override name = "FileRefused";
  constructor(
    readonly reason: "too_large" | "refused_type",
    message: string,
  ) {
    super(message);
  }
}

export interface Inspection {
  sha256: string;
  size: number;
  mediaType: string;
}

const MIB = 1024 * 1024;
const sizeText = (bytes: number) =>
  bytes >= MIB ? `${Math.round((bytes / MIB) * 10) / 10} MiB` : `${bytes} bytes`;

export function tooLarge(limit: number, kind: string): FileRefused {
  return new FileRefused("too_large", `${kind} may be at most ${sizeText(limit)}`);
}

export class Inspector extends Transform {
  readonly #hash = createHash("sha256");
  #size = 0;
  #head: Buffer[] = [];
  #headLength = 0;
  #mediaType: string | null = null;
  #limit: number;
  readonly #limitFor: (category: Category) => number;
  readonly #declaredLength: number | undefined;
  readonly #scan: ScanSession;

  constructor(options: {
    limitFor: (category: Category) => number;
    maxAny: number;
    declaredLength?: number;
    scan: ScanSession;
  }) {
    super();
    this.#limitFor = options.limitFor;
    this.#limit = options.maxAny;
    this.#declaredLength = options.declaredLength;
    this.#scan = options.scan;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.#take(chunk).then(() => done(null, chunk), done);
  }

  override _flush(done: TransformCallback): void {
    (this.#mediaType === null ? this.#detect(true) : Promise.resolve()).then(() => done(), done);
  }

  async #take(chunk: Buffer): Promise<void> {
    this.#size += chunk.length;
    if (this.#size > this.#limit) throw tooLarge(this.#limit, "a file of this type");
    this.#hash.update(chunk);
    if (this.#mediaType === null) {
      this.#head.push(chunk);
      this.#headLength += chunk.length;
      if (this.#headLength >= HEAD_BYTES) await this.#detect(false);
    }
    await this.#scan.write(chunk);
  }

  async #detect(complete: boolean): Promise<void> {
    const head = Buffer.concat(this.#head, this.#headLength).subarray(0, HEAD_BYTES);
    this.#head = [];
    const detected = await detectType(head, complete);
    if (!detected.ok) throw new FileRefused("refused_type", detected.refusal);
    this.#mediaType = detected.mediaType;
    this.#limit = this.#limitFor(detected.category);
    const what = detected.category === "video" ? "a video" : "a file of this type";
    if (this.#size > this.#limit || (this.#declaredLength ?? 0) > this.#limit)
      throw tooLarge(this.#limit, what);
  }

  /** What was learnt, once the stream has ended. */
  result(): Inspection {
    if (this.#mediaType === null) throw new Error("the stream has not ended");
    return { sha256: this.#hash.digest("hex"), size: this.#size, mediaType: this.#mediaType };
  }
}
