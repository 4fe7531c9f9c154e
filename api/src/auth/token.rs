//! Signed access tokens (JWT, HS256) for API clients. The secret that signs them is
//! loaded or generated in [`super::secret`].

use jsonwebtoken::{decode, encode, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::domain::Role;

/// Signing failed (never a user's fault).
#[derive(Debug, thiserror::Error)]
#[error("token signing failed: {0}")]
pub struct TokenError(pub(super) String);

/// What a valid token says: whose it is, the role it was issued for, and the
/// account's session version at the time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenClaims {
    /// Account id.
    pub account_id: String,
    /// Role at the time of issue (the caller's role is read from the account).
    pub role: Role,
    /// `accounts.session_version` at the time of issue: once the account's version
    /// has moved on (password reset or change, role change, "log out everywhere",
    /// deletion), the token no longer counts, though its signature and expiry are fine.
    pub session_version: i32,
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    role: String,
    /// Session version. Tokens from before it existed have none and count as version
    /// 0, the version every account starts with, so they keep working until they expire.
    #[serde(default)]
    sv: i32,
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

    /// Issues a token for an account whose session version is `session_version`.
    pub fn issue(
        &self,
        account_id: &str,
        role: Role,
        session_version: i32,
    ) -> Result<AccessToken, TokenError> {
        let now = chrono::Utc::now().timestamp();
        let expires_in = self.ttl_minutes * 60;
        let claims = Claims {
            sub: account_id.to_owned(),
            role: role.as_str().to_owned(),
            sv: session_version,
            iat: now,
            exp: now + expires_in,
        };
        let token = encode(&Header::default(), &claims, &self.encoding)
            .map_err(|e| TokenError(e.to_string()))?;
        Ok(AccessToken { token, expires_in })
    }

    /// The claims of a token signed with these keys and not expired.
    pub fn verify(&self, token: &str) -> Option<TokenClaims> {
        let mut validation = Validation::default();
        validation.leeway = 5;
        let data = decode::<Claims>(token, &self.decoding, &validation).ok()?;
        Some(TokenClaims {
            account_id: data.claims.sub,
            role: Role::parse(&data.claims.role)?,
            session_version: data.claims.sv,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_reject_other_keys() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef", 60);
        let token = keys.issue("abc", Role::Volunteer, 3).unwrap();
        let caller = keys.verify(&token.token).unwrap();
        assert_eq!(caller.account_id, "abc");
        assert_eq!(caller.role, Role::Volunteer);
        assert_eq!(caller.session_version, 3);
        let other = TokenKeys::new(b"another-secret-another-secret-xx", 60);
        assert!(other.verify(&token.token).is_none());
    }

    #[test]
    fn expired_tokens_are_rejected() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef", -1);
        let token = keys.issue("abc", Role::Resident, 0).unwrap();
        assert!(keys.verify(&token.token).is_none());
    }

    #[test]
    fn tokens_without_a_session_version_count_as_version_zero() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let now = chrono::Utc::now().timestamp();
        let old =
            serde_json::json!({"sub": "abc", "role": "resident", "iat": now, "exp": now + 60});
        let token = encode(&Header::default(), &old, &EncodingKey::from_secret(secret)).unwrap();
        let claims = TokenKeys::new(secret, 60).verify(&token).unwrap();
        assert_eq!(claims.session_version, 0);
    }
}
