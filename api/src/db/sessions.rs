//! Browser sessions (the `noaber_session` cookie) and the account's session version.
//! A row's id is the SHA-256 of the cookie's secret (hashed as one-time tokens are,
//! see [`account_tokens::hash`]); the secret itself is never stored.
//!
//! [`end_all`] is the one way to end every session and access token of an account:
//! it deletes the account's session rows and bumps `accounts.session_version`, which
//! every access token carries, in the caller's transaction.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::account_tokens;
use super::schema::{accounts, sessions};
use super::{now, DbConn};

/// Who a live session belongs to, as the extractor needs it (one query).
#[derive(Debug, Clone)]
pub struct LiveSession {
    /// Account id.
    pub account_id: String,
    /// The account's role now (text as stored).
    pub role: String,
    /// The token the page must send back in `X-CSRF-Token`.
    pub csrf_token: String,
}

/// Starts a session for `account_id` with the cookie secret `secret`, valid for
/// `ttl`; returns when it expires.
pub fn create(
    conn: &mut DbConn,
    account_id: &str,
    secret: &str,
    csrf_token: &str,
    ttl: TimeDelta,
) -> QueryResult<NaiveDateTime> {
    let at = now();
    let expires = at + ttl;
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(account_tokens::hash(secret)),
            sessions::account_id.eq(account_id),
            sessions::csrf_token.eq(csrf_token),
            sessions::created_at.eq(at),
            sessions::expires_at.eq(expires),
        ))
        .execute(conn)?;
    Ok(expires)
}

/// The session a cookie secret names, if it has not expired and its account is not
/// deleted: one query, whatever the answer.
pub fn live(conn: &mut DbConn, secret: &str) -> QueryResult<Option<LiveSession>> {
    sessions::table
        .inner_join(accounts::table)
        .filter(sessions::id.eq(account_tokens::hash(secret)))
        .filter(sessions::expires_at.gt(now()))
        .filter(accounts::deleted_at.is_null())
        .select((accounts::id, accounts::role, sessions::csrf_token))
        .first::<(String, String, String)>(conn)
        .optional()
        .map(|found| {
            found.map(|(account_id, role, csrf_token)| LiveSession {
                account_id,
                role,
                csrf_token,
            })
        })
}

/// As [`live`], with the whole account row (for `GET /auth/session`, which shows it).
pub fn live_account(
    conn: &mut DbConn,
    secret: &str,
) -> QueryResult<Option<(super::accounts::Account, String)>> {
    sessions::table
        .inner_join(accounts::table)
        .filter(sessions::id.eq(account_tokens::hash(secret)))
        .filter(sessions::expires_at.gt(now()))
        .filter(accounts::deleted_at.is_null())
        .select((super::accounts::Account::as_select(), sessions::csrf_token))
        .first(conn)
        .optional()
}

/// Ends the session a cookie secret names (nothing when there is none).
pub fn end(conn: &mut DbConn, secret: &str) -> QueryResult<()> {
    diesel::delete(sessions::table.find(account_tokens::hash(secret)))
        .execute(conn)
        .map(drop)
}

/// Ends every session and every access token of an account: deletes its sessions
/// and bumps its session version, so tokens issued before no longer count. Run it in
/// the transaction of the change that calls for it (password, role, deletion).
pub fn end_all(conn: &mut DbConn, account_id: &str) -> QueryResult<()> {
    diesel::update(accounts::table.find(account_id))
        .set(accounts::session_version.eq(accounts::session_version + 1))
        .execute(conn)?;
    diesel::delete(sessions::table.filter(sessions::account_id.eq(account_id)))
        .execute(conn)
        .map(drop)
}

/// Deletes sessions that have expired (they no longer work anyway); run now and then,
/// e.g. on login, so the table does not grow with sessions nobody ended.
pub fn delete_expired(conn: &mut DbConn) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expires_at.le(now()))).execute(conn)
}

/// How many sessions an account has (tests and operators).
pub fn count(conn: &mut DbConn, account_id: &str) -> QueryResult<i64> {
    sessions::table
        .filter(sessions::account_id.eq(account_id))
        .count()
        .get_result(conn)
}
