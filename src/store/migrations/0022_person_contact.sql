-- 0022_person_contact: an applicant's contact details and representative, sealed (SECURITY 9, 20).
--
-- The address and telephone where the applicant can be reached, and the representative who acts
-- for them at intake (a name and how to reach them), are kept only as ciphertext bound to the row
-- and field, like the identifiers; nothing searches them, so they have no index.
ALTER TABLE persons ADD COLUMN contact_enc text;
ALTER TABLE persons ADD COLUMN representative_enc text;
