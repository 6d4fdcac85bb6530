-- 0023: a creator's prompt or reminder digest that was already sent is redrawn when what it quotes
-- changes: the member edited or deleted their DM, or deleted their data. A prompt remembers its embed's place in the
-- Discord message and how many prompts that message carried (batched prompts share one message),
-- so the message can be drawn again from the database alone. Prompts sent before this keep NULL:
-- where they sit in their message is not known, so they are not redrawn.
ALTER TABLE prompts ADD COLUMN position INTEGER;
ALTER TABLE prompts ADD COLUMN message_embeds INTEGER;
-- Counts the changes to what the prompt quotes (an edit, a delete, a burst's next message joining
-- it). A change while the prompt is being sent (read, then posted at Discord's pace) is caught when
-- the send is recorded: a prompt that went out drawn from an older count is redrawn at once.
ALTER TABLE prompts ADD COLUMN quoted_version INTEGER NOT NULL DEFAULT 0;

-- A reminder digest quotes a line of each waiting message: where it went, how many messages it
-- counted and listed, and which it listed, in order.
ALTER TABLE digests ADD COLUMN channel_id INTEGER;
ALTER TABLE digests ADD COLUMN message_id INTEGER;
ALTER TABLE digests ADD COLUMN listed INTEGER;
ALTER TABLE digests ADD COLUMN shown INTEGER;
CREATE TABLE digest_items (
    digest_id          INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,
    member_message_id  INTEGER NOT NULL REFERENCES member_messages (id) ON DELETE CASCADE,
    PRIMARY KEY (digest_id, position)
);
CREATE INDEX digest_items_message ON digest_items (member_message_id);

-- The Discord messages to redraw, one row each: a message of prompts, or the digest ``digest_id``.
-- Not tied to the prompts by a foreign key: "Delete my data" deletes the member's prompts, and the
-- message that quoted them must still be redrawn. It
-- holds only the creator's side (where the message is, whose it is); no member id, no words.
-- version: bumped by every new change, so a redraw that read the older state does not clear it;
-- lease_owner: the process drawing it (bot/db/cluster.py), so two never draw one message at once.
CREATE TABLE prompt_redraws (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL UNIQUE,
    channel_id  INTEGER NOT NULL,
    owner_id    INTEGER NOT NULL,
    guild_id    INTEGER,
    embeds      INTEGER,
    digest_id   INTEGER,
    version     INTEGER NOT NULL DEFAULT 1,
    attempts    INTEGER NOT NULL DEFAULT 0,
    due_at      INTEGER NOT NULL,
    marked_at   INTEGER NOT NULL,        -- first marked: the age an operator sees in the queue metrics
    lease_owner TEXT
);
CREATE INDEX prompt_redraws_due ON prompt_redraws (due_at);
