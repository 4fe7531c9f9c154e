ALTER TABLE posts DROP COLUMN on_behalf_via_poster;
