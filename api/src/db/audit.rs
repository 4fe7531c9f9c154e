//! The audit log: every coordinator view of personal data and every coordinator change.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{accounts, audit_log, matches, outbox, posts};
use super::{new_id, now, DbConn};

type Backend = <DbConn as diesel::Connection>::Backend;

/// One audit entry.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    /// Id.
    pub id: String,
    /// Who.
    pub actor_id: String,
    /// `view` or `change`.
    pub action: String,
    /// `account`, `volunteer`, `volunteers`, `post`, `match`, `mail`.
    pub subject_type: String,
    /// Which.
    pub subject_id: String,
    /// What, in a few words.
    pub detail: String,
    /// When.
    pub at: NaiveDateTime,
}

/// What to write.
pub struct Entry<'a> {
    /// Who.
    pub actor_id: &'a str,
    /// `view` or `change`.
    pub action: &'a str,
    /// Kind of subject.
    pub subject_type: &'a str,
    /// Which.
    pub subject_id: &'a str,
    /// What.
    pub detail: &'a str,
}

/// Writes an entry.
pub fn record(conn: &mut DbConn, entry: &Entry<'_>) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(new_id()),
            audit_log::actor_id.eq(entry.actor_id),
            audit_log::action.eq(entry.action),
            audit_log::subject_type.eq(entry.subject_type),
            audit_log::subject_id.eq(entry.subject_id),
            audit_log::detail.eq(entry.detail),
            audit_log::at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only about this subject.
    pub subject_id: Option<String>,
    /// Only by this account.
    pub actor_id: Option<String>,
}

/// Entries, newest first, optionally about one subject or by one person; with the total.
pub fn list(
    conn: &mut DbConn,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> QueryResult<(i64, Vec<AuditRow>)> {
    let filtered = || {
        let mut q = audit_log::table.into_boxed::<Backend>();
        if let Some(s) = &filter.subject_id {
            q = q.filter(audit_log::subject_id.eq(s.clone()));
        }
        if let Some(a) = &filter.actor_id {
            q = q.filter(audit_log::actor_id.eq(a.clone()));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .select(AuditRow::as_select())
        .order((audit_log::at.desc(), audit_log::id))
        .limit(limit)
        .offset(offset)
        .load(conn)?;
    Ok((total, rows))
}

/// What the entries are about, by name, so the log reads as a list of people and
/// posts rather than ids. Subjects that are gone are left out.
#[derive(Debug, Default)]
pub struct Subjects {
    /// Account id → name (accounts and volunteers).
    pub accounts: HashMap<String, String>,
    /// Post id → (kind, title).
    pub posts: HashMap<String, (String, String)>,
    /// Match id → (post id, post kind, post title, volunteer's name).
    pub matches: HashMap<String, (String, String, String, String)>,
    /// Mail id → subject line.
    pub mails: HashMap<String, String>,
}

/// The subjects of `rows`, one query per kind of subject.
pub fn subjects(conn: &mut DbConn, rows: &[AuditRow]) -> QueryResult<Subjects> {
    let ids = |types: &[&str]| -> Vec<&str> {
        rows.iter()
            .filter(|r| types.contains(&r.subject_type.as_str()))
            .map(|r| r.subject_id.as_str())
            .collect()
    };
    let accounts = accounts::table
        .filter(accounts::id.eq_any(ids(&["account", "volunteer"])))
        .select((accounts::id, accounts::name))
        .load::<(String, String)>(conn)?;
    let posts = posts::table
        .filter(posts::id.eq_any(ids(&["post"])))
        .select((posts::id, (posts::kind, posts::title)))
        .load::<(String, (String, String))>(conn)?;
    let matches = matches::table
        .inner_join(posts::table)
        .inner_join(accounts::table.on(accounts::id.eq(matches::volunteer_id)))
        .filter(matches::id.eq_any(ids(&["match"])))
        .select((
            matches::id,
            (posts::id, posts::kind, posts::title, accounts::name),
        ))
        .load::<(String, (String, String, String, String))>(conn)?;
    let mails = outbox::table
        .filter(outbox::id.eq_any(ids(&["mail"])))
        .select((outbox::id, outbox::subject))
        .load::<(String, String)>(conn)?;
    Ok(Subjects {
        accounts: accounts.into_iter().collect(),
        posts: posts.into_iter().collect(),
        matches: matches.into_iter().collect(),
        mails: mails.into_iter().collect(),
    })
}
