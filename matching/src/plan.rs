//! Weekly plan (*weekvoorstel*): one proposal that pairs all open requests with
//! volunteers at once, instead of one request at a time.
//!
//! Suggesting per request hands a scarce volunteer (the one driver in Wijster with a
//! VOG) to whichever request asks first, even where a closer volunteer would have done
//! for that request and the scarce one was the only option for another. [`plan`] looks
//! at all requests together; [`greedy`] is the one-at-a-time baseline to compare with.
//!
//! # Objective
//!
//! In this order: (1) cover as many requests as possible; (2) then the highest total
//! score, with each pair scored exactly as in the request's own suggestions (the load
//! criterion as of now: it is not re-evaluated as the plan fills a volunteer); (3) then,
//! among equal totals, volunteers higher on each request's own list.
//!
//! This is a cheapest flow in a network of request → volunteer edges (capacity 1) and
//! volunteer → sink edges (capacity: the volunteer's free places), plus one edge per
//! request straight to the sink, "left out", which costs more than all pairs of any
//! plan together: so the cheapest flow first leaves out as few requests as possible.
//! Pairing a request with its suggestion at 0-based position `p` and score `s` costs
//! `round((1 − s) · 10⁹) · M + p` with `M = R²` for `R` requests: a plan's positions
//! add up to less than `R · R`, so they only decide between plans whose rounded scores
//! are equal. The total score is optimal up to the rounding (less than `R · 10⁻⁹`).
//!
//! Requests enter one at a time, in the given order, and each sends one unit along a
//! cheapest path (successive shortest paths, Dijkstra with Johnson potentials): a path
//! may move earlier requests to other volunteers, or leave one out in favour of a
//! better pairing, whenever that is cheaper. After each request the flow is the
//! cheapest for the requests so far (see `plan/flow.rs`), so the final plan is optimal.
//! Since the most requests are covered, the plan always covers at least as many as
//! [`greedy`].
//!
//! # Why short candidate lists are enough
//!
//! For each request the network only holds its *shortlist*: its own suggestions, best
//! first, up to and including the one at which their free places add up to `R` (or all
//! its suggestions, if they never do). This keeps the network small (≤ `R` edges per
//! request) and loses nothing:
//!
//! *Claim.* A best plan on the full pool pairs every request within its shortlist.
//!
//! *Proof.* Suppose a best plan pairs request `r` with `v` outside `r`'s shortlist.
//! Then the shortlist is not all of `r`'s suggestions, so its free places add up to at
//! least `R`. The other `R − 1` requests use at most `R − 1` places in total, so some
//! `u` on the shortlist has a place left, and `u ≠ v`. Move `r` from `v` to `u`: every
//! request stays covered and no volunteer gets more than their free places. `u` ranks
//! above `v` on `r`'s list, and the list is ordered by score, so `r`'s score does not
//! drop (nor its rounded cost, rounding being monotone) while its position drops: the
//! new plan is strictly better in the order (cover, score, positions), contradicting
//! that the plan was best. So every best plan lies within the shortlists; as every plan of the short
//! network is a plan of the full one, the short network's best is the full best. ∎
//!
//! The same exchange shows that a request placed below its first suggestion always
//! has a reason: that volunteer has no place left in the plan, so
//! [`PlannedPair::instead_of`] names the requests they serve instead.
//!
//! # Ties and input
//!
//! Plans that are equal on all three criteria are decided deterministically: an
//! earlier request keeps what it has unless a path is strictly cheaper, and between
//! equally cheap paths Dijkstra settles the lower node first (volunteers are numbered
//! by id), so the plan does not depend on the order of the pool. Requests and volunteers
//! are identified by id: after the first, a repeated id is ignored.
//!
//! # Requests left out
//!
//! A request the plan cannot cover gets a [`Shortfall`], judged cumulatively on the
//! pool with the engine's hard filters: who lives near enough (within their own travel
//! distance and the request's radius); of those, who can at the wanted time; of those,
//! who has a VOG valid today (only if the request requires one); of those, who has a
//! free place. The requester and volunteers who declined the request are left out of
//! every count: they are never suggested, so a request with only them nearby counts as
//! [`Shortfall::NoOneWithinReach`], and otherwise the remaining volunteers decide.

mod flow;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

use crate::availability::AvailabilityGrid;
use crate::catalog::TalentCatalog;
use crate::config::MatchConfig;
use crate::engine::{evaluate, rank_volunteer_scores, Candidate};
use crate::geo::{distance_km, BoundingBox};
use crate::profile::{RequestProfile, VolunteerProfile};
use flow::{Cost, Network};

/// A weekly plan: which volunteer to propose for which request, and which requests
/// stay open and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The proposed pairs, in the order of the requests.
    pub pairs: Vec<PlannedPair>,
    /// The requests the plan cannot cover, in the order of the requests.
    pub left_out: Vec<LeftOut>,
    /// The sum of the pairs' scores.
    pub total_score: f64,
    /// How many requests [`greedy`] would cover: one by one, each taking its best
    /// volunteer with a place left (read from the shortlists, no second ranking).
    pub one_by_one: usize,
}

/// One proposed pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedPair {
    /// The request.
    pub request_id: Uuid,
    /// The chosen volunteer exactly as the request's own suggestions show them (score,
    /// breakdown, Dutch reasons, distance).
    pub candidate: Candidate,
    /// 1-based position of this volunteer in the request's own suggestion list.
    pub rank: usize,
    /// How many volunteers pass every hard filter for this request (capacity as of now).
    pub eligible: usize,
    /// When rank > 1: the request's first suggestion, and which requests the plan gives
    /// them to instead.
    pub instead_of: Option<Displaced>,
}

/// A request's first suggestion that the plan gives to other requests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Displaced {
    /// The volunteer.
    pub volunteer_id: Uuid,
    /// Their score for the request that does not get them.
    pub score: f64,
    /// The requests the plan gives them to, in the order of the requests.
    pub serves: Vec<Uuid>,
}

/// A request the plan cannot cover.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    /// The request.
    pub request_id: Uuid,
    /// Why no volunteer is proposed.
    pub shortfall: Shortfall,
}

/// Why a request stays without a volunteer: the first of the cumulative filters
/// (reach → time → VOG → capacity) that leaves nobody, or the plan's other needs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Shortfall {
    /// Nobody (other than the requester or those who declined) lives within their own
    /// travel distance and the request's radius.
    NoOneWithinReach,
    /// Some live within reach, none of them is available at the wanted time.
    NoOneAvailable,
    /// Within reach and available, but none with a VOG valid today (only when the
    /// request requires one).
    NoVogHolder,
    /// Capable volunteers exist (reach, time, VOG) but all are at their maximum of
    /// active matches.
    AllAtCapacity,
    /// Capable volunteers with a free place exist, but the plan needs all of them for
    /// other requests.
    NeededElsewhere {
        /// How many capable volunteers with a free place there are.
        capable: usize,
    },
}

impl Shortfall {
    /// A short Dutch explanation for the coordinator, e.g. "niemand woont dichtbij genoeg".
    pub fn reason_nl(&self) -> String {
        match self {
            Shortfall::NoOneWithinReach => "niemand woont dichtbij genoeg".to_owned(),
            Shortfall::NoOneAvailable => {
                "niemand in de buurt kan op het gevraagde moment".to_owned()
            }
            Shortfall::NoVogHolder => "niemand in de buurt met een geldige VOG kan dan".to_owned(),
            Shortfall::AllAtCapacity => {
                "alle geschikte vrijwilligers zitten aan hun maximum".to_owned()
            }
            Shortfall::NeededElsewhere { capable: 1 } => {
                "de enige geschikte vrijwilliger is in dit voorstel elders nodig".to_owned()
            }
            Shortfall::NeededElsewhere { capable } => format!(
                "de {capable} geschikte vrijwilligers zijn in dit voorstel nodig voor andere hulpvragen"
            ),
        }
    }
}

/// The weekly plan for `requests` with volunteers from `pool`: the most requests
/// covered, then the highest total score (see the module documentation).
pub fn plan(
    requests: &[RequestProfile],
    pool: &[VolunteerProfile],
    catalog: &TalentCatalog,
    config: &MatchConfig,
    today: NaiveDate,
) -> Plan {
    let requests = first_of_each_id(requests, |r| r.id);
    let pool = Pool::new(pool);
    let setting = Setting {
        catalog,
        config,
        today,
    };
    let shortlists: Vec<Shortlist> = requests
        .iter()
        .map(|r| Shortlist::new(r, &pool, &setting, requests.len()))
        .collect();
    let chosen = solve(&shortlists, &pool.volunteers);
    let mut plan = assemble(&requests, &pool, &shortlists, &chosen, &setting);
    plan.one_by_one = one_by_one(&shortlists, &pool.volunteers);
    plan
}

/// The cover of [`greedy`], from the shortlists: before request `i`, at most `i`
/// places are taken, and a shortlist that is cut holds at least as many places as
/// there are requests, so the first volunteer with a place left on the full list
/// is always on the shortlist.
fn one_by_one(shortlists: &[Shortlist], pool: &[VolunteerProfile]) -> usize {
    let mut places: Vec<u32> = pool.iter().map(free_places).collect();
    let mut covered = 0;
    for list in shortlists {
        if let Some(e) = list.entries.iter().find(|e| places[e.volunteer] > 0) {
            places[e.volunteer] -= 1;
            covered += 1;
        }
    }
    covered
}

/// Baseline for comparison: requests in the given order, each takes its best-ranked
/// volunteer that still has spare capacity (capacity decreases as pairs are made).
/// Returns (request_id, volunteer_id) pairs.
pub fn greedy(
    requests: &[RequestProfile],
    pool: &[VolunteerProfile],
    catalog: &TalentCatalog,
    config: &MatchConfig,
    today: NaiveDate,
) -> Vec<(Uuid, Uuid)> {
    let requests = first_of_each_id(requests, |r| r.id);
    let pool = Pool::new(pool);
    let mut places: Vec<u32> = pool.volunteers.iter().map(free_places).collect();
    let mut pairs = Vec::new();
    for request in requests.iter() {
        // A volunteer without places left took at least one earlier pair, so among the
        // first `pairs + 1` suggestions there is one with a place (if there are that many).
        let ranked = rank_volunteer_scores(
            request,
            &pool.volunteers,
            catalog,
            config,
            today,
            pairs.len() + 1,
        );
        let pick = ranked
            .iter()
            .filter_map(|c| pool.index_of(c.volunteer_id))
            .find(|&i| places[i] > 0);
        if let Some(i) = pick {
            places[i] -= 1;
            pairs.push((request.id, pool.volunteers[i].id));
        }
    }
    pairs
}

/// The arguments every ranking and evaluation takes.
struct Setting<'a> {
    catalog: &'a TalentCatalog,
    config: &'a MatchConfig,
    today: NaiveDate,
}

/// The volunteers (first of each id), indexed by id.
struct Pool<'a> {
    volunteers: Cow<'a, [VolunteerProfile]>,
    by_id: HashMap<Uuid, usize>,
    /// The longest travel distance in the pool (a bound for everyone's reach).
    reach_km: f64,
}

impl<'a> Pool<'a> {
    fn new(pool: &'a [VolunteerProfile]) -> Self {
        let volunteers = first_of_each_id(pool, |v| v.id);
        let by_id = volunteers
            .iter()
            .enumerate()
            .map(|(i, v)| (v.id, i))
            .collect();
        // `f64::max` skips NaN: a NaN travel distance reaches nobody anyway.
        let reach_km = volunteers
            .iter()
            .fold(0.0, |m: f64, v| m.max(v.max_distance_km));
        Pool {
            volunteers,
            by_id,
            reach_km,
        }
    }

    fn index_of(&self, id: Uuid) -> Option<usize> {
        self.by_id.get(&id).copied()
    }
}

/// The items in their order, without those whose id appeared before (borrowed when
/// there are none, which is the normal case).
fn first_of_each_id<T: Clone>(items: &[T], id: impl Fn(&T) -> Uuid) -> Cow<'_, [T]> {
    let mut seen = HashSet::with_capacity(items.len());
    if items.iter().all(|item| seen.insert(id(item))) {
        return Cow::Borrowed(items);
    }
    seen.clear();
    Cow::Owned(
        items
            .iter()
            .filter(|item| seen.insert(id(item)))
            .cloned()
            .collect(),
    )
}

/// Places a volunteer has free as of now.
fn free_places(v: &VolunteerProfile) -> u32 {
    v.max_active_matches.saturating_sub(v.active_matches)
}

/// A suggestion on a shortlist.
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Index in the pool.
    volunteer: usize,
    score: f64,
}

/// A request's suggestions, best first, cut where their free places reach the number
/// of requests (see "Why short candidate lists are enough" above).
struct Shortlist {
    entries: Vec<Entry>,
}

impl Shortlist {
    fn new(
        request: &RequestProfile,
        pool: &Pool<'_>,
        setting: &Setting<'_>,
        requests: usize,
    ) -> Self {
        // Every suggestion has at least one free place, so `requests` suggestions
        // always reach the cut.
        let ranked = rank_volunteer_scores(
            request,
            &pool.volunteers,
            setting.catalog,
            setting.config,
            setting.today,
            requests,
        );
        let mut entries = Vec::new();
        let mut places = 0usize;
        for c in &ranked {
            if places >= requests {
                break;
            }
            let Some(volunteer) = pool.index_of(c.volunteer_id) else {
                continue; // every suggestion comes from the pool
            };
            places += free_places(&pool.volunteers[volunteer]) as usize;
            entries.push(Entry {
                volunteer,
                score: c.score,
            });
        }
        Shortlist { entries }
    }
}

/// Solves the flow; returns for each request the position on its shortlist of the
/// volunteer it gets, if any.
fn solve(shortlists: &[Shortlist], pool: &[VolunteerProfile]) -> Vec<Option<usize>> {
    let mut week = Week::build(shortlists, pool);
    for q in 0..shortlists.len() {
        week.net.open(q);
        // Always finds a path: at worst the request's own "left out" edge.
        week.net.send_one(q, week.sink);
    }
    week.pairs
        .iter()
        .map(|ids| ids.iter().position(|&e| week.net.flow_on(e) > 0))
        .collect()
}

/// The network of a week: requests are nodes `0..R` in the given order, then the
/// volunteers on any shortlist in id order (so that ties do not depend on the pool's
/// order), then the sink.
struct Week {
    net: Network,
    /// Per request, its pair edges in shortlist order.
    pairs: Vec<Vec<usize>>,
    sink: usize,
}

impl Week {
    fn build(shortlists: &[Shortlist], pool: &[VolunteerProfile]) -> Self {
        let requests = shortlists.len();
        let mut used: Vec<usize> = shortlists
            .iter()
            .flat_map(|s| s.entries.iter().map(|e| e.volunteer))
            .collect();
        used.sort_unstable_by_key(|&i| pool[i].id);
        used.dedup();
        let sink = requests + used.len();
        let mut net = Network::new(sink + 1);
        let mut node_of = vec![usize::MAX; pool.len()];
        for (k, &i) in used.iter().enumerate() {
            node_of[i] = requests + k;
            net.add_edge(node_of[i], sink, free_places(&pool[i]), 0);
        }
        let costs = Costs::for_requests(requests);
        let pairs = shortlists
            .iter()
            .enumerate()
            .map(|(q, list)| {
                let ids = list
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(p, e)| net.add_edge(q, node_of[e.volunteer], 1, costs.pair(e.score, p)))
                    .collect();
                net.add_edge(q, sink, 1, costs.left_out);
                ids
            })
            .collect();
        Week { net, pairs, sink }
    }
}

/// The cost scale of a week with a given number of requests.
struct Costs {
    /// `R²`: more than the positions of any plan add up to.
    tie_unit: Cost,
    /// Dearer than the pairs of any plan together (each pair costs at most that of a
    /// zero score at position `R`).
    left_out: Cost,
}

impl Costs {
    fn for_requests(requests: usize) -> Self {
        let r = Cost::try_from(requests).unwrap_or(Cost::MAX);
        let tie_unit = r.saturating_mul(r).max(1);
        let left_out = r
            .saturating_mul(pair_cost(0.0, requests, tie_unit))
            .saturating_add(1);
        Costs { tie_unit, left_out }
    }

    fn pair(&self, score: f64, position: usize) -> Cost {
        pair_cost(score, position, self.tie_unit)
    }
}

/// Scores are compared to this resolution.
const SCORE_SCALE: f64 = 1e9;

/// `round((1 − score) · 10⁹) · tie_unit + position`: nonnegative, lower for a better
/// score and, at an equal rounded score, for a higher place on the list.
fn pair_cost(score: f64, position: usize, tie_unit: Cost) -> Cost {
    let shortfall = if score.is_finite() {
        ((1.0 - score.clamp(0.0, 1.0)) * SCORE_SCALE).round()
    } else {
        SCORE_SCALE
    };
    // In [0, 10⁹] by the clamp, so the conversion is exact.
    let main = Cost::from(shortfall as i64);
    main.saturating_mul(tie_unit)
        .saturating_add(Cost::try_from(position).unwrap_or(Cost::MAX))
}

/// Turns the solution into pairs with their explanations, and left-out requests with
/// their shortfall.
fn assemble(
    requests: &[RequestProfile],
    pool: &Pool<'_>,
    shortlists: &[Shortlist],
    chosen: &[Option<usize>],
    setting: &Setting<'_>,
) -> Plan {
    let served = served_by(requests, shortlists, chosen);
    let mut plan = Plan {
        pairs: Vec::new(),
        left_out: Vec::new(),
        total_score: 0.0,
        one_by_one: 0,
    };
    for (q, request) in requests.iter().enumerate() {
        let filters = Filters::new(request, pool.reach_km, setting);
        let pair = chosen[q].and_then(|p| {
            planned_pair(request, &shortlists[q], p, pool, &served, setting, &filters)
        });
        match pair {
            Some(pair) => {
                plan.total_score += pair.candidate.score;
                plan.pairs.push(pair);
            }
            None => plan.left_out.push(LeftOut {
                request_id: request.id,
                shortfall: Census::of(&filters, &pool.volunteers).shortfall(),
            }),
        }
    }
    plan
}

/// For each volunteer (pool index) in the plan, the requests they serve, in order.
fn served_by(
    requests: &[RequestProfile],
    shortlists: &[Shortlist],
    chosen: &[Option<usize>],
) -> HashMap<usize, Vec<Uuid>> {
    let mut served: HashMap<usize, Vec<Uuid>> = HashMap::new();
    for ((request, list), pick) in requests.iter().zip(shortlists).zip(chosen) {
        if let Some(e) = pick.and_then(|p| list.entries.get(p)) {
            served.entry(e.volunteer).or_default().push(request.id);
        }
    }
    served
}

fn planned_pair(
    request: &RequestProfile,
    list: &Shortlist,
    position: usize,
    pool: &Pool<'_>,
    served: &HashMap<usize, Vec<Uuid>>,
    setting: &Setting<'_>,
    filters: &Filters<'_>,
) -> Option<PlannedPair> {
    let entry = list.entries.get(position)?;
    // The same filters and scores as the ranking the entry came from, now with the
    // reasons: `evaluate` equals the suggestion (an engine property), and it cannot
    // fail for a suggested volunteer; if it ever did, the request is left out rather
    // than paired against a filter.
    let candidate = evaluate(
        request,
        &pool.volunteers[entry.volunteer],
        setting.catalog,
        setting.config,
        setting.today,
    )
    .ok()?;
    let instead_of = match list.entries.first() {
        Some(first) if position > 0 => Some(Displaced {
            volunteer_id: pool.volunteers[first.volunteer].id,
            score: first.score,
            serves: served.get(&first.volunteer).cloned().unwrap_or_default(),
        }),
        _ => None,
    };
    Some(PlannedPair {
        request_id: request.id,
        candidate,
        rank: position + 1,
        eligible: filters.count_eligible(&pool.volunteers),
        instead_of,
    })
}

/// The engine's hard filters for one request, each on its own: `filter_reason` only
/// reports the first that fails, in its own order (requester, declined, capacity,
/// time, VOG, distance), and a shortfall needs them cumulatively in another order.
/// Each restates one check of the engine with the same public pieces; the tests hold
/// them to `filter_reason`.
struct Filters<'a> {
    request: &'a RequestProfile,
    wanted: AvailabilityGrid,
    vog_valid_years: u32,
    today: NaiveDate,
    /// Contains everyone within reach (so a cheap first test).
    area: BoundingBox,
}

impl<'a> Filters<'a> {
    fn new(request: &'a RequestProfile, pool_reach_km: f64, setting: &Setting<'_>) -> Self {
        // Nobody is within reach beyond the longest travel distance or the radius
        // (`f64::min` ignores a NaN radius; such a radius lets nobody in below).
        let limit = request
            .radius_km
            .map_or(pool_reach_km, |r| r.min(pool_reach_km));
        Filters {
            request,
            wanted: request.schedule.wanted_slots(),
            vog_valid_years: setting.config.vog_valid_years,
            today: setting.today,
            area: BoundingBox::around(request.location, limit),
        }
    }

    /// Not the requester and has not declined: the volunteers who are counted at all.
    fn counted(&self, v: &VolunteerProfile) -> bool {
        v.id != self.request.requester_id && !v.declined.contains(&self.request.id)
    }

    /// Within the volunteer's travel distance and the request's radius.
    fn within_reach(&self, v: &VolunteerProfile) -> bool {
        if !self.area.contains(v.location) {
            return false;
        }
        let d = distance_km(self.request.location, v.location);
        d <= v.max_distance_km && self.request.radius_km.is_none_or(|r| d <= r)
    }

    /// Available in at least one wanted slot.
    fn available(&self, v: &VolunteerProfile) -> bool {
        !self.wanted.intersect(v.availability).is_empty()
    }

    /// Holds a VOG valid today, if the request requires one.
    fn vog_ok(&self, v: &VolunteerProfile) -> bool {
        !self.request.requires_vog || v.vog.is_valid_on(self.today, self.vog_valid_years)
    }

    /// Passes every hard filter: the cheap checks first, the distance last.
    fn eligible(&self, v: &VolunteerProfile) -> bool {
        self.counted(v)
            && free_places(v) > 0
            && self.available(v)
            && self.vog_ok(v)
            && self.within_reach(v)
    }

    fn count_eligible(&self, pool: &[VolunteerProfile]) -> usize {
        pool.iter().filter(|v| self.eligible(v)).count()
    }
}

/// How many volunteers pass the filters cumulatively: near enough; of those, available
/// at the wanted time; of those, with a VOG if required; of those, with a free place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Census {
    within_reach: usize,
    available: usize,
    with_vog: usize,
    capable: usize,
}

impl Census {
    fn of(filters: &Filters<'_>, pool: &[VolunteerProfile]) -> Self {
        let mut census = Census::default();
        for v in pool {
            if !(filters.counted(v) && filters.within_reach(v)) {
                continue;
            }
            census.within_reach += 1;
            if !filters.available(v) {
                continue;
            }
            census.available += 1;
            if !filters.vog_ok(v) {
                continue;
            }
            census.with_vog += 1;
            if free_places(v) > 0 {
                census.capable += 1;
            }
        }
        census
    }

    /// The first cumulative count that is zero; if none is, the plan used them all.
    fn shortfall(self) -> Shortfall {
        if self.within_reach == 0 {
            Shortfall::NoOneWithinReach
        } else if self.available == 0 {
            Shortfall::NoOneAvailable
        } else if self.with_vog == 0 {
            Shortfall::NoVogHolder
        } else if self.capable == 0 {
            Shortfall::AllAtCapacity
        } else {
            Shortfall::NeededElsewhere {
                capable: self.capable,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::availability::{Day, DayPart, Slot};
    use crate::engine::{filter_reason, Exclusion};
    use crate::geo::GeoPoint;
    use crate::profile::{PostKind, Schedule, Vog, VogStatus};

    const BEILEN: GeoPoint = GeoPoint::new(52.8633, 6.5139);
    const WESTERBORK: GeoPoint = GeoPoint::new(52.8500, 6.6083);
    const SMILDE: GeoPoint = GeoPoint::new(52.9535, 6.4526);

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
    }

    fn tue_pm() -> AvailabilityGrid {
        AvailabilityGrid::from_slots([Slot {
            day: Day::Tue,
            part: DayPart::Afternoon,
        }])
    }

    fn request(n: u128) -> RequestProfile {
        RequestProfile {
            id: id(1000 + n),
            kind: PostKind::Request,
            requester_id: id(999),
            category: "maatje".into(),
            talents: vec!["hond-uitlaten".into()],
            location: BEILEN,
            schedule: Schedule::Weekly(tue_pm()),
            radius_km: None,
            requires_vog: false,
            languages: vec![],
        }
    }

    fn volunteer(n: u128) -> VolunteerProfile {
        VolunteerProfile {
            recent_matches: 0,
            id: id(n),
            talents: vec!["hond-uitlaten".into()],
            interests: vec![],
            availability: tue_pm(),
            location: BEILEN,
            max_distance_km: 15.0,
            active_matches: 0,
            max_active_matches: 1,
            vog: Vog::default(),
            languages: vec!["nl".into()],
            past_matches: HashMap::new(),
            declined: HashSet::new(),
        }
    }

    fn plan_of(requests: &[RequestProfile], pool: &[VolunteerProfile]) -> Plan {
        plan(
            requests,
            pool,
            &TalentCatalog::empty(),
            &MatchConfig::default(),
            today(),
        )
    }

    /// The shortfall of a single request that the plan leaves out.
    fn shortfall(request: RequestProfile, pool: &[VolunteerProfile]) -> Shortfall {
        let p = plan_of(&[request], pool);
        assert!(p.pairs.is_empty(), "{p:?}");
        p.left_out[0].shortfall
    }

    #[test]
    fn nobody_near_enough_counts_requester_and_decliners_out() {
        let mut far = volunteer(1);
        far.location = SMILDE; // 10.8 km away
        far.max_distance_km = 8.0;
        let requester = volunteer(999);
        let mut declined = volunteer(2);
        declined.declined.insert(request(1).id);
        let pool = [far, requester, declined];
        assert_eq!(shortfall(request(1), &pool), Shortfall::NoOneWithinReach);
        // The request's own radius counts too.
        let mut r = request(1);
        r.radius_km = Some(5.0);
        let mut westerbork = volunteer(3);
        westerbork.location = WESTERBORK; // 6.5 km away
        assert_eq!(shortfall(r, &[westerbork]), Shortfall::NoOneWithinReach);
        assert_eq!(shortfall(request(1), &[]), Shortfall::NoOneWithinReach);
    }

    #[test]
    fn nobody_near_enough_at_the_wanted_time() {
        let mut weekend = volunteer(1);
        weekend.availability = AvailabilityGrid::on_day(Day::Sat, &DayPart::ALL);
        // Free on Tuesday but too far: does not count as "in de buurt".
        let mut far = volunteer(2);
        far.location = SMILDE;
        far.max_distance_km = 8.0;
        assert_eq!(
            shortfall(request(1), &[weekend, far]),
            Shortfall::NoOneAvailable
        );
    }

    #[test]
    fn nobody_near_and_free_with_a_valid_vog() {
        let mut r = request(1);
        r.requires_vog = true;
        let mut pending = volunteer(1);
        pending.vog = Vog {
            status: VogStatus::Requested,
            issued_on: None,
        };
        let mut expired = volunteer(2);
        expired.vog = Vog::valid(NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid date"));
        // A valid VOG, but never on Tuesday afternoon.
        let mut weekend = volunteer(3);
        weekend.vog = Vog::valid(today());
        weekend.availability = AvailabilityGrid::on_day(Day::Sat, &DayPart::ALL);
        let pool = [pending, expired, weekend];
        assert_eq!(shortfall(r.clone(), &pool), Shortfall::NoVogHolder);
        // Without the requirement the same pool has room.
        r.requires_vog = false;
        assert_eq!(plan_of(&[r], &pool).pairs.len(), 1);
    }

    #[test]
    fn everyone_capable_is_at_their_maximum() {
        let mut busy = volunteer(1);
        busy.active_matches = 1;
        let mut paused = volunteer(2);
        paused.max_active_matches = 0;
        assert_eq!(
            shortfall(request(1), &[busy, paused]),
            Shortfall::AllAtCapacity
        );
    }

    #[test]
    fn the_only_capable_volunteer_goes_to_the_better_pairing() {
        // Both requests want the one volunteer; the second fits her better (her
        // interest), so the plan gives her to the second although the first came first.
        let mut v = volunteer(1);
        v.interests = vec!["bezoekwerk".into()];
        let first = request(1);
        let mut second = request(2);
        second.category = "bezoekwerk".into();
        let p = plan_of(&[first.clone(), second.clone()], &[v.clone()]);
        assert_eq!(p.pairs.len(), 1);
        assert_eq!(p.pairs[0].request_id, second.id);
        assert_eq!(
            p.left_out,
            vec![LeftOut {
                request_id: first.id,
                shortfall: Shortfall::NeededElsewhere { capable: 1 },
            }]
        );
        // Greedy hands her to whoever asks first.
        let g = greedy(
            &[first.clone(), second],
            &[v],
            &TalentCatalog::empty(),
            &MatchConfig::default(),
            today(),
        );
        assert_eq!(g, vec![(first.id, id(1))]);
    }

    #[test]
    fn shortfalls_explain_themselves_in_dutch() {
        let cases = [
            (Shortfall::NoOneWithinReach, "niemand woont dichtbij genoeg"),
            (
                Shortfall::NoOneAvailable,
                "niemand in de buurt kan op het gevraagde moment",
            ),
            (
                Shortfall::NoVogHolder,
                "niemand in de buurt met een geldige VOG kan dan",
            ),
            (
                Shortfall::AllAtCapacity,
                "alle geschikte vrijwilligers zitten aan hun maximum",
            ),
            (
                Shortfall::NeededElsewhere { capable: 1 },
                "de enige geschikte vrijwilliger is in dit voorstel elders nodig",
            ),
            (
                Shortfall::NeededElsewhere { capable: 2 },
                "de 2 geschikte vrijwilligers zijn in dit voorstel nodig voor andere hulpvragen",
            ),
        ];
        for (shortfall, text) in cases {
            assert_eq!(shortfall.reason_nl(), text);
        }
    }

    #[test]
    fn filters_one_by_one_agree_with_the_engine() {
        let config = MatchConfig::default();
        let setting = Setting {
            catalog: &TalentCatalog::empty(),
            config: &config,
            today: today(),
        };
        let mut r = request(1);
        r.requires_vog = true;
        let mut pool = Vec::new();
        for (n, (place, travel, grid, vog, active)) in [
            (BEILEN, 15.0, tue_pm(), Vog::valid(today()), 0),
            (SMILDE, 8.0, tue_pm(), Vog::valid(today()), 0),
            (SMILDE, 12.0, tue_pm(), Vog::valid(today()), 1),
            (
                WESTERBORK,
                15.0,
                AvailabilityGrid::empty(),
                Vog::valid(today()),
                0,
            ),
            (WESTERBORK, 15.0, tue_pm(), Vog::default(), 0),
            (BEILEN, f64::NAN, tue_pm(), Vog::valid(today()), 0),
        ]
        .into_iter()
        .enumerate()
        {
            let mut v = volunteer(n as u128 + 1);
            (v.location, v.max_distance_km, v.availability, v.vog) = (place, travel, grid, vog);
            v.active_matches = active;
            pool.push(v);
        }
        pool.push(volunteer(999));
        let pool_ref = Pool::new(&pool);
        let filters = Filters::new(&r, pool_ref.reach_km, &setting);
        for v in &pool {
            let engine = filter_reason(&r, v, &config, today());
            assert_eq!(filters.eligible(v), engine.is_none(), "{v:?}");
            let far = matches!(engine, Some(Exclusion::TooFar { .. }));
            if far {
                assert!(!filters.within_reach(v));
            }
        }
        assert_eq!(filters.count_eligible(&pool), 1);
    }

    #[test]
    fn repeated_ids_count_once() {
        let r = request(1);
        let v = volunteer(1);
        let mut twin = volunteer(1);
        twin.max_active_matches = 5; // ignored: the first with this id counts
        let p = plan_of(&[r.clone(), r.clone()], &[v, twin]);
        assert_eq!(p.pairs.len(), 1);
        assert!(p.left_out.is_empty());
        assert_eq!(p.pairs[0].eligible, 1);
    }

    #[test]
    fn equal_volunteers_go_by_id_whatever_the_pool_order() {
        let pool = vec![volunteer(7), volunteer(3), volunteer(5)];
        let p = plan_of(&[request(1), request(2)], &pool);
        let chosen: Vec<Uuid> = p.pairs.iter().map(|p| p.candidate.volunteer_id).collect();
        assert_eq!(chosen, vec![id(3), id(5)]);
        let mut reversed = pool.clone();
        reversed.reverse();
        assert_eq!(plan_of(&[request(1), request(2)], &reversed), p);
        // The second request's first suggestion (3) went to the first request.
        let second = &p.pairs[1];
        assert_eq!(second.rank, 2);
        assert_eq!(
            second.instead_of,
            Some(Displaced {
                volunteer_id: id(3),
                score: p.pairs[0].candidate.score,
                serves: vec![request(1).id],
            })
        );
    }

    #[test]
    fn pair_costs_order_by_score_then_position() {
        let unit = 100;
        assert!(pair_cost(0.9, 5, unit) < pair_cost(0.8, 0, unit));
        assert!(pair_cost(0.8, 0, unit) < pair_cost(0.8, 1, unit));
        assert_eq!(pair_cost(1.0, 0, unit), 0);
        assert_eq!(pair_cost(0.0, 0, unit), 1_000_000_000 * 100);
        // Out-of-range scores count as the nearest bound, NaN as the worst.
        assert_eq!(pair_cost(1.5, 0, unit), 0);
        assert_eq!(pair_cost(f64::NAN, 0, unit), pair_cost(0.0, 0, unit));
    }

    #[test]
    fn an_empty_week() {
        let p = plan_of(&[], &[volunteer(1)]);
        assert_eq!(
            p,
            Plan {
                pairs: vec![],
                left_out: vec![],
                total_score: 0.0,
                one_by_one: 0,
            }
        );
    }
}
