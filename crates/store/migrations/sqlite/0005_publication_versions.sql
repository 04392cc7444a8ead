-- Publication keeps versions, not flags: a publication holds the version of
-- the record a reviewer approved and its body, and the public reads that
-- body. An editor's later edit, or removal, changes the live record only;
-- it waits for a reviewer (docs/decisions/0016-published-versions.md).
-- `publication_links` holds the references of the published bodies, as
-- `entity_links` does for the live ones. Types follow crates/store/README.md.

ALTER TABLE publications ADD COLUMN version INTEGER;
ALTER TABLE publications ADD COLUMN body TEXT;

-- Records that published ones refer to were public through them; they
-- become published themselves (quotes first, as they refer to sources).
INSERT INTO publications (entity_id, entity_kind, published_at, published_by)
SELECT l.to_id, l.to_kind, MIN(p.published_at), MIN(p.published_by)
FROM entity_links l
JOIN publications p ON p.entity_id = l.from_id
JOIN quotes t ON t.id = l.to_id AND t.deleted_at IS NULL
WHERE l.to_kind = 'quote'
  AND l.to_id NOT IN (SELECT entity_id FROM publications)
GROUP BY l.to_id, l.to_kind;
INSERT INTO publications (entity_id, entity_kind, published_at, published_by)
SELECT l.to_id, l.to_kind, MIN(p.published_at), MIN(p.published_by)
FROM entity_links l
JOIN publications p ON p.entity_id = l.from_id
JOIN sources t ON t.id = l.to_id AND t.deleted_at IS NULL
WHERE l.to_kind = 'source'
  AND l.to_id NOT IN (SELECT entity_id FROM publications)
GROUP BY l.to_id, l.to_kind;
INSERT INTO publications (entity_id, entity_kind, published_at, published_by)
SELECT l.to_id, l.to_kind, MIN(p.published_at), MIN(p.published_by)
FROM entity_links l
JOIN publications p ON p.entity_id = l.from_id
JOIN actors t ON t.id = l.to_id AND t.deleted_at IS NULL
WHERE l.to_kind = 'actor'
  AND l.to_id NOT IN (SELECT entity_id FROM publications)
GROUP BY l.to_id, l.to_kind;
INSERT INTO publications (entity_id, entity_kind, published_at, published_by)
SELECT l.to_id, l.to_kind, MIN(p.published_at), MIN(p.published_by)
FROM entity_links l
JOIN publications p ON p.entity_id = l.from_id
JOIN occasions t ON t.id = l.to_id AND t.deleted_at IS NULL
WHERE l.to_kind = 'occasion'
  AND l.to_id NOT IN (SELECT entity_id FROM publications)
GROUP BY l.to_id, l.to_kind;
INSERT INTO publications (entity_id, entity_kind, published_at, published_by)
SELECT l.to_id, l.to_kind, MIN(p.published_at), MIN(p.published_by)
FROM entity_links l
JOIN publications p ON p.entity_id = l.from_id
JOIN milestones t ON t.id = l.to_id AND t.deleted_at IS NULL
WHERE l.to_kind = 'milestone'
  AND l.to_id NOT IN (SELECT entity_id FROM publications)
GROUP BY l.to_id, l.to_kind;

-- Every publication holds the version that was live when it was made.
UPDATE publications SET version = (SELECT t.version FROM actors t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM actors t WHERE t.id = publications.entity_id) WHERE entity_kind = 'actor';
UPDATE publications SET version = (SELECT t.version FROM occasions t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM occasions t WHERE t.id = publications.entity_id) WHERE entity_kind = 'occasion';
UPDATE publications SET version = (SELECT t.version FROM sources t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM sources t WHERE t.id = publications.entity_id) WHERE entity_kind = 'source';
UPDATE publications SET version = (SELECT t.version FROM quotes t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM quotes t WHERE t.id = publications.entity_id) WHERE entity_kind = 'quote';
UPDATE publications SET version = (SELECT t.version FROM milestones t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM milestones t WHERE t.id = publications.entity_id) WHERE entity_kind = 'milestone';
UPDATE publications SET version = (SELECT t.version FROM commitments t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM commitments t WHERE t.id = publications.entity_id) WHERE entity_kind = 'commitment';
UPDATE publications SET version = (SELECT t.version FROM concerns t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM concerns t WHERE t.id = publications.entity_id) WHERE entity_kind = 'concern';
UPDATE publications SET version = (SELECT t.version FROM candidates t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM candidates t WHERE t.id = publications.entity_id) WHERE entity_kind = 'candidate';
UPDATE publications SET version = (SELECT t.version FROM developments t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM developments t WHERE t.id = publications.entity_id) WHERE entity_kind = 'development';
UPDATE publications SET version = (SELECT t.version FROM assessments t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM assessments t WHERE t.id = publications.entity_id) WHERE entity_kind = 'assessment';
UPDATE publications SET version = (SELECT t.version FROM recommendations t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM recommendations t WHERE t.id = publications.entity_id) WHERE entity_kind = 'recommendation';
UPDATE publications SET version = (SELECT t.version FROM recipient_lists t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM recipient_lists t WHERE t.id = publications.entity_id) WHERE entity_kind = 'recipient_list';
UPDATE publications SET version = (SELECT t.version FROM signatories t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM signatories t WHERE t.id = publications.entity_id) WHERE entity_kind = 'signatory';
UPDATE publications SET version = (SELECT t.version FROM dossiers t WHERE t.id = publications.entity_id), body = (SELECT t.body FROM dossiers t WHERE t.id = publications.entity_id) WHERE entity_kind = 'dossier';
DELETE FROM publications WHERE body IS NULL;

CREATE TABLE publication_links (
    from_kind TEXT NOT NULL,
    from_id TEXT NOT NULL CHECK (length(from_id) = 36),
    field TEXT NOT NULL,
    to_kind TEXT NOT NULL,
    to_id TEXT NOT NULL CHECK (length(to_id) = 36),
    PRIMARY KEY (from_id, field)
);
CREATE INDEX publication_links_to_idx ON publication_links (to_id, from_kind);
INSERT INTO publication_links (from_kind, from_id, field, to_kind, to_id)
SELECT l.from_kind, l.from_id, l.field, l.to_kind, l.to_id
FROM entity_links l JOIN publications p ON p.entity_id = l.from_id;
CREATE INDEX publications_kind_idx ON publications (entity_kind, published_at);
