//! Loading matching inputs from the database. The SQL pre-filter keeps far-away and
//! unavailable volunteers (and posts) out of the result, so the work per suggestion
//! grows with the plausible candidates, not with everyone registered.

use std::collections::{HashMap, HashSet};

use diesel::dsl::count_star;
use diesel::expression::BoxableExpression;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Integer};
use matching::{AvailabilityGrid, GeoPoint, Vog, VogStatus, VolunteerProfile};
use uuid::Uuid;

use super::schema::{
    accounts, matches, post_talents, posts, volunteer_profiles, volunteer_talents,
};
use super::volunteers::{parse_list, ProfileRow};
use super::DbConn;

type Backend = <DbConn as diesel::Connection>::Backend;

diesel::infix_operator!(BitAnd, " & ", Integer);

/// Match statuses that take up a volunteer's capacity.
pub const ACTIVE_STATUSES: &[&str] = &["introduced", "active"];

/// A place near a request, with its distance in km.
pub struct Nearby<'a> {
    /// Place slug.
    pub slug: &'a str,
    /// Distance between the place centres.
    pub km: f64,
}

type ProfileCondition =
    Box<dyn BoxableExpression<volunteer_profiles::table, Backend, SqlType = Bool>>;

/// Lives in one of the nearby places and travels at least that far.
fn reaches(nearby: &[Nearby<'_>]) -> ProfileCondition {
    nearby.iter().fold(
        Box::new(false.into_sql::<Bool>()),
        |acc: ProfileCondition, n| {
            let km = n.km.ceil() as i32;
            Box::new(
                acc.or(volunteer_profiles::place_slug
                    .assume_not_null()
                    .eq(n.slug.to_owned())
                    .and(volunteer_profiles::max_distance_km.ge(km))),
            )
        },
    )
}

fn candidate_filter(
    nearby: &[Nearby<'_>],
    wanted: AvailabilityGrid,
    requires_vog: bool,
) -> ProfileCondition {
    let available = BitAnd::new(
        volunteer_profiles::availability_mask,
        (wanted.0 as i32).into_sql::<Integer>(),
    )
    .ne(0);
    let mut cond: ProfileCondition = Box::new(
        reaches(nearby)
            .and(available)
            .and(volunteer_profiles::max_active_matches.gt(0)),
    );
    if requires_vog {
        cond = Box::new(cond.and(volunteer_profiles::vog_status.eq("valid")));
    }
    cond
}

fn uuid(text: &str) -> Uuid {
    // Ids are written by us as UUIDs; a foreign value sorts as nil rather than failing.
    Uuid::parse_str(text).unwrap_or_default()
}

/// What the matcher needs about one request besides the volunteers.
pub struct VolunteerQuery<'a> {
    /// Places within reach of the request, with distances.
    pub nearby: &'a [Nearby<'a>],
    /// Slots the request wants.
    pub wanted: AvailabilityGrid,
    /// Whether a VOG is required.
    pub requires_vog: bool,
    /// The post, to exclude volunteers who declined it.
    pub post_id: &'a str,
}

/// Volunteers who could help with a request, as matching profiles.
pub fn volunteers_for(
    conn: &mut DbConn,
    q: &VolunteerQuery<'_>,
    locate: impl Fn(&str) -> Option<GeoPoint>,
) -> QueryResult<Vec<VolunteerProfile>> {
    let live_accounts = accounts::table
        .filter(accounts::deleted_at.is_null())
        .select(accounts::id);
    let rows: Vec<ProfileRow> = volunteer_profiles::table
        .filter(candidate_filter(q.nearby, q.wanted, q.requires_vog))
        .filter(volunteer_profiles::account_id.eq_any(live_accounts))
        .select(ProfileRow::as_select())
        .load(conn)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.account_id.as_str()).collect();
    let mut talents: HashMap<String, Vec<String>> = HashMap::new();
    // Chunked: bind-parameter limits differ per engine.
    for chunk in ids.chunks(1000) {
        for (id, slug) in volunteer_talents::table
            .filter(volunteer_talents::account_id.eq_any(chunk))
            .select((
                volunteer_talents::account_id,
                volunteer_talents::talent_slug,
            ))
            .load::<(String, String)>(conn)?
        {
            talents.entry(id).or_default().push(slug);
        }
    }
    let load = active_matches(conn)?;
    let experience = past_matches(conn)?;
    let declined: HashSet<String> = matches::table
        .filter(matches::post_id.eq(q.post_id))
        .filter(matches::status.eq("declined"))
        .select(matches::volunteer_id)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let post = uuid(q.post_id);
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let location = locate(row.place_slug.as_deref()?)?;
            let id = row.account_id.clone();
            let mut profile = profile(row, talents.remove(&id).unwrap_or_default(), location);
            profile.active_matches = load.get(&id).copied().unwrap_or(0);
            profile.past_matches = experience.get(&id).cloned().unwrap_or_default();
            if declined.contains(&id) {
                profile.declined.insert(post);
            }
            Some(profile)
        })
        .collect())
}

fn profile(row: ProfileRow, talents: Vec<String>, location: GeoPoint) -> VolunteerProfile {
    let vog_status = match row.vog_status.as_str() {
        "valid" => VogStatus::Valid,
        "requested" => VogStatus::Requested,
        _ => VogStatus::None,
    };
    VolunteerProfile {
        id: uuid(&row.account_id),
        talents,
        interests: parse_list(&row.interests),
        availability: AvailabilityGrid(row.availability_mask as u32),
        location,
        max_distance_km: f64::from(row.max_distance_km),
        active_matches: 0,
        max_active_matches: row.max_active_matches.max(0) as u32,
        vog: Vog {
            status: vog_status,
            issued_on: row.vog_issued_on,
        },
        languages: parse_list(&row.languages),
        past_matches: HashMap::new(),
        declined: HashSet::new(),
    }
}

/// Active matches per volunteer.
fn active_matches(conn: &mut DbConn) -> QueryResult<HashMap<String, u32>> {
    Ok(matches::table
        .filter(matches::status.eq_any(ACTIVE_STATUSES))
        .group_by(matches::volunteer_id)
        .select((matches::volunteer_id, count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .map(|(id, n)| (id, n as u32))
        .collect())
}

/// Active or finished matches per volunteer and category.
fn past_matches(conn: &mut DbConn) -> QueryResult<HashMap<String, HashMap<String, u32>>> {
    let mut out: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for (volunteer, category, n) in matches::table
        .inner_join(posts::table)
        .filter(matches::status.eq_any(["active", "ended"]))
        .group_by((matches::volunteer_id, posts::category_slug))
        .select((matches::volunteer_id, posts::category_slug, count_star()))
        .load::<(String, String, i64)>(conn)?
    {
        out.entry(volunteer).or_default().insert(category, n as u32);
    }
    Ok(out)
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
    profile.active_matches = matches::table
        .filter(matches::volunteer_id.eq(account_id))
        .filter(matches::status.eq_any(ACTIVE_STATUSES))
        .count()
        .get_result::<i64>(conn)? as u32;
    profile.past_matches = past_matches(conn)?.remove(account_id).unwrap_or_default();
    profile.declined = matches::table
        .filter(matches::volunteer_id.eq(account_id))
        .filter(matches::status.eq("declined"))
        .select(matches::post_id)
        .load::<String>(conn)?
        .iter()
        .map(|id| uuid(id))
        .collect();
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
        .filter(posts::status.eq("open"))
        .filter(posts::kind.eq_any(["request", "vacancy"]))
        .filter(posts::place_slug.eq_any(places))
        .filter(fits)
        .select(super::posts::PostRow::as_select())
        .load(conn)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut talents: HashMap<String, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(1000) {
        for (post, slug) in post_talents::table
            .filter(post_talents::post_id.eq_any(chunk))
            .select((post_talents::post_id, post_talents::talent_slug))
            .load::<(String, String)>(conn)?
        {
            talents.entry(post).or_default().push(slug);
        }
    }
    Ok(rows
        .into_iter()
        .map(|row| OpenPost {
            talents: talents.remove(&row.id).unwrap_or_default(),
            row,
        })
        .collect())
}

/// Names and places of volunteers, for showing suggestions.
pub fn volunteer_names(
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
