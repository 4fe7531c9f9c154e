//! Signed, expiring tokens for the one-click links in follow-up mails (answers to a
//! question, unsubscribing from an alert). They are JWTs signed with the same secret
//! as access tokens but with their own audience, so neither kind of token is accepted
//! where the other is expected, and they carry only what the link does: which
//! follow-up or saved search, never who may log in.

use chrono::{DateTime, Utc};
use jsonwebtoken::{decode, encode, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::TokenError;

const AUDIENCE: &str = "noaber-link";

/// What a link may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPurpose {
    /// Answer a follow-up question.
    Answer,
    /// Stop the alerts of a saved search.
    Unsubscribe,
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    aud: String,
    /// The follow-up or saved search.
    sub: String,
    p: LinkPurpose,
    exp: i64,
}

/// Signs and checks link tokens.
pub struct LinkKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl LinkKeys {
    /// Keys from the service's secret.
    pub fn new(secret: &[u8]) -> LinkKeys {
        LinkKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    /// A token for `purpose` on `subject`, valid until `expires`.
    pub fn sign(
        &self,
        purpose: LinkPurpose,
        subject: &str,
        expires: DateTime<Utc>,
    ) -> Result<String, TokenError> {
        let claims = Claims {
            aud: AUDIENCE.into(),
            sub: subject.to_owned(),
            p: purpose,
            exp: expires.timestamp(),
        };
        encode(&Header::default(), &claims, &self.encoding).map_err(|e| TokenError(e.to_string()))
    }

    /// The subject of a valid, unexpired token for `purpose`.
    pub fn verify(&self, token: &str, purpose: LinkPurpose) -> Option<String> {
        let mut validation = Validation::default();
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "aud", "sub"]);
        let data = decode::<Claims>(token, &self.decoding, &validation).ok()?;
        (data.claims.p == purpose).then_some(data.claims.sub)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::TokenKeys;
    use crate::domain::Role;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn a_link_does_only_what_it_was_signed_for() {
        let keys = LinkKeys::new(SECRET);
        let later = Utc::now() + chrono::TimeDelta::days(30);
        let token = keys.sign(LinkPurpose::Answer, "f-1", later).unwrap();
        assert_eq!(
            keys.verify(&token, LinkPurpose::Answer).as_deref(),
            Some("f-1")
        );
        assert_eq!(keys.verify(&token, LinkPurpose::Unsubscribe), None);
        let expired = keys
            .sign(
                LinkPurpose::Answer,
                "f-1",
                Utc::now() - chrono::TimeDelta::hours(1),
            )
            .unwrap();
        assert_eq!(keys.verify(&expired, LinkPurpose::Answer), None);
        let other = LinkKeys::new(b"another-secret-another-secret-xx");
        assert_eq!(other.verify(&token, LinkPurpose::Answer), None);
    }

    #[test]
    fn links_and_logins_do_not_stand_in_for_each_other() {
        let links = LinkKeys::new(SECRET);
        let logins = TokenKeys::new(SECRET, 60);
        let access = logins.issue("account-1", Role::Coordinator, 0).unwrap();
        assert_eq!(links.verify(&access.token, LinkPurpose::Answer), None);
        let link = links
            .sign(
                LinkPurpose::Answer,
                "account-1",
                Utc::now() + chrono::TimeDelta::days(1),
            )
            .unwrap();
        assert!(logins.verify(&link).is_none(), "a link is no login");
    }
}
