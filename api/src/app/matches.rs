//! Matches: a volunteer responds (*reageert*), the coordinator picks from the
//! suggestions, introduces the parties, confirms, declines or ends. Organisations do
//! the same for their own vacancies. Every step is recorded with who, when and why,
//! and mailed to whoever should hear of it.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use super::access::MatchAccess;
use super::limits::{self, Counted};
use super::parties::{self, Parties};
use super::{change, decisions, notify, read, Audit, Tx};
use crate::auth::Caller;
use crate::db::matches::{
    self, Act, MatchEvent, MatchRecord, MatchScope, MessageRow, NewMatch, Stop, Stopped, Whose,
};

pub use crate::db::matches::MatchFilter;
use crate::db::{accounts, candidates, posts};
use crate::domain::account::first_name;
use crate::domain::match_flow::{MatchAction, MatchOrigin, MatchStatus, Outcome};
use crate::domain::screening::{screen, screen_message, FindingKind};
use crate::domain::{text, PostKind, PostStatus, Role};
use crate::error::ApiError;
use crate::state::AppState;
use crate::views::matches::{MatchView, MessageView};
use crate::views::{utc, Page};

/// Loads a match the caller may see (404 otherwise, revealing nothing).
fn visible(
    tx: &mut Tx<'_>,
    caller: &Caller,
    id: &str,
) -> Result<(MatchRecord, MatchAccess), ApiError> {
    let record = matches::get(tx.conn, id)?.ok_or_else(ApiError::not_found)?;
    let access = MatchAccess::of(tx.conn, caller, &record)?;
    if access.may_see(&record) {
        Ok((record, access))
    } else {
        Err(ApiError::not_found())
    }
}

/// The match as the caller sees it: history for whoever handles it, contact details
/// from the introduction on (a coordinator's look at them is audited).
fn shown(
    tx: &mut Tx<'_>,
    caller: &Caller,
    parties: Parties,
    access: MatchAccess,
) -> Result<MatchView, ApiError> {
    let events = matches::history(tx.conn, &parties.record.row.id)?;
    let history = if access.handler {
        events
    } else {
        as_parties_see(events, &parties)
    };
    let contacts = parties.contacts_for(access.viewer());
    if contacts.is_some() {
        let entry = Audit::view(
            "match",
            &parties.record.row.id,
            "contactgegevens van de koppeling bekeken",
        );
        tx.audit(caller, entry)?;
    }
    let id = parties.record.row.id.clone();
    let unread = matches::unread_counts(tx.conn, &caller.id, &[&id])?;
    let mut view = MatchView::of(parties.record, access.handler);
    view.history = Some(history.into_iter().map(Into::into).collect());
    view.contacts = contacts;
    view.unread = unread.get(&id).copied().unwrap_or(0);
    with_vog(tx, caller, &mut view)?;
    Ok(view)
}

/// The coordinator sees whether the volunteer's VOG is valid today: help of a kind
/// that needs one should not start without it.
fn with_vog(tx: &mut Tx<'_>, caller: &Caller, view: &mut MatchView) -> diesel::QueryResult<()> {
    with_vogs(tx, caller, std::slice::from_mut(view))
}

/// [`with_vog`] for a page of matches, in one query.
fn with_vogs(tx: &mut Tx<'_>, caller: &Caller, views: &mut [MatchView]) -> diesel::QueryResult<()> {
    if !caller.is_coordinator() {
        return Ok(());
    }
    let ids: Vec<&str> = views.iter().map(|v| v.volunteer.id.as_str()).collect();
    let vogs = crate::db::volunteers::vogs_of(tx.conn, &ids)?;
    let today = crate::domain::today();
    for view in views {
        let vog = vogs.get(&view.volunteer.id).copied().unwrap_or_default();
        view.volunteer.vog_valid = Some(vog.is_valid_on(today, tx.vog_valid_years));
        view.volunteer.vog_status = Some(vog.status.into());
        view.volunteer.vog_valid_until = vog.valid_until(tx.vog_valid_years);
    }
    Ok(())
}

fn reload(tx: &mut Tx<'_>, caller: &Caller, id: &str) -> Result<MatchView, ApiError> {
    let (record, access) = visible(tx, caller, id)?;
    let parties = parties::load(tx.conn, record)?;
    shown(tx, caller, parties, access)
}

/// One match.
pub async fn get(state: &AppState, caller: &Caller, id: String) -> Result<MatchView, ApiError> {
    let caller = caller.clone();
    read(state, move |tx| reload(tx, &caller, &id)).await
}

/// A volunteer responds (*reageert*) to an open request or vacancy; its author is
/// mailed. An offer (*hulpaanbod*) takes no responses: a volunteer has nothing to
/// answer there, and a resident who wants the help is put in touch by the
/// Servicepunt, who then knows both sides.
pub async fn respond(
    state: &AppState,
    caller: &Caller,
    kind: PostKind,
    post_id: String,
    message: String,
) -> Result<MatchView, ApiError> {
    if kind == PostKind::Offer {
        // Before the role: a resident who wants the help offered reads how to get it.
        return Err(ApiError::Conflict(format!(
            "Op een hulpaanbod kan niemand reageren. Wilt u deze hulp, of heeft u een vraag? Bel het Servicepunt: {}.",
            state.settings.servicepunt.phone
        )));
    }
    caller.require(&[Role::Volunteer])?;
    let message = text::required_long(&message, "Bericht", 2_000)
        .map_err(|e| ApiError::field("message", e))?;
    no_contact_before_introduction(&message, "message")?;
    let caller = caller.clone();
    let limits = state.settings.limits;
    change(state, move |tx| {
        limits::check(
            tx.conn,
            &caller,
            Counted::Response,
            &limits,
            crate::db::now(),
        )?;
        let post = posts::get(tx.conn, kind, &post_id)?
            .filter(|p| p.row.status == PostStatus::Open)
            .ok_or_else(ApiError::not_found)?;
        if post.row.author_id == caller.id {
            return Err(ApiError::Conflict(
                "U kunt niet reageren op uw eigen oproep.".into(),
            ));
        }
        let new = NewMatch {
            post_id: &post_id,
            volunteer_id: &caller.id,
            status: MatchStatus::Responded,
            origin: MatchOrigin::Response,
            actor_id: &caller.id,
            message: Some(&message),
        };
        let id = matches::create(tx.conn, new)?
            .ok_or_else(|| ApiError::Conflict("U hebt al gereageerd op deze oproep.".into()))?;
        let (record, access) = visible(tx, &caller, &id)?;
        let parties = parties::load(tx.conn, record)?;
        notify::response_received(tx, &parties)?;
        shown(tx, &caller, parties, access)
    })
    .await
}

/// The coordinator proposes a volunteer for a request (from the suggestions); the
/// parties see it once introduced. Where the volunteer stood in the suggestions at
/// this moment is recorded with the match (`app::decisions`).
pub async fn propose(
    state: Arc<AppState>,
    caller: &Caller,
    request_id: String,
    volunteer_id: String,
) -> Result<MatchView, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let caller = caller.clone();
    let s = state.clone();
    change(&state, move |tx| {
        let post = posts::get(tx.conn, PostKind::Request, &request_id)?
            .ok_or_else(|| ApiError::field("request_id", "Deze hulpvraag bestaat niet."))?;
        if !matches!(post.row.status, PostStatus::Open | PostStatus::InProgress) {
            return Err(ApiError::Conflict(
                "Deze hulpvraag staat niet (meer) open.".into(),
            ));
        }
        let volunteer = accounts::find(tx.conn, &volunteer_id)?
            .filter(|a| a.role == Role::Volunteer.as_str())
            .ok_or_else(|| ApiError::field("volunteer_id", "Deze vrijwilliger bestaat niet."))?;
        let ranking = decisions::Ranking {
            pool: &s.pool,
            config: &s.settings.matching,
            today: crate::domain::today(),
        };
        let snapshot = decisions::take(tx, &ranking, &post, &volunteer.id)?;
        let new = NewMatch {
            post_id: &post.row.id,
            volunteer_id: &volunteer.id,
            status: MatchStatus::Suggested,
            origin: MatchOrigin::Suggestion,
            actor_id: &caller.id,
            message: None,
        };
        let id = matches::create(tx.conn, new)?.ok_or_else(|| {
            ApiError::Conflict("Deze vrijwilliger is al gekoppeld aan deze hulpvraag.".into())
        })?;
        decisions::store(tx, &snapshot, &post, &volunteer.id, &id, &caller.id)?;
        reload(tx, &caller, &id)
    })
    .await
}

/// What came with an action, unchecked.
#[derive(Debug, Clone, Default)]
pub struct ActionInput {
    /// For `end`: `succeeded` or `failed`.
    pub outcome: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// For `confirm`: until when the parties agreed to help, `YYYY-MM-DD`.
    pub agreed_until: Option<String>,
    /// For `end` on a request: the resident still wants help, so the request goes
    /// back online for another volunteer instead of being closed.
    pub search_again: Option<bool>,
}

/// An action with what it needs: an outcome to end, a reason to decline or to end as
/// failed.
#[derive(Debug, Clone)]
pub struct Action {
    /// What.
    pub action: MatchAction,
    /// For `end`.
    pub outcome: Option<Outcome>,
    /// Why (trimmed, at most 1000 characters).
    pub reason: Option<String>,
    /// For `confirm`: the end of the agreed period (today or later).
    pub agreed_until: Option<NaiveDate>,
    /// For `end`: put the request back online ([`ActionInput::search_again`]).
    pub search_again: bool,
}

impl Action {
    /// Checks that the action has what it needs (`today` bounds the agreed period).
    pub fn parse(
        action: MatchAction,
        input: &ActionInput,
        today: NaiveDate,
    ) -> Result<Action, ApiError> {
        let reason = text::optional_long(input.reason.as_deref().unwrap_or(""), "De reden", 1_000)
            .map_err(|e| ApiError::field("reason", e))?;
        let reason = Some(reason).filter(|r| !r.is_empty());
        let outcome = match (action, input.outcome.as_deref()) {
            (MatchAction::End, Some(o)) => {
                Some(Outcome::parse(o).ok_or_else(|| ApiError::field("outcome", CHOOSE_OUTCOME))?)
            }
            (MatchAction::End, None) => return Err(ApiError::field("outcome", CHOOSE_OUTCOME)),
            _ => None,
        };
        let needs_reason = action == MatchAction::Decline || outcome == Some(Outcome::Failed);
        if needs_reason && reason.is_none() {
            return Err(ApiError::field("reason", "Schrijf erbij waarom."));
        }
        if input.search_again.is_some() && action != MatchAction::End {
            return Err(ApiError::field(
                "search_again",
                "Dit hoort bij het afsluiten van een koppeling.",
            ));
        }
        Ok(Action {
            action,
            outcome,
            reason,
            agreed_until: agreed_until(action, input.agreed_until.as_deref(), today)?,
            search_again: input.search_again.unwrap_or(false),
        })
    }
}

/// The end of the agreed period, only when confirming: a date from today on.
fn agreed_until(
    action: MatchAction,
    raw: Option<&str>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, ApiError> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    if action != MatchAction::Confirm {
        return Err(ApiError::field(
            "agreed_until",
            "Een einddatum hoort bij het bevestigen van een koppeling.",
        ));
    }
    let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| ApiError::field("agreed_until", "Schrijf de datum als jjjj-mm-dd."))?;
    if day < today {
        return Err(ApiError::field(
            "agreed_until",
            "De einddatum ligt in het verleden. Kies vandaag of later.",
        ));
    }
    Ok(Some(day))
}

/// The steps as the parties see them: from the one that told them of the match (a
/// response, or the introduction of a coordinator's pick) on, without the reasons
/// (they are in the match itself where the parties may read them), and with the
/// Servicepunt's steps as nobody's in particular.
fn as_parties_see(events: Vec<MatchEvent>, parties: &Parties) -> Vec<MatchEvent> {
    let known = events.iter().position(|e| {
        e.to_status == MatchStatus::Responded.as_str()
            || e.to_status == MatchStatus::Introduced.as_str()
    });
    let party =
        |id: &str| id == parties.record.row.volunteer_id || id == parties.record.post.author_id;
    events
        .into_iter()
        .skip(known.unwrap_or(usize::MAX))
        .map(|e| MatchEvent {
            actor_id: e.actor_id.filter(|id| party(id)),
            reason: None,
            ..e
        })
        .collect()
}

/// Introduce, confirm, decline or end a match: the move, its history, the request
/// following along, the mails and the audit entry in one transaction.
/// Access is checked before the input, so a caller who may not act learns nothing
/// from the validation messages.
pub async fn act(
    state: &AppState,
    caller: &Caller,
    id: String,
    action: MatchAction,
    input: ActionInput,
) -> Result<MatchView, ApiError> {
    let caller = caller.clone();
    change(state, move |tx| {
        let (record, access) = visible(tx, &caller, &id)?;
        if !access.may_do(action) {
            return Err(ApiError::forbidden());
        }
        // A step that cannot be taken now says so before what its form lacks (the
        // update checks the status again, for two people acting at once).
        if !action.from_statuses().contains(&record.row.status) {
            return Err(ApiError::Conflict(action.refusal(record.row.status)));
        }
        let action = Action::parse(action, &input, crate::domain::today())?;
        posts::lock(tx.conn, &record.post.id)?;
        still_arranging(tx, &record, action.action)?;
        vog_before_confirming(tx, &record, action.action)?;
        let act = Act {
            action: action.action,
            outcome: action.outcome,
            reason: action.reason.as_deref(),
            agreed_until: action.agreed_until,
            search_again: action.search_again,
            actor_id: &caller.id,
        };
        let before = record.row.status;
        if let Err(refused) = matches::act(tx.conn, &record, &act)? {
            return Err(ApiError::Conflict(refused.message(action.action)));
        }
        tx.search_changed();
        tx.audit(
            &caller,
            Audit::change("match", &id, action.action.done_nl()),
        )?;
        if action.action == MatchAction::Confirm && record.post.kind == PostKind::Request {
            decline_the_rest(tx, &record.post.id, &caller.id)?;
        }
        // Read back as it now stands: status, reason, outcome, the request's move.
        let record = matches::get(tx.conn, &id)?.ok_or_else(ApiError::not_found)?;
        // The mail says the request is online again only when it is (another volunteer
        // still on it keeps it off the lists).
        let back_online = action.search_again
            && posts::find(tx.conn, &record.post.id)?
                .is_some_and(|p| p.row.status == PostStatus::Open);
        let parties = parties::load(tx.conn, record)?;
        notify::match_moved(
            tx,
            &parties,
            before,
            action.action,
            action.outcome,
            back_online,
            &caller.id,
        )?;
        shown(tx, &caller, parties, access)
    })
    .await
}

/// Introducing shares contact details and confirming starts the help: neither for
/// help that was found already (a matched request) or is over (a closed post). A
/// post its author is changing (back in review) keeps its matches going.
fn still_arranging(
    tx: &mut Tx<'_>,
    record: &MatchRecord,
    action: MatchAction,
) -> Result<(), ApiError> {
    if !matches!(action, MatchAction::Introduce | MatchAction::Confirm) {
        return Ok(());
    }
    let status = posts::find(tx.conn, &record.post.id)?.map(|p| p.row.status);
    let refusal = match status {
        Some(PostStatus::Matched) => "Voor deze hulpvraag is al een vrijwilliger gevonden.",
        Some(PostStatus::Closed) | None => match record.post.kind {
            PostKind::Vacancy => "Deze vacature is afgesloten.",
            _ => "Deze hulpvraag is afgesloten.",
        },
        Some(_) => return Ok(()),
    };
    Err(ApiError::Conflict(refusal.into()))
}

/// Help of a kind that needs a VOG (*Verklaring Omtrent het Gedrag*) does not start
/// without a valid one: matching leaves such volunteers out, and a volunteer who
/// responded themselves is stopped here, when the coordinator confirms. Vacancies
/// are the organisation's own to vet.
fn vog_before_confirming(
    tx: &mut Tx<'_>,
    record: &MatchRecord,
    action: MatchAction,
) -> Result<(), ApiError> {
    let needs_vog = tx
        .reference
        .category(&record.post.category_slug)
        .filter(|c| c.requires_vog);
    let (MatchAction::Confirm, PostKind::Request, Some(category)) =
        (action, record.post.kind, needs_vog)
    else {
        return Ok(());
    };
    let vog = crate::db::volunteers::vogs_of(tx.conn, &[record.row.volunteer_id.as_str()])?
        .remove(&record.row.volunteer_id)
        .unwrap_or_default();
    if vog.is_valid_on(crate::domain::today(), tx.vog_valid_years) {
        return Ok(());
    }
    let name = &record.volunteer_name;
    let now = match (vog.status, vog.valid_until(tx.vog_valid_years)) {
        (matching::VogStatus::Requested, _) => {
            format!("De VOG van {name} is aangevraagd, maar nog niet binnen.")
        }
        (_, Some(until)) => format!(
            "De VOG van {name} is verlopen op {}.",
            matching::dutch::format_date(until)
        ),
        _ => format!("Die is voor {name} niet vastgelegd."),
    };
    Err(ApiError::Conflict(format!(
        "Hulp als {} vraagt een geldige VOG. {now} Leg eerst de VOG vast bij de vrijwilliger, en bevestig dan de koppeling.",
        category.name_nl.to_lowercase(),
    )))
}

/// Once a request's help is confirmed, the responses and suggestions still being
/// arranged on it are declined ("er is al een vrijwilliger gevonden"); only the
/// volunteers who knew of theirs hear of it (the resident has their help).
fn decline_the_rest(tx: &mut Tx<'_>, post_id: &str, actor_id: &str) -> Result<(), ApiError> {
    let stopped = matches::stop_matches(
        tx.conn,
        Whose::Post(post_id),
        Stop::Arranging,
        actor_id,
        "er is al een vrijwilliger gevonden",
    )?;
    for Stopped { record, .. } in stopped {
        let before = record.row.status;
        let parties = parties::load(tx.conn, record)?;
        notify::not_needed(tx, &parties, before)?;
    }
    Ok(())
}

/// Said when ending a match without how it went (the API's values are `succeeded`
/// and `failed`; people read the words of the form).
const CHOOSE_OUTCOME: &str = "Hoe is het gegaan? Kies: het is gelukt, of het is niet gelukt.";

/// Before the introduction the parties talk without contact details: the Servicepunt
/// shares them at the *kennismaking*, when it knows both sides (a resident's address
/// is not for a volunteer nobody has checked).
fn no_contact_before_introduction(text: &str, field: &str) -> Result<(), ApiError> {
    // Not a postcode alone: "vanaf 2026 op dinsdag" reads like one.
    let contact = |f: &crate::domain::screening::Finding| match f.kind {
        FindingKind::Address => !f.text.starts_with(|c: char| c.is_ascii_digit()),
        kind => kind.is_contact(),
    };
    if screen(text).iter().any(contact) {
        return Err(ApiError::field(
            field,
            "Uw bericht bevat een telefoonnummer, e-mailadres of adres. Die worden pas gedeeld als u aan elkaar bent voorgesteld. Haal het weg en verstuur het bericht opnieuw.",
        ));
    }
    Ok(())
}

/// Mails the parties of matches stopped because their post or volunteer went away.
pub fn tell_stopped(
    tx: &mut Tx<'_>,
    stopped: Vec<Stopped>,
    actor_id: &str,
) -> Result<(), ApiError> {
    for Stopped { record, action } in stopped {
        let before = record.row.status;
        let outcome = (action == MatchAction::End).then_some(Outcome::Failed);
        let parties = parties::load(tx.conn, record)?;
        notify::match_moved(tx, &parties, before, action, outcome, false, actor_id)?;
    }
    Ok(())
}

/// Matches the caller may see: all for coordinators, their own for volunteers, those
/// on their posts for residents and organisations.
pub async fn list(
    state: &AppState,
    caller: &Caller,
    filter: MatchFilter,
    limit: i64,
    offset: i64,
) -> Result<Page<MatchView>, ApiError> {
    let scope = match caller.role {
        Role::Coordinator => MatchScope::All,
        Role::Volunteer => MatchScope::Volunteer(caller.id.clone()),
        Role::Resident | Role::Organisation => MatchScope::Author(caller.id.clone()),
    };
    let full = caller.is_coordinator() || caller.role == Role::Organisation;
    let caller = caller.clone();
    read(state, move |tx| {
        let (total, records) = matches::list(tx.conn, &scope, &filter, limit, offset)?;
        let ids: Vec<&str> = records.iter().map(|r| r.row.id.as_str()).collect();
        let unread = matches::unread_counts(tx.conn, &caller.id, &ids)?;
        let mut items: Vec<MatchView> = records
            .into_iter()
            .map(|r| MatchView {
                unread: unread.get(&r.row.id).copied().unwrap_or(0),
                ..MatchView::of(r, full)
            })
            .collect();
        with_vogs(tx, &caller, &mut items)?;
        Ok(Page { total, items })
    })
    .await
}

/// The kinds of warning a message deserves, each once, in order of appearance.
fn message_flags(body: &str) -> Vec<FindingKind> {
    let mut kinds: Vec<FindingKind> = Vec::new();
    for finding in screen_message(body) {
        if !kinds.contains(&finding.kind) {
            kinds.push(finding.kind);
        }
    }
    kinds
}

/// A message as `caller` reads it; `read_before` is how far they had read before.
fn message_view(
    m: MessageRow,
    names: &HashMap<String, (String, Option<String>)>,
    caller: &Caller,
    read_before: Option<NaiveDateTime>,
) -> MessageView {
    MessageView {
        from: names
            .get(&m.sender_id)
            .map(|(n, _)| first_name(n))
            .unwrap_or_default(),
        mine: m.sender_id == caller.id,
        new: m.sender_id != caller.id && read_before.is_none_or(|at| m.created_at > at),
        flags: message_flags(&m.body),
        id: m.id,
        body: m.body,
        sent_at: utc(m.created_at),
    }
}

/// A page of the messages of a match as `caller` sees them (offset 0: the newest);
/// they count as read by the caller from now on.
fn message_page(
    tx: &mut Tx<'_>,
    caller: &Caller,
    record: &MatchRecord,
    limit: i64,
    offset: i64,
) -> Result<Page<MessageView>, ApiError> {
    let (total, rows) = matches::messages(tx.conn, &record.row.id, limit, offset)?;
    let read_before = match rows.last() {
        Some(newest) => matches::mark_read(tx.conn, &record.row.id, &caller.id, newest.created_at)?,
        None => None,
    };
    let mut senders: Vec<String> = rows.iter().map(|m| m.sender_id.clone()).collect();
    senders.sort();
    senders.dedup();
    let names = candidates::account_names(tx.conn, &senders)?;
    let items = rows
        .into_iter()
        .map(|m| message_view(m, &names, caller, read_before))
        .collect();
    Ok(Page { total, items })
}

/// A page of the messages of a match, oldest first within the page, counted from the
/// newest (its parties and whoever handles it); the caller has read them now (a
/// write, so it runs as a change).
pub async fn messages(
    state: &AppState,
    caller: &Caller,
    id: String,
    limit: i64,
    offset: i64,
) -> Result<Page<MessageView>, ApiError> {
    let caller = caller.clone();
    change(state, move |tx| {
        let (record, access) = visible(tx, &caller, &id)?;
        if !access.is_party() {
            // What the parties write to each other is personal: a coordinator's read is noted.
            tx.audit(
                &caller,
                Audit::view("match", &id, "berichten van de koppeling gelezen"),
            )?;
        }
        message_page(tx, &caller, &record, limit, offset)
    })
    .await
}

/// Sends a message on a match that is still going; the other party is told (without
/// the text).
pub async fn send_message(
    state: &AppState,
    caller: &Caller,
    id: String,
    body: String,
) -> Result<MessageView, ApiError> {
    let caller = caller.clone();
    let limits = state.settings.limits;
    change(state, move |tx| {
        let (record, _) = visible(tx, &caller, &id)?;
        if !record.row.status.is_open() {
            return Err(ApiError::Conflict(
                "Deze koppeling is afgesloten; berichten sturen kan niet meer.".into(),
            ));
        }
        if !record.row.shown_to_parties {
            // A pick nobody knows of yet has no conversation: what the Servicepunt
            // wrote here would reach both sides once they are told.
            return Err(ApiError::Conflict(
                "Het gesprek begint pas als u de vrijwilliger en de hulpvrager aan elkaar voorstelt.".into(),
            ));
        }
        let body =
            text::required_long(&body, "Bericht", 2_000).map_err(|e| ApiError::field("body", e))?;
        if !caller.is_coordinator() && !record.row.status.shares_contacts() {
            no_contact_before_introduction(&body, "body")?;
        }
        limits::check(
            tx.conn,
            &caller,
            Counted::Message,
            &limits,
            crate::db::now(),
        )?;
        let message_id = matches::add_message(tx.conn, &id, &caller.id, &body)?;
        let sent = matches::message(tx.conn, &message_id)?;
        // What one sends, one has read (and everything before it).
        matches::mark_read(tx.conn, &id, &caller.id, sent.created_at)?;
        let names = candidates::account_names(tx.conn, std::slice::from_ref(&caller.id))?;
        let view = message_view(sent, &names, &caller, None);
        let parties = parties::load(tx.conn, record)?;
        notify::message_posted(tx, &parties, &caller.id, &message_id)?;
        Ok(view)
    })
    .await
}
