//! The in-memory pool of volunteers as the matcher sees them, grouped by home place.
//!
//! Suggestions rank from memory, so their cost does not grow with volunteers who live
//! out of reach (only the places within reach are ranked). The database stays the
//! source of truth: before each use the pool compares two cheap marks (row count and
//! latest `updated_at` of live volunteer profiles and of matches) with what it loaded,
//! and reloads what changed — also writes made by another node.

use std::collections::{HashMap, HashSet};
use std::sync::RwLock;

use chrono::NaiveDate;
use matching::{Candidate, MatchConfig, RequestProfile, VolunteerProfile};
use uuid::Uuid;

use crate::db::candidates::{self, Mark};
use crate::db::DbConn;
use crate::reference::Reference;

#[derive(Default)]
struct Inner {
    by_place: HashMap<String, Vec<VolunteerProfile>>,
    home: HashMap<Uuid, String>,
    profiles_mark: Option<Mark>,
    matches_mark: Option<Mark>,
}

/// Volunteer profiles kept in memory, fresh against the database on every use.
#[derive(Default)]
pub struct VolunteerPool {
    inner: RwLock<Inner>,
}

impl Inner {
    fn remove(&mut self, id: Uuid) {
        if let Some(place) = self.home.remove(&id) {
            if let Some(list) = self.by_place.get_mut(&place) {
                list.retain(|v| v.id != id);
            }
        }
    }

    fn insert(&mut self, place: String, profile: VolunteerProfile) {
        self.remove(profile.id);
        self.home.insert(profile.id, place.clone());
        self.by_place.entry(place).or_default().push(profile);
    }

    fn apply_match_facts(&mut self, facts: &candidates::MatchFacts) {
        for profile in self.by_place.values_mut().flat_map(|list| list.iter_mut()) {
            let id = profile.id;
            profile.active_matches = facts.active.get(&id).copied().unwrap_or(0);
            profile.past_matches = facts.past.get(&id).cloned().unwrap_or_default();
            profile.declined = facts
                .declined
                .get(&id)
                .cloned()
                .unwrap_or_else(HashSet::new);
        }
    }
}

impl VolunteerPool {
    /// Brings the pool in line with the database (a no-op when nothing changed).
    pub fn refresh(&self, conn: &mut DbConn, reference: &Reference) -> diesel::QueryResult<()> {
        let profiles_mark = candidates::profiles_mark(conn)?;
        let matches_mark = candidates::matches_mark(conn)?;
        let (loaded_profiles, loaded_matches) = {
            let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
            (inner.profiles_mark, inner.matches_mark)
        };
        let profiles_changed = loaded_profiles != Some(profiles_mark);
        if !profiles_changed && loaded_matches == Some(matches_mark) {
            return Ok(());
        }
        let locate = |slug: &str| reference.place(slug).map(|p| p.point());
        // Fewer rows than before (or nothing loaded yet): reload all; else only the changed.
        let full = match loaded_profiles {
            Some(old) => profiles_mark.count < old.count,
            None => true,
        };
        let since = if full {
            None
        } else {
            loaded_profiles.and_then(|m| m.latest)
        };
        let changed = if profiles_changed {
            Some(candidates::volunteer_profiles(conn, since, locate)?)
        } else {
            None
        };
        let facts = candidates::match_facts(conn)?;
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        if full {
            inner.by_place.clear();
            inner.home.clear();
        }
        for (place, profile) in changed.into_iter().flatten() {
            inner.insert(place, profile);
        }
        inner.apply_match_facts(&facts);
        inner.profiles_mark = Some(profiles_mark);
        inner.matches_mark = Some(matches_mark);
        Ok(())
    }

    /// The `k` best volunteers for `request`, ranking only the places within `reach`.
    pub fn rank(
        &self,
        request: &RequestProfile,
        reach: &[&str],
        reference: &Reference,
        config: &MatchConfig,
        today: NaiveDate,
        k: usize,
    ) -> Vec<Candidate> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let mut best: Vec<Candidate> = reach
            .iter()
            .filter_map(|place| inner.by_place.get(*place))
            .flat_map(|pool| {
                matching::rank_volunteers(request, pool, &reference.catalog, config, today, k)
            })
            .collect();
        // Each place's list is exact, so the best k of their union are the best k overall.
        best.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.volunteer_id.cmp(&b.volunteer_id))
        });
        best.truncate(k);
        best
    }

    /// How many volunteers are loaded (for tests and metrics).
    pub fn len(&self) -> usize {
        self.inner.read().map(|i| i.home.len()).unwrap_or(0)
    }

    /// Whether no volunteer is loaded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
