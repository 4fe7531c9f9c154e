//! The counts on the coordinator's *Vandaag* page: each one a query, so the page
//! says what the database holds, not a guess.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use super::posts::ListFilter;
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
    /// Running matches whose agreed period ends this month (or has ended).
    pub agreements_ending: i64,
    /// The last day of this month: the list of [`TodayCounts::agreements_ending`]
    /// is the running matches that end by then.
    #[schema(value_type = String, format = Date)]
    pub month_end: NaiveDate,
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
    // Dates people agree on are local dates.
    let day = crate::domain::local_date(now);
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
        agreements_ending: matches::table
            .filter(matches::status.eq(MatchStatus::Active.as_str()))
            .filter(matches::agreed_until.le(month_end(day)))
            .count()
            .get_result(conn)?,
        month_end: month_end(day),
        vog_expiring: vog_expiring(conn, day, vog_valid_years)?,
        failed_mail: outbox::table
            .filter(outbox::status.eq(super::outbox::FAILED))
            .count()
            .get_result(conn)?,
    })
}

/// The last day of `day`'s month.
pub fn month_end(day: NaiveDate) -> NaiveDate {
    let first = day.with_day(1).unwrap_or(day);
    first
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// Requests published before this moment and still without a response are waiting
/// too long (the count here and the request list's `waiting=true` both use it).
pub fn waiting_since(now: NaiveDateTime) -> NaiveDateTime {
    now - TimeDelta::days(STALE_REQUEST_DAYS)
}

/// The same filter as the request list's `waiting=true`, so count and list agree.
fn stale_requests(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<i64> {
    let filter = ListFilter {
        waiting_since: Some(waiting_since(now)),
        ..ListFilter::all(PostKind::Request)
    };
    super::posts::count(conn, &filter)
}

/// Valid VOGs issued so long ago that they stop counting between today and 60 days
/// from now: issued between (today − years) and (today − years + 60 days).
fn vog_expiring(conn: &mut DbConn, today: NaiveDate, years: u32) -> QueryResult<i64> {
    Ok(vogs_expiring(conn, today, years)?.len() as i64)
}

/// The volunteers whose valid VOG stops counting within 60 days, with its issue date
/// (the count on *Vandaag* and the VOG reminders use this one rule).
pub fn vogs_expiring(
    conn: &mut DbConn,
    today: NaiveDate,
    years: u32,
) -> QueryResult<Vec<(String, NaiveDate)>> {
    let Some(first) = today.checked_sub_months(Months::new(years * 12)) else {
        return Ok(Vec::new());
    };
    let last = first + TimeDelta::days(VOG_WARNING_DAYS);
    let rows: Vec<(String, Option<NaiveDate>)> = volunteer_profiles::table
        .filter(volunteer_profiles::vog_status.eq("valid"))
        .filter(volunteer_profiles::vog_issued_on.ge(first))
        .filter(volunteer_profiles::vog_issued_on.le(last))
        .select((
            volunteer_profiles::account_id,
            volunteer_profiles::vog_issued_on,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, issued)| Some((id, issued?)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::month_end;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_month_ends_on_its_last_day() {
        assert_eq!(month_end(day(2026, 12, 3)), day(2026, 12, 31));
        assert_eq!(month_end(day(2028, 2, 1)), day(2028, 2, 29));
        assert_eq!(month_end(day(2027, 2, 28)), day(2027, 2, 28));
        assert_eq!(month_end(day(2026, 4, 30)), day(2026, 4, 30));
    }
}
