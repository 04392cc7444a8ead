-- The initial schema. Entity tables keep the whole entity as canonical JSON in
-- `body` (what the domain reads back) and copy into typed, indexed columns the
-- fields that lists filter and sort on and the references the database can
-- enforce. `entity_links` holds every reference, for "what refers to X".
-- Types per backend: see crates/store/README.md.

CREATE TABLE actors (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('state','institution','person','organisation')),
    name TEXT NOT NULL,
    country_code TEXT
);

CREATE TABLE occasions (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    starts_on DATE NOT NULL,
    starts_precision TEXT NOT NULL CHECK (starts_precision IN ('day','month','quarter','year')),
    ends_on DATE
);

CREATE TABLE sources (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT,
    published_on DATE,
    published_precision TEXT CHECK (published_precision IN ('day','month','quarter','year')),
    url TEXT,
    language TEXT,
    confidential BOOLEAN NOT NULL,
    file_sha256 TEXT
);

CREATE TABLE quotes (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    source_id UUID NOT NULL REFERENCES sources(id),
    text TEXT NOT NULL
);

CREATE TABLE milestones (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    title TEXT NOT NULL,
    date_on DATE NOT NULL,
    date_precision TEXT NOT NULL CHECK (date_precision IN ('day','month','quarter','year'))
);

CREATE TABLE commitments (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    statement TEXT NOT NULL,
    bound_actor_id UUID NOT NULL REFERENCES actors(id),
    made_by_actor_id UUID REFERENCES actors(id),
    occasion_id UUID REFERENCES occasions(id),
    made_on DATE NOT NULL,
    made_precision TEXT NOT NULL CHECK (made_precision IN ('day','month','quarter','year')),
    origin TEXT NOT NULL CHECK (origin IN ('pledge','accepted_recommendation','legal_obligation')),
    timing_kind TEXT NOT NULL CHECK (timing_kind IN ('by_deadline','during_period','refrain_from','none_stated')),
    deadline_on DATE,
    deadline_precision TEXT CHECK (deadline_precision IN ('day','month','quarter','year')),
    quote_id UUID REFERENCES quotes(id),
    external_id TEXT UNIQUE
);

CREATE TABLE concerns (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    title TEXT NOT NULL
);

CREATE TABLE developments (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    occurred_precision TEXT NOT NULL CHECK (occurred_precision IN ('day','month','quarter','year')),
    known_by DATE NOT NULL,
    title TEXT NOT NULL,
    baseline BOOLEAN NOT NULL
);

CREATE TABLE assessments (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    commitment_id UUID NOT NULL REFERENCES commitments(id),
    as_of DATE NOT NULL,
    scale TEXT NOT NULL,
    scale_version BIGINT NOT NULL,
    status TEXT NOT NULL,
    rated_by TEXT NOT NULL,
    reviewed_by TEXT
);

CREATE TABLE recommendations (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    priority TEXT NOT NULL CHECK (priority IN ('high','medium','low')),
    responsible_actor_id UUID REFERENCES actors(id),
    proposed_by_actor_id UUID REFERENCES actors(id),
    source_id UUID REFERENCES sources(id)
);

CREATE TABLE recipient_lists (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE signatories (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL
);

CREATE TABLE dossiers (
    id UUID PRIMARY KEY,
    version BIGINT NOT NULL CHECK (version >= 1),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    deleted_at TIMESTAMPTZ,
    body TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    scale TEXT NOT NULL
);

CREATE INDEX commitments_bound_actor_id_idx ON commitments (bound_actor_id);
CREATE INDEX commitments_made_on_idx ON commitments (made_on);
CREATE INDEX commitments_deadline_on_idx ON commitments (deadline_on);
CREATE INDEX commitments_origin_idx ON commitments (origin);
CREATE INDEX commitments_updated_at_idx ON commitments (updated_at);
CREATE INDEX quotes_source_id_idx ON quotes (source_id);
CREATE INDEX assessments_commitment_id_as_of_idx ON assessments (commitment_id, as_of);
CREATE INDEX developments_occurred_on_idx ON developments (occurred_on);
CREATE INDEX milestones_date_on_idx ON milestones (date_on);
CREATE INDEX actors_name_idx ON actors (name);
CREATE INDEX sources_published_on_idx ON sources (published_on);

-- Every reference from one entity to another, one row per field position.
CREATE TABLE entity_links (
    from_kind TEXT NOT NULL,
    from_id UUID NOT NULL,
    field TEXT NOT NULL,
    to_kind TEXT NOT NULL,
    to_id UUID NOT NULL,
    PRIMARY KEY (from_id, field)
);
CREATE INDEX entity_links_to_idx ON entity_links (to_id, from_kind);

-- The audit log: append-only, hash-chained (see pledgewatch_core::audit).
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create','update','delete','publish','unpublish')),
    entity_kind TEXT NOT NULL,
    entity_id UUID NOT NULL,
    entity_version BIGINT NOT NULL,
    reason TEXT,
    before TEXT,
    after TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_id, seq);

-- The newest entry of the chain, updated with every append, so that removing
-- the newest entries shows.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Full-text search: one row per searchable entity. The 'simple' configuration
-- lower-cases words in any script (Cyrillic included) without
-- language-specific stemming, so every language is searched alike.
CREATE TABLE search_docs (
    entity_kind TEXT NOT NULL,
    entity_id UUID NOT NULL PRIMARY KEY,
    confidential BOOLEAN NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    document TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')
    ) STORED
);
CREATE INDEX search_docs_document_idx ON search_docs USING GIN (document);
