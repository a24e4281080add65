-- 0011_profiles: procedure profiles as plug-ins.
-- Every case names the profile whose rules it follows; the holidays an administrator adds belong
-- to a jurisdiction; a deadline row says what its passing means, so that the worklist computes
-- every status without knowing any profile's deadline kinds; and the case row keeps a snapshot of
-- the folded state, so that recording an event need not read the case's whole history.

ALTER TABLE cases ADD COLUMN profile text NOT NULL DEFAULT 'kr-refugee-act';
-- The profile's folded state and statistics accumulator at `version`: {"state": …, "stats": …}.
-- Derived data, written with the projection; null until the case's next write or refresh.
ALTER TABLE cases ADD COLUMN snapshot jsonb;

ALTER TABLE case_deadlines ADD COLUMN on_pass text;
UPDATE case_deadlines SET on_pass = CASE
    WHEN obligation = 'duty' THEN 'missed'
    WHEN obligation = 'info' AND kind = 'work_permission' THEN 'met'
    ELSE 'lapsed' END;
ALTER TABLE case_deadlines ALTER COLUMN on_pass SET NOT NULL;
ALTER TABLE case_deadlines ADD CONSTRAINT case_deadlines_on_pass CHECK (on_pass IN ('met', 'missed', 'lapsed'));

ALTER TABLE holidays ADD COLUMN jurisdiction text NOT NULL DEFAULT 'KR';
ALTER TABLE holidays DROP CONSTRAINT holidays_pkey;
ALTER TABLE holidays ADD PRIMARY KEY (jurisdiction, date);
