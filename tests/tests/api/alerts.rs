//! Saved searches and their alerts, as a volunteer meets them: a new post that the
//! search page would show comes by e-mail (a real SMTP receiver) at once or in the
//! weekly digest, once; other posts do not; a withdrawn post is left out of the
//! digest; the link at the bottom stops it all without logging in. The jobs run with
//! a clock the test moves.

use std::time::Duration;

use chrono::{TimeDelta, Utc};
use noaber::app::alerts::{index_caught_up, run_due};
use noaber_tests::smtp::{ReceivedMail, SmtpReceiver};
use noaber_tests::{dog_walking_request, post_body, TestApp, TestUser};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const PUBLIC: &str = "https://noaber.example";

async fn app_mailing_to(smtp: &SmtpReceiver) -> TestApp {
    noaber_tests::spawn_app_mailing_to(smtp.url(), PUBLIC).await
}

async fn save(app: &TestApp, who: &TestUser, body: Value) -> (StatusCode, Value) {
    app.post("/api/v1/me/saved-searches", Some(&who.token), &body)
        .await
}

/// Waits until the search index has `id` (alerts look there, like the search page)
/// and has noted every change so far.
async fn findable(app: &TestApp, id: &str) {
    let path = "/api/v1/search?limit=100";
    let found = app.found_in_search(path, id, Duration::from_secs(10)).await;
    assert!(found, "{id} not in the index");
    caught_up(app).await;
}

/// Waits until the index has noted every change so far (it shows a change a moment
/// before it notes it, and until then the alerts wait).
async fn caught_up(app: &TestApp) {
    for _ in 0..200 {
        if index_caught_up(app.state()).await.unwrap() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the index did not catch up");
}

async fn kinds_queued(app: &TestApp, kind: &str) -> usize {
    app.outbox().await.iter().filter(|m| m.kind == kind).count()
}

async fn mail_about(smtp: &SmtpReceiver, address: &str, subject: &str) -> ReceivedMail {
    smtp.nth_about(address, subject, 1).await
}

#[tokio::test]
async fn saved_searches_are_checked_and_belong_to_their_owner() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(&smtp).await;
    let sharon = app.user("volunteer", "Sharon").await;
    let piet = app.user("volunteer", "Piet").await;
    let cases = [
        (json!({"frequency": "instant"}), "q"),
        (
            json!({"categories": ["tovenarij"], "frequency": "instant"}),
            "categories",
        ),
        (
            json!({"places": ["Atlantis"], "frequency": "instant"}),
            "places",
        ),
        (
            json!({"q": "hond", "within_km": 10, "frequency": "instant"}),
            "places",
        ),
        (
            json!({"q": "hond", "places": ["Beilen"], "within_km": 90, "frequency": "instant"}),
            "within_km",
        ),
        (json!({"q": "hond", "frequency": "elk uur"}), "frequency"),
        (json!({"q": "hond\u{0}", "frequency": "instant"}), "q"),
    ];
    for (body, field) in cases {
        let (status, problem) = save(&app, &sharon, body.clone()).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {problem}"
        );
        assert!(problem["errors"][field].is_string(), "{body}: {problem}");
    }
    let (status, saved) = save(
        &app,
        &sharon,
        json!({"q": "hond", "categories": ["maatje"], "places": ["9411"], "within_km": 10, "frequency": "instant"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{saved}");
    assert_eq!(
        saved["places"],
        json!(["beilen"]),
        "a postcode becomes its village"
    );
    let (_, mine) = app
        .get("/api/v1/me/saved-searches", Some(&sharon.token))
        .await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let (_, theirs) = app
        .get("/api/v1/me/saved-searches", Some(&piet.token))
        .await;
    assert_eq!(theirs, json!([]));

    let path = format!(
        "/api/v1/me/saved-searches/{}",
        saved["id"].as_str().unwrap()
    );
    let (status, _) = app
        .send(Method::DELETE, &path, Some(&piet.token), &json!({}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not Piet's");
    let (status, _) = app.send(Method::DELETE, &path, None, &json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .send(Method::DELETE, &path, Some(&sharon.token), &json!({}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, mine) = app
        .get("/api/v1/me/saved-searches", Some(&sharon.token))
        .await;
    assert_eq!(mine, json!([]));
}

#[tokio::test]
async fn a_matching_post_is_mailed_at_once_and_the_link_stops_it() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(&smtp).await;
    let coby = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let (status, _) = save(
        &app,
        &sharon,
        json!({"q": "hond", "places": ["Beilen"], "within_km": 10, "frequency": "instant"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    let dog = app.open_request(&inge, &coby).await;
    let other = app
        .open_post(
            "requests",
            &inge,
            &coby,
            &post_body("Schuurdeur repareren", "klussen", "Smilde"),
        )
        .await;
    findable(&app, &dog).await;
    findable(&app, &other).await;

    let soon = Utc::now() + TimeDelta::minutes(3);
    assert_eq!(run_due(app.state(), soon).await.unwrap(), 1);
    assert_eq!(
        run_due(app.state(), soon + TimeDelta::minutes(5))
            .await
            .unwrap(),
        0,
        "once"
    );
    assert_eq!(
        kinds_queued(&app, "search_alert").await,
        1,
        "the shed door does not match"
    );
    let title = dog_walking_request()["title"].as_str().unwrap().to_owned();
    let alert = mail_about(&smtp, &sharon.email, "Nieuwe oproep:").await;
    assert_eq!(alert.subject, format!("Nieuwe oproep: {title} (Beilen)"));
    assert!(
        alert.link(&format!("{PUBLIC}/hulpvragen/{dog}")).is_some(),
        "{}",
        alert.text
    );
    assert!(alert.mentions("\u{201c}hond\u{201d}"), "{}", alert.text);

    // One click on the link in the mail, without logging in.
    let prefix = format!("{PUBLIC}/afmelden#");
    let link = alert.link(&prefix).expect("unsubscribe link");
    let token = &link[prefix.len()..];
    let (status, _) = app
        .post(
            "/api/v1/saved-searches/unsubscribe",
            None,
            &json!({"token": "nep"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = app
        .post(
            "/api/v1/saved-searches/unsubscribe",
            None,
            &json!({"token": token}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("geen e-mails meer"));
    let (_, mine) = app
        .get("/api/v1/me/saved-searches", Some(&sharon.token))
        .await;
    assert_eq!(mine, json!([]));

    let another = app.open_request(&inge, &coby).await;
    findable(&app, &another).await;
    let later = Utc::now() + TimeDelta::minutes(10);
    assert_eq!(
        run_due(app.state(), later).await.unwrap(),
        0,
        "unsubscribed"
    );
    assert_eq!(kinds_queued(&app, "search_alert").await, 1);
}

#[tokio::test]
async fn the_weekly_digest_collects_the_week_and_leaves_out_what_was_withdrawn() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(&smtp).await;
    let coby = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let piet = app.user("volunteer", "Piet").await;
    let (status, _) = save(
        &app,
        &piet,
        json!({"categories": ["klussen"], "frequency": "weekly"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let door = app
        .open_post(
            "requests",
            &inge,
            &coby,
            &post_body("Schuurdeur repareren", "klussen", "Smilde"),
        )
        .await;
    let gutter = app
        .open_post(
            "requests",
            &inge,
            &coby,
            &post_body("Dakgoot schoonmaken", "klussen", "Beilen"),
        )
        .await;
    let dog = app.open_request(&inge, &coby).await;
    findable(&app, &door).await;
    findable(&app, &dog).await;
    app.withdraw(&inge, &gutter).await;
    // *dakgoot* also finds other odd jobs (a word of the need *klussen*): the
    // withdrawn post itself must be gone.
    app.assert_gone_from_search("/api/v1/search?q=dakgoot", &gutter, Duration::from_secs(10))
        .await;
    caught_up(&app).await;

    assert_eq!(
        run_due(app.state(), Utc::now() + TimeDelta::days(1))
            .await
            .unwrap(),
        0,
        "not before the week is over"
    );
    assert_eq!(
        run_due(app.state(), Utc::now() + TimeDelta::days(8))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        run_due(app.state(), Utc::now() + TimeDelta::days(9))
            .await
            .unwrap(),
        0
    );
    let digest = mail_about(&smtp, &piet.email, "Deze week").await;
    assert_eq!(
        digest.subject,
        "Deze week 1 nieuwe oproep voor uw zoekopdracht"
    );
    assert!(
        digest.mentions("Schuurdeur repareren (Smilde)"),
        "{}",
        digest.text
    );
    assert!(
        !digest.mentions("Dakgoot"),
        "withdrawn before the digest: {}",
        digest.text
    );
    assert!(
        !digest.mentions("hond"),
        "another kind of help: {}",
        digest.text
    );
}
