DROP TABLE volunteer_changes;
