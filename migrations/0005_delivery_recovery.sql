-- 0005: what a pending delivery needs to be finished after a crash: where it was asked, in which
-- language, and the interaction token for a private answer (valid 15 minutes; cleared when done).

ALTER TABLE deliveries ADD COLUMN request_channel_id INTEGER;
ALTER TABLE deliveries ADD COLUMN locale TEXT;
ALTER TABLE deliveries ADD COLUMN interaction_token TEXT;
ALTER TABLE deliveries ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
