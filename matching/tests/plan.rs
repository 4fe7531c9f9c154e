//! The weekly plan: on small random weeks it never breaks a filter or a maximum,
//! covers at least as many requests as greedy, equals an exhaustive search, explains
//! itself consistently and is deterministic. Plus the Wijster story.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use matching::{
    filter_reason, greedy, plan, rank_volunteers, AvailabilityGrid, Day, DayPart, Displaced,
    GeoPoint, MatchConfig, Plan, PostKind, RequestProfile, Schedule, Shortfall, TalentCatalog, Vog,
    VogStatus, VolunteerProfile, Weights,
};
use proptest::prelude::*;
use proptest::sample::subsequence;
use uuid::Uuid;

const TALENTS: [&str; 4] = ["hond-uitlaten", "wandelen", "vervoer", "boodschappen"];
const CATEGORIES: [&str; 3] = ["maatje", "vervoer", "boodschappen"];
const REQUESTER: u128 = 7;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
}

fn catalog() -> TalentCatalog {
    TalentCatalog::new([
        ("hond-uitlaten", "hond uitlaten", vec!["wandelen"]),
        ("boodschappen", "boodschappen doen", vec!["vervoer"]),
    ])
}

fn strings(items: Vec<&str>) -> Vec<String> {
    items.into_iter().map(str::to_owned).collect()
}

/// Around Beilen, about 9 × 7 km: most volunteers reach a request, some do not.
fn point() -> impl Strategy<Value = GeoPoint> {
    (52.82f64..52.90, 6.47f64..6.57).prop_map(|(lat, lon)| GeoPoint::new(lat, lon))
}

fn vog() -> impl Strategy<Value = Vog> {
    prop_oneof![
        Just(Vog::default()),
        Just(Vog {
            status: VogStatus::Requested,
            issued_on: None,
        }),
        (0i64..2000).prop_map(|days| Vog::valid(today() - chrono::Duration::days(days))),
    ]
}

/// Monday's three day parts only, so that time overlaps are hit and missed.
fn monday(bits: u32) -> AvailabilityGrid {
    AvailabilityGrid(bits & 0b111)
}

prop_compose! {
    fn volunteer()(
        high in any::<u32>(),
        requester in prop::bool::weighted(0.05),
        talents in subsequence(TALENTS.to_vec(), 0..3),
        interests in subsequence(CATEGORIES.to_vec(), 0..2),
        availability in prop_oneof![1 => 0u32..8, 2 => 4u32..8],
        location in point(),
        max_distance_km in 1.0f64..15.0,
        (max_active_matches, active_matches) in (0u32..=2).prop_flat_map(|max| (Just(max), prop_oneof![2 => Just(0), 1 => 0..=max])),
        vog in vog(),
        past in prop::option::of((prop::sample::select(CATEGORIES.to_vec()), 1u32..4)),
        declined in prop::collection::vec(0u128..7, 0..2),
    ) -> VolunteerProfile {
        VolunteerProfile {
            recent_matches: 0,
            id: Uuid::from_u128(if requester { REQUESTER } else { u128::from(high) << 8 }),
            talents: strings(talents),
            interests: strings(interests),
            availability: monday(availability),
            location,
            max_distance_km,
            active_matches,
            max_active_matches,
            vog,
            languages: vec!["nl".into()],
            past_matches: past.into_iter().map(|(c, n)| (c.to_owned(), n)).collect(),
            declined: declined.into_iter().map(request_id).collect(),
        }
    }
}

fn request_id(n: u128) -> Uuid {
    Uuid::from_u128(1000 + n)
}

/// Up to `max` volunteers with unique ids (the low byte numbers them).
fn pool(max: usize) -> impl Strategy<Value = Vec<VolunteerProfile>> {
    prop::collection::vec(volunteer(), 0..=max).prop_map(|mut pool| {
        for (n, v) in pool.iter_mut().enumerate() {
            if v.id != Uuid::from_u128(REQUESTER) {
                v.id = Uuid::from_u128(v.id.as_u128() | (n as u128 + 16));
            }
        }
        let mut seen = HashSet::new();
        pool.retain(|v| seen.insert(v.id));
        pool
    })
}

prop_compose! {
    fn request()(
        category in prop::sample::select(CATEGORIES.to_vec()),
        talents in subsequence(TALENTS.to_vec(), 0..2),
        location in point(),
        schedule in prop_oneof![3 => (1u32..8).prop_map(|b| Schedule::Weekly(monday(b))), 1 => Just(Schedule::Flexible)],
        radius_km in prop::option::of(2.0f64..15.0),
        requires_vog in prop::bool::weighted(0.3),
    ) -> RequestProfile {
        RequestProfile {
            id: Uuid::nil(),
            kind: PostKind::Request,
            requester_id: Uuid::from_u128(REQUESTER),
            category: category.to_owned(),
            talents: strings(talents),
            location,
            schedule,
            radius_km,
            requires_vog,
            languages: vec![],
        }
    }
}

/// Up to `max` requests, numbered 0, 1, … (the ids volunteers decline).
fn requests(max: usize) -> impl Strategy<Value = Vec<RequestProfile>> {
    prop::collection::vec(request(), 0..=max).prop_map(|mut requests| {
        for (n, r) in requests.iter_mut().enumerate() {
            r.id = request_id(n as u128);
        }
        requests
    })
}

/// Default weights mostly; sometimes all zero, where every score ties.
fn config() -> impl Strategy<Value = MatchConfig> {
    let zero = Weights {
        talents: 0.0,
        availability: 0.0,
        distance: 0.0,
        load: 0.0,
        interests: 0.0,
        experience: 0.0,
    };
    prop_oneof![
        3 => Just(MatchConfig::default()),
        1 => Just(MatchConfig { weights: zero, ..MatchConfig::default() }),
    ]
}

fn plan_for(requests: &[RequestProfile], pool: &[VolunteerProfile], c: &MatchConfig) -> Plan {
    plan(requests, pool, &catalog(), c, today())
}

fn free(v: &VolunteerProfile) -> u32 {
    v.max_active_matches.saturating_sub(v.active_matches)
}

fn volunteer_by_id(pool: &[VolunteerProfile], id: Uuid) -> &VolunteerProfile {
    pool.iter().find(|v| v.id == id).expect("from the pool")
}

/// Pairs per volunteer in the plan.
fn loads(p: &Plan) -> HashMap<Uuid, u32> {
    let mut loads = HashMap::new();
    for pair in &p.pairs {
        *loads.entry(pair.candidate.volunteer_id).or_insert(0) += 1;
    }
    loads
}

/// Exhaustive search over every assignment (each request: nobody or an eligible
/// volunteer with a place left): the most requests covered, then the highest total.
fn best_by_enumeration(
    requests: &[RequestProfile],
    pool: &[VolunteerProfile],
    c: &MatchConfig,
) -> (usize, f64) {
    let options: Vec<Vec<(usize, f64)>> = requests
        .iter()
        .map(|r| {
            pool.iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    let score = matching::evaluate(r, v, &catalog(), c, today()).ok()?.score;
                    Some((i, score))
                })
                .collect()
        })
        .collect();
    let mut places: Vec<u32> = pool.iter().map(free).collect();
    let mut best = (0, 0.0);
    enumerate(&options, 0, &mut places, (0, 0.0), &mut best);
    best
}

fn enumerate(
    options: &[Vec<(usize, f64)>],
    q: usize,
    places: &mut [u32],
    (covered, score): (usize, f64),
    best: &mut (usize, f64),
) {
    if q == options.len() {
        if covered > best.0 || (covered == best.0 && score > best.1) {
            *best = (covered, score);
        }
        return;
    }
    enumerate(options, q + 1, places, (covered, score), best);
    for &(i, s) in &options[q] {
        if places[i] > 0 {
            places[i] -= 1;
            enumerate(options, q + 1, places, (covered + 1, score + s), best);
            places[i] += 1;
        }
    }
}

/// The cumulative counts behind a shortfall, restated with `filter_reason` on a
/// volunteer whose later filters are lifted: reach, + time, + VOG, + capacity.
fn cumulative_counts(r: &RequestProfile, pool: &[VolunteerProfile], c: &MatchConfig) -> [usize; 4] {
    let passes = |v: &VolunteerProfile, keep_time: bool, keep_vog: bool, keep_cap: bool| {
        let mut v = v.clone();
        if !keep_time {
            v.availability = AvailabilityGrid::FULL;
        }
        if !keep_vog {
            v.vog = Vog::valid(today());
        }
        if !keep_cap {
            v.max_active_matches = v.active_matches.saturating_add(1);
        }
        filter_reason(r, &v, c, today()).is_none()
    };
    let count = |t, g, k| pool.iter().filter(|v| passes(v, t, g, k)).count();
    [
        count(false, false, false),
        count(true, false, false),
        count(true, true, false),
        count(true, true, true),
    ]
}

proptest! {
    // Small weeks are cheap (the exhaustive search included): many cases, so that the
    // rarer situations (plan beats greedy's cover, a swap for score) come up often.
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// (1) filters and maxima hold; (2) at least greedy's cover; (3) the exhaustive
    /// optimum; (5) every request exactly once.
    #[test]
    fn the_plan_is_feasible_optimal_and_complete(
        requests in requests(7), pool in pool(7), c in config()
    ) {
        let p = plan_for(&requests, &pool, &c);
        for pair in &p.pairs {
            let r = requests.iter().find(|r| r.id == pair.request_id).expect("a request");
            let v = volunteer_by_id(&pool, pair.candidate.volunteer_id);
            prop_assert_eq!(filter_reason(r, v, &c, today()), None);
        }
        for (id, load) in loads(&p) {
            prop_assert!(load <= free(volunteer_by_id(&pool, id)));
        }
        let baseline = greedy(&requests, &pool, &catalog(), &c, today());
        prop_assert!(p.pairs.len() >= baseline.len());
        prop_assert_eq!(p.one_by_one, baseline.len());
        let (covered, score) = best_by_enumeration(&requests, &pool, &c);
        prop_assert_eq!(p.pairs.len(), covered);
        prop_assert!((p.total_score - score).abs() <= 1e-6, "{} vs {}", p.total_score, score);
        let total: f64 = p.pairs.iter().map(|pair| pair.candidate.score).sum();
        prop_assert!((p.total_score - total).abs() <= 1e-12);
        let mut seen: Vec<Uuid> = p.pairs.iter().map(|pair| pair.request_id)
            .chain(p.left_out.iter().map(|l| l.request_id)).collect();
        seen.sort();
        let mut all: Vec<Uuid> = requests.iter().map(|r| r.id).collect();
        all.sort();
        prop_assert_eq!(seen, all);
    }

    /// Each pair is the request's own suggestion at `rank`, `eligible` counts the
    /// filters, and `instead_of` names the first suggestion and whom it serves.
    #[test]
    fn pairs_explain_themselves(requests in requests(7), pool in pool(7), c in config()) {
        let p = plan_for(&requests, &pool, &c);
        for pair in &p.pairs {
            let r = requests.iter().find(|r| r.id == pair.request_id).expect("a request");
            let ranked = rank_volunteers(r, &pool, &catalog(), &c, today(), pool.len());
            prop_assert_eq!(&ranked[pair.rank - 1], &pair.candidate);
            let eligible = pool.iter().filter(|v| filter_reason(r, v, &c, today()).is_none()).count();
            prop_assert_eq!(pair.eligible, eligible);
            if pair.rank == 1 {
                prop_assert_eq!(&pair.instead_of, &None);
                continue;
            }
            let first = &ranked[0];
            let serves: Vec<Uuid> = p.pairs.iter()
                .filter(|other| other.candidate.volunteer_id == first.volunteer_id)
                .map(|other| other.request_id)
                .collect();
            // Only a full volunteer is a reason to go lower.
            prop_assert!(!serves.is_empty());
            prop_assert_eq!(serves.len() as u32, free(volunteer_by_id(&pool, first.volunteer_id)));
            prop_assert_eq!(pair.instead_of.clone(), Some(Displaced {
                volunteer_id: first.volunteer_id,
                score: first.score,
                serves,
            }));
        }
    }

    /// Each shortfall is the first empty cumulative count; "needed elsewhere" means
    /// every capable volunteer is full in the plan.
    #[test]
    fn left_out_requests_get_the_right_shortfall(requests in requests(7), pool in pool(7), c in config()) {
        let p = plan_for(&requests, &pool, &c);
        let loads = loads(&p);
        for left in &p.left_out {
            let r = requests.iter().find(|r| r.id == left.request_id).expect("a request");
            let [reach, time, vog, capable] = cumulative_counts(r, &pool, &c);
            let expected = if reach == 0 {
                Shortfall::NoOneWithinReach
            } else if time == 0 {
                Shortfall::NoOneAvailable
            } else if vog == 0 {
                Shortfall::NoVogHolder
            } else if capable == 0 {
                Shortfall::AllAtCapacity
            } else {
                Shortfall::NeededElsewhere { capable }
            };
            prop_assert_eq!(left.shortfall, expected);
            if !r.requires_vog {
                prop_assert_ne!(left.shortfall, Shortfall::NoVogHolder);
            }
            for v in pool.iter().filter(|v| filter_reason(r, v, &c, today()).is_none()) {
                prop_assert_eq!(loads.get(&v.id).copied().unwrap_or(0), free(v));
            }
        }
    }

    /// (4) One request: its first suggestion, or left out when it has none.
    #[test]
    fn a_single_request_gets_its_first_suggestion(r in request(), pool in pool(7), c in config()) {
        let mut r = r;
        r.id = request_id(0);
        let p = plan_for(std::slice::from_ref(&r), &pool, &c);
        let first = rank_volunteers(&r, &pool, &catalog(), &c, today(), 1);
        match first.first() {
            Some(best) => {
                prop_assert_eq!(p.pairs.len(), 1);
                prop_assert_eq!(&p.pairs[0].candidate, best);
                prop_assert_eq!(p.pairs[0].rank, 1);
            }
            None => {
                prop_assert!(p.pairs.is_empty());
                prop_assert_eq!(p.left_out.len(), 1);
            }
        }
    }

    /// (6) The same week gives the same plan, whatever the order of the pool.
    #[test]
    fn the_plan_is_deterministic(requests in requests(7), pool in pool(7), c in config()) {
        let p = plan_for(&requests, &pool, &c);
        prop_assert_eq!(&p, &plan_for(&requests, &pool, &c));
        let mut reversed = pool.clone();
        reversed.reverse();
        prop_assert_eq!(&p, &plan_for(&requests, &reversed, &c));
        prop_assert_eq!(
            greedy(&requests, &pool, &catalog(), &c, today()),
            greedy(&requests, &reversed, &catalog(), &c, today())
        );
    }
}

// ---- the Wijster story ---------------------------------------------------------------

const WIJSTER: GeoPoint = GeoPoint::new(52.8147, 6.5178);
const BEILEN: GeoPoint = GeoPoint::new(52.8633, 6.5139);
const DRIJBER: GeoPoint = GeoPoint::new(52.8190, 6.5450);

fn tuesday() -> AvailabilityGrid {
    AvailabilityGrid::on_day(Day::Tue, &DayPart::ALL)
}

fn wijster_request(n: u128, category: &str, location: GeoPoint, vog: bool) -> RequestProfile {
    RequestProfile {
        id: request_id(n),
        kind: PostKind::Request,
        requester_id: Uuid::from_u128(500 + n),
        category: category.into(),
        talents: vec![category.into()],
        location,
        schedule: Schedule::Weekly(tuesday()),
        radius_km: None,
        requires_vog: vog,
        languages: vec![],
    }
}

/// Anneke lives in Wijster, drives, has a VOG and two places free; Bert lives in
/// Beilen, does shopping, has no VOG and one place.
fn anneke_and_bert() -> (VolunteerProfile, VolunteerProfile) {
    let anneke = VolunteerProfile {
        recent_matches: 0,
        id: Uuid::from_u128(0xA),
        talents: vec!["vervoer".into(), "boodschappen".into()],
        interests: vec!["vervoer".into()],
        availability: tuesday(),
        location: WIJSTER,
        max_distance_km: 20.0,
        active_matches: 0,
        max_active_matches: 2,
        vog: Vog::valid(NaiveDate::from_ymd_opt(2025, 3, 1).expect("valid date")),
        languages: vec!["nl".into()],
        past_matches: HashMap::new(),
        declined: HashSet::new(),
    };
    let bert = VolunteerProfile {
        recent_matches: 0,
        id: Uuid::from_u128(0xB),
        talents: vec!["boodschappen".into()],
        interests: vec![],
        location: BEILEN,
        max_distance_km: 10.0,
        max_active_matches: 1,
        vog: Vog::default(),
        ..anneke.clone()
    };
    (anneke, bert)
}

#[test]
fn wijster_the_plan_keeps_the_driver_with_a_vog_for_those_who_need_her() {
    let shopping = wijster_request(1, "boodschappen", WIJSTER, false);
    let ride = wijster_request(2, "vervoer", WIJSTER, true);
    let ride_drijber = wijster_request(3, "vervoer", DRIJBER, true);
    let requests = vec![shopping.clone(), ride.clone(), ride_drijber.clone()];
    let (anneke, bert) = anneke_and_bert();
    let pool = vec![bert.clone(), anneke.clone()];
    let (c, cat) = (MatchConfig::default(), catalog());

    // Anneke is the shopping request's first suggestion; Bert would do.
    let ranked = rank_volunteers(&shopping, &pool, &cat, &c, today(), 5);
    let order: Vec<Uuid> = ranked.iter().map(|v| v.volunteer_id).collect();
    assert_eq!(order, vec![anneke.id, bert.id]);

    // One at a time, Anneke goes to shopping and the second ride; Drijber stays open.
    let baseline = greedy(&requests, &pool, &cat, &c, today());
    assert_eq!(
        baseline,
        vec![(shopping.id, anneke.id), (ride.id, anneke.id)]
    );

    let p = plan(&requests, &pool, &cat, &c, today());
    assert!(p.left_out.is_empty(), "{:?}", p.left_out);
    let chosen: Vec<(Uuid, Uuid, usize)> = p
        .pairs
        .iter()
        .map(|pair| (pair.request_id, pair.candidate.volunteer_id, pair.rank))
        .collect();
    assert_eq!(
        chosen,
        vec![
            (shopping.id, bert.id, 2),
            (ride.id, anneke.id, 1),
            (ride_drijber.id, anneke.id, 1),
        ]
    );
    assert_eq!(p.pairs[0].candidate, ranked[1]);
    assert_eq!(p.pairs[0].eligible, 2);
    assert_eq!(p.pairs[1].eligible, 1);
    assert_eq!(
        p.pairs[0].instead_of,
        Some(Displaced {
            volunteer_id: anneke.id,
            score: ranked[0].score,
            serves: vec![ride.id, ride_drijber.id],
        })
    );
    assert!(p.pairs[1].instead_of.is_none());
}

#[test]
fn wijster_with_one_place_the_second_ride_is_left_out_and_says_why() {
    let (mut anneke, bert) = anneke_and_bert();
    anneke.max_active_matches = 1;
    let requests = vec![
        wijster_request(1, "boodschappen", WIJSTER, false),
        wijster_request(2, "vervoer", WIJSTER, true),
        wijster_request(3, "vervoer", DRIJBER, true),
    ];
    let p = plan(
        &requests,
        &[bert.clone(), anneke.clone()],
        &catalog(),
        &MatchConfig::default(),
        today(),
    );
    let chosen: Vec<(Uuid, Uuid)> = p
        .pairs
        .iter()
        .map(|pair| (pair.request_id, pair.candidate.volunteer_id))
        .collect();
    // Wijster's ride is closer to Anneke than Drijber's, so it scores higher.
    assert_eq!(
        chosen,
        vec![(requests[0].id, bert.id), (requests[1].id, anneke.id)]
    );
    assert_eq!(p.left_out.len(), 1);
    assert_eq!(p.left_out[0].request_id, requests[2].id);
    assert_eq!(
        p.left_out[0].shortfall,
        Shortfall::NeededElsewhere { capable: 1 }
    );
    assert_eq!(
        p.left_out[0].shortfall.reason_nl(),
        "de enige geschikte vrijwilliger is in dit voorstel elders nodig"
    );
}
