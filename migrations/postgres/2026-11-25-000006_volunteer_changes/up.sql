-- Every change to what matching knows of a volunteer (profile, VOG, matches), written
-- in the same transaction; the in-memory volunteer pool follows it by `seq`.
CREATE TABLE volunteer_changes (
    seq BIGSERIAL PRIMARY KEY,
    account_id TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
