//! Operations: liveness, readiness, Prometheus metrics.

use actix_web::{get, web, HttpResponse};
use diesel::connection::SimpleConnection;

use crate::error::ApiError;
use crate::state::AppState;

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200)))]
#[get("/healthz")]
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

/// Readiness: the database and the search index answer.
#[utoipa::path(get, path = "/readyz", tag = "operations", responses((status = 200), (status = 503)))]
#[get("/readyz")]
async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let db = state
        .db
        .run(|conn| conn.batch_execute("SELECT 1").map_err(ApiError::from))
        .await;
    let s = state.clone();
    let index = web::block(move || s.search.index.num_docs()).await;
    let database = if let Err(e) = &db {
        tracing::warn!(error = %e, "database not ready");
        "unreachable"
    } else {
        "ok"
    };
    let search = if index.is_ok() { "ok" } else { "unreachable" };
    let body = serde_json::json!({"status": if db.is_ok() && index.is_ok() { "ok" } else { "unavailable" }, "database": database, "search": search});
    if db.is_ok() && index.is_ok() {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}

/// Prometheus text exposition.
#[utoipa::path(get, path = "/metrics", tag = "operations", responses((status = 200, content_type = "text/plain")))]
#[get("/metrics")]
async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(state.metrics.render())
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(healthz).service(readyz).service(metrics);
}
