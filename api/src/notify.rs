//! Who hears about what by e-mail. Each function composes the mails one change
//! causes and queues them in the outbox on the connection it is given; callers run
//! it inside the transaction of the change, so the change and its mails commit (or
//! roll back) together.
//!
//! Contact details travel only in the introduction; message texts never travel.

use diesel::QueryResult;

use crate::db::accounts::{self, Account};
use crate::db::matches::{self, MatchRecord};
use crate::db::{outbox, posts, DbConn};
use crate::domain::account::first_name;
use crate::domain::match_flow::{MatchAction, MatchStatus, Outcome};
use crate::mail::{templates, Contact, Email, Letter, Links};

/// Where a mail goes.
struct Recipient {
    account_id: Option<String>,
    email: String,
    name: String,
    /// Whether the address is known to be right: confirmed by its owner, or entered
    /// by whoever posted for a resident. Only such addresses get contact details.
    confirmed: bool,
}

impl Recipient {
    /// A live account (deleted ones get nothing).
    fn of(account: &Account) -> Option<Recipient> {
        account.deleted_at.is_none().then(|| Recipient {
            account_id: Some(account.id.clone()),
            email: account.email.clone(),
            name: first_name(&account.name),
            confirmed: account.email_verified,
        })
    }

    fn send(&self, conn: &mut DbConn, letter: &Letter) -> QueryResult<()> {
        outbox::enqueue(conn, &self.address(letter)).map(drop)
    }

    fn address(&self, letter: &Letter) -> Email {
        letter.to(&self.email, &self.name)
    }
}

/// Asks a new account to confirm its address.
pub fn verify_email(
    conn: &mut DbConn,
    links: &Links,
    account: &Account,
    token: &str,
) -> QueryResult<()> {
    to_account(
        conn,
        account,
        &templates::verify_email(links.verify_email(token)),
    )
}

/// Sends a password-reset link.
pub fn reset_password(
    conn: &mut DbConn,
    links: &Links,
    account: &Account,
    token: &str,
) -> QueryResult<()> {
    to_account(
        conn,
        account,
        &templates::reset_password(links.reset_password(token)),
    )
}

fn to_account(conn: &mut DbConn, account: &Account, letter: &Letter) -> QueryResult<()> {
    match Recipient::of(account) {
        Some(r) => r.send(conn, letter),
        None => Ok(()),
    }
}

/// Tells the author the coordinator's decision on their post.
pub fn post_reviewed(
    conn: &mut DbConn,
    links: &Links,
    kind: &str,
    post_id: &str,
    approved: bool,
    reason: Option<&str>,
) -> QueryResult<()> {
    let Some(post) = posts::get(conn, kind, post_id)? else {
        return Ok(());
    };
    let link = links.post(kind, post_id);
    let letter = if approved {
        templates::post_approved(&post.row.title, link)
    } else {
        templates::post_rejected(&post.row.title, reason, link)
    };
    match author(conn, &post.row.author_id)? {
        Some(r) => r.send(conn, &letter),
        None => Ok(()),
    }
}

fn author(conn: &mut DbConn, id: &str) -> QueryResult<Option<Recipient>> {
    Ok(accounts::find(conn, id)?.as_ref().and_then(Recipient::of))
}

/// Everything a match mail needs.
struct Parties {
    record: MatchRecord,
    volunteer: Option<Account>,
    poster: Option<Account>,
    /// The resident a request was posted for (no account; maybe an address).
    resident: Option<Contact>,
}

fn parties(conn: &mut DbConn, match_id: &str) -> QueryResult<Option<Parties>> {
    let Some(record) = matches::get(conn, match_id)? else {
        return Ok(None);
    };
    let volunteer = accounts::find(conn, &record.row.volunteer_id)?;
    let poster = accounts::find(conn, &record.post.author_id)?;
    let resident = posts::get(conn, &record.post.kind, &record.post.id)?.and_then(|p| {
        p.row.on_behalf_name.map(|name| Contact {
            role: "Hulpvrager",
            name,
            email: p.row.on_behalf_email,
            phone: p.row.on_behalf_phone,
        })
    });
    Ok(Some(Parties {
        record,
        volunteer,
        poster,
        resident,
    }))
}

impl Parties {
    fn title(&self) -> &str {
        &self.record.post.title
    }

    fn link(&self, links: &Links) -> String {
        links.conversation(&self.record.row.id)
    }

    fn volunteer(&self) -> Option<Recipient> {
        self.volunteer.as_ref().and_then(Recipient::of)
    }

    fn poster(&self) -> Option<Recipient> {
        self.poster.as_ref().and_then(Recipient::of)
    }

    /// The resident, when the request was posted for them and they gave an address.
    fn resident(&self) -> Option<Recipient> {
        let r = self.resident.as_ref()?;
        Some(Recipient {
            account_id: None,
            email: r.email.clone()?,
            name: first_name(&r.name),
            confirmed: true,
        })
    }

    /// The side that asked: whoever posted, and the resident it was posted for.
    fn requesters(&self) -> Vec<Recipient> {
        [self.poster(), self.resident()]
            .into_iter()
            .flatten()
            .collect()
    }

    /// Everyone on the two sides of the match.
    fn everyone(&self) -> Vec<Recipient> {
        self.volunteer()
            .into_iter()
            .chain(self.requesters())
            .collect()
    }

    fn volunteer_contact(&self) -> Option<Contact> {
        self.volunteer.as_ref().map(|a| contact("Vrijwilliger", a))
    }

    /// What the volunteer learns: the resident, and whoever posted.
    fn requester_contacts(&self) -> Vec<Contact> {
        let role = match (self.resident.is_some(), self.record.post.kind.as_str()) {
            (true, _) => "Aangemeld door",
            (false, "vacancy") => "Organisatie",
            (false, "offer") => "Aanbieder",
            (false, _) => "Hulpvrager",
        };
        let poster = self.poster.as_ref().map(|a| contact(role, a));
        self.resident.iter().cloned().chain(poster).collect()
    }
}

fn contact(role: &'static str, account: &Account) -> Contact {
    Contact {
        role,
        name: account.name.clone(),
        email: Some(account.email.clone()),
        phone: account.phone.clone(),
    }
}

/// A volunteer responded: the author of the post hears who (not what).
pub fn response_received(conn: &mut DbConn, links: &Links, match_id: &str) -> QueryResult<()> {
    let Some(p) = parties(conn, match_id)? else {
        return Ok(());
    };
    let letter = templates::new_response(
        p.title(),
        &first_name(&p.record.volunteer_name),
        links.post(&p.record.post.kind, &p.record.post.id),
    );
    match p.poster() {
        Some(r) => r.send(conn, &letter),
        None => Ok(()),
    }
}

/// A match moved: introduction (with the contacts now shared), confirmation, end or
/// decline, by `actor_id`.
pub fn match_moved(
    conn: &mut DbConn,
    links: &Links,
    match_id: &str,
    action: MatchAction,
    outcome: Option<Outcome>,
    actor_id: &str,
) -> QueryResult<()> {
    let Some(p) = parties(conn, match_id)? else {
        return Ok(());
    };
    let link = p.link(links);
    match action {
        MatchAction::Introduce => {
            let to_requester = templates::introduced(
                p.title(),
                &Vec::from_iter(p.volunteer_contact()),
                link.clone(),
            );
            let to_volunteer =
                templates::introduced(p.title(), &p.requester_contacts(), link.clone());
            let unconfirmed = templates::introduced_without_details(p.title(), link);
            let letters = p
                .volunteer()
                .map(|r| (r, &to_volunteer))
                .into_iter()
                .chain(p.requesters().into_iter().map(|r| (r, &to_requester)));
            for (r, letter) in letters {
                r.send(conn, if r.confirmed { letter } else { &unconfirmed })?;
            }
            Ok(())
        }
        MatchAction::Confirm => send_all(
            conn,
            &p.everyone(),
            &templates::match_confirmed(p.title(), link),
        ),
        MatchAction::End => {
            let succeeded = outcome == Some(Outcome::Succeeded);
            send_all(
                conn,
                &p.everyone(),
                &templates::match_ended(p.title(), succeeded, link),
            )
        }
        MatchAction::Decline => match_declined(conn, &p, actor_id, link),
    }
}

/// Who hears of a decline: those who knew of the match, except whoever declined.
fn match_declined(conn: &mut DbConn, p: &Parties, actor_id: &str, link: String) -> QueryResult<()> {
    let before = matches::history(conn, &p.record.row.id)?
        .pop()
        .and_then(|e| e.from_status)
        .and_then(|s| MatchStatus::parse(&s));
    // The volunteer knew from their response on; the poster saw the response too (and
    // got a mail about it); the resident hears of a match only at the introduction.
    let volunteer_knew = matches!(
        before,
        Some(MatchStatus::Responded | MatchStatus::Introduced)
    );
    let poster_knew = volunteer_knew;
    let resident_knew = before == Some(MatchStatus::Introduced);
    let not_actor = |r: &Recipient| r.account_id.as_deref() != Some(actor_id);
    if volunteer_knew {
        if let Some(r) = p.volunteer().filter(not_actor) {
            r.send(
                conn,
                &templates::match_declined(p.title(), true, link.clone()),
            )?;
        }
    }
    let letter = templates::match_declined(p.title(), false, link);
    let requesters = [
        p.poster().filter(|_| poster_knew),
        p.resident().filter(|_| resident_knew),
    ];
    for r in requesters.into_iter().flatten().filter(not_actor) {
        r.send(conn, &letter)?;
    }
    Ok(())
}

fn send_all(conn: &mut DbConn, recipients: &[Recipient], letter: &Letter) -> QueryResult<()> {
    recipients.iter().try_for_each(|r| r.send(conn, letter))
}

/// A message was written: the parties who can read it on the platform (not the
/// sender) get a notice without the text.
pub fn message_posted(
    conn: &mut DbConn,
    links: &Links,
    match_id: &str,
    sender_id: &str,
) -> QueryResult<()> {
    let Some(p) = parties(conn, match_id)? else {
        return Ok(());
    };
    // Parties see a match only once it is more than the coordinator's own pick.
    if p.record.row.status == MatchStatus::Suggested.as_str() {
        return Ok(());
    }
    let sender = accounts::find(conn, sender_id)?
        .map(|a| first_name(&a.name))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Iemand".into());
    let letter = templates::new_message(p.title(), &sender, p.link(links));
    let readers: Vec<Recipient> = [p.volunteer(), p.poster()]
        .into_iter()
        .flatten()
        .filter(|r| r.account_id.as_deref() != Some(sender_id))
        .collect();
    send_all(conn, &readers, &letter)
}
