//! Accounts: register (with a mail to confirm the address), log in, confirm the
//! address, and reset a forgotten password by mail.

use actix_web::{post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{dummy_hash, hash_password, verify_password, Caller};
use crate::db::account_tokens::{self, Purpose};
use crate::db::accounts::{self, Account, NewAccount};
use crate::db::write_transaction;
use crate::domain::account::{Email, LoginInput, Password, RegisterInput};
use crate::domain::Role;
use crate::error::ApiError;
use crate::notify;
use crate::startup::AppState;

/// An account as its owner sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountView {
    /// Id.
    pub id: String,
    /// E-mail.
    pub email: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Whether the address was confirmed (by the link in the welcome mail).
    pub email_verified: bool,
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> Self {
        AccountView {
            id: a.id.clone(),
            email: a.email.clone(),
            name: a.name.clone(),
            role: a.role.clone(),
            phone: a.phone.clone(),
            email_verified: a.email_verified,
        }
    }
}

/// A login's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenView {
    /// JWT for `Authorization: Bearer`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until it expires.
    pub expires_in: i64,
}

/// Creates a resident, volunteer or organisation account.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "accounts", request_body = RegisterInput,
    responses((status = 201, body = AccountView), (status = 409), (status = 422)))]
#[post("/auth/register")]
#[tracing::instrument(skip_all, fields(role = %body.role))]
async fn register(
    state: web::Data<AppState>,
    body: web::Json<RegisterInput>,
) -> Result<HttpResponse, ApiError> {
    let registration = body.into_inner().parse()?;
    let hash = web::block(move || {
        hash_password(registration.password.expose()).map(|h| (h, registration))
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    let (hash, registration) = hash;
    let links = state.links.clone();
    let account = state
        .db
        .run(move |conn| {
            if accounts::email_taken(conn, registration.email.as_str())? {
                return Err(ApiError::Conflict("Er is al een account met dit e-mailadres. Wachtwoord vergeten? Vraag een nieuw aan.".into()));
            }
            write_transaction(conn, |conn| {
                let account = accounts::create(
                    conn,
                    NewAccount {
                        email: registration.email.as_str(),
                        password_hash: &hash,
                        name: &registration.name,
                        role: registration.role.as_str(),
                        phone: registration.phone.as_deref(),
                    },
                )?;
                let token =
                    account_tokens::issue(conn, &account.id, Purpose::VerifyEmail)?;
                notify::verify_email(conn, &links, &account, &token)?;
                Ok(account)
            })
            .map_err(unique_as_conflict)
        })
        .await?;
    state.mail_queued();
    tracing::info!(account_id = %account.id, "account registered");
    Ok(HttpResponse::Created().json(AccountView::from(&account)))
}

/// Two registrations racing for one address: the loser gets the same 409.
fn unique_as_conflict(e: diesel::result::Error) -> ApiError {
    match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => ApiError::Conflict("Er is al een account met dit e-mailadres.".into()),
        other => other.into(),
    }
}

/// Exchanges e-mail and password for an access token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "accounts", request_body = LoginInput,
    responses((status = 200, body = TokenView), (status = 401)))]
#[post("/auth/login")]
#[tracing::instrument(skip_all)]
async fn login(
    state: web::Data<AppState>,
    body: web::Json<LoginInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let wrong = || ApiError::Unauthorized("E-mailadres of wachtwoord klopt niet.".into());
    let email = Email::parse(&input.email).map_err(|_| wrong())?;
    let account = state
        .db
        .run(move |conn| accounts::find_by_email(conn, email.as_str()).map_err(ApiError::from))
        .await?;
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let password = input.password;
    // Verify against a dummy hash for unknown accounts, so timing reveals nothing.
    let ok = web::block(move || {
        verify_password(&password, stored.as_deref().unwrap_or_else(|| dummy_hash()))
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    let account = account.filter(|_| ok).ok_or_else(wrong)?;
    let role = Role::parse(&account.role)
        .ok_or_else(|| ApiError::Internal("unknown role stored".into()))?;
    let token = state.tokens.issue(&account.id, role)?;
    Ok(HttpResponse::Ok().json(TokenView {
        access_token: token.token,
        token_type: "Bearer",
        expires_in: token.expires_in,
    }))
}

/// A one-time token from a mail.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenInput {
    /// The token from the link.
    #[serde(default)]
    pub token: String,
}

fn invalid_link() -> ApiError {
    ApiError::field(
        "token",
        "Deze link is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.",
    )
}

/// Confirms an address with the token from the welcome mail.
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "accounts", request_body = TokenInput,
    responses((status = 200, body = AccountView), (status = 422)))]
#[post("/auth/verify-email")]
#[tracing::instrument(skip_all)]
async fn verify_email(
    state: web::Data<AppState>,
    body: web::Json<TokenInput>,
) -> Result<HttpResponse, ApiError> {
    let token = body.into_inner().token;
    let account = state
        .db
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let Some(id) = account_tokens::redeem(conn, token.trim(), Purpose::VerifyEmail)?
                else {
                    return Ok(None);
                };
                accounts::set_email_verified(conn, &id)?;
                accounts::find(conn, &id)
            })
            .map_err(ApiError::from)
        })
        .await?
        .ok_or_else(invalid_link)?;
    Ok(HttpResponse::Ok().json(AccountView::from(&account)))
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
    let (id, links) = (caller.id.clone(), state.links.clone());
    state
        .db
        .run(move |conn| {
            let account = accounts::find(conn, &id)?.ok_or_else(ApiError::unauthorized)?;
            if account.email_verified {
                return Err(ApiError::Conflict("Uw e-mailadres is al bevestigd.".into()));
            }
            write_transaction(conn, |conn| {
                let Some(token) =
                    account_tokens::issue_unless_recent(conn, &id, Purpose::VerifyEmail)?
                else {
                    return Err(ApiError::TooManyRequests(
                        "U hebt net een e-mail met een link gekregen. Kijk ook bij de ongewenste e-mail, of probeer het over een paar minuten opnieuw.".into(),
                    ));
                };
                notify::verify_email(conn, &links, &account, &token).map_err(ApiError::from)
            })
        })
        .await?;
    state.mail_queued();
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
    body: web::Json<ResetRequestInput>,
) -> Result<HttpResponse, ApiError> {
    let email = Email::parse(&body.email).map_err(|e| ApiError::field("email", e))?;
    let links = state.links.clone();
    state
        .db
        .run(move |conn| {
            let Some(account) = accounts::find_by_email(conn, email.as_str())? else {
                return Ok(());
            };
            write_transaction(conn, |conn| {
                // Asked again too soon: the same answer, no second mail.
                match account_tokens::issue_unless_recent(
                    conn,
                    &account.id,
                    Purpose::ResetPassword,
                )? {
                    Some(token) => notify::reset_password(conn, &links, &account, &token),
                    None => Ok(()),
                }
            })
            .map_err(ApiError::from)
        })
        .await?;
    state.mail_queued();
    Ok(HttpResponse::Accepted().finish())
}

/// Body of a new password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewPasswordInput {
    /// The token from the reset mail.
    #[serde(default)]
    pub token: String,
    /// The new password (at least 10 characters).
    #[serde(default)]
    pub password: String,
}

/// Sets a new password with the token from the reset mail. The link also proves the
/// address, so it counts as confirmed.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "accounts", request_body = NewPasswordInput,
    responses((status = 200, body = AccountView), (status = 422)))]
#[post("/auth/password-reset/confirm")]
#[tracing::instrument(skip_all)]
async fn confirm_reset(
    state: web::Data<AppState>,
    body: web::Json<NewPasswordInput>,
) -> Result<HttpResponse, ApiError> {
    let input = body.into_inner();
    let password = Password::parse(&input.password).map_err(|e| ApiError::field("password", e))?;
    let hash = web::block(move || hash_password(password.expose()))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    let account = state
        .db
        .run(move |conn| {
            write_transaction(conn, |conn| {
                let Some(id) =
                    account_tokens::redeem(conn, input.token.trim(), Purpose::ResetPassword)?
                else {
                    return Ok(None);
                };
                accounts::set_password_from_reset(conn, &id, &hash)?;
                accounts::find(conn, &id)
            })
            .map_err(ApiError::from)
        })
        .await?
        .ok_or_else(invalid_link)?;
    tracing::info!(account_id = %account.id, "password reset");
    Ok(HttpResponse::Ok().json(AccountView::from(&account)))
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(register)
        .service(login)
        .service(verify_email)
        .service(resend_verification)
        .service(request_reset)
        .service(confirm_reset);
}
