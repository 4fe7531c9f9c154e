//! Password rules through real HTTP, on every form that sets a password: registration,
//! a reset by mail, and a change on "Mijn gegevens". Each refuses passwords that are
//! easy to guess with a 422 and a Dutch reason on the password field, and changes
//! nothing. (The rules themselves are unit-tested in `domain::password`.)

use noaber_tests::smtp::SmtpReceiver;
use noaber_tests::{spawn_app, TestApp, PASSWORD};
use reqwest::StatusCode;
use serde_json::{json, Value};

const PUBLIC: &str = "https://noaber.test";

/// Easy passwords for Inge Bakker (inge.bakker@beilen.example), with a word of the
/// reason each is refused for.
const EASY: &[(&str, &str)] = &[
    ("          ", "alleen spaties"),
    ("aaaaaaaaaaaa", "herhaalt"),
    ("1234567890", "volgorde"),
    ("abcdefghij", "volgorde"),
    ("wachtwoord", "veel mensen"),
    ("Welkom2026!", "veel mensen"),
    ("inge.bakker@beilen.example", "e-mailadres"),
    ("mijn inge.bakker 2026", "e-mailadres"),
    ("bakker uit beilen 2026", "naam"),
];

const EMAIL: &str = "inge.bakker@beilen.example";

/// The 422's message on `field`, failing the test on any other answer.
fn refusal(status: StatusCode, body: &Value, field: &str) -> String {
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    body["errors"][field]
        .as_str()
        .unwrap_or_else(|| panic!("no message on {field}: {body}"))
        .to_owned()
}

#[tokio::test]
async fn registration_refuses_easy_passwords_and_makes_no_account() {
    let app = spawn_app().await;
    for (password, reason) in EASY {
        let (status, body) = app
            .try_register(&json!({"email": EMAIL, "password": password, "name": "Inge Bakker", "role": "resident"}))
            .await;
        let message = refusal(status, &body, "password");
        assert!(message.contains(reason), "{password:?}: {message}");
        assert!(message.contains("Kies een zin"), "{message}");
    }
    let (status, _) = app.try_login(EMAIL, "wachtwoord").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // With a good password the same registration works.
    let inge = app.register("resident", "Inge Bakker", EMAIL, None).await;
    assert!(!inge.id.is_empty());
}

#[tokio::test]
async fn changing_the_password_refuses_easy_ones_and_keeps_the_old_one() {
    let app = spawn_app().await;
    let inge = app.register("resident", "Inge Bakker", EMAIL, None).await;
    for (password, reason) in EASY {
        let (status, body) = app
            .post(
                "/api/v1/me/password",
                Some(&inge.token),
                &json!({"current_password": PASSWORD, "new_password": password}),
            )
            .await;
        let message = refusal(status, &body, "new_password");
        assert!(message.contains(reason), "{password:?}: {message}");
    }
    let (status, _) = app.get("/api/v1/me", Some(&inge.token)).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "nothing was changed, nobody logged out"
    );
    app.login(EMAIL, PASSWORD).await;
}

async fn app_mailing_to(smtp: &SmtpReceiver) -> TestApp {
    noaber_tests::spawn_app_mailing_to(smtp.url(), PUBLIC).await
}

async fn confirm_reset(app: &TestApp, token: &str, password: &str) -> (StatusCode, Value) {
    app.post(
        "/api/v1/auth/password-reset/confirm",
        None,
        &json!({"token": token, "password": password}),
    )
    .await
}

#[tokio::test]
async fn a_reset_refuses_easy_passwords_and_its_link_keeps_working() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(&smtp).await;
    app.register("resident", "Inge Bakker", EMAIL, None).await;
    smtp.nth_to(EMAIL, 1).await;
    let (status, _) = app
        .post(
            "/api/v1/auth/password-reset",
            None,
            &json!({"email": EMAIL}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let mail = smtp.nth_to(EMAIL, 2).await;
    let link = mail.link(PUBLIC).expect("a link in the reset mail");
    let token = link.split("/nieuw-wachtwoord#").nth(1).expect("a token");

    for (password, reason) in EASY {
        let (status, body) = confirm_reset(&app, token, password).await;
        let message = refusal(status, &body, "password");
        assert!(message.contains(reason), "{password:?}: {message}");
    }
    // The refusals used nothing up: the link sets a good password, once.
    let (status, body) = confirm_reset(&app, token, "een ander goed wachtwoord").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    app.login(EMAIL, "een ander goed wachtwoord").await;
    let (status, _) = app.try_login(EMAIL, PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
