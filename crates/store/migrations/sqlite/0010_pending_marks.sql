-- The review queue lists the records whose live version the public does not
-- see: live and never published, or published at another version (an edit
-- or a removal waiting). That compares each record with its publication, so
-- with nearly everything published the queue read every publication (0.4 s
-- at 100,000 records). Each entity table now holds the version the public
-- sees, `published_version` (NULL when unpublished), kept by triggers on
-- `publications` (whatever writes them: a review, a restore, a copy), and a
-- partial index holds exactly the records waiting, in the queue's order
-- (oldest change first, ties newest id first): the queue reads only them.
-- The column is derived: backups and copies leave it out and the triggers
-- fill it as the publications arrive. Candidates are never in the queue.

ALTER TABLE actors ADD COLUMN published_version INTEGER;
ALTER TABLE occasions ADD COLUMN published_version INTEGER;
ALTER TABLE sources ADD COLUMN published_version INTEGER;
ALTER TABLE quotes ADD COLUMN published_version INTEGER;
ALTER TABLE milestones ADD COLUMN published_version INTEGER;
ALTER TABLE commitments ADD COLUMN published_version INTEGER;
ALTER TABLE concerns ADD COLUMN published_version INTEGER;
ALTER TABLE candidates ADD COLUMN published_version INTEGER;
ALTER TABLE developments ADD COLUMN published_version INTEGER;
ALTER TABLE assessments ADD COLUMN published_version INTEGER;
ALTER TABLE recommendations ADD COLUMN published_version INTEGER;
ALTER TABLE recipient_lists ADD COLUMN published_version INTEGER;
ALTER TABLE signatories ADD COLUMN published_version INTEGER;
ALTER TABLE dossiers ADD COLUMN published_version INTEGER;

UPDATE actors SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = actors.id);
UPDATE occasions SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = occasions.id);
UPDATE sources SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = sources.id);
UPDATE quotes SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = quotes.id);
UPDATE milestones SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = milestones.id);
UPDATE commitments SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = commitments.id);
UPDATE concerns SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = concerns.id);
UPDATE candidates SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = candidates.id);
UPDATE developments SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = developments.id);
UPDATE assessments SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = assessments.id);
UPDATE recommendations SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = recommendations.id);
UPDATE recipient_lists SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = recipient_lists.id);
UPDATE signatories SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = signatories.id);
UPDATE dossiers SET published_version = (SELECT p.version FROM publications p WHERE p.entity_id = dossiers.id);

CREATE INDEX actors_pending_idx ON actors (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX occasions_pending_idx ON occasions (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX sources_pending_idx ON sources (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX quotes_pending_idx ON quotes (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX milestones_pending_idx ON milestones (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX commitments_pending_idx ON commitments (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX concerns_pending_idx ON concerns (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX developments_pending_idx ON developments (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX assessments_pending_idx ON assessments (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX recommendations_pending_idx ON recommendations (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX recipient_lists_pending_idx ON recipient_lists (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX signatories_pending_idx ON signatories (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;
CREATE INDEX dossiers_pending_idx ON dossiers (updated_at, id DESC)
    WHERE (published_version IS NULL AND deleted_at IS NULL) OR published_version <> version;

CREATE TRIGGER publications_version_ai AFTER INSERT ON publications BEGIN
    UPDATE actors SET published_version = NEW.version WHERE NEW.entity_kind = 'actor' AND id = NEW.entity_id;
    UPDATE occasions SET published_version = NEW.version WHERE NEW.entity_kind = 'occasion' AND id = NEW.entity_id;
    UPDATE sources SET published_version = NEW.version WHERE NEW.entity_kind = 'source' AND id = NEW.entity_id;
    UPDATE quotes SET published_version = NEW.version WHERE NEW.entity_kind = 'quote' AND id = NEW.entity_id;
    UPDATE milestones SET published_version = NEW.version WHERE NEW.entity_kind = 'milestone' AND id = NEW.entity_id;
    UPDATE commitments SET published_version = NEW.version WHERE NEW.entity_kind = 'commitment' AND id = NEW.entity_id;
    UPDATE concerns SET published_version = NEW.version WHERE NEW.entity_kind = 'concern' AND id = NEW.entity_id;
    UPDATE candidates SET published_version = NEW.version WHERE NEW.entity_kind = 'candidate' AND id = NEW.entity_id;
    UPDATE developments SET published_version = NEW.version WHERE NEW.entity_kind = 'development' AND id = NEW.entity_id;
    UPDATE assessments SET published_version = NEW.version WHERE NEW.entity_kind = 'assessment' AND id = NEW.entity_id;
    UPDATE recommendations SET published_version = NEW.version WHERE NEW.entity_kind = 'recommendation' AND id = NEW.entity_id;
    UPDATE recipient_lists SET published_version = NEW.version WHERE NEW.entity_kind = 'recipient_list' AND id = NEW.entity_id;
    UPDATE signatories SET published_version = NEW.version WHERE NEW.entity_kind = 'signatory' AND id = NEW.entity_id;
    UPDATE dossiers SET published_version = NEW.version WHERE NEW.entity_kind = 'dossier' AND id = NEW.entity_id;
END;
CREATE TRIGGER publications_version_au AFTER UPDATE OF entity_id, entity_kind, version ON publications BEGIN
    UPDATE actors SET published_version = NULL WHERE OLD.entity_kind = 'actor' AND id = OLD.entity_id;
    UPDATE occasions SET published_version = NULL WHERE OLD.entity_kind = 'occasion' AND id = OLD.entity_id;
    UPDATE sources SET published_version = NULL WHERE OLD.entity_kind = 'source' AND id = OLD.entity_id;
    UPDATE quotes SET published_version = NULL WHERE OLD.entity_kind = 'quote' AND id = OLD.entity_id;
    UPDATE milestones SET published_version = NULL WHERE OLD.entity_kind = 'milestone' AND id = OLD.entity_id;
    UPDATE commitments SET published_version = NULL WHERE OLD.entity_kind = 'commitment' AND id = OLD.entity_id;
    UPDATE concerns SET published_version = NULL WHERE OLD.entity_kind = 'concern' AND id = OLD.entity_id;
    UPDATE candidates SET published_version = NULL WHERE OLD.entity_kind = 'candidate' AND id = OLD.entity_id;
    UPDATE developments SET published_version = NULL WHERE OLD.entity_kind = 'development' AND id = OLD.entity_id;
    UPDATE assessments SET published_version = NULL WHERE OLD.entity_kind = 'assessment' AND id = OLD.entity_id;
    UPDATE recommendations SET published_version = NULL WHERE OLD.entity_kind = 'recommendation' AND id = OLD.entity_id;
    UPDATE recipient_lists SET published_version = NULL WHERE OLD.entity_kind = 'recipient_list' AND id = OLD.entity_id;
    UPDATE signatories SET published_version = NULL WHERE OLD.entity_kind = 'signatory' AND id = OLD.entity_id;
    UPDATE dossiers SET published_version = NULL WHERE OLD.entity_kind = 'dossier' AND id = OLD.entity_id;
    UPDATE actors SET published_version = NEW.version WHERE NEW.entity_kind = 'actor' AND id = NEW.entity_id;
    UPDATE occasions SET published_version = NEW.version WHERE NEW.entity_kind = 'occasion' AND id = NEW.entity_id;
    UPDATE sources SET published_version = NEW.version WHERE NEW.entity_kind = 'source' AND id = NEW.entity_id;
    UPDATE quotes SET published_version = NEW.version WHERE NEW.entity_kind = 'quote' AND id = NEW.entity_id;
    UPDATE milestones SET published_version = NEW.version WHERE NEW.entity_kind = 'milestone' AND id = NEW.entity_id;
    UPDATE commitments SET published_version = NEW.version WHERE NEW.entity_kind = 'commitment' AND id = NEW.entity_id;
    UPDATE concerns SET published_version = NEW.version WHERE NEW.entity_kind = 'concern' AND id = NEW.entity_id;
    UPDATE candidates SET published_version = NEW.version WHERE NEW.entity_kind = 'candidate' AND id = NEW.entity_id;
    UPDATE developments SET published_version = NEW.version WHERE NEW.entity_kind = 'development' AND id = NEW.entity_id;
    UPDATE assessments SET published_version = NEW.version WHERE NEW.entity_kind = 'assessment' AND id = NEW.entity_id;
    UPDATE recommendations SET published_version = NEW.version WHERE NEW.entity_kind = 'recommendation' AND id = NEW.entity_id;
    UPDATE recipient_lists SET published_version = NEW.version WHERE NEW.entity_kind = 'recipient_list' AND id = NEW.entity_id;
    UPDATE signatories SET published_version = NEW.version WHERE NEW.entity_kind = 'signatory' AND id = NEW.entity_id;
    UPDATE dossiers SET published_version = NEW.version WHERE NEW.entity_kind = 'dossier' AND id = NEW.entity_id;
END;
CREATE TRIGGER publications_version_ad AFTER DELETE ON publications BEGIN
    UPDATE actors SET published_version = NULL WHERE OLD.entity_kind = 'actor' AND id = OLD.entity_id;
    UPDATE occasions SET published_version = NULL WHERE OLD.entity_kind = 'occasion' AND id = OLD.entity_id;
    UPDATE sources SET published_version = NULL WHERE OLD.entity_kind = 'source' AND id = OLD.entity_id;
    UPDATE quotes SET published_version = NULL WHERE OLD.entity_kind = 'quote' AND id = OLD.entity_id;
    UPDATE milestones SET published_version = NULL WHERE OLD.entity_kind = 'milestone' AND id = OLD.entity_id;
    UPDATE commitments SET published_version = NULL WHERE OLD.entity_kind = 'commitment' AND id = OLD.entity_id;
    UPDATE concerns SET published_version = NULL WHERE OLD.entity_kind = 'concern' AND id = OLD.entity_id;
    UPDATE candidates SET published_version = NULL WHERE OLD.entity_kind = 'candidate' AND id = OLD.entity_id;
    UPDATE developments SET published_version = NULL WHERE OLD.entity_kind = 'development' AND id = OLD.entity_id;
    UPDATE assessments SET published_version = NULL WHERE OLD.entity_kind = 'assessment' AND id = OLD.entity_id;
    UPDATE recommendations SET published_version = NULL WHERE OLD.entity_kind = 'recommendation' AND id = OLD.entity_id;
    UPDATE recipient_lists SET published_version = NULL WHERE OLD.entity_kind = 'recipient_list' AND id = OLD.entity_id;
    UPDATE signatories SET published_version = NULL WHERE OLD.entity_kind = 'signatory' AND id = OLD.entity_id;
    UPDATE dossiers SET published_version = NULL WHERE OLD.entity_kind = 'dossier' AND id = OLD.entity_id;
END;
