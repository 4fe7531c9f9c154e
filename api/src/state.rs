//! `AppState`: what the use cases and handlers can reach (storage, reference data,
//! keys, workers), and [`Signals`]: which workers to wake after a change committed.
//!
//! It sits below `app` and `routes` and imports neither, so the layers form no circle:
//! `domain` ← `db` ← `state` ← `app` ← `routes` ← `startup`.

use std::sync::Arc;

use crate::auth::{LinkKeys, TokenKeys};
use crate::config::Settings;
use crate::db::Db;
use crate::mail::worker::Mailer;
use crate::mail::Links;
use crate::metrics::Metrics;
use crate::pool::VolunteerPool;
use crate::reference::Reference;
use crate::search_sync::SearchSync;

/// What every use case and handler can reach.
pub struct AppState {
    /// Storage.
    pub db: Db,
    /// Places, categories, talents.
    pub reference: Arc<Reference>,
    /// Token signing.
    pub tokens: TokenKeys,
    /// Signing of the one-click links in follow-up mails.
    pub link_keys: Arc<LinkKeys>,
    /// Settings as started.
    pub settings: Settings,
    /// Prometheus registry.
    pub metrics: Metrics,
    /// Volunteers as the matcher sees them.
    pub pool: VolunteerPool,
    /// The search index and its sync with the database.
    pub search: Arc<SearchSync>,
    /// Sends what the outbox holds.
    pub mailer: Arc<Mailer>,
    /// Links in mails.
    pub links: Links,
}

/// Which workers a committed change concerns. The change logs and the outbox are
/// written in the change's own transaction, so a missed signal only delays the work
/// until the workers' next poll; a signal sent before the commit would be a race.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Signals {
    /// A post changed: the search index should catch up.
    pub search: bool,
    /// Mail was queued in the outbox.
    pub mail: bool,
}

impl Signals {
    /// Both signals of `self` and `other`.
    pub fn merge(self, other: Signals) -> Signals {
        Signals {
            search: self.search || other.search,
            mail: self.mail || other.mail,
        }
    }
}

impl AppState {
    /// Wakes the workers a committed change concerns.
    pub fn send(&self, signals: Signals) {
        if signals.search {
            self.search.changed();
        }
        if signals.mail {
            self.mailer.queued();
        }
    }
}
