-- 0019_recipient_confirmation: a disclosure whose recipient cannot be checked against the
-- applicant's countries of origin waits for a supervisor's confirmation (SECURITY 8).
--
-- When the applicant is stateless or of unknown nationality, or the countries they fear are not
-- recorded, a disclosure to a foreign state is held as 'awaiting_confirmation' (refused until a
-- second supervisor confirms the recipient with a reason; 0014 added who confirmed and the sealed
-- reason). When it was confirmed is kept beside them.
ALTER TABLE disclosures DROP CONSTRAINT disclosures_status_check;
ALTER TABLE disclosures ADD CONSTRAINT disclosures_status_check
  CHECK (status IN ('refused', 'awaiting_confirmation', 'pending_approval', 'approved', 'returned'));
ALTER TABLE disclosures ADD COLUMN recipient_confirmed_at timestamptz;
-- An applicant's disclosures are listed on their case.
CREATE INDEX disclosures_case ON disclosures (office_id, case_id, requested_at);
