//! Use cases: one function per thing a person (or a job) does — create a post,
//! respond, confirm a match, delete an account. Each takes the caller and parsed
//! input, checks who may do it, and makes the whole change in ONE transaction: the
//! state change and its history, the audit entry, the mails in the outbox and the
//! change-log rows for search and matching. Only after the commit are the workers
//! woken ([`Signals`]). Handlers, the CLI and scheduled jobs call these functions, so
//! a rule has one home; nothing here knows HTTP.
//!
//! Layers (each imports only those to its left):
//! `domain` ← `db` ← `state`/`views` ← `app` ← `routes` ← `startup`.

pub mod access;
pub mod accounts;
pub mod alerts;
pub mod audit;
pub mod decisions;
pub mod desk;
pub mod follow_ups;
pub mod limits;
pub mod mail;
pub mod matches;
pub mod notify;
pub mod parties;
pub mod plan;
pub mod posts;
pub mod reports;
pub mod suggestions;
pub mod volunteers;

use diesel::QueryResult;

use crate::auth::Caller;
use crate::db::{outbox, write_transaction, DbConn};
use crate::error::ApiError;
use crate::mail::{Email, Links};
use crate::reference::Reference;
use crate::state::{AppState, Signals};

/// One unit of work on one connection: what a use case may touch, and which workers
/// to wake once it has committed.
pub struct Tx<'a> {
    /// The connection (inside the transaction, for [`change`]).
    pub conn: &'a mut DbConn,
    /// Places, categories, talents.
    pub reference: &'a Reference,
    /// Links in mails.
    pub links: &'a Links,
    /// How many years a VOG counts after its issue date (from the settings).
    pub vog_valid_years: u32,
    signals: Signals,
}

impl<'a> Tx<'a> {
    /// Work on `conn`.
    pub fn new(
        conn: &'a mut DbConn,
        reference: &'a Reference,
        links: &'a Links,
        vog_valid_years: u32,
    ) -> Tx<'a> {
        Tx {
            conn,
            reference,
            links,
            vog_valid_years,
            signals: Signals::default(),
        }
    }

    /// A post changed: the search index should catch up after the commit.
    pub fn search_changed(&mut self) {
        self.signals.search = true;
    }

    /// Queues a mail in the outbox (sent after the commit).
    pub fn send_mail(&mut self, mail: &Email) -> QueryResult<()> {
        outbox::enqueue(self.conn, mail)?;
        self.signals.mail = true;
        Ok(())
    }

    /// A mail was put back in the queue: the mail worker should look.
    pub fn mail_requeued(&mut self) {
        self.signals.mail = true;
    }

    /// The workers to wake.
    pub fn signals(&self) -> Signals {
        self.signals
    }

    /// Notes in the audit log that a coordinator looked at or changed someone's
    /// personal data (other callers only ever see their own).
    pub fn audit(&mut self, caller: &Caller, entry: Audit<'_>) -> QueryResult<()> {
        if !caller.is_coordinator() {
            return Ok(());
        }
        self.record_audit(&caller.id, entry)
    }

    /// Notes an audit entry by `actor_id`, whatever their role.
    pub fn record_audit(&mut self, actor_id: &str, entry: Audit<'_>) -> QueryResult<()> {
        crate::db::audit::record(
            self.conn,
            &crate::db::audit::Entry {
                actor_id,
                action: entry.action,
                subject_type: entry.subject_type,
                subject_id: entry.subject_id,
                detail: entry.detail,
            },
        )
    }
}

/// An audit entry: `view` or `change`, of what, which, and a few words.
#[derive(Debug, Clone, Copy)]
pub struct Audit<'a> {
    /// `view` or `change`.
    pub action: &'static str,
    /// Kind of subject (`post`, `match`, `volunteer`, ...).
    pub subject_type: &'static str,
    /// Which.
    pub subject_id: &'a str,
    /// What, in Dutch.
    pub detail: &'static str,
}

impl<'a> Audit<'a> {
    /// A look at personal data.
    pub fn view(subject_type: &'static str, subject_id: &'a str, detail: &'static str) -> Self {
        Audit {
            action: "view",
            subject_type,
            subject_id,
            detail,
        }
    }

    /// A change to it.
    pub fn change(subject_type: &'static str, subject_id: &'a str, detail: &'static str) -> Self {
        Audit {
            action: "change",
            subject_type,
            subject_id,
            detail,
        }
    }
}

/// Runs `work` in one write transaction on the blocking pool; after the commit, wakes
/// the workers it concerns. An error rolls everything back (mails included).
pub async fn change<T, F>(state: &AppState, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Tx<'_>) -> Result<T, ApiError> + Send + 'static,
{
    let (reference, links) = (state.reference.clone(), state.links.clone());
    let years = state.settings.matching.vog_valid_years;
    let (value, signals) = state
        .db
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let mut tx = Tx::new(conn, &reference, &links, years);
                let value = work(&mut tx)?;
                Ok::<_, ApiError>((value, tx.signals()))
            })
        })
        .await?;
    state.send(signals);
    Ok(value)
}

/// Runs `work` that only reads (and may note an audit entry) in one trip to the
/// blocking pool, without taking the write lock.
pub async fn read<T, F>(state: &AppState, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Tx<'_>) -> Result<T, ApiError> + Send + 'static,
{
    let (reference, links) = (state.reference.clone(), state.links.clone());
    let years = state.settings.matching.vog_valid_years;
    state
        .db
        .run(move |conn| work(&mut Tx::new(conn, &reference, &links, years)))
        .await
}
