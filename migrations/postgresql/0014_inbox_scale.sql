-- 0014 for PostgreSQL: the same change as ../0014_inbox_scale.sql. SQLite rebuilds member_messages,
-- prompts and route_choices because it cannot alter a CHECK constraint; PostgreSQL alters them in
-- place and keeps the rows (and their identity sequences) where they are.

ALTER TABLE member_messages DROP CONSTRAINT member_messages_status_check;
ALTER TABLE member_messages ADD CONSTRAINT member_messages_status_check
    CHECK (status IN ('waiting', 'answered', 'no_reply_needed', 'unrouted', 'expired', 'acknowledged'));
ALTER TABLE member_messages DROP CONSTRAINT member_messages_answered_how_check;
ALTER TABLE member_messages ADD CONSTRAINT member_messages_answered_how_check
    CHECK (answered_how IN ('relayed', 'themselves', 'relayed_to_all'));
ALTER TABLE member_messages ADD COLUMN prompt_id INTEGER;
ALTER TABLE member_messages ADD COLUMN over_limit INTEGER NOT NULL DEFAULT 0;

ALTER TABLE prompts DROP CONSTRAINT prompts_status_check;
ALTER TABLE prompts ADD CONSTRAINT prompts_status_check CHECK (status IN ('queued', 'sent', 'refused', 'summarised'));
ALTER TABLE prompts ADD COLUMN summary_id INTEGER;

-- Existing prompts quote exactly their own message.
UPDATE member_messages SET prompt_id = (SELECT MAX(p.id) FROM prompts p WHERE p.member_message_id = member_messages.id);

CREATE INDEX member_messages_prompt ON member_messages (prompt_id);
CREATE INDEX prompts_channel ON prompts (channel_id, sent_at);

CREATE TABLE inbox_summaries (
    id            INTEGER PRIMARY KEY,
    channel_id    INTEGER NOT NULL,
    owner_id      INTEGER NOT NULL,
    guild_id      INTEGER,
    message_id    INTEGER,
    dirty         INTEGER NOT NULL DEFAULT 1,
    next_edit_at  INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX inbox_summaries_dest ON inbox_summaries (channel_id, owner_id, created_at);

CREATE TABLE reply_alls (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL UNIQUE,
    owner_id      INTEGER NOT NULL,
    guild_id      INTEGER NOT NULL,
    resource_id   INTEGER NOT NULL REFERENCES resources (id),
    author_id     INTEGER NOT NULL,
    author_name   TEXT    NOT NULL,
    author_avatar TEXT,
    content       TEXT    NOT NULL,
    since         INTEGER NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE TABLE reply_all_sends (
    id              INTEGER PRIMARY KEY,
    reply_all_id    INTEGER NOT NULL REFERENCES reply_alls (id) ON DELETE CASCADE,
    member_id       INTEGER NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    message_id      INTEGER,
    sent_at         INTEGER,
    UNIQUE (reply_all_id, member_id)
);
CREATE INDEX reply_all_sends_queued ON reply_all_sends (next_attempt_at) WHERE status = 'queued';

ALTER TABLE guild_settings ADD COLUMN expire_days INTEGER NOT NULL DEFAULT 30 CHECK (expire_days BETWEEN 0 AND 3650);
