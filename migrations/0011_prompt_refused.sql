-- 0011: a prompt Discord refuses for good (400, e.g. 50035 "Invalid Form Body") is set aside with
-- its reason instead of being retried unchanged for ever, which also held back every prompt
-- batched with it. SQLite cannot alter a CHECK constraint, so the table is rebuilt with the same
-- columns and rows; nothing references prompts, so dropping the old table is safe.

CREATE TABLE prompts_new (
    id                  INTEGER PRIMARY KEY,
    member_message_id   INTEGER NOT NULL REFERENCES member_messages (id) ON DELETE CASCADE,
    status              TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'refused')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     INTEGER NOT NULL,
    last_error          TEXT,                   -- for 'refused': why Discord refused it
    channel_id          INTEGER,
    message_id          INTEGER,
    created_at          INTEGER NOT NULL,
    sent_at             INTEGER
);
INSERT INTO prompts_new (id, member_message_id, status, attempts, next_attempt_at, last_error, channel_id,
                         message_id, created_at, sent_at)
    SELECT id, member_message_id, status, attempts, next_attempt_at, last_error, channel_id, message_id,
           created_at, sent_at
    FROM prompts;
DROP TABLE prompts;
ALTER TABLE prompts_new RENAME TO prompts;
CREATE INDEX prompts_queued ON prompts (next_attempt_at) WHERE status = 'queued';
