//! Volunteers as the coordinator sees them: list, one profile, VOG status.

use actix_web::{get, put, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::AccountView;
use super::{page_bounds, place_param, Page};
use crate::auth::Caller;
use crate::db::volunteers::VolunteerProfileView;
use crate::db::{accounts, volunteers};
use crate::domain::{Role, VogStatus};
use crate::error::ApiError;
use crate::startup::AppState;

/// A volunteer with account and profile (coordinator only).
#[derive(Debug, Serialize, ToSchema)]
pub struct VolunteerView {
    /// The account, contact details included.
    #[serde(flatten)]
    pub account: AccountView,
    /// The profile.
    pub profile: VolunteerProfileView,
}

/// Filters for the volunteer list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct VolunteerQuery {
    /// Talent slug.
    pub talent: Option<String>,
    /// Place slug, name or postcode.
    pub place: Option<String>,
    /// Page size (default 20, at most 100).
    pub limit: Option<i64>,
    /// Offset.
    pub offset: Option<i64>,
}

/// Volunteers with a profile, by name.
#[utoipa::path(get, path = "/api/v1/volunteers", tag = "volunteers", security(("bearer" = [])), params(VolunteerQuery),
    responses((status = 200, body = Page<VolunteerView>), (status = 401), (status = 403)))]
#[get("/volunteers")]
async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<VolunteerQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let q = query.into_inner();
    let place = place_param(&state.reference, q.place.as_deref())?.map(|p| p.slug.clone());
    let talent = match q.talent.filter(|t| !t.trim().is_empty()) {
        Some(t) if state.reference.talent(&t).is_none() => {
            return Err(ApiError::field("talent", "Onbekend talent."))
        }
        other => other,
    };
    let (limit, offset) = page_bounds(q.limit, q.offset);
    super::audit::note(
        &state,
        &caller,
        "view",
        "volunteers",
        "*",
        "vrijwilligerslijst met contactgegevens bekeken",
    )
    .await?;
    let (total, rows) = state
        .db
        .run(move |conn| {
            volunteers::list(conn, talent.as_deref(), place.as_deref(), limit, offset)
                .map_err(ApiError::from)
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|(account, profile)| VolunteerView {
            account: AccountView::from(&account),
            profile: profile.into(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(Page { total, items }))
}

async fn load(state: &AppState, id: String) -> Result<VolunteerView, ApiError> {
    state
        .db
        .run(move |conn| {
            let account = accounts::find(conn, &id)?
                .filter(|a| a.role == "volunteer")
                .ok_or_else(ApiError::not_found)?;
            let profile = volunteers::find(conn, &id)?.ok_or_else(ApiError::not_found)?;
            Ok(VolunteerView {
                account: AccountView::from(&account),
                profile: profile.into(),
            })
        })
        .await
}

/// One volunteer.
#[utoipa::path(get, path = "/api/v1/volunteers/{id}", tag = "volunteers", security(("bearer" = [])),
    params(("id" = String, Path)), responses((status = 200, body = VolunteerView), (status = 403), (status = 404)))]
#[get("/volunteers/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let id = path.into_inner();
    super::audit::note(
        &state,
        &caller,
        "view",
        "volunteer",
        &id,
        "vrijwilligersprofiel met contactgegevens bekeken",
    )
    .await?;
    Ok(HttpResponse::Ok().json(load(&state, id).await?))
}

/// Body of `PUT /api/v1/volunteers/{id}/vog`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct VogInput {
    /// `valid`, `requested` or `none`.
    pub status: String,
    /// Issue date; required for `valid`.
    #[schema(value_type = Option<String>, format = Date)]
    pub issued_on: Option<NaiveDate>,
}

/// Records a volunteer's VOG (certificate of conduct), which matching uses.
#[utoipa::path(put, path = "/api/v1/volunteers/{id}/vog", tag = "volunteers", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = VogInput,
    responses((status = 200, body = VolunteerView), (status = 403), (status = 404), (status = 422)))]
#[put("/volunteers/{id}/vog")]
#[tracing::instrument(skip_all, fields(volunteer_id = %path, account_id = %caller.id))]
async fn put_vog(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    body: web::Json<VogInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let input = body.into_inner();
    let status = VogStatus::parse(&input.status)
        .ok_or_else(|| ApiError::field("status", "Kies valid, requested of none."))?;
    let today = crate::domain::today();
    let issued_on = match (status, input.issued_on) {
        (VogStatus::Valid, None) => {
            return Err(ApiError::field(
                "issued_on",
                "Vul de afgiftedatum van de VOG in.",
            ))
        }
        (VogStatus::Valid, Some(d)) if d > today => {
            return Err(ApiError::field(
                "issued_on",
                "De afgiftedatum ligt in de toekomst.",
            ))
        }
        (VogStatus::Valid, date) => date,
        _ => None,
    };
    let id = path.into_inner();
    let volunteer = id.clone();
    let found = state
        .db
        .run(move |conn| {
            volunteers::set_vog(conn, &volunteer, status.as_str(), issued_on)
                .map_err(ApiError::from)
        })
        .await?;
    if !found {
        return Err(ApiError::not_found());
    }
    super::audit::note(
        &state,
        &caller,
        "change",
        "volunteer",
        &id,
        "VOG-status vastgelegd",
    )
    .await?;
    Ok(HttpResponse::Ok().json(load(&state, id).await?))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list).service(get_one).service(put_vog);
}
