//! Saved searches (*zoekprofielen*) as stored, and the posts published since one last
//! looked. Categories and places are kept as space-separated slugs.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{posts, saved_searches};
use super::{new_id, DbConn};

/// One saved search.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = saved_searches)]
pub struct SavedSearchRow {
    /// Id.
    pub id: String,
    /// Whose.
    pub account_id: String,
    /// Search words (may be empty).
    pub query: String,
    /// Category slugs, space-separated (empty: every kind of help).
    pub categories: String,
    /// Place slugs, space-separated (empty: everywhere).
    pub places: String,
    /// Distance around the places, km.
    pub within_km: Option<i32>,
    /// `instant` or `weekly`.
    pub frequency: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Posts published up to here have been looked at for this search.
    pub checked_until: NaiveDateTime,
}

/// What a new saved search holds (checked).
#[derive(Debug, Clone)]
pub struct NewSavedSearch<'a> {
    /// Whose.
    pub account_id: &'a str,
    /// Search words.
    pub query: &'a str,
    /// Category slugs.
    pub categories: &'a [String],
    /// Place slugs.
    pub places: &'a [String],
    /// Distance around the places.
    pub within_km: Option<i32>,
    /// `instant` or `weekly`.
    pub frequency: &'a str,
}

/// Stores a saved search; it looks at posts published from `at` on.
pub fn create(
    conn: &mut DbConn,
    new: &NewSavedSearch<'_>,
    at: NaiveDateTime,
) -> QueryResult<SavedSearchRow> {
    let id = new_id();
    diesel::insert_into(saved_searches::table)
        .values((
            saved_searches::id.eq(&id),
            saved_searches::account_id.eq(new.account_id),
            saved_searches::query.eq(new.query),
            saved_searches::categories.eq(new.categories.join(" ")),
            saved_searches::places.eq(new.places.join(" ")),
            saved_searches::within_km.eq(new.within_km),
            saved_searches::frequency.eq(new.frequency),
            saved_searches::created_at.eq(at),
            saved_searches::checked_until.eq(at),
        ))
        .execute(conn)?;
    saved_searches::table
        .find(&id)
        .select(SavedSearchRow::as_select())
        .first(conn)
}

/// An account's saved searches, oldest first.
pub fn of_account(conn: &mut DbConn, account_id: &str) -> QueryResult<Vec<SavedSearchRow>> {
    saved_searches::table
        .filter(saved_searches::account_id.eq(account_id))
        .order(saved_searches::created_at)
        .select(SavedSearchRow::as_select())
        .load(conn)
}

/// Deletes a saved search (of `account_id`, when given); whether there was one.
pub fn delete(conn: &mut DbConn, id: &str, account_id: Option<&str>) -> QueryResult<bool> {
    let rows = match account_id {
        Some(owner) => diesel::delete(
            saved_searches::table
                .filter(saved_searches::id.eq(id))
                .filter(saved_searches::account_id.eq(owner)),
        )
        .execute(conn)?,
        None => diesel::delete(saved_searches::table.find(id)).execute(conn)?,
    };
    Ok(rows > 0)
}

/// Saved searches of `frequency` that last looked before `before`.
pub fn due(
    conn: &mut DbConn,
    frequency: &str,
    before: NaiveDateTime,
) -> QueryResult<Vec<SavedSearchRow>> {
    saved_searches::table
        .filter(saved_searches::frequency.eq(frequency))
        .filter(saved_searches::checked_until.lt(before))
        .select(SavedSearchRow::as_select())
        .load(conn)
}

/// Notes that a saved search has looked at everything published up to `until`, if it
/// still exists and still stands at `from` (so a slower node never moves it back):
/// whether it moved.
pub fn check_from(
    conn: &mut DbConn,
    id: &str,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<bool> {
    let moved = diesel::update(
        saved_searches::table
            .filter(saved_searches::id.eq(id))
            .filter(saved_searches::checked_until.eq(from)),
    )
    .set(saved_searches::checked_until.eq(until))
    .execute(conn)?;
    Ok(moved == 1)
}

/// Open posts published in `(after, until]` that `author` did not write: ids.
pub fn published_between(
    conn: &mut DbConn,
    after: NaiveDateTime,
    until: NaiveDateTime,
    author: &str,
) -> QueryResult<Vec<String>> {
    posts::table
        .filter(posts::published_at.gt(after))
        .filter(posts::published_at.le(until))
        .filter(posts::status.eq(crate::domain::PostStatus::Open.as_str()))
        .filter(posts::author_id.ne(author))
        .select(posts::id)
        .load(conn)
}

/// How many saved searches an account has.
pub fn count(conn: &mut DbConn, account_id: &str) -> QueryResult<i64> {
    saved_searches::table
        .filter(saved_searches::account_id.eq(account_id))
        .count()
        .get_result(conn)
}
