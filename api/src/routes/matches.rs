//! Matches: responding, proposing, the four actions, the list, one match, and the
//! messages on it. The rules live in `app::matches`.

use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{date_param, id_param, page_bounds, Id, Page};
use crate::app::matches::{self, MatchFilter};

use crate::auth::Caller;
use crate::domain::match_flow::{MatchAction, MatchStatus};
use crate::domain::PostKind;
use crate::error::ApiError;
use crate::routes::input::{Json, JsonOrEmpty, Query};
use crate::state::AppState;
use crate::views::matches::{MatchView, MessageView};

/// Body of a response.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResponseInput {
    /// A few words to the poster.
    pub message: String,
}

/// A volunteer responds (*reageert*) to an open request or vacancy; an offer answers
/// 409 (the Servicepunt puts residents in touch with the volunteer who offers).
#[utoipa::path(post, path = "/api/v1/{kind}/{id}/responses", tag = "matches", security(("bearer" = [])),
    params(("kind" = String, Path), ("id" = String, Path)), request_body = ResponseInput,
    responses((status = 201, body = MatchView), (status = 403), (status = 404), (status = 409), (status = 422)))]
#[post("/{kind:requests|offers|vacancies}/{id}/responses")]
#[tracing::instrument(skip_all, fields(post_id = %path.1, account_id = %caller.id))]
async fn respond(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, Id)>,
    body: Json<ResponseInput>,
) -> Result<HttpResponse, ApiError> {
    let (kind, Id(post_id)) = path.into_inner();
    let kind = PostKind::from_plural(&kind).ok_or_else(ApiError::not_found)?;
    let view = matches::respond(&state, &caller, kind, post_id, body.into_inner().message).await?;
    Ok(HttpResponse::Created().json(view))
}

/// Body of `POST /api/v1/matches`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MatchInput {
    /// The request.
    pub request_id: String,
    /// The volunteer (e.g. from the suggestions).
    pub volunteer_id: String,
}

/// The coordinator proposes a match from the suggestions.
#[utoipa::path(post, path = "/api/v1/matches", tag = "matches", security(("bearer" = [])), request_body = MatchInput,
    responses((status = 201, body = MatchView), (status = 403), (status = 409), (status = 422)))]
#[post("/matches")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<MatchInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let view = matches::propose(
        state.into_inner(),
        &caller,
        input.request_id,
        input.volunteer_id,
    )
    .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Body of a match action (all optional except as noted).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ActionInput {
    /// For `end`: `succeeded` or `failed`.
    pub outcome: Option<String>,
    /// Why (required to decline, and to end as failed).
    pub reason: Option<String>,
    /// For `confirm`: until when the parties agreed to help, `YYYY-MM-DD` (optional).
    pub agreed_until: Option<String>,
    /// For `end` on a request: `true` puts the request back online for another
    /// volunteer (the resident still wants help); otherwise it is closed.
    pub search_again: Option<bool>,
}

/// Introduce, confirm, decline or end a match.
#[utoipa::path(post, path = "/api/v1/matches/{id}/{action}", tag = "matches", security(("bearer" = [])),
    params(("id" = String, Path), ("action" = MatchAction, Path)),
    request_body = ActionInput,
    responses((status = 200, body = MatchView), (status = 403), (status = 404), (status = 409), (status = 422)))]
#[post("/matches/{id}/{action:introduce|confirm|decline|end}")]
#[tracing::instrument(skip_all, fields(match_id = %path.0, action = %path.1, account_id = %caller.id))]
async fn act(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Id, String)>,
    body: JsonOrEmpty<ActionInput>,
) -> Result<HttpResponse, ApiError> {
    let (Id(id), action) = path.into_inner();
    let action = MatchAction::parse(&action).ok_or_else(ApiError::not_found)?;
    let input = body.into_inner();
    let input = matches::ActionInput {
        outcome: input.outcome,
        reason: input.reason,
        agreed_until: input.agreed_until,
        search_again: input.search_again,
    };
    let view = matches::act(&state, &caller, id, action, input).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Filters for the match list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct MatchQuery {
    /// Status.
    pub status: Option<String>,
    /// Only matches on this post (id).
    pub post: Option<String>,
    /// Only matches with this volunteer (account id).
    pub volunteer: Option<String>,
    /// Only matches whose agreed period ends on or before this day (`YYYY-MM-DD`).
    pub ends_by: Option<String>,
    /// Page size (default 20, at most 100).
    pub limit: Option<i64>,
    /// Offset.
    pub offset: Option<i64>,
}

/// Matches the caller may see: all for coordinators, their own for volunteers, those on
/// their posts for residents and organisations.
#[utoipa::path(get, path = "/api/v1/matches", tag = "matches", security(("bearer" = [])), params(MatchQuery),
    responses((status = 200, body = Page<MatchView>), (status = 401), (status = 422)))]
#[get("/matches")]
async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<MatchQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(
            MatchStatus::parse(s).ok_or_else(|| ApiError::field("status", "Onbekende status."))?,
        ),
        None => None,
    };
    let filter = MatchFilter {
        status,
        post_id: id_param("post", q.post.as_deref())?,
        volunteer_id: id_param("volunteer", q.volunteer.as_deref())?,
        ends_by: date_param("ends_by", q.ends_by.as_deref())?,
    };
    let (limit, offset) = page_bounds(q.limit, q.offset);
    let page = matches::list(&state, &caller, filter, limit, offset).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One match; with its history for the coordinator (or the vacancy's organisation).
#[utoipa::path(get, path = "/api/v1/matches/{id}", tag = "matches", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = MatchView), (status = 404)))]
#[get("/matches/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<Id>,
) -> Result<HttpResponse, ApiError> {
    let view = matches::get(&state, &caller, path.into_inner().0).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Paging of a conversation.
#[derive(Debug, Deserialize, IntoParams)]
pub struct MessagesQuery {
    /// Page size (default 20, at most 100).
    pub limit: Option<i64>,
    /// How many of the newest messages to skip (0: the newest page).
    pub offset: Option<i64>,
}

/// A page of the messages of a match (its parties and whoever handles it), counted
/// from the newest and oldest first within the page; they count as read by the caller
/// from now on (`unread` on the match drops to 0 once the newest page is read).
#[utoipa::path(get, path = "/api/v1/matches/{id}/messages", tag = "matches", security(("bearer" = [])),
    params(("id" = String, Path), MessagesQuery),
    responses((status = 200, body = Page<MessageView>), (status = 404)))]
#[get("/matches/{id}/messages")]
async fn list_messages(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<Id>,
    query: Query<MessagesQuery>,
) -> Result<HttpResponse, ApiError> {
    let (limit, offset) = page_bounds(query.limit, query.offset);
    let page = matches::messages(&state, &caller, path.into_inner().0, limit, offset).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Body of a message.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MessageInput {
    /// Text (at most 2000 characters).
    #[serde(default)]
    pub body: String,
}

/// Sends a message on a match that is still going (not declined or ended); answers
/// the new message only.
#[utoipa::path(post, path = "/api/v1/matches/{id}/messages", tag = "matches", security(("bearer" = [])), params(("id" = String, Path)),
    request_body = MessageInput, responses((status = 201, body = MessageView), (status = 404), (status = 409), (status = 422)))]
#[post("/matches/{id}/messages")]
#[tracing::instrument(skip_all, fields(match_id = %path, account_id = %caller.id))]
async fn send_message(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<Id>,
    body: Json<MessageInput>,
) -> Result<HttpResponse, ApiError> {
    let sent =
        matches::send_message(&state, &caller, path.into_inner().0, body.into_inner().body).await?;
    Ok(HttpResponse::Created().json(sent))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list_messages)
        .service(send_message)
        .service(respond)
        .service(create)
        .service(act)
        .service(list)
        .service(get_one);
}
