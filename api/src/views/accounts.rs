//! An account as its owner (or the coordinator) sees it.

use serde::Serialize;
use utoipa::ToSchema;

use crate::db::accounts::Account;
use crate::db::volunteers::VolunteerProfileView;
use crate::domain::account::{first_name, Registration};

/// An account as its owner sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountView {
    /// Id.
    pub id: String,
    /// E-mail.
    pub email: String,
    /// Name.
    pub name: String,
    /// How pages greet them: the first name, or *Mevrouw J.* for *Mevrouw Jansen*.
    pub first_name: String,
    /// Role.
    pub role: String,
    /// Phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Whether the address was confirmed (by the link in the welcome mail).
    pub email_verified: bool,
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> Self {
        AccountView {
            id: a.id.clone(),
            email: a.email.clone(),
            name: a.name.clone(),
            first_name: first_name(&a.name),
            role: a.role.clone(),
            phone: a.phone.clone(),
            email_verified: a.email_verified,
        }
    }
}

/// The answer to `POST /api/v1/auth/register`: the same for an address that is new
/// and one that has an account already (only the mail differs), so it tells nobody
/// which addresses have an account. It repeats what was sent, never what is stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationView {
    /// The address the mail goes to, as it was read (lower case).
    pub email: String,
    /// The name, as it was sent.
    pub name: String,
    /// The role asked for.
    pub role: String,
    /// What happens now, in Dutch.
    pub message: &'static str,
}

impl RegistrationView {
    /// The answer for this registration.
    pub fn of(registration: &Registration) -> RegistrationView {
        RegistrationView {
            email: registration.email.as_str().to_owned(),
            name: registration.name.clone(),
            role: registration.role.as_str().to_owned(),
            message: "Wij hebben u een e-mail gestuurd. Daarin staat wat u nu kunt doen.",
        }
    }
}

/// A login's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenView {
    /// JWT for `Authorization: Bearer`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until it expires.
    pub expires_in: i64,
}

/// A browser session as the page sees it: `POST` and `GET /api/v1/auth/session`.
/// Both fields are null when there is no live session (the page asks on every load,
/// so that is an answer, not an error).
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    /// The logged-in account, or null.
    pub account: Option<AccountView>,
    /// The token to send in `X-CSRF-Token` with every request that changes something,
    /// or null.
    pub csrf_token: Option<String>,
}

impl SessionView {
    /// No session.
    pub fn none() -> SessionView {
        SessionView {
            account: None,
            csrf_token: None,
        }
    }
}

/// `GET /api/v1/me`.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    /// The account.
    #[serde(flatten)]
    pub account: AccountView,
    /// For volunteers: the profile (null until filled in).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volunteer_profile: Option<VolunteerProfileView>,
    /// For volunteers with a valid VOG on record: the last day it counts (it may have
    /// passed: then the VOG has run out).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub vog_valid_until: Option<chrono::NaiveDate>,
    /// For organisations: `{id, name}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<serde_json::Value>,
}

/// A volunteer with account and profile (coordinator only).
#[derive(Debug, Serialize, ToSchema)]
pub struct VolunteerView {
    /// The account, contact details included.
    #[serde(flatten)]
    pub account: AccountView,
    /// The profile.
    pub profile: VolunteerProfileView,
    /// The last day a valid VOG counts (its issue date plus the configured years):
    /// a VOG recorded as valid can have expired since.
    #[schema(value_type = Option<String>, format = Date)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vog_valid_until: Option<chrono::NaiveDate>,
    /// Matches (not declined) made in the last 90 days: the load criterion counts them.
    pub recent_matches: u32,
}
