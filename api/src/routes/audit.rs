//! The audit log, for coordinators: who looked at or changed whose personal data.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{id_param, page_bounds, Page};
use crate::app::audit::{self, AuditFilter};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::input::Query;
use crate::state::AppState;
use crate::views::audit::AuditView;

/// Filters.
#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    /// Only entries about this subject (an account, post, match or mail id).
    pub subject: Option<String>,
    /// Only entries by this account id.
    pub actor: Option<String>,
    /// Page size (default 20, at most 100).
    pub limit: Option<i64>,
    /// Offset.
    pub offset: Option<i64>,
}

/// The audit log, newest first (coordinators only).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])), params(AuditQuery),
    responses((status = 200, body = Page<AuditView>), (status = 401), (status = 403)))]
#[get("/audit")]
async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let (limit, offset) = page_bounds(q.limit, q.offset);
    let filter = AuditFilter {
        subject_id: id_param("subject", q.subject.as_deref())?,
        actor_id: id_param("actor", q.actor.as_deref())?,
    };
    let page = audit::list(&state, &caller, filter, limit, offset).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Registers the route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list);
}
