-- 0021_interview_place: where an interview is held, for the interpreter assigned to it (the
-- interpreter's own list shows the date, place, language and the applicant's name, nothing else).
ALTER TABLE interview_assignments ADD COLUMN place text CHECK (place IS NULL OR length(place) <= 200);
