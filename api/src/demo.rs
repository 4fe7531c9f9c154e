//! The demo dataset: a realistic, deterministic (from a seed) Midden-Drenthe with
//! organisations, volunteers, residents and their requests, offers and vacancies in
//! Dutch, across every category and village. Loaded by `noaber demo` or
//! `noaber serve --demo`; loading twice does nothing the second time.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;
use matching::{AvailabilityGrid, Day, DayPart, Slot};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;

use crate::auth::hash_password;
use crate::db::accounts::{self, NewAccount};
use crate::db::posts::{self, Change, NewPost};
use crate::db::schema::{accounts as accounts_table, volunteer_profiles};
use crate::db::{now, volunteers, DbConn, DbError};
use crate::domain::post::{OnBehalfOf, PostDraft, Schedule};
use crate::domain::volunteer::VolunteerProfileDraft;
use crate::domain::{CloseReason, IntakeChannel, PostKind, PostMove, PostStatus};
use crate::reference::Reference;

/// Password of every demo account (documented in the README).
pub const DEMO_PASSWORD: &str = "noaber-demo-2026";
/// The demo coordinator's login.
pub const DEMO_COORDINATOR: &str = "coordinator@demo.noaber.nl";
const DEMO_DOMAIN: &str = "demo.noaber.nl";

const ORGANISATIONS: usize = 36;
const VOLUNTEERS: usize = 320;
const RESIDENTS: usize = 180;
const REQUESTS: usize = 300;
const OFFERS: usize = 120;
const VACANCIES: usize = 90;

/// First names, with whether they are a woman's (*vrouw*) or a man's (*man*) name:
/// the demo texts name a person as *mevrouw* or *meneer*, *mijn moeder* or *mijn vader*.
const FIRST_NAMES: &[(&str, Sex)] = &[
    ("Inge", Sex::Vrouw),
    ("Sharon", Sex::Vrouw),
    ("Jan", Sex::Man),
    ("Geesje", Sex::Vrouw),
    ("Albert", Sex::Man),
    ("Hennie", Sex::Vrouw),
    ("Roelof", Sex::Man),
    ("Janny", Sex::Vrouw),
    ("Harm", Sex::Man),
    ("Aaltje", Sex::Vrouw),
    ("Gerrit", Sex::Man),
    ("Hilda", Sex::Vrouw),
    ("Bert", Sex::Man),
    ("Wilma", Sex::Vrouw),
    ("Jannes", Sex::Man),
    ("Tineke", Sex::Vrouw),
    ("Klaas", Sex::Man),
    ("Fenna", Sex::Vrouw),
    ("Lammert", Sex::Man),
    ("Roelie", Sex::Vrouw),
    ("Sanne", Sex::Vrouw),
    ("Daan", Sex::Man),
    ("Lotte", Sex::Vrouw),
    ("Bram", Sex::Man),
    ("Femke", Sex::Vrouw),
    ("Thijs", Sex::Man),
    ("Esther", Sex::Vrouw),
    ("Niels", Sex::Man),
    ("Marieke", Sex::Vrouw),
    ("Anouk", Sex::Vrouw),
    ("Yusuf", Sex::Man),
    ("Amina", Sex::Vrouw),
    ("Piotr", Sex::Man),
    ("Agnieszka", Sex::Vrouw),
    ("Semhar", Sex::Vrouw),
    ("Ahmad", Sex::Man),
    ("Mila", Sex::Vrouw),
    ("Jesse", Sex::Man),
    ("Evi", Sex::Vrouw),
    ("Henk", Sex::Man),
    ("Riek", Sex::Vrouw),
    ("Wim", Sex::Man),
    ("Trijntje", Sex::Vrouw),
    ("Egbert", Sex::Man),
    ("Froukje", Sex::Vrouw),
];
const LAST_NAMES: &[&str] = &[
    "Bakker",
    "de Vries",
    "Hoving",
    "Mulder",
    "Smit",
    "Nijenhuis",
    "Brink",
    "Meijer",
    "Kuiper",
    "Dekker",
    "Kroeze",
    "Wolters",
    "Boer",
    "Hofsteenge",
    "Lubbers",
    "Oosting",
    "Schutting",
    "Jansen",
    "Veenstra",
    "Prins",
    "Zwiers",
    "Timmerman",
    "Beugelink",
    "Nijmeijer",
    "Haverkamp",
    "Drenth",
    "Slagter",
    "Hilbrants",
    "Kamps",
    "Eising",
];
const ORGANISATION_NAMES: &[&str] = &[
    "Zorgcentrum De Hofstee",
    "Bibliotheek Beilen",
    "Voedselbank Midden-Drenthe",
    "Stichting Oud Beilen",
    "Herinneringscentrum Kamp Westerbork",
    "Zorgboerderij De Hooghalerhoeve",
    "Buurthuis De Smelte",
    "Speeltuinvereniging Bovensmilde",
    "Humanitas Drenthe-Midden",
    "VluchtelingenWerk Midden-Drenthe",
    "Vrouwen van Nu Smilde",
    "Stichting Present Midden-Drenthe",
    "Repair Café Westerbork",
    "Dorpsbelangen Wijster",
    "Openluchtmuseum Orvelte",
    "Schaakclub Beilen",
    "Fietsmaatjes Midden-Drenthe",
    "Taalhuis Midden-Drenthe",
    "Zonnebloem afdeling Beilen",
    "Zonnebloem afdeling Smilde",
    "Woonzorgcentrum De Lindehof",
    "Kerkelijke Gemeente Hoogersmilde",
    "Dorpshuis Witteveen",
    "Hospice Beilen",
    "Stichting Welzijn Midden-Drenthe",
    "Sportclub Westerbork",
    "Toneelvereniging Elp",
    "IVN Midden-Drenthe",
    "Stichting Thuisadministratie",
    "Mantelzorgsteunpunt Midden-Drenthe",
    "Dorpsvereniging Nieuw-Balinge",
    "Muziekvereniging Smilde",
    "Kinderboerderij Beilen",
    "Ouderenvereniging Hooghalen",
    "Dierenweide Mantinge",
    "Stichting Vervoer Op Maat",
];
const INTERESTS: &[&str] = &[
    "natuur",
    "dieren",
    "muziek",
    "koken",
    "sport",
    "lezen",
    "techniek",
    "geschiedenis",
    "handwerk",
    "fietsen",
    "tuinieren",
    "spelletjes",
];
const LANGUAGES: &[&str] = &[
    "engels", "duits", "arabisch", "pools", "tigrinya", "fries", "turks",
];

const PETS: &[&str] = &["Bobbie", "Max", "Saar", "Bello", "Luna", "Guus"];

/// The texts of the demo posts (`data/demo-posts.json`): needs, each with several
/// titles and bodies in different voices, and openers and closers per voice.
const DEMO_POSTS_JSON: &str = include_str!("../data/demo-posts.json");

/// Chance that a composed post starts with an opener of its voice.
const OPENER_CHANCE: f64 = 0.35;
/// Chance that a composed post ends with a closer of its voice.
const CLOSER_CHANCE: f64 = 0.45;

/// Whether a person in a text is a woman or a man (for *mevrouw* or *meneer*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Sex {
    Vrouw,
    Man,
}

/// Who writes a text: picks the openers and closers, and how a request came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Voice {
    /// The resident themself (the default voice of a request).
    #[serde(rename = "self")]
    Own,
    /// A resident who is still learning Dutch.
    Nieuwkomer,
    /// Family or a neighbour on the resident's behalf: intake channel `network`.
    Family,
    /// A care worker who refers the resident: intake channel `referral`.
    Professional,
    /// A volunteer (the voice of an offer).
    Volunteer,
    /// An organisation's coordinator (the voice of a vacancy).
    Organisation,
}

#[cfg(test)]
impl Voice {
    /// The voices a post of `kind` may be written in.
    fn fits(self, kind: PostKind) -> bool {
        match kind {
            PostKind::Request => matches!(
                self,
                Voice::Own | Voice::Nieuwkomer | Voice::Family | Voice::Professional
            ),
            PostKind::Offer => self == Voice::Volunteer,
            PostKind::Vacancy => self == Voice::Organisation,
        }
    }
}

/// When help is usually wanted for a need; without it, any schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum When {
    Weekly,
    Once,
    Flexible,
}

/// A body: a plain string, or the text with its writer and titles of its own. Without
/// a voice it is written in the kind's own voice.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Body {
    Plain(String),
    Voiced(VoicedBody),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VoicedBody {
    text: String,
    #[serde(default)]
    voice: Option<Voice>,
    /// For [`Voice::Professional`]: who refers (one of [`crate::domain::post::REFERRERS`]).
    #[serde(default)]
    referrer: Option<String>,
    /// The person the text is about, when it says *mevrouw*, *mijn vader*, ...
    #[serde(default, rename = "for")]
    person: Option<Sex>,
    /// Titles that fit this body only (*Bezoekje voor mijn moeder*), besides the
    /// need's titles that fit all of its bodies.
    #[serde(default)]
    titles: Vec<String>,
}

impl Body {
    fn text(&self) -> &str {
        match self {
            Body::Plain(text) => text,
            Body::Voiced(b) => &b.text,
        }
    }

    fn voice(&self, kind: PostKind) -> Voice {
        let own = match kind {
            PostKind::Request => Voice::Own,
            PostKind::Offer => Voice::Volunteer,
            PostKind::Vacancy => Voice::Organisation,
        };
        match self {
            Body::Plain(_) => own,
            Body::Voiced(b) => b.voice.unwrap_or(own),
        }
    }

    fn titles(&self) -> &[String] {
        match self {
            Body::Plain(_) => &[],
            Body::Voiced(b) => &b.titles,
        }
    }

    fn referrer(&self) -> Option<&str> {
        match self {
            Body::Plain(_) => None,
            Body::Voiced(b) => b.referrer.as_deref(),
        }
    }

    fn person(&self) -> Option<Sex> {
        match self {
            Body::Plain(_) => None,
            Body::Voiced(b) => b.person,
        }
    }
}

/// Something people ask for, offer or recruit for, in many words.
///
/// Texts may use `{place}` (the post's village), `{pet}`, `{org}` (the organisation
/// of a vacancy), `{name}` and `{lastname}` (the person the text is about), `{age}`
/// (an older person's age), `{day}` and `{part}` (the day and part of the day of
/// the first weekly slot: a text that names them always gets a weekly schedule).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Need {
    /// Stable identifier, e.g. `hond-uitlaten`.
    id: String,
    kind: PostKind,
    category: String,
    talents: Vec<String>,
    #[serde(default)]
    when: Option<When>,
    /// Titles that fit every body of the need.
    titles: Vec<String>,
    bodies: Vec<Body>,
    /// For a vacancy: the demo organisations that would post it.
    #[serde(default)]
    orgs: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoTexts {
    openers: HashMap<Voice, Vec<String>>,
    closers: HashMap<Voice, Vec<String>>,
    needs: Vec<Need>,
}

/// The parsed texts (parsed once; a unit test checks the file).
fn texts() -> &'static DemoTexts {
    static TEXTS: OnceLock<DemoTexts> = OnceLock::new();
    TEXTS.get_or_init(|| {
        serde_json::from_str(DEMO_POSTS_JSON)
            .expect("api/data/demo-posts.json is valid (checked by a unit test)")
    })
}

/// One demo post, composed from a need, as `load` stores it.
#[derive(Debug, Clone)]
pub struct DemoPost {
    /// The need it was written from, e.g. `hond-uitlaten` (see `data/demo-posts.json`).
    pub need: &'static str,
    /// Which of the need's bodies it was written from (0 is the first).
    pub body: usize,
    /// Request, offer or vacancy.
    pub kind: PostKind,
    /// For a vacancy: the name of the demo organisation that posts it.
    pub organisation: Option<&'static str>,
    /// What is stored.
    pub draft: PostDraft,
}

/// The demo's requests, offers and vacancies for `seed`, in the order [`load`]
/// stores them (a pure function: `load` stores exactly these). Every need of a kind
/// is used in turn; each post gets one of the need's titles and bodies, for a
/// request often with an opener or closer in the body's voice, and the placeholders
/// filled in, so that no two posts share both title and description. `today` only
/// sets the dates of one-off schedules: the texts depend on the seed alone.
pub fn posts_for_seed(seed: u64, reference: &Reference, today: NaiveDate) -> Vec<DemoPost> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(1); // not the stream of the people, so they stay apart
    let mut g = Generator {
        rng,
        reference,
        started: today.and_time(NaiveTime::MIN),
    };
    let texts = texts();
    let mut seen = HashSet::new();
    let mut posts = Vec::with_capacity(REQUESTS + OFFERS + VACANCIES);
    for (kind, count) in [
        (PostKind::Request, REQUESTS),
        (PostKind::Offer, OFFERS),
        (PostKind::Vacancy, VACANCIES),
    ] {
        let needs: Vec<&Need> = texts.needs.iter().filter(|n| n.kind == kind).collect();
        for i in 0..count {
            let need = needs[i % needs.len()];
            // Another draw when this title and description were already used.
            let mut post = g.compose(texts, need);
            for _ in 0..100 {
                if seen.insert((post.draft.title.clone(), post.draft.description.clone())) {
                    break;
                }
                post = g.compose(texts, need);
            }
            posts.push(post);
        }
    }
    posts
}

struct Generator<'a> {
    rng: ChaCha8Rng,
    reference: &'a Reference,
    started: NaiveDateTime,
}

impl Generator<'_> {
    fn id(&mut self) -> String {
        uuid::Builder::from_random_bytes(self.rng.gen())
            .into_uuid()
            .to_string()
    }

    fn name(&mut self) -> String {
        let first = FIRST_NAMES.choose(&mut self.rng).map_or("Jan", |n| n.0);
        let last = LAST_NAMES
            .choose(&mut self.rng)
            .copied()
            .unwrap_or("Bakker");
        format!("{first} {last}")
    }

    /// A first name that fits `sex`, and a last name.
    fn person(&mut self, sex: Sex) -> (&'static str, &'static str) {
        let firsts: Vec<&'static str> = FIRST_NAMES
            .iter()
            .filter(|n| n.1 == sex)
            .map(|n| n.0)
            .collect();
        let first = firsts.choose(&mut self.rng).copied().unwrap_or("Jan");
        let last = LAST_NAMES
            .choose(&mut self.rng)
            .copied()
            .unwrap_or("Bakker");
        (first, last)
    }

    /// The village named in `name` (the longest, so Hoogersmilde rather than Smilde).
    fn village_in(&self, name: &str) -> Option<String> {
        self.reference
            .places
            .iter()
            .filter(|p| name.contains(p.name.as_str()))
            .max_by_key(|p| p.name.len())
            .map(|p| p.slug.clone())
    }

    /// Villages weighted by size: the large ones get most people.
    fn place(&mut self) -> String {
        const LARGE: &[&str] = &[
            "beilen",
            "beilen",
            "beilen",
            "smilde",
            "smilde",
            "westerbork",
            "westerbork",
            "bovensmilde",
            "bovensmilde",
            "hooghalen",
            "hoogersmilde",
            "wijster",
        ];
        if self.rng.gen_bool(0.6) {
            LARGE
                .choose(&mut self.rng)
                .map(|s| (*s).to_owned())
                .unwrap_or_default()
        } else {
            let places = &self.reference.places;
            places[self.rng.gen_range(0..places.len())].slug.clone()
        }
    }

    fn days_ago(&mut self, max: i64) -> NaiveDateTime {
        self.started - Duration::minutes(self.rng.gen_range(60..max * 24 * 60))
    }

    fn slots(&mut self, min: usize, max: usize) -> Vec<Slot> {
        let n = self.rng.gen_range(min..=max);
        let mut slots: Vec<Slot> = Day::ALL
            .iter()
            .flat_map(|&day| DayPart::ALL.iter().map(move |&part| Slot { day, part }))
            .collect();
        slots.shuffle(&mut self.rng);
        slots.truncate(n);
        slots.sort();
        slots
    }

    fn weekly(&mut self) -> Schedule {
        Schedule::Weekly {
            slots: self.slots(1, 3),
            hours_per_week: Some(f64::from(self.rng.gen_range(1..=4))),
        }
    }

    fn once(&mut self) -> Schedule {
        Schedule::Once {
            date: self.started.date() + Duration::days(self.rng.gen_range(3..60)),
            parts: vec![*DayPart::ALL
                .choose(&mut self.rng)
                .unwrap_or(&DayPart::Morning)],
        }
    }

    /// A schedule that fits the need: mostly its usual one, sometimes "flexible".
    fn schedule(&mut self, when: Option<When>) -> Schedule {
        let roll = self.rng.gen_range(0..20);
        match when {
            Some(When::Weekly) if roll < 17 => self.weekly(),
            Some(When::Once) if roll < 15 => self.once(),
            Some(_) => Schedule::Flexible,
            None => match roll {
                0..=11 => self.weekly(),
                12..=15 => self.once(),
                _ => Schedule::Flexible,
            },
        }
    }

    fn phone(&mut self) -> String {
        format!("06-{:08}", self.rng.gen_range(10_000_000..99_999_999))
    }

    /// One post from `need`: a body (with an opener and closer in its voice,
    /// sometimes), a title that fits it, the placeholders filled in, and who it is for.
    fn compose(&mut self, texts: &'static DemoTexts, need: &'static Need) -> DemoPost {
        let body_index = self.rng.gen_range(0..need.bodies.len());
        let body = &need.bodies[body_index];
        let titles: Vec<&str> = need
            .titles
            .iter()
            .chain(body.titles())
            .map(String::as_str)
            .collect();
        let title = titles.choose(&mut self.rng).copied().unwrap_or_default();
        let voice = body.voice(need.kind);
        let mut pick = |lists: &'static HashMap<Voice, Vec<String>>, chance: f64| {
            let list = lists.get(&voice).map_or(&[][..], Vec::as_slice);
            if self.rng.gen_bool(chance) {
                list.choose(&mut self.rng).map(String::as_str)
            } else {
                None
            }
        };
        let opener = pick(&texts.openers, OPENER_CHANCE);
        let closer = pick(&texts.closers, CLOSER_CHANCE);
        // A greeting or a closing line is a paragraph of its own, as people write.
        let description = [opener, Some(body.text()), closer]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n\n");

        let names_a_day = [title, description.as_str()]
            .iter()
            .any(|t| t.contains("{day}") || t.contains("{part}"));
        let schedule = if names_a_day {
            self.weekly()
        } else {
            self.schedule(need.when)
        };
        let (day, part) = match &schedule {
            Schedule::Weekly { slots, .. } if !slots.is_empty() => {
                (slots[0].day.name_nl(), slots[0].part.name_nl())
            }
            _ => ("maandag", "middag"),
        };
        let organisation = need.orgs.choose(&mut self.rng).map(String::as_str);
        // An organisation with a village in its name recruits there.
        let place = match organisation.and_then(|org| self.village_in(org)) {
            Some(village) => village,
            None => self.place(),
        };
        let place_name = self
            .reference
            .place(&place)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let sex = body.person().unwrap_or(if self.rng.gen_bool(0.5) {
            Sex::Vrouw
        } else {
            Sex::Man
        });
        let (first, last) = self.person(sex);
        let age = self.rng.gen_range(68..=94).to_string();
        let pet = PETS.choose(&mut self.rng).copied().unwrap_or("Bobbie");
        let fill = |text: &str| {
            text.replace("{place}", &place_name)
                .replace("{pet}", pet)
                .replace("{org}", organisation.unwrap_or_default())
                .replace("{name}", first)
                .replace("{lastname}", last)
                .replace("{age}", &age)
                .replace("{day}", day)
                .replace("{part}", part)
        };
        let channel = match voice {
            Voice::Family => Some("network"),
            Voice::Professional => Some("referral"),
            _ => None,
        };
        let on_behalf_of = channel.map(|channel| OnBehalfOf {
            name: format!("{first} {last}"),
            phone: Some(self.phone()),
            email: None,
            channel: channel.to_owned(),
            referrer: body.referrer().map(str::to_owned),
        });
        DemoPost {
            need: &need.id,
            body: body_index,
            kind: need.kind,
            organisation,
            draft: PostDraft {
                title: fill(title),
                description: fill(&description),
                category: need.category.clone(),
                place,
                talents: need.talents.clone(),
                schedule,
                radius_km: self.rng.gen_bool(0.3).then(|| self.rng.gen_range(5..=20)),
                on_behalf_of,
            },
        }
    }
}

fn demo_account(
    conn: &mut DbConn,
    g: &mut Generator<'_>,
    hash: &str,
    role: &str,
    name: &str,
    email: String,
) -> Result<String, DbError> {
    let id = g.id();
    let created = g.days_ago(400);
    let account = accounts::create_at(
        conn,
        &id,
        created,
        NewAccount {
            email: &email,
            password_hash: hash,
            name,
            role,
            phone: None,
        },
    )?;
    Ok(account.id)
}

fn email_for(name: &str, n: usize) -> String {
    let local: String = crate::domain::text::fold(name)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
        .collect();
    format!(
        "{}.{n}@{DEMO_DOMAIN}",
        local.split_whitespace().collect::<Vec<_>>().join(".")
    )
}

/// Whether the demo dataset is already there.
fn already_loaded(conn: &mut DbConn) -> Result<bool, DbError> {
    let n: i64 = accounts_table::table
        .filter(accounts_table::email.eq(DEMO_COORDINATOR))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Loads the demo dataset (once); returns a one-line summary.
pub fn load(conn: &mut DbConn, reference: &Reference, seed: u64) -> Result<String, DbError> {
    if already_loaded(conn)? {
        return Ok("demo data is already loaded".into());
    }
    let hash = hash_password(DEMO_PASSWORD).map_err(|e| DbError::Migration(e.to_string()))?;
    let mut g = Generator {
        rng: ChaCha8Rng::seed_from_u64(seed),
        reference,
        started: now(),
    };
    crate::db::write_transaction(conn, |conn| {
        let coordinator = demo_account(
            conn,
            &mut g,
            &hash,
            "coordinator",
            "Servicepunt Vrijwilligerswerk",
            DEMO_COORDINATOR.to_owned(),
        )?;
        let organisations = load_organisations(conn, &mut g, &hash)?;
        let volunteers = load_volunteers(conn, &mut g, &hash)?;
        let residents = (0..RESIDENTS)
            .map(|i| {
                let name = g.name();
                demo_account(conn, &mut g, &hash, "resident", &name, email_for(&name, i))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut counts = [0usize; 3];
        let mut of_kind = [0usize; 3];
        for post in posts_for_seed(seed, reference, g.started.date()) {
            let slot = match post.kind {
                PostKind::Request => 0,
                PostKind::Offer => 1,
                PostKind::Vacancy => 2,
            };
            let i = of_kind[slot];
            of_kind[slot] += 1;
            let (author, organisation) = match post.kind {
                PostKind::Request => (residents[i % residents.len()].clone(), None),
                PostKind::Offer => (volunteers[(i * 7) % volunteers.len()].clone(), None),
                PostKind::Vacancy => {
                    let account = organisations
                        .iter()
                        .find(|(_, name)| Some(name.as_str()) == post.organisation)
                        .unwrap_or(&organisations[i % organisations.len()])
                        .0
                        .clone();
                    let org_id = accounts::organisation_of(conn, &account)?.map(|(id, _)| id);
                    (account, org_id)
                }
            };
            counts[slot] += usize::from(insert_post(
                conn,
                &mut g,
                post.kind,
                &author,
                organisation.as_deref(),
                &post.draft,
                &coordinator,
            )?);
        }
        Ok(format!(
            "demo data loaded: {} organisations, {} volunteers, {} residents, {REQUESTS} requests ({} open), {OFFERS} offers ({} open), {VACANCIES} vacancies ({} open); log in as {DEMO_COORDINATOR} with password {DEMO_PASSWORD}",
            organisations.len(),
            volunteers.len(),
            residents.len(),
            counts[0],
            counts[1],
            counts[2]
        ))
    })
}

fn load_organisations(
    conn: &mut DbConn,
    g: &mut Generator<'_>,
    hash: &str,
) -> Result<Vec<(String, String)>, DbError> {
    ORGANISATION_NAMES
        .iter()
        .take(ORGANISATIONS)
        .enumerate()
        .map(|(i, name)| {
            Ok((
                demo_account(conn, g, hash, "organisation", name, email_for(name, i))?,
                (*name).to_owned(),
            ))
        })
        .collect()
}

fn load_volunteers(
    conn: &mut DbConn,
    g: &mut Generator<'_>,
    hash: &str,
) -> Result<Vec<String>, DbError> {
    let mut ids = Vec::with_capacity(VOLUNTEERS);
    for i in 0..VOLUNTEERS {
        let name = g.name();
        let id = demo_account(conn, g, hash, "volunteer", &name, email_for(&name, i))?;
        let how_many = g.rng.gen_range(1..=4);
        let mut talents: Vec<String> = g
            .reference
            .talents
            .choose_multiple(&mut g.rng, how_many)
            .map(|t| t.slug.clone())
            .collect();
        talents.sort();
        let profile = VolunteerProfileDraft {
            talents,
            interests: INTERESTS
                .choose_multiple(&mut g.rng, 2)
                .map(|s| (*s).to_owned())
                .collect(),
            availability: AvailabilityGrid::from_slots(g.slots(2, 8)),
            place: g.place(),
            max_distance_km: *[3, 5, 8, 10, 15, 20].choose(&mut g.rng).unwrap_or(&10),
            max_active_matches: g.rng.gen_range(1..=3),
            languages: if g.rng.gen_bool(0.2) {
                vec![LANGUAGES
                    .choose(&mut g.rng)
                    .copied()
                    .unwrap_or("engels")
                    .to_owned()]
            } else {
                vec![]
            },
            bio: String::new(),
        };
        volunteers::save(conn, &id, &profile)?;
        let (vog, issued) = match g.rng.gen_range(0..10) {
            0..=4 => (
                "valid",
                Some(g.started.date() - Duration::days(g.rng.gen_range(10..1400))),
            ),
            5 => ("requested", None),
            _ => ("none", None),
        };
        diesel::update(volunteer_profiles::table.find(&id))
            .set((
                volunteer_profiles::vog_status.eq(vog),
                volunteer_profiles::vog_issued_on.eq(issued),
            ))
            .execute(conn)?;
        ids.push(id);
    }
    Ok(ids)
}

/// Stores a post and moves it to a realistic status; returns whether it is open.
fn insert_post(
    conn: &mut DbConn,
    g: &mut Generator<'_>,
    kind: PostKind,
    author: &str,
    organisation: Option<&str>,
    draft: &PostDraft,
    coordinator: &str,
) -> Result<bool, DbError> {
    let id = g.id();
    let at = g.days_ago(120);
    let intake = match kind {
        PostKind::Request => draft.intake_channel(),
        _ => IntakeChannel::Own,
    };
    posts::insert_at(
        conn,
        id.clone(),
        at,
        NewPost {
            kind,
            author_id: author,
            organisation_id: organisation,
            draft,
            status: PostStatus::PendingReview,
            intake_channel: intake,
        },
    )?;
    let change = Change {
        actor_id: coordinator,
        reason: None,
    };
    let roll = g.rng.gen_range(0..20);
    if roll < 2 {
        return Ok(false); // still waiting for review
    }
    posts::transition(conn, &id, &PostMove::review(true).into(), &change)?;
    let closing = match roll {
        2 => Some(CloseReason::NoMatch),
        3..=4 => Some(CloseReason::Completed),
        _ => None,
    };
    if let Some(reason) = closing {
        let close = PostMove {
            from: &[PostStatus::Open],
            to: PostStatus::Closed,
            close_reason: Some(reason),
        };
        posts::transition(conn, &id, &close.into(), &change)?;
    }
    Ok(closing.is_none())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::post::{MAX_DESCRIPTION, MAX_TALENTS, MAX_TITLE, REFERRERS};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    #[test]
    fn demo_texts_use_known_categories_talents_voices_and_organisations() {
        let reference = Reference::load().unwrap();
        let texts: DemoTexts = serde_json::from_str(DEMO_POSTS_JSON).unwrap();
        let mut ids = HashSet::new();
        for need in &texts.needs {
            assert!(ids.insert(need.id.as_str()), "need {} twice", need.id);
            assert!(
                reference.category(&need.category).is_some(),
                "{}: {}",
                need.id,
                need.category
            );
            assert!(!need.talents.is_empty() && need.talents.len() <= MAX_TALENTS);
            for talent in &need.talents {
                assert!(reference.talent(talent).is_some(), "{}: {talent}", need.id);
            }
            assert!(need.titles.len() >= 3, "{}: several titles", need.id);
            let titles = need
                .bodies
                .iter()
                .flat_map(Body::titles)
                .chain(&need.titles);
            for title in titles {
                assert!(
                    !title.trim().is_empty() && title.len() < 100,
                    "{}: {title}",
                    need.id
                );
            }
            assert!(need.bodies.len() >= 3, "{}: several bodies", need.id);
            for body in &need.bodies {
                let voice = body.voice(need.kind);
                assert!(voice.fits(need.kind), "{}: {voice:?}", need.id);
                match (voice, body.referrer()) {
                    (Voice::Professional, Some(r)) => {
                        assert!(REFERRERS.contains(&r), "{}: referrer {r}", need.id)
                    }
                    (Voice::Professional, None) => panic!("{}: who refers?", need.id),
                    (_, Some(r)) => panic!("{}: referrer {r} without a professional", need.id),
                    (_, None) => {}
                }
                for lists in [&texts.openers, &texts.closers] {
                    assert!(
                        lists.get(&voice).is_some_and(|l| !l.is_empty()),
                        "{voice:?} has openers and closers"
                    );
                }
            }
            if need.kind == PostKind::Vacancy {
                assert!(!need.orgs.is_empty(), "{}: who recruits?", need.id);
            } else {
                assert!(
                    need.orgs.is_empty(),
                    "{}: only vacancies have orgs",
                    need.id
                );
            }
            for org in &need.orgs {
                assert!(
                    ORGANISATION_NAMES.contains(&org.as_str()),
                    "{}: {org}",
                    need.id
                );
            }
        }
        // Many needs of every kind, in every category.
        for (kind, at_least) in [
            (PostKind::Request, 60),
            (PostKind::Offer, 20),
            (PostKind::Vacancy, 20),
        ] {
            let needs: Vec<&Need> = texts.needs.iter().filter(|n| n.kind == kind).collect();
            assert!(needs.len() >= at_least, "{kind}: {} needs", needs.len());
            for c in &reference.categories {
                assert!(
                    needs.iter().any(|n| n.category == c.slug),
                    "no demo {kind} need for {}",
                    c.slug
                );
            }
        }
        // Every organisation recruits for something.
        for org in ORGANISATION_NAMES {
            assert!(
                texts.needs.iter().any(|n| n.orgs.iter().any(|o| o == org)),
                "no vacancy for {org}"
            );
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_posts() {
        let reference = Reference::load().unwrap();
        let a = posts_for_seed(7, &reference, today());
        let b = posts_for_seed(7, &reference, today());
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        let c = posts_for_seed(8, &reference, today());
        assert_ne!(format!("{a:?}"), format!("{c:?}"));
        // The day only moves one-off dates; the texts stay.
        let later = posts_for_seed(7, &reference, today() + Duration::days(40));
        let texts = |posts: &[DemoPost]| -> Vec<(String, String)> {
            posts
                .iter()
                .map(|p| (p.draft.title.clone(), p.draft.description.clone()))
                .collect()
        };
        assert_eq!(texts(&a), texts(&later));
    }

    #[test]
    fn no_two_demo_posts_share_title_and_description() {
        let reference = Reference::load().unwrap();
        for seed in [2026, 7, 1] {
            let posts = posts_for_seed(seed, &reference, today());
            for (kind, n) in [
                (PostKind::Request, REQUESTS),
                (PostKind::Offer, OFFERS),
                (PostKind::Vacancy, VACANCIES),
            ] {
                assert_eq!(posts.iter().filter(|p| p.kind == kind).count(), n);
            }
            let mut seen = HashSet::new();
            for p in &posts {
                let d = &p.draft;
                assert!(
                    seen.insert((d.title.as_str(), d.description.as_str())),
                    "seed {seed}: twice {:?} / {:?}",
                    d.title,
                    d.description
                );
                for text in [&d.title, &d.description] {
                    assert!(
                        !text.contains('{') && !text.contains('}'),
                        "placeholder left: {text}"
                    );
                }
                assert!(d.title.chars().count() <= MAX_TITLE, "{}", d.title);
                assert!(d.description.chars().count() <= MAX_DESCRIPTION);
                assert!(reference.place(&d.place).is_some());
            }
        }
    }

    #[test]
    fn each_category_has_posts_of_several_needs() {
        let reference = Reference::load().unwrap();
        let posts = posts_for_seed(2026, &reference, today());
        let mut needs: BTreeMap<(&str, &str), HashSet<&str>> = BTreeMap::new();
        for p in &posts {
            needs
                .entry((p.kind.as_str(), p.draft.category.as_str()))
                .or_default()
                .insert(p.need);
        }
        for c in &reference.categories {
            let requests = needs
                .get(&("request", c.slug.as_str()))
                .map_or(0, HashSet::len);
            assert!(requests >= 5, "{}: requests of {requests} needs", c.slug);
            for kind in ["offer", "vacancy"] {
                let n = needs.get(&(kind, c.slug.as_str())).map_or(0, HashSet::len);
                assert!(n >= 1, "{}: no {kind}", c.slug);
            }
        }
    }

    #[test]
    fn who_writes_is_who_the_request_is_for() {
        let reference = Reference::load().unwrap();
        let posts = posts_for_seed(2026, &reference, today());
        let mut channels: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &posts {
            let channel = p
                .draft
                .on_behalf_of
                .as_ref()
                .map_or("own", |o| o.channel.as_str());
            *channels.entry(channel).or_default() += 1;
            if p.kind != PostKind::Request {
                assert!(p.draft.on_behalf_of.is_none());
                assert_eq!(p.organisation.is_some(), p.kind == PostKind::Vacancy);
                continue;
            }
            if let Some(o) = &p.draft.on_behalf_of {
                assert_eq!(o.referrer.is_some(), o.channel == "referral", "{o:?}");
                // "mevrouw Hoving" is Hoving in the contact's name too.
                let last = o.name.split_once(' ').map_or("", |(_, last)| last);
                for honorific in ["mevrouw ", "meneer "] {
                    if let Some(at) = p.draft.description.find(honorific) {
                        let rest = &p.draft.description[at + honorific.len()..];
                        if rest.starts_with(char::is_uppercase) {
                            assert!(rest.starts_with(last), "{o:?}: {}", p.draft.description);
                        }
                    }
                }
            }
        }
        // Residents themselves, their family and care workers all post.
        for channel in ["own", "network", "referral"] {
            assert!(
                channels.get(channel).copied().unwrap_or(0) >= 30,
                "{channels:?}"
            );
        }
    }

    #[test]
    fn a_text_that_names_a_day_is_weekly_on_that_day() {
        let reference = Reference::load().unwrap();
        let texts = texts();
        let g = &mut Generator {
            rng: ChaCha8Rng::seed_from_u64(3),
            reference: &reference,
            started: today().and_time(NaiveTime::MIN),
        };
        let need = texts
            .needs
            .iter()
            .find(|n| n.id == "spelletjes")
            .expect("the need of the card players");
        let mut checked = 0;
        for _ in 0..200 {
            let post = g.compose(texts, need);
            if !post
                .draft
                .description
                .contains("Wij zitten met drie mannen")
            {
                continue;
            }
            let Schedule::Weekly { slots, .. } = &post.draft.schedule else {
                panic!("not weekly: {post:?}");
            };
            assert!(post
                .draft
                .description
                .contains(&format!("Elke {} ", slots[0].name_nl())));
            checked += 1;
        }
        assert!(checked > 10);
    }

    #[test]
    fn the_same_seed_gives_the_same_people() {
        let reference = Reference::load().unwrap();
        let started = now();
        let mut a = Generator {
            rng: ChaCha8Rng::seed_from_u64(7),
            reference: &reference,
            started,
        };
        let mut b = Generator {
            rng: ChaCha8Rng::seed_from_u64(7),
            reference: &reference,
            started,
        };
        for _ in 0..20 {
            assert_eq!((a.id(), a.name(), a.place()), (b.id(), b.name(), b.place()));
        }
    }
}
