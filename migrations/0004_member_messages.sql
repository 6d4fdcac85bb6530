-- 0004: what members write to the bot (thanks, questions, ...), whether a human answered, and the
-- outbox of prompts to creators, so a prompt queued before a crash is still sent after it.

CREATE TABLE member_messages (
    id                INTEGER PRIMARY KEY,
    source_id         INTEGER NOT NULL UNIQUE,  -- DM message id or modal interaction id: seen twice, stored once
    member_id         INTEGER NOT NULL,
    guild_id          INTEGER,                  -- of the linked resource, when there is one
    resource_id       INTEGER REFERENCES resources (id),
    delivery_id       INTEGER REFERENCES deliveries (id),
    owner_id          INTEGER,                  -- who is asked to answer: the resource's owner
    label             TEXT    NOT NULL CHECK (label IN ('thanks', 'question', 'request', 'other')),
    via               TEXT    NOT NULL CHECK (via IN ('dm', 'modal')),
    content           TEXT    NOT NULL,
    locale            TEXT,
    status            TEXT    NOT NULL DEFAULT 'waiting'
                      CHECK (status IN ('waiting', 'answered', 'no_reply_needed', 'unrouted')),
    answered_by       INTEGER,
    answered_how      TEXT    CHECK (answered_how IN ('relayed', 'themselves')),
    answered_at       INTEGER,
    reply_message_id  INTEGER,                  -- the relayed reply in the member's DM
    received_at       INTEGER NOT NULL
);
CREATE INDEX member_messages_owner ON member_messages (owner_id, status, received_at);
CREATE INDEX member_messages_member ON member_messages (member_id);
CREATE INDEX member_messages_delivery ON member_messages (delivery_id);

CREATE TABLE prompts (
    id                  INTEGER PRIMARY KEY,
    member_message_id   INTEGER NOT NULL REFERENCES member_messages (id) ON DELETE CASCADE,
    status              TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     INTEGER NOT NULL,
    last_error          TEXT,
    channel_id          INTEGER,                -- where it was sent (creator DM or inbox channel)
    message_id          INTEGER,
    created_at          INTEGER NOT NULL,
    sent_at             INTEGER
);
CREATE INDEX prompts_queued ON prompts (next_attempt_at) WHERE status = 'queued';

-- Reminder digests: one row per (owner, guild) digest; queued first, then sent, so a restart
-- neither repeats nor skips one.
CREATE TABLE digests (
    id          INTEGER PRIMARY KEY,
    owner_id    INTEGER NOT NULL,
    guild_id    INTEGER NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error  TEXT,
    item_count  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    sent_at     INTEGER
);
CREATE INDEX digests_owner ON digests (owner_id, guild_id, created_at);

-- When the bot last told a member, honestly, that it is a bot and the creator reads personally.
CREATE TABLE acknowledgements (
    member_id   INTEGER PRIMARY KEY,
    sent_at     INTEGER NOT NULL
);
