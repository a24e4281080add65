-- 0036_coi_library: the country-of-origin information (COI) library, shared by every office, and
-- the passages a case cites from it (docs/coi.md).
--
-- Documents and passages are public-source information: national, not case-scoped (no office_id),
-- not sealed. A document's archived file is stored in the evidence vault under the library's own
-- key space (the vault's "office" `coi`); its SHA-256 is kept here in plain text, beside the file's
-- id, because it is public and the citation record quotes it.
--
-- Search runs in PostgreSQL alone. Korean has no text-search configuration, and most Korean words
-- are two syllables, which trigram indexes cannot serve: each passage keeps the overlapping
-- two-syllable grams of its Hangul runs (`bigrams`, a GIN-indexed text[] computed by the IMMUTABLE
-- function coi_bigrams), and a query term's grams must all be contained (@>) before the term
-- itself is checked on the few candidates. English uses a generated tsvector ('english').

-- The distinct two-syllable grams of every run of Hangul syllables (U+AC00..U+D7A3) in t.
CREATE FUNCTION coi_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(m.r[1], i, 2)), '{}'::text[])
  FROM regexp_matches(t, '[가-힣]{2,}', 'g') AS m(r),
       generate_series(1, char_length(m.r[1]) - 1) AS i
$$;

CREATE TABLE coi_documents (
  id uuid PRIMARY KEY,
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  author text CHECK (author IS NULL OR length(author) BETWEEN 1 AND 200),
  published_on date,
  accessed_on date,
  url text CHECK (url IS NULL OR (length(url) <= 2000 AND url ~ '^https?://')),
  -- ISO 3166-1 alpha-3, or a user-assigned code (QMA..QZZ) for a fictional country of the demo.
  country text NOT NULL CHECK (country ~ '^[A-Z]{3}$'),
  language text NOT NULL CHECK (length(language) BETWEEN 2 AND 35),
  topics text[] NOT NULL DEFAULT '{}' CHECK (cardinality(topics) <= 20),
  profiles text[] NOT NULL DEFAULT '{}' CHECK (cardinality(profiles) <= 20),
  -- The archived file, in the vault under the library's key space.
  file_id uuid,
  file_sha256 text CHECK (file_sha256 IS NULL OR file_sha256 ~ '^[0-9a-f]{64}$'),
  file_name text CHECK (file_name IS NULL OR length(file_name) <= 255),
  file_size bigint CHECK (file_size IS NULL OR file_size >= 0),
  file_media_type text CHECK (file_media_type IS NULL OR length(file_media_type) <= 100),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  CHECK ((file_id IS NULL) = (file_sha256 IS NULL))
);
CREATE INDEX coi_documents_country ON coi_documents (country, published_on DESC);
CREATE INDEX coi_documents_topics ON coi_documents USING gin (topics);
CREATE INDEX coi_documents_profiles ON coi_documents USING gin (profiles);

CREATE TABLE coi_passages (
  id uuid PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES coi_documents (id),
  position integer NOT NULL CHECK (position >= 1),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
  -- "p. 12", "para. 4"
  locator text CHECK (locator IS NULL OR length(locator) BETWEEN 1 AND 100),
  bigrams text[] GENERATED ALWAYS AS (coi_bigrams(text)) STORED,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  UNIQUE (document_id, position)
);
CREATE INDEX coi_passages_bigrams ON coi_passages USING gin (bigrams);
CREATE INDEX coi_passages_tsv ON coi_passages USING gin (tsv);

-- A passage cited in a case, frozen when cited: a later edit of the library never changes it.
-- A citation removed from the case is kept, marked removed (who, when).
CREATE TABLE coi_citations (
  office_id text NOT NULL,
  id uuid NOT NULL,
  case_id uuid NOT NULL,
  passage_id uuid NOT NULL REFERENCES coi_passages (id),
  document_id uuid NOT NULL REFERENCES coi_documents (id),
  quote text NOT NULL,
  quote_sha256 text NOT NULL CHECK (quote_sha256 ~ '^[0-9a-f]{64}$'),
  title text NOT NULL,
  source text NOT NULL,
  author text,
  url text,
  country text NOT NULL,
  published_on date,
  accessed_on date,
  locator text,
  topics text[] NOT NULL DEFAULT '{}',
  profiles text[] NOT NULL DEFAULT '{}',
  cited_at timestamptz NOT NULL,
  cited_by text NOT NULL,
  removed_at timestamptz,
  removed_by text,
  PRIMARY KEY (office_id, id),
  FOREIGN KEY (office_id, case_id) REFERENCES cases (office_id, id)
);
CREATE INDEX coi_citations_case ON coi_citations (office_id, case_id);
CREATE UNIQUE INDEX coi_citations_once ON coi_citations (office_id, case_id, passage_id) WHERE removed_at IS NULL;
