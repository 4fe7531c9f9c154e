//! Failed logins per address, for the lock that grows with repeated failures (see
//! `app::limits::LoginPolicy`). Addresses are kept as a SHA-256, also for addresses
//! nobody has: the lock must be the same for both, or it would tell which exist.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::schema::login_failures;
use super::DbConn;

/// Failures older than this no longer count.
pub const FORGET_AFTER_HOURS: i64 = 24;

/// The key for an address (lower-cased before hashing).
pub fn key(email: &str) -> String {
    super::account_tokens::hash(&email.trim().to_lowercase())
}

/// What is on record for an address at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureState {
    /// Whether failures are on record (a success then has something to forget).
    pub recorded: bool,
    /// Until when logins are locked, if they are at `now`.
    pub locked_until: Option<NaiveDateTime>,
}

/// The failures on record for `key` as of `now`.
pub fn state(conn: &mut DbConn, key: &str, now: NaiveDateTime) -> QueryResult<FailureState> {
    let until: Option<Option<NaiveDateTime>> = login_failures::table
        .find(key)
        .select(login_failures::locked_until)
        .first(conn)
        .optional()?;
    Ok(FailureState {
        recorded: until.is_some(),
        locked_until: until.flatten().filter(|until| *until > now),
    })
}

/// Counts one more failure and sets the lock `lock_for(failures)` says; returns the
/// number of failures now counted.
pub fn record_failure(
    conn: &mut DbConn,
    key: &str,
    now: NaiveDateTime,
    lock_for: impl Fn(i32) -> Option<TimeDelta>,
) -> QueryResult<i32> {
    super::write_transaction(conn, |conn| {
        let known: Option<(i32, NaiveDateTime)> = login_failures::table
            .find(key)
            .select((login_failures::failures, login_failures::last_failure_at))
            .first(conn)
            .optional()?;
        let fresh = known
            .filter(|(_, last)| now - *last < TimeDelta::hours(FORGET_AFTER_HOURS))
            .map_or(0, |(failures, _)| failures);
        let failures = fresh + 1;
        let locked_until = lock_for(failures).map(|lock| now + lock);
        diesel::delete(login_failures::table.find(key)).execute(conn)?;
        diesel::insert_into(login_failures::table)
            .values((
                login_failures::email_hash.eq(key),
                login_failures::failures.eq(failures),
                login_failures::locked_until.eq(locked_until),
                login_failures::last_failure_at.eq(now),
            ))
            .execute(conn)?;
        Ok(failures)
    })
}

/// Forgets the failures for `key` (after a successful login).
pub fn clear(conn: &mut DbConn, key: &str) -> QueryResult<()> {
    diesel::delete(login_failures::table.find(key)).execute(conn)?;
    Ok(())
}
