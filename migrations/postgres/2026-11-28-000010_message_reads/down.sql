DROP TABLE match_reads;
