-- Search is an index derived from the database by each app server
-- (decision 0025); the database's own full-text table was written with
-- every change and read by nothing else. It goes (decision 0035): a change
-- no longer writes its text and its tsvector, and the database is smaller.
DROP TABLE search_docs;
