-- 0010_service_accounts: API tokens belong to service accounts (another system, a script, the
-- local operator), never to a person's account, so that nobody who issues tokens can act, and be
-- recorded, under a colleague's name. A service account cannot sign in: it has no second factor.
ALTER TABLE accounts ADD COLUMN service boolean NOT NULL DEFAULT false;
-- Accounts that already hold tokens and never enrolled a second factor are services; tokens of
-- persons' accounts are revoked.
UPDATE accounts a SET service = true
 WHERE a.totp_secret IS NULL
   AND NOT EXISTS (SELECT 1 FROM webauthn_credentials w WHERE w.account_id = a.id)
   AND (a.username = 'operator' OR EXISTS (SELECT 1 FROM api_tokens t WHERE t.account_id = a.id));
UPDATE api_tokens t SET revoked_at = now()
  FROM accounts a
 WHERE a.id = t.account_id AND NOT a.service AND t.revoked_at IS NULL;
ALTER TABLE accounts ADD CONSTRAINT service_accounts_have_no_second_factor
  CHECK (NOT service OR totp_secret IS NULL);
