-- 0011 for PostgreSQL: the same change as ../0011_prompt_refused.sql. SQLite rebuilds the table
-- because it cannot alter a CHECK constraint; PostgreSQL can, and keeps the rows where they are.

ALTER TABLE prompts DROP CONSTRAINT prompts_status_check;
ALTER TABLE prompts ADD CONSTRAINT prompts_status_check CHECK (status IN ('queued', 'sent', 'refused'));
COMMENT ON COLUMN prompts.last_error IS 'for refused: why Discord refused it';
