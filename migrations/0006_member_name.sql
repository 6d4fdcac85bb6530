-- 0006: the member's display name as it was when their message arrived, for the creator's prompt.
-- Looking it up when the prompt goes out cost one rate-limited request per prompt, which held a
-- burst of thanks to about one prompt a second. Deleted with the message ("Delete my data").

ALTER TABLE member_messages ADD COLUMN member_name TEXT;
