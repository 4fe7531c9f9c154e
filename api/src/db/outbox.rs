//! The e-mail outbox: mails are written here in the same transaction as the change
//! that caused them, and a worker claims due rows, sends them and records the result.
//!
//! A claim pushes `next_attempt_at` one lease ahead and counts the attempt, so a
//! worker that dies mid-send leaves the row to be retried after the lease, and two
//! workers never send the same row at once (PostgreSQL: `FOR UPDATE SKIP LOCKED`;
//! SQLite has one writer).

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::schema::outbox;
use super::{new_id, now, DbConn};
use crate::mail::Email;

/// Waiting to be sent (first time or again).
pub const PENDING: &str = "pending";
/// Accepted by the transport.
pub const SENT: &str = "sent";
/// Given up: a permanent refusal, or too many attempts.
pub const FAILED: &str = "failed";

/// A mail as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    /// Id (also the Message-ID's local part).
    pub id: String,
    /// Which template (`verify_email`, `match_introduced`, ...).
    pub kind: String,
    /// Address.
    pub recipient: String,
    /// Display name.
    pub recipient_name: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body_text: String,
    /// HTML body.
    pub body_html: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts so far (including the current claim).
    pub attempts: i32,
    /// When it is due.
    pub next_attempt_at: NaiveDateTime,
    /// The last transport error.
    pub last_error: Option<String>,
    /// Queued.
    pub created_at: NaiveDateTime,
    /// Accepted by the transport.
    pub sent_at: Option<NaiveDateTime>,
}

/// Queues a mail; call inside the transaction of the change it reports.
pub fn enqueue(conn: &mut DbConn, mail: &Email) -> QueryResult<String> {
    let id = new_id();
    let at = now();
    diesel::insert_into(outbox::table)
        .values((
            outbox::id.eq(&id),
            outbox::kind.eq(mail.kind),
            outbox::recipient.eq(&mail.to),
            outbox::recipient_name.eq(&mail.to_name),
            outbox::subject.eq(&mail.subject),
            outbox::body_text.eq(&mail.text),
            outbox::body_html.eq(&mail.html),
            outbox::status.eq(PENDING),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(at),
            outbox::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Claims up to `limit` due mails for one attempt each, holding them for `lease`.
pub fn claim_due(conn: &mut DbConn, limit: i64, lease: TimeDelta) -> QueryResult<Vec<OutboxRow>> {
    // The worker polls every second: a plain read first keeps an idle poll from
    // taking SQLite's write lock.
    let due_now = diesel::select(diesel::dsl::exists(
        outbox::table
            .filter(outbox::status.eq(PENDING))
            .filter(outbox::next_attempt_at.le(now())),
    ))
    .get_result::<bool>(conn)?;
    if !due_now {
        return Ok(Vec::new());
    }
    // On PostgreSQL row locks (SKIP LOCKED) keep two nodes from claiming one mail.
    super::write_transaction(conn, |conn| claim(conn, limit, lease))
}

fn claim(conn: &mut DbConn, limit: i64, lease: TimeDelta) -> QueryResult<Vec<OutboxRow>> {
    let at = now();
    let due = || {
        outbox::table
            .filter(outbox::status.eq(PENDING))
            .filter(outbox::next_attempt_at.le(at))
            .order((outbox::next_attempt_at, outbox::id))
            .limit(limit)
            .select(outbox::id)
    };
    let ids: Vec<String> = match conn {
        DbConn::Postgres(pg) => due().for_update().skip_locked().load(pg)?,
        DbConn::Sqlite(lite) => due().load(lite)?,
    };
    diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::next_attempt_at.eq(at + lease),
        ))
        .execute(conn)?;
    outbox::table
        .filter(outbox::id.eq_any(&ids))
        .order((outbox::created_at, outbox::id))
        .select(OutboxRow::as_select())
        .load(conn)
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Attempt<'a> {
    /// The transport accepted the mail.
    Sent,
    /// It failed; try again at `next`.
    Retry {
        /// When.
        next: NaiveDateTime,
        /// Why it failed.
        error: &'a str,
    },
    /// Given up, keeping the reason.
    Failed {
        /// Why.
        error: &'a str,
    },
}

/// Records the end of the attempt that claimed the mail with `claimed_attempts`. Only
/// that claim may record: when a slow attempt outlived its lease and another took the
/// mail over, this returns false and changes nothing. With `forget_body` (mail with a
/// one-time link), a finished mail keeps no text.
pub fn record_attempt(
    conn: &mut DbConn,
    id: &str,
    claimed_attempts: i32,
    attempt: Attempt<'_>,
    forget_body: bool,
) -> QueryResult<bool> {
    // One transaction: nobody may see a finished mail that still holds its link.
    super::write_transaction(conn, |conn| {
        let claim = || {
            outbox::table
                .filter(outbox::id.eq(id))
                .filter(outbox::status.eq(PENDING))
                .filter(outbox::attempts.eq(claimed_attempts))
        };
        let updated = match attempt {
            Attempt::Sent => diesel::update(claim())
                .set((
                    outbox::status.eq(SENT),
                    outbox::sent_at.eq(Some(now())),
                    outbox::last_error.eq(None::<String>),
                ))
                .execute(conn)?,
            Attempt::Retry { next, error } => diesel::update(claim())
                .set((
                    outbox::next_attempt_at.eq(next),
                    outbox::last_error.eq(Some(error)),
                ))
                .execute(conn)?,
            Attempt::Failed { error } => diesel::update(claim())
                .set((
                    outbox::status.eq(FAILED),
                    outbox::last_error.eq(Some(error)),
                ))
                .execute(conn)?,
        };
        let finished = !matches!(attempt, Attempt::Retry { .. });
        if updated == 1 && finished && forget_body {
            diesel::update(outbox::table.filter(outbox::id.eq(id)))
                .set((outbox::body_text.eq(""), outbox::body_html.eq("")))
                .execute(conn)?;
        }
        Ok(updated == 1)
    })
}

/// Mails per status (`pending`, `sent`, `failed`), for metrics and health.
pub fn counts(conn: &mut DbConn) -> QueryResult<Vec<(String, i64)>> {
    outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .load(conn)
}

/// Every mail, oldest first (tests and support).
pub fn all(conn: &mut DbConn) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .order((outbox::created_at, outbox::id))
        .select(OutboxRow::as_select())
        .load(conn)
}

/// One mail, if it exists.
pub fn get(conn: &mut DbConn, id: &str) -> QueryResult<Option<OutboxRow>> {
    outbox::table
        .filter(outbox::id.eq(id))
        .select(OutboxRow::as_select())
        .first(conn)
        .optional()
}

/// Mails newest first, optionally of one status, with the total.
pub fn list(
    conn: &mut DbConn,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<(i64, Vec<OutboxRow>)> {
    let filtered = || {
        let mut q = outbox::table.into_boxed::<<DbConn as diesel::Connection>::Backend>();
        if let Some(s) = status {
            q = q.filter(outbox::status.eq(s.to_owned()));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((outbox::created_at.desc(), outbox::id))
        .limit(limit)
        .offset(offset)
        .select(OutboxRow::as_select())
        .load(conn)?;
    Ok((total, rows))
}

/// Puts a failed mail back in the queue for a fresh round of attempts. False when the
/// mail is not (any more) failed.
pub fn retry(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    let updated = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq(FAILED)),
    )
    .set((
        outbox::status.eq(PENDING),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Empties the bodies of finished mails: sent before `cutoff`, or failed and queued
/// before it. The log of who was mailed what subject and when stays; the personal
/// content does not.
pub fn forget_old_bodies(conn: &mut DbConn, cutoff: NaiveDateTime) -> QueryResult<usize> {
    let sent_long_ago = outbox::status.eq(SENT).and(outbox::sent_at.lt(cutoff));
    let failed_long_ago = outbox::status.eq(FAILED).and(outbox::created_at.lt(cutoff));
    diesel::update(
        outbox::table
            .filter(sent_long_ago.or(failed_long_ago))
            .filter(outbox::body_text.ne("")),
    )
    .set((outbox::body_text.eq(""), outbox::body_html.eq("")))
    .execute(conn)
}

/// For a deleted account: mail still waiting for `address` is dropped, and the log of
/// mail already sent keeps only subject and dates, under `replacement`.
pub fn forget_recipient(conn: &mut DbConn, address: &str, replacement: &str) -> QueryResult<()> {
    diesel::delete(
        outbox::table
            .filter(outbox::recipient.eq(address))
            .filter(outbox::status.ne(SENT)),
    )
    .execute(conn)?;
    diesel::update(outbox::table.filter(outbox::recipient.eq(address)))
        .set((
            outbox::recipient.eq(replacement),
            outbox::recipient_name.eq(""),
            outbox::body_text.eq(""),
            outbox::body_html.eq(""),
        ))
        .execute(conn)?;
    Ok(())
}

/// The mails to `address`, oldest first (for the export).
pub fn sent_to(conn: &mut DbConn, address: &str) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::recipient.eq(address))
        .order((outbox::created_at, outbox::id))
        .select(OutboxRow::as_select())
        .load(conn)
}
