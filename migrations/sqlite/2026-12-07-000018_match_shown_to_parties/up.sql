-- Whether the two parties know of a match. A coordinator's pick is theirs alone until
-- the introduction; declined before it, it stays theirs (with its reason) for good.
ALTER TABLE matches ADD COLUMN shown_to_parties BOOLEAN NOT NULL DEFAULT 1;
UPDATE matches SET shown_to_parties = 0
WHERE status = 'suggested'
   OR (status = 'declined' AND origin = 'suggestion' AND NOT EXISTS (
        SELECT 1 FROM match_events e WHERE e.match_id = matches.id AND e.to_status = 'introduced'));
