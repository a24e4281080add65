/**
 * The hash chain of the case event log (docs/security.md requirement 13): each entry's hash is SHA-256 over the
 * previous hash, a newline, and the RFC 8785 canonical JSON of the entry, so that changing,
 * removing or reordering any entry breaks every link after it.
 */
import { createHash } from "node:crypto";
import { canonicalize } from "../../store/canonical.ts";

export const GENESIS_HASH = "0".repeat(64);

export interface StoredEvent {
  officeId: string;
  caseId: string;
  sequence: number;
  type: string;
  occurredOn: string;
  payload: Record<string, unknown>;
  recordedAt: string;
  recordedBy: string;
  prevHash: string;
  hash: string;
}

export type HashedFields = Omit<StoredEvent, "prevHash" | "hash">;

export function hashEvent(prevHash: string, entry: HashedFields): string {
  const canonical = canonicalize({
    officeId: entry.officeId,
    caseId: entry.caseId,
    sequence: entry.sequence,
    type: entry.type,
    occurredOn: entry.occurredOn,
    payload: entry.payload,
    recordedAt: entry.recordedAt,
    recordedBy: entry.recordedBy,
  });
  return createHash("sha256").update(`${prevHash}\n${canonical}`).digest("hex");
}
