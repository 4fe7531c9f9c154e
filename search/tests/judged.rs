//! Relevance on the independent judged set (`tests/judged/`): 225 posts and 162
//! queries written by people who never saw the search engine, the demo data or
//! the fixture corpus, with graded judgements (2 = exactly what is asked,
//! 1 = related). Every third query of each writer is held out: it is only
//! evaluated, never printed per query and never tuned against. Three development
//! parts (70, 85 and 60 questions, written by helper agents: the first from the
//! corpus, the others from personas or a list of needs before reading it) are
//! reported apart, and two check parts (60 questions each, by two more helper
//! agents) are, like the held-out part, only evaluated. Run with `--nocapture` to see the tuning
//! queries that are not yet perfect (`JUDGED_DEV=1`: the development queries too).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Duration, TimeZone, Utc};
use search::{CompoundStrategy, GeoPoint, PostDoc, PostKind, SearchIndex, SearchQuery, Talent};
use serde::Deserialize;
use uuid::Uuid;

/// A part of the judged set: the query files starting with `prefix`.
struct Part {
    prefix: &'static str,
    name: &'static str,
    /// Tuned against (its queries may be printed) or only evaluated (totals only).
    tuned: bool,
    floor: Floor,
}

/// The parts, with floors just below what each scored at the end of the last
/// session that changed the ranking (2026-12-06: held out 0.798 / 0.776, tuning
/// 0.831 / 0.865, development 0.846 / 0.865, 0.801 / 0.815 and 0.752 / 0.784,
/// check 0.764 / 0.801 and 0.721 / 0.740), so that a regression fails.
/// `search/HISTORY.md` has the figures of every session. Issue 14 aims for 0.90 /
/// 0.85 on the held-out part; that is not reached (see the README's search
/// section).
const PARTS: [Part; 7] = [
    Part {
        prefix: "tune-",
        name: "tuning part",
        tuned: true,
        floor: Floor(0.82, 0.86),
    },
    Part {
        prefix: "dev-",
        name: "development part",
        tuned: true,
        floor: Floor(0.84, 0.86),
    },
    Part {
        prefix: "dev2-",
        name: "second development part",
        tuned: true,
        floor: Floor(0.79, 0.80),
    },
    Part {
        prefix: "dev3-",
        name: "third development part",
        tuned: true,
        floor: Floor(0.74, 0.78),
    },
    Part {
        prefix: "check-",
        name: "check part",
        tuned: false,
        floor: Floor(0.75, 0.79),
    },
    Part {
        prefix: "check2-",
        name: "second check part",
        tuned: false,
        floor: Floor(0.71, 0.73),
    },
    Part {
        prefix: "heldout-",
        name: "held-out part",
        tuned: false,
        floor: Floor(0.79, 0.775),
    },
];

/// The three groups of writers, as in the query files' names.
const WRITERS: [&str; 3] = ["residents", "volunteers", "coordinators"];

/// The least nDCG@10 and recall@10 a part of the set must keep.
struct Floor(f64, f64);

impl Floor {
    /// Why `s` is below this floor, if it is.
    fn failure(&self, part: &str, s: &Scores) -> Option<String> {
        let (ndcg, recall) = (self.0, self.1);
        (s.ndcg < ndcg || s.recall < recall).then(|| {
            format!(
                "{part}: {:.3} / {:.3} below {ndcg} / {recall}",
                s.ndcg, s.recall
            )
        })
    }
}

#[derive(Deserialize)]
struct Post {
    key: String,
    author: String,
    kind: PostKind,
    category: String,
    place: String,
    talents: Vec<String>,
    title: String,
    description: String,
    schedule: String,
}

#[derive(Deserialize)]
struct Judged {
    q: String,
    relevant: HashMap<String, u8>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/judged")
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// Files in `dir` whose name starts with `prefix` and ends in `.json`, sorted.
fn files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(".json")
        })
        .collect();
    out.sort();
    out
}

/// Place slug → (name, lat, lon) from the gazetteer the service uses.
fn places() -> HashMap<String, (String, f64, f64)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/data/places.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (slug, name, lat, lon) = (col("slug"), col("name"), col("lat"), col("lon"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[slug].to_owned(),
                (
                    f[name].to_owned(),
                    f[lat].parse().unwrap(),
                    f[lon].parse().unwrap(),
                ),
            )
        })
        .collect()
}

/// Talent slug → Dutch name from the reference data.
fn talent_names() -> HashMap<String, String> {
    #[derive(Deserialize)]
    struct Reference {
        talents: Vec<TalentRef>,
    }
    #[derive(Deserialize)]
    struct TalentRef {
        slug: String,
        name_nl: String,
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/data/reference.json");
    let r: Reference = read_json(&path);
    r.talents.into_iter().map(|t| (t.slug, t.name_nl)).collect()
}

struct Corpus {
    docs: Vec<PostDoc>,
    key_of: HashMap<Uuid, String>,
    /// Post key → the key of the first identical post by the same author (the
    /// search shows such posts once, so they are judged as one).
    canonical: HashMap<String, String>,
}

fn corpus() -> Corpus {
    let places = places();
    let talents = talent_names();
    let epoch = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    let mut docs = Vec::new();
    let mut key_of = HashMap::new();
    let mut canonical = HashMap::new();
    let mut first_of_duplicate: HashMap<u64, String> = HashMap::new();
    let posts = files(&dir(), "corpus-")
        .into_iter()
        .flat_map(|p| read_json::<Vec<Post>>(&p));
    for (i, p) in posts.enumerate() {
        let id = Uuid::from_u128(i as u128 + 1);
        let (place_name, lat, lon) = places
            .get(&p.place)
            .unwrap_or_else(|| panic!("{}: unknown place {}", p.key, p.place))
            .clone();
        docs.push(PostDoc {
            id,
            kind: p.kind,
            title: p.title,
            description: p.description,
            category: p.category,
            talents: p
                .talents
                .iter()
                .map(|slug| Talent {
                    slug: slug.clone(),
                    name: talents.get(slug).cloned().unwrap_or_default(),
                })
                .collect(),
            place: p.place,
            place_name,
            location: Some(GeoPoint { lat, lon }),
            schedule: p.schedule,
            frequency: None,
            author: Some(p.author),
            created_at: epoch + Duration::hours(i as i64),
        });
        let first = first_of_duplicate
            .entry(docs.last().unwrap().duplicate_key())
            .or_insert_with(|| p.key.clone());
        canonical.insert(p.key.clone(), first.clone());
        key_of.insert(id, p.key);
    }
    Corpus {
        docs,
        key_of,
        canonical,
    }
}

/// The gain of a grade: 2^grade − 1.
fn gain(grade: u8) -> f64 {
    f64::from((1u32 << grade) - 1)
}

/// The discount of the `i`-th place (from 0).
fn discount(i: usize) -> f64 {
    (i as f64 + 2.0).log2()
}

/// Discounted cumulative gain of the first `k` grades.
fn dcg(grades: &[u8], k: usize) -> f64 {
    grades
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, &g)| gain(g) / discount(i))
        .sum()
}

/// Graded nDCG@k.
fn ndcg(ranked: &[u8], judged: &HashMap<String, u8>, k: usize) -> f64 {
    let mut ideal: Vec<u8> = judged.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg = dcg(&ideal, k);
    if idcg == 0.0 {
        1.0
    } else {
        dcg(ranked, k) / idcg
    }
}

/// Share of the judged posts (grade 1 or 2) in the top k, out of at most k.
fn recall(ranked: &[u8], judged: &HashMap<String, u8>, k: usize) -> f64 {
    let relevant = judged.values().filter(|&&g| g > 0).count().min(k);
    if relevant == 0 {
        return 1.0;
    }
    let found = ranked.iter().take(k).filter(|&&g| g > 0).count();
    found as f64 / relevant as f64
}

struct Scores {
    queries: usize,
    ndcg: f64,
    recall: f64,
}

/// The kinds each group of writers looks for, as the search route prefers them for
/// a signed-in caller of that role (coordinators: no preference).
fn sought(writer: &str) -> Vec<PostKind> {
    match writer {
        "residents" => vec![PostKind::Offer],
        "volunteers" => vec![PostKind::Request, PostKind::Vacancy],
        _ => Vec::new(),
    }
}

/// Scores on the query files starting with `prefix`; `as_role` searches as the
/// writer's role would (see [`sought`]), otherwise anonymously.
fn evaluate(
    index: &SearchIndex,
    corpus: &Corpus,
    prefix: &str,
    as_role: bool,
    verbose: bool,
) -> Scores {
    let queries: Vec<(Judged, Vec<PostKind>)> = judged_queries(corpus, prefix)
        .into_iter()
        .map(|(writer, j)| (j, if as_role { sought(&writer) } else { Vec::new() }))
        .collect();
    let (mut n_sum, mut r_sum) = (0.0, 0.0);
    for (j, prefer) in &queries {
        let keys = first_keys(index, corpus, &j.q, prefer.clone(), 10);
        let ranked = grades(&keys, j);
        let (n, r) = (
            ndcg(&ranked, &j.relevant, 10),
            recall(&ranked, &j.relevant, 10),
        );
        if verbose && (n < 0.8 || r < 0.8) {
            let mut missed: Vec<(&String, &u8)> = j
                .relevant
                .iter()
                .filter(|(k, _)| !keys.contains(&k.as_str()))
                .collect();
            missed.sort();
            println!(
                "{n:.2} {r:.2} {:?} -> {:?} missed {:?}",
                j.q,
                keys.iter()
                    .zip(&ranked)
                    .map(|(k, g)| format!("{k}:{g}"))
                    .collect::<Vec<_>>(),
                missed
            );
        }
        n_sum += n;
        r_sum += r;
    }
    let q = queries.len().max(1) as f64;
    Scores {
        queries: queries.len(),
        ndcg: n_sum / q,
        recall: r_sum / q,
    }
}

/// The judged queries of the files starting with `prefix`, each with its writers'
/// group (the file name's last part: `residents`, `volunteers`, `coordinators`),
/// identical posts folded into one ([`Corpus::fold_duplicates`]).
fn judged_queries(corpus: &Corpus, prefix: &str) -> Vec<(String, Judged)> {
    files(&dir().join("queries"), prefix)
        .iter()
        .flat_map(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            let writer = name
                .trim_end_matches(".json")
                .rsplit('-')
                .next()
                .unwrap_or_default()
                .to_owned();
            read_json::<Vec<Judged>>(p)
                .into_iter()
                .map(move |j| (writer.clone(), corpus.fold_duplicates(j)))
        })
        .collect()
}

impl Corpus {
    /// Judgements of identical posts folded into one (the highest grade).
    fn fold_duplicates(&self, j: Judged) -> Judged {
        let mut relevant: HashMap<String, u8> = HashMap::new();
        for (k, g) in j.relevant {
            let first = self.canonical.get(&k).cloned().unwrap_or(k);
            let e = relevant.entry(first).or_default();
            *e = (*e).max(g);
        }
        Judged { q: j.q, relevant }
    }
}

fn index_of(corpus: &Corpus, strategy: CompoundStrategy) -> SearchIndex {
    let index = SearchIndex::in_memory_with(strategy).unwrap();
    index.rebuild(corpus.docs.iter().cloned(), 0).unwrap();
    index
}

/// `JUDGED_DEV=1` also prints the development queries that are not yet perfect.
fn verbose_dev() -> bool {
    std::env::var_os("JUDGED_DEV").is_some()
}

#[test]
fn the_judged_set_is_complete_and_consistent() {
    let corpus = corpus();
    assert!(corpus.docs.len() >= 200, "{} posts", corpus.docs.len());
    let keys: Vec<&String> = corpus.key_of.values().collect();
    let mut total = 0;
    for (prefix, least) in [
        ("tune-", 108),
        ("dev-", 70),
        ("dev2-", 85),
        ("dev3-", 60),
        ("check-", 60),
        ("check2-", 60),
        ("heldout-", 54),
    ] {
        let before = total;
        for path in files(&dir().join("queries"), prefix) {
            for j in read_json::<Vec<Judged>>(&path) {
                total += 1;
                assert!(
                    j.relevant.values().any(|&g| g == 2),
                    "{path:?}: a query without a post graded 2"
                );
                for (k, g) in &j.relevant {
                    assert!(keys.contains(&k), "{path:?}: unknown post {k}");
                    assert!((1..=2).contains(g), "{path:?}: grade {g}");
                }
            }
        }
        let part = total - before;
        assert!(part >= least, "{prefix}: {part} queries, expected {least}");
    }
    assert!(total >= 150, "{total} queries");
}

#[test]
fn relevance_on_the_judged_set() {
    let corpus = corpus();
    let index = index_of(&corpus, CompoundStrategy::Decompound);
    println!("tuning queries that are not yet perfect (nDCG recall query -> top 10):");
    let mut failures = Vec::new();
    for part in &PARTS {
        let verbose = part.prefix == "tune-" || (part.tuned && verbose_dev());
        let anonymous = evaluate(&index, &corpus, part.prefix, false, verbose);
        let role = evaluate(&index, &corpus, part.prefix, true, false);
        println!(
            "{}: {} queries, nDCG@10 {:.3}, recall@10 {:.3} (as the writer's role: {:.3} / {:.3})",
            part.name, anonymous.queries, anonymous.ndcg, anonymous.recall, role.ndcg, role.recall
        );
        // Per group of writers: totals only, so that the questions of the parts
        // that are only evaluated are never printed.
        for writer in WRITERS {
            let prefix = format!("{}{writer}", part.prefix);
            let s = evaluate(&index, &corpus, &prefix, false, false);
            let r = evaluate(&index, &corpus, &prefix, true, false);
            println!(
                "  {writer}: nDCG@10 {:.3}, recall@10 {:.3} (as the role: {:.3} / {:.3})",
                s.ndcg, s.recall, r.ndcg, r.recall
            );
        }
        failures.extend(part.floor.failure(part.name, &anonymous));
    }
    let ngram = index_of(&corpus, CompoundStrategy::Ngram);
    let held = evaluate(&ngram, &corpus, "heldout-", false, false);
    println!(
        "held-out part, the ngram strategy: nDCG@10 {:.3}, recall@10 {:.3}",
        held.ndcg, held.recall
    );
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A second grader's judgements of every third tuning query (`second-opinion.json`:
/// 36 queries, all 225 posts graded by a helper agent that saw only the corpus,
/// the query and its writer's group, 2026-12-06). Ordering the posts by the
/// second grader's grades (equal grades in any order: the expected score) and
/// scoring that order on the writers' grades shows how far two careful graders
/// agree: where they do not, no ranking can please both.
#[test]
fn a_second_grader_mostly_agrees_with_the_writers() {
    #[derive(Deserialize)]
    struct Second {
        group: String,
        q: String,
        relevant: HashMap<String, u8>,
    }
    let corpus = corpus();
    let mut posts: Vec<&String> = corpus.canonical.values().collect();
    posts.sort_unstable();
    posts.dedup();
    // The writers' judgements of the tuning queries, by group and query.
    let mut writers: HashMap<(String, String), Judged> = judged_queries(&corpus, "tune-")
        .into_iter()
        .map(|(group, j)| ((group, j.q.clone()), j))
        .collect();
    let seconds: Vec<Second> = read_json(&dir().join("second-opinion.json"));
    let mut by_group: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
    for s in seconds {
        let writer = writers
            .remove(&(s.group.clone(), s.q.clone()))
            .unwrap_or_else(|| panic!("{:?} is no tuning query of {}", s.q, s.group));
        let second = corpus.fold_duplicates(Judged {
            q: s.q,
            relevant: s.relevant,
        });
        by_group.entry(s.group).or_default().push(expected_ndcg(
            &posts,
            &second.relevant,
            &writer.relevant,
        ));
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let all: Vec<f64> = by_group.values().flatten().copied().collect();
    for (group, v) in &by_group {
        println!(
            "second grader's order, {group}: nDCG@10 {:.3} on the writers' grades",
            mean(v)
        );
    }
    println!(
        "second grader's order: nDCG@10 {:.3} over {} queries",
        mean(&all),
        all.len()
    );
    assert_eq!(all.len(), 36);
    // 0.851 on 2026-12-06: residents 0.928, volunteers 0.905, coordinators 0.719
    // (the search scored 0.831 on these queries then, 0.875 as the writer's role).
    assert!(mean(&all) > 0.8, "{:.3}", mean(&all));
}

/// The expected nDCG@10 on `writer`'s grades of `posts` ordered by `second`'s
/// grades, posts of equal grade in random order: each place holds the mean gain
/// of the group of posts that fills it.
fn expected_ndcg(
    posts: &[&String],
    second: &HashMap<String, u8>,
    writer: &HashMap<String, u8>,
) -> f64 {
    let grade_of = |k: &String| gain(writer.get(k).copied().unwrap_or(0));
    let mut place = 0;
    let mut dcg = 0.0;
    for grade in [2, 1, 0] {
        let group: Vec<&&String> = posts
            .iter()
            .filter(|k| second.get(**k).copied().unwrap_or(0) == grade)
            .collect();
        if group.is_empty() {
            continue;
        }
        let mean_gain = group.iter().map(|k| grade_of(k)).sum::<f64>() / group.len() as f64;
        for _ in 0..group.len().min(10usize.saturating_sub(place)) {
            dcg += mean_gain / discount(place);
            place += 1;
        }
    }
    let mut ideal: Vec<u8> = writer.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    dcg / self::dcg(&ideal, 10)
}

/// How far the order of the first 100 results could go with knowledge no
/// question gives (totals only, so the held-out and check questions stay
/// unseen): searching with the kinds of the posts graded 2 preferred, as a
/// signed-in role prefers its kinds; and the first 100 in the best order. The
/// second is high (0.95–0.999 on 2026-12-06), so the posts sought are found and
/// what is left is their order; the test holds it there. The first is only
/// printed: on 2026-12-06 it stayed far below the second (held out 0.842, against
/// 0.798 anonymous and 0.815 as the writer's role; tuning part 0.898), so knowing
/// the side is not enough either.
#[test]
fn the_posts_sought_are_found_and_their_order_is_what_is_left() {
    let corpus = corpus();
    let index = index_of(&corpus, CompoundStrategy::Decompound);
    let kind_of: HashMap<&str, PostKind> = corpus
        .docs
        .iter()
        .map(|d| (corpus.key_of[&d.id].as_str(), d.kind))
        .collect();
    for part in &PARTS {
        let queries = judged_queries(&corpus, part.prefix);
        let (mut known_kinds, mut best_order) = (0.0, 0.0);
        for (_, j) in &queries {
            let mut kinds_graded_2: Vec<PostKind> = j
                .relevant
                .iter()
                .filter(|(_, &g)| g == 2)
                .map(|(k, _)| kind_of[k.as_str()])
                .collect();
            kinds_graded_2.sort_by_key(|k| k.as_str());
            kinds_graded_2.dedup();
            let keys = first_keys(&index, &corpus, &j.q, kinds_graded_2, 10);
            known_kinds += ndcg(&grades(&keys, j), &j.relevant, 10);
            let mut best = grades(&first_keys(&index, &corpus, &j.q, Vec::new(), 100), j);
            best.sort_unstable_by(|a, b| b.cmp(a));
            best_order += ndcg(&best, &j.relevant, 10);
        }
        let n = queries.len().max(1) as f64;
        let (known_kinds, best_order) = (known_kinds / n, best_order / n);
        println!(
            "{}: nDCG@10 knowing the kinds sought {known_kinds:.3}, \
             the first 100 in the best order {best_order:.3}",
            part.name
        );
        assert!(best_order > 0.9, "{}: {best_order:.3}", part.name);
    }
}

/// The keys of the first `limit` posts found for `q`, preferring `prefer` (an
/// identical post by the same author counts as the first of them).
fn first_keys<'c>(
    index: &SearchIndex,
    corpus: &'c Corpus,
    q: &str,
    prefer: Vec<PostKind>,
    limit: usize,
) -> Vec<&'c str> {
    let results = index
        .search(&SearchQuery {
            limit,
            prefer,
            ..SearchQuery::text(q)
        })
        .unwrap();
    results
        .hits
        .iter()
        .map(|h| corpus.canonical[&corpus.key_of[&h.id]].as_str())
        .collect()
}

/// The grades `j` gives `keys` (0 for a post it does not judge); `j` has its
/// duplicates folded ([`Corpus::fold_duplicates`]).
fn grades(keys: &[&str], j: &Judged) -> Vec<u8> {
    keys.iter()
        .map(|k| j.relevant.get(*k).copied().unwrap_or(0))
        .collect()
}
