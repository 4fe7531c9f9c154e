//! Full-text search over published posts (requests, offers, vacancies) for Noaber.
//!
//! A tantivy index with a Dutch analyzer (folding, stemming, compound splitting,
//! typo tolerance), filters (kind, category, place, distance), facet counts and
//! highlighted snippets. One [`SearchIndex`] per process, shared through an `Arc`:
//! writes go through its single background writer; reads run on the caller's thread.
//! No HTTP and no database types: the service feeds [`PostDoc`]s and keeps a
//! database watermark in the index ([`SearchIndex::watermark`]).

#![warn(missing_docs)]

pub mod analyzer;
mod cache;
mod columns;
pub mod compound;
pub mod error;
pub mod index;
pub mod intent;
pub mod lexicon;
pub mod query;
pub mod schema;
pub mod side_model;
mod typos;
pub mod when;

pub use analyzer::CompoundStrategy;
pub use cache::CAPACITY as RESULT_CACHE_CAPACITY;
pub use error::SearchError;
pub use index::{OpenOutcome, SearchIndex};
pub use query::{FacetCount, Facets, Near, Preference, SearchHit, SearchQuery, SearchResults};
pub use schema::{Frequency, GeoPoint, PostDoc, PostKind, Talent};

#[cfg(test)]
mod send_sync {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn search_index_is_send_and_sync() {
        assert_send_sync::<super::SearchIndex>();
    }
}
