-- A creation's audit entry holds the SHA-256 of the body it wrote instead of
-- the body, which the record's row holds (decision 0036). Older entries keep
-- their bodies and leave this NULL.
ALTER TABLE audit_log ADD COLUMN after_sha256 TEXT CHECK (after_sha256 IS NULL OR length(after_sha256) = 64);
