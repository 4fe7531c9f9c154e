//! Per-account caps: how many posts, responses and messages one account may send per
//! hour (`NOABER_LIMIT_*_PER_HOUR`). They stop a runaway script or an abused account
//! from flooding the Servicepunt's queue and people's mailboxes; a real person never
//! meets them. The Servicepunt's coordinators are not capped (they enter requests
//! taken by phone, many in a row). Over the cap: 429 with `Retry-After`, the moment
//! the oldest counted action leaves the hour.

use chrono::{NaiveDateTime, TimeDelta};

use crate::auth::Caller;
use crate::db::{limits, DbConn};
use crate::error::ApiError;

/// The caps per hour (0: no cap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HourlyLimits {
    /// Posts (requests, offers, vacancies) per account.
    pub posts: i64,
    /// Responses per volunteer.
    pub responses: i64,
    /// Platform messages per account.
    pub messages: i64,
}

impl Default for HourlyLimits {
    fn default() -> Self {
        HourlyLimits {
            posts: 10,
            responses: 20,
            messages: 60,
        }
    }
}

/// What is being counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// A new post.
    Post,
    /// A response to a post.
    Response,
    /// A platform message.
    Message,
}

impl Counted {
    fn cap(self, limits: &HourlyLimits) -> i64 {
        match self {
            Counted::Post => limits.posts,
            Counted::Response => limits.responses,
            Counted::Message => limits.messages,
        }
    }

    fn words(self) -> &'static str {
        match self {
            Counted::Post => "oproepen geplaatst",
            Counted::Response => "reacties gegeven",
            Counted::Message => "berichten gestuurd",
        }
    }
}

/// Refuses `what` when `caller` reached the cap in the hour before `now`.
pub fn check(
    conn: &mut DbConn,
    caller: &Caller,
    what: Counted,
    limits: &HourlyLimits,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let cap = what.cap(limits);
    if cap == 0 || caller.is_coordinator() {
        return Ok(());
    }
    let since = now - TimeDelta::hours(1);
    let (count, oldest) = match what {
        Counted::Post => limits::posts(conn, &caller.id, since)?,
        Counted::Response => limits::responses(conn, &caller.id, since)?,
        Counted::Message => limits::messages(conn, &caller.id, since)?,
    };
    if count < cap {
        return Ok(());
    }
    let free_at = oldest.unwrap_or(now) + TimeDelta::hours(1);
    let seconds = (free_at - now).num_seconds().max(1);
    let minutes = (seconds + 59) / 60;
    Err(ApiError::Throttled {
        detail: format!(
            "U heeft het afgelopen uur al {count} {}. Probeer het over {minutes} {} opnieuw, of bel het Servicepunt.",
            what.words(),
            if minutes == 1 { "minuut" } else { "minuten" },
        ),
        retry_after_seconds: seconds as u64,
    })
}
