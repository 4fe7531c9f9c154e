//! The match lifecycle as pure rules: which action moves a match from which status to
//! which, and what that means for the request it belongs to.
//!
//! `suggested` (coordinator's pick) or `responded` (volunteer reacted) → `introduced`
//! (*kennismaking*; contact details shared from now on) → `active` (confirmed) →
//! `ended` with outcome `succeeded` or `failed`; `declined` from any state before
//! `active`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{string_enum, CloseReason, PostMove, PostStatus};

string_enum! {
    /// Where a match stands.
    MatchStatus {
        /// Picked by the coordinator from the suggestions.
        Suggested = "suggested",
        /// The volunteer responded (*reageerde*).
        Responded = "responded",
        /// The coordinator introduced the parties (*kennismaking*).
        Introduced = "introduced",
        /// Confirmed.
        Active = "active",
        /// Finished, see the outcome.
        Ended = "ended",
        /// Declined by one of the parties or the coordinator.
        Declined = "declined",
    }
}

string_enum! {
    /// What someone does to a match.
    MatchAction {
        /// Arrange the *kennismaking*.
        Introduce = "introduce",
        /// Confirm the match.
        Confirm = "confirm",
        /// Decline it.
        Decline = "decline",
        /// End it with an outcome.
        End = "end",
    }
}

string_enum! {
    /// How an ended match went.
    Outcome {
        /// *Geslaagde bemiddeling*.
        Succeeded = "succeeded",
        /// Did not work out.
        Failed = "failed",
    }
}

impl MatchAction {
    /// The statuses this action may start from.
    pub fn from_statuses(self) -> &'static [MatchStatus] {
        use MatchStatus::*;
        match self {
            MatchAction::Introduce => &[Suggested, Responded],
            MatchAction::Confirm => &[Introduced],
            MatchAction::Decline => &[Suggested, Responded, Introduced],
            MatchAction::End => &[Active],
        }
    }

    /// The status after the action.
    pub fn to_status(self) -> MatchStatus {
        match self {
            MatchAction::Introduce => MatchStatus::Introduced,
            MatchAction::Confirm => MatchStatus::Active,
            MatchAction::Decline => MatchStatus::Declined,
            MatchAction::End => MatchStatus::Ended,
        }
    }

    /// Why the action cannot be done from `status`, in Dutch.
    pub fn refusal(self, status: MatchStatus) -> String {
        if status == self.to_status() {
            return match self {
                MatchAction::Introduce => "Zij zijn al aan elkaar voorgesteld.",
                MatchAction::Confirm => "Deze koppeling is al bevestigd.",
                MatchAction::Decline => "Deze koppeling is al afgewezen.",
                MatchAction::End => "Deze koppeling is al afgesloten.",
            }
            .into();
        }
        let now = match status {
            MatchStatus::Suggested => "nog maar voorgesteld",
            MatchStatus::Responded => "nog niet voorgesteld aan elkaar",
            MatchStatus::Introduced => "nog niet bevestigd",
            MatchStatus::Active => "al bevestigd",
            MatchStatus::Ended => "al afgesloten",
            MatchStatus::Declined => "afgewezen",
        };
        format!("Deze koppeling is {now}; {} kan nu niet.", self.verb_nl())
    }

    /// The action as a Dutch verb ("voorstellen aan elkaar", "bevestigen", ...).
    pub fn verb_nl(self) -> &'static str {
        match self {
            MatchAction::Introduce => "voorstellen aan elkaar",
            MatchAction::Confirm => "bevestigen",
            MatchAction::Decline => "afwijzen",
            MatchAction::End => "afsluiten",
        }
    }

    /// What the audit log says was done ("koppeling bevestigd").
    pub fn done_nl(self) -> &'static str {
        match self {
            MatchAction::Introduce => "aan elkaar voorgesteld",
            MatchAction::Confirm => "koppeling bevestigd",
            MatchAction::Decline => "koppeling afgewezen",
            MatchAction::End => "koppeling afgesloten",
        }
    }
}

string_enum! {
    /// How a match came about.
    MatchOrigin {
        /// The volunteer responded to the post.
        Response = "response",
        /// The coordinator picked the volunteer from the suggestions.
        Suggestion = "suggestion",
    }
}

impl MatchStatus {
    /// Still going: neither declined nor ended.
    pub fn is_open(self) -> bool {
        !matches!(self, MatchStatus::Declined | MatchStatus::Ended)
    }

    /// Whether the parties see each other's contact details (from the *kennismaking* on).
    pub fn shares_contacts(self) -> bool {
        matches!(
            self,
            MatchStatus::Introduced | MatchStatus::Active | MatchStatus::Ended
        )
    }

    /// Whether the parties see the match at all (a coordinator's pick is theirs alone
    /// until the introduction).
    pub fn visible_to_parties(self) -> bool {
        self != MatchStatus::Suggested
    }

    /// A volunteer on the request: introduced or confirmed.
    pub fn occupies_request(self) -> bool {
        matches!(self, MatchStatus::Introduced | MatchStatus::Active)
    }

    /// Every status that is still going.
    pub fn open_statuses() -> impl Iterator<Item = MatchStatus> {
        MatchStatus::ALL.iter().copied().filter(|s| s.is_open())
    }
}

/// What a match action does to its request.
pub fn request_effect(action: MatchAction, outcome: Option<Outcome>) -> PostMove {
    use PostStatus::*;
    let (from, to, close_reason): (&'static [PostStatus], _, _) = match (action, outcome) {
        (MatchAction::Introduce, _) => (&[Open], InProgress, None),
        (MatchAction::Confirm, _) => (&[Open, InProgress], Matched, None),
        (MatchAction::End, Some(Outcome::Succeeded)) => {
            (&[Matched], Closed, Some(CloseReason::Completed))
        }
        (MatchAction::End, _) => (&[Matched], Closed, Some(CloseReason::NoMatch)),
        // A declined introduction frees the request again (if nobody else is on it).
        (MatchAction::Decline, _) => (&[InProgress, Matched], Open, None),
    };
    PostMove {
        from,
        to,
        close_reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lifecycle_allows_only_its_own_steps() {
        use MatchAction::*;
        use MatchStatus::*;
        let allowed = |a: MatchAction, s: MatchStatus| a.from_statuses().contains(&s);
        assert!(allowed(Introduce, Responded) && allowed(Introduce, Suggested));
        assert!(
            allowed(Confirm, Introduced)
                && !allowed(Confirm, Declined)
                && !allowed(Confirm, Responded)
        );
        assert!(
            allowed(Decline, Introduced) && !allowed(Decline, Active) && !allowed(Decline, Ended)
        );
        assert!(allowed(End, Active) && !allowed(End, Introduced) && !allowed(End, Responded));
        for a in MatchAction::ALL {
            assert!(
                !allowed(*a, Ended) && !allowed(*a, Declined),
                "{a} after the end"
            );
        }
        assert!(End.refusal(Responded).contains("afsluiten kan nu niet"));
    }

    #[test]
    fn a_request_follows_its_match() {
        assert_eq!(
            request_effect(MatchAction::Confirm, None).to,
            PostStatus::Matched
        );
        assert_eq!(
            request_effect(MatchAction::End, Some(Outcome::Succeeded)).close_reason,
            Some(CloseReason::Completed)
        );
        assert_eq!(
            request_effect(MatchAction::End, Some(Outcome::Failed)).close_reason,
            Some(CloseReason::NoMatch)
        );
        assert_eq!(
            request_effect(MatchAction::Decline, None).to,
            PostStatus::Open
        );
    }

    #[test]
    fn contacts_are_shared_from_the_introduction_on() {
        use MatchStatus::*;
        let sharing: Vec<_> = MatchStatus::ALL
            .iter()
            .filter(|s| s.shares_contacts())
            .collect();
        assert_eq!(sharing, [&Introduced, &Active, &Ended]);
        assert_eq!(
            MatchStatus::open_statuses().collect::<Vec<_>>(),
            [Suggested, Responded, Introduced, Active]
        );
    }
}
