//! A match, its history, contacts and messages, as a viewer may see them.

use serde::Serialize;
use utoipa::ToSchema;

use super::utc;
use crate::db::matches::{MatchEvent, MatchRecord};
use crate::domain::account::first_name;
use crate::domain::match_flow::{MatchOrigin, MatchStatus, Outcome};
use crate::domain::screening::FindingKind;
use crate::domain::PostKind;

/// The post of a match.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchPostView {
    /// Post id.
    pub id: String,
    /// `request`, `offer` or `vacancy`.
    pub kind: PostKind,
    /// Title.
    pub title: String,
    /// Place slug.
    pub place: String,
    /// Category slug.
    pub category: String,
}

/// The volunteer of a match: first name, full name for whoever handles it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchVolunteerView {
    /// Account id.
    pub id: String,
    /// First name.
    pub first_name: String,
    /// Full name (coordinator and the organisation of a vacancy).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether their VOG is valid today (the coordinator only: help of a kind that
    /// needs one should not start without it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vog_valid: Option<bool>,
    /// Their VOG as recorded (the coordinator only): `none`, `requested` or `valid`
    /// (a valid one may have run out: see `vog_valid_until`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vog_status: Option<crate::domain::VogStatus>,
    /// The last day a VOG recorded as valid counts (the coordinator only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub vog_valid_until: Option<chrono::NaiveDate>,
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
    pub status: MatchStatus,
    /// `succeeded` or `failed`, once ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// Reason of a decline or end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `response` or `suggestion`.
    pub origin: MatchOrigin,
    /// Until when the parties agreed to help (`YYYY-MM-DD`), once confirmed with a date.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub agreed_until: Option<chrono::NaiveDate>,
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
    /// The steps so far: all of them, with who and why, for whoever handles the
    /// match; for the parties, from the step that told them of it on, without
    /// reasons and with the Servicepunt's steps as nobody's (one match only, not in
    /// lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<MatchEventView>>,
    /// Whether the caller handles the match and takes its steps (the Servicepunt,
    /// or the organisation of a vacancy); the parties may only decline.
    pub yours_to_handle: bool,
    /// Contact details, once introduced (see [`MatchContacts`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contacts: Option<MatchContacts>,
    /// Messages from others that the caller has not read yet (reading the messages
    /// marks them read).
    pub unread: i64,
}

impl From<MatchEvent> for MatchEventView {
    fn from(e: MatchEvent) -> Self {
        MatchEventView {
            actor_id: e.actor_id,
            from: e.from_status,
            to: e.to_status,
            reason: e.reason,
            at: utc(e.at),
        }
    }
}

impl MatchView {
    /// Shapes a match; `full` (whoever handles it) adds the volunteer's full name.
    pub fn of(record: MatchRecord, full: bool) -> MatchView {
        let outcome = record.row.outcome();
        MatchView {
            id: record.row.id,
            status: record.row.status,
            outcome,
            reason: record.row.reason,
            origin: record.row.origin,
            agreed_until: record.row.agreed_until,
            post: MatchPostView {
                id: record.post.id,
                kind: record.post.kind,
                title: record.post.title,
                place: record.post.place_slug,
                category: record.post.category_slug,
            },
            volunteer: MatchVolunteerView {
                id: record.row.volunteer_id,
                first_name: first_name(&record.volunteer_name),
                name: full.then_some(record.volunteer_name),
                vog_valid: None,
                vog_status: None,
                vog_valid_until: None,
            },
            created_at: utc(record.row.created_at),
            updated_at: utc(record.row.updated_at),
            history: None,
            yours_to_handle: full,
            contacts: None,
            unread: 0,
        }
    }
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
    /// From someone else and not read by the caller before this answer.
    pub new: bool,
    /// Text.
    pub body: String,
    /// What screening found that the reader should be warned about: `money` (asks
    /// for money or bank details), `spam`, `link`; absent when nothing was found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<String>)]
    pub flags: Vec<FindingKind>,
    /// Sent.
    #[schema(value_type = String, format = DateTime)]
    pub sent_at: chrono::DateTime<chrono::Utc>,
}
