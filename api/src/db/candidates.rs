//! Loading matching inputs from the database. The SQL pre-filter keeps far-away and
//! unavailable volunteers (and posts) out of the result, so the work per suggestion
//! grows with the plausible candidates, not with everyone registered.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;
use diesel::sql_types::Integer;
use matching::{AvailabilityGrid, GeoPoint, VolunteerProfile};
use uuid::Uuid;

use super::schema::{accounts, matches, posts, volunteer_profiles, volunteer_talents};
use super::volunteers::{parse_list, ProfileRow};
use super::DbConn;
use crate::domain::match_flow::MatchStatus;
use crate::domain::{PostKind, PostStatus, Role};

type Backend = <DbConn as diesel::Connection>::Backend;

diesel::infix_operator!(BitAnd, " & ", Integer);

/// Match statuses that take up a volunteer's capacity.
pub const ACTIVE_STATUSES: &[&str] = &[
    MatchStatus::Introduced.as_str(),
    MatchStatus::Active.as_str(),
];

fn uuid(text: &str) -> Uuid {
    // Ids are written by us as UUIDs; a foreign value maps to nil rather than failing.
    Uuid::parse_str(text).unwrap_or_default()
}

/// Live volunteers' profiles with their home place: all of them, or only `ids`.
/// Profiles without a known place are left out.
pub fn volunteer_profiles(
    conn: &mut DbConn,
    ids: Option<&[String]>,
    locate: impl Fn(&str) -> Option<GeoPoint>,
) -> QueryResult<Vec<(String, VolunteerProfile)>> {
    let mut out = Vec::new();
    let chunks: Vec<Option<&[String]>> = match ids {
        // Chunked: engines limit bind parameters.
        Some(ids) => ids.chunks(1000).map(Some).collect(),
        None => vec![None],
    };
    for chunk in chunks {
        // Only accounts that are volunteers now: a profile stays when a coordinator
        // gives its account another role, but matching no longer offers them.
        let live_accounts = accounts::table
            .filter(accounts::deleted_at.is_null())
            .filter(accounts::role.eq(Role::Volunteer.as_str()))
            .select(accounts::id);
        let mut query = volunteer_profiles::table
            .filter(volunteer_profiles::account_id.eq_any(live_accounts))
            .select(ProfileRow::as_select())
            .into_boxed::<Backend>();
        let mut talent_query = volunteer_talents::table
            .select((
                volunteer_talents::account_id,
                volunteer_talents::talent_slug,
            ))
            .into_boxed::<Backend>();
        if let Some(ids) = chunk {
            query = query.filter(volunteer_profiles::account_id.eq_any(ids.to_vec()));
            talent_query = talent_query.filter(volunteer_talents::account_id.eq_any(ids.to_vec()));
        }
        let rows: Vec<ProfileRow> = query.load(conn)?;
        let mut talents: HashMap<String, Vec<String>> = HashMap::new();
        for (id, slug) in talent_query.load::<(String, String)>(conn)? {
            talents.entry(id).or_default().push(slug);
        }
        out.extend(rows.into_iter().filter_map(|row| {
            let place = row.place_slug.clone()?;
            let location = locate(&place)?;
            let own = talents.remove(&row.account_id).unwrap_or_default();
            Some((place, profile(row, own, location)))
        }));
    }
    Ok(out)
}

/// What matches say about volunteers: load, experience, declined posts.
#[derive(Debug, Default)]
pub struct MatchFacts {
    /// Active matches per volunteer.
    pub active: HashMap<Uuid, u32>,
    /// Active or finished matches per volunteer and category.
    pub past: HashMap<Uuid, HashMap<String, u32>>,
    /// Posts each volunteer declined.
    pub declined: HashMap<Uuid, HashSet<Uuid>>,
    /// Matches (not declined) made since the `recent_since` given to [`match_facts`].
    pub recent: HashMap<Uuid, u32>,
}

/// The start of the recent window ending at `now`: matches since then count in the
/// load criterion, so work is spread over volunteers asked less often lately.
pub fn recent_since(now: NaiveDateTime) -> NaiveDateTime {
    now - chrono::TimeDelta::days(i64::from(matching::RECENT_MATCH_WINDOW_DAYS))
}

/// Matches (not declined) made since `since` per volunteer with any, of `ids` only
/// when given.
pub fn recent_match_counts(
    conn: &mut DbConn,
    ids: Option<&[String]>,
    since: NaiveDateTime,
) -> QueryResult<HashMap<String, u32>> {
    let mut query = matches::table
        .filter(matches::status.ne(MatchStatus::Declined.as_str()))
        .filter(matches::created_at.ge(since))
        .group_by(matches::volunteer_id)
        .select((matches::volunteer_id, count_star()))
        .into_boxed::<Backend>();
    if let Some(ids) = ids {
        query = query.filter(matches::volunteer_id.eq_any(ids.to_vec()));
    }
    Ok(query
        .load::<(String, i64)>(conn)?
        .into_iter()
        .map(|(id, n)| (id, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect())
}

/// Reads the match facts of the volunteers `of` (every volunteer with matches when
/// None); `recent_since` starts the window of [`MatchFacts::recent`].
pub fn match_facts(
    conn: &mut DbConn,
    recent_since: NaiveDateTime,
    of: Option<&[String]>,
) -> QueryResult<MatchFacts> {
    let mut facts = MatchFacts {
        recent: recent_match_counts(conn, of, recent_since)?
            .into_iter()
            .map(|(id, n)| (uuid(&id), n))
            .collect(),
        ..MatchFacts::default()
    };
    // Only the volunteers asked for, when there is a list.
    let only = |ids: Vec<String>| matches::volunteer_id.eq_any(ids);
    let mut active = matches::table
        .filter(matches::status.eq_any(ACTIVE_STATUSES))
        .group_by(matches::volunteer_id)
        .select((matches::volunteer_id, count_star()))
        .into_boxed::<Backend>();
    let mut past = matches::table
        .inner_join(posts::table)
        .filter(matches::status.eq_any([MatchStatus::Active.as_str(), MatchStatus::Ended.as_str()]))
        .group_by((matches::volunteer_id, posts::category_slug))
        .select((matches::volunteer_id, posts::category_slug, count_star()))
        .into_boxed::<Backend>();
    let mut declined = matches::table
        .filter(matches::status.eq(MatchStatus::Declined.as_str()))
        .select((matches::volunteer_id, matches::post_id))
        .into_boxed::<Backend>();
    if let Some(ids) = of {
        active = active.filter(only(ids.to_vec()));
        past = past.filter(only(ids.to_vec()));
        declined = declined.filter(only(ids.to_vec()));
    }
    for (id, n) in active.load::<(String, i64)>(conn)? {
        facts.active.insert(uuid(&id), n as u32);
    }
    for (id, category, n) in past.load::<(String, String, i64)>(conn)? {
        facts
            .past
            .entry(uuid(&id))
            .or_default()
            .insert(category, n as u32);
    }
    for (id, post) in declined.load::<(String, String)>(conn)? {
        facts
            .declined
            .entry(uuid(&id))
            .or_default()
            .insert(uuid(&post));
    }
    Ok(facts)
}

fn profile(row: ProfileRow, talents: Vec<String>, location: GeoPoint) -> VolunteerProfile {
    let vog = row.vog();
    VolunteerProfile {
        id: uuid(&row.account_id),
        talents,
        interests: parse_list(&row.interests),
        availability: AvailabilityGrid(row.availability_mask as u32),
        location,
        max_distance_km: f64::from(row.max_distance_km),
        active_matches: 0,
        recent_matches: 0,
        max_active_matches: row.max_active_matches.max(0) as u32,
        vog,
        languages: parse_list(&row.languages),
        past_matches: HashMap::new(),
        declined: HashSet::new(),
    }
}

/// One volunteer as a matching profile (with load, experience and declined posts).
pub fn volunteer(
    conn: &mut DbConn,
    account_id: &str,
    locate: impl Fn(&str) -> Option<GeoPoint>,
) -> QueryResult<Option<VolunteerProfile>> {
    let Some(found) = super::volunteers::find(conn, account_id)? else {
        return Ok(None);
    };
    let Some(location) = found.row.place_slug.as_deref().and_then(&locate) else {
        return Ok(None);
    };
    let mut profile = profile(found.row, found.talents, location);
    let one = [profile.id.to_string()];
    let mut facts = match_facts(conn, recent_since(super::now()), Some(&one))?;
    profile.active_matches = facts.active.remove(&profile.id).unwrap_or(0);
    profile.recent_matches = facts.recent.remove(&profile.id).unwrap_or(0);
    profile.past_matches = facts.past.remove(&profile.id).unwrap_or_default();
    profile.declined = facts.declined.remove(&profile.id).unwrap_or_default();
    Ok(Some(profile))
}

/// An open post a volunteer could respond to.
pub struct OpenPost {
    /// The row.
    pub row: super::posts::PostRow,
    /// Talent slugs.
    pub talents: Vec<String>,
}

/// Open requests and vacancies in one of `places` that want a slot in `available`.
pub fn open_posts_near(
    conn: &mut DbConn,
    places: &[&str],
    available: AvailabilityGrid,
) -> QueryResult<Vec<OpenPost>> {
    let fits = BitAnd::new(
        posts::schedule_mask,
        (available.0 as i32).into_sql::<Integer>(),
    )
    .ne(0);
    let rows: Vec<super::posts::PostRow> = posts::table
        .filter(posts::status.eq(PostStatus::Open.as_str()))
        .filter(posts::kind.eq_any([PostKind::Request.as_str(), PostKind::Vacancy.as_str()]))
        .filter(posts::place_slug.eq_any(places))
        .filter(fits)
        .select(super::posts::PostRow::as_select())
        .load(conn)?;
    with_talents(conn, rows)
}

/// Open requests nobody is working on yet (no match suggested, responded, introduced
/// or active), optionally of one category and in one place: what a weekly plan
/// pairs with volunteers.
pub fn unhandled_requests(
    conn: &mut DbConn,
    category: Option<&str>,
    place: Option<&str>,
) -> QueryResult<Vec<OpenPost>> {
    let live = [
        MatchStatus::Suggested.as_str(),
        MatchStatus::Responded.as_str(),
        MatchStatus::Introduced.as_str(),
        MatchStatus::Active.as_str(),
    ];
    let handled = matches::table
        .filter(matches::status.eq_any(live))
        .select(matches::post_id);
    let mut query = posts::table
        .filter(posts::status.eq(PostStatus::Open.as_str()))
        .filter(posts::kind.eq(PostKind::Request.as_str()))
        .filter(posts::id.ne_all(handled))
        .order((posts::published_at, posts::id))
        .select(super::posts::PostRow::as_select())
        .into_boxed::<Backend>();
    if let Some(category) = category {
        query = query.filter(posts::category_slug.eq(category.to_owned()));
    }
    if let Some(place) = place {
        query = query.filter(posts::place_slug.eq(place.to_owned()));
    }
    let rows = query.load(conn)?;
    with_talents(conn, rows)
}

fn with_talents(conn: &mut DbConn, rows: Vec<super::posts::PostRow>) -> QueryResult<Vec<OpenPost>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut talents = super::posts::talents_of(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|row| OpenPost {
            talents: talents.remove(&row.id).unwrap_or_default(),
            row,
        })
        .collect())
}

/// Names of accounts, with the home place for volunteers (suggestions, message senders).
pub fn account_names(
    conn: &mut DbConn,
    ids: &[String],
) -> QueryResult<HashMap<String, (String, Option<String>)>> {
    Ok(accounts::table
        .left_join(volunteer_profiles::table)
        .filter(accounts::id.eq_any(ids))
        .select((
            accounts::id,
            accounts::name,
            volunteer_profiles::place_slug.nullable(),
        ))
        .load::<(String, String, Option<String>)>(conn)?
        .into_iter()
        .map(|(id, name, place)| (id, (name, place)))
        .collect())
}
