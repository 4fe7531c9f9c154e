//! Per-address (IP) throttling of the account routes that anyone may call without
//! logging in — register, log in, start a session, ask for a password reset, confirm
//! an address — so one machine cannot register a hundred addresses in seconds (each
//! one a mail to whoever owns it) or try passwords across many accounts. Kept in
//! memory per node with the `governor` crate: it guards the node's own doors. What
//! must hold across nodes (failed logins per address, caps per account) is kept in
//! the database (`db::login_failures`, `app::limits`).

use std::net::IpAddr;
use std::num::NonZeroU32;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, ResponseError};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// How many account requests one address may make: a burst, refilled per minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressLimit {
    /// Requests per minute (0: no limit).
    pub per_minute: u32,
    /// Take the client's address from `Forwarded`/`X-Forwarded-For` (only behind a
    /// reverse proxy that sets it; otherwise anyone could pick their own address).
    pub behind_proxy: bool,
}

impl Default for AddressLimit {
    fn default() -> Self {
        AddressLimit {
            per_minute: 30,
            behind_proxy: false,
        }
    }
}

/// The limiter shared by the workers of one node.
pub struct AddressThrottle {
    limiter: Option<DefaultKeyedRateLimiter<IpAddr>>,
    behind_proxy: bool,
}

impl AddressThrottle {
    /// A throttle for `limit` (none when `per_minute` is 0).
    pub fn new(limit: AddressLimit) -> AddressThrottle {
        AddressThrottle {
            limiter: NonZeroU32::new(limit.per_minute)
                .map(|n| RateLimiter::keyed(Quota::per_minute(n).allow_burst(n))),
            behind_proxy: limit.behind_proxy,
        }
    }

    /// `Err(seconds to wait)` when `ip` is over its limit.
    fn check(&self, ip: IpAddr) -> Result<(), u64> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        limiter.check_key(&ip).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            wait.as_secs().max(1)
        })
    }
}

/// Whether a request is one of the throttled doors: a POST to the account routes or
/// to the one-click links from mails (answers, unsubscribing), which need no login
/// either. The OpenAPI document lists 429 on the same routes.
pub fn is_throttled_door(is_post: bool, path: &str) -> bool {
    is_post
        && (path.starts_with("/api/v1/auth/")
            || path == "/api/v1/follow-ups/answer"
            || path == "/api/v1/saved-searches/unsubscribe")
}

fn is_account_door(req: &ServiceRequest) -> bool {
    is_throttled_door(req.method() == Method::POST, req.path())
}

fn client_ip(req: &ServiceRequest, behind_proxy: bool) -> Option<IpAddr> {
    if behind_proxy {
        let info = req.connection_info();
        let real = info.realip_remote_addr()?;
        // "1.2.3.4:5678", "[::1]:80" or a bare address.
        return real
            .parse::<std::net::SocketAddr>()
            .map(|a| a.ip())
            .or_else(|_| real.parse::<IpAddr>())
            .ok();
    }
    req.peer_addr().map(|a| a.ip())
}

/// The middleware: refuses an address over its limit with 429 and `Retry-After`.
pub async fn throttle_account_doors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    if is_account_door(&req) {
        let verdict = req.app_data::<web::Data<AddressThrottle>>().and_then(|t| {
            let ip = client_ip(&req, t.behind_proxy)?;
            t.check(ip).err()
        });
        if let Some(seconds) = verdict {
            let error = ApiError::Throttled {
                detail: format!(
                    "Er komen te veel aanvragen van uw internetadres. Probeer het over {seconds} seconden opnieuw, of bel het Servicepunt."
                ),
                retry_after_seconds: seconds,
            };
            return Ok(req.into_response(error.error_response()));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_burst_then_waits_and_others_are_not_affected() {
        let throttle = AddressThrottle::new(AddressLimit {
            per_minute: 3,
            behind_proxy: false,
        });
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..3 {
            assert_eq!(throttle.check(a), Ok(()));
        }
        let wait = throttle.check(a).unwrap_err();
        assert!((1..=20).contains(&wait), "{wait}");
        assert_eq!(throttle.check(b), Ok(()));
        let off = AddressThrottle::new(AddressLimit {
            per_minute: 0,
            behind_proxy: false,
        });
        assert!((0..100).all(|_| off.check(a).is_ok()));
    }
}
