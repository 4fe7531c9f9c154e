//! Browser sessions over real HTTP: the cookie and its flags, the CSRF token, logging
//! out here or everywhere, and every change that must end all sessions and tokens of
//! an account (password reset by mail, password change, role change, deletion).
//! Requests carry the cookie by hand, as a browser would.

use noaber_tests::smtp::SmtpReceiver;
use noaber_tests::{spawn_app, spawn_app_with, Profile, TestApp, TestUser, PASSWORD};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const CSRF_MESSAGE: &str = "De beveiligingscode ontbreekt of klopt niet. Laad de pagina opnieuw.";
const STALE_MESSAGE: &str = "Uw sessie is verlopen of ongeldig. Log opnieuw in.";

/// A logged-in browser: its cookie and the CSRF token the page keeps.
#[derive(Debug, Clone)]
struct Browser {
    secret: String,
    csrf: String,
}

/// What a request sends in `X-CSRF-Token`.
#[derive(Debug, Clone, Copy)]
enum Csrf<'a> {
    /// The session's own token.
    Right,
    /// No header.
    Missing,
    /// This value.
    Given(&'a str),
}

/// An answer: status, JSON body (Null when none) and the `Set-Cookie` headers.
struct Answer {
    status: StatusCode,
    body: Value,
    cookies: Vec<String>,
}

impl Answer {
    /// The one `Set-Cookie` for the session cookie.
    fn session_cookie(&self) -> &str {
        let found: Vec<&String> = self
            .cookies
            .iter()
            .filter(|c| c.starts_with("noaber_session="))
            .collect();
        assert_eq!(found.len(), 1, "one session cookie in {:?}", self.cookies);
        found[0]
    }

    /// Whether it tells the browser to forget the session cookie.
    fn clears_cookie(&self) -> bool {
        self.cookies
            .iter()
            .any(|c| c.starts_with("noaber_session=;") && has_attribute(c, "Max-Age=0"))
    }
}

fn has_attribute(cookie: &str, attribute: &str) -> bool {
    cookie
        .split(';')
        .skip(1)
        .any(|a| a.trim().eq_ignore_ascii_case(attribute))
}

async fn answer(response: reqwest::Response) -> Answer {
    let cookies = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    let (status, body) = noaber_tests::into_json(response).await;
    Answer {
        status,
        body,
        cookies,
    }
}

/// `POST /api/v1/auth/session`.
async fn try_start_session(app: &TestApp, email: &str, password: &str) -> Answer {
    let response = app
        .client
        .post(app.url("/api/v1/auth/session"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("request sent");
    answer(response).await
}

/// Logs `email` in the way the web page does.
async fn browser_login(app: &TestApp, email: &str, password: &str) -> Browser {
    let started = try_start_session(app, email, password).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    let cookie = started.session_cookie();
    let secret = cookie
        .split(';')
        .next()
        .and_then(|pair| pair.strip_prefix("noaber_session="))
        .expect("cookie value")
        .to_owned();
    let csrf = started.body["csrf_token"]
        .as_str()
        .expect("csrf token")
        .to_owned();
    Browser { secret, csrf }
}

/// Any request with a raw `Cookie` header (or none) and a CSRF header.
async fn request(
    app: &TestApp,
    method: Method,
    path: &str,
    cookie: Option<&str>,
    csrf: Option<&str>,
    body: Option<&Value>,
) -> Answer {
    let mut req = app.client.request(method, app.url(path));
    if let Some(cookie) = cookie {
        req = req.header("cookie", cookie);
    }
    if let Some(csrf) = csrf {
        req = req.header("x-csrf-token", csrf);
    }
    if let Some(body) = body {
        req = req.json(body);
    }
    answer(req.send().await.expect("request sent")).await
}

impl Browser {
    fn cookie(&self) -> String {
        format!("noaber_session={}", self.secret)
    }

    async fn send(
        &self,
        app: &TestApp,
        method: Method,
        path: &str,
        csrf: Csrf<'_>,
        body: Option<&Value>,
    ) -> Answer {
        let token = match csrf {
            Csrf::Right => Some(self.csrf.as_str()),
            Csrf::Missing => None,
            Csrf::Given(token) => Some(token),
        };
        request(app, method, path, Some(&self.cookie()), token, body).await
    }

    async fn get(&self, app: &TestApp, path: &str) -> Answer {
        self.send(app, Method::GET, path, Csrf::Missing, None).await
    }

    /// Gives account `id` another role through this browser's session.
    async fn set_role(&self, app: &TestApp, id: &str, role: &str) -> Answer {
        let path = format!("/api/v1/accounts/{id}/role");
        let body = json!({ "role": role });
        self.send(app, Method::PUT, &path, Csrf::Right, Some(&body))
            .await
    }

    async fn delete(&self, app: &TestApp, path: &str, csrf: Csrf<'_>) -> Answer {
        self.send(app, Method::DELETE, path, csrf, None).await
    }

    /// The status of `GET /api/v1/me` with this cookie.
    async fn me_status(&self, app: &TestApp) -> StatusCode {
        self.get(app, "/api/v1/me").await.status
    }
}

/// `GET path` with only a cookie header.
async fn get_with_cookie(app: &TestApp, path: &str, cookie: &str) -> Answer {
    request(app, Method::GET, path, Some(cookie), None, None).await
}

/// The status of `GET /api/v1/me` with a bearer token.
async fn me_status_with(app: &TestApp, token: &str) -> StatusCode {
    app.get("/api/v1/me", Some(token)).await.0
}

/// How many session rows the account has, read from the database.
async fn stored_sessions(app: &TestApp, account_id: &str) -> i64 {
    let (url, id) = (app.settings.database_url.clone(), account_id.to_owned());
    tokio::task::spawn_blocking(move || {
        let mut conn = noaber::db::establish(&url).expect("database");
        noaber::db::sessions::count(&mut conn, &id).expect("count")
    })
    .await
    .expect("join")
}

#[tokio::test]
async fn a_browser_session_gets_a_safe_cookie_and_only_a_hash_is_stored() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge Bakker").await;

    let started = try_start_session(&app, &inge.email.to_uppercase(), PASSWORD).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    assert_eq!(started.body["account"]["id"], inge.id.as_str());
    assert_eq!(started.body["account"]["email"], inge.email.as_str());
    assert_eq!(started.body["account"]["role"], "resident");
    assert!(started.body["account"].get("password_hash").is_none());
    let csrf = started.body["csrf_token"].as_str().expect("csrf token");
    assert!(csrf.len() >= 40, "{csrf}");

    let cookie = started.session_cookie();
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=1209600"] {
        assert!(has_attribute(cookie, flag), "{flag} missing in {cookie}");
    }
    assert!(
        !has_attribute(cookie, "Secure"),
        "no Secure over plain http: {cookie}"
    );
    let secret = cookie
        .split(';')
        .next()
        .and_then(|p| p.strip_prefix("noaber_session="))
        .unwrap()
        .to_owned();
    assert_eq!(secret.len(), 43, "32 bytes in base64url: {secret}");
    assert!(secret
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));

    // The database holds the SHA-256 of the secret, never the secret.
    let (url, id) = (app.settings.database_url.clone(), inge.id.clone());
    let stored: Vec<String> = tokio::task::spawn_blocking(move || {
        use diesel::prelude::*;
        use noaber::db::schema::sessions;
        let mut conn = noaber::db::establish(&url).expect("database");
        sessions::table
            .filter(sessions::account_id.eq(id))
            .select(sessions::id)
            .load(&mut conn)
            .expect("sessions")
    })
    .await
    .unwrap();
    assert_eq!(stored, vec![noaber::db::account_tokens::hash(&secret)]);

    // Wrong passwords and unknown addresses get /auth/login's answer, and no cookie.
    let (_, login_refusal) = app.try_login(&inge.email, "verkeerd-wachtwoord").await;
    for (email, password) in [
        (inge.email.as_str(), "verkeerd-wachtwoord"),
        ("niemand@example.nl", PASSWORD),
    ] {
        let refused = try_start_session(&app, email, password).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        assert_eq!(refused.body["detail"], login_refusal["detail"]);
        assert!(refused.cookies.is_empty(), "{:?}", refused.cookies);
    }
}

#[tokio::test]
async fn the_page_asks_for_its_session_on_every_load() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;

    let none = request(&app, Method::GET, "/api/v1/auth/session", None, None, None).await;
    assert_eq!(none.status, StatusCode::OK);
    assert_eq!(none.body, json!({"account": null, "csrf_token": null}));
    assert!(
        none.cookies.is_empty(),
        "nothing to clear: {:?}",
        none.cookies
    );

    let browser = browser_login(&app, &inge.email, PASSWORD).await;
    let live = browser.get(&app, "/api/v1/auth/session").await;
    assert_eq!(live.status, StatusCode::OK);
    assert_eq!(live.body["account"]["id"], inge.id.as_str());
    assert_eq!(live.body["csrf_token"], browser.csrf.as_str());
    assert!(live.cookies.is_empty());
    assert_eq!(browser.me_status(&app).await, StatusCode::OK);

    // A cookie that names no session is answered with one that clears it.
    let made_up = request(
        &app,
        Method::GET,
        "/api/v1/auth/session",
        Some("noaber_session=bestaat-niet"),
        None,
        None,
    )
    .await;
    assert_eq!(made_up.status, StatusCode::OK);
    assert_eq!(made_up.body, json!({"account": null, "csrf_token": null}));
    assert!(made_up.clears_cookie(), "{:?}", made_up.cookies);
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(has_attribute(made_up.session_cookie(), flag));
    }
}

#[tokio::test]
async fn cookies_are_secure_when_noaber_is_reached_over_https() {
    let app = spawn_app_with(|s| s.public_url = "https://noaber.test".into()).await;
    let inge = app.user("resident", "Inge").await;
    let started = try_start_session(&app, &inge.email, PASSWORD).await;
    assert_eq!(started.status, StatusCode::OK);
    assert!(has_attribute(started.session_cookie(), "Secure"));
    let browser = browser_login(&app, &inge.email, PASSWORD).await;
    let ended = browser
        .delete(&app, "/api/v1/auth/session", Csrf::Right)
        .await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT);
    assert!(ended.clears_cookie());
    assert!(has_attribute(ended.session_cookie(), "Secure"));
}

#[tokio::test]
async fn changes_by_cookie_need_the_csrf_token_and_bearer_requests_do_not() {
    let app = spawn_app().await;
    let sharon = app.user("volunteer", "Sharon").await;
    let browser = browser_login(&app, &sharon.email, PASSWORD).await;
    let profile = serde_json::to_value(Profile::dog_walker()).unwrap();
    let path = "/api/v1/me/volunteer-profile";

    for csrf in [
        Csrf::Missing,
        Csrf::Given("verkeerd"),
        Csrf::Given(""),
        Csrf::Given(&browser.csrf[..browser.csrf.len() - 1]),
    ] {
        let refused = browser
            .send(&app, Method::PUT, path, csrf, Some(&profile))
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{csrf:?}");
        assert_eq!(refused.body["detail"], CSRF_MESSAGE);
    }
    // Another session's token does not fit this one.
    let other = browser_login(&app, &sharon.email, PASSWORD).await;
    let refused = browser
        .send(
            &app,
            Method::PUT,
            path,
            Csrf::Given(&other.csrf),
            Some(&profile),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let me = browser.get(&app, "/api/v1/me").await;
    assert_eq!(me.status, StatusCode::OK, "reading needs no token");
    assert!(
        me.body.get("volunteer_profile").is_none(),
        "a refused change changed nothing: {}",
        me.body
    );

    let saved = browser
        .send(&app, Method::PUT, path, Csrf::Right, Some(&profile))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["volunteer_profile"]["place"], "beilen");

    // API clients send a bearer token and no CSRF token.
    let again = app
        .try_set_profile(&sharon, &Profile::dog_walker().within_km(5))
        .await;
    assert_eq!(again.0, StatusCode::OK, "{}", again.1);
    // With an Authorization header the cookie does not count, not even to help out.
    let answer = request(
        &app,
        Method::GET,
        "/api/v1/me",
        Some(&browser.cookie()),
        None,
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let bad_bearer = app
        .client
        .get(app.url("/api/v1/me"))
        .header("cookie", browser.cookie())
        .bearer_auth("not.a.token")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_bearer.status(), StatusCode::UNAUTHORIZED);
}

/// (trips, statements) summed over every `GET /api/v1/me` so far.
async fn me_work(app: &TestApp) -> (f64, f64) {
    let text = app.metrics().await;
    let value = |metric: &str| {
        let name = format!("noaber_{metric}_sum{{method=\"GET\",route=\"/api/v1/me\"}} ");
        text.lines()
            .find_map(|l| l.strip_prefix(&name))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (
        value("db_trips_per_request"),
        value("db_statements_per_request"),
    )
}

#[tokio::test]
async fn a_cookie_costs_one_query_like_a_token() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let browser = browser_login(&app, &inge.email, PASSWORD).await;
    let before = me_work(&app).await;
    assert_eq!(me_status_with(&app, &inge.token).await, StatusCode::OK);
    let after_bearer = me_work(&app).await;
    assert_eq!(browser.me_status(&app).await, StatusCode::OK);
    let after_cookie = me_work(&app).await;
    let bearer = (after_bearer.0 - before.0, after_bearer.1 - before.1);
    let cookie = (
        after_cookie.0 - after_bearer.0,
        after_cookie.1 - after_bearer.1,
    );
    // One trip for the caller, one for `/me` itself.
    assert_eq!(bearer.0, 2.0);
    assert_eq!(cookie, bearer, "a cookie costs what a token costs");
}

#[tokio::test]
async fn logging_out_ends_this_session_only() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let here = browser_login(&app, &inge.email, PASSWORD).await;
    let there = browser_login(&app, &inge.email, PASSWORD).await;
    assert_eq!(stored_sessions(&app, &inge.id).await, 2);

    let refused = here
        .delete(&app, "/api/v1/auth/session", Csrf::Missing)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.body["detail"], CSRF_MESSAGE);
    assert_eq!(
        here.me_status(&app).await,
        StatusCode::OK,
        "still logged in"
    );

    let ended = here.delete(&app, "/api/v1/auth/session", Csrf::Right).await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT);
    assert!(ended.clears_cookie(), "{:?}", ended.cookies);
    assert_eq!(stored_sessions(&app, &inge.id).await, 1, "the row is gone");
    let me = here.get(&app, "/api/v1/me").await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    assert_eq!(me.body["detail"], STALE_MESSAGE);
    assert_eq!(there.me_status(&app).await, StatusCode::OK);
    assert_eq!(me_status_with(&app, &inge.token).await, StatusCode::OK);

    // Logging out again (or without a session) is fine.
    let again = here
        .delete(&app, "/api/v1/auth/session", Csrf::Missing)
        .await;
    assert_eq!(again.status, StatusCode::NO_CONTENT);
    assert!(again.clears_cookie());
}

#[tokio::test]
async fn logging_out_everywhere_ends_every_session_and_token() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let other = app.user("resident", "Truus").await;
    let here = browser_login(&app, &inge.email, PASSWORD).await;
    let there = browser_login(&app, &inge.email, PASSWORD).await;
    let second_token = app.login(&inge.email, PASSWORD).await;
    let others_browser = browser_login(&app, &other.email, PASSWORD).await;

    let refused = here
        .delete(&app, "/api/v1/auth/sessions", Csrf::Missing)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(there.me_status(&app).await, StatusCode::OK);

    let ended = here
        .delete(&app, "/api/v1/auth/sessions", Csrf::Right)
        .await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT);
    assert!(ended.clears_cookie());
    assert_eq!(here.me_status(&app).await, StatusCode::UNAUTHORIZED);
    assert_eq!(there.me_status(&app).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        me_status_with(&app, &inge.token).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        me_status_with(&app, &second_token).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(stored_sessions(&app, &inge.id).await, 0);
    // Nobody else is logged out.
    assert_eq!(others_browser.me_status(&app).await, StatusCode::OK);
    assert_eq!(me_status_with(&app, &other.token).await, StatusCode::OK);

    // Logging in again works, and a bearer token can log out everywhere too.
    let token = app.login(&inge.email, PASSWORD).await;
    let browser = browser_login(&app, &inge.email, PASSWORD).await;
    let (status, _) = app
        .send(
            Method::DELETE,
            "/api/v1/auth/sessions",
            Some(&token),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(browser.me_status(&app).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me_status_with(&app, &token).await, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .send(Method::DELETE, "/api/v1/auth/sessions", None, &json!({}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_password_reset_by_mail_ends_every_session_and_earlier_token() {
    let smtp = SmtpReceiver::start();
    let public = "https://noaber.test";
    let app = spawn_app_with(|s| {
        s.smtp_url = Some(smtp.url());
        s.public_url = public.into();
    })
    .await;
    let jan = app
        .register("volunteer", "Jan Hof", "jan@smilde.example", None)
        .await;
    smtp.nth_to(&jan.email, 1).await;
    let browser = browser_login(&app, &jan.email, PASSWORD).await;
    let other_browser = browser_login(&app, &jan.email, PASSWORD).await;

    let (status, _) = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            &json!({"email": jan.email}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let mail = smtp.nth_to(&jan.email, 2).await;
    assert_eq!(mail.subject, "Nieuw wachtwoord instellen");
    let link = mail.link(public).expect("link in the mail");
    let token = link
        .split("/nieuw-wachtwoord#")
        .nth(1)
        .expect("token in link");
    // Asking for a link changes nothing yet.
    assert_eq!(browser.me_status(&app).await, StatusCode::OK);
    assert_eq!(me_status_with(&app, &jan.token).await, StatusCode::OK);

    let (status, body) = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            &json!({"token": token, "password": "nieuw-wachtwoord-2026"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(browser.me_status(&app).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        other_browser.me_status(&app).await,
        StatusCode::UNAUTHORIZED
    );
    let (status, problem) = app.get("/api/v1/me", Some(&jan.token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(problem["detail"], STALE_MESSAGE);
    assert_eq!(stored_sessions(&app, &jan.id).await, 0);

    let fresh = browser_login(&app, &jan.email, "nieuw-wachtwoord-2026").await;
    assert_eq!(fresh.me_status(&app).await, StatusCode::OK);
    let token = app.login(&jan.email, "nieuw-wachtwoord-2026").await;
    assert_eq!(me_status_with(&app, &token).await, StatusCode::OK);
}

#[tokio::test]
async fn changing_the_password_ends_every_session_and_token() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let browser = browser_login(&app, &inge.email, PASSWORD).await;
    let other_browser = browser_login(&app, &inge.email, PASSWORD).await;
    let path = "/api/v1/me/password";
    let change =
        |current: &str, new: &str| json!({"current_password": current, "new_password": new});

    let refused = browser
        .send(
            &app,
            Method::POST,
            path,
            Csrf::Missing,
            Some(&change(PASSWORD, "nieuw-wachtwoord-2026")),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.body["detail"], CSRF_MESSAGE);

    let wrong = browser
        .send(
            &app,
            Method::POST,
            path,
            Csrf::Right,
            Some(&change("verkeerd-wachtwoord", "nieuw-wachtwoord-2026")),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(
        wrong.body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("wachtwoord"),
        "{}",
        wrong.body
    );
    assert_ne!(wrong.body["detail"], CSRF_MESSAGE);

    let weak = browser
        .send(
            &app,
            Method::POST,
            path,
            Csrf::Right,
            Some(&change(PASSWORD, "kort")),
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        weak.body["errors"]["new_password"].is_string(),
        "{}",
        weak.body
    );

    // Nothing of that changed anything.
    assert_eq!(browser.me_status(&app).await, StatusCode::OK);
    assert_eq!(me_status_with(&app, &inge.token).await, StatusCode::OK);
    app.login(&inge.email, PASSWORD).await;

    let changed = browser
        .send(
            &app,
            Method::POST,
            path,
            Csrf::Right,
            Some(&change(PASSWORD, "nieuw-wachtwoord-2026")),
        )
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.body);
    assert!(changed.clears_cookie());
    assert_eq!(browser.me_status(&app).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        other_browser.me_status(&app).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        me_status_with(&app, &inge.token).await,
        StatusCode::UNAUTHORIZED
    );
    let (status, _) = app.try_login(&inge.email, PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old password is gone");
    let token = app.login(&inge.email, "nieuw-wachtwoord-2026").await;

    // By bearer token, the same.
    let browser = browser_login(&app, &inge.email, "nieuw-wachtwoord-2026").await;
    let (status, body) = app
        .post(
            path,
            Some(&token),
            &change("nieuw-wachtwoord-2026", "nog-een-wachtwoord"),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(me_status_with(&app, &token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(browser.me_status(&app).await, StatusCode::UNAUTHORIZED);
    app.login(&inge.email, "nog-een-wachtwoord").await;
}

#[tokio::test]
async fn deleting_the_account_ends_every_session_and_token() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let browser = browser_login(&app, &inge.email, PASSWORD).await;
    let other_browser = browser_login(&app, &inge.email, PASSWORD).await;

    let refused = browser
        .send(
            &app,
            Method::DELETE,
            "/api/v1/me",
            Csrf::Missing,
            Some(&json!({"password": PASSWORD})),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.body["detail"], CSRF_MESSAGE);
    assert_eq!(browser.me_status(&app).await, StatusCode::OK, "not deleted");

    let deleted = browser
        .send(
            &app,
            Method::DELETE,
            "/api/v1/me",
            Csrf::Right,
            Some(&json!({"password": PASSWORD})),
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
    assert!(deleted.clears_cookie());
    assert_eq!(browser.me_status(&app).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        other_browser.me_status(&app).await,
        StatusCode::UNAUTHORIZED
    );
    let session = other_browser.get(&app, "/api/v1/auth/session").await;
    assert_eq!(session.body, json!({"account": null, "csrf_token": null}));
    assert!(session.clears_cookie());
    assert_eq!(
        me_status_with(&app, &inge.token).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(stored_sessions(&app, &inge.id).await, 0);
    let again = try_start_session(&app, &inge.email, PASSWORD).await;
    assert_eq!(
        again.status,
        StatusCode::UNAUTHORIZED,
        "deleted accounts cannot log in"
    );
}

async fn set_role(
    app: &TestApp,
    by: &TestUser,
    account_id: &str,
    role: &str,
) -> (StatusCode, Value) {
    app.send(
        Method::PUT,
        &format!("/api/v1/accounts/{account_id}/role"),
        Some(&by.token),
        &json!({"role": role}),
    )
    .await
}

#[tokio::test]
async fn a_role_change_takes_effect_at_once_and_ends_old_logins() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let jan = app.user("resident", "Jan").await;
    let truus = app.user("volunteer", "Truus").await;
    let jans_browser = browser_login(&app, &jan.email, PASSWORD).await;

    // Only coordinators change roles; unknown roles and accounts are refused.
    let (status, _) = set_role(&app, &truus, &jan.id, "coordinator").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let refused = jans_browser.set_role(&app, &jan.id, "coordinator").await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "not by promoting oneself"
    );
    let (status, body) = set_role(&app, &coordinator, &jan.id, "koning").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"]["role"].is_string(), "{body}");
    let (status, _) = set_role(&app, &coordinator, "geen-account", "volunteer").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = set_role(&app, &coordinator, &coordinator.id, "resident").await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "no one demotes themself: {body}"
    );
    assert!(
        body["detail"].as_str().unwrap().contains("eigen rol"),
        "{body}"
    );
    assert_eq!(
        jans_browser.me_status(&app).await,
        StatusCode::OK,
        "nothing changed yet"
    );

    // Through the coordinator's own browser session, with its CSRF token.
    let coordinators_browser =
        browser_login(&app, &coordinator.email, noaber_tests::COORDINATOR_PASSWORD).await;
    let changed = coordinators_browser
        .set_role(&app, &jan.id, "coordinator")
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["id"], jan.id.as_str());
    assert_eq!(changed.body["role"], "coordinator");

    // Jan's old logins are over; a new one has the new role, at once.
    assert_eq!(jans_browser.me_status(&app).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        me_status_with(&app, &jan.token).await,
        StatusCode::UNAUTHORIZED
    );
    let jans_new_browser = browser_login(&app, &jan.email, PASSWORD).await;
    let session = jans_new_browser.get(&app, "/api/v1/auth/session").await;
    assert_eq!(session.body["account"]["role"], "coordinator");
    let audit = jans_new_browser.get(&app, "/api/v1/audit").await;
    assert_eq!(
        audit.status,
        StatusCode::OK,
        "coordinator pages are open to him"
    );
    let entry = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["subject_id"] == jan.id.as_str())
        .cloned()
        .expect("the change is in the audit log");
    assert_eq!(entry["actor_id"], coordinator.id.as_str());
    assert_eq!(entry["action"], "change");
    assert_eq!(entry["detail"], "rol gewijzigd in coördinator");
    // The coordinator and other people keep their logins.
    assert_eq!(coordinators_browser.me_status(&app).await, StatusCode::OK);
    assert_eq!(
        me_status_with(&app, &coordinator.token).await,
        StatusCode::OK
    );
    assert_eq!(me_status_with(&app, &truus.token).await, StatusCode::OK);

    // And back: the role the account has now applies, not the one at login.
    let token = app.login(&jan.email, PASSWORD).await;
    let (status, body) = set_role(&app, &coordinator, &jan.id, "resident").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        jans_new_browser.me_status(&app).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(me_status_with(&app, &token).await, StatusCode::UNAUTHORIZED);
    let token = app.login(&jan.email, PASSWORD).await;
    let (status, _) = app.get("/api/v1/audit", Some(&token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["role"], "resident");

    // Setting the role an account already has changes nothing and logs nobody out.
    let (status, body) = set_role(&app, &coordinator, &jan.id, "resident").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(me_status_with(&app, &token).await, StatusCode::OK);
}

#[tokio::test]
async fn a_volunteer_made_resident_is_no_longer_suggested() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app
        .vetted_volunteer(&coordinator, "Sharon", &Profile::dog_walker())
        .await;
    let request = app
        .open_post(
            "requests",
            &inge,
            &coordinator,
            &noaber_tests::dog_walking_request(),
        )
        .await;
    let path = format!("/api/v1/requests/{request}/suggestions");
    let suggested = |body: &Value| {
        body["items"].as_array().is_some_and(|items| {
            items
                .iter()
                .any(|s| s["volunteer"]["id"] == sharon.id.as_str())
        })
    };
    let (status, before) = app.get(&path, Some(&coordinator.token)).await;
    assert_eq!(status, StatusCode::OK, "{before}");
    assert!(suggested(&before), "{before}");
    let (status, _) = set_role(&app, &coordinator, &sharon.id, "resident").await;
    assert_eq!(status, StatusCode::OK);
    let (_, after) = app.get(&path, Some(&coordinator.token)).await;
    assert!(!suggested(&after), "{after}");
}

#[tokio::test]
async fn a_stale_cookie_leaves_public_pages_working() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let browser = browser_login(&app, &inge.email, PASSWORD).await;
    let ended = browser
        .delete(&app, "/api/v1/auth/session", Csrf::Right)
        .await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT);

    // A session that expired: made in the database with its end in the past.
    let expired = "een-verlopen-sessie-geheim".to_owned();
    let (url, id, secret) = (
        app.settings.database_url.clone(),
        inge.id.clone(),
        expired.clone(),
    );
    tokio::task::spawn_blocking(move || {
        let mut conn = noaber::db::establish(&url).expect("database");
        noaber::db::sessions::create(
            &mut conn,
            &id,
            &secret,
            "csrf",
            chrono::TimeDelta::seconds(-1),
        )
        .expect("session stored");
    })
    .await
    .unwrap();
    assert_eq!(stored_sessions(&app, &inge.id).await, 1);

    for cookie in [
        browser.cookie(),
        format!("noaber_session={expired}"),
        "noaber_session=verzonnen".to_owned(),
    ] {
        let public = get_with_cookie(&app, "/api/v1/requests", &cookie).await;
        assert_eq!(public.status, StatusCode::OK, "{cookie}: {}", public.body);
        let search = get_with_cookie(&app, "/api/v1/search?q=hond", &cookie).await;
        assert_eq!(search.status, StatusCode::OK, "{cookie}: {}", search.body);
        let me = get_with_cookie(&app, "/api/v1/me", &cookie).await;
        assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{cookie}");
        assert_eq!(me.body["detail"], STALE_MESSAGE);
        let session = get_with_cookie(&app, "/api/v1/auth/session", &cookie).await;
        assert_eq!(session.body, json!({"account": null, "csrf_token": null}));
        assert!(session.clears_cookie(), "{cookie}");
    }

    // The next login clears expired sessions out of the table.
    browser_login(&app, &inge.email, PASSWORD).await;
    assert_eq!(stored_sessions(&app, &inge.id).await, 1, "only the new one");
}
