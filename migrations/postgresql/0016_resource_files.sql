-- 0016 for PostgreSQL: resource files live in the database, so every process of a cluster can
-- deliver every resource (no file lives on one machine). Content-addressed as on disk: the same
-- bytes added twice are stored once. At most 10 MiB each (Handout's limit, checked before).

CREATE TABLE resource_files (
    sha256      TEXT   PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    data        BYTEA  NOT NULL,
    size        BIGINT NOT NULL,
    stored_at   BIGINT NOT NULL
);
