//! E-mail through a real SMTP receiver on loopback: every step of the Inge/Sharon
//! story mails the right people, with the right subject, and private data only where
//! it belongs; mail survives an SMTP outage and a restart; refusals are recorded;
//! without SMTP, mail lands as `.eml` files. Runs on both backends.

use std::time::Duration;

use noaber::db::outbox::OutboxRow;
use noaber_tests::smtp::{ReceivedMail, SmtpReceiver};
use noaber_tests::{days_ago, dog_walking_request, free_port, spawn_app_with, TestApp, TestUser};
use reqwest::StatusCode;
use serde_json::json;

const WAIT: Duration = Duration::from_secs(10);
const PUBLIC: &str = "https://noaber.test";

async fn app_mailing_to(smtp_url: String) -> TestApp {
    spawn_app_with(move |s| {
        s.smtp_url = Some(smtp_url);
        s.public_url = PUBLIC.into();
        s.mail_reply_to = Some("servicepunt@middendrenthe.example".into());
        s.mail_retry.base = Duration::from_millis(100);
    })
    .await
}

/// Inge, who needs someone to walk her dog (DESIGN's story).
async fn inge(app: &TestApp) -> TestUser {
    app.register(
        "resident",
        "Inge Bakker",
        "inge@beilen.example",
        Some("0593 521 234"),
    )
    .await
}

/// Sharon, the volunteer who answers.
async fn sharon(app: &TestApp) -> TestUser {
    app.register(
        "volunteer",
        "Sharon de Vries",
        "sharon@hooghalen.example",
        Some("06 1234 5678"),
    )
    .await
}

/// Asks for a password-reset mail; returns the status.
async fn ask_reset(app: &TestApp, email: &str) -> StatusCode {
    app.post(
        "/api/v1/auth/password-reset",
        None,
        &json!({"email": email}),
    )
    .await
    .0
}

/// Runs the housekeeping that clears old mail text, with a cutoff a day ahead (so
/// "old" is everything finished so far); returns how many mails it cleared.
async fn forget_old_bodies_now(app: &TestApp) -> usize {
    let url = app.settings.database_url.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = noaber::db::establish(&url).expect("database");
        let cutoff = noaber::db::now() + chrono::TimeDelta::days(1);
        noaber::db::outbox::forget_old_bodies(&mut conn, cutoff).expect("cleared")
    })
    .await
    .expect("join")
}

/// Confirms `person`'s address with the link from their welcome mail.
async fn confirm_address(app: &TestApp, smtp: &SmtpReceiver, person: &TestUser) {
    let welcome = smtp.nth_to(&person.email, 1).await;
    let token = token_in(&welcome, "/bevestigen#");
    let (status, body) = app
        .post("/api/v1/auth/verify-email", None, &json!({"token": token}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Polls the outbox until `done` holds for its rows, and returns them; fails the test
/// with `what` when that takes longer than `WAIT`.
async fn outbox_until(
    app: &TestApp,
    what: &str,
    done: impl Fn(&[OutboxRow]) -> bool,
) -> Vec<OutboxRow> {
    let started = std::time::Instant::now();
    loop {
        let rows = app.outbox().await;
        if done(&rows) {
            return rows;
        }
        assert!(started.elapsed() < WAIT, "{what}: {rows:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The outbox once no mail is waiting any more. A mail reaches the receiver (or its
/// `.eml` file) a moment before the worker records how the attempt went, and on a
/// busy machine a test may look in between.
async fn settled_outbox(app: &TestApp) -> Vec<OutboxRow> {
    outbox_until(app, "attempts not recorded", |rows| {
        rows.iter().all(|m| m.status != "pending")
    })
    .await
}

fn token_in(mail: &ReceivedMail, marker: &str) -> String {
    let link = mail
        .link(PUBLIC)
        .unwrap_or_else(|| panic!("no link in {:?}", mail.text));
    link.split(marker)
        .nth(1)
        .unwrap_or_else(|| panic!("{marker} not in {link}"))
        .to_owned()
}

#[tokio::test]
async fn the_whole_story_mails_each_party_and_nothing_private_leaks() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    let coordinator = app.coordinator("Anja Coördinator").await;

    // Registration: a confirmation link that works once.
    let inge = inge(&app).await;
    let welcome = smtp.nth_to(&inge.email, 1).await;
    assert_eq!(welcome.subject, "Bevestig uw e-mailadres");
    assert!(welcome.text.starts_with("Beste Inge,"));
    assert!(welcome
        .raw
        .contains("Reply-To: servicepunt@middendrenthe.example"));
    assert!(welcome.html.contains("E-mailadres bevestigen"));
    // Every mail says how to reach the Servicepunt, under the signature.
    let signed = welcome
        .text
        .split("Servicepunt Vrijwilligerswerk Midden-Drenthe")
        .nth(1);
    assert!(
        signed.is_some_and(|s| s.contains("Telefoon: 14 0593")
            && s.contains("E-mail: servicepunt@middendrenthevoorelkaar.nl")),
        "{}",
        welcome.text
    );
    assert!(welcome.html.contains("Telefoon: 14 0593<br>"));
    let token = token_in(&welcome, "/bevestigen#");
    let (status, me) = app
        .post("/api/v1/auth/verify-email", None, &json!({"token": token}))
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["email_verified"], true);
    let (status, again) = app
        .post("/api/v1/auth/verify-email", None, &json!({"token": token}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again["errors"]["token"]
        .as_str()
        .unwrap_or_default()
        .contains("ongeldig"));
    let sharon = sharon(&app).await;
    confirm_address(&app, &smtp, &sharon).await;

    // Review: Inge hears the decision; a second decision is refused and mails nobody.
    let post_id = &app.open_request(&inge, &coordinator).await;
    let (status, _) = app
        .post(
            &format!("/api/v1/requests/{post_id}/review"),
            Some(&coordinator.token),
            &json!({"decision": "reject", "reason": "dubbel"}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let approved = smtp.nth_to(&inge.email, 2).await;
    assert_eq!(
        approved.subject,
        "Uw oproep staat online: Wie wil met mijn hond wandelen?"
    );
    assert!(approved
        .text
        .contains(&format!("{PUBLIC}/hulpvragen/{post_id}")));

    // Sharon responds: Inge hears who, not what, and no contact details yet.
    let secret_reply = "Ik loop elke dinsdag langs de Brink";
    let match_id = app.respond(&sharon, post_id, secret_reply).await;
    let responded = smtp.nth_to(&inge.email, 3).await;
    assert_eq!(
        responded.subject,
        "Nieuwe reactie op: Wie wil met mijn hond wandelen?"
    );
    assert!(responded.text.contains("Sharon heeft gereageerd"));

    // Introduction: each side gets the other's contact details, now shared.
    app.act(&coordinator, &match_id, "introduce", json!({}))
        .await;
    let to_inge = smtp.nth_to(&inge.email, 4).await;
    let to_sharon = smtp.nth_to(&sharon.email, 2).await;
    assert_eq!(
        to_inge.subject,
        "Kennismaking: Wie wil met mijn hond wandelen?"
    );
    assert_eq!(to_sharon.subject, to_inge.subject);
    assert!(to_inge.mentions(sharon.phone()) && to_inge.mentions(&sharon.email));
    assert!(to_inge.text.contains("Vrijwilliger: Sharon de Vries"));
    assert!(to_sharon.mentions(inge.phone()) && to_sharon.mentions(&inge.email));
    assert!(to_sharon.text.contains("Hulpvrager: Inge Bakker"));
    assert!(
        !to_inge.mentions(inge.phone()),
        "Inge's own mail repeats no details of hers"
    );

    // A message: the other party gets a notice with a link, never the text.
    let secret_message = "Zullen we dinsdag om twee uur afspreken?";
    app.message(&sharon, &match_id, secret_message).await;
    let notice = smtp.nth_to(&inge.email, 5).await;
    assert_eq!(
        notice.subject,
        "Nieuw bericht over: Wie wil met mijn hond wandelen?"
    );
    assert!(notice
        .text
        .contains(&format!("{PUBLIC}/koppelingen/{match_id}")));

    // Help as a *maatje* starts only with a VOG on record.
    app.give_vog(&coordinator, &sharon, &days_ago(30)).await;
    app.act(&coordinator, &match_id, "confirm", json!({})).await;
    let confirmed = smtp.nth_to(&inge.email, 6).await;
    assert_eq!(
        confirmed.subject,
        "De koppeling is bevestigd: Wie wil met mijn hond wandelen?"
    );
    smtp.nth_to(&sharon.email, 3).await;

    let private_reason = "Bobbie is verhuisd naar de dochter van Inge";
    app.act(
        &coordinator,
        &match_id,
        "end",
        json!({"outcome": "succeeded", "reason": private_reason}),
    )
    .await;
    let ended = smtp.nth_to(&inge.email, 7).await;
    assert_eq!(
        ended.subject,
        "De koppeling is afgesloten: Wie wil met mijn hond wandelen?"
    );
    assert!(ended.text.contains("is afgerond"));
    // Sent in the name the website uses.
    assert!(
        ended
            .raw
            .contains("From: \"Noaber - Servicepunt Vrijwilligerswerk\" <noreply@"),
        "{}",
        ended
            .raw
            .lines()
            .find(|l| l.starts_with("From:"))
            .unwrap_or("")
    );
    smtp.nth_to(&sharon.email, 4).await;

    // Settle, then check the whole mailbag: counts, uniqueness and privacy.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let all = smtp.mails();
    let subjects =
        |who: &str| -> Vec<String> { smtp.to(who).iter().map(|m| m.subject.clone()).collect() };
    assert_eq!(smtp.to(&inge.email).len(), 7, "{:?}", subjects(&inge.email));
    assert_eq!(
        subjects(&sharon.email),
        [
            "Bevestig uw e-mailadres",
            "Kennismaking: Wie wil met mijn hond wandelen?",
            "De koppeling is bevestigd: Wie wil met mijn hond wandelen?",
            "De koppeling is afgesloten: Wie wil met mijn hond wandelen?",
        ],
        "Sharon sent the message herself and gets no notice of it"
    );
    assert_eq!(all.len(), 11, "no one else was mailed");
    let mut ids: Vec<&str> = all.iter().map(|m| m.message_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "every mail once");
    for mail in &all {
        assert_eq!(mail.envelope_to.len(), 1, "one recipient per mail");
        for secret in [secret_reply, secret_message, private_reason] {
            assert!(
                !mail.mentions(secret),
                "{:?} leaks {secret:?}",
                mail.subject
            );
        }
        if !mail.subject.starts_with("Kennismaking") {
            for detail in [inge.phone(), sharon.phone(), sharon.email.as_str()] {
                assert!(
                    !mail.text.contains(detail),
                    "{:?} leaks {detail}",
                    mail.subject
                );
            }
            if mail.envelope_to[0] != inge.email {
                assert!(
                    !mail.text.contains(&inge.email),
                    "{:?} leaks Inge's address",
                    mail.subject
                );
            }
        }
    }
    let outbox = app.outbox().await;
    assert!(outbox.iter().all(|m| m.status == "sent" && m.attempts == 1));
}

#[tokio::test]
async fn an_organisation_reads_that_it_arranges_its_vacancy_itself() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    let coordinator = app.coordinator("Anja Coördinator").await;
    let org = app
        .register(
            "organisation",
            "Zorgcentrum De Hofstee",
            "hofstee@beilen.example",
            None,
        )
        .await;
    confirm_address(&app, &smtp, &org).await;
    let sharon = sharon(&app).await;
    confirm_address(&app, &smtp, &sharon).await;
    let vacancy = app.open_vacancy(&org, &coordinator).await;
    let match_id = &app
        .respond_to_vacancy(&sharon, &vacancy, "Ik schenk graag koffie.")
        .await;

    // Its own word for what it posted: a vacancy, not an "oproep".
    let online = smtp
        .nth_about(
            &org.email,
            "Uw vacature staat online: Gastvrouw koffieochtend",
            1,
        )
        .await;
    assert!(
        online.text.contains("Bekijk uw vacature"),
        "{}",
        online.text
    );
    let responded = smtp
        .nth_about(&org.email, "Nieuwe reactie op: Gastvrouw koffieochtend", 1)
        .await;
    assert!(
        responded
            .text
            .contains("Sharon heeft gereageerd op uw vacature"),
        "{}",
        responded.text
    );
    assert!(
        responded.text.contains("Aan elkaar voorstellen"),
        "{}",
        responded.text
    );
    app.act(&org, match_id, "introduce", json!({})).await;
    app.act(&org, match_id, "confirm", json!({})).await;
    // The organisation gets Sharon's details at the introduction, and no mail about
    // the confirmation it made itself; Sharon gets both.
    let to_sharon = smtp
        .nth_about(&sharon.email, "De koppeling is bevestigd", 1)
        .await;
    assert!(
        !app.outbox()
            .await
            .iter()
            .any(|m| m.recipient == org.email && m.kind == "match_confirmed"),
        "nobody is mailed about their own step"
    );
    for person in [&org, &sharon] {
        let introduced = smtp
            .nth_about(&person.email, "Kennismaking: Gastvrouw koffieochtend", 1)
            .await;
        assert!(introduced.text.contains("U bent aan elkaar voorgesteld"));
        for mail in [&introduced, &to_sharon] {
            assert!(
                !mail.text.contains("Het Servicepunt brengt")
                    && !mail.text.contains("Het Servicepunt neemt later contact op"),
                "the organisation arranges this itself: {}",
                mail.text
            );
        }
    }
    // Another volunteer withdraws their response: the organisation hears whose.
    let piet = app
        .register("volunteer", "Piet Kok", "piet@beilen.example", None)
        .await;
    confirm_address(&app, &smtp, &piet).await;
    let with_piet = &app
        .respond_to_vacancy(&piet, &vacancy, "Ik kom graag.")
        .await;
    app.act(
        &piet,
        with_piet,
        "decline",
        json!({"reason": "Ik verhuis."}),
    )
    .await;
    let declined = smtp
        .nth_about(&org.email, "Een reactie gaat niet door", 1)
        .await;
    assert!(declined.text.contains("De reactie van Piet op uw vacature"));
    assert!(
        !declined.mentions("Ik verhuis."),
        "the reason stays on the website"
    );

    let to_org = smtp.to(&org.email);
    assert!(
        !to_org
            .iter()
            .any(|m| m.text.contains("Het Servicepunt brengt")
                || m.text.contains("Laat het Servicepunt dat weten")
                || m.text.contains("Het Servicepunt kijkt graag met u verder")),
        "no mail to the organisation says the Servicepunt arranges it"
    );
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_mail_once() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    let jan = app
        .register(
            "volunteer",
            "Jan Hof",
            "jan@smilde.example",
            Some("06 9876 5432"),
        )
        .await;
    smtp.nth_to(&jan.email, 1).await;

    // Unknown addresses get the same answer and no mail.
    assert_eq!(
        ask_reset(&app, "niemand@smilde.example").await,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        ask_reset(&app, "JAN@smilde.example").await,
        StatusCode::ACCEPTED
    );
    // Asking again at once gets the same answer but no second mail (no flooding).
    assert_eq!(ask_reset(&app, &jan.email).await, StatusCode::ACCEPTED);
    // Nor can the welcome mail be resent right away.
    let (status, problem) = app
        .post(
            "/api/v1/auth/verify-email/resend",
            Some(&jan.token),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{problem}");
    assert!(problem["detail"]
        .as_str()
        .unwrap_or_default()
        .contains("net een e-mail"));
    let mail = smtp.nth_to(&jan.email, 2).await;
    assert_eq!(mail.subject, "Nieuw wachtwoord instellen");
    let token = token_in(&mail, "/nieuw-wachtwoord#");

    let (status, problem) = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            &json!({"token": token, "password": "kort"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem["errors"]["password"].is_string());
    let (status, me) = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            &json!({"token": token, "password": "nieuw-wachtwoord-2026"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["email_verified"], true, "the link proved the address");
    let (status, _) = app
        .post(
            "/api/v1/auth/verify-email/resend",
            Some(&jan.token),
            &json!({}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the reset ended the token from before it"
    );
    let token = app.login(&jan.email, "nieuw-wachtwoord-2026").await;
    let (status, _) = app
        .post("/api/v1/auth/verify-email/resend", Some(&token), &json!({}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "already confirmed");
    let (status, _) = app
        .post(
            "/api/v1/auth/login",
            None,
            &json!({"email": jan.email, "password": "correct-horse-battery"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old password is gone");
    let (status, _) = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            &json!({"token": token, "password": "nog-een-wachtwoord"}),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a link works once"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.mails().len(), 2);
}

#[tokio::test]
async fn registering_a_known_address_tells_nobody_but_mails_its_owner() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    let jan = app
        .register("volunteer", "Jan Hof", "jan@smilde.example", None)
        .await;
    smtp.nth_to(&jan.email, 1).await;

    // A new address and Jan's (typed differently) get the same status and body, but
    // for the address itself.
    let attempt = |email: &str| json!({"email": email, "password": "een ander wachtwoord 2026", "name": "Nog Iemand", "role": "resident"});
    let (new_status, new_answer) = app.try_register(&attempt("Nieuw@Smilde.example")).await;
    let (known_status, known_answer) = app.try_register(&attempt(" JAN@smilde.example")).await;
    assert_eq!(new_status, StatusCode::ACCEPTED, "{new_answer}");
    assert_eq!(known_status, new_status, "{known_answer}");
    let message = new_answer["message"].clone();
    assert!(
        message.as_str().is_some_and(|m| m.contains("e-mail")),
        "{message}"
    );
    let answer = |email: &str| json!({"email": email, "name": "Nog Iemand", "role": "resident", "message": message});
    assert_eq!(new_answer, answer("nieuw@smilde.example"));
    assert_eq!(known_answer, answer("jan@smilde.example"));

    // No second account: Jan's password and account are as they were, and the
    // password of the attempt opens nothing.
    let (status, _) = app.try_login(&jan.email, "een ander wachtwoord 2026").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let token = app.login(&jan.email, noaber_tests::PASSWORD).await;
    let (_, me) = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me["id"], jan.id.as_str());
    assert_eq!(me["name"], "Jan Hof");
    assert_eq!(me["role"], "volunteer");

    // The new address got its welcome; Jan a note with a link that works.
    let welcome = smtp.nth_to("nieuw@smilde.example", 1).await;
    assert_eq!(welcome.subject, "Bevestig uw e-mailadres");
    let note = smtp.nth_to(&jan.email, 2).await;
    assert_eq!(note.subject, "Aanmelding met uw e-mailadres");
    assert!(note.text.starts_with("Beste Jan,"), "{}", note.text);
    assert!(note.text.contains("geen tweede account"), "{}", note.text);
    let reset = token_in(&note, "/nieuw-wachtwoord#");
    let (status, account) = app
        .post(
            "/api/v1/auth/password-reset/confirm",
            None,
            &json!({"token": reset, "password": "nieuw-wachtwoord-2026"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{account}");
    assert_eq!(account["id"], jan.id.as_str());
    app.login(&jan.email, "nieuw-wachtwoord-2026").await;

    // Trying again at once: the same answer, no mail flood.
    let (status, again) = app.try_register(&attempt("jan@smilde.example")).await;
    assert_eq!((status, again), (known_status, known_answer));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.to(&jan.email).len(), 2);
    // Its text (with the link) is not kept once sent, as for a reset mail.
    let outbox = settled_outbox(&app).await;
    let kept = outbox
        .iter()
        .find(|m| m.kind == "registration_attempt")
        .expect("the note is in the outbox");
    assert!(!kept.body_text.contains("nieuw-wachtwoord#"), "{kept:?}");
}

#[tokio::test]
async fn mail_queued_while_smtp_is_down_arrives_once_after_a_restart() {
    let port = free_port();
    let mut app = app_mailing_to(format!("smtp://127.0.0.1:{port}")).await;
    let mut expected = Vec::new();
    for name in ["Ans", "Bert", "Carla"] {
        let email = format!("{}@westerbork.example", name.to_lowercase());
        app.register("volunteer", name, &email, Some("06 1111 2222"))
            .await;
        expected.push(email);
    }
    // Every mail was tried and failed, and is still waiting.
    let outbox = outbox_until(&app, "no retries seen", |rows| {
        rows.len() == 3
            && rows
                .iter()
                .all(|m| m.attempts >= 2 && m.status == "pending")
    })
    .await;
    assert!(outbox.iter().all(|m| m.last_error.is_some()));

    app.restart(|_| {}).await;
    let email = "dirk@westerbork.example".to_owned();
    app.register("volunteer", "Dirk", &email, Some("06 1111 2222"))
        .await;
    expected.push(email);
    tokio::time::sleep(Duration::from_millis(300)).await;

    let smtp = SmtpReceiver::start_on(port);
    let mails = smtp.wait_for(4, Duration::from_secs(20)).await;
    // Give a duplicate every chance to show up.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mails_after = smtp.mails();
    assert_eq!(
        mails_after.len(),
        4,
        "each mail exactly once: {:?}",
        mails.iter().map(|m| &m.envelope_to).collect::<Vec<_>>()
    );
    let mut got: Vec<String> = mails_after
        .iter()
        .flat_map(|m| m.envelope_to.clone())
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    let outbox = app.outbox().await;
    assert!(outbox.iter().all(|m| m.status == "sent"), "{outbox:?}");
}

#[tokio::test]
async fn a_refused_address_is_marked_failed_and_the_rest_goes_on() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    let bouke = app
        .register(
            "resident",
            "Bouke",
            "bounce@example.nl",
            Some("0593 000 111"),
        )
        .await;
    app.register(
        "resident",
        "Gerda",
        "gerda@example.nl",
        Some("0593 000 222"),
    )
    .await;
    smtp.nth_to("gerda@example.nl", 1).await;
    let refused = |m: &OutboxRow| m.recipient == "bounce@example.nl" && m.status == "failed";
    let failed = outbox_until(&app, "refusal not recorded", |rows| {
        rows.iter().any(refused)
    })
    .await
    .into_iter()
    .find(refused)
    .expect("found above");
    assert_eq!(failed.attempts, 1, "a permanent refusal is not retried");
    assert!(failed
        .last_error
        .as_deref()
        .unwrap_or_default()
        .contains("550"));
    // The receiver may have Gerda's mail a moment before the worker counts it.
    let mut metrics = app.metrics().await;
    for _ in 0..50 {
        if metrics.contains("noaber_mail_attempts_total{result=\"sent\"} 1") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        metrics = app.metrics().await;
    }
    assert!(
        metrics.contains("noaber_mail_attempts_total{result=\"failed\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("noaber_mail_attempts_total{result=\"sent\"} 1"),
        "{metrics}"
    );

    // A failed mail without a link keeps its text for the coordinator's questions,
    // until housekeeping clears it (here: with a cutoff in the future).
    let coordinator = app.coordinator("Anja").await;
    app.open_request(&bouke, &coordinator).await;
    outbox_until(&app, "approval mail did not fail", |rows| {
        rows.iter()
            .any(|m| m.kind == "post_approved" && m.status == "failed")
    })
    .await;
    let cleared = forget_old_bodies_now(&app).await;
    assert_eq!(
        cleared, 1,
        "only the approval mail still had text (link mails have none)"
    );
    let rows = app.outbox().await;
    let approval = rows
        .iter()
        .find(|m| m.kind == "post_approved")
        .expect("queued");
    assert!(approval.body_text.is_empty() && approval.body_html.is_empty());
}

#[tokio::test]
async fn without_smtp_mail_is_written_as_eml_files() {
    let app = spawn_app_with(|_| {}).await;
    let hennie = app
        .register(
            "resident",
            "Hennie",
            "hennie@example.nl",
            Some("0593 333 444"),
        )
        .await;
    let dir = app.data_dir.join("outbox");
    let started = std::time::Instant::now();
    let file = loop {
        let found = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .find(|p| p.extension().is_some_and(|x| x == "eml"))
            })
            .ok()
            .flatten();
        if let Some(path) = found {
            break path;
        }
        assert!(
            started.elapsed() < WAIT,
            "no .eml file in {}",
            dir.display()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let raw = std::fs::read_to_string(&file).expect("readable");
    assert!(raw.contains("hennie@example.nl"));
    assert!(raw.contains("Subject: Bevestig uw e-mailadres"));
    let rows = settled_outbox(&app).await;
    assert_eq!(rows[0].status, "sent");
    // A mail with a one-time link keeps no text once sent.
    assert!(rows[0].body_text.is_empty() && rows[0].body_html.is_empty());

    // Other sent mail keeps who/what/when but loses its text after 30 days (here: a
    // cutoff in the future).
    let coordinator = app.coordinator("Anja").await;
    app.open_request(&hennie, &coordinator).await;
    let rows = outbox_until(&app, "approval mail not sent", |rows| {
        rows.len() >= 2 && rows.iter().all(|m| m.status == "sent")
    })
    .await;
    assert!(!rows[1].body_text.is_empty());
    let cleared = forget_old_bodies_now(&app).await;
    assert_eq!(cleared, 1);
    let rows = app.outbox().await;
    assert_eq!(
        rows[1].subject,
        "Uw oproep staat online: Wie wil met mijn hond wandelen?"
    );
    assert!(rows[1].body_text.is_empty() && rows[1].body_html.is_empty());
}

#[tokio::test]
async fn the_coordinator_sees_failed_mail_and_can_send_it_again() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    let coordinator = app.coordinator("Anja").await;
    let volunteer = app
        .register(
            "volunteer",
            "Bouke",
            "bounce.bouke@example.nl",
            Some("06 2222 3333"),
        )
        .await;
    let started = std::time::Instant::now();
    let failed = loop {
        let (status, page) = app
            .get("/api/v1/mail?status=failed", Some(&coordinator.token))
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        if page["total"] == 1 {
            break page["items"][0].clone();
        }
        assert!(started.elapsed() < WAIT, "{page}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(failed["recipient"], "bounce.bouke@example.nl");
    assert_eq!(failed["kind"], "verify_email");
    assert!(
        failed.get("body_text").is_none(),
        "the list carries no mail text"
    );
    assert!(failed["last_error"]
        .as_str()
        .unwrap_or_default()
        .contains("550"));

    // Only coordinators; a mail that did not fail cannot be "retried".
    let (status, _) = app.get("/api/v1/mail", Some(&volunteer.token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.get("/api/v1/mail", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = app
        .get("/api/v1/mail?status=lost", Some(&coordinator.token))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let id = failed["id"].as_str().unwrap_or_default();
    let (status, again) = app
        .post(
            &format!("/api/v1/mail/{id}/retry"),
            Some(&coordinator.token),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["status"], "pending");
    // The receiver still refuses the address, so it fails again after one more try.
    let started = std::time::Instant::now();
    loop {
        let metrics = app.metrics().await;
        if metrics.contains("noaber_mail_attempts_total{result=\"failed\"} 2") {
            break;
        }
        assert!(started.elapsed() < WAIT, "{metrics}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let rows = app.outbox().await;
    assert_eq!((rows[0].status.as_str(), rows[0].attempts), ("failed", 1));
    let (status, _) = app
        .post(
            "/api/v1/mail/00000000-0000-4000-8000-000000000000/retry",
            Some(&coordinator.token),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, audit) = app.get("/api/v1/audit", Some(&coordinator.token)).await;
    assert!(
        audit
            .to_string()
            .contains("e-mail opnieuw in de wachtrij gezet"),
        "{audit}"
    );
}

#[tokio::test]
async fn two_nodes_on_one_database_send_each_mail_once() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    // A second node: same database and SMTP server, its own data directory.
    let other_dir = tempfile::tempdir().expect("temp dir");
    let mut settings = app.settings.clone();
    settings.data_dir = other_dir.path().to_path_buf();
    let node = noaber::startup::Application::build(settings)
        .await
        .expect("second node builds");
    let other = format!("http://127.0.0.1:{}", node.port());
    let handle = node.handle();
    tokio::spawn(node.run_until_stopped());

    let mut expected = Vec::new();
    for i in 0..12 {
        let email = format!("deelnemer{i}@example.nl");
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            other.clone()
        };
        let (status, body) = app
            .client
            .post(format!("{base}/api/v1/auth/register"))
            .json(&json!({"email": email, "password": "correct-horse-battery", "name": format!("Deelnemer {i}"), "role": "volunteer"}))
            .send()
            .await
            .map(|r| (r.status(), ()))
            .expect("register");
        assert_eq!(status, StatusCode::ACCEPTED, "{body:?}");
        expected.push(email);
    }
    smtp.wait_for(12, WAIT).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut got: Vec<String> = smtp
        .mails()
        .into_iter()
        .flat_map(|m| m.envelope_to)
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected, "each mail once, whichever node sent it");
    handle.stop(true).await;
}

#[tokio::test]
async fn a_deleted_account_gets_no_more_mail_and_its_mail_log_keeps_no_text() {
    let port = free_port();
    let app = app_mailing_to(format!("smtp://127.0.0.1:{port}")).await;
    let ans = app
        .register(
            "volunteer",
            "Ans Veen",
            "ans@witteveen.example",
            Some("06 3333 4444"),
        )
        .await;
    let (status, export) = app.get("/api/v1/me/export", Some(&ans.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(export["mails"][0]["subject"], "Bevestig uw e-mailadres");
    assert_eq!(export["mails"][0]["status"], "pending", "SMTP is down");

    app.delete_account(&ans).await;
    assert!(
        app.outbox().await.is_empty(),
        "mail still waiting for her is dropped"
    );
    let smtp = SmtpReceiver::start_on(port);

    let bert = app
        .register(
            "resident",
            "Bert Veen",
            "bert@witteveen.example",
            Some("06 3333 5555"),
        )
        .await;
    let sent = smtp.nth_to(&bert.email, 1).await;
    assert_eq!(sent.subject, "Bevestig uw e-mailadres");
    settled_outbox(&app).await;
    let (_, export) = app.get("/api/v1/me/export", Some(&bert.token)).await;
    assert_eq!(export["mails"][0]["status"], "sent");
    app.delete_account(&bert).await;
    let rows = app.outbox().await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].recipient, format!("deleted-{}@invalid", bert.id));
    assert_eq!(rows[0].subject, "Bevestig uw e-mailadres");
    assert!(rows[0].body_text.is_empty() && rows[0].recipient_name.is_empty());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        smtp.to(&ans.email).is_empty(),
        "Ans got nothing after deleting her account"
    );
}

#[tokio::test]
async fn a_decline_reaches_those_who_knew_of_the_match_without_the_reason() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    let coordinator = app.coordinator("Anja").await;
    let inge = inge(&app).await;
    let sharon = sharon(&app).await;
    let piet = app
        .register(
            "volunteer",
            "Piet Kamp",
            "piet@beilen.example",
            Some("06 8765 4321"),
        )
        .await;
    let post_id = &app.open_request(&inge, &coordinator).await;
    let reason = "Sharon woont te ver weg voor wekelijkse wandelingen";
    // The coordinator declines Sharon's response: she hears it, Inge (never introduced) does not.
    let sharons = app.respond(&sharon, post_id, "Ik help graag").await;
    app.act(&coordinator, &sharons, "decline", json!({"reason": reason}))
        .await;
    let declined = smtp.nth_to(&sharon.email, 2).await;
    assert_eq!(
        declined.subject,
        "De koppeling gaat niet door: Wie wil met mijn hond wandelen?"
    );
    assert!(declined.text.contains("Dank u wel voor uw belangstelling"));
    assert!(!declined.mentions(reason));
    // Inge saw Sharon's response (and was mailed about it), so she hears it too.
    let to_inge = smtp.nth_to(&inge.email, 4).await;
    assert_eq!(to_inge.subject, declined.subject);
    assert!(to_inge
        .text
        .contains("Het Servicepunt heeft deze koppeling gestopt."));
    assert!(to_inge.text.contains(
        "Uw hulpvraag staat nog open. Het Servicepunt zoekt verder naar een vrijwilliger."
    ));
    assert!(!to_inge.mentions(reason));
    // Piet is introduced, then steps back himself: Inge hears it, Piet gets no mail about his own step.
    let piets = app.respond(&piet, post_id, "Ik help graag").await;
    app.act(&coordinator, &piets, "introduce", json!({})).await;
    app.act(
        &piet,
        &piets,
        "decline",
        json!({"reason": "Ik ga verhuizen"}),
    )
    .await;
    let to_inge = smtp.nth_to(&inge.email, 7).await;
    assert_eq!(
        to_inge.subject,
        "De koppeling gaat niet door: Wie wil met mijn hond wandelen?"
    );
    assert!(to_inge
        .text
        .contains("De vrijwilliger kan u toch niet helpen."));
    assert!(to_inge.text.contains("Uw hulpvraag staat nog open."));
    assert!(!to_inge.mentions("verhuizen"));
    // A coordinator's own pick that nobody was told about goes quietly.
    let kees = app
        .register(
            "volunteer",
            "Kees Dijk",
            "kees@beilen.example",
            Some("06 1111 9999"),
        )
        .await;
    let pick = app.pick(&coordinator, post_id, &kees).await;
    app.act(
        &coordinator,
        &pick,
        "decline",
        json!({"reason": "toch niet"}),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let subjects =
        |who: &str| -> Vec<String> { smtp.to(who).iter().map(|m| m.subject.clone()).collect() };
    assert_eq!(subjects(&kees.email), ["Bevestig uw e-mailadres"]);
    assert_eq!(subjects(&sharon.email).len(), 2);
    assert_eq!(
        subjects(&piet.email).len(),
        2,
        "welcome and introduction: {:?}",
        subjects(&piet.email)
    );
    // Inge: welcome, online, two responses, two declines, introduction.
    assert_eq!(
        subjects(&inge.email).len(),
        7,
        "{:?}",
        subjects(&inge.email)
    );

    // Inge withdraws her request while Jo's response is open: Jo hears it, Inge (who
    // withdrew) gets only the notice of Jo's response.
    let jo = app
        .register(
            "volunteer",
            "Jo Hof",
            "jo@beilen.example",
            Some("06 2222 9999"),
        )
        .await;
    app.respond(&jo, post_id, "Ik help graag").await;
    app.withdraw(&inge, post_id).await;
    let to_jo = smtp.nth_to(&jo.email, 2).await;
    assert_eq!(
        to_jo.subject,
        "De koppeling gaat niet door: Wie wil met mijn hond wandelen?"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        subjects(&inge.email).len(),
        8,
        "{:?}",
        subjects(&inge.email)
    );
}

#[tokio::test]
async fn a_daughter_who_takes_the_calls_keeps_her_fathers_number_from_the_volunteer() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    let coordinator = app.coordinator("Anja").await;
    let petra = app
        .register(
            "resident",
            "Petra de Vries",
            "petra@thuis.example",
            Some("06 3333 4444"),
        )
        .await;
    confirm_address(&app, &smtp, &petra).await;
    let sharon = sharon(&app).await;
    confirm_address(&app, &smtp, &sharon).await;
    let (henk_phone, henk_email) = ("0593 521 999", "henk@thuis.example");
    let mut body = dog_walking_request();
    body["on_behalf_of"] = json!({"name": "Henk de Vries", "phone": henk_phone, "email": henk_email, "channel": "network", "via_poster": true});
    let post_id = &app.open_post("requests", &petra, &coordinator, &body).await;
    let match_id = app.respond(&sharon, post_id, "Ik kom graag").await;
    app.act(&coordinator, &match_id, "introduce", json!({}))
        .await;

    let to_sharon = smtp.nth_about(&sharon.email, "Kennismaking", 1).await;
    assert!(
        to_sharon.text.contains("Hulpvrager: Henk de Vries"),
        "{}",
        to_sharon.text
    );
    assert!(!to_sharon.mentions(henk_phone) && !to_sharon.mentions(henk_email));
    assert!(to_sharon.mentions(petra.phone()), "{}", to_sharon.text);
    let to_petra = smtp.nth_about(&petra.email, "Kennismaking", 1).await;
    assert!(
        to_petra
            .text
            .contains("Van Henk de Vries alleen de naam: de vrijwilliger belt u."),
        "{}",
        to_petra.text
    );
    // On the website the same: Sharon sees Henk's name only; the coordinator all.
    let path = format!("/api/v1/matches/{match_id}");
    let (_, seen) = app.get(&path, Some(&sharon.token)).await;
    assert_eq!(
        seen["contacts"]["resident"]["name"], "Henk de Vries",
        "{seen}"
    );
    assert!(!seen.to_string().contains(henk_phone), "{seen}");
    let (_, handled) = app.get(&path, Some(&coordinator.token)).await;
    assert!(handled.to_string().contains(henk_phone), "{handled}");
    // Henk himself is not mailed: Petra takes care of it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(smtp.to(henk_email).is_empty());
}

#[tokio::test]
async fn a_request_taken_by_phone_mails_nobody_at_the_servicepunt_and_shares_no_login() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    let coordinator = app.coordinator("Anja").await;
    let sharon = sharon(&app).await;
    confirm_address(&app, &smtp, &sharon).await;
    let mut body = dog_walking_request();
    let hendrik = "0593 561 777";
    body["on_behalf_of"] = json!({"name": "Hendrik Lubbers", "phone": hendrik, "channel": "phone"});
    let (status, post) = app
        .post("/api/v1/requests", Some(&coordinator.token), &body)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{post}");
    let post_id = post["id"].as_str().expect("an id");
    let match_id = app.respond(&sharon, post_id, "Ik help graag").await;
    app.act(&coordinator, &match_id, "introduce", json!({}))
        .await;
    let to_sharon = smtp.nth_about(&sharon.email, "Kennismaking", 1).await;
    assert!(
        to_sharon.text.contains("Hulpvrager: Hendrik Lubbers"),
        "{}",
        to_sharon.text
    );
    assert!(to_sharon.mentions(hendrik));
    assert!(
        !to_sharon.mentions(&coordinator.email),
        "{}",
        to_sharon.text
    );
    let (_, seen) = app
        .get(&format!("/api/v1/matches/{match_id}"), Some(&sharon.token))
        .await;
    assert!(seen["contacts"]["poster"].is_null(), "{seen}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        smtp.to(&coordinator.email).is_empty(),
        "no 'Beste Servicepunt' about its own request: {:?}",
        smtp.to(&coordinator.email)
            .iter()
            .map(|m| m.subject.clone())
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn the_consulent_posts_for_inge_and_the_introduction_reaches_all_three() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    let coordinator = app.coordinator("Anja").await;
    let consulent = app
        .register(
            "resident",
            "Marleen Wijkteam",
            "marleen@wijkteam.example",
            Some("0593 539 100"),
        )
        .await;
    let sharon = sharon(&app).await;
    confirm_address(&app, &smtp, &sharon).await;
    let (inge_phone, inge_email) = ("0593 521 234", "inge.bakker@thuis.example");
    let mut body = dog_walking_request();
    body["on_behalf_of"] = json!({"name": "Inge Bakker", "phone": inge_phone, "email": inge_email, "channel": "referral", "referrer": "wijkteam"});
    let post_id = &app
        .open_post("requests", &consulent, &coordinator, &body)
        .await;
    assert_eq!(
        smtp.nth_to(&consulent.email, 2).await.subject,
        "Uw oproep staat online: Wie wil met mijn hond wandelen?"
    );

    let match_id = app
        .respond(&sharon, post_id, "Ik wandel graag met Bobbie")
        .await;
    smtp.nth_to(&consulent.email, 3).await;
    // Until the introduction, Inge's details travel in no mail at all.
    for mail in smtp.mails() {
        assert!(
            !mail.mentions(inge_phone) && !mail.mentions(inge_email),
            "{:?}",
            mail.subject
        );
    }

    app.act(&coordinator, &match_id, "introduce", json!({}))
        .await;
    let to_sharon = smtp.nth_to(&sharon.email, 2).await;
    assert!(to_sharon.text.contains("Hulpvrager: Inge Bakker"));
    assert!(to_sharon.mentions(inge_phone) && to_sharon.mentions(inge_email));
    assert!(to_sharon.text.contains("Aangemeld door: Marleen Wijkteam"));
    assert!(to_sharon.mentions(consulent.phone()));
    let to_consulent = smtp.nth_to(&consulent.email, 4).await;
    let to_inge = smtp.nth_to(inge_email, 1).await;
    // Marleen never confirmed her address: the details wait for her on the website.
    assert_eq!(
        to_consulent.subject,
        "Kennismaking: Wie wil met mijn hond wandelen?"
    );
    assert!(to_consulent.text.contains("nog niet bevestigd"));
    assert!(!to_consulent.mentions(sharon.phone()) && !to_consulent.mentions(&sharon.email));
    // Inge's address came from the consulent who posted for her: she has no
    // account, so her mail says who asked for help for her and holds no link.
    assert_eq!(to_inge.subject, "Kennismaking met een vrijwilliger");
    assert!(to_inge
        .text
        .contains("Marleen heeft bij het Servicepunt hulp voor u gevraagd"));
    assert!(!to_inge.text.contains("/koppelingen/"), "{}", to_inge.text);
    assert!(to_inge.mentions(sharon.phone()) && to_inge.mentions(&sharon.email));
    assert!(
        !to_inge.text.contains(inge_phone),
        "the requesting side gets the volunteer's details, not its own"
    );
    assert!(to_inge.text.starts_with("Beste Inge,"));

    // Help as a *maatje* starts only with a VOG on record.
    app.give_vog(&coordinator, &sharon, &days_ago(30)).await;
    app.act(&coordinator, &match_id, "confirm", json!({})).await;
    app.act(
        &coordinator,
        &match_id,
        "end",
        json!({"outcome": "succeeded"}),
    )
    .await;
    // Inge, without an account, still hears that it is confirmed and, later, over.
    assert_eq!(
        smtp.nth_to(inge_email, 3).await.subject,
        "De koppeling is afgesloten: Wie wil met mijn hond wandelen?"
    );
    assert_eq!(
        smtp.nth_to(&sharon.email, 4).await.subject,
        "De koppeling is afgesloten: Wie wil met mijn hond wandelen?"
    );
    assert_eq!(
        smtp.nth_to(&consulent.email, 6).await.subject,
        "De koppeling is afgesloten: Wie wil met mijn hond wandelen?"
    );
}

#[tokio::test]
async fn a_link_mail_that_waited_past_its_link_s_expiry_is_not_sent() {
    use diesel::{ExpressionMethods, RunQueryDsl};
    let port = free_port();
    let app = app_mailing_to(format!("smtp://127.0.0.1:{port}")).await;
    app.register(
        "resident",
        "Klaas",
        "klaas@example.nl",
        Some("0593 444 555"),
    )
    .await;
    // The welcome mail waited three days (its link works for 48 hours).
    let url = app.settings.database_url.clone();
    tokio::task::spawn_blocking(move || {
        use noaber::db::schema::outbox;
        let mut conn = noaber::db::establish(&url).expect("database");
        let long_ago = noaber::db::now() - chrono::TimeDelta::days(3);
        diesel::update(outbox::table)
            .set((
                outbox::created_at.eq(long_ago),
                outbox::next_attempt_at.eq(long_ago),
            ))
            .execute(&mut conn)
            .expect("backdated");
    })
    .await
    .expect("join");
    let smtp = SmtpReceiver::start_on(port);
    let row = outbox_until(&app, "expired mail not failed", |rows| {
        rows.first().is_some_and(|m| m.status == "failed")
    })
    .await
    .remove(0);
    assert!(row.last_error.unwrap_or_default().contains("verlopen"));
    assert!(row.body_text.is_empty(), "the dead link is not kept either");
    assert!(smtp.mails().is_empty());
}

#[tokio::test]
async fn a_burst_of_messages_is_one_mail_and_the_next_says_how_many() {
    let smtp = SmtpReceiver::start();
    let app = spawn_app_with(|s| s.smtp_url = Some(smtp.url())).await;
    let coordinator = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge Bakker").await;
    let sharon = app.user("volunteer", "Sharon de Vries").await;
    let request = app.open_request(&inge, &coordinator).await;
    let match_id = app.respond(&sharon, &request, "Ik help graag.").await;
    app.act(&coordinator, &match_id, "introduce", json!({}))
        .await;
    // Welcome, online, the response, the introduction: all in before going on.
    smtp.nth_to(&inge.email, 4).await;
    let before = smtp.to(&inge.email).len();

    for n in 1..=5 {
        app.message(&sharon, &match_id, &format!("Bericht {n}"))
            .await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let notices: Vec<_> = smtp.to(&inge.email).into_iter().skip(before).collect();
    assert_eq!(notices.len(), 1, "five messages in a minute are one mail");
    assert_eq!(
        notices[0].subject,
        "Nieuw bericht over: Wie wil met mijn hond wandelen?"
    );

    // Fifteen minutes later (Inge has not been on the site) the next message's mail
    // counts everything unread.
    backdate_messages(&app, &match_id, 16).await;
    app.message(&sharon, &match_id, "Nog een vraag").await;
    let next = smtp.nth_to(&inge.email, before + 2).await;
    assert_eq!(
        next.subject,
        "6 nieuwe berichten over: Wie wil met mijn hond wandelen?"
    );
    assert!(
        next.text.contains("het laatste van Sharon"),
        "{}",
        next.text
    );
}

/// Moves a match and its messages `minutes` back (a running server's clock cannot be
/// turned).
async fn backdate_messages(app: &noaber_tests::TestApp, match_id: &str, minutes: i64) {
    use diesel::prelude::*;
    use noaber::db::schema::{match_messages, matches};
    let (url, id) = (app.settings.database_url.clone(), match_id.to_owned());
    tokio::task::spawn_blocking(move || {
        let mut conn = noaber::db::establish(&url).expect("database");
        let rows: Vec<(String, chrono::NaiveDateTime)> = match_messages::table
            .filter(match_messages::match_id.eq(&id))
            .select((match_messages::id, match_messages::created_at))
            .load(&mut conn)
            .expect("messages");
        for (message, at) in rows {
            diesel::update(match_messages::table.find(message))
                .set(match_messages::created_at.eq(at - chrono::TimeDelta::minutes(minutes)))
                .execute(&mut conn)
                .expect("backdate");
        }
        let created: chrono::NaiveDateTime = matches::table
            .find(&id)
            .select(matches::created_at)
            .first(&mut conn)
            .expect("match");
        diesel::update(matches::table.find(&id))
            .set(matches::created_at.eq(created - chrono::TimeDelta::minutes(minutes)))
            .execute(&mut conn)
            .expect("backdate match");
    })
    .await
    .expect("backdate task");
}

#[tokio::test]
async fn the_resident_without_an_account_gets_no_link_that_needs_one() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(smtp.url()).await;
    let coordinator = app.coordinator("Anja").await;
    let daughter = app.user("resident", "Ellen Mulder").await;
    let sharon = sharon(&app).await;
    confirm_address(&app, &smtp, &sharon).await;
    let mother = "riet.mulder@thuis.example";
    let mut body = dog_walking_request();
    body["on_behalf_of"] = json!({"name": "Riet Mulder", "email": mother, "channel": "network"});
    let post_id = &app
        .open_post("requests", &daughter, &coordinator, &body)
        .await;
    let match_id = &app.respond(&sharon, post_id, "Ik help graag.").await;
    app.act(&coordinator, match_id, "introduce", json!({}))
        .await;
    // A second volunteer is introduced too, so the request is not free when Sharon stops.
    let kees = app.user("volunteer", "Kees Dijk").await;
    let keess = app.pick(&coordinator, post_id, &kees).await;
    app.act(&coordinator, &keess, "introduce", json!({})).await;
    app.act(
        &sharon,
        match_id,
        "decline",
        json!({"reason": "Ik verhuis."}),
    )
    .await;
    let stopped = smtp
        .nth_about(mother, "De koppeling gaat niet door", 1)
        .await;
    assert!(!stopped.mentions("/koppelingen/"), "{}", stopped.text);
    assert!(stopped
        .text
        .contains("De vrijwilliger kan u toch niet helpen."));
    assert!(!stopped.text.contains("staat nog open"), "{}", stopped.text);
    assert!(stopped
        .text
        .contains("Het Servicepunt kijkt graag met u verder."));
    assert!(
        !stopped.mentions("Ik verhuis."),
        "the reason stays on the website"
    );
}
