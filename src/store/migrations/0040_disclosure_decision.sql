-- 0040_disclosure_decision: a disclosure waiting for approval is approved or returned by a second
-- person (SECURITY 8, four eyes). Who decided and when were kept from the start (decided_by,
-- decided_at); a return states why, sealed like the purpose, because it may speak of the applicant.
ALTER TABLE disclosures ADD COLUMN decision_reason_enc text;
-- A decided disclosure names who decided it.
ALTER TABLE disclosures ADD CONSTRAINT disclosures_decided
  CHECK (status NOT IN ('approved', 'returned') OR (decided_by IS NOT NULL AND decided_at IS NOT NULL));
