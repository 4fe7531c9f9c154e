//! Property tests: filters hold, scores are bounded and monotone, weights do what they
//! say, ranking is deterministic and equals a full sort, geometry is consistent.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use matching::{
    distance_km, evaluate, evaluate_post, filter_reason, rank_posts, rank_volunteers,
    AvailabilityGrid, BoundingBox, Candidate, Day, DayPart, GeoPoint, MatchConfig, PostKind,
    RequestProfile, Schedule, TalentCatalog, Vog, VogStatus, VolunteerProfile, Weights,
    EARTH_RADIUS_KM,
};
use proptest::prelude::*;
use proptest::sample::subsequence;
use uuid::Uuid;

const TALENTS: [&str; 6] = [
    "hond-uitlaten",
    "wandelen",
    "tuinieren",
    "klussen",
    "pc-hulp",
    "koken",
];
const LANGUAGES: [&str; 4] = ["nl", "pl", "ar", "en"];
const CATEGORIES: [&str; 3] = ["maatje", "tuin", "klussen"];
const REQUEST_ID: u128 = 0xABCD;
const REQUESTER_ID: u128 = 7;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
}

fn catalog() -> TalentCatalog {
    TalentCatalog::new([
        ("hond-uitlaten", "hond uitlaten", vec!["wandelen"]),
        ("tuinieren", "tuinieren", vec!["klussen"]),
        ("pc-hulp", "computerhulp", vec![]),
    ])
}

fn strings(items: Vec<&str>) -> Vec<String> {
    items.into_iter().map(str::to_owned).collect()
}

/// A point in and around Drenthe.
fn point() -> impl Strategy<Value = GeoPoint> {
    (52.6f64..53.2, 6.1f64..7.1).prop_map(|(lat, lon)| GeoPoint::new(lat, lon))
}

fn vog() -> impl Strategy<Value = Vog> {
    (0u8..4, 0i64..2000).prop_map(|(s, days_ago)| match s {
        0 => Vog::default(),
        1 => Vog {
            status: VogStatus::Requested,
            issued_on: None,
        },
        2 => Vog {
            status: VogStatus::Valid,
            issued_on: None,
        },
        _ => Vog::valid(today() - chrono::Duration::days(days_ago)),
    })
}

prop_compose! {
    /// A volunteer; `n` makes the id unique, random high bits randomise the id order.
    fn volunteer(n: u128)(
        high in any::<u64>(),
        requester in prop::bool::weighted(0.05),
        talents in subsequence(TALENTS.to_vec(), 0..4),
        interests in subsequence(vec!["maatje", "tuin", "wandelen"], 0..3),
        availability in prop_oneof![3 => 0u32..(1 << 21), 1 => Just(0u32), 1 => 1u32..8],
        location in point(),
        max_distance_km in 0.0f64..40.0,
        active_matches in 0u32..4,
        max_active_matches in 0u32..5,
        recent_matches in prop_oneof![2 => Just(0u32), 1 => 1u32..12],
        vog in vog(),
        languages in subsequence(LANGUAGES.to_vec(), 0..3),
        past in prop::collection::hash_map(prop::sample::select(CATEGORIES.to_vec()), 0u32..6, 0..3),
        declined in prop::bool::weighted(0.1),
    ) -> VolunteerProfile {
        VolunteerProfile {
            id: if requester { Uuid::from_u128(REQUESTER_ID) } else { Uuid::from_u128((u128::from(high) << 32) | (n + 100)) },
            talents: strings(talents),
            interests: strings(interests),
            availability: AvailabilityGrid(availability),
            location,
            max_distance_km,
            active_matches,
            max_active_matches,
            recent_matches,
            vog,
            languages: strings(languages),
            past_matches: past.into_iter().map(|(c, n)| (c.to_owned(), n)).collect(),
            declined: if declined { [Uuid::from_u128(REQUEST_ID)].into_iter().collect() } else { HashSet::new() },
        }
    }
}

fn pool(max: usize) -> impl Strategy<Value = Vec<VolunteerProfile>> {
    (0..max)
        .prop_flat_map(|len| (0..len as u128).map(volunteer).collect::<Vec<_>>())
        .prop_map(|mut v| {
            // Keep ids unique (at most one "requester").
            let mut seen = HashSet::new();
            v.retain(|p| seen.insert(p.id));
            v
        })
}

fn schedule() -> impl Strategy<Value = Schedule> {
    prop_oneof![
        3 => (1u32..(1 << 21)).prop_map(|g| Schedule::Weekly(AvailabilityGrid(g))),
        1 => (1u32..8).prop_map(|g| Schedule::Weekly(AvailabilityGrid(g << 3))),
        1 => (0i64..30, subsequence(DayPart::ALL.to_vec(), 0..3))
            .prop_map(|(d, parts)| Schedule::Once { date: today() + chrono::Duration::days(d), parts }),
        1 => Just(Schedule::Flexible),
    ]
}

prop_compose! {
    fn request()(
        id in prop_oneof![Just(REQUEST_ID), 1u128..1000],
        vacancy in any::<bool>(),
        category in prop::sample::select(CATEGORIES.to_vec()),
        talents in subsequence(TALENTS.to_vec(), 0..3),
        location in point(),
        schedule in schedule(),
        radius_km in prop::option::of(1.0f64..40.0),
        requires_vog in any::<bool>(),
        languages in subsequence(LANGUAGES.to_vec(), 0..2),
    ) -> RequestProfile {
        RequestProfile {
            id: Uuid::from_u128(id),
            kind: if vacancy { PostKind::Vacancy } else { PostKind::Request },
            requester_id: Uuid::from_u128(REQUESTER_ID),
            category: category.to_owned(),
            talents: strings(talents),
            location,
            schedule,
            radius_km,
            requires_vog,
            languages: strings(languages),
        }
    }
}

fn weights() -> impl Strategy<Value = Weights> {
    (
        0.0f64..5.0,
        0.0f64..5.0,
        0.0f64..5.0,
        0.0f64..5.0,
        0.0f64..5.0,
        0.0f64..5.0,
    )
        .prop_map(
            |(talents, availability, distance, load, interests, experience)| Weights {
                talents,
                availability,
                distance,
                load,
                interests,
                experience,
            },
        )
}

/// A recent-match half: mostly ordinary, sometimes 0 (off) or out of range.
fn recent_half() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 0.1f64..10.0,
        1 => Just(0.0),
        1 => prop_oneof![Just(-1.0), Just(f64::NAN), Just(f64::INFINITY), Just(1e-300)],
    ]
}

fn config() -> impl Strategy<Value = MatchConfig> {
    (
        weights(),
        0.5f64..20.0,
        0.0f64..=1.0,
        1u32..5,
        recent_half(),
    )
        .prop_map(
            |(weights, half, credit, years, recent_match_half)| MatchConfig {
                weights,
                distance_half_km: half,
                related_talent_credit: credit,
                vog_valid_years: years,
                recent_match_half,
            },
        )
}

/// Lifts every hard filter except (optionally) the time overlap, keeping the
/// score-relevant randomness: the volunteer travels far enough, has a place free, a
/// fresh VOG, has not declined and is not the requester.
fn make_eligible(r: &RequestProfile, v: &mut VolunteerProfile, time_too: bool) {
    if v.id == r.requester_id {
        v.id = Uuid::from_u128(4242);
    }
    v.declined.clear();
    v.max_active_matches = v.max_active_matches.max(1);
    v.active_matches = v.active_matches.min(v.max_active_matches - 1);
    v.vog = Vog::valid(today());
    v.max_distance_km = v.max_distance_km.max(distance_km(r.location, v.location));
    if time_too {
        let wanted = r.schedule.wanted_slots().0;
        v.availability = AvailabilityGrid(v.availability.0 | (wanted & wanted.wrapping_neg()));
    }
}

fn volunteer_at(location: GeoPoint) -> VolunteerProfile {
    VolunteerProfile {
        id: Uuid::from_u128(77),
        talents: vec![],
        interests: vec![],
        availability: AvailabilityGrid::FULL,
        location,
        max_distance_km: 100.0,
        active_matches: 0,
        max_active_matches: 1,
        recent_matches: 0,
        vog: Vog::default(),
        languages: vec![],
        past_matches: HashMap::new(),
        declined: HashSet::new(),
    }
}

/// The reference: evaluate everyone, sort fully, truncate.
fn full_sort(
    r: &RequestProfile,
    pool: &[VolunteerProfile],
    c: &MatchConfig,
    k: usize,
) -> Vec<Candidate> {
    let mut all: Vec<Candidate> = pool
        .iter()
        .filter_map(|v| evaluate(r, v, &catalog(), c, today()).ok())
        .collect();
    all.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.volunteer_id.cmp(&b.volunteer_id))
    });
    all.truncate(k);
    all
}

fn rank_of(ranked: &[Candidate], id: Uuid) -> usize {
    ranked
        .iter()
        .position(|c| c.volunteer_id == id)
        .expect("candidate is ranked")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn returned_candidates_never_violate_a_filter(r in request(), pool in pool(40), c in config(), k in 1usize..50) {
        let ranked = rank_volunteers(&r, &pool, &catalog(), &c, today(), k);
        let wanted = r.schedule.wanted_slots();
        for cand in &ranked {
            let v = pool.iter().find(|v| v.id == cand.volunteer_id).expect("from the pool");
            prop_assert_eq!(filter_reason(&r, v, &c, today()), None);
            // Independent restatement of every hard filter.
            prop_assert!(v.id != r.requester_id);
            prop_assert!(!v.declined.contains(&r.id));
            prop_assert!(v.active_matches < v.max_active_matches);
            prop_assert!(!wanted.intersect(v.availability).is_empty());
            if r.requires_vog {
                prop_assert!(v.vog.is_valid_on(today(), c.vog_valid_years));
            }
            let d = distance_km(r.location, v.location);
            prop_assert_eq!(d, cand.distance_km);
            prop_assert!(d <= v.max_distance_km);
            if let Some(radius) = r.radius_km {
                prop_assert!(d <= radius);
            }
        }
        // And nobody eligible is lost (the bounding box drops no one): with k ≥ pool,
        // exactly the volunteers without an exclusion come back.
        let everyone = rank_volunteers(&r, &pool, &catalog(), &c, today(), pool.len().max(1));
        let eligible = pool.iter().filter(|v| filter_reason(&r, v, &c, today()).is_none()).count();
        prop_assert_eq!(everyone.len(), eligible);
    }

    #[test]
    fn ranking_is_deterministic_and_equals_a_full_sort(r in request(), pool in pool(40), c in config(), k in 1usize..50) {
        let ranked = rank_volunteers(&r, &pool, &catalog(), &c, today(), k);
        prop_assert_eq!(&ranked, &full_sort(&r, &pool, &c, k));
        prop_assert_eq!(&ranked, &rank_volunteers(&r, &pool, &catalog(), &c, today(), k));
        let mut reversed = pool.clone();
        reversed.reverse();
        prop_assert_eq!(&ranked, &rank_volunteers(&r, &reversed, &catalog(), &c, today(), k));
        for pair in ranked.windows(2) {
            prop_assert!(pair[0].score > pair[1].score
                || (pair[0].score == pair[1].score && pair[0].volunteer_id < pair[1].volunteer_id));
        }
    }

    /// Mostly eligible pools with a small k, so the heap fills early and the
    /// upper-bound pruning is exercised: the result still equals a full sort.
    #[test]
    fn pruned_top_k_equals_a_full_sort(mut r in request(), mut pool in pool(80), c in config(), k in 1usize..6) {
        r.radius_km = None;
        for v in pool.iter_mut().filter(|v| v.id.as_u128() % 5 != 0) {
            make_eligible(&r, v, true);
        }
        let ranked = rank_volunteers(&r, &pool, &catalog(), &c, today(), k);
        prop_assert_eq!(&ranked, &full_sort(&r, &pool, &c, k));
        let mut posts: Vec<RequestProfile> = Vec::new();
        for (i, v) in pool.iter().enumerate() {
            let mut p = r.clone();
            p.id = Uuid::from_u128(9000 + i as u128);
            p.location = v.location;
            posts.push(p);
        }
        let mut me = pool.first().cloned().unwrap_or_else(|| volunteer_at(r.location));
        make_eligible(&r, &mut me, true);
        me.max_distance_km = 100.0;
        let ranked = rank_posts(&me, &posts, &catalog(), &c, today(), k);
        let mut reference: Vec<_> = posts.iter().filter_map(|p| evaluate_post(&me, p, &catalog(), &c, today()).ok()).collect();
        reference.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.post_id.cmp(&b.post_id)));
        reference.truncate(k);
        prop_assert_eq!(&ranked, &reference);
    }

    #[test]
    fn scores_stay_within_zero_and_one(r in request(), pool in pool(30), c in config()) {
        for cand in rank_volunteers(&r, &pool, &catalog(), &c, today(), 100) {
            let b = cand.breakdown;
            for s in [cand.score, b.talents, b.availability, b.distance, b.load, b.interests, b.experience] {
                prop_assert!((0.0..=1.0).contains(&s), "score {} out of range in {:?}", s, cand);
            }
        }
    }

    /// Load stays in [0, 1] whatever the recent matches and the half, and one more
    /// recent match never raises it.
    #[test]
    fn load_stays_within_zero_and_one(
        mut r in request(), mut v in volunteer(1), c in config(), recent in 0u32..=u32::MAX
    ) {
        r.radius_km = None;
        make_eligible(&r, &mut v, true);
        v.recent_matches = recent;
        let load = |v: &VolunteerProfile| evaluate(&r, v, &catalog(), &c, today()).expect("eligible").breakdown.load;
        let before = load(&v);
        prop_assert!((0.0..=1.0).contains(&before), "load {} for {} recent", before, recent);
        let mut more = v.clone();
        more.recent_matches = recent.saturating_add(1);
        let after = load(&more);
        prop_assert!((0.0..=1.0).contains(&after));
        prop_assert!(after <= before, "{} > {}", after, before);
    }

    #[test]
    fn adding_a_matching_or_related_talent_never_lowers_the_score(
        mut r in request(), mut v in volunteer(1), c in config(), pick in 0usize..10, related in any::<bool>()
    ) {
        r.radius_km = None;
        make_eligible(&r, &mut v, true);
        let before = evaluate(&r, &v, &catalog(), &c, today()).expect("eligible");
        prop_assume!(!r.talents.is_empty());
        let wanted = &r.talents[pick % r.talents.len()];
        let added = if related {
            catalog().related(wanted).first().cloned().unwrap_or_else(|| wanted.clone())
        } else {
            wanted.clone()
        };
        let had_it = v.talents.contains(&added);
        let mut more = v.clone();
        more.talents.push(added);
        let after = evaluate(&r, &more, &catalog(), &c, today()).expect("talents are no filter");
        prop_assert!(after.score >= before.score, "{} < {}", after.score, before.score);
        prop_assert!(after.breakdown.talents >= before.breakdown.talents);
        if !related && !had_it {
            prop_assert!(after.breakdown.talents > before.breakdown.talents);
        }
    }

    #[test]
    fn adding_an_availability_slot_never_lowers_the_score(
        mut r in request(), mut v in volunteer(1), c in config(), bit in 0u32..21
    ) {
        r.radius_km = None;
        make_eligible(&r, &mut v, false);
        let Ok(before) = evaluate(&r, &v, &catalog(), &c, today()) else {
            // Only the time can exclude now; a slot may make the volunteer eligible.
            prop_assert_eq!(filter_reason(&r, &v, &c, today()), Some(matching::Exclusion::NoTimeOverlap));
            return Ok(());
        };
        let mut more = v.clone();
        more.availability = AvailabilityGrid(v.availability.0 | (1 << bit));
        let after = evaluate(&r, &more, &catalog(), &c, today()).expect("more time cannot exclude");
        prop_assert!(after.score >= before.score, "{} < {}", after.score, before.score);
        prop_assert!(after.breakdown.availability >= before.breakdown.availability);
    }

    /// X lives at the request's place (distance score 1); everyone else at least 0.5 km
    /// away. Raising the distance weight never moves X down, and a dominant distance
    /// weight puts X first.
    #[test]
    fn raising_the_distance_weight_never_lowers_the_nearest_volunteer(
        mut r in request(), mut x in volunteer(10_000), others in pool(30), c in config(), extra in 0.1f64..20.0
    ) {
        r.radius_km = None;
        x.location = r.location;
        x.id = Uuid::from_u128(10_000);
        make_eligible(&r, &mut x, true);
        prop_assert_eq!(filter_reason(&r, &x, &c, today()), None);
        let mut pool: Vec<VolunteerProfile> =
            others.into_iter().filter(|o| o.id != x.id && distance_km(o.location, r.location) >= 0.5).collect();
        pool.push(x.clone());
        let before = rank_volunteers(&r, &pool, &catalog(), &c, today(), pool.len());
        let raised = MatchConfig { weights: Weights { distance: c.weights.distance + extra, ..c.weights }, ..c };
        let after = rank_volunteers(&r, &pool, &catalog(), &raised, today(), pool.len());
        prop_assert!(rank_of(&after, x.id) <= rank_of(&before, x.id));
        let dominant = MatchConfig { weights: Weights { distance: 1e6, ..c.weights }, ..c };
        let ranked = rank_volunteers(&r, &pool, &catalog(), &dominant, today(), 1);
        prop_assert_eq!(ranked[0].volunteer_id, x.id);
    }

    /// A and B are identical except that A lives nearer and has one more active match.
    /// A ranks first exactly when w_distance·(a_d − b_d) > w_load·(b_l − a_l).
    #[test]
    fn distance_weight_decides_between_near_and_free(
        r in request(), base in volunteer(1), c in config(), near in 0.0f64..3.0, far in 4.0f64..15.0,
        w_distance in 0.0f64..30.0,
    ) {
        let mut r = r;
        r.radius_km = None;
        let mut a = base.clone();
        a.id = Uuid::from_u128(1);
        a.location = GeoPoint::new(r.location.lat + near / 111.195, r.location.lon);
        a.max_distance_km = 50.0;
        a.max_active_matches = a.max_active_matches.max(2);
        a.active_matches = a.active_matches.min(a.max_active_matches - 2) + 1;
        // A tiny recent-match half could zero both loads; this test is about distance.
        a.recent_matches = 0;
        make_eligible(&r, &mut a, true);
        let mut b = a.clone();
        b.id = Uuid::from_u128(2);
        b.location = GeoPoint::new(r.location.lat - far / 111.195, r.location.lon);
        b.active_matches -= 1;
        let config = MatchConfig { weights: Weights { distance: w_distance, ..c.weights }, ..c };
        let ea = evaluate(&r, &a, &catalog(), &config, today()).expect("eligible");
        let eb = evaluate(&r, &b, &catalog(), &config, today()).expect("eligible");
        // Only distance and load differ.
        prop_assert_eq!(ea.breakdown.talents, eb.breakdown.talents);
        prop_assert_eq!(ea.breakdown.availability, eb.breakdown.availability);
        prop_assert!(ea.breakdown.distance > eb.breakdown.distance);
        prop_assert!(ea.breakdown.load < eb.breakdown.load);
        let margin = w_distance * (ea.breakdown.distance - eb.breakdown.distance)
            - config.weights.load * (eb.breakdown.load - ea.breakdown.load);
        prop_assume!(margin.abs() > 1e-9);
        let pool = vec![b.clone(), a.clone()];
        let ranked = rank_volunteers(&r, &pool, &catalog(), &config, today(), 2);
        let first = ranked[0].volunteer_id;
        prop_assert_eq!(first, if margin > 0.0 { a.id } else { b.id });
        if w_distance == 0.0 && config.weights.load > 0.0 {
            prop_assert_eq!(first, b.id);
        }
    }

    #[test]
    fn distance_is_symmetric_and_bounded(a in point(), b in point(), lat in -90.0f64..90.0, lon in -180.0f64..180.0) {
        prop_assert_eq!(distance_km(a, b), distance_km(b, a));
        let far = GeoPoint::new(lat, lon);
        prop_assert_eq!(distance_km(a, far), distance_km(far, a));
        let d = distance_km(a, far);
        prop_assert!((0.0..=std::f64::consts::PI * EARTH_RADIUS_KM).contains(&d));
        prop_assert_eq!(distance_km(a, a), 0.0);
    }

    #[test]
    fn the_box_holds_every_point_within_its_distance(
        lat in -85.0f64..85.0, lon in -180.0f64..180.0, km in 0.01f64..500.0, bearing in 0.0f64..360.0, frac in 0.0f64..=1.0
    ) {
        let centre = GeoPoint::new(lat, lon);
        let p = destination(centre, bearing, km * frac);
        let bbox = BoundingBox::around(centre, km);
        if distance_km(centre, p) <= km {
            prop_assert!(bbox.contains(p), "{:?} at {} km not in {:?}", p, distance_km(centre, p), bbox);
        }
    }

    #[test]
    fn posts_for_a_volunteer_use_the_same_filters_and_scores(
        v in volunteer(1), posts in prop::collection::vec(request(), 0..30), c in config(), k in 1usize..40
    ) {
        let mut posts = posts;
        for (i, p) in posts.iter_mut().enumerate() {
            p.id = Uuid::from_u128(5000 + i as u128);
        }
        let ranked = rank_posts(&v, &posts, &catalog(), &c, today(), k);
        let mut reference: Vec<_> = posts.iter().filter_map(|p| evaluate_post(&v, p, &catalog(), &c, today()).ok()).collect();
        reference.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.post_id.cmp(&b.post_id)));
        reference.truncate(k);
        prop_assert_eq!(&ranked, &reference);
        for pc in &ranked {
            let post = posts.iter().find(|p| p.id == pc.post_id).expect("from the posts");
            prop_assert_eq!(filter_reason(post, &v, &c, today()), None);
            let forward = evaluate(post, &v, &catalog(), &c, today()).expect("same filters");
            prop_assert_eq!(forward.score, pc.score);
            prop_assert_eq!(forward.breakdown, pc.breakdown);
        }
    }
}

/// Destination point (spherical) `km` from `from` on an initial bearing in degrees.
fn destination(from: GeoPoint, bearing_deg: f64, km: f64) -> GeoPoint {
    let (p1, l1) = (from.lat.to_radians(), from.lon.to_radians());
    let b = bearing_deg.to_radians();
    let a = km / EARTH_RADIUS_KM;
    let p2 = (p1.sin() * a.cos() + p1.cos() * a.sin() * b.cos()).asin();
    let l2 = l1 + (b.sin() * a.sin() * p1.cos()).atan2(a.cos() - p1.sin() * p2.sin());
    let lon = (l2.to_degrees() + 540.0).rem_euclid(360.0) - 180.0;
    GeoPoint::new(p2.to_degrees(), lon)
}

#[test]
fn declined_and_requester_are_filtered_with_their_own_reason() {
    // A deterministic companion to the properties above, exercising the exact ids used.
    let v = VolunteerProfile {
        id: Uuid::from_u128(REQUESTER_ID),
        talents: vec![],
        interests: vec![],
        availability: AvailabilityGrid::FULL,
        location: GeoPoint::new(52.86, 6.51),
        max_distance_km: 10.0,
        active_matches: 0,
        max_active_matches: 1,
        recent_matches: 0,
        vog: Vog::default(),
        languages: vec![],
        past_matches: HashMap::new(),
        declined: [Uuid::from_u128(REQUEST_ID)].into_iter().collect(),
    };
    let r = RequestProfile {
        id: Uuid::from_u128(REQUEST_ID),
        kind: PostKind::Request,
        requester_id: Uuid::from_u128(REQUESTER_ID),
        category: "maatje".into(),
        talents: vec![],
        location: GeoPoint::new(52.86, 6.51),
        schedule: Schedule::Weekly(AvailabilityGrid::on_day(Day::Tue, &[DayPart::Afternoon])),
        radius_km: None,
        requires_vog: false,
        languages: vec![],
    };
    let c = MatchConfig::default();
    assert_eq!(
        filter_reason(&r, &v, &c, today()),
        Some(matching::Exclusion::IsRequester)
    );
    let mut other = v.clone();
    other.id = Uuid::from_u128(1);
    assert_eq!(
        filter_reason(&r, &other, &c, today()),
        Some(matching::Exclusion::AlreadyDeclined)
    );
}
