//! The counts on the coordinator's *Vandaag* page: each one a query, so the page
//! says what the database holds, not a guess.

use chrono::{Months, NaiveDate, NaiveDateTime, TimeDelta};
use diesel::dsl::{exists, not};
use diesel::prelude::*;

use super::schema::{matches, outbox, posts, volunteer_profiles};
use super::DbConn;
use crate::domain::match_flow::MatchStatus;
use crate::domain::{PostKind, PostStatus};

/// Requests open this long without any response count as waiting too long.
pub const STALE_REQUEST_DAYS: i64 = 14;
/// Introductions without a decision for this long ask for a phone call.
pub const STALLED_INTRODUCTION_DAYS: i64 = 7;
/// VOGs that stop counting within this many days are renewed now.
pub const VOG_WARNING_DAYS: i64 = 60;

/// What needs attention today.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct TodayCounts {
    /// Posts waiting for review.
    pub pending_review: i64,
    /// Requests open for more than 14 days without a response.
    pub stale_requests: i64,
    /// Responses nobody has acted on yet.
    pub unhandled_responses: i64,
    /// Introductions without a decision after 7 days.
    pub stalled_introductions: i64,
    /// Valid VOGs whose validity ends within 60 days.
    pub vog_expiring: i64,
    /// Mail that could not be delivered.
    pub failed_mail: i64,
}

/// The counts as of `now`; a VOG counts for `vog_valid_years` after its issue date.
pub fn today(
    conn: &mut DbConn,
    now: NaiveDateTime,
    vog_valid_years: u32,
) -> QueryResult<TodayCounts> {
    Ok(TodayCounts {
        pending_review: posts::table
            .filter(posts::status.eq(PostStatus::PendingReview.as_str()))
            .count()
            .get_result(conn)?,
        stale_requests: stale_requests(conn, now)?,
        unhandled_responses: matches::table
            .filter(matches::status.eq(MatchStatus::Responded.as_str()))
            .count()
            .get_result(conn)?,
        stalled_introductions: matches::table
            .filter(matches::status.eq(MatchStatus::Introduced.as_str()))
            .filter(matches::updated_at.lt(now - TimeDelta::days(STALLED_INTRODUCTION_DAYS)))
            .count()
            .get_result(conn)?,
        vog_expiring: vog_expiring(conn, now.date(), vog_valid_years)?,
        failed_mail: outbox::table
            .filter(outbox::status.eq(super::outbox::FAILED))
            .count()
            .get_result(conn)?,
    })
}

fn stale_requests(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<i64> {
    let responded = matches::table
        .filter(matches::post_id.eq(posts::id))
        .filter(matches::status.ne(MatchStatus::Suggested.as_str()));
    posts::table
        .filter(posts::kind.eq(PostKind::Request.as_str()))
        .filter(posts::status.eq(PostStatus::Open.as_str()))
        .filter(posts::published_at.lt(now - TimeDelta::days(STALE_REQUEST_DAYS)))
        .filter(not(exists(responded)))
        .count()
        .get_result(conn)
}

/// Valid VOGs issued so long ago that they stop counting between today and 60 days
/// from now: issued between (today − years) and (today − years + 60 days).
fn vog_expiring(conn: &mut DbConn, today: NaiveDate, years: u32) -> QueryResult<i64> {
    let Some(first) = today.checked_sub_months(Months::new(years * 12)) else {
        return Ok(0);
    };
    let last = first + TimeDelta::days(VOG_WARNING_DAYS);
    volunteer_profiles::table
        .filter(volunteer_profiles::vog_status.eq("valid"))
        .filter(volunteer_profiles::vog_issued_on.ge(first))
        .filter(volunteer_profiles::vog_issued_on.le(last))
        .count()
        .get_result(conn)
}
