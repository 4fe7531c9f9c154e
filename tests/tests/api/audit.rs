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
async fn no_list_shows_a_residents_contact_and_reading_messages_is_noted() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let consulent = app.user("resident", "Marieke").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let mut body = dog_walking_request();
    body["on_behalf_of"] = json!({"name": "Inge", "phone": "06-12121212", "email": "inge@thuis.example", "channel": "network"});
    let post_id = &app
        .open_post("requests", &consulent, &coordinator, &body)
        .await;
    let (_, listed) = app
        .get("/api/v1/requests?limit=100", Some(&coordinator.token))
        .await;
    let item = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == post_id.as_str())
        .expect("listed");
    assert_eq!(item["on_behalf_of"]["name"], "Inge", "{item}");
    assert!(!listed.to_string().contains("06-12121212"), "{listed}");
    assert!(!listed.to_string().contains("inge@thuis.example"));
    // The author's own list keeps the details they typed.
    let (_, mine) = app
        .get("/api/v1/requests?mine=true", Some(&consulent.token))
        .await;
    assert!(mine.to_string().contains("06-12121212"), "{mine}");

    let match_id = &app.respond(&sharon, post_id, "Ik help graag").await;
    let (_, before) = app.get("/api/v1/audit", Some(&coordinator.token)).await;
    let path = format!("/api/v1/matches/{match_id}/messages");
    // The parties reading their own conversation are not noted; the coordinator is.
    app.get(&path, Some(&consulent.token)).await;
    let (status, _) = app.get(&path, Some(&coordinator.token)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, log) = app
        .get("/api/v1/audit?limit=100", Some(&coordinator.token))
        .await;
    assert_eq!(
        log["total"].as_i64(),
        before["total"].as_i64().map(|n| n + 1)
    );
    assert_eq!(
        entries_about(&log, match_id),
        [("view", "berichten van de koppeling gelezen")]
    );
    // The log names what it is about and links to where the coordinator sees it.
    let entry = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["subject_id"] == match_id.as_str())
        .unwrap();
    let title = dog_walking_request()["title"].as_str().unwrap().to_owned();
    let name = entry["subject_name"].as_str().unwrap();
    assert!(
        name.starts_with("Sharon") && name.ends_with(&format!(" – {title}")),
        "{entry}"
    );
    assert_eq!(
        entry["subject_page"],
        format!("/werkbak/hulpvragen/{post_id}"),
        "a request's matches are on its werkbak page"
    );
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
    let named = |id: &str| -> Vec<(String, String)> {
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["subject_id"] == id)
            .map(|e| (e["subject_name"].to_string(), e["subject_page"].to_string()))
            .collect()
    };
    let post_named = (
        json!(body["title"]).to_string(),
        json!(format!("/werkbak/hulpvragen/{post_id}")).to_string(),
    );
    assert!(!named(post_id).is_empty() && !named(&sharon.id).is_empty());
    assert!(named(post_id).iter().all(|n| *n == post_named), "{log}");
    let sharon_named = (
        json!(sharon.name).to_string(),
        json!(format!("/werkbak/vrijwilligers/{}", sharon.id)).to_string(),
    );
    assert!(
        named(&sharon.id).iter().all(|n| *n == sharon_named),
        "{log}"
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
