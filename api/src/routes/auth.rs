//! Accounts: register (with a mail to confirm the address), log in (a token for API
//! clients, a cookie session for the browser), log out, confirm the address, and
//! reset a forgotten password by mail. The rules live in `app::accounts`.

use actix_web::{delete, get, post, web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::app::accounts;
use crate::auth::Caller;
use crate::domain::account::{Email, LoginInput, RegisterInput};
use crate::error::ApiError;
use crate::routes::extract::{
    cleared_session_cookie, session_cookie, LiveSessionCookie, SessionCookie,
};
use crate::routes::input::Json;
use crate::state::AppState;
use crate::views::accounts::{AccountView, RegistrationView, SessionView, TokenView};

/// Registers a resident, volunteer or organisation account. 202 with the same body
/// whether the address is new (an account is made, and a mail to confirm the address
/// sent) or has an account already (no second account; its owner is mailed that
/// someone tried, with a link to choose a new password).
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "accounts", request_body = RegisterInput,
    responses((status = 202, body = RegistrationView), (status = 422)))]
#[post("/auth/register")]
#[tracing::instrument(skip_all, fields(role = %body.role))]
async fn register(
    state: web::Data<AppState>,
    body: Json<RegisterInput>,
) -> Result<HttpResponse, ApiError> {
    let answer = accounts::register(&state, body.into_inner()).await?;
    Ok(HttpResponse::Accepted().json(answer))
}

/// Exchanges e-mail and password for an access token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "accounts", request_body = LoginInput,
    responses((status = 200, body = TokenView), (status = 401)))]
#[post("/auth/login")]
#[tracing::instrument(skip_all)]
async fn login(
    state: web::Data<AppState>,
    body: Json<LoginInput>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(accounts::login(&state, body.into_inner()).await?))
}

/// Logs in in the browser: exchanges e-mail and password (same checks and answers as
/// `/auth/login`) for a session cookie (`noaber_session`, HttpOnly, SameSite=Lax, 14
/// days) and the CSRF token the page sends back in `X-CSRF-Token`.
#[utoipa::path(post, path = "/api/v1/auth/session", tag = "accounts", request_body = LoginInput,
    responses((status = 200, body = SessionView, description = "with Set-Cookie: noaber_session=...; HttpOnly; SameSite=Lax; Path=/; Max-Age=1209600"),
        (status = 401)))]
#[post("/auth/session")]
#[tracing::instrument(skip_all)]
async fn start_session(
    state: web::Data<AppState>,
    body: Json<LoginInput>,
) -> Result<HttpResponse, ApiError> {
    let started = accounts::start_session(&state, body.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .cookie(session_cookie(&state.settings, &started.secret))
        .json(started.view))
}

/// The browser session: its account and CSRF token, or both null. Always 200 (the
/// page asks on every load); a stale cookie is answered with one that clears it.
/// Only the cookie counts here, not an `Authorization` header.
#[utoipa::path(get, path = "/api/v1/auth/session", tag = "accounts", security(("session" = [])),
    responses((status = 200, body = SessionView)))]
#[get("/auth/session")]
#[tracing::instrument(skip_all)]
async fn get_session(
    state: web::Data<AppState>,
    cookie: SessionCookie,
) -> Result<HttpResponse, ApiError> {
    let Some(secret) = cookie.0 else {
        return Ok(HttpResponse::Ok().json(SessionView::none()));
    };
    Ok(match accounts::current_session(&state, secret).await? {
        Some(view) => HttpResponse::Ok().json(view),
        None => HttpResponse::Ok()
            .cookie(cleared_session_cookie(&state.settings))
            .json(SessionView::none()),
    })
}

/// Logs out in this browser: ends the session and clears the cookie. 204 also without
/// a (live) session; with one, the CSRF token is needed.
#[utoipa::path(delete, path = "/api/v1/auth/session", tag = "accounts", security(("session" = [])),
    responses((status = 204), (status = 403, description = "X-CSRF-Token missing or wrong")))]
#[delete("/auth/session")]
#[tracing::instrument(skip_all)]
async fn end_session(
    state: web::Data<AppState>,
    session: LiveSessionCookie,
) -> Result<HttpResponse, ApiError> {
    if let Some(secret) = session.0 {
        accounts::end_session(&state, secret).await?;
    }
    Ok(HttpResponse::NoContent()
        .cookie(cleared_session_cookie(&state.settings))
        .finish())
}

/// Logs out everywhere: ends every session and every access token of the caller
/// (by cookie or bearer token), and clears this browser's cookie.
#[utoipa::path(delete, path = "/api/v1/auth/sessions", tag = "accounts", security(("bearer" = []), ("session" = [])),
    responses((status = 204), (status = 401), (status = 403, description = "X-CSRF-Token missing or wrong")))]
#[delete("/auth/sessions")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn end_all_sessions(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    accounts::end_all_sessions(&state, &caller).await?;
    Ok(HttpResponse::NoContent()
        .cookie(cleared_session_cookie(&state.settings))
        .finish())
}

/// A one-time token from a mail.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenInput {
    /// The token from the link.
    #[serde(default)]
    pub token: String,
}

/// Confirms an address with the token from the welcome mail.
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "accounts", request_body = TokenInput,
    responses((status = 200, body = AccountView), (status = 422)))]
#[post("/auth/verify-email")]
#[tracing::instrument(skip_all)]
async fn verify_email(
    state: web::Data<AppState>,
    body: Json<TokenInput>,
) -> Result<HttpResponse, ApiError> {
    let account = accounts::verify_email(&state, body.into_inner().token).await?;
    Ok(HttpResponse::Ok().json(account))
}

/// Sends the confirmation mail again (the first one got lost or expired).
#[utoipa::path(post, path = "/api/v1/auth/verify-email/resend", tag = "accounts", security(("bearer" = [])),
    responses((status = 202), (status = 401), (status = 409), (status = 429)))]
#[post("/auth/verify-email/resend")]
#[tracing::instrument(skip_all, fields(account_id = %caller.id))]
async fn resend_verification(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    accounts::resend_verification(&state, &caller).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Body of a reset request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetRequestInput {
    /// The address of the account.
    #[serde(default)]
    pub email: String,
}

/// Mails a link to choose a new password. Always 202, whether or not the address has
/// an account, so the answer reveals nothing; at most one mail per two minutes.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "accounts", request_body = ResetRequestInput,
    responses((status = 202), (status = 422)))]
#[post("/auth/password-reset")]
#[tracing::instrument(skip_all)]
async fn request_reset(
    state: web::Data<AppState>,
    body: Json<ResetRequestInput>,
) -> Result<HttpResponse, ApiError> {
    let email = Email::parse(&body.email).map_err(|e| ApiError::field("email", e))?;
    accounts::request_reset(&state, email).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Body of a new password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewPasswordInput {
    /// The token from the reset mail.
    #[serde(default)]
    pub token: String,
    /// The new password (the rules of `domain::password`: at least 10 characters, not
    /// a common one, without the e-mail address or name in it).
    #[serde(default)]
    pub password: String,
}

/// Sets a new password with the token from the reset mail. The link also proves the
/// address, so it counts as confirmed. Every session and access token of the account
/// ends.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "accounts", request_body = NewPasswordInput,
    responses((status = 200, body = AccountView), (status = 422)))]
#[post("/auth/password-reset/confirm")]
#[tracing::instrument(skip_all)]
async fn confirm_reset(
    state: web::Data<AppState>,
    body: Json<NewPasswordInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let account = accounts::confirm_reset(&state, input.token, &input.password).await?;
    Ok(HttpResponse::Ok().json(account))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(register)
        .service(login)
        .service(start_session)
        .service(get_session)
        .service(end_session)
        .service(end_all_sessions)
        .service(verify_email)
        .service(resend_verification)
        .service(request_reset)
        .service(confirm_reset);
}
