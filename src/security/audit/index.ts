/** The audit trail (SECURITY 12–14): see README.md in this folder. */
export {
  AUDIT_OUTCOMES,
  GENESIS_HASH,
  MAX_DETAIL_STRING,
  hashAuditEntry,
  keyedPersonRef,
  normalizeAuditInput,
  type AuditDetails,
  type AuditDetailValue,
  type AuditContent,
  type AuditEntry,
  type AuditInput,
  type AuditOutcome,
  type StoredAuditEntry,
} from "./chain.ts";
export { AUDIT_LOCK_KEYS, appendAudit, appendAuditBatch } from "./append.ts";
export {
  SEAL_BATCH,
  sealAudit,
  startAuditSealer,
  unsealedEntries,
  type AuditSealer,
  type AuditSealerOptions,
  type SealReport,
  type UnsealedEntries,
} from "./seal.ts";
export {
  verifyAudit,
  type AuditBadEntry,
  type AuditBadReason,
  type AuditChainReport,
  type VerifyAuditOptions,
} from "./verify.ts";
export {
  SIGNING_KEY_ENV,
  SIGNING_KEY_FILE,
  importPublicKey,
  loadSigningKey,
  publicKeyToBase64,
  type AuditSigningKey,
  type LoadSigningKeyOptions,
} from "./signing-key.ts";
export {
  CHECKPOINT_KIND,
  checkCheckpoint,
  checkpointFileName,
  createCheckpoint,
  readCheckpoint,
  verifyCheckpoint,
  verifyCheckpoints,
  writeCheckpoint,
  type AuditCheckpoint,
  type CaseHead,
  type CheckpointMismatch,
  type CheckpointMismatchKind,
  type CheckpointVerification,
} from "./checkpoint.ts";
export {
  AUDIT_RETENTION_YEARS,
  AUDIT_TIME_ZONE,
  READ_VERBS,
  auditReport,
  retentionUntil,
  type ActionTotals,
  type ActorSummary,
  type AuditReport,
  type AuditReportOptions,
  type FailedLogins,
  type RefusedExport,
  type UnusualPattern,
} from "./report.ts";
export { formatAuditReport } from "./format.ts";
