//! The `noaber` command line: `user add` (password from stdin), `user set-role`,
//! `migrate`, `demo`, and the server it starts (or refuses to start, without a good
//! secret to sign tokens with), on the backend this run targets.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use noaber_tests::{free_port, spawn_app, TestDatabase, PASSWORD};
use reqwest::StatusCode;
use serde_json::json;

/// The `noaber` binary next to this test's target directory (built if missing).
fn noaber_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test exe");
    let dir = exe
        .parent()
        .and_then(|d| d.parent())
        .expect("target dir")
        .to_path_buf();
    let bin = dir.join("noaber");
    // `cargo test --workspace` builds it first; when this test runs alone, rebuild a
    // binary that is missing or older than the service's sources.
    let stale = |bin: &std::path::Path| {
        let built = std::fs::metadata(bin).and_then(|m| m.modified()).ok();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        built.is_none_or(|built| {
            ["api/src", "matching/src", "search/src", "migrations"]
                .iter()
                .any(|d| newer_than(&root.join(d), built))
        })
    };
    static BUILT: std::sync::Once = std::sync::Once::new();
    BUILT.call_once(|| {
        if stale(&bin) {
            let status = Command::new(env!("CARGO"))
                .args(["build", "-q", "-p", "noaber", "--bin", "noaber"])
                .status()
                .expect("cargo build");
            assert!(status.success(), "cargo build -p noaber failed");
        }
    });
    bin
}

fn noaber(
    data_dir: &std::path::Path,
    db: &TestDatabase,
    args: &[&str],
    stdin: &str,
) -> (bool, String) {
    noaber_on(data_dir, &db.url, args, stdin)
}

pub(crate) fn noaber_on(
    data_dir: &std::path::Path,
    database_url: &str,
    args: &[&str],
    stdin: &str,
) -> (bool, String) {
    let mut child = Command::new(noaber_bin())
        .args(args)
        .env("NOABER_DATA_DIR", data_dir)
        .env("NOABER_DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("noaber starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("noaber ends");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// Whether any file under `dir` was modified after `time`.
fn newer_than(dir: &std::path::Path, time: std::time::SystemTime) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|entry| {
            let path = entry.path();
            if path.is_dir() {
                newer_than(&path, time)
            } else {
                entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|m| m > time)
            }
        })
}

/// A `noaber serve` child process, killed when dropped.
struct Served(std::process::Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn serve(data_dir: &std::path::Path, db: &TestDatabase) -> (Served, String) {
    let port = free_port();
    // Started in its data directory, far from the source tree, without
    // NOABER_FRONTEND_DIR: the web app comes from the binary itself.
    let child = Command::new(noaber_bin())
        .current_dir(data_dir)
        .env_remove("NOABER_FRONTEND_DIR")
        .env_remove("NOABER_JWT_SECRET")
        .env("NOABER_DATA_DIR", data_dir)
        .env("NOABER_DATABASE_URL", &db.url)
        .env("NOABER_BIND", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("noaber serve starts");
    let served = Served(child);
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if reqwest::get(format!("{base}/healthz"))
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return (served, base);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("noaber serve did not come up on {base}");
}

#[tokio::test]
async fn operator_creates_a_coordinator_who_can_log_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    let (ok, out) = noaber(dir.path(), &db, &["migrate"], "");
    assert!(ok, "{out}");
    // `noaber user add --role coordinator`, the password on standard input.
    let add = |email: &str, name: Option<&str>, password: &str| {
        let mut args = vec!["user", "add", "--role", "coordinator", "--email", email];
        args.extend(name.iter().flat_map(|n| ["--name", *n]));
        noaber(dir.path(), &db, &args, &format!("{password}\n"))
    };
    let (ok, out) = add("Coord@Servicepunt.nl", None, "een-sterk-wachtwoord");
    assert!(ok, "{out}");
    let (ok, out) = add("coord@servicepunt.nl", None, "een-sterk-wachtwoord");
    assert!(
        !ok && out.contains("already exists"),
        "duplicates are refused: {out}"
    );
    let (ok, out) = add("kort@servicepunt.nl", None, "kort");
    assert!(
        !ok && out.contains("wachtwoord"),
        "weak passwords are refused: {out}"
    );
    for (password, reason) in [
        ("1234567890", "volgorde"),
        ("wachtwoord2026", "veel mensen"),
        ("piet@servicepunt.nl", "e-mailadres"),
        ("piet en de tuin", "e-mailadres"),
        ("tuin van hendriks", "naam"),
    ] {
        let (ok, out) = add("piet@servicepunt.nl", Some("Piet Hendriks"), password);
        assert!(
            !ok && out.contains(reason),
            "{password:?} is refused: {out}"
        );
    }

    let (_server, base) = serve(dir.path(), &db).await;
    let client = reqwest::Client::new();
    let login = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": "coord@servicepunt.nl", "password": "een-sterk-wachtwoord"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    let token = login.json::<serde_json::Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let me: serde_json::Value = client
        .get(format!("{base}/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "coordinator");

    // The same binary serves the web app from any working directory.
    let home = client.get(format!("{base}/inloggen")).send().await.unwrap();
    assert_eq!(home.status(), StatusCode::OK);
    let html = home.text().await.unwrap();
    assert!(
        html.contains("<h1 id=\"page-heading\" tabindex=\"-1\">Inloggen</h1>"),
        "{html}"
    );
    let script = client
        .get(format!("{base}/js/pages/login.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), StatusCode::OK);
}

#[tokio::test]
async fn operator_changes_a_role_and_the_old_logins_end() {
    let app = spawn_app().await;
    let jan = app.user("resident", "Jan").await;
    let set_role = |email: &str, role: &str| {
        noaber_on(
            &app.data_dir,
            &app.settings.database_url,
            &["user", "set-role", "--email", email, "--role", role],
            "",
        )
    };
    let (ok, out) = set_role(&jan.email.to_uppercase(), "coordinator");
    assert!(ok && out.contains("is now coordinator"), "{out}");
    let (status, _) = app.get("/api/v1/me", Some(&jan.token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old token ended");
    let token = app.login(&jan.email, PASSWORD).await;
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["role"], "coordinator");
    let (status, audit) = app.get("/api/v1/audit", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "{audit}");
    assert_eq!(
        audit["items"][0]["detail"], "rol gewijzigd in coördinator door de beheerder",
        "{audit}"
    );
    assert_eq!(audit["items"][0]["subject_id"], jan.id.as_str());

    let (ok, out) = set_role(&jan.email, "coordinator");
    assert!(ok && out.contains("nothing changed"), "{out}");
    let (status, _) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(status, StatusCode::OK, "no change, no logout");
    let (ok, out) = set_role("niemand@example.nl", "volunteer");
    assert!(!ok && out.contains("no account"), "{out}");
    let (ok, out) = set_role(&jan.email, "koning");
    assert!(!ok && out.contains("unknown role"), "{out}");
}

#[tokio::test]
async fn demo_data_is_realistic_dutch_and_loads_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    let (ok, out) = noaber(dir.path(), &db, &["demo", "--seed", "7"], "");
    assert!(ok, "{out}");
    assert!(out.contains("demo data loaded"), "{out}");
    let (ok, out) = noaber(dir.path(), &db, &["demo", "--seed", "7"], "");
    assert!(ok && out.contains("already loaded"), "{out}");

    let (_server, base) = serve(dir.path(), &db).await;
    let get = |path: String| async move {
        reqwest::get(path)
            .await
            .unwrap()
            .json::<serde_json::Value>()
            .await
            .unwrap()
    };
    let requests = get(format!("{base}/api/v1/requests?limit=100")).await;
    assert!(
        requests["total"].as_i64().unwrap() >= 150,
        "hundreds of open requests: {}",
        requests["total"]
    );
    let items = requests["items"].as_array().unwrap();
    assert!(items.iter().all(|p| p["status"] == "open"));
    assert!(
        items.iter().all(|p| p.get("on_behalf_of").is_none()),
        "the public never sees on-behalf-of contacts"
    );
    let categories: std::collections::HashSet<_> = items
        .iter()
        .map(|p| p["category"].as_str().unwrap().to_owned())
        .collect();
    assert!(categories.len() >= 8, "many categories: {categories:?}");
    let places: std::collections::HashSet<_> = items
        .iter()
        .map(|p| p["place"].as_str().unwrap().to_owned())
        .collect();
    assert!(places.len() >= 10, "many villages: {places:?}");
    assert!(
        items
            .iter()
            .any(|p| p["description"].as_str().unwrap().contains(" de ")),
        "Dutch text"
    );
    let vacancies = get(format!("{base}/api/v1/vacancies")).await;
    assert!(vacancies["total"].as_i64().unwrap() >= 50);
    assert!(vacancies["items"][0]["organisation"].is_string());
    let offers = get(format!("{base}/api/v1/offers?category=vervoer")).await;
    assert!(offers["total"].as_i64().unwrap() > 0);

    let client = reqwest::Client::new();
    let login: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": noaber::demo::DEMO_COORDINATOR, "password": noaber::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let queue: serde_json::Value = client
        .get(format!("{base}/api/v1/requests?status=pending_review"))
        .bearer_auth(login["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        queue["total"].as_i64().unwrap() > 0,
        "the coordinator has a review queue"
    );
}

/// Starts `noaber serve` with `secret` as `NOABER_JWT_SECRET` (none when `None`) and
/// the variables `env`, and waits for it to stop by itself: `Some((exited
/// successfully, its output))`, or `None` (after killing it) when it was still
/// running after 30 seconds.
fn start_expecting_refusal(
    data_dir: &std::path::Path,
    db: &TestDatabase,
    secret: Option<&str>,
    env: &[(&str, &str)],
) -> Option<(bool, String)> {
    let mut command = Command::new(noaber_bin());
    command
        .args(["serve"])
        .env_remove("NOABER_JWT_SECRET")
        .env("NOABER_DATA_DIR", data_dir)
        .env("NOABER_DATABASE_URL", &db.url)
        .env("NOABER_BIND", format!("127.0.0.1:{}", free_port()))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(secret) = secret {
        command.env("NOABER_JWT_SECRET", secret);
    }
    command.envs(env.iter().copied());
    let mut child = command.spawn().expect("noaber serve starts");
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(30) {
        if child.try_wait().expect("noaber serve").is_some() {
            let out = child.wait_with_output().expect("output");
            return Some((
                out.status.success(),
                format!(
                    "{}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                ),
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn the_server_refuses_to_start_with_a_weak_secret_and_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    for weak in [
        "a".to_owned(),
        "a".repeat(32),
        "abc".repeat(20),
        "0123456789".repeat(4),
    ] {
        let (ok, out) = start_expecting_refusal(dir.path(), &db, Some(&weak), &[])
            .unwrap_or_else(|| panic!("started with NOABER_JWT_SECRET={weak:?}"));
        assert!(!ok, "{out}");
        assert!(out.contains("NOABER_JWT_SECRET is too weak"), "{out}");
        assert!(out.contains("openssl rand -base64 48"), "{out}");
    }
    assert!(
        !dir.path().join("jwt-secret").exists(),
        "a configured secret is never replaced by a generated one"
    );
}

#[test]
fn the_server_refuses_a_pool_or_cache_size_out_of_range_and_names_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    let secret = "Zq8vT3mK9pL2xW7nB4cR6yH1jF5gD0sA-Noaber-test-secret";
    let refused = [
        ("NOABER_DB_POOL_SIZE", "0"),
        ("NOABER_DB_POOL_SIZE", "201"),
        ("NOABER_DB_POOL_SIZE", "veel"),
        ("NOABER_SEARCH_CACHE_SIZE", "100001"),
        ("NOABER_SEARCH_CACHE_SIZE", "-1"),
    ];
    for (name, size) in refused {
        let (ok, out) = start_expecting_refusal(dir.path(), &db, Some(secret), &[(name, size)])
            .unwrap_or_else(|| panic!("started with {name}={size}"));
        assert!(!ok, "{out}");
        assert!(out.contains(name), "{out}");
    }
}

#[test]
fn the_server_refuses_a_damaged_secret_file_and_leaves_it_alone() {
    for (content, says) in [
        (b"kort\n".to_vec(), "too weak"),
        (vec![0x9f, 0x92, 0x96, 0xff, 0x00, 0x41], "not text"),
        (Vec::new(), "empty"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let db = TestDatabase::create(dir.path());
        let path = dir.path().join("jwt-secret");
        std::fs::write(&path, &content).unwrap();
        let (ok, out) = start_expecting_refusal(dir.path(), &db, None, &[])
            .unwrap_or_else(|| panic!("started with a secret file of {content:?}"));
        assert!(!ok, "{out}");
        assert!(
            out.contains(says) && out.contains("does not overwrite"),
            "{out}"
        );
        assert!(
            out.contains(&path.display().to_string()),
            "names the file: {out}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            content,
            "the file is untouched"
        );
    }
}

#[tokio::test]
async fn the_generated_secret_file_is_private_and_kept_across_restarts() {
    use base64::Engine;
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    let path = dir.path().join("jwt-secret");
    let token = {
        let (_server, base) = serve(dir.path(), &db).await;
        let client = reqwest::Client::new();
        let register = json!({"email": "anna@example.nl", "password": PASSWORD, "name": "Anna", "role": "resident"});
        let answer = client
            .post(format!("{base}/api/v1/auth/register"))
            .json(&register)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::ACCEPTED);
        let login = client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({"email": "anna@example.nl", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        login.json::<serde_json::Value>().await.unwrap()["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let written = std::fs::read_to_string(&path).expect("a secret file");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(written.trim())
        .expect("base64");
    assert!(bytes.len() >= 32, "{} random bytes", bytes.len());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }

    // Started again, it signs with the same secret: the token from before still works.
    let (_server, base) = serve(dir.path(), &db).await;
    let me = reqwest::Client::new()
        .get(format!("{base}/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
}

#[tokio::test]
async fn demo_at_scale_three_holds_three_times_the_data_and_search_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDatabase::create(dir.path());
    let total = |url: String| async move {
        let page: serde_json::Value = reqwest::get(&url).await.unwrap().json().await.unwrap();
        page["total"]
            .as_i64()
            .unwrap_or_else(|| panic!("{url}: {page}"))
    };
    // The plain demo, served once: the server builds its index from it.
    let (ok, out) = noaber(dir.path(), &db, &["demo"], "");
    assert!(ok, "{out}");
    let (server, base) = serve(dir.path(), &db).await;
    let requests_at_one = total(format!("{base}/api/v1/requests")).await;
    let found_at_one = total(format!("{base}/api/v1/search?q=boodschappen")).await;
    drop(server);

    // Scale 3 adds two copies; the restarted server's index is intact and takes
    // them from the change log, as it would take any other change.
    let (ok, out) = noaber(dir.path(), &db, &["demo", "--scale", "3"], "");
    assert!(ok, "{out}");
    assert!(
        out.contains("108 organisations, 960 volunteers, 540 residents")
            && out.contains("900 requests")
            && out.contains("2 copies added now"),
        "three times the people and posts: {out}"
    );
    let (ok, again) = noaber(dir.path(), &db, &["demo", "--scale", "3"], "");
    assert!(ok && again.contains("0 copies added now"), "{again}");
    if let noaber::db::DbConn::Postgres(conn) = &mut noaber::db::establish(&db.url).unwrap() {
        // The planner has statistics for the loaded posts without waiting for
        // autovacuum (the lists at scale were planned badly without them).
        #[derive(diesel::QueryableByName)]
        struct Analyzed {
            #[diesel(sql_type = diesel::sql_types::Bool)]
            analyzed: bool,
        }
        use diesel::RunQueryDsl;
        let posts: Analyzed = diesel::sql_query(
            "SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables \
             WHERE relname = 'posts'",
        )
        .get_result(conn)
        .unwrap();
        assert!(posts.analyzed, "demo runs ANALYZE after loading");
    }

    let (_server, base) = serve(dir.path(), &db).await;
    let requests = total(format!("{base}/api/v1/requests")).await;
    let ratio = requests as f64 / requests_at_one as f64;
    assert!(
        (2.5..=3.5).contains(&ratio),
        "{requests_at_one} → {requests}"
    );
    assert_eq!(
        total(format!("{base}/api/v1/search?kind=request")).await,
        requests,
        "every open request of every copy is in the search index"
    );
    let found = total(format!("{base}/api/v1/search?q=boodschappen")).await;
    assert!(
        found as f64 >= 2.0 * found_at_one as f64,
        "the copies' posts are found: {found_at_one} → {found}"
    );

    // The copies' volunteers are in the coordinator's list.
    let client = reqwest::Client::new();
    let login: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": noaber::demo::DEMO_COORDINATOR, "password": noaber::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["access_token"].as_str().unwrap();
    let volunteers: serde_json::Value = client
        .get(format!("{base}/api/v1/volunteers"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(volunteers["total"], 960, "{volunteers}");
}
