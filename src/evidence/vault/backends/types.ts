/**
 * Where the vault keeps its objects: only sealed bytes ever reach a backend, under names that
 * reveal nothing (a keyed hash for a stored file, a random id for a temporary object).
 */
import type { Readable, Writable } from "node:stream";

export interface ObjectWriter {
  /** Write the object's bytes here (stream.pipeline into it). */
  stream: Writable;
  /** Resolves once the object is durably stored, after the stream finished. */
  done(): Promise<void>;
  /** Throw away what was written (the upload failed). Never rejects. */
  discard(): Promise<void>;
}

export interface ObjectStore {
  readonly kind: "disk" | "s3";
  /** Start writing a temporary object. */
  createTemp(name: string): ObjectWriter;
  /** The bytes [start, end) of an object (to its end without `end`). */
  read(name: string, start?: number, end?: number): Promise<Readable>;
  /** The object's size, or null when it does not exist. */
  size(name: string): Promise<number | null>;
  /** Give a finished temporary object its final name (replacing any object of that name). */
  promote(temp: string, final: string): Promise<void>;
  /** The temporary objects last written before `before` (their names, for `remove`). */
  listTemp(before: Date): Promise<string[]>;
  /** Remove an object; no error when it is not there. */
  remove(name: string): Promise<void>;
  /** Where, for `openrsd` output (never credentials). */
  describe(): string;
  close(): void;
}

/** Temporary objects live apart from stored files. */
export const tempName = (id: string) => `tmp/${id}`;
/** A stored file, fanned out by the first two characters of its address. */
export const fileName = (address: string) => `files/${address.slice(0, 2)}/${address}`;
