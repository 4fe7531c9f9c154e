//! HTTP routes, one module per resource. Handlers are thin: they extract the caller
//! and the input, call one use case in `app`, and map its answer to HTTP. No rule and
//! no database access lives here.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod desk;
pub mod extract;
pub mod follow_ups;
pub mod guard;
pub mod headers;
pub mod health;
pub mod input;
pub mod mail;
pub mod matches;
pub mod me;
pub mod openapi;
pub mod plan;
pub mod posts;
pub mod problem;
pub mod reference;
pub mod reports;
pub mod saved_searches;
pub mod screening;
pub mod search;
pub mod suggestions;
pub mod throttle;
pub mod volunteers;

use actix_web::{error::InternalError, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;

use crate::error::ApiError;
use crate::reference::{Place, Reference};

pub use crate::views::Page;

/// An optional place filter from a query string: `None` when absent or blank, a 422
/// naming close places when unknown.
pub fn place_param<'a>(
    reference: &'a Reference,
    raw: Option<&str>,
) -> Result<Option<&'a Place>, ApiError> {
    match raw.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => reference
            .place_or_message(p)
            .map(Some)
            .map_err(|e| ApiError::field("place", e)),
        None => Ok(None),
    }
}

/// An optional category filter from a query string: `None` when absent or blank, 422
/// when unknown.
pub fn category_param(
    reference: &Reference,
    raw: Option<&str>,
) -> Result<Option<String>, ApiError> {
    match raw.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) if reference.category(c).is_none() => {
            Err(ApiError::field("category", "Onbekende categorie."))
        }
        other => Ok(other.map(str::to_owned)),
    }
}

/// Page size and offset from the query string (default 20, at most 100).
pub fn page_bounds(limit: Option<i64>, offset: Option<i64>) -> (i64, i64) {
    (
        limit.unwrap_or(20).clamp(1, 100),
        offset.unwrap_or(0).max(0),
    )
}

/// An id in a path: a UUID (written in its standard form), so nothing else ever
/// reaches a query. Anything else is a 404 (see `path_error`): no such thing exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Id(pub String);

impl<'de> serde::Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        let raw = String::deserialize(deserializer)?;
        uuid::Uuid::parse_str(&raw)
            .map(|id| Id(id.to_string()))
            .map_err(|_| serde::de::Error::custom("not an id"))
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An optional id filter: `None` when absent or blank, 422 unless it is a UUID (so
/// no text reaches the query that is not an id).
pub fn id_param(field: &str, raw: Option<&str>) -> Result<Option<String>, ApiError> {
    match raw.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => uuid::Uuid::parse_str(v)
            .map(|id| Some(id.to_string()))
            .map_err(|_| ApiError::field(field, "Dit is geen geldig id.")),
    }
}

/// An optional date filter: `None` when absent or blank, 422 unless `YYYY-MM-DD`.
pub fn date_param(field: &str, raw: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    match raw.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::field(field, "Schrijf de datum als jjjj-mm-dd.")),
    }
}

fn path_error(err: actix_web::error::PathError, _req: &HttpRequest) -> actix_web::Error {
    let response = actix_web::ResponseError::error_response(&ApiError::not_found());
    InternalError::from_response(err, response).into()
}

async fn api_not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::not_found())
}

/// Registers every API route and the extractor error handlers.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::PathConfig::default().error_handler(path_error))
        .configure(health::configure)
        .service(
            web::scope("/api/v1")
                .configure(accounts::configure)
                .configure(audit::configure)
                .configure(auth::configure)
                .configure(desk::configure)
                .configure(follow_ups::configure)
                .configure(me::configure)
                .configure(reference::configure)
                .configure(reports::configure)
                .configure(saved_searches::configure)
                .configure(openapi::configure)
                .configure(mail::configure)
                .configure(matches::configure)
                .configure(screening::configure)
                .configure(search::configure)
                .configure(suggestions::configure)
                .configure(plan::configure)
                .configure(posts::configure)
                .configure(volunteers::configure)
                .default_service(web::to(api_not_found))
                .wrap(actix_web::middleware::from_fn(
                    guard::reject_control_characters,
                ))
                .wrap(actix_web::middleware::from_fn(
                    throttle::throttle_account_doors,
                ))
                .wrap(actix_web::middleware::from_fn(headers::api_headers)),
        );
}
