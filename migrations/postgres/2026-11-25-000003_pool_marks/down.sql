DROP INDEX matches_updated;
DROP INDEX volunteer_profiles_updated;
