//! Hostile input gets the same clear answer on both backends (issue 13): control
//! characters in text, query parameters and path ids never reach the database
//! (PostgreSQL cannot store a NUL; SQLite would), and nothing is stored.

use noaber_tests::{dog_walking_request, fresh_email, spawn_app, Profile, PASSWORD};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn field_error<'a>(body: &'a Value, field: &str) -> &'a str {
    body["errors"][field]
        .as_str()
        .unwrap_or_else(|| panic!("no error on {field}: {body}"))
}

#[tokio::test]
async fn path_ids_that_are_not_ids_are_404_before_any_query() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    // Public routes answer everyone 404; the others ask anonymous callers to log in
    // first and answer the coordinator 404.
    let anonymous = |public: bool| {
        if public {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::UNAUTHORIZED
        }
    };
    for (path, public) in [
        ("/api/v1/requests/abc%00", true),
        ("/api/v1/requests/abc", true),
        ("/api/v1/offers/%00", true),
        ("/api/v1/matches/1%00/messages", false),
        ("/api/v1/volunteers/x%00y", false),
        ("/api/v1/requests/0b6f%00/suggestions", false),
    ] {
        let (status, body) = app.get(path, None).await;
        assert_eq!(status, anonymous(public), "{path}: {body}");
        let (status, body) = app.get(path, Some(&coordinator.token)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
    }
    let (status, _) = app
        .post(
            "/api/v1/matches/abc%00/confirm",
            Some(&coordinator.token),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn control_characters_in_text_are_a_field_error_and_store_nothing() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;

    // Registration: a NUL in the name, an escape in the phone number.
    let (status, body) = app
        .try_register(&json!({"email": fresh_email("nul"), "password": PASSWORD,
                               "name": "In\u{0}ge", "role": "resident"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(field_error(&body, "name").contains("stuurteken"), "{body}");
    let (status, body) = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": "a\u{0}@b.nl", "password": "x"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // A post: a NUL in the title or description, a newline in the title.
    for (field, value) in [
        ("title", "Hulp\u{0}"),
        ("description", "Wie helpt mij?\u{7}"),
        ("title", "Twee\nregels"),
    ] {
        let mut post = dog_walking_request();
        post[field] = json!(value);
        let (status, body) = app.post("/api/v1/requests", Some(&inge.token), &post).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
        field_error(&body, field);
    }
    // Lines and tabs in a description are fine.
    let mut post = dog_walking_request();
    post["description"] = json!("Eerste regel.\nTweede regel\tmet een tab.");
    let (status, created) = app.post("/api/v1/requests", Some(&inge.token), &post).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");

    // A query parameter and a message.
    let (status, body) = app.get("/api/v1/search?q=tuin%00", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    field_error(&body, "q");
    let request = app.open_request(&inge, &coordinator).await;
    let sharon = app.user("volunteer", "Sharon").await;
    let match_id = app.respond(&sharon, &request, "Ik help graag.").await;
    let (status, body) = app.try_message(&sharon, &match_id, "Hallo\u{0}").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    field_error(&body, "body");

    // Nothing of it was stored: Inge has her two posts, the match one message.
    let (_, mine) = app
        .get("/api/v1/requests?author=me", Some(&inge.token))
        .await;
    assert_eq!(mine["total"], 2, "{mine}");
    let (_, messages) = app
        .get(
            &format!("/api/v1/matches/{match_id}/messages"),
            Some(&sharon.token),
        )
        .await;
    assert_eq!(messages["total"], 1, "{messages}");
}

#[tokio::test]
async fn api_answers_carry_security_headers_and_personal_ones_are_never_stored() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let header = |res: &reqwest::Response, name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let url = |path: &str| format!("{}{path}", app.address);

    let personal = app
        .client
        .get(url("/api/v1/me"))
        .bearer_auth(&inge.token)
        .send()
        .await
        .expect("me");
    assert_eq!(personal.status(), StatusCode::OK);
    assert_eq!(header(&personal, "cache-control"), "no-store");
    assert_eq!(header(&personal, "x-content-type-options"), "nosniff");
    assert_eq!(header(&personal, "x-frame-options"), "DENY");
    assert_eq!(header(&personal, "referrer-policy"), "no-referrer");
    assert!(header(&personal, "content-security-policy").contains("default-src 'none'"));
    // Over plain http there is no HSTS.
    assert_eq!(header(&personal, "strict-transport-security"), "");

    // Public reference data may be cached; it still says what it is.
    let public = app
        .client
        .get(url("/api/v1/categories"))
        .send()
        .await
        .expect("categories");
    assert_ne!(header(&public, "cache-control"), "no-store");
    assert_eq!(header(&public, "x-content-type-options"), "nosniff");
    // Even an error answer to someone logged in is not stored.
    let refused = app
        .client
        .get(url("/api/v1/audit"))
        .bearer_auth(&inge.token)
        .send()
        .await
        .expect("audit");
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(header(&refused, "cache-control"), "no-store");
}

#[tokio::test]
async fn an_https_site_tells_browsers_to_stay_on_https() {
    let app = noaber_tests::spawn_app_with(|s| s.public_url = "https://noaber.test".into()).await;
    for path in ["/api/v1/categories", "/", "/healthz"] {
        let res = app
            .client
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .expect(path);
        let hsts = res
            .headers()
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(hsts.starts_with("max-age=31536000"), "{path}: {hsts:?}");
    }
}

/// A secret the test knows, so it can sign tokens as the server would.
const SECRET: &str = "k3V9tqZ2wX8mR4pL7nB1cF6hJ0sD5gA2yE9uW3oQ7iT4vN8x";

#[tokio::test]
async fn forged_tokens_get_nothing_and_the_role_comes_from_the_account() {
    let app = noaber_tests::spawn_app_with(|s| s.jwt_secret = Some(SECRET.into())).await;
    let piet = app.user("volunteer", "Piet").await;
    let audit = |token: String| {
        let app = &app;
        async move {
            app.client
                .get(format!("{}/api/v1/audit", app.address))
                .bearer_auth(token)
                .send()
                .await
                .expect("audit")
                .status()
        }
    };
    let payload = piet.token.split('.').nth(1).unwrap_or_default().to_owned();

    // Unsigned ("alg": "none") with Piet's own claims.
    let unsigned = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}.");
    assert_eq!(audit(unsigned).await, StatusCode::UNAUTHORIZED);
    // Signed with another key, claiming the coordinator role.
    let other = noaber::auth::TokenKeys::new(b"another-secret-that-is-not-ours-0f9a8b7c6d5e", 60);
    let forged = other
        .issue(&piet.id, noaber::domain::Role::Coordinator, 0)
        .expect("token");
    assert_eq!(audit(forged.token).await, StatusCode::UNAUTHORIZED);
    // Signed with the real key but claiming a role Piet does not have: the role is
    // read from his account, so he is still a volunteer.
    let keys = noaber::auth::TokenKeys::new(SECRET.as_bytes(), 60);
    let claimed = keys
        .issue(&piet.id, noaber::domain::Role::Coordinator, 0)
        .expect("token");
    assert_eq!(audit(claimed.token).await, StatusCode::FORBIDDEN);
    // After "log out everywhere" a well-signed token of the old session version is
    // refused, whatever it claims.
    let out = app
        .client
        .delete(format!("{}/api/v1/auth/sessions", app.address))
        .bearer_auth(&piet.token)
        .send()
        .await
        .expect("log out everywhere");
    assert!(out.status().is_success(), "{}", out.status());
    let old = keys
        .issue(&piet.id, noaber::domain::Role::Volunteer, 0)
        .expect("token");
    assert_eq!(audit(old.token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(audit(piet.token.clone()).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn posts_responses_and_messages_are_capped_per_account_per_hour() {
    let app = noaber_tests::spawn_app_with(|s| {
        s.limits = noaber::app::limits::HourlyLimits {
            posts: 3,
            responses: 2,
            messages: 5,
        };
    })
    .await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let throttled = |status: StatusCode, body: &Value| {
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
        assert!(
            body["detail"]
                .as_str()
                .unwrap_or_default()
                .contains("afgelopen uur"),
            "{body}"
        );
    };

    // Posts: three, then a 429 with Retry-After; nothing more is stored.
    let mut requests = Vec::new();
    for _ in 0..3 {
        let post = app
            .create_post("requests", &inge, &dog_walking_request())
            .await;
        requests.push(post["id"].as_str().unwrap_or_default().to_owned());
    }
    let res = app
        .client
        .post(format!("{}/api/v1/requests", app.address))
        .bearer_auth(&inge.token)
        .json(&dog_walking_request())
        .send()
        .await
        .expect("post");
    let retry: u64 = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    assert!((3_000..=3_600).contains(&retry), "Retry-After {retry}");
    let status = res.status();
    throttled(status, &res.json().await.expect("json"));
    let (_, mine) = app
        .get("/api/v1/requests?author=me", Some(&inge.token))
        .await;
    assert_eq!(mine["total"], 3);
    // The Servicepunt enters requests taken by phone without a cap.
    for _ in 0..4 {
        app.create_post("requests", &coordinator, &dog_walking_request())
            .await;
    }

    // Responses: two, then a 429.
    for id in &requests {
        app.approve("requests", id, &coordinator).await;
    }
    let first = app.respond(&sharon, &requests[0], "Ik help graag.").await;
    app.respond(&sharon, &requests[1], "Ik ook hier.").await;
    let (status, body) = app.try_respond(&sharon, &requests[2], "En hier.").await;
    throttled(status, &body);

    // Messages: a response's text is the first message of its conversation, so
    // Sharon's two responses count; three more, then a 429.
    for n in 1..=3 {
        app.message(&sharon, &first, &format!("Bericht {n}")).await;
    }
    let (status, body) = app.try_message(&sharon, &first, "Nog een").await;
    throttled(status, &body);
    // Inge's own allowance is untouched.
    app.message(&inge, &first, "Dank u!").await;
}

/// `POST /api/v1/auth/login` and the `Retry-After` it sends, if any.
async fn login(app: &noaber_tests::TestApp, email: &str, password: &str) -> (StatusCode, u64) {
    let res = app
        .client
        .post(format!("{}/api/v1/auth/login", app.address))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .expect("login");
    let retry = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    (res.status(), retry)
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_an_address_alike_for_known_and_unknown() {
    let app = noaber_tests::spawn_app_with(|s| {
        s.login = noaber::app::limits::LoginPolicy {
            free_attempts: 3,
            max_lock_seconds: 600,
        };
    })
    .await;
    let inge = app.user("resident", "Inge").await;
    let unknown = fresh_email("niemand");
    for email in [inge.email.as_str(), unknown.as_str()] {
        let mut seen = Vec::new();
        for _ in 0..4 {
            seen.push(login(&app, email, "fout-wachtwoord-123").await);
        }
        // Three free failures, the fourth sets a 30-second lock; from then on even
        // the right password is not tried.
        assert_eq!(seen, vec![(StatusCode::UNAUTHORIZED, 0); 4], "{email}");
        let (status, retry) = login(&app, email, PASSWORD).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{email}");
        assert!((1..=30).contains(&retry), "{email}: Retry-After {retry}");
    }
    // Another address is not affected.
    let sharon = app.user("volunteer", "Sharon").await;
    assert_eq!(login(&app, &sharon.email, PASSWORD).await.0, StatusCode::OK);
    // A success forgets earlier failures: two wrong, one right, three wrong again
    // still lock nothing.
    for _ in 0..2 {
        login(&app, &sharon.email, "fout-wachtwoord-123").await;
    }
    assert_eq!(login(&app, &sharon.email, PASSWORD).await.0, StatusCode::OK);
    for _ in 0..3 {
        login(&app, &sharon.email, "fout-wachtwoord-123").await;
    }
    assert_eq!(login(&app, &sharon.email, PASSWORD).await.0, StatusCode::OK);
}

#[tokio::test]
async fn one_address_cannot_flood_the_account_routes() {
    let app = noaber_tests::spawn_app_with(|s| {
        s.address_limit = noaber::routes::throttle::AddressLimit {
            per_minute: 5,
            behind_proxy: false,
        };
    })
    .await;
    let mut statuses = Vec::new();
    let mut retry = 0;
    for n in 0..8 {
        let res = app
            .client
            .post(format!("{}/api/v1/auth/register", app.address))
            .json(
                &json!({"email": fresh_email(&format!("stroom{n}")), "password": PASSWORD,
                          "name": "Stroom", "role": "resident"}),
            )
            .send()
            .await
            .expect("register");
        if let Some(after) = res.headers().get("retry-after") {
            retry = after
                .to_str()
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
        }
        statuses.push(res.status());
    }
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(refused, 3, "{statuses:?}");
    assert!((1..=60).contains(&retry), "Retry-After {retry}");
    // Reading public pages and data is not throttled.
    for _ in 0..20 {
        let (status, _) = app.get("/api/v1/categories", None).await;
        assert_eq!(status, StatusCode::OK);
    }
}

/// A body in the wrong format, too large, with a value of the wrong kind or a field
/// nobody knows gets a problem in Dutch that names the field, and nothing changes: a
/// misspelt field used to be dropped without a word.
#[tokio::test]
async fn bodies_that_cannot_be_read_are_explained_in_dutch_and_change_nothing() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let id = app.open_request(&inge, &coordinator).await;
    let raw = |content_type: &'static str, body: String| {
        app.client
            .patch(app.url(&format!("/api/v1/requests/{id}")))
            .bearer_auth(&inge.token)
            .header("content-type", content_type)
            .body(body)
            .send()
    };

    let response = raw("text/plain", r#"{"title":"Nieuw"}"#.into())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (_, body) = noaber_tests::into_json(response).await;
    assert!(
        body["detail"].as_str().unwrap().contains("Content-Type"),
        "{body}"
    );

    let huge = format!(r#"{{"description":"{}"}}"#, "a".repeat(1 << 20));
    let response = raw("application/json", huge).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let response = raw("application/json", r#"{"title": "half"#.into())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let (_, body) = noaber_tests::into_json(response).await;
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("Dit is geen geldige JSON"),
        "{body}"
    );

    for (change, field, message) in [
        (
            json!({"titel": "Nieuw"}),
            "titel",
            "Dit veld kennen wij niet. Kijk de naam na.",
        ),
        (
            json!({"title": 5}),
            "title",
            "Hier hoort tekst, niet een geheel getal.",
        ),
        (
            json!({"category": ["tuin"]}),
            "category",
            "Hier hoort tekst, niet een lijst.",
        ),
    ] {
        let (status, body) = app.try_edit("requests", &inge, &id, &change).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{change}: {body}");
        assert_eq!(field_error(&body, field), message, "{change}");
    }
    let (_, post) = app
        .get(&format!("/api/v1/requests/{id}"), Some(&inge.token))
        .await;
    assert_eq!(
        post["title"],
        dog_walking_request()["title"],
        "nothing changed"
    );

    // A match action's body is optional, but one that is there is read strictly:
    // a date sent as a number used to be ignored.
    let anna = app
        .vetted_volunteer(&coordinator, "Anna", &Profile::dog_walker())
        .await;
    let match_id = app.respond(&anna, &id, "Ik help graag.").await;
    let (status, body) = app
        .try_act(&coordinator, &match_id, "introduce", json!({"reden": "x"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(field_error(&body, "reden").contains("kennen wij niet"));
    let response = app
        .client
        .post(app.url(&format!("/api/v1/matches/{match_id}/introduce")))
        .bearer_auth(&coordinator.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "no body at all is fine");
}
