/**
 * Signed checkpoints (SECURITY 13): the audit chain's head and the head of every case event
 * chain, signed with Ed25519, written to a file the operator keeps outside the database. A later
 * `verifyCheckpoint` shows what the chains alone cannot: that entries were cut off the end of a
 * log, or that a log was rewritten with every hash recomputed.
 *
 * The checkpoint holds sequence numbers, case ids and hashes; no personal data.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { canonicalize } from "../../store/canonical.ts";
import type { Database, Queryable } from "../../store/db.ts";
import { GENESIS_HASH } from "./chain.ts";
import { sealAudit } from "./seal.ts";
import { importPublicKey, publicKeyToBase64, type AuditSigningKey } from "./signing-key.ts";
import { verifyAudit } from "./verify.ts";
import type { Keyring } from "../crypto/keyring.ts";

export const CHECKPOINT_KIND = "openrsd-audit-checkpoint";

/** The last event of one case's chain: office, case, sequence, hash. */
export type CaseHead = [officeId: string, caseId: string, sequence: number, hash: string];

export interface AuditCheckpoint {
  kind: typeof CHECKPOINT_KIND;
  /** The audit chain's head: its place in the chain and hash (0 and the genesis hash if empty). */
  seq: number;
  hash: string;
  at: string;
  caseChains: {
    cases: number;
    events: number;
    /** SHA-256 of the canonical JSON of `heads`: one value to compare or write down. */
    digest: string;
    /** Sorted by case id, then office. */
    heads: CaseHead[];
  };
  /**
   * The signer's Ed25519 public key, base64 of its 32 raw bytes: says which key signed, so an
   * operator can tell keys apart. Verification never uses it; it uses the configured key.
   */
  publicKey: string;
  /** Ed25519 over the canonical JSON of every other member, base64. */
  signature: string;
}

const HEAD_PAGE = 500;

export async function createCheckpoint(
  db: Database,
  key: AuditSigningKey,
  options: { at?: Date } = {},
): Promise<AuditCheckpoint> {
  // Entries already committed get their place in the chain first, so that they are covered.
  await sealAudit(db);
  const { head, heads } = await db.transaction(async (tx) => {
    // One snapshot for both logs, so the checkpoint describes one moment.
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const [row] = await tx.query<{ seq: number | string; hash: string }>(
      "SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1",
    );
    return { head: row, heads: await readCaseHeads(tx) };
  });
  const body: Omit<AuditCheckpoint, "signature"> = {
    kind: CHECKPOINT_KIND,
    seq: head ? Number(head.seq) : 0,
    hash: head?.hash ?? GENESIS_HASH,
    at: (options.at ?? new Date()).toISOString(),
    caseChains: {
      cases: heads.length,
      events: heads.reduce((sum, [, , sequence]) => sum + sequence, 0),
      digest: headsDigest(heads),
      heads,
    },
    publicKey: key.publicKeyBase64,
  };
  const signature = sign(null, Buffer.from(canonicalize(body)), key.privateKey).toString("base64");
  return { ...body, signature };
}

export type CheckpointMismatchKind = "format" | "signature" | "audit" | "case-chain";

export interface CheckpointMismatch {
  what: CheckpointMismatchKind;
  reason: string;
  /** The audit entry concerned. */
  seq?: number;
  /** The case chain concerned, and the event in it. */
  officeId?: string;
  caseId?: string;
  sequence?: number;
}

export interface CheckpointVerification {
  ok: boolean;
  firstMismatch?: CheckpointMismatch;
}

export interface VerifyCheckpointOptions {
  /** The keyring, for access records whose purpose was sealed after it was hashed (purpose.ts). */
  keyring?: Keyring;
}

/**
 * Check a checkpoint against the database: its signature, by `publicKey` only (the key the
 * operator configured; never the one the checkpoint carries, which whoever rewrote the database
 * could have replaced with their own), that the audit chain up to its head verifies and ends in
 * the recorded hash, and that every case chain still holds its recorded head. Entries appended
 * since do not matter.
 */
export async function verifyCheckpoint(
  db: Queryable,
  checkpoint: unknown,
  publicKey: KeyObject | string,
  options: VerifyCheckpointOptions = {},
): Promise<CheckpointVerification> {
  const [result] = await verifyCheckpoints(db, [checkpoint], publicKey, options);
  return result ?? { ok: false, firstMismatch: { what: "format", reason: "no checkpoint" } };
}

/**
 * `verifyCheckpoint` for many checkpoints at once (every one an operator kept): the audit chain is
 * walked once, up to the latest of them. One result per checkpoint, in the order given.
 */
export async function verifyCheckpoints(
  db: Queryable,
  checkpoints: readonly unknown[],
  publicKey: KeyObject | string,
  options: VerifyCheckpointOptions = {},
): Promise<CheckpointVerification[]> {
  const results: CheckpointVerification[] = [];
  const valid: { index: number; cp: AuditCheckpoint }[] = [];
  for (const [index, checkpoint] of checkpoints.entries()) {
    const checked = checkCheckpoint(checkpoint, publicKey);
    if ("mismatch" in checked) results[index] = fail(checked.mismatch);
    else valid.push({ index, cp: checked.checkpoint });
  }
  const auditProblem = await auditAgainst(
    db,
    valid.map((v) => v.cp.seq),
    options.keyring,
  );
  for (const { index, cp } of valid) {
    const mismatch = auditProblem(cp) ?? (await caseChainsAgainst(db, cp.caseChains.heads));
    results[index] = mismatch ? fail(mismatch) : { ok: true };
  }
  return results;
}

/**
 * The checkpoint's shape and signature, checked by `publicKey` alone: the shape, whether it is an
 * audit checkpoint, whether the configured key signed exactly this content.
 */
export function checkCheckpoint(
  checkpoint: unknown,
  publicKey: KeyObject | string,
): { checkpoint: AuditCheckpoint } | { mismatch: CheckpointMismatch } {
  const parsed = CheckpointSchema.safeParse(checkpoint);
  if (!parsed.success) {
    return {
      mismatch: { what: "format", reason: `not an audit checkpoint: ${parsed.error.issues[0]?.message}` },
    };
  }
  const cp = parsed.data;
  const signatureProblem = checkSignature(cp, publicKey);
  if (signatureProblem) return { mismatch: { what: "signature", reason: signatureProblem } };
  const { heads } = cp.caseChains;
  if (headsDigest(heads) !== cp.caseChains.digest || heads.length !== cp.caseChains.cases) {
    return {
      mismatch: { what: "format", reason: "the case chain digest does not match the recorded heads" },
    };
  }
  return { checkpoint: cp };
}

function fail(mismatch: CheckpointMismatch): CheckpointVerification {
  return { ok: false, firstMismatch: mismatch };
}

/**
 * Walk the audit chain once, up to the highest place any checkpoint recorded; then a checkpoint's
 * audit head holds if the chain up to it verifies and its place still has the recorded hash.
 */
async function auditAgainst(
  db: Queryable,
  places: number[],
  keyring: Keyring | undefined,
): Promise<(cp: AuditCheckpoint) => CheckpointMismatch | undefined> {
  const upTo = Math.max(0, ...places);
  if (upTo === 0) return () => undefined;
  const audit = await verifyAudit(db, { upTo, ...(keyring ? { keyring } : {}) });
  const wanted = [...new Set(places.filter((seq) => seq > 0))];
  const rows = await db.query<{ seq: number | string; hash: string }>(
    "SELECT seq, hash FROM audit_chain WHERE seq = ANY($1::bigint[])",
    [wanted],
  );
  const hashAt = new Map(rows.map((r) => [Number(r.seq), r.hash]));
  return (cp) => {
    if (cp.seq === 0) return undefined;
    if (audit.firstBad && audit.firstBad.seq <= cp.seq) {
      const { seq, reason, detail } = audit.firstBad;
      return { what: "audit", seq, reason: `${reason}: ${detail}` };
    }
    if (audit.head.seq < cp.seq) {
      const seq = audit.head.seq + 1;
      return { what: "audit", seq, reason: `removed: entry ${seq} is missing (the log ends at ${seq - 1})` };
    }
    if (hashAt.get(cp.seq) !== cp.hash) {
      const reason = `changed: entry ${cp.seq} no longer has the recorded hash (the log was rewritten)`;
      return { what: "audit", seq: cp.seq, reason };
    }
    return undefined;
  };
}

/** The first recorded case chain head that is no longer in the database as it was. */
async function caseChainsAgainst(db: Queryable, heads: CaseHead[]): Promise<CheckpointMismatch | undefined> {
  for (let start = 0; start < heads.length; start += HEAD_PAGE) {
    const page = heads.slice(start, start + HEAD_PAGE);
    const found = await db.query<{ ord: number | string; hash: string | null }>(
      `SELECT h.ord, e.hash
       FROM unnest($1::text[], $2::uuid[], $3::int[]) WITH ORDINALITY AS h(office_id, case_id, sequence, ord)
       LEFT JOIN case_events e
         ON e.office_id = h.office_id AND e.case_id = h.case_id AND e.sequence = h.sequence
       ORDER BY h.ord`,
      [page.map((h) => h[0]), page.map((h) => h[1]), page.map((h) => h[2])],
    );
    for (const [index, [officeId, caseId, sequence, hash]] of page.entries()) {
      const actual = found[index]?.hash ?? null;
      if (actual === hash) continue;
      const reason =
        actual === null
          ? `removed: event ${sequence} of case ${caseId} is missing`
          : `changed: event ${sequence} of case ${caseId} no longer has the recorded hash ` +
            `(it, or an event before it, was rewritten)`;
      return { what: "case-chain", officeId, caseId, sequence, reason };
    }
  }
  return undefined;
}

/** Write a checkpoint as canonical JSON; never overwrites a file. */
export function writeCheckpoint(file: string, checkpoint: AuditCheckpoint): void {
  writeFileSync(file, `${canonicalize(checkpoint)}\n`, { flag: "wx", mode: 0o644 });
}

/** Read a checkpoint file; `verifyCheckpoint` checks its shape. */
export function readCheckpoint(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8")) as unknown;
}

/** A file name that sorts by sequence: audit-checkpoint-000000001234-20240501T000000Z.json */
export function checkpointFileName(checkpoint: Pick<AuditCheckpoint, "seq" | "at">): string {
  const at = checkpoint.at.replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  return `audit-checkpoint-${String(checkpoint.seq).padStart(12, "0")}-${at}.json`;
}

/** The last event of every case chain, sorted by case id, then office (by code unit, not collation). */
async function readCaseHeads(tx: Queryable): Promise<CaseHead[]> {
  const heads: CaseHead[] = [];
  let after: CaseHead | undefined;
  for (;;) {
    // Paged along the primary key (office_id, case_id, sequence), so each page is an index scan.
    const where = after ? "WHERE (office_id, case_id) > ($2, $3::uuid)" : "";
    const rows = await tx.query<{ officeId: string; caseId: string; sequence: number; hash: string }>(
      `SELECT e.office_id AS "officeId", e.case_id AS "caseId", e.sequence, e.hash
       FROM (SELECT office_id, case_id, max(sequence) AS sequence FROM case_events ${where}
             GROUP BY office_id, case_id ORDER BY office_id, case_id LIMIT $1) AS h
       JOIN case_events e USING (office_id, case_id, sequence)
       ORDER BY e.office_id, e.case_id`,
      after ? [HEAD_PAGE, after[0], after[1]] : [HEAD_PAGE],
    );
    for (const r of rows) heads.push([r.officeId, r.caseId, r.sequence, r.hash]);
    after = heads.at(-1);
    if (rows.length < HEAD_PAGE) break;
  }
  return heads.sort(([officeA, caseA], [officeB, caseB]) =>
    caseA !== caseB ? (caseA < caseB ? -1 : 1) : officeA < officeB ? -1 : officeA > officeB ? 1 : 0,
  );
}

function headsDigest(heads: CaseHead[]): string {
  return createHash("sha256").update(canonicalize(heads)).digest("hex");
}

/** Why the signature does not hold under the configured key, or undefined if it does. */
function checkSignature(cp: AuditCheckpoint, expectedKey: KeyObject | string): string | undefined {
  let key: KeyObject;
  try {
    key = typeof expectedKey === "string" ? importPublicKey(expectedKey) : expectedKey;
    if (key.type === "private") key = createPublicKey(key);
  } catch (err) {
    return `unusable configured public key: ${(err as Error).message}`;
  }
  const { signature, ...body } = cp;
  let valid = false;
  try {
    valid = verify(null, Buffer.from(canonicalize(body)), key, Buffer.from(signature, "base64"));
  } catch {
    // a malformed signature is simply not a valid one
  }
  if (valid) return undefined;
  let named: string | undefined;
  try {
    named = publicKeyToBase64(key);
  } catch {
    named = undefined;
  }
  return named !== cp.publicKey
    ? "not signed by the configured audit key (the checkpoint names another key)"
    : "the signature does not match the checkpoint's content";
}

const Hash = z.string().regex(/^[0-9a-f]{64}$/, "expected a SHA-256 hex digest");
const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const CheckpointSchema = z.strictObject({
  kind: z.literal(CHECKPOINT_KIND),
  seq: z.number().int().min(0),
  hash: Hash,
  at: z.string(),
  caseChains: z.strictObject({
    cases: z.number().int().min(0),
    events: z.number().int().min(0),
    digest: Hash,
    heads: z.array(z.tuple([z.string().min(1), Uuid, z.number().int().min(1), Hash])),
  }),
  publicKey: z.string(),
  signature: z.string(),
}) satisfies z.ZodType<AuditCheckpoint>;
