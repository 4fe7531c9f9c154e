//! The outbox for the coordinator: which mails went out, which wait, which failed
//! (so someone can phone the person instead, or send it again).

use super::{change, read, Audit};
use crate::auth::Caller;
use crate::db::outbox;
use crate::domain::Role;
use crate::error::ApiError;
use crate::state::AppState;
use crate::views::mail::MailView;
use crate::views::Page;

/// Mails, newest first, maybe only those in `status` (audited: it shows addresses).
pub async fn list(
    state: &AppState,
    caller: &Caller,
    status: Option<String>,
    limit: i64,
    offset: i64,
) -> Result<Page<MailView>, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let caller = caller.clone();
    read(state, move |tx| {
        let (total, rows) = outbox::list(tx.conn, status.as_deref(), limit, offset)?;
        tx.audit(
            &caller,
            Audit::view("mail", "outbox", "verzonden e-mail bekeken"),
        )?;
        let items = rows.into_iter().map(MailView::from).collect();
        Ok(Page { total, items })
    })
    .await
}

/// Sends a failed mail again, from a fresh round of attempts.
pub async fn retry(state: &AppState, caller: &Caller, id: String) -> Result<MailView, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let caller = caller.clone();
    change(state, move |tx| {
        let requeued = outbox::retry(tx.conn, &id)?;
        let row = outbox::get(tx.conn, &id)?.ok_or_else(ApiError::not_found)?;
        if !requeued {
            return Err(ApiError::Conflict(
                "Alleen een mislukte e-mail kan opnieuw worden verstuurd.".into(),
            ));
        }
        tx.mail_requeued();
        let entry = Audit::change("mail", &id, "e-mail opnieuw in de wachtrij gezet");
        tx.audit(&caller, entry)?;
        Ok(MailView::from(row))
    })
    .await
}
