//! The index handle: opening (or recreating) the index on disk or in memory, the
//! single background writer that owns the `IndexWriter`, batched commits with the
//! database watermark in the commit payload, and the reader reloaded after each commit.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tantivy::collector::Count;
use tantivy::query::AllQuery;
use tantivy::schema::Term;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError};
use uuid::Uuid;

use crate::analyzer::{self, CompoundStrategy, ANALYZER_VERSION};
use crate::cache::ResultCache;
use crate::columns::ColumnCache;
use crate::error::SearchError;
use crate::schema::{self, Fields, PostDoc, SCHEMA_VERSION};

/// How long the writer collects operations before it commits them.
pub const COMMIT_INTERVAL: Duration = Duration::from_millis(200);
/// Memory budget of the index writer, in bytes.
const WRITER_BUDGET: usize = 50_000_000;
/// Operations that may wait in the writer's queue before senders block.
const QUEUE: usize = 1024;

/// What [`SearchIndex::open_in_dir`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenOutcome {
    /// An existing index of the current version was opened.
    Opened,
    /// There was no index; an empty one was created.
    Created,
    /// The index would not open or had another version; it was wiped and recreated.
    Recreated(String),
}

/// The payload stored with every commit.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    version: String,
    watermark: Option<i64>,
}

/// The version tag of this crate's schema and analyzers for `strategy`.
pub fn version_tag(strategy: CompoundStrategy) -> String {
    format!(
        "noaber-search schema={SCHEMA_VERSION} analyzer={ANALYZER_VERSION}-{}-words={:016x}",
        strategy.as_str(),
        analyzer::word_lists_fingerprint()
    )
}

enum Op {
    Upsert(Uuid, Box<TantivyDocument>),
    Remove(Uuid),
    Clear,
    Watermark(i64),
    Commit,
    Rollback,
    Flush(mpsc::Sender<Result<(), SearchError>>),
}

/// State shared between the handle and its writer thread.
#[derive(Debug, Default)]
struct Shared {
    /// Watermark of the last commit.
    watermark: Mutex<Option<i64>>,
}

/// The search index over published posts: one per process, shared through an `Arc`.
///
/// Reads ([`SearchIndex::search`]) run on the caller's thread against the last
/// committed state. Writes are queued to one background thread that owns the
/// tantivy `IndexWriter` and commits every [`COMMIT_INTERVAL`] (or on
/// [`SearchIndex::commit`] / [`SearchIndex::flush`]), then reloads the reader.
pub struct SearchIndex {
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) strategy: CompoundStrategy,
    outcome: OpenOutcome,
    pub(crate) cache: ResultCache,
    pub(crate) columns: Arc<ColumnCache>,
    shared: Arc<Shared>,
    tx: Option<SyncSender<Op>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("strategy", &self.strategy)
            .field("outcome", &self.outcome)
            .field("watermark", &self.watermark())
            .finish()
    }
}

enum OpenError {
    Locked,
    Unusable(String),
}

impl SearchIndex {
    /// Opens the index in `path` (created if missing). An index that will not open,
    /// fails its checksums or has another schema/analyzer version is wiped and
    /// recreated; then [`SearchIndex::needs_rebuild`] is true.
    pub fn open_in_dir(path: impl AsRef<Path>) -> Result<SearchIndex, SearchError> {
        Self::open_in_dir_with(path, CompoundStrategy::default())
    }

    /// [`SearchIndex::open_in_dir`] with an explicit compound strategy.
    pub fn open_in_dir_with(
        path: impl AsRef<Path>,
        strategy: CompoundStrategy,
    ) -> Result<SearchIndex, SearchError> {
        let path = path.as_ref();
        fs::create_dir_all(path).map_err(io_err(path))?;
        let version = version_tag(strategy);
        if !path.join("meta.json").exists() {
            wipe(path)?;
            let index = create_index_in_dir(path)?;
            return Self::start(index, strategy, OpenOutcome::Created, None);
        }
        match try_open(path, strategy, &version) {
            Ok((index, writer, watermark)) => {
                Self::start_with(index, writer, strategy, OpenOutcome::Opened, watermark)
            }
            Err(OpenError::Locked) => Err(SearchError::Locked(path.to_path_buf())),
            Err(OpenError::Unusable(reason)) => {
                wipe(path)?;
                let index = create_index_in_dir(path)?;
                Self::start(index, strategy, OpenOutcome::Recreated(reason), None)
            }
        }
    }

    /// A fresh index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        Self::in_memory_with(CompoundStrategy::default())
    }

    /// [`SearchIndex::in_memory`] with an explicit compound strategy.
    pub fn in_memory_with(strategy: CompoundStrategy) -> Result<SearchIndex, SearchError> {
        let (schema, _) = schema::build();
        let index = Index::builder().schema(schema).create_in_ram()?;
        Self::start(index, strategy, OpenOutcome::Created, None)
    }

    /// Starts a freshly created index: writes a first commit carrying the version.
    fn start(
        index: Index,
        strategy: CompoundStrategy,
        outcome: OpenOutcome,
        watermark: Option<i64>,
    ) -> Result<SearchIndex, SearchError> {
        analyzer::register(index.tokenizers(), strategy);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_BUDGET)?;
        let payload = payload(&version_tag(strategy), watermark);
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        Self::start_with(index, writer, strategy, outcome, watermark)
    }

    fn start_with(
        index: Index,
        writer: IndexWriter,
        strategy: CompoundStrategy,
        outcome: OpenOutcome,
        watermark: Option<i64>,
    ) -> Result<SearchIndex, SearchError> {
        let (_, fields) = schema::build();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let shared = Arc::new(Shared {
            watermark: Mutex::new(watermark),
        });
        let columns = Arc::new(ColumnCache::default());
        columns.warm(&reader.searcher())?;
        let (tx, rx) = mpsc::sync_channel(QUEUE);
        let worker = Worker {
            writer,
            reader: IndexReader::clone(&reader),
            fields,
            shared: Arc::clone(&shared),
            columns: Arc::clone(&columns),
            version: version_tag(strategy),
            watermark,
        };
        let thread = std::thread::Builder::new()
            .name("search-writer".into())
            .spawn(move || worker.run(rx))
            .map_err(|e| SearchError::Io {
                path: PathBuf::from("<thread>"),
                source: e,
            })?;
        Ok(SearchIndex {
            reader,
            fields,
            strategy,
            outcome,
            cache: ResultCache::new(crate::cache::CAPACITY),
            columns,
            shared,
            tx: Some(tx),
            thread: Some(thread),
        })
    }

    /// The index with a result cache of `capacity` queries instead of
    /// [`crate::RESULT_CACHE_CAPACITY`]; 0 keeps none (benches that time the search itself).
    pub fn with_result_cache(mut self, capacity: usize) -> SearchIndex {
        self.cache = ResultCache::new(capacity);
        self
    }

    /// What opening found.
    pub fn outcome(&self) -> &OpenOutcome {
        &self.outcome
    }

    /// True when the index was created or recreated empty: the caller must re-feed it
    /// from the database ([`SearchIndex::rebuild`]).
    pub fn needs_rebuild(&self) -> bool {
        self.outcome != OpenOutcome::Opened
    }

    /// The compound strategy this index was built with.
    pub fn strategy(&self) -> CompoundStrategy {
        self.strategy
    }

    /// The database watermark of the last commit (`None` for a new index).
    pub fn watermark(&self) -> Option<i64> {
        *self
            .shared
            .watermark
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Number of posts visible to searches (as of the last commit).
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn send(&self, op: Op) -> Result<(), SearchError> {
        self.tx
            .as_ref()
            .ok_or(SearchError::WriterGone)?
            .send(op)
            .map_err(|_| SearchError::WriterGone)
    }

    /// Queues adding or replacing a post (idempotent: delete by id, then add).
    pub fn upsert(&self, post: &PostDoc) -> Result<(), SearchError> {
        let doc = self.document(post)?;
        self.send(Op::Upsert(post.id, Box::new(doc)))
    }

    /// Queues removing a post (withdrawn, closed, rejected); unknown ids are ignored.
    pub fn remove(&self, id: Uuid) -> Result<(), SearchError> {
        self.send(Op::Remove(id))
    }

    /// Queues a new database watermark, stored with the next commit.
    pub fn set_watermark(&self, watermark: i64) -> Result<(), SearchError> {
        self.send(Op::Watermark(watermark))
    }

    /// Asks the writer to commit now without waiting for it.
    pub fn commit(&self) -> Result<(), SearchError> {
        self.send(Op::Commit)
    }

    /// Commits everything queued so far and reloads the reader before returning;
    /// reports any error the writer met since the last flush.
    pub fn flush(&self) -> Result<(), SearchError> {
        let (reply, answer) = mpsc::channel();
        self.send(Op::Flush(reply))?;
        answer.recv().map_err(|_| SearchError::WriterGone)?
    }

    /// Replaces the whole content by `posts` and stores `watermark`, in one commit
    /// (searches see the old content until it is done). Returns the number of posts.
    ///
    /// Upserts from other threads meanwhile are kept; a `flush()` from another
    /// thread commits early. An invalid post rolls back everything uncommitted.
    pub fn rebuild<I>(&self, posts: I, watermark: i64) -> Result<usize, SearchError>
    where
        I: IntoIterator<Item = PostDoc>,
    {
        self.send(Op::Clear)?;
        let mut n = 0;
        for post in posts {
            let doc = match self.document(&post) {
                Ok(doc) => doc,
                Err(e) => {
                    self.send(Op::Rollback)?;
                    return Err(e);
                }
            };
            self.send(Op::Upsert(post.id, Box::new(doc)))?;
            n += 1;
        }
        self.send(Op::Watermark(watermark))?;
        self.flush()?;
        Ok(n)
    }

    fn document(&self, post: &PostDoc) -> Result<TantivyDocument, SearchError> {
        self.fields
            .document(post, self.strategy == CompoundStrategy::Ngram)
    }
}

impl Drop for SearchIndex {
    fn drop(&mut self) {
        // Closing the queue makes the writer commit what is pending and stop.
        self.tx.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The background owner of the `IndexWriter`.
struct Worker {
    writer: IndexWriter,
    reader: IndexReader,
    fields: Fields,
    shared: Arc<Shared>,
    columns: Arc<ColumnCache>,
    version: String,
    watermark: Option<i64>,
}

impl Worker {
    fn run(mut self, rx: Receiver<Op>) {
        let mut dirty_since: Option<Instant> = None;
        // While rebuilding, timed commits are held back so that readers never see
        // a half-filled index.
        let mut rebuilding = false;
        let mut error: Option<String> = None;
        loop {
            let op = match dirty_since {
                Some(since) if !rebuilding => {
                    match rx.recv_timeout(COMMIT_INTERVAL.saturating_sub(since.elapsed())) {
                        Ok(op) => Some(op),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                }
                _ => match rx.recv() {
                    Ok(op) => Some(op),
                    Err(_) => break,
                },
            };
            let mut note = |r: Result<(), SearchError>| {
                if let Err(e) = r {
                    error.get_or_insert_with(|| e.to_string());
                }
            };
            match op {
                None | Some(Op::Commit) => {
                    if dirty_since.take().is_some() {
                        note(self.commit());
                    }
                }
                Some(Op::Upsert(id, doc)) => {
                    self.writer.delete_term(self.id_term(id));
                    note(self.writer.add_document(*doc).map(drop).map_err(Into::into));
                    dirty_since.get_or_insert_with(Instant::now);
                }
                Some(Op::Remove(id)) => {
                    self.writer.delete_term(self.id_term(id));
                    dirty_since.get_or_insert_with(Instant::now);
                }
                Some(Op::Clear) => {
                    // A delete-all at this point of the operation stream: documents
                    // queued after it survive.
                    note(
                        self.writer
                            .delete_query(Box::new(AllQuery))
                            .map(drop)
                            .map_err(Into::into),
                    );
                    rebuilding = true;
                    dirty_since.get_or_insert_with(Instant::now);
                }
                Some(Op::Watermark(w)) => {
                    self.watermark = Some(w);
                    dirty_since.get_or_insert_with(Instant::now);
                }
                Some(Op::Rollback) => {
                    rebuilding = false;
                    dirty_since = None;
                    self.watermark = *self
                        .shared
                        .watermark
                        .lock()
                        .unwrap_or_else(|e| e.into_inner());
                    note(self.writer.rollback().map(drop).map_err(Into::into));
                }
                Some(Op::Flush(reply)) => {
                    rebuilding = false;
                    let r = if dirty_since.take().is_some() {
                        self.commit()
                    } else {
                        Ok(())
                    };
                    let r = match error.take() {
                        Some(e) => Err(SearchError::Writer(e)),
                        None => r,
                    };
                    let _ = reply.send(r);
                }
            }
        }
        if rebuilding {
            // An unfinished rebuild is never committed.
            let _ = self.writer.rollback();
        } else if dirty_since.is_some() {
            let _ = self.commit();
        }
        let _ = self.writer.wait_merging_threads();
    }

    fn id_term(&self, id: Uuid) -> Term {
        Term::from_field_text(self.fields.id, &id.to_string())
    }

    fn commit(&mut self) -> Result<(), SearchError> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload(&self.version, self.watermark));
        prepared.commit()?;
        self.reader.reload()?;
        // Searches read a segment's columns themselves when this failed.
        let _ = self.columns.warm(&self.reader.searcher());
        *self
            .shared
            .watermark
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = self.watermark;
        Ok(())
    }
}

fn payload(version: &str, watermark: Option<i64>) -> String {
    serde_json::to_string(&Payload {
        version: version.to_owned(),
        watermark,
    })
    .expect("payload serialises")
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn create_index_in_dir(path: &Path) -> Result<Index, SearchError> {
    let (schema, _) = schema::build();
    Ok(Index::builder().schema(schema).create_in_dir(path)?)
}

/// Opens and checks an existing index: writer lock, version, schema, checksums, a
/// trial search. Returns the index, its writer and the stored watermark.
fn try_open(
    path: &Path,
    strategy: CompoundStrategy,
    version: &str,
) -> Result<(Index, IndexWriter, Option<i64>), OpenError> {
    let unusable =
        |what: &str, e: &dyn std::fmt::Display| OpenError::Unusable(format!("{what}: {e}"));
    let index = Index::open_in_dir(path).map_err(|e| unusable("open", &e))?;
    analyzer::register(index.tokenizers(), strategy);
    // Take the writer lock first: an index in use elsewhere must never be wiped.
    let writer: IndexWriter = match index.writer_with_num_threads(1, WRITER_BUDGET) {
        Ok(w) => w,
        Err(TantivyError::LockFailure(..)) => return Err(OpenError::Locked),
        Err(e) => return Err(unusable("writer", &e)),
    };
    let metas = index.load_metas().map_err(|e| unusable("meta", &e))?;
    let stored: Option<Payload> = metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok());
    let Some(stored) = stored else {
        return Err(OpenError::Unusable(
            "no version in the commit payload".into(),
        ));
    };
    if stored.version != version {
        return Err(OpenError::Unusable(format!(
            "version {:?}, expected {version:?}",
            stored.version
        )));
    }
    if index.schema() != schema::build().0 {
        return Err(OpenError::Unusable("schema differs".into()));
    }
    let damaged = index
        .validate_checksum()
        .map_err(|e| unusable("checksum", &e))?;
    if !damaged.is_empty() {
        return Err(OpenError::Unusable(format!(
            "{} damaged files",
            damaged.len()
        )));
    }
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: TantivyError| unusable("reader", &e))?;
    reader
        .searcher()
        .search(&AllQuery, &Count)
        .map_err(|e| unusable("search", &e))?;
    Ok((index, writer, stored.watermark))
}

/// Removes the files tantivy keeps in `path` (meta files, locks, segment files);
/// anything else in the directory is left alone.
fn wipe(path: &Path) -> Result<(), SearchError> {
    let entries = fs::read_dir(path).map_err(io_err(path))?;
    for entry in entries {
        let entry = entry.map_err(io_err(path))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let segment_file = name.len() > 33
            && name.as_bytes()[32] == b'.'
            && name[..32].bytes().all(|b| b.is_ascii_hexdigit());
        let tantivy_file = matches!(
            name.as_ref(),
            "meta.json" | ".managed.json" | ".tantivy-meta.lock" | ".tantivy-writer.lock"
        );
        if (segment_file || tantivy_file) && entry.path().is_file() {
            fs::remove_file(entry.path()).map_err(io_err(&entry.path()))?;
        }
    }
    Ok(())
}
