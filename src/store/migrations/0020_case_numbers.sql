-- 0020_case_numbers: a human case number for every case, and the examiner a case is assigned to.
--
-- A case number is how authorities number files: the office, the year of filing and a sequence
-- per office and year, e.g. SEOUL-2024-000123. It is given when the case row is first inserted
-- (by the trigger below, whatever path opens the case), never changes, and is unique. The
-- projection's upsert never names the column, so a later write keeps it.
CREATE TABLE case_number_counters (
  office_id text NOT NULL,
  year int NOT NULL,
  last int NOT NULL CHECK (last >= 1),
  PRIMARY KEY (office_id, year)
);

ALTER TABLE cases ADD COLUMN case_number text;
-- The examiner the case is assigned to (an account id); null while a supervisor has assigned nobody.
ALTER TABLE cases ADD COLUMN assigned_to uuid;

-- An AFTER INSERT trigger: an upsert that updates an existing case fires no INSERT trigger, so
-- only a new case takes a number. The counter's row lock orders concurrent filings.
CREATE FUNCTION assign_case_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n int;
BEGIN
  IF NEW.case_number IS NOT NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO case_number_counters AS k (office_id, year, last)
       VALUES (NEW.office_id, extract(year FROM NEW.filed_on)::int, 1)
  ON CONFLICT (office_id, year) DO UPDATE SET last = k.last + 1
  RETURNING last INTO n;
  UPDATE cases AS t SET case_number = upper(NEW.office_id) || '-' || extract(year FROM NEW.filed_on)::int
                                       || '-' || lpad(n::text, 6, '0')
   WHERE t.office_id = NEW.office_id AND t.id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER cases_case_number AFTER INSERT ON cases
  FOR EACH ROW EXECUTE FUNCTION assign_case_number();

-- Unique per office (the number begins with the office's code, so also across offices), with
-- office_id first so that it holds on each shard of a distributed database (docs/scaling.md).
CREATE UNIQUE INDEX cases_case_number ON cases (office_id, case_number);
-- Looked up by the number alone (search): the number names its office.
CREATE INDEX cases_case_number_lookup ON cases (case_number);

-- Existing cases are numbered by 0024_case_numbers_existing.sql.
