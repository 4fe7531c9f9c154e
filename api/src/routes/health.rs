//! Operations: liveness, readiness, Prometheus metrics.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};

use crate::auth::session::same_token;
use crate::db::change_log::{self, ChangeLog};
use crate::error::ApiError;
use crate::state::AppState;

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200)))]
#[get("/healthz")]
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

/// Readiness: the database answers, and the search index answers and keeps up with
/// the change log (its worker's last pass succeeded, within the last 30 seconds).
/// `search_sync` says how far behind it is and when it last succeeded.
#[utoipa::path(get, path = "/readyz", tag = "operations", responses((status = 200), (status = 503)))]
#[get("/readyz")]
async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    // Reading the change log's end also proves the database answers.
    let db = latest_change(&state).await;
    let s = state.clone();
    let index = web::block(move || s.search.index.num_docs()).await;
    let database = if let Err(e) = &db {
        tracing::warn!(error = %e, "database not ready");
        "unreachable"
    } else {
        "ok"
    };
    let health = state.search.health();
    let now = chrono::Utc::now();
    let search = match (&index, health.is_healthy(now)) {
        (Err(_), _) => "unreachable",
        (Ok(_), false) => "failing",
        (Ok(_), true) => "ok",
    };
    let applied = state.search.applied();
    let lag = note_lag(&state, db.as_ref().map_or(applied, |latest| *latest));
    let ready = db.is_ok() && search == "ok";
    let body = serde_json::json!({
        "status": if ready { "ok" } else { "unavailable" },
        "database": database,
        "search": search,
        "search_sync": {
            "applied": applied,
            "lag": lag,
            "last_success": health.last_success,
            "last_error": health.last_error,
        },
    });
    if ready {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}

/// Prometheus text exposition. With `NOABER_METRICS_TOKEN` set, only for a scraper
/// that sends it as a bearer token.
#[utoipa::path(get, path = "/metrics", tag = "operations", responses((status = 200, content_type = "text/plain"), (status = 401)))]
#[get("/metrics")]
async fn metrics(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    if let Some(expected) = &state.settings.metrics_token {
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(super::extract::bearer)
            .unwrap_or_default();
        if !same_token(given, expected) {
            return Err(ApiError::unauthorized());
        }
    }
    if let Ok(latest) = latest_change(&state).await {
        note_lag(&state, latest);
    }
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body(state.metrics.render()))
}

/// The last entry of the search change log.
async fn latest_change(state: &AppState) -> Result<i64, ApiError> {
    state
        .db
        .run(|conn| Ok::<_, ApiError>(change_log::latest(conn, ChangeLog::Search)?))
        .await
}

/// How far the index is behind `latest`, also put in the metrics.
fn note_lag(state: &AppState, latest: i64) -> i64 {
    let lag = (latest - state.search.applied()).max(0);
    state
        .metrics
        .search_sync(lag, state.search.health().last_success);
    lag
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(healthz).service(readyz).service(metrics);
}
