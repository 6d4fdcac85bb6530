-- 0012: the file a delivery sends, pinned when the member asked. A creator may replace or remove
-- the resource's file while a burst of deliveries is still queued; each queued delivery keeps the
-- version it was asked for, and the stored file is kept until no pending delivery needs it.

ALTER TABLE deliveries ADD COLUMN file_sha256 TEXT;
ALTER TABLE deliveries ADD COLUMN file_name TEXT;
CREATE INDEX deliveries_pending_file ON deliveries (file_sha256) WHERE status = 'pending';
