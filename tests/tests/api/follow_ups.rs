//! Follow-ups as people meet them: questions and reminders arrive by e-mail (a real
//! SMTP receiver), their one-click links work without logging in, and each goes out
//! once. The jobs run with a clock the test moves (`run_due(state, now)`); nothing
//! sleeps for days.

use chrono::{DateTime, TimeDelta, Utc};
use diesel::prelude::*;
use noaber::app::follow_ups::run_due;
use noaber::db::schema::{follow_ups, posts};
use noaber_tests::smtp::{ReceivedMail, SmtpReceiver};
use noaber_tests::{days_ago, dog_walking_request, Profile, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};

const PUBLIC: &str = "https://noaber.example";

async fn app_mailing_to(smtp: &SmtpReceiver) -> TestApp {
    noaber_tests::spawn_app_mailing_to(smtp.url(), PUBLIC).await
}

fn later(days: i64) -> DateTime<Utc> {
    Utc::now() + TimeDelta::days(days)
}

/// The queued mails of one kind (the outbox is what goes out).
async fn queued(app: &TestApp, kind: &str) -> Vec<noaber::db::outbox::OutboxRow> {
    app.outbox()
        .await
        .into_iter()
        .filter(|m| m.kind == kind)
        .collect()
}

/// The first mail to `address` whose subject starts with `subject`.
async fn mail_about(smtp: &SmtpReceiver, address: &str, subject: &str) -> ReceivedMail {
    smtp.nth_about(address, subject, 1).await
}

/// The token and choice in an answer link (`/antwoord?keuze=ja#TOKEN`).
fn answer_link(mail: &ReceivedMail, choice: &str) -> String {
    let prefix = format!("{PUBLIC}/antwoord?keuze={choice}#");
    let link = mail
        .link(&prefix)
        .unwrap_or_else(|| panic!("{choice} link in {}", mail.text));
    link[prefix.len()..].to_owned()
}

async fn answer(app: &TestApp, token: &str, choice: Option<&str>) -> (StatusCode, Value) {
    app.post(
        "/api/v1/follow-ups/answer",
        None,
        &json!({"token": token, "answer": choice}),
    )
    .await
}

/// Moves a post's publication back (a running server's clock cannot be turned).
async fn published_days_ago(app: &TestApp, id: &str, days: i64) {
    let (url, id) = (app.settings.database_url.clone(), id.to_owned());
    tokio::task::spawn_blocking(move || {
        let mut conn = noaber::db::establish(&url).expect("database");
        let then = (Utc::now() - TimeDelta::days(days)).naive_utc();
        diesel::update(posts::table.find(&id))
            .set(posts::published_at.eq(Some(then)))
            .execute(&mut conn)
            .expect("moved");
        diesel::update(follow_ups::table.filter(follow_ups::subject_id.eq(&id)))
            .set(follow_ups::asked_at.eq(then + TimeDelta::days(28)))
            .execute(&mut conn)
            .expect("moved");
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn a_request_open_four_weeks_asks_its_author_once_and_the_answer_does_what_it_says() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(&smtp).await;
    let coby = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let kept = app.open_request(&inge, &coby).await;

    run_due(app.state(), later(27)).await.unwrap();
    assert!(
        queued(&app, "still_current").await.is_empty(),
        "not before four weeks"
    );
    let run = run_due(app.state(), later(29)).await.unwrap();
    assert_eq!(run.still_current, 1);
    run_due(app.state(), later(29)).await.unwrap();
    run_due(app.state(), later(30)).await.unwrap();
    assert_eq!(queued(&app, "still_current").await.len(), 1, "asked once");

    let mail = mail_about(&smtp, &inge.email, "Is uw hulpvraag nog actueel?").await;
    assert!(mail.mentions("4 weken online"), "{}", mail.text);
    let token = answer_link(&mail, "ja");
    assert_eq!(
        token,
        answer_link(&mail, "nee"),
        "one token, the choice beside it"
    );

    // The page reads the question without a login, then records the answer.
    let (status, question) = answer(&app, &token, None).await;
    assert_eq!(status, StatusCode::OK, "{question}");
    assert_eq!(question["question"], "Is uw hulpvraag nog actueel?");
    assert_eq!(question["title"], dog_walking_request()["title"]);
    assert_eq!(question["answer"], Value::Null);
    let (status, answered) = answer(&app, &token, Some("ja")).await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(answered["answer"], "ja");
    assert_eq!(
        answered["settled"], false,
        "'ja, laat staan' may still change"
    );
    let (_, post) = app.get(&format!("/api/v1/requests/{kept}"), None).await;
    assert_eq!(post["status"], "open", "kept open");

    // A second request: "nee" closes it.
    let closed = app.open_request(&inge, &coby).await;
    run_due(app.state(), later(29)).await.unwrap();
    let rows = queued(&app, "still_current").await;
    assert_eq!(rows.len(), 2, "one question per request");
    let newest = smtp.nth_about(&inge.email, "Is uw hulpvraag", 2).await;
    let token = answer_link(&newest, "nee");
    let (status, view) = answer(&app, &token, Some("nee")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(view["settled"], true, "{view}");
    let (status, body) = answer(&app, &token, Some("ja")).await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "closing is final here: {body}"
    );
    let (_, post) = app
        .get(&format!("/api/v1/requests/{closed}"), Some(&inge.token))
        .await;
    assert_eq!(post["status"], "closed", "{post}");
    assert_eq!(post["close_reason"], "withdrawn");

    // Bad links are refused with a sentence, and answers stay within the choices.
    let (status, body) = answer(&app, "niet-echt", Some("ja")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"]["token"]
        .as_str()
        .unwrap()
        .contains("Servicepunt"));
    let (status, _) = answer(&app, &token, Some("misschien")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = answer(&app, &inge.token, Some("ja")).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a login is no answer link"
    );
}

#[tokio::test]
async fn an_unanswered_question_reaches_the_coordinators_list_and_digest() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(&smtp).await;
    let coby = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let id = app.open_request(&inge, &coby).await;
    run_due(app.state(), later(29)).await.unwrap();
    // As if asked 15 days ago: the question and the request move back in time.
    published_days_ago(&app, &id, 43).await;

    let (status, _) = app.get("/api/v1/desk/follow-ups", Some(&inge.token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, list) = app.get("/api/v1/desk/follow-ups", Some(&coby.token)).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list["unanswered"][0]["subject_id"], id.as_str(), "{list}");
    assert_eq!(
        list["unanswered"][0]["title"],
        dog_walking_request()["title"]
    );

    // The morning digest says so; once a day; not for a coordinator who opted out.
    // (Day 29's run may have sent that day's digest already: count from here.)
    let before = queued(&app, "coordinator_digest").await.len();
    let morning = next_local_morning();
    let run = run_due(app.state(), morning).await.unwrap();
    assert_eq!(run.digests, 1, "{run:?}");
    run_due(app.state(), morning + TimeDelta::hours(3))
        .await
        .unwrap();
    let digests = queued(&app, "coordinator_digest").await;
    assert_eq!(digests.len(), before + 1, "once a day");
    assert!(
        digests.iter().any(|d| d
            .body_text
            .contains("Vragen 14 dagen onbeantwoord: even bellen: 1")),
        "{digests:?}"
    );
    let day = morning
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .format("%d-%m-%Y");
    let digest = mail_about(&smtp, &coby.email, &format!("Werkbak van {day}")).await;
    assert!(digest.mentions("even bellen"), "{}", digest.text);

    let (_, choice) = app.get("/api/v1/me/daily-digest", Some(&coby.token)).await;
    assert_eq!(choice["enabled"], true, "on unless turned off");
    let (status, _) = app.get("/api/v1/me/daily-digest", Some(&inge.token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "coordinators only");
    let (status, _) = app
        .send(
            reqwest::Method::PUT,
            "/api/v1/me/daily-digest",
            Some(&coby.token),
            &json!({"enabled": false}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, choice) = app.get("/api/v1/me/daily-digest", Some(&coby.token)).await;
    assert_eq!(choice["enabled"], false);
    run_due(app.state(), morning + TimeDelta::days(1))
        .await
        .unwrap();
    assert_eq!(
        queued(&app, "coordinator_digest").await.len(),
        before + 1,
        "opted out"
    );
}

/// 08:00 in Midden-Drenthe tomorrow.
fn next_local_morning() -> DateTime<Utc> {
    use chrono::TimeZone;
    let tomorrow = noaber::domain::today() + TimeDelta::days(1);
    chrono_tz::Europe::Amsterdam
        .from_local_datetime(&tomorrow.and_hms_opt(8, 0, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// This year's figures, as the coordinator `by` reads them.
async fn this_years_report(app: &TestApp, by: &noaber_tests::TestUser) -> Value {
    let year = noaber::domain::today().format("%Y");
    let path = format!("/api/v1/reports/annual?year={year}");
    let (status, report) = app.get(&path, Some(&by.token)).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    report
}

/// Inge's request with Sharon's response, on a server that mails to `smtp`.
struct Story {
    smtp: SmtpReceiver,
    app: TestApp,
    coby: noaber_tests::TestUser,
    inge: noaber_tests::TestUser,
    sharon: noaber_tests::TestUser,
    request: String,
    with_sharon: String,
}

async fn sharon_responds() -> Story {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(&smtp).await;
    let coby = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app
        .volunteer_with_profile("Sharon", &Profile::dog_walker())
        .await;
    let request = app.open_request(&inge, &coby).await;
    let with_sharon = app
        .respond(&sharon, &request, "Ik loop graag met Bobbie.")
        .await;
    Story {
        smtp,
        app,
        coby,
        inge,
        sharon,
        request,
        with_sharon,
    }
}

#[tokio::test]
async fn a_response_nobody_acted_on_asks_both_sides_and_ja_counts_as_help_arranged_outside() {
    let Story {
        smtp,
        app,
        coby,
        inge,
        sharon,
        request,
        with_sharon,
    } = sharon_responds().await;
    let piet = app
        .volunteer_with_profile("Piet", &Profile::dog_walker())
        .await;
    let with_piet = app.respond(&piet, &request, "Ik ook.").await;
    // A vacancy's organisation handles its responses itself: nobody is asked.
    let org = app.user("organisation", "Zorgcentrum De Hofstee").await;
    let vacancy = app.open_vacancy(&org, &coby).await;
    app.respond_to_vacancy(&piet, &vacancy, "Ik schenk graag koffie.")
        .await;

    run_due(app.state(), later(6)).await.unwrap();
    assert!(
        queued(&app, "contact_question").await.is_empty(),
        "not before a week"
    );
    let run = run_due(app.state(), later(8)).await.unwrap();
    assert_eq!(
        run.contact, 4,
        "two matches on the request, two sides each; none on the vacancy"
    );
    run_due(app.state(), later(9)).await.unwrap();
    assert_eq!(queued(&app, "contact_question").await.len(), 4, "each once");

    let to_sharon = mail_about(
        &smtp,
        &sharon.email,
        "Heeft dit contact tot een match geleid?",
    )
    .await;
    assert!(to_sharon.mentions("Nog niet"), "{}", to_sharon.text);
    let (status, view) = answer(&app, &answer_link(&to_sharon, "ja"), Some("ja")).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["settled"], false, "a 'ja' changes nothing yet: {view}");
    let (_, m) = app
        .get(&format!("/api/v1/matches/{with_sharon}"), Some(&coby.token))
        .await;
    assert_eq!(
        m["status"], "responded",
        "only the Servicepunt introduces (that shares contact details): {m}"
    );
    let (_, list) = app.get("/api/v1/desk/follow-ups", Some(&coby.token)).await;
    let answers = list["answers"].as_array().unwrap();
    assert!(
        answers
            .iter()
            .any(|a| a["subject_id"] == with_sharon.as_str() && a["answer"] == "ja"),
        "the coordinator sees the 'ja': {list}"
    );

    // Piet says no: his match is declined.
    let to_piet = mail_about(&smtp, &piet.email, "Heeft dit contact").await;
    let (status, _) = answer(&app, &answer_link(&to_piet, "nee"), Some("nee")).await;
    assert_eq!(status, StatusCode::OK);
    let (_, m) = app
        .get(&format!("/api/v1/matches/{with_piet}"), Some(&coby.token))
        .await;
    assert_eq!(m["status"], "declined", "{m}");
    assert!(
        queued(&app, "match_declined")
            .await
            .iter()
            .any(|m| m.recipient == inge.email),
        "Inge hears of it as when Piet declines on the match page"
    );

    // The figures count the 'ja' as help arranged outside the Servicepunt.
    let report = this_years_report(&app, &coby).await;
    assert_eq!(report["figures"]["matches"]["outside"], 1, "{report}");
    assert_eq!(report["figures"]["matches"]["started"], 0);
    // Once the Servicepunt confirms it, it counts as started instead.
    app.act(&coby, &with_sharon, "introduce", json!({})).await;
    app.give_vog(&coby, &sharon, &days_ago(30)).await;
    app.act(&coby, &with_sharon, "confirm", json!({})).await;
    let report = this_years_report(&app, &coby).await;
    assert_eq!(report["figures"]["matches"]["started"], 1, "{report}");
    assert_eq!(report["figures"]["matches"]["outside"], 0, "not twice");
}

#[tokio::test]
async fn a_vog_ending_within_sixty_days_is_announced_once() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(&smtp).await;
    let coby = app.coordinator("Coby").await;
    let soon = app
        .volunteer_with_profile("Sharon", &Profile::dog_walker())
        .await;
    let later_one = app
        .volunteer_with_profile("Piet", &Profile::dog_walker())
        .await;
    // Valid for three years: one ends in 59 days, the other in 61.
    app.give_vog(&coby, &soon, &days_ago(3 * 365 - 59)).await;
    app.give_vog(&coby, &later_one, &days_ago(3 * 365 - 61 - 2))
        .await;

    let run = run_due(app.state(), Utc::now()).await.unwrap();
    assert_eq!(run.vog, 1, "{run:?}");
    run_due(app.state(), Utc::now()).await.unwrap();
    assert_eq!(
        queued(&app, "vog_expiring").await.len(),
        2,
        "the volunteer and Coby, once"
    );
    let own = mail_about(&smtp, &soon.email, "Uw VOG is bijna verlopen").await;
    assert!(
        own.mentions("Verklaring Omtrent het Gedrag"),
        "{}",
        own.text
    );
    let about = mail_about(&smtp, &coby.email, "VOG van Sharon").await;
    assert!(
        about
            .link(&format!("{PUBLIC}/werkbak/vrijwilligers/"))
            .is_some(),
        "{}",
        about.text
    );
    assert!(smtp
        .to(&later_one.email)
        .iter()
        .all(|m| !m.subject.contains("VOG")));
}

#[tokio::test]
async fn two_nodes_on_one_database_send_each_reminder_once() {
    let smtp = SmtpReceiver::start();
    let app = app_mailing_to(&smtp).await;
    let coby = app.coordinator("Coby").await;
    let inge = app.user("resident", "Inge").await;
    let sharon = app
        .volunteer_with_profile("Sharon", &Profile::dog_walker())
        .await;
    let request = app.open_request(&inge, &coby).await;
    let m = app.respond(&sharon, &request, "Graag!").await;
    app.act(&coby, &m, "introduce", json!({})).await;
    let _open = app.open_request(&inge, &coby).await;

    let second = app.second_node().await;
    let at = later(30);
    let (a, b) = tokio::join!(run_due(app.state(), at), run_due(&second.state, at));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.introductions + b.introductions, 1, "{a:?} {b:?}");
    assert_eq!(a.still_current + b.still_current, 1, "{a:?} {b:?}");
    assert_eq!(
        queued(&app, "introduction_reminder").await.len(),
        2,
        "Inge and Sharon, once each"
    );
    assert_eq!(queued(&app, "still_current").await.len(), 1);
    let reminder = mail_about(&smtp, &sharon.email, "Hoe ging de kennismaking?").await;
    assert!(
        reminder
            .link(&format!("{PUBLIC}/koppelingen/{m}"))
            .is_some(),
        "{}",
        reminder.text
    );
}

#[tokio::test]
async fn when_a_request_closes_both_sides_are_asked_and_ja_counts_as_help_arranged_outside() {
    let Story {
        smtp,
        app,
        coby,
        inge,
        request,
        with_sharon: m,
        ..
    } = sharon_responds().await;
    app.withdraw(&inge, &request).await;

    let run = run_due(app.state(), Utc::now()).await.unwrap();
    assert_eq!(run.contact, 2, "both sides: {run:?}");
    run_due(app.state(), Utc::now() + TimeDelta::hours(1))
        .await
        .unwrap();
    assert_eq!(queued(&app, "contact_question").await.len(), 2, "once");

    let to_inge = mail_about(
        &smtp,
        &inge.email,
        "Heeft dit contact tot een match geleid?",
    )
    .await;
    assert!(to_inge.mentions("is gesloten"), "{}", to_inge.text);
    assert!(
        to_inge.mentions("Komt de hulp van iemand anders, of gaat het niet door?"),
        "help from a neighbour is not this contact's: {}",
        to_inge.text
    );
    assert!(to_inge.mentions("Sharon"), "{}", to_inge.text);
    assert!(
        !to_inge.mentions("Nog niet"),
        "ja or nee only: {}",
        to_inge.text
    );
    let (status, view) = answer(&app, &answer_link(&to_inge, "ja"), Some("ja")).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["kind"], "closed_contact");
    let (_, record) = app
        .get(&format!("/api/v1/matches/{m}"), Some(&coby.token))
        .await;
    assert_eq!(
        record["status"], "declined",
        "the match itself stays as it was"
    );

    let report = this_years_report(&app, &coby).await;
    assert_eq!(report["figures"]["matches"]["outside"], 1, "{report}");
    assert_eq!(report["figures"]["matches"]["started"], 0);
    assert_eq!(report["social_value"]["trajectories"], 1);
}
