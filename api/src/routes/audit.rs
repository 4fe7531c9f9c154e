//! The audit log, for coordinators: who looked at or changed whose personal data.

use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{page_bounds, Page};
use crate::auth::Caller;
use crate::db::audit::{self, Entry};
use crate::domain::Role;
use crate::error::ApiError;
use crate::startup::AppState;

/// Writes an audit entry when the caller is a coordinator (others see no personal data).
pub async fn note(
    state: &AppState,
    caller: &Caller,
    action: &'static str,
    subject_type: &'static str,
    subject_id: &str,
    detail: &'static str,
) -> Result<(), ApiError> {
    if !caller.is_coordinator() {
        return Ok(());
    }
    let (actor, subject) = (caller.id.clone(), subject_id.to_owned());
    state
        .db
        .run(move |conn| {
            let entry = Entry {
                actor_id: &actor,
                action,
                subject_type,
                subject_id: &subject,
                detail,
            };
            audit::record(conn, &entry).map_err(ApiError::from)
        })
        .await
}

/// One entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditView {
    /// Who (account id).
    pub actor_id: String,
    /// `view` or `change`.
    pub action: String,
    /// Kind of subject.
    pub subject_type: String,
    /// Which.
    pub subject_id: String,
    /// What.
    pub detail: String,
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Filters.
#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    /// Only entries about this subject id.
    pub subject: Option<String>,
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
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let q = query.into_inner();
    let (limit, offset) = page_bounds(q.limit, q.offset);
    let (total, rows) = state
        .db
        .run(move |conn| {
            audit::list(conn, q.subject.as_deref(), limit, offset).map_err(ApiError::from)
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|r| AuditView {
            actor_id: r.actor_id,
            action: r.action,
            subject_type: r.subject_type,
            subject_id: r.subject_id,
            detail: r.detail,
            at: r.at.and_utc(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(Page { total, items }))
}

/// Registers the route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list);
}
