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

    let (status, empty) = app
        .get("/api/v1/desk/today", Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::OK, "{empty}");
    assert_eq!(
        empty,
        json!({"pending_review": 0, "stale_requests": 0, "unhandled_responses": 0,
               "stalled_introductions": 0, "vog_expiring": 0, "failed_mail": 0})
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

    let (_, counts) = app
        .get("/api/v1/desk/today", Some(&coordinator.token))
        .await;
    assert_eq!(
        counts,
        json!({"pending_review": 1, "stale_requests": 1, "unhandled_responses": 2,
               "stalled_introductions": 1, "vog_expiring": 1, "failed_mail": 1})
    );

    for who in [&inge, &sharon] {
        let (status, _) = app.get("/api/v1/desk/today", Some(&who.token)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let (status, _) = app.get("/api/v1/desk/today", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
