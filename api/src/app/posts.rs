//! Posts: requests (*hulpvragen*), offers (*hulpaanbod*) and vacancies (*vacatures*).
//! The public sees only open posts and never anyone's contact details; authors see
//! their own; coordinators see everything.

use super::access::{help_arranged, may_read_post, may_see_private};
use super::limits::{self, Counted};
use super::{change, notify, read, Audit, Tx};
use crate::auth::Caller;
use crate::db::accounts;
use crate::db::matches::{self, Stop, Whose};
use crate::db::posts::{self, Change, ListFilter, NewPost, PostRecord, Transition, Visibility};
use crate::domain::post::{PostDraft, PostInput, PostPatch};
use crate::domain::screening::{screen_post, Finding};
use crate::domain::{text, IntakeChannel, PostKind, PostMove, PostStatus, Role};
use crate::error::ApiError;
use crate::state::AppState;
use crate::views::posts::{PostScreening, PostView};
use crate::views::Page;

/// Loads a post the caller may read; 404 otherwise (reveals nothing).
fn readable(
    tx: &mut Tx<'_>,
    kind: PostKind,
    id: &str,
    caller: Option<&Caller>,
) -> Result<PostRecord, ApiError> {
    let record = posts::get(tx.conn, kind, id)?.ok_or_else(ApiError::not_found)?;
    if may_read_post(&record, caller) {
        return Ok(record);
    }
    // The volunteer introduced or confirmed keeps reading what they help with.
    match caller {
        Some(c) if help_arranged(&record) && matches::is_on(tx.conn, id, &c.id)? => Ok(record),
        _ => Err(ApiError::not_found()),
    }
}

/// Loads a post the caller may change (author or coordinator): 404 if unreadable, 403
/// if only readable.
fn editable(
    tx: &mut Tx<'_>,
    kind: PostKind,
    id: &str,
    caller: &Caller,
) -> Result<PostRecord, ApiError> {
    let record = readable(tx, kind, id, Some(caller))?;
    if may_see_private(&record, Some(caller)) {
        Ok(record)
    } else {
        Err(ApiError::forbidden())
    }
}

/// The post as the caller sees it now.
fn view(
    tx: &mut Tx<'_>,
    kind: PostKind,
    id: &str,
    caller: Option<&Caller>,
) -> Result<PostView, ApiError> {
    let record = readable(tx, kind, id, caller)?;
    Ok(shaped(tx, record, caller))
}

/// A post as `caller` may see it: the private parts for its author and the
/// coordinator, and for the coordinator also what screening found in the text.
fn shaped(tx: &Tx<'_>, record: PostRecord, caller: Option<&Caller>) -> PostView {
    let private = may_see_private(&record, caller);
    let view = PostView::of(record, private, tx.reference);
    if caller.is_some_and(Caller::is_coordinator) {
        view.screened()
    } else {
        view
    }
}

/// Whether screening finds a contact detail or the surname of whom a post is for in
/// its title or description.
fn personal_details_in(draft: &PostDraft) -> bool {
    let names: Vec<&str> = draft.on_behalf_of.iter().map(|o| o.name.as_str()).collect();
    [&draft.title, &draft.description]
        .into_iter()
        .flat_map(|text| screen_post(text, &names))
        .any(|f| f.kind.is_personal())
}

/// Creates a post. Coordinators publish at once (unless the text holds personal
/// details); others wait for review.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    kind: PostKind,
    input: PostInput,
) -> Result<PostView, ApiError> {
    caller.require(&[kind.author_role(), Role::Coordinator])?;
    let draft = input.parse(kind, &state.reference, Some(crate::domain::today()))?;
    draft.check_channel_for(caller.is_coordinator())?;
    let coordinator = caller.is_coordinator();
    // A coordinator's post goes online at once, unless its public text holds contact
    // details or a surname: then it waits in Beoordelen, as anyone's does.
    let status = if coordinator && !personal_details_in(&draft) {
        PostStatus::Open
    } else {
        PostStatus::PendingReview
    };
    let intake_channel = match kind {
        // Posted by the coordinator for nobody named: taken over the phone.
        PostKind::Request if coordinator && draft.on_behalf_of.is_none() => IntakeChannel::Phone,
        PostKind::Request => draft.intake_channel(),
        _ => IntakeChannel::Own,
    };
    let caller = caller.clone();
    let limits = state.settings.limits;
    let view = change(state, move |tx| {
        limits::check(tx.conn, &caller, Counted::Post, &limits, crate::db::now())?;
        let (organisation_id, organisation_name) = match kind {
            PostKind::Vacancy => accounts::organisation_of(tx.conn, &caller.id)?.unzip(),
            _ => (None, None),
        };
        let new = NewPost {
            kind,
            author_id: &caller.id,
            organisation_id: organisation_id.as_deref(),
            draft: &draft,
            status,
            intake_channel,
        };
        let id = posts::insert(tx.conn, new)?;
        tx.search_changed();
        let record = posts::inserted(tx.conn, &id, &draft.talents, organisation_name)?;
        Ok(shaped(tx, record, Some(&caller)))
    })
    .await?;
    state.metrics.post_created(kind);
    tracing::info!(post_id = %view.id, "post created");
    Ok(view)
}

/// One post; a coordinator's look at a resident's contact details is audited.
pub async fn get(
    state: &AppState,
    caller: Option<&Caller>,
    kind: PostKind,
    id: String,
) -> Result<PostView, ApiError> {
    let caller = caller.cloned();
    read(state, move |tx| {
        let record = readable(tx, kind, &id, caller.as_ref())?;
        let author_id = record.row.author_id.clone();
        let mut view = shaped(tx, record, caller.as_ref());
        if let Some(c) = caller.as_ref().filter(|c| c.is_coordinator()) {
            with_author_contact(tx, &mut view, &author_id)?;
            if view.on_behalf_of.is_some() || view.author.email.is_some() {
                let detail = match kind {
                    PostKind::Request => "contactgegevens van de hulpvrager bekeken",
                    _ => "contactgegevens van de plaatser bekeken",
                };
                tx.audit(c, Audit::view("post", &id, detail))?;
            }
        }
        Ok(view)
    })
    .await
}

/// The author's phone and e-mail for the coordinator, who may need to call before
/// any introduction (the caller audits the look); not a colleague's own, for a
/// request they took by phone.
fn with_author_contact(
    tx: &mut Tx<'_>,
    view: &mut PostView,
    author_id: &str,
) -> Result<(), ApiError> {
    let author = accounts::find(tx.conn, author_id)?;
    if let Some(author) = author.filter(|a| !a.is_coordinator()) {
        view.author.phone = author.phone;
        view.author.email = Some(author.email);
    }
    Ok(())
}

/// What to list: filters as parsed from the query.
#[derive(Debug, Default)]
pub struct ListQuery {
    /// Category slug (known).
    pub category: Option<String>,
    /// Place slug (known).
    pub place: Option<String>,
    /// Status.
    pub status: Option<PostStatus>,
    /// Only the caller's own posts.
    pub mine: bool,
    /// Only open posts waiting too long without a response (see
    /// [`crate::db::desk::STALE_REQUEST_DAYS`]).
    pub waiting: bool,
    /// Oldest first.
    pub oldest_first: bool,
    /// Page size.
    pub limit: i64,
    /// Offset.
    pub offset: i64,
}

/// Lists posts, newest first. Anonymous callers see open posts only; others also
/// their own; coordinators everything.
pub async fn list(
    state: &AppState,
    caller: Option<&Caller>,
    kind: PostKind,
    query: ListQuery,
) -> Result<Page<PostView>, ApiError> {
    let author = match (query.mine, caller) {
        (false, _) => None,
        (true, Some(c)) => Some(c.id.clone()),
        (true, None) => return Err(ApiError::unauthorized()),
    };
    let visibility = match caller {
        Some(c) if c.is_coordinator() => Visibility::All,
        other => Visibility::OpenOrOwn(other.map(|c| c.id.clone())),
    };
    let filter = ListFilter {
        kind,
        category: query.category,
        place: query.place,
        status: query.status,
        author,
        visibility,
        waiting_since: query
            .waiting
            .then(|| crate::db::desk::waiting_since(crate::db::now())),
        oldest_first: query.oldest_first,
        limit: query.limit,
        offset: query.offset,
    };
    let caller = caller.cloned();
    read(state, move |tx| {
        let (total, records) = posts::list(tx.conn, &filter)?;
        let items = records
            .into_iter()
            .map(|r| without_resident_contact(shaped(tx, r, caller.as_ref()), caller.as_ref()))
            .collect();
        Ok(Page { total, items })
    })
    .await
}

/// A list shows the coordinator for whom a request is, not how to reach them: that
/// is one post at a time, where the look is audited (see [`get`]).
fn without_resident_contact(mut view: PostView, caller: Option<&Caller>) -> PostView {
    let own = caller.is_some_and(|c| view.author.id.as_deref() == Some(c.id.as_str()));
    if let Some(resident) = view.on_behalf_of.as_mut().filter(|_| !own) {
        resident.phone = None;
        resident.email = None;
    }
    view
}

fn current_input(record: &PostRecord) -> Result<PostInput, ApiError> {
    let row = &record.row;
    Ok(PostInput {
        title: row.title.clone(),
        description: row.description.clone(),
        category: row.category_slug.clone(),
        place: row.place_slug.clone(),
        talents: record.talents.clone(),
        schedule: serde_json::to_value(row.schedule())
            .map_err(|e| ApiError::Internal(e.to_string()))?,
        radius_km: row.radius_km.map(f64::from),
        on_behalf_of: row.on_behalf_of(),
    })
}

/// Screens a draft as the review will ([`screen_post`]), with the caller's name and
/// `for_name` as the names whose surnames must not be published (not an organisation's
/// contact person: a vacancy may name them, as the review allows). Only contact
/// details and surnames are told: links and spam words are for the review alone
/// (telling a spammer which words are caught helps nobody).
pub async fn screen_draft(
    state: &AppState,
    caller: &Caller,
    title: String,
    description: String,
    for_name: Option<String>,
) -> Result<PostScreening, ApiError> {
    let id = caller.id.clone();
    let author = read(state, move |tx| Ok(accounts::find(tx.conn, &id)?)).await?;
    let mut names: Vec<&str> = Vec::new();
    if caller.role != Role::Organisation {
        names.extend(author.as_ref().map(|a| a.name.as_str()));
    }
    names.extend(for_name.as_deref());
    let personal = |text: &str| -> Vec<Finding> {
        screen_post(text, &names)
            .into_iter()
            .filter(|f| f.kind.is_personal())
            .collect()
    };
    Ok(PostScreening {
        title: personal(&title),
        description: personal(&description),
    })
}

/// The organisation of each vacancy among `post_ids`, by post id (for search results,
/// which the index answers without the database).
pub async fn organisations_of(
    state: &AppState,
    post_ids: Vec<String>,
) -> Result<std::collections::HashMap<String, String>, ApiError> {
    read(state, move |tx| {
        let ids: Vec<&str> = post_ids.iter().map(String::as_str).collect();
        Ok(posts::organisation_names(tx.conn, &ids)?)
    })
    .await
}

/// Changes a post (author or coordinator). An author's change to a published or
/// rejected post sends it (back) to review.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    kind: PostKind,
    id: String,
    patch: PostPatch,
) -> Result<PostView, ApiError> {
    let caller = caller.clone();
    let today = patch.schedule.is_some().then(crate::domain::today);
    change(state, move |tx| {
        let record = editable(tx, kind, &id, &caller)?;
        let status = record.row.status;
        if !status.is_editable() {
            return Err(ApiError::Conflict(
                "Deze oproep is al in behandeling of gesloten en kan niet meer worden gewijzigd."
                    .into(),
            ));
        }
        let current = current_input(&record)?;
        let changed = patch.apply(current.clone());
        // Nothing changed: a published post stays online instead of going back to review.
        if changed == current {
            return view(tx, kind, &id, Some(&caller));
        }
        let draft = changed.parse(kind, tx.reference, today)?;
        // The same once cleaned (a trailing space, an invisible character): no change.
        if current.parse(kind, tx.reference, today).ok().as_ref() == Some(&draft) {
            return view(tx, kind, &id, Some(&caller));
        }
        draft.check_channel_for(caller.is_coordinator())?;
        let new_status = if caller.is_coordinator() {
            status
        } else {
            PostStatus::PendingReview
        };
        let change = Change {
            actor_id: &caller.id,
            reason: Some("gewijzigd"),
        };
        let updated_at = record.row.updated_at;
        if !posts::update_content(
            tx.conn, &id, status, updated_at, &draft, new_status, &change,
        )? {
            return Err(ApiError::Conflict(
                "De oproep is intussen door iemand anders gewijzigd. Laad hem opnieuw.".into(),
            ));
        }
        tx.search_changed();
        tx.audit(&caller, Audit::change("post", &id, "oproep gewijzigd"))?;
        view(tx, kind, &id, Some(&caller))
    })
    .await
}

/// Withdraws a post (author or coordinator): it is closed with reason `withdrawn`, and
/// its matches still being arranged are declined ("hulpvraag ingetrokken"), mailing
/// the volunteers who knew of them. Confirmed matches go on: a `matched` request
/// cannot be withdrawn, and a volunteer's engagement with an organisation outlives
/// the vacancy's advertisement.
pub async fn withdraw(
    state: &AppState,
    caller: &Caller,
    kind: PostKind,
    id: String,
) -> Result<PostView, ApiError> {
    let closing = Closing {
        rule: PostMove::WITHDRAW,
        why: "ingetrokken",
        match_note: kind.withdrawn_note(),
        refused: "Deze oproep is al gesloten of gekoppeld.",
        audited: "status van de oproep gewijzigd",
    };
    close_as_author(state, caller, kind, id, closing).await
}

/// Closes a vacancy its organisation filled (or the coordinator for it): closed as
/// *completed*, not withdrawn; responses still being arranged are declined ("de
/// vacature is vervuld"), volunteers who were confirmed keep their place.
pub async fn fill(
    state: &AppState,
    caller: &Caller,
    kind: PostKind,
    id: String,
) -> Result<PostView, ApiError> {
    if kind != PostKind::Vacancy {
        return Err(ApiError::Conflict(
            "Alleen een vacature kan vervuld zijn. Is de hulp geregeld? Dan sluit het Servicepunt de koppeling af.".into(),
        ));
    }
    let closing = Closing {
        rule: PostMove::FILLED,
        why: "vervuld",
        match_note: "de vacature is vervuld",
        refused: "Deze vacature staat niet online en kan dus niet als vervuld worden afgesloten.",
        audited: "vacature vervuld",
    };
    close_as_author(state, caller, kind, id, closing).await
}

/// How its author (or the coordinator) closes a post: the move, the words for its
/// history and its matches, the refusal when it cannot, and the audit entry.
struct Closing {
    rule: PostMove,
    why: &'static str,
    match_note: &'static str,
    refused: &'static str,
    audited: &'static str,
}

/// Closes a post its caller may change, as `closing` says; the matches still being
/// arranged are declined and whoever knew of them mailed (see [`close_post`]).
async fn close_as_author(
    state: &AppState,
    caller: &Caller,
    kind: PostKind,
    id: String,
    closing: Closing,
) -> Result<PostView, ApiError> {
    let caller = caller.clone();
    change(state, move |tx| {
        editable(tx, kind, &id, &caller)?;
        let closed = close_post(
            tx,
            &id,
            closing.rule,
            Stop::Arranging,
            &caller.id,
            closing.why,
            closing.match_note,
        )?;
        if !closed {
            return Err(ApiError::Conflict(closing.refused.into()));
        }
        tx.audit(&caller, Audit::change("post", &id, closing.audited))?;
        view(tx, kind, &id, Some(&caller))
    })
    .await
}

/// Closes a post as `rule` says and stops its matches as `which` says, mailing
/// whoever knew of them. The one rule for taking a post away: withdrawal by its
/// author and the deletion of the author's account both go through here. False when
/// the post was not in one of `rule.from`.
pub fn close_post(
    tx: &mut Tx<'_>,
    post_id: &str,
    rule: PostMove,
    which: Stop,
    actor_id: &str,
    why: &str,
    match_note: &str,
) -> Result<bool, ApiError> {
    let change = Change {
        actor_id,
        reason: Some(why),
    };
    if !posts::transition(tx.conn, post_id, &rule.into(), &change)? {
        return Ok(false);
    }
    tx.search_changed();
    let stopped =
        matches::stop_matches(tx.conn, Whose::Post(post_id), which, actor_id, match_note)?;
    super::matches::tell_stopped(tx, stopped, actor_id)?;
    Ok(true)
}

/// The coordinator's decision on a post waiting for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    /// Publish it.
    Approve,
    /// Send it back, with what the author should change.
    Reject(String),
    /// Do not publish it at all (spam, paid work, care for professionals), with why.
    Refuse(String),
}

impl Review {
    /// Reads `approve`, or `reject` or `refuse` with a reason (trimmed; required; at
    /// most 1000 characters).
    pub fn parse(decision: &str, reason: Option<String>) -> Result<Review, ApiError> {
        let reason = text::optional_long(reason.as_deref().unwrap_or(""), "De reden", 1_000)
            .map_err(|e| ApiError::field("reason", e))?;
        let reason = Some(reason).filter(|r| !r.is_empty());
        match (decision, reason) {
            ("approve", _) => Ok(Review::Approve),
            ("reject", Some(reason)) => Ok(Review::Reject(reason)),
            ("refuse", Some(reason)) => Ok(Review::Refuse(reason)),
            ("reject", None) => Err(ApiError::field(
                "reason",
                "Schrijf erbij waarom, zodat de plaatser het kan aanpassen.",
            )),
            ("refuse", None) => Err(ApiError::field(
                "reason",
                "Schrijf erbij waarom u de oproep niet plaatst. De plaatser leest het in de e-mail.",
            )),
            _ => Err(ApiError::field(
                "decision",
                "Kies 'approve', 'reject' of 'refuse'.",
            )),
        }
    }

    /// The post's move, and the reason the author reads.
    fn rule(&self) -> (PostMove, Option<&str>) {
        match self {
            Review::Approve => (PostMove::review(true), None),
            Review::Reject(reason) => (PostMove::review(false), Some(reason)),
            Review::Refuse(reason) => (PostMove::REFUSE, Some(reason)),
        }
    }
}

/// Coordinator review: approve (publish), send back or refuse with a reason; the author
/// is mailed.
/// Who may review and whether the post exists are checked before the decision is read.
pub async fn review(
    state: &AppState,
    caller: &Caller,
    kind: PostKind,
    id: String,
    decision: &str,
    reason: Option<String>,
) -> Result<PostView, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let caller = caller.clone();
    let decision = decision.to_owned();
    change(state, move |tx| {
        readable(tx, kind, &id, Some(&caller))?;
        let decision = Review::parse(&decision, reason)?;
        let (rule, reason) = decision.rule();
        let transition = Transition {
            rule,
            review_reason: reason,
        };
        let change = Change {
            actor_id: &caller.id,
            reason,
        };
        if !posts::transition(tx.conn, &id, &transition, &change)? {
            return Err(ApiError::Conflict(
                "Deze oproep wacht niet (meer) op beoordeling.".into(),
            ));
        }
        let helped = decision == Review::Approve
            && kind == PostKind::Request
            && matches::follow_after_review(tx.conn, &id, &change)?;
        tx.search_changed();
        let record = readable(tx, kind, &id, Some(&caller))?;
        // Not "online" then: the author is in touch with the volunteer already.
        if !helped {
            notify::post_reviewed(tx, &record, &decision)?;
        }
        tx.audit(
            &caller,
            Audit::change("post", &id, "status van de oproep gewijzigd"),
        )?;
        Ok(PostView::of(record, true, tx.reference))
    })
    .await
}
