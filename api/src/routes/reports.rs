//! The Servicepunt's figures: `GET /api/v1/reports/annual` as JSON or CSV. The
//! figures are made in `app::reports`; the table behind CSV in `views::reports`.

use actix_web::http::header::{self, HeaderMap};
use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::Datelike;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::app::reports::{self, AnnualReport};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::input::Query;
use crate::state::AppState;
use crate::views::reports::to_csv;

/// Which year, and how the CSV separates its fields.
#[derive(Debug, Deserialize, IntoParams)]
pub struct YearQuery {
    /// The calendar year (default: this year).
    pub year: Option<String>,
    /// `semicolon` for a spreadsheet set to Dutch (decimal commas, fields split on
    /// `;`); otherwise commas.
    pub delimiter: Option<String>,
}

/// The annual figures beside the year before (coordinator). `Accept: text/csv` gives
/// the same figures as a table.
#[utoipa::path(get, path = "/api/v1/reports/annual", tag = "reports", security(("bearer" = [])),
    params(YearQuery),
    responses((status = 200, description = "The figures (JSON), or the same as a table (CSV)",
            content((AnnualReport = "application/json"), (String = "text/csv"))),
        (status = 401), (status = 403), (status = 422)))]
#[get("/reports/annual")]
async fn annual(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<YearQuery>,
    request: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let now = chrono::Utc::now();
    let year = match query.year.as_deref().map(str::trim) {
        None | Some("") => crate::domain::local_date(now.naive_utc()).year(),
        Some(text) => text.parse().map_err(|_| {
            ApiError::field(
                "year",
                "Schrijf het jaar als vier cijfers, bijvoorbeeld 2025.",
            )
        })?,
    };
    let delimiter = match query.delimiter.as_deref() {
        None | Some("comma") => b',',
        Some("semicolon") => b';',
        Some(_) => return Err(ApiError::field("delimiter", "Kies comma of semicolon.")),
    };
    let report = reports::annual(&state, &caller, year, now).await?;
    if wants_csv(request.headers()) {
        let csv = to_csv(&report, delimiter).map_err(|e| ApiError::Internal(e.to_string()))?;
        let name = format!("attachment; filename=\"noaber-jaarcijfers-{year}.csv\"");
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((header::CONTENT_DISPOSITION, name))
            .body(csv));
    }
    Ok(HttpResponse::Ok().json(report))
}

/// Whether the caller asked for CSV rather than JSON.
fn wants_csv(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/csv"))
}

/// Registers the route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(annual);
}
