//! Ranking throughput: 100,000 generated volunteers for one request (top 10), and
//! 10,000 generated posts for one volunteer (top 10). Run with `cargo bench -p matching`.

use std::collections::{HashMap, HashSet};
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use matching::{
    rank_posts, rank_volunteers, AvailabilityGrid, Day, DayPart, GeoPoint, MatchConfig, PostKind,
    RequestProfile, Schedule, Slot, TalentCatalog, Vog, VogStatus, VolunteerProfile,
};
use uuid::Uuid;

const TALENTS: [&str; 16] = [
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
    "taalles",
    "muziek",
    "fietsen",
    "schilderen",
    "gezelschap",
    "dieren-verzorgen",
];
const CATEGORIES: [&str; 6] = [
    "maatje",
    "bezoekwerk",
    "klussen",
    "computerhulp",
    "tuin",
    "boodschappen",
];
const LANGUAGES: [&str; 5] = ["nl", "en", "de", "pl", "ar"];

#[path = "support/mod.rs"]
mod support;
use support::{today, Rng};

/// Drenthe, roughly: 52.65–53.20 °N, 6.15–7.10 °E.
fn drenthe(rng: &mut Rng) -> GeoPoint {
    GeoPoint::new(rng.range(52.65, 53.20), rng.range(6.15, 7.10))
}

fn catalog() -> TalentCatalog {
    TalentCatalog::new([
        (
            "hond-uitlaten",
            "hond uitlaten",
            vec!["wandelen", "dieren-verzorgen"],
        ),
        ("tuinieren", "tuinieren", vec!["klussen"]),
        ("pc-hulp", "computerhulp", vec!["administratie"]),
        (
            "boodschappen",
            "boodschappen doen",
            vec!["vervoer", "fietsen"],
        ),
        ("voorlezen", "voorlezen", vec!["taalles", "gezelschap"]),
    ])
}

fn volunteer(rng: &mut Rng) -> VolunteerProfile {
    let n_talents = 1 + rng.below(4) as usize;
    let max_active_matches = 1 + rng.below(3) as u32;
    let mut past_matches = HashMap::new();
    if rng.chance(0.4) {
        past_matches.insert(rng.pick(&CATEGORIES).to_owned(), 1 + rng.below(5) as u32);
    }
    let mut declined = HashSet::new();
    if rng.chance(0.05) {
        declined.insert(rng.uuid());
    }
    let vog = match rng.below(4) {
        0 => Vog::default(),
        1 => Vog {
            status: VogStatus::Requested,
            issued_on: None,
        },
        _ => Vog::valid(today() - chrono::Duration::days(rng.below(1500) as i64)),
    };
    let mut languages = vec!["nl".to_owned()];
    if rng.chance(0.3) {
        languages.push(rng.pick(&LANGUAGES[1..]).to_owned());
    }
    VolunteerProfile {
        id: rng.uuid(),
        talents: (0..n_talents)
            .map(|_| rng.pick(&TALENTS).to_owned())
            .collect(),
        interests: if rng.chance(0.5) {
            vec![rng.pick(&CATEGORIES).to_owned()]
        } else {
            vec![]
        },
        availability: rng.grid(0.3),
        location: drenthe(rng),
        max_distance_km: rng.range(3.0, 25.0),
        active_matches: rng.below(u64::from(max_active_matches) + 1) as u32,
        max_active_matches,
        // Most volunteers had no match lately; the rest exercise the fairness factor.
        recent_matches: if rng.chance(0.3) {
            1 + rng.below(5) as u32
        } else {
            0
        },
        vog,
        languages,
        past_matches,
        declined,
    }
}

fn post(rng: &mut Rng) -> RequestProfile {
    let schedule = match rng.below(4) {
        0 => Schedule::Flexible,
        1 => Schedule::Once {
            date: today() + chrono::Duration::days(rng.below(30) as i64),
            parts: vec![DayPart::ALL[rng.below(3) as usize]],
        },
        _ => Schedule::Weekly(rng.grid(0.15)),
    };
    RequestProfile {
        id: rng.uuid(),
        kind: if rng.chance(0.3) {
            PostKind::Vacancy
        } else {
            PostKind::Request
        },
        requester_id: rng.uuid(),
        category: rng.pick(&CATEGORIES).to_owned(),
        talents: (0..rng.below(3))
            .map(|_| rng.pick(&TALENTS).to_owned())
            .collect(),
        location: drenthe(rng),
        schedule,
        radius_km: if rng.chance(0.3) {
            Some(rng.range(5.0, 20.0))
        } else {
            None
        },
        requires_vog: rng.chance(0.3),
        languages: if rng.chance(0.1) {
            vec![rng.pick(&LANGUAGES[1..]).to_owned()]
        } else {
            vec![]
        },
    }
}

fn dog_walking_in_beilen() -> RequestProfile {
    RequestProfile {
        id: Uuid::from_u128(1),
        kind: PostKind::Request,
        requester_id: Uuid::from_u128(2),
        category: "maatje".into(),
        talents: vec!["hond-uitlaten".into(), "wandelen".into()],
        location: GeoPoint::new(52.8633, 6.5139),
        schedule: Schedule::Weekly(AvailabilityGrid::from_slots([
            Slot {
                day: Day::Tue,
                part: DayPart::Afternoon,
            },
            Slot {
                day: Day::Thu,
                part: DayPart::Morning,
            },
        ])),
        radius_km: None,
        requires_vog: false,
        languages: vec![],
    }
}

fn bench_rank(c: &mut Criterion) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let catalog = catalog();
    let config = MatchConfig::default();
    let pool: Vec<VolunteerProfile> = (0..100_000).map(|_| volunteer(&mut rng)).collect();
    let request = dog_walking_in_beilen();
    let top = rank_volunteers(&request, &pool, &catalog, &config, today(), 10);
    assert_eq!(top.len(), 10);

    c.bench_function("rank_volunteers 100k top10", |b| {
        b.iter(|| {
            rank_volunteers(
                black_box(&request),
                black_box(&pool),
                &catalog,
                &config,
                today(),
                10,
            )
        })
    });
    let mut with_vog = request.clone();
    with_vog.requires_vog = true;
    with_vog.radius_km = Some(10.0);
    c.bench_function("rank_volunteers 100k top10 vog+radius", |b| {
        b.iter(|| {
            rank_volunteers(
                black_box(&with_vog),
                black_box(&pool),
                &catalog,
                &config,
                today(),
                10,
            )
        })
    });
    let mut flexible = request.clone();
    flexible.schedule = Schedule::Flexible;
    c.bench_function("rank_volunteers 100k top10 flexible", |b| {
        b.iter(|| {
            rank_volunteers(
                black_box(&flexible),
                black_box(&pool),
                &catalog,
                &config,
                today(),
                10,
            )
        })
    });

    let posts: Vec<RequestProfile> = (0..10_000).map(|_| post(&mut rng)).collect();
    let mut volunteer = volunteer(&mut rng);
    volunteer.location = GeoPoint::new(52.8633, 6.5139);
    volunteer.max_distance_km = 20.0;
    volunteer.active_matches = 0;
    volunteer.availability = AvailabilityGrid::FULL;
    volunteer.vog = Vog::valid(today());
    assert!(!rank_posts(&volunteer, &posts, &catalog, &config, today(), 10).is_empty());
    c.bench_function("rank_posts 10k top10", |b| {
        b.iter(|| {
            rank_posts(
                black_box(&volunteer),
                black_box(&posts),
                &catalog,
                &config,
                today(),
                10,
            )
        })
    });
}

criterion_group!(benches, bench_rank);
criterion_main!(benches);
