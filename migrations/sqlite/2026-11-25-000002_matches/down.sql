DROP TABLE match_events;
DROP TABLE matches;
