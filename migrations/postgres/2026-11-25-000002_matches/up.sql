-- Matches between a post and a volunteer, and every transition of one.
-- status: suggested | responded | introduced | active | ended | declined
CREATE TABLE matches (
    id TEXT PRIMARY KEY,
    post_id TEXT NOT NULL REFERENCES posts(id),
    volunteer_id TEXT NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL,
    outcome TEXT,
    reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (post_id, volunteer_id)
);
CREATE INDEX matches_volunteer_status ON matches(volunteer_id, status);

CREATE TABLE match_events (
    id TEXT PRIMARY KEY,
    match_id TEXT NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
    actor_id TEXT REFERENCES accounts(id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX match_events_match ON match_events(match_id);
