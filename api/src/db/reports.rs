//! What the annual report is made of: the milestones of every request and match up to
//! a moment, and counts of accounts. The queries select and aggregate on both
//! backends alike (plain columns, MIN/MAX/COUNT with GROUP BY); `app::reports` folds
//! the milestones into the figures, so one set of rows serves a year and the year
//! before it.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, max, min};
use diesel::prelude::*;

use super::schema::{accounts, match_events, matches, post_events, posts};
use super::DbConn;
use crate::domain::match_flow::{MatchOrigin, MatchStatus};
use crate::domain::{PostKind, PostStatus, Role};

/// One request as the report sees it: where it came from and when it reached each
/// milestone (only milestones before the report's end are loaded).
#[derive(Debug, Clone, PartialEq)]
pub struct RequestFacts {
    /// The post id.
    pub id: String,
    /// `self`, `network`, `referral` or `phone`.
    pub channel: String,
    /// The referrer type of a referral.
    pub referrer: Option<String>,
    /// Category slug.
    pub category: String,
    /// Place slug.
    pub place: String,
    /// When it was published (reached the list).
    pub published_at: NaiveDateTime,
    /// The first response by a volunteer.
    pub first_response_at: Option<NaiveDateTime>,
    /// The first confirmed match.
    pub matched_at: Option<NaiveDateTime>,
    /// When it was closed, why (`completed`, `no_match`, `withdrawn`, `expired`) and
    /// the words given with it.
    pub closed: Option<Closing>,
}

/// How a request was closed.
#[derive(Debug, Clone, PartialEq)]
pub struct Closing {
    /// When.
    pub at: NaiveDateTime,
    /// The close reason code.
    pub reason: String,
    /// The words given with it, if any.
    pub words: Option<String>,
}

/// One match on a request with its milestones.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchFacts {
    /// The match id.
    pub id: String,
    /// The category of its request.
    pub category: String,
    /// The volunteer.
    pub volunteer_id: String,
    /// When it was made (the response, or the coordinator's pick).
    pub created_at: NaiveDateTime,
    /// Whether a volunteer responded (rather than being picked).
    pub is_response: bool,
    /// When the coordinator confirmed it (it became active).
    pub confirmed_at: Option<NaiveDateTime>,
    /// When it ended, and whether it succeeded.
    pub ended: Option<(NaiveDateTime, bool)>,
}

/// id, channel, referrer, category, place.
type RequestRow = (String, String, Option<String>, String, String);
/// id, category, volunteer, created at, origin, outcome.
type MatchRow = (
    String,
    String,
    String,
    NaiveDateTime,
    String,
    Option<String>,
);

/// Every published request up to `until`, with its milestones before `until`. A
/// request counts from its first publication (`posts.published_at` moves when a
/// changed request is approved again, or a declined one reopens).
pub fn requests(conn: &mut DbConn, until: NaiveDateTime) -> QueryResult<Vec<RequestFacts>> {
    let rows: Vec<RequestRow> = posts::table
        .filter(posts::kind.eq(PostKind::Request.as_str()))
        .filter(posts::published_at.is_not_null())
        .select((
            posts::id,
            posts::intake_channel,
            posts::referrer,
            posts::category_slug,
            posts::place_slug,
        ))
        .load(conn)?;
    let first_response: HashMap<String, Option<NaiveDateTime>> = matches::table
        .inner_join(posts::table)
        .filter(posts::kind.eq(PostKind::Request.as_str()))
        .filter(matches::origin.eq(MatchOrigin::Response.as_str()))
        .filter(matches::created_at.lt(until))
        .group_by(matches::post_id)
        .select((matches::post_id, min(matches::created_at)))
        .load(conn)?
        .into_iter()
        .collect();
    let published = first_event(conn, PostStatus::Open, until)?;
    let matched = first_event(conn, PostStatus::Matched, until)?;
    let closed = closings(conn, until)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, channel, referrer, category, place)| {
            Some(RequestFacts {
                first_response_at: first_response.get(&id).copied().flatten(),
                matched_at: matched.get(&id).copied().flatten(),
                closed: closed.get(&id).cloned(),
                published_at: published.get(&id).copied().flatten()?,
                id,
                channel,
                referrer,
                category,
                place,
            })
        })
        .collect())
}

/// The first time each post reached `status` before `until`.
fn first_event(
    conn: &mut DbConn,
    status: PostStatus,
    until: NaiveDateTime,
) -> QueryResult<HashMap<String, Option<NaiveDateTime>>> {
    Ok(post_events::table
        .filter(post_events::to_status.eq(status.as_str()))
        .filter(post_events::at.lt(until))
        .group_by(post_events::post_id)
        .select((post_events::post_id, min(post_events::at)))
        .load(conn)?
        .into_iter()
        .collect())
}

/// The (last) closing of each request before `until`, with its reason.
fn closings(conn: &mut DbConn, until: NaiveDateTime) -> QueryResult<HashMap<String, Closing>> {
    let events: Vec<(String, NaiveDateTime, Option<String>, Option<String>)> = post_events::table
        .inner_join(posts::table)
        .filter(posts::kind.eq(PostKind::Request.as_str()))
        .filter(post_events::to_status.eq(PostStatus::Closed.as_str()))
        .filter(post_events::at.lt(until))
        .order(post_events::at)
        .select((
            post_events::post_id,
            post_events::at,
            posts::close_reason,
            post_events::reason,
        ))
        .load(conn)?;
    Ok(events
        .into_iter()
        .map(|(id, at, reason, words)| {
            let reason = reason.unwrap_or_else(|| "no_match".into());
            (id, Closing { at, reason, words })
        })
        .collect())
}

/// Every match on a request made before `until`, with its milestones before `until`.
pub fn matches(conn: &mut DbConn, until: NaiveDateTime) -> QueryResult<Vec<MatchFacts>> {
    let rows: Vec<MatchRow> = matches::table
        .inner_join(posts::table)
        .filter(posts::kind.eq(PostKind::Request.as_str()))
        .filter(matches::created_at.lt(until))
        .select((
            matches::id,
            posts::category_slug,
            matches::volunteer_id,
            matches::created_at,
            matches::origin,
            matches::outcome,
        ))
        .load(conn)?;
    let confirmed = match_milestone(conn, MatchStatus::Active, until)?;
    let ended = match_milestone(conn, MatchStatus::Ended, until)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, category, volunteer_id, created_at, origin, outcome)| {
                let ended_at = ended.get(&id).copied().flatten();
                let confirmed_at = confirmed.get(&id).copied().flatten();
                MatchFacts {
                    id,
                    category,
                    volunteer_id,
                    created_at,
                    is_response: origin == MatchOrigin::Response.as_str(),
                    confirmed_at,
                    ended: ended_at.map(|at| (at, outcome.as_deref() == Some("succeeded"))),
                }
            },
        )
        .collect())
}

/// When each match reached `status` before `until` (the last time, for the end).
fn match_milestone(
    conn: &mut DbConn,
    status: MatchStatus,
    until: NaiveDateTime,
) -> QueryResult<HashMap<String, Option<NaiveDateTime>>> {
    Ok(match_events::table
        .filter(match_events::to_status.eq(status.as_str()))
        .filter(match_events::at.lt(until))
        .group_by(match_events::match_id)
        .select((match_events::match_id, max(match_events::at)))
        .load(conn)?
        .into_iter()
        .collect())
}

/// Accounts of one role: registered at `until`, new and departed in `[from, until)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountCounts {
    /// Registered (created before `until`, not deleted before it).
    pub registered: i64,
    /// Created in the period.
    pub new: i64,
    /// Deleted in the period.
    pub departed: i64,
}

/// The account counts of `role` for the period `[from, until)`.
pub fn accounts(
    conn: &mut DbConn,
    role: Role,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<AccountCounts> {
    let of_role = || accounts::table.filter(accounts::role.eq(role.as_str()));
    Ok(AccountCounts {
        registered: of_role()
            .filter(accounts::created_at.lt(until))
            .filter(
                accounts::deleted_at
                    .is_null()
                    .or(accounts::deleted_at.ge(until)),
            )
            .select(count_star())
            .get_result(conn)?,
        new: of_role()
            .filter(accounts::created_at.ge(from))
            .filter(accounts::created_at.lt(until))
            .select(count_star())
            .get_result(conn)?,
        departed: of_role()
            .filter(accounts::deleted_at.ge(from))
            .filter(accounts::deleted_at.lt(until))
            .select(count_star())
            .get_result(conn)?,
    })
}

/// Organisations with a vacancy published in `[from, until)`.
pub fn organisations_active(
    conn: &mut DbConn,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<i64> {
    posts::table
        .filter(posts::kind.eq(PostKind::Vacancy.as_str()))
        .filter(posts::published_at.ge(from))
        .filter(posts::published_at.lt(until))
        .select(posts::author_id)
        .distinct()
        .load::<String>(conn)
        .map(|authors| authors.len() as i64)
}

/// Volunteers with a place and the categories of their talents, for supply and
/// demand: (account id, place slug, reach in km, category slugs).
pub fn volunteer_supply(conn: &mut DbConn) -> QueryResult<Vec<(String, String, i32, String)>> {
    use super::schema::{talents, volunteer_profiles, volunteer_talents};
    volunteer_talents::table
        .inner_join(talents::table.on(talents::slug.eq(volunteer_talents::talent_slug)))
        .inner_join(
            volunteer_profiles::table
                .on(volunteer_profiles::account_id.eq(volunteer_talents::account_id)),
        )
        .inner_join(accounts::table.on(accounts::id.eq(volunteer_talents::account_id)))
        .filter(accounts::role.eq(Role::Volunteer.as_str()))
        .filter(accounts::deleted_at.is_null())
        .filter(talents::category_slug.is_not_null())
        .filter(volunteer_profiles::place_slug.is_not_null())
        .select((
            volunteer_talents::account_id,
            volunteer_profiles::place_slug.assume_not_null(),
            volunteer_profiles::max_distance_km,
            talents::category_slug.assume_not_null(),
        ))
        .distinct()
        .load(conn)
}
