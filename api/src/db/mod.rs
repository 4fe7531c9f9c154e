//! Storage: one diesel query path over SQLite (embedded default) and PostgreSQL.
//!
//! `DbConn` is a `MultiConnection` enum; the backend is picked from the URL scheme
//! by us (a SQLite connection would accept any string as a file name). Queries run
//! on the runtime's blocking pool through [`Db::run`], never on an async worker.

pub mod account_data;
pub mod account_tokens;
pub mod accounts;
pub mod audit;
pub mod candidates;
pub mod change_log;
pub mod decisions;
pub mod desk;
pub mod follow_ups;
pub mod limits;
pub mod login_failures;
pub mod matches;
pub mod migrate;
pub mod outbox;
pub mod posts;
pub mod reference;
pub mod reports;
pub mod saved_searches;
pub mod schema;
pub mod sessions;
pub mod volunteers;

use std::time::Duration;

use diesel::connection::{InstrumentationEvent, SimpleConnection};
use diesel::prelude::*;
use thiserror::Error;

/// A connection to either backend.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    /// PostgreSQL (production).
    Postgres(diesel::PgConnection),
    /// SQLite (embedded default).
    Sqlite(diesel::SqliteConnection),
}

/// Which database engine a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite://path` (or a bare path).
    Sqlite,
    /// `postgres://` or `postgresql://`.
    Postgres,
}

/// Storage failures.
#[derive(Debug, Error)]
pub enum DbError {
    /// A query failed.
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    /// No connection could be had from the pool.
    #[error("database connection unavailable: {0}")]
    Pool(#[from] r2d2::Error),
    /// The blocking task was cancelled (shutdown).
    #[error("database task cancelled")]
    Cancelled,
    /// Migrations failed.
    #[error("database migration failed: {0}")]
    Migration(String),
    /// The pool's work counters could not be made.
    #[error("database metrics: {0}")]
    Metrics(#[from] prometheus::Error),
}

impl Backend {
    /// Picks the backend from the URL scheme.
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// The file path inside a `sqlite://` URL.
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// The PostgreSQL URL to connect with: a database on this machine (a loopback host)
/// is reached without TLS unless the URL asks for an `sslmode`. libpq's default
/// (`prefer`) encrypts every message when the server offers TLS, which Debian's does
/// out of the box; on loopback that protects nothing and cost a fifth of the
/// throughput of writes (see the README's performance section).
pub fn postgres_url(url: &str) -> std::borrow::Cow<'_, str> {
    let Ok(parsed) = url::Url::parse(url) else {
        return url.into();
    };
    let loopback = matches!(
        parsed.host_str(),
        Some("localhost" | "127.0.0.1" | "[::1]" | "::1")
    );
    let asks = parsed.query_pairs().any(|(key, _)| key == "sslmode");
    if !loopback || asks {
        return url.into();
    }
    let glue = if parsed.query().is_some() { '&' } else { '?' };
    format!("{url}{glue}sslmode=disable").into()
}

/// Opens one connection, with SQLite's pragmas set (WAL, foreign keys, busy timeout).
pub fn establish(url: &str) -> ConnectionResult<DbConn> {
    match Backend::of_url(url) {
        Backend::Postgres => {
            diesel::PgConnection::establish(&postgres_url(url)).map(DbConn::Postgres)
        }
        Backend::Sqlite => {
            let mut conn = diesel::SqliteConnection::establish(sqlite_path(url))?;
            conn.batch_execute(
                // busy_timeout first: switching to WAL itself may wait for a lock.
                "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                 PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(ConnectionError::CouldntSetupConfiguration)?;
            Ok(DbConn::Sqlite(conn))
        }
    }
}

/// How much work a pool has done: statements sent, and trips to the blocking pool
/// (each [`Db::run`]). Exposed in `/metrics`; a use case's cost is the difference
/// across one request.
#[derive(Debug, Clone)]
pub struct DbStats {
    /// Statements sent to the database (every query, BEGIN and COMMIT included).
    pub queries: prometheus::IntCounter,
    /// Calls of [`Db::run`]: one connection checkout and one thread hop each.
    pub trips: prometheus::IntCounter,
}

impl DbStats {
    fn new() -> Result<DbStats, prometheus::Error> {
        Ok(DbStats {
            queries: prometheus::IntCounter::new(
                "db_queries_total",
                "SQL statements sent to the database",
            )?,
            trips: prometheus::IntCounter::new(
                "db_trips_total",
                "Units of database work run on the blocking pool",
            )?,
        })
    }
}

/// The database work of one request (or any other scope, see [`counted`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DbWork {
    /// Units of work on the blocking pool ([`Db::run`]): a thread hop and a
    /// connection checkout each.
    pub trips: u64,
    /// Statements sent (the pool's liveness check, BEGIN and COMMIT included).
    pub statements: u64,
}

thread_local! {
    /// Statements sent from this thread; [`Db::run`] reads the difference.
    static STATEMENTS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

tokio::task_local! {
    static WORK: std::cell::Cell<DbWork>;
}

/// Runs `future` and says how much database work it did through [`Db::run`] (the
/// metrics middleware wraps every request in it).
pub async fn counted<F: std::future::Future>(future: F) -> (F::Output, DbWork) {
    WORK.scope(std::cell::Cell::new(DbWork::default()), async move {
        let output = future.await;
        (output, WORK.with(std::cell::Cell::get))
    })
    .await
}

fn note_work(statements: u64) {
    // Outside a counted scope (workers, start-up) there is nothing to add to.
    let _ = WORK.try_with(|w| {
        let mut work = w.get();
        work.trips += 1;
        work.statements += statements;
        w.set(work);
    });
}

/// A pooled connection and when it last proved to work.
pub struct PooledConn {
    conn: DbConn,
    /// Set when a unit of work on it succeeded; cleared when one failed.
    proven_at: Option<std::time::Instant>,
}

/// A connection that did good work this recently is handed out without the
/// `SELECT 1` liveness check: on a busy server that check was one statement and one
/// round trip in every unit of work. A connection whose last work failed (the
/// database restarted, say) is always checked first, so after a restart of the
/// database each pooled connection fails at most the one request that finds out.
const PROVEN_FOR: Duration = Duration::from_secs(5);

/// r2d2 manager that dispatches on the URL scheme.
#[derive(Debug, Clone)]
pub struct ConnManager {
    url: String,
    queries: prometheus::IntCounter,
}

impl r2d2::ManageConnection for ConnManager {
    type Connection = PooledConn;
    type Error = ConnectionError;

    fn connect(&self) -> Result<PooledConn, ConnectionError> {
        let mut conn = establish(&self.url)?;
        let queries = self.queries.clone();
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if matches!(event, InstrumentationEvent::StartQuery { .. }) {
                queries.inc();
                STATEMENTS.with(|n| n.set(n.get() + 1));
            }
        });
        Ok(PooledConn {
            conn,
            proven_at: Some(std::time::Instant::now()),
        })
    }

    fn is_valid(&self, pooled: &mut PooledConn) -> Result<(), ConnectionError> {
        if pooled.proven_at.is_some_and(|at| at.elapsed() < PROVEN_FOR) {
            return Ok(());
        }
        pooled
            .conn
            .batch_execute("SELECT 1")
            .map_err(ConnectionError::CouldntSetupConfiguration)?;
        pooled.proven_at = Some(std::time::Instant::now());
        Ok(())
    }

    fn has_broken(&self, pooled: &mut PooledConn) -> bool {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        // A connection left inside a transaction (a panic mid-closure) must not be reused.
        let depth = match &mut pooled.conn {
            DbConn::Sqlite(c) => {
                AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth()
            }
            DbConn::Postgres(c) => {
                AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth()
            }
        };
        std::thread::panicking() || !matches!(depth, Ok(None))
    }
}

/// Runs `f` on a pooled connection and notes whether the work succeeded (see
/// [`PROVEN_FOR`]).
fn on_pooled<T, E>(
    pooled: &mut PooledConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E> {
    let output = f(&mut pooled.conn);
    pooled.proven_at = output.is_ok().then(std::time::Instant::now);
    output
}

/// A pool of connections plus the helper that runs diesel work off the async workers.
#[derive(Clone)]
pub struct Db {
    pool: r2d2::Pool<ConnManager>,
    backend: Backend,
    stats: DbStats,
}

impl Db {
    /// Connects a pool of [`Db::default_pool_size`] connections to `url`.
    pub fn connect(url: &str) -> Result<Db, DbError> {
        Db::connect_with(url, None)
    }

    /// Connections a pool keeps by default: SQLite gets fewer, it has one writer anyway.
    pub fn default_pool_size(backend: Backend) -> u32 {
        match backend {
            Backend::Sqlite => 4,
            Backend::Postgres => 10,
        }
    }

    /// Connects a pool of `size` connections (or the default) to `url`.
    pub fn connect_with(url: &str, size: Option<u32>) -> Result<Db, DbError> {
        let backend = Backend::of_url(url);
        if backend == Backend::Sqlite {
            if let Some(dir) = std::path::Path::new(sqlite_path(url)).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| DbError::Migration(format!("cannot create {dir:?}: {e}")))?;
                }
            }
        }
        let size = size.unwrap_or_else(|| Db::default_pool_size(backend));
        let stats = DbStats::new()?;
        let pool = r2d2::Pool::builder()
            .max_size(size)
            .connection_timeout(Duration::from_secs(10))
            .build(ConnManager {
                url: url.to_owned(),
                queries: stats.queries.clone(),
            })?;
        Ok(Db {
            pool,
            backend,
            stats,
        })
    }

    /// Connections the pool keeps at most.
    pub fn pool_size(&self) -> u32 {
        self.pool.max_size()
    }

    /// The pool's work counters.
    pub fn stats(&self) -> &DbStats {
        &self.stats
    }

    /// Which engine this pool talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs `f` with a pooled connection on the blocking thread pool.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
    {
        let pool = self.pool.clone();
        self.stats.trips.inc();
        let span = tracing::Span::current();
        let (output, statements) = tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            let before = STATEMENTS.with(std::cell::Cell::get);
            let output = match pool.get() {
                Ok(mut conn) => on_pooled(&mut conn, f),
                Err(e) => Err(E::from(DbError::from(e))),
            };
            (output, STATEMENTS.with(std::cell::Cell::get) - before)
        })
        .await
        .map_err(|_| E::from(DbError::Cancelled))?;
        note_work(statements);
        output
    }

    /// Runs `f` with a pooled connection on the current thread (CLI and start-up).
    pub fn run_blocking<T, E, F>(&self, f: F) -> Result<T, E>
    where
        E: From<DbError>,
        F: FnOnce(&mut DbConn) -> Result<T, E>,
    {
        let mut conn = self.pool.get().map_err(DbError::from)?;
        on_pooled(&mut conn, f)
    }
}

/// A new random id as stored (UUID text).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The current time as stored (naive UTC, whole microseconds).
pub fn now() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    // PostgreSQL keeps microseconds; trim so both backends round-trip the same value.
    chrono::DurationRound::duration_trunc(now, chrono::TimeDelta::microseconds(1)).unwrap_or(now)
}

/// Refreshes the planner's statistics after a bulk load (PostgreSQL's `ANALYZE`).
/// Autovacuum gathers them only minutes later; until then PostgreSQL planned the
/// lists over the 50,000 posts of `demo --scale 100` without them: a count took 22 ms
/// instead of 0.6 ms. SQLite is left alone: it has no statistics until asked, and
/// the plans the project measured are the ones without them.
pub fn analyze(conn: &mut DbConn) -> Result<(), DbError> {
    match conn {
        DbConn::Postgres(c) => Ok(c.batch_execute("ANALYZE")?),
        DbConn::Sqlite(_) => Ok(()),
    }
}

/// Runs `f` in a transaction that may write. On SQLite it starts with `BEGIN IMMEDIATE`,
/// so two writers queue on the busy timeout instead of one failing with "database is
/// locked" when both try to upgrade a read lock; inside an open transaction it is a
/// savepoint as usual. On PostgreSQL writers run in parallel; the change logs stay
/// safe to follow without a lock (see [`change_log`]).
pub fn write_transaction<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    E: From<diesel::result::Error>,
    F: FnOnce(&mut DbConn) -> Result<T, E>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let DbConn::Sqlite(inner) = conn else {
        return conn.transaction(f);
    };
    let depth = AnsiTransactionManager::transaction_manager_status_mut(inner)
        .transaction_depth()
        .map_err(E::from)?;
    if depth.is_some() {
        return conn.transaction(f);
    }
    AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE").map_err(E::from)?;
    let result = f(conn);
    let DbConn::Sqlite(inner) = conn else {
        unreachable!("the connection cannot change its backend");
    };
    match result {
        Ok(value) => {
            AnsiTransactionManager::commit_transaction(inner).map_err(E::from)?;
            Ok(value)
        }
        Err(e) => {
            let _ = AnsiTransactionManager::rollback_transaction(inner);
            Err(e)
        }
    }
}

#[cfg(test)]
mod pool_tests {
    use super::*;

    #[test]
    fn a_database_on_this_machine_is_reached_without_tls_unless_the_url_says_otherwise() {
        let cases = [
            (
                "postgres://postgres@127.0.0.1:5432/noaber",
                "postgres://postgres@127.0.0.1:5432/noaber?sslmode=disable",
            ),
            (
                "postgresql://u:p@localhost/db?connect_timeout=5",
                "postgresql://u:p@localhost/db?connect_timeout=5&sslmode=disable",
            ),
            (
                "postgres://u@[::1]:5432/db",
                "postgres://u@[::1]:5432/db?sslmode=disable",
            ),
            (
                "postgres://u@127.0.0.1/db?sslmode=require",
                "postgres://u@127.0.0.1/db?sslmode=require",
            ),
            (
                "postgres://u@db.example.nl/db",
                "postgres://u@db.example.nl/db",
            ),
            ("postgres://u@10.0.0.5/db", "postgres://u@10.0.0.5/db"),
            (
                "postgres:///db?host=/var/run/postgresql",
                "postgres:///db?host=/var/run/postgresql",
            ),
        ];
        for (given, used) in cases {
            assert_eq!(postgres_url(given), used, "{given}");
        }
    }

    #[test]
    fn the_pool_size_is_the_default_or_the_one_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("pool.db").display());
        assert_eq!(Db::connect(&url).unwrap().pool_size(), 4);
        assert_eq!(Db::connect_with(&url, Some(2)).unwrap().pool_size(), 2);
        assert_eq!(Db::default_pool_size(Backend::Postgres), 10);
    }
}
