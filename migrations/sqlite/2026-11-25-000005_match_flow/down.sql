DROP TABLE match_messages;
ALTER TABLE matches DROP COLUMN created_by;
ALTER TABLE matches DROP COLUMN origin;
