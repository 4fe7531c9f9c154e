//! The actix extractors for the caller, and the session cookie.
//!
//! A request says who it is in one of two ways:
//! - `Authorization: Bearer <token>` (API clients): the token's account must still
//!   exist and have the session version the token carries. When the header is there,
//!   it alone counts (a cookie next to it is ignored).
//! - otherwise the `noaber_session` cookie (the browser): it must name a live session.
//!   A request that may change something (any method but GET, HEAD and OPTIONS) must
//!   also carry that session's token in `X-CSRF-Token`: a browser adds the cookie to a
//!   request another site makes it send, but that site cannot read the token.
//!
//! Either way it costs one query, and the role is the account's role now, not the
//! one at login.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::http::Method;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};

use crate::auth::session::{same_token, COOKIE_NAME, SESSION_TTL};
use crate::auth::Caller;
use crate::config::Settings;
use crate::domain::Role;
use crate::error::ApiError;
use crate::state::AppState;

/// The header that carries the session's CSRF token.
pub const CSRF_HEADER: &str = "X-CSRF-Token";

/// How a request identifies itself, read from its headers (nothing checked yet).
enum Credentials {
    /// Neither a bearer token nor a session cookie.
    None,
    /// `Authorization: Bearer`: the claims of a token that verified.
    Bearer(crate::auth::token::TokenClaims),
    /// The session cookie, with the CSRF header when the request may change something.
    Cookie { secret: String, csrf: CsrfCheck },
}

/// Whether (and against what) the CSRF token is checked.
enum CsrfCheck {
    /// GET, HEAD and OPTIONS change nothing.
    Safe,
    /// Any other method: the header sent, if any.
    Required(Option<String>),
}

fn app_state(req: &HttpRequest) -> Result<&web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))
}

fn invalid_session() -> ApiError {
    ApiError::Unauthorized("Uw sessie is verlopen of ongeldig. Log opnieuw in.".into())
}

fn bad_csrf() -> ApiError {
    ApiError::Forbidden(
        "De beveiligingscode ontbreekt of klopt niet. Laad de pagina opnieuw.".into(),
    )
}

/// The session cookie's secret, if the request carries a non-empty one.
fn cookie_secret(req: &HttpRequest) -> Option<String> {
    req.cookie(COOKIE_NAME)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

fn csrf_check(req: &HttpRequest) -> CsrfCheck {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return CsrfCheck::Safe;
    }
    let sent = req
        .headers()
        .get(CSRF_HEADER)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.trim().to_owned());
    CsrfCheck::Required(sent)
}

/// The token of an `Authorization: Bearer <token>` header (None for any other form).
pub fn bearer(header: &actix_web::http::header::HeaderValue) -> Option<&str> {
    header.to_str().ok()?.strip_prefix("Bearer ")
}

fn credentials(req: &HttpRequest) -> Result<Credentials, ApiError> {
    let Some(header) = req.headers().get(actix_web::http::header::AUTHORIZATION) else {
        return Ok(match cookie_secret(req) {
            Some(secret) => Credentials::Cookie {
                secret,
                csrf: csrf_check(req),
            },
            None => Credentials::None,
        });
    };
    let token = bearer(header)
        .ok_or_else(|| ApiError::Unauthorized("Gebruik 'Authorization: Bearer <token>'.".into()))?;
    app_state(req)?
        .tokens
        .verify(token.trim())
        .map(Credentials::Bearer)
        .ok_or_else(invalid_session)
}

/// What the credentials come to.
enum Outcome {
    /// A live account.
    Caller(Caller),
    /// Nothing was sent.
    Anonymous,
    /// A session cookie that names no live session (expired, ended, or made up).
    StaleCookie,
}

/// Resolves credentials with one query. A token of a deleted account, or one issued
/// before its account's session version moved on (password, role, "log out
/// everywhere"), is a 401; so is a token naming a role that no longer parses.
async fn resolve(
    state: web::Data<AppState>,
    credentials: Credentials,
) -> Result<Outcome, ApiError> {
    match credentials {
        Credentials::None => Ok(Outcome::Anonymous),
        Credentials::Bearer(claims) => {
            let id = claims.account_id.clone();
            let access = state
                .db
                .run(move |conn| {
                    crate::db::accounts::live_access(conn, &id).map_err(ApiError::from)
                })
                .await?;
            match access {
                Some((role, version)) if version == claims.session_version => {
                    Ok(Outcome::Caller(Caller {
                        id: claims.account_id,
                        role,
                    }))
                }
                _ => Err(invalid_session()),
            }
        }
        Credentials::Cookie { secret, csrf } => {
            let live = state
                .db
                .run(move |conn| crate::db::sessions::live(conn, &secret).map_err(ApiError::from))
                .await?;
            let Some(live) = live else {
                return Ok(Outcome::StaleCookie);
            };
            if let CsrfCheck::Required(sent) = csrf {
                if !sent.is_some_and(|sent| same_token(&sent, &live.csrf_token)) {
                    return Err(bad_csrf());
                }
            }
            let role = Role::parse(&live.role)
                .ok_or_else(|| ApiError::Internal("unknown role stored".into()))?;
            Ok(Outcome::Caller(Caller {
                id: live.account_id,
                role,
            }))
        }
    }
}

type CallerFuture<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

fn outcome(req: &HttpRequest) -> CallerFuture<Outcome> {
    let credentials = credentials(req);
    let state = app_state(req).cloned();
    Box::pin(async move { resolve(state?, credentials?).await })
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = CallerFuture<Caller>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let outcome = outcome(req);
        Box::pin(async move {
            match outcome.await? {
                Outcome::Caller(caller) => Ok(caller),
                Outcome::Anonymous => Err(ApiError::unauthorized()),
                Outcome::StaleCookie => Err(invalid_session()),
            }
        })
    }
}

/// The caller if a token or a live session cookie was sent; anonymous otherwise. A
/// bad token (or one of a deleted account) is still a 401, but a stale cookie counts
/// as anonymous: public pages keep working in a browser whose session ended.
pub struct MaybeCaller(pub Option<Caller>);

impl FromRequest for MaybeCaller {
    type Error = ApiError;
    type Future = CallerFuture<MaybeCaller>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let outcome = outcome(req);
        Box::pin(async move {
            Ok(MaybeCaller(match outcome.await? {
                Outcome::Caller(caller) => Some(caller),
                Outcome::Anonymous | Outcome::StaleCookie => None,
            }))
        })
    }
}

/// The session cookie's secret as sent, unchecked (`None` without a cookie): for the
/// routes about the session itself, which answer for a stale cookie too.
pub struct SessionCookie(pub Option<String>);

impl FromRequest for SessionCookie {
    type Error = ApiError;
    type Future = std::future::Ready<Result<SessionCookie, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(SessionCookie(cookie_secret(req))))
    }
}

/// The browser session of this request, whatever an `Authorization` header says: the
/// cookie's secret when it names a live session (the CSRF token checked, as for
/// [`Caller`]), `None` when there is no cookie or it is stale. For logging out.
pub struct LiveSessionCookie(pub Option<String>);

impl FromRequest for LiveSessionCookie {
    type Error = ApiError;
    type Future = CallerFuture<LiveSessionCookie>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let secret = cookie_secret(req);
        let credentials = secret.clone().map(|secret| Credentials::Cookie {
            secret,
            csrf: csrf_check(req),
        });
        let state = app_state(req).cloned();
        Box::pin(async move {
            let Some(credentials) = credentials else {
                return Ok(LiveSessionCookie(None));
            };
            Ok(LiveSessionCookie(
                match resolve(state?, credentials).await? {
                    Outcome::Caller(_) => secret,
                    Outcome::Anonymous | Outcome::StaleCookie => None,
                },
            ))
        })
    }
}

/// Whether cookies get the `Secure` flag: when Noaber is reached over HTTPS.
fn secure(settings: &Settings) -> bool {
    settings.public_url.starts_with("https://")
}

/// The cookie that carries a new session's secret: not readable by scripts, not sent
/// with requests other sites start (except plain links), for the whole site, 14 days.
pub fn session_cookie(settings: &Settings, secret: &str) -> Cookie<'static> {
    Cookie::build(COOKIE_NAME, secret.to_owned())
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(Duration::seconds(SESSION_TTL.num_seconds()))
        .secure(secure(settings))
        .finish()
}

/// A cookie that makes the browser forget the session cookie (`Max-Age=0`).
pub fn cleared_session_cookie(settings: &Settings) -> Cookie<'static> {
    Cookie::build(COOKIE_NAME, "")
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(Duration::ZERO)
        .secure(secure(settings))
        .finish()
}
