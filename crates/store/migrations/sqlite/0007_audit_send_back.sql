-- A reviewer may send a pending change back to its editor with a comment
-- (docs/decisions/0016-published-versions.md): the audit log gains the
-- action `send_back`. SQLite cannot change a CHECK in place, so the table
-- is rebuilt with every entry as it was (the chain's hashes do not change).

CREATE TABLE audit_log_new (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL CHECK (at IS NULL OR at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create','update','delete','publish','unpublish','send_back')),
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL CHECK (entity_id IS NULL OR length(entity_id) = 36),
    entity_version INTEGER NOT NULL,
    reason TEXT,
    before TEXT,
    after TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_log_new (seq, at, actor, action, entity_kind, entity_id, entity_version, reason, before, after, prev_hash, hash)
SELECT seq, at, actor, action, entity_kind, entity_id, entity_version, reason, before, after, prev_hash, hash FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_entity_idx ON audit_log (entity_id, seq);
