//! The outbox, for coordinators: which mails went out, which are still waiting, and
//! which failed (so someone can phone the person instead, or send it again).

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{page_bounds, Id, Page};
use crate::app::mail;
use crate::auth::Caller;
use crate::db::outbox;
use crate::domain::Role;
use crate::error::ApiError;
use crate::routes::input::Query;
use crate::state::AppState;
use crate::views::mail::MailView;

/// Filters.
#[derive(Debug, Deserialize, IntoParams)]
pub struct MailQuery {
    /// `pending`, `sent` or `failed`.
    pub status: Option<String>,
    /// Page size (default 20, at most 100).
    pub limit: Option<i64>,
    /// Offset.
    pub offset: Option<i64>,
}

/// Mails, newest first (coordinator).
#[utoipa::path(get, path = "/api/v1/mail", tag = "mail", security(("bearer" = [])), params(MailQuery),
    responses((status = 200, body = Page<MailView>), (status = 401), (status = 403), (status = 422)))]
#[get("/mail")]
async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<MailQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let q = query.into_inner();
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) if [outbox::PENDING, outbox::SENT, outbox::FAILED].contains(&s) => {
            Some(s.to_owned())
        }
        Some(_) => return Err(ApiError::field("status", "Kies pending, sent of failed.")),
        None => None,
    };
    let (limit, offset) = page_bounds(q.limit, q.offset);
    let page = mail::list(&state, &caller, status, limit, offset).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Sends a failed mail again, from a fresh round of attempts (coordinator).
#[utoipa::path(post, path = "/api/v1/mail/{id}/retry", tag = "mail", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = MailView), (status = 403), (status = 404), (status = 409)))]
#[post("/mail/{id}/retry")]
#[tracing::instrument(skip_all, fields(mail_id = %path, account_id = %caller.id))]
async fn retry(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<Id>,
) -> Result<HttpResponse, ApiError> {
    let view = mail::retry(&state, &caller, path.into_inner().0).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list).service(retry);
}
