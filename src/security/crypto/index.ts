/** Application-level field encryption and its key hierarchy (docs/security.md requirements 9, 10). */
export { DecryptionError } from "./aead.ts";
export { computeBlindIndex, computeBlockingKey, normalizeForBlindIndex } from "./blind-index.ts";
export { isEnvelope, isSealedJson, openJson, openText, sealJson, SEALED, type SealedJson } from "./sealed.ts";
export type { FieldContext } from "./envelope.ts";
export { Keyring, openKeyring } from "./keyring.ts";
export { loadMasterKey, MASTER_KEY_ENV, type LoadMasterKeyOptions, type MasterKey } from "./master-key.ts";
export {
  keyStatus,
  rotateDataKey,
  rotateKeys,
  type KeyStatus,
  type RotateDataKeyResult,
  type RotateKeysResult,
} from "./rotate.ts";
