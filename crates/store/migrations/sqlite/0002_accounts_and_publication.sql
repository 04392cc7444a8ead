-- Accounts, sessions (kept in the database so that several app servers can
-- share them), login attempts (for rate limiting), and publication: which
-- entities the public may see. Types follow crates/store/README.md.

CREATE TABLE users (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('viewer','editor','reviewer','admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    disabled INTEGER NOT NULL CHECK (disabled IN (0, 1))
);

-- Only the SHA-256 of a session token is stored; the token lives in the cookie.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) CHECK (length(user_id) = 36),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_attempts (
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    username TEXT NOT NULL,
    at TEXT NOT NULL,
    success INTEGER NOT NULL CHECK (success IN (0, 1))
);
CREATE INDEX login_attempts_username_at_idx ON login_attempts (username, at);

CREATE TABLE publications (
    entity_id TEXT PRIMARY KEY CHECK (length(entity_id) = 36),
    entity_kind TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL
);

-- Stored files (a source's document), identified by the SHA-256 of their
-- content, so the same file is kept once.
CREATE TABLE files (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    content BLOB NOT NULL,
    created_at TEXT NOT NULL
);
