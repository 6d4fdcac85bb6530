-- 0014: the creator's inbox at the scale of a popular post (issue 13, items 1-3).
--
-- member_messages gains two statuses and an answer kind, and two columns:
--   'expired'       waited longer than the guild's expire_days: shown as "no answer given",
--                   counted as unanswered, no longer in /thanks pending;
--   'acknowledged'  a member's thanks for the creator's reply: recorded and shown, not waiting;
--   answered_how 'relayed_to_all'  the creator's one personal reply to everyone who thanked;
--   prompt_id       the prompt that quotes this message (several messages of one member share one);
--   over_limit      1: past the per-member prompt limit, stored and waiting but never prompted.
-- prompts gain 'summarised' (past the destination's pace: counted in a summary message instead)
-- and summary_id. SQLite cannot alter a CHECK constraint, so the three tables are rebuilt with
-- the same rows. Foreign keys are on during migrations, so the children are rebuilt first,
-- pointing at the new parent, and the old tables are dropped children first: dropping a parent
-- still referenced would cascade-delete the children's rows. Renaming the new parent then
-- rewrites the children's references to its final name.

CREATE TABLE member_messages_new (
    id                INTEGER PRIMARY KEY,
    source_id         INTEGER NOT NULL UNIQUE,
    member_id         INTEGER NOT NULL,
    guild_id          INTEGER,
    resource_id       INTEGER REFERENCES resources (id),
    delivery_id       INTEGER REFERENCES deliveries (id),
    owner_id          INTEGER,
    label             TEXT    NOT NULL CHECK (label IN ('thanks', 'question', 'request', 'other')),
    via               TEXT    NOT NULL CHECK (via IN ('dm', 'modal')),
    content           TEXT    NOT NULL,
    locale            TEXT,
    status            TEXT    NOT NULL DEFAULT 'waiting'
                      CHECK (status IN ('waiting', 'answered', 'no_reply_needed', 'unrouted', 'expired',
                                        'acknowledged')),
    answered_by       INTEGER,
    answered_how      TEXT    CHECK (answered_how IN ('relayed', 'themselves', 'relayed_to_all')),
    answered_at       INTEGER,
    reply_message_id  INTEGER,
    received_at       INTEGER NOT NULL,
    member_name       TEXT,
    prompt_id         INTEGER,
    over_limit        INTEGER NOT NULL DEFAULT 0,
    text_removed_at   INTEGER                   -- 0013: when retention removed the text
);
INSERT INTO member_messages_new (id, source_id, member_id, guild_id, resource_id, delivery_id, owner_id, label,
                                 via, content, locale, status, answered_by, answered_how, answered_at,
                                 reply_message_id, received_at, member_name, text_removed_at)
    SELECT id, source_id, member_id, guild_id, resource_id, delivery_id, owner_id, label, via, content, locale,
           status, answered_by, answered_how, answered_at, reply_message_id, received_at, member_name,
           text_removed_at
    FROM member_messages;

CREATE TABLE prompts_new (
    id                  INTEGER PRIMARY KEY,
    member_message_id   INTEGER NOT NULL REFERENCES member_messages_new (id) ON DELETE CASCADE,
    status              TEXT    NOT NULL DEFAULT 'queued'
                        CHECK (status IN ('queued', 'sent', 'refused', 'summarised')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     INTEGER NOT NULL,
    last_error          TEXT,
    channel_id          INTEGER,
    message_id          INTEGER,
    created_at          INTEGER NOT NULL,
    sent_at             INTEGER,
    summary_id          INTEGER                 -- for 'summarised': the summary that counts it
);
INSERT INTO prompts_new (id, member_message_id, status, attempts, next_attempt_at, last_error, channel_id,
                         message_id, created_at, sent_at)
    SELECT id, member_message_id, status, attempts, next_attempt_at, last_error, channel_id, message_id,
           created_at, sent_at
    FROM prompts;

CREATE TABLE route_choices_new (
    member_message_id  INTEGER PRIMARY KEY REFERENCES member_messages_new (id) ON DELETE CASCADE,
    created_at         INTEGER NOT NULL
);
INSERT INTO route_choices_new (member_message_id, created_at) SELECT member_message_id, created_at FROM route_choices;

-- Existing prompts quote exactly their own message.
UPDATE member_messages_new SET prompt_id = (SELECT MAX(p.id) FROM prompts_new p WHERE p.member_message_id = member_messages_new.id);

DROP TABLE prompts;
DROP TABLE route_choices;
DROP TABLE member_messages;
ALTER TABLE member_messages_new RENAME TO member_messages;
ALTER TABLE prompts_new RENAME TO prompts;
ALTER TABLE route_choices_new RENAME TO route_choices;
CREATE INDEX member_messages_owner ON member_messages (owner_id, status, received_at);
CREATE INDEX member_messages_member ON member_messages (member_id);
CREATE INDEX member_messages_delivery ON member_messages (delivery_id);
CREATE INDEX member_messages_prompt ON member_messages (prompt_id);
CREATE INDEX member_messages_received ON member_messages (received_at) WHERE text_removed_at IS NULL;
CREATE INDEX prompts_queued ON prompts (next_attempt_at) WHERE status = 'queued';
CREATE INDEX prompts_channel ON prompts (channel_id, sent_at);

-- One summary message per destination channel and creator, edited in place while a burst lasts.
-- Its text is rebuilt from the prompts that point at it, so it is right after a restart.
CREATE TABLE inbox_summaries (
    id            INTEGER PRIMARY KEY,
    channel_id    INTEGER NOT NULL,
    owner_id      INTEGER NOT NULL,
    guild_id      INTEGER,
    message_id    INTEGER,                  -- NULL until posted
    dirty         INTEGER NOT NULL DEFAULT 1,  -- counts changed since the last post or edit
    next_edit_at  INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX inbox_summaries_dest ON inbox_summaries (channel_id, owner_id, created_at);

-- A creator's one reply to everyone who thanked for a resource in a period, and its outbox: one
-- row per member, each sent once (a nonce per row), so a crash neither loses nor repeats one.
CREATE TABLE reply_alls (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL UNIQUE,   -- the form submit: replayed by a resume, queued once
    owner_id      INTEGER NOT NULL,
    guild_id      INTEGER NOT NULL,
    resource_id   INTEGER NOT NULL REFERENCES resources (id),
    author_id     INTEGER NOT NULL,          -- who wrote it (the owner, or a manager)
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
