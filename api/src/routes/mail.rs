//! The outbox, for coordinators: which mails went out, which are still waiting, and
//! which failed (so someone can phone the person instead, or send it again).

use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{page_bounds, Page};
use crate::auth::Caller;
use crate::db::outbox::{self, OutboxRow};
use crate::domain::Role;
use crate::error::ApiError;
use crate::startup::AppState;

/// A mail as the coordinator sees it (without its text).
#[derive(Debug, Serialize, ToSchema)]
pub struct MailView {
    /// Id (also in the Message-ID).
    pub id: String,
    /// Which mail (`verify_email`, `match_introduced`, ...).
    pub kind: String,
    /// Address.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts so far.
    pub attempts: i32,
    /// The last error, if an attempt failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Queued.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Sent.
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<OutboxRow> for MailView {
    fn from(row: OutboxRow) -> Self {
        MailView {
            id: row.id,
            kind: row.kind,
            recipient: row.recipient,
            subject: row.subject,
            status: row.status,
            attempts: row.attempts,
            last_error: row.last_error,
            created_at: row.created_at.and_utc(),
            sent_at: row.sent_at.map(|t| t.and_utc()),
        }
    }
}

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
    query: web::Query<MailQuery>,
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
    let (total, rows) = state
        .db
        .run(move |conn| {
            outbox::list(conn, status.as_deref(), limit, offset).map_err(ApiError::from)
        })
        .await?;
    super::audit::note(
        &state,
        &caller,
        "view",
        "mail",
        "outbox",
        "verzonden e-mail bekeken",
    )
    .await?;
    let items = rows.into_iter().map(MailView::from).collect();
    Ok(HttpResponse::Ok().json(Page { total, items }))
}

/// Sends a failed mail again, from a fresh round of attempts (coordinator).
#[utoipa::path(post, path = "/api/v1/mail/{id}/retry", tag = "mail", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = MailView), (status = 403), (status = 404), (status = 409)))]
#[post("/mail/{id}/retry")]
#[tracing::instrument(skip_all, fields(mail_id = %path, account_id = %caller.id))]
async fn retry(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let id = path.into_inner();
    let mail_id = id.clone();
    let (requeued, row) = state
        .db
        .run(move |conn| {
            let requeued = outbox::retry(conn, &mail_id)?;
            Ok::<_, ApiError>((requeued, outbox::get(conn, &mail_id)?))
        })
        .await?;
    let row = row.ok_or_else(ApiError::not_found)?;
    if !requeued {
        return Err(ApiError::Conflict(
            "Alleen een mislukte e-mail kan opnieuw worden verstuurd.".into(),
        ));
    }
    state.mail_queued();
    super::audit::note(
        &state,
        &caller,
        "change",
        "mail",
        &id,
        "e-mail opnieuw in de wachtrij gezet",
    )
    .await?;
    Ok(HttpResponse::Ok().json(MailView::from(row)))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list).service(retry);
}
