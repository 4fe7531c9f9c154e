//! A person's own data: everything about them as one document (`GET /api/v1/me/export`)
//! and the storage steps of deleting their account (`app::accounts::delete` runs them,
//! with closing their posts and stopping their matches, in one transaction).
//!
//! Deleting anonymises rather than removes: the account row stays (posts, matches and
//! their history refer to it, and the yearly figures count them), but it loses its
//! name, e-mail address, phone number and password; the volunteer profile goes; posts
//! are stripped of their text and of the resident's contact details; sent messages
//! are blanked.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use super::matches::{MatchPost, MatchRow};
use super::posts::PostRow;
use super::schema::{
    account_tokens, accounts, audit_log, digest_opt_outs, match_events, match_messages,
    matches as matches_table, organisations, post_events, post_talents, posts as posts_table,
    saved_searches, volunteer_profiles, volunteer_talents,
};
use super::volunteers::{self, VolunteerProfileView};
use super::{now, DbConn};
use crate::domain::account::first_name;
use crate::domain::match_flow::{MatchOrigin, MatchStatus};
use crate::domain::post::{OnBehalfOf, Schedule};
use crate::domain::{IntakeChannel, PostKind, PostStatus};

/// The name a deleted account keeps.
pub const DELETED_NAME: &str = "Verwijderde gebruiker";
/// What a deleted account's sent messages read.
pub const DELETED_MESSAGE: &str = "(verwijderd)";
/// Why a deleted account's posts were closed and its matches declined.
pub const DELETED_REASON: &str = "account verwijderd";

fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// Everything Noaber keeps about one person, as they may download it. Other people
/// appear by first name only: no one else's e-mail address or phone number.
#[derive(Debug, Serialize, ToSchema)]
pub struct Export {
    /// When this document was made.
    #[schema(value_type = String, format = DateTime)]
    pub exported_at: DateTime<Utc>,
    /// The account.
    pub account: ExportAccount,
    /// The volunteer profile, if any.
    pub volunteer_profile: Option<ExportProfile>,
    /// The organisation, for organisation accounts.
    pub organisation: Option<ExportOrganisation>,
    /// Posts they wrote, with what they entered about the resident, and their history.
    pub posts: Vec<ExportPost>,
    /// Matches they are a party to, with history and messages.
    pub matches: Vec<ExportMatch>,
    /// Audit entries about them, their posts or their matches (coordinators' views and changes).
    pub audit: Vec<ExportAudit>,
    /// Mails Noaber sent them (subject, status, dates).
    pub mails: Vec<ExportMail>,
    /// Their saved searches (what they asked to hear about).
    pub saved_searches: Vec<ExportSavedSearch>,
}

/// A saved search.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportSavedSearch {
    /// Search words.
    pub q: String,
    /// Category slugs, space-separated.
    pub categories: String,
    /// Place slugs, space-separated.
    pub places: String,
    /// Distance around the places.
    pub within_km: Option<i32>,
    /// `instant` or `weekly`.
    pub frequency: String,
    /// Saved.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: DateTime<Utc>,
}

/// A mail sent to them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportMail {
    /// Subject.
    pub subject: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Queued.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: DateTime<Utc>,
    /// Sent.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub sent_at: Option<DateTime<Utc>>,
}

/// The account itself.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportAccount {
    /// Id.
    pub id: String,
    /// E-mail address.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Phone number.
    pub phone: Option<String>,
    /// Whether the e-mail address was confirmed.
    pub email_verified: bool,
    /// Registered.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: DateTime<Utc>,
}

/// A volunteer profile, as `/me` shows it, with its last change.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportProfile {
    /// The profile.
    #[serde(flatten)]
    pub profile: VolunteerProfileView,
    /// Last change.
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: DateTime<Utc>,
}

/// An organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportOrganisation {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Place slug.
    pub place: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Created.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: DateTime<Utc>,
}

/// One step in the history of a post or match.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportEvent {
    /// From status.
    pub from: Option<String>,
    /// To status.
    pub to: String,
    /// Why.
    pub reason: Option<String>,
    /// Whether they took this step themselves (otherwise the Servicepunt or the other party).
    pub by_you: bool,
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: DateTime<Utc>,
}

/// A post they wrote.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportPost {
    /// Id.
    pub id: String,
    /// `request`, `offer`, `vacancy`.
    pub kind: PostKind,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Category slug.
    pub category: String,
    /// Place slug.
    pub place: String,
    /// Talent slugs.
    pub talents: Vec<String>,
    /// When.
    pub schedule: Schedule,
    /// Radius in km.
    pub radius_km: Option<i32>,
    /// Status.
    pub status: PostStatus,
    /// Why closed.
    pub close_reason: Option<String>,
    /// Why sent back.
    pub review_reason: Option<String>,
    /// How the request came in.
    pub intake_channel: IntakeChannel,
    /// The resident it is for, as they entered it.
    pub on_behalf_of: Option<OnBehalfOf>,
    /// Created.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: DateTime<Utc>,
    /// Last change.
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: DateTime<Utc>,
    /// Published.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub published_at: Option<DateTime<Utc>>,
    /// Every status change.
    pub history: Vec<ExportEvent>,
}

/// The post of a match.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportMatchPost {
    /// Id.
    pub id: String,
    /// Kind.
    pub kind: PostKind,
    /// Title.
    pub title: String,
    /// Place slug.
    pub place: String,
}

/// A message in a match.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportMessage {
    /// Whether they sent it.
    pub from_you: bool,
    /// The sender's first name.
    pub from: String,
    /// Text.
    pub body: String,
    /// Sent.
    #[schema(value_type = String, format = DateTime)]
    pub sent_at: DateTime<Utc>,
}

/// A match they are a party to.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportMatch {
    /// Id.
    pub id: String,
    /// `volunteer` or `poster`.
    pub your_role: String,
    /// Status.
    pub status: MatchStatus,
    /// Outcome, once ended.
    pub outcome: Option<String>,
    /// Reason of a decline or end.
    pub reason: Option<String>,
    /// `response` or `suggestion`.
    pub origin: MatchOrigin,
    /// The post.
    pub post: ExportMatchPost,
    /// The other party's first name.
    pub other_party: String,
    /// Created.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: DateTime<Utc>,
    /// Last change.
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: DateTime<Utc>,
    /// Every transition.
    pub history: Vec<ExportEvent>,
    /// Messages sent and received, oldest first.
    pub messages: Vec<ExportMessage>,
}

/// An audit entry about them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportAudit {
    /// `view` or `change`.
    pub action: String,
    /// Kind of subject.
    pub subject_type: String,
    /// Which.
    pub subject_id: String,
    /// What.
    pub detail: String,
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: DateTime<Utc>,
}

// Subqueries as macros: boxed subqueries do not compose with the multi-backend
// connection, and the unboxed types are unwieldy to name.

/// Ids of the posts an account wrote, as a subquery.
macro_rules! own_post_ids {
    ($account_id:expr) => {
        posts_table::table
            .filter(posts_table::author_id.eq($account_id.to_owned()))
            .select(posts_table::id)
    };
}

/// Ids of the matches an account is a party to and may see (not the coordinator's
/// private suggestions), as a subquery.
macro_rules! own_match_ids {
    ($account_id:expr) => {
        matches_table::table
            .filter(
                matches_table::volunteer_id
                    .eq($account_id.to_owned())
                    .or(matches_table::post_id.eq_any(own_post_ids!($account_id))),
            )
            .filter(matches_table::shown_to_parties.eq(true))
            .select(matches_table::id)
    };
}

fn event(me: &str, (actor, from, to, reason, at): EventColumns) -> ExportEvent {
    ExportEvent {
        by_you: actor.as_deref() == Some(me),
        from,
        to,
        reason,
        at: utc(at),
    }
}

/// The columns of a post or match event: actor, from, to, reason, when.
type EventColumns = (
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    NaiveDateTime,
);

/// Everything about `account_id` as one document; `None` when there is no such live account.
pub fn export(conn: &mut DbConn, account_id: &str) -> QueryResult<Option<Export>> {
    let Some(account) = super::accounts::find(conn, account_id)? else {
        return Ok(None);
    };
    let me = account.id.clone();
    let volunteer_profile = volunteers::find(conn, &me)?.map(|p| ExportProfile {
        updated_at: utc(p.row.updated_at),
        profile: VolunteerProfileView::from(p),
    });
    let organisation = organisations::table
        .filter(organisations::account_id.eq(&me))
        .select((
            organisations::id,
            organisations::name,
            organisations::description,
            organisations::place_slug,
            organisations::website,
            organisations::created_at,
        ))
        .first::<(
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            NaiveDateTime,
        )>(conn)
        .optional()?
        .map(
            |(id, name, description, place, website, created_at)| ExportOrganisation {
                id,
                name,
                description,
                place,
                website,
                created_at: utc(created_at),
            },
        );
    let posts = export_posts(conn, &me)?;
    let matches = export_matches(conn, &me)?;
    // Everything the audit log may say about them is keyed by one of these ids.
    let subjects: Vec<String> = std::iter::once(me.clone())
        .chain(posts.iter().map(|p| p.id.clone()))
        .chain(matches.iter().map(|m| m.id.clone()))
        .collect();
    let audit = export_audit(conn, &subjects)?;
    let mails = super::outbox::sent_to(conn, &account.email)?
        .into_iter()
        .map(|mail| ExportMail {
            subject: mail.subject,
            status: mail.status,
            created_at: utc(mail.created_at),
            sent_at: mail.sent_at.map(utc),
        })
        .collect();
    Ok(Some(Export {
        exported_at: utc(now()),
        account: ExportAccount {
            id: account.id,
            email: account.email,
            name: account.name,
            role: account.role,
            phone: account.phone,
            email_verified: account.email_verified,
            created_at: utc(account.created_at),
        },
        volunteer_profile,
        organisation,
        posts,
        matches,
        audit,
        mails,
        saved_searches: super::saved_searches::of_account(conn, &me)?
            .into_iter()
            .map(|s| ExportSavedSearch {
                q: s.query,
                categories: s.categories,
                places: s.places,
                within_km: s.within_km,
                frequency: s.frequency,
                created_at: utc(s.created_at),
            })
            .collect(),
    }))
}

fn export_audit(conn: &mut DbConn, subjects: &[String]) -> QueryResult<Vec<ExportAudit>> {
    let mut rows = Vec::new();
    // Chunked: engines limit bind parameters.
    for chunk in subjects.chunks(500) {
        rows.extend(
            audit_log::table
                .filter(audit_log::subject_id.eq_any(chunk))
                .select((
                    audit_log::action,
                    audit_log::subject_type,
                    audit_log::subject_id,
                    audit_log::detail,
                    audit_log::at,
                    audit_log::id,
                ))
                .load::<(String, String, String, String, NaiveDateTime, String)>(conn)?,
        );
    }
    rows.sort_by(|a, b| (a.4, &a.5).cmp(&(b.4, &b.5)));
    Ok(rows
        .into_iter()
        .map(
            |(action, subject_type, subject_id, detail, at, _)| ExportAudit {
                action,
                subject_type,
                subject_id,
                detail,
                at: utc(at),
            },
        )
        .collect())
}

fn export_posts(conn: &mut DbConn, me: &str) -> QueryResult<Vec<ExportPost>> {
    let rows: Vec<PostRow> = posts_table::table
        .filter(posts_table::author_id.eq(me))
        .order((posts_table::created_at, posts_table::id))
        .select(PostRow::as_select())
        .load(conn)?;
    let mut talents: std::collections::HashMap<String, Vec<String>> = Default::default();
    for (post, slug) in post_talents::table
        .filter(post_talents::post_id.eq_any(own_post_ids!(me)))
        .order((post_talents::post_id, post_talents::talent_slug))
        .select((post_talents::post_id, post_talents::talent_slug))
        .load::<(String, String)>(conn)?
    {
        talents.entry(post).or_default().push(slug);
    }
    let mut history: std::collections::HashMap<String, Vec<ExportEvent>> = Default::default();
    for (post, columns) in post_events::table
        .filter(post_events::post_id.eq_any(own_post_ids!(me)))
        .order((post_events::at, post_events::id))
        .select((
            post_events::post_id,
            (
                post_events::actor_id,
                post_events::from_status,
                post_events::to_status,
                post_events::reason,
                post_events::at,
            ),
        ))
        .load::<(String, EventColumns)>(conn)?
    {
        history.entry(post).or_default().push(event(me, columns));
    }
    Ok(rows
        .into_iter()
        .map(|row| ExportPost {
            talents: talents.remove(&row.id).unwrap_or_default(),
            history: history.remove(&row.id).unwrap_or_default(),
            schedule: row.schedule(),
            on_behalf_of: row.on_behalf_of(),
            id: row.id,
            kind: row.kind,
            title: row.title,
            description: row.description,
            category: row.category_slug,
            place: row.place_slug,
            radius_km: row.radius_km,
            status: row.status,
            close_reason: row.close_reason,
            review_reason: row.review_reason,
            intake_channel: row.intake_channel,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
            published_at: row.published_at.map(utc),
        })
        .collect())
}

fn export_matches(conn: &mut DbConn, me: &str) -> QueryResult<Vec<ExportMatch>> {
    let rows: Vec<(MatchRow, MatchPost)> = matches_table::table
        .inner_join(posts_table::table)
        .filter(
            matches_table::volunteer_id
                .eq(me)
                .or(posts_table::author_id.eq(me)),
        )
        .filter(matches_table::shown_to_parties.eq(true))
        .order((matches_table::created_at, matches_table::id))
        .select((MatchRow::as_select(), MatchPost::as_select()))
        .load(conn)?;
    let mut history: std::collections::HashMap<String, Vec<ExportEvent>> = Default::default();
    for (id, columns) in match_events::table
        .filter(match_events::match_id.eq_any(own_match_ids!(me)))
        .order((match_events::at, match_events::id))
        .select((
            match_events::match_id,
            (
                match_events::actor_id,
                match_events::from_status,
                match_events::to_status,
                match_events::reason,
                match_events::at,
            ),
        ))
        .load::<(String, EventColumns)>(conn)?
    {
        history.entry(id).or_default().push(event(me, columns));
    }
    // As the match page shows it: from the step that told them of the match on, not
    // the Servicepunt's pick before it.
    for events in history.values_mut() {
        let told = events.iter().position(|e| {
            [MatchStatus::Responded, MatchStatus::Introduced]
                .iter()
                .any(|s| e.to == s.as_str())
        });
        events.drain(..told.unwrap_or(events.len()));
    }
    let messages: Vec<(String, String, String, NaiveDateTime)> = match_messages::table
        .filter(match_messages::match_id.eq_any(own_match_ids!(me)))
        .order((match_messages::created_at, match_messages::id))
        .select((
            match_messages::match_id,
            match_messages::sender_id,
            match_messages::body,
            match_messages::created_at,
        ))
        .load(conn)?;
    // Names only (first names are shown): nobody else's contact details are read at all.
    let mut people: Vec<&str> = rows
        .iter()
        .flat_map(|(m, p)| [m.volunteer_id.as_str(), p.author_id.as_str()])
        .chain(messages.iter().map(|(_, sender, _, _)| sender.as_str()))
        .collect();
    people.sort_unstable();
    people.dedup();
    let mut names: std::collections::HashMap<String, String> = Default::default();
    for chunk in people.chunks(500) {
        names.extend(
            accounts::table
                .filter(accounts::id.eq_any(chunk))
                .select((accounts::id, accounts::name))
                .load::<(String, String)>(conn)?,
        );
    }
    let first = |id: &str| first_name(names.get(id).map_or("", String::as_str));
    let mut by_match: std::collections::HashMap<String, Vec<ExportMessage>> = Default::default();
    for (match_id, sender, body, sent) in messages {
        by_match.entry(match_id).or_default().push(ExportMessage {
            from_you: sender == me,
            from: first(&sender),
            body,
            sent_at: utc(sent),
        });
    }
    Ok(rows
        .into_iter()
        .map(|(row, post)| {
            let volunteer = row.volunteer_id == me;
            let other = if volunteer {
                &post.author_id
            } else {
                &row.volunteer_id
            };
            ExportMatch {
                your_role: if volunteer { "volunteer" } else { "poster" }.to_owned(),
                other_party: first(other),
                history: history.remove(&row.id).unwrap_or_default(),
                messages: by_match.remove(&row.id).unwrap_or_default(),
                id: row.id,
                status: row.status,
                outcome: row.outcome,
                reason: row.reason,
                origin: row.origin,
                post: ExportMatchPost {
                    id: post.id,
                    kind: post.kind,
                    title: post.title,
                    place: post.place_slug,
                },
                created_at: utc(row.created_at),
                updated_at: utc(row.updated_at),
            }
        })
        .collect())
}

/// Marks an account deleted: the first step of deleting it (see `app::accounts::delete`
/// for the whole, in one transaction). The UPDATE is the guard: of two deletions at
/// once, one finds nothing to do. False when there is no such live account.
pub fn mark_deleted(conn: &mut DbConn, account_id: &str) -> QueryResult<bool> {
    let claimed = diesel::update(
        accounts::table
            .filter(accounts::id.eq(account_id))
            .filter(accounts::deleted_at.is_null()),
    )
    .set(accounts::deleted_at.eq(Some(now())))
    .execute(conn)?;
    Ok(claimed > 0)
}

/// The account's posts that are not closed yet.
pub fn going_posts(conn: &mut DbConn, account_id: &str) -> QueryResult<Vec<String>> {
    let going: Vec<&str> = PostStatus::GOING.iter().map(|s| s.as_str()).collect();
    own_post_ids!(account_id)
        .filter(posts_table::status.eq_any(going))
        .order(posts_table::id)
        .load(conn)
}

/// Removes what identifies a deleted account's owner, once its posts and matches are
/// closed: post texts and the resident's contact details, sent messages, the volunteer
/// profile, the organisation's details, tokens, mail still waiting, and the account's
/// name, address, phone and password. The row stays for the foreign keys.
pub fn anonymise(conn: &mut DbConn, account_id: &str) -> QueryResult<()> {
    let at = now();
    diesel::update(posts_table::table.filter(posts_table::author_id.eq(account_id)))
        .set((
            posts_table::title.eq("Verwijderde oproep"),
            posts_table::description.eq(DELETED_MESSAGE),
            posts_table::on_behalf_name.eq(None::<String>),
            posts_table::on_behalf_phone.eq(None::<String>),
            posts_table::on_behalf_email.eq(None::<String>),
            posts_table::updated_at.eq(at),
        ))
        .execute(conn)?;
    diesel::update(match_messages::table.filter(match_messages::sender_id.eq(account_id)))
        .set(match_messages::body.eq(DELETED_MESSAGE))
        .execute(conn)?;
    // The volunteer profile goes; the note makes every node's pool drop them.
    diesel::delete(volunteer_talents::table.filter(volunteer_talents::account_id.eq(account_id)))
        .execute(conn)?;
    diesel::delete(volunteer_profiles::table.find(account_id)).execute(conn)?;
    volunteers::note_change(conn, account_id)?;
    diesel::update(organisations::table.filter(organisations::account_id.eq(account_id)))
        .set((
            organisations::name.eq("Verwijderde organisatie"),
            organisations::description.eq(""),
            organisations::website.eq(None::<String>),
        ))
        .execute(conn)?;
    // No more alerts or digests.
    diesel::delete(saved_searches::table.filter(saved_searches::account_id.eq(account_id)))
        .execute(conn)?;
    diesel::delete(digest_opt_outs::table.find(account_id)).execute(conn)?;
    // Links in e-mails already sent (verify, reset password) stop working.
    diesel::delete(account_tokens::table.filter(account_tokens::account_id.eq(account_id)))
        .execute(conn)?;
    // Mail not yet sent to them is dropped; the log of sent mail loses its text.
    let address: String = accounts::table
        .find(account_id)
        .select(accounts::email)
        .first(conn)?;
    let replacement = format!("deleted-{account_id}@invalid");
    super::outbox::forget_recipient(conn, &address, &replacement)?;
    // Nothing in the row identifies the person, the address is free to register
    // again and no password matches the hash.
    diesel::update(accounts::table.find(account_id))
        .set((
            accounts::email.eq(&replacement),
            accounts::name.eq(DELETED_NAME),
            accounts::phone.eq(None::<String>),
            accounts::password_hash.eq("!deleted"),
            accounts::email_verified.eq(false),
        ))
        .execute(conn)?;
    Ok(())
}
