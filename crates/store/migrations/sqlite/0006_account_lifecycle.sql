-- Account lifecycle (docs/decisions/0017-account-lifecycle.md). Types follow
-- crates/store/README.md.
--
-- Every API token now expires. SQLite cannot add a NOT NULL column without
-- a constant default, so the table is rebuilt; tokens made before this
-- migration expire 90 days after it runs (not after they were made, which
-- would cut off long-running programs without warning).
CREATE TABLE api_tokens_with_expiry (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    user_id TEXT NOT NULL REFERENCES users(id) CHECK (length(user_id) = 36),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    last_used_at TEXT CHECK (last_used_at IS NULL OR last_used_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    revoked_at TEXT CHECK (revoked_at IS NULL OR revoked_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    expires_at TEXT NOT NULL CHECK (expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
);
INSERT INTO api_tokens_with_expiry
    (id, user_id, name, token_hash, created_at, last_used_at, revoked_at, expires_at)
SELECT id, user_id, name, token_hash, created_at, last_used_at, revoked_at,
       strftime('%Y-%m-%dT%H:%M:%f', 'now', '+90 days') || '000Z'
FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_with_expiry RENAME TO api_tokens;
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at);

-- One-time password reset codes an administrator issues. Only the SHA-256
-- of the code is stored (120 random bits, so a fast hash is enough, as for
-- tokens); a code works once (used_at), until expires_at (24 hours). An
-- account has at most one: a new code replaces the earlier.
CREATE TABLE password_resets (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    user_id TEXT NOT NULL REFERENCES users(id) CHECK (length(user_id) = 36),
    code_hash TEXT NOT NULL UNIQUE CHECK (length(code_hash) = 64),
    created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    expires_at TEXT NOT NULL CHECK (expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    used_at TEXT CHECK (used_at IS NULL OR used_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z')
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
