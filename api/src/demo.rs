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
use crate::db::schema::{
    accounts as accounts_table, match_events, match_messages, matches as matches_table,
    post_events, post_talents, posts as posts_table, search_changes, volunteer_changes,
    volunteer_profiles, volunteer_talents,
};
use crate::db::{now, volunteers, DbConn, DbError};
use crate::domain::match_flow::{MatchOrigin, MatchStatus, Outcome};
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
    let mut seen = HashSet::new();
    // Stream 1: not the stream of the people, so they stay apart.
    let mut posts = posts_of_stream(seed, 1, reference, today, &mut |draft: &PostDraft| {
        seen.insert((draft.title.clone(), draft.description.clone()))
    });
    retitle_twins(&mut posts);
    posts
}

/// A result card shows a post's title and village: two posts alike there would look
/// like one post shown twice. The later one takes another title of its need that is
/// free in that village (a title without placeholders), if there is one. Done after
/// drawing, so that the rest of the demo stays as the seed drew it.
fn retitle_twins(posts: &mut [DemoPost]) {
    let mut cards: HashSet<(String, String)> = HashSet::new();
    // A new title must not make the post the twin of another by its text either.
    let mut texts_used: HashSet<(String, String)> = posts
        .iter()
        .map(|p| (p.draft.title.clone(), p.draft.description.clone()))
        .collect();
    for post in posts.iter_mut() {
        let draft = &mut post.draft;
        if cards.insert((draft.title.clone(), draft.place.clone())) {
            continue;
        }
        let Some(need) = texts().needs.iter().find(|n| n.id == post.need) else {
            continue;
        };
        let own = need.bodies.get(post.body).map_or(&[][..], Body::titles);
        let free = need.titles.iter().chain(own).find(|t| {
            !t.contains('{')
                && !cards.contains(&((*t).clone(), draft.place.clone()))
                && !texts_used.contains(&((*t).clone(), draft.description.clone()))
        });
        if let Some(title) = free {
            texts_used.insert((title.clone(), draft.description.clone()));
            draft.title = title.clone();
            cards.insert((title.clone(), draft.place.clone()));
        }
    }
}

/// The posts of one copy of the demo, drawn from `stream` of the seed's generator;
/// `fresh` says whether a title and description were not used before (and notes
/// them), so that a copy can avoid the texts of the copies before it too.
fn posts_of_stream(
    seed: u64,
    stream: u64,
    reference: &Reference,
    today: NaiveDate,
    fresh: &mut dyn FnMut(&PostDraft) -> bool,
) -> Vec<DemoPost> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    let mut g = Generator {
        rng,
        reference,
        started: today.and_time(NaiveTime::MIN),
    };
    let texts = texts();
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
                if fresh(&post.draft) {
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
        // Published text names the person by an initial only ("mevrouw H."), as the
        // Servicepunt leaves it after review; the full name stays in the contact.
        let initial = surname_initial(last);
        let age = self.rng.gen_range(68..=94).to_string();
        let pet = PETS.choose(&mut self.rng).copied().unwrap_or("Bobbie");
        let fill = |text: &str| {
            text.replace("{place}", &place_name)
                .replace("{pet}", pet)
                .replace("{org}", organisation.unwrap_or_default())
                .replace("{name}", first)
                .replace("{lastname}", &initial)
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
            // Family members mostly want to be called themselves.
            via_poster: voice == Voice::Family,
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

/// "de V." for "de Vries": the surname as the werkbak leaves it after review, its
/// particles and the initial of its last part.
fn surname_initial(surname: &str) -> String {
    match surname.rsplit_once(' ') {
        Some((particles, last)) => format!("{particles} {}", surname_initial(last)),
        None => surname
            .chars()
            .next()
            .map_or_else(String::new, |c| format!("{c}.")),
    }
}

/// What a generated volunteer brings, drawn in one fixed order: the demo of a seed
/// depends on that order, for the plain demo and for every scaled copy alike.
struct VolunteerTraits {
    talents: Vec<String>,
    interests: Vec<&'static str>,
    availability: AvailabilityGrid,
    place: String,
    max_distance_km: i32,
    max_active_matches: i32,
    languages: Vec<&'static str>,
    vog_status: &'static str,
    vog_issued_on: Option<NaiveDate>,
}

impl Generator<'_> {
    fn volunteer_traits(&mut self) -> VolunteerTraits {
        let how_many = self.rng.gen_range(1..=4);
        let mut talents: Vec<String> = self
            .reference
            .talents
            .choose_multiple(&mut self.rng, how_many)
            .map(|t| t.slug.clone())
            .collect();
        talents.sort();
        let interests = INTERESTS
            .choose_multiple(&mut self.rng, 2)
            .copied()
            .collect();
        let availability = AvailabilityGrid::from_slots(self.slots(2, 8));
        let place = self.place();
        let max_distance_km = *[3, 5, 8, 10, 15, 20].choose(&mut self.rng).unwrap_or(&10);
        let max_active_matches = self.rng.gen_range(1..=3);
        let languages = if self.rng.gen_bool(0.2) {
            LANGUAGES
                .choose(&mut self.rng)
                .copied()
                .into_iter()
                .collect()
        } else {
            vec![]
        };
        let (vog_status, vog_issued_on) = match self.rng.gen_range(0..10) {
            0..=4 => (
                "valid",
                Some(self.started.date() - Duration::days(self.rng.gen_range(10..1400))),
            ),
            5 => ("requested", None),
            _ => ("none", None),
        };
        VolunteerTraits {
            talents,
            interests,
            availability,
            place,
            max_distance_km,
            max_active_matches,
            languages,
            vog_status,
            vog_issued_on,
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
            organisation: None,
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
        let traits = g.volunteer_traits();
        let owned = |words: &[&str]| words.iter().map(|w| (*w).to_owned()).collect();
        let profile = VolunteerProfileDraft {
            talents: traits.talents,
            interests: owned(&traits.interests),
            availability: traits.availability,
            place: traits.place,
            max_distance_km: traits.max_distance_km,
            max_active_matches: traits.max_active_matches,
            languages: owned(&traits.languages),
            bio: String::new(),
        };
        volunteers::save(conn, &id, &profile)?;
        diesel::update(volunteer_profiles::table.find(&id))
            .set((
                volunteer_profiles::vog_status.eq(traits.vog_status),
                volunteer_profiles::vog_issued_on.eq(traits.vog_issued_on),
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

// ---------------------------------------------------------------------------------
// The demo at scale: `noaber demo --scale N`.
// ---------------------------------------------------------------------------------

/// The largest `--scale`: 1,000 is a national simulation (320,000 volunteers,
/// 510,000 posts); more is refused rather than left to run for hours.
pub const MAX_SCALE: u32 = 2_000;

/// Bound parameters one statement may carry. SQLite (3.32 and later, the bundled
/// one) allows 32,766, PostgreSQL 65,535; a multi-row INSERT over the limit fails.
fn rows_per_statement(conn: &DbConn, columns: usize) -> usize {
    let limit = match conn {
        DbConn::Sqlite(_) => 32_766,
        DbConn::Postgres(_) => 65_535,
    };
    (limit / columns).max(1)
}

/// Inserts `rows` with as few multi-row INSERTs as the engine's parameter limit
/// allows (one statement per row would cost a round trip each on PostgreSQL). The
/// row structs write `None` as NULL, not DEFAULT, so that SQLite takes them in one
/// statement too.
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {{
        let per = rows_per_statement($conn, columns_of(&$rows));
        for chunk in $rows.chunks(per) {
            // Per engine: diesel's multi-backend connection has no multi-row INSERT
            // for SQLite (it lacks the DEFAULT keyword), each engine's own has.
            match &mut *$conn {
                DbConn::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c)?,
                DbConn::Postgres(c) => diesel::insert_into($table).values(chunk).execute(c)?,
            };
        }
    }};
}

/// How many columns a bulk row binds (for [`rows_per_statement`]).
trait Columns {
    const COLUMNS: usize;
}

fn columns_of<T: Columns>(_: &[T]) -> usize {
    T::COLUMNS
}

#[derive(Insertable)]
#[diesel(treat_none_as_default_value = false, table_name = accounts_table)]
struct AccountRow {
    id: String,
    email: String,
    password_hash: String,
    name: String,
    role: &'static str,
    email_verified: bool,
    created_at: NaiveDateTime,
}

impl Columns for AccountRow {
    const COLUMNS: usize = 7;
}

#[derive(Insertable)]
#[diesel(treat_none_as_default_value = false, table_name = volunteer_profiles)]
struct ProfileRow {
    account_id: String,
    place_slug: Option<String>,
    max_distance_km: i32,
    max_active_matches: i32,
    availability_mask: i32,
    interests: String,
    languages: String,
    bio: String,
    vog_status: &'static str,
    vog_issued_on: Option<NaiveDate>,
    updated_at: NaiveDateTime,
}

impl Columns for ProfileRow {
    const COLUMNS: usize = 11;
}

#[derive(Insertable)]
#[diesel(treat_none_as_default_value = false, table_name = volunteer_talents)]
struct VolunteerTalentRow {
    account_id: String,
    talent_slug: String,
}

impl Columns for VolunteerTalentRow {
    const COLUMNS: usize = 2;
}

#[derive(Insertable)]
#[diesel(treat_none_as_default_value = false, table_name = volunteer_changes)]
struct VolunteerChangeRow {
    account_id: String,
    at: NaiveDateTime,
}

impl Columns for VolunteerChangeRow {
    const COLUMNS: usize = 2;
}

#[derive(Insertable)]
#[diesel(treat_none_as_default_value = false, table_name = posts_table)]
struct PostRow {
    id: String,
    kind: &'static str,
    author_id: String,
    organisation_id: Option<String>,
    title: String,
    description: String,
    category_slug: String,
    place_slug: String,
    schedule_kind: &'static str,
    schedule_date: Option<NaiveDate>,
    schedule_mask: i32,
    hours_per_week: Option<f64>,
    radius_km: Option<i32>,
    status: &'static str,
    close_reason: Option<&'static str>,
    intake_channel: &'static str,
    on_behalf_name: Option<String>,
    on_behalf_phone: Option<String>,
    on_behalf_email: Option<String>,
    referrer: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    published_at: Option<NaiveDateTime>,
    on_behalf_via_poster: bool,
}

impl Columns for PostRow {
    const COLUMNS: usize = 24;
}

#[derive(Insertable)]
#[diesel(treat_none_as_default_value = false, table_name = post_talents)]
struct PostTalentRow {
    post_id: String,
    talent_slug: String,
}

impl Columns for PostTalentRow {
    const COLUMNS: usize = 2;
}

#[derive(Insertable)]
#[diesel(treat_none_as_default_value = false, table_name = post_events)]
struct PostEventRow {
    id: String,
    post_id: String,
    actor_id: Option<String>,
    from_status: Option<&'static str>,
    to_status: &'static str,
    at: NaiveDateTime,
}

impl Columns for PostEventRow {
    const COLUMNS: usize = 6;
}

#[derive(Insertable)]
#[diesel(treat_none_as_default_value = false, table_name = search_changes)]
struct SearchChangeRow {
    post_id: String,
    at: NaiveDateTime,
}

impl Columns for SearchChangeRow {
    const COLUMNS: usize = 2;
}

#[derive(Insertable)]
#[diesel(treat_none_as_default_value = false, table_name = matches_table)]
struct MatchRow {
    id: String,
    post_id: String,
    volunteer_id: String,
    status: &'static str,
    outcome: Option<&'static str>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    origin: &'static str,
    created_by: Option<String>,
}

impl Columns for MatchRow {
    const COLUMNS: usize = 9;
}

#[derive(Insertable)]
#[diesel(treat_none_as_default_value = false, table_name = match_events)]
struct MatchEventRow {
    id: String,
    match_id: String,
    actor_id: Option<String>,
    from_status: Option<&'static str>,
    to_status: &'static str,
    at: NaiveDateTime,
}

impl Columns for MatchEventRow {
    const COLUMNS: usize = 6;
}

#[derive(Insertable)]
#[diesel(treat_none_as_default_value = false, table_name = match_messages)]
struct MatchMessageRow {
    id: String,
    match_id: String,
    sender_id: String,
    body: &'static str,
    created_at: NaiveDateTime,
}

impl Columns for MatchMessageRow {
    const COLUMNS: usize = 5;
}

/// What a volunteer writes when responding (the scaled copies have some responses).
const RESPONSES: &[&str] = &[
    "Goedemiddag, ik help u graag. Ik woon in de buurt en heb doordeweeks tijd.",
    "Dit lijkt me echt iets voor mij. Wanneer zullen we kennismaken?",
    "Ik heb hier ervaring mee en steek graag een handje toe. Bel me gerust.",
    "Hallo! Ik ben net met pensioen en heb tijd over. Zal ik een keer langskomen?",
    "Leuk om te lezen. Ik kan een paar uur per week, meestal 's middags.",
    "Ik fiets toch vaak die kant op, dus dat komt goed uit. Groet!",
];

/// Share of open requests in a scaled copy that a volunteer has responded to.
const RESPONDED_SHARE: f64 = 0.12;

/// The rows of one scaled copy, collected first and then written in bulk.
#[derive(Default)]
struct CopyRows {
    accounts: Vec<AccountRow>,
    profiles: Vec<ProfileRow>,
    volunteer_talents: Vec<VolunteerTalentRow>,
    volunteer_changes: Vec<VolunteerChangeRow>,
    posts: Vec<PostRow>,
    post_talents: Vec<PostTalentRow>,
    post_events: Vec<PostEventRow>,
    search_changes: Vec<SearchChangeRow>,
    matches: Vec<MatchRow>,
    match_events: Vec<MatchEventRow>,
    match_messages: Vec<MatchMessageRow>,
}

impl CopyRows {
    fn write(&self, conn: &mut DbConn) -> QueryResult<()> {
        // Parents before children: the foreign keys are checked per statement.
        insert_rows!(conn, accounts_table::table, self.accounts);
        insert_rows!(conn, volunteer_profiles::table, self.profiles);
        insert_rows!(conn, volunteer_talents::table, self.volunteer_talents);
        insert_rows!(conn, posts_table::table, self.posts);
        insert_rows!(conn, post_talents::table, self.post_talents);
        insert_rows!(conn, post_events::table, self.post_events);
        insert_rows!(conn, matches_table::table, self.matches);
        insert_rows!(conn, match_events::table, self.match_events);
        insert_rows!(conn, match_messages::table, self.match_messages);
        // The change logs last, as the normal path writes them with the change: the
        // search index and the volunteer pool pick the copy up (or a rebuild does).
        insert_rows!(conn, search_changes::table, self.search_changes);
        insert_rows!(conn, volunteer_changes::table, self.volunteer_changes);
        Ok(())
    }

    fn account(
        &mut self,
        g: &mut Generator<'_>,
        hash: &str,
        role: &'static str,
        name: String,
        email: String,
    ) -> String {
        let id = g.id();
        let created_at = g.days_ago(400);
        self.accounts.push(AccountRow {
            id: id.clone(),
            email,
            password_hash: hash.to_owned(),
            name,
            role,
            email_verified: false,
            created_at,
        });
        id
    }

    fn post_event(
        &mut self,
        post: &str,
        actor: &str,
        from: Option<PostStatus>,
        to: PostStatus,
        at: NaiveDateTime,
    ) {
        self.post_events.push(PostEventRow {
            id: uuid::Uuid::new_v4().to_string(),
            post_id: post.to_owned(),
            actor_id: Some(actor.to_owned()),
            from_status: from.map(PostStatus::as_str),
            to_status: to.as_str(),
            at,
        });
        self.search_changes.push(SearchChangeRow {
            post_id: post.to_owned(),
            at,
        });
    }

    fn match_event(
        &mut self,
        m: &str,
        volunteer: &str,
        actor: &str,
        from: Option<MatchStatus>,
        to: MatchStatus,
        at: NaiveDateTime,
    ) {
        self.match_events.push(MatchEventRow {
            id: uuid::Uuid::new_v4().to_string(),
            match_id: m.to_owned(),
            actor_id: Some(actor.to_owned()),
            from_status: from.map(MatchStatus::as_str),
            to_status: to.as_str(),
            at,
        });
        // Every step of a match changes the volunteer's load, which matching reads.
        self.volunteer_changes.push(VolunteerChangeRow {
            account_id: volunteer.to_owned(),
            at,
        });
    }
}

/// An e-mail address for a person of scaled copy `copy`: the role's letter keeps
/// it apart from the addresses of the first copy (`jan.bakker.12@...`) and from
/// other roles (`jan.bakker.3v12@...`).
fn copy_email(name: &str, copy: u32, role: char, n: usize) -> String {
    let base = email_for(name, n);
    let local = base.split('@').next().unwrap_or_default();
    let (stem, _) = local.rsplit_once('.').unwrap_or((local, ""));
    format!("{stem}.{copy}{role}{n}@{DEMO_DOMAIN}")
}

/// The address whose account says that scaled copy `copy` is loaded (its first
/// organisation, written in the copy's transaction).
fn copy_marker(copy: u32) -> String {
    copy_email(ORGANISATION_NAMES[0], copy, 'o', 0)
}

fn copy_loaded(conn: &mut DbConn, copy: u32) -> Result<bool, DbError> {
    Ok(accounts::email_taken(conn, &copy_marker(copy))?)
}

/// A time `min..max` minutes after `from`, never after `limit`.
fn later(g: &mut Generator<'_>, from: NaiveDateTime, min: i64, max: i64) -> NaiveDateTime {
    (from + Duration::minutes(g.rng.gen_range(min..max))).min(g.started)
}

/// Stable 64-bit fingerprint of a title and description: the copies remember the
/// texts used before in 8 bytes each, not in whole strings (510,000 posts at N=1000).
fn fingerprint(draft: &PostDraft) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&draft.title, &draft.description).hash(&mut h);
    h.finish()
}

/// Loads the demo dataset `scale` times over. Copy 0 is [`load`] itself (so
/// `--scale 1` is exactly the plain demo); copies 1.. each add as many
/// organisations, volunteers, residents and posts again, drawn from their own
/// streams of the seed's generator (deterministic apart from times and the ids of
/// history rows), with texts that avoid those of the copies before them, and some
/// matches: volunteers who responded to open requests, and a completed match behind
/// each completed request. A copy is one transaction written in multi-row INSERTs;
/// copies already in the database are skipped, so a larger scale adds to a smaller
/// one. All demo accounts share [`DEMO_PASSWORD`]: its hash is made once (argon2
/// per account would take hours). `progress` hears each copy written.
pub fn load_scaled(
    conn: &mut DbConn,
    reference: &Reference,
    seed: u64,
    scale: u32,
    progress: &mut dyn FnMut(u32),
) -> Result<String, DbError> {
    let first = load(conn, reference, seed)?;
    if scale <= 1 {
        return Ok(first);
    }
    let coordinator = accounts::find_by_email(conn, DEMO_COORDINATOR)?
        .ok_or(DbError::Query(diesel::result::Error::NotFound))?
        .id;
    let hash = hash_password(DEMO_PASSWORD).map_err(|e| DbError::Migration(e.to_string()))?;
    let started = now();
    let today = started.date();
    // Texts already used: those of copy 0, then of each copy in turn (also of
    // copies already loaded, so that a copy's texts do not depend on what is there).
    let mut seen: HashSet<u64> = posts_for_seed(seed, reference, today)
        .iter()
        .map(|p| fingerprint(&p.draft))
        .collect();
    let mut added = 0;
    for copy in 1..scale {
        let posts = posts_of_stream(seed, 2 * u64::from(copy) + 1, reference, today, &mut |d| {
            seen.insert(fingerprint(d))
        });
        if copy_loaded(conn, copy)? {
            continue;
        }
        let mut g = Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            reference,
            started,
        };
        // Streams 0 and 1 are copy 0's people and posts.
        g.rng.set_stream(2 * u64::from(copy));
        crate::db::write_transaction(conn, |conn| {
            load_copy(conn, &mut g, copy, &hash, &coordinator, posts)
        })?;
        added += 1;
        progress(copy);
    }
    let totals = totals(conn)?;
    Ok(format!(
        "demo data at scale {scale}: {totals}; {added} copies added now; every demo account has the password {DEMO_PASSWORD} (log in as {DEMO_COORDINATOR})"
    ))
}

/// Writes scaled copy `copy`: its organisations through the normal path (an
/// organisation account has its organisation row), the rest collected and
/// written in bulk.
fn load_copy(
    conn: &mut DbConn,
    g: &mut Generator<'_>,
    copy: u32,
    hash: &str,
    coordinator: &str,
    posts: Vec<DemoPost>,
) -> Result<(), DbError> {
    let mut organisations = Vec::with_capacity(ORGANISATIONS);
    for (i, name) in ORGANISATION_NAMES.iter().take(ORGANISATIONS).enumerate() {
        let email = copy_email(name, copy, 'o', i);
        let account = demo_account(conn, g, hash, "organisation", name, email)?;
        let org = accounts::organisation_of(conn, &account)?.map(|(id, _)| id);
        organisations.push((account, *name, org));
    }
    let mut rows = CopyRows::default();
    let volunteers = copy_volunteers(&mut rows, g, copy, hash);
    let residents: Vec<String> = (0..RESIDENTS)
        .map(|i| {
            let name = g.name();
            let email = copy_email(&name, copy, 'r', i);
            rows.account(g, hash, "resident", name, email)
        })
        .collect();
    let mut of_kind = [0usize; 3];
    for post in posts {
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
                let (account, _, org) = organisations
                    .iter()
                    .find(|(_, name, _)| Some(*name) == post.organisation)
                    .unwrap_or(&organisations[i % organisations.len()]);
                (account.clone(), org.clone())
            }
        };
        copy_post(
            &mut rows,
            g,
            &post,
            author,
            organisation,
            coordinator,
            &volunteers,
        );
    }
    rows.write(conn)?;
    Ok(())
}

/// The volunteers of a scaled copy, drawn as [`load_volunteers`] draws them.
fn copy_volunteers(
    rows: &mut CopyRows,
    g: &mut Generator<'_>,
    copy: u32,
    hash: &str,
) -> Vec<String> {
    let mut ids = Vec::with_capacity(VOLUNTEERS);
    for i in 0..VOLUNTEERS {
        let name = g.name();
        let email = copy_email(&name, copy, 'v', i);
        let id = rows.account(g, hash, "volunteer", name, email);
        let traits = g.volunteer_traits();
        let at = g.started;
        rows.profiles.push(ProfileRow {
            account_id: id.clone(),
            place_slug: Some(traits.place),
            max_distance_km: traits.max_distance_km,
            max_active_matches: traits.max_active_matches,
            availability_mask: traits.availability.0 as i32,
            interests: serde_json::to_string(&traits.interests).unwrap_or_else(|_| "[]".into()),
            languages: serde_json::to_string(&traits.languages).unwrap_or_else(|_| "[]".into()),
            bio: String::new(),
            vog_status: traits.vog_status,
            vog_issued_on: traits.vog_issued_on,
            updated_at: at,
        });
        rows.volunteer_talents
            .extend(
                traits
                    .talents
                    .into_iter()
                    .map(|talent_slug| VolunteerTalentRow {
                        account_id: id.clone(),
                        talent_slug,
                    }),
            );
        rows.volunteer_changes.push(VolunteerChangeRow {
            account_id: id.clone(),
            at,
        });
        ids.push(id);
    }
    ids
}

/// One post of a scaled copy, with the history the normal path would have written
/// for it: created, reviewed, for a completed request a volunteer who responded,
/// was introduced, confirmed and ended it well; for an open request sometimes a
/// volunteer who has just responded.
fn copy_post(
    rows: &mut CopyRows,
    g: &mut Generator<'_>,
    post: &DemoPost,
    author: String,
    organisation: Option<String>,
    coordinator: &str,
    volunteers: &[String],
) {
    use PostStatus::{Closed, InProgress, Matched, Open, PendingReview};
    let id = g.id();
    let created = g.days_ago(120);
    let draft = &post.draft;
    // The same shares as `insert_post`: 10% waiting for review, 5% closed without
    // a match, 10% completed, the rest open.
    let roll = g.rng.gen_range(0..20);
    let (status, close) = match roll {
        0..=1 => (PendingReview, None),
        2 => (Closed, Some(CloseReason::NoMatch)),
        3..=4 => (Closed, Some(CloseReason::Completed)),
        _ => (Open, None),
    };
    rows.post_event(&id, &author, None, PendingReview, created);
    let mut updated = created;
    let mut published = None;
    if status != PendingReview {
        updated = later(g, created, 30, 3 * 24 * 60);
        published = Some(updated);
        rows.post_event(&id, coordinator, Some(PendingReview), Open, updated);
    }
    let volunteer = volunteers.choose(&mut g.rng).cloned().unwrap_or_default();
    let message = RESPONSES
        .choose(&mut g.rng)
        .copied()
        .unwrap_or(RESPONSES[0]);
    let is_request = post.kind == PostKind::Request;
    match close {
        Some(CloseReason::Completed) if is_request => {
            let responded = later(g, updated, 60, 5 * 24 * 60);
            let introduced = later(g, responded, 60, 3 * 24 * 60);
            let confirmed = later(g, introduced, 60, 7 * 24 * 60);
            let ended = later(g, confirmed, 24 * 60, 40 * 24 * 60);
            let m = g.id();
            rows.matches.push(MatchRow {
                id: m.clone(),
                post_id: id.clone(),
                volunteer_id: volunteer.clone(),
                status: MatchStatus::Ended.as_str(),
                outcome: Some(Outcome::Succeeded.as_str()),
                created_at: responded,
                updated_at: ended,
                origin: MatchOrigin::Response.as_str(),
                created_by: Some(volunteer.clone()),
            });
            rows.match_messages.push(MatchMessageRow {
                id: g.id(),
                match_id: m.clone(),
                sender_id: volunteer.clone(),
                body: message,
                created_at: responded,
            });
            let steps = [
                (None, MatchStatus::Responded, volunteer.as_str(), responded),
                (
                    Some(MatchStatus::Responded),
                    MatchStatus::Introduced,
                    coordinator,
                    introduced,
                ),
                (
                    Some(MatchStatus::Introduced),
                    MatchStatus::Active,
                    coordinator,
                    confirmed,
                ),
                (
                    Some(MatchStatus::Active),
                    MatchStatus::Ended,
                    coordinator,
                    ended,
                ),
            ];
            for (from, to, actor, at) in steps {
                rows.match_event(&m, &volunteer, actor, from, to, at);
            }
            rows.post_event(&id, coordinator, Some(Open), InProgress, introduced);
            rows.post_event(&id, coordinator, Some(InProgress), Matched, confirmed);
            rows.post_event(&id, coordinator, Some(Matched), Closed, ended);
            updated = ended;
        }
        Some(_) => {
            updated = later(g, updated, 24 * 60, 60 * 24 * 60);
            rows.post_event(&id, coordinator, Some(Open), Closed, updated);
        }
        None if status == Open && is_request && g.rng.gen_bool(RESPONDED_SHARE) => {
            let at = later(g, updated, 30, 10 * 24 * 60);
            let m = g.id();
            rows.matches.push(MatchRow {
                id: m.clone(),
                post_id: id.clone(),
                volunteer_id: volunteer.clone(),
                status: MatchStatus::Responded.as_str(),
                outcome: None,
                created_at: at,
                updated_at: at,
                origin: MatchOrigin::Response.as_str(),
                created_by: Some(volunteer.clone()),
            });
            rows.match_messages.push(MatchMessageRow {
                id: g.id(),
                match_id: m.clone(),
                sender_id: volunteer.clone(),
                body: message,
                created_at: at,
            });
            rows.match_event(&m, &volunteer, &volunteer, None, MatchStatus::Responded, at);
        }
        None => {}
    }
    let schedule = draft.schedule.to_stored();
    let on_behalf = draft.on_behalf_of.as_ref();
    let intake = match post.kind {
        PostKind::Request => draft.intake_channel(),
        _ => IntakeChannel::Own,
    };
    rows.post_talents
        .extend(draft.talents.iter().map(|t| PostTalentRow {
            post_id: id.clone(),
            talent_slug: t.clone(),
        }));
    rows.posts.push(PostRow {
        id,
        kind: post.kind.as_str(),
        author_id: author,
        organisation_id: organisation,
        title: draft.title.clone(),
        description: draft.description.clone(),
        category_slug: draft.category.clone(),
        place_slug: draft.place.clone(),
        schedule_kind: schedule.kind,
        schedule_date: schedule.date,
        schedule_mask: schedule.mask,
        hours_per_week: schedule.hours_per_week,
        radius_km: draft.radius_km,
        status: status.as_str(),
        close_reason: close.map(CloseReason::as_str),
        intake_channel: intake.as_str(),
        on_behalf_name: on_behalf.map(|o| o.name.clone()),
        on_behalf_phone: on_behalf.and_then(|o| o.phone.clone()),
        on_behalf_email: on_behalf.and_then(|o| o.email.clone()),
        referrer: on_behalf.and_then(|o| o.referrer.clone()),
        created_at: created,
        updated_at: updated,
        published_at: published,
        on_behalf_via_poster: on_behalf.is_some_and(|o| o.via_poster),
    });
}

/// What the database holds now, for the summary line.
fn totals(conn: &mut DbConn) -> Result<String, DbError> {
    let role = |conn: &mut DbConn, role: &str| -> QueryResult<i64> {
        accounts_table::table
            .filter(accounts_table::role.eq(role))
            .count()
            .get_result(conn)
    };
    let organisations = role(conn, "organisation")?;
    let volunteers = role(conn, "volunteer")?;
    let residents = role(conn, "resident")?;
    let mut kinds = Vec::new();
    for kind in [PostKind::Request, PostKind::Offer, PostKind::Vacancy] {
        let of_kind = posts_table::table.filter(posts_table::kind.eq(kind.as_str()));
        let all: i64 = of_kind.count().get_result(conn)?;
        let open: i64 = of_kind
            .filter(posts_table::status.eq(PostStatus::Open.as_str()))
            .count()
            .get_result(conn)?;
        kinds.push(format!("{all} {} ({open} open)", kind.plural()));
    }
    let matches: i64 = matches_table::table.count().get_result(conn)?;
    Ok(format!(
        "{organisations} organisations, {volunteers} volunteers, {residents} residents, {}, {matches} matches",
        kinds.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::post::{MAX_DESCRIPTION, MAX_TALENTS, MAX_TITLE, REFERRERS};
    use crate::domain::screening::{screen_post, FindingKind};

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
    fn no_two_demo_posts_share_title_and_description_or_title_and_village() {
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
            let (mut seen, mut cards) = (HashSet::new(), HashSet::new());
            for p in &posts {
                let d = &p.draft;
                assert!(
                    seen.insert((d.title.as_str(), d.description.as_str())),
                    "seed {seed}: twice {:?} / {:?}",
                    d.title,
                    d.description
                );
                assert!(
                    cards.insert((d.title.as_str(), d.place.as_str())),
                    "seed {seed}: twice {:?} in {}",
                    d.title,
                    d.place
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
                // "mevrouw H." is Hoving in the contact's name; the surname itself
                // is never public.
                let last = o.name.split_once(' ').map_or("", |(_, last)| last);
                let text = format!("{} {}", p.draft.title, p.draft.description);
                let found = screen_post(&text, &[o.name.as_str()]);
                assert!(
                    found.iter().all(|f| f.kind != FindingKind::Name),
                    "{o:?}: {text}"
                );
                for honorific in ["mevrouw ", "meneer ", "Mevrouw ", "Meneer "] {
                    if let Some(at) = p.draft.description.find(honorific) {
                        let rest = &p.draft.description[at + honorific.len()..];
                        if rest.starts_with(char::is_uppercase) {
                            assert!(rest.starts_with(&surname_initial(last)), "{o:?}: {rest}");
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
