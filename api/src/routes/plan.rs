//! The weekly plan (*weekvoorstel*): `GET /api/v1/matching/plan` (coordinator).

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{category_param, place_param};
use crate::app::plan::{self, PlanScope, PlanView};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::input::Query;
use crate::state::AppState;

/// Which requests to plan for.
#[derive(Debug, Deserialize, IntoParams)]
pub struct PlanQuery {
    /// Only this kind of help (category slug).
    pub category: Option<String>,
    /// Only requests in this village (place slug).
    pub place: Option<String>,
}

/// A proposed volunteer for every open request nobody is working on yet, over all of
/// them at once (most requests helped, then the best total fit), with why each pair
/// and why each request left out. Nothing is stored.
#[utoipa::path(get, path = "/api/v1/matching/plan", tag = "matching", security(("bearer" = [])),
    params(PlanQuery),
    responses((status = 200, body = PlanView), (status = 401), (status = 403), (status = 422)))]
#[get("/matching/plan")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn weekly(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<PlanQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[crate::domain::Role::Coordinator])?;
    let scope = PlanScope {
        category: category_param(&state.reference, query.category.as_deref())?,
        place: place_param(&state.reference, query.place.as_deref())?.map(|p| p.slug.clone()),
    };
    let view = plan::weekly(state.into_inner(), &caller, scope).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Registers the route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(weekly);
}
