//! Renders [`ApiError`] as `application/problem+json` (RFC 9457): the status code
//! is decided here, the Dutch sentence comes from the error, internal causes are
//! logged and never shown.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::error::{ApiError, FieldErrors};

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

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::TooManyRequests(_) | ApiError::Throttled { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
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
        if let ApiError::Throttled {
            retry_after_seconds,
            ..
        } = self
        {
            builder.insert_header(("Retry-After", retry_after_seconds.to_string()));
        }
        builder.json(body)
    }
}
