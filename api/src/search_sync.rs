//! Keeps the search index in step with the database, which is the source of truth.
//!
//! Every post change writes a row to `search_changes` in the same transaction. A
//! worker applies those rows in order (upsert open posts, remove the rest) right after
//! a change is announced (under a stream of writes after a short rest, see
//! `pause_after`) and at least once a second (so changes made by other nodes
//! arrive too), and stores the last applied `seq` as the index's watermark. At start-up
//! a missing, corrupt or outdated index is rebuilt from the database; otherwise the
//! changes since the watermark are applied. A crash therefore never leaves search out
//! of step for longer than the next start or tick. The index is also rebuilt when the
//! documents made of posts change ([`DOCUMENTS_VERSION`]).

use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use search::{PostDoc, SearchError, SearchIndex};
use tokio::sync::Notify;

use crate::db::change_log::{self, ChangeLog};
use crate::db::posts::{self, PostRecord};
use crate::db::{Db, DbConn, DbError};
use crate::domain::post::Schedule;
use crate::domain::{PostKind, PostStatus};
use crate::reference::Reference;

/// Failures while syncing.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// Reading the database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The index refused.
    #[error("search index: {0}")]
    Search(#[from] SearchError),
    /// The file that records the documents' version could not be written.
    #[error("cannot write {path}: {source}")]
    Version {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The version of the documents [`doc_for`] makes of posts. Raise it when what a
/// document holds changes (2: a one-off date written out as on the post's page), so
/// that the next start rebuilds the index instead of keeping the old text of every
/// post that does not change. Kept in [`DOCUMENTS_FILE`] beside the index's files,
/// which the index leaves alone.
pub const DOCUMENTS_VERSION: &str = "2";
const DOCUMENTS_FILE: &str = "noaber-documents-version";

impl From<diesel::result::Error> for SyncError {
    fn from(e: diesel::result::Error) -> Self {
        SyncError::Db(e.into())
    }
}

/// The index plus what has been applied to it.
pub struct SearchSync {
    /// The index (queries go straight to it).
    pub index: SearchIndex,
    applied: AtomicI64,
    notify: Notify,
    health: Mutex<SyncHealth>,
    /// The file with the documents' version of the posts in the index.
    documents: PathBuf,
}

/// How the worker's last passes went, for `/readyz` and the metrics.
#[derive(Debug, Clone, Default)]
pub struct SyncHealth {
    /// When a pass last applied everything it found.
    pub last_success: Option<DateTime<Utc>>,
    /// The error of the last pass, if it failed (cleared by a success).
    pub last_error: Option<String>,
}

/// The sync counts as healthy while a pass succeeded this recently (passes run at
/// least every second).
pub const HEALTHY_WITHIN_SECONDS: i64 = 30;

impl SyncHealth {
    /// Whether the sync keeps up: the last pass succeeded, and not long ago.
    pub fn is_healthy(&self, now: DateTime<Utc>) -> bool {
        self.last_error.is_none()
            && self
                .last_success
                .is_some_and(|at| (now - at).num_seconds() <= HEALTHY_WITHIN_SECONDS)
    }
}

/// How many changes one pass applies at most.
const BATCH: i64 = 1_000;

/// The pause after a pass, per change it applied, and at most. Every pass commits the
/// index (a new segment, which later costs a merge). Under a stream of writes the
/// pause gathers many changes into one commit (at 1,000 changes a second: a commit
/// about every half second, which gave a few percent more creates per second); a
/// change after a quiet moment is still applied at once.
const PAUSE_PER_CHANGE: Duration = Duration::from_millis(2);
const MAX_PAUSE: Duration = Duration::from_millis(500);

/// How long the worker rests after a pass that applied `changes` changes.
fn pause_after(changes: usize) -> Duration {
    PAUSE_PER_CHANGE
        .saturating_mul(u32::try_from(changes).unwrap_or(u32::MAX))
        .min(MAX_PAUSE)
}

/// A Dutch summary of a schedule, as indexed and shown.
pub fn schedule_summary(schedule: &Schedule) -> String {
    match schedule {
        Schedule::Flexible => "flexibel, in overleg".into(),
        // As the post's own page says it: "eenmalig op vrijdag 18 december 2026, 's avonds".
        Schedule::Once { date, parts } => {
            let parts: Vec<&str> = matching::DayPart::ALL
                .into_iter()
                .filter(|p| parts.contains(p))
                .map(matching::DayPart::adverb_nl)
                .collect();
            let when = if parts.is_empty() {
                String::new()
            } else {
                format!(", {}", matching::dutch::join_list(&parts))
            };
            format!("eenmalig op {}{when}", matching::dutch::long_date(*date))
        }
        Schedule::Weekly {
            slots,
            hours_per_week,
        } => {
            let names: Vec<String> = slots.iter().map(|s| s.name_nl()).collect();
            let hours = hours_per_week
                .map(|h| {
                    format!(
                        " (ongeveer {} uur per week)",
                        h.to_string().replace('.', ",")
                    )
                })
                .unwrap_or_default();
            format!("elke week: {}{hours}", matching::dutch::join_list(&names))
        }
    }
}

/// The search document of a post (public fields only).
pub fn doc_for(record: &PostRecord, reference: &Reference) -> Option<PostDoc> {
    let row = &record.row;
    let kind = search_kind(row.kind);
    let place = reference.place(&row.place_slug);
    let schedule = row.schedule();
    Some(PostDoc {
        id: uuid::Uuid::parse_str(&row.id).ok()?,
        kind,
        title: row.title.clone(),
        description: row.description.clone(),
        category: row.category_slug.clone(),
        talents: record
            .talents
            .iter()
            .map(|slug| search::Talent {
                slug: slug.clone(),
                name: reference
                    .talent(slug)
                    .map(|t| t.name_nl.clone())
                    .unwrap_or_default(),
            })
            .collect(),
        place: row.place_slug.clone(),
        place_name: place.map(|p| p.name.clone()).unwrap_or_default(),
        location: place.map(|p| search::GeoPoint {
            lat: p.lat,
            lon: p.lon,
        }),
        schedule: schedule_summary(&schedule),
        frequency: Some(match schedule {
            Schedule::Weekly { .. } => search::Frequency::Weekly,
            Schedule::Once { .. } => search::Frequency::Once,
            Schedule::Flexible => search::Frequency::Flexible,
        }),
        author: Some(row.author_id.clone()),
        created_at: row.published_at.unwrap_or(row.created_at).and_utc(),
    })
}

/// The index's name for a kind of post.
pub fn search_kind(kind: PostKind) -> search::PostKind {
    match kind {
        PostKind::Request => search::PostKind::Request,
        PostKind::Offer => search::PostKind::Offer,
        PostKind::Vacancy => search::PostKind::Vacancy,
    }
}

/// A kind of post from the index's name for it.
pub fn domain_kind(kind: search::PostKind) -> PostKind {
    match kind {
        search::PostKind::Request => PostKind::Request,
        search::PostKind::Offer => PostKind::Offer,
        search::PostKind::Vacancy => PostKind::Vacancy,
    }
}

impl SearchSync {
    /// Opens (or creates) the index in `dir`, waiting a little if a previous process
    /// still holds it (a restart), with a result cache of `cache_size` queries.
    pub fn open(dir: &Path, cache_size: usize) -> Result<SearchSync, SearchError> {
        let mut attempt = 0;
        let index = loop {
            match SearchIndex::open_in_dir(dir) {
                Err(SearchError::Locked(_)) if attempt < 20 => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(250));
                }
                other => break other?.with_result_cache(cache_size),
            }
        };
        let applied = AtomicI64::new(index.watermark().unwrap_or(0));
        Ok(SearchSync {
            index,
            applied,
            notify: Notify::new(),
            health: Mutex::new(SyncHealth::default()),
            documents: dir.join(DOCUMENTS_FILE),
        })
    }

    /// Start-up: rebuild a missing, corrupt or outdated index, else catch up.
    pub fn prepare(&self, conn: &mut DbConn, reference: &Reference) -> Result<(), SyncError> {
        // An index ahead of the database belongs to another (or restored) database.
        let ahead =
            self.index.watermark().unwrap_or(0) > change_log::latest(conn, ChangeLog::Search)?;
        // No file: an index from before the file was kept.
        let outdated = std::fs::read_to_string(&self.documents)
            .map_or(true, |v| v.trim() != DOCUMENTS_VERSION);
        if self.index.needs_rebuild() || ahead || outdated {
            tracing::info!(outcome = ?self.index.outcome(), "rebuilding the search index from the database");
            let n = self.rebuild(conn, reference)?;
            tracing::info!(posts = n, "search index rebuilt");
        } else {
            let n = self.catch_up(conn, reference)?;
            tracing::info!(
                changes = n,
                watermark = self.applied.load(Ordering::SeqCst),
                "search index caught up"
            );
        }
        self.record(&Ok(0));
        Ok(())
    }

    /// Rebuilds the whole index from the open posts; returns how many were indexed.
    pub fn rebuild(&self, conn: &mut DbConn, reference: &Reference) -> Result<usize, SyncError> {
        // The mark first: changes made while reading are applied again afterwards.
        let mark = change_log::latest(conn, ChangeLog::Search)?;
        let docs: Vec<PostDoc> = posts::all_open(conn)?
            .iter()
            .filter_map(|r| doc_for(r, reference))
            .collect();
        let n = self.index.rebuild(docs, mark)?;
        self.applied.store(mark, Ordering::SeqCst);
        std::fs::write(&self.documents, DOCUMENTS_VERSION).map_err(|source| {
            SyncError::Version {
                path: self.documents.clone(),
                source,
            }
        })?;
        Ok(n)
    }

    /// Applies the changes after the watermark; returns how many change rows it read.
    pub fn catch_up(&self, conn: &mut DbConn, reference: &Reference) -> Result<usize, SyncError> {
        let mut total = 0;
        loop {
            let from = self.applied.load(Ordering::SeqCst);
            let (last, mut ids) = change_log::after(conn, ChangeLog::Search, from, BATCH)?;
            if ids.is_empty() {
                break;
            }
            ids.sort();
            ids.dedup();
            let records = posts::by_ids(conn, &ids)?;
            for id in &ids {
                match records.iter().find(|r| &r.row.id == id) {
                    Some(r) if r.row.status == PostStatus::Open => match doc_for(r, reference) {
                        Some(doc) => self.index.upsert(&doc)?,
                        None => continue,
                    },
                    _ => self
                        .index
                        .remove(uuid::Uuid::parse_str(id).unwrap_or_default())?,
                }
            }
            self.index.set_watermark(last)?;
            // flush, not commit: a failed write must not move the watermark.
            self.index.flush()?;
            self.applied.store(last, Ordering::SeqCst);
            total += ids.len();
        }
        Ok(total)
    }

    /// The mark of the last change applied to the index ([`change_log`]).
    pub fn applied(&self) -> i64 {
        self.applied.load(Ordering::SeqCst)
    }

    /// How the last passes went.
    pub fn health(&self) -> SyncHealth {
        self.health
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn record(&self, result: &Result<usize, SyncError>) {
        let mut health = self.health.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(_) => {
                health.last_success = Some(Utc::now());
                health.last_error = None;
            }
            Err(e) => health.last_error = Some(e.to_string()),
        }
    }

    /// Announces a change: the worker applies it now rather than at the next tick.
    pub fn changed(&self) {
        self.notify.notify_one();
    }

    /// Starts the worker; it stops by itself once the service has dropped the sync.
    pub fn spawn_worker(self: &Arc<Self>, db: Db, reference: Arc<Reference>) {
        let weak: Weak<SearchSync> = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                {
                    let Some(sync) = weak.upgrade() else { break };
                    tokio::select! {
                        _ = sync.notify.notified() => {}
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    }
                }
                let Some(sync) = weak.upgrade() else { break };
                let reference = reference.clone();
                let pass = sync.clone();
                let result = db.run(move |conn| pass.catch_up(conn, &reference)).await;
                sync.record(&result);
                let pause = match result {
                    Ok(changes) => pause_after(changes),
                    Err(e) => {
                        tracing::warn!(error = %e, "search index sync failed; retrying");
                        Duration::ZERO
                    }
                };
                drop(sync);
                // Changes announced meanwhile are not lost: `notify` keeps a permit.
                tokio::time::sleep(pause).await;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_is_said_as_on_the_posts_page() {
        use matching::{Day, DayPart, Slot};
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 18).expect("a date");
        let once = Schedule::Once {
            date,
            parts: vec![DayPart::Evening, DayPart::Morning],
        };
        assert_eq!(
            schedule_summary(&once),
            "eenmalig op vrijdag 18 december 2026, 's ochtends en 's avonds"
        );
        let weekly = Schedule::Weekly {
            slots: vec![Slot {
                day: Day::Tue,
                part: DayPart::Afternoon,
            }],
            hours_per_week: None,
        };
        assert_eq!(schedule_summary(&weekly), "elke week: dinsdagmiddag");
        assert_eq!(
            schedule_summary(&Schedule::Flexible),
            "flexibel, in overleg"
        );
    }

    #[test]
    fn the_worker_rests_longer_the_more_a_pass_applied_up_to_half_a_second() {
        assert_eq!(pause_after(0), Duration::ZERO);
        assert_eq!(pause_after(1), Duration::from_millis(2));
        assert_eq!(pause_after(100), Duration::from_millis(200));
        assert_eq!(pause_after(250), MAX_PAUSE);
        assert_eq!(pause_after(usize::MAX), MAX_PAUSE);
    }
}
