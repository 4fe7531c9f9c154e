-- A request posted for someone else can say that the volunteer calls the person who
-- posted, not the resident (a daughter for her father with dementia): the resident's
-- phone and e-mail then stay with the Servicepunt.
ALTER TABLE posts ADD COLUMN on_behalf_via_poster BOOLEAN NOT NULL DEFAULT FALSE;
