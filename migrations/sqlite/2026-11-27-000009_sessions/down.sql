DROP TABLE sessions;
ALTER TABLE accounts DROP COLUMN session_version;
