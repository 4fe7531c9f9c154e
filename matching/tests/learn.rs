//! Learning weights from decisions: ranks and MRR by hand, agreement with the engine,
//! and two synthetic coordinators (one who always picks the closest volunteer, one who
//! always follows the engine).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use matching::{
    fit_weights, mean_reciprocal_rank, rank_of, rank_volunteers, AvailabilityGrid, Breakdown,
    Decision, GeoPoint, MatchConfig, PostKind, RequestProfile, Schedule, Shown, TalentCatalog, Vog,
    VolunteerProfile, Weights,
};
use uuid::Uuid;

/// xorshift64*: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn breakdown(&mut self) -> Breakdown {
        Breakdown {
            talents: self.unit(),
            availability: self.unit(),
            distance: self.unit(),
            load: self.unit(),
            interests: self.unit(),
            experience: self.unit(),
        }
    }

    /// Ten volunteers with random ids and random scores.
    fn list(&mut self) -> Vec<Shown> {
        (0..10)
            .map(|_| Shown {
                volunteer_id: Uuid::from_u64_pair(self.next(), self.next()),
                breakdown: self.breakdown(),
            })
            .collect()
    }
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn shown(n: u128, breakdown: Breakdown) -> Shown {
    Shown {
        volunteer_id: id(n),
        breakdown,
    }
}

fn near(distance: f64) -> Breakdown {
    Breakdown {
        distance,
        ..Breakdown::default()
    }
}

/// 200 decisions of a coordinator who picks with `choose` from ten random volunteers.
fn decisions(seed: u64, choose: impl Fn(&[Shown]) -> Uuid) -> Vec<Decision> {
    let mut rng = Rng(seed);
    (0..200)
        .map(|_| {
            let shown = rng.list();
            let chosen = choose(&shown);
            Decision { shown, chosen }
        })
        .collect()
}

fn closest(shown: &[Shown]) -> Uuid {
    shown
        .iter()
        .max_by(|a, b| a.breakdown.distance.total_cmp(&b.breakdown.distance))
        .map(|s| s.volunteer_id)
        .unwrap_or_default()
}

/// The engine's first choice with the default weights: best score, ties by lowest id.
fn engines_choice(shown: &[Shown]) -> Uuid {
    let w = Weights::default();
    shown
        .iter()
        .min_by(|a, b| {
            w.score(&b.breakdown)
                .total_cmp(&w.score(&a.breakdown))
                .then(a.volunteer_id.cmp(&b.volunteer_id))
        })
        .map(|s| s.volunteer_id)
        .unwrap_or_default()
}

/// A weight's share of the total: comparable between differently scaled weights.
fn share(w: &Weights, pick: fn(&Weights) -> f64) -> f64 {
    let total = w.talents + w.availability + w.distance + w.load + w.interests + w.experience;
    pick(w) / total
}

#[test]
fn rank_of_breaks_ties_by_volunteer_id() {
    let same = near(0.5);
    let mut decision = Decision {
        shown: vec![shown(3, same), shown(1, same), shown(2, near(0.9))],
        chosen: id(3),
    };
    let w = Weights::default();
    assert_eq!(
        rank_of(&decision, &w),
        Some(3),
        "behind 2 (nearer) and 1 (lower id)"
    );
    decision.chosen = id(1);
    assert_eq!(rank_of(&decision, &w), Some(2));
    decision.chosen = id(2);
    assert_eq!(rank_of(&decision, &w), Some(1));
    // With only talents weighing, everyone ties (all talents 0): pure id order.
    let talents_only = Weights {
        talents: 1.0,
        availability: 0.0,
        distance: 0.0,
        load: 0.0,
        interests: 0.0,
        experience: 0.0,
    };
    assert_eq!(rank_of(&decision, &talents_only), Some(2));
    decision.chosen = id(3);
    assert_eq!(rank_of(&decision, &talents_only), Some(3));
}

#[test]
fn rank_of_is_none_when_the_chosen_one_was_not_shown() {
    let decision = Decision {
        shown: vec![shown(1, near(0.5))],
        chosen: id(9),
    };
    assert_eq!(rank_of(&decision, &Weights::default()), None);
    let empty = Decision {
        shown: vec![],
        chosen: id(9),
    };
    assert_eq!(rank_of(&empty, &Weights::default()), None);
}

#[test]
fn mean_reciprocal_rank_of_hand_made_decisions() {
    let list = vec![
        shown(1, near(0.9)),
        shown(2, near(0.5)),
        shown(3, near(0.1)),
    ];
    let pick = |n: u128| Decision {
        shown: list.clone(),
        chosen: id(n),
    };
    let w = Weights::default();
    // Ranks 1, 2, 3 and one not shown: (1 + 1/2 + 1/3 + 0) / 4.
    let decisions = vec![pick(1), pick(2), pick(3), pick(4)];
    let expected = (1.0 + 0.5 + 1.0 / 3.0) / 4.0;
    assert!((mean_reciprocal_rank(&decisions, &w) - expected).abs() < 1e-12);
    assert_eq!(mean_reciprocal_rank(&decisions[..1], &w), 1.0);
    assert_eq!(mean_reciprocal_rank(&[], &w), 0.0);
    // Weights that ignore distance make it an id order, where 1 is still first.
    let no_distance = Weights { distance: 0.0, ..w };
    assert_eq!(mean_reciprocal_rank(&decisions[..1], &no_distance), 1.0);
    assert_eq!(
        mean_reciprocal_rank(&decisions[2..3], &no_distance),
        1.0 / 3.0
    );
}

/// A suggestion list from the engine, recorded as a decision, ranks each volunteer
/// exactly where the engine put them (ties included).
#[test]
fn rank_of_agrees_with_the_engine() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date");
    let beilen = GeoPoint::new(52.8633, 6.5139);
    let request = RequestProfile {
        id: id(1000),
        kind: PostKind::Request,
        requester_id: id(999),
        category: "maatje".into(),
        talents: vec!["hond-uitlaten".into()],
        location: beilen,
        schedule: Schedule::Flexible,
        radius_km: None,
        requires_vog: false,
        languages: vec![],
    };
    // Pairs (2k, 2k + 1) differ only in id, and ids fall as n rises: the engine's
    // id tie-break is exercised.
    let pool: Vec<VolunteerProfile> = (0..12u32)
        .map(|n| {
            let k = n / 2;
            VolunteerProfile {
                id: id(u128::from(100 - n)),
                talents: if k % 3 == 0 {
                    vec!["hond-uitlaten".into()]
                } else {
                    vec![]
                },
                interests: vec![],
                availability: AvailabilityGrid::FULL,
                location: GeoPoint::new(beilen.lat + f64::from(k) * 0.01, beilen.lon),
                max_distance_km: 30.0,
                active_matches: k % 2,
                max_active_matches: 2,
                recent_matches: k % 4,
                vog: Vog::default(),
                languages: vec![],
                past_matches: HashMap::new(),
                declined: HashSet::new(),
            }
        })
        .collect();
    let catalog = TalentCatalog::new([("hond-uitlaten", "hond uitlaten", Vec::<&str>::new())]);
    let config = MatchConfig::default();
    let ranked = rank_volunteers(&request, &pool, &catalog, &config, today, pool.len());
    assert_eq!(ranked.len(), pool.len());
    assert!(ranked.windows(2).any(|pair| pair[0].score == pair[1].score));
    let shown: Vec<Shown> = ranked
        .iter()
        .rev()
        .map(|c| Shown {
            volunteer_id: c.volunteer_id,
            breakdown: c.breakdown,
        })
        .collect();
    for (position, candidate) in ranked.iter().enumerate() {
        let decision = Decision {
            shown: shown.clone(),
            chosen: candidate.volunteer_id,
        };
        assert_eq!(rank_of(&decision, &config.weights), Some(position + 1));
        assert_eq!(config.weights.score(&candidate.breakdown), candidate.score);
    }
}

#[test]
fn learns_that_the_coordinator_picks_the_closest_volunteer() {
    let decisions = decisions(0x5EED_0001, closest);
    let current = Weights::default();
    let fit = fit_weights(&decisions, &current, 5);
    assert_eq!((fit.decisions, fit.folds), (200, 5));
    let distance = |w: &Weights| w.distance;
    assert!(
        share(&fit.weights, distance) > share(&current, distance) + 0.3,
        "{fit:?}"
    );
    for other in [
        fit.weights.talents,
        fit.weights.availability,
        fit.weights.load,
        fit.weights.interests,
        fit.weights.experience,
    ] {
        assert!(fit.weights.distance > other, "{fit:?}");
    }
    assert!(fit.heldout_after >= fit.heldout_before + 0.1, "{fit:?}");
    assert!(fit.train_after >= fit.heldout_after - 0.05, "{fit:?}");
    assert!(
        (fit.heldout_before - mean_reciprocal_rank(&decisions, &current)).abs() < 1e-12,
        "every decision is held out once"
    );
    assert!((fit.train_after - mean_reciprocal_rank(&decisions, &fit.weights)).abs() < 1e-12);
}

#[test]
fn a_coordinator_who_follows_the_engine_leaves_the_weights_alone() {
    let decisions = decisions(0x5EED_0002, engines_choice);
    let current = Weights::default();
    assert_eq!(mean_reciprocal_rank(&decisions, &current), 1.0);
    let fit = fit_weights(&decisions, &current, 5);
    assert_eq!(fit.weights, current);
    assert_eq!(
        (fit.heldout_before, fit.heldout_after, fit.train_after),
        (1.0, 1.0, 1.0)
    );
}

#[test]
fn fitted_weights_are_deterministic_normalised_and_round_trip() {
    let decisions = decisions(0x5EED_0003, closest);
    let fit = fit_weights(&decisions, &Weights::default(), 4);
    assert_eq!(fit, fit_weights(&decisions, &Weights::default(), 4));
    let values = [
        fit.weights.talents,
        fit.weights.availability,
        fit.weights.distance,
        fit.weights.load,
        fit.weights.interests,
        fit.weights.experience,
    ];
    assert!(values.iter().all(|w| w.is_finite() && *w >= 0.0));
    assert_eq!(values.iter().copied().fold(0.0, f64::max), 3.0);
    for w in values {
        assert!(
            ((w * 100.0).round() - w * 100.0).abs() < 1e-9,
            "{w} has 2 decimals"
        );
    }
    // The setting names every criterion with the fitted value.
    let setting = fit.weights.to_setting();
    assert!(setting.starts_with("talents="), "{setting}");
    assert!(setting.contains(&format!("distance={}", fit.weights.distance)));
}

#[test]
fn fewer_decisions_than_folds_is_leave_one_out() {
    let decisions: Vec<Decision> = decisions(0x5EED_0004, closest)
        .into_iter()
        .take(4)
        .collect();
    let fit = fit_weights(&decisions, &Weights::default(), 10);
    assert_eq!((fit.decisions, fit.folds), (4, 4));
}
