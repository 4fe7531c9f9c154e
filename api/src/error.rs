//! `ApiError`: the one error type handlers return, rendered as
//! `application/problem+json` with a Dutch message a person understands.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::db::DbError;

/// Field name → what is wrong with it, for 422 responses.
pub type FieldErrors = BTreeMap<String, String>;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request could not be read (malformed JSON, bad query string).
    #[error("{0}")]
    BadRequest(String),
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

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    title: &'a str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a FieldErrors>,
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

    fn slug_and_title(&self) -> (&'static str, &'static str) {
        match self {
            ApiError::BadRequest(_) => ("bad-request", "Verzoek niet leesbaar"),
            ApiError::Unauthorized(_) => ("unauthorized", "Niet ingelogd"),
            ApiError::Forbidden(_) => ("forbidden", "Geen toegang"),
            ApiError::NotFound(_) => ("not-found", "Niet gevonden"),
            ApiError::Conflict(_) => ("conflict", "Kan nu niet"),
            ApiError::TooManyRequests(_) => ("too-many-requests", "Even geduld"),
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

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let (slug, title) = self.slug_and_title();
        let detail = match self {
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "request failed");
                "Er ging bij ons iets mis. Probeer het later nog eens.".to_owned()
            }
            other => other.to_string(),
        };
        let errors = match self {
            ApiError::Validation { errors, .. } => Some(errors),
            _ => None,
        };
        let kind = format!("https://noaber.nl/problems/{slug}");
        let body = Problem {
            kind: &kind,
            title,
            status: status.as_u16(),
            detail,
            errors,
        };
        let mut builder = HttpResponse::build(status);
        builder.content_type("application/problem+json");
        if status == StatusCode::UNAUTHORIZED {
            builder.insert_header(("WWW-Authenticate", "Bearer"));
        }
        builder.json(body)
    }
}
