DROP TABLE digest_opt_outs;
DROP TABLE saved_searches;
DROP TABLE follow_ups;
