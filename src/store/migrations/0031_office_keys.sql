-- 0031_office_keys: the committee's votes and the notification outbox as case-scoped tables
-- (docs/scaling.md): keyed by office first, and pointing to no table that stays on the
-- coordinator (accounts), like interview_assignments.
ALTER TABLE committee_votes DROP CONSTRAINT committee_votes_member_id_fkey;
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_account_id_fkey;
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_pkey;
ALTER TABLE notification_outbox ADD PRIMARY KEY (office_id, id);
