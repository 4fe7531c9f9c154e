ALTER TABLE matches DROP COLUMN agreed_until;
