//! The caller's own account and volunteer profile; downloading all of their data and
//! deleting their account.

use actix_web::{delete, get, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::auth::AccountView;
use crate::auth::{verify_password, Caller};
use crate::db::account_data::{self, Export};
use crate::db::accounts;
use crate::db::volunteers::{self, VolunteerProfileView};
use crate::domain::volunteer::VolunteerProfileInput;
use crate::domain::Role;
use crate::error::ApiError;
use crate::startup::AppState;

/// `GET /api/v1/me`.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    /// The account.
    #[serde(flatten)]
    pub account: AccountView,
    /// For volunteers: the profile (null until filled in).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volunteer_profile: Option<VolunteerProfileView>,
    /// For organisations: `{id, name}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<serde_json::Value>,
}

async fn me_view(state: &AppState, caller: Caller) -> Result<MeView, ApiError> {
    state
        .db
        .run(move |conn| {
            let account = accounts::find(conn, &caller.id)?.ok_or_else(ApiError::unauthorized)?;
            let volunteer_profile = match caller.role {
                Role::Volunteer => {
                    volunteers::find(conn, &caller.id)?.map(VolunteerProfileView::from)
                }
                _ => None,
            };
            let organisation = match caller.role {
                Role::Organisation => accounts::organisation_of(conn, &caller.id)?
                    .map(|(id, name)| serde_json::json!({"id": id, "name": name})),
                _ => None,
            };
            Ok(MeView {
                account: AccountView::from(&account),
                volunteer_profile,
                organisation,
            })
        })
        .await
}

/// The caller's account and, for volunteers, their profile.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = MeView), (status = 401)))]
#[get("/me")]
async fn me(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(me_view(&state, caller).await?))
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
    body: web::Json<VolunteerProfileInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Volunteer])?;
    let draft = body.into_inner().parse(&state.reference)?;
    let id = caller.id.clone();
    state
        .db
        .run(move |conn| volunteers::save(conn, &id, &draft).map_err(ApiError::from))
        .await?;
    Ok(HttpResponse::Ok().json(me_view(&state, caller).await?))
}

/// Everything Noaber keeps about the caller, as one JSON file to download: account,
/// profile, organisation, posts, matches with their history and messages, and audit
/// entries about them. Other people appear by first name only.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = Export, description = "as an attachment, noaber-export.json"), (status = 401)))]
#[get("/me/export")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn export(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let id = caller.id.clone();
    let document = state
        .db
        .run(move |conn| account_data::export(conn, &id).map_err(ApiError::from))
        .await?
        .ok_or_else(ApiError::unauthorized)?;
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

/// Body of `DELETE /api/v1/me`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DeleteAccountInput {
    /// The current password, to confirm.
    #[serde(default)]
    pub password: String,
}

/// Deletes the caller's account after they confirm with their password. Posts are
/// closed and anonymised (the yearly figures keep counting them), matches still going
/// are declined, the profile and contact details are removed. Servicepunt accounts are
/// removed by the operator, not here.
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    request_body = DeleteAccountInput,
    responses((status = 204), (status = 401), (status = 403, description = "wrong password, or a coordinator account"), (status = 422)))]
#[delete("/me")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn delete_account(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<DeleteAccountInput>,
) -> Result<HttpResponse, ApiError> {
    let password = body.into_inner().password;
    if password.is_empty() {
        return Err(ApiError::field(
            "password",
            "Vul uw wachtwoord in om het verwijderen te bevestigen.",
        ));
    }
    let id = caller.id.clone();
    let account = state
        .db
        .run(move |conn| accounts::find(conn, &id).map_err(ApiError::from))
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    if caller.is_coordinator() || account.role == Role::Coordinator.as_str() {
        return Err(ApiError::Forbidden(
            "Een account van het Servicepunt kan niet zelf worden verwijderd. Vraag de beheerder."
                .into(),
        ));
    }
    let stored = account.password_hash;
    let ok = web::block(move || verify_password(&password, &stored))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    if !ok {
        return Err(ApiError::Forbidden(
            "Het wachtwoord klopt niet. Uw account is niet verwijderd.".into(),
        ));
    }
    let id = caller.id.clone();
    let erased = state
        .db
        .run(move |conn| account_data::erase(conn, &id).map_err(ApiError::from))
        .await?;
    if !erased {
        return Err(ApiError::unauthorized());
    }
    state.post_changed();
    tracing::info!("account deleted");
    Ok(HttpResponse::NoContent().finish())
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(me)
        .service(put_volunteer_profile)
        .service(export)
        .service(delete_account);
}
