//! The caller's own account and volunteer profile; changing their password;
//! downloading all of their data and deleting their account. The rules live in
//! `app::accounts`.

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::app::accounts;
use crate::auth::Caller;
use crate::db::account_data::Export;
use crate::domain::account::DetailsInput;
use crate::domain::volunteer::VolunteerProfileInput;
use crate::error::ApiError;
use crate::routes::extract::cleared_session_cookie;
use crate::routes::input::Json;
use crate::state::AppState;
use crate::views::accounts::MeView;

/// The caller's account and, for volunteers, their profile.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = MeView), (status = 401)))]
#[get("/me")]
async fn me(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(accounts::me(&state, &caller).await?))
}

/// Changes the caller's own details: name, phone number (an empty text removes it)
/// and, for an organisation, its name; what is left out stays as it is.
#[utoipa::path(patch, path = "/api/v1/me", tag = "accounts", security(("bearer" = []), ("session" = [])),
    request_body = DetailsInput,
    responses((status = 200, body = MeView), (status = 401), (status = 422)))]
#[patch("/me")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn change_details(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<DetailsInput>,
) -> Result<HttpResponse, ApiError> {
    let view = accounts::change_details(&state, &caller, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Creates or replaces the caller's volunteer profile.
#[utoipa::path(put, path = "/api/v1/me/volunteer-profile", tag = "accounts", security(("bearer" = [])),
    request_body = VolunteerProfileInput,
    responses((status = 200, body = MeView), (status = 401), (status = 403), (status = 422)))]
#[put("/me/volunteer-profile")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn put_volunteer_profile(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<VolunteerProfileInput>,
) -> Result<HttpResponse, ApiError> {
    let view = accounts::set_volunteer_profile(&state, &caller, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Everything Noaber keeps about the caller, as one JSON file to download: account,
/// profile, organisation, posts, matches with their history and messages, and audit
/// entries about them. Other people appear by first name only.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = Export, description = "as an attachment, noaber-export.json"), (status = 401)))]
#[get("/me/export")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn export(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let document = accounts::export(&state, &caller).await?;
    let body =
        serde_json::to_string_pretty(&document).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"noaber-export.json\"",
        ))
        .body(body))
}

/// Body of `POST /api/v1/me/password`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ChangePasswordInput {
    /// The password now, to confirm.
    #[serde(default)]
    pub current_password: String,
    /// The new password (the rules of `domain::password`: at least 10 characters, not
    /// a common one, without the e-mail address or name in it).
    #[serde(default)]
    pub new_password: String,
}

/// Changes the caller's password. Every session and access token of the account ends,
/// this one too (the cookie is cleared): they log in again with the new password.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "accounts", security(("bearer" = []), ("session" = [])),
    request_body = ChangePasswordInput,
    responses((status = 204), (status = 401), (status = 403, description = "current password wrong, or X-CSRF-Token missing or wrong"), (status = 422)))]
#[post("/me/password")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<ChangePasswordInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    accounts::change_password(&state, &caller, input.current_password, input.new_password).await?;
    Ok(HttpResponse::NoContent()
        .cookie(cleared_session_cookie(&state.settings))
        .finish())
}

/// Body of `DELETE /api/v1/me`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DeleteAccountInput {
    /// The current password, to confirm.
    #[serde(default)]
    pub password: String,
}

/// Deletes the caller's account after they confirm with their password. Posts are
/// closed and anonymised (the yearly figures keep counting them), matches still going
/// are stopped (declined, or ended when confirmed) and their parties told, the profile
/// and contact details are removed, every session and token ends. Servicepunt
/// accounts are removed by the operator, not here.
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    request_body = DeleteAccountInput,
    responses((status = 204), (status = 401), (status = 403, description = "wrong password, or a coordinator account"), (status = 422)))]
#[delete("/me")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn delete_account(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<DeleteAccountInput>,
) -> Result<HttpResponse, ApiError> {
    accounts::delete(&state, &caller, body.into_inner().password).await?;
    Ok(HttpResponse::NoContent()
        .cookie(cleared_session_cookie(&state.settings))
        .finish())
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(me)
        .service(change_details)
        .service(put_volunteer_profile)
        .service(export)
        .service(change_password)
        .service(delete_account);
}
