//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the search crate.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy reported an error.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A file-system operation on the index directory failed.
    #[error("search index directory {path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Another process (or another `SearchIndex`) holds the index writer lock.
    #[error("search index {0} is in use by another process")]
    Locked(PathBuf),
    /// A post cannot be indexed as given.
    #[error("invalid post for the index: {0}")]
    InvalidDocument(String),
    /// A query parameter is out of range.
    #[error("invalid search query: {0}")]
    InvalidQuery(String),
    /// The background writer has stopped (it panicked or the index was closed).
    #[error("search index writer has stopped")]
    WriterGone,
    /// The background writer failed to apply or commit earlier operations.
    #[error("search index writer failed: {0}")]
    Writer(String),
}
