//! The coordinator's *Vandaag* counts: each is what the database holds at that
//! moment, and only the Servicepunt may ask.

use chrono::{NaiveDateTime, TimeDelta, Utc};
use diesel::prelude::*;
use noaber::db::schema::{matches, outbox, posts};
use noaber_tests::{days_ago, spawn_app, Profile, TestApp};
use reqwest::StatusCode;
use serde_json::json;

/// Moves a row's time back, as if it happened `days` ago (through the database, as
/// the clock of a running server cannot be turned).
async fn backdate(app: &TestApp, table: &'static str, id: &str, days: i64) {
    let (url, id) = (app.settings.database_url.clone(), id.to_owned());
    tokio::task::spawn_blocking(move || {
        let mut conn = noaber::db::establish(&url).expect("database");
        let then: NaiveDateTime = (Utc::now() - TimeDelta::days(days)).naive_utc();
        let changed = match table {
            "posts" => diesel::update(posts::table.find(&id))
                .set(posts::published_at.eq(Some(then)))
                .execute(&mut conn),
            "matches" => diesel::update(matches::table.find(&id))
                .set(matches::updated_at.eq(then))
                .execute(&mut conn),
            _ => unreachable!("{table}"),
        };
        assert_eq!(changed.expect("update"), 1);
    })
    .await
    .unwrap();
}

async fn fail_one_mail(app: &TestApp) {
    let url = app.settings.database_url.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = noaber::db::establish(&url).expect("database");
        let id: String = outbox::table
            .select(outbox::id)
            .first(&mut conn)
            .expect("a mail");
        diesel::update(outbox::table.find(&id))
            .set(outbox::status.eq("failed"))
            .execute(&mut conn)
            .expect("update");
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn the_counts_of_today_are_what_the_database_holds() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app
        .volunteer_with_profile("Sharon", &Profile::at("Beilen"))
        .await;
    let piet = app
        .volunteer_with_profile("Piet", &Profile::at("Beilen"))
        .await;

    let today = noaber::domain::today();
    let month_end = noaber::db::desk::month_end(today).to_string();
    let (status, empty) = app
        .get("/api/v1/desk/today", Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::OK, "{empty}");
    assert_eq!(
        empty,
        json!({"pending_review": 0, "stale_requests": 0, "unhandled_responses": 0,
               "stalled_introductions": 0, "agreements_ending": 0, "month_end": month_end,
               "vog_expiring": 0, "failed_mail": 0})
    );

    // One post waiting for review.
    app.create_post("requests", &inge, &noaber_tests::dog_walking_request())
        .await;
    // Three open requests: one waiting 15 days without a response (stale), one as
    // old but with a response (not stale), one fresh (not stale).
    let stale = app.open_request(&inge, &coordinator).await;
    let answered = app.open_request(&inge, &coordinator).await;
    let fresh = app.open_request(&inge, &coordinator).await;
    backdate(&app, "posts", &stale, 15).await;
    backdate(&app, "posts", &answered, 15).await;
    app.respond(&sharon, &answered, "Ik help graag.").await;
    // Two responses on the fresh one; one introduced 8 days ago without a decision.
    app.respond(&sharon, &fresh, "Ik ook.").await;
    let introduced = app.respond(&piet, &fresh, "En ik.").await;
    app.act(&coordinator, &introduced, "introduce", json!({}))
        .await;
    backdate(&app, "matches", &introduced, 8).await;
    // VOGs: Sharon's stops counting in 30 days (3 years valid), Piet's is new.
    app.give_vog(&coordinator, &sharon, &days_ago(3 * 365 - 30))
        .await;
    app.give_vog(&coordinator, &piet, &days_ago(10)).await;
    fail_one_mail(&app).await;
    // Two running matches (Sharon's): one agreed until today, so it ends this month;
    // one until 40 days from now, which is always next month or later.
    let mut running = Vec::new();
    for until in [today, today + TimeDelta::days(40)] {
        let request = app.open_request(&inge, &coordinator).await;
        let m = app.respond(&sharon, &request, "Graag.").await;
        app.act(&coordinator, &m, "introduce", json!({})).await;
        let confirmed = app
            .act(
                &coordinator,
                &m,
                "confirm",
                json!({"agreed_until": until.to_string()}),
            )
            .await;
        assert_eq!(confirmed["agreed_until"], until.to_string());
        running.push(m);
    }

    let (_, counts) = app
        .get("/api/v1/desk/today", Some(&coordinator.token))
        .await;
    assert_eq!(
        counts,
        json!({"pending_review": 1, "stale_requests": 1, "unhandled_responses": 2,
               "stalled_introductions": 1, "agreements_ending": 1, "month_end": month_end,
               "vog_expiring": 1, "failed_mail": 1})
    );

    // Each count's list holds what it counted.
    let ids = noaber_tests::item_ids;
    let (status, waiting) = app
        .get("/api/v1/requests?waiting=true", Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::OK, "{waiting}");
    assert_eq!(ids(&waiting), vec![stale.clone()]);
    let (_, ending) = app
        .get(
            &format!("/api/v1/matches?status=active&ends_by={month_end}"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(ids(&ending), vec![running[0].clone()]);

    for who in [&inge, &sharon] {
        let (status, _) = app.get("/api/v1/desk/today", Some(&who.token)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let (status, _) = app.get("/api/v1/desk/today", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_agreed_period_is_a_date_from_today_set_when_confirming() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app
        .vetted_volunteer(&coordinator, "Sharon", &Profile::at("Beilen"))
        .await;
    let request = app.open_request(&inge, &coordinator).await;
    let m = app.respond(&sharon, &request, "Graag.").await;
    let yesterday = (noaber::domain::today() - TimeDelta::days(1)).to_string();

    // Not when introducing; on confirming only a real date from today on.
    let refused = |action: &'static str, until: String| {
        let (app, coordinator, m) = (&app, &coordinator, &m);
        async move {
            let (status, problem) = app
                .try_act(coordinator, m, action, json!({"agreed_until": until}))
                .await;
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{action} {until}: {problem}"
            );
            assert!(problem["errors"]["agreed_until"].is_string(), "{problem}");
        }
    };
    refused("introduce", "2099-01-01".to_owned()).await;
    app.act(&coordinator, &m, "introduce", json!({})).await;
    refused("confirm", yesterday).await;
    refused("confirm", "31-12-2099".to_owned()).await;
    // Without a date a confirmation has no end date; a bad date filter is a 422.
    let confirmed = app.act(&coordinator, &m, "confirm", json!({})).await;
    assert!(confirmed.get("agreed_until").is_none(), "{confirmed}");
    let (status, _) = app
        .get("/api/v1/matches?ends_by=morgen", Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app
        .get("/api/v1/requests?sort=random", Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_review_queue_can_be_read_oldest_first() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let mut posted = Vec::new();
    for _ in 0..3 {
        let post = app
            .create_post("requests", &inge, &noaber_tests::dog_walking_request())
            .await;
        posted.push(post["id"].as_str().unwrap_or_default().to_owned());
    }
    let (_, oldest) = app
        .get(
            "/api/v1/requests?status=pending_review&sort=oldest",
            Some(&coordinator.token),
        )
        .await;
    let order: Vec<&str> = oldest["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(order, posted.iter().map(String::as_str).collect::<Vec<_>>());
}
