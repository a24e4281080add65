-- 0026_evidence_items: the evidence items of a case and their files (docs/evidence.md).
--
-- An item is numbered within its case (1, 2, …). What it says (title, description, supplier,
-- channel, language, capture, foreign-state action, observations, withdrawal) is personal data of
-- the most sensitive kind: sealed as one JSON document (metadata). Only what access and lists need
-- is in the clear: its kind, status, and who filed it through which door. Its files are stored
-- files of the vault (evidence_files, 0025): the originals as received and the derivatives made
-- from them (text, thumbnail, disclosure copy), each with its name as given (sealed).
CREATE TABLE evidence_items (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  id uuid NOT NULL,
  number int NOT NULL CHECK (number >= 1),
  kind text NOT NULL CHECK (kind IN ('document', 'social_media_capture', 'foreign_state_action')),
  status text NOT NULL CHECK (status IN ('active', 'withdrawn')),
  metadata text NOT NULL,
  filed_via text NOT NULL CHECK (filed_via IN ('office', 'portal', 'interpreter')),
  filed_by text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (office_id, case_id, id),
  UNIQUE (office_id, case_id, number),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id)
);

CREATE TABLE evidence_item_files (
  office_id text NOT NULL,
  case_id uuid NOT NULL,
  item_id uuid NOT NULL,
  file_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('original', 'text', 'thumbnail', 'disclosure_copy')),
  position int NOT NULL CHECK (position >= 0),
  derived_from uuid,
  name text NOT NULL,
  upload_id uuid,
  PRIMARY KEY (office_id, case_id, item_id, position, role),
  FOREIGN KEY (office_id, case_id, item_id) REFERENCES evidence_items (office_id, case_id, id),
  FOREIGN KEY (office_id, file_id) REFERENCES evidence_files (office_id, id)
);
-- An upload is attached once.
CREATE UNIQUE INDEX evidence_item_files_upload ON evidence_item_files (office_id, upload_id)
  WHERE upload_id IS NOT NULL;

-- Like the case log, items and their files are never deleted: an item is withdrawn with a reason.
CREATE FUNCTION evidence_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'evidence is never deleted: withdraw the item instead';
END $$;
CREATE TRIGGER evidence_items_no_delete BEFORE DELETE OR TRUNCATE ON evidence_items
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_no_delete();
CREATE TRIGGER evidence_item_files_no_delete BEFORE DELETE OR TRUNCATE ON evidence_item_files
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_no_delete();
