DROP INDEX volunteer_changes_xid;
ALTER TABLE volunteer_changes DROP COLUMN xid;
DROP INDEX search_changes_xid;
ALTER TABLE search_changes DROP COLUMN xid;
