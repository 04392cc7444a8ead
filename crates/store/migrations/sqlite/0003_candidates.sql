-- The review queue of drafting help: candidate commitments proposed by the
-- extractor from a source's text, each pending until a person accepts it
-- (it then names the commitment it became) or rejects it (with a reason).
-- Like every entity table, the whole candidate is the JSON `body`; the typed
-- columns are what the queue lists and filters on. Types per backend: see
-- crates/store/README.md.

CREATE TABLE candidates (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id) CHECK (source_id IS NULL OR length(source_id) = 36),
    status TEXT NOT NULL CHECK (status IN ('pending','accepted','rejected')),
    statement TEXT NOT NULL,
    quote_start INTEGER NOT NULL CHECK (quote_start >= 0),
    quote_end INTEGER NOT NULL CHECK (quote_end > quote_start),
    commitment_id TEXT REFERENCES commitments(id) CHECK (commitment_id IS NULL OR length(commitment_id) = 36)
);

CREATE INDEX candidates_source_id_idx ON candidates (source_id, quote_start);
CREATE INDEX candidates_status_idx ON candidates (status);
