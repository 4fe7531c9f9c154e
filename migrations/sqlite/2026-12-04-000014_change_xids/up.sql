-- Nothing to do on SQLite: it has one writer at a time, so `seq` order is commit
-- order. (On PostgreSQL this migration records each change's transaction.)
SELECT 1;
