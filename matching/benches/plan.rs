//! Weekly plan throughput: 500 open requests and 5,000 volunteers in a Midden-Drenthe-like
//! area (villages around Beilen, about 30 × 30 km), against the greedy baseline. Run
//! with `cargo bench -p matching --bench plan -- --warm-up-time 1 --measurement-time 5`.
//! The target is under one second per plan on a 2-core machine.

use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use matching::{
    evaluate, greedy, plan, DayPart, GeoPoint, MatchConfig, PostKind, RequestProfile, Schedule,
    Shortfall, TalentCatalog, Vog, VogStatus, VolunteerProfile,
};

const TALENTS: [&str; 12] = [
    "hond-uitlaten",
    "wandelen",
    "tuinieren",
    "klussen",
    "pc-hulp",
    "administratie",
    "koken",
    "boodschappen",
    "vervoer",
    "voorlezen",
    "gezelschap",
    "fietsen",
];
const CATEGORIES: [&str; 6] = [
    "maatje",
    "bezoekwerk",
    "klussen",
    "computerhulp",
    "tuin",
    "boodschappen",
];

/// Village centroids of Midden-Drenthe with a rough weight for their size.
const VILLAGES: [(f64, f64, u64); 14] = [
    (52.8633, 6.5139, 30), // Beilen
    (52.8500, 6.6083, 10), // Westerbork
    (52.9535, 6.4526, 12), // Smilde
    (52.9781, 6.4742, 10), // Bovensmilde
    (52.9203, 6.5464, 6),  // Hooghalen
    (52.8147, 6.5178, 4),  // Wijster
    (52.8939, 6.4983, 3),  // Hijken
    (52.8842, 6.6456, 2),  // Elp
    (52.8480, 6.6630, 2),  // Orvelte
    (52.8040, 6.4690, 2),  // Spier
    (52.8190, 6.5450, 2),  // Drijber
    (52.9036, 6.3972, 3),  // Hoogersmilde
    (52.8140, 6.6340, 2),  // Mantinge
    (52.8136, 6.6592, 2),  // Witteveen
];

#[path = "support/mod.rs"]
mod support;
use support::{today, Rng};

/// Mostly a village centroid (weighted by size), sometimes anywhere in the
/// 30 × 30 km square around Beilen (farms and hamlets).
fn place(rng: &mut Rng) -> GeoPoint {
    if rng.chance(0.2) {
        // 15 km is 0.135° of latitude and 0.223° of longitude here.
        return GeoPoint::new(
            rng.range(52.87 - 0.135, 52.87 + 0.135),
            rng.range(6.53 - 0.223, 6.53 + 0.223),
        );
    }
    let total: u64 = VILLAGES.iter().map(|v| v.2).sum();
    let mut n = rng.below(total);
    for &(lat, lon, weight) in &VILLAGES {
        if n < weight {
            return GeoPoint::new(lat, lon);
        }
        n -= weight;
    }
    GeoPoint::new(VILLAGES[0].0, VILLAGES[0].1)
}

fn catalog() -> TalentCatalog {
    TalentCatalog::new([
        ("hond-uitlaten", "hond uitlaten", vec!["wandelen"]),
        ("tuinieren", "tuinieren", vec!["klussen"]),
        ("pc-hulp", "computerhulp", vec!["administratie"]),
        (
            "boodschappen",
            "boodschappen doen",
            vec!["vervoer", "fietsen"],
        ),
        ("voorlezen", "voorlezen", vec!["gezelschap"]),
    ])
}

fn volunteer(rng: &mut Rng) -> VolunteerProfile {
    let max_active_matches = 1 + rng.below(3) as u32;
    let mut past_matches = HashMap::new();
    if rng.chance(0.4) {
        past_matches.insert(rng.pick(&CATEGORIES).to_owned(), 1 + rng.below(5) as u32);
    }
    let vog = match rng.below(4) {
        0 => Vog::default(),
        1 => Vog {
            status: VogStatus::Requested,
            issued_on: None,
        },
        _ => Vog::valid(today() - chrono::Duration::days(rng.below(1300) as i64)),
    };
    VolunteerProfile {
        recent_matches: 0,
        id: rng.uuid(),
        talents: (0..1 + rng.below(3))
            .map(|_| rng.pick(&TALENTS).to_owned())
            .collect(),
        interests: if rng.chance(0.5) {
            vec![rng.pick(&CATEGORIES).to_owned()]
        } else {
            vec![]
        },
        availability: rng.grid(0.3),
        location: place(rng),
        max_distance_km: rng.range(5.0, 25.0),
        active_matches: rng.below(u64::from(max_active_matches) + 1) as u32,
        max_active_matches,
        vog,
        languages: vec!["nl".to_owned()],
        past_matches,
        declined: HashSet::new(),
    }
}

fn request(rng: &mut Rng) -> RequestProfile {
    let schedule = match rng.below(4) {
        0 => Schedule::Flexible,
        1 => Schedule::Once {
            date: today() + chrono::Duration::days(rng.below(7) as i64),
            parts: vec![DayPart::ALL[rng.below(3) as usize]],
        },
        _ => Schedule::Weekly(rng.grid(0.1)),
    };
    RequestProfile {
        id: rng.uuid(),
        kind: PostKind::Request,
        requester_id: rng.uuid(),
        category: rng.pick(&CATEGORIES).to_owned(),
        talents: (0..rng.below(3))
            .map(|_| rng.pick(&TALENTS).to_owned())
            .collect(),
        location: place(rng),
        schedule,
        radius_km: if rng.chance(0.2) {
            Some(rng.range(5.0, 15.0))
        } else {
            None
        },
        requires_vog: rng.chance(0.25),
        languages: vec![],
    }
}

/// Plans once, prints how it compares with greedy, and asserts it covers no fewer.
fn report(name: &str, requests: &[RequestProfile], pool: &[VolunteerProfile]) {
    let (catalog, config) = (catalog(), MatchConfig::default());
    let started = Instant::now();
    let proposal = plan(requests, pool, &catalog, &config, today());
    let once = started.elapsed();
    let baseline = greedy(requests, pool, &catalog, &config, today());
    let baseline_score: f64 = baseline
        .iter()
        .filter_map(|&(r, v)| {
            let request = requests.iter().find(|x| x.id == r)?;
            let volunteer = pool.iter().find(|x| x.id == v)?;
            evaluate(request, volunteer, &catalog, &config, today()).ok()
        })
        .map(|c| c.score)
        .sum();
    let elsewhere = proposal
        .left_out
        .iter()
        .filter(|l| matches!(l.shortfall, Shortfall::NeededElsewhere { .. }))
        .count();
    println!(
        "{name}: {} of {} covered (greedy {}), total score {:.2} (greedy {:.2}), {} below \
         their first suggestion, {} left out ({} needed elsewhere); one run {:.0} ms",
        proposal.pairs.len(),
        requests.len(),
        baseline.len(),
        proposal.total_score,
        baseline_score,
        proposal.pairs.iter().filter(|p| p.rank > 1).count(),
        proposal.left_out.len(),
        elsewhere,
        once.as_secs_f64() * 1e3,
    );
    assert!(proposal.pairs.len() >= baseline.len());
}

fn bench_plan(c: &mut Criterion) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let catalog = catalog();
    let config = MatchConfig::default();
    let pool: Vec<VolunteerProfile> = (0..5_000).map(|_| volunteer(&mut rng)).collect();
    let requests: Vec<RequestProfile> = (0..500).map(|_| request(&mut rng)).collect();
    // A busy week: nine in ten volunteers already at their maximum, so requests
    // compete for the rest and the plan has to move volunteers around.
    let busy: Vec<VolunteerProfile> = pool
        .iter()
        .cloned()
        .map(|mut v| {
            if rng.chance(0.9) {
                v.active_matches = v.max_active_matches;
            }
            v
        })
        .collect();
    report("plan 500 × 5,000", &requests, &pool);
    report("plan 500 × 5,000, busy week", &requests, &busy);

    c.bench_function("plan 500 requests × 5k volunteers", |b| {
        b.iter(|| {
            plan(
                black_box(&requests),
                black_box(&pool),
                &catalog,
                &config,
                today(),
            )
        })
    });
    c.bench_function("plan 500 requests × 5k volunteers, busy week", |b| {
        b.iter(|| {
            plan(
                black_box(&requests),
                black_box(&busy),
                &catalog,
                &config,
                today(),
            )
        })
    });
    c.bench_function("greedy 500 requests × 5k volunteers", |b| {
        b.iter(|| {
            greedy(
                black_box(&requests),
                black_box(&pool),
                &catalog,
                &config,
                today(),
            )
        })
    });
}

criterion_group!(benches, bench_plan);
criterion_main!(benches);
