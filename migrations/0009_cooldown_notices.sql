-- 0009: when a member flooding requests was last told "wait a moment", per guild. One answer per
-- flood: in a DM every answer is a message, and a channel takes 5 messages per 5 seconds.

CREATE TABLE cooldown_notices (
    guild_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL,
    told_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, member_id)
);
