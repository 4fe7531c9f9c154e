//! Prometheus metrics: request counts and latencies per route, and domain counters.

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder,
};

use crate::db::DbWork;
use crate::domain::PostKind;

/// The service's metrics registry.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    posts_created: IntCounterVec,
    mails: IntCounterVec,
    db_trips: HistogramVec,
    db_statements: HistogramVec,
    search_lag: IntGauge,
    search_success: IntGauge,
}

impl Metrics {
    /// Registers every metric.
    pub fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new_custom(Some("noaber".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests by route and status"),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "HTTP request latency by route",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
            ]),
            &["method", "route"],
        )?;
        let posts_created = IntCounterVec::new(
            Opts::new("posts_created_total", "Posts created by kind"),
            &["kind"],
        )?;
        let mails = IntCounterVec::new(
            Opts::new(
                "mail_attempts_total",
                "Mail delivery attempts by result (sent, retry, failed)",
            ),
            &["result"],
        )?;
        let work_buckets = vec![1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 21.0, 34.0, 55.0, 89.0];
        let db_trips = HistogramVec::new(
            HistogramOpts::new(
                "db_trips_per_request",
                "Units of database work (blocking-pool trips) per HTTP request",
            )
            .buckets(work_buckets.clone()),
            &["method", "route"],
        )?;
        let db_statements = HistogramVec::new(
            HistogramOpts::new(
                "db_statements_per_request",
                "SQL statements per HTTP request",
            )
            .buckets(work_buckets),
            &["method", "route"],
        )?;
        registry.register(Box::new(db_trips.clone()))?;
        registry.register(Box::new(db_statements.clone()))?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(posts_created.clone()))?;
        registry.register(Box::new(mails.clone()))?;
        let search_lag = IntGauge::new(
            "search_sync_lag",
            "Post changes in the change log not yet applied to the search index",
        )?;
        let search_success = IntGauge::new(
            "search_sync_last_success_timestamp_seconds",
            "When the search index last caught up with the change log (Unix time)",
        )?;
        registry.register(Box::new(search_lag.clone()))?;
        registry.register(Box::new(search_success.clone()))?;
        Ok(Metrics {
            search_lag,
            search_success,
            registry,
            requests,
            latency,
            posts_created,
            mails,
            db_trips,
            db_statements,
        })
    }

    /// Records one finished request. `route` is the matched pattern, never the raw path.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64, work: DbWork) {
        // Methods come from clients: unknown ones share one label (bounded series).
        const KNOWN: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
        let method = if KNOWN.contains(&method) {
            method
        } else {
            "OTHER"
        };
        self.requests
            .with_label_values(&[method, route, &status.to_string()])
            .inc();
        self.latency
            .with_label_values(&[method, route])
            .observe(seconds);
        self.db_trips
            .with_label_values(&[method, route])
            .observe(work.trips as f64);
        self.db_statements
            .with_label_values(&[method, route])
            .observe(work.statements as f64);
    }

    /// Adds the database pool's work counters.
    pub fn register_db(&self, stats: &crate::db::DbStats) -> Result<(), prometheus::Error> {
        self.registry.register(Box::new(stats.queries.clone()))?;
        self.registry.register(Box::new(stats.trips.clone()))
    }

    /// Counts a created post.
    pub fn post_created(&self, kind: PostKind) {
        self.posts_created.with_label_values(&[kind.as_str()]).inc();
    }

    /// How far the search index is behind, and when it last caught up.
    pub fn search_sync(&self, lag: i64, last_success: Option<chrono::DateTime<chrono::Utc>>) {
        self.search_lag.set(lag.max(0));
        self.search_success
            .set(last_success.map_or(0, |at| at.timestamp()));
    }

    /// The counter the mail worker reports to.
    pub fn mail_attempts(&self) -> IntCounterVec {
        self.mails.clone()
    }

    /// The text exposition format.
    pub fn render(&self) -> String {
        let mut buffer = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut buffer) {
            tracing::error!(error = %e, "metrics encoding failed");
        }
        String::from_utf8(buffer).unwrap_or_default()
    }
}
