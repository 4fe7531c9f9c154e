//! Who may see and do what with a post or a match. The answers are plain functions of
//! the caller and the record, so every use case (and every page) asks the same ones.

use diesel::QueryResult;

use super::parties::Viewer;
use crate::auth::Caller;
use crate::db::matches::MatchRecord;
use crate::db::posts::PostRecord;
use crate::db::{accounts, DbConn};
use crate::domain::match_flow::MatchAction;
use crate::domain::{PostKind, PostStatus, Role};

/// Whether `caller` may read this post at all: open posts are public.
pub fn may_read_post(record: &PostRecord, caller: Option<&Caller>) -> bool {
    record.row.status == PostStatus::Open || may_see_private(record, caller)
}

/// Whether the help asked for may be being arranged or given: the post is off the
/// public lists, but the volunteer on it still reads it (also a vacancy closed as
/// filled, whose confirmed volunteers go on).
pub fn help_arranged(record: &PostRecord) -> bool {
    matches!(
        record.row.status,
        PostStatus::InProgress | PostStatus::Matched | PostStatus::Closed
    )
}

/// Whether `caller` sees the private parts and may change the post (author or
/// coordinator).
pub fn may_see_private(record: &PostRecord, caller: Option<&Caller>) -> bool {
    caller.is_some_and(|c| c.is_coordinator() || c.id == record.row.author_id)
}

/// What a caller is to one match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchAccess {
    /// The coordinator, or the organisation whose vacancy it is.
    pub handler: bool,
    /// The volunteer.
    pub volunteer: bool,
    /// Whoever posted.
    pub poster: bool,
}

impl MatchAccess {
    /// Works out what `caller` is to `record` (one lookup for organisations).
    pub fn of(conn: &mut DbConn, caller: &Caller, record: &MatchRecord) -> QueryResult<Self> {
        let handler = caller.is_coordinator()
            || (caller.role == Role::Organisation
                && record.post.kind == PostKind::Vacancy
                && record.post.organisation_id.is_some()
                && accounts::organisation_of(conn, &caller.id)?.map(|(org, _)| org)
                    == record.post.organisation_id);
        Ok(MatchAccess {
            handler,
            volunteer: caller.id == record.row.volunteer_id,
            poster: caller.id == record.post.author_id,
        })
    }

    /// One of the two parties.
    pub fn is_party(self) -> bool {
        self.volunteer || self.poster
    }

    /// Whether the caller sees the match: its handler always, the parties once it is
    /// more than the coordinator's own pick.
    pub fn may_see(self, record: &MatchRecord) -> bool {
        self.handler || (self.is_party() && record.row.shown_to_parties)
    }

    /// The parties may step back themselves; everything else is the handler's.
    pub fn may_do(self, action: MatchAction) -> bool {
        self.handler || (action == MatchAction::Decline && self.is_party())
    }

    /// As whom the caller sees contact details.
    pub fn viewer(self) -> Viewer {
        if self.handler {
            Viewer::Handler
        } else if self.volunteer {
            Viewer::Volunteer
        } else {
            Viewer::Poster
        }
    }
}
