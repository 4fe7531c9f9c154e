//! No private field leaks into any public or other-person response.

use noaber_tests::{dog_walking_request, spawn_app};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn contact_details_stay_with_author_and_coordinator() {
    let app = spawn_app().await;
    let consulent = app.user("resident", "Marieke Consulent-Wijkteam").await;
    let coordinator = app.coordinator("Coördinator").await;
    let mut body = dog_walking_request();
    body["on_behalf_of"] = json!({"name": "Inge Hoogeveen-Zwart", "phone": "06-98765432", "email": "inge.prive@example.nl", "channel": "referral", "referrer": "wijkteam"});
    let post = app.create_post("requests", &consulent, &body).await;
    let id = post["id"].as_str().unwrap();
    assert_eq!(
        post["on_behalf_of"]["phone"], "06-98765432",
        "the author sees what they entered"
    );
    assert_eq!(post["intake_channel"], "referral");
    app.approve("requests", id, &coordinator).await;

    let (_, as_coordinator) = app
        .get(&format!("/api/v1/requests/{id}"), Some(&coordinator.token))
        .await;
    assert_eq!(
        as_coordinator["on_behalf_of"]["email"],
        "inge.prive@example.nl"
    );
    assert_eq!(as_coordinator["on_behalf_of"]["referrer"], "wijkteam");

    let volunteer = app.user("volunteer", "Sharon").await;
    let resident = app.user("resident", "Jan").await;
    let organisation = app.user("organisation", "Zorgboerderij").await;
    let secrets = [
        "06-98765432",
        "inge.prive@example.nl",
        "Hoogeveen-Zwart",
        consulent.email.as_str(),
        "Consulent-Wijkteam",
        consulent.id.as_str(),
        "referral",
        "wijkteam\"",
    ];
    for token in [
        None,
        Some(volunteer.token.as_str()),
        Some(resident.token.as_str()),
        Some(organisation.token.as_str()),
    ] {
        for path in [
            format!("/api/v1/requests/{id}"),
            "/api/v1/requests".to_owned(),
            "/api/v1/requests?place=beilen".to_owned(),
        ] {
            let (status, seen) = app.get(&path, token).await;
            assert_eq!(status, StatusCode::OK);
            let text = seen.to_string();
            for secret in secrets {
                assert!(
                    !text.contains(secret),
                    "{secret} leaked on {path} ({}): {text}",
                    token.map_or("anonymous", |_| "logged in")
                );
            }
            assert!(text.contains("Marieke"), "the public sees the first name");
        }
    }
}
