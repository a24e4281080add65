-- 0003_audit: the audit trail (SECURITY 12, 13, 14). One hash chain over every access to and
-- change of a case, appended one writer at a time (src/security/audit/append.ts) and never
-- updated or deleted. Entries hold ids and keyed hashes only, never names or claim facts, so
-- that erasing a person's data never touches (or breaks) the chain. PIPA access records: kept
-- at least two years; nothing in the application deletes them.

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY CHECK (seq >= 1),
  at timestamptz NOT NULL,
  -- The account id or username (for a failed login, the name that was tried).
  actor text NOT NULL,
  actor_role text NOT NULL,
  -- The client's IP address.
  address text NOT NULL,
  office_id text,
  case_id uuid,
  -- A keyed hash (HMAC) of the person, never a name.
  person_ref text,
  -- e.g. case.read, case.event.record, person.create, export.refused, login.failed
  action text NOT NULL,
  -- The task or reason given for the access.
  purpose text,
  outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  -- Ids only.
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_case ON audit_log (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX audit_log_actor ON audit_log (actor, at);

-- As for case_events: these make an accidental write fail. The security boundary is that the
-- application's role is granted only SELECT and INSERT on audit_log; `verify` and the signed
-- checkpoints find whatever someone with more rights changed.
CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
