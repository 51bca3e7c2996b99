-- The office network: sessions of browsers and desktop clients on the host, the
-- idempotency keys that make a retried write happen once, and the client address each
-- audit entry came from.

CREATE TABLE network_sessions (
    id            INTEGER PRIMARY KEY,
    -- SHA-256 (hex) of the cookie's random token; the token itself is never stored.
    token_hash    TEXT NOT NULL UNIQUE,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    -- Where it logged in from (an IP address) and what (the browser's description).
    address       TEXT NOT NULL,
    device        TEXT NOT NULL DEFAULT '',
    started_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    ended_at      TEXT,
    -- logout | expired | revoked
    end_reason    TEXT
);
CREATE INDEX network_sessions_open ON network_sessions(ended_at, last_seen_at);

CREATE TABLE idempotency_keys (
    key           TEXT PRIMARY KEY,
    -- The account that sent it (NULL before login: a login or the setup).
    user_id       INTEGER,
    operation     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    -- The operation's answer, kept after its commit so that a retry gets it again; NULL
    -- when the program stopped between the commit and keeping the answer.
    response_json TEXT
);

-- NULL for the desktop window and the command line; covered by the entry's hash when set.
ALTER TABLE audit_log ADD COLUMN client TEXT;
