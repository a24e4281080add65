-- 0017_sealed_text: names, dates of birth and the free text of cases reach the database only
-- encrypted by the application (SECURITY 9, 20), like identifiers since 0006.
--
-- Persons: the names (JSON) and the date of birth move to ciphertext columns, and name search
-- moves from the plain search text (trigram and bigram indexes) to keyed blocking keys: numbers
-- of 12 bits, each shared by many names (src/persons/name-keys.ts), with a GIN index. The plain
-- search columns go now. The plain `names` and `birth_date` columns stay only until the
-- application has sealed the rows written before this migration (the sealing step that
-- `openrsd migrate` and every start of the server run); it leaves them empty ('[]' and NULL).
--
-- Elsewhere no column changes: case event payloads, the folded-state snapshot, decision drafts
-- (the drafted event and the reason a draft was returned) are sealed as {"$sealed": envelope}
-- in their jsonb or as an envelope in their text column, as are disclosures' purposes and the
-- purpose of an access record.

ALTER TABLE persons ADD COLUMN names_enc text;
ALTER TABLE persons ADD COLUMN birth_date_enc text;
ALTER TABLE persons ADD COLUMN name_blocks integer[] NOT NULL DEFAULT '{}';
CREATE INDEX persons_name_blocks ON persons USING gin (name_blocks);

DROP INDEX persons_search_trgm;
DROP INDEX persons_search_bigrams;
ALTER TABLE persons DROP COLUMN search_bigrams;
ALTER TABLE persons DROP COLUMN search_text;
