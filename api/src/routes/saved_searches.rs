//! Saved searches (*zoekprofielen*) of the logged-in person, and the one-click
//! unsubscribe behind the link in every alert mail. The rules live in `app::alerts`.

use actix_web::{delete, get, post, web, HttpResponse};

use super::Id;
use crate::app::alerts::{self, SavedSearchInput, SavedSearchView, UnsubscribeInput, Unsubscribed};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::input::Json;
use crate::state::AppState;

/// Saves a search: new posts that match come by e-mail, at once (`instant`) or once a
/// week (`weekly`). At most 10 per account.
#[utoipa::path(post, path = "/api/v1/me/saved-searches", tag = "alerts", security(("bearer" = [])),
    request_body = SavedSearchInput,
    responses((status = 201, body = SavedSearchView), (status = 401), (status = 409), (status = 422)))]
#[post("/me/saved-searches")]
async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<SavedSearchInput>,
) -> Result<HttpResponse, ApiError> {
    let view = alerts::create(&state, &caller, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(view))
}

/// The caller's saved searches.
#[utoipa::path(get, path = "/api/v1/me/saved-searches", tag = "alerts", security(("bearer" = [])),
    responses((status = 200, body = Vec<SavedSearchView>), (status = 401)))]
#[get("/me/saved-searches")]
async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(alerts::list(&state, &caller).await?))
}

/// Deletes one of the caller's saved searches.
#[utoipa::path(delete, path = "/api/v1/me/saved-searches/{id}", tag = "alerts", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 204), (status = 401), (status = 404)))]
#[delete("/me/saved-searches/{id}")]
async fn remove(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<Id>,
) -> Result<HttpResponse, ApiError> {
    alerts::delete(&state, &caller, path.into_inner().0).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Stops the alerts of a saved search with the token from an alert mail (no login).
#[utoipa::path(post, path = "/api/v1/saved-searches/unsubscribe", tag = "alerts",
    request_body = UnsubscribeInput,
    responses((status = 200, body = Unsubscribed), (status = 422)))]
#[post("/saved-searches/unsubscribe")]
async fn unsubscribe(
    state: web::Data<AppState>,
    body: Json<UnsubscribeInput>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(alerts::unsubscribe(&state, &body.token).await?))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(remove)
        .service(unsubscribe);
}
