//! Accounts through real HTTP: register, log in, `/me`, volunteer profile, errors.

use noaber_tests::{spawn_app, Profile, PASSWORD};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn each_role_registers_logs_in_and_sees_itself() {
    let app = spawn_app().await;
    for role in ["resident", "volunteer", "organisation"] {
        let user = app.user(role, "Sharon Bakker").await;
        let (status, me) = app.get("/api/v1/me", Some(&user.token)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(me["role"], role);
        assert_eq!(me["email"], user.email.as_str());
        assert!(me.get("password_hash").is_none());
        if role == "organisation" {
            assert_eq!(me["organisation"]["name"], "Sharon Bakker");
        }
    }
}

#[tokio::test]
async fn mevrouw_jansen_is_greeted_and_shown_as_mevrouw_j() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let jansen = app.user("resident", "Mevrouw Jansen").await;
    let (_, me) = app.get("/api/v1/me", Some(&jansen.token)).await;
    assert_eq!(me["first_name"], "Mevrouw J.", "{me}");
    let id = app.open_request(&jansen, &coordinator).await;
    let (_, post) = app.get(&format!("/api/v1/requests/{id}"), None).await;
    assert_eq!(post["author"]["first_name"], "Mevrouw J.", "{post}");
    assert!(!post.to_string().contains("Jansen"));
}

#[tokio::test]
async fn an_organisation_registers_with_its_own_name_beside_the_contact_person() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let body = json!({
        "email": "marieke@hofstee.example", "password": PASSWORD, "role": "organisation",
        "name": "Marieke Bos", "organisation": "  Zorgcentrum De Hofstee ",
    });
    let (status, answer) = app.try_register(&body).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{answer}");
    let token = app.login("marieke@hofstee.example", PASSWORD).await;
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["name"], "Marieke Bos");
    assert_eq!(me["organisation"]["name"], "Zorgcentrum De Hofstee");
    let (status, vacancy) = app
        .post(
            "/api/v1/vacancies",
            Some(&token),
            &noaber_tests::post_body("Gastvrouw koffieochtend", "bezoekwerk", "Beilen"),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{vacancy}");
    let id = vacancy["id"].as_str().unwrap_or_default();
    app.approve("vacancies", id, &coordinator).await;
    let (_, public) = app.get(&format!("/api/v1/vacancies/{id}"), None).await;
    assert_eq!(public["organisation"], "Zorgcentrum De Hofstee");
    assert!(
        !public.to_string().contains("Bos"),
        "the public sees the organisation, not its contact person's surname: {public}"
    );

    // A name over 100 characters is refused; a resident's organisation is ignored.
    let mut long = body.clone();
    long["email"] = json!("ander@hofstee.example");
    long["organisation"] = json!("x".repeat(101));
    let (status, problem) = app.try_register(&long).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["organisation"].is_string(), "{problem}");
    let mut resident = body.clone();
    resident["email"] = json!("bewoner@beilen.example");
    resident["role"] = json!("resident");
    let (status, _) = app.try_register(&resident).await;
    assert_eq!(status, StatusCode::ACCEPTED);
}

#[tokio::test]
async fn people_change_their_own_name_phone_and_organisation_name() {
    let app = spawn_app().await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let change = |token: String, body: serde_json::Value| {
        let app = &app;
        async move {
            app.send(Method::PATCH, "/api/v1/me", Some(&token), &body)
                .await
        }
    };

    let (status, me) = change(
        inge.token.clone(),
        json!({"name": " Inge de Vries ", "phone": "06-12345678"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["name"], "Inge de Vries");
    assert_eq!(me["phone"], "06-12345678");

    // Every mistake at once, and nothing changes: not even the good name.
    let (status, problem) = change(
        inge.token.clone(),
        json!({"name": "Inge Jansen", "phone": "bel me", "organisation": "Club"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    for field in ["phone", "organisation"] {
        assert!(problem["errors"][field].is_string(), "{field}: {problem}");
    }
    let (status, problem) = change(inge.token.clone(), json!({"name": "  "})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["name"].is_string(), "{problem}");
    let (_, me) = app.get("/api/v1/me", Some(&inge.token)).await;
    assert_eq!(me["name"], "Inge de Vries");
    assert_eq!(me["phone"], "06-12345678");

    // An empty phone removes the number; what is left out stays.
    let (_, me) = change(inge.token.clone(), json!({"phone": ""})).await;
    assert!(me["phone"].is_null(), "{me}");
    assert_eq!(me["name"], "Inge de Vries");

    // An organisation renames itself: its vacancies say so.
    let org = app.user("organisation", "Marieke Bos").await;
    let vacancy = app.open_vacancy(&org, &coordinator).await;
    let (status, me) = change(
        org.token.clone(),
        json!({"organisation": "Zorgcentrum De Hofstee"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["organisation"]["name"], "Zorgcentrum De Hofstee");
    assert_eq!(me["name"], "Marieke Bos");
    let (_, public) = app.get(&format!("/api/v1/vacancies/{vacancy}"), None).await;
    assert_eq!(public["organisation"], "Zorgcentrum De Hofstee");

    // Nobody changes anything without logging in.
    let (status, _) = app
        .send(Method::PATCH, "/api/v1/me", None, &json!({"name": "X"}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn registration_errors_are_clear() {
    let app = spawn_app().await;
    let (status, body) = app
        .try_register(&json!({"email": "niet-geldig", "password": "kort", "name": " ", "role": "coordinator"}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["email", "password", "name", "role"] {
        assert!(
            body["errors"][field].is_string(),
            "{field} missing in {body}"
        );
    }
    // A known address is answered like a new one (email::registering_a_known_address…).
    let user = app.user("resident", "Inge").await;
    let (status, body) = app
        .try_register(&json!({"email": user.email.to_uppercase(), "password": "nog-een-wachtwoord", "name": "Inge", "role": "resident"}))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let (status, _) = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .map(|r| (r.status(), ()))
        .unwrap();
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn login_refuses_wrong_passwords_and_unknown_accounts_alike() {
    let app = spawn_app().await;
    let user = app.user("volunteer", "Sharon").await;
    let (wrong, body1) = app.try_login(&user.email, "verkeerd-wachtwoord").await;
    let (unknown, body2) = app
        .try_login("niemand@example.nl", "verkeerd-wachtwoord")
        .await;
    assert_eq!(wrong, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body1["detail"], body2["detail"],
        "responses must not reveal which accounts exist"
    );
    let (status, token) = app.try_login(&user.email.to_uppercase(), PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(token["token_type"], "Bearer");
    assert!(token["expires_in"].as_i64().unwrap() > 0);
}

#[tokio::test]
async fn protected_routes_need_a_valid_token() {
    let app = spawn_app().await;
    let (status, _) = app.get("/api/v1/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app.get("/api/v1/me", Some("not.a.token")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let response = app
        .client
        .get(app.url("/api/v1/me"))
        .header("authorization", "Basic Zm9vOmJhcg==")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn volunteers_keep_a_profile_that_others_cannot_set() {
    let app = spawn_app().await;
    let sharon = app.user("volunteer", "Sharon").await;
    let profile = Profile::at("9411")
        .talents(&["hond-uitlaten", "wandelen"])
        .interests(&["Natuur", "dieren"])
        .available(&[("tue", "afternoon"), ("sat", "morning")])
        .within_km(8)
        .max_matches(2)
        .languages(&["Engels"])
        .bio("Student verpleegkunde, dol op honden.");
    let me = app.set_profile(&sharon, &profile).await;
    let p = &me["volunteer_profile"];
    assert_eq!(p["place"], "beilen");
    assert_eq!(p["talents"], json!(["hond-uitlaten", "wandelen"]));
    assert_eq!(p["interests"], json!(["natuur", "dieren"]));
    assert_eq!(p["availability"].as_array().unwrap().len(), 2);
    assert_eq!(p["vog_status"], "none");
    let (_, again) = app.get("/api/v1/me", Some(&sharon.token)).await;
    assert_eq!(again["volunteer_profile"], me["volunteer_profile"]);

    let bad = profile
        .clone()
        .talents(&["toveren"])
        .place("Parijs")
        .within_km(500)
        .max_matches(0);
    let (status, body) = app.try_set_profile(&sharon, &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["talents", "place", "max_distance_km", "max_active_matches"] {
        assert!(
            body["errors"][field].is_string(),
            "{field} missing in {body}"
        );
    }
    let (_, unchanged) = app.get("/api/v1/me", Some(&sharon.token)).await;
    assert_eq!(
        unchanged["volunteer_profile"], me["volunteer_profile"],
        "a refused update must not change anything"
    );

    let inge = app.user("resident", "Inge").await;
    let (status, _) = app.try_set_profile(&inge, &profile).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
