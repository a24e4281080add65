-- 0037_coi_researcher: the national role that keeps the country-of-origin information library
-- (docs/coi.md, docs/security.md).
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
  CHECK (role IN ('intake_clerk', 'examiner', 'supervisor', 'committee_secretary', 'committee_member',
                  'litigation_officer', 'analyst', 'administrator', 'interpreter', 'representative',
                  'coi_researcher'));
