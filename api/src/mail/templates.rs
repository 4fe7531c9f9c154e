//! The Dutch mails Noaber sends. Each function returns a [`Letter`]; it is addressed
//! per recipient. No mail carries message text or someone else's contact details,
//! except the introduction, which exists to share them.

use super::Letter;
use crate::domain::PostKind;

/// Builds the links in mails from `NOABER_PUBLIC_URL`, and knows how to reach the
/// Servicepunt (the lines under every mail's signature).
#[derive(Debug, Clone)]
pub struct Links {
    base: String,
    contact: Vec<String>,
}

impl Links {
    /// Links under `public_url` (a trailing slash is ignored).
    pub fn new(public_url: &str) -> Links {
        Links {
            base: public_url.trim_end_matches('/').to_owned(),
            contact: Vec::new(),
        }
    }

    /// With the Servicepunt's phone, address and hours under every signature.
    pub fn with_contact(self, contact: Vec<String>) -> Links {
        Links { contact, ..self }
    }

    /// The lines that say how to reach the Servicepunt.
    pub fn contact(&self) -> &[String] {
        &self.contact
    }

    /// Where a new address is confirmed.
    pub fn verify_email(&self, token: &str) -> String {
        format!("{}/bevestigen#{token}", self.base)
    }

    /// Where a new password is chosen.
    pub fn reset_password(&self, token: &str) -> String {
        format!("{}/nieuw-wachtwoord#{token}", self.base)
    }

    /// A post's page in the web app (`kind` as stored: `request`, `offer`, `vacancy`).
    pub fn post(&self, kind: &str, id: &str) -> String {
        let page = match PostKind::parse(kind) {
            Some(PostKind::Offer) => "aanbod",
            Some(PostKind::Vacancy) => "vacatures",
            _ => "hulpvragen",
        };
        format!("{}/{page}/{id}", self.base)
    }

    /// A match and its messages.
    pub fn conversation(&self, match_id: &str) -> String {
        format!("{}/koppelingen/{match_id}", self.base)
    }

    /// One answer to a follow-up question: the page records it without a login (the
    /// token stays in the fragment, out of server logs).
    pub fn answer(&self, token: &str, choice: &str) -> String {
        format!("{}/antwoord?keuze={choice}#{token}", self.base)
    }

    /// Any page of the web app, e.g. `/mijn/profiel`.
    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A page of the coordinator's werkbak.
    pub fn desk(&self, path: &str) -> String {
        format!("{}/werkbak{path}", self.base)
    }
}

/// Contact details shared by the introduction.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// What this person is in the match ("Vrijwilliger", "Hulpvrager", ...).
    pub role: &'static str,
    /// Full name.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

/// Asks to confirm the address after registering.
pub fn verify_email(link: String) -> Letter {
    Letter {
        kind: "verify_email",
        subject: "Bevestig uw e-mailadres".into(),
        paragraphs: vec![
            "Welkom bij Noaber, de website van het Servicepunt Vrijwilligerswerk! U hebt een account aangemaakt. Bevestig uw e-mailadres met de link hieronder; de link is 48 uur geldig.".into(),
            "Hebt u zich niet aangemeld? Dan kunt u deze e-mail negeren.".into(),
        ],
        details: vec![],
        action: Some(("E-mailadres bevestigen".into(), link)),
        choices: vec![],
    }
}

/// A link to choose a new password.
pub fn reset_password(link: String) -> Letter {
    Letter {
        kind: "reset_password",
        subject: "Nieuw wachtwoord instellen".into(),
        paragraphs: vec![
            "U hebt gevraagd om een nieuw wachtwoord. Kies een nieuw wachtwoord met de link hieronder; de link is één uur geldig en werkt maar één keer.".into(),
            "Hebt u dit niet gevraagd? Dan hoeft u niets te doen: uw wachtwoord blijft hetzelfde.".into(),
        ],
        details: vec![],
        action: Some(("Nieuw wachtwoord kiezen".into(), link)),
        choices: vec![],
    }
}

/// Someone tried to register with an address that has an account. The answer on the
/// website was the same as for a new address; this mail is how the owner hears of it.
pub fn registration_attempt(link: String) -> Letter {
    Letter {
        kind: "registration_attempt",
        subject: "Aanmelding met uw e-mailadres".into(),
        paragraphs: vec![
            "Iemand wilde een nieuw account maken met dit e-mailadres. U hebt al een account bij Noaber. Daarom is er geen tweede account gemaakt.".into(),
            "Was u dat zelf? Dan kunt u gewoon inloggen met uw account. Weet u uw wachtwoord niet meer? Kies dan een nieuw wachtwoord met de link hieronder. De link is één uur geldig en werkt maar één keer.".into(),
            "Was u dit niet? Dan hoeft u niets te doen. Uw account en uw wachtwoord blijven zoals ze zijn.".into(),
        ],
        details: vec![],
        action: Some(("Nieuw wachtwoord kiezen".into(), link)),
        choices: vec![],
    }
}

/// What the author calls their own post: an organisation wrote a *vacature*, a
/// volunteer an *aanbod*, a resident an *oproep*.
fn own_post(kind: PostKind) -> &'static str {
    match kind {
        PostKind::Request => "oproep",
        PostKind::Offer => "aanbod",
        PostKind::Vacancy => "vacature",
    }
}

/// The coordinator published a post. An offer takes no responses: residents who
/// want the help call the Servicepunt, which then contacts the volunteer. `removed`:
/// the Servicepunt took contact details out of the text, which the author is told.
pub fn post_approved(title: &str, kind: PostKind, removed: bool, link: String) -> Letter {
    let post = own_post(kind);
    let next = if kind == PostKind::Offer {
        "Inwoners die deze hulp zoeken, kunnen het Servicepunt bellen. Het Servicepunt neemt dan contact met u op."
    } else {
        "Vrijwilligers kunnen er nu op reageren; u krijgt bericht als iemand reageert."
    };
    Letter {
        kind: "post_approved",
        subject: format!("Uw {post} staat online: {title}"),
        paragraphs: std::iter::once(format!(
            "Het Servicepunt heeft uw {post} \u{201c}{title}\u{201d} bekeken en geplaatst. {next}"
        ))
        .chain(removed.then(|| {
            "Het Servicepunt heeft contactgegevens uit uw tekst gehaald: daar staat nu [verwijderd]. Die zetten wij niet op de website, zodat alleen de vrijwilliger die u helpt ze krijgt. Wilt u de tekst mooier maken? Dat kan via de link hieronder.".to_owned()
        }))
        .collect(),
        details: vec![],
        action: Some((format!("Bekijk uw {post}"), link)),
        choices: vec![],
    }
}

/// The coordinator sent a post back.
pub fn post_rejected(title: &str, reason: Option<&str>, link: String) -> Letter {
    let mut paragraphs = vec![format!(
        "Het Servicepunt heeft uw oproep \u{201c}{title}\u{201d} bekeken en nog niet geplaatst."
    )];
    if let Some(reason) = reason {
        paragraphs.push(format!("De reden: {reason}"));
    }
    paragraphs.push(
        "U kunt de oproep aanpassen en opnieuw insturen. Hebt u vragen? Neem dan gerust contact op met het Servicepunt."
            .into(),
    );
    Letter {
        kind: "post_rejected",
        subject: format!("Uw oproep is nog niet geplaatst: {title}"),
        paragraphs,
        details: vec![],
        action: Some(("Oproep aanpassen".into(), link)),
        choices: vec![],
    }
}

/// The Servicepunt will not publish the post at all; no link, as there is nothing
/// left to change.
pub fn post_refused(title: &str, reason: &str) -> Letter {
    Letter {
        kind: "post_refused",
        subject: format!("Uw oproep wordt niet geplaatst: {title}"),
        paragraphs: vec![
            format!("Het Servicepunt heeft uw oproep \u{201c}{title}\u{201d} bekeken. Wij plaatsen deze oproep niet."),
            format!("De reden: {reason}"),
            "Zoekt u hulp, of wilt u weten wat wel kan? Bel dan gerust het Servicepunt. Wij denken graag met u mee.".into(),
        ],
        details: vec![],
        action: None,
        choices: vec![],
    }
}

/// Whether the organisation of a vacancy arranges its matches itself (the
/// Servicepunt arranges those of requests).
fn by_organisation(kind: PostKind) -> bool {
    kind == PostKind::Vacancy
}

/// A volunteer responded to the recipient's post (`kind`: who arranges what
/// follows).
pub fn new_response(
    title: &str,
    volunteer_first_name: &str,
    kind: PostKind,
    link: String,
) -> Letter {
    let next = if by_organisation(kind) {
        "Lees de reactie op de website. Past het? Kies dan bij de reactie \u{2018}Aan elkaar voorstellen\u{2019}. Daarna ziet u elkaars contactgegevens."
    } else {
        "Lees de reactie op de website. U hoeft nu niets te doen: het Servicepunt bekijkt de reactie en neemt contact met u op."
    };
    Letter {
        kind: "new_response",
        subject: format!("Nieuwe reactie op: {title}"),
        paragraphs: vec![
            format!(
                "{volunteer_first_name} heeft gereageerd op uw {} \u{201c}{title}\u{201d}.",
                own_post(kind)
            ),
            next.into(),
        ],
        details: vec![],
        action: Some(("Reactie lezen".into(), link)),
        choices: vec![],
    }
}

/// "Het Servicepunt brengt u met elkaar in contact voor …", or for a vacancy (its
/// organisation introduced itself) "U bent aan elkaar voorgesteld voor …".
fn introduction_line(title: &str, kind: PostKind) -> String {
    if by_organisation(kind) {
        format!("U bent aan elkaar voorgesteld voor \u{201c}{title}\u{201d}.")
    } else {
        format!("Het Servicepunt brengt u met elkaar in contact voor \u{201c}{title}\u{201d}.")
    }
}

/// The parties were introduced (by the Servicepunt, or by the organisation of a
/// vacancy): here is how to reach the other side.
pub fn introduced(title: &str, others: &[Contact], kind: PostKind, link: String) -> Letter {
    let mut details = Vec::new();
    for c in others {
        details.push((c.role.to_owned(), c.name.clone()));
        if let Some(phone) = &c.phone {
            details.push(("Telefoon".into(), phone.clone()));
        }
        if let Some(email) = &c.email {
            details.push(("E-mail".into(), email.clone()));
        }
    }
    Letter {
        kind: "match_introduced",
        subject: format!("Kennismaking: {title}"),
        paragraphs: vec![
            format!("{} Hieronder staan de contactgegevens; neem gerust contact op om een kennismaking af te spreken.", introduction_line(title, kind)),
            if by_organisation(kind) {
                "Gaat het niet door? Laat het elkaar weten met een bericht via de website. Hebt u vragen? Bel gerust het Servicepunt."
            } else {
                "Gaat het niet door of hebt u vragen? Laat het Servicepunt dat weten."
            }
            .into(),
        ],
        details,
        action: Some(("Bekijk de koppeling".into(), link)),
        choices: vec![],
    }
}

/// Said to whoever posted for someone else: what the volunteer was given of that
/// person.
pub fn what_the_volunteer_got(resident: &str, via_poster: bool) -> String {
    if via_poster {
        format!("De vrijwilliger heeft uw gegevens gekregen. Van {resident} alleen de naam: de vrijwilliger belt u.")
    } else {
        format!("De vrijwilliger heeft uw gegevens gekregen, en het telefoonnummer of e-mailadres van {resident} dat u opgaf.")
    }
}

/// The introduction, to the resident a request was posted for: they have no account,
/// so the mail says who asked for help for them and holds all they need.
pub fn introduced_to_resident(title: &str, others: &[Contact], asked_by: &str) -> Letter {
    let mut letter = introduced(title, others, PostKind::Request, String::new());
    letter.paragraphs = vec![
        format!("{asked_by} heeft bij het Servicepunt hulp voor u gevraagd: \u{201c}{title}\u{201d}. Er is een vrijwilliger die u wil helpen. Hieronder staan de gegevens; neem gerust contact op om een kennismaking af te spreken."),
        "U hebt hiervoor geen account nodig. Hebt u vragen, of gaat het niet door? Bel dan het Servicepunt.".into(),
    ];
    letter.subject = "Kennismaking met een vrijwilliger".into();
    letter.action = None;
    letter
}

/// The introduction, for an address that was never confirmed: the contact details
/// stay on the website (the address may have a typo, or belong to someone else).
pub fn introduced_without_details(title: &str, kind: PostKind, link: String) -> Letter {
    Letter {
        kind: "match_introduced",
        subject: format!("Kennismaking: {title}"),
        paragraphs: vec![
            introduction_line(title, kind),
            "Uw e-mailadres is nog niet bevestigd. Daarom staan de contactgegevens niet in deze e-mail; u vindt ze op de website. Bevestig uw e-mailadres op de website, bij Mijn gegevens (\u{2018}Stuur mij een nieuwe link\u{2019}); dan krijgt u ze voortaan ook per e-mail.".into(),
        ],
        details: vec![],
        action: Some(("Bekijk de koppeling".into(), link)),
        choices: vec![],
    }
}

/// The match is confirmed (active). The Servicepunt asks later how a request's
/// match goes; a vacancy's volunteer is the organisation's to follow.
pub fn match_confirmed(title: &str, kind: PostKind, link: String) -> Letter {
    let mut paragraph = format!(
        "Goed nieuws: de koppeling voor \u{201c}{title}\u{201d} is bevestigd. Veel plezier samen!"
    );
    if !by_organisation(kind) {
        paragraph.push_str(" Het Servicepunt neemt later contact op om te horen hoe het gaat.");
    }
    Letter {
        kind: "match_confirmed",
        subject: format!("De koppeling is bevestigd: {title}"),
        paragraphs: vec![paragraph],
        details: vec![],
        action: Some(("Bekijk de koppeling".into(), link)),
        choices: vec![],
    }
}

/// The match ended; the reason stays with the Servicepunt (it may be personal).
/// `searching_again` is `None` for the volunteer, who is thanked for their work; the
/// other side is told that the request is back online (`Some(true)`), or where to go
/// for more help.
pub fn match_ended(
    title: &str,
    succeeded: bool,
    searching_again: Option<bool>,
    link: String,
) -> Letter {
    let mut paragraphs = vec![match (succeeded, searching_again) {
        (true, None) => format!("De koppeling voor \u{201c}{title}\u{201d} is afgerond. Dank u wel voor uw inzet!"),
        (true, Some(false)) => format!("De koppeling voor \u{201c}{title}\u{201d} is afgerond. Fijn dat het gelukt is. Hebt u later weer hulp nodig? Plaats dan een nieuwe oproep, of bel het Servicepunt."),
        (true, Some(true)) => format!("De koppeling voor \u{201c}{title}\u{201d} is afgerond. Fijn dat het gelukt is."),
        (false, Some(false)) => format!("De koppeling voor \u{201c}{title}\u{201d} is gestopt. Jammer dat het niet gelukt is; het Servicepunt denkt graag met u mee over een volgende stap."),
        (false, _) => format!("De koppeling voor \u{201c}{title}\u{201d} is gestopt. Jammer dat het niet gelukt is."),
    }];
    if searching_again == Some(true) {
        paragraphs.push(
            "Uw hulpvraag staat weer online. Het Servicepunt zoekt een nieuwe vrijwilliger voor u en laat het u weten als die er is."
                .into(),
        );
    }
    Letter {
        kind: "match_ended",
        subject: format!("De koppeling is afgesloten: {title}"),
        paragraphs,
        details: vec![],
        action: Some(("Bekijk de koppeling".into(), link)),
        choices: vec![],
    }
}

/// A match will not go ahead: the volunteer hears that their response was not taken
/// up. The reason stays with whoever declined (it may be personal).
pub fn match_declined(title: &str, why: Option<&str>, link: String) -> Letter {
    let mut paragraphs = vec![format!(
        "Dank u wel voor uw belangstelling voor \u{201c}{title}\u{201d}. Deze koppeling gaat helaas niet door."
    )];
    paragraphs.extend(why.map(|why| format!("De reden: {why}.")));
    paragraphs.push(
        "Er zijn vast andere oproepen waar u iemand blij mee maakt; kijk gerust op de website."
            .into(),
    );
    Letter {
        kind: "match_declined",
        subject: format!("De koppeling gaat niet door: {title}"),
        paragraphs,
        details: vec![],
        action: Some(("Bekijk de koppeling".into(), link)),
        choices: vec![],
    }
}

/// The side that asked hears that a match will not go ahead: who stopped it (not
/// why: that may be personal) and, when nobody else is on their request, that the
/// Servicepunt looks further.
pub fn match_declined_to_requester(
    title: &str,
    volunteer_stepped_back: bool,
    open_again: bool,
    link: String,
) -> Letter {
    let who = if volunteer_stepped_back {
        "De vrijwilliger kan u toch niet helpen."
    } else {
        "Het Servicepunt heeft deze koppeling gestopt."
    };
    let next = if open_again {
        "Uw hulpvraag staat nog open. Het Servicepunt zoekt verder naar een vrijwilliger."
    } else {
        "Het Servicepunt kijkt graag met u verder."
    };
    Letter {
        kind: "match_declined",
        subject: format!("De koppeling gaat niet door: {title}"),
        paragraphs: vec![
            format!("De koppeling voor \u{201c}{title}\u{201d} gaat helaas niet door. {who}"),
            format!("{next} Hebt u vragen? Bel gerust het Servicepunt."),
        ],
        details: vec![],
        action: Some(("Bekijk de koppeling".into(), link)),
        choices: vec![],
    }
}

/// Another volunteer's help was confirmed on a request this volunteer responded to.
pub fn help_found_elsewhere(title: &str, link: String) -> Letter {
    Letter {
        kind: "match_declined",
        subject: format!("De koppeling gaat niet door: {title}"),
        paragraphs: vec![
            format!("Dank u wel voor uw reactie op \u{201c}{title}\u{201d}. Er is al een andere vrijwilliger gevonden, dus deze koppeling gaat niet door."),
            "Er zijn vast andere oproepen waar u iemand blij mee maakt; kijk gerust op de website.".into(),
        ],
        details: vec![],
        action: Some(("Bekijk de koppeling".into(), link)),
        choices: vec![],
    }
}

/// A response to a vacancy will not go ahead: its organisation hears whose, and
/// looks at the other responses itself.
pub fn vacancy_response_declined(title: &str, volunteer_first_name: &str, link: String) -> Letter {
    Letter {
        kind: "match_declined",
        subject: format!("Een reactie gaat niet door: {title}"),
        paragraphs: vec![
            format!("De reactie van {volunteer_first_name} op uw vacature \u{201c}{title}\u{201d} gaat niet door."),
            "Bekijk de andere reacties op de website. Hebt u vragen? Bel gerust het Servicepunt.".into(),
        ],
        details: vec![],
        action: Some(("Bekijk de koppeling".into(), link)),
        choices: vec![],
    }
}

/// Someone wrote on the platform; the text itself stays there.
pub fn new_message(title: &str, sender_first_name: &str, unread: i64, link: String) -> Letter {
    let (subject, news) = if unread > 1 {
        (
            format!("{unread} nieuwe berichten over: {title}"),
            format!(
                "Er staan {unread} nieuwe berichten voor u klaar over \u{201c}{title}\u{201d}, het laatste van {sender_first_name}."
            ),
        )
    } else {
        (
            format!("Nieuw bericht over: {title}"),
            format!(
                "{sender_first_name} heeft u een bericht gestuurd over \u{201c}{title}\u{201d}."
            ),
        )
    };
    Letter {
        kind: "new_message",
        subject,
        paragraphs: vec![
            news,
            "Om uw privacy te beschermen staat de tekst niet in deze e-mail. Lees het bericht op de website.".into(),
        ],
        details: vec![],
        action: Some(("Bericht lezen".into(), link)),
        choices: vec![],
    }
}

/// "Is uw vraag nog actueel?" after four weeks without a match.
pub fn still_current(title: &str, weeks: i64, choices: Vec<(String, String)>) -> Letter {
    Letter {
        kind: "still_current",
        subject: format!("Is uw hulpvraag nog actueel? {title}"),
        paragraphs: vec![
            format!("Uw hulpvraag \u{201c}{title}\u{201d} staat nu {weeks} weken online. Er is nog geen vrijwilliger aan gekoppeld."),
            "Hebt u nog steeds hulp nodig? Klik dan op \u{201c}Ja, laat mijn vraag staan\u{201d}. Is het niet meer nodig? Klik dan op \u{201c}Nee, sluit mijn vraag\u{201d}. U hoeft niet in te loggen.".into(),
            "Het Servicepunt blijft zoeken naar een vrijwilliger zolang uw vraag open staat.".into(),
        ],
        details: vec![],
        action: None,
        choices,
    }
}

/// "Heeft dit contact tot een match geleid?" some days after a response that the
/// coordinator did not act on.
/// After a request closed, `closed` says so: did the contact lead to help all the same?
pub fn contact_question(
    title: &str,
    other: &str,
    closed: bool,
    choices: Vec<(String, String)>,
) -> Letter {
    let paragraphs = if closed {
        vec![
            format!("De hulpvraag \u{201c}{title}\u{201d} is gesloten. Eerder was er contact met {other}."),
            format!("Hebt u met {other} toch afgesproken dat de hulp doorgaat, buiten Noaber om? Laat het ons weten met één klik."),
            "Komt de hulp van iemand anders, of gaat het niet door? Klik dan op \u{201c}Nee\u{201d}.".into(),
        ]
    } else {
        vec![
            format!("Een week geleden was er contact over \u{201c}{title}\u{201d} met {other}."),
            "Hebt u samen afgesproken dat de hulp doorgaat? Laat het ons weten met één klik. Zo weet het Servicepunt wie nog hulp zoekt.".into(),
        ]
    };
    Letter {
        kind: "contact_question",
        subject: format!("Heeft dit contact tot een match geleid? {title}"),
        paragraphs,
        details: vec![],
        action: None,
        choices,
    }
}

/// A VOG stops counting soon (to the volunteer, or to the coordinator about them).
pub fn vog_expiring(volunteer_name: Option<&str>, valid_until: &str, link: String) -> Letter {
    let (subject, paragraphs) = match volunteer_name {
        None => (
            "Uw VOG is bijna verlopen".to_owned(),
            vec![
                format!("Uw Verklaring Omtrent het Gedrag (VOG) telt tot {valid_until}. Voor sommige hulp, zoals respijtzorg, is een geldige VOG nodig."),
                "Wilt u een nieuwe VOG aanvragen? Het Servicepunt helpt u daarbij en de aanvraag is gratis voor vrijwilligers. Bel of mail ons.".into(),
            ],
        ),
        Some(name) => (
            format!("VOG van {name} verloopt op {valid_until}"),
            vec![
                format!("De VOG van {name} telt tot {valid_until}. Help de vrijwilliger op tijd met een nieuwe aanvraag."),
            ],
        ),
    };
    Letter {
        kind: "vog_expiring",
        subject,
        paragraphs,
        details: vec![],
        action: Some(("Bekijk in Noaber".into(), link)),
        choices: vec![],
    }
}

/// An introduction has had no decision for a week.
/// For a vacancy, `to_organisation` says whether the mail goes to the organisation
/// (which confirms the match itself) or to the volunteer.
pub fn introduction_reminder(
    title: &str,
    kind: PostKind,
    to_organisation: bool,
    link: String,
) -> Letter {
    let paragraphs = if by_organisation(kind) {
        let next = if to_organisation {
            "Past het? Bevestig de koppeling dan op de website."
        } else {
            "De organisatie bevestigt de koppeling als het past."
        };
        vec![
            format!("Een week geleden bent u aan elkaar voorgesteld voor \u{201c}{title}\u{201d}. De koppeling is nog niet bevestigd."),
            format!("Hebt u al kennisgemaakt? Stuur elkaar een bericht via de website. {next} Bel het Servicepunt gerust als er iets niet lukt."),
        ]
    } else {
        vec![
            format!("Een week geleden hebben wij u aan elkaar voorgesteld voor \u{201c}{title}\u{201d}. Wij hebben nog niet gehoord hoe het ging."),
            "Hebt u al kennisgemaakt? Laat het het Servicepunt weten, of stuur elkaar een bericht via de website. Bel ons gerust als er iets niet lukt.".into(),
        ]
    };
    Letter {
        kind: "introduction_reminder",
        subject: format!("Hoe ging de kennismaking? {title}"),
        paragraphs,
        details: vec![],
        action: Some(("Bekijk de koppeling".into(), link)),
        choices: vec![],
    }
}

/// New posts for a saved search: at once, or the week's in one digest. Each post is a
/// link; the last paragraph says how to stop these mails.
pub fn search_alert(
    search: &str,
    weekly: bool,
    posts: Vec<(String, String)>,
    unsubscribe: String,
) -> Letter {
    let n = posts.len();
    let (subject, opening) = if weekly {
        (
            format!(
                "Deze week {n} nieuwe {} voor uw zoekopdracht",
                if n == 1 { "oproep" } else { "oproepen" }
            ),
            format!(
                "Deze week kwamen er {n} oproepen bij die passen bij uw zoekopdracht {search}:"
            ),
        )
    } else if n == 1 {
        (
            format!("Nieuwe oproep: {}", posts[0].0),
            format!("Er is een nieuwe oproep die past bij uw zoekopdracht {search}:"),
        )
    } else {
        (
            format!("{n} nieuwe oproepen voor uw zoekopdracht"),
            format!("Er zijn {n} nieuwe oproepen die passen bij uw zoekopdracht {search}:"),
        )
    };
    Letter {
        kind: if weekly { "search_digest" } else { "search_alert" },
        subject,
        paragraphs: vec![
            opening,
            format!("Wilt u geen e-mails meer over deze zoekopdracht? Meld u dan af met één klik: {unsubscribe}"),
        ],
        details: vec![],
        action: None,
        choices: posts,
    }
}

/// The coordinator's daily digest: one line per thing that needs attention.
pub fn coordinator_digest(day: &str, lines: Vec<(String, String)>, link: String) -> Letter {
    Letter {
        kind: "coordinator_digest",
        subject: format!("Werkbak van {day}"),
        paragraphs: vec!["Dit vraagt vandaag uw aandacht:".into()],
        details: lines,
        action: Some(("Open de werkbak".into(), link)),
        choices: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_hang_under_the_public_url() {
        let links = Links::new("https://noaber.example/");
        assert_eq!(
            links.conversation("m1"),
            "https://noaber.example/koppelingen/m1"
        );
        assert_eq!(
            links.post("vacancy", "v1"),
            "https://noaber.example/vacatures/v1"
        );
        assert!(links
            .verify_email("t")
            .starts_with("https://noaber.example/bevestigen#"));
    }

    #[test]
    fn introduction_lists_every_shared_contact_and_nothing_else_does() {
        let contact = Contact {
            role: "Vrijwilliger",
            name: "Sharon de Vries".into(),
            email: Some("sharon@example.nl".into()),
            phone: Some("06 12345678".into()),
        };
        let mail = introduced("Boodschappen", &[contact], PostKind::Request, "x".into())
            .to("inge@example.nl", "Inge");
        assert!(mail.text.contains("Vrijwilliger: Sharon de Vries"));
        assert!(mail.text.contains("Telefoon: 06 12345678"));
        assert!(mail.text.contains("E-mail: sharon@example.nl"));
        let message = new_message("Boodschappen", "Sharon", 1, "x".into()).to("i@e.nl", "Inge");
        assert!(message.text.contains("Sharon heeft u een bericht gestuurd"));
        assert!(message.details_free());
    }

    #[test]
    fn an_offer_online_says_residents_call_the_servicepunt_not_that_volunteers_respond() {
        let offer = post_approved("Tuin", PostKind::Offer, false, "x".into()).to("a@b.nl", "A");
        assert!(offer.text.contains("kunnen het Servicepunt bellen"));
        assert!(!offer.text.contains("reageren"));
        let request = post_approved("Tuin", PostKind::Request, true, "x".into()).to("a@b.nl", "A");
        assert!(request
            .text
            .contains("Vrijwilligers kunnen er nu op reageren"));
        // Contact details the Servicepunt took out are said, only when there were any.
        assert!(request
            .text
            .contains("contactgegevens uit uw tekst gehaald"));
        assert!(!offer.text.contains("contactgegevens uit uw tekst gehaald"));
    }

    #[test]
    fn rejection_gives_the_reason_ending_does_not() {
        let rejected =
            post_rejected("Tuin", Some("Graag een dorp erbij"), "x".into()).to("a@b.nl", "A");
        assert!(rejected.text.contains("De reden: Graag een dorp erbij"));
        let thanked = match_ended("Tuin", true, None, "x".into()).to("a@b.nl", "A");
        assert!(thanked.text.contains("Dank u wel voor uw inzet!"));
        let helped = match_ended("Tuin", true, Some(false), "x".into()).to("a@b.nl", "A");
        assert!(!helped.text.contains("inzet") && helped.text.contains("Fijn dat het gelukt is"));
        let ended = match_ended("Tuin", false, Some(false), "x".into()).to("a@b.nl", "A");
        assert!(ended.text.contains("is gestopt") && !ended.text.contains("weer online"));
        let again = match_ended("Tuin", false, Some(true), "x".into()).to("a@b.nl", "A");
        assert!(again.text.contains("Uw hulpvraag staat weer online."));
    }

    impl crate::mail::Email {
        fn details_free(&self) -> bool {
            !self.text.contains("Telefoon:") && !self.text.contains("E-mail:")
        }
    }
}
