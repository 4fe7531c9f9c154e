//! Who is calling: argon2id password hashes, signed access tokens and the secret
//! that signs them, browser session secrets, and the [`Caller`] every use case takes.
//! Nothing here knows HTTP: the CLI, the demo loader and the tests hash passwords with
//! it too; the actix extractors (bearer token or session cookie) live in
//! `routes::extract`.

pub mod link;
pub mod password;
pub mod secret;
pub mod session;
pub mod token;

pub use link::{LinkKeys, LinkPurpose};
pub use password::{dummy_hash, hash_password, verify_password, PasswordError};
pub use secret::{load_or_create_secret, SecretError};
pub use token::{AccessToken, TokenError, TokenKeys};

use crate::domain::Role;
use crate::error::ApiError;

/// The authenticated caller of a request: an account that exists, with the role it
/// has now (read from the account on every request, not trusted from the token).
#[derive(Debug, Clone)]
pub struct Caller {
    /// Account id.
    pub id: String,
    /// Role.
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
