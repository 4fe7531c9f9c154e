//! A post as a viewer may see it.

use serde::Serialize;
use utoipa::ToSchema;

use super::utc;
use crate::db::posts::PostRecord;
use crate::domain::account::first_name;
use crate::domain::post::{OnBehalfOf, Schedule};
use crate::domain::screening::{screen_post, Finding};
use crate::domain::{CloseReason, IntakeChannel, PostKind, PostStatus};
use crate::reference::Reference;

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
    /// Phone number (one post, for the coordinator, audited: to call the author).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail address (as the phone number).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the author confirmed their e-mail address (author and coordinator).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// When the author's account was made (author and coordinator).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_since: Option<chrono::DateTime<chrono::Utc>>,
}

/// A post as a viewer may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostView {
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
    /// Category name.
    pub category_name: String,
    /// Whether this kind of help needs a volunteer with a valid VOG.
    pub category_requires_vog: bool,
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
    pub status: PostStatus,
    /// Why closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_reason: Option<CloseReason>,
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
    pub intake_channel: Option<IntakeChannel>,
    /// The resident it is for (author and coordinator only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<OnBehalfOf>,
    /// For the coordinator's review: contact details, surnames, links and spam words
    /// found in the public title and description (`{title: [...], description:
    /// [...]}`, each `{kind, text, start, end, replacement?}` with byte offsets; a
    /// surname's `replacement` is its initial).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub screening: Option<PostScreening>,
}

/// What screening found in a post's public text.
#[derive(Debug, Serialize)]
pub struct PostScreening {
    /// In the title.
    pub title: Vec<Finding>,
    /// In the description.
    pub description: Vec<Finding>,
}

impl PostView {
    /// Adds what screening finds in the title and description (for coordinators),
    /// the surnames of the resident and of the author too (an organisation's name
    /// is public).
    pub fn screened(self) -> PostView {
        let mut names: Vec<&str> = Vec::new();
        if self.kind != PostKind::Vacancy {
            names.extend(self.author.name.as_deref());
        }
        names.extend(self.on_behalf_of.as_ref().map(|o| o.name.as_str()));
        let screening = PostScreening {
            title: screen_post(&self.title, &names),
            description: screen_post(&self.description, &names),
        };
        PostView {
            screening: Some(screening),
            ..self
        }
    }
}

impl PostView {
    /// Shapes a post; `private` (author or coordinator) adds the names, the review
    /// reason, the intake channel and the resident's details.
    pub fn of(record: PostRecord, private: bool, reference: &Reference) -> PostView {
        let on_behalf = if private {
            record.row.on_behalf_of()
        } else {
            None
        };
        let schedule = record.row.schedule();
        let close_reason = record.row.close_reason();
        let row = record.row;
        let category = reference.category(&row.category_slug);
        PostView {
            category_name: category.map(|c| c.name_nl.clone()).unwrap_or_default(),
            category_requires_vog: category.is_some_and(|c| c.requires_vog),
            place_name: reference
                .place(&row.place_slug)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            schedule,
            author: AuthorView {
                first_name: first_name(&record.author_name),
                id: private.then(|| row.author_id.clone()),
                name: private.then(|| record.author_name.clone()),
                phone: None,
                email: None,
                email_verified: private.then_some(record.author_account.email_verified),
                account_since: private.then(|| utc(record.author_account.since)),
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
            close_reason,
            screening: None,
        }
    }
}
