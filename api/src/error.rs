//! `ApiError`: the one error type use cases and handlers return. `routes::problem`
//! renders it as `application/problem+json` with a Dutch message a person understands;
//! this module knows nothing of HTTP.

use std::collections::BTreeMap;

use crate::db::DbError;

/// Field name → what is wrong with it, for 422 responses.
pub type FieldErrors = BTreeMap<String, String>;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request could not be read (malformed JSON, bad query string).
    #[error("{0}")]
    BadRequest(String),
    /// The body is not JSON (wrong or missing `Content-Type`).
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The body is larger than we read.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// No valid token.
    #[error("{0}")]
    Unauthorized(String),
    /// Authenticated, but this role or person may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// Nothing here (or nothing this caller may see).
    #[error("{0}")]
    NotFound(String),
    /// The request conflicts with the current state.
    #[error("{0}")]
    Conflict(String),
    /// Asked again too soon (e.g. another mail with a link).
    #[error("{0}")]
    TooManyRequests(String),
    /// Over a limit; may try again after `retry_after_seconds` (sent as `Retry-After`).
    #[error("{detail}")]
    Throttled {
        /// What happened and when to try again, in Dutch.
        detail: String,
        /// Seconds until a new attempt can succeed.
        retry_after_seconds: u64,
    },
    /// Input was read but is not valid; one message per field.
    #[error("{detail}")]
    Validation {
        /// Summary sentence.
        detail: String,
        /// Field-level messages.
        errors: FieldErrors,
    },
    /// A fault on our side; details are logged, not shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 422 with field-level messages.
    pub fn validation(errors: FieldErrors) -> ApiError {
        ApiError::Validation {
            detail: "Niet alle velden zijn goed ingevuld.".into(),
            errors,
        }
    }

    /// A 422 for a single field.
    pub fn field(field: &str, message: impl Into<String>) -> ApiError {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_owned(), message.into());
        ApiError::validation(errors)
    }

    /// The standard 404.
    pub fn not_found() -> ApiError {
        ApiError::NotFound("Niet gevonden.".into())
    }

    /// The standard 401.
    pub fn unauthorized() -> ApiError {
        ApiError::Unauthorized("Log eerst in.".into())
    }

    /// The standard 403.
    pub fn forbidden() -> ApiError {
        ApiError::Forbidden("Dat mag u met dit account niet doen.".into())
    }

    /// The problem type slug and its Dutch title.
    pub fn slug_and_title(&self) -> (&'static str, &'static str) {
        match self {
            ApiError::BadRequest(_) => ("bad-request", "Verzoek niet leesbaar"),
            ApiError::UnsupportedMediaType(_) => ("unsupported-media-type", "Geen JSON"),
            ApiError::PayloadTooLarge(_) => ("payload-too-large", "Te groot"),
            ApiError::Unauthorized(_) => ("unauthorized", "Niet ingelogd"),
            ApiError::Forbidden(_) => ("forbidden", "Geen toegang"),
            ApiError::NotFound(_) => ("not-found", "Niet gevonden"),
            ApiError::Conflict(_) => ("conflict", "Kan nu niet"),
            ApiError::TooManyRequests(_) | ApiError::Throttled { .. } => {
                ("too-many-requests", "Even geduld")
            }
            ApiError::Validation { .. } => ("validation", "Ongeldige invoer"),
            ApiError::Internal(_) => ("internal", "Er ging iets mis"),
        }
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        ApiError::from(DbError::from(e))
    }
}

impl From<crate::auth::PasswordError> for ApiError {
    fn from(e: crate::auth::PasswordError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl From<crate::auth::TokenError> for ApiError {
    fn from(e: crate::auth::TokenError) -> Self {
        ApiError::Internal(e.to_string())
    }
}
