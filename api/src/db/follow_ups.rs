//! Follow-ups as stored: each question, reminder or alert once per (kind, subject,
//! occasion), with the answer to a question. See `app::follow_ups` for the jobs.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::follow_ups;
use super::{new_id, DbConn};

/// One follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = follow_ups)]
pub struct FollowUpRow {
    /// Id (the subject of the answer links).
    pub id: String,
    /// What kind (`still_current`, `contact`, ...).
    pub kind: String,
    /// The post, match, account or saved search it is about.
    pub subject_id: String,
    /// Which time (a period number, a date, a party).
    pub occasion: String,
    /// When it was sent.
    pub asked_at: NaiveDateTime,
    /// The answer, for questions.
    pub answer: Option<String>,
    /// When it was answered.
    pub answered_at: Option<NaiveDateTime>,
}

/// Claims (kind, subject, occasion) at `at`: the new follow-up's id, or `None` when it
/// was sent before (by this node or another). Call it inside the transaction that
/// queues the mail, so the claim and the mail commit or roll back together; the
/// unique key settles a race (in a savepoint, so the outer transaction lives on).
pub fn claim(
    conn: &mut DbConn,
    kind: &str,
    subject_id: &str,
    occasion: &str,
    at: NaiveDateTime,
) -> QueryResult<Option<String>> {
    let id = new_id();
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(follow_ups::table)
            .values((
                follow_ups::id.eq(&id),
                follow_ups::kind.eq(kind),
                follow_ups::subject_id.eq(subject_id),
                follow_ups::occasion.eq(occasion),
                follow_ups::asked_at.eq(at),
            ))
            .execute(conn)
    });
    match inserted {
        Ok(_) => Ok(Some(id)),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(None),
        Err(e) => Err(e),
    }
}

/// One follow-up by id.
pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<FollowUpRow>> {
    follow_ups::table
        .find(id)
        .select(FollowUpRow::as_select())
        .first(conn)
        .optional()
}

/// Records an answer (a later answer replaces an earlier one).
pub fn answer(conn: &mut DbConn, id: &str, answer: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(follow_ups::table.find(id))
        .set((
            follow_ups::answer.eq(Some(answer)),
            follow_ups::answered_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Questions of `kind` asked before `before` and still without an answer.
pub fn unanswered(
    conn: &mut DbConn,
    kind: &str,
    before: NaiveDateTime,
) -> QueryResult<Vec<FollowUpRow>> {
    follow_ups::table
        .filter(follow_ups::kind.eq(kind))
        .filter(follow_ups::answered_at.is_null())
        .filter(follow_ups::asked_at.lt(before))
        .order(follow_ups::asked_at)
        .select(FollowUpRow::as_select())
        .load(conn)
}

/// Answers given in `[from, until)`, oldest first.
pub fn answered_between(
    conn: &mut DbConn,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<Vec<FollowUpRow>> {
    follow_ups::table
        .filter(follow_ups::answered_at.ge(from))
        .filter(follow_ups::answered_at.lt(until))
        .order(follow_ups::answered_at)
        .select(FollowUpRow::as_select())
        .load(conn)
}

/// The (subject, occasion) pairs of `kind` sent so far.
pub fn sent_pairs(
    conn: &mut DbConn,
    kind: &str,
) -> QueryResult<std::collections::HashSet<(String, String)>> {
    Ok(follow_ups::table
        .filter(follow_ups::kind.eq(kind))
        .select((follow_ups::subject_id, follow_ups::occasion))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// Open requests (no volunteer introduced or confirmed) published before `before`:
/// id and publication moment.
pub fn requests_open_since(
    conn: &mut DbConn,
    before: NaiveDateTime,
) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    use super::schema::posts;
    use crate::domain::{PostKind, PostStatus};
    let rows: Vec<(String, Option<NaiveDateTime>)> = posts::table
        .filter(posts::kind.eq(PostKind::Request.as_str()))
        .filter(posts::status.eq(PostStatus::Open.as_str()))
        .filter(posts::published_at.le(before))
        .select((posts::id, posts::published_at))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, at)| Some((id, at?)))
        .collect())
}

/// Matches on posts of `kinds` in `status` whose last move was before `before`.
pub fn matches_waiting(
    conn: &mut DbConn,
    status: crate::domain::match_flow::MatchStatus,
    before: NaiveDateTime,
    kinds: &[crate::domain::PostKind],
) -> QueryResult<Vec<String>> {
    use super::schema::{matches, posts};
    let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    matches::table
        .inner_join(posts::table)
        .filter(posts::kind.eq_any(kinds))
        .filter(matches::status.eq(status.as_str()))
        .filter(matches::updated_at.le(before))
        .select(matches::id)
        .load(conn)
}

/// Live coordinators who have not opted out of the daily digest.
pub fn digest_readers(conn: &mut DbConn) -> QueryResult<Vec<super::accounts::Account>> {
    use super::accounts::Account;
    use super::schema::{accounts, digest_opt_outs};
    accounts::table
        .filter(accounts::role.eq(crate::domain::Role::Coordinator.as_str()))
        .filter(accounts::deleted_at.is_null())
        .filter(diesel::dsl::not(accounts::id.eq_any(
            digest_opt_outs::table.select(digest_opt_outs::account_id),
        )))
        .select(Account::as_select())
        .load(conn)
}

/// Turns the daily digest off (or on again) for a coordinator.
pub fn set_digest(
    conn: &mut DbConn,
    account_id: &str,
    wanted: bool,
    at: NaiveDateTime,
) -> QueryResult<()> {
    use super::schema::digest_opt_outs;
    diesel::delete(digest_opt_outs::table.find(account_id)).execute(conn)?;
    if !wanted {
        diesel::insert_into(digest_opt_outs::table)
            .values((
                digest_opt_outs::account_id.eq(account_id),
                digest_opt_outs::at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Whether a coordinator gets the daily digest.
pub fn wants_digest(conn: &mut DbConn, account_id: &str) -> QueryResult<bool> {
    use super::schema::digest_opt_outs;
    let out: i64 = digest_opt_outs::table
        .find(account_id)
        .count()
        .get_result(conn)?;
    Ok(out == 0)
}

/// Matches on requests declined with `reason` (the note a closing request leaves on
/// its responses) in `[from, until)`, that both sides knew of: the volunteer
/// responded, or the coordinator introduced them (a pick the parties never saw is
/// left out).
pub fn matches_closed_with_request(
    conn: &mut DbConn,
    reason: &str,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<Vec<String>> {
    use super::schema::{match_events, matches, posts};
    use crate::domain::match_flow::MatchStatus;
    let known = match_events::table
        .filter(match_events::to_status.eq_any([
            MatchStatus::Responded.as_str(),
            MatchStatus::Introduced.as_str(),
        ]))
        .select(match_events::match_id);
    matches::table
        .inner_join(posts::table)
        .filter(posts::kind.eq(crate::domain::PostKind::Request.as_str()))
        .filter(matches::status.eq(MatchStatus::Declined.as_str()))
        .filter(matches::id.eq_any(known))
        .filter(matches::reason.eq(reason))
        .filter(matches::updated_at.ge(from))
        .filter(matches::updated_at.lt(until))
        .select(matches::id)
        .load(conn)
}

/// Matches reported with *ja* to a contact question (a week after the response, or
/// after the request closed), with when the first *ja* came, up to `until`: help
/// arranged outside the Servicepunt (the report leaves out those it confirmed).
pub fn outside_matches(
    conn: &mut DbConn,
    until: NaiveDateTime,
) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    let rows: Vec<(String, Option<NaiveDateTime>)> = follow_ups::table
        .filter(follow_ups::kind.eq_any(["contact", "closed_contact"]))
        .filter(follow_ups::answer.eq("ja"))
        .filter(follow_ups::answered_at.lt(until))
        .select((follow_ups::subject_id, follow_ups::answered_at))
        .load(conn)?;
    let mut first: std::collections::HashMap<String, NaiveDateTime> = Default::default();
    for (subject, at) in rows {
        if let Some(at) = at {
            first
                .entry(subject)
                .and_modify(|t| *t = (*t).min(at))
                .or_insert(at);
        }
    }
    Ok(first.into_iter().collect())
}
