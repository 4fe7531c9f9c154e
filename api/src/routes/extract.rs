//! The actix extractors for the caller: a bearer token whose account still exists,
//! with the role that account has now.

use std::future::Future;
use std::pin::Pin;

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};

use crate::auth::Caller;
use crate::error::ApiError;
use crate::state::AppState;

fn claimed_id(req: &HttpRequest) -> Result<Option<String>, ApiError> {
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
        .map(|claims| Some(claims.account_id))
        .ok_or_else(invalid_session)
}

fn app_state(req: &HttpRequest) -> Result<&web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))
}

fn invalid_session() -> ApiError {
    ApiError::Unauthorized("Uw sessie is verlopen of ongeldig. Log opnieuw in.".into())
}

/// A token stays valid until it expires, but its account may have been deleted or
/// given another role since: one primary-key lookup per authenticated request turns
/// a deleted account into a 401 and applies the current role, on every node (the
/// database is the only shared state).
async fn live_caller(
    state: Option<web::Data<AppState>>,
    id: Option<String>,
) -> Result<Option<Caller>, ApiError> {
    let (Some(state), Some(id)) = (state, id) else {
        return Ok(None);
    };
    let lookup = id.clone();
    let role = state
        .db
        .run(move |conn| crate::db::accounts::live_role(conn, &lookup).map_err(ApiError::from))
        .await?;
    match role {
        Some(role) => Ok(Some(Caller { id, role })),
        None => Err(invalid_session()),
    }
}

type CallerFuture<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

fn checked_caller(req: &HttpRequest) -> CallerFuture<Option<Caller>> {
    let claimed = claimed_id(req);
    let state = app_state(req).ok().cloned();
    Box::pin(async move { live_caller(state, claimed?).await })
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
