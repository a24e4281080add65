-- 0014_protection: no single person takes protection away, and no disclosure rests on an optional
-- field (SECURITY 18 and 8).
--
-- A draft that would take protection away (cancellation, cessation, an event that lifts the bar on
-- removal) says why; approving it needs a second factor given with the approval.
ALTER TABLE decision_drafts ADD COLUMN takes_protection text;

-- The countries where the applicant habitually lived before (for a stateless person, the country
-- that counts as the country of origin): no disclosure may go to them either.
ALTER TABLE persons ADD COLUMN former_residences text[] NOT NULL DEFAULT '{}';

-- A disclosure for a stateless person, or one whose feared country is not recorded, goes ahead
-- only when a supervisor confirms the recipient with a reason (kept encrypted by the application).
ALTER TABLE disclosures ADD COLUMN recipient_confirmed_by text;
ALTER TABLE disclosures ADD COLUMN recipient_confirmation_enc text;
