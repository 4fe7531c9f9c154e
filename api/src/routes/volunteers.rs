//! Volunteers as the coordinator sees them: list, one profile, VOG status. The rules
//! live in `app::volunteers`.

use actix_web::{get, put, web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{page_bounds, place_param, Id, Page};
use crate::app::volunteers::{self, VolunteerFilter};
use crate::auth::Caller;
use crate::domain::Role;
use crate::error::ApiError;
use crate::routes::input::{Json, Query};
use crate::state::AppState;
use crate::views::accounts::VolunteerView;

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
    query: Query<VolunteerQuery>,
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
    let filter = VolunteerFilter {
        talent,
        place,
        limit,
        offset,
    };
    Ok(HttpResponse::Ok().json(volunteers::list(&state, &caller, filter).await?))
}

/// One volunteer.
#[utoipa::path(get, path = "/api/v1/volunteers/{id}", tag = "volunteers", security(("bearer" = [])),
    params(("id" = String, Path)), responses((status = 200, body = VolunteerView), (status = 403), (status = 404)))]
#[get("/volunteers/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<Id>,
) -> Result<HttpResponse, ApiError> {
    let view = volunteers::get(&state, &caller, path.into_inner().0).await?;
    Ok(HttpResponse::Ok().json(view))
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
    path: web::Path<Id>,
    body: Json<VogInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let view = volunteers::set_vog(
        &state,
        &caller,
        path.into_inner().0,
        &input.status,
        input.issued_on,
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list).service(get_one).service(put_vog);
}
