//! The Inge/Sharon flow through real HTTP: request → review → response → introduce →
//! confirm → end, with the request following along, invalid steps refused, history
//! recorded, and two coordinators acting at once never producing an impossible state.

use noaber_tests::{days_ago, dog_walking_request, post_body, spawn_app, TestApp, TestUser};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Sharon's response to Inge's request.
const HELLO: &str = "Ik studeer verpleegkunde en loop graag met honden.";

async fn status_of(app: &TestApp, request_id: &str, as_user: &TestUser) -> String {
    let (_, post) = app
        .get(
            &format!("/api/v1/requests/{request_id}"),
            Some(&as_user.token),
        )
        .await;
    post["status"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn from_response_to_a_succeeded_match() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge de Vries").await;
    let sharon = app.user("volunteer", "Sharon Bakker").await;
    let request = app
        .create_post("requests", &inge, &dog_walking_request())
        .await;
    let id = request["id"].as_str().unwrap();

    let (status, _) = app.try_respond(&sharon, id, HELLO).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "no responses before publication"
    );
    app.approve("requests", id, &coordinator).await;
    let (status, _) = app.try_respond(&inge, id, HELLO).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "residents do not respond");
    let (status, body) = app.try_respond(&sharon, id, "  ").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"]["message"].is_string());
    let (status, matched) = app.try_respond(&sharon, id, HELLO).await;
    assert_eq!(status, StatusCode::CREATED, "{matched}");
    assert_eq!(matched["status"], "responded");
    assert_eq!(matched["volunteer"]["first_name"], "Sharon");
    assert!(
        matched["volunteer"].get("name").is_none(),
        "the volunteer sees no full names"
    );
    let (status, _) = app.try_respond(&sharon, id, HELLO).await;
    assert_eq!(status, StatusCode::CONFLICT, "one response per volunteer");
    let match_id = matched["id"].as_str().unwrap();

    // Inge sees the response on her request; another resident does not.
    let (_, inges) = app.get("/api/v1/matches", Some(&inge.token)).await;
    assert_eq!(inges["total"], 1);
    let jan = app.user("resident", "Jan").await;
    let (status, _) = app
        .get(&format!("/api/v1/matches/{match_id}"), Some(&jan.token))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, body) = app
        .try_act(&coordinator, match_id, "confirm", json!({}))
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "confirm before introduction: {body}"
    );
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("bevestigen kan nu niet"));
    let (status, _) = app.try_act(&inge, match_id, "introduce", json!({})).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "introducing is the coordinator's"
    );

    let (status, introduced) = app
        .try_act(&coordinator, match_id, "introduce", json!({}))
        .await;
    assert_eq!(
        (status, introduced["status"].as_str()),
        (StatusCode::OK, Some("introduced"))
    );
    assert_eq!(status_of(&app, id, &inge).await, "in_progress");
    let (status, again) = app
        .try_act(&coordinator, match_id, "introduce", json!({}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(again["detail"], "Zij zijn al aan elkaar voorgesteld.");
    // A step that cannot be taken now says so before what its form lacks.
    let (status, early) = app
        .try_act(&coordinator, match_id, "end", json!({"outcome": "failed"}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{early}");
    app.give_vog(&coordinator, &sharon, &days_ago(30)).await;
    let (status, active) = app
        .try_act(&coordinator, match_id, "confirm", json!({}))
        .await;
    assert_eq!(
        (status, active["status"].as_str()),
        (StatusCode::OK, Some("active"))
    );
    assert_eq!(status_of(&app, id, &inge).await, "matched");
    let (status, _) = app
        .try_act(
            &sharon,
            match_id,
            "decline",
            json!({"reason": "toch geen tijd"}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "an active match is ended, not declined"
    );
    let (status, body) = app.try_act(&coordinator, match_id, "end", json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"]["outcome"].is_string());
    let (status, ended) = app
        .try_act(
            &coordinator,
            match_id,
            "end",
            json!({"outcome": "succeeded", "reason": "Fijne maatjes geworden"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{ended}");
    assert_eq!(
        (ended["status"].as_str(), ended["outcome"].as_str()),
        (Some("ended"), Some("succeeded"))
    );
    let (_, closed) = app
        .get(&format!("/api/v1/requests/{id}"), Some(&inge.token))
        .await;
    assert_eq!(
        (closed["status"].as_str(), closed["close_reason"].as_str()),
        (Some("closed"), Some("completed"))
    );

    let history: Vec<String> = ended["history"]
        .as_array()
        .expect("history for the coordinator")
        .iter()
        .map(|e| e["to"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(history, ["responded", "introduced", "active", "ended"]);
    assert_eq!(ended["history"][1]["actor_id"], coordinator.id.as_str());
    let (status, _) = app
        .try_act(
            &coordinator,
            match_id,
            "end",
            json!({"outcome": "failed", "reason": "x"}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "ending twice is refused");
}

#[tokio::test]
async fn coordinator_picks_from_suggestions_and_parties_may_decline() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let request = app
        .create_post("requests", &coordinator, &dog_walking_request())
        .await;
    let id = request["id"].as_str().unwrap();

    let (status, _) = app.try_pick(&inge, id, &sharon).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = app.try_pick(&coordinator, id, &inge).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "only volunteers can be matched: {body}"
    );
    let (status, suggested) = app.try_pick(&coordinator, id, &sharon).await;
    assert_eq!(status, StatusCode::CREATED, "{suggested}");
    assert_eq!(
        (suggested["status"].as_str(), suggested["origin"].as_str()),
        (Some("suggested"), Some("suggestion"))
    );
    let (status, _) = app.try_pick(&coordinator, id, &sharon).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let match_id = suggested["id"].as_str().unwrap();
    let (_, mine) = app.get("/api/v1/matches", Some(&sharon.token)).await;
    assert_eq!(mine["total"], 0, "a pick is the coordinator's own: {mine}");

    app.act(&coordinator, match_id, "introduce", json!({}))
        .await;
    let (_, mine) = app.get("/api/v1/matches", Some(&sharon.token)).await;
    assert_eq!(mine["total"], 1, "introduced, Sharon knows: {mine}");
    let (status, body) = app.try_act(&sharon, match_id, "decline", json!({})).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is needed: {body}"
    );
    let (status, declined) = app
        .try_act(
            &sharon,
            match_id,
            "decline",
            json!({"reason": "Ik verhuis naar Groningen"}),
        )
        .await;
    assert_eq!(
        (status, declined["status"].as_str()),
        (StatusCode::OK, Some("declined"))
    );
    // Sharon reads every step since the introduction (the coordinator posted this
    // request, so theirs is a party's step), none with its reason.
    let history = declined["history"]
        .as_array()
        .expect("steps for the parties");
    let steps: Vec<(&str, &str)> = history
        .iter()
        .map(|e| {
            (
                e["to"].as_str().unwrap_or(""),
                e["actor_id"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("introduced", coordinator.id.as_str()),
            ("declined", sharon.id.as_str())
        ]
    );
    assert!(history.iter().all(|e| e["reason"].is_null()), "{declined}");
    assert_eq!(
        status_of(&app, id, &coordinator).await,
        "open",
        "the request is free again"
    );

    // Declined: never suggested again for this request.
    let (_, suggestions) = app
        .get(
            &format!("/api/v1/requests/{id}/suggestions"),
            Some(&coordinator.token),
        )
        .await;
    assert!(!suggestions.to_string().contains(&sharon.id));
}

#[tokio::test]
async fn a_pick_declined_before_its_introduction_stays_the_coordinators_own() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let piet = app.user("volunteer", "Piet").await;
    let id = &app.open_request(&inge, &coordinator).await;
    let sharons = app.pick(&coordinator, id, &sharon).await;
    // Nobody knows of the pick: it has no conversation, so no note of the
    // Servicepunt's can reach the parties later.
    let (status, refused) = app
        .try_message(&coordinator, &sharons, "Notitie: eerst bellen")
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    let reason = "Sharon heeft geen VOG; liever niet";
    app.act(&coordinator, &sharons, "decline", json!({"reason": reason}))
        .await;
    for who in [&sharon, &inge] {
        let (_, list) = app.get("/api/v1/matches", Some(&who.token)).await;
        assert_eq!(list["total"], 0, "{}: {list}", who.name);
        let (status, body) = app
            .get(&format!("/api/v1/matches/{sharons}"), Some(&who.token))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}: {body}", who.name);
        assert!(!body.to_string().contains("VOG"));
    }

    // Sharon, who never knew, responds herself: the pick becomes her response,
    // without the coordinator's reason.
    let (status, response) = app.try_respond(&sharon, id, "Ik help graag").await;
    assert_eq!(status, StatusCode::CREATED, "{response}");
    assert_eq!(response["id"].as_str(), Some(sharons.as_str()));
    assert_eq!(
        (response["status"].as_str(), response["origin"].as_str()),
        (Some("responded"), Some("response"))
    );
    let (_, seen) = app
        .get(&format!("/api/v1/matches/{sharons}"), Some(&inge.token))
        .await;
    assert_eq!(seen["status"], "responded", "{seen}");
    assert!(seen["reason"].is_null(), "{seen}");
    // The steps as Inge reads them begin with Sharon's response; the coordinator's
    // own steps before it stay theirs.
    let steps = |view: &Value| -> Vec<String> {
        view["history"]
            .as_array()
            .map(|h| {
                h.iter()
                    .map(|e| e["to"].as_str().unwrap_or("").to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(steps(&seen), ["responded"], "{seen}");
    assert_eq!(seen["history"][0]["actor_id"], sharon.id.as_str());
    assert!(
        seen["history"][0]["from"].is_null(),
        "not 'from declined': {seen}"
    );
    // Nor do their own data exports hold a trace of the pick or its reason.
    for who in [&sharon, &inge] {
        let (status, export) = app.get("/api/v1/me/export", Some(&who.token)).await;
        assert_eq!(status, StatusCode::OK);
        let text = export.to_string();
        assert!(
            !text.contains("VOG") && !text.contains("suggested") && !text.contains("declined"),
            "{}: {export}",
            who.name
        );
    }
    let (_, handled) = app
        .get(
            &format!("/api/v1/matches/{sharons}"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(steps(&handled), ["suggested", "declined", "responded"]);
    let (_, messages) = app
        .get(
            &format!("/api/v1/matches/{sharons}/messages"),
            Some(&inge.token),
        )
        .await;
    assert!(messages.to_string().contains("Ik help graag"), "{messages}");

    // Piet, picked and not yet introduced, responds too: his pick becomes his response.
    let piets = app.pick(&coordinator, id, &piet).await;
    let (status, response) = app.try_respond(&piet, id, "Ik kan ook").await;
    assert_eq!(status, StatusCode::CREATED, "{response}");
    assert_eq!(response["id"].as_str(), Some(piets.as_str()));
    // Once he knows of it, a second response is refused.
    let (status, _) = app.try_respond(&piet, id, "Nog een keer").await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, list) = app.get("/api/v1/matches", Some(&inge.token)).await;
    assert_eq!(list["total"], 2, "{list}");
}

#[tokio::test]
async fn a_request_changed_while_its_volunteer_is_introduced_stays_off_the_lists() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let piet = app.user("volunteer", "Piet").await;
    let id = &app.open_request(&inge, &coordinator).await;
    let sharons = app.respond(&sharon, id, HELLO).await;
    // Inge changes her request: back in review, and meanwhile Sharon is introduced.
    let changes = json!({"title": "Wie wandelt met Bobbie op dinsdag?"});
    let (status, edited) = app.try_edit("requests", &inge, id, &changes).await;
    assert_eq!(
        (status, edited["status"].as_str()),
        (StatusCode::OK, Some("pending_review"))
    );
    app.act(&coordinator, &sharons, "introduce", json!({}))
        .await;
    let mails_before = app.outbox().await.len();
    let approved = app.approve("requests", id, &coordinator).await;
    assert_eq!(approved["status"], "in_progress", "{approved}");
    assert!(
        app.outbox().await[mails_before..]
            .iter()
            .all(|m| m.kind != "post_approved"),
        "no 'uw oproep staat online' for a request that is not"
    );
    let (status, _) = app.get(&format!("/api/v1/requests/{id}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "off the public lists");
    let (status, _) = app.try_respond(&piet, id, "Ik ook").await;
    assert!(status.is_client_error(), "{status}");
}

#[tokio::test]
async fn the_volunteer_on_a_request_keeps_reading_it() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let piet = app.user("volunteer", "Piet").await;
    let id = &app.open_request(&inge, &coordinator).await;
    let sharons = app.respond(&sharon, id, "Ik help graag").await;
    app.respond(&piet, id, "Ik ook").await;
    app.act(&coordinator, &sharons, "introduce", json!({}))
        .await;
    // Her steps: her response, and the Servicepunt's introduction as nobody's.
    let (_, mine) = app
        .get(&format!("/api/v1/matches/{sharons}"), Some(&sharon.token))
        .await;
    let steps: Vec<(&str, &str)> = mine["history"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|e| {
            (
                e["to"].as_str().unwrap_or(""),
                e["actor_id"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [("responded", sharon.id.as_str()), ("introduced", "")]
    );
    assert_eq!(mine["yours_to_handle"], false, "Sharon may only step back");
    let (_, handled) = app
        .get(
            &format!("/api/v1/matches/{sharons}"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(handled["yours_to_handle"], true);
    // The coordinator sees that Sharon has no VOG, which a maatje needs; she does not.
    assert_eq!(handled["volunteer"]["vog_valid"], false, "{handled}");
    assert!(mine["volunteer"]["vog_valid"].is_null());
    let path = format!("/api/v1/requests/{id}");
    let (status, post) = app.get(&path, Some(&sharon.token)).await;
    assert_eq!(
        (status, post["status"].as_str()),
        (StatusCode::OK, Some("in_progress")),
        "{post}"
    );
    assert!(post["on_behalf_of"].is_null() && post["author"]["name"].is_null());
    assert_eq!(post["category_requires_vog"], true, "a maatje needs a VOG");
    // Off the public lists: not for the other volunteer, nor anyone else.
    for token in [Some(piet.token.as_str()), None] {
        let (status, _) = app.get(&path, token).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    // So the help cannot start until the Servicepunt has recorded her VOG; the
    // refusal says what is the matter with it.
    let refusal = || async {
        let (status, refused) = app
            .try_act(&coordinator, &sharons, "confirm", json!({}))
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
        refused["detail"].as_str().unwrap_or_default().to_owned()
    };
    let detail = refusal().await;
    assert!(
        detail.contains(
            "Hulp als maatje vraagt een geldige VOG. Die is voor Sharon niet vastgelegd."
        ),
        "{detail}"
    );
    let (_, still) = app
        .get(
            &format!("/api/v1/matches/{sharons}"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(still["status"], "introduced", "nothing changed: {still}");
    // A VOG that has run out (valid three years) counts as none, and one applied
    // for as well.
    app.give_vog(&coordinator, &sharon, &days_ago(3 * 366 + 1))
        .await;
    let (_, me) = app.get("/api/v1/me", Some(&sharon.token)).await;
    let until = me["vog_valid_until"]
        .as_str()
        .expect("an end date")
        .to_owned();
    assert!(until < days_ago(0), "{me}");
    let (y, m, d) = (&until[0..4], &until[5..7], &until[8..10]);
    let dutch = format!(
        "{}-{}-{y}",
        d.trim_start_matches('0'),
        m.trim_start_matches('0')
    );
    let detail = refusal().await;
    assert!(
        detail.contains(&format!("De VOG van Sharon is verlopen op {dutch}.")),
        "{detail}"
    );
    let (status, _) = app
        .try_record_vog(&coordinator, &sharon.id, &json!({"status": "requested"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let detail = refusal().await;
    assert!(
        detail.contains("is aangevraagd, maar nog niet binnen"),
        "{detail}"
    );
    app.give_vog(&coordinator, &sharon, &days_ago(30)).await;
    app.act(&coordinator, &sharons, "confirm", json!({})).await;
    let (status, _) = app.get(&path, Some(&sharon.token)).await;
    assert_eq!(status, StatusCode::OK, "matched");
    app.act(
        &coordinator,
        &sharons,
        "end",
        json!({"outcome": "succeeded"}),
    )
    .await;
    let (status, _) = app.get(&path, Some(&sharon.token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "closed: over");
}

#[tokio::test]
async fn organisations_handle_responses_to_their_own_vacancies() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let org = app.user("organisation", "Zorgcentrum De Hofstee").await;
    let other_org = app.user("organisation", "Bibliotheek").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let id = &app
        .open_post(
            "vacancies",
            &org,
            &coordinator,
            &post_body("Vrijwilliger koffieochtend", "bezoekwerk", "Beilen"),
        )
        .await;
    let match_id = &app
        .respond_to_vacancy(&sharon, id, "Ik schenk graag koffie.")
        .await;

    let (status, _) = app
        .try_act(&other_org, match_id, "introduce", json!({}))
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another organisation sees nothing"
    );
    let (status, introduced) = app.try_act(&org, match_id, "introduce", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{introduced}");
    assert_eq!(introduced["volunteer"]["name"], "Sharon");
    let (status, _) = app.try_act(&org, match_id, "confirm", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (_, still_open) = app.get(&format!("/api/v1/vacancies/{id}"), None).await;
    assert_eq!(
        still_open["status"], "open",
        "a vacancy takes more than one volunteer"
    );
    let (_, all) = app
        .get("/api/v1/matches?status=active", Some(&coordinator.token))
        .await;
    assert_eq!(all["total"], 1, "the coordinator still sees it");

    // Filled: closed as done, not withdrawn. A response still open is declined;
    // Sharon, confirmed, keeps her place.
    let piet = app.user("volunteer", "Piet").await;
    let piets = app.respond_to_vacancy(&piet, id, "Ik ook.").await;
    let path = format!("/api/v1/vacancies/{id}/filled");
    for who in [&other_org, &sharon] {
        let (status, _) = app.post(&path, Some(&who.token), &json!({})).await;
        assert!(
            status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
            "{status}"
        );
    }
    let (status, filled) = app.post(&path, Some(&org.token), &json!({})).await;
    assert_eq!(status, StatusCode::OK, "{filled}");
    assert_eq!(
        (filled["status"].as_str(), filled["close_reason"].as_str()),
        (Some("closed"), Some("completed"))
    );
    let (_, piet_now) = app
        .get(&format!("/api/v1/matches/{piets}"), Some(&piet.token))
        .await;
    assert_eq!(piet_now["status"], "declined", "{piet_now}");
    let outbox = app.outbox().await;
    let to_piet = outbox
        .iter()
        .find(|m| m.recipient == piet.email && m.kind == "match_declined");
    assert!(
        to_piet.is_some_and(|m| m.body_text.contains("De reden: de vacature is vervuld.")),
        "Piet hears why: {to_piet:?}"
    );
    let (_, sharon_now) = app
        .get(&format!("/api/v1/matches/{match_id}"), Some(&sharon.token))
        .await;
    assert_eq!(sharon_now["status"], "active");
    // She goes on reading what she agreed to do; Piet, declined, and the public not.
    let vacancy = format!("/api/v1/vacancies/{id}");
    let (status, read) = app.get(&vacancy, Some(&sharon.token)).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(read["close_reason"], "completed");
    for token in [Some(piet.token.as_str()), None] {
        let (status, _) = app.get(&vacancy, token).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    let (status, _) = app.post(&path, Some(&org.token), &json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "once");
    let inge = app.user("resident", "Inge").await;
    let request = app.open_request(&inge, &coordinator).await;
    let (status, body) = app
        .post(
            &format!("/api/v1/requests/{request}/filled"),
            Some(&coordinator.token),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "only a vacancy: {body}");
}

#[tokio::test]
async fn an_offer_takes_no_responses_and_points_to_the_servicepunt() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let piet = app.user("volunteer", "Piet").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let id = &app
        .open_post(
            "offers",
            &piet,
            &coordinator,
            &post_body("Ik help met uw tuin", "tuin", "Beilen"),
        )
        .await;
    let inge = app.user("resident", "Inge").await;
    for by in [&sharon, &piet, &inge] {
        let (status, body) = app
            .post(
                &format!("/api/v1/offers/{id}/responses"),
                Some(&by.token),
                &json!({"message": "Ik wil graag helpen."}),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let detail = body["detail"].as_str().unwrap_or_default();
        assert!(
            detail.contains("hulpaanbod") && detail.contains("Bel het Servicepunt"),
            "{detail}"
        );
    }
    let (_, all) = app.get("/api/v1/matches", Some(&coordinator.token)).await;
    assert_eq!(all["total"], 0, "no match was made: {all}");
}

#[tokio::test]
async fn once_help_is_confirmed_the_rest_is_declined_and_nobody_else_is_introduced() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge de Vries").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let piet = app.user("volunteer", "Piet").await;
    let kees = app.user("volunteer", "Kees").await;
    let request = &app.open_request(&inge, &coordinator).await;
    let with_sharon = &app.respond(&sharon, request, HELLO).await;
    let with_piet = &app.respond(&piet, request, "Ik help ook graag.").await;
    let with_kees = &app.pick(&coordinator, request, &kees).await;
    app.act(&coordinator, with_sharon, "introduce", json!({}))
        .await;
    app.give_vog(&coordinator, &sharon, &days_ago(30)).await;
    app.act(&coordinator, with_sharon, "confirm", json!({}))
        .await;

    for other in [with_piet, with_kees] {
        let (_, m) = app
            .get(
                &format!("/api/v1/matches/{other}"),
                Some(&coordinator.token),
            )
            .await;
        assert_eq!(m["status"], "declined", "{m}");
        assert_eq!(m["reason"], "er is al een vrijwilliger gevonden");
        let (status, problem) = app
            .try_act(&coordinator, other, "introduce", json!({}))
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    }
    let outbox = app.outbox().await;
    let declined_to = |who: &TestUser| {
        outbox
            .iter()
            .filter(|m| m.kind == "match_declined" && m.recipient == who.email)
            .count()
    };
    assert_eq!(declined_to(&piet), 1, "Piet responded: he hears it");
    let to_piet = outbox
        .iter()
        .find(|m| m.recipient == piet.email && m.kind == "match_declined");
    assert!(
        to_piet.is_some_and(|m| m
            .body_text
            .contains("Er is al een andere vrijwilliger gevonden")),
        "and why"
    );
    assert_eq!(declined_to(&kees), 0, "Kees never knew of the suggestion");
    assert_eq!(declined_to(&inge), 0, "Inge has her help");
    assert_eq!(status_of(&app, request, &coordinator).await, "matched");
}

/// Matches made before a request closed (older data) stay shut: nobody is
/// introduced or confirmed on help that is over.
#[tokio::test]
async fn nobody_is_introduced_on_a_request_that_is_closed() {
    use diesel::prelude::*;
    use noaber::db::schema::posts;
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let request = app.open_request(&inge, &coordinator).await;
    let with_sharon = &app.respond(&sharon, &request, HELLO).await;
    let url = app.settings.database_url.clone();
    let id = request.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = noaber::db::establish(&url).expect("database");
        diesel::update(posts::table.find(&id))
            .set(posts::status.eq("closed"))
            .execute(&mut conn)
            .expect("closed");
    })
    .await
    .unwrap();
    let (status, problem) = app
        .try_act(&coordinator, with_sharon, "introduce", json!({}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_eq!(problem["detail"], "Deze hulpvraag is afgesloten.");
    let (_, m) = app
        .get(
            &format!("/api/v1/matches/{with_sharon}"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(m["status"], "responded", "nothing shared: {m}");
    assert!(m.get("contacts").is_none(), "{m}");
}

#[tokio::test]
async fn a_vacancy_its_organisation_is_changing_keeps_its_responses_going() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let org = app.user("organisation", "Zorgcentrum De Hofstee").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let id = &app.open_vacancy(&org, &coordinator).await;
    let match_id = &app
        .respond_to_vacancy(&sharon, id, "Ik schenk graag koffie.")
        .await;
    let (status, edited) = app
        .send(
            Method::PATCH,
            &format!("/api/v1/vacancies/{id}"),
            Some(&org.token),
            &json!({"title": "Gastvrouw of gastheer koffieochtend"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["status"], "pending_review", "back in review");
    let (status, introduced) = app.try_act(&org, match_id, "introduce", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{introduced}");
}

#[tokio::test]
async fn two_coordinators_at_once_never_make_an_impossible_state() {
    let app = spawn_app().await;
    let a = app.coordinator("A").await;
    let b = app.coordinator("B").await;
    let sharon = app.user("volunteer", "Sharon").await;
    app.give_vog(&a, &sharon, &days_ago(30)).await;
    for _ in 0..3 {
        let request = app
            .create_post("requests", &a, &dog_walking_request())
            .await;
        let id = request["id"].as_str().unwrap();
        let match_id = &app.pick(&a, id, &sharon).await;
        app.act(&a, match_id, "introduce", json!({})).await;
        let (first, second) = tokio::join!(
            app.try_act(&a, match_id, "confirm", json!({})),
            app.try_act(&b, match_id, "decline", json!({"reason": "dubbel"}))
        );
        let mut statuses = [first.0, second.0];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
        let (_, now) = app
            .get(&format!("/api/v1/matches/{match_id}"), Some(&a.token))
            .await;
        let request_status = status_of(&app, id, &a).await;
        match now["status"].as_str() {
            Some("active") => assert_eq!(request_status, "matched"),
            Some("declined") => assert_eq!(request_status, "open"),
            other => panic!("impossible match state {other:?}"),
        }
        assert_eq!(
            now["history"].as_array().unwrap().len(),
            3,
            "exactly one winner recorded"
        );
    }
    // Two volunteers introduced on one request, each confirmed by another
    // coordinator at the same moment: one wins, the other is refused and declined.
    let piet = app.user("volunteer", "Piet").await;
    app.give_vog(&a, &piet, &days_ago(30)).await;
    for _ in 0..3 {
        let request = app
            .create_post("requests", &a, &dog_walking_request())
            .await;
        let id = request["id"].as_str().unwrap();
        let with_sharon = &app.pick(&a, id, &sharon).await;
        let with_piet = &app.pick(&a, id, &piet).await;
        app.act(&a, with_sharon, "introduce", json!({})).await;
        app.act(&b, with_piet, "introduce", json!({})).await;
        let (first, second) = tokio::join!(
            app.try_act(&a, with_sharon, "confirm", json!({})),
            app.try_act(&b, with_piet, "confirm", json!({}))
        );
        let mut statuses = [first.0, second.0];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "{} / {}",
            first.1,
            second.1
        );
        let mut states = Vec::new();
        for m in [with_sharon, with_piet] {
            let (_, now) = app
                .get(&format!("/api/v1/matches/{m}"), Some(&a.token))
                .await;
            states.push(now["status"].as_str().unwrap_or_default().to_owned());
        }
        states.sort();
        assert_eq!(states, ["active", "declined"], "one volunteer helps");
        assert_eq!(status_of(&app, id, &a).await, "matched");
    }
    let (status, _) = app
        .send(
            Method::GET,
            "/api/v1/matches?status=weg",
            Some(&a.token),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn contact_details_are_shared_only_after_the_introduction() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let consulent = app.user("resident", "Marieke Wijkteam").await;
    let sharon = app
        .register(
            "volunteer",
            "Sharon Student",
            "sharon.student@example.nl",
            Some("06-55554444"),
        )
        .await;
    let mut request = dog_walking_request();
    request["on_behalf_of"] = json!({"name": "Inge Hond", "phone": "06-12121212", "channel": "referral", "referrer": "wijkteam"});
    let id = app
        .open_post("requests", &consulent, &coordinator, &request)
        .await;
    let match_id = app.respond(&sharon, &id, "Ik wil graag helpen.").await;
    let path = format!("/api/v1/matches/{match_id}");

    for viewer in [&sharon, &consulent] {
        let (_, before) = app.get(&path, Some(&viewer.token)).await;
        assert!(
            before.get("contacts").is_none(),
            "nothing shared before the kennismaking: {before}"
        );
        for secret in [
            "06-12121212",
            "06-55554444",
            "sharon.student@example.nl",
            consulent.email.as_str(),
        ] {
            assert!(!before.to_string().contains(secret));
        }
    }
    app.act(&coordinator, &match_id, "introduce", json!({}))
        .await;

    let (_, volunteer_sees) = app.get(&path, Some(&sharon.token)).await;
    let contacts = &volunteer_sees["contacts"];
    assert_eq!(contacts["poster"]["email"], consulent.email.as_str());
    assert_eq!(contacts["resident"]["phone"], "06-12121212");
    assert_eq!(contacts["resident"]["name"], "Inge Hond");
    assert!(
        contacts.get("volunteer").is_none(),
        "not their own details back"
    );
    let (_, poster_sees) = app.get(&path, Some(&consulent.token)).await;
    assert_eq!(
        poster_sees["contacts"]["volunteer"]["email"],
        "sharon.student@example.nl"
    );
    assert_eq!(poster_sees["contacts"]["volunteer"]["phone"], "06-55554444");
    let (_, coordinator_sees) = app.get(&path, Some(&coordinator.token)).await;
    for who in ["volunteer", "poster", "resident"] {
        assert!(
            coordinator_sees["contacts"][who].is_object(),
            "{who}: {coordinator_sees}"
        );
    }
    let outsider = app.user("volunteer", "Kees").await;
    let (status, _) = app.get(&path, Some(&outsider.token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = app.get("/api/v1/matches", Some(&sharon.token)).await;
    assert!(
        !list.to_string().contains("06-12121212"),
        "lists never carry contact details"
    );
}

#[tokio::test]
async fn the_parties_talk_through_platform_messages() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge de Vries").await;
    let sharon = app.user("volunteer", "Sharon Bakker").await;
    let request_id = app.open_request(&inge, &coordinator).await;
    let match_id = app
        .respond(
            &sharon,
            &request_id,
            "Hallo Inge, ik loop graag met Bobbie.",
        )
        .await;
    let path = format!("/api/v1/matches/{match_id}/messages");

    let (status, seen) = app.get(&path, Some(&inge.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        seen["items"][0]["body"],
        "Hallo Inge, ik loop graag met Bobbie."
    );
    assert_eq!(
        (
            seen["items"][0]["from"].as_str(),
            seen["items"][0]["mine"].as_bool()
        ),
        (Some("Sharon"), Some(false))
    );
    app.message(&inge, &match_id, "Fijn! Dinsdag om twee uur?")
        .await;
    let (_, sharon_sees) = app.get(&path, Some(&sharon.token)).await;
    assert_eq!(sharon_sees["total"], 2);
    assert_eq!(
        (
            sharon_sees["items"][1]["from"].as_str(),
            sharon_sees["items"][1]["mine"].as_bool()
        ),
        (Some("Inge"), Some(false))
    );
    assert!(
        !sharon_sees.to_string().contains(&inge.email),
        "messages carry no addresses"
    );
    assert!(
        sharon_sees["items"][1].get("flags").is_none(),
        "an ordinary message is not flagged: {sharon_sees}"
    );
    // A message asking for money is flagged for whoever reads it.
    app.message(
        &inge,
        &match_id,
        "Kunt u eerst 50 euro voorschot overmaken op NL91 ABNA 0417 1643 00?",
    )
    .await;
    let (_, flagged) = app.get(&path, Some(&sharon.token)).await;
    assert_eq!(flagged["items"][2]["flags"], json!(["money"]), "{flagged}");
    let (status, _) = app.get(&path, Some(&coordinator.token)).await;
    assert_eq!(status, StatusCode::OK);
    let outsider = app.user("volunteer", "Kees").await;
    let (status, _) = app.get(&path, Some(&outsider.token)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = app.try_message(&sharon, &match_id, "   ").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"]["body"].is_string());
    // Before the introduction no phone numbers or addresses: the Servicepunt shares them.
    for with_contact in [
        "Bel me op 06-12345678",
        "Ik woon aan de Brinkstraat 4 in Beilen",
        "Bel (06) 12345678",
        "bel 06 – 123 456 78",
        "Mijn nummer: ０６１２３４５６７８",
        "inge＠kpn.nl",
        "Ik woon op De Brink 3",
    ] {
        let (status, body) = app.try_message(&inge, &match_id, with_contact).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{with_contact}");
        assert!(
            body["errors"]["body"]
                .as_str()
                .is_some_and(|m| m.contains("pas gedeeld als u aan elkaar bent voorgesteld")),
            "{body}"
        );
    }
    // A year is no postcode.
    app.message(&inge, &match_id, "Vanaf januari 2026 op dinsdag?")
        .await;
    let other = app.user("volunteer", "Piet").await;
    let (status, body) = app
        .try_respond(&other, &request_id, "Mail me: piet@example.nl")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["errors"]["message"].is_string(), "{body}");

    app.act(
        &sharon,
        &match_id,
        "decline",
        json!({"reason": "Toch geen tijd"}),
    )
    .await;
    let (status, _) = app.try_message(&inge, &match_id, "Jammer!").await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "no messages on a declined match"
    );
}

#[tokio::test]
async fn unread_messages_are_counted_until_the_reader_opens_them() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge de Vries").await;
    let sharon = app.user("volunteer", "Sharon Bakker").await;
    let request_id = app.open_request(&inge, &coordinator).await;
    let match_id = app.respond(&sharon, &request_id, HELLO).await;
    let one = format!("/api/v1/matches/{match_id}");
    let messages = format!("{one}/messages");
    let unread = |body: &serde_json::Value| body["unread"].as_i64();

    // Sharon's response is Inge's first unread message; Sharon has nothing new.
    let (_, inge_list) = app.get("/api/v1/matches", Some(&inge.token)).await;
    assert_eq!(unread(&inge_list["items"][0]), Some(1));
    let (_, seen) = app.get(&one, Some(&sharon.token)).await;
    assert_eq!(unread(&seen), Some(0), "your own messages are never new");

    // Reading marks them read; what was new is flagged once.
    let (_, page) = app.get(&messages, Some(&inge.token)).await;
    assert_eq!(page["items"][0]["new"], true);
    let (_, page) = app.get(&messages, Some(&inge.token)).await;
    assert_eq!(page["items"][0]["new"], false);
    let (_, seen) = app.get(&one, Some(&inge.token)).await;
    assert_eq!(unread(&seen), Some(0));

    // Two answers: Sharon has two new; the list and the match agree.
    app.message(&inge, &match_id, "Fijn! Dinsdag om twee uur?")
        .await;
    app.message(&inge, &match_id, "Bobbie heeft er zin in.")
        .await;
    let (_, sharon_list) = app.get("/api/v1/matches", Some(&sharon.token)).await;
    assert_eq!(unread(&sharon_list["items"][0]), Some(2));
    let (_, seen) = app.get(&one, Some(&sharon.token)).await;
    assert_eq!(unread(&seen), Some(2));
    let (_, seen) = app.get(&one, Some(&inge.token)).await;
    assert_eq!(unread(&seen), Some(0), "the sender has read their own");

    // Sharon reads them; writing back leaves Inge one new message.
    let (_, page) = app.get(&messages, Some(&sharon.token)).await;
    let flags: Vec<_> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["new"].as_bool())
        .collect();
    assert_eq!(flags, [Some(false), Some(true), Some(true)]);
    let (_, sharon_list) = app.get("/api/v1/matches", Some(&sharon.token)).await;
    assert_eq!(unread(&sharon_list["items"][0]), Some(0));
    app.message(&sharon, &match_id, "Tot dinsdag!").await;
    let (_, inge_list) = app.get("/api/v1/matches", Some(&inge.token)).await;
    assert_eq!(unread(&inge_list["items"][0]), Some(1));

    // The coordinator reads along with their own mark: all three of the others'.
    let (_, seen) = app.get(&one, Some(&coordinator.token)).await;
    assert_eq!(unread(&seen), Some(4));
    app.get(&messages, Some(&coordinator.token)).await;
    let (_, seen) = app.get(&one, Some(&coordinator.token)).await;
    assert_eq!(unread(&seen), Some(0));
    let (_, inge_list) = app.get("/api/v1/matches", Some(&inge.token)).await;
    assert_eq!(
        unread(&inge_list["items"][0]),
        Some(1),
        "one reader's mark is not another's"
    );

    // A match that does not go ahead asks for nothing more: no count of the unread.
    app.act(
        &coordinator,
        &match_id,
        "decline",
        json!({"reason": "Inge heeft al hulp"}),
    )
    .await;
    let (_, inge_list) = app.get("/api/v1/matches", Some(&inge.token)).await;
    assert_eq!(unread(&inge_list["items"][0]), Some(0), "{inge_list}");
}

#[tokio::test]
async fn matches_can_be_listed_per_post_and_per_volunteer_within_the_callers_scope() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app.user("volunteer", "Sharon").await;
    let piet = app.user("volunteer", "Piet").await;
    let first = app.open_request(&inge, &coordinator).await;
    let second = app.open_request(&inge, &coordinator).await;
    let sharon_first = app.respond(&sharon, &first, HELLO).await;
    let piet_first = app.respond(&piet, &first, HELLO).await;
    let sharon_second = app.respond(&sharon, &second, HELLO).await;

    let ids = |body: &serde_json::Value| {
        let mut ids: Vec<String> = body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let sorted = |mut v: Vec<&String>| {
        v.sort();
        v.into_iter().cloned().collect::<Vec<_>>()
    };

    let (status, body) = app
        .get(
            &format!("/api/v1/matches?post={first}"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["total"], 2);
    assert_eq!(ids(&body), sorted(vec![&sharon_first, &piet_first]));

    let (_, body) = app
        .get(
            &format!("/api/v1/matches?volunteer={}", sharon.id),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(ids(&body), sorted(vec![&sharon_first, &sharon_second]));

    let (_, body) = app
        .get(
            &format!("/api/v1/matches?post={first}&volunteer={}", sharon.id),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(ids(&body), vec![sharon_first.clone()]);

    // The filter narrows the caller's own scope; it never widens it.
    let (_, body) = app
        .get(&format!("/api/v1/matches?post={first}"), Some(&piet.token))
        .await;
    assert_eq!(ids(&body), vec![piet_first.clone()]);

    for bad in ["post=abc", "volunteer=1%00", "post=1%27%20OR%201=1"] {
        let (status, body) = app
            .get(&format!("/api/v1/matches?{bad}"), Some(&coordinator.token))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
    }
}

#[tokio::test]
async fn a_long_conversation_is_paged_from_the_newest_and_sending_answers_one_message() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coördinator").await;
    let inge = app.user("resident", "Inge de Vries").await;
    let sharon = app.user("volunteer", "Sharon Bakker").await;
    let request_id = app.open_request(&inge, &coordinator).await;
    let match_id = app.respond(&sharon, &request_id, "Bericht 1").await;
    for n in 2..=25 {
        let sent = app.message(&inge, &match_id, &format!("Bericht {n}")).await;
        // Only the new message comes back, not the conversation.
        assert_eq!(sent["body"], format!("Bericht {n}"), "{sent}");
        assert_eq!(sent["mine"], true);
        assert!(sent.get("items").is_none(), "{sent}");
    }
    let bodies = |page: &serde_json::Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["body"].as_str().unwrap().to_owned())
            .collect()
    };
    let path = format!("/api/v1/matches/{match_id}/messages");
    let (status, newest) = app.get(&path, Some(&sharon.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(newest["total"], 25);
    let expected: Vec<String> = (6..=25).map(|n| format!("Bericht {n}")).collect();
    assert_eq!(bodies(&newest), expected, "the newest 20, oldest first");
    let (_, older) = app
        .get(&format!("{path}?offset=20&limit=20"), Some(&sharon.token))
        .await;
    let expected: Vec<String> = (1..=5).map(|n| format!("Bericht {n}")).collect();
    assert_eq!(bodies(&older), expected);
    // Reading an older page does not undo having read the newest.
    let (_, seen) = app
        .get(&format!("/api/v1/matches/{match_id}"), Some(&sharon.token))
        .await;
    assert_eq!(seen["unread"], 0, "{seen}");
}

/// The coordinator's match list says per volunteer whether their VOG counts today:
/// one recorded a month ago counts, one applied for or none at all does not (also for
/// a volunteer who responded before making a profile).
#[tokio::test]
async fn the_coordinators_match_list_says_whose_vog_counts() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let id = app.open_request(&inge, &coordinator).await;
    let anna = app
        .vetted_volunteer(&coordinator, "Anna", &noaber_tests::Profile::dog_walker())
        .await;
    let bert = app
        .volunteer_with_profile("Bert", &noaber_tests::Profile::dog_walker())
        .await;
    let kees = app.user("volunteer", "Kees").await;
    for volunteer in [&anna, &bert, &kees] {
        app.respond(volunteer, &id, HELLO).await;
    }
    let (status, list) = app
        .get(
            &format!("/api/v1/matches?post={id}"),
            Some(&coordinator.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let mut vog: Vec<(String, bool)> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|m| {
            (
                m["volunteer"]["first_name"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
                m["volunteer"]["vog_valid"].as_bool().expect("vog_valid"),
            )
        })
        .collect();
    vog.sort();
    assert_eq!(
        vog,
        [
            ("Anna".to_owned(), true),
            ("Bert".to_owned(), false),
            ("Kees".to_owned(), false)
        ]
    );
    // Which VOG, and until when: the werkbak says "aangevraagd" or "loopt af op".
    let by_name = |name: &str| {
        list["items"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|m| m["volunteer"]["first_name"] == name)
            .map(|m| m["volunteer"].clone())
            .unwrap_or_default()
    };
    assert_eq!(by_name("Anna")["vog_status"], "valid");
    assert!(by_name("Anna")["vog_valid_until"].is_string());
    assert_eq!(by_name("Kees")["vog_status"], "none");
    assert!(by_name("Kees")["vog_valid_until"].is_null());
    let (_, theirs) = app
        .get(&format!("/api/v1/matches?post={id}"), Some(&inge.token))
        .await;
    let volunteer = &theirs["items"][0]["volunteer"];
    assert!(
        volunteer["vog_valid"].is_null() && volunteer["vog_status"].is_null(),
        "{theirs}"
    );
}

/// A volunteer stops but the resident still wants help: ending the match with
/// `search_again` puts the request back online (searchable, open to responses), and
/// its author reads so in the mail, instead of the request being closed as if nobody
/// had been found.
#[tokio::test]
async fn ending_a_match_can_put_the_request_back_online_for_another_volunteer() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let id = app.open_request(&inge, &coordinator).await;
    let sharon = app
        .vetted_volunteer(&coordinator, "Sharon", &noaber_tests::Profile::dog_walker())
        .await;
    let match_id = app.respond(&sharon, &id, HELLO).await;
    app.act(&coordinator, &match_id, "introduce", json!({}))
        .await;
    let (status, body) = app
        .try_act(
            &coordinator,
            &match_id,
            "confirm",
            json!({"search_again": true}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["errors"]["search_again"].is_string());
    app.act(&coordinator, &match_id, "confirm", json!({})).await;
    assert_eq!(status_of(&app, &id, &inge).await, "matched");

    let ended = app
        .act(
            &coordinator,
            &match_id,
            "end",
            json!({"outcome": "failed", "reason": "Sharon is verhuisd", "search_again": true}),
        )
        .await;
    assert_eq!(
        (ended["status"].as_str(), ended["outcome"].as_str()),
        (Some("ended"), Some("failed"))
    );
    assert_eq!(status_of(&app, &id, &inge).await, "open");
    assert!(
        app.found_in_search(
            "/api/v1/search?q=hond",
            &id,
            std::time::Duration::from_secs(5)
        )
        .await,
        "back in search"
    );
    let anna = app
        .vetted_volunteer(&coordinator, "Anna", &noaber_tests::Profile::dog_walker())
        .await;
    app.respond(&anna, &id, "Ik help graag.").await;
    let mails = app.outbox().await;
    let ended_mail = mails
        .iter()
        .find(|m| m.recipient == inge.email && m.kind == "match_ended")
        .expect("Inge hears of the end");
    assert!(
        ended_mail
            .body_text
            .contains("Uw hulpvraag staat weer online."),
        "{}",
        ended_mail.body_text
    );
    let to_sharon = mails
        .iter()
        .find(|m| m.recipient == sharon.email && m.kind == "match_ended")
        .expect("Sharon hears of the end");
    assert!(!to_sharon.body_text.contains("weer online"));
}
