//! What the author of a post is told about their own text before sending it: the
//! contact details and surnames that would otherwise only be found at review.

use actix_web::{post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::app::posts;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::input::Json;
use crate::state::AppState;

/// Body of `POST /api/v1/screening`: the text being written.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ScreeningInput {
    /// The title.
    #[serde(default)]
    pub title: String,
    /// The description.
    #[serde(default)]
    pub description: String,
    /// For a request posted for someone else: their name (their surname is found too).
    pub for_name: Option<String>,
}

/// Finds phone numbers, e-mail addresses, street addresses and surnames (the caller's
/// own, and the resident's) in a post being written, so the form can say so before it
/// is sent. Nothing is stored. Links and spam words are left to the review.
#[utoipa::path(post, path = "/api/v1/screening", tag = "posts", security(("bearer" = [])),
    request_body = ScreeningInput,
    responses((status = 200, description = "`{title: [Finding], description: [Finding]}`: each `{kind, text, start, end, replacement?}`, `kind` one of `phone`, `email`, `address`, `name`", body = Object), (status = 401)))]
#[post("/screening")]
async fn screen(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<ScreeningInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let found = posts::screen_draft(
        &state,
        &caller,
        input.title,
        input.description,
        input.for_name,
    )
    .await?;
    Ok(HttpResponse::Ok().json(found))
}

/// Registers the route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(screen);
}
