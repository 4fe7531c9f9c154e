//! The weekly plan (*weekvoorstel*): one proposal that pairs every open request nobody
//! is working on yet with a volunteer, over all of them at once, so the one volunteer
//! who can serve a hard-to-help request is not given to an easy one first. The
//! `matching` crate solves it exactly; this module feeds it from the database and
//! says, in Dutch, why each pair and why each request is left out. Nothing is
//! stored: the coordinator proposes pairs through the usual match route.

use std::collections::HashMap;
use std::sync::Arc;

use matching::plan::{Plan, PlannedPair, Shortfall};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::suggestions::{self, request_profile, Breakdown, SuggestedVolunteer};
use crate::auth::Caller;
use crate::db::candidates::{self, OpenPost};
use crate::db::DbConn;
use crate::domain::Role;
use crate::error::ApiError;
use crate::reference::Reference;
use crate::state::AppState;

/// At most this many requests in one plan: the ones that have waited longest. More
/// would make the plan slow (the shortlists grow with the number of requests) and
/// the page too long to act on; a filter on kind of help or village plans the rest.
pub const MAX_PLAN_REQUESTS: usize = 500;

/// Which requests to plan for.
#[derive(Debug, Clone, Default)]
pub struct PlanScope {
    /// Only this kind of help (category slug).
    pub category: Option<String>,
    /// Only requests in this village (place slug).
    pub place: Option<String>,
}

/// A request as the plan shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlannedRequest {
    /// Post id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Category slug.
    pub category: String,
    /// Category name.
    pub category_name: String,
    /// Place slug.
    pub place: String,
    /// Place name.
    pub place_name: String,
}

/// One proposed pair.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanPair {
    /// The request.
    pub request: PlannedRequest,
    /// The volunteer proposed for it.
    pub volunteer: SuggestedVolunteer,
    /// Weighted total in [0, 1], as in the request's own suggestions.
    pub score: f64,
    /// Scores per criterion.
    #[schema(value_type = Object)]
    pub breakdown: Breakdown,
    /// Short Dutch reasons, e.g. "woont 3,2 km weg".
    pub reasons: Vec<String>,
    /// Distance between the village centres.
    pub distance_km: f64,
    /// The volunteer's place in the request's own suggestions (1 = first).
    pub rank: usize,
    /// How many volunteers could help with this request at all.
    pub eligible: usize,
    /// Why this volunteer (and not the request's own first choice), in Dutch.
    pub why: String,
}

/// A request the plan cannot pair, and why: the recruitment agenda.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanGap {
    /// The request.
    pub request: PlannedRequest,
    /// Why, in Dutch.
    pub reason: String,
    /// The same as a code.
    #[schema(value_type = Object)]
    pub shortfall: Shortfall,
}

/// The plan over the open requests in scope.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanView {
    /// Open requests nobody is working on yet, in scope.
    pub waiting: usize,
    /// Of those, the ones planned: all, or the [`MAX_PLAN_REQUESTS`] that waited longest.
    pub requests: usize,
    /// Requests the plan pairs with a volunteer.
    pub covered: usize,
    /// Requests that would get a volunteer when each, in turn, took its own first
    /// available choice: what the plan improves on.
    pub one_by_one: usize,
    /// Volunteers considered.
    pub volunteers: usize,
    /// The pairs, in the order of the requests (oldest first).
    pub pairs: Vec<PlanPair>,
    /// The requests left out, with the reason.
    pub left_out: Vec<PlanGap>,
}

/// The plan for `scope` (coordinator only).
pub async fn weekly(
    state: Arc<AppState>,
    caller: &Caller,
    scope: PlanScope,
) -> Result<PlanView, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let today = crate::domain::today();
    let s = state.clone();
    state
        .db
        .run(move |conn| {
            s.pool.refresh(conn, &s.reference)?;
            let mut open = candidates::unhandled_requests(
                conn,
                scope.category.as_deref(),
                scope.place.as_deref(),
            )?;
            let waiting = open.len();
            // Oldest first from the database: the longest waiting are planned.
            open.truncate(MAX_PLAN_REQUESTS);
            let profiles: Vec<_> = open
                .iter()
                .filter_map(|p| request_profile(&p.row, p.talents.clone(), &s.reference))
                .collect();
            let pool = s.pool.all();
            let config = &s.settings.matching;
            let catalog = &s.reference.catalog;
            let plan = matching::plan::plan(&profiles, &pool, catalog, config, today);
            let standing = |id| suggestions::standing(&s.pool, id, config, today);
            present(conn, &s.reference, &open, &plan, &standing).map(|(pairs, left_out)| PlanView {
                waiting,
                requests: profiles.len(),
                covered: pairs.len(),
                one_by_one: plan.one_by_one,
                volunteers: pool.len(),
                pairs,
                left_out,
            })
        })
        .await
}

type Shown = (Vec<PlanPair>, Vec<PlanGap>);

fn present(
    conn: &mut DbConn,
    reference: &Reference,
    open: &[OpenPost],
    plan: &Plan,
    standing: &impl Fn(Uuid) -> suggestions::Standing,
) -> Result<Shown, ApiError> {
    let posts: HashMap<&str, &OpenPost> = open.iter().map(|p| (p.row.id.as_str(), p)).collect();
    let request = |id: Uuid| {
        posts
            .get(id.to_string().as_str())
            .map(|p| planned_request(p, reference))
    };
    let mut ids: Vec<String> = plan
        .pairs
        .iter()
        .flat_map(|p| {
            std::iter::once(p.candidate.volunteer_id)
                .chain(p.instead_of.iter().map(|d| d.volunteer_id))
        })
        .map(|id| id.to_string())
        .collect();
    ids.sort();
    ids.dedup();
    let names = candidates::account_names(conn, &ids)?;
    let name = |id: Uuid| {
        names
            .get(&id.to_string())
            .map_or_else(|| "een vrijwilliger".to_owned(), |(n, _)| n.clone())
    };
    // "“Title” in Village": two requests can share a title.
    let titles: HashMap<Uuid, (String, usize)> = plan
        .pairs
        .iter()
        .filter_map(|p| {
            let row = &posts.get(p.request_id.to_string().as_str())?.row;
            let village = reference
                .place(&row.place_slug)
                .map_or(row.place_slug.as_str(), |place| place.name.as_str());
            let label = format!("\u{201c}{}\u{201d} in {village}", row.title);
            Some((p.request_id, (label, p.eligible)))
        })
        .collect();
    let pairs = plan
        .pairs
        .iter()
        .filter_map(|p| {
            let id = p.candidate.volunteer_id;
            let place = names
                .get(&id.to_string())
                .and_then(|(_, place)| place.clone());
            Some(PlanPair {
                request: request(p.request_id)?,
                volunteer: SuggestedVolunteer::new(id.to_string(), name(id), place, standing(id)),
                score: p.candidate.score,
                breakdown: p.candidate.breakdown,
                reasons: p.candidate.reasons.clone(),
                distance_km: suggestions::round_km(p.candidate.distance_km),
                rank: p.rank,
                eligible: p.eligible,
                why: why(p, &name, &titles),
            })
        })
        .collect();
    let left_out = plan
        .left_out
        .iter()
        .filter_map(|gap| {
            Some(PlanGap {
                request: request(gap.request_id)?,
                reason: capitalised(&gap.shortfall.reason_nl()),
                shortfall: gap.shortfall,
            })
        })
        .collect();
    Ok((pairs, left_out))
}

fn planned_request(post: &OpenPost, reference: &Reference) -> PlannedRequest {
    let row = &post.row;
    PlannedRequest {
        id: row.id.clone(),
        title: row.title.clone(),
        category: row.category_slug.clone(),
        category_name: reference
            .category(&row.category_slug)
            .map_or_else(|| row.category_slug.clone(), |c| c.name_nl.clone()),
        place: row.place_slug.clone(),
        place_name: reference
            .place(&row.place_slug)
            .map_or_else(|| row.place_slug.clone(), |p| p.name.clone()),
    }
}

/// Why this pair, for the coordinator: the only one who fits, the request's own first
/// choice, or who the first choice is needed for instead.
fn why(
    pair: &PlannedPair,
    name: &impl Fn(Uuid) -> String,
    titles: &HashMap<Uuid, (String, usize)>,
) -> String {
    let chosen = name(pair.candidate.volunteer_id);
    if pair.rank == 1 {
        return if pair.eligible == 1 {
            format!("{chosen} is de enige die bij deze hulpvraag past.")
        } else {
            format!("{chosen} is ook de eerste keus als u alleen naar deze hulpvraag kijkt.")
        };
    }
    let Some(first) = &pair.instead_of else {
        return "Zo krijgen meer hulpvragen een vrijwilliger.".to_owned();
    };
    let top = name(first.volunteer_id);
    let served: Vec<&(String, usize)> = first
        .serves
        .iter()
        .filter_map(|id| titles.get(id))
        .collect();
    if served.is_empty() {
        return format!("De eerste keus, {top}, heeft geen ruimte meer. Zo krijgen meer hulpvragen een vrijwilliger.");
    }
    let mut seen = std::collections::HashSet::new();
    let labels: Vec<&str> = served
        .iter()
        .map(|(label, _)| label.as_str())
        .filter(|label| seen.insert(*label))
        .collect();
    let list = labels.join(" en ");
    let mut text = format!("De eerste keus, {top}, is in dit voorstel nodig voor {list}.");
    if served.iter().any(|(_, eligible)| *eligible == 1) {
        text.push_str(&format!(" {top} is de enige die daar past."));
    }
    text
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use matching::plan::Displaced;
    use matching::Candidate;

    const ANNA: u128 = 1;
    const BERT: u128 = 2;

    fn pair(
        volunteer: u128,
        rank: usize,
        eligible: usize,
        instead_of: Option<Displaced>,
    ) -> PlannedPair {
        PlannedPair {
            request_id: Uuid::from_u128(10),
            candidate: Candidate {
                volunteer_id: Uuid::from_u128(volunteer),
                score: 0.7,
                breakdown: Default::default(),
                reasons: Vec::new(),
                distance_km: 0.0,
            },
            rank,
            eligible,
            instead_of,
        }
    }

    fn name(id: Uuid) -> String {
        match id.as_u128() {
            ANNA => "Anna".into(),
            BERT => "Bert".into(),
            _ => "iemand".into(),
        }
    }

    #[test]
    fn why_names_the_only_one_the_first_choice_or_who_needs_the_first_choice() {
        let titles = HashMap::from([(
            Uuid::from_u128(11),
            ("\u{201c}Hond\u{201d} in Wijster".to_owned(), 1),
        )]);
        assert_eq!(
            why(&pair(ANNA, 1, 1, None), &name, &titles),
            "Anna is de enige die bij deze hulpvraag past."
        );
        assert_eq!(
            why(&pair(ANNA, 1, 3, None), &name, &titles),
            "Anna is ook de eerste keus als u alleen naar deze hulpvraag kijkt."
        );
        let displaced = Displaced {
            volunteer_id: Uuid::from_u128(ANNA),
            score: 0.8,
            serves: vec![Uuid::from_u128(11)],
        };
        assert_eq!(
            why(&pair(BERT, 2, 2, Some(displaced)), &name, &titles),
            "De eerste keus, Anna, is in dit voorstel nodig voor \u{201c}Hond\u{201d} in Wijster. Anna is de enige die daar past."
        );
    }

    #[test]
    fn capitalised_changes_only_the_first_letter() {
        assert_eq!(capitalised("niemand in de buurt"), "Niemand in de buurt");
        assert_eq!(capitalised(""), "");
    }
}
