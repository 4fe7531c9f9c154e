//! Accounts: register and log in.

use actix_web::{post, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{dummy_hash, hash_password, verify_password};
use crate::db::accounts::{self, Account, NewAccount};
use crate::domain::account::{Email, LoginInput, RegisterInput};
use crate::domain::Role;
use crate::error::ApiError;
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
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> Self {
        AccountView {
            id: a.id.clone(),
            email: a.email.clone(),
            name: a.name.clone(),
            role: a.role.clone(),
            phone: a.phone.clone(),
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
    let account = state
        .db
        .run(move |conn| {
            if accounts::email_taken(conn, registration.email.as_str())? {
                return Err(ApiError::Conflict("Er is al een account met dit e-mailadres. Wachtwoord vergeten? Vraag een nieuw aan.".into()));
            }
            accounts::create(
                conn,
                NewAccount {
                    email: registration.email.as_str(),
                    password_hash: &hash,
                    name: &registration.name,
                    role: registration.role.as_str(),
                    phone: registration.phone.as_deref(),
                },
            )
            .map_err(unique_as_conflict)
        })
        .await?;
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

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(register).service(login);
}
