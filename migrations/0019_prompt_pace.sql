-- 0019: the pace of prompt messages to one destination (3 a minute) holds across processes. A
-- worker reserves its messages before sending them: counted with the ones sent in the last minute
-- and the other processes' reservations, in one transaction, so two workers sending to the same
-- channel at once cannot both take the last places. A reservation is removed once its message is
-- recorded (or not sent); one left by a crashed process stops counting after a short lease.
CREATE TABLE prompt_pace (
    id           INTEGER PRIMARY KEY,
    channel_id   INTEGER NOT NULL,
    holder       TEXT    NOT NULL,
    reserved_at  INTEGER NOT NULL
);
CREATE INDEX prompt_pace_channel ON prompt_pace (channel_id, reserved_at);
