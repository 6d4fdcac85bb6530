-- 0022: why a member's text was removed: 'retention' (the guild's period passed) or 'deleted' (the
-- member deleted their DM, so Handout forgets its words too). Rows removed before this say nothing:
-- retention was the only reason then.
ALTER TABLE member_messages ADD COLUMN text_removed_why TEXT;
UPDATE member_messages SET text_removed_why = 'retention' WHERE text_removed_at IS NOT NULL;
