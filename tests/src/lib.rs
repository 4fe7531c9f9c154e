//! Test harness shared by every integration test: `spawn_app()` starts a real Noaber
//! server on a free port with its own fresh database — a temporary SQLite file, or a
//! new PostgreSQL database when `NOABER_TEST_BACKEND=postgres` — and [`fixtures`]
//! offers the one-line steps (accounts, profiles, posts, matches) that go through the
//! real HTTP API.

pub mod fixtures;
pub mod smtp;

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use diesel::{Connection, RunQueryDsl};
use noaber::config::Settings;
use noaber::startup::Application;
use rand::Rng;
use reqwest::StatusCode;
use serde_json::Value;

pub use fixtures::*;

/// Where the PostgreSQL server for tests is (trust auth, user `postgres`).
pub fn postgres_admin_url() -> String {
    std::env::var("NOABER_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

/// Whether this run targets PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("NOABER_TEST_BACKEND").is_ok_and(|b| b == "postgres")
}

/// A database that exists for one test and is dropped afterwards.
pub struct TestDatabase {
    /// The URL to give Noaber.
    pub url: String,
    pg_name: Option<String>,
}

impl TestDatabase {
    /// A fresh database on the backend this run targets (SQLite inside `dir`).
    pub fn create(dir: &std::path::Path) -> TestDatabase {
        if !on_postgres() {
            return TestDatabase {
                url: format!("sqlite://{}", dir.join("noaber.db").display()),
                pg_name: None,
            };
        }
        let name = format!("noaber_test_{}", uuid::Uuid::new_v4().simple());
        let admin = postgres_admin_url();
        let mut conn = diesel::PgConnection::establish(&format!("{admin}/postgres"))
            .expect("PostgreSQL must be running for NOABER_TEST_BACKEND=postgres");
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .expect("create test database");
        TestDatabase {
            url: format!("{admin}/{name}"),
            pg_name: Some(name),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_name {
            if let Ok(mut conn) =
                diesel::PgConnection::establish(&format!("{}/postgres", postgres_admin_url()))
            {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn);
            }
        }
    }
}

/// A running server and a client for it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// HTTP client.
    pub client: reqwest::Client,
    /// The data directory (search index, outbox, secret).
    pub data_dir: PathBuf,
    /// Settings the server runs with.
    pub settings: Settings,
    /// The server's state (see [`TestApp::state`]); none only while restarting, so
    /// the old server's search index is let go before the new one opens it.
    state: Option<actix_web::web::Data<noaber::state::AppState>>,
    handle: actix_web::dev::ServerHandle,
    _db: TestDatabase,
    _dir: tempfile::TempDir,
}

/// Starts a server on a free port with a fresh database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// As [`spawn_app`], sending mail over SMTP to `smtp_url` with links under
/// `public_url`, and retrying failed mail quickly.
pub async fn spawn_app_mailing_to(smtp_url: String, public_url: &'static str) -> TestApp {
    spawn_app_with(move |s| {
        s.smtp_url = Some(smtp_url);
        s.public_url = public_url.into();
        s.mail_retry.base = std::time::Duration::from_millis(100);
    })
    .await
}

/// As [`spawn_app`], with settings adjusted first (e.g. matching weights).
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    // Logs only when asked for: TEST_LOG=1 cargo test ...
    if std::env::var("TEST_LOG").is_ok() {
        noaber::telemetry::init();
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let db = TestDatabase::create(dir.path());
    let mut settings = Settings::for_data_dir(dir.path().to_path_buf(), Some(db.url.clone()));
    adjust(&mut settings);
    let app = Application::build(settings.clone())
        .await
        .expect("server builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    let state = app.state();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::new(),
        data_dir: dir.path().to_path_buf(),
        settings,
        state: Some(state),
        handle,
        _db: db,
        _dir: dir,
    }
}

/// Another node of the same deployment (see [`TestApp::second_node`]).
pub struct SecondNode {
    /// Its state.
    pub state: actix_web::web::Data<noaber::state::AppState>,
    handle: actix_web::dev::ServerHandle,
    _dir: tempfile::TempDir,
}

impl Drop for SecondNode {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting and close connections so the database can be dropped.
        drop(self.handle.stop(false));
    }
}

impl TestApp {
    /// Stops the server gracefully, runs `between` (e.g. to delete the search index),
    /// and starts a new server on the same data directory and database.
    pub async fn restart(&mut self, between: impl FnOnce(&std::path::Path)) {
        self.handle.stop(true).await;
        self.state = None;
        between(&self.data_dir);
        let app = Application::build(self.settings.clone())
            .await
            .expect("server rebuilds");
        self.address = format!("http://127.0.0.1:{}", app.port());
        self.handle = app.handle();
        self.state = Some(app.state());
        tokio::spawn(app.run_until_stopped());
    }

    /// The server's state, for what tests drive in-process (jobs with a clock of
    /// their own).
    pub fn state(&self) -> &actix_web::web::Data<noaber::state::AppState> {
        self.state.as_ref().expect("the server runs")
    }

    /// A second node on the same database (its own data directory and search index),
    /// as in a deployment with several API nodes.
    pub async fn second_node(&self) -> SecondNode {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut settings = self.settings.clone();
        settings.data_dir = dir.path().to_path_buf();
        let app = Application::build(settings)
            .await
            .expect("second node builds");
        let state = app.state();
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        SecondNode {
            state,
            handle,
            _dir: dir,
        }
    }

    /// Polls `path` until `done` holds or `within` passes; returns the last body.
    pub async fn eventually(
        &self,
        path: &str,
        within: std::time::Duration,
        done: impl Fn(&Value) -> bool,
    ) -> (bool, Value) {
        let started = std::time::Instant::now();
        loop {
            let (_, body) = self.get(path, None).await;
            if done(&body) {
                return (true, body);
            }
            if started.elapsed() > within {
                return (false, body);
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Whether the search at `path` lists post `id` within `within`.
    pub async fn found_in_search(&self, path: &str, id: &str, within: std::time::Duration) -> bool {
        self.eventually(path, within, |b| item_ids(b).iter().any(|i| i == id))
            .await
            .0
    }

    /// Asserts that the search at `path` stops listing post `id` within `within`.
    pub async fn assert_gone_from_search(&self, path: &str, id: &str, within: std::time::Duration) {
        let (gone, body) = self
            .eventually(path, within, |b| !item_ids(b).iter().any(|i| i == id))
            .await;
        assert!(gone, "withdrawn post still found: {body}");
    }

    /// Full URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// GET with an optional token; returns status and JSON (Null when not JSON).
    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut req = self.client.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        into_json(req.send().await.expect("request sent")).await
    }

    /// Sends JSON with a method and optional token.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: &Value,
    ) -> (StatusCode, Value) {
        let mut req = self.client.request(method, self.url(path)).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        into_json(req.send().await.expect("request sent")).await
    }

    /// POST JSON.
    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, token, body).await
    }

    /// The Prometheus text at `/metrics` (plain text, so not through [`TestApp::get`]).
    pub async fn metrics(&self) -> String {
        let response = self.client.get(self.url("/metrics")).send().await;
        let response = response.expect("metrics answer");
        response.text().await.expect("metrics text")
    }

    /// The outbox as stored (every queued mail with its status and attempts).
    pub async fn outbox(&self) -> Vec<noaber::db::outbox::OutboxRow> {
        let url = self.settings.database_url.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = noaber::db::establish(&url).expect("database");
            noaber::db::outbox::all(&mut conn).expect("outbox readable")
        })
        .await
        .expect("join")
    }
}

/// The ids of the items of a list answer (`{items: [{id, ...}]}`), in order.
pub fn item_ids(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i["id"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A response's status and JSON body (null when there is none); fails the test when
/// an error is not `application/problem+json`.
pub async fn into_json(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let problem = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/problem+json"));
    let text = response.text().await.unwrap_or_default();
    let value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if status.is_client_error() || status.is_server_error() {
        assert!(
            problem,
            "error {status} must be application/problem+json: {text}"
        );
    }
    (status, value)
}

/// A free port on loopback, for a server that starts later (nothing listens yet).
///
/// All tests share one process, and each server they start binds port 0, which
/// gets a random port from the kernel's ephemeral range — possibly one handed out
/// here and not yet listened on (an SMTP receiver there once took the mail of a test
/// about SMTP being down). So these ports come from below that range, and each only
/// once per process.
pub fn free_port() -> u16 {
    static GIVEN: Mutex<Vec<u16>> = Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap_or_else(PoisonError::into_inner);
    let mut rng = rand::thread_rng();
    let ephemeral = ephemeral_ports_start();
    loop {
        let port = rng.gen_range(ephemeral / 2..ephemeral);
        if !given.contains(&port) && TcpListener::bind(("127.0.0.1", port)).is_ok() {
            given.push(port);
            return port;
        }
    }
}

/// The first port the kernel hands out for port 0 (Linux's default when unknown).
fn ephemeral_ports_start() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse().ok())
        .unwrap_or(32_768)
}
