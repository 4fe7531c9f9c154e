//! Saved searches (*zoekprofielen*) and their alerts: a volunteer saves what they look
//! for (words, kinds of help, villages and a distance) and hears by e-mail of new posts
//! that match, at once or in a weekly digest. Matching uses the search index itself,
//! so an alert and the search page agree; a post withdrawn before the digest goes out
//! is no longer in the index and is left out. Every alert mail has a one-click link to
//! stop it, which works without logging in.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{change, read};
use crate::auth::{Caller, LinkPurpose};
use crate::db::change_log::{self, ChangeLog};
use crate::db::follow_ups;
use crate::db::saved_searches::{self, NewSavedSearch, SavedSearchRow};
use crate::domain::text;
use crate::error::ApiError;
use crate::mail::templates;
use crate::state::AppState;

/// Saved searches per account.
pub const MAX_PER_ACCOUNT: i64 = 10;
/// Posts younger than this are left for the next pass, so the search index (fed from
/// the change log) has them before the alert looks.
pub const SETTLE_SECONDS: i64 = 120;
/// How long an unsubscribe link works.
pub const UNSUBSCRIBE_VALID_DAYS: i64 = 365;

const INSTANT: &str = "instant";
const WEEKLY: &str = "weekly";
const ALERT: &str = "alert";
const DIGEST: &str = "alert_digest";

/// Body of `POST /api/v1/me/saved-searches`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct SavedSearchInput {
    /// Search words (as on the search page).
    #[serde(default)]
    pub q: String,
    /// Kinds of help (category slugs); none: every kind.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Villages (slugs, names or postcodes); none: everywhere.
    #[serde(default)]
    pub places: Vec<String>,
    /// Also this many km around the villages (1–50).
    pub within_km: Option<i32>,
    /// `instant` (a mail per new post) or `weekly` (one digest a week).
    #[serde(default)]
    pub frequency: String,
}

/// A saved search as its owner sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SavedSearchView {
    /// Id.
    pub id: String,
    /// Search words.
    pub q: String,
    /// Category slugs.
    pub categories: Vec<String>,
    /// Place slugs.
    pub places: Vec<String>,
    /// Distance around the places.
    pub within_km: Option<i32>,
    /// `instant` or `weekly`.
    pub frequency: String,
    /// Created.
    pub created_at: DateTime<Utc>,
}

fn slugs(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

impl From<SavedSearchRow> for SavedSearchView {
    fn from(row: SavedSearchRow) -> Self {
        SavedSearchView {
            categories: slugs(&row.categories),
            places: slugs(&row.places),
            id: row.id,
            q: row.query,
            within_km: row.within_km,
            frequency: row.frequency,
            created_at: row.created_at.and_utc(),
        }
    }
}

/// A checked saved search.
struct Checked {
    q: String,
    categories: Vec<String>,
    places: Vec<String>,
    within_km: Option<i32>,
    frequency: &'static str,
}

fn check(state: &AppState, input: SavedSearchInput) -> Result<Checked, ApiError> {
    let mut errors = crate::error::FieldErrors::new();
    let q = text::optional(&input.q, "De zoekwoorden", 200).unwrap_or_else(|e| {
        errors.insert("q".into(), e);
        String::new()
    });
    let reference = &state.reference;
    let categories: BTreeSet<String> = input
        .categories
        .iter()
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    if categories.iter().any(|c| reference.category(c).is_none()) {
        errors.insert("categories".into(), "Onbekende soort hulp.".into());
    }
    let mut places = BTreeSet::new();
    for p in input
        .places
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
    {
        match reference.place_or_message(p) {
            Ok(place) => {
                places.insert(place.slug.clone());
            }
            Err(message) => {
                errors.insert("places".into(), message);
            }
        }
    }
    if let Some(km) = input.within_km {
        if !(1..=50).contains(&km) {
            errors.insert(
                "within_km".into(),
                "Kies een afstand tussen 1 en 50 km.".into(),
            );
        } else if places.is_empty() {
            errors.insert("places".into(), "Kies een dorp om vanaf te zoeken.".into());
        }
    }
    let frequency = match input.frequency.trim() {
        INSTANT => INSTANT,
        WEEKLY => WEEKLY,
        _ => {
            errors.insert(
                "frequency".into(),
                "Kies 'instant' (meteen) of 'weekly' (eens per week).".into(),
            );
            INSTANT
        }
    };
    if errors.is_empty() && q.is_empty() && categories.is_empty() && places.is_empty() {
        errors.insert(
            "q".into(),
            "Kies ten minste een zoekwoord, een soort hulp of een dorp.".into(),
        );
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(Checked {
        q,
        categories: categories.into_iter().collect(),
        places: places.into_iter().collect(),
        within_km: input.within_km,
        frequency,
    })
}

/// Saves a search for the caller.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    input: SavedSearchInput,
) -> Result<SavedSearchView, ApiError> {
    let checked = check(state, input)?;
    let owner = caller.id.clone();
    change(state, move |tx| {
        if saved_searches::count(tx.conn, &owner)? >= MAX_PER_ACCOUNT {
            return Err(ApiError::Conflict(format!(
                "U hebt al {MAX_PER_ACCOUNT} zoekopdrachten bewaard. Verwijder er eerst een."
            )));
        }
        let new = NewSavedSearch {
            account_id: &owner,
            query: &checked.q,
            categories: &checked.categories,
            places: &checked.places,
            within_km: checked.within_km,
            frequency: checked.frequency,
        };
        Ok(saved_searches::create(tx.conn, &new, crate::db::now())?.into())
    })
    .await
}

/// The caller's saved searches.
pub async fn list(state: &AppState, caller: &Caller) -> Result<Vec<SavedSearchView>, ApiError> {
    let owner = caller.id.clone();
    read(state, move |tx| {
        Ok(saved_searches::of_account(tx.conn, &owner)?
            .into_iter()
            .map(SavedSearchView::from)
            .collect())
    })
    .await
}

/// Deletes one of the caller's saved searches (404 for anyone else's).
pub async fn delete(state: &AppState, caller: &Caller, id: String) -> Result<(), ApiError> {
    let owner = caller.id.clone();
    change(state, move |tx| {
        if saved_searches::delete(tx.conn, &id, Some(&owner))? {
            Ok(())
        } else {
            Err(ApiError::not_found())
        }
    })
    .await
}

/// What the unsubscribe page shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Unsubscribed {
    /// What happened, in Dutch.
    pub message: String,
}

/// Body of the unsubscribe route.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct UnsubscribeInput {
    /// The token from the mail's link.
    #[serde(default)]
    pub token: String,
}

/// Stops the alerts of the saved search behind an unsubscribe link (no login).
pub async fn unsubscribe(state: &AppState, token: &str) -> Result<Unsubscribed, ApiError> {
    let id = state
        .link_keys
        .verify(token.trim(), LinkPurpose::Unsubscribe)
        .ok_or_else(|| {
            ApiError::field(
                "token",
                "Deze link is verlopen of klopt niet. U kunt zich ook afmelden onder Mijn overzicht, of het Servicepunt bellen.",
            )
        })?;
    change(state, move |tx| {
        saved_searches::delete(tx.conn, &id, None)?;
        Ok(Unsubscribed {
            message: "U krijgt geen e-mails meer over deze zoekopdracht.".into(),
        })
    })
    .await
}

/// Sends the alerts that are due as of `now`; answers how many mails went out. While
/// this node's search index is behind the change log, nothing moves on: a post it
/// has not indexed yet would otherwise be passed over for good.
pub async fn run_due(state: &AppState, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let until = now.naive_utc() - TimeDelta::seconds(SETTLE_SECONDS);
    let week_ago = until - TimeDelta::days(7);
    let due = read(state, move |tx| {
        let mut due = saved_searches::due(tx.conn, INSTANT, until)?;
        due.extend(saved_searches::due(tx.conn, WEEKLY, week_ago)?);
        Ok(due)
    })
    .await?;
    // Asked after reading the searches: a post published meanwhile is found next time.
    if !index_caught_up(state).await? {
        tracing::info!(
            applied = state.search.applied(),
            "alerts wait for the search index"
        );
        return Ok(0);
    }
    let mut sent = 0;
    for search in due {
        let id = search.id.clone();
        match alert(state, search, until).await {
            Ok(true) => sent += 1,
            Ok(false) => {}
            // One search that fails does not hold up the others; it is tried again.
            Err(e) => tracing::warn!(saved_search = %id, error = %e, "alert failed"),
        }
    }
    Ok(sent)
}

/// Whether the search index holds every change written so far: alerts look there (as
/// the search page does), so they wait for it rather than miss a post.
pub async fn index_caught_up(state: &AppState) -> Result<bool, ApiError> {
    let latest = read(state, |tx| {
        Ok(change_log::latest(tx.conn, ChangeLog::Search)?)
    })
    .await?;
    Ok(state.search.applied() >= latest)
}

/// Looks at the posts published since `search` last looked, up to `until`; mails the
/// matching ones (claimed once each) and moves the search on. The move only happens
/// from where this pass started, so two nodes never move a search back.
async fn alert(
    state: &AppState,
    search: SavedSearchRow,
    until: NaiveDateTime,
) -> Result<bool, ApiError> {
    let (after, owner) = (search.checked_until, search.account_id.clone());
    let new = read(state, move |tx| {
        Ok(saved_searches::published_between(
            tx.conn, after, until, &owner,
        )?)
    })
    .await?;
    let found = matching(state, &search, new).await?;
    let keys = state.link_keys.clone();
    change(state, move |tx| {
        // Deleted meanwhile (unsubscribed), or moved on by another node.
        if !saved_searches::check_from(tx.conn, &search.id, after, until)? {
            return Ok(false);
        }
        let kind = if search.frequency == WEEKLY {
            DIGEST
        } else {
            ALERT
        };
        let mut fresh = Vec::new();
        for post_id in found {
            if follow_ups::claim(tx.conn, kind, &search.id, &post_id, until)?.is_some() {
                fresh.push(post_id);
            }
        }
        let mut posts = Vec::new();
        for id in &fresh {
            if let Some(post) = crate::db::posts::find(tx.conn, id)? {
                let place = tx
                    .reference
                    .place(&post.row.place_slug)
                    .map_or_else(|| post.row.place_slug.clone(), |p| p.name.clone());
                let label = format!("{} ({place})", post.row.title);
                posts.push((label, tx.links.post(post.row.kind.as_str(), id)));
            }
        }
        if posts.is_empty() {
            return Ok(false);
        }
        let expires = (until + TimeDelta::days(UNSUBSCRIBE_VALID_DAYS)).and_utc();
        let token = keys
            .sign(LinkPurpose::Unsubscribe, &search.id, expires)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let description = describe(tx.reference, &search);
        let letter = templates::search_alert(
            &description,
            search.frequency == WEEKLY,
            posts,
            tx.links.page(&format!("/afmelden#{token}")),
        );
        super::notify::to_owner(tx, &search.account_id, &letter)?;
        Ok(true)
    })
    .await
}

/// The new posts (of `ids`) that the search page would show for `search`.
async fn matching(
    state: &AppState,
    search: &SavedSearchRow,
    ids: Vec<String>,
) -> Result<Vec<String>, ApiError> {
    let only: Vec<uuid::Uuid> = ids.iter().filter_map(|id| id.parse().ok()).collect();
    if only.is_empty() {
        return Ok(Vec::new());
    }
    let categories: Vec<Option<String>> = match slugs(&search.categories) {
        c if c.is_empty() => vec![None],
        c => c.into_iter().map(Some).collect(),
    };
    let places: Vec<Option<&crate::reference::Place>> = match slugs(&search.places) {
        p if p.is_empty() => vec![None],
        p => p
            .iter()
            .filter_map(|s| state.reference.place(s))
            .map(Some)
            .collect(),
    };
    let mut queries = Vec::new();
    // A query answers at most MAX_LIMIT hits: ask about the new posts in batches.
    for batch in only.chunks(search::query::MAX_LIMIT) {
        for category in &categories {
            for place in &places {
                let (place, near) = place.map_or((None, None), |p| {
                    p.search_area(search.within_km.map(f64::from))
                });
                queries.push(search::SearchQuery {
                    text: search.query.clone(),
                    category: category.clone(),
                    place,
                    near,
                    only: Some(batch.to_vec()),
                    limit: search::query::MAX_LIMIT,
                    ..Default::default()
                });
            }
        }
    }
    let index = state.search.clone();
    let found = actix_web::web::block(move || {
        let mut found = BTreeSet::new();
        for q in &queries {
            for hit in index.index.search(q)?.hits {
                found.insert(hit.id.to_string());
            }
        }
        Ok::<_, search::SearchError>(found)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(found.into_iter().collect())
}

/// The search in words: "“boodschappen” — Boodschappen — in Beilen (en 10 km rond)".
fn describe(reference: &crate::reference::Reference, s: &SavedSearchRow) -> String {
    let mut parts = Vec::new();
    if !s.query.is_empty() {
        parts.push(format!("\u{201c}{}\u{201d}", s.query));
    }
    let kinds: Vec<String> = slugs(&s.categories)
        .iter()
        .filter_map(|c| reference.category(c).map(|c| c.name_nl.clone()))
        .collect();
    if !kinds.is_empty() {
        parts.push(kinds.join(", "));
    }
    let villages: Vec<String> = slugs(&s.places)
        .iter()
        .filter_map(|p| reference.place(p).map(|p| p.name.clone()))
        .collect();
    if !villages.is_empty() {
        let around = s
            .within_km
            .map(|km| format!(" en {km} km daaromheen"))
            .unwrap_or_default();
        parts.push(format!("in {}{around}", villages.join(", ")));
    }
    parts.join(" — ")
}
