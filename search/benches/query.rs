//! Query latency on 100,000 generated posts: a deterministic generator recombines
//! the fixture corpus (titles, sentences, places, categories); the relevance
//! queries run plain and with filters. Prints the index build time and p50/p95
//! per query, then hands a representative subset to criterion.
//!
//! `cargo bench -p search --bench query` (`SEARCH_BENCH_POSTS` overrides the size).

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use std::time::{Duration, Instant};

use chrono::Duration as Age;
use criterion::{black_box, Criterion};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use search::{GeoPoint, Near, PostDoc, PostKind, SearchIndex, SearchQuery};
use uuid::Uuid;

/// Generates `n` posts: a fixture post's title, kind, category and talents with
/// sentences from two or three fixture descriptions, a random village and age.
fn generate(n: usize) -> Vec<PostDoc> {
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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn queries() -> Vec<(String, SearchQuery)> {
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
    out.push((
        "hond, page 5".into(),
        SearchQuery {
            offset: 80,
            ..SearchQuery::text("hond")
        },
    ));
    out
}

fn main() {
    let n: usize = std::env::var("SEARCH_BENCH_POSTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let t = Instant::now();
    let posts = generate(n);
    let generated = t.elapsed();
    let index = SearchIndex::in_memory().expect("index");
    let t = Instant::now();
    index.rebuild(posts, 1).expect("rebuild");
    let built = t.elapsed();
    println!(
        "{n} posts generated in {:.2} s, indexed (rebuild, in memory) in {:.2} s ({:.0} posts/s)",
        generated.as_secs_f64(),
        built.as_secs_f64(),
        n as f64 / built.as_secs_f64()
    );

    let queries = queries();
    let runs = 30;
    let mut all = Vec::new();
    println!(
        "{:<42} {:>8} {:>9} {:>9}",
        "query", "total", "p50 ms", "p95 ms"
    );
    for (name, q) in &queries {
        let mut times = Vec::with_capacity(runs);
        let mut total = 0;
        for _ in 0..runs + 3 {
            let t = Instant::now();
            let r = index.search(black_box(q)).expect("search");
            times.push(t.elapsed());
            total = r.total;
        }
        let mut times = times.split_off(3); // warm-up
        times.sort();
        println!(
            "{:<42} {:>8} {:>9.2} {:>9.2}",
            name,
            total,
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.95).as_secs_f64() * 1e3
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "all {} queries x {runs} runs: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        queries.len(),
        percentile(&all, 0.5).as_secs_f64() * 1e3,
        percentile(&all, 0.95).as_secs_f64() * 1e3,
        all.last().expect("runs").as_secs_f64() * 1e3
    );

    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    let mut group = c.benchmark_group(format!("search_{n}"));
    for (name, q) in queries.iter().filter(|(name, _)| {
        [
            "hond uitlaten",
            "hulp bij boodschappen in smilde",
            "boodschapen",
            "computerles",
            "rijden naar het ziekenhuis",
            "<empty>",
            "hulp, 10 km around Beilen",
        ]
        .contains(&name.as_str())
    }) {
        group.bench_function(name.as_str(), |b| {
            b.iter(|| index.search(black_box(q)).expect("search"))
        });
    }
    group.finish();
    c.final_summary();
}
