/**
 * The database role the application runs as (docs/security.md requirement 13). The tables are owned by the role
 * that runs the migrations; the application's role may read and write what it needs, but it can
 * only append to the case event log and the audit log — never update, delete or truncate them —
 * and it cannot change the schema, drop the triggers that guard the logs, or rewrite the record
 * of applied migrations. So a bug or an attacker holding the application's connection cannot
 * rewrite history; only the owner can, and the hash chains and signed checkpoints show it.
 */
import type { Queryable } from "./db.ts";

/** Tables that are only ever appended to. */
export const APPEND_ONLY_TABLES = ["case_events", "audit_log", "audit_chain"] as const;

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

function ident(name: string, what: string): string {
  if (!IDENT.test(name)) throw new Error(`${what} must be a lower-case SQL identifier, got "${name}"`);
  return `"${name}"`;
}

/** The statements that give `role` exactly the application's rights on `schema` (idempotent). */
export function appRoleStatements(role: string, schema: string): string[] {
  const r = ident(role, "the role");
  const s = ident(schema, "the schema");
  return [
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${r}`,
    `REVOKE CREATE ON SCHEMA ${s} FROM ${r}`,
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`,
    ...APPEND_ONLY_TABLES.map(
      (t) => `REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.${ident(t, "table")} FROM ${r}`,
    ),
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${s}.schema_migrations FROM ${r}`,
  ];
}

/**
 * Apply the grants, as the owner, after migrating. The role must exist (creating roles needs
 * rights the owner may not have): `CREATE ROLE openrsd_app LOGIN PASSWORD '…'`.
 */
export async function grantAppRole(db: Queryable, role: string, schema = "public"): Promise<string[]> {
  const [found] = await db.query<{ found: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS found",
    [role],
  );
  if (!found?.found) {
    throw new Error(`role ${role} does not exist; create it first: CREATE ROLE ${role} LOGIN PASSWORD '…'`);
  }
  const statements = appRoleStatements(role, schema);
  for (const sql of statements) await db.query(sql);
  return statements;
}
