/**
 * Evidence in tests: a vault on disk for the harness's application, and complete uploads of a case
 * made by an account through the single-request upload route (POST /cases/{id}/files).
 */
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../src/app/context.ts";
import { useVault } from "../../src/evidence/vault/index.ts";
import { sessionHeaders, type TestUser } from "./auth.ts";
import { openDiskStorage, type TestStorage } from "./vault.ts";

export async function withDiskVault(ctx: AppContext): Promise<TestStorage> {
  const storage = await openDiskStorage();
  useVault(ctx, storage.settings());
  return storage;
}

/** A complete upload of `bytes` to the case by the user: its id. */
export async function completeUpload(
  app: FastifyInstance,
  caseId: string,
  user: TestUser,
  name: string,
  bytes: Buffer,
): Promise<string> {
  const res = await app.inject({
    method: "POST",
    url: `/api/v1/cases/${caseId}/files`,
    headers: {
      ...sessionHeaders(user),
      "content-type": "application/octet-stream",
      "x-file-name": encodeURIComponent(name),
    },
    payload: bytes,
  });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}
