//! The audit log: coordinators' views of personal data and their changes are recorded;
//! only coordinators can read it.

use noaber_tests::{days_ago, dog_walking_request, spawn_app, Profile};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn entries_about<'a>(log: &'a Value, subject: &str) -> Vec<(&'a str, &'a str)> {
    log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["subject_id"] == subject)
        .map(|e| (e["action"].as_str().unwrap(), e["detail"].as_str().unwrap()))
        .collect()
}

#[tokio::test]
async fn coordinator_views_and_changes_are_audited() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let consulent = app.user("resident", "Marieke").await;
    let sharon = app.user("volunteer", "Sharon").await;
    app.set_profile(&sharon, &Profile::dog_walker()).await;
    let mut body = dog_walking_request();
    body["on_behalf_of"] = json!({"name": "Inge", "phone": "06-12121212", "channel": "network"});
    let post = app.create_post("requests", &consulent, &body).await;
    let post_id = post["id"].as_str().unwrap();

    // The author looking at their own post is not audited.
    app.get(
        &format!("/api/v1/requests/{post_id}"),
        Some(&consulent.token),
    )
    .await;
    let (_, empty) = app.get("/api/v1/audit", Some(&coordinator.token)).await;
    assert_eq!(empty["total"], 0, "{empty}");

    app.get(
        &format!("/api/v1/requests/{post_id}"),
        Some(&coordinator.token),
    )
    .await;
    app.approve("requests", post_id, &coordinator).await;
    app.get("/api/v1/volunteers", Some(&coordinator.token))
        .await;
    app.get(
        &format!("/api/v1/volunteers/{}", sharon.id),
        Some(&coordinator.token),
    )
    .await;
    app.give_vog(&coordinator, &sharon, &days_ago(0)).await;

    let (status, log) = app
        .get("/api/v1/audit?limit=100", Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::OK);
    let about_post = entries_about(&log, post_id);
    assert!(
        about_post.contains(&("view", "contactgegevens van de hulpvrager bekeken")),
        "{about_post:?}"
    );
    assert!(
        about_post.iter().any(|(a, _)| *a == "change"),
        "{about_post:?}"
    );
    let about_sharon = entries_about(&log, &sharon.id);
    assert!(
        about_sharon.iter().any(|(a, _)| *a == "view"),
        "{about_sharon:?}"
    );
    assert!(
        about_sharon.contains(&("change", "VOG-status vastgelegd")),
        "{about_sharon:?}"
    );
    assert!(log["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor_id"] == coordinator.id.as_str() && e["actor_name"] == "Coördinator"));
    let (_, by_coordinator) = app
        .get(
            &format!("/api/v1/audit?actor={}&limit=100", coordinator.id),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(by_coordinator["total"], log["total"]);
    let (_, by_sharon) = app
        .get(
            &format!("/api/v1/audit?actor={}", sharon.id),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(by_sharon["total"], 0, "{by_sharon}");
    let (status, _) = app
        .get("/api/v1/audit?actor=iemand", Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, filtered) = app
        .get(
            &format!("/api/v1/audit?subject={}", sharon.id),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(filtered["total"].as_u64(), Some(about_sharon.len() as u64));

    for token in [&consulent.token, &sharon.token] {
        let (status, _) = app.get("/api/v1/audit", Some(token)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
}
