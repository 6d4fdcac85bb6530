-- 0016: resource files stored in the database. Nothing to do on SQLite, which keeps them on disk
-- under HANDOUT_DATA_DIR/files (bot/core/files.py); see postgresql/0014_resource_files.sql.
SELECT 1;
