//! A person's own data through real HTTP: downloading it (`GET /api/v1/me/export`),
//! deleting the account (`DELETE /api/v1/me`: anonymised, figures kept, tokens dead,
//! address free again), and withdrawing a request declining its open matches.

use noaber_tests::{
    days_ago, dog_walking_request, post_body, spawn_app, Profile, TestApp, TestUser,
    COORDINATOR_PASSWORD, PASSWORD,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Makes `user` a dog walker in Beilen on Tuesday afternoons with a recent VOG,
/// taking `capacity` matches.
async fn dog_walker(app: &TestApp, coordinator: &TestUser, user: &TestUser, capacity: u32) {
    let profile = Profile::dog_walker()
        .interests(&["natuur"])
        .within_km(20)
        .max_matches(capacity)
        .bio("Ik studeer verpleegkunde.");
    app.set_profile(user, &profile).await;
    app.give_vog(coordinator, user, &days_ago(30)).await;
}

/// Volunteer ids suggested for a request.
async fn suggested(app: &TestApp, coordinator: &TestUser, request_id: &str) -> Vec<String> {
    let (status, body) = app
        .get(
            &format!("/api/v1/requests/{request_id}/suggestions"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["volunteer"]["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn export(app: &TestApp, user: &TestUser) -> Value {
    let response = app
        .client
        .get(app.url("/api/v1/me/export"))
        .bearer_auth(&user.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let disposition = response
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(disposition, "attachment; filename=\"noaber-export.json\"");
    response.json().await.unwrap()
}

#[tokio::test]
async fn the_export_holds_ones_own_data_and_nobody_elses_contact_details() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app
        .user_with_phone("resident", "Inge de Vries", "06-11112222")
        .await;
    let sharon = app
        .user_with_phone("volunteer", "Sharon Bakker", "06-33334444")
        .await;
    dog_walker(&app, &coordinator, &sharon, 2).await;
    let mut body = dog_walking_request();
    body["on_behalf_of"] = json!({"name": "Truus Hoogeveen", "phone": "06-55556666", "email": "truus.prive@example.nl", "channel": "network"});
    let request_id = &app.open_post("requests", &inge, &coordinator, &body).await;
    let match_id = app
        .respond(&sharon, request_id, "Ik loop graag met honden.")
        .await;
    // Introduced: from now on each party may see the other's contact details in the
    // match itself, but the export leaves other people's details out altogether.
    app.act(&coordinator, &match_id, "introduce", json!({}))
        .await;
    app.message(&inge, &match_id, "Fijn! Dinsdag om twee uur?")
        .await;

    let (status, _) = app.get("/api/v1/me/export", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let mine = export(&app, &sharon).await;
    assert_eq!(mine["account"]["id"], sharon.id.as_str());
    assert_eq!(mine["account"]["email"], sharon.email.as_str());
    assert_eq!(mine["account"]["phone"], "06-33334444");
    assert_eq!(mine["account"]["name"], "Sharon Bakker");
    let profile = &mine["volunteer_profile"];
    assert_eq!(profile["talents"], json!(["hond-uitlaten"]));
    assert_eq!(
        profile["availability"],
        json!([{"day": "tue", "part": "afternoon"}])
    );
    assert_eq!(profile["place"], "beilen");
    assert_eq!(profile["vog_status"], "valid");
    assert_eq!(profile["bio"], "Ik studeer verpleegkunde.");
    let matches = mine["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 1, "{mine}");
    let m = &matches[0];
    assert_eq!(m["id"], match_id.as_str());
    assert_eq!(m["your_role"], "volunteer");
    assert_eq!(m["status"], "introduced");
    assert_eq!(m["other_party"], "Inge");
    let steps: Vec<&str> = m["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["responded", "introduced"]);
    assert_eq!(m["history"][0]["by_you"], true);
    assert_eq!(m["history"][1]["by_you"], false);
    let messages = m["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2, "sent and received: {m}");
    assert_eq!(
        (&messages[0]["from_you"], &messages[0]["body"]),
        (&json!(true), &json!("Ik loop graag met honden."))
    );
    assert_eq!(
        (&messages[1]["from_you"], &messages[1]["from"]),
        (&json!(false), &json!("Inge"))
    );
    let text = mine.to_string();
    for secret in [
        inge.email.as_str(),
        "06-11112222",
        "de Vries",
        "06-55556666",
        "truus.prive@example.nl",
        "Hoogeveen",
        coordinator.email.as_str(),
    ] {
        assert!(
            !text.contains(secret),
            "{secret} in Sharon's export: {text}"
        );
    }

    let hers = export(&app, &inge).await;
    assert_eq!(hers["account"]["email"], inge.email.as_str());
    assert_eq!(hers["account"]["phone"], "06-11112222");
    assert!(hers["volunteer_profile"].is_null());
    let posts = hers["posts"].as_array().unwrap();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0]["id"], request_id.as_str());
    assert_eq!(posts[0]["title"], "Wie wil met mijn hond wandelen?");
    assert_eq!(posts[0]["status"], "in_progress");
    assert_eq!(posts[0]["talents"], json!(["hond-uitlaten"]));
    assert_eq!(posts[0]["schedule"]["kind"], "weekly");
    assert_eq!(
        posts[0]["on_behalf_of"]["phone"], "06-55556666",
        "what she entered herself is hers"
    );
    let post_steps: Vec<&str> = posts[0]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to"].as_str().unwrap())
        .collect();
    assert_eq!(post_steps, ["pending_review", "open", "in_progress"]);
    let matches = hers["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0]["your_role"], "poster");
    assert_eq!(matches[0]["other_party"], "Sharon");
    assert_eq!(matches[0]["messages"].as_array().unwrap().len(), 2);
    assert!(
        hers["audit"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["subject_id"] == request_id.as_str() && e["action"] == "change"),
        "the coordinator's review of her post is in the audit part: {hers}"
    );
    let text = hers.to_string();
    for secret in [
        sharon.email.as_str(),
        "06-33334444",
        "Bakker",
        coordinator.email.as_str(),
        coordinator.id.as_str(),
    ] {
        assert!(!text.contains(secret), "{secret} in Inge's export: {text}");
    }
}

#[tokio::test]
async fn a_deleted_volunteer_is_anonymised_and_gone_from_matching() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge de Vries").await;
    let sharon = app
        .user_with_phone("volunteer", "Sharon Bakker", "06-33334444")
        .await;
    dog_walker(&app, &coordinator, &sharon, 3).await;
    // Request A: Sharon responded. Request B: the coordinator introduced her, so B is
    // in progress. Request C: she is only a suggestion. And she offers help herself.
    let a = app.open_request(&inge, &coordinator).await;
    let responded = app
        .respond(&sharon, &a, "Ik wandel graag met Bobbie.")
        .await;
    let b = app
        .create_post("requests", &coordinator, &dog_walking_request())
        .await;
    let b = b["id"].as_str().unwrap().to_owned();
    let introduced = app.pick(&coordinator, &b, &sharon).await;
    app.act(&coordinator, &introduced, "introduce", json!({}))
        .await;
    let c = app
        .create_post("requests", &coordinator, &dog_walking_request())
        .await;
    let c = c["id"].as_str().unwrap().to_owned();
    assert!(suggested(&app, &coordinator, &c).await.contains(&sharon.id));
    let offer = app
        .create_post(
            "offers",
            &sharon,
            &post_body("Sharon helpt met wandelen", "maatje", "Beilen"),
        )
        .await;
    let offer = offer["id"].as_str().unwrap().to_owned();

    // A wrong password changes nothing; the coordinator cannot delete themself here.
    let (status, problem) = app.try_delete_account(&sharon, "wrong-horse-battery").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("wachtwoord"),
        "{problem}"
    );
    let (status, _) = app.get("/api/v1/me", Some(&sharon.token)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, problem) = app
        .try_delete_account(&coordinator, COORDINATOR_PASSWORD)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    let (status, problem) = app.try_delete_account(&sharon, "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert!(problem["errors"]["password"].is_string());

    app.delete_account(&sharon).await;

    // Her token is dead everywhere, for reading and for writing.
    for path in ["/api/v1/me", "/api/v1/me/export", "/api/v1/matches"] {
        let (status, _) = app.get(path, Some(&sharon.token)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (status, _) = app.get("/api/v1/requests", Some(&sharon.token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "optional auth too");
    let (status, _) = app
        .post(
            "/api/v1/offers",
            Some(&sharon.token),
            &post_body("Nog een aanbod", "maatje", "Beilen"),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app.try_respond(&sharon, &c, "Toch nog even").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app.try_delete_account(&sharon, PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "deleting twice");

    // She cannot log in; her address can be registered anew, as a new account.
    let (status, _) = app.try_login(&sharon.email, PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, again) = app
        .try_register(&json!({"email": sharon.email, "password": "another-horse-battery", "name": "Sharon Bakker", "role": "volunteer"}))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{again}");
    let fresh = app.login(&sharon.email, "another-horse-battery").await;
    let (_, me) = app.get("/api/v1/me", Some(&fresh)).await;
    assert_ne!(me["id"], sharon.id.as_str());
    assert!(me.get("volunteer_profile").is_none_or(Value::is_null));

    // Gone from matching and from the coordinator's volunteer list.
    assert!(!suggested(&app, &coordinator, &c).await.contains(&sharon.id));
    let (_, volunteers) = app
        .get("/api/v1/volunteers", Some(&coordinator.token))
        .await;
    assert!(!volunteers.to_string().contains(&sharon.id), "{volunteers}");

    // Her matches are declined with the reason; the request she was on is free again.
    for id in [&responded, &introduced] {
        let (status, m) = app
            .get(&format!("/api/v1/matches/{id}"), Some(&coordinator.token))
            .await;
        assert_eq!(status, StatusCode::OK, "{m}");
        assert_eq!(m["status"], "declined", "{m}");
        assert_eq!(m["reason"], "account verwijderd");
        assert_eq!(m["volunteer"]["name"], "Verwijderde gebruiker");
        let last = m["history"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(
            (&last["to"], &last["reason"]),
            (&json!("declined"), &json!("account verwijderd"))
        );
        assert!(!m.to_string().contains("06-33334444"), "{m}");
        assert!(!m.to_string().contains(&sharon.email), "{m}");
    }
    let (_, b_now) = app
        .get(&format!("/api/v1/requests/{b}"), Some(&coordinator.token))
        .await;
    assert_eq!(b_now["status"], "open", "{b_now}");
    let (_, a_now) = app
        .get(&format!("/api/v1/requests/{a}"), Some(&coordinator.token))
        .await;
    assert_eq!(a_now["status"], "open", "{a_now}");
    let (_, messages) = app
        .get(
            &format!("/api/v1/matches/{responded}/messages"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(messages["items"][0]["body"], "(verwijderd)", "{messages}");

    // Her offer is closed and anonymised, but still there to be counted.
    let (status, offer_now) = app
        .get(&format!("/api/v1/offers/{offer}"), Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (&offer_now["status"], &offer_now["close_reason"]),
        (&json!("closed"), &json!("withdrawn"))
    );
    assert_eq!(offer_now["author"]["name"], "Verwijderde gebruiker");
    assert_eq!(offer_now["category"], "maatje");
    assert!(!offer_now.to_string().contains("Sharon"), "{offer_now}");
}

#[tokio::test]
async fn a_deleted_residents_posts_stay_counted_without_name_or_contact() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let consulent = app
        .user_with_phone("resident", "Marieke Wijkteam", "06-77778888")
        .await;
    let sharon = app.user("volunteer", "Sharon Bakker").await;
    let mut body = dog_walking_request();
    body["on_behalf_of"] = json!({"name": "Truus Hoogeveen", "phone": "06-55556666", "email": "truus.prive@example.nl", "channel": "referral", "referrer": "wijkteam"});
    let open = app
        .open_post("requests", &consulent, &coordinator, &body)
        .await;
    let pending = app
        .create_post("requests", &consulent, &dog_walking_request())
        .await;
    let pending = pending["id"].as_str().unwrap().to_owned();
    let responded = app.respond(&sharon, &open, "Ik kan op dinsdag.").await;
    let (_, before) = app
        .get("/api/v1/requests?status=closed", Some(&coordinator.token))
        .await;
    assert_eq!(before["total"], 0);

    app.delete_account(&consulent).await;

    let (_, closed) = app
        .get("/api/v1/requests?status=closed", Some(&coordinator.token))
        .await;
    assert_eq!(closed["total"], 2, "both requests still count: {closed}");
    for id in [&open, &pending] {
        let (status, post) = app
            .get(&format!("/api/v1/requests/{id}"), Some(&coordinator.token))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(post["status"], "closed");
        assert_eq!(post["close_reason"], "withdrawn");
        assert_eq!(post["author"]["name"], "Verwijderde gebruiker");
        assert_eq!(post["category"], "maatje");
        assert_eq!(post["place"], "beilen");
        assert!(post["on_behalf_of"].is_null(), "{post}");
        let text = post.to_string();
        for secret in [
            "Marieke",
            "Truus",
            "06-55556666",
            "truus.prive@example.nl",
            "06-77778888",
            "Bobbie",
        ] {
            assert!(!text.contains(secret), "{secret} kept: {text}");
        }
    }
    let (_, channel) = app
        .get(
            &format!("/api/v1/requests/{open}"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(
        channel["intake_channel"], "referral",
        "figures keep the channel"
    );
    let (status, _) = app.get(&format!("/api/v1/requests/{open}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "closed posts are not public");

    // The volunteer who responded sees the match declined, and can read why.
    let (status, m) = app
        .get(&format!("/api/v1/matches/{responded}"), Some(&sharon.token))
        .await;
    assert_eq!(status, StatusCode::OK, "{m}");
    assert_eq!(
        (&m["status"], &m["reason"]),
        (&json!("declined"), &json!("account verwijderd"))
    );
}

#[tokio::test]
async fn withdrawing_a_request_declines_its_open_matches() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge de Vries").await;
    let sharon = app.user("volunteer", "Sharon Bakker").await;
    let piet = app.user("volunteer", "Piet Smilde").await;
    let klaas = app.user("volunteer", "Klaas Hijken").await;
    let anna = app.user("volunteer", "Anna Wijster").await;
    dog_walker(&app, &coordinator, &piet, 1).await;
    let id = app.open_request(&inge, &coordinator).await;
    let responded = app.respond(&sharon, &id, "Ik help graag.").await;
    let earlier = app.respond(&anna, &id, "Misschien kan ik helpen.").await;
    app.act(
        &anna,
        &earlier,
        "decline",
        json!({"reason": "Toch geen tijd"}),
    )
    .await;
    let introduced = app.pick(&coordinator, &id, &piet).await;
    app.act(&coordinator, &introduced, "introduce", json!({}))
        .await;
    let suggestion = app.pick(&coordinator, &id, &klaas).await;
    // Piet is at his maximum of one match, so he is not suggested for another request.
    let other = app
        .create_post("requests", &coordinator, &dog_walking_request())
        .await;
    let other = other["id"].as_str().unwrap().to_owned();
    assert!(!suggested(&app, &coordinator, &other)
        .await
        .contains(&piet.id));

    let withdrawn = app.withdraw(&inge, &id).await;
    assert_eq!(
        (&withdrawn["status"], &withdrawn["close_reason"]),
        (&json!("closed"), &json!("withdrawn"))
    );

    for (match_id, before) in [
        (&responded, "responded"),
        (&introduced, "introduced"),
        (&suggestion, "suggested"),
    ] {
        let (status, m) = app
            .get(
                &format!("/api/v1/matches/{match_id}"),
                Some(&coordinator.token),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(m["status"], "declined", "{m}");
        assert_eq!(m["reason"], "hulpvraag ingetrokken");
        let last = m["history"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["from"], before, "{m}");
        assert_eq!(last["to"], "declined");
        assert_eq!(last["reason"], "hulpvraag ingetrokken");
        assert_eq!(last["actor_id"], inge.id.as_str(), "who withdrew");
    }
    // A match declined earlier keeps its own reason and history.
    let (_, m) = app
        .get(
            &format!("/api/v1/matches/{earlier}"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(m["reason"], "Toch geen tijd");
    assert_eq!(m["history"].as_array().unwrap().len(), 2, "{m}");

    // The volunteers see it too, and the conversation is closed.
    let (_, seen) = app
        .get(&format!("/api/v1/matches/{responded}"), Some(&sharon.token))
        .await;
    assert_eq!(seen["status"], "declined");
    let (status, _) = app
        .try_message(&piet, &introduced, "Gaat het nog door?")
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Piet's place is free again: matching knows at once.
    assert!(suggested(&app, &coordinator, &other)
        .await
        .contains(&piet.id));

    let (status, _) = app.try_withdraw(&inge, &id).await;
    assert_eq!(status, StatusCode::CONFLICT, "withdrawing twice");
}
