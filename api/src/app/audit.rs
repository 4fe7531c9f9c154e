//! Reading the audit log (coordinators only); entries are written by each use case
//! in its own transaction (see [`super::Tx::audit`]).

use super::read;
use crate::auth::Caller;
use crate::db::audit::{self, AuditRow, Subjects};
use crate::db::candidates;
use crate::domain::{PostKind, Role};
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
        let subjects = audit::subjects(tx.conn, &rows)?;
        let items = rows
            .into_iter()
            .map(|r| {
                let (subject_name, subject_page) = named(&subjects, &r);
                AuditView {
                    actor_name: names
                        .get(&r.actor_id)
                        .map(|(n, _)| n.clone())
                        .unwrap_or_default(),
                    actor_id: r.actor_id,
                    action: r.action,
                    subject_type: r.subject_type,
                    subject_id: r.subject_id,
                    subject_name,
                    subject_page,
                    detail: r.detail,
                    at: utc(r.at),
                }
            })
            .collect();
        Ok(Page { total, items })
    })
    .await
}

/// An entry's subject by name, and the page where the coordinator sees it.
fn named(subjects: &Subjects, row: &AuditRow) -> (String, Option<String>) {
    let id = &row.subject_id;
    match row.subject_type.as_str() {
        "volunteer" => match subjects.accounts.get(id) {
            Some(name) => (name.clone(), Some(format!("/werkbak/vrijwilligers/{id}"))),
            None => (String::new(), None),
        },
        "account" => (subjects.accounts.get(id).cloned().unwrap_or_default(), None),
        "post" => match subjects.posts.get(id) {
            Some((kind, title)) => (title.clone(), Some(post_page(kind, id))),
            None => (String::new(), None),
        },
        "match" => match subjects.matches.get(id) {
            Some((post_id, kind, title, volunteer)) => {
                let page = match PostKind::parse(kind) {
                    Some(PostKind::Request) => post_page(kind, post_id),
                    _ => format!("/koppelingen/{id}"),
                };
                (format!("{volunteer} – {title}"), Some(page))
            }
            None => (String::new(), None),
        },
        "mail" => (subjects.mails.get(id).cloned().unwrap_or_default(), None),
        _ => (String::new(), None),
    }
}

/// A post's page for the coordinator: a request's in the werkbak (with its matches),
/// an offer's or vacancy's public page.
fn post_page(kind: &str, id: &str) -> String {
    match PostKind::parse(kind) {
        Some(PostKind::Request) => format!("/werkbak/hulpvragen/{id}"),
        Some(PostKind::Vacancy) => format!("/vacatures/{id}"),
        _ => format!("/aanbod/{id}"),
    }
}
