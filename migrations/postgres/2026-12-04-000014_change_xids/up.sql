-- The transaction that wrote each change. Writers no longer queue on one lock, so
-- `seq` order is not commit order; readers take only the changes of transactions
-- older than every transaction still running (pg_snapshot_xmin), in (xid, seq)
-- order, and keep the last xid they applied as their mark. Existing rows get the
-- migration's own xid: they are all committed.
ALTER TABLE search_changes ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX search_changes_xid ON search_changes (xid, seq);
ALTER TABLE volunteer_changes ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX volunteer_changes_xid ON volunteer_changes (xid, seq);
