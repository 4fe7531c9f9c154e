//! Public full-text search over open requests, offers and vacancies.

use std::collections::BTreeMap;

use actix_web::{get, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::extract::MaybeCaller;
use super::{category_param, place_param};
use crate::app::suggestions::round_km;
use crate::domain::{PostKind, Role};
use crate::error::ApiError;
use crate::routes::input::Query;
use crate::state::AppState;

/// Query string of `GET /api/v1/search`.
#[derive(Debug, Deserialize, IntoParams)]
pub struct SearchParams {
    /// Free text in Dutch, e.g. "iemand die mijn hond uitlaat".
    pub q: Option<String>,
    /// `request`, `offer` or `vacancy` (plural accepted).
    pub kind: Option<String>,
    /// Category slug.
    pub category: Option<String>,
    /// Place slug, name or postcode; with `within_km` the centre of a distance filter.
    pub place: Option<String>,
    /// Distance from `place` in km (1–50).
    pub within_km: Option<f64>,
    /// How often: `weekly` (every week), `once` (one date) or `flexible` (by
    /// arrangement).
    pub frequency: Option<String>,
    /// Page size (default 20, at most 100).
    pub limit: Option<usize>,
    /// Offset (at most 10,000).
    pub offset: Option<usize>,
}

/// One search result (public fields only).
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchItem {
    /// `request`, `offer` or `vacancy`.
    pub kind: String,
    /// Post id.
    pub id: String,
    /// Title.
    pub title: String,
    /// HTML fragment: text escaped, matched words in `<b>…</b>`.
    pub snippet: String,
    /// Relevance.
    pub score: f32,
    /// Category slug.
    pub category: String,
    /// Place slug.
    pub place: String,
    /// Place name.
    pub place_name: String,
    /// For a vacancy: its organisation's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// When help is needed, in Dutch words ("elke week: dinsdagochtend").
    pub schedule: String,
    /// Distance from the `place` of the query, with `within_km`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
}

/// Counts per kind, category and place over all results (not just this page).
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchFacets {
    /// Kind (`request`, `offer`, `vacancy`) → count. These counts leave out the
    /// `kind` asked for, so that they also say how many posts of the other kinds match.
    pub kind: BTreeMap<String, usize>,
    /// Category slug → count. These counts leave out the `category` asked for, so
    /// that they also say how many posts of the other categories match.
    pub category: BTreeMap<String, usize>,
    /// Place slug → count.
    pub place: BTreeMap<String, usize>,
}

/// `{total, items, facets, preferred?, places_named?, without_topic?}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    /// Results in all.
    pub total: usize,
    /// This page, most relevant first.
    pub items: Vec<SearchItem>,
    /// Facet counts.
    pub facets: SearchFacets,
    /// The kinds ranked higher at equal relevance, and why; absent when none were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred: Option<SearchPreferred>,
    /// The villages (slugs) the question's words name, such as `smilde` in
    /// *tuinieren in Smilde*, so a page can offer to search only there; absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places_named: Vec<String>,
    /// `true` when the question has words but none that say what it is about (*ik
    /// wil*, *de*): every post is listed, newest first; absent otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub without_topic: bool,
}

/// Kinds of post ranked higher, so that a page can say why the order is as it is.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPreferred {
    /// `request`, `offer` or `vacancy`.
    pub kinds: Vec<String>,
    /// `wording` (the question says which side it looks for: *iemand die …*) or
    /// `role` (what the signed-in caller's role usually looks for).
    pub because: String,
}

impl From<search::Preference> for SearchPreferred {
    fn from(p: search::Preference) -> Self {
        SearchPreferred {
            kinds: p
                .kinds
                .into_iter()
                .map(|k| kind_name(k).to_owned())
                .collect(),
            because: if p.from_wording { "wording" } else { "role" }.to_owned(),
        }
    }
}

fn kind_name(kind: search::PostKind) -> &'static str {
    crate::search_sync::domain_kind(kind).as_str()
}

/// Turns the query string into an index query; 422 for what cannot be understood.
pub fn parse(params: SearchParams, state: &AppState) -> Result<search::SearchQuery, ApiError> {
    let kind = match params
        .kind
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        None => None,
        Some(k) => match PostKind::parse(k).or_else(|| PostKind::from_plural(k)) {
            Some(kind) => Some(crate::search_sync::search_kind(kind)),
            None => return Err(ApiError::field("kind", "Kies request, offer of vacancy.")),
        },
    };
    let category = category_param(&state.reference, params.category.as_deref())?;
    let place = place_param(&state.reference, params.place.as_deref())?;
    match (params.within_km, place) {
        (None, _) => {}
        (Some(km), _) if !(km.is_finite() && (1.0..=50.0).contains(&km)) => {
            return Err(ApiError::field(
                "within_km",
                "Kies een afstand tussen 1 en 50 km.",
            ))
        }
        (Some(_), None) => {
            return Err(ApiError::field(
                "place",
                "Geef een plaats op om vanaf te zoeken.",
            ))
        }
        (Some(_), Some(_)) => {}
    }
    let (place, near) = place.map_or((None, None), |p| p.search_area(params.within_km));
    let frequency = match params.frequency.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(f) => Some(search::Frequency::parse(f).ok_or_else(|| {
            ApiError::field(
                "frequency",
                "Kies weekly (elke week), once (eenmalig) of flexible (in overleg).",
            )
        })?),
    };
    let text = params.q.unwrap_or_default();
    if text.chars().count() > 200 {
        return Err(ApiError::field("q", "Zoek met hooguit 200 tekens."));
    }
    Ok(search::SearchQuery {
        text,
        kind,
        category,
        place,
        near,
        only: None,
        frequency,
        prefer: Vec::new(),
        limit: params.limit.unwrap_or(20).clamp(1, 100),
        offset: params.offset.unwrap_or(0).min(10_000),
    })
}

/// The kinds of post someone in `role` usually searches for: residents and
/// organisations look for help offered, volunteers for requests and vacancies; a
/// coordinator looks for everything, so the wording of the question decides
/// (`search::intent`).
fn sought_kinds(role: Role) -> Vec<search::PostKind> {
    match role {
        Role::Resident | Role::Organisation => vec![search::PostKind::Offer],
        Role::Volunteer => vec![search::PostKind::Request, search::PostKind::Vacancy],
        Role::Coordinator => Vec::new(),
    }
}

/// Searches open posts: relevance-ranked, with filters, facets and snippets. Public;
/// a signed-in caller sees the kinds of post their role looks for a little higher,
/// others the kinds the wording asks for (*iemand die …* → offers).
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchParams),
    responses((status = 200, body = SearchResponse), (status = 400), (status = 422)))]
#[get("/search")]
#[tracing::instrument(skip_all)]
async fn search_posts(
    state: web::Data<AppState>,
    params: Query<SearchParams>,
    caller: MaybeCaller,
) -> Result<HttpResponse, ApiError> {
    let mut query = parse(params.into_inner(), &state)?;
    query.prefer = caller.0.map_or_else(Vec::new, |c| sought_kinds(c.role));
    let s = state.clone();
    let results = web::block(move || s.search.index.search(&query))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| match e {
            search::SearchError::InvalidQuery(why) => {
                ApiError::field("q", format!("Deze zoekvraag begrijpen we niet: {why}"))
            }
            other => ApiError::Internal(other.to_string()),
        })?;
    let vacancies = results
        .hits
        .iter()
        .filter(|h| h.kind == search::PostKind::Vacancy)
        .map(|h| h.id.to_string())
        .collect::<Vec<_>>();
    let mut organisations = if vacancies.is_empty() {
        Default::default()
    } else {
        crate::app::posts::organisations_of(&state, vacancies).await?
    };
    let facet =
        |counts: Vec<search::FacetCount>| counts.into_iter().map(|c| (c.value, c.count)).collect();
    Ok(HttpResponse::Ok().json(SearchResponse {
        total: results.total,
        items: results
            .hits
            .into_iter()
            .map(|h| SearchItem {
                kind: kind_name(h.kind).to_owned(),
                id: h.id.to_string(),
                title: h.title,
                snippet: h.snippet,
                score: h.score,
                category: h.category,
                place: h.place,
                place_name: h.place_name,
                organisation: organisations.remove(&h.id.to_string()),
                schedule: h.schedule,
                distance_km: h.distance_km.map(round_km),
            })
            .collect(),
        facets: SearchFacets {
            kind: results
                .facets
                .kinds
                .into_iter()
                .filter_map(|f| {
                    Some((
                        kind_name(search::PostKind::parse(&f.value)?).to_owned(),
                        f.count,
                    ))
                })
                .collect(),
            category: facet(results.facets.categories),
            place: facet(results.facets.places),
        },
        preferred: results.preference.map(SearchPreferred::from),
        places_named: results.places_named,
        without_topic: results.without_topic,
    }))
}

/// Registers the route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(search_posts);
}
