ALTER TABLE matches DROP COLUMN shown_to_parties;
