//! A mail in the outbox as the coordinator sees it (without its text).

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::outbox::OutboxRow;

/// A mail as the coordinator sees it (without its text).
#[derive(Debug, Serialize, ToSchema)]
pub struct MailView {
    /// Id (also in the Message-ID).
    pub id: String,
    /// Which mail (`verify_email`, `match_introduced`, ...).
    pub kind: String,
    /// Address.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts so far.
    pub attempts: i32,
    /// The last error, if an attempt failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Queued.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Sent.
    #[schema(value_type = Option<String>, format = DateTime)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<OutboxRow> for MailView {
    fn from(row: OutboxRow) -> Self {
        MailView {
            id: row.id,
            kind: row.kind,
            recipient: row.recipient,
            subject: row.subject,
            status: row.status,
            attempts: row.attempts,
            last_error: row.last_error,
            created_at: row.created_at.and_utc(),
            sent_at: row.sent_at.map(|t| t.and_utc()),
        }
    }
}
