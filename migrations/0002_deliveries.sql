-- 0002: every delivery of a resource to a member, and how it was asked for and sent.

CREATE TABLE deliveries (
    id             INTEGER PRIMARY KEY,
    resource_id    INTEGER NOT NULL REFERENCES resources (id),
    guild_id       INTEGER NOT NULL,
    member_id      INTEGER,                      -- NULL once the member deleted their data
    requested_via  TEXT    NOT NULL CHECK (requested_via IN ('button', 'slash', 'dm')),
    delivered_via  TEXT    CHECK (delivered_via IN ('dm', 'ephemeral', 'fallback')),
    status         TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    failure        TEXT,                         -- why it failed, for the log and the creator
    source_id      INTEGER NOT NULL,             -- the interaction or DM message id that asked
    channel_id     INTEGER,                      -- where the delivery message went
    message_id     INTEGER,                      -- the delivery message, when there is one
    is_repeat      INTEGER NOT NULL DEFAULT 0,   -- the member had this resource before
    requested_at   INTEGER NOT NULL,
    delivered_at   INTEGER
);

-- The same interaction or message seen twice (a gateway resume replays events) delivers once.
CREATE UNIQUE INDEX deliveries_source ON deliveries (source_id);
CREATE INDEX deliveries_resource ON deliveries (resource_id, status);
CREATE INDEX deliveries_member ON deliveries (member_id, requested_at);
CREATE INDEX deliveries_pending ON deliveries (status) WHERE status = 'pending';

-- Members whose DMs were closed when we last tried: skip the DM (and Discord's 403) for a while.
CREATE TABLE closed_dms (
    member_id   INTEGER PRIMARY KEY,
    closed_at   INTEGER NOT NULL
);
