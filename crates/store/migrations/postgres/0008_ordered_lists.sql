-- Lists that grow with the record read an index in their own order and stop
-- at the end of the page, instead of sorting the whole table first (a first
-- page took seconds at a million commitments). A kind's page of live records
-- (latest change first, ties by id) and the review queue (oldest change
-- first, read from the other end) walk (updated_at DESC, id); the index also
-- holds what their filters read (deleted_at, version), so the rows a page
-- skips are never read from the table. The public pages of a kind walk
-- (entity_kind, published_at DESC, entity_id). Each replaces an index it
-- extends.

CREATE INDEX actors_updated_idx ON actors (updated_at DESC, id, deleted_at, version);
CREATE INDEX occasions_updated_idx ON occasions (updated_at DESC, id, deleted_at, version);
CREATE INDEX sources_updated_idx ON sources (updated_at DESC, id, deleted_at, version);
CREATE INDEX quotes_updated_idx ON quotes (updated_at DESC, id, deleted_at, version);
CREATE INDEX milestones_updated_idx ON milestones (updated_at DESC, id, deleted_at, version);
CREATE INDEX commitments_updated_idx ON commitments (updated_at DESC, id, deleted_at, version);
CREATE INDEX concerns_updated_idx ON concerns (updated_at DESC, id, deleted_at, version);
CREATE INDEX candidates_updated_idx ON candidates (updated_at DESC, id, deleted_at, version);
CREATE INDEX developments_updated_idx ON developments (updated_at DESC, id, deleted_at, version);
CREATE INDEX assessments_updated_idx ON assessments (updated_at DESC, id, deleted_at, version);
CREATE INDEX recommendations_updated_idx ON recommendations (updated_at DESC, id, deleted_at, version);
CREATE INDEX recipient_lists_updated_idx ON recipient_lists (updated_at DESC, id, deleted_at, version);
CREATE INDEX signatories_updated_idx ON signatories (updated_at DESC, id, deleted_at, version);
CREATE INDEX dossiers_updated_idx ON dossiers (updated_at DESC, id, deleted_at, version);
DROP INDEX commitments_updated_at_idx;

CREATE INDEX publications_kind_order_idx ON publications (entity_kind, published_at DESC, entity_id);
DROP INDEX publications_kind_idx;
