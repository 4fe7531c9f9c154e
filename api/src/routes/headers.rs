//! Security headers on API answers (the pages get theirs in `web.rs`, with a CSP that
//! lets them load this site's own scripts and styles):
//! - an API answer is data, never a page: `Content-Security-Policy: default-src 'none';
//!   frame-ancestors 'none'`, `X-Content-Type-Options: nosniff`, `X-Frame-Options`,
//!   `Referrer-Policy: no-referrer`;
//! - an answer to a request that says who is asking (a bearer token or the session
//!   cookie) is personal: `Cache-Control: no-store`, so no browser or proxy keeps it;
//! - everything, pages too, gets `Strict-Transport-Security` when the site is served
//!   over https (`NOABER_PUBLIC_URL`), so browsers never fall back to plain http.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;

use crate::auth::session::COOKIE_NAME;

const API_HEADERS: &[(HeaderName, &str)] = &[
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; frame-ancestors 'none'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::REFERRER_POLICY, "no-referrer"),
];

/// The HSTS value: a year, for this host and its subdomains.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Whether the request says who is asking.
fn identifies_caller(req: &ServiceRequest) -> bool {
    req.headers().contains_key(header::AUTHORIZATION) || req.cookie(COOKIE_NAME).is_some()
}

/// The middleware for the API scope.
pub async fn api_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let personal = identifies_caller(&req);
    let mut res = next.call(req).await?;
    let headers = res.headers_mut();
    for (name, value) in API_HEADERS {
        headers.insert(name.clone(), HeaderValue::from_static(value));
    }
    if personal {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

/// Whether answers should carry HSTS: only when the public address is https (over
/// plain http the header would be ignored, and on a developer's machine it would
/// stick to localhost).
pub fn wants_hsts(public_url: &str) -> bool {
    public_url
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

#[cfg(test)]
mod tests {
    use super::wants_hsts;

    #[test]
    fn hsts_only_for_an_https_address() {
        assert!(wants_hsts("https://noaber.middendrenthe.nl"));
        assert!(wants_hsts("HTTPS://x.nl"));
        assert!(!wants_hsts("http://127.0.0.1:8080"));
        assert!(!wants_hsts("https"));
    }
}
