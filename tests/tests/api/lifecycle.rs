//! One rule for taking a post away: withdrawing it and deleting its author's account
//! stop its matches the same way and tell the same people; deletion also ends what
//! was confirmed, because nobody is left to carry it on. And a confirm is one unit of
//! database work.

use noaber_tests::{days_ago, spawn_app, TestApp, TestUser};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn get(app: &TestApp, who: &TestUser, path: &str) -> Value {
    let (status, body) = app.get(path, Some(&who.token)).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    body
}

/// (recipient, kind) of every mail queued after `before` mails were.
async fn mails_since(app: &TestApp, before: usize) -> Vec<(String, String)> {
    let mut rows = app.outbox().await;
    rows.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    let mut mails: Vec<_> = rows
        .into_iter()
        .skip(before)
        .map(|r| (r.recipient, r.kind))
        .collect();
    mails.sort();
    mails
}

fn mail(to: &TestUser, kind: &str) -> (String, String) {
    (to.email.clone(), kind.to_owned())
}

/// A request of `resident` with `volunteer` confirmed on it: (request, match).
async fn confirmed(
    app: &TestApp,
    coordinator: &TestUser,
    volunteer: &TestUser,
    resident: &TestUser,
) -> (String, String) {
    let request = app.open_request(resident, coordinator).await;
    let going = app.respond(volunteer, &request, "Ik help graag.").await;
    app.act(coordinator, &going, "introduce", json!({})).await;
    app.give_vog(coordinator, volunteer, &days_ago(30)).await;
    app.act(coordinator, &going, "confirm", json!({})).await;
    (request, going)
}

/// A request with a volunteer who responded and one who was introduced.
struct Arranging {
    request: String,
    responded: String,
    introduced: String,
}

async fn arranging(
    app: &TestApp,
    author: &TestUser,
    coordinator: &TestUser,
    ans: &TestUser,
    bert: &TestUser,
) -> Arranging {
    let request = app.open_request(author, coordinator).await;
    let responded = app.respond(ans, &request, "Ik help graag.").await;
    let introduced = app.respond(bert, &request, "Ik help graag.").await;
    app.act(coordinator, &introduced, "introduce", json!({}))
        .await;
    Arranging {
        request,
        responded,
        introduced,
    }
}

#[tokio::test]
async fn withdrawing_and_deleting_decline_the_same_matches_and_mail_the_same_volunteers() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let (ans, bert) = (
        app.user("volunteer", "Ans Veen").await,
        app.user("volunteer", "Bert Dijk").await,
    );
    let inge = app.user("resident", "Inge Bos").await;
    let joke = app.user("resident", "Joke Mulder").await;
    let withdrawn = arranging(&app, &inge, &coordinator, &ans, &bert).await;
    let deleted = arranging(&app, &joke, &coordinator, &ans, &bert).await;

    // Inge withdraws her request.
    let before = app.outbox().await.len();
    app.withdraw(&inge, &withdrawn.request).await;
    let after_withdrawal = mails_since(&app, before).await;

    // Joke deletes her account.
    let before = app.outbox().await.len();
    app.delete_account(&joke).await;
    let after_deletion = mails_since(&app, before).await;

    // Both volunteers hear that it will not go ahead, each time; the poster gets nothing.
    let expected = vec![mail(&ans, "match_declined"), mail(&bert, "match_declined")];
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(after_withdrawal, expected_sorted);
    assert_eq!(after_deletion, expected_sorted);

    for (case, reason) in [
        (&withdrawn, "hulpvraag ingetrokken"),
        (&deleted, "account verwijderd"),
    ] {
        for id in [&case.responded, &case.introduced] {
            let m = get(&app, &coordinator, &format!("/api/v1/matches/{id}")).await;
            assert_eq!(
                (&m["status"], &m["reason"]),
                (&json!("declined"), &json!(reason)),
                "{m}"
            );
        }
        let r = get(
            &app,
            &coordinator,
            &format!("/api/v1/requests/{}", case.request),
        )
        .await;
        assert_eq!(
            (&r["status"], &r["close_reason"]),
            (&json!("closed"), &json!("withdrawn")),
            "{r}"
        );
    }
}

#[tokio::test]
async fn a_confirmed_match_stops_a_withdrawal_but_ends_when_its_poster_deletes_the_account() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let carla = app.user("volunteer", "Carla Smit").await;
    let inge = app.user("resident", "Inge Bos").await;
    let (request, going) = confirmed(&app, &coordinator, &carla, &inge).await;

    // A matched request cannot be withdrawn: Carla's engagement is not dropped silently.
    let (status, body) = app.try_withdraw(&inge, &request).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let m = get(&app, &coordinator, &format!("/api/v1/matches/{going}")).await;
    assert_eq!(m["status"], "active");

    // Deleting the account ends it as failed, and Carla is told.
    let before = app.outbox().await.len();
    app.delete_account(&inge).await;
    assert_eq!(
        mails_since(&app, before).await,
        vec![mail(&carla, "match_ended")]
    );
    let m = get(&app, &coordinator, &format!("/api/v1/matches/{going}")).await;
    assert_eq!(
        (&m["status"], &m["outcome"], &m["reason"]),
        (
            &json!("ended"),
            &json!("failed"),
            &json!("account verwijderd")
        ),
        "{m}"
    );
    let last = m["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (&last["from"], &last["to"]),
        (&json!("active"), &json!("ended"))
    );
    let r = get(&app, &coordinator, &format!("/api/v1/requests/{request}")).await;
    assert_eq!(
        (&r["status"], &r["close_reason"]),
        (&json!("closed"), &json!("withdrawn"))
    );
}

#[tokio::test]
async fn when_a_confirmed_volunteer_deletes_the_account_the_request_is_open_again() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let dirk = app.user("volunteer", "Dirk Kok").await;
    let inge = app.user("resident", "Inge Bos").await;
    let (request, going) = confirmed(&app, &coordinator, &dirk, &inge).await;
    let r = get(&app, &inge, &format!("/api/v1/requests/{request}")).await;
    assert_eq!(r["status"], "matched");

    let before = app.outbox().await.len();
    app.delete_account(&dirk).await;
    assert_eq!(
        mails_since(&app, before).await,
        vec![mail(&inge, "match_ended")]
    );
    let m = get(&app, &coordinator, &format!("/api/v1/matches/{going}")).await;
    assert_eq!(
        (&m["status"], &m["outcome"]),
        (&json!("ended"), &json!("failed"))
    );
    let r = get(&app, &inge, &format!("/api/v1/requests/{request}")).await;
    assert_eq!(r["status"], "open", "the need is still there: {r}");
}

/// (sum, count) of a per-request histogram for the match-action route.
async fn per_request(app: &TestApp, metric: &str) -> (f64, f64) {
    let text = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let series =
        r#"{method="POST",route="/api/v1/matches/{id}/{action:introduce|confirm|decline|end}"}"#;
    let value = |suffix: &str| {
        let name = format!("noaber_{metric}_{suffix}{series} ");
        text.lines()
            .find_map(|l| l.strip_prefix(&name))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    if std::env::var("SHOW_METRICS").is_ok() {
        println!("{text}");
    }
    (value("sum"), value("count"))
}

#[tokio::test]
async fn confirming_a_match_is_one_unit_of_database_work_after_the_login_check() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let carla = app.user("volunteer", "Carla Smit").await;
    let inge = app.user("resident", "Inge Bos").await;
    let request = app.open_request(&inge, &coordinator).await;
    let going = app.respond(&carla, &request, "Ik help graag.").await;
    app.act(&coordinator, &going, "introduce", json!({})).await;
    app.give_vog(&coordinator, &carla, &days_ago(30)).await;

    let (trips_before, count_before) = per_request(&app, "db_trips_per_request").await;
    let (statements_before, _) = per_request(&app, "db_statements_per_request").await;
    let confirmed = app.act(&coordinator, &going, "confirm", json!({})).await;
    assert_eq!(confirmed["status"], "active");
    assert!(
        confirmed["contacts"]["volunteer"]["email"].is_string(),
        "{confirmed}"
    );
    let (trips, count) = per_request(&app, "db_trips_per_request").await;
    let (statements, _) = per_request(&app, "db_statements_per_request").await;
    assert_eq!(count - count_before, 1.0, "one request measured");
    let (trips, statements) = (trips - trips_before, statements - statements_before);
    println!("confirm: {trips} trips, {statements} statements");
    // One to check the caller's account, one for the whole use case.
    assert_eq!(trips, 2.0);
    assert!(statements <= 40.0, "{statements} statements");
}
