//! Follow-ups: the answer behind a one-click link in a mail (no login; the signed
//! token is the permission), the coordinator's follow-up list and their choice about
//! the daily digest. The jobs and rules live in `app::follow_ups`.

use actix_web::{get, post, put, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::follow_ups::{self, AnswerInput, FollowUpList, QuestionView};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::input::Json;
use crate::state::AppState;

/// Reads the question behind a mail's link and, with `answer`, records the answer:
/// *nee* to "nog actueel?" closes the request; *ja* to "tot een match geleid?" records
/// the match as made without the coordinator, *nee* declines it.
#[utoipa::path(post, path = "/api/v1/follow-ups/answer", tag = "follow-ups",
    request_body = AnswerInput,
    responses((status = 200, body = QuestionView), (status = 404), (status = 409), (status = 422)))]
#[post("/follow-ups/answer")]
async fn answer(
    state: web::Data<AppState>,
    body: Json<AnswerInput>,
) -> Result<HttpResponse, ApiError> {
    let view = follow_ups::answer(&state, body.into_inner(), chrono::Utc::now()).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Requests whose author has not answered "nog actueel?" in 14 days (call them), and
/// the answers of the last week (coordinator).
#[utoipa::path(get, path = "/api/v1/desk/follow-ups", tag = "werkbak", security(("bearer" = [])),
    responses((status = 200, body = FollowUpList), (status = 401), (status = 403)))]
#[get("/desk/follow-ups")]
async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let list = follow_ups::list(&state, &caller, chrono::Utc::now()).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Whether a coordinator gets the daily digest.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DigestChoice {
    /// True: the digest comes every morning.
    pub enabled: bool,
}

/// Whether the coordinator gets the daily digest.
#[utoipa::path(get, path = "/api/v1/me/daily-digest", tag = "werkbak", security(("bearer" = [])),
    responses((status = 200, body = DigestChoice), (status = 401), (status = 403)))]
#[get("/me/daily-digest")]
async fn get_digest(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let enabled = follow_ups::wants_digest(&state, &caller).await?;
    Ok(HttpResponse::Ok().json(DigestChoice { enabled }))
}

/// Turns the coordinator's daily digest on or off.
#[utoipa::path(put, path = "/api/v1/me/daily-digest", tag = "werkbak", security(("bearer" = [])),
    request_body = DigestChoice,
    responses((status = 200, body = DigestChoice), (status = 401), (status = 403), (status = 422)))]
#[put("/me/daily-digest")]
async fn set_digest(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<DigestChoice>,
) -> Result<HttpResponse, ApiError> {
    follow_ups::set_digest(&state, &caller, body.enabled).await?;
    Ok(HttpResponse::Ok().json(body.into_inner()))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(answer)
        .service(list)
        .service(get_digest)
        .service(set_digest);
}
