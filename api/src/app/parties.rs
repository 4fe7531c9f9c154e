//! The parties of a match and what each may see of the others: one loader for the
//! match view (the contact details on screen) and the mail (the introduction), so the
//! two cannot disagree about who learns whose address.
//!
//! Contact details are shared from the *kennismaking* (introduction) on, and only the
//! other side's: the volunteer sees whoever posted and the resident it is for; those
//! see the volunteer. Whoever handles the match (the coordinator, or the organisation
//! of a vacancy) sees everyone. A request posted for someone can say the volunteer
//! calls whoever posted: the volunteer then learns only the resident's name.

use diesel::QueryResult;

use crate::db::accounts::{self, Account};
use crate::db::matches::MatchRecord;
use crate::db::{posts, DbConn};
use crate::domain::PostKind;
use crate::mail::Contact;
use crate::views::matches::{ContactView, MatchContacts};

/// A match with the people on both sides.
pub struct Parties {
    /// The match.
    pub record: MatchRecord,
    /// The volunteer's account.
    pub volunteer: Option<Account>,
    /// Whoever posted.
    pub poster: Option<Account>,
    /// The resident a request was posted for (no account; maybe an address).
    pub resident: Option<Contact>,
    /// The volunteer calls whoever posted, not the resident, who gets no mail.
    pub resident_via_poster: bool,
    /// For a vacancy: its organisation's name (the poster is its contact person).
    pub organisation: Option<String>,
}

/// Who is looking at a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The coordinator, or the organisation of a vacancy.
    Handler,
    /// The volunteer of the match.
    Volunteer,
    /// Whoever posted.
    Poster,
}

/// Loads the people of `record`.
pub fn load(conn: &mut DbConn, record: MatchRecord) -> QueryResult<Parties> {
    let volunteer = accounts::find(conn, &record.row.volunteer_id)?;
    let poster = accounts::find(conn, &record.post.author_id)?;
    let resident_row = posts::resident_of(conn, &record.post.id)?;
    let resident_via_poster = resident_row.as_ref().is_some_and(|r| r.via_poster);
    let resident = resident_row.map(|r| Contact {
        role: "Hulpvrager",
        name: r.name,
        email: r.email,
        phone: r.phone,
    });
    let organisation = match record.post.kind {
        PostKind::Vacancy => {
            accounts::organisation_of(conn, &record.post.author_id)?.map(|(_, name)| name)
        }
        _ => None,
    };
    Ok(Parties {
        record,
        volunteer,
        poster,
        resident,
        resident_via_poster,
        organisation,
    })
}

fn contact(role: &'static str, account: &Account) -> Contact {
    Contact {
        role,
        name: account.name.clone(),
        email: Some(account.email.clone()),
        phone: account.phone.clone(),
    }
}

impl Parties {
    /// The volunteer's details, as the other side gets them.
    pub fn volunteer_contact(&self) -> Option<Contact> {
        self.volunteer.as_ref().map(|a| contact("Vrijwilliger", a))
    }

    /// Whoever posted, named for what they are in this match.
    pub fn poster_contact(&self) -> Option<Contact> {
        let role = match (self.resident.is_some(), self.record.post.kind) {
            (true, _) => "Aangemeld door",
            (false, PostKind::Vacancy) => "Organisatie",
            (false, PostKind::Offer) => "Aanbieder",
            (false, PostKind::Request) => "Hulpvrager",
        };
        // A request the Servicepunt took by phone: its login is nobody's contact (the
        // Servicepunt's own number is on every page and in every mail).
        let mut poster = self
            .poster
            .as_ref()
            .filter(|a| !a.is_coordinator())
            .map(|a| contact(role, a))?;
        // "Zorgcentrum De Hofstee (contactpersoon: Marja Kuipers)".
        if let Some(organisation) = self.organisation.as_deref().filter(|o| *o != poster.name) {
            poster.name = format!("{organisation} (contactpersoon: {})", poster.name);
        }
        Some(poster)
    }

    /// What the volunteer learns: the resident, and whoever posted.
    pub fn requester_contacts(&self) -> Vec<Contact> {
        self.resident_for_volunteer()
            .into_iter()
            .chain(self.poster_contact())
            .collect()
    }

    /// The resident as the volunteer learns of them: only the name when the volunteer
    /// calls whoever posted.
    fn resident_for_volunteer(&self) -> Option<Contact> {
        let mut resident = self.resident.clone()?;
        if self.resident_via_poster {
            resident.email = None;
            resident.phone = None;
        }
        Some(resident)
    }

    /// The contact details `viewer` may see now (none before the introduction).
    pub fn contacts_for(&self, viewer: Viewer) -> Option<MatchContacts> {
        if !self.record.row.status.shares_contacts() {
            return None;
        }
        let shown = |c: Contact| ContactView {
            name: c.name,
            email: c.email,
            phone: c.phone,
        };
        let handler = viewer == Viewer::Handler;
        Some(MatchContacts {
            volunteer: self
                .volunteer_contact()
                .filter(|_| handler || viewer == Viewer::Poster)
                .map(shown),
            poster: self
                .poster_contact()
                .filter(|_| handler || viewer == Viewer::Volunteer)
                .map(shown),
            resident: if handler {
                self.resident.clone()
            } else {
                self.resident_for_volunteer()
            }
            .map(shown),
        })
    }
}
