//! Posts: requests (*hulpvragen*), offers (*hulpaanbod*) and vacancies (*vacatures*),
//! one set of routes for the three kinds. The public sees only open posts and never
//! anyone's contact details; authors see their own; coordinators see everything.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{category_param, page_bounds, place_param, Page};
use crate::auth::{Caller, MaybeCaller};
use crate::db::accounts;
use crate::db::posts::{self, Change, ListFilter, NewPost, PostRecord, Transition, Visibility};
use crate::db::write_transaction;
use crate::domain::account::first_name;
use crate::domain::match_flow::MatchAction;
use crate::domain::post::{OnBehalfOf, PostInput, PostPatch, Schedule};
use crate::domain::{CloseReason, IntakeChannel, PostKind, PostStatus, Role};
use crate::error::ApiError;
use crate::notify;
use crate::startup::AppState;

/// The author as shown: first name only, unless the viewer may see more.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorView {
    /// First name.
    pub first_name: String,
    /// Account id (author and coordinator only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Full name (author and coordinator only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A post as a viewer may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostView {
    /// Id.
    pub id: String,
    /// `request`, `offer`, `vacancy`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Category slug.
    pub category: String,
    /// Category name.
    pub category_name: String,
    /// Place slug.
    pub place: String,
    /// Place name.
    pub place_name: String,
    /// Talent slugs.
    pub talents: Vec<String>,
    /// When.
    pub schedule: Schedule,
    /// Radius in km.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radius_km: Option<i32>,
    /// Lifecycle status.
    pub status: String,
    /// Why closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_reason: Option<String>,
    /// Who posted.
    pub author: AuthorView,
    /// For vacancies: the organisation's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Created.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Published.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Coordinator's reason for sending it back (author and coordinator only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_reason: Option<String>,
    /// How the request came in (author and coordinator only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intake_channel: Option<String>,
    /// The resident it is for (author and coordinator only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<OnBehalfOf>,
}

fn utc(t: NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    t.and_utc()
}

/// Whether `caller` may read this post at all.
pub fn may_read(record: &PostRecord, caller: Option<&Caller>) -> bool {
    record.row.status == PostStatus::Open.as_str() || may_see_private(record, caller)
}

/// Whether `caller` sees the private parts (author or coordinator).
pub fn may_see_private(record: &PostRecord, caller: Option<&Caller>) -> bool {
    caller.is_some_and(|c| c.is_coordinator() || c.id == record.row.author_id)
}

fn on_behalf_of(record: &PostRecord) -> Option<OnBehalfOf> {
    let row = &record.row;
    row.on_behalf_name.as_ref().map(|name| OnBehalfOf {
        name: name.clone(),
        phone: row.on_behalf_phone.clone(),
        email: row.on_behalf_email.clone(),
        channel: row.intake_channel.clone(),
        referrer: row.referrer.clone(),
    })
}

/// Shapes a post for a viewer; private fields only for author and coordinator.
pub fn post_view(record: PostRecord, caller: Option<&Caller>, state: &AppState) -> PostView {
    let private = may_see_private(&record, caller);
    let on_behalf = if private { on_behalf_of(&record) } else { None };
    let row = record.row;
    let reference = &state.reference;
    PostView {
        category_name: reference
            .category(&row.category_slug)
            .map(|c| c.name_nl.clone())
            .unwrap_or_default(),
        place_name: reference
            .place(&row.place_slug)
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        schedule: Schedule::from_stored(
            &row.schedule_kind,
            row.schedule_date,
            row.schedule_mask,
            row.hours_per_week,
        ),
        author: AuthorView {
            first_name: first_name(&record.author_name),
            id: private.then(|| row.author_id.clone()),
            name: private.then(|| record.author_name.clone()),
        },
        organisation: record.organisation_name,
        talents: record.talents,
        created_at: utc(row.created_at),
        published_at: row.published_at.map(utc),
        review_reason: if private { row.review_reason } else { None },
        intake_channel: private.then_some(row.intake_channel),
        on_behalf_of: on_behalf,
        id: row.id,
        kind: row.kind,
        title: row.title,
        description: row.description,
        category: row.category_slug,
        place: row.place_slug,
        radius_km: row.radius_km,
        status: row.status,
        close_reason: row.close_reason,
    }
}

fn kind_of(path: &str) -> Result<PostKind, ApiError> {
    PostKind::from_plural(path).ok_or_else(ApiError::not_found)
}

/// Loads a post the caller may read; 404 otherwise (reveals nothing).
async fn load_readable(
    state: &AppState,
    kind: PostKind,
    id: String,
    caller: Option<&Caller>,
) -> Result<PostRecord, ApiError> {
    let record = state
        .db
        .run(move |conn| posts::get(conn, kind.as_str(), &id).map_err(ApiError::from))
        .await?
        .ok_or_else(ApiError::not_found)?;
    if may_read(&record, caller) {
        Ok(record)
    } else {
        Err(ApiError::not_found())
    }
}

/// Loads a post the caller may change (author or coordinator): 404 if unreadable, 403 if only readable.
async fn load_editable(
    state: &AppState,
    kind: PostKind,
    id: String,
    caller: &Caller,
) -> Result<PostRecord, ApiError> {
    let record = load_readable(state, kind, id, Some(caller)).await?;
    if may_see_private(&record, Some(caller)) {
        Ok(record)
    } else {
        Err(ApiError::forbidden())
    }
}

async fn reload(
    state: &AppState,
    kind: PostKind,
    id: String,
    caller: &Caller,
) -> Result<HttpResponse, ApiError> {
    let record = load_readable(state, kind, id, Some(caller)).await?;
    Ok(HttpResponse::Ok().json(post_view(record, Some(caller), state)))
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
    body: web::Json<PostInput>,
) -> Result<HttpResponse, ApiError> {
    let kind = kind_of(&path)?;
    caller.require(&[kind.author_role(), Role::Coordinator])?;
    let today = crate::domain::today();
    let draft = body
        .into_inner()
        .parse(kind, &state.reference, Some(today))?;
    draft.check_channel_for(caller.is_coordinator())?;
    let status = if caller.is_coordinator() {
        PostStatus::Open
    } else {
        PostStatus::PendingReview
    };
    let intake = match kind {
        // Posted by the coordinator for nobody named: taken over the phone.
        PostKind::Request if caller.is_coordinator() && draft.on_behalf_of.is_none() => {
            IntakeChannel::Phone
        }
        PostKind::Request => draft.intake_channel(),
        _ => IntakeChannel::Own,
    };
    let author = caller.id.clone();
    let id = state
        .db
        .run(move |conn| {
            let organisation = match kind {
                PostKind::Vacancy => accounts::organisation_of(conn, &author)?.map(|(id, _)| id),
                _ => None,
            };
            posts::insert(
                conn,
                NewPost {
                    kind: kind.as_str(),
                    author_id: &author,
                    organisation_id: organisation.as_deref(),
                    draft: &draft,
                    status: status.as_str(),
                    intake_channel: intake.as_str(),
                },
            )
            .map_err(ApiError::from)
        })
        .await?;
    state.post_changed();
    state.metrics.post_created(kind);
    tracing::info!(post_id = %id, "post created");
    let record = load_readable(&state, kind, id.clone(), Some(&caller)).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/{}/{id}", kind.plural())))
        .json(post_view(record, Some(&caller), &state)))
}

/// One post.
#[utoipa::path(get, path = "/api/v1/{kind}/{id}", tag = "posts",
    params(("kind" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = PostView), (status = 404)))]
#[get("/{kind:requests|offers|vacancies}/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    caller: MaybeCaller,
) -> Result<HttpResponse, ApiError> {
    let (kind, id) = path.into_inner();
    let kind = kind_of(&kind)?;
    let record = load_readable(&state, kind, id, caller.0.as_ref()).await?;
    if let (Some(c), Some(_)) = (caller.0.as_ref(), &record.row.on_behalf_name) {
        super::audit::note(
            &state,
            c,
            "view",
            "post",
            &record.row.id,
            "contactgegevens van de hulpvrager bekeken",
        )
        .await?;
    }
    Ok(HttpResponse::Ok().json(post_view(record, caller.0.as_ref(), &state)))
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
    /// Page size (default 20, at most 100).
    pub limit: Option<i64>,
    /// Offset.
    pub offset: Option<i64>,
}

fn list_filter(
    kind: PostKind,
    q: ListQuery,
    caller: Option<&Caller>,
    state: &AppState,
) -> Result<ListFilter, ApiError> {
    let category = category_param(&state.reference, q.category.as_deref())?;
    let place = place_param(&state.reference, q.place.as_deref())?.map(|p| p.slug.clone());
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(
            PostStatus::parse(s)
                .ok_or_else(|| ApiError::field("status", "Onbekende status."))?
                .as_str()
                .to_owned(),
        ),
        None => None,
    };
    let author = match q.author.as_deref() {
        None | Some("") => None,
        Some("me") => Some(caller.ok_or_else(ApiError::unauthorized)?.id.clone()),
        Some(_) => return Err(ApiError::field("author", "Gebruik author=me.")),
    };
    let (limit, offset) = page_bounds(q.limit, q.offset);
    let visibility = match caller {
        Some(c) if c.is_coordinator() => Visibility::All,
        other => Visibility::OpenOrOwn(other.map(|c| c.id.clone())),
    };
    Ok(ListFilter {
        kind: kind.as_str().to_owned(),
        category,
        place,
        status,
        author,
        visibility,
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
    query: web::Query<ListQuery>,
    caller: MaybeCaller,
) -> Result<HttpResponse, ApiError> {
    let kind = kind_of(&path)?;
    let filter = list_filter(kind, query.into_inner(), caller.0.as_ref(), &state)?;
    let (total, records) = state
        .db
        .run(move |conn| posts::list(conn, &filter).map_err(ApiError::from))
        .await?;
    let items = records
        .into_iter()
        .map(|r| post_view(r, caller.0.as_ref(), &state))
        .collect();
    Ok(HttpResponse::Ok().json(Page { total, items }))
}

fn current_input(record: &PostRecord) -> Result<PostInput, ApiError> {
    let row = &record.row;
    let schedule = Schedule::from_stored(
        &row.schedule_kind,
        row.schedule_date,
        row.schedule_mask,
        row.hours_per_week,
    );
    Ok(PostInput {
        title: row.title.clone(),
        description: row.description.clone(),
        category: row.category_slug.clone(),
        place: row.place_slug.clone(),
        talents: record.talents.clone(),
        schedule: serde_json::to_value(schedule).map_err(|e| ApiError::Internal(e.to_string()))?,
        radius_km: row.radius_km.map(f64::from),
        on_behalf_of: on_behalf_of(record),
    })
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
    path: web::Path<(String, String)>,
    caller: Caller,
    body: web::Json<PostPatch>,
) -> Result<HttpResponse, ApiError> {
    let (kind, id) = path.into_inner();
    let kind = kind_of(&kind)?;
    let record = load_editable(&state, kind, id.clone(), &caller).await?;
    let status = PostStatus::parse(&record.row.status)
        .ok_or_else(|| ApiError::Internal("unknown status".into()))?;
    if !matches!(
        status,
        PostStatus::PendingReview | PostStatus::Open | PostStatus::Rejected
    ) {
        return Err(ApiError::Conflict(
            "Deze oproep is al in behandeling of gesloten en kan niet meer worden gewijzigd."
                .into(),
        ));
    }
    let patch = body.into_inner();
    let today = patch.schedule.is_some().then(crate::domain::today);
    let draft = patch
        .apply(current_input(&record)?)
        .parse(kind, &state.reference, today)?;
    draft.check_channel_for(caller.is_coordinator())?;
    let new_status = if caller.is_coordinator() {
        status
    } else {
        PostStatus::PendingReview
    };
    let (post_id, actor, updated_at) = (id.clone(), caller.id.clone(), record.row.updated_at);
    let updated = state
        .db
        .run(move |conn| {
            let change = Change {
                actor_id: &actor,
                reason: Some("gewijzigd"),
            };
            posts::update_content(
                conn,
                &post_id,
                status.as_str(),
                updated_at,
                &draft,
                new_status.as_str(),
                &change,
            )
            .map_err(ApiError::from)
        })
        .await?;
    state.post_changed();
    if !updated {
        return Err(ApiError::Conflict(
            "De oproep is intussen door iemand anders gewijzigd. Laad hem opnieuw.".into(),
        ));
    }
    super::audit::note(&state, &caller, "change", "post", &id, "oproep gewijzigd").await?;
    reload(&state, kind, id, &caller).await
}

async fn apply_transition(
    state: &AppState,
    kind: PostKind,
    id: String,
    caller: &Caller,
    transition: Transition<'static>,
    reason: Option<String>,
    conflict: &'static str,
) -> Result<HttpResponse, ApiError> {
    let (post_id, actor, links) = (id.clone(), caller.id.clone(), state.links.clone());
    // A review decision is mailed to the author, in the same transaction.
    let reviewed = transition.from == ["pending_review"];
    let moved = state
        .db
        .run(move |conn| {
            let change = Change {
                actor_id: &actor,
                reason: reason.as_deref(),
            };
            let t = Transition {
                review_reason: reason.as_deref().filter(|_| transition.to == "rejected"),
                ..transition
            };
            write_transaction(conn, |conn| {
                let moved = posts::transition(conn, &post_id, &t, &change)?;
                if moved && reviewed {
                    let approved = t.to == PostStatus::Open.as_str();
                    notify::post_reviewed(
                        conn,
                        &links,
                        kind.as_str(),
                        &post_id,
                        approved,
                        t.review_reason,
                    )?;
                }
                Ok::<_, diesel::result::Error>(moved)
            })
            .map_err(ApiError::from)
        })
        .await?;
    if !moved {
        return Err(ApiError::Conflict(conflict.into()));
    }
    state.post_changed();
    state.mail_queued();
    super::audit::note(
        state,
        caller,
        "change",
        "post",
        &id,
        "status van de oproep gewijzigd",
    )
    .await?;
    reload(state, kind, id, caller).await
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
    path: web::Path<(String, String)>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let (kind, id) = path.into_inner();
    let kind = kind_of(&kind)?;
    load_editable(&state, kind, id.clone(), &caller).await?;
    let (post_id, actor, links) = (id.clone(), caller.id.clone(), state.links.clone());
    let moved = state
        .db
        .run(move |conn| {
            let transition = Transition {
                from: &["pending_review", "open", "in_progress", "rejected"],
                to: PostStatus::Closed.as_str(),
                close_reason: Some(CloseReason::Withdrawn.as_str()),
                review_reason: None,
            };
            let change = Change {
                actor_id: &actor,
                reason: Some("ingetrokken"),
            };
            let declined = match kind {
                PostKind::Request => "hulpvraag ingetrokken",
                PostKind::Offer => "hulpaanbod ingetrokken",
                PostKind::Vacancy => "vacature ingetrokken",
            };
            write_transaction(conn, |conn| {
                let declined = crate::db::matches::withdraw_post(
                    conn,
                    &post_id,
                    &transition,
                    &change,
                    declined,
                )?;
                // Volunteers who responded hear that it will not go ahead.
                for match_id in declined.iter().flatten() {
                    notify::match_moved(
                        conn,
                        &links,
                        match_id,
                        MatchAction::Decline,
                        None,
                        &actor,
                    )?;
                }
                Ok::<_, diesel::result::Error>(declined.is_some())
            })
            .map_err(ApiError::from)
        })
        .await?;
    state.mail_queued();
    if !moved {
        return Err(ApiError::Conflict(
            "Deze oproep is al gesloten of gekoppeld.".into(),
        ));
    }
    state.post_changed();
    super::audit::note(
        &state,
        &caller,
        "change",
        "post",
        &id,
        "status van de oproep gewijzigd",
    )
    .await?;
    reload(&state, kind, id, &caller).await
}

/// Body of a review.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReviewInput {
    /// `approve` or `reject`.
    pub decision: String,
    /// Required when rejecting: what the author should change.
    pub reason: Option<String>,
}

/// Coordinator review: approve (publish) or reject with a reason.
#[utoipa::path(post, path = "/api/v1/{kind}/{id}/review", tag = "posts", security(("bearer" = [])),
    params(("kind" = String, Path), ("id" = String, Path)), request_body = ReviewInput,
    responses((status = 200, body = PostView), (status = 403), (status = 404), (status = 409), (status = 422)))]
#[post("/{kind:requests|offers|vacancies}/{id}/review")]
#[tracing::instrument(skip_all, fields(post_id = %path.1, account_id = %caller.id))]
async fn review(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    caller: Caller,
    body: web::Json<ReviewInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let (kind, id) = path.into_inner();
    let kind = kind_of(&kind)?;
    load_readable(&state, kind, id.clone(), Some(&caller)).await?;
    let input = body.into_inner();
    let reason = input
        .reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    let to = match input.decision.as_str() {
        "approve" => PostStatus::Open,
        "reject" if reason.is_none() => {
            return Err(ApiError::field(
                "reason",
                "Schrijf erbij waarom, zodat de plaatser het kan aanpassen.",
            ))
        }
        "reject" => PostStatus::Rejected,
        _ => return Err(ApiError::field("decision", "Kies 'approve' of 'reject'.")),
    };
    let transition = Transition {
        from: &["pending_review"],
        to: to.as_str(),
        close_reason: None,
        review_reason: None,
    };
    apply_transition(
        &state,
        kind,
        id,
        &caller,
        transition,
        reason,
        "Deze oproep wacht niet (meer) op beoordeling.",
    )
    .await
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(get_one)
        .service(update)
        .service(withdraw)
        .service(review);
}
