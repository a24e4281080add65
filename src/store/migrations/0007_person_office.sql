-- 0007_person_office: the office that registered a person (SECURITY 5). Office-bound staff reach
-- a person registered by their office or with a case there; opening a case elsewhere needs the
-- person to be reachable first, so a person cannot be pulled into another office's view.
ALTER TABLE persons ADD COLUMN registered_office_id text;

UPDATE persons p SET registered_office_id = coalesce(
  (SELECT c.office_id FROM cases c WHERE c.person_id = p.id ORDER BY c.filed_on, c.id LIMIT 1),
  (SELECT a.office_id FROM accounts a WHERE a.username = p.created_by LIMIT 1));
