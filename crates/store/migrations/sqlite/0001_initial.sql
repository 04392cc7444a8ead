-- The initial schema. Entity tables keep the whole entity as canonical JSON in
-- `body` (what the domain reads back) and copy into typed, indexed columns the
-- fields that lists filter and sort on and the references the database can
-- enforce. `entity_links` holds every reference, for "what refers to X".
-- Types per backend: see crates/store/README.md.

CREATE TABLE actors (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('state','institution','person','organisation')),
    name TEXT NOT NULL,
    country_code TEXT
);

CREATE TABLE occasions (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    starts_on TEXT NOT NULL CHECK (starts_on IS NULL OR starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    starts_precision TEXT NOT NULL CHECK (starts_precision IN ('day','month','quarter','year')),
    ends_on TEXT CHECK (ends_on IS NULL OR ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);

CREATE TABLE sources (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT,
    published_on TEXT CHECK (published_on IS NULL OR published_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    published_precision TEXT CHECK (published_precision IN ('day','month','quarter','year')),
    url TEXT,
    language TEXT,
    confidential INTEGER NOT NULL CHECK (confidential IS NULL OR confidential IN (0, 1)),
    file_sha256 TEXT
);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id) CHECK (source_id IS NULL OR length(source_id) = 36),
    text TEXT NOT NULL
);

CREATE TABLE milestones (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    title TEXT NOT NULL,
    date_on TEXT NOT NULL CHECK (date_on IS NULL OR date_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    date_precision TEXT NOT NULL CHECK (date_precision IN ('day','month','quarter','year'))
);

CREATE TABLE commitments (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    statement TEXT NOT NULL,
    bound_actor_id TEXT NOT NULL REFERENCES actors(id) CHECK (bound_actor_id IS NULL OR length(bound_actor_id) = 36),
    made_by_actor_id TEXT REFERENCES actors(id) CHECK (made_by_actor_id IS NULL OR length(made_by_actor_id) = 36),
    occasion_id TEXT REFERENCES occasions(id) CHECK (occasion_id IS NULL OR length(occasion_id) = 36),
    made_on TEXT NOT NULL CHECK (made_on IS NULL OR made_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    made_precision TEXT NOT NULL CHECK (made_precision IN ('day','month','quarter','year')),
    origin TEXT NOT NULL CHECK (origin IN ('pledge','accepted_recommendation','legal_obligation')),
    timing_kind TEXT NOT NULL CHECK (timing_kind IN ('by_deadline','during_period','refrain_from','none_stated')),
    deadline_on TEXT CHECK (deadline_on IS NULL OR deadline_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    deadline_precision TEXT CHECK (deadline_precision IN ('day','month','quarter','year')),
    quote_id TEXT REFERENCES quotes(id) CHECK (quote_id IS NULL OR length(quote_id) = 36),
    external_id TEXT UNIQUE
);

CREATE TABLE concerns (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    title TEXT NOT NULL
);

CREATE TABLE developments (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    occurred_on TEXT NOT NULL CHECK (occurred_on IS NULL OR occurred_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    occurred_precision TEXT NOT NULL CHECK (occurred_precision IN ('day','month','quarter','year')),
    known_by TEXT NOT NULL CHECK (known_by IS NULL OR known_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    title TEXT NOT NULL,
    baseline INTEGER NOT NULL CHECK (baseline IS NULL OR baseline IN (0, 1))
);

CREATE TABLE assessments (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    commitment_id TEXT NOT NULL REFERENCES commitments(id) CHECK (commitment_id IS NULL OR length(commitment_id) = 36),
    as_of TEXT NOT NULL CHECK (as_of IS NULL OR as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    scale TEXT NOT NULL,
    scale_version INTEGER NOT NULL,
    status TEXT NOT NULL,
    rated_by TEXT NOT NULL,
    reviewed_by TEXT
);

CREATE TABLE recommendations (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    priority TEXT NOT NULL CHECK (priority IN ('high','medium','low')),
    responsible_actor_id TEXT REFERENCES actors(id) CHECK (responsible_actor_id IS NULL OR length(responsible_actor_id) = 36),
    proposed_by_actor_id TEXT REFERENCES actors(id) CHECK (proposed_by_actor_id IS NULL OR length(proposed_by_actor_id) = 36),
    source_id TEXT REFERENCES sources(id) CHECK (source_id IS NULL OR length(source_id) = 36)
);

CREATE TABLE recipient_lists (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE signatories (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    body TEXT NOT NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL
);

CREATE TABLE dossiers (
    id TEXT PRIMARY KEY CHECK (id IS NULL OR length(id) = 36),
    version INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL CHECK (created_at IS NULL OR created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    updated_at TEXT NOT NULL CHECK (updated_at IS NULL OR updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    deleted_at TEXT CHECK (deleted_at IS NULL OR deleted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
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
    from_id TEXT NOT NULL CHECK (from_id IS NULL OR length(from_id) = 36),
    field TEXT NOT NULL,
    to_kind TEXT NOT NULL,
    to_id TEXT NOT NULL CHECK (to_id IS NULL OR length(to_id) = 36),
    PRIMARY KEY (from_id, field)
);
CREATE INDEX entity_links_to_idx ON entity_links (to_id, from_kind);

-- The audit log: append-only, hash-chained (see pledgewatch_core::audit).
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL CHECK (at IS NULL OR at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create','update','delete','publish','unpublish')),
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL CHECK (entity_id IS NULL OR length(entity_id) = 36),
    entity_version INTEGER NOT NULL,
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
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Full-text search: one row per searchable entity. unicode61 folds case for
-- Cyrillic as well as Latin and removes diacritics, so "election" finds
-- "élection".
CREATE TABLE search_docs (
    rowid INTEGER PRIMARY KEY,
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL UNIQUE CHECK (length(entity_id) = 36),
    confidential INTEGER NOT NULL CHECK (confidential IN (0, 1)),
    title TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content = 'search_docs', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO search_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
