//! Volunteers as the coordinator sees them: the list, one profile, the VOG
//! (*verklaring omtrent het gedrag*, certificate of conduct) that matching uses.
//! Every look at their contact details is audited.

use chrono::NaiveDate;

use super::{change, read, Audit, Tx};
use crate::auth::Caller;
use crate::db::{accounts, volunteers};
use crate::domain::{Role, VogStatus};
use crate::error::ApiError;
use crate::state::AppState;
use crate::views::accounts::{AccountView, VolunteerView};
use crate::views::Page;

/// Filters for the list (already checked against the reference data).
#[derive(Debug, Default)]
pub struct VolunteerFilter {
    /// Talent slug.
    pub talent: Option<String>,
    /// Place slug.
    pub place: Option<String>,
    /// Page size.
    pub limit: i64,
    /// Offset.
    pub offset: i64,
}

/// Volunteers with a profile, by name (coordinator only).
pub async fn list(
    state: &AppState,
    caller: &Caller,
    filter: VolunteerFilter,
) -> Result<Page<VolunteerView>, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let caller = caller.clone();
    read(state, move |tx| {
        let entry = Audit::view(
            "volunteers",
            "*",
            "vrijwilligerslijst met contactgegevens bekeken",
        );
        tx.audit(&caller, entry)?;
        let (total, rows) = volunteers::list(
            tx.conn,
            filter.talent.as_deref(),
            filter.place.as_deref(),
            filter.limit,
            filter.offset,
        )?;
        let ids: Vec<String> = rows.iter().map(|(a, _)| a.id.clone()).collect();
        let recent = recent_counts(tx, &ids)?;
        let items = rows
            .into_iter()
            .map(|(account, profile)| VolunteerView {
                recent_matches: recent.get(&account.id).copied().unwrap_or(0),
                vog_valid_until: profile.row.vog().valid_until(tx.vog_valid_years),
                account: AccountView::from(&account),
                profile: profile.into(),
            })
            .collect();
        Ok(Page { total, items })
    })
    .await
}

fn load(tx: &mut Tx<'_>, id: &str) -> Result<VolunteerView, ApiError> {
    let account = accounts::find(tx.conn, id)?
        .filter(|a| a.role == Role::Volunteer.as_str())
        .ok_or_else(ApiError::not_found)?;
    // One who responded before making a profile can still get a VOG recorded.
    let profile =
        volunteers::find(tx.conn, id)?.unwrap_or_else(|| volunteers::Profile::not_filled_in(id));
    let recent = recent_counts(tx, std::slice::from_ref(&account.id))?;
    Ok(VolunteerView {
        recent_matches: recent.get(&account.id).copied().unwrap_or(0),
        vog_valid_until: profile.row.vog().valid_until(tx.vog_valid_years),
        account: AccountView::from(&account),
        profile: profile.into(),
    })
}

/// Matches in the recent window (the load criterion's) per volunteer of `ids`.
fn recent_counts(
    tx: &mut Tx<'_>,
    ids: &[String],
) -> Result<std::collections::HashMap<String, u32>, ApiError> {
    let since = crate::db::candidates::recent_since(crate::db::now());
    Ok(crate::db::candidates::recent_match_counts(
        tx.conn,
        Some(ids),
        since,
    )?)
}

/// One volunteer (coordinator only).
pub async fn get(state: &AppState, caller: &Caller, id: String) -> Result<VolunteerView, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let caller = caller.clone();
    read(state, move |tx| {
        let entry = Audit::view(
            "volunteer",
            &id,
            "vrijwilligersprofiel met contactgegevens bekeken",
        );
        tx.audit(&caller, entry)?;
        load(tx, &id)
    })
    .await
}

/// Records a volunteer's VOG; `valid` needs an issue date that is not in the future.
pub async fn set_vog(
    state: &AppState,
    caller: &Caller,
    id: String,
    status: &str,
    issued_on: Option<NaiveDate>,
) -> Result<VolunteerView, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let status = VogStatus::parse(status)
        .ok_or_else(|| ApiError::field("status", "Kies valid, requested of none."))?;
    let issued_on = match (status, issued_on) {
        (VogStatus::Valid, None) => {
            return Err(ApiError::field(
                "issued_on",
                "Vul de afgiftedatum van de VOG in.",
            ))
        }
        (VogStatus::Valid, Some(d)) if d > crate::domain::today() => {
            return Err(ApiError::field(
                "issued_on",
                "De afgiftedatum ligt in de toekomst.",
            ))
        }
        (VogStatus::Valid, Some(d)) if chrono::Datelike::year(&d) < 2000 => {
            return Err(ApiError::field(
                "issued_on",
                "Deze afgiftedatum kan niet kloppen. Kijk de datum na op de verklaring.",
            ))
        }
        (VogStatus::Valid, date) => date,
        _ => None,
    };
    let caller = caller.clone();
    change(state, move |tx| {
        let volunteer =
            accounts::find(tx.conn, &id)?.filter(|a| a.role == Role::Volunteer.as_str());
        if volunteer.is_none() {
            return Err(ApiError::not_found());
        }
        volunteers::set_vog(tx.conn, &id, status.as_str(), issued_on)?;
        tx.audit(
            &caller,
            Audit::change("volunteer", &id, "VOG-status vastgelegd"),
        )?;
        load(tx, &id)
    })
    .await
}
