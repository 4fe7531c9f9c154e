//! The steps of the Inge/Sharon story as one-line calls on [`TestApp`], through the
//! real HTTP API: accounts, volunteer profiles and VOGs, posts, responses and matches.
//! Each step asserts that it worked, so a test reads as the story it tells; its `try_`
//! twin returns status and body instead, for the tests about a refusal.

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde_json::{json, Value};

use crate::TestApp;

/// The password of every account registered here.
pub const PASSWORD: &str = "correct-horse-battery";

/// The password of coordinators made by [`TestApp::coordinator`].
pub const COORDINATOR_PASSWORD: &str = "coordinator-password";

/// An account created through the API, logged in.
#[derive(Debug, Clone)]
pub struct TestUser {
    /// Account id.
    pub id: String,
    /// E-mail.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Bearer token.
    pub token: String,
    phone: Option<String>,
}

impl TestUser {
    /// The phone number given at registration.
    pub fn phone(&self) -> &str {
        self.phone
            .as_deref()
            .unwrap_or_else(|| panic!("{} registered without a phone number", self.name))
    }
}

/// A typical request body: a weekly dog-walking *maatje* in Beilen.
pub fn dog_walking_request() -> Value {
    json!({
        "title": "Wie wil met mijn hond wandelen?",
        "description": "Ik ben slecht ter been. Bobbie (labrador) moet elke week een uurtje naar buiten.",
        "category": "maatje",
        "place": "Beilen",
        "talents": ["hond-uitlaten"],
        "schedule": {"kind": "weekly", "slots": [{"day": "tue", "part": "afternoon"}], "hours_per_week": 2},
    })
}

/// A body for any kind (offers and vacancies use the same shape).
pub fn post_body(title: &str, category: &str, place: &str) -> Value {
    json!({
        "title": title,
        "description": format!("{title} — graag iemand uit de buurt."),
        "category": category,
        "place": place,
        "talents": [],
        "schedule": {"kind": "flexible"},
    })
}

/// The date `days` before today, as the API writes dates (a VOG's issue date is
/// judged against today, so tests give dates relative to it).
pub fn days_ago(days: u64) -> String {
    (noaber::domain::today() - chrono::Days::new(days)).to_string()
}

/// Body of `PUT /api/v1/me/volunteer-profile`, changed one field at a time.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    talents: Vec<String>,
    interests: Vec<String>,
    availability: Vec<Slot>,
    place: String,
    max_distance_km: u32,
    max_active_matches: u32,
    languages: Vec<String>,
    bio: String,
}

#[derive(Debug, Clone, Serialize)]
struct Slot {
    day: String,
    part: String,
}

fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_owned()).collect()
}

impl Profile {
    /// Someone in `place`, free on Tuesday afternoons (when [`dog_walking_request`]
    /// needs help), who travels 10 km and takes two matches; no talents yet.
    pub fn at(place: &str) -> Profile {
        Profile {
            talents: Vec::new(),
            interests: Vec::new(),
            availability: Vec::new(),
            place: place.to_owned(),
            max_distance_km: 10,
            max_active_matches: 2,
            languages: Vec::new(),
            bio: String::new(),
        }
        .available(&[("tue", "afternoon")])
    }

    /// A dog walker in Beilen: fits [`dog_walking_request`] in talent, time and place.
    pub fn dog_walker() -> Profile {
        Profile::at("Beilen").talents(&["hond-uitlaten"])
    }

    /// Talent slugs.
    pub fn talents(mut self, talents: &[&str]) -> Profile {
        self.talents = owned(talents);
        self
    }

    /// Free-form interests.
    pub fn interests(mut self, interests: &[&str]) -> Profile {
        self.interests = owned(interests);
        self
    }

    /// Free only in these `(day, part)` slots.
    pub fn available(mut self, slots: &[(&str, &str)]) -> Profile {
        self.availability = slots
            .iter()
            .map(|(day, part)| Slot {
                day: (*day).to_owned(),
                part: (*part).to_owned(),
            })
            .collect();
        self
    }

    /// Home place: slug, name or postcode.
    pub fn place(mut self, place: &str) -> Profile {
        self.place = place.to_owned();
        self
    }

    /// How far they travel.
    pub fn within_km(mut self, km: u32) -> Profile {
        self.max_distance_km = km;
        self
    }

    /// How many matches they take at once.
    pub fn max_matches(mut self, matches: u32) -> Profile {
        self.max_active_matches = matches;
        self
    }

    /// Languages besides Dutch.
    pub fn languages(mut self, languages: &[&str]) -> Profile {
        self.languages = owned(languages);
        self
    }

    /// A few words about themselves.
    pub fn bio(mut self, bio: &str) -> Profile {
        self.bio = bio.to_owned();
        self
    }
}

/// Accounts.
impl TestApp {
    /// Registers an account with this role and logs it in.
    pub async fn user(&self, role: &str, name: &str) -> TestUser {
        self.register(role, name, &fresh_email(name), None).await
    }

    /// As [`TestApp::user`], with a phone number (which others may see once introduced).
    pub async fn user_with_phone(&self, role: &str, name: &str, phone: &str) -> TestUser {
        self.register(role, name, &fresh_email(name), Some(phone))
            .await
    }

    /// Registers `email` with [`PASSWORD`] and logs it in (the registration's answer
    /// carries no account, so the id comes from `/me`).
    pub async fn register(
        &self,
        role: &str,
        name: &str,
        email: &str,
        phone: Option<&str>,
    ) -> TestUser {
        let mut body = json!({"email": email, "password": PASSWORD, "name": name, "role": role});
        if let Some(phone) = phone {
            body["phone"] = json!(phone);
        }
        let (status, answer) = self.try_register(&body).await;
        assert_eq!(status, StatusCode::ACCEPTED, "register {role}: {answer}");
        let token = self.login(email, PASSWORD).await;
        let (status, account) = self.get("/api/v1/me", Some(&token)).await;
        assert_eq!(status, StatusCode::OK, "{account}");
        // Only the link in the welcome mail confirms an address.
        assert_eq!(account["email_verified"], false, "{account}");
        TestUser {
            id: account["id"].as_str().unwrap_or_default().to_owned(),
            email: email.to_owned(),
            name: name.to_owned(),
            token,
            phone: phone.map(str::to_owned),
        }
    }

    /// `POST /api/v1/auth/register` with any body.
    pub async fn try_register(&self, body: &Value) -> (StatusCode, Value) {
        self.post("/api/v1/auth/register", None, body).await
    }

    /// A coordinator, created the way the operator does (not self-registration).
    pub async fn coordinator(&self, name: &str) -> TestUser {
        use noaber::db::accounts::{self, NewAccount};
        let email = format!(
            "coordinator.{}@servicepunt.example.nl",
            &uuid::Uuid::new_v4().simple().to_string()[..6]
        );
        let hash = noaber::auth::hash_password(COORDINATOR_PASSWORD).expect("hash");
        let settings = self.settings.clone();
        let (email2, name2) = (email.clone(), name.to_owned());
        let id = tokio::task::spawn_blocking(move || {
            let db = noaber::db::Db::connect(&settings.database_url).expect("db");
            db.run_blocking(|conn| {
                accounts::create(
                    conn,
                    NewAccount {
                        email: &email2,
                        password_hash: &hash,
                        name: &name2,
                        role: "coordinator",
                        phone: None,
                        organisation: None,
                    },
                )
                .map(|a| a.id)
                .map_err(noaber::db::DbError::from)
            })
            .expect("coordinator created")
        })
        .await
        .expect("join");
        let token = self.login(&email, COORDINATOR_PASSWORD).await;
        TestUser {
            id,
            email,
            name: name.to_owned(),
            token,
            phone: None,
        }
    }

    /// Logs in and returns the bearer token.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let (status, body) = self.try_login(email, password).await;
        assert_eq!(status, StatusCode::OK, "login: {body}");
        body["access_token"].as_str().expect("token").to_owned()
    }

    /// `POST /api/v1/auth/login`.
    pub async fn try_login(&self, email: &str, password: &str) -> (StatusCode, Value) {
        self.post(
            "/api/v1/auth/login",
            None,
            &json!({"email": email, "password": password}),
        )
        .await
    }

    /// Deletes `user`'s own account.
    pub async fn delete_account(&self, user: &TestUser) {
        let (status, body) = self.try_delete_account(user, PASSWORD).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    }

    /// `DELETE /api/v1/me`, confirmed with `password`.
    pub async fn try_delete_account(&self, user: &TestUser, password: &str) -> (StatusCode, Value) {
        self.send(
            Method::DELETE,
            "/api/v1/me",
            Some(&user.token),
            &json!({"password": password}),
        )
        .await
    }
}

/// Volunteers.
impl TestApp {
    /// Saves `volunteer`'s profile; returns their `/me`.
    pub async fn set_profile(&self, volunteer: &TestUser, profile: &Profile) -> Value {
        let (status, me) = self.try_set_profile(volunteer, profile).await;
        assert_eq!(status, StatusCode::OK, "{me}");
        me
    }

    /// `PUT /api/v1/me/volunteer-profile` as `user`.
    pub async fn try_set_profile(&self, user: &TestUser, profile: &Profile) -> (StatusCode, Value) {
        let body = serde_json::to_value(profile).expect("profile as JSON");
        self.send(
            Method::PUT,
            "/api/v1/me/volunteer-profile",
            Some(&user.token),
            &body,
        )
        .await
    }

    /// A volunteer with this profile and no VOG.
    pub async fn volunteer_with_profile(&self, name: &str, profile: &Profile) -> TestUser {
        let volunteer = self.user("volunteer", name).await;
        self.set_profile(&volunteer, profile).await;
        volunteer
    }

    /// A volunteer with this profile and a VOG issued a month ago, so suggested even
    /// for requests that need one.
    pub async fn vetted_volunteer(
        &self,
        coordinator: &TestUser,
        name: &str,
        profile: &Profile,
    ) -> TestUser {
        let volunteer = self.volunteer_with_profile(name, profile).await;
        self.give_vog(coordinator, &volunteer, &days_ago(30)).await;
        volunteer
    }

    /// The coordinator records a valid VOG issued on `issued_on`.
    pub async fn give_vog(&self, coordinator: &TestUser, volunteer: &TestUser, issued_on: &str) {
        let (status, body) = self
            .try_record_vog(
                coordinator,
                &volunteer.id,
                &json!({"status": "valid", "issued_on": issued_on}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    /// `PUT /api/v1/volunteers/{id}/vog` as `by`.
    pub async fn try_record_vog(
        &self,
        by: &TestUser,
        volunteer_id: &str,
        body: &Value,
    ) -> (StatusCode, Value) {
        self.send(
            Method::PUT,
            &format!("/api/v1/volunteers/{volunteer_id}/vog"),
            Some(&by.token),
            body,
        )
        .await
    }
}

/// Posts.
impl TestApp {
    /// Creates a post of `kind` (plural) and returns its JSON.
    pub async fn create_post(&self, kind: &str, author: &TestUser, body: &Value) -> Value {
        let (status, post) = self
            .post(&format!("/api/v1/{kind}"), Some(&author.token), body)
            .await;
        assert_eq!(status, StatusCode::CREATED, "create {kind}: {post}");
        post
    }

    /// Approves a pending post as `coordinator`.
    pub async fn approve(&self, kind: &str, id: &str, coordinator: &TestUser) -> Value {
        let (status, post) = self
            .post(
                &format!("/api/v1/{kind}/{id}/review"),
                Some(&coordinator.token),
                &json!({"decision": "approve"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "approve: {post}");
        post
    }

    /// A post by `author` (not a coordinator, whose posts skip review) that
    /// `coordinator` approved, so open for responses; returns its id.
    pub async fn open_post(
        &self,
        kind: &str,
        author: &TestUser,
        coordinator: &TestUser,
        body: &Value,
    ) -> String {
        let post = self.create_post(kind, author, body).await;
        let id = post["id"].as_str().unwrap_or_default().to_owned();
        self.approve(kind, &id, coordinator).await;
        id
    }

    /// `author`'s [`dog_walking_request`], approved; returns its id.
    pub async fn open_request(&self, author: &TestUser, coordinator: &TestUser) -> String {
        self.open_post("requests", author, coordinator, &dog_walking_request())
            .await
    }

    /// Withdraws request `id`; returns it, closed.
    pub async fn withdraw(&self, by: &TestUser, id: &str) -> Value {
        let (status, post) = self.try_withdraw(by, id).await;
        assert_eq!(status, StatusCode::OK, "withdraw: {post}");
        post
    }

    /// `PATCH /api/v1/{kind}/{id}` (`kind` plural) as `by`.
    pub async fn try_edit(
        &self,
        kind: &str,
        by: &TestUser,
        id: &str,
        changes: &Value,
    ) -> (StatusCode, Value) {
        self.send(
            Method::PATCH,
            &format!("/api/v1/{kind}/{id}"),
            Some(&by.token),
            changes,
        )
        .await
    }

    /// `DELETE /api/v1/requests/{id}` as `by`.
    pub async fn try_withdraw(&self, by: &TestUser, id: &str) -> (StatusCode, Value) {
        self.send(
            Method::DELETE,
            &format!("/api/v1/requests/{id}"),
            Some(&by.token),
            &json!({}),
        )
        .await
    }
}

/// Matches.
impl TestApp {
    /// `volunteer` responds to request `request_id`; returns the match id.
    pub async fn respond(&self, volunteer: &TestUser, request_id: &str, message: &str) -> String {
        let (status, created) = self.try_respond(volunteer, request_id, message).await;
        assert_eq!(status, StatusCode::CREATED, "respond: {created}");
        created["id"].as_str().unwrap_or_default().to_owned()
    }

    /// `org`'s vacancy "Gastvrouw koffieochtend" (bezoekwerk, Beilen), approved by
    /// `coordinator`; returns its id.
    pub async fn open_vacancy(&self, org: &TestUser, coordinator: &TestUser) -> String {
        let body = post_body("Gastvrouw koffieochtend", "bezoekwerk", "Beilen");
        self.open_post("vacancies", org, coordinator, &body).await
    }

    /// `volunteer` responds to an open vacancy; returns the match id.
    pub async fn respond_to_vacancy(
        &self,
        volunteer: &TestUser,
        vacancy_id: &str,
        message: &str,
    ) -> String {
        let (status, created) = self
            .post(
                &format!("/api/v1/vacancies/{vacancy_id}/responses"),
                Some(&volunteer.token),
                &json!({"message": message}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "respond to vacancy: {created}");
        created["id"].as_str().unwrap_or_default().to_owned()
    }

    /// `POST /api/v1/requests/{id}/responses` as `by`.
    pub async fn try_respond(
        &self,
        by: &TestUser,
        request_id: &str,
        message: &str,
    ) -> (StatusCode, Value) {
        self.post(
            &format!("/api/v1/requests/{request_id}/responses"),
            Some(&by.token),
            &json!({"message": message}),
        )
        .await
    }

    /// The coordinator picks `volunteer` for the request; returns the match id.
    pub async fn pick(
        &self,
        coordinator: &TestUser,
        request_id: &str,
        volunteer: &TestUser,
    ) -> String {
        let (status, created) = self.try_pick(coordinator, request_id, volunteer).await;
        assert_eq!(status, StatusCode::CREATED, "pick: {created}");
        created["id"].as_str().unwrap_or_default().to_owned()
    }

    /// `POST /api/v1/matches` as `by`.
    pub async fn try_pick(
        &self,
        by: &TestUser,
        request_id: &str,
        volunteer: &TestUser,
    ) -> (StatusCode, Value) {
        self.post(
            "/api/v1/matches",
            Some(&by.token),
            &json!({"request_id": request_id, "volunteer_id": volunteer.id}),
        )
        .await
    }

    /// A step on a match (`introduce`, `confirm`, `decline`, `end`); returns the match.
    pub async fn act(&self, by: &TestUser, match_id: &str, action: &str, body: Value) -> Value {
        let (status, m) = self.try_act(by, match_id, action, body).await;
        assert_eq!(status, StatusCode::OK, "{action}: {m}");
        m
    }

    /// `POST /api/v1/matches/{id}/{action}` as `by`.
    pub async fn try_act(
        &self,
        by: &TestUser,
        match_id: &str,
        action: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        self.post(
            &format!("/api/v1/matches/{match_id}/{action}"),
            Some(&by.token),
            &body,
        )
        .await
    }

    /// Sends a platform message on a match.
    pub async fn message(&self, from: &TestUser, match_id: &str, text: &str) -> Value {
        let (status, body) = self.try_message(from, match_id, text).await;
        assert_eq!(status, StatusCode::CREATED, "message: {body}");
        body
    }

    /// `POST /api/v1/matches/{id}/messages` as `from`.
    pub async fn try_message(
        &self,
        from: &TestUser,
        match_id: &str,
        text: &str,
    ) -> (StatusCode, Value) {
        self.post(
            &format!("/api/v1/matches/{match_id}/messages"),
            Some(&from.token),
            &json!({"body": text}),
        )
        .await
    }
}

/// An address nobody else in the test has: the name, dotted, and a random suffix.
pub fn fresh_email(name: &str) -> String {
    format!(
        "{}.{}@example.nl",
        name.to_lowercase().replace(' ', "."),
        &uuid::Uuid::new_v4().simple().to_string()[..6]
    )
}
