-- 0013: members' data rights. A member may choose never to receive a resource by DM (remembered
-- across servers and restarts; deleted with "Delete my data"). Members' message text is kept
-- for a number of days per guild (default 180, 0 = keep): after that the text goes (with the
-- member's name stored for the creator's prompt) and when it went is recorded, so label, status
-- and timings (and the stats built on them) stay true.

CREATE TABLE member_preferences (
    member_id   INTEGER PRIMARY KEY,
    never_dm    INTEGER NOT NULL DEFAULT 0 CHECK (never_dm IN (0, 1)),
    updated_at  INTEGER NOT NULL
);

ALTER TABLE guild_settings ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 180
    CHECK (retention_days BETWEEN 0 AND 3650);

ALTER TABLE member_messages ADD COLUMN text_removed_at INTEGER;

CREATE INDEX member_messages_received ON member_messages (received_at) WHERE text_removed_at IS NULL;
