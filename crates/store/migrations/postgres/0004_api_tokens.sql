-- Tokens for the JSON API. Each acts with its owner's role. Only the SHA-256
-- of the secret is stored (the secret is 32 random bytes, so a fast hash is
-- enough; see docs/decisions/0009-api.md); a revoked token keeps its row so
-- that its history stays readable. Types follow crates/store/README.md.

CREATE TABLE api_tokens (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at);
