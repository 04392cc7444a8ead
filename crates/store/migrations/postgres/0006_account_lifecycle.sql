-- Account lifecycle (docs/decisions/0017-account-lifecycle.md). Types follow
-- crates/store/README.md.
--
-- Every API token now expires; tokens made before this migration expire 90
-- days after it runs (not after they were made, which would cut off
-- long-running programs without warning).
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMPTZ;
UPDATE api_tokens SET expires_at = now() + interval '90 days';
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;

-- One-time password reset codes an administrator issues. Only the SHA-256
-- of the code is stored (120 random bits, so a fast hash is enough, as for
-- tokens); a code works once (used_at), until expires_at (24 hours). An
-- account has at most one: a new code replaces the earlier.
CREATE TABLE password_resets (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL UNIQUE CHECK (length(code_hash) = 64),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
