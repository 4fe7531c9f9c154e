//! The coordinator's *werkbak*: what needs attention today.

use chrono::{DateTime, Utc};

use super::read;
use crate::auth::Caller;
use crate::db::desk;
use crate::domain::Role;
use crate::error::ApiError;
use crate::state::AppState;

pub use crate::db::desk::TodayCounts;

/// The counts on *Vandaag* as of `now` (coordinator only). The clock is a parameter
/// so tests and scheduled digests can ask about any moment.
pub async fn today(
    state: &AppState,
    caller: &Caller,
    now: DateTime<Utc>,
) -> Result<TodayCounts, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let years = state.settings.matching.vog_valid_years;
    read(state, move |tx| {
        Ok(desk::today(tx.conn, now.naive_utc(), years)?)
    })
    .await
}
