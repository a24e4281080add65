-- 0006_person_protection: identifiers and the most sensitive claim facts are stored only as
-- ciphertext made by the application (SECURITY 9); exact-match search on identifiers goes through
-- keyed blind indexes. The old plain `identifiers` column stays empty.
ALTER TABLE persons ADD COLUMN identifiers_enc text;
ALTER TABLE persons ADD COLUMN sensitive_enc text;
CREATE TABLE person_identifier_index (
  person_id uuid NOT NULL REFERENCES persons (id),
  kind text NOT NULL,
  blind_index text NOT NULL,
  PRIMARY KEY (person_id, kind, blind_index)
);
CREATE INDEX person_identifier_index_lookup ON person_identifier_index (blind_index);
