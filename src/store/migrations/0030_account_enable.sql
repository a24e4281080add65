-- 0030_account_enable: a disabled account is enabled again only by an access request that a second
-- administrator approves (docs/security.md requirement 18), and a person's account then enrols
-- afresh: its old password, authenticator and passkeys do not come back.
ALTER TABLE access_requests DROP CONSTRAINT access_requests_kind_check;
ALTER TABLE access_requests ADD CONSTRAINT access_requests_kind_check
  CHECK (kind IN ('account', 'role', 'token', 'enrolment', 'enable'));
