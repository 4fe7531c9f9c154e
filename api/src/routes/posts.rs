//! Posts: requests (*hulpvragen*), offers (*hulpaanbod*) and vacancies (*vacatures*),
//! one set of routes for the three kinds. The rules live in `app::posts`.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{category_param, page_bounds, place_param, Id, Page};
use crate::app::posts;
use crate::auth::Caller;
use crate::domain::post::{PostInput, PostPatch};
use crate::domain::{PostKind, PostStatus};
use crate::error::ApiError;
use crate::routes::extract::MaybeCaller;
use crate::routes::input::{Json, Query};
use crate::state::AppState;
use crate::views::posts::PostView;

fn kind_of(path: &str) -> Result<PostKind, ApiError> {
    PostKind::from_plural(path).ok_or_else(ApiError::not_found)
}

/// Creates a post. Coordinators publish at once; others wait for review.
#[utoipa::path(post, path = "/api/v1/{kind}", tag = "posts", security(("bearer" = [])),
    params(("kind" = String, Path, description = "requests, offers or vacancies")),
    request_body = PostInput,
    responses((status = 201, body = PostView), (status = 400), (status = 401), (status = 403), (status = 422)))]
#[post("/{kind:requests|offers|vacancies}")]
#[tracing::instrument(skip_all, fields(kind = %path, account_id = %caller.id))]
async fn create(
    state: web::Data<AppState>,
    path: web::Path<String>,
    caller: Caller,
    body: Json<PostInput>,
) -> Result<HttpResponse, ApiError> {
    let kind = kind_of(&path)?;
    let view = posts::create(&state, &caller, kind, body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/{}/{}", kind.plural(), view.id)))
        .json(view))
}

/// One post.
#[utoipa::path(get, path = "/api/v1/{kind}/{id}", tag = "posts",
    params(("kind" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = PostView), (status = 404)))]
#[get("/{kind:requests|offers|vacancies}/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    path: web::Path<(String, Id)>,
    caller: MaybeCaller,
) -> Result<HttpResponse, ApiError> {
    let (kind, Id(id)) = path.into_inner();
    let view = posts::get(&state, caller.0.as_ref(), kind_of(&kind)?, id).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Filters for listing posts.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// Category slug.
    pub category: Option<String>,
    /// Place slug, name or postcode.
    pub place: Option<String>,
    /// Status (others than `open` only show your own posts, or all for coordinators).
    pub status: Option<String>,
    /// `me`: only your own posts.
    pub author: Option<String>,
    /// `true`: only open posts published more than 14 days ago without any response
    /// (the werkbak's "wachten te lang").
    pub waiting: Option<bool>,
    /// `oldest`: oldest first (default newest first).
    pub sort: Option<String>,
    /// Page size (default 20, at most 100).
    pub limit: Option<i64>,
    /// Offset.
    pub offset: Option<i64>,
}

fn parse_list_query(q: ListQuery, state: &AppState) -> Result<posts::ListQuery, ApiError> {
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(
            PostStatus::parse(s).ok_or_else(|| ApiError::field("status", "Onbekende status."))?,
        ),
        None => None,
    };
    let mine = match q.author.as_deref() {
        None | Some("") => false,
        Some("me") => true,
        Some(_) => return Err(ApiError::field("author", "Gebruik author=me.")),
    };
    let oldest_first = match q.sort.as_deref() {
        None | Some("") | Some("newest") => false,
        Some("oldest") => true,
        Some(_) => {
            return Err(ApiError::field(
                "sort",
                "Gebruik sort=oldest of sort=newest.",
            ))
        }
    };
    let (limit, offset) = page_bounds(q.limit, q.offset);
    Ok(posts::ListQuery {
        waiting: q.waiting.unwrap_or(false),
        oldest_first,
        category: category_param(&state.reference, q.category.as_deref())?,
        place: place_param(&state.reference, q.place.as_deref())?.map(|p| p.slug.clone()),
        status,
        mine,
        limit,
        offset,
    })
}

/// Lists posts, newest first. Anonymous callers see open posts only.
#[utoipa::path(get, path = "/api/v1/{kind}", tag = "posts",
    params(("kind" = String, Path), ListQuery),
    responses((status = 200, body = Page<PostView>), (status = 422)))]
#[get("/{kind:requests|offers|vacancies}")]
async fn list(
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: Query<ListQuery>,
    caller: MaybeCaller,
) -> Result<HttpResponse, ApiError> {
    let kind = kind_of(&path)?;
    let query = parse_list_query(query.into_inner(), &state)?;
    let page = posts::list(&state, caller.0.as_ref(), kind, query).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Changes a post (author or coordinator). An author's change to a published or
/// rejected post sends it (back) to review.
#[utoipa::path(patch, path = "/api/v1/{kind}/{id}", tag = "posts", security(("bearer" = [])),
    params(("kind" = String, Path), ("id" = String, Path)), request_body = PostPatch,
    responses((status = 200, body = PostView), (status = 403), (status = 404), (status = 409), (status = 422)))]
#[patch("/{kind:requests|offers|vacancies}/{id}")]
#[tracing::instrument(skip_all, fields(post_id = %path.1, account_id = %caller.id))]
async fn update(
    state: web::Data<AppState>,
    path: web::Path<(String, Id)>,
    caller: Caller,
    body: Json<PostPatch>,
) -> Result<HttpResponse, ApiError> {
    let (kind, Id(id)) = path.into_inner();
    let view = posts::update(&state, &caller, kind_of(&kind)?, id, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Withdraws a post (author or coordinator): it is closed with reason `withdrawn`, and
/// its matches still being arranged are declined ("hulpvraag ingetrokken") in the same
/// transaction.
#[utoipa::path(delete, path = "/api/v1/{kind}/{id}", tag = "posts", security(("bearer" = [])),
    params(("kind" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = PostView), (status = 403), (status = 404), (status = 409)))]
#[delete("/{kind:requests|offers|vacancies}/{id}")]
#[tracing::instrument(skip_all, fields(post_id = %path.1, account_id = %caller.id))]
async fn withdraw(
    state: web::Data<AppState>,
    path: web::Path<(String, Id)>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let (kind, Id(id)) = path.into_inner();
    let view = posts::withdraw(&state, &caller, kind_of(&kind)?, id).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Closes a vacancy as filled (its organisation or the coordinator): reason
/// `completed`, not `withdrawn`; responses still being arranged are declined.
#[utoipa::path(post, path = "/api/v1/{kind}/{id}/filled", tag = "posts", security(("bearer" = [])),
    params(("kind" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = PostView), (status = 403), (status = 404), (status = 409)))]
#[post("/{kind:requests|offers|vacancies}/{id}/filled")]
#[tracing::instrument(skip_all, fields(post_id = %path.1, account_id = %caller.id))]
async fn filled(
    state: web::Data<AppState>,
    path: web::Path<(String, Id)>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let (kind, Id(id)) = path.into_inner();
    let view = posts::fill(&state, &caller, kind_of(&kind)?, id).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Body of a review.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReviewInput {
    /// `approve`, `reject` (send back) or `refuse` (never publish).
    pub decision: String,
    /// Required when rejecting (what the author should change) or refusing (why).
    pub reason: Option<String>,
}

/// Coordinator review: approve (publish), send back or refuse, the last two with a
/// reason.
#[utoipa::path(post, path = "/api/v1/{kind}/{id}/review", tag = "posts", security(("bearer" = [])),
    params(("kind" = String, Path), ("id" = String, Path)), request_body = ReviewInput,
    responses((status = 200, body = PostView), (status = 403), (status = 404), (status = 409), (status = 422)))]
#[post("/{kind:requests|offers|vacancies}/{id}/review")]
#[tracing::instrument(skip_all, fields(post_id = %path.1, account_id = %caller.id))]
async fn review(
    state: web::Data<AppState>,
    path: web::Path<(String, Id)>,
    caller: Caller,
    body: Json<ReviewInput>,
) -> Result<HttpResponse, ApiError> {
    let (kind, Id(id)) = path.into_inner();
    let input = body.into_inner();
    let view = posts::review(
        &state,
        &caller,
        kind_of(&kind)?,
        id,
        &input.decision,
        input.reason,
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get_one)
        .service(update)
        .service(withdraw)
        .service(filled)
        .service(review);
}
