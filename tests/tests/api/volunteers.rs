//! Volunteers as the coordinator manages them: list with filters, VOG status.

use noaber_tests::{days_ago, spawn_app, Profile};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn coordinators_find_volunteers_by_talent_and_place() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let sharon = app
        .volunteer_with_profile("Sharon", &Profile::dog_walker())
        .await;
    let piet = Profile::at("Smilde").talents(&["hond-uitlaten", "tuinieren"]);
    app.volunteer_with_profile("Piet", &piet).await;
    let klaas = Profile::at("Beilen").talents(&["computerhulp"]);
    app.volunteer_with_profile("Klaas", &klaas).await;

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
    let companion = Profile::at("Beilen").talents(&["gezelschap"]);
    let sharon = app.volunteer_with_profile("Sharon", &companion).await;
    let issued = days_ago(60);

    let (status, body) = app
        .try_record_vog(&coordinator, &sharon.id, &json!({"status": "valid"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"]["issued_on"].is_string());
    let (status, _) = app
        .try_record_vog(
            &coordinator,
            &sharon.id,
            &json!({"status": "valid", "issued_on": "2999-01-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app
        .try_record_vog(&coordinator, &sharon.id, &json!({"status": "misschien"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = app
        .try_record_vog(
            &sharon,
            &sharon.id,
            &json!({"status": "valid", "issued_on": issued}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "volunteers cannot vouch for themselves"
    );

    let (status, body) = app
        .try_record_vog(
            &coordinator,
            &sharon.id,
            &json!({"status": "valid", "issued_on": issued}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["profile"]["vog_status"], "valid");
    // It counts three years (the default) from its issue date.
    let issued_on = chrono::NaiveDate::parse_from_str(&issued, "%Y-%m-%d").expect("a date");
    let until = issued_on
        .checked_add_months(chrono::Months::new(36))
        .expect("a date");
    assert_eq!(
        body["vog_valid_until"],
        until.to_string().as_str(),
        "{body}"
    );
    let (_, old) = app
        .try_record_vog(
            &coordinator,
            &sharon.id,
            &json!({"status": "valid", "issued_on": "2022-05-01"}),
        )
        .await;
    assert_eq!(
        old["vog_valid_until"], "2025-05-01",
        "an expired VOG says since when"
    );
    app.try_record_vog(
        &coordinator,
        &sharon.id,
        &json!({"status": "valid", "issued_on": issued}),
    )
    .await;
    let (_, me) = app.get("/api/v1/me", Some(&sharon.token)).await;
    assert_eq!(me["volunteer_profile"]["vog_issued_on"], issued.as_str());

    let unknown = uuid::Uuid::new_v4().to_string();
    let (status, _) = app
        .try_record_vog(&coordinator, &unknown, &json!({"status": "none"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A date nobody could have on a VOG.
    let (status, problem) = app
        .try_record_vog(
            &coordinator,
            &sharon.id,
            &json!({"status": "valid", "issued_on": "1900-01-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["issued_on"].is_string(), "{problem}");
    // Only volunteers have a VOG on record here.
    let resident = app.user("resident", "Inge").await;
    let (status, _) = app
        .try_record_vog(&coordinator, &resident.id, &json!({"status": "none"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A volunteer who responded before making a profile gets the VOG all the same:
    // help that needs one cannot start without it.
    let piet = app.user("volunteer", "Piet").await;
    let (status, seen) = app
        .get(
            &format!("/api/v1/volunteers/{}", piet.id),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the page to record it opens: {seen}"
    );
    assert_eq!(seen["profile"]["vog_status"], "none");
    // The coordinator finds them in the list (with no place), and only volunteers.
    let (_, all) = app
        .get("/api/v1/volunteers?limit=100", Some(&coordinator.token))
        .await;
    let listed: Vec<&str> = all["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|v| v["id"].as_str()).collect())
        .unwrap_or_default();
    assert!(listed.contains(&piet.id.as_str()), "{all}");
    assert!(!listed.contains(&resident.id.as_str()), "{all}");
    assert_eq!(all["total"].as_u64(), Some(listed.len() as u64), "{all}");
    app.give_vog(&coordinator, &piet, &issued).await;
    let (status, seen) = app
        .get(
            &format!("/api/v1/volunteers/{}", piet.id),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["profile"]["vog_status"], "valid");
    assert!(seen["profile"]["place"].is_null(), "{seen}");
    let (_, me) = app.get("/api/v1/me", Some(&piet.token)).await;
    assert_eq!(me["volunteer_profile"]["vog_issued_on"], issued.as_str());
    assert_eq!(me["volunteer_profile"]["max_distance_km"], 10);
    app.set_profile(&piet, &companion).await;
    let (_, me) = app.get("/api/v1/me", Some(&piet.token)).await;
    assert_eq!(
        me["volunteer_profile"]["vog_status"], "valid",
        "saving the profile keeps the VOG"
    );
}
