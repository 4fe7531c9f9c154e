//! Suggestions: the matching engine fed from the database. For a request, the best
//! volunteers; for a volunteer, the best open requests and vacancies. The database
//! pre-filters candidates (places within reach, an overlapping slot, VOG when needed);
//! the `matching` crate applies the exact filters and ranks.

use chrono::NaiveDate;
use matching::{
    Candidate, MatchConfig, PostKind as MatchKind, RequestProfile, Schedule as MatchSchedule,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::candidates;
use crate::db::posts::{PostRecord, PostRow};

use crate::db::DbConn;
use crate::domain::post::Schedule;
use crate::domain::PostKind;
use crate::error::ApiError;
use crate::pool::VolunteerPool;
use crate::reference::Reference;
use crate::state::AppState;

/// Farthest anyone may travel (the profile's upper bound), in km.
pub const MAX_TRAVEL_KM: f64 = 50.0;

/// Per-criterion scores in [0, 1].
pub type Breakdown = matching::Breakdown;

/// A volunteer as shown in a suggestion.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestedVolunteer {
    /// Account id.
    pub id: String,
    /// Full name (coordinators only see suggestions).
    pub name: String,
    /// Home place slug.
    pub place: Option<String>,
    /// Whether the volunteer has a VOG that counts today (so the werkbak can filter
    /// on it without asking per volunteer).
    pub vog_valid: bool,
    /// The last day that VOG counts (help that goes on longer needs a new one).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub vog_valid_until: Option<NaiveDate>,
    /// Matches (not declined) made in the last 90 days: the load criterion counts
    /// them, so work is spread over more volunteers.
    pub recent_matches: u32,
}

impl SuggestedVolunteer {
    /// The volunteer `id` with their name, home place and [`Standing`].
    pub fn new(id: String, name: String, place: Option<String>, standing: Standing) -> Self {
        SuggestedVolunteer {
            id,
            name,
            place,
            vog_valid: standing.vog_valid_until.is_some(),
            vog_valid_until: standing.vog_valid_until,
            recent_matches: standing.recent_matches,
        }
    }
}

/// What a suggestion shows of a pooled volunteer beside the score.
#[derive(Debug, Clone, Copy, Default)]
pub struct Standing {
    /// The last day their VOG counts, when it counts today.
    pub vog_valid_until: Option<NaiveDate>,
    /// Matches (not declined) of the recent window.
    pub recent_matches: u32,
}

/// One ranked volunteer for a request.
#[derive(Debug, Serialize, ToSchema)]
pub struct VolunteerSuggestion {
    /// Who.
    pub volunteer: SuggestedVolunteer,
    /// Weighted total in [0, 1].
    pub score: f64,
    /// Scores per criterion.
    #[schema(value_type = Object)]
    pub breakdown: Breakdown,
    /// Short Dutch reasons, e.g. "woont 3,2 km weg".
    pub reasons: Vec<String>,
    /// Distance between the village centres.
    pub distance_km: f64,
}

/// A post as shown in a suggestion.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestedPost {
    /// Post id.
    pub id: String,
    /// `request` or `vacancy`.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Category slug.
    pub category: String,
    /// Place slug.
    pub place: String,
    /// Place name.
    pub place_name: String,
}

/// One ranked post for a volunteer.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostSuggestion {
    /// What.
    pub post: SuggestedPost,
    /// Weighted total in [0, 1].
    pub score: f64,
    /// Scores per criterion.
    #[schema(value_type = Object)]
    pub breakdown: Breakdown,
    /// Short Dutch reasons addressed to the volunteer.
    pub reasons: Vec<String>,
    /// Distance between the village centres.
    pub distance_km: f64,
}

/// `{items: [...]}`, best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct Suggestions<T> {
    /// Best first.
    pub items: Vec<T>,
}

fn match_schedule(row: &PostRow) -> MatchSchedule {
    match row.schedule() {
        Schedule::Once { date, parts } => MatchSchedule::Once { date, parts },
        Schedule::Weekly { slots, .. } => {
            MatchSchedule::Weekly(matching::AvailabilityGrid::from_slots(slots))
        }
        Schedule::Flexible => MatchSchedule::Flexible,
    }
}

/// A stored post as the matcher's request profile (None if its place is unknown).
pub fn request_profile(
    row: &PostRow,
    talents: Vec<String>,
    reference: &Reference,
) -> Option<RequestProfile> {
    let place = reference.place(&row.place_slug)?;
    Some(RequestProfile {
        id: uuid::Uuid::parse_str(&row.id).ok()?,
        kind: if row.kind == PostKind::Vacancy {
            MatchKind::Vacancy
        } else {
            MatchKind::Request
        },
        requester_id: uuid::Uuid::parse_str(&row.author_id).unwrap_or_default(),
        category: row.category_slug.clone(),
        talents,
        location: place.point(),
        schedule: match_schedule(row),
        radius_km: row.radius_km.map(f64::from),
        requires_vog: reference
            .category(&row.category_slug)
            .is_some_and(|c| c.requires_vog),
        languages: Vec::new(),
    })
}

fn locator(reference: &Reference) -> impl Fn(&str) -> Option<matching::GeoPoint> + '_ {
    |slug| reference.place(slug).map(|p| p.point())
}

/// The request's matcher profile and its `limit` best volunteers from the pool, best
/// first (the pool is brought up to date first).
pub fn rank_request(
    conn: &mut DbConn,
    pool: &VolunteerPool,
    reference: &Reference,
    config: &MatchConfig,
    record: &PostRecord,
    limit: usize,
    today: NaiveDate,
) -> Result<(RequestProfile, Vec<Candidate>), ApiError> {
    let request = request_profile(&record.row, record.talents.clone(), reference)
        .ok_or_else(|| ApiError::Internal("post without a known place".into()))?;
    let home = reference
        .place(&record.row.place_slug)
        .ok_or_else(ApiError::not_found)?;
    let reach = request
        .radius_km
        .unwrap_or(MAX_TRAVEL_KM)
        .min(MAX_TRAVEL_KM);
    let places: Vec<&str> = reference
        .places_within(home, reach)
        .into_iter()
        .map(|(p, _)| p.slug.as_str())
        .collect();
    pool.refresh(conn, reference)?;
    let ranked = pool.rank(&request, &places, reference, config, today, limit);
    Ok((request, ranked))
}

fn rank_for_request(
    conn: &mut DbConn,
    pool: &VolunteerPool,
    reference: &Reference,
    config: &MatchConfig,
    post_id: &str,
    limit: usize,
    today: NaiveDate,
) -> Result<Vec<VolunteerSuggestion>, ApiError> {
    let record =
        crate::db::posts::get(conn, PostKind::Request, post_id)?.ok_or_else(ApiError::not_found)?;
    let (_, ranked) = rank_request(conn, pool, reference, config, &record, limit, today)?;
    let ids: Vec<String> = ranked.iter().map(|c| c.volunteer_id.to_string()).collect();
    let mut names = candidates::account_names(conn, &ids)?;
    Ok(ranked
        .into_iter()
        .map(|c| {
            let id = c.volunteer_id.to_string();
            let (name, place) = names.remove(&id).unwrap_or_default();
            let standing = standing(pool, c.volunteer_id, config, today);
            VolunteerSuggestion {
                volunteer: SuggestedVolunteer::new(id, name, place, standing),
                score: c.score,
                breakdown: c.breakdown,
                reasons: c.reasons,
                distance_km: round_km(c.distance_km),
            }
        })
        .collect())
}

/// Until when a pooled volunteer's VOG counts (if it counts today), and their matches
/// of the recent window: what a suggestion shows beside the score (nothing for one
/// not pooled).
pub fn standing(
    pool: &VolunteerPool,
    id: uuid::Uuid,
    config: &MatchConfig,
    today: NaiveDate,
) -> Standing {
    pool.with_profile(id, |v| Standing {
        vog_valid_until: v
            .vog
            .valid_until(config.vog_valid_years)
            .filter(|until| today <= *until),
        recent_matches: v.recent_matches,
    })
    .unwrap_or_default()
}

/// A distance rounded to 0.1 km, as suggestions and search results show it.
pub fn round_km(km: f64) -> f64 {
    (km * 10.0).round() / 10.0
}

/// The best volunteers for a request, best first (404 if there is no such request).
pub async fn for_request(
    state: std::sync::Arc<AppState>,
    post_id: String,
    limit: usize,
) -> Result<Vec<VolunteerSuggestion>, ApiError> {
    let today = crate::domain::today();
    let s = state.clone();
    state
        .db
        .run(move |conn| {
            let config = &s.settings.matching;
            rank_for_request(conn, &s.pool, &s.reference, config, &post_id, limit, today)
        })
        .await
}

fn rank_for_volunteer(
    conn: &mut DbConn,
    reference: &Reference,
    config: &MatchConfig,
    account_id: &str,
    limit: usize,
    today: NaiveDate,
) -> Result<Vec<PostSuggestion>, ApiError> {
    let volunteer =
        candidates::volunteer(conn, account_id, locator(reference))?.ok_or_else(|| {
            ApiError::Conflict(
                "Vul eerst uw vrijwilligersprofiel in (woonplaats, talenten en wanneer u kunt)."
                    .into(),
            )
        })?;
    let home = reference
        .places
        .iter()
        .find(|p| p.point() == volunteer.location)
        .ok_or_else(|| ApiError::Internal("profile place unknown".into()))?;
    let reach = reference.places_within(home, volunteer.max_distance_km);
    let slugs: Vec<&str> = reach.iter().map(|(p, _)| p.slug.as_str()).collect();
    let posts = candidates::open_posts_near(conn, &slugs, volunteer.availability)?;
    let profiles: Vec<RequestProfile> = posts
        .iter()
        .filter_map(|p| request_profile(&p.row, p.talents.clone(), reference))
        .collect();
    let ranked = matching::rank_posts(
        &volunteer,
        &profiles,
        &reference.catalog,
        config,
        today,
        limit,
    );
    Ok(ranked
        .into_iter()
        .filter_map(|c| {
            let id = c.post_id.to_string();
            let row = &posts.iter().find(|p| p.row.id == id)?.row;
            Some(PostSuggestion {
                post: SuggestedPost {
                    id,
                    kind: row.kind.as_str().to_owned(),
                    title: row.title.clone(),
                    category: row.category_slug.clone(),
                    place: row.place_slug.clone(),
                    place_name: reference
                        .place(&row.place_slug)
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                },
                score: c.score,
                breakdown: c.breakdown,
                reasons: c.reasons,
                distance_km: round_km(c.distance_km),
            })
        })
        .collect())
}

/// The best open requests and vacancies for a volunteer (409 without a profile).
pub async fn for_volunteer(
    state: std::sync::Arc<AppState>,
    account_id: String,
    limit: usize,
) -> Result<Vec<PostSuggestion>, ApiError> {
    let today = crate::domain::today();
    let s = state.clone();
    state
        .db
        .run(move |conn| {
            let config = &s.settings.matching;
            rank_for_volunteer(conn, &s.reference, config, &account_id, limit, today)
        })
        .await
}
