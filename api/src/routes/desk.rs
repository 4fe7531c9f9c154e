//! The coordinator's werkbak: the counts on the *Vandaag* page.

use actix_web::{get, web, HttpResponse};

use crate::app::desk::{self, TodayCounts};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::state::AppState;

/// What needs attention today: posts to review, requests waiting 14 days without a
/// response, responses not handled, introductions without a decision after 7 days,
/// VOGs ending within 60 days, failed mail (coordinator).
#[utoipa::path(get, path = "/api/v1/desk/today", tag = "werkbak", security(("bearer" = [])),
    responses((status = 200, body = TodayCounts), (status = 401), (status = 403)))]
#[get("/desk/today")]
async fn today(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let counts = desk::today(&state, &caller, chrono::Utc::now()).await?;
    Ok(HttpResponse::Ok().json(counts))
}

/// Registers the route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(today);
}
