-- Suggestion decisions: for every match the coordinator proposes, where the chosen
-- volunteer stood in the suggestions at that moment. `rank` is 1-based, NULL when
-- the chosen volunteer was not among the ranked suggestions (filtered out, or beyond
-- the first 100). `shown` is JSON, best first: each volunteer ranked above the chosen
-- one (at least the first 10) and the chosen one, with their per-criterion scores, so
-- `noaber tune-weights` can re-rank them with other weights. Volunteers appear by id
-- only. The row lives as long as its match.
CREATE TABLE match_decisions (
    match_id TEXT PRIMARY KEY REFERENCES matches (id) ON DELETE CASCADE,
    post_id TEXT NOT NULL,
    category_slug TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TIMESTAMP NOT NULL,
    rank INTEGER,
    ranked INTEGER NOT NULL,
    score REAL,
    shown TEXT NOT NULL
);
CREATE INDEX match_decisions_at ON match_decisions (decided_at);
