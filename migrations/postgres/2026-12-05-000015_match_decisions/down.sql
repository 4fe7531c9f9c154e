DROP TABLE match_decisions;
