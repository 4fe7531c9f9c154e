//! Who hears about what by e-mail. Each function composes the mails one change
//! causes and queues them in the outbox of the use case's transaction, so the change
//! and its mails commit (or roll back) together.
//!
//! Contact details travel only in the introduction, and only to addresses known to be
//! right; message texts never travel.

use diesel::QueryResult;

use super::parties::Parties;
use super::posts::Review;
use super::Tx;
use crate::db::accounts::{self, Account};
use crate::db::matches;
use crate::db::posts::{self, PostRecord};
use crate::domain::account::first_name;
use crate::domain::match_flow::{MatchAction, MatchStatus, Outcome};
use crate::domain::{PostKind, PostStatus};
use crate::mail::{templates, Letter};

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

    /// The resident a request was posted for: no account; the address was entered by
    /// whoever posted.
    fn resident(email: String, name: &str) -> Recipient {
        Recipient {
            account_id: None,
            email,
            name: first_name(name),
            confirmed: true,
        }
    }

    fn send(&self, tx: &mut Tx<'_>, letter: &Letter) -> QueryResult<()> {
        let mail = letter.signed_to(&self.email, &self.name, tx.links.contact());
        tx.send_mail(&mail)
    }

    fn is(&self, account_id: &str) -> bool {
        self.account_id.as_deref() == Some(account_id)
    }
}

/// Asks a new account to confirm its address.
pub fn verify_email(tx: &mut Tx<'_>, account: &Account, token: &str) -> QueryResult<()> {
    let letter = templates::verify_email(tx.links.verify_email(token));
    to_account(tx, account, &letter)
}

/// Sends a password-reset link.
pub fn reset_password(tx: &mut Tx<'_>, account: &Account, token: &str) -> QueryResult<()> {
    let letter = templates::reset_password(tx.links.reset_password(token));
    to_account(tx, account, &letter)
}

/// Tells the owner of an address that someone tried to register with it, with a
/// link to choose a new password (they may simply have forgotten their account).
pub fn registration_attempt(tx: &mut Tx<'_>, account: &Account, token: &str) -> QueryResult<()> {
    let letter = templates::registration_attempt(tx.links.reset_password(token));
    to_account(tx, account, &letter)
}

fn to_account(tx: &mut Tx<'_>, account: &Account, letter: &Letter) -> QueryResult<()> {
    match Recipient::of(account) {
        Some(r) => r.send(tx, letter),
        None => Ok(()),
    }
}

/// Tells the author the coordinator's decision on their post.
pub fn post_reviewed(tx: &mut Tx<'_>, post: &PostRecord, decision: &Review) -> QueryResult<()> {
    let link = tx.links.post(post.row.kind.as_str(), &post.row.id);
    let title = &post.row.title;
    let letter = match decision {
        Review::Approve => {
            let removed = [&post.row.title, &post.row.description]
                .iter()
                .any(|text| text.contains(crate::domain::screening::REMOVED));
            templates::post_approved(title, post.row.kind, removed, link)
        }
        Review::Reject(reason) => templates::post_rejected(title, Some(reason), link),
        Review::Refuse(reason) => templates::post_refused(title, reason),
    };
    // A request the Servicepunt took itself: its author decided; nobody to tell.
    match accounts::find(tx.conn, &post.row.author_id)? {
        Some(a) if !a.is_coordinator() => to_account(tx, &a, &letter),
        _ => Ok(()),
    }
}

impl Parties {
    fn title(&self) -> &str {
        &self.record.post.title
    }

    fn volunteer_recipient(&self) -> Option<Recipient> {
        self.volunteer.as_ref().and_then(Recipient::of)
    }

    /// Whoever posted, unless the Servicepunt took the request itself (by phone): it
    /// needs no mail about its own work.
    fn poster_recipient(&self) -> Option<Recipient> {
        self.poster
            .as_ref()
            .filter(|a| !a.is_coordinator())
            .and_then(Recipient::of)
    }

    /// The resident, when the request was posted for them and they gave an address
    /// (and may be reached: not when whoever posted takes the calls).
    fn resident_recipient(&self) -> Option<Recipient> {
        let r = self
            .resident
            .as_ref()
            .filter(|_| !self.resident_via_poster)?;
        Some(Recipient::resident(r.email.clone()?, &r.name))
    }

    /// The side that asked: whoever posted, and the resident it was posted for.
    fn requesters(&self) -> Vec<Recipient> {
        [self.poster_recipient(), self.resident_recipient()]
            .into_iter()
            .flatten()
            .collect()
    }

    /// Everyone on the two sides of the match.
    fn everyone(&self) -> Vec<Recipient> {
        self.volunteer_recipient()
            .into_iter()
            .chain(self.requesters())
            .collect()
    }
}

/// A volunteer responded: the author of the post hears who (not what).
pub fn response_received(tx: &mut Tx<'_>, p: &Parties) -> QueryResult<()> {
    let post = &p.record.post;
    let letter = templates::new_response(
        p.title(),
        &first_name(&p.record.volunteer_name),
        post.kind,
        tx.links.post(post.kind.as_str(), &post.id),
    );
    match p.poster_recipient() {
        Some(r) => r.send(tx, &letter),
        None => Ok(()),
    }
}

/// A volunteer's response or introduction was declined because someone else's help
/// was confirmed: they hear it, if they knew of it (a suggestion they never saw, not).
pub fn not_needed(tx: &mut Tx<'_>, p: &Parties, before: MatchStatus) -> QueryResult<()> {
    if !matches!(before, MatchStatus::Responded | MatchStatus::Introduced) {
        return Ok(());
    }
    let link = tx.links.conversation(&p.record.row.id);
    let letter = templates::help_found_elsewhere(p.title(), link);
    send_all(tx, &Vec::from_iter(p.volunteer_recipient()), &letter)
}

/// A match moved from `before`: introduction (with the contacts now shared),
/// confirmation, end (`search_again`: its request is back online) or decline, by
/// `actor_id`.
pub fn match_moved(
    tx: &mut Tx<'_>,
    p: &Parties,
    before: MatchStatus,
    action: MatchAction,
    outcome: Option<Outcome>,
    search_again: bool,
    actor_id: &str,
) -> QueryResult<()> {
    let link = tx.links.conversation(&p.record.row.id);
    match action {
        MatchAction::Introduce => introduced(tx, p, link),
        // Not to whoever took the step (an organisation confirming its volunteer).
        MatchAction::Confirm => send_all(
            tx,
            &but(p.everyone(), actor_id),
            &templates::match_confirmed(p.title(), p.record.post.kind, link),
        ),
        MatchAction::End => {
            let succeeded = outcome == Some(Outcome::Succeeded);
            let again = search_again && p.record.post.kind == PostKind::Request;
            let to_volunteer = templates::match_ended(p.title(), succeeded, None, link.clone());
            let to_requesters = templates::match_ended(p.title(), succeeded, Some(again), link);
            send_all(
                tx,
                &but(Vec::from_iter(p.volunteer_recipient()), actor_id),
                &to_volunteer,
            )?;
            send_all(tx, &but(p.requesters(), actor_id), &to_requesters)
        }
        MatchAction::Decline => declined(tx, p, before, actor_id, link),
    }
}

fn introduced(tx: &mut Tx<'_>, p: &Parties, link: String) -> QueryResult<()> {
    let kind = p.record.post.kind;
    let volunteer = Vec::from_iter(p.volunteer_contact());
    let mut to_requester = templates::introduced(p.title(), &volunteer, kind, link.clone());
    if let Some(resident) = &p.resident {
        let got = templates::what_the_volunteer_got(&resident.name, p.resident_via_poster);
        to_requester.paragraphs.insert(1, got);
    }
    let to_volunteer =
        templates::introduced(p.title(), &p.requester_contacts(), kind, link.clone());
    let unconfirmed = templates::introduced_without_details(p.title(), kind, link);
    let asked_by = p
        .poster
        .as_ref()
        .map_or(String::new(), |a| first_name(&a.name));
    let for_resident = templates::introduced_to_resident(p.title(), &volunteer, &asked_by);
    let letters = [
        p.volunteer_recipient().map(|r| (r, &to_volunteer)),
        p.poster_recipient().map(|r| (r, &to_requester)),
        p.resident_recipient().map(|r| (r, &for_resident)),
    ];
    let letters = letters.into_iter().flatten();
    for (r, letter) in letters {
        r.send(tx, if r.confirmed { letter } else { &unconfirmed })?;
    }
    Ok(())
}

/// Who hears of a decline: those who knew of the match, except whoever declined.
fn declined(
    tx: &mut Tx<'_>,
    p: &Parties,
    before: MatchStatus,
    actor_id: &str,
    link: String,
) -> QueryResult<()> {
    // The volunteer knew from their response on; the poster saw the response too (and
    // got a mail about it); the resident hears of a match only at the introduction.
    let volunteer_knew = matches!(before, MatchStatus::Responded | MatchStatus::Introduced);
    let poster_knew = volunteer_knew;
    let resident_knew = before == MatchStatus::Introduced;
    // The post after the move (read once for both sides).
    let post_now = posts::find(tx.conn, &p.record.post.id)?.map(|post| post.row.status);
    if volunteer_knew {
        // A post that closed (a vacancy filled or withdrawn) gives its own reason, in
        // words of the system; a person's reason the volunteer reads on the match page.
        let closed = post_now == Some(PostStatus::Closed);
        let now = matches::get(tx.conn, &p.record.row.id)?.filter(|_| closed);
        let why = now.as_ref().and_then(|m| m.row.reason.as_deref());
        if let Some(r) = p.volunteer_recipient().filter(|r| !r.is(actor_id)) {
            r.send(tx, &templates::match_declined(p.title(), why, link.clone()))?;
        }
    }
    let letter = if p.record.post.kind == PostKind::Vacancy {
        let volunteer = first_name(&p.record.volunteer_name);
        templates::vacancy_response_declined(p.title(), &volunteer, link)
    } else {
        let volunteer_stepped_back = p.volunteer.as_ref().is_some_and(|v| v.id == actor_id);
        // After the move: a request nobody else is on is open again.
        let open_again =
            p.record.post.kind == PostKind::Request && post_now == Some(PostStatus::Open);
        templates::match_declined_to_requester(p.title(), volunteer_stepped_back, open_again, link)
    };
    // The resident has no account: no link that needs one.
    let for_resident = Letter {
        action: None,
        ..letter.clone()
    };
    let requesters = [
        p.poster_recipient()
            .filter(|_| poster_knew)
            .map(|r| (r, &letter)),
        p.resident_recipient()
            .filter(|_| resident_knew)
            .map(|r| (r, &for_resident)),
    ];
    for (r, letter) in requesters.into_iter().flatten() {
        if !r.is(actor_id) {
            r.send(tx, letter)?;
        }
    }
    Ok(())
}

/// One letter to the volunteer, another to the side that asked.
fn to_each_side(
    tx: &mut Tx<'_>,
    p: &Parties,
    to_volunteer: &Letter,
    to_requesters: &Letter,
) -> QueryResult<()> {
    send_all(tx, &Vec::from_iter(p.volunteer_recipient()), to_volunteer)?;
    send_all(tx, &p.requesters(), to_requesters)
}

/// `recipients` without the account `actor_id`: nobody is mailed about their own step.
fn but(recipients: Vec<Recipient>, actor_id: &str) -> Vec<Recipient> {
    recipients.into_iter().filter(|r| !r.is(actor_id)).collect()
}

fn send_all(tx: &mut Tx<'_>, recipients: &[Recipient], letter: &Letter) -> QueryResult<()> {
    recipients.iter().try_for_each(|r| r.send(tx, letter))
}

/// Mails about new messages in one conversation go out at most once per this many
/// minutes to each reader; the next one says how many are waiting.
pub const MESSAGE_MAIL_MINUTES: i64 = 15;

/// A message was written: the parties who can read it on the platform (not the
/// sender) get a notice without the text, unless someone wrote in this conversation
/// in the last [`MESSAGE_MAIL_MINUTES`] (then that notice covers it; the next one
/// counts everything unread).
pub fn message_posted(
    tx: &mut Tx<'_>,
    p: &Parties,
    sender_id: &str,
    message_id: &str,
) -> QueryResult<()> {
    // Parties see a match only once it is more than the coordinator's own pick.
    if !p.record.row.shown_to_parties {
        return Ok(());
    }
    // The sender is a party, or whoever handles the match.
    let party = [&p.volunteer, &p.poster]
        .into_iter()
        .flatten()
        .find(|a| a.id == sender_id)
        .cloned();
    let sender = match party {
        Some(a) => Some(a),
        None => accounts::find(tx.conn, sender_id)?,
    };
    let sender = sender
        .map(|a| first_name(&a.name))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Iemand".into());
    let match_id = p.record.row.id.clone();
    // A response's text (written with the match) had its own mail: it does not count.
    let since = (crate::db::now() - chrono::TimeDelta::minutes(MESSAGE_MAIL_MINUTES))
        .max(p.record.row.created_at);
    let readers = [p.volunteer_recipient(), p.poster_recipient()]
        .into_iter()
        .flatten()
        .filter(|r| !r.is(sender_id));
    for reader in readers {
        let reader_id = reader.account_id.clone().unwrap_or_default();
        if matches::others_wrote_since(tx.conn, &match_id, &reader_id, since, message_id)? {
            continue;
        }
        let unread =
            matches::unread_after(tx.conn, &match_id, &reader_id, p.record.row.created_at)?.max(1);
        let letter =
            templates::new_message(p.title(), &sender, unread, tx.links.conversation(&match_id));
        reader.send(tx, &letter)?;
    }
    Ok(())
}

/// The two sides asked about a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The volunteer who responded.
    Volunteer,
    /// Whoever posted, and the resident it was posted for.
    Requester,
}

impl Side {
    /// As stored in the follow-up's occasion.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Volunteer => "volunteer",
            Side::Requester => "requester",
        }
    }
}

/// The author of a request (or the resident it was posted for, when the Servicepunt
/// posted it) is asked whether it is still needed.
pub fn still_current(
    tx: &mut Tx<'_>,
    post: &PostRecord,
    weeks: i64,
    choices: Vec<(String, String)>,
) -> QueryResult<()> {
    let letter = templates::still_current(&post.row.title, weeks, choices);
    let author = accounts::find(tx.conn, &post.row.author_id)?;
    if !author.as_ref().is_some_and(Account::is_coordinator) {
        return match author {
            Some(a) => to_account(tx, &a, &letter),
            None => Ok(()),
        };
    }
    let resident = crate::db::posts::resident_of(tx.conn, &post.row.id)?;
    match resident.and_then(|r| Some((r.email?, r.name))) {
        Some((email, name)) => Recipient::resident(email, &name).send(tx, &letter),
        None => Ok(()),
    }
}

/// One side of a response nobody acted on is asked whether it led to a match.
pub fn contact_question(
    tx: &mut Tx<'_>,
    p: &Parties,
    side: Side,
    closed: bool,
    choices: Vec<(String, String)>,
) -> QueryResult<()> {
    let (recipients, other) = match side {
        Side::Volunteer => (
            p.volunteer_recipient().into_iter().collect::<Vec<_>>(),
            "de hulpvrager".to_owned(),
        ),
        Side::Requester => (p.requesters(), first_name(&p.record.volunteer_name)),
    };
    let letter = templates::contact_question(p.title(), &other, closed, choices);
    send_all(tx, &recipients, &letter)
}

/// Both sides of an introduction without a decision get a reminder.
pub fn introduction_reminder(tx: &mut Tx<'_>, p: &Parties) -> QueryResult<()> {
    let (kind, link) = (p.record.post.kind, tx.links.conversation(&p.record.row.id));
    let to_volunteer = templates::introduction_reminder(p.title(), kind, false, link.clone());
    let to_requesters = templates::introduction_reminder(p.title(), kind, true, link);
    to_each_side(tx, p, &to_volunteer, &to_requesters)
}

/// A VOG stops counting soon: the volunteer and every coordinator hear of it.
pub fn vog_expiring(
    tx: &mut Tx<'_>,
    volunteer_id: &str,
    valid_until: chrono::NaiveDate,
) -> QueryResult<()> {
    let Some(volunteer) = accounts::find(tx.conn, volunteer_id)? else {
        return Ok(());
    };
    let until = valid_until.format("%d-%m-%Y").to_string();
    let own = templates::vog_expiring(None, &until, tx.links.page("/mijn/profiel"));
    to_account(tx, &volunteer, &own)?;
    let about = templates::vog_expiring(
        Some(&volunteer.name),
        &until,
        tx.links.desk(&format!("/vrijwilligers/{volunteer_id}")),
    );
    for coordinator in crate::db::follow_ups::digest_readers(tx.conn)? {
        to_account(tx, &coordinator, &about)?;
    }
    Ok(())
}

/// A coordinator's daily digest.
pub fn coordinator_digest(
    tx: &mut Tx<'_>,
    coordinator: &Account,
    day: chrono::NaiveDate,
    lines: Vec<(String, String)>,
) -> QueryResult<()> {
    let letter = templates::coordinator_digest(
        &day.format("%d-%m-%Y").to_string(),
        lines,
        tx.links.desk(""),
    );
    to_account(tx, coordinator, &letter)
}

/// A mail to the account `account_id` (nothing when it is gone).
pub fn to_owner(tx: &mut Tx<'_>, account_id: &str, letter: &Letter) -> QueryResult<()> {
    match accounts::find(tx.conn, account_id)? {
        Some(account) => to_account(tx, &account, letter),
        None => Ok(()),
    }
}
