-- The review queue of drafting help: candidate commitments proposed by the
-- extractor from a source's text, each pending until a person accepts it
-- (it then names the commitment it became) or rejects it (with a reason).
-- Like every entity table, the whole candidate is the JSON `body`; the typed
-- columns are what the queue lists and filters on. Types per backend: see
-- crates/store/README.md.

CREATE TABLE candidates (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    source_id UUID NOT NULL REFERENCES sources(id),
    status TEXT NOT NULL CHECK (status IN ('pending','accepted','rejected')),
    statement TEXT NOT NULL,
    quote_start BIGINT NOT NULL CHECK (quote_start >= 0),
    quote_end BIGINT NOT NULL CHECK (quote_end > quote_start),
    commitment_id UUID REFERENCES commitments(id)
);

CREATE INDEX candidates_source_id_idx ON candidates (source_id, quote_start);
CREATE INDEX candidates_status_idx ON candidates (status);
