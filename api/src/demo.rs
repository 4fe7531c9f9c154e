//! The demo dataset: a realistic, deterministic (from a seed) Midden-Drenthe with
//! organisations, volunteers, residents and their requests, offers and vacancies in
//! Dutch, across every category and village. Loaded by `noaber demo` or
//! `noaber serve --demo`; loading twice does nothing the second time.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use matching::{AvailabilityGrid, Day, DayPart, Slot};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::auth::hash_password;
use crate::db::accounts::{self, NewAccount};
use crate::db::posts::{self, Change, NewPost};
use crate::db::schema::{accounts as accounts_table, volunteer_profiles};
use crate::db::{now, volunteers, DbConn, DbError};
use crate::domain::post::{OnBehalfOf, PostDraft, Schedule, REFERRERS};
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

const FIRST_NAMES: &[&str] = &[
    "Inge",
    "Sharon",
    "Jan",
    "Geesje",
    "Albert",
    "Hennie",
    "Roelof",
    "Janny",
    "Harm",
    "Aaltje",
    "Gerrit",
    "Hilda",
    "Bert",
    "Wilma",
    "Jannes",
    "Tineke",
    "Klaas",
    "Fenna",
    "Lammert",
    "Roelie",
    "Sanne",
    "Daan",
    "Lotte",
    "Bram",
    "Femke",
    "Thijs",
    "Esther",
    "Niels",
    "Marieke",
    "Anouk",
    "Yusuf",
    "Amina",
    "Piotr",
    "Agnieszka",
    "Semhar",
    "Ahmad",
    "Mila",
    "Jesse",
    "Evi",
    "Henk",
    "Riek",
    "Wim",
    "Trijntje",
    "Egbert",
    "Froukje",
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

/// One kind of request: category, title, description, talents.
struct Template {
    category: &'static str,
    title: &'static str,
    description: &'static str,
    talents: &'static [&'static str],
}

macro_rules! templates {
    ($(($c:literal, $t:literal, $d:literal, [$($tal:literal),*])),+ $(,)?) => {
        &[$(Template { category: $c, title: $t, description: $d, talents: &[$($tal),*] }),+]
    };
}

const REQUEST_TEMPLATES: &[Template] = templates![
    ("maatje", "Wie wil met mijn hond wandelen?", "Ik ben slecht ter been en mijn hond {pet} moet eens per week een flink stuk lopen. Wie wil een vaste wandelmaatje worden?", ["hond-uitlaten", "wandelen"]),
    ("maatje", "Wandelmaatje gezocht", "Sinds mijn vrouw is overleden kom ik weinig buiten. Ik zoek iemand om samen een rondje door {place} te lopen en een praatje te maken.", ["wandelen", "gezelschap"]),
    ("maatje", "Fietsmaatje voor een tochtje op de duofiets", "Ik fiets graag maar durf niet meer alleen. Wie gaat met mij op de duofiets door het Drentse land?", ["duofietsen", "fietsen"]),
    ("bezoekwerk", "Gezelschap voor een oudere dame", "Mijn moeder (86) woont alleen in {place} en vindt het fijn als er eens per week iemand komt voor een kopje koffie en een spelletje.", ["gezelschap", "spelletjes"]),
    ("bezoekwerk", "Voorlezen aan slechtziende meneer", "Meneer kan zelf de krant niet meer lezen. Wie komt een uurtje voorlezen?", ["voorlezen", "gezelschap"]),
    ("bezoekwerk", "Hulp bij het schrijven van een levensboek", "Ik wil mijn levensverhaal vastleggen voor mijn kleinkinderen. Wie luistert en schrijft mee?", ["levensboek", "luisteren"]),
    ("klussen", "Lamp ophangen en schilderij", "In mijn nieuwe woning moeten een lamp en twee schilderijen worden opgehangen. Ik heb zelf geen ladder.", ["elektra", "klussen"]),
    ("klussen", "Kastje in elkaar zetten", "Ik heb een kast gekocht maar krijg hem niet in elkaar. Wie heeft een uurtje en een schroevendraaier?", ["klussen", "timmeren"]),
    ("klussen", "Schuurdeur repareren", "De deur van de schuur hangt scheef en sluit niet meer. Wie kan een handje helpen?", ["timmeren", "klussen"]),
    ("computerhulp", "Hulp bij videobellen met de kleinkinderen", "Ik heb een tablet gekregen maar weet niet hoe ik moet videobellen. Wie legt het rustig uit?", ["smartphone-hulp", "computerhulp"]),
    ("computerhulp", "Computerles voor beginners", "Ik wil leren e-mailen en internetbankieren. Wie geeft thuis computerles?", ["computerhulp"]),
    ("computerhulp", "DigiD aanvragen en gebruiken", "Ik moet een DigiD hebben voor de gemeente maar kom er niet uit. Wie helpt?", ["computerhulp", "formulieren"]),
    ("administratie", "Hulp bij de belastingaangifte", "Elk voorjaar zie ik op tegen de aangifte. Wie helpt mij met de belastingaangifte en de toeslagen?", ["belastingaangifte", "formulieren"]),
    ("administratie", "Post en rekeningen op orde brengen", "Er ligt een stapel post die ik niet goed begrijp. Wie helpt mij mijn administratie op orde te krijgen?", ["administratie", "geldzaken"]),
    ("administratie", "Formulieren voor de Wmo invullen", "Ik moet een aanvraag doen voor huishoudelijke hulp. Wie helpt met het invullen van de formulieren?", ["formulieren"]),
    ("respijtzorg", "Even vrij van de mantelzorg", "Ik zorg voor mijn man met dementie. Eén middag per week zou ik graag even weg willen. Wie blijft dan bij hem?", ["mantelzorg-overnemen", "dementie-ervaring"]),
    ("respijtzorg", "Oppas voor mijn moeder met alzheimer", "Mijn moeder kan niet alleen blijven. Wie komt af en toe een ochtend, zodat ik boodschappen kan doen?", ["dementie-ervaring", "gezelschap"]),
    ("boodschappen", "Wekelijkse boodschappen", "Ik kan zelf niet meer naar de winkel en mijn kinderen wonen ver weg. Wie doet eens per week boodschappen voor mij?", ["boodschappen"]),
    ("boodschappen", "Samen naar de supermarkt", "Ik wil graag zelf mijn boodschappen uitzoeken, maar heb iemand nodig die meegaat en tilt.", ["boodschappen", "autorijden"]),
    ("vervoer", "Vervoer naar het ziekenhuis in Assen", "Ik heb regelmatig een afspraak in het Wilhelmina Ziekenhuis Assen. Wie rijdt mij heen en terug?", ["autorijden", "begeleiden-zorg"]),
    ("vervoer", "Rit naar de fysiotherapeut", "Twee keer per week moet ik naar de fysiotherapeut in {place}. Wie kan mij brengen?", ["autorijden"]),
    ("taalmaatje", "Taalmaatje om Nederlands te oefenen", "Ik woon sinds twee jaar in {place} en wil beter Nederlands spreken. Wie oefent met mij?", ["nederlandse-les"]),
    ("taalmaatje", "Hulp bij huiswerk voor mijn dochter", "Mijn dochter zit in groep 7 en ik kan haar niet goed helpen met taal. Wie helpt met huiswerk?", ["huiswerkbegeleiding", "nederlandse-les"]),
    ("tuin", "Tuin winterklaar maken", "Mijn tuin is te veel werk geworden. Wie helpt met bladeren ruimen en de borders winterklaar maken?", ["tuinieren"]),
    ("tuin", "Heg snoeien", "De heg rond mijn huis is flink gegroeid. Wie heeft een heggenschaar en een paar uurtjes?", ["snoeien", "tuinieren"]),
    ("tuin", "Gras maaien in de zomer", "Wie wil om de week mijn gras maaien? Een maaier is aanwezig.", ["gras-maaien"]),
    ("overig", "Hulp bij de verhuizing naar een kleinere woning", "Ik ga kleiner wonen en moet veel uitzoeken en inpakken. Wie helpt een paar dagdelen?", ["klussen"]),
    ("overig", "Foto's digitaliseren", "Ik heb dozen vol oude foto's. Wie helpt ze te scannen en te ordenen?", ["fotografie", "computerhulp"]),
];

const OFFER_TEMPLATES: &[Template] = templates![
    ("maatje", "Ik wandel graag met uw hond", "Dierenliefhebber uit {place} met tijd over. Ik laat graag uw hond uit, ook bij slecht weer.", ["hond-uitlaten", "wandelen"]),
    ("bezoekwerk", "Gezelschap en een goed gesprek", "Gepensioneerd en ik houd van mensen. Ik kom graag op bezoek voor koffie, een spelletje of een wandeling.", ["gezelschap", "spelletjes"]),
    ("klussen", "Handige klusser biedt hulp", "Gepensioneerd timmerman. Kleine klussen in en om het huis doe ik graag voor u.", ["klussen", "timmeren"]),
    ("computerhulp", "Hulp bij computer, tablet en smartphone", "Ik werk in de ICT en help graag ouderen wegwijs te maken op hun telefoon of laptop.", ["computerhulp", "smartphone-hulp"]),
    ("administratie", "Hulp bij papierwerk en belastingen", "Oud-boekhouder helpt met de administratie, toeslagen en aangifte.", ["administratie", "belastingaangifte"]),
    ("vervoer", "Ik rijd u naar het ziekenhuis", "Ik heb een auto en rijd u graag naar afspraken in Assen, Hoogeveen of Beilen.", ["autorijden", "begeleiden-zorg"]),
    ("tuin", "Tuinhulp aangeboden", "Groene vingers! Ik help met wieden, snoeien en gras maaien.", ["tuinieren", "snoeien"]),
    ("taalmaatje", "Taalmaatje voor nieuwkomers", "Oud-leraar Nederlands. Ik oefen graag de taal met nieuwe inwoners.", ["nederlandse-les"]),
    ("respijtzorg", "Even de zorg overnemen", "Ervaring in de thuiszorg. Ik neem graag een dagdeel de zorg van u over zodat u even op adem kunt komen.", ["mantelzorg-overnemen", "dementie-ervaring"]),
    ("boodschappen", "Boodschappen voor u doen", "Ik ga toch elke week naar de supermarkt en neem uw boodschappen graag mee.", ["boodschappen"]),
];

const VACANCY_TEMPLATES: &[Template] = templates![
    (
        "bezoekwerk",
        "Vrijwilliger voor de koffieochtend",
        "{org} zoekt gastvrouwen en -heren voor de wekelijkse koffieochtend voor ouderen.",
        ["gezelschap"]
    ),
    (
        "maatje",
        "Fietsmaatje op de duofiets",
        "{org} zoekt vrijwilligers die met bewoners op de duofiets gaan fietsen.",
        ["duofietsen", "fietsen"]
    ),
    (
        "taalmaatje",
        "Taalvrijwilliger",
        "{org} zoekt vrijwilligers die nieuwkomers helpen met de Nederlandse taal.",
        ["nederlandse-les"]
    ),
    (
        "overig",
        "Hulp bij evenementen",
        "{org} zoekt handen voor de open dag, de markt en andere activiteiten.",
        ["evenementen"]
    ),
    (
        "klussen",
        "Klusvrijwilliger",
        "{org} zoekt een handige vrijwilliger voor onderhoud en kleine reparaties.",
        ["klussen", "timmeren"]
    ),
    (
        "computerhulp",
        "Vrijwilliger digitaal spreekuur",
        "{org} zoekt vrijwilligers voor het digitale spreekuur: hulp bij DigiD, mail en apps.",
        ["computerhulp", "smartphone-hulp"]
    ),
    (
        "vervoer",
        "Chauffeur voor de buurtbus",
        "{org} zoekt chauffeurs met rijbewijs B die ouderen naar activiteiten rijden.",
        ["autorijden"]
    ),
    (
        "tuin",
        "Tuinvrijwilliger",
        "{org} zoekt vrijwilligers voor de moestuin en het groenonderhoud.",
        ["tuinieren"]
    ),
    (
        "administratie",
        "Thuisadministratie-vrijwilliger",
        "{org} zoekt vrijwilligers die mensen thuis helpen hun administratie op orde te brengen.",
        ["administratie", "formulieren"]
    ),
];

const PETS: &[&str] = &["Bobbie", "Max", "Saar", "Bello", "Luna", "Guus"];

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
        let first = FIRST_NAMES.choose(&mut self.rng).copied().unwrap_or("Jan");
        let last = LAST_NAMES
            .choose(&mut self.rng)
            .copied()
            .unwrap_or("Bakker");
        format!("{first} {last}")
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

    fn schedule(&mut self) -> Schedule {
        match self.rng.gen_range(0..10) {
            0..=5 => Schedule::Weekly {
                slots: self.slots(1, 3),
                hours_per_week: Some(f64::from(self.rng.gen_range(1..=4))),
            },
            6..=7 => Schedule::Once {
                date: self.started.date() + Duration::days(self.rng.gen_range(3..60)),
                parts: vec![*DayPart::ALL
                    .choose(&mut self.rng)
                    .unwrap_or(&DayPart::Morning)],
            },
            _ => Schedule::Flexible,
        }
    }

    fn draft(&mut self, template: &Template, org: &str) -> PostDraft {
        let place = self.place();
        let place_name = self
            .reference
            .place(&place)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let pet = PETS.choose(&mut self.rng).copied().unwrap_or("Bobbie");
        let description = template
            .description
            .replace("{place}", &place_name)
            .replace("{pet}", pet)
            .replace("{org}", org);
        PostDraft {
            title: template.title.replace("{org}", org),
            description,
            category: template.category.to_owned(),
            place,
            talents: template.talents.iter().map(|t| (*t).to_owned()).collect(),
            schedule: self.schedule(),
            radius_km: self.rng.gen_bool(0.3).then(|| self.rng.gen_range(5..=20)),
            on_behalf_of: None,
        }
    }

    fn on_behalf(&mut self) -> Option<OnBehalfOf> {
        let channel = match self.rng.gen_range(0..10) {
            0..=5 => return None,
            6..=7 => "network",
            _ => "referral",
        };
        Some(OnBehalfOf {
            name: self.name(),
            phone: Some(format!(
                "06-{:08}",
                self.rng.gen_range(10_000_000..99_999_999)
            )),
            email: None,
            channel: channel.to_owned(),
            referrer: (channel == "referral").then(|| {
                REFERRERS
                    .choose(&mut self.rng)
                    .copied()
                    .unwrap_or("wijkteam")
                    .to_owned()
            }),
        })
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
        for i in 0..REQUESTS {
            let author = residents[i % residents.len()].clone();
            let template = &REQUEST_TEMPLATES[i % REQUEST_TEMPLATES.len()];
            let mut draft = g.draft(template, "");
            draft.on_behalf_of = g.on_behalf();
            counts[0] += usize::from(insert_post(
                conn,
                &mut g,
                PostKind::Request,
                &author,
                None,
                &draft,
                &coordinator,
            )?);
        }
        for i in 0..OFFERS {
            let author = volunteers[(i * 7) % volunteers.len()].clone();
            let draft = g.draft(&OFFER_TEMPLATES[i % OFFER_TEMPLATES.len()], "");
            counts[1] += usize::from(insert_post(
                conn,
                &mut g,
                PostKind::Offer,
                &author,
                None,
                &draft,
                &coordinator,
            )?);
        }
        for i in 0..VACANCIES {
            let (account, org_name) = organisations[i % organisations.len()].clone();
            let org_id = accounts::organisation_of(conn, &account)?.map(|(id, _)| id);
            let draft = g.draft(&VACANCY_TEMPLATES[i % VACANCY_TEMPLATES.len()], &org_name);
            counts[2] += usize::from(insert_post(
                conn,
                &mut g,
                PostKind::Vacancy,
                &account,
                org_id.as_deref(),
                &draft,
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
    use super::*;

    #[test]
    fn templates_use_known_categories_and_talents() {
        let reference = Reference::load().unwrap();
        for t in REQUEST_TEMPLATES
            .iter()
            .chain(OFFER_TEMPLATES)
            .chain(VACANCY_TEMPLATES)
        {
            assert!(reference.category(t.category).is_some(), "{}", t.category);
            for talent in t.talents {
                assert!(reference.talent(talent).is_some(), "{talent}");
            }
        }
        for c in &reference.categories {
            assert!(
                REQUEST_TEMPLATES.iter().any(|t| t.category == c.slug),
                "no demo request for {}",
                c.slug
            );
        }
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
