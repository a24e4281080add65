/**
 * The command line's way into a running server. At start the server issues an API token to its
 * local `operator` account (an administrator) and leaves it in the data directory, readable by
 * the owner only; commands such as `keys rotate` and `audit report` then go through the API, so
 * the embedded data directory is never opened by two processes at once. Without a running server
 * those commands open the database themselves.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AppContext } from "../app/context.ts";
import { OPERATOR_USERNAME } from "../server/auth.ts";
import { createAccount, findAccountByUsername } from "../security/identity/accounts.ts";
import {
  ACCESS_RIGHTS,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from "../security/identity/api-tokens.ts";
import { ROLE_DEFINITIONS } from "../security/access/rights.ts";
import { isHolderAlive, readLock } from "../store/lock.ts";
import { apiClient, type ApiClient } from "./client.ts";

export const OPERATOR_TOKEN_FILE = "operator.token";

/**
 * What the operator's token may do: an administrator's rights except those that grant access. No
 * token creates accounts or tokens (docs/security.md requirement 18); at the machine that is
 * `openrsd users add` and `openrsd access approve --break-glass`, on the database itself.
 */
export const OPERATOR_SCOPES = ROLE_DEFINITIONS.administrator.rights.filter(
  (r) => !ACCESS_RIGHTS.includes(r),
);
export const SERVER_FILE = "server.json";

/** Make (or reuse) the operator account and give it a fresh token, written to `<dataDir>/operator.token`. */
export async function issueOperatorToken(ctx: AppContext, dataDir: string): Promise<void> {
  const now = ctx.clock();
  let account = await findAccountByUsername(ctx.db, OPERATOR_USERNAME);
  if (!account) {
    account = await createAccount(
      ctx.db,
      {
        username: OPERATOR_USERNAME,
        displayName: "Local operator (command line)",
        role: "administrator",
        officeId: null,
        // The operator never signs in: it acts only with its token.
        password: null,
        createdBy: "system",
        service: true,
      },
      now,
    );
  }
  for (const t of await listApiTokens(ctx.db, account.id)) {
    if (!t.revokedAt) await revokeApiToken(ctx.db, t.id, now);
  }
  const issued = await createApiToken(
    ctx.db,
    account.id,
    `local operator (process ${process.pid})`,
    OPERATOR_SCOPES,
    "system",
    now,
  );
  const file = path.join(dataDir, OPERATOR_TOKEN_FILE);
  writeFileSync(file, issued.token, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** A client for the server that holds this data directory, if one is running. */
export function runningServer(dataDir: string): { pid: number; client: ApiClient | null } | null {
  const lock = readLock(dataDir);
  // Liveness is the database process's (the lock's holder); the server is its parent.
  if (!lock || !isHolderAlive(lock.pid)) return null;
  const serverFile = path.join(dataDir, SERVER_FILE);
  const tokenFile = path.join(dataDir, OPERATOR_TOKEN_FILE);
  if (!existsSync(serverFile) || !existsSync(tokenFile))
    return { pid: lock.parentPid ?? lock.pid, client: null };
  try {
    const url = (JSON.parse(readFileSync(serverFile, "utf8")) as { url?: string }).url;
    const token = readFileSync(tokenFile, "utf8").trim();
    return { pid: lock.parentPid ?? lock.pid, client: url ? apiClient(url, { token }) : null };
  } catch {
    return { pid: lock.parentPid ?? lock.pid, client: null };
  }
}
