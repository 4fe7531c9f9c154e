//! Accounts as the coordinator manages them: changing someone's role. The rules live
//! in `app::accounts`.

use actix_web::{put, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use super::Id;
use crate::app::accounts;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::input::Json;
use crate::state::AppState;
use crate::views::accounts::AccountView;

/// Body of `PUT /api/v1/accounts/{id}/role`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RoleInput {
    /// resident, volunteer, organisation or coordinator.
    #[serde(default)]
    pub role: String,
}

/// Gives an account another role (coordinator only). It takes effect at once: every
/// session and access token of the account ends, and the change is in the audit log.
#[utoipa::path(put, path = "/api/v1/accounts/{id}/role", tag = "accounts", security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path)), request_body = RoleInput,
    responses((status = 200, body = AccountView), (status = 401), (status = 403), (status = 404), (status = 409), (status = 422)))]
#[put("/accounts/{id}/role")]
#[tracing::instrument(skip_all, fields(account_id = %path, by = %caller.id))]
async fn set_role(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<Id>,
    body: Json<RoleInput>,
) -> Result<HttpResponse, ApiError> {
    let view = accounts::set_role(
        &state,
        &caller,
        path.into_inner().0,
        &body.into_inner().role,
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(set_role);
}
