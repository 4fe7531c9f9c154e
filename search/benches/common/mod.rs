//! Shared by the benches: the fixture corpus (included by path), a deterministic
//! generator of any number of posts recombined from it, the query set (the judged
//! relevance queries plus filtered ones) and a percentile helper.

#![allow(dead_code)]

#[path = "../../tests/fixtures/mod.rs"]
pub mod fixtures;

use std::time::Duration;

use chrono::Duration as Age;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use search::{GeoPoint, Near, PostDoc, PostKind, SearchQuery};
use uuid::Uuid;

/// Size of the generated corpus unless `SEARCH_BENCH_POSTS` says otherwise.
pub const DEFAULT_POSTS: usize = 100_000;

/// The corpus size: `SEARCH_BENCH_POSTS` or [`DEFAULT_POSTS`].
pub fn corpus_size() -> usize {
    std::env::var("SEARCH_BENCH_POSTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_POSTS)
}

/// Generates `n` posts: a fixture post's title, kind, category and talents with
/// sentences from two or three fixture descriptions, a random village and age.
pub fn generate(n: usize) -> Vec<PostDoc> {
    let mut rng = ChaCha8Rng::seed_from_u64(2025);
    let sentences: Vec<&str> = fixtures::RAW
        .iter()
        .flat_map(|r| r.6.split_inclusive(['.', '?', '!']))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (0..n)
        .map(|i| {
            let raw = fixtures::RAW
                .choose(&mut rng)
                .expect("fixture is not empty");
            let mut p = fixtures::post(raw, Uuid::from_u128(i as u128 + 1), fixtures::epoch());
            let (slug, name, lat, lon) = *fixtures::PLACES.choose(&mut rng).expect("places");
            p.place = slug.into();
            p.place_name = name.into();
            p.location = Some(GeoPoint { lat, lon });
            let k = rng.gen_range(2..=3);
            let mut text: Vec<&str> = vec![raw.6];
            text.extend(sentences.choose_multiple(&mut rng, k));
            text.shuffle(&mut rng);
            p.description = text.join(" ");
            p.created_at = fixtures::epoch() - Age::minutes(rng.gen_range(0..525_600));
            p
        })
        .collect()
}

/// The `p` quantile (0..=1) of `sorted`, nearest rank.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// The query set: every judged relevance query as plain text, then queries without
/// text, with filters, a distance and a deep page. Each with a display name.
pub fn queries() -> Vec<(String, SearchQuery)> {
    let (_, _, lat, lon) = fixtures::place("beilen");
    let mut out: Vec<(String, SearchQuery)> = fixtures::JUDGEMENTS
        .iter()
        .map(|(t, _)| (t.to_string(), SearchQuery::text(*t)))
        .collect();
    out.push(("<empty>".into(), SearchQuery::default()));
    out.push((
        "<empty> offer in smilde".into(),
        SearchQuery {
            kind: Some(PostKind::Offer),
            place: Some("smilde".into()),
            ..Default::default()
        },
    ));
    out.push((
        "hulp, 10 km around Beilen".into(),
        SearchQuery {
            near: Some(Near {
                lat,
                lon,
                within_km: 10.0,
            }),
            ..SearchQuery::text("hulp")
        },
    ));
    out.push((
        "boodschappen, request, category, 5 km".into(),
        SearchQuery {
            kind: Some(PostKind::Request),
            category: Some("boodschappen".into()),
            near: Some(Near {
                lat,
                lon,
                within_km: 5.0,
            }),
            ..SearchQuery::text("boodschappen")
        },
    ));
    // *dichtbij* also finds every post within 5 km of the place: a large union.
    out.push((
        "hond uitlaten dichtbij beilen".into(),
        SearchQuery::text("hond uitlaten dichtbij beilen"),
    ));
    out.push((
        "<empty>, 5 km around Beilen".into(),
        SearchQuery {
            near: Some(Near {
                lat,
                lon,
                within_km: 5.0,
            }),
            ..Default::default()
        },
    ));
    // A kind of help without text: the category is filtered while collecting, so
    // that its counts can leave it out (since 2026-12-07).
    out.push((
        "<empty> in category maatje".into(),
        SearchQuery {
            category: Some("maatje".into()),
            ..Default::default()
        },
    ));
    out.push((
        "<empty> in category maatje, 10 km around Beilen".into(),
        SearchQuery {
            category: Some("maatje".into()),
            near: Some(Near {
                lat,
                lon,
                within_km: 10.0,
            }),
            ..Default::default()
        },
    ));
    out.push((
        "hond, page 5".into(),
        SearchQuery {
            offset: 80,
            ..SearchQuery::text("hond")
        },
    ));
    out
}
