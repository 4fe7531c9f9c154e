//! Matches: a volunteer responds (*reageert*), the coordinator picks from the
//! suggestions, introduces the parties, confirms, declines or ends. Organisations do
//! the same for their own vacancies. Every step is recorded with who, when and why.

use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{page_bounds, Page};
use crate::auth::Caller;
use crate::db::accounts;
use crate::db::matches::{self, Act, MatchRecord, MatchScope, NewMatch};
use crate::db::posts;
use crate::db::write_transaction;
use crate::domain::account::first_name;
use crate::domain::match_flow::{MatchAction, MatchStatus, Outcome};
use crate::domain::{text, PostKind, Role};
use crate::error::ApiError;
use crate::notify;
use crate::startup::AppState;

/// The post of a match.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchPostView {
    /// Post id.
    pub id: String,
    /// `request`, `offer` or `vacancy`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Place slug.
    pub place: String,
}

/// The volunteer of a match: first name, full name for coordinators.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchVolunteerView {
    /// Account id.
    pub id: String,
    /// First name.
    pub first_name: String,
    /// Full name (coordinator and the organisation of a vacancy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One step in a match's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchEventView {
    /// Who (account id).
    pub actor_id: Option<String>,
    /// From status.
    pub from: Option<String>,
    /// To status.
    pub to: String,
    /// Why.
    pub reason: Option<String>,
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: chrono::DateTime<chrono::Utc>,
}

/// How to reach someone: shared with the other party once introduced.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactView {
    /// Full name.
    pub name: String,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The contact details a viewer may see: only after the *kennismaking*, and only the
/// other party's (the coordinator sees both).
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct MatchContacts {
    /// The volunteer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volunteer: Option<ContactView>,
    /// Who posted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poster: Option<ContactView>,
    /// The resident the request is for, when someone else posted it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resident: Option<ContactView>,
}

/// A match as its viewer may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchView {
    /// Id.
    pub id: String,
    /// Status.
    pub status: String,
    /// `succeeded` or `failed`, once ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Reason of a decline or end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `response` or `suggestion`.
    pub origin: String,
    /// The post.
    pub post: MatchPostView,
    /// The volunteer.
    pub volunteer: MatchVolunteerView,
    /// Created.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Last change.
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Every transition (coordinator and the organisation of a vacancy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<MatchEventView>>,
    /// Contact details, once introduced (see [`MatchContacts`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contacts: Option<MatchContacts>,
}

/// Whether the caller handles this match: the coordinator, or the organisation whose vacancy it is.
async fn handles(
    state: &AppState,
    caller: &Caller,
    record: &MatchRecord,
) -> Result<bool, ApiError> {
    if caller.is_coordinator() {
        return Ok(true);
    }
    if caller.role != Role::Organisation || record.post.kind != PostKind::Vacancy.as_str() {
        return Ok(false);
    }
    let id = caller.id.clone();
    let mine = state
        .db
        .run(move |conn| accounts::organisation_of(conn, &id).map_err(ApiError::from))
        .await?;
    Ok(mine.map(|(org, _)| Some(org)) == Some(record.post.organisation_id.clone()))
}

/// Whether the caller is one of the two parties.
fn is_party(caller: &Caller, record: &MatchRecord) -> bool {
    caller.id == record.row.volunteer_id || caller.id == record.post.author_id
}

fn view(record: MatchRecord, full: bool, history: Option<Vec<matches::MatchEvent>>) -> MatchView {
    let utc = |t: chrono::NaiveDateTime| t.and_utc();
    MatchView {
        id: record.row.id,
        status: record.row.status,
        outcome: record.row.outcome,
        reason: record.row.reason,
        origin: record.row.origin,
        post: MatchPostView {
            id: record.post.id,
            kind: record.post.kind,
            title: record.post.title,
            place: record.post.place_slug,
        },
        volunteer: MatchVolunteerView {
            id: record.row.volunteer_id,
            first_name: first_name(&record.volunteer_name),
            name: full.then_some(record.volunteer_name),
        },
        created_at: utc(record.row.created_at),
        updated_at: utc(record.row.updated_at),
        history: history.map(|events| {
            events
                .into_iter()
                .map(|e| MatchEventView {
                    actor_id: e.actor_id,
                    from: e.from_status,
                    to: e.to_status,
                    reason: e.reason,
                    at: utc(e.at),
                })
                .collect()
        }),
        contacts: None,
    }
}

/// Whether contact details are shared at this status (from the introduction on).
fn contacts_shared(status: &str) -> bool {
    matches!(status, "introduced" | "active" | "ended")
}

/// Loads the contact details `caller` may see on this match.
async fn contacts_for(
    state: &AppState,
    caller: &Caller,
    record: &MatchRecord,
    handler: bool,
) -> Result<Option<MatchContacts>, ApiError> {
    if !contacts_shared(&record.row.status) {
        return Ok(None);
    }
    let is_volunteer = caller.id == record.row.volunteer_id;
    let is_poster = caller.id == record.post.author_id;
    let (volunteer_id, poster_id, post_id) = (
        record.row.volunteer_id.clone(),
        record.post.author_id.clone(),
        record.post.id.clone(),
    );
    let kind = record.post.kind.clone();
    let (volunteer, poster, post) = state
        .db
        .run(move |conn| {
            let volunteer = accounts::find(conn, &volunteer_id)?;
            let poster = accounts::find(conn, &poster_id)?;
            let post = posts::get(conn, &kind, &post_id)?;
            Ok::<_, ApiError>((volunteer, poster, post))
        })
        .await?;
    let account_contact = |a: crate::db::accounts::Account| ContactView {
        name: a.name,
        email: Some(a.email),
        phone: a.phone,
    };
    let resident = post.and_then(|p| {
        p.row.on_behalf_name.map(|name| ContactView {
            name,
            email: p.row.on_behalf_email,
            phone: p.row.on_behalf_phone,
        })
    });
    Ok(Some(MatchContacts {
        volunteer: volunteer
            .filter(|_| handler || is_poster)
            .map(account_contact),
        poster: poster
            .filter(|_| handler || is_volunteer)
            .map(account_contact),
        resident: resident.filter(|_| handler || is_volunteer || is_poster),
    }))
}

/// Loads a match the caller may see (404 otherwise) and says whether they handle it.
async fn load(
    state: &AppState,
    caller: &Caller,
    id: String,
) -> Result<(MatchRecord, bool), ApiError> {
    let record = state
        .db
        .run(move |conn| matches::get(conn, &id).map_err(ApiError::from))
        .await?
        .ok_or_else(ApiError::not_found)?;
    let handler = handles(state, caller, &record).await?;
    let visible = handler
        || (is_party(caller, &record) && record.row.status != MatchStatus::Suggested.as_str());
    if visible {
        Ok((record, handler))
    } else {
        Err(ApiError::not_found())
    }
}

async fn respond_with(
    state: &AppState,
    caller: &Caller,
    id: String,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, ApiError> {
    let (record, handler) = load(state, caller, id.clone()).await?;
    let history = if handler {
        Some(
            state
                .db
                .run(move |conn| matches::history(conn, &id).map_err(ApiError::from))
                .await?,
        )
    } else {
        None
    };
    let contacts = contacts_for(state, caller, &record, handler).await?;
    if contacts.is_some() {
        super::audit::note(
            state,
            caller,
            "view",
            "match",
            &record.row.id,
            "contactgegevens van de koppeling bekeken",
        )
        .await?;
    }
    let mut shown = view(record, handler, history);
    shown.contacts = contacts;
    Ok(HttpResponse::build(status).json(shown))
}

/// Body of a response.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResponseInput {
    /// A few words to the poster.
    pub message: String,
}

/// A volunteer responds (*reageert*) to an open post.
#[utoipa::path(post, path = "/api/v1/{kind}/{id}/responses", tag = "matches", security(("bearer" = [])),
    params(("kind" = String, Path), ("id" = String, Path)), request_body = ResponseInput,
    responses((status = 201, body = MatchView), (status = 403), (status = 404), (status = 409), (status = 422)))]
#[post("/{kind:requests|offers|vacancies}/{id}/responses")]
#[tracing::instrument(skip_all, fields(post_id = %path.1, account_id = %caller.id))]
async fn respond(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    body: web::Json<ResponseInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Volunteer])?;
    let (kind, post_id) = path.into_inner();
    let kind = PostKind::from_plural(&kind).ok_or_else(ApiError::not_found)?;
    let message = text::required(&body.message, "Bericht", 2_000)
        .map_err(|e| ApiError::field("message", e))?;
    let (volunteer, id, links) = (caller.id.clone(), post_id.clone(), state.links.clone());
    let created = state
        .db
        .run(move |conn| {
            let post = posts::get(conn, kind.as_str(), &id)?
                .filter(|p| p.row.status == "open")
                .ok_or_else(ApiError::not_found)?;
            if post.row.author_id == volunteer {
                return Err(ApiError::Conflict(
                    "U kunt niet reageren op uw eigen oproep.".into(),
                ));
            }
            let new = NewMatch {
                post_id: &id,
                volunteer_id: &volunteer,
                status: MatchStatus::Responded,
                origin: "response",
                actor_id: &volunteer,
                message: Some(&message),
            };
            write_transaction(conn, |conn| {
                let created = matches::create(conn, new)?;
                if let Some(match_id) = &created {
                    notify::response_received(conn, &links, match_id)?;
                }
                Ok::<_, diesel::result::Error>(created)
            })?
            .ok_or_else(|| ApiError::Conflict("U hebt al gereageerd op deze oproep.".into()))
        })
        .await?;
    state.mail_queued();
    respond_with(
        &state,
        &caller,
        created,
        actix_web::http::StatusCode::CREATED,
    )
    .await
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
    body: web::Json<MatchInput>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let input = body.into_inner();
    let actor = caller.id.clone();
    let created = state
        .db
        .run(move |conn| {
            let post = posts::get(conn, "request", &input.request_id)?
                .ok_or_else(|| ApiError::field("request_id", "Deze hulpvraag bestaat niet."))?;
            if !matches!(post.row.status.as_str(), "open" | "in_progress") {
                return Err(ApiError::Conflict(
                    "Deze hulpvraag staat niet (meer) open.".into(),
                ));
            }
            let volunteer = accounts::find(conn, &input.volunteer_id)?
                .filter(|a| a.role == Role::Volunteer.as_str())
                .ok_or_else(|| {
                    ApiError::field("volunteer_id", "Deze vrijwilliger bestaat niet.")
                })?;
            let new = NewMatch {
                post_id: &post.row.id,
                volunteer_id: &volunteer.id,
                status: MatchStatus::Suggested,
                origin: "suggestion",
                actor_id: &actor,
                message: None,
            };
            matches::create(conn, new)?.ok_or_else(|| {
                ApiError::Conflict("Deze vrijwilliger is al gekoppeld aan deze hulpvraag.".into())
            })
        })
        .await?;
    respond_with(
        &state,
        &caller,
        created,
        actix_web::http::StatusCode::CREATED,
    )
    .await
}

/// Body of a match action (all optional except as noted).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ActionInput {
    /// For `end`: `succeeded` or `failed`.
    pub outcome: Option<String>,
    /// Why (required to decline, and to end as failed).
    pub reason: Option<String>,
}

fn check_action(
    action: MatchAction,
    input: &ActionInput,
) -> Result<(Option<Outcome>, Option<String>), ApiError> {
    let reason = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    if reason.as_ref().is_some_and(|r| r.chars().count() > 1_000) {
        return Err(ApiError::field(
            "reason",
            "De reden is te lang (hooguit 1000 tekens).",
        ));
    }
    let outcome = match (action, input.outcome.as_deref()) {
        (MatchAction::End, Some(o)) => Some(
            Outcome::parse(o)
                .ok_or_else(|| ApiError::field("outcome", "Kies succeeded of failed."))?,
        ),
        (MatchAction::End, None) => {
            return Err(ApiError::field(
                "outcome",
                "Hoe is het gegaan? Kies succeeded of failed.",
            ))
        }
        _ => None,
    };
    let needs_reason = action == MatchAction::Decline || outcome == Some(Outcome::Failed);
    if needs_reason && reason.is_none() {
        return Err(ApiError::field("reason", "Schrijf erbij waarom."));
    }
    Ok((outcome, reason))
}

/// Introduce, confirm, decline or end a match.
#[utoipa::path(post, path = "/api/v1/matches/{id}/{action}", tag = "matches", security(("bearer" = [])),
    params(("id" = String, Path), ("action" = String, Path, description = "introduce, confirm, decline or end")),
    request_body = ActionInput,
    responses((status = 200, body = MatchView), (status = 403), (status = 404), (status = 409), (status = 422)))]
#[post("/matches/{id}/{action:introduce|confirm|decline|end}")]
#[tracing::instrument(skip_all, fields(match_id = %path.0, action = %path.1, account_id = %caller.id))]
async fn act(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    body: Option<web::Json<ActionInput>>,
) -> Result<HttpResponse, ApiError> {
    let (id, action) = path.into_inner();
    let action = MatchAction::parse(&action).ok_or_else(ApiError::not_found)?;
    let (record, handler) = load(&state, &caller, id.clone()).await?;
    // The parties may step back themselves; everything else is the handler's.
    let allowed = handler || (action == MatchAction::Decline && is_party(&caller, &record));
    if !allowed {
        return Err(ApiError::forbidden());
    }
    let input = body.map(web::Json::into_inner).unwrap_or_default();
    let (outcome, reason) = check_action(action, &input)?;
    let (match_id, actor, links) = (id.clone(), caller.id.clone(), state.links.clone());
    let result = state
        .db
        .run(move |conn| {
            let act = Act {
                action,
                outcome,
                reason: reason.as_deref(),
                actor_id: &actor,
            };
            write_transaction(conn, |conn| {
                let result = matches::act(conn, &match_id, &act)?;
                if result.is_ok() {
                    notify::match_moved(conn, &links, &match_id, action, outcome, &actor)?;
                }
                Ok::<_, diesel::result::Error>(result)
            })
            .map_err(ApiError::from)
        })
        .await?;
    if let Err(now) = result {
        return Err(ApiError::Conflict(action.refusal(now)));
    }
    state.post_changed();
    state.mail_queued();
    super::audit::note(&state, &caller, "change", "match", &id, action.as_str()).await?;
    respond_with(&state, &caller, id, actix_web::http::StatusCode::OK).await
}

/// Filters for the match list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct MatchQuery {
    /// Status.
    pub status: Option<String>,
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
    query: web::Query<MatchQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = query.into_inner();
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(
            MatchStatus::parse(s)
                .ok_or_else(|| ApiError::field("status", "Onbekende status."))?
                .as_str(),
        ),
        None => None,
    };
    let scope = match caller.role {
        Role::Coordinator => MatchScope::All,
        Role::Volunteer => MatchScope::Volunteer(caller.id.clone()),
        Role::Resident | Role::Organisation => MatchScope::Author(caller.id.clone()),
    };
    let (limit, offset) = page_bounds(q.limit, q.offset);
    let full = caller.is_coordinator() || caller.role == Role::Organisation;
    let (total, records) = state
        .db
        .run(move |conn| matches::list(conn, &scope, status, limit, offset).map_err(ApiError::from))
        .await?;
    let items = records.into_iter().map(|r| view(r, full, None)).collect();
    Ok(HttpResponse::Ok().json(Page { total, items }))
}

/// One match; with its history for the coordinator (or the vacancy's organisation).
#[utoipa::path(get, path = "/api/v1/matches/{id}", tag = "matches", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = MatchView), (status = 404)))]
#[get("/matches/{id}")]
async fn get_one(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    respond_with(
        &state,
        &caller,
        path.into_inner(),
        actix_web::http::StatusCode::OK,
    )
    .await
}

/// A message on the platform (no e-mail addresses or phone numbers needed).
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageView {
    /// Id.
    pub id: String,
    /// Sender's first name.
    pub from: String,
    /// Whether the caller sent it.
    pub mine: bool,
    /// Text.
    pub body: String,
    /// Sent.
    #[schema(value_type = String, format = DateTime)]
    pub sent_at: chrono::DateTime<chrono::Utc>,
}

/// Who may read and write a match's messages: its two parties and whoever handles it.
async fn conversation(
    state: &AppState,
    caller: &Caller,
    id: String,
) -> Result<MatchRecord, ApiError> {
    let (record, handler) = load(state, caller, id).await?;
    if handler || is_party(caller, &record) {
        Ok(record)
    } else {
        Err(ApiError::not_found())
    }
}

async fn message_list(
    state: &AppState,
    caller: &Caller,
    record: &MatchRecord,
) -> Result<HttpResponse, ApiError> {
    let (match_id, ids) = (
        record.row.id.clone(),
        vec![
            record.row.volunteer_id.clone(),
            record.post.author_id.clone(),
        ],
    );
    let (rows, names) = state
        .db
        .run(move |conn| {
            let rows = matches::messages(conn, &match_id)?;
            let mut senders: Vec<String> = rows
                .iter()
                .map(|m| m.sender_id.clone())
                .chain(ids)
                .collect();
            senders.sort();
            senders.dedup();
            let names = crate::db::candidates::account_names(conn, &senders)?;
            Ok::<_, ApiError>((rows, names))
        })
        .await?;
    let items: Vec<MessageView> = rows
        .into_iter()
        .map(|m| MessageView {
            from: names
                .get(&m.sender_id)
                .map(|(n, _)| first_name(n))
                .unwrap_or_default(),
            mine: m.sender_id == caller.id,
            id: m.id,
            body: m.body,
            sent_at: m.created_at.and_utc(),
        })
        .collect();
    Ok(HttpResponse::Ok().json(Page {
        total: items.len() as i64,
        items,
    }))
}

/// The messages of a match, oldest first (its parties and whoever handles it).
#[utoipa::path(get, path = "/api/v1/matches/{id}/messages", tag = "matches", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Page<MessageView>), (status = 404)))]
#[get("/matches/{id}/messages")]
async fn list_messages(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let record = conversation(&state, &caller, path.into_inner()).await?;
    message_list(&state, &caller, &record).await
}

/// Body of a message.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MessageInput {
    /// Text (at most 2000 characters).
    #[serde(default)]
    pub body: String,
}

/// Sends a message on a match that is still going (not declined or ended).
#[utoipa::path(post, path = "/api/v1/matches/{id}/messages", tag = "matches", security(("bearer" = [])), params(("id" = String, Path)),
    request_body = MessageInput, responses((status = 200, body = Page<MessageView>), (status = 404), (status = 409), (status = 422)))]
#[post("/matches/{id}/messages")]
#[tracing::instrument(skip_all, fields(match_id = %path, account_id = %caller.id))]
async fn send_message(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    body: web::Json<MessageInput>,
) -> Result<HttpResponse, ApiError> {
    let record = conversation(&state, &caller, path.into_inner()).await?;
    if matches!(record.row.status.as_str(), "declined" | "ended") {
        return Err(ApiError::Conflict(
            "Deze koppeling is afgesloten; berichten sturen kan niet meer.".into(),
        ));
    }
    let text =
        text::required(&body.body, "Bericht", 2_000).map_err(|e| ApiError::field("body", e))?;
    let (match_id, sender, links) = (
        record.row.id.clone(),
        caller.id.clone(),
        state.links.clone(),
    );
    state
        .db
        .run(move |conn| {
            write_transaction(conn, |conn| {
                matches::add_message(conn, &match_id, &sender, &text)?;
                notify::message_posted(conn, &links, &match_id, &sender)
            })
            .map_err(ApiError::from)
        })
        .await?;
    state.mail_queued();
    message_list(&state, &caller, &record).await
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
