//! Index behaviour on the fixture corpus: filters, distance, facets, snippets,
//! pagination, upserts and removals, the writer's batching, the watermark across a
//! reopen, and recovery from a damaged or foreign index directory.

mod fixtures;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use search::query::haversine_km;
use search::{
    CompoundStrategy, Near, OpenOutcome, PostKind, SearchError, SearchIndex, SearchQuery,
    SearchResults,
};
use uuid::Uuid;

fn corpus() -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    let n = index.rebuild(fixtures::posts(), 1).unwrap();
    assert_eq!(n, fixtures::RAW.len());
    index
}

fn keys(r: &SearchResults) -> Vec<&'static str> {
    r.hits.iter().map(|h| fixtures::key(h.id)).collect()
}

fn all(index: &SearchIndex, mut q: SearchQuery) -> SearchResults {
    q.limit = 100;
    index.search(&q).unwrap()
}

#[test]
fn fixture_is_consistent() {
    assert!(fixtures::RAW.len() >= 60);
    let keys: HashSet<_> = fixtures::RAW.iter().map(|r| r.0).collect();
    assert_eq!(keys.len(), fixtures::RAW.len(), "keys are unique");
    for r in fixtures::RAW {
        assert!(
            fixtures::CATEGORIES.contains(&r.2),
            "{}: category {}",
            r.0,
            r.2
        );
        fixtures::place(r.3);
        for t in r.4 {
            fixtures::talent(t);
        }
    }
}

#[test]
fn empty_text_lists_everything_newest_first() {
    let index = corpus();
    let r = all(&index, SearchQuery::default());
    assert_eq!(r.total, fixtures::RAW.len());
    assert_eq!(r.hits.len(), fixtures::RAW.len());
    assert!(r.hits.windows(2).all(|w| w[0].created_at > w[1].created_at));
    assert_eq!(r.hits[0].id, fixtures::id(fixtures::RAW[0].0));
    assert!(r
        .hits
        .iter()
        .all(|h| h.score == 0.0 && h.distance_km.is_none()));
}

#[test]
fn filters_by_kind_category_and_place() {
    let index = corpus();
    let count = |f: &dyn Fn(&fixtures::Raw) -> bool| fixtures::RAW.iter().filter(|r| f(r)).count();

    let r = all(
        &index,
        SearchQuery {
            kind: Some(PostKind::Offer),
            ..Default::default()
        },
    );
    assert_eq!(r.total, count(&|r| r.1 == PostKind::Offer));
    assert!(r.hits.iter().all(|h| h.kind == PostKind::Offer));

    let r = all(
        &index,
        SearchQuery {
            category: Some("tuin".into()),
            ..Default::default()
        },
    );
    assert_eq!(r.total, count(&|r| r.2 == "tuin"));
    assert!(r.total >= 5 && r.hits.iter().all(|h| h.category == "tuin"));

    let r = all(
        &index,
        SearchQuery {
            place: Some("smilde".into()),
            ..Default::default()
        },
    );
    assert_eq!(r.total, count(&|r| r.3 == "smilde"));
    assert!(r
        .hits
        .iter()
        .all(|h| h.place == "smilde" && h.place_name == "Smilde"));

    // Text and filters together: requests about boodschappen in Smilde only.
    let r = all(
        &index,
        SearchQuery {
            text: "boodschappen".into(),
            kind: Some(PostKind::Request),
            place: Some("smilde".into()),
            ..Default::default()
        },
    );
    assert_eq!(keys(&r), ["boodschappen-smilde"]);

    let r = all(
        &index,
        SearchQuery {
            category: Some("bestaat-niet".into()),
            ..Default::default()
        },
    );
    assert_eq!(r.total, 0);
    assert!(r.hits.is_empty() && r.facets.kinds.is_empty() && r.facets.places.is_empty());
    // The counts per category say what there is instead.
    let every = all(&index, SearchQuery::default());
    assert_eq!(r.facets.categories, every.facets.categories);
}

#[test]
fn only_limits_the_results_to_the_posts_named() {
    let index = corpus();
    let named: Vec<Uuid> = fixtures::RAW
        .iter()
        .take(3)
        .map(|r| fixtures::id(r.0))
        .collect();
    let r = all(
        &index,
        SearchQuery {
            only: Some(named.clone()),
            ..Default::default()
        },
    );
    assert_eq!(r.total, 3);
    assert!(r.hits.iter().all(|h| named.contains(&h.id)));
    // With text and filters as well: only those of the named posts that match.
    let text = all(&index, SearchQuery::text(fixtures::RAW[0].5));
    assert!(text.hits.iter().any(|h| h.id == named[0]));
    let r = all(
        &index,
        SearchQuery {
            only: Some(vec![named[0]]),
            ..SearchQuery::text(fixtures::RAW[0].5)
        },
    );
    assert_eq!(keys(&r), [fixtures::RAW[0].0]);
    let none = all(
        &index,
        SearchQuery {
            only: Some(vec![]),
            ..Default::default()
        },
    );
    assert_eq!(none.total, 0, "no posts named, none found");
}

#[test]
fn within_km_filters_by_exact_distance() {
    let index = corpus();
    let (_, _, lat, lon) = fixtures::place("beilen");
    for within_km in [0.5, 5.0, 8.0, 12.0, 50.0] {
        let r = all(
            &index,
            SearchQuery {
                near: Some(Near {
                    lat,
                    lon,
                    within_km,
                }),
                ..Default::default()
            },
        );
        let expected: HashSet<Uuid> = fixtures::posts()
            .into_iter()
            .filter(|p| {
                let g = p.location.unwrap();
                haversine_km(lat, lon, g.lat, g.lon) <= within_km
            })
            .map(|p| p.id)
            .collect();
        let got: HashSet<Uuid> = r.hits.iter().map(|h| h.id).collect();
        assert_eq!(got, expected, "within {within_km} km");
        assert_eq!(r.total, expected.len());
        for h in &r.hits {
            let d = h.distance_km.expect("distance is returned");
            assert!(d <= within_km + 1e-9, "{} at {d} km", h.place);
        }
    }
    // 5 km around Beilen: Beilen and Drijber; not Wijster (5.2 km) nor Smilde (11 km).
    let r = all(
        &index,
        SearchQuery {
            near: Some(Near {
                lat,
                lon,
                within_km: 5.0,
            }),
            ..Default::default()
        },
    );
    let places: HashSet<&str> = r.hits.iter().map(|h| h.place.as_str()).collect();
    assert!(places.contains("beilen") && places.contains("drijber"));
    assert!(!places.contains("wijster") && !places.contains("smilde"));
    // Distance combines with text.
    let r = all(
        &index,
        SearchQuery {
            text: "boodschappen".into(),
            near: Some(Near {
                lat,
                lon,
                within_km: 5.0,
            }),
            ..Default::default()
        },
    );
    assert!(!r.hits.is_empty());
    assert!(r.hits.iter().all(|h| h.distance_km.unwrap() <= 5.0));
    assert!(!keys(&r).contains(&"boodschappen-smilde"));
}

/// A radius filters like the place filter: it leaves the scores and the order of
/// the posts it keeps as they are (until 2026-12-06 its bounding box was a scored
/// range query that added to every post's relevance, which changed the order).
#[test]
fn a_radius_around_one_village_ranks_as_the_filter_on_that_village() {
    let index = corpus();
    let (_, _, lat, lon) = fixtures::place("beilen");
    for text in [
        "boodschappen",
        "hulp bij de computer",
        "hond uitlaten",
        "vervoer",
    ] {
        let by_place = all(
            &index,
            SearchQuery {
                place: Some("beilen".into()),
                ..SearchQuery::text(text)
            },
        );
        let by_radius = all(
            &index,
            SearchQuery {
                near: Some(Near {
                    lat,
                    lon,
                    within_km: 0.5,
                }),
                ..SearchQuery::text(text)
            },
        );
        assert!(by_place.hits.len() >= 2, "{text}: too few posts to compare");
        assert_eq!(keys(&by_radius), keys(&by_place), "{text}: order");
        let scores = |r: &SearchResults| -> Vec<String> {
            r.hits.iter().map(|h| format!("{:.4}", h.score)).collect()
        };
        assert_eq!(scores(&by_radius), scores(&by_place), "{text}: scores");
        assert_eq!(by_radius.total, by_place.total, "{text}");
        assert_eq!(by_radius.facets, by_place.facets, "{text}");
    }
}

#[test]
fn facets_count_the_whole_result_set() {
    let index = corpus();
    for q in [
        SearchQuery::default(),
        SearchQuery::text("hulp"),
        SearchQuery::text("wandelen"),
        SearchQuery {
            text: "hulp".into(),
            kind: Some(PostKind::Request),
            ..Default::default()
        },
    ] {
        let q = SearchQuery { limit: 3, ..q };
        let r = index.search(&q).unwrap();
        assert!(r.hits.len() <= 3);
        let cats: usize = r.facets.categories.iter().map(|c| c.count).sum();
        let places: usize = r.facets.places.iter().map(|c| c.count).sum();
        assert_eq!(cats, r.total, "{:?}", q.text);
        assert_eq!(places, r.total, "{:?}", q.text);
        assert!(r
            .facets
            .categories
            .windows(2)
            .all(|w| w[0].count >= w[1].count));
    }
    let r = index.search(&SearchQuery::default()).unwrap();
    let tuin = r
        .facets
        .categories
        .iter()
        .find(|c| c.value == "tuin")
        .unwrap();
    assert_eq!(
        tuin.count,
        fixtures::RAW.iter().filter(|r| r.2 == "tuin").count()
    );
    let beilen = r
        .facets
        .places
        .iter()
        .find(|c| c.value == "beilen")
        .unwrap();
    assert_eq!(
        beilen.count,
        fixtures::RAW.iter().filter(|r| r.3 == "beilen").count()
    );
}

#[test]
fn the_counts_per_kind_leave_out_the_kind_chosen() {
    let index = corpus();
    for (text, category) in [
        ("", None),
        ("boodschappen", None),
        ("hond", None),
        ("", Some("boodschappen")),
    ] {
        let any_kind = SearchQuery {
            text: text.into(),
            category: category.map(String::from),
            limit: 100,
            ..Default::default()
        };
        let all_kinds = index.search(&any_kind).unwrap();
        assert!(all_kinds.facets.kinds.len() >= 2, "{text:?}: too few kinds");
        for wanted in [PostKind::Request, PostKind::Offer, PostKind::Vacancy] {
            let q = SearchQuery {
                kind: Some(wanted),
                ..any_kind.clone()
            };
            let r = index.search(&q).unwrap();
            // The counts per kind are those of the search without a kind ...
            assert_eq!(
                r.facets.kinds, all_kinds.facets.kinds,
                "{text:?} {wanted:?}"
            );
            // ... while the results, the total and the other counts hold only that kind.
            let expected = r.facets.kinds.iter().find(|k| k.value == wanted.as_str());
            assert_eq!(
                r.total,
                expected.map_or(0, |k| k.count),
                "{text:?} {wanted:?}"
            );
            assert_eq!(r.hits.len(), r.total.min(100), "{text:?} {wanted:?}");
            assert!(
                r.hits.iter().all(|h| h.kind == wanted),
                "{text:?} {wanted:?}"
            );
            // The counts per category leave out the category chosen in turn.
            let in_categories: usize = match category {
                Some(c) => r
                    .facets
                    .categories
                    .iter()
                    .find(|f| f.value == c)
                    .map_or(0, |f| f.count),
                None => r.facets.categories.iter().map(|c| c.count).sum(),
            };
            assert_eq!(in_categories, r.total, "{text:?} {wanted:?}");
        }
    }
}

#[test]
fn the_counts_per_category_leave_out_the_category_chosen() {
    let index = corpus();
    for (text, kind) in [
        ("", None),
        ("hulp", None),
        ("boodschappen", None),
        ("", Some(PostKind::Request)),
    ] {
        let any_category = SearchQuery {
            text: text.into(),
            kind,
            limit: 100,
            ..Default::default()
        };
        let all = index.search(&any_category).unwrap();
        let counts = &all.facets.categories;
        assert!(counts.len() >= 2, "{text:?}: too few categories");
        for wanted in counts.iter().take(3) {
            let q = SearchQuery {
                category: Some(wanted.value.clone()),
                ..any_category.clone()
            };
            let r = index.search(&q).unwrap();
            let case = format!("{text:?} {kind:?} {}", wanted.value);
            // The counts per category are those of the search without one ...
            assert_eq!(&r.facets.categories, counts, "{case}");
            // ... while the results, the total and the other counts hold only that one.
            assert_eq!(r.total, wanted.count, "{case}");
            assert_eq!(r.hits.len(), r.total.min(100), "{case}");
            assert!(r.hits.iter().all(|h| h.category == wanted.value), "{case}");
            let places: usize = r.facets.places.iter().map(|p| p.count).sum();
            assert_eq!(places, r.total, "{case}");
            let in_kinds: usize = match kind {
                Some(k) => r
                    .facets
                    .kinds
                    .iter()
                    .find(|f| f.value == k.as_str())
                    .map_or(0, |f| f.count),
                None => r.facets.kinds.iter().map(|k| k.count).sum(),
            };
            assert_eq!(in_kinds, r.total, "{case}");
        }
    }
}

fn snippet_of(index: &SearchIndex, text: &str, key: &str) -> String {
    let r = all(index, SearchQuery::text(text));
    r.hits
        .into_iter()
        .find(|h| fixtures::key(h.id) == key)
        .unwrap_or_else(|| panic!("{text:?} does not find {key}"))
        .snippet
}

#[test]
fn snippets_highlight_matched_words() {
    let index = corpus();
    let s = snippet_of(&index, "hond", "hond-beilen");
    assert!(s.contains("<b>hond</b>"), "{s}");
    // A compound is highlighted as a whole when a part matched.
    let s = snippet_of(&index, "boodschappen", "boodschappendienst-vacature");
    assert!(s.contains("<b>boodschappendienst</b>"), "{s}");
    assert!(s.contains("<b>boodschappen</b>"), "{s}");
    // Stemming: the query word's other forms are highlighted.
    let s = snippet_of(&index, "wandelingen", "wandelmaatje-wijster");
    assert!(s.contains("<b>wandeling</b>"), "{s}");
    // A typo highlights the word it matched.
    let s = snippet_of(&index, "boodschapen", "boodschappen-hooghalen");
    assert!(s.contains("<b>boodschappen</b>"), "{s}");
    // Also a typo that is not respelled (respelling keeps the first letter): the
    // indexed words within its distance are marked.
    let s = snippet_of(&index, "oodschappen", "boodschappen-hooghalen");
    assert!(s.contains("<b>boodschappen</b>"), "{s}");
    // Unmatched words are not highlighted.
    let s = snippet_of(&index, "hond", "hond-beilen");
    assert!(!s.contains("<b>labrador</b>"), "{s}");
    // Without text the snippet is the start of the description, without marks.
    let r = index
        .search(&SearchQuery {
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    assert!(
        r.hits[0].snippet.starts_with("Ik ben Inge"),
        "{}",
        r.hits[0].snippet
    );
    assert!(!r.hits[0].snippet.contains("<b>"));
}

#[test]
fn snippets_escape_html() {
    let index = SearchIndex::in_memory().unwrap();
    let mut p = fixtures::posts().remove(0);
    p.description = "<script>alert('hond')</script> & een hond die \"Bobbie\" heet".into();
    index.upsert(&p).unwrap();
    index.flush().unwrap();
    let r = index.search(&SearchQuery::text("hond")).unwrap();
    let s = &r.hits[0].snippet;
    assert!(!s.contains("<script>"), "{s}");
    assert!(s.contains("&lt;script&gt;"), "{s}");
    assert!(s.contains("&amp;"), "{s}");
    assert!(s.contains("<b>hond</b>"), "{s}");
    let r = index.search(&SearchQuery::default()).unwrap();
    assert!(
        r.hits[0].snippet.starts_with("&lt;script&gt;"),
        "{}",
        r.hits[0].snippet
    );
}

#[test]
fn pagination_is_stable_and_complete() {
    let index = corpus();
    for text in ["", "hulp", "hulp bij boodschappen in smilde", "week"] {
        let full = all(&index, SearchQuery::text(text));
        assert!(full.total >= 10, "{text:?}: {}", full.total);
        let mut paged = Vec::new();
        for page in 0.. {
            let q = SearchQuery {
                text: text.into(),
                limit: 7,
                offset: page * 7,
                ..Default::default()
            };
            let r = index.search(&q).unwrap();
            assert_eq!(r.total, full.total);
            if r.hits.is_empty() {
                break;
            }
            assert!(r.hits.len() <= 7);
            paged.extend(r.hits.into_iter().map(|h| h.id));
        }
        let full_ids: Vec<Uuid> = full.hits.iter().map(|h| h.id).collect();
        assert_eq!(paged, full_ids, "{text:?}");
        assert_eq!(
            paged.iter().collect::<HashSet<_>>().len(),
            paged.len(),
            "no duplicates"
        );
        // The same query twice gives the same order.
        let again = all(&index, SearchQuery::text(text));
        assert_eq!(again.hits, full.hits);
    }
    let r = index
        .search(&SearchQuery {
            offset: 1000,
            ..Default::default()
        })
        .unwrap();
    assert!(r.hits.is_empty());
    assert_eq!(r.total, fixtures::RAW.len());
}

#[test]
fn upsert_replaces_without_duplicates() {
    let index = corpus();
    let before = index.num_docs();
    let mut p = fixtures::posts().remove(0);
    p.title = "Wie laat mijn labrador uit op woensdag?".into();
    index.upsert(&p).unwrap();
    index.upsert(&p).unwrap();
    index.flush().unwrap();
    assert_eq!(index.num_docs(), before);
    let r = all(&index, SearchQuery::text("woensdag labrador"));
    assert_eq!(r.hits.iter().filter(|h| h.id == p.id).count(), 1);
    assert_eq!(r.hits[0].id, p.id);
    assert_eq!(r.hits[0].title, p.title);
    let r = all(&index, SearchQuery::text("dinsdagmiddag"));
    assert!(r
        .hits
        .iter()
        .all(|h| h.title != "Wie wil mijn hond uitlaten op dinsdagmiddag?"));
}

#[test]
fn remove_hides_a_post_after_flush() {
    let index = corpus();
    let id = fixtures::id("boodschappen-smilde");
    assert!(keys(&all(&index, SearchQuery::text("boodschappen"))).contains(&"boodschappen-smilde"));
    index.remove(id).unwrap();
    index.remove(Uuid::from_u128(7)).unwrap(); // unknown ids are ignored
    index.flush().unwrap();
    // The same query again: the result kept from before the flush must not come back.
    let r = all(&index, SearchQuery::text("boodschappen"));
    assert!(!r.hits.iter().any(|h| h.id == id));
    assert_eq!(index.num_docs() as usize, fixtures::RAW.len() - 1);
    let r = all(&index, SearchQuery::default());
    assert_eq!(r.total, fixtures::RAW.len() - 1);
}

#[test]
fn writes_become_visible_without_flush() {
    let index = SearchIndex::in_memory().unwrap();
    let p = fixtures::posts().remove(2);
    index.upsert(&p).unwrap();
    let start = Instant::now();
    while index.num_docs() == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "batch commit did not happen"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        index.search(&SearchQuery::text("smilde")).unwrap().hits[0].id,
        p.id
    );
}

#[test]
fn compounds_and_typos_are_found() {
    let index = corpus();
    let finds = |text: &str, key: &str| keys(&all(&index, SearchQuery::text(text))).contains(&key);
    assert!(finds("boodschappen", "boodschappendienst-vacature"));
    assert!(finds("hond", "hondenuitlaat-westerbork"));
    assert!(finds("computer", "computerles-senioren"));
    assert!(finds("hondenuitlaatservice", "hond-beilen"));
    assert!(finds("tuinman", "tuin-winterklaar-beilen"));
    assert!(finds("boodschapen", "boodschappen-smilde"));
    assert!(finds("computr", "computer-virus-witteveen"));
    assert!(finds("repair cafe", "repaircafe-vacature"));
    assert!(finds("SYRIE", "nederlands-oefenen-smilde"));
    // Words under five letters get no typo tolerance.
    assert_eq!(index.search(&SearchQuery::text("hnod")).unwrap().total, 0);
    assert_eq!(index.search(&SearchQuery::text("xyzzy")).unwrap().total, 0);
}

#[test]
fn rebuild_replaces_everything_and_sets_the_watermark() {
    let index = SearchIndex::in_memory().unwrap();
    let mut stray = fixtures::posts().remove(0);
    stray.id = Uuid::from_u128(99);
    index.upsert(&stray).unwrap();
    index.flush().unwrap();
    let posts = fixtures::posts();
    assert_eq!(index.rebuild(posts.clone(), 7).unwrap(), posts.len());
    assert_eq!(index.watermark(), Some(7));
    assert_eq!(index.num_docs() as usize, posts.len());
    assert!(!all(&index, SearchQuery::default())
        .hits
        .iter()
        .any(|h| h.id == stray.id));
    // Rebuilding twice does not duplicate.
    index.rebuild(posts.clone(), 8).unwrap();
    assert_eq!(index.num_docs() as usize, posts.len());
    assert_eq!(index.watermark(), Some(8));
}

#[test]
fn rejects_invalid_queries() {
    let index = SearchIndex::in_memory().unwrap();
    let too_many = SearchQuery {
        limit: 1000,
        ..Default::default()
    };
    assert!(matches!(
        index.search(&too_many),
        Err(SearchError::InvalidQuery(_))
    ));
    let bad_point = SearchQuery {
        near: Some(Near {
            lat: 100.0,
            lon: 6.0,
            within_km: 5.0,
        }),
        ..Default::default()
    };
    assert!(matches!(
        index.search(&bad_point),
        Err(SearchError::InvalidQuery(_))
    ));
}

#[test]
fn watermark_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open_in_dir(dir.path()).unwrap();
        assert_eq!(index.outcome(), &OpenOutcome::Created);
        assert!(index.needs_rebuild());
        assert_eq!(index.watermark(), None);
        for p in fixtures::posts() {
            index.upsert(&p).unwrap();
        }
        index.set_watermark(1_234_567).unwrap();
        index.flush().unwrap();
        assert_eq!(index.watermark(), Some(1_234_567));
        // A later upsert and watermark are committed on drop.
        index.remove(fixtures::id("hond-beilen")).unwrap();
        index.set_watermark(1_234_568).unwrap();
    }
    let index = SearchIndex::open_in_dir(dir.path()).unwrap();
    assert_eq!(index.outcome(), &OpenOutcome::Opened);
    assert!(!index.needs_rebuild());
    assert_eq!(index.watermark(), Some(1_234_568));
    assert_eq!(index.num_docs() as usize, fixtures::RAW.len() - 1);
    let r = index
        .search(&SearchQuery::text("hondenuitlaatservice"))
        .unwrap();
    assert!(keys(&r).contains(&"hondenuitlaat-westerbork"));
}

#[test]
fn a_second_open_of_the_same_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let first = SearchIndex::open_in_dir(dir.path()).unwrap();
    first.rebuild(fixtures::posts(), 3).unwrap();
    let second = SearchIndex::open_in_dir(dir.path());
    assert!(matches!(second, Err(SearchError::Locked(_))), "{second:?}");
    // The first index is untouched.
    assert_eq!(first.num_docs() as usize, fixtures::RAW.len());
    drop(first);
    let again = SearchIndex::open_in_dir(dir.path()).unwrap();
    assert_eq!(again.outcome(), &OpenOutcome::Opened);
    assert_eq!(again.watermark(), Some(3));
}

#[test]
fn a_garbage_directory_is_recreated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("meta.json"), b"{ this is not json").unwrap();
    let segment = dir.path().join("0123456789abcdef0123456789abcdef.idx");
    std::fs::write(&segment, b"garbage").unwrap();
    std::fs::write(dir.path().join("README.txt"), b"not ours").unwrap();
    let index = SearchIndex::open_in_dir(dir.path()).unwrap();
    assert!(
        matches!(index.outcome(), OpenOutcome::Recreated(_)),
        "{:?}",
        index.outcome()
    );
    assert!(index.needs_rebuild());
    assert_eq!(index.num_docs(), 0);
    assert_eq!(index.watermark(), None);
    assert!(!segment.exists(), "tantivy files are wiped");
    assert!(
        dir.path().join("README.txt").exists(),
        "other files are left alone"
    );
    index.rebuild(fixtures::posts(), 5).unwrap();
    assert!(!index
        .search(&SearchQuery::text("hond"))
        .unwrap()
        .hits
        .is_empty());
    drop(index);
    let index = SearchIndex::open_in_dir(dir.path()).unwrap();
    assert_eq!(index.outcome(), &OpenOutcome::Opened);
    assert_eq!(index.watermark(), Some(5));
}

#[test]
fn a_damaged_segment_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open_in_dir(dir.path()).unwrap();
        index.rebuild(fixtures::posts(), 9).unwrap();
    }
    let store = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .expect("a segment store file");
    let mut bytes = std::fs::read(&store).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&store, bytes).unwrap();
    let index = SearchIndex::open_in_dir(dir.path()).unwrap();
    assert!(
        matches!(index.outcome(), OpenOutcome::Recreated(_)),
        "{:?}",
        index.outcome()
    );
    assert_eq!(index.num_docs(), 0);
}

#[test]
fn another_analyzer_version_forces_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open_in_dir(dir.path()).unwrap();
        index.rebuild(fixtures::posts(), 11).unwrap();
    }
    let index = SearchIndex::open_in_dir_with(dir.path(), CompoundStrategy::Ngram).unwrap();
    match index.outcome() {
        OpenOutcome::Recreated(reason) => assert!(reason.contains("version"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert!(index.needs_rebuild());
    assert_eq!(index.num_docs(), 0);
}

#[test]
fn an_index_built_with_other_word_lists_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = SearchIndex::open_in_dir(dir.path()).unwrap();
        index.rebuild(fixtures::posts(), 11).unwrap();
    }
    // As if the lexicon or the compound vocabulary changed since the index was
    // built: the version stored with the commit names other word lists.
    let ours = format!("{:016x}", search::analyzer::word_lists_fingerprint());
    let meta = dir.path().join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    assert!(
        text.contains(&ours),
        "the stored version names the word lists"
    );
    std::fs::write(&meta, text.replace(&ours, "0123456789abcdef")).unwrap();
    let index = SearchIndex::open_in_dir(dir.path()).unwrap();
    match index.outcome() {
        OpenOutcome::Recreated(reason) => assert!(reason.contains("version"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert!(index.needs_rebuild());
    assert_eq!(index.num_docs(), 0);
}

#[test]
fn shared_through_an_arc_across_threads() {
    let index = Arc::new(corpus());
    let writers: Vec<_> = (0..2)
        .map(|t| {
            let index = Arc::clone(&index);
            std::thread::spawn(move || {
                for (i, mut p) in fixtures::posts().into_iter().enumerate().take(20) {
                    p.id = Uuid::from_u128(1_000 + t * 100 + i as u128);
                    index.upsert(&p).unwrap();
                }
            })
        })
        .collect();
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let index = Arc::clone(&index);
            std::thread::spawn(move || {
                for _ in 0..20 {
                    let r = index.search(&SearchQuery::text("hond uitlaten")).unwrap();
                    assert!(r.total >= 4);
                }
            })
        })
        .collect();
    for t in writers.into_iter().chain(readers) {
        t.join().unwrap();
    }
    index.flush().unwrap();
    assert_eq!(index.num_docs() as usize, fixtures::RAW.len() + 40);
}

#[test]
fn a_large_listing_keeps_the_newest_in_order() {
    // More posts than a listing holds before it keeps only the newest, created in
    // a shuffled order, so that the newest arrive early, late and in between.
    let base = fixtures::posts();
    let start = base[0].created_at;
    let posts: Vec<_> = (0..20_000u128)
        .map(|i| {
            let mut p = base[i as usize % base.len()].clone();
            p.id = Uuid::from_u128(i + 1);
            p.author = None;
            let minutes = (i * 7_919) % 20_000;
            p.created_at = start + chrono::Duration::minutes(minutes as i64);
            p
        })
        .collect();
    let mut newest: Vec<_> = posts.iter().map(|p| (p.created_at, p.id)).collect();
    newest.sort_by(|a, b| b.cmp(a));
    let index = SearchIndex::in_memory().unwrap();
    index.rebuild(posts, 1).unwrap();
    for offset in [0, 50, 9_990] {
        let r = index
            .search(&SearchQuery {
                limit: 10,
                offset,
                ..SearchQuery::default()
            })
            .unwrap();
        assert_eq!(r.total, 20_000);
        let ids: Vec<Uuid> = r.hits.iter().map(|h| h.id).collect();
        let want: Vec<Uuid> = newest[offset..offset + 10].iter().map(|p| p.1).collect();
        assert_eq!(ids, want, "offset {offset}");
    }
}

/// *Hoe vaak?*: with a frequency asked for, only posts of that frequency are found,
/// counted and paged, with and without text; a post without one passes no filter.
#[test]
fn a_frequency_filter_finds_only_posts_of_that_frequency() {
    use search::Frequency;
    let frequencies = [
        Some(Frequency::Weekly),
        Some(Frequency::Once),
        Some(Frequency::Flexible),
        None,
    ];
    let posts: Vec<_> = fixtures::posts()
        .into_iter()
        .enumerate()
        .map(|(i, p)| search::PostDoc {
            frequency: frequencies[i % frequencies.len()],
            ..p
        })
        .collect();
    let of: std::collections::HashMap<Uuid, Option<Frequency>> =
        posts.iter().map(|p| (p.id, p.frequency)).collect();
    let index = SearchIndex::in_memory().unwrap();
    index.rebuild(posts, 1).unwrap();
    for text in ["", "boodschappen", "hond"] {
        let everything = all(&index, SearchQuery::text(text));
        assert!(everything.total <= 100, "all hits on one page");
        let mut found = 0;
        for wanted in [Frequency::Weekly, Frequency::Once, Frequency::Flexible] {
            let r = all(
                &index,
                SearchQuery {
                    frequency: Some(wanted),
                    ..SearchQuery::text(text)
                },
            );
            assert!(
                r.hits.iter().all(|h| of[&h.id] == Some(wanted)),
                "{text:?} {wanted:?}: another frequency slipped in"
            );
            let expected = everything
                .hits
                .iter()
                .filter(|h| of[&h.id] == Some(wanted))
                .count();
            assert_eq!(r.total, expected, "{text:?} {wanted:?}");
            let counted: usize = r.facets.kinds.iter().map(|k| k.count).sum();
            assert_eq!(
                counted, expected,
                "{text:?} {wanted:?}: the counts follow the filter"
            );
            found += r.total;
        }
        let without = everything
            .hits
            .iter()
            .filter(|h| of[&h.id].is_none())
            .count();
        assert!(without > 0, "{text:?}: some posts have no frequency");
        assert_eq!(found + without, everything.total, "{text:?}");
    }
}
