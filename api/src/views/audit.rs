//! An audit-log entry as the coordinator sees it.

use serde::Serialize;
use utoipa::ToSchema;

/// One entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditView {
    /// Who (account id).
    pub actor_id: String,
    /// Who, by name (empty if the account is gone).
    pub actor_name: String,
    /// `view` or `change`.
    pub action: String,
    /// Kind of subject.
    pub subject_type: String,
    /// Which.
    pub subject_id: String,
    /// Which, by name: a person's name, a post's title, "volunteer – title" for a
    /// match, a mail's subject (empty for a list, or a subject no longer stored; a
    /// deleted account or post reads as anonymised).
    pub subject_name: String,
    /// Where on this site the coordinator sees the subject (a path), if anywhere.
    pub subject_page: Option<String>,
    /// What.
    pub detail: String,
    /// When.
    #[schema(value_type = String, format = DateTime)]
    pub at: chrono::DateTime<chrono::Utc>,
}
