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
    Err(throttled(free_at, now, |wait| {
        format!(
            "U heeft het afgelopen uur al {count} {}. Probeer het over {wait} opnieuw, of bel het Servicepunt.",
            what.words(),
        )
    }))
}

/// A 429 until `until`; `detail` gets the wait in words ("3 minuten").
fn throttled(
    until: NaiveDateTime,
    now: NaiveDateTime,
    detail: impl FnOnce(String) -> String,
) -> ApiError {
    let seconds = (until - now).num_seconds().max(1);
    let minutes = (seconds + 59) / 60;
    let wait = format!(
        "{minutes} {}",
        if minutes == 1 { "minuut" } else { "minuten" }
    );
    ApiError::Throttled {
        detail: detail(wait),
        retry_after_seconds: seconds.unsigned_abs(),
    }
}

/// Repeated failed logins for one address lock it for a while, longer each time:
/// after `free_attempts` failures, 30 seconds, then 1, 2, 4 … minutes, at most
/// `max_lock_seconds`. The same for addresses with and without an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginPolicy {
    /// Failures before the first lock.
    pub free_attempts: i32,
    /// The longest lock.
    pub max_lock_seconds: i64,
}

impl Default for LoginPolicy {
    fn default() -> Self {
        LoginPolicy {
            free_attempts: 5,
            max_lock_seconds: 15 * 60,
        }
    }
}

impl LoginPolicy {
    /// How long to lock after the `failures`-th failure in a row (None: not yet).
    pub fn lock_for(&self, failures: i32) -> Option<TimeDelta> {
        let over = failures - self.free_attempts;
        if over <= 0 {
            return None;
        }
        let seconds = 30_i64
            .saturating_mul(1_i64 << (over - 1).min(30))
            .min(self.max_lock_seconds.max(1));
        Some(TimeDelta::seconds(seconds))
    }
}

/// The answer while an address is locked.
pub fn login_locked(until: NaiveDateTime, now: NaiveDateTime) -> ApiError {
    throttled(until, now, |wait| {
        format!(
            "Er is te vaak een verkeerd wachtwoord geprobeerd. Probeer het over {wait} opnieuw. \
             Wachtwoord vergeten? Vraag een nieuw wachtwoord aan."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_grows_with_each_failure_up_to_the_maximum() {
        let policy = LoginPolicy::default();
        let secs = |n| policy.lock_for(n).map(|d| d.num_seconds());
        assert_eq!((1..=5).map(secs).collect::<Vec<_>>(), vec![None; 5]);
        assert_eq!(secs(6), Some(30));
        assert_eq!(secs(7), Some(60));
        assert_eq!(secs(8), Some(120));
        assert_eq!(secs(11), Some(900));
        assert_eq!(secs(500), Some(900));
    }
}
