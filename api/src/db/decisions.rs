//! Suggestion decisions as stored: for each match the coordinator proposed, where the
//! chosen volunteer stood in the suggestions at that moment. `app::decisions` records
//! them and turns them into figures; `noaber tune-weights` re-ranks them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::match_decisions;
use super::DbConn;

/// One decision to store (in the transaction that creates the match).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = match_decisions)]
pub struct NewDecision<'a> {
    /// The match the coordinator proposed.
    pub match_id: &'a str,
    /// The request.
    pub post_id: &'a str,
    /// The request's category slug.
    pub category_slug: &'a str,
    /// The volunteer chosen.
    pub volunteer_id: &'a str,
    /// The coordinator.
    pub decided_by: &'a str,
    /// When.
    pub decided_at: NaiveDateTime,
    /// 1-based position of the chosen volunteer, None when not among the ranked.
    pub rank: Option<i32>,
    /// How many volunteers were ranked (at most the ranking's limit).
    pub ranked: i32,
    /// The chosen volunteer's total score, when they passed every hard filter.
    pub score: Option<f64>,
    /// JSON list of the volunteers shown down to the chosen one, with their scores.
    pub shown: &'a str,
}

/// Stores a decision.
pub fn insert(conn: &mut DbConn, decision: &NewDecision<'_>) -> QueryResult<()> {
    diesel::insert_into(match_decisions::table)
        .values(decision)
        .execute(conn)
        .map(drop)
}

/// A stored decision as the figures need it.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = match_decisions)]
pub struct DecisionFacts {
    /// When.
    pub decided_at: NaiveDateTime,
    /// The request's category slug.
    pub category_slug: String,
    /// 1-based position of the chosen volunteer, None when not among the ranked.
    pub rank: Option<i32>,
}

/// Decisions taken in `[from, until)`, oldest first.
pub fn facts_between(
    conn: &mut DbConn,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<Vec<DecisionFacts>> {
    match_decisions::table
        .filter(match_decisions::decided_at.ge(from))
        .filter(match_decisions::decided_at.lt(until))
        .order((match_decisions::decided_at, match_decisions::match_id))
        .select(DecisionFacts::as_select())
        .load(conn)
}

/// The stored lists (JSON) with the chosen volunteer, of decisions taken at or after
/// `since` (all when None), oldest first.
pub fn shown_since(
    conn: &mut DbConn,
    since: Option<NaiveDateTime>,
) -> QueryResult<Vec<(String, String)>> {
    let mut query = match_decisions::table
        .order((match_decisions::decided_at, match_decisions::match_id))
        .select((match_decisions::volunteer_id, match_decisions::shown))
        .into_boxed();
    if let Some(since) = since {
        query = query.filter(match_decisions::decided_at.ge(since));
    }
    query.load(conn)
}
