//! Query latency on 100,000 generated posts: the deterministic generator of
//! `common` recombines the fixture corpus (titles, sentences, places, categories);
//! the relevance queries run plain and with filters. Prints the index build time
//! and p50/p95 per query, then hands a representative subset to criterion.
//!
//! `cargo bench -p search --bench query` (`SEARCH_BENCH_POSTS` overrides the size).

mod common;

use std::time::{Duration, Instant};

use common::{corpus_size, generate, percentile, queries};
use criterion::{black_box, Criterion};
use search::SearchIndex;

fn main() {
    let n = corpus_size();
    let t = Instant::now();
    let posts = generate(n);
    let generated = t.elapsed();
    let index = SearchIndex::in_memory()
        .expect("index")
        .with_result_cache(0);
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
