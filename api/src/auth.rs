//! Authentication: argon2id password hashes, short-lived JWT access tokens, and the
//! `Caller` extractor every protected handler takes.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use jsonwebtoken::{decode, encode, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::domain::Role;
use crate::error::ApiError;
use crate::startup::AppState;

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("hashing failed: {e}")))
}

/// Whether `password` matches the stored hash.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, so that unknown accounts cost as much to check as
/// known ones (no timing hint whether an e-mail address is registered).
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&crate::db::new_id()).unwrap_or_default())
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    role: String,
    iat: i64,
    exp: i64,
}

/// Signing keys and token lifetime.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    ttl_minutes: i64,
}

/// An issued access token.
pub struct AccessToken {
    /// The JWT.
    pub token: String,
    /// Seconds until it expires.
    pub expires_in: i64,
}

impl TokenKeys {
    /// Keys from a secret.
    pub fn new(secret: &[u8], ttl_minutes: i64) -> TokenKeys {
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            ttl_minutes,
        }
    }

    /// Issues a token for an account.
    pub fn issue(&self, account_id: &str, role: Role) -> Result<AccessToken, ApiError> {
        let now = chrono::Utc::now().timestamp();
        let expires_in = self.ttl_minutes * 60;
        let claims = Claims {
            sub: account_id.to_owned(),
            role: role.as_str().to_owned(),
            iat: now,
            exp: now + expires_in,
        };
        let token = encode(&Header::default(), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(format!("signing failed: {e}")))?;
        Ok(AccessToken { token, expires_in })
    }

    fn verify(&self, token: &str) -> Option<Caller> {
        let mut validation = Validation::default();
        validation.leeway = 5;
        let data = decode::<Claims>(token, &self.decoding, &validation).ok()?;
        Some(Caller {
            id: data.claims.sub,
            role: Role::parse(&data.claims.role)?,
        })
    }
}

/// The secret from `NOABER_JWT_SECRET`, or one generated once and kept in the data dir.
pub fn load_or_create_secret(
    configured: Option<&str>,
    data_dir: &Path,
) -> std::io::Result<Vec<u8>> {
    if let Some(secret) = configured {
        return Ok(secret.as_bytes().to_vec());
    }
    let path = data_dir.join("jwt-secret");
    match std::fs::read_to_string(&path) {
        Ok(secret) if secret.trim().len() >= 32 => Ok(secret.trim().as_bytes().to_vec()),
        _ => {
            std::fs::create_dir_all(data_dir)?;
            let secret = format!(
                "{}{}",
                uuid::Uuid::new_v4().simple(),
                uuid::Uuid::new_v4().simple()
            );
            std::fs::write(&path, &secret)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
            }
            Ok(secret.into_bytes())
        }
    }
}

/// The authenticated caller of a request. Taking it as an argument makes a route
/// require a valid token of an account that still exists (401 otherwise).
#[derive(Debug, Clone)]
pub struct Caller {
    /// Account id.
    pub id: String,
    /// Role at the time the token was issued.
    pub role: Role,
}

impl Caller {
    /// 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }

    /// Whether this is Servicepunt staff.
    pub fn is_coordinator(&self) -> bool {
        self.role == Role::Coordinator
    }
}

fn caller_from(req: &HttpRequest) -> Result<Option<Caller>, ApiError> {
    let Some(header) = req.headers().get(actix_web::http::header::AUTHORIZATION) else {
        return Ok(None);
    };
    let token = header
        .to_str()
        .ok()
        .and_then(|h| h.strip_prefix("Bearer "))
        .ok_or_else(|| ApiError::Unauthorized("Gebruik 'Authorization: Bearer <token>'.".into()))?;
    let state = app_state(req)?;
    state
        .tokens
        .verify(token.trim())
        .map(Some)
        .ok_or_else(invalid_session)
}

fn app_state(req: &HttpRequest) -> Result<&web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))
}

fn invalid_session() -> ApiError {
    ApiError::Unauthorized("Uw sessie is verlopen of ongeldig. Log opnieuw in.".into())
}

/// A token stays valid until it expires, but its account may have been deleted since:
/// one primary-key lookup per authenticated request turns that into a 401 everywhere,
/// on every node (the database is the only shared state).
async fn still_live(
    state: Option<web::Data<AppState>>,
    caller: Option<Caller>,
) -> Result<Option<Caller>, ApiError> {
    let (Some(state), Some(caller)) = (state, caller) else {
        return Ok(None);
    };
    let id = caller.id.clone();
    let live = state
        .db
        .run(move |conn| crate::db::accounts::is_live(conn, &id).map_err(ApiError::from))
        .await?;
    if live {
        Ok(Some(caller))
    } else {
        Err(invalid_session())
    }
}

type CallerFuture<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

fn checked_caller(req: &HttpRequest) -> CallerFuture<Option<Caller>> {
    let claimed = caller_from(req);
    let state = app_state(req).ok().cloned();
    Box::pin(async move { still_live(state, claimed?).await })
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = CallerFuture<Caller>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let checked = checked_caller(req);
        Box::pin(async move { checked.await?.ok_or_else(ApiError::unauthorized) })
    }
}

/// The caller if a token was sent; anonymous otherwise. A bad token (or one of a
/// deleted account) is still a 401.
pub struct MaybeCaller(pub Option<Caller>);

impl FromRequest for MaybeCaller {
    type Error = ApiError;
    type Future = CallerFuture<MaybeCaller>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let checked = checked_caller(req);
        Box::pin(async move { checked.await.map(MaybeCaller) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("wrong horse battery", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn tokens_round_trip_and_reject_other_keys() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef", 60);
        let token = keys.issue("abc", Role::Volunteer).unwrap();
        let caller = keys.verify(&token.token).unwrap();
        assert_eq!(caller.id, "abc");
        assert_eq!(caller.role, Role::Volunteer);
        let other = TokenKeys::new(b"another-secret-another-secret-xx", 60);
        assert!(other.verify(&token.token).is_none());
    }

    #[test]
    fn expired_tokens_are_rejected() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef", -1);
        let token = keys.issue("abc", Role::Resident).unwrap();
        assert!(keys.verify(&token.token).is_none());
    }
}
