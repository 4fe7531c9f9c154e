//! Domain values, parsed once at the edge ("parse, don't validate"): a value of one
//! of these types is valid by construction.

pub mod account;
pub mod match_flow;
pub mod post;
pub mod text;
pub mod volunteer;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Today's date in the Netherlands (not UTC: between midnight and 01:00/02:00 they differ).
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
}

/// Declares a string-backed enum with its stored/serialised form.
macro_rules! string_enum_impl {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// All values.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and serialised form.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the stored form.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use string_enum_impl as string_enum;

string_enum_impl! {
    /// What an account is for.
    Role {
        /// *hulpvrager*, or someone posting on a resident's behalf.
        Resident = "resident",
        /// *vrijwilliger*.
        Volunteer = "volunteer",
        /// *vrijwilligersorganisatie*.
        Organisation = "organisation",
        /// Servicepunt staff; never self-registered.
        Coordinator = "coordinator",
    }
}

string_enum_impl! {
    /// The three kinds of post.
    PostKind {
        /// *hulpvraag*.
        Request = "request",
        /// *hulpaanbod*.
        Offer = "offer",
        /// *vacature*.
        Vacancy = "vacancy",
    }
}

string_enum_impl! {
    /// A post's place in its lifecycle.
    PostStatus {
        /// Waiting for the coordinator.
        PendingReview = "pending_review",
        /// Published.
        Open = "open",
        /// A match is being arranged.
        InProgress = "in_progress",
        /// Matched.
        Matched = "matched",
        /// Finished, see the close reason.
        Closed = "closed",
        /// Sent back to the author with the coordinator's reason.
        Rejected = "rejected",
    }
}

string_enum_impl! {
    /// Why a post was closed.
    CloseReason {
        /// The help was given.
        Completed = "completed",
        /// *geen bemiddeling*.
        NoMatch = "no_match",
        /// The author took it back.
        Withdrawn = "withdrawn",
        /// Too old.
        Expired = "expired",
    }
}

string_enum_impl! {
    /// How a request reached the Servicepunt (reports count each request in exactly one).
    IntakeChannel {
        /// Posted by the resident themself.
        Own = "self",
        /// Via family, neighbours or friends (*via inwoner/netwerk*).
        Network = "network",
        /// Via a professional (*via doorverwijzing*).
        Referral = "referral",
        /// Taken by the coordinator over the phone.
        Phone = "phone",
    }
}

string_enum_impl! {
    /// State of a volunteer's certificate of conduct (*VOG*).
    VogStatus {
        /// None on file.
        None = "none",
        /// Applied for.
        Requested = "requested",
        /// Issued (see the date).
        Valid = "valid",
    }
}

impl PostKind {
    /// The plural used in URLs: `requests`, `offers`, `vacancies`.
    pub fn plural(self) -> &'static str {
        match self {
            PostKind::Request => "requests",
            PostKind::Offer => "offers",
            PostKind::Vacancy => "vacancies",
        }
    }

    /// Parses the plural used in URLs.
    pub fn from_plural(text: &str) -> Option<PostKind> {
        PostKind::ALL.iter().copied().find(|k| k.plural() == text)
    }

    /// Which role may author this kind (coordinators may author every kind).
    pub fn author_role(self) -> Role {
        match self {
            PostKind::Request => Role::Resident,
            PostKind::Offer => Role::Volunteer,
            PostKind::Vacancy => Role::Organisation,
        }
    }
}
