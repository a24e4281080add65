-- 0043_person_links: finding earlier persons across scripts, and the decisions on them
-- (docs/identity-matching.md).
--
-- person_match_blocks: a person's blocking keys for identity matching: keyed hashes, truncated to
-- 18 bits, of a name part's consonant skeleton joined with the birth year, the day and month, or
-- the nationality (src/persons/matching/keys.ts). Each stored number stands for several keys; the
-- candidates they bring back are decrypted and scored in the application. Filled when a person is
-- registered, and for persons registered before this migration by every start of the server.
CREATE TABLE person_match_blocks (
  person_id uuid PRIMARY KEY REFERENCES persons (id),
  blocks integer[] NOT NULL
);
CREATE INDEX person_match_blocks_blocks ON person_match_blocks USING gin (blocks);

-- person_links: a person's decision that two person records are, or are not, one person. Never
-- made by the application: an officer confirms or rejects a proposed pair, with a reason code and,
-- where the reason needs words, a note sealed by the application (it may identify someone). Rows
-- are only added: the latest row of a pair is its decision, the earlier ones its history.
CREATE TABLE person_links (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- the pair, the smaller id first
  person_a uuid NOT NULL REFERENCES persons (id),
  person_b uuid NOT NULL REFERENCES persons (id),
  decision text NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
  reason text NOT NULL CHECK (reason ~ '^[a-z_]{1,40}$'),
  note_enc text,
  -- the score and level of each field when decided (no names, no dates)
  score numeric(6, 2),
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL,
  CHECK (person_a < person_b)
);
CREATE INDEX person_links_a ON person_links (person_a, id);
CREATE INDEX person_links_b ON person_links (person_b, id);
