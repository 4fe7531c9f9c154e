//! Volunteers as the coordinator manages them: list with filters, VOG status.

use noaber_tests::{spawn_app, TestApp, TestUser};
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn volunteer_with_profile(
    app: &TestApp,
    name: &str,
    place: &str,
    talents: &[&str],
) -> TestUser {
    let v = app.user("volunteer", name).await;
    let profile = json!({"talents": talents, "availability": [{"day": "tue", "part": "afternoon"}], "place": place, "max_distance_km": 10, "max_active_matches": 2});
    let (status, body) = app
        .send(
            Method::PUT,
            "/api/v1/me/volunteer-profile",
            Some(&v.token),
            &profile,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    v
}

#[tokio::test]
async fn coordinators_find_volunteers_by_talent_and_place() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let sharon = volunteer_with_profile(&app, "Sharon", "Beilen", &["hond-uitlaten"]).await;
    volunteer_with_profile(&app, "Piet", "Smilde", &["hond-uitlaten", "tuinieren"]).await;
    volunteer_with_profile(&app, "Klaas", "Beilen", &["computerhulp"]).await;

    let (_, dogs) = app
        .get(
            "/api/v1/volunteers?talent=hond-uitlaten",
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(dogs["total"], 2);
    let (_, beilen_dogs) = app
        .get(
            "/api/v1/volunteers?talent=hond-uitlaten&place=beilen",
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(beilen_dogs["total"], 1);
    assert_eq!(
        beilen_dogs["items"][0]["email"],
        sharon.email.as_str(),
        "coordinators see contact details"
    );
    assert_eq!(
        beilen_dogs["items"][0]["profile"]["talents"],
        json!(["hond-uitlaten"])
    );
    let (status, _) = app.get("/api/v1/volunteers", Some(&sharon.token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .get(
            &format!("/api/v1/volunteers/{}", sharon.id),
            Some(&sharon.token),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.get("/api/v1/volunteers", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_coordinator_records_vog_status() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let sharon = volunteer_with_profile(&app, "Sharon", "Beilen", &["gezelschap"]).await;
    let path = format!("/api/v1/volunteers/{}/vog", sharon.id);
    let issued = (noaber::domain::today() - chrono::Days::new(60)).to_string();

    let (status, body) = app
        .send(
            Method::PUT,
            &path,
            Some(&coordinator.token),
            &json!({"status": "valid"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"]["issued_on"].is_string());
    let (status, _) = app
        .send(
            Method::PUT,
            &path,
            Some(&coordinator.token),
            &json!({"status": "valid", "issued_on": "2999-01-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app
        .send(
            Method::PUT,
            &path,
            Some(&coordinator.token),
            &json!({"status": "misschien"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app
        .send(
            Method::PUT,
            &path,
            Some(&sharon.token),
            &json!({"status": "valid", "issued_on": issued}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "volunteers cannot vouch for themselves"
    );

    let (status, body) = app
        .send(
            Method::PUT,
            &path,
            Some(&coordinator.token),
            &json!({"status": "valid", "issued_on": issued}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["profile"]["vog_status"], "valid");
    let (_, me) = app.get("/api/v1/me", Some(&sharon.token)).await;
    assert_eq!(me["volunteer_profile"]["vog_issued_on"], issued.as_str());

    let unknown = format!("/api/v1/volunteers/{}/vog", uuid::Uuid::new_v4());
    let (status, _) = app
        .send(
            Method::PUT,
            &unknown,
            Some(&coordinator.token),
            &json!({"status": "none"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
