/** The evidence vault: files in, files out (docs/evidence.md, "Storage"). */
export { checkAllFiles, checkFile, type FileCheck } from "./check-file.ts";
export type { StoredFile } from "./db.ts";
export { FileRefused } from "./inspect.ts";
export { getStoredFile, openFile, QuarantinedError, type FileRef, type OpenedStream } from "./open-file.ts";
export { putFile, type PutFileInput, type PutFileResult } from "./put-file.ts";
export type { ScanVerdict } from "./scanner.ts";
export { IntegrityError } from "./segments.ts";
export { vaultSettingsFromEnv, type VaultSettings } from "./settings.ts";
export { createVault, useVault, vaultOf, type Vault } from "./vault.ts";
