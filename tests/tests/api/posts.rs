//! Posts through real HTTP: the three kinds, review, listing with filters, editing,
//! withdrawing, and every error path.

use noaber_tests::{dog_walking_request, post_body, spawn_app};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn each_kind_is_created_by_its_own_role_and_waits_for_review() {
    let app = spawn_app().await;
    let cases = [
        ("requests", "resident", "request"),
        ("offers", "volunteer", "offer"),
        ("vacancies", "organisation", "vacancy"),
    ];
    for (plural, role, kind) in cases {
        let author = app.user(role, "Auteur Test").await;
        let post = app
            .create_post(
                plural,
                &author,
                &post_body("Hulp in de tuin", "tuin", "Smilde"),
            )
            .await;
        assert_eq!(post["kind"], kind);
        assert_eq!(post["status"], "pending_review");
        assert_eq!(post["place"], "smilde");
        assert_eq!(post["place_name"], "Smilde");
        if kind == "vacancy" {
            assert_eq!(post["organisation"], "Auteur Test");
        }
        // Any other role gets a 403.
        let other = app
            .user(
                if role == "resident" {
                    "volunteer"
                } else {
                    "resident"
                },
                "Ander",
            )
            .await;
        let (status, _) = app
            .post(
                &format!("/api/v1/{plural}"),
                Some(&other.token),
                &post_body("x", "tuin", "Smilde"),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{plural} by another role");
    }
    let (status, _) = app
        .post("/api/v1/requests", None, &dog_walking_request())
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn invalid_posts_get_field_level_messages_and_store_nothing() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let mut bad = dog_walking_request();
    bad["title"] = json!("");
    bad["description"] = json!("x".repeat(100 * 1024));
    bad["category"] = json!("bestaat-niet");
    bad["place"] = json!("Westerbrok");
    bad["schedule"] = json!({"kind": "weekly", "slots": []});
    bad["radius_km"] = json!(10_000);
    bad["talents"] = json!(["vliegen"]);
    let (status, body) = app.post("/api/v1/requests", Some(&inge.token), &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    for field in [
        "title",
        "description",
        "category",
        "place",
        "schedule",
        "radius_km",
        "talents",
    ] {
        assert!(
            body["errors"][field].is_string(),
            "{field} missing in {body}"
        );
    }
    assert!(
        body["errors"]["place"]
            .as_str()
            .unwrap()
            .contains("Westerbork"),
        "close names are suggested"
    );
    let (status, _) = app
        .post(
            "/api/v1/requests",
            Some(&inge.token),
            &json!({"title": "zonder rest"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let response = app
        .client
        .post(app.url("/api/v1/requests"))
        .bearer_auth(&inge.token)
        .header("content-type", "application/json")
        .body("{\"title\": \"half")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let mut past = dog_walking_request();
    past["schedule"] = json!({"kind": "once", "date": "2020-05-01", "parts": ["morning"]});
    let (status, body) = app.post("/api/v1/requests", Some(&inge.token), &past).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"]["schedule"].is_string());
    let (_, mine) = app
        .get("/api/v1/requests?author=me", Some(&inge.token))
        .await;
    assert_eq!(mine["total"], 0, "nothing may be stored from refused input");
}

#[tokio::test]
async fn places_are_accepted_by_slug_name_and_postcode() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    for (given, slug) in [
        ("nieuw-balinge", "nieuw-balinge"),
        ("NIEUW BALINGE", "nieuw-balinge"),
        ("Westerbork", "westerbork"),
        ("9411", "beilen"),
        ("9411 AB", "beilen"),
    ] {
        let post = app
            .create_post("requests", &inge, &post_body("Klusje", "klussen", given))
            .await;
        assert_eq!(post["place"], slug, "{given}");
    }
}

#[tokio::test]
async fn review_publishes_or_sends_back_with_a_reason() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let coordinator = app.coordinator("Coördinator Servicepunt").await;
    let post = app
        .create_post("requests", &inge, &dog_walking_request())
        .await;
    let id = post["id"].as_str().unwrap();

    let (status, _) = app
        .post(
            &format!("/api/v1/requests/{id}/review"),
            Some(&inge.token),
            &json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "authors cannot approve themselves"
    );
    let (status, body) = app
        .post(
            &format!("/api/v1/requests/{id}/review"),
            Some(&coordinator.token),
            &json!({"decision": "reject"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"]["reason"].is_string());

    let (status, rejected) = app
        .post(
            &format!("/api/v1/requests/{id}/review"),
            Some(&coordinator.token),
            &json!({"decision": "reject", "reason": "Noem a.u.b. geen achternaam in de tekst."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rejected["status"], "rejected");
    let (_, seen_by_author) = app
        .get(&format!("/api/v1/requests/{id}"), Some(&inge.token))
        .await;
    assert_eq!(
        seen_by_author["review_reason"],
        "Noem a.u.b. geen achternaam in de tekst."
    );

    // The author fixes it: back to review; then it is approved and public.
    let (status, edited) = app
        .send(
            Method::PATCH,
            &format!("/api/v1/requests/{id}"),
            Some(&inge.token),
            &json!({"title": "Wandelmaatje voor Bobbie"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["status"], "pending_review");
    let approved = app.approve("requests", id, &coordinator).await;
    assert_eq!(approved["status"], "open");
    assert!(approved["published_at"].is_string());
    let (status, public) = app.get(&format!("/api/v1/requests/{id}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(public["title"], "Wandelmaatje voor Bobbie");
    let (status, _) = app
        .post(
            &format!("/api/v1/requests/{id}/review"),
            Some(&coordinator.token),
            &json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "an open post is not pending review"
    );
}

#[tokio::test]
async fn the_servicepunt_refuses_a_post_that_does_not_belong_here_and_says_why() {
    let app = spawn_app().await;
    let henk = app.user("volunteer", "Henk").await;
    let coordinator = app.coordinator("Coby").await;
    let body = post_body("Dakgoten reinigen vanaf 25 euro", "klussen", "Beilen");
    let post = app.create_post("offers", &henk, &body).await;
    let id = post["id"].as_str().unwrap();
    let review = |decision: Value| {
        let (app, coordinator) = (&app, &coordinator);
        async move {
            app.post(
                &format!("/api/v1/offers/{id}/review"),
                Some(&coordinator.token),
                &decision,
            )
            .await
        }
    };

    let (status, problem) = review(json!({"decision": "refuse"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problem["errors"]["reason"]
            .as_str()
            .is_some_and(|m| m.contains("waarom u de oproep niet plaatst")),
        "{problem}"
    );
    let reason = "Dit is betaald werk. Vrijwilligers helpen zonder geld.";
    let (status, refused) = review(json!({"decision": "refuse", "reason": reason})).await;
    assert_eq!(status, StatusCode::OK, "{refused}");
    assert_eq!(refused["status"], "closed");
    assert_eq!(refused["close_reason"], "refused");
    assert!(refused["published_at"].is_null(), "never published");

    // Henk reads why, and can neither change it nor send it in again.
    let (_, own) = app
        .get(&format!("/api/v1/offers/{id}"), Some(&henk.token))
        .await;
    assert_eq!(own["review_reason"], reason);
    let (status, _) = app
        .try_edit("offers", &henk, id, &json!({"title": "Dakgoten reinigen"}))
        .await;
    assert!(status.is_client_error(), "{status}");
    let (status, _) = review(json!({"decision": "approve"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "no longer waiting for review");
    let (status, _) = app.get(&format!("/api/v1/offers/{id}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "never public");

    let mails = app.outbox().await;
    let to_henk: Vec<_> = mails
        .iter()
        .filter(|m| m.recipient == henk.email && m.kind != "verify_email")
        .collect();
    assert_eq!(to_henk.len(), 1, "{to_henk:?}");
    assert_eq!(to_henk[0].kind, "post_refused");
    assert_eq!(
        to_henk[0].subject,
        "Uw oproep wordt niet geplaatst: Dakgoten reinigen vanaf 25 euro"
    );
    assert!(to_henk[0].body_text.contains(reason));
    assert!(
        !to_henk[0].body_text.contains("/aanbod/"),
        "no link to a post he cannot change"
    );
}

#[tokio::test]
async fn the_public_sees_only_open_posts_and_authors_see_their_own() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let other = app.user("resident", "Jan").await;
    let coordinator = app.coordinator("Coördinator").await;
    let pending = app
        .create_post("requests", &inge, &dog_walking_request())
        .await;
    let open = app
        .open_post(
            "requests",
            &inge,
            &coordinator,
            &post_body("Gras maaien", "tuin", "Smilde"),
        )
        .await;
    let pending_id = pending["id"].as_str().unwrap();

    let (_, public) = app.get("/api/v1/requests", None).await;
    assert_eq!(public["total"], 1);
    assert_eq!(public["items"][0]["id"], open.as_str());
    let (status, _) = app
        .get(&format!("/api/v1/requests/{pending_id}"), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .get(
            &format!("/api/v1/requests/{pending_id}"),
            Some(&other.token),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another resident cannot see a pending post"
    );
    let (_, mine) = app
        .get("/api/v1/requests?author=me", Some(&inge.token))
        .await;
    assert_eq!(mine["total"], 2);
    let (_, queue) = app
        .get(
            "/api/v1/requests?status=pending_review",
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(queue["total"], 1);
    assert_eq!(queue["items"][0]["id"], pending["id"]);
    // The reviewer sees whether the author confirmed their address and since when
    // they have an account; the public never does.
    let author = &queue["items"][0]["author"];
    assert_eq!(author["email_verified"], false, "{author}");
    assert!(author["account_since"].is_string(), "{author}");
    let (_, public) = app.get("/api/v1/requests", None).await;
    let public_author = &public["items"][0]["author"];
    assert!(
        public_author.get("email_verified").is_none()
            && public_author.get("account_since").is_none(),
        "{public_author}"
    );
    let (_, others_queue) = app
        .get("/api/v1/requests?status=pending_review", Some(&other.token))
        .await;
    assert_eq!(
        others_queue["total"], 0,
        "the review queue is the coordinator's"
    );
    let (status, _) = app.get("/api/v1/requests?author=me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The wrong kind in the URL is a 404, not a different post.
    let (status, _) = app.get(&format!("/api/v1/offers/{open}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn lists_filter_and_paginate() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    for (title, category, place) in [
        ("Boodschappen doen", "boodschappen", "Smilde"),
        ("Boodschappen op vrijdag", "boodschappen", "Beilen"),
        ("Computerles", "computerhulp", "Beilen"),
        ("Heg snoeien", "tuin", "Westerbork"),
        ("Wandelen", "maatje", "Beilen"),
    ] {
        let post = app
            .create_post("requests", &coordinator, &post_body(title, category, place))
            .await;
        assert_eq!(
            post["status"], "open",
            "coordinator posts are published at once"
        );
    }
    let (_, by_category) = app
        .get("/api/v1/requests?category=boodschappen", None)
        .await;
    assert_eq!(by_category["total"], 2);
    let (_, by_place) = app.get("/api/v1/requests?place=beilen", None).await;
    assert_eq!(by_place["total"], 3);
    let (_, both) = app
        .get("/api/v1/requests?place=Beilen&category=boodschappen", None)
        .await;
    assert_eq!(both["total"], 1);
    assert_eq!(both["items"][0]["title"], "Boodschappen op vrijdag");
    let (_, page1) = app.get("/api/v1/requests?limit=2", None).await;
    let (_, page2) = app.get("/api/v1/requests?limit=2&offset=2", None).await;
    let (_, page3) = app.get("/api/v1/requests?limit=2&offset=4", None).await;
    let (_, all) = app.get("/api/v1/requests?limit=100", None).await;
    let id_list = |page: &Value| -> Vec<Value> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].clone())
            .collect()
    };
    let paged: Vec<Value> = [&page1, &page2, &page3]
        .into_iter()
        .flat_map(id_list)
        .collect();
    assert_eq!(
        paged,
        id_list(&all),
        "pages are disjoint, complete and in order"
    );
    assert_eq!(
        (
            page1["total"].as_i64(),
            page1["items"].as_array().unwrap().len()
        ),
        (Some(5), 2)
    );
    assert_eq!(page3["items"].as_array().unwrap().len(), 1);
    let (status, body) = app.get("/api/v1/requests?category=onzin", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"]["category"].is_string());
    let (status, _) = app.get("/api/v1/requests?status=weg", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = app.get("/api/v1/requests?limit=veel", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"]["limit"], "Hier hoort een getal.", "{body}");
    let (_, offers) = app.get("/api/v1/offers", None).await;
    assert_eq!(offers["total"], 0, "kinds do not mix");
}

#[tokio::test]
async fn only_author_or_coordinator_edit_and_withdraw() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let jan = app.user("resident", "Jan").await;
    let coordinator = app.coordinator("Coördinator").await;
    let post = app
        .create_post("requests", &inge, &dog_walking_request())
        .await;
    let id = post["id"].as_str().unwrap();
    app.approve("requests", id, &coordinator).await;
    let path = format!("/api/v1/requests/{id}");

    let (status, _) = app
        .send(
            Method::PATCH,
            &path,
            Some(&jan.token),
            &json!({"title": "Gekaapt"}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.try_withdraw(&jan, id).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = app
        .send(
            Method::PATCH,
            &path,
            Some(&inge.token),
            &json!({"radius_km": -3}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // Saving without a change (or with the same title, also with a space or an
    // invisible character more) keeps the post online.
    let title = post["title"].as_str().unwrap_or_default();
    for same in [
        json!({}),
        json!({"title": title}),
        json!({"title": format!("{title} ")}),
        json!({"title": format!("{title}\u{200b}")}),
    ] {
        let (status, kept) = app
            .send(Method::PATCH, &path, Some(&inge.token), &same)
            .await;
        assert_eq!(
            (status, kept["status"].as_str()),
            (StatusCode::OK, Some("open")),
            "{kept}"
        );
    }
    let (status, edited) = app
        .send(
            Method::PATCH,
            &path,
            Some(&coordinator.token),
            &json!({"place": "Hooghalen", "talents": ["wandelen", "hond-uitlaten"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        edited["status"], "open",
        "a coordinator's edit keeps the post published"
    );
    assert_eq!(edited["place"], "hooghalen");
    assert_eq!(
        edited["title"], post["title"],
        "fields not in the patch are kept"
    );

    let withdrawn = app.withdraw(&inge, id).await;
    assert_eq!(
        (
            withdrawn["status"].as_str(),
            withdrawn["close_reason"].as_str()
        ),
        (Some("closed"), Some("withdrawn"))
    );
    let (status, _) = app.try_withdraw(&inge, id).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = app
        .send(
            Method::PATCH,
            &path,
            Some(&inge.token),
            &json!({"title": "Toch nog"}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = app.get(&path, None).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a withdrawn post is no longer public"
    );
}

#[tokio::test]
async fn concurrent_reviews_never_both_win() {
    let app = spawn_app().await;
    let inge = app.user("resident", "Inge").await;
    let a = app.coordinator("A").await;
    let b = app.coordinator("B").await;
    let post = app
        .create_post("requests", &inge, &dog_walking_request())
        .await;
    let path = format!("/api/v1/requests/{}/review", post["id"].as_str().unwrap());
    let approve = json!({"decision": "approve"});
    let reject = json!({"decision": "reject", "reason": "dubbel"});
    let (first, second) = tokio::join!(
        app.post(&path, Some(&a.token), &approve),
        app.post(&path, Some(&b.token), &reject)
    );
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
}

#[tokio::test]
async fn the_servicepunt_takes_requests_by_phone_for_residents_without_an_account() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Anja").await;
    let mut body = dog_walking_request();
    body["on_behalf_of"] =
        json!({"name": "Geesje Mulder", "phone": "0593 561 234", "channel": "phone"});
    let post = app.create_post("requests", &coordinator, &body).await;
    assert_eq!(
        post["status"], "open",
        "the coordinator's own intake needs no review"
    );
    assert_eq!(post["intake_channel"], "phone");
    assert_eq!(post["on_behalf_of"]["name"], "Geesje Mulder");
    assert_eq!(post["on_behalf_of"]["phone"], "0593 561 234");

    // A referral that came in by phone keeps its referrer.
    body["on_behalf_of"] = json!({"name": "Roelof Smit", "phone": "0593 561 999", "channel": "referral", "referrer": "huisarts"});
    let referred = app.create_post("requests", &coordinator, &body).await;
    assert_eq!(referred["intake_channel"], "referral");
    assert_eq!(referred["on_behalf_of"]["referrer"], "huisarts");

    // Others see neither the channel's contact nor the phone number.
    let volunteer = app.user("volunteer", "Sharon").await;
    let id = post["id"].as_str().unwrap_or_default();
    let (status, seen) = app
        .get(&format!("/api/v1/requests/{id}"), Some(&volunteer.token))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(seen.get("on_behalf_of").is_none(), "{seen}");
    assert!(!seen.to_string().contains("561 234"));

    // A resident cannot claim a phone intake.
    let resident = app.user("resident", "Jan").await;
    body["on_behalf_of"] = json!({"name": "Oma Jans", "phone": "0593 111 222", "channel": "phone"});
    let (status, problem) = app
        .post("/api/v1/requests", Some(&resident.token), &body)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert!(problem["errors"]["on_behalf_of.channel"]
        .as_str()
        .unwrap_or_default()
        .contains("telefonisch"));
}

#[tokio::test]
async fn the_coordinator_sees_contact_details_written_into_a_post_and_nobody_else_does() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let mut body = dog_walking_request();
    body["title"] = json!("Hond uitlaten, bel 06-12345678");
    body["description"] = json!("Mail inge.devries@example.nl of kom langs op de Brinkstraat 12.");
    let post = app.create_post("requests", &inge, &body).await;
    let path = format!("/api/v1/requests/{}", post["id"].as_str().unwrap());

    let (_, seen) = app.get(&path, Some(&coordinator.token)).await;
    let found = |part: &str| -> Vec<(String, String)> {
        seen["screening"][part]
            .as_array()
            .unwrap_or_else(|| panic!("no screening of {part}: {seen}"))
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().unwrap().into(),
                    f["text"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    assert_eq!(found("title"), vec![("phone".into(), "06-12345678".into())]);
    assert_eq!(
        found("description"),
        vec![
            ("email".into(), "inge.devries@example.nl".into()),
            ("address".into(), "Brinkstraat 12".into()),
        ]
    );
    let (_, queue) = app
        .get(
            "/api/v1/requests?status=pending_review",
            Some(&coordinator.token),
        )
        .await;
    assert!(
        queue["items"][0]["screening"]["title"].is_array(),
        "{queue}"
    );

    // The author and the public never get the screening.
    let (_, own) = app.get(&path, Some(&inge.token)).await;
    assert!(own.get("screening").is_none(), "{own}");
    app.approve("requests", post["id"].as_str().unwrap(), &coordinator)
        .await;
    let (_, public) = app.get(&path, None).await;
    assert!(public.get("screening").is_none(), "{public}");
}

#[tokio::test]
async fn the_coordinator_sees_the_surnames_of_whom_a_post_is_about_with_their_initials() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let karin = app.user("resident", "Karin Hoving").await;
    let mut body = dog_walking_request();
    body["title"] = json!("Wandelmaatje voor mevrouw De Vries");
    body["description"] = json!("Mijn moeder (84) heeft dementie. Ik, Karin Hoving, woon ver weg.");
    body["on_behalf_of"] = json!({"name": "Anna de Vries", "channel": "network"});
    let post = app.create_post("requests", &karin, &body).await;
    let path = format!("/api/v1/requests/{}", post["id"].as_str().unwrap());
    let (_, seen) = app.get(&path, Some(&coordinator.token)).await;
    let found = |part: &str| -> Vec<Value> {
        seen["screening"][part]
            .as_array()
            .unwrap_or_else(|| panic!("no screening of {part}: {seen}"))
            .iter()
            .map(|f| json!([f["kind"], f["text"], f["replacement"]]))
            .collect()
    };
    assert_eq!(found("title"), vec![json!(["name", "Vries", "V."])]);
    assert_eq!(found("description"), vec![json!(["name", "Hoving", "H."])]);

    // An organisation's name is public: its vacancy names it freely.
    let org = app.user("organisation", "Zorgcentrum De Hofstee").await;
    let vacancy = app
        .create_post(
            "vacancies",
            &org,
            &post_body("Gastvrouw bij De Hofstee", "bezoekwerk", "Beilen"),
        )
        .await;
    let path = format!("/api/v1/vacancies/{}", vacancy["id"].as_str().unwrap());
    let (_, seen) = app.get(&path, Some(&coordinator.token)).await;
    assert_eq!(seen["screening"]["title"], json!([]), "{seen}");
}

#[tokio::test]
async fn a_coordinators_post_with_contact_details_or_a_surname_waits_for_review() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let mut body = dog_walking_request();
    body["on_behalf_of"] =
        json!({"name": "Riet Mulder", "phone": "0593 531111", "channel": "phone"});
    let clean = app.create_post("requests", &coordinator, &body).await;
    assert_eq!(clean["status"], "open", "{clean}");
    for description in [
        "Mevrouw Mulder zoekt iemand voor haar hond.",
        "Bel mij op 0593 531111 voor de hond.",
    ] {
        body["description"] = json!(description);
        let held = app.create_post("requests", &coordinator, &body).await;
        assert_eq!(held["status"], "pending_review", "{description}: {held}");
        let id = held["id"].as_str().unwrap_or_default();
        let (status, _) = app.get(&format!("/api/v1/requests/{id}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "not public: {description}");
    }
}

#[tokio::test]
async fn the_coordinator_can_call_whoever_sent_a_request_in_and_nobody_else_sees_how() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app
        .register(
            "resident",
            "Inge Bakker",
            "inge@beilen.example",
            Some("0593 521 234"),
        )
        .await;
    let sharon = app.user("volunteer", "Sharon").await;
    let id = app.open_request(&inge, &coordinator).await;
    let path = format!("/api/v1/requests/{id}");
    let (_, seen) = app.get(&path, Some(&coordinator.token)).await;
    assert_eq!(seen["author"]["phone"], "0593 521 234", "{seen}");
    assert_eq!(seen["author"]["email"], "inge@beilen.example");
    let (_, log) = app
        .get("/api/v1/audit?limit=100", Some(&coordinator.token))
        .await;
    assert!(
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["subject_id"] == id.as_str()
                && e["detail"] == "contactgegevens van de hulpvrager bekeken"),
        "the look is audited: {log}"
    );
    // A request the Servicepunt took by phone: no colleague's own details.
    let mut body = dog_walking_request();
    body["on_behalf_of"] =
        json!({"name": "Riet Mulder", "phone": "0593 531111", "channel": "phone"});
    let taken = app.create_post("requests", &coordinator, &body).await;
    let taken = format!(
        "/api/v1/requests/{}",
        taken["id"].as_str().unwrap_or_default()
    );
    let (_, seen) = app.get(&taken, Some(&coordinator.token)).await;
    assert!(seen["author"].get("email").is_none(), "{seen}");
    assert_eq!(seen["on_behalf_of"]["phone"], "0593 531111");
    for token in [None, Some(sharon.token.as_str()), Some(inge.token.as_str())] {
        let (_, post) = app.get(&path, token).await;
        assert!(post["author"].get("phone").is_none(), "{post}");
        assert!(post["author"].get("email").is_none(), "{post}");
    }
}

/// The Servicepunt took a phone number out of a request before publishing it: the
/// "staat online" mail says so (the text now reads "[verwijderd]"); a request
/// published as written says nothing of the kind.
#[tokio::test]
async fn the_approval_mail_says_when_contact_details_were_taken_out() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let mut body = dog_walking_request();
    body["description"] = json!("Bobbie moet elke week naar buiten. Bel mij op 06-12345678.");
    let edited = app.create_post("requests", &inge, &body).await;
    let edited = edited["id"].as_str().unwrap().to_owned();
    let (status, changed) = app
        .try_edit(
            "requests",
            &coordinator,
            &edited,
            &json!({"description": "Bobbie moet elke week naar buiten. Bel mij op [verwijderd]."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    app.approve("requests", &edited, &coordinator).await;
    app.open_request(&inge, &coordinator).await; // published as written
    let approvals: Vec<(String, bool)> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.kind == "post_approved")
        .map(|m| {
            (
                m.subject.clone(),
                m.body_text.contains("contactgegevens uit uw tekst gehaald"),
            )
        })
        .collect();
    assert_eq!(approvals.len(), 2, "{approvals:?}");
    assert_eq!(
        approvals.iter().filter(|(_, said)| *said).count(),
        1,
        "{approvals:?}"
    );
}
