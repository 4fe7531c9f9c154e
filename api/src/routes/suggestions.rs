//! Matching routes: ranked volunteers for a request (coordinator) and ranked posts
//! for the calling volunteer.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::Id;
use crate::app::suggestions::{self, PostSuggestion, Suggestions, VolunteerSuggestion};
use crate::auth::Caller;
use crate::domain::Role;
use crate::error::ApiError;
use crate::routes::input::Query;
use crate::state::AppState;

/// How many suggestions.
#[derive(Debug, Deserialize, IntoParams)]
pub struct SuggestionQuery {
    /// Default 10, at most 100.
    pub limit: Option<usize>,
}

impl SuggestionQuery {
    fn limit(&self) -> usize {
        self.limit.unwrap_or(10).clamp(1, 100)
    }
}

/// The best volunteers for a request, with scores and reasons (coordinator only).
#[utoipa::path(get, path = "/api/v1/requests/{id}/suggestions", tag = "matching", security(("bearer" = [])),
    params(("id" = String, Path), SuggestionQuery),
    responses((status = 200, body = Suggestions<VolunteerSuggestion>), (status = 401), (status = 403), (status = 404)))]
#[get("/requests/{id}/suggestions")]
#[tracing::instrument(skip_all, fields(post_id = %path))]
async fn for_request(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<Id>,
    query: Query<SuggestionQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let items =
        suggestions::for_request(state.into_inner(), path.into_inner().0, query.limit()).await?;
    Ok(HttpResponse::Ok().json(Suggestions { items }))
}

/// Open requests and vacancies that fit the calling volunteer, best first.
#[utoipa::path(get, path = "/api/v1/me/suggestions", tag = "matching", security(("bearer" = [])), params(SuggestionQuery),
    responses((status = 200, body = Suggestions<PostSuggestion>), (status = 401), (status = 403), (status = 409)))]
#[get("/me/suggestions")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn for_me(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<SuggestionQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Volunteer])?;
    let items =
        suggestions::for_volunteer(state.into_inner(), caller.id.clone(), query.limit()).await?;
    Ok(HttpResponse::Ok().json(Suggestions { items }))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(for_request).service(for_me);
}
