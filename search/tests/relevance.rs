//! Relevance on the fixture corpus: Dutch queries as residents and volunteers type
//! them, with the posts a person would expect, scored with nDCG@10 and recall@10
//! for both compound strategies. Thresholds sit just below the measured figures so
//! that a regression fails. Run with `--nocapture` to see the table.

mod fixtures;

use search::{CompoundStrategy, SearchIndex, SearchQuery};

/// nDCG@k with binary relevance.
fn ndcg(ranked: &[&str], relevant: &[&str], k: usize) -> f64 {
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .filter(|(_, key)| relevant.contains(key))
        .map(|(i, _)| 1.0 / ((i + 2) as f64).log2())
        .sum();
    let ideal: f64 = (0..relevant.len().min(k))
        .map(|i| 1.0 / ((i + 2) as f64).log2())
        .sum();
    dcg / ideal
}

/// recall@k.
fn recall(ranked: &[&str], relevant: &[&str], k: usize) -> f64 {
    let found = relevant
        .iter()
        .filter(|r| ranked.iter().take(k).any(|k| k == *r))
        .count();
    found as f64 / relevant.len() as f64
}

/// Mean nDCG@10 and recall@10 of `strategy`; prints a line per query when `verbose`.
fn measure(strategy: CompoundStrategy, verbose: bool) -> (f64, f64) {
    let index = SearchIndex::in_memory_with(strategy).unwrap();
    index.rebuild(fixtures::posts(), 0).unwrap();
    let (mut n, mut r) = (0.0, 0.0);
    for (text, relevant) in fixtures::JUDGEMENTS {
        for key in *relevant {
            fixtures::id(key); // panics on a typo in the judgements
        }
        let res = index
            .search(&SearchQuery {
                limit: 10,
                ..SearchQuery::text(*text)
            })
            .unwrap();
        let ranked: Vec<&str> = res.hits.iter().map(|h| fixtures::key(h.id)).collect();
        let (qn, qr) = (ndcg(&ranked, relevant, 10), recall(&ranked, relevant, 10));
        if verbose && (qn < 0.999 || qr < 0.999) {
            println!(
                "  {qn:.3} {qr:.3}  {text:?} -> {:?}",
                &ranked[..ranked.len().min(6)]
            );
        }
        n += qn;
        r += qr;
    }
    let q = fixtures::JUDGEMENTS.len() as f64;
    (n / q, r / q)
}

#[test]
fn relevance_on_the_fixture_corpus() {
    assert!(fixtures::JUDGEMENTS.len() >= 40);
    println!(
        "{} queries, {} posts; imperfect queries (nDCG recall query -> top 6):",
        fixtures::JUDGEMENTS.len(),
        fixtures::RAW.len()
    );
    let (dn, dr) = measure(CompoundStrategy::Decompound, true);
    let (gn, gr) = measure(CompoundStrategy::Ngram, false);
    println!("decompound: nDCG@10 {dn:.3}  recall@10 {dr:.3}");
    println!("ngram:      nDCG@10 {gn:.3}  recall@10 {gr:.3}");
    // Measured: decompound 0.962 / 0.964, ngram 0.898 / 0.882.
    assert!(dn >= 0.95, "nDCG@10 {dn:.3} fell below 0.95");
    assert!(dr >= 0.95, "recall@10 {dr:.3} fell below 0.95");
    assert!(
        dn >= gn,
        "the default strategy must rank at least as well as the other"
    );
}
