//! The in-memory pool of volunteers as the matcher sees them, grouped by home place.
//!
//! Suggestions rank from memory, so their cost does not grow with volunteers who live
//! out of reach (only the places within reach are ranked). The database stays the
//! source of truth: every change to a volunteer's profile, VOG or matches writes a
//! `volunteer_changes` row in the same transaction, and before each use the pool
//! reloads the volunteers changed after the last mark it applied (`db::change_log`) —
//! also changes made by another node — with their match facts. One read of the change
//! log is all a fresh pool costs.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, RwLock};

use chrono::NaiveDate;
use matching::{Candidate, MatchConfig, RequestProfile, VolunteerProfile};
use uuid::Uuid;

use crate::db::change_log::{self, ChangeLog};
use crate::db::{candidates, DbConn};
use crate::reference::Reference;

/// Up to this many changed volunteers, only their match facts are read again.
const TARGETED_FACTS: usize = 500;

#[derive(Default)]
struct Inner {
    by_place: HashMap<String, Vec<VolunteerProfile>>,
    home: HashMap<Uuid, String>,
    applied: Option<i64>,
    /// The day all match facts were last read: the recent-matches window moves daily.
    facts_day: Option<NaiveDate>,
}

/// Volunteer profiles kept in memory, fresh against the database on every use.
#[derive(Default)]
pub struct VolunteerPool {
    inner: RwLock<Inner>,
    /// Held while the pool is loaded from scratch: the first suggestions after a start
    /// all find it empty, and each loading every volunteer at once (64 clients at
    /// N=100: up to the database pool's size in parallel) cost the time of one load
    /// many times over and left ~170 MB more in malloc's arenas.
    first_load: Mutex<()>,
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

    /// Sets the facts of every volunteer, or only of those in `only`.
    fn apply_match_facts(&mut self, facts: &candidates::MatchFacts, only: Option<&[String]>) {
        let only: Option<HashSet<Uuid>> = only.map(|ids| {
            ids.iter()
                .filter_map(|id| Uuid::parse_str(id).ok())
                .collect()
        });
        for profile in self.by_place.values_mut().flat_map(|list| list.iter_mut()) {
            let id = profile.id;
            if only.as_ref().is_some_and(|only| !only.contains(&id)) {
                continue;
            }
            profile.active_matches = facts.active.get(&id).copied().unwrap_or(0);
            profile.recent_matches = facts.recent.get(&id).copied().unwrap_or(0);
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
    /// Brings the pool in line with the database (one read of the change log when
    /// nothing changed).
    pub fn refresh(&self, conn: &mut DbConn, reference: &Reference) -> diesel::QueryResult<()> {
        let marks = self.marks();
        if marks.0.is_some() {
            return self.refresh_from(conn, reference, marks);
        }
        let _loading = self.first_load.lock().unwrap_or_else(|e| e.into_inner());
        // Whoever waited here finds the pool loaded and reads only the change log.
        self.refresh_from(conn, reference, self.marks())
    }

    /// The last change applied and the day the match facts were read.
    fn marks(&self) -> (Option<i64>, Option<NaiveDate>) {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        (inner.applied, inner.facts_day)
    }

    fn refresh_from(
        &self,
        conn: &mut DbConn,
        reference: &Reference,
        (applied, facts_day): (Option<i64>, Option<NaiveDate>),
    ) -> diesel::QueryResult<()> {
        let locate = |slug: &str| reference.place(slug).map(|p| p.point());
        let (seq, changed, full) = match applied {
            None => {
                // The mark first: changes made while loading are applied again next time.
                let seq = change_log::latest(conn, ChangeLog::Volunteers)?;
                (
                    seq,
                    candidates::volunteer_profiles(conn, None, locate)?,
                    None,
                )
            }
            Some(applied) => {
                let (seq, mut ids) =
                    change_log::after(conn, ChangeLog::Volunteers, applied, i64::MAX)?;
                if ids.is_empty() {
                    return Ok(());
                }
                ids.sort();
                ids.dedup();
                (
                    seq,
                    candidates::volunteer_profiles(conn, Some(&ids), locate)?,
                    Some(ids),
                )
            }
        };
        // Every volunteer's match facts on a full load, on the first change applied on a
        // new day (the recent window moves) and after many changes; otherwise only the
        // changed ones'.
        let now = crate::db::now();
        let only = match &full {
            Some(ids) if facts_day == Some(now.date()) && ids.len() <= TARGETED_FACTS => {
                Some(ids.as_slice())
            }
            _ => None,
        };
        let facts = candidates::match_facts(conn, candidates::recent_since(now), only)?;
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        match &full {
            None => *inner = Inner::default(),
            // Changed volunteers are replaced; those without a live profile now drop out.
            Some(ids) => ids
                .iter()
                .filter_map(|id| Uuid::parse_str(id).ok())
                .for_each(|id| inner.remove(id)),
        }
        for (place, profile) in changed {
            inner.insert(place, profile);
        }
        inner.apply_match_facts(&facts, only);
        if only.is_none() {
            inner.facts_day = Some(now.date());
        }
        inner.applied = Some(seq.max(applied.unwrap_or(0)));
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

    /// A copy of a loaded volunteer's profile (None if the volunteer is not in the pool).
    pub fn profile(&self, id: Uuid) -> Option<VolunteerProfile> {
        self.with_profile(id, VolunteerProfile::clone)
    }

    /// `f` of a loaded volunteer's profile (None if the volunteer is not in the pool).
    pub fn with_profile<T>(&self, id: Uuid, f: impl FnOnce(&VolunteerProfile) -> T) -> Option<T> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let place = inner.home.get(&id)?;
        inner
            .by_place
            .get(place)?
            .iter()
            .find(|v| v.id == id)
            .map(f)
    }

    /// A copy of every loaded volunteer, in a stable order (by id), for a plan over all
    /// open requests at once.
    pub fn all(&self) -> Vec<VolunteerProfile> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let mut all: Vec<VolunteerProfile> = inner.by_place.values().flatten().cloned().collect();
        all.sort_by_key(|v| v.id);
        all
    }

    /// How many volunteers are loaded.
    pub fn len(&self) -> usize {
        self.inner.read().map(|i| i.home.len()).unwrap_or(0)
    }

    /// Whether no volunteer is loaded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
