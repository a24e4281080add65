-- 0041_alert_acknowledgement: an alert is acknowledged by a person who saw to it, with a note of
-- what was done (sealed: it may speak of the applicant). Who and when were kept from the start.
ALTER TABLE alerts ADD COLUMN acknowledgement_enc text;
