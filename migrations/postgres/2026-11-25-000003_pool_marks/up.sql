-- The volunteer pool checks these on every suggestion to see whether it is fresh.
CREATE INDEX volunteer_profiles_updated ON volunteer_profiles(updated_at);
CREATE INDEX matches_updated ON matches(updated_at);
