//! Reading the audit log (coordinators only); entries are written by each use case
//! in its own transaction (see [`super::Tx::audit`]).

use super::read;
use crate::auth::Caller;
use crate::db::audit;
use crate::db::candidates;
use crate::domain::Role;
use crate::error::ApiError;
use crate::state::AppState;
use crate::views::audit::AuditView;
use crate::views::{utc, Page};

pub use crate::db::audit::AuditFilter;

/// Entries, newest first, maybe only those about one subject or by one person; each
/// with the name of who did it.
pub async fn list(
    state: &AppState,
    caller: &Caller,
    filter: AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<Page<AuditView>, ApiError> {
    caller.require(&[Role::Coordinator])?;
    read(state, move |tx| {
        let (total, rows) = audit::list(tx.conn, &filter, limit, offset)?;
        let mut actors: Vec<String> = rows.iter().map(|r| r.actor_id.clone()).collect();
        actors.sort();
        actors.dedup();
        let names = candidates::account_names(tx.conn, &actors)?;
        let items = rows
            .into_iter()
            .map(|r| AuditView {
                actor_name: names
                    .get(&r.actor_id)
                    .map(|(n, _)| n.clone())
                    .unwrap_or_default(),
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
