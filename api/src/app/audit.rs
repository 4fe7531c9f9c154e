//! Reading the audit log (coordinators only); entries are written by each use case
//! in its own transaction (see [`super::Tx::audit`]).

use super::read;
use crate::auth::Caller;
use crate::db::audit;
use crate::domain::Role;
use crate::error::ApiError;
use crate::state::AppState;
use crate::views::audit::AuditView;
use crate::views::{utc, Page};

/// Entries, newest first, maybe only those about one subject.
pub async fn list(
    state: &AppState,
    caller: &Caller,
    subject: Option<String>,
    limit: i64,
    offset: i64,
) -> Result<Page<AuditView>, ApiError> {
    caller.require(&[Role::Coordinator])?;
    read(state, move |tx| {
        let (total, rows) = audit::list(tx.conn, subject.as_deref(), limit, offset)?;
        let items = rows
            .into_iter()
            .map(|r| AuditView {
                actor_id: r.actor_id,
                action: r.action,
                subject_type: r.subject_type,
                subject_id: r.subject_id,
                detail: r.detail,
                at: utc(r.at),
            })
            .collect();
        Ok(Page { total, items })
    })
    .await
}
