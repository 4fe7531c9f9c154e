//! Domain values, parsed once at the edge ("parse, don't validate"): a value of one
//! of these types is valid by construction.

pub mod account;
pub mod match_flow;
pub mod password;
pub mod post;
pub mod screening;
pub mod text;
pub mod volunteer;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Today's date in the Netherlands (not UTC: between midnight and 01:00/02:00 they differ).
pub fn today() -> chrono::NaiveDate {
    local_date(chrono::Utc::now().naive_utc())
}

/// The date in Midden-Drenthe at the UTC moment `at` (dates people agree on, such as
/// an agreed end date or a VOG's issue date, are local dates).
pub fn local_date(at: chrono::NaiveDateTime) -> chrono::NaiveDate {
    at.and_utc()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
}

/// Declares a string-backed enum with its stored/serialised form.
macro_rules! string_enum_impl {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:tt),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// All values.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and serialised form.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the stored form.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::domain::UnknownValue;

            /// Reads the stored form (rows carry these enums, not strings).
            fn try_from(text: String) -> Result<$name, $crate::domain::UnknownValue> {
                $name::parse(&text).ok_or($crate::domain::UnknownValue {
                    what: stringify!($name),
                    text,
                })
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

/// A stored text that is not one of an enum's values (a row written by a newer
/// version, or by hand): loading it fails loudly instead of guessing.
#[derive(Debug, thiserror::Error)]
#[error("unknown {what} stored: {text:?}")]
pub struct UnknownValue {
    /// The enum.
    pub what: &'static str,
    /// The text found.
    pub text: String,
}

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
        /// Not published: the Servicepunt refused it at review (spam, paid work,
        /// care that is for professionals).
        Refused = "refused",
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

/// The matching crate has its own VOG states (it knows nothing of storage or the API):
/// one conversion each way, so the stored words are written in one place.
impl From<matching::VogStatus> for VogStatus {
    fn from(status: matching::VogStatus) -> Self {
        match status {
            matching::VogStatus::None => VogStatus::None,
            matching::VogStatus::Requested => VogStatus::Requested,
            matching::VogStatus::Valid => VogStatus::Valid,
        }
    }
}

impl From<VogStatus> for matching::VogStatus {
    fn from(status: VogStatus) -> Self {
        match status {
            VogStatus::None => matching::VogStatus::None,
            VogStatus::Requested => matching::VogStatus::Requested,
            VogStatus::Valid => matching::VogStatus::Valid,
        }
    }
}

impl PostStatus {
    /// Whether the author may still change the content (an author's change to an open
    /// or rejected post sends it back to review).
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            PostStatus::PendingReview | PostStatus::Open | PostStatus::Rejected
        )
    }

    /// Statuses an author may withdraw from. A `matched` request has a volunteer on it:
    /// the match is ended first (by the Servicepunt), so nobody is dropped silently.
    pub const WITHDRAWABLE: &'static [PostStatus] = &[
        PostStatus::PendingReview,
        PostStatus::Open,
        PostStatus::InProgress,
        PostStatus::Rejected,
    ];

    /// Statuses that are not final: everything but `closed`.
    pub const GOING: &'static [PostStatus] = &[
        PostStatus::PendingReview,
        PostStatus::Open,
        PostStatus::InProgress,
        PostStatus::Matched,
        PostStatus::Rejected,
    ];
}

/// A post status change as a rule states it: from which statuses, to which, and why
/// it closes (when it does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostMove {
    /// Statuses the post may be in now.
    pub from: &'static [PostStatus],
    /// The new status.
    pub to: PostStatus,
    /// Close reason, when closing.
    pub close_reason: Option<CloseReason>,
}

impl PostMove {
    /// Withdrawal by the author (or on their behalf).
    pub const WITHDRAW: PostMove = PostMove {
        from: PostStatus::WITHDRAWABLE,
        to: PostStatus::Closed,
        close_reason: Some(CloseReason::Withdrawn),
    };

    /// A vacancy its organisation filled: closed as done, which the figures count so
    /// (not as withdrawn).
    pub const FILLED: PostMove = PostMove {
        from: &[PostStatus::Open],
        to: PostStatus::Closed,
        close_reason: Some(CloseReason::Completed),
    };

    /// Refused at review: closed without ever being published.
    pub const REFUSE: PostMove = PostMove {
        from: &[PostStatus::PendingReview],
        to: PostStatus::Closed,
        close_reason: Some(CloseReason::Refused),
    };

    /// A review decision: published or sent back.
    pub fn review(approved: bool) -> PostMove {
        PostMove {
            from: &[PostStatus::PendingReview],
            to: if approved {
                PostStatus::Open
            } else {
                PostStatus::Rejected
            },
            close_reason: None,
        }
    }
}

impl PostKind {
    /// Why matches on a withdrawn post are declined, as their history shows it.
    pub fn withdrawn_note(self) -> &'static str {
        match self {
            PostKind::Request => "hulpvraag ingetrokken",
            PostKind::Offer => "hulpaanbod ingetrokken",
            PostKind::Vacancy => "vacature ingetrokken",
        }
    }

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
