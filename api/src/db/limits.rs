//! What one account did in a recent window, for the per-account caps: posts made,
//! responses given, messages sent. Counted in the database, so every node of a
//! cluster on one PostgreSQL database sees the same numbers.

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, min};
use diesel::prelude::*;

use super::schema::{match_messages, matches, posts};
use super::DbConn;
use crate::domain::match_flow::MatchOrigin;

/// How many since `since`, and when the oldest of them was (the window frees up an
/// hour after that).
pub type Recent = (i64, Option<NaiveDateTime>);

/// Posts the account made since `since`.
pub fn posts(conn: &mut DbConn, account_id: &str, since: NaiveDateTime) -> QueryResult<Recent> {
    posts::table
        .filter(posts::author_id.eq(account_id))
        .filter(posts::created_at.gt(since))
        .select((count_star(), min(posts::created_at)))
        .first(conn)
}

/// Responses (*reacties*) the volunteer gave since `since`.
pub fn responses(conn: &mut DbConn, account_id: &str, since: NaiveDateTime) -> QueryResult<Recent> {
    matches::table
        .filter(matches::volunteer_id.eq(account_id))
        .filter(matches::origin.eq(MatchOrigin::Response.as_str()))
        .filter(matches::created_at.gt(since))
        .select((count_star(), min(matches::created_at)))
        .first(conn)
}

/// Platform messages the account sent since `since`.
pub fn messages(conn: &mut DbConn, account_id: &str, since: NaiveDateTime) -> QueryResult<Recent> {
    match_messages::table
        .filter(match_messages::sender_id.eq(account_id))
        .filter(match_messages::created_at.gt(since))
        .select((count_star(), min(match_messages::created_at)))
        .first(conn)
}
