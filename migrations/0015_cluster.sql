-- 0015: several processes share one database (a cluster). Each heartbeats into cluster_processes;
-- pending work (deliveries, creator prompts, reminder digests) is leased to the process doing it
-- (lease_owner). A lease lasts while its owner heartbeats: a process that stops (SIGKILL, crash)
-- drops out after a few seconds and a survivor claims its leases. identify_slots spaces the
-- gateway IDENTIFYs of every process per rate-limit key, as Discord requires.

CREATE TABLE cluster_processes (
    process_id  TEXT    PRIMARY KEY,
    started_at  BIGINT  NOT NULL,
    last_seen   BIGINT  NOT NULL
);

CREATE TABLE identify_slots (
    rate_key          INTEGER PRIMARY KEY,   -- shard_id % max_concurrency
    last_identify_ms  BIGINT  NOT NULL
);

-- The bot's servers on every shard: a process sees only its own shards' servers, but the one
-- holding shard 0 answers every member's DM, for servers on any shard.
CREATE TABLE cluster_guilds (
    guild_id    BIGINT  PRIMARY KEY,
    name        TEXT    NOT NULL,
    shard_id    INTEGER NOT NULL,
    updated_at  BIGINT  NOT NULL
);

ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
ALTER TABLE prompts ADD COLUMN lease_owner TEXT;
ALTER TABLE digests ADD COLUMN lease_owner TEXT;
