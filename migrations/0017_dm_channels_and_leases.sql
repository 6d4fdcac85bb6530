-- 0017: the rest of running as a cluster (issue 12).
--
-- dm_channels: each member's DM channel with the bot, once known (opened, or seen when they wrote
-- to us). A repeat recipient then costs one request (the send) instead of two (open + send), in
-- every process and after every restart. A stale id (Discord answers Unknown Channel) is forgotten.
CREATE TABLE dm_channels (
    member_id   INTEGER PRIMARY KEY,
    channel_id  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- Reply-to-all sends and inbox summaries are leased like prompts (0015): every process's worker
-- looks at them, and without a claim two processes sent the same reply or summary twice.
ALTER TABLE reply_all_sends ADD COLUMN lease_owner TEXT;
ALTER TABLE inbox_summaries ADD COLUMN lease_owner TEXT;
