//! Browser sessions: the random secret a session cookie carries and the CSRF token
//! that goes with it. The database keeps only a hash of the secret (`db::sessions`),
//! so a copy of the database opens no session; the cookie itself is written and read
//! in `routes::extract`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::TimeDelta;
use rand::RngCore;

/// The cookie's name.
pub const COOKIE_NAME: &str = "noaber_session";

/// How long a session lasts: two weeks, then the person logs in again.
pub const SESSION_TTL: TimeDelta = TimeDelta::days(14);

/// 32 bytes from the operating system's generator, base64url without padding.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A new session secret, for the cookie (never stored).
pub fn new_secret() -> String {
    random_token()
}

/// A new CSRF token: the page reads it from the login answer (or `GET
/// /auth/session`) and sends it back in `X-CSRF-Token`, which another site cannot.
pub fn new_csrf_token() -> String {
    random_token()
}

/// Whether a CSRF token sent matches the session's, in time that does not depend on
/// where they differ.
pub fn same_token(sent: &str, expected: &str) -> bool {
    sent.len() == expected.len()
        && sent
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_32_random_bytes_in_base64url() {
        let a = new_secret();
        let b = new_secret();
        assert_ne!(a, b);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), 32);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abd", "abc"));
        assert!(!same_token("ab", "abc"));
        assert!(!same_token("", "abc"));
    }
}
