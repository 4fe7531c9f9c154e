//! No private field leaks into any public or other-person response.

use noaber_tests::{dog_walking_request, post_body, spawn_app, Profile};
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

/// Every endpoint each role can reach, checked for other people's contact details.
#[tokio::test]
async fn no_endpoint_shows_anyone_elses_contact_details() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    // Authors with phone numbers and private contacts.
    let mut authors = Vec::new();
    for (email, role, name, phone) in [
        (
            "inge.author@example.nl",
            "resident",
            "Inge Achternaam",
            "06-10000001",
        ),
        (
            "sharon.author@example.nl",
            "volunteer",
            "Sharon Achternaam",
            "06-10000002",
        ),
        (
            "hofstee.author@example.nl",
            "organisation",
            "Zorgcentrum Hofstee",
            "0593-100003",
        ),
    ] {
        authors.push(app.register(role, name, email, Some(phone)).await);
    }
    let mut request = dog_walking_request();
    request["on_behalf_of"] = json!({"name": "Truus Cliënt", "phone": "06-10000004", "email": "truus.client@example.nl", "channel": "referral", "referrer": "huisarts"});
    let mut posted = Vec::new();
    for (kind, author, body) in [
        ("requests", &authors[0], request),
        (
            "offers",
            &authors[1],
            post_body("Ik help met de tuin", "tuin", "Beilen"),
        ),
        (
            "vacancies",
            &authors[2],
            post_body("Gastvrouw koffieochtend", "bezoekwerk", "Beilen"),
        ),
    ] {
        let id = app.open_post(kind, author, &coordinator, &body).await;
        posted.push((kind, id));
    }
    let secrets = [
        "inge.author@example.nl",
        "sharon.author@example.nl",
        "hofstee.author@example.nl",
        "truus.client@example.nl",
        "06-10000001",
        "06-10000002",
        "0593-100003",
        "06-10000004",
        "Achternaam",
        "Truus",
    ];
    // A volunteer with a profile who responded: sees suggestions and a match.
    let viewer_volunteer = app.user("volunteer", "Kees").await;
    app.set_profile(&viewer_volunteer, &Profile::dog_walker())
        .await;
    app.respond(&viewer_volunteer, &posted[0].1, "Ik help graag.")
        .await;
    let viewer_resident = app.user("resident", "Jan").await;
    let viewer_org = app.user("organisation", "Bibliotheek").await;

    let mut paths: Vec<String> = vec![
        "/api/v1/requests".into(),
        "/api/v1/offers".into(),
        "/api/v1/vacancies".into(),
        "/api/v1/search".into(),
        "/api/v1/search?q=hond".into(),
        "/api/v1/matches".into(),
        "/api/v1/me/suggestions".into(),
        "/api/v1/me".into(),
        "/api/v1/me/export".into(),
        "/api/v1/mail".into(),
        "/api/v1/audit".into(),
        "/api/v1/places".into(),
    ];
    paths.extend(
        posted
            .iter()
            .map(|(kind, id)| format!("/api/v1/{kind}/{id}")),
    );
    for token in [
        None,
        Some(&viewer_volunteer.token),
        Some(&viewer_resident.token),
        Some(&viewer_org.token),
    ] {
        for path in &paths {
            let (_, body) = app.get(path, token.map(String::as_str)).await;
            let text = body.to_string();
            for secret in secrets {
                assert!(!text.contains(secret), "{secret} leaked on {path}: {text}");
            }
        }
    }
}

/// Before sending, the author hears what the review would find of their own details:
/// phone numbers, e-mail and street addresses, their surname and the resident's, but
/// not the links and spam words that the review alone weighs. Anonymous: 401.
#[tokio::test]
async fn the_author_hears_of_personal_details_in_a_draft_before_sending_it() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge Jansen").await;
    let draft = json!({
        "title": "Hulp voor mevrouw Bakker",
        "description": "Bel Inge Jansen op 06-12345678 of kom naar Brinkstraat 12. Zie www.example.nl, bitcoin.",
        "for_name": "Riek Bakker",
    });
    let (status, _) = app.post("/api/v1/screening", None, &draft).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, found) = app
        .post("/api/v1/screening", Some(&inge.token), &draft)
        .await;
    assert_eq!(status, StatusCode::OK, "{found}");
    let kinds = |field: &str| -> Vec<(String, String)> {
        found[field]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().unwrap_or("").to_owned(),
                    f["text"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(kinds("title"), [("name".to_owned(), "Bakker".to_owned())]);
    let description = kinds("description");
    for expected in [
        ("name", "Jansen"),
        ("phone", "06-12345678"),
        ("address", "Brinkstraat 12"),
    ] {
        assert!(
            description
                .iter()
                .any(|(k, t)| k == expected.0 && t.contains(expected.1)),
            "{expected:?} in {description:?}"
        );
    }
    assert!(
        description.iter().all(|(k, _)| k != "link" && k != "spam"),
        "{description:?}"
    );
    // A vacancy may name the organisation's contact person, as the review allows.
    let org = app.user("organisation", "Marja Kuipers").await;
    let vacancy = json!({"title": "Gastvrouw", "description": "Vragen? Marja Kuipers vertelt er graag meer over."});
    let (status, found) = app
        .post("/api/v1/screening", Some(&org.token), &vacancy)
        .await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found["description"], json!([]), "{found}");
}
