//! Follow-ups: Noaber asks and reminds by itself, so no request or match is forgotten.
//!
//! - "Is uw vraag nog actueel?" to the author of a request open 4 weeks without a
//!   match (again every 4 weeks); unanswered after 14 days, the coordinator sees it.
//! - "Heeft dit contact tot een match geleid?" to both sides of a response nobody
//!   acted on for 7 days: *ja* is counted in the figures as help arranged outside the
//!   Servicepunt and shown to the coordinator (who confirms the match: only the
//!   Servicepunt shares contact details); *nee* declines it; *nog niet* is noted.
//! - The same question, with *ja* / *nee*, to both sides of a response whose request
//!   was closed (withdrawn, or *nee* to the question above): *ja* is counted in the
//!   figures as help arranged outside the Servicepunt.
//! - The volunteer and the coordinators hear 60 days before a VOG stops counting.
//! - Both sides of an introduction without a decision after 7 days get a reminder.
//! - Each coordinator gets a daily digest (unless they opted out).
//! - Saved searches send their alerts (`app::alerts`).
//!
//! Every job takes the clock as a parameter. Each item goes out exactly once: the job
//! claims (kind, subject, occasion) in `follow_ups` in the transaction that queues
//! its mail (see `db::follow_ups::claim`), so several nodes and restarts send it once.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, TimeDelta, Timelike, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{change, notify, read, Tx};
use crate::auth::{Caller, LinkKeys, LinkPurpose};
use crate::db::follow_ups::{self, FollowUpRow};
use crate::db::matches::{self, Act};
use crate::db::{desk, posts};
use crate::domain::match_flow::{MatchAction, MatchStatus};
use crate::domain::{PostKind, PostStatus, Role};
use crate::error::ApiError;
use crate::state::AppState;

/// Weeks a request waits without a match before its author is asked.
pub const STILL_CURRENT_WEEKS: i64 = 4;
/// Days without an answer before the coordinator follows up by phone.
pub const UNANSWERED_DAYS: i64 = 14;
/// Days after a response nobody acted on before both sides are asked.
pub const CONTACT_DAYS: i64 = 7;
/// How long the answer links in a mail work.
pub const LINK_VALID_DAYS: i64 = 60;
/// The local hour from which the daily digest goes out.
pub const DIGEST_HOUR: u32 = 7;

/// The kinds of follow-up, as stored.
pub mod kind {
    /// "Is uw vraag nog actueel?"
    pub const STILL_CURRENT: &str = "still_current";
    /// "Heeft dit contact tot een match geleid?"
    pub const CONTACT: &str = "contact";
    /// The same question after the request was closed.
    pub const CLOSED_CONTACT: &str = "closed_contact";
    /// A VOG stops counting in 60 days.
    pub const VOG: &str = "vog";
    /// An introduction without a decision.
    pub const INTRODUCTION: &str = "introduction";
    /// A coordinator's daily digest.
    pub const DIGEST: &str = "digest";
}

/// What one pass sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Run {
    /// "Is uw vraag nog actueel?" questions.
    pub still_current: usize,
    /// "Heeft dit contact tot een match geleid?" questions (one per side), after a
    /// week or after the request closed.
    pub contact: usize,
    /// VOG reminders.
    pub vog: usize,
    /// Introduction reminders.
    pub introductions: usize,
    /// Daily digests.
    pub digests: usize,
    /// Saved-search alerts and weekly digests.
    pub alerts: usize,
}

/// Runs every job as of `now`.
pub async fn run_due(state: &AppState, now: DateTime<Utc>) -> Result<Run, ApiError> {
    Ok(Run {
        still_current: still_current(state, now).await?,
        contact: contact(state, now).await? + closed_contact(state, now).await?,
        vog: vog(state, now).await?,
        introductions: introductions(state, now).await?,
        digests: digests(state, now).await?,
        alerts: super::alerts::run_due(state, now).await?,
    })
}

/// Runs the jobs every `every` on the real clock (a failed pass is logged and the next
/// one tries again).
pub fn spawn_worker(state: actix_web::web::Data<AppState>, every: Duration) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            match run_due(&state, Utc::now()).await {
                Ok(run) if run != Run::default() => tracing::info!(?run, "follow-ups sent"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "follow-up pass failed"),
            }
        }
    });
}

/// Each due item: claimed, composed and queued in its own transaction by `send`.
async fn send_each<T, F>(state: &AppState, due: Vec<T>, send: F) -> Result<usize, ApiError>
where
    T: Send + 'static,
    F: Fn(&mut Tx<'_>, &LinkKeys, T) -> Result<bool, ApiError> + Send + Sync + 'static,
{
    let send = Arc::new(send);
    let mut sent = 0;
    for item in due {
        let (send, keys) = (send.clone(), state.link_keys.clone());
        match change(state, move |tx| send(tx, &keys, item)).await {
            Ok(true) => sent += 1,
            Ok(false) => {}
            // One item that fails rolls back alone and is tried on the next pass;
            // the others go out.
            Err(e) => tracing::warn!(error = %e, "follow-up failed"),
        }
    }
    Ok(sent)
}

/// The `items` not yet sent as `kind`, by the (subject, occasion) `key` gives each:
/// the cheap check before a pass claims anything (the claim itself settles races).
fn unsent<T>(
    tx: &mut Tx<'_>,
    kind: &str,
    items: Vec<T>,
    key: impl Fn(&T) -> (String, String),
) -> diesel::QueryResult<Vec<T>> {
    let sent = follow_ups::sent_pairs(tx.conn, kind)?;
    Ok(items
        .into_iter()
        .filter(|item| !sent.contains(&key(item)))
        .collect())
}

/// Answer links for follow-up `id`: (label, URL) per (choice, label).
fn choices(
    tx: &Tx<'_>,
    keys: &LinkKeys,
    id: &str,
    now: NaiveDateTime,
    options: &[(&str, &str)],
) -> Result<Vec<(String, String)>, ApiError> {
    let expires = (now + TimeDelta::days(LINK_VALID_DAYS)).and_utc();
    let token = keys
        .sign(LinkPurpose::Answer, id, expires)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(options
        .iter()
        .map(|(choice, label)| ((*label).to_owned(), tx.links.answer(&token, choice)))
        .collect())
}

const STILL_CURRENT_OPTIONS: [(&str, &str); 2] = [
    ("ja", "Ja, laat mijn vraag staan"),
    ("nee", "Nee, sluit mijn vraag"),
];
const CLOSED_CONTACT_OPTIONS: [(&str, &str); 2] =
    [("ja", "Ja, de hulp gaat toch door"), ("nee", "Nee")];
const CONTACT_OPTIONS: [(&str, &str); 3] = [
    ("ja", "Ja, de hulp gaat door"),
    ("nog-niet", "Nog niet"),
    ("nee", "Nee, het gaat niet door"),
];

async fn still_current(state: &AppState, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let at = now.naive_utc();
    let period = TimeDelta::weeks(STILL_CURRENT_WEEKS);
    let due = read(state, move |tx| {
        let open = follow_ups::requests_open_since(tx.conn, at - period)?;
        let items = open
            .into_iter()
            .map(|(id, published)| {
                let periods = (at - published).num_weeks() / STILL_CURRENT_WEEKS;
                // Keyed on the publication too: a request published again (after
                // an edit or a decline) starts its own count.
                let occasion = format!("{}:{periods}", published.format("%Y-%m-%dT%H:%M"));
                (id, periods, occasion)
            })
            .collect();
        Ok(unsent(
            tx,
            kind::STILL_CURRENT,
            items,
            |(id, _, occasion)| (id.clone(), occasion.clone()),
        )?)
    })
    .await?;
    send_each(state, due, move |tx, keys, (post_id, periods, occasion)| {
        let Some(id) = follow_ups::claim(tx.conn, kind::STILL_CURRENT, &post_id, &occasion, at)?
        else {
            return Ok(false);
        };
        let Some(post) = posts::find(tx.conn, &post_id)? else {
            return Ok(false);
        };
        let links = choices(tx, keys, &id, at, &STILL_CURRENT_OPTIONS)?;
        notify::still_current(tx, &post, periods * STILL_CURRENT_WEEKS, links)?;
        Ok(true)
    })
    .await
}

async fn contact(state: &AppState, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let at = now.naive_utc();
    let waiting = read(state, move |tx| {
        // A vacancy's organisation handles its responses itself: no question.
        Ok(follow_ups::matches_waiting(
            tx.conn,
            MatchStatus::Responded,
            at - TimeDelta::days(CONTACT_DAYS),
            &[PostKind::Request],
        )?)
    })
    .await?;
    ask_both_sides(state, at, waiting, kind::CONTACT).await
}

/// Responses declined because their request was closed, in the last 14 days: both
/// sides are asked whether help came about all the same.
async fn closed_contact(state: &AppState, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let at = now.naive_utc();
    let closed = read(state, move |tx| {
        Ok(follow_ups::matches_closed_with_request(
            tx.conn,
            PostKind::Request.withdrawn_note(),
            at - TimeDelta::days(UNANSWERED_DAYS),
            at,
        )?)
    })
    .await?;
    ask_both_sides(state, at, closed, kind::CLOSED_CONTACT).await
}

/// Asks the volunteer and the requesting side of each match the contact question of
/// `question` (`contact` or `closed_contact`), each with their own links, once.
async fn ask_both_sides(
    state: &AppState,
    at: NaiveDateTime,
    match_ids: Vec<String>,
    question: &'static str,
) -> Result<usize, ApiError> {
    let due = read(state, move |tx| {
        Ok(unsent(tx, question, match_ids, |id| {
            (id.clone(), notify::Side::Volunteer.as_str().into())
        })?)
    })
    .await?;
    let closed = question == kind::CLOSED_CONTACT;
    let asked = send_each(state, due, move |tx, keys, match_id| {
        let Some(record) = matches::get(tx.conn, &match_id)? else {
            return Ok(false);
        };
        let parties = super::parties::load(tx.conn, record)?;
        for side in [notify::Side::Volunteer, notify::Side::Requester] {
            let claimed = follow_ups::claim(tx.conn, question, &match_id, side.as_str(), at)?;
            let Some(id) = claimed else {
                return Ok(false);
            };
            let links = choices(tx, keys, &id, at, options(question))?;
            notify::contact_question(tx, &parties, side, closed, links)?;
        }
        Ok(true)
    })
    .await?;
    Ok(asked * 2)
}

async fn vog(state: &AppState, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let at = now.naive_utc();
    let years = state.settings.matching.vog_valid_years;
    let due = read(state, move |tx| {
        let today = crate::domain::local_date(at);
        let expiring = desk::vogs_expiring(tx.conn, today, years)?;
        Ok(unsent(tx, kind::VOG, expiring, |(id, issued)| {
            (id.clone(), issued.to_string())
        })?)
    })
    .await?;
    send_each(state, due, move |tx, _, (volunteer_id, issued_on)| {
        if follow_ups::claim(
            tx.conn,
            kind::VOG,
            &volunteer_id,
            &issued_on.to_string(),
            at,
        )?
        .is_none()
        {
            return Ok(false);
        }
        let valid_until = issued_on
            .checked_add_months(chrono::Months::new(years * 12))
            .unwrap_or(issued_on);
        notify::vog_expiring(tx, &volunteer_id, valid_until)?;
        Ok(true)
    })
    .await
}

async fn introductions(state: &AppState, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let at = now.naive_utc();
    let due = read(state, move |tx| {
        let waiting = follow_ups::matches_waiting(
            tx.conn,
            MatchStatus::Introduced,
            at - TimeDelta::days(desk::STALLED_INTRODUCTION_DAYS),
            &[PostKind::Request, PostKind::Offer, PostKind::Vacancy],
        )?;
        Ok(unsent(tx, kind::INTRODUCTION, waiting, |id| {
            (id.clone(), "1".to_owned())
        })?)
    })
    .await?;
    send_each(state, due, move |tx, _, match_id| {
        if follow_ups::claim(tx.conn, kind::INTRODUCTION, &match_id, "1", at)?.is_none() {
            return Ok(false);
        }
        let Some(record) = matches::get(tx.conn, &match_id)? else {
            return Ok(false);
        };
        let parties = super::parties::load(tx.conn, record)?;
        notify::introduction_reminder(tx, &parties)?;
        Ok(true)
    })
    .await
}

async fn digests(state: &AppState, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let at = now.naive_utc();
    let local = now.with_timezone(&chrono_tz::Europe::Amsterdam);
    if local.hour() < DIGEST_HOUR {
        return Ok(0);
    }
    let day = local.date_naive();
    let years = state.settings.matching.vog_valid_years;
    // The digest says the same to every coordinator: counted once, outside the writes.
    let (lines, due) = read(state, move |tx| {
        let lines = digest_lines(tx, at, years)?;
        if lines.is_empty() {
            return Ok((lines, Vec::new()));
        }
        let readers = follow_ups::digest_readers(tx.conn)?;
        let due = unsent(tx, kind::DIGEST, readers, |a| {
            (a.id.clone(), day.to_string())
        })?;
        Ok((lines, due))
    })
    .await?;
    send_each(state, due, move |tx, _, coordinator| {
        if follow_ups::claim(tx.conn, kind::DIGEST, &coordinator.id, &day.to_string(), at)?
            .is_none()
        {
            return Ok(false);
        }
        notify::coordinator_digest(tx, &coordinator, day, lines.clone())?;
        Ok(true)
    })
    .await
}

/// What the daily digest says: only the lines with something in them.
fn digest_lines(
    tx: &mut Tx<'_>,
    at: NaiveDateTime,
    vog_years: u32,
) -> Result<Vec<(String, String)>, ApiError> {
    let counts = desk::today(tx.conn, at, vog_years)?;
    let answers = follow_ups::answered_between(tx.conn, at - TimeDelta::days(1), at)?;
    let unanswered = unanswered_questions(tx, at)?;
    let lines = [
        ("Te beoordelen", counts.pending_review),
        ("Hulpvragen 14 dagen zonder reactie", counts.stale_requests),
        ("Reacties nog niet opgepakt", counts.unhandled_responses),
        (
            "Kennismakingen zonder besluit na 7 dagen",
            counts.stalled_introductions,
        ),
        (
            "Antwoorden op opvolgvragen (laatste 24 uur)",
            answers.len() as i64,
        ),
        (
            "Vragen 14 dagen onbeantwoord: even bellen",
            unanswered.len() as i64,
        ),
        ("VOG's die binnen 60 dagen verlopen", counts.vog_expiring),
        ("Mislukte e-mails", counts.failed_mail),
    ];
    Ok(lines
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| (label.to_owned(), n.to_string()))
        .collect())
}

/// "Is uw vraag nog actueel?" questions unanswered for 14 days whose request is still
/// open: the coordinator's phone list.
fn unanswered_questions(tx: &mut Tx<'_>, at: NaiveDateTime) -> Result<Vec<FollowUpRow>, ApiError> {
    let rows = follow_ups::unanswered(
        tx.conn,
        kind::STILL_CURRENT,
        at - TimeDelta::days(UNANSWERED_DAYS),
    )?;
    let mut open = Vec::new();
    for row in rows {
        let still_open = posts::find(tx.conn, &row.subject_id)?
            .is_some_and(|p| p.row.status == PostStatus::Open);
        if still_open {
            open.push(row);
        }
    }
    Ok(open)
}

/// A question as its answer page shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionView {
    /// `still_current`, `contact` or `closed_contact`.
    pub kind: String,
    /// The question.
    pub question: String,
    /// The title of the request it is about.
    pub title: String,
    /// The possible answers: code and words.
    pub choices: Vec<Choice>,
    /// The answer given so far.
    pub answer: Option<String>,
    /// Whether that answer changed something (a request closed, a match made or
    /// declined), so it can no longer be changed here.
    pub settled: bool,
}

/// One possible answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Choice {
    /// What is sent back (`ja`, `nee`, `nog-niet`).
    pub key: String,
    /// What a person reads.
    pub label: String,
}

/// Body of the answer routes.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct AnswerInput {
    /// The token from the mail's link.
    #[serde(default)]
    pub token: String,
    /// The answer (`ja`, `nee`, `nog-niet`); absent when only reading the question.
    pub answer: Option<String>,
}

/// The follow-up id behind a token from a mail (no login: the token is the permission),
/// checked before any transaction so a flood of bad links costs no database work.
fn id_from_token(keys: &LinkKeys, token: &str) -> Result<String, ApiError> {
    keys.verify(token.trim(), LinkPurpose::Answer)
        .ok_or_else(expired_link)
}

fn expired_link() -> ApiError {
    ApiError::field(
        "token",
        "Deze link is verlopen of klopt niet. Bel het Servicepunt als u iets wilt doorgeven.",
    )
}

/// The question behind `id`, if it is one people answer.
fn question_row(tx: &mut Tx<'_>, id: &str) -> Result<FollowUpRow, ApiError> {
    let row = follow_ups::find(tx.conn, id)?.ok_or_else(expired_link)?;
    if !matches!(
        row.kind.as_str(),
        kind::STILL_CURRENT | kind::CONTACT | kind::CLOSED_CONTACT
    ) {
        return Err(ApiError::not_found());
    }
    Ok(row)
}

fn options(kind: &str) -> &'static [(&'static str, &'static str)] {
    match kind {
        kind::CONTACT => &CONTACT_OPTIONS,
        kind::CLOSED_CONTACT => &CLOSED_CONTACT_OPTIONS,
        _ => &STILL_CURRENT_OPTIONS,
    }
}

fn question_view(tx: &mut Tx<'_>, row: &FollowUpRow) -> Result<QuestionView, ApiError> {
    let (question, post_id) = if row.kind == kind::CONTACT || row.kind == kind::CLOSED_CONTACT {
        let record = matches::get(tx.conn, &row.subject_id)?.ok_or_else(ApiError::not_found)?;
        ("Heeft dit contact tot een match geleid?", record.post.id)
    } else {
        ("Is uw hulpvraag nog actueel?", row.subject_id.clone())
    };
    let title = posts::find(tx.conn, &post_id)?
        .map(|p| p.row.title)
        .unwrap_or_default();
    Ok(QuestionView {
        kind: row.kind.clone(),
        question: question.into(),
        title,
        choices: options(&row.kind)
            .iter()
            .map(|(key, label)| Choice {
                key: (*key).into(),
                label: (*label).into(),
            })
            .collect(),
        answer: row.answer.clone(),
        settled: row.answer.as_deref().is_some_and(|a| settles(&row.kind, a)),
    })
}

/// Whether `answer` to a question of `kind` changes something.
fn settles(kind: &str, answer: &str) -> bool {
    matches!(
        (kind, answer),
        (kind::STILL_CURRENT, "nee") | (kind::CONTACT, "nee")
    )
}

/// Reads the question behind a token, and records `answer` when one is given. An
/// answer that changed something (a request closed, a match declined) is final here
/// (409); so is one the request or match can no longer follow (409, nothing recorded).
pub async fn answer(
    state: &AppState,
    input: AnswerInput,
    now: DateTime<Utc>,
) -> Result<QuestionView, ApiError> {
    let id = id_from_token(&state.link_keys, &input.token)?;
    let Some(answer) = input.answer.map(|a| a.trim().to_owned()) else {
        return read(state, move |tx| {
            let row = question_row(tx, &id)?;
            question_view(tx, &row)
        })
        .await;
    };
    change(state, move |tx| {
        let row = question_row(tx, &id)?;
        if !options(&row.kind).iter().any(|(key, _)| *key == answer) {
            return Err(ApiError::field("answer", "Kies een van de antwoorden."));
        }
        let previous = row.answer.as_deref();
        if previous.is_some_and(|p| p != answer && settles(&row.kind, p)) {
            return Err(ApiError::Conflict(
                "U hebt deze vraag al beantwoord. Wilt u iets veranderen? Bel dan het Servicepunt."
                    .into(),
            ));
        }
        if previous != Some(answer.as_str()) {
            act_on(tx, &row, &answer)?;
            follow_ups::answer(tx.conn, &row.id, &answer, now.naive_utc())?;
        }
        let row = follow_ups::find(tx.conn, &row.id)?.ok_or_else(ApiError::not_found)?;
        question_view(tx, &row)
    })
    .await
}

/// What an answer changes: *nee* closes the request or declines the match. A *ja* to
/// a contact question changes nothing here: it is counted in the figures and shown to
/// the coordinator, who confirms the match (an introduction shares contact details,
/// which only the Servicepunt decides).
fn act_on(tx: &mut Tx<'_>, row: &FollowUpRow, answer: &str) -> Result<(), ApiError> {
    match (row.kind.as_str(), answer) {
        (kind::STILL_CURRENT, "nee") => {
            let Some(post) = posts::find(tx.conn, &row.subject_id)? else {
                return Ok(());
            };
            let closed = super::posts::close_post(
                tx,
                &post.row.id,
                crate::domain::PostMove::WITHDRAW,
                crate::db::matches::Stop::Arranging,
                &post.row.author_id,
                "niet meer nodig (antwoord op de vraag of de hulpvraag nog actueel is)",
                PostKind::Request.withdrawn_note(),
            )?;
            if closed {
                Ok(())
            } else {
                Err(ApiError::Conflict(
                    "Deze hulpvraag is al gesloten of er is al een vrijwilliger gekoppeld. Bel het Servicepunt als u iets wilt veranderen."
                        .into(),
                ))
            }
        }
        (kind::CONTACT, "nee") => decline_match(tx, row),
        _ => Ok(()),
    }
}

/// Declines the match as the answering side, told and logged as when they decline on
/// the match page; 409 (nothing recorded) when the match has moved on meanwhile.
fn decline_match(tx: &mut Tx<'_>, row: &FollowUpRow) -> Result<(), ApiError> {
    let Some(record) = matches::get(tx.conn, &row.subject_id)? else {
        return Ok(());
    };
    let actor = if row.occasion == notify::Side::Volunteer.as_str() {
        record.row.volunteer_id.clone()
    } else {
        record.post.author_id.clone()
    };
    let before = record.row.status;
    // Post first, then the match, as every change to matches takes them.
    posts::lock(tx.conn, &record.post.id)?;
    let act = Act {
        action: MatchAction::Decline,
        outcome: None,
        reason: Some("gaat niet door (antwoord op de opvolgvraag)"),
        agreed_until: None,
        search_again: false,
        actor_id: &actor,
    };
    if let Err(refused) = matches::act(tx.conn, &record, &act)? {
        return Err(ApiError::Conflict(refused.message(MatchAction::Decline)));
    }
    tx.search_changed();
    tx.record_audit(
        &actor,
        super::Audit::change(
            "match",
            &row.subject_id,
            "decline (antwoord op de opvolgvraag)",
        ),
    )?;
    let record = matches::get(tx.conn, &row.subject_id)?.ok_or_else(ApiError::not_found)?;
    let parties = super::parties::load(tx.conn, record)?;
    notify::match_moved(
        tx,
        &parties,
        before,
        MatchAction::Decline,
        None,
        false,
        &actor,
    )?;
    Ok(())
}

/// The coordinator's follow-up list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FollowUpList {
    /// Requests whose "nog actueel?" question has had no answer for 14 days: call them.
    pub unanswered: Vec<FollowUpItem>,
    /// Answers of the last 7 days.
    pub answers: Vec<FollowUpItem>,
}

/// One follow-up in the list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FollowUpItem {
    /// `still_current` or `contact`.
    pub kind: String,
    /// The request (for `still_current`) or match (for `contact`).
    pub subject_id: String,
    /// The request's title.
    pub title: String,
    /// `volunteer` or `requester` for `contact`; the period for `still_current`.
    pub occasion: String,
    /// When it was asked.
    pub asked_at: DateTime<Utc>,
    /// The answer, if any.
    pub answer: Option<String>,
    /// When it was answered.
    pub answered_at: Option<DateTime<Utc>>,
}

/// The follow-up list as of `now` (coordinator only).
pub async fn list(
    state: &AppState,
    caller: &Caller,
    now: DateTime<Utc>,
) -> Result<FollowUpList, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let at = now.naive_utc();
    read(state, move |tx| {
        let unanswered = unanswered_questions(tx, at)?;
        let answers = follow_ups::answered_between(tx.conn, at - TimeDelta::days(7), at)?;
        let mut item = |row: FollowUpRow| -> Result<FollowUpItem, ApiError> {
            let title = question_view(tx, &row).map(|q| q.title).unwrap_or_default();
            Ok(FollowUpItem {
                kind: row.kind,
                subject_id: row.subject_id,
                title,
                occasion: row.occasion,
                asked_at: row.asked_at.and_utc(),
                answer: row.answer,
                answered_at: row.answered_at.map(|t| t.and_utc()),
            })
        };
        Ok(FollowUpList {
            unanswered: unanswered
                .into_iter()
                .map(&mut item)
                .collect::<Result<_, _>>()?,
            answers: answers
                .into_iter()
                .map(&mut item)
                .collect::<Result<_, _>>()?,
        })
    })
    .await
}

/// Whether a coordinator gets the daily digest.
pub async fn wants_digest(state: &AppState, caller: &Caller) -> Result<bool, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let id = caller.id.clone();
    read(state, move |tx| Ok(follow_ups::wants_digest(tx.conn, &id)?)).await
}

/// Turns a coordinator's daily digest on or off.
pub async fn set_digest(state: &AppState, caller: &Caller, wanted: bool) -> Result<(), ApiError> {
    caller.require(&[Role::Coordinator])?;
    let id = caller.id.clone();
    change(state, move |tx| {
        Ok(follow_ups::set_digest(
            tx.conn,
            &id,
            wanted,
            crate::db::now(),
        )?)
    })
    .await
}
