-- 0024_case_numbers_existing: the cases that existed before case numbers (0020), numbered in the
-- order they were filed (then by id), per office and year, and each office's counters set to
-- where their numbering ends, in one statement.
WITH numbered AS (
  SELECT office_id, id, extract(year FROM filed_on)::int AS year,
         row_number() OVER (PARTITION BY office_id, extract(year FROM filed_on) ORDER BY filed_on, id) AS seq
    FROM cases
   WHERE case_number IS NULL
), counted AS (
  -- Migrations run before the server opens any case, so no counter exists yet for these years;
  -- if one did, this fails instead of giving a number twice.
  INSERT INTO case_number_counters (office_id, year, last)
  SELECT office_id, year, max(seq) FROM numbered GROUP BY office_id, year
)
UPDATE cases AS c SET case_number = upper(numbered.office_id) || '-' || numbered.year || '-' || lpad(numbered.seq::text, 6, '0')
  FROM numbered
 WHERE numbered.office_id = c.office_id AND numbered.id = c.id;
