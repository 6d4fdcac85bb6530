-- 0020: a prompt of a batch Discord refused, not yet told apart from the one it objects to, was
-- marked by a prefix of its last_error text. A column says it: set when it waits for a place as
-- such, read while it is queued (sent or set aside, it no longer counts). A passing failure later
-- (a 5xx) keeps it: it is still not told apart.
ALTER TABLE prompts ADD COLUMN refused_in_batch INTEGER NOT NULL DEFAULT 0;
UPDATE prompts SET refused_in_batch = 1 WHERE status = 'queued' AND last_error LIKE 'refused in a batch: %';
