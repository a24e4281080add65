-- 0018_token_scopes: no API token and no request for one may carry the rights that grant access
-- (SECURITY 18): a token never creates accounts, requests or tokens, whoever approved it.
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_no_access_rights
  CHECK (NOT (scopes && ARRAY['account.manage', 'token.manage']::text[]));
ALTER TABLE access_requests ADD CONSTRAINT access_requests_no_access_rights
  CHECK (scopes IS NULL OR NOT (scopes && ARRAY['account.manage', 'token.manage']::text[]));
