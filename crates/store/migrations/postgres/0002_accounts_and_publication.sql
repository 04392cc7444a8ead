-- Accounts, sessions (kept in the database so that several app servers can
-- share them), login attempts (for rate limiting), and publication: which
-- entities the public may see. Types follow crates/store/README.md.

CREATE TABLE users (
    id UUID PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('viewer','editor','reviewer','admin')),
    password_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    disabled BOOLEAN NOT NULL
);

-- Only the SHA-256 of a session token is stored; the token lives in the cookie.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_attempts (
    id UUID PRIMARY KEY,
    username TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    success BOOLEAN NOT NULL
);
CREATE INDEX login_attempts_username_at_idx ON login_attempts (username, at);

CREATE TABLE publications (
    entity_id UUID PRIMARY KEY,
    entity_kind TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    published_by TEXT NOT NULL
);

-- Stored files (a source's document), identified by the SHA-256 of their
-- content, so the same file is kept once.
CREATE TABLE files (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL CHECK (size >= 0),
    content BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
