-- Search is an index derived from the database by each app server
-- (decision 0025); the database's own full-text tables were written with
-- every change and read by nothing else. They go (decision 0035): a change
-- no longer writes its text twice more, and the file is smaller.
DROP TRIGGER search_docs_ai;
DROP TRIGGER search_docs_ad;
DROP TRIGGER search_docs_au;
DROP TABLE search_fts;
DROP TABLE search_docs;
