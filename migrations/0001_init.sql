-- 0001: the resource library, per-guild settings and the bot's own small state.
-- Times are Unix seconds (UTC). Discord ids are 64-bit integers, which SQLite INTEGER holds.

CREATE TABLE resources (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER NOT NULL,
    name         TEXT    NOT NULL,               -- slug the creator and members type
    title        TEXT    NOT NULL,
    description  TEXT,
    note         TEXT,                           -- the creator's own line sent with every delivery
    url          TEXT,
    file_sha256  TEXT,                           -- content address under HANDOUT_DATA_DIR/files
    file_name    TEXT,                           -- sanitised name the member receives
    file_size    INTEGER,
    owner_id     INTEGER NOT NULL,               -- the creator who added it; gets the thanks
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    archived_at  INTEGER,                        -- set by /resource remove; history stays
    CHECK (url IS NOT NULL OR file_sha256 IS NOT NULL),
    CHECK ((file_sha256 IS NULL) = (file_name IS NULL) AND (file_sha256 IS NULL) = (file_size IS NULL))
);

-- A name is unique among the guild's offered resources; an archived one frees its name.
CREATE UNIQUE INDEX resources_active_name ON resources (guild_id, name) WHERE archived_at IS NULL;
CREATE INDEX resources_file ON resources (file_sha256) WHERE file_sha256 IS NOT NULL;

CREATE TABLE guild_settings (
    guild_id          INTEGER PRIMARY KEY,
    delivery_mode     TEXT    NOT NULL DEFAULT 'dm' CHECK (delivery_mode IN ('dm', 'here')),
    inbox_channel_id  INTEGER,
    reminder_hours    INTEGER NOT NULL DEFAULT 24 CHECK (reminder_hours BETWEEN 0 AND 720),
    updated_at        INTEGER NOT NULL
);

-- Small key/value state of the bot itself, e.g. the hash of the last synced command tree.
CREATE TABLE bot_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
