//! Matches between posts and volunteers: creation (response or coordinator's pick),
//! guarded status transitions with their history, and the request following along.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::posts::{self, Change};
use super::schema::{
    accounts, match_events, match_messages, match_reads, matches, posts as posts_table,
};
use super::{new_id, now, DbConn};
use crate::domain::match_flow::{request_effect, MatchAction, MatchOrigin, MatchStatus, Outcome};
use crate::domain::PostKind;

type Backend = <DbConn as diesel::Connection>::Backend;

/// A match row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = matches)]
pub struct MatchRow {
    /// Id.
    pub id: String,
    /// The post.
    pub post_id: String,
    /// The volunteer's account.
    pub volunteer_id: String,
    /// Where it stands.
    #[diesel(deserialize_as = String)]
    pub status: MatchStatus,
    /// Outcome text, once ended.
    pub outcome: Option<String>,
    /// Reason of the last decline or end.
    pub reason: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// How it came about.
    #[diesel(deserialize_as = String)]
    pub origin: MatchOrigin,
    /// Who created it.
    pub created_by: Option<String>,
    /// Until when the parties agreed to help (set on confirming; optional).
    pub agreed_until: Option<NaiveDate>,
    /// Whether the parties know of it: not a coordinator's pick before its
    /// introduction, nor one declined before it.
    pub shown_to_parties: bool,
}

/// What a match view needs about its post.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = posts_table)]
pub struct MatchPost {
    /// Post id.
    pub id: String,
    /// Request, offer or vacancy.
    #[diesel(deserialize_as = String)]
    pub kind: PostKind,
    /// Title.
    pub title: String,
    /// Place slug.
    pub place_slug: String,
    /// Category slug.
    pub category_slug: String,
    /// Author account.
    pub author_id: String,
    /// Organisation, for vacancies.
    pub organisation_id: Option<String>,
}

impl MatchRow {
    /// How it went, once ended.
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome.as_deref().and_then(Outcome::parse)
    }
}

/// A match with its post and the volunteer's name.
#[derive(Debug, Clone)]
pub struct MatchRecord {
    /// The row.
    pub row: MatchRow,
    /// The post.
    pub post: MatchPost,
    /// The volunteer's full name.
    pub volunteer_name: String,
}

/// One transition of a match.
#[derive(Debug, Clone, Queryable)]
pub struct MatchEvent {
    /// Who.
    pub actor_id: Option<String>,
    /// From.
    pub from_status: Option<String>,
    /// To.
    pub to_status: String,
    /// Why.
    pub reason: Option<String>,
    /// When.
    pub at: NaiveDateTime,
}

/// How a new match comes about.
pub struct NewMatch<'a> {
    /// The post.
    pub post_id: &'a str,
    /// The volunteer.
    pub volunteer_id: &'a str,
    /// Initial status.
    pub status: MatchStatus,
    /// How it comes about.
    pub origin: MatchOrigin,
    /// Who creates it.
    pub actor_id: &'a str,
    /// The volunteer's message, for responses.
    pub message: Option<&'a str>,
}

fn record_event(
    conn: &mut DbConn,
    match_id: &str,
    from: Option<&str>,
    to: &str,
    actor: &str,
    reason: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(match_events::table)
        .values((
            match_events::id.eq(new_id()),
            match_events::match_id.eq(match_id),
            match_events::actor_id.eq(Some(actor)),
            match_events::from_status.eq(from),
            match_events::to_status.eq(to),
            match_events::reason.eq(reason),
            match_events::at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Creates a match; `Ok(None)` when this volunteer is already matched with this post.
pub fn create(conn: &mut DbConn, new: NewMatch<'_>) -> QueryResult<Option<String>> {
    let result = super::write_transaction(conn, |conn| {
        let taken: i64 = matches::table
            .filter(matches::post_id.eq(new.post_id))
            .filter(matches::volunteer_id.eq(new.volunteer_id))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return taken_over(conn, &new);
        }
        let id = new_id();
        let at = now();
        diesel::insert_into(matches::table)
            .values((
                matches::id.eq(&id),
                matches::post_id.eq(new.post_id),
                matches::volunteer_id.eq(new.volunteer_id),
                matches::status.eq(new.status.as_str()),
                matches::created_at.eq(at),
                matches::updated_at.eq(at),
                matches::origin.eq(new.origin.as_str()),
                matches::created_by.eq(Some(new.actor_id)),
                matches::shown_to_parties.eq(new.status.visible_to_parties()),
            ))
            .execute(conn)?;
        record_event(conn, &id, None, new.status.as_str(), new.actor_id, None)?;
        super::volunteers::note_change(conn, new.volunteer_id)?;
        add_first_message(conn, &id, &new, at)?;
        Ok(Some(id))
    });
    // Two simultaneous creations: the unique (post, volunteer) index makes one lose.
    match result {
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(None),
        other => other,
    }
}

/// A volunteer responds where the coordinator had picked them without telling them
/// (still a pick, or declined before the introduction): the pick becomes their
/// response, as they never knew of it. Anything else they know of: `None`.
fn taken_over(conn: &mut DbConn, new: &NewMatch<'_>) -> QueryResult<Option<String>> {
    if new.origin != MatchOrigin::Response {
        return Ok(None);
    }
    let private: Option<(String, String)> = matches::table
        .filter(matches::post_id.eq(new.post_id))
        .filter(matches::volunteer_id.eq(new.volunteer_id))
        .filter(matches::shown_to_parties.eq(false))
        .select((matches::id, matches::status))
        .first(conn)
        .optional()?;
    let Some((id, _)) = private else {
        return Ok(None);
    };
    // To the parties it is new: it starts now, as a response would.
    let at = now();
    diesel::update(matches::table.filter(matches::id.eq(&id)))
        .set((
            matches::status.eq(new.status.as_str()),
            matches::origin.eq(new.origin.as_str()),
            matches::reason.eq(None::<String>),
            matches::shown_to_parties.eq(true),
            matches::created_at.eq(at),
            matches::updated_at.eq(at),
        ))
        .execute(conn)?;
    // From nothing, as the parties see it: no trace of the pick before.
    record_event(conn, &id, None, new.status.as_str(), new.actor_id, None)?;
    super::volunteers::note_change(conn, new.volunteer_id)?;
    add_first_message(conn, &id, new, at)?;
    Ok(Some(id))
}

/// The text a volunteer responded with, as the conversation's first message, dated
/// with the match (the notices of later messages leave it out by that).
fn add_first_message(
    conn: &mut DbConn,
    match_id: &str,
    new: &NewMatch<'_>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    if let Some(body) = new.message {
        diesel::insert_into(match_messages::table)
            .values((
                match_messages::id.eq(new_id()),
                match_messages::match_id.eq(match_id),
                match_messages::sender_id.eq(new.volunteer_id),
                match_messages::body.eq(body),
                match_messages::created_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn with_post() -> diesel::dsl::InnerJoin<matches::table, posts_table::table> {
    matches::table.inner_join(posts_table::table)
}

fn attach_names(
    conn: &mut DbConn,
    rows: Vec<(MatchRow, MatchPost)>,
) -> QueryResult<Vec<MatchRecord>> {
    let ids: Vec<&str> = rows.iter().map(|(m, _)| m.volunteer_id.as_str()).collect();
    let names: std::collections::HashMap<String, String> = accounts::table
        .filter(accounts::id.eq_any(&ids))
        .select((accounts::id, accounts::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|(row, post)| MatchRecord {
            volunteer_name: names.get(&row.volunteer_id).cloned().unwrap_or_default(),
            row,
            post,
        })
        .collect())
}

/// One match with its post.
pub fn get(conn: &mut DbConn, id: &str) -> QueryResult<Option<MatchRecord>> {
    let row = with_post()
        .filter(matches::id.eq(id))
        .select((MatchRow::as_select(), MatchPost::as_select()))
        .first::<(MatchRow, MatchPost)>(conn)
        .optional()?;
    Ok(match row {
        Some(row) => attach_names(conn, vec![row])?.pop(),
        None => None,
    })
}

/// Whether `volunteer_id` is on the post: introduced or confirmed.
pub fn is_on(conn: &mut DbConn, post_id: &str, volunteer_id: &str) -> QueryResult<bool> {
    occupied(conn, post_id, Some(volunteer_id))
}

/// Who sees which matches.
#[derive(Debug, Clone)]
pub enum MatchScope {
    /// Coordinators: all.
    All,
    /// A volunteer: their own.
    Volunteer(String),
    /// An author: matches on their posts, except the coordinator's private picks.
    Author(String),
}

/// Narrows a list of matches (within the caller's scope).
#[derive(Debug, Clone, Default)]
pub struct MatchFilter {
    /// Only this status.
    pub status: Option<MatchStatus>,
    /// Only on this post.
    pub post_id: Option<String>,
    /// Only with this volunteer.
    pub volunteer_id: Option<String>,
    /// Only those whose agreed period ends on or before this day.
    pub ends_by: Option<NaiveDate>,
}

/// Matches in scope, newest first, with the total.
pub fn list(
    conn: &mut DbConn,
    scope: &MatchScope,
    filter: &MatchFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(i64, Vec<MatchRecord>)> {
    let filtered = || {
        let mut q = with_post().into_boxed::<Backend>();
        if let Some(s) = filter.status {
            q = q.filter(matches::status.eq(s.as_str()));
        }
        if let Some(post) = &filter.post_id {
            q = q.filter(matches::post_id.eq(post.clone()));
        }
        if let Some(volunteer) = &filter.volunteer_id {
            q = q.filter(matches::volunteer_id.eq(volunteer.clone()));
        }
        if let Some(day) = filter.ends_by {
            q = q.filter(matches::agreed_until.le(day));
        }
        match scope {
            MatchScope::All => q,
            MatchScope::Volunteer(id) => q
                .filter(matches::volunteer_id.eq(id.clone()))
                .filter(matches::shown_to_parties.eq(true)),
            MatchScope::Author(id) => q
                .filter(posts_table::author_id.eq(id.clone()))
                .filter(matches::shown_to_parties.eq(true)),
        }
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows = filtered()
        .select((MatchRow::as_select(), MatchPost::as_select()))
        .order((matches::created_at.desc(), matches::id))
        .limit(limit)
        .offset(offset)
        .load::<(MatchRow, MatchPost)>(conn)?;
    Ok((total, attach_names(conn, rows)?))
}

/// A match's transitions, oldest first.
pub fn history(conn: &mut DbConn, id: &str) -> QueryResult<Vec<MatchEvent>> {
    match_events::table
        .filter(match_events::match_id.eq(id))
        .order((match_events::at, match_events::id))
        .select((
            match_events::actor_id,
            match_events::from_status,
            match_events::to_status,
            match_events::reason,
            match_events::at,
        ))
        .load(conn)
}

/// One status change of a match, as [`move_guarded`] applies it.
struct Move<'a> {
    id: &'a str,
    /// The status it was read in.
    from: MatchStatus,
    to: MatchStatus,
    outcome: Option<Outcome>,
    reason: Option<&'a str>,
    actor_id: &'a str,
    volunteer_id: &'a str,
}

/// Moves a match that is still in `m.from` (checked in the UPDATE itself, so of two
/// writers one wins), records the transition, and tells the matcher the volunteer's
/// load changed. False when the match had moved on meanwhile.
fn move_guarded(conn: &mut DbConn, m: &Move<'_>) -> QueryResult<bool> {
    let updated = diesel::update(
        matches::table
            .filter(matches::id.eq(m.id))
            .filter(matches::status.eq(m.from.as_str())),
    )
    .set((
        matches::status.eq(m.to.as_str()),
        matches::outcome.eq(m.outcome.map(|o| o.as_str())),
        matches::reason.eq(m.reason),
        matches::updated_at.eq(now()),
    ))
    .execute(conn)?;
    // The introduction is where a coordinator's pick becomes known to the parties.
    if updated > 0 && m.to == MatchStatus::Introduced {
        diesel::update(matches::table.filter(matches::id.eq(m.id)))
            .set(matches::shown_to_parties.eq(true))
            .execute(conn)?;
    }
    if updated == 0 {
        return Ok(false);
    }
    record_event(
        conn,
        m.id,
        Some(m.from.as_str()),
        m.to.as_str(),
        m.actor_id,
        m.reason,
    )?;
    super::volunteers::note_change(conn, m.volunteer_id)?;
    Ok(true)
}

/// An action on a match, by someone, maybe with an outcome and a reason.
#[derive(Debug, Clone, Copy)]
pub struct Act<'a> {
    /// What.
    pub action: MatchAction,
    /// For `end`.
    pub outcome: Option<Outcome>,
    /// Why.
    pub reason: Option<&'a str>,
    /// For `confirm`: until when the parties agreed to help.
    pub agreed_until: Option<NaiveDate>,
    /// For `end`: the request goes back online instead of closing.
    pub search_again: bool,
    /// Who.
    pub actor_id: &'a str,
}

/// Why an action did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The match is not (any more) in a status the action starts from.
    Status(MatchStatus),
    /// Confirming: a colleague confirmed another volunteer on the request meanwhile.
    RequestTaken,
}

impl Refused {
    /// What the person who tried `action` reads.
    pub fn message(self, action: MatchAction) -> String {
        match self {
            Refused::Status(now) => action.refusal(now),
            Refused::RequestTaken => {
                "Voor deze hulpvraag is net een andere vrijwilliger bevestigd.".into()
            }
        }
    }
}

/// Applies an action to `record` (as loaded in this transaction). `Ok(Err(_))` when
/// the match is not (any more) in a status the action starts from, or when
/// confirming finds the request taken; both checks are part of an UPDATE, so of two
/// people acting at once exactly one wins (the caller rolls the loser back). The
/// request follows its match (see [`request_effect`]).
pub fn act(
    conn: &mut DbConn,
    record: &MatchRecord,
    act: &Act<'_>,
) -> QueryResult<Result<(), Refused>> {
    super::write_transaction(conn, |conn| {
        let status = record.row.status;
        if !act.action.from_statuses().contains(&status) {
            return Ok(Err(Refused::Status(status)));
        }
        let moved = move_guarded(
            conn,
            &Move {
                id: &record.row.id,
                from: status,
                to: act.action.to_status(),
                outcome: act.outcome,
                reason: act.reason,
                actor_id: act.actor_id,
                volunteer_id: &record.row.volunteer_id,
            },
        )?;
        if !moved {
            return Ok(Err(Refused::Status(status)));
        }
        if act.action == MatchAction::Confirm {
            diesel::update(matches::table.filter(matches::id.eq(&record.row.id)))
                .set(matches::agreed_until.eq(act.agreed_until))
                .execute(conn)?;
        }
        if record.post.kind == PostKind::Request {
            let followed = follow_request(conn, &record.post.id, act)?;
            if act.action == MatchAction::Confirm && !followed {
                return Ok(Err(Refused::RequestTaken));
            }
        }
        Ok(Ok(()))
    })
}

/// A request published again after its author's change: a volunteer introduced to it
/// meanwhile (its matches kept going in review) takes it off the lists again, as the
/// introduction would have. True when it did.
pub fn follow_after_review(
    conn: &mut DbConn,
    post_id: &str,
    change: &posts::Change<'_>,
) -> QueryResult<bool> {
    if !someone_on(conn, post_id)? {
        return Ok(false);
    }
    let effect = request_effect(MatchAction::Introduce, None);
    posts::transition(conn, post_id, &effect.into(), change)
}

/// Whether a volunteer is still introduced to, or active on, a post.
fn someone_on(conn: &mut DbConn, post_id: &str) -> QueryResult<bool> {
    occupied(conn, post_id, None)
}

/// Whether a volunteer (this one, or any) is introduced to, or active on, a post.
fn occupied(conn: &mut DbConn, post_id: &str, volunteer_id: Option<&str>) -> QueryResult<bool> {
    let occupying: Vec<&str> = MatchStatus::ALL
        .iter()
        .filter(|s| s.occupies_request())
        .map(|s| s.as_str())
        .collect();
    let mut on = matches::table
        .filter(matches::post_id.eq(post_id))
        .filter(matches::status.eq_any(occupying))
        .select(matches::id)
        .into_boxed::<Backend>();
    if let Some(volunteer) = volunteer_id {
        on = on.filter(matches::volunteer_id.eq(volunteer));
    }
    let found: Option<String> = on.first(conn).optional()?;
    Ok(found.is_some())
}

/// Moves the request along with its match (vacancies take many volunteers: they stay).
/// A request is freed or closed only when nobody else is on it any more; an end after
/// which the resident still wants help frees it as a decline does.
/// False when the request was not in a status the move starts from.
fn follow_request(conn: &mut DbConn, post_id: &str, act: &Act<'_>) -> QueryResult<bool> {
    let action = match act.action {
        MatchAction::End if act.search_again => MatchAction::Decline,
        other => other,
    };
    if matches!(action, MatchAction::Decline | MatchAction::End) && someone_on(conn, post_id)? {
        return Ok(true);
    }
    let change = Change {
        actor_id: act.actor_id,
        reason: act.reason,
    };
    let effect = request_effect(action, act.outcome);
    posts::transition(conn, post_id, &effect.into(), &change)
}

/// A message between the parties of a match.
#[derive(Debug, Clone, Queryable)]
pub struct MessageRow {
    /// Id.
    pub id: String,
    /// Sender account.
    pub sender_id: String,
    /// Text.
    pub body: String,
    /// Sent.
    pub created_at: NaiveDateTime,
}

/// A page of a match's messages counted from the newest (offset 0 is the newest
/// `limit`), oldest first within the page; with the total.
pub fn messages(
    conn: &mut DbConn,
    match_id: &str,
    limit: i64,
    offset: i64,
) -> QueryResult<(i64, Vec<MessageRow>)> {
    let total = match_messages::table
        .filter(match_messages::match_id.eq(match_id))
        .count()
        .get_result(conn)?;
    let mut rows: Vec<MessageRow> = match_messages::table
        .filter(match_messages::match_id.eq(match_id))
        .order((match_messages::created_at.desc(), match_messages::id.desc()))
        .limit(limit)
        .offset(offset)
        .select(MESSAGE_COLUMNS)
        .load(conn)?;
    rows.reverse();
    Ok((total, rows))
}

/// One message by id.
pub fn message(conn: &mut DbConn, id: &str) -> QueryResult<MessageRow> {
    match_messages::table
        .find(id)
        .select(MESSAGE_COLUMNS)
        .first(conn)
}

const MESSAGE_COLUMNS: (
    match_messages::id,
    match_messages::sender_id,
    match_messages::body,
    match_messages::created_at,
) = (
    match_messages::id,
    match_messages::sender_id,
    match_messages::body,
    match_messages::created_at,
);

/// Adds a message to a match; returns its id.
pub fn add_message(
    conn: &mut DbConn,
    match_id: &str,
    sender_id: &str,
    body: &str,
) -> QueryResult<String> {
    let id = new_id();
    diesel::insert_into(match_messages::table)
        .values((
            match_messages::id.eq(&id),
            match_messages::match_id.eq(match_id),
            match_messages::sender_id.eq(sender_id),
            match_messages::body.eq(body),
            match_messages::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Notes that `account_id` has read the messages of a match up to `upto` (the time
/// of the newest message shown to them). The mark only moves forward. Answers the
/// mark as it was before (None: never read).
pub fn mark_read(
    conn: &mut DbConn,
    match_id: &str,
    account_id: &str,
    upto: NaiveDateTime,
) -> QueryResult<Option<NaiveDateTime>> {
    let mine = match_reads::table
        .filter(match_reads::match_id.eq(match_id))
        .filter(match_reads::account_id.eq(account_id));
    let known: Option<NaiveDateTime> = mine
        .select(match_reads::last_read_at)
        .first(conn)
        .optional()?;
    match known {
        Some(at) if at >= upto => {}
        Some(_) => {
            diesel::update(mine.filter(match_reads::last_read_at.lt(upto)))
                .set(match_reads::last_read_at.eq(upto))
                .execute(conn)?;
        }
        None => {
            diesel::insert_into(match_reads::table)
                .values((
                    match_reads::match_id.eq(match_id),
                    match_reads::account_id.eq(account_id),
                    match_reads::last_read_at.eq(upto),
                ))
                .execute(conn)?;
        }
    }
    Ok(known)
}

/// Per match (of `match_ids`), how many messages from others `account_id` has not
/// read yet; matches without any are left out.
pub fn unread_counts(
    conn: &mut DbConn,
    account_id: &str,
    match_ids: &[&str],
) -> QueryResult<std::collections::HashMap<String, i64>> {
    if match_ids.is_empty() {
        return Ok(Default::default());
    }
    // A match that did not go ahead asks for nothing more: its messages wait unread
    // without a count (a response left unread after a vacancy was filled).
    let going: Vec<String> = matches::table
        .filter(matches::id.eq_any(match_ids))
        .filter(matches::status.ne(MatchStatus::Declined.as_str()))
        .select(matches::id)
        .load(conn)?;
    let rows: Vec<(String, i64)> = match_messages::table
        .left_join(
            match_reads::table.on(match_reads::match_id
                .eq(match_messages::match_id)
                .and(match_reads::account_id.eq(account_id))),
        )
        .filter(match_messages::match_id.eq_any(&going))
        .filter(match_messages::sender_id.ne(account_id))
        .filter(
            match_reads::last_read_at
                .is_null()
                .or(match_messages::created_at
                    .nullable()
                    .gt(match_reads::last_read_at.nullable())),
        )
        .group_by(match_messages::match_id)
        .select((match_messages::match_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// Messages from others in the match after `after` that `reader` has not read.
pub fn unread_after(
    conn: &mut DbConn,
    match_id: &str,
    reader: &str,
    after: NaiveDateTime,
) -> QueryResult<i64> {
    let read_up_to: Option<NaiveDateTime> = match_reads::table
        .filter(match_reads::match_id.eq(match_id))
        .filter(match_reads::account_id.eq(reader))
        .select(match_reads::last_read_at)
        .first(conn)
        .optional()?;
    let from = read_up_to.map_or(after, |read| read.max(after));
    match_messages::table
        .filter(match_messages::match_id.eq(match_id))
        .filter(match_messages::sender_id.ne(reader))
        .filter(match_messages::created_at.gt(from))
        .count()
        .get_result(conn)
}

/// Whether anyone but `reader` wrote in the match after `since`, not counting the
/// message `except` (the one just sent).
pub fn others_wrote_since(
    conn: &mut DbConn,
    match_id: &str,
    reader: &str,
    since: NaiveDateTime,
    except: &str,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        match_messages::table
            .filter(match_messages::match_id.eq(match_id))
            .filter(match_messages::sender_id.ne(reader))
            .filter(match_messages::created_at.gt(since))
            .filter(match_messages::id.ne(except)),
    ))
    .get_result(conn)
}

/// Which matches to stop when their post or volunteer goes away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Only those still being arranged (declined); confirmed ones go on.
    Arranging,
    /// Every match still going: arranged ones declined, confirmed ones ended as failed.
    All,
}

/// Whose matches.
pub enum Whose<'a> {
    /// The matches on a post.
    Post(&'a str),
    /// A volunteer's matches.
    Volunteer(&'a str),
}

/// What happened to one match in [`stop_matches`], for the mail.
#[derive(Debug, Clone)]
pub struct Stopped {
    /// The match as it stood before (its status is the one it was stopped from).
    pub record: MatchRecord,
    /// Decline, or End (as failed).
    pub action: MatchAction,
}

/// Stops the matches `whose` still going, as `which` says, recording each transition
/// with `reason`; a request whose volunteer is gone is open again when nobody else is
/// on it. Runs in the caller's transaction. The mail is the caller's (see
/// `app::notify::match_moved`).
pub fn stop_matches(
    conn: &mut DbConn,
    whose: Whose<'_>,
    which: Stop,
    actor_id: &str,
    reason: &str,
) -> QueryResult<Vec<Stopped>> {
    let statuses: Vec<&str> = MatchStatus::open_statuses()
        .filter(|s| which == Stop::All || MatchAction::Decline.from_statuses().contains(s))
        .map(MatchStatus::as_str)
        .collect();
    let query = with_post()
        .filter(matches::status.eq_any(&statuses))
        .select((MatchRow::as_select(), MatchPost::as_select()))
        .order(matches::id);
    let rows: Vec<(MatchRow, MatchPost)> = match whose {
        Whose::Post(id) => query.filter(matches::post_id.eq(id)).load(conn)?,
        Whose::Volunteer(id) => query.filter(matches::volunteer_id.eq(id)).load(conn)?,
    };
    // Posts before matches, as everywhere else (see `posts::lock`), in one order, so a
    // volunteer's account going away does not deadlock with a confirmation on one of
    // their requests; a match moved meanwhile is skipped by `move_guarded`.
    let post_ids: BTreeSet<&str> = rows.iter().map(|(_, post)| post.id.as_str()).collect();
    for id in post_ids {
        posts::lock(conn, id)?;
    }
    let mut stopped = Vec::new();
    for record in attach_names(conn, rows)? {
        let action = if record.row.status == MatchStatus::Active {
            MatchAction::End
        } else {
            MatchAction::Decline
        };
        let outcome = (action == MatchAction::End).then_some(Outcome::Failed);
        let moved = move_guarded(
            conn,
            &Move {
                id: &record.row.id,
                from: record.row.status,
                to: action.to_status(),
                outcome,
                reason: Some(reason),
                actor_id,
                volunteer_id: &record.row.volunteer_id,
            },
        )?;
        if !moved {
            continue;
        }
        if record.post.kind == PostKind::Request {
            // The volunteer is gone, not the need: the request is free again.
            let act = Act {
                action: MatchAction::Decline,
                outcome: None,
                reason: Some(reason),
                agreed_until: None,
                search_again: false,
                actor_id,
            };
            follow_request(conn, &record.post.id, &act)?;
        }
        stopped.push(Stopped { record, action });
    }
    Ok(stopped)
}
