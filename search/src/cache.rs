//! Recent search results, kept for the index generation they were found in.
//!
//! Many people ask the same few things (*boodschappen*, *hond uitlaten*) between two
//! commits of the index, and answering from memory skips analysis, scoring, facets
//! and snippets. An entry counts only for the reader generation it was computed
//! with: every commit reloads the reader with a new generation, so a result never
//! outlives the index state it describes.

use std::num::NonZeroUsize;
use std::sync::Mutex;

use lru::LruCache;

use crate::query::{SearchQuery, SearchResults};

/// How many different queries are kept unless the index is told otherwise
/// ([`crate::SearchIndex::with_result_cache`]).
pub const CAPACITY: usize = 512;

/// Results by query, each with the reader generation it was computed in.
pub(crate) struct ResultCache {
    /// None: nothing is kept (capacity 0).
    entries: Option<Mutex<LruCache<String, (u64, SearchResults)>>>,
}

impl ResultCache {
    /// A cache of `capacity` queries; 0 keeps none.
    pub(crate) fn new(capacity: usize) -> ResultCache {
        ResultCache {
            entries: NonZeroUsize::new(capacity).map(|c| Mutex::new(LruCache::new(c))),
        }
    }

    /// The key of a query that may be cached; None for one restricted to given posts
    /// (a saved search's new posts: asked once, never again the same).
    pub(crate) fn key(query: &SearchQuery) -> Option<String> {
        query.only.is_none().then(|| format!("{query:?}"))
    }

    /// The results for `key` found in `generation`, if kept.
    pub(crate) fn get(&self, key: &str, generation: u64) -> Option<SearchResults> {
        let mut entries = self
            .entries
            .as_ref()?
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match entries.get(key) {
            Some((found_in, results)) if *found_in == generation => Some(results.clone()),
            _ => None,
        }
    }

    /// Keeps `results` for `key`, found in `generation`.
    pub(crate) fn put(&self, key: String, generation: u64, results: &SearchResults) {
        let Some(entries) = &self.entries else {
            return;
        };
        let mut entries = entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.put(key, (generation, results.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(total: usize) -> SearchResults {
        SearchResults {
            total,
            hits: Vec::new(),
            facets: Default::default(),
            preference: None,
            places_named: Vec::new(),
            without_topic: false,
        }
    }

    #[test]
    fn an_entry_counts_only_in_its_generation() {
        let cache = ResultCache::new(CAPACITY);
        cache.put("q".into(), 7, &results(3));
        assert_eq!(cache.get("q", 7).map(|r| r.total), Some(3));
        assert!(cache.get("q", 8).is_none(), "a newer index state misses");
        assert!(cache.get("other", 7).is_none());
    }

    #[test]
    fn only_queries_without_a_post_list_are_kept() {
        let mut query = SearchQuery {
            text: "boodschappen".into(),
            ..SearchQuery::default()
        };
        let plain = ResultCache::key(&query);
        query.prefer = vec![crate::PostKind::Offer];
        assert!(
            plain.is_some() && plain != ResultCache::key(&query),
            "the preference is part of the key"
        );
        query.only = Some(Vec::new());
        assert!(ResultCache::key(&query).is_none());
    }

    #[test]
    fn a_cache_of_capacity_zero_keeps_nothing() {
        let cache = ResultCache::new(0);
        cache.put("q".into(), 7, &results(3));
        assert!(cache.get("q", 7).is_none());
    }

    #[test]
    fn the_least_recently_used_query_goes_first() {
        let cache = ResultCache::new(CAPACITY);
        for n in 0..=CAPACITY {
            cache.put(format!("q{n}"), 1, &results(n));
        }
        assert!(cache.get("q0", 1).is_none());
        assert_eq!(
            cache.get(&format!("q{CAPACITY}"), 1).map(|r| r.total),
            Some(CAPACITY)
        );
    }
}
