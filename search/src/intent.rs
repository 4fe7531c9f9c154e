//! What the wording of a question says about the kind of post the searcher wants.
//!
//! *Iemand die mijn heg kan snoeien* looks for a volunteer who offers help;
//! *vrijwilligers gezocht voor het zorgcentrum* for vacancies like that one; *ik wil
//! graag helpen met boodschappen* for requests and vacancies. A searcher without a
//! role preference (anonymous, or a coordinator) gets the kinds such a phrase names
//! preferred, as a signed-in role would. Most questions carry no such phrase and
//! get no preference: one word like *boodschappen* says nothing about the side.
//! The words of such phrases (*iemand die*, *ik heb op zaterdag tijd*, *met
//! pensioen*) say who is asking, not what about, so the search leaves them out; so
//! do a helper's words about their own life (*ik spreek een beetje Nederlands*) and
//! *alleen* that means *only* (*alleen in het weekend*).

use crate::side_model::{self, Side};
use crate::{analyzer, PostKind};

/// In a phrase: up to [`GAP`] words none of which [`breaks_gap`] (*kan ik
/// daar iemand mee helpen*, *ik heb op zaterdag tijd*).
const ANY: &str = "…";

/// How many words [`ANY`] stands for at most (3 until 2026-12-06, late: *ik heb
/// twee ochtenden per week vrij* needs four; no question of the judged set changed
/// side).
const GAP: usize = 4;

/// Negations: *ik heb geen tijd* offers nothing.
const NEGATIONS: &[&str] = &["geen", "niet", "nooit", "niks", "niets"];

/// Whether `word` ends a gap ([`ANY`]): the searcher's own as the one helped
/// ([`ONES_OWN`]: *wie wil me helpen* asks for help) and negations ([`NEGATIONS`]).
fn breaks_gap(word: &str) -> bool {
    ONES_OWN.contains(&word) || NEGATIONS.contains(&word)
}

/// A phrase word starting with this is what the question is about, not the side
/// (*ik rij graag*: *rij*): it stays a word of the question ([`Wording::side_words`]).
const TOPIC: char = '=';

/// A phrase word starting with this matches every word ending in the rest
/// (*\*maatje worden*: *taalmaatje worden*); a lone `*` matches any one word, even
/// one that [`breaks_gap`], so it stands only where every word is meant.
const SUFFIX: char = '*';

/// Phrases of someone who looks for a person who helps: offers.
const SEEKS_HELPER: &[&[&str]] = &[
    &["iemand", "die"],
    &["vrijwilliger", ANY, "die"],
    &["vrijwilligers", ANY, "die"],
    &["welke", "vrijwilliger"],
    &["welke", "vrijwilligers"],
    &["aanbod"],
    &["zoek", "iemand"],
    &["zoeken", "iemand"],
    &["zou", "iemand"],
    &["kan", "iemand"],
    &["wil", "iemand"],
    &["is", "er", "iemand"],
    &["kan", "er", "iemand"],
    &["heeft", "iemand"],
    &["is", "er", "een", "vrijwilliger"],
    &["graag", "hulp"],
    &["zoek", "een", "=*maatje"],
    &["zoek", "ondersteuning"],
    &["hulp", "gezocht"],
    &["=*maatje", "gezocht"],
    &["=chauffeur", "gezocht"],
    &["zoek", "hulp"],
    &["mij", "helpen"],
    &["me", "helpen"],
    // Who will do it: wie kan, wie haalt, wie leest voor.
    &["wie", "kan"],
    &["wie", "wil"],
    &["wie", "wilt"],
    &["wie", "zou"],
    &["wie", "is"],
    &["wie", "helpt"],
    &["wie", "haalt"],
    &["wie", "brengt"],
    &["wie", "rijdt"],
    &["wie", "gaat"],
    &["wie", "komt"],
    &["wie", "doet"],
    &["wie", "geeft"],
    &["wie", "leest"],
    &["wie", "kent"],
    &["wie", "heeft", "tijd"],
    // Where to turn: *waar kan ik terecht*, *zou fijn zijn als er iemand langskomt*.
    &["waar", "kan", ANY, "terecht"],
    &["waar", "kunnen", ANY, "terecht"],
    &["als", "er", ANY, "iemand"],
    &["zoek", "contact"],
    // Who or what for: *iemand voor de tuin*, *iemand om mee te wandelen*, *rijdt er
    // iemand naar de fysio*, *hulp aangeboden*.
    &["iemand", "voor"],
    &["iemand", "om"],
    &["zoekt", "iemand"],
    &["rijdt", "er", "iemand"],
    &["gaat", "er", "iemand"],
    &["komt", "er", "iemand"],
    &["wil", "er", "iemand"],
    &["wie", "biedt"],
    &["hulp", "aangeboden"],
    &["zoek", "=*maatje"],
    // Being helped: *ik zou graag geholpen worden met de computer* (the learned
    // reading takes *worden* for a volunteer's *chauffeur worden*).
    &["geholpen", "worden"],
    &["worden", "geholpen"],
    &["word", "ik", "geholpen"],
    &["=opgehaald", "worden"],
    &["=gebracht", "worden"],
    &["=gereden", "worden"],
    &["=voorgelezen", "krijgen"],
    &["neem", ANY, "hulp", "aan"],
    // A wish to do something again is a resident's (*ik wil wel weer eens onder
    // de mensen komen*), not a helper's *wil wel*.
    &["wil", "wel", "weer"],
];

/// Words for the person who does the work or the service sought (*tuinman*, *een
/// maatje voor mijn vader*, *vervoer naar de tandarts*, *lift naar huisarts*): a
/// question that names one and nothing else of its side looks for that person or
/// service, so for offers. (A volunteer names the work: *tuinieren*, *klussen*,
/// *rijden*.) Not *chauffeur*, *klusser* or a bare *taalmaatje*: volunteers search
/// for those roles too (tuning part: *chauffeur* 0.89 → 0.53 as a look for offers;
/// demo set: *klusser* 1.0 → 0.74). Nor *ouderen* for a helper: tuning and second
/// development parts +0.002 and +0.004, check part −0.003.
const NAMES_HELPER: &[&[&str]] = &[
    &["=tuinman"],
    &["=hovenier"],
    &["=klusjesman"],
    &["=oppas"],
    &["=vervoer"],
    &["=lift"],
    &["=liftje"],
    &["=*maatje", "voor"],
    &["=*buddy", "voor"],
];

/// People (and pets) of one's own: a question that speaks of *mijn schoonvader*,
/// *onze moeder*, *mijn zieke vader* or *ons hondje* and names nothing else of its
/// side asks for them, so for offers (*mijn schoonvader zit in een rolstoel en wil
/// graag naar buiten*). A volunteer who speaks of their own (*mijn man is overleden, ik wil
/// graag iets doen*) names their side as well. Not children: *als mijn kinderen op
/// school zitten* is a helper's own life. Only in a sentence of at least
/// [`SENTENCE_WORDS`] words: a short *gezelschap voor mijn vader* reads like the
/// title of a request, and posts of both sides have such titles (fixture corpus
/// 0.995 → 0.987 when it counted too).
const OWN_PEOPLE: &[&str] = &[
    "vader",
    "moeder",
    "pa",
    "ma",
    "pap",
    "mam",
    "papa",
    "mama",
    "man",
    "vrouw",
    "echtgenoot",
    "echtgenote",
    "partner",
    "schoonvader",
    "schoonmoeder",
    "schoonouders",
    "ouders",
    "opa",
    "oma",
    "grootvader",
    "grootmoeder",
    "broer",
    "zus",
    "zuster",
    "tante",
    "oom",
    "buurman",
    "buurvrouw",
    "buren",
    "hond",
    "hondje",
    "kat",
    "poes",
];

/// How many words make a sentence. A shorter question reads like a post's title
/// (*gezelschap voor mijn vader*) and says little of its side, so only sentences
/// are read for one's own people ([`speaks_of_own_people`]) and by the learned
/// reading ([`learned_side`]).
const SENTENCE_WORDS: usize = 5;

/// Whether `words` is a sentence that holds *mijn*, *ons* or *onze* before one of
/// [`OWN_PEOPLE`], right after it or after one word (*mijn zieke moeder*).
fn speaks_of_own_people(words: &[String]) -> bool {
    let own = |w: &String| matches!(w.as_str(), "mijn" | "ons" | "onze");
    let person = |w: Option<&String>| w.is_some_and(|w| OWN_PEOPLE.contains(&w.as_str()));
    words.len() >= SENTENCE_WORDS
        && (0..words.len())
            .any(|i| own(&words[i]) && (person(words.get(i + 1)) || person(words.get(i + 2))))
}

/// Work a volunteer names as what they like doing (*rijden*, *tuinieren*): a short
/// question (at most [`WORK_WORDS`] words) that names it and nothing else of its
/// side looks for requests and vacancies. A resident names the need (*vervoer*,
/// *tuin*, *lift*), or says more (*rijden naar het ziekenhuis*).
const NAMES_WORK: &[&[&str]] = &[&["=rijden"], &["=tuinieren"], &["=timmeren"]];

/// See [`NAMES_WORK`]: *tuinieren Beilen*.
const WORK_WORDS: usize = 2;

/// Phrases of a professional who looks for a volunteer for a client (*tuinhulp
/// voor cliënt*, *fietsvrijwilliger voor een meneer*, *vrijwilliger gezocht voor
/// wekelijks bezoek*): offers, and vacancies of organisations whose volunteers do
/// that.
const SEEKS_VOLUNTEER: &[&[&str]] = &[
    &["voor", "client"],
    &["voor", "een", "client"],
    &["voor", "mijn", "client"],
    &["voor", "onze", "client"],
    &["=*vrijwilliger", "voor"],
    &["=*vrijwilliger", "in", "=*", "voor", "een"],
    &["vrijwilliger", "gezocht"],
];

/// A service for the elderly (*digitale hulp voor ouderen*, *klussendienst voor
/// ouderen*): a professional after what serves clients, as [`SEEKS_VOLUNTEER`]:
/// offers and vacancies. Read after [`HELPER_SAYS`] and before the other phrases,
/// so that its *voor ouderen* is not a helper's (*iets doen voor ouderen*); not in
/// a question with a word of one's own (*ik wil digitale hulp voor ouderen geven*
/// is a helper's). Not for one person (*boodschappenhulp voor oudere dame*: second
/// development part 0.71 → 0.61 when it counted).
const SERVICE_FOR: &[&[&str]] = &[
    &["=*hulp", "voor", "=ouderen"],
    &["=*dienst", "voor", "=ouderen"],
];

/// What someone says who cannot manage something: with a word for themselves or
/// their own (*ik*, *mijn*), the question is theirs and they look for a person who
/// helps. A coordinator writes about *mevrouw* or *meneer*, and such questions are
/// as often after similar requests, so they get no preference from this.
const CANNOT_MANAGE: &[&[&str]] = &[
    &["hulp", "nodig"],
    &["hulp", "gebruiken"],
    &["lukt", "niet"],
    &["lukt", "het", "niet"],
    &["lukt", "me", "niet"],
    &["lukt", "mij", "niet"],
    &["kan", "niet", "meer"],
    &["kan", "het", "niet"],
    &["red", "het", "niet"],
    &["redt", "het", "niet"],
    &["niet", "zelf"],
    &["zelf", "niet"],
    &["niet", "meer", "zelf"],
    &["niet", "meer", "toe"],
    &["te", "veel"],
    &["te", "zwaar"],
    &["boven", "het", "hoofd"],
    &["niet", ANY, "handig"],
    &["geen", "verstand"],
    // A learner: *ik wil beter Nederlands leren spreken*.
    &["wil", "beter", "=nederlands"],
    &["geen", "=auto"],
    &["durf", "niet"],
    &["snap", "niet"],
    &["niet", "snap"],
    &["snap", "het", "niet"],
    &["snap", "niks"],
    &["snapt", "niks"],
    &["moeite", "met"],
    &["weet", "niet", "hoe"],
    &["kan", "niet", "goed"],
    &["niet", "alleen"],
    // No longer able: *ik mag niet meer autorijden*, *gaat niet meer door mijn rug*.
    &["niet", "meer"],
    &["red", "me", "niet"],
    &["redden", ANY, "niet"],
    &["begrijp", "niet"],
    &["begrijp", "het", "niet"],
    &["doet", "raar"],
    &["doet", "het", "niet"],
    &["voor", "mezelf"],
    // What they lack or need: *krijgt weinig bezoek*, *heeft niemand*, *ik heb een
    // vrije middag nodig*.
    &["weinig", "=bezoek"],
    &["weinig", "=contact"],
    &["heeft", "niemand"],
    &["heb", "niemand"],
    &["ziet", "niemand"],
    &["zie", "niemand"],
    &["heb", ANY, "nodig"],
    &["heeft", ANY, "nodig"],
];

/// Phrases of a helper that hold a phrase of the other side (*wie kan ik helpen*,
/// *ik ben iemand die graag kookt*, *ouderen die hulp nodig hebben*, *wie kan er
/// hulp gebruiken*): they count for the helper, and their words for nothing else.
const HELPER_SAYS: &[&[&str]] = &[
    &["wie", "kan", "ik", ANY, "helpen"],
    &["kan", "ik", ANY, "helpen"],
    &["ben", "iemand", "die"],
    &["voor", "iemand", "die"],
    &["met", "iemand", "die"],
    &["bij", "iemand", "die"],
    &["help", "mensen"],
    &["die", "hulp", "nodig"],
    // Who is looking for someone, and for whom: *wie zoekt er nog iemand voor
    // klusjes*, *iemand die een wandelmaatje zoekt*, *heeft er iemand hulp nodig*,
    // *mensen in Spier die een lift nodig hebben*, *als iemand hulp nodig heeft*,
    // *klussen doen voor mensen die het zelf niet kunnen*, *iemand om voor te koken*.
    &["wie", "zoekt", ANY, "iemand"],
    &["welke", ANY, "zoekt", "iemand"],
    &["zoekt", "er", "iemand"],
    &["iemand", "die", ANY, "zoekt"],
    &["heeft", "er", "iemand", ANY, "nodig"],
    &["mensen", ANY, "die", ANY, "nodig"],
    &["ouderen", ANY, "die", ANY, "nodig"],
    &["als", "iemand", ANY, "nodig"],
    &["doen", "voor", "mensen", "die"],
    &["bij", "mensen", ANY, "die"],
    &["iemand", "om", "te", "helpen"],
    &["iemand", "om", "voor", "te"],
    // *wie moet er ergens naartoe gebracht worden*: who is to be helped.
    &["wie", ANY, "=gebracht", "worden"],
    &["wie", ANY, "=opgehaald", "worden"],
    &["wie", ANY, "geholpen", "worden"],
    &["wie", "moet", "er", ANY, "=gebracht", "worden"],
    &["wie", "moet", "er", ANY, "=opgehaald", "worden"],
    &["wie", "moet", "er", ANY, "geholpen", "worden"],
    &["bij", "ouderen", ANY, "die"],
    &["wie", "heeft", ANY, "hulp"],
    &["wie", ANY, "hulp", "gebruiken"],
    &["wie", "moet", "er"],
];

/// Words for oneself as the one helped, and for one's own people: the object and
/// possessive forms only. *Ik* and *wij* are as often the helper (*ik rij graag*);
/// *me*, *mij* and *mijn* make the one helped the searcher or theirs (*mij
/// rijden*, *mijn moeder*). They also end a gap in a phrase ([`breaks_gap`]),
/// so a change here changes which phrases match.
const ONES_OWN: &[&str] = &["me", "mij", "mijn", "ons", "onze"];

/// Words a person uses of themselves. *Mama* and *papa* are always one's own
/// (*mama kan niet meer stofzuigen*).
const MYSELF: &[&str] = &["ik", "mij", "me", "mijn", "mama", "papa", "mam"];

/// Words for a group one belongs to: also how an organisation speaks (*bij ons in
/// het verpleeghuis woont een dame die …*).
const OURSELVES: &[&str] = &["wij", "we", "ons", "onze"];

/// Whether `word` is one for oneself or one's own ([`MYSELF`], [`OURSELVES`]).
fn is_own(word: &str) -> bool {
    MYSELF.contains(&word) || OURSELVES.contains(&word)
}

/// Phrases of someone who wants to help: requests and vacancies.
const OFFERS_HELP: &[&[&str]] = &[
    &["ik", "wil", ANY, "helpen"],
    &["wil", "ik", ANY, "helpen"],
    &["wij", "willen", ANY, "helpen"],
    &["we", "willen", ANY, "helpen"],
    &["graag", "helpen"],
    &["wil", "wel"],
    &["wil", "best"],
    &["graag", "willen", "helpen"],
    &["meehelpen"],
    &["mee", "helpen"],
    &["beschikbaar"],
    &["ik", "heb", "ervaring"],
    &["ik", "heb", "een", "=auto"],
    &["ik", "heb", "een", "=bus"],
    &["ik", "heb", "een", "=busje"],
    &["ik", "heb", "een", "=bestelbus"],
    &["ik", "heb", "een", "=aanhanger"],
    &["vrijwilligersbaan"],
    &["vrijwilligersfunctie"],
    &["vrijwilligersplek"],
    &["nuttig", "besteden"],
    &["wil", ANY, "helpen"],
    &["ik", "kan", ANY, "helpen"],
    // What they did for a living: *ik was juf*, *ex ict'er*.
    &["ik", "was"],
    &["ex"],
    &["ben", "goed"],
    &["hobby"],
    &["hou", "van"],
    &["houd", "van"],
    &["doe", "graag"],
    &["ben", "graag"],
    &["ouderen", "helpen"],
    &["mensen", "helpen"],
    &["wil", "mensen"],
    &["kan", "mensen"],
    &["anderen", "helpen"],
    &["iets", "terugdoen"],
    &["iets", "terug", "doen"],
    &["iets", "nuttigs"],
    &["zinvol"],
    &["vrijwillige", "basis"],
    &["=uitleg", "geven"],
    &["=*les", "geven"],
    &["iets", "doen", "voor"],
    &["wil", "iets", ANY, "doen"],
    &["graag", "iets", ANY, "doen"],
    // *iets met ouderen*, *ik wil iets met kinderen*, *heb verstand van belastingen*.
    &["wil", "iets", "met"],
    &["zoek", "iets", "met"],
    &["iets", "met", "=ouderen"],
    &["iets", "met", "=kinderen"],
    &["iets", "met", "=dieren"],
    &["iets", "met", "=mensen"],
    &["iets", "met", "=jongeren"],
    &["heb", "verstand", "van"],
    &["veel", "verstand", "van"],
    &["ik", "ben", "student"],
    &["ik", "ben", "scholier"],
    &["iets", ANY, "betekenen"],
    &["vrijwilligerswerk"],
    &["zoek", "iets"],
    &["als", "vrijwilliger"],
    &["inzetten"],
    &["vrije", "tijd"],
    &["tijd", "over"],
    &["heb", ANY, "tijd"],
    &["heb", ANY, "vrij"],
    &["heb", "alleen", ANY, "=tijd"],
    // When they can: *kan alleen zaterdagochtend*, *kan alleen dinsdag*.
    &["kan", "alleen", "=*dag"],
    &["kan", "alleen", "=*dags"],
    &["kan", "alleen", "=*ochtend"],
    &["kan", "alleen", "=*ochtends"],
    &["kan", "alleen", "=*middag"],
    &["kan", "alleen", "=*middags"],
    &["kan", "alleen", "=*avond"],
    &["kan", "alleen", "=*avonds"],
    &["kan", "alleen", "=overdag"],
    &["bied"],
    &["aanbieden"],
    &["=*maatje", ANY, "worden"],
    &["*vrijwilliger", ANY, "worden"],
    &["=stage"],
    &["met", "pensioen"],
    &["gepensioneerd"],
    &["vroeger", ANY, "geweest"],
    // What they are good at or like doing.
    &["kan", "goed"],
    &["ben", "=handig"],
    &["ben", "gek", "op"],
    &["vind", "het", "fijn"],
    &["vind", "het", "leuk"],
    &["lijkt", "me", "leuk"],
    &["help", "graag"],
    &["ga", "graag"],
    &["=kook", "graag"],
    &["=bak", "graag"],
    &["=rij", "graag"],
    &["=fiets", "graag"],
    &["=wandel", "graag"],
    &["=klus", "graag"],
    &["=tuinier", "graag"],
    &["=lees", "graag"],
    &["=zing", "graag"],
    &["=brei", "graag"],
    &["=sleutel", "graag"],
    &["=knutsel", "graag"],
    &["=praat", "graag"],
    // For or with others.
    &["voor", "=ouderen"],
    &["voor", "anderen"],
    &["voor", "een", "ander"],
    &["aan", "anderen"],
    &["met", "=ouderen"],
    &["met", "mensen"],
    // Going to someone: *ik zou graag bij iemand op de koffie gaan*.
    &["graag", "bij", "iemand", "op"],
    &["graag", "bij", "iemand", "langs"],
    // Who they are: *ik studeer in Groningen*, *hondenliefhebber zonder eigen hond*.
    &["ik", "studeer", "in"],
    &["ben", "=*liefhebber"],
    &["ben", "een", "=*liefhebber"],
    &["=*liefhebber", "zonder"],
    // What they can give or do: *kan huiswerkbegeleiding geven*.
    &["kan", "=*begeleiding", "geven"],
    &["wil", "=*begeleiding", "geven"],
    &["iets", "met", "mijn", "=handen", "doen"],
    // Help they give: *computerhulp geven*, *administratie hulp bieden*, *ouderen
    // bezoeken*, *mantelzorgers ontlasten*, *wegwijs maken*, *kan tolken*.
    &["=*hulp", "geven"],
    &["=*hulp", "bieden"],
    &["=ouderen", "=bezoeken"],
    &["=mensen", "=bezoeken"],
    &["=*mantelzorgers", "=ontlasten"],
    &["wegwijs", "maken"],
    &["kan", "=tolken"],
    &["neem", "graag", ANY, "mee"],
    &["=*hond", "van", "iemand", "anders"],
    &["zinvolle", "besteding"],
    &["iets", "zinvols"],
    // A role they want to take: *hoe word ik chauffeur*, *buddy zijn*.
    &["word", "ik", "=*vrijwilliger"],
    &["word", "ik", "=*maatje"],
    &["word", "ik", "=*chauffeur"],
    &["word", "ik", "=*buddy"],
    &["=*chauffeur", "worden"],
    &["=*trainer", "worden"],
    &["=*coach", "worden"],
    &["=*buddy", "worden"],
    &["=*buddy", "zijn"],
    &["=*begeleider", "worden"],
    &["waar", ANY, "vrijwilligers", "nodig"],
    &["waar", ANY, "vrijwilliger", "nodig"],
    &["wie", "heeft", ANY, "=*klusje", "voor", "mij"],
    &["wie", "heeft", ANY, "=*klus", "voor", "mij"],
    // Someone else's garden, going round to people, a former job.
    &["andermans"],
    &["bij", "mensen", "langs"],
    &["ik", "werkte", "vroeger"],
    &["vroeger", "werkte", "ik"],
    &["ik", "werkte", "als"],
];

/// *Alleen* that means *only*, before a time (*alleen in het weekend*, *alleen op
/// dinsdagmiddag*): not the loneliness it otherwise leads to. Its word is left out
/// of the question (as a side word is), and it names no side.
const ONLY_WHEN: &[&[&str]] = &[
    &["alleen", ANY, "=weekend"],
    &["alleen", ANY, "=*dag"],
    &["alleen", ANY, "=*dags"],
    &["alleen", ANY, "=*ochtend"],
    &["alleen", ANY, "=*ochtends"],
    &["alleen", ANY, "=*middag"],
    &["alleen", ANY, "=*middags"],
    &["alleen", ANY, "=*avond"],
    &["alleen", ANY, "=*avonds"],
    &["alleen", ANY, "=overdag"],
    &["alleen", ANY, "=doordeweeks"],
    &["alleen", ANY, "=schooltijd"],
    &["alleen", ANY, "=schooltijden"],
    &["alleen", "maar"],
    &["heb", "alleen"],
];

/// Phrases asking for posts near a place (*in Hijken of dichtbij*, *Beilen en
/// omgeving*): not a topic, so their words are left out ([`Wording::nearby`]).
const NEARBY: &[&[&str]] = &[
    &["in", "de", "buurt"],
    &["dichtbij"],
    &["dicht", "bij"],
    &["omgeving"],
    &["omstreken"],
    &["in", "de", "regio"],
];

/// What a helper says of their own life (*ik spreek een beetje Nederlands*, *geen
/// auto maar wel een fiets*, *als de kinderen op school zitten*, *mijn man is
/// overleden*): in a helper's question these words are not what they look for,
/// so they are left out. A resident's question keeps them (*ik spreek een beetje
/// Nederlands, wie helpt mij* may be after a language buddy).
const HELPER_SELF: &[&[&str]] = &[
    &["ik", "spreek", ANY, "*s"],
    &["ik", "spreek", ANY, "*sch"],
    &["geen", "auto"],
    &["wel", "een", "fiets"],
    &["kinderen", "op", "school"],
    &["moeder", "van"],
    &["vader", "van"],
    &["moeder", "van", "*", "kinderen"],
    &["moeder", "van", "*", "kleintjes"],
    &["vader", "van", "*", "kinderen"],
    &["vader", "van", "*", "kleintjes"],
    &["jonge", "moeder"],
    &["jonge", "vader"],
    &["man", ANY, "overleden"],
    &["vrouw", ANY, "overleden"],
    &["weduwe"],
    &["weduwnaar"],
    &["zijn", "een", "gezin", "met", "*"],
    &["als", "gezin"],
    &["geen", "rijbewijs"],
    &["niet", "zo", "van", "*"],
    &["niet", "zo", "van", "het", "*"],
    &["na", "mijn", "werk"],
    &["na", "het", "werk"],
    &["naast", "mijn", "werk"],
    &["werk", "fulltime"],
    &["werk", "parttime"],
    &["bij", "mijn", "ouders"],
    &["ik", "studeer", "in", "*"],
];

/// Phrases of someone who looks for volunteer work at an organisation: vacancies.
const SEEKS_VACANCY: &[&[&str]] = &[
    &["vrijwilligers", "gezocht"],
    &["zoeken", "vrijwilligers"],
    &["zoekt", "vrijwilligers"],
    &["*vacature"],
    &["*vacatures"],
    &["bestuursfunctie"],
    &["organisatie"],
    &["organisaties"],
];

/// Phrases of someone who looks for the questions residents asked (a coordinator,
/// a volunteer): requests.
const SEEKS_REQUEST: &[&[&str]] = &[
    &["hulpvraag"],
    &["hulpvragen"],
    &["vragen", "om"],
    &["om", "hulp", ANY, "gevraagd"],
    &["openstaande"],
    &["staan", ANY, "open"],
    &["wie", "vraagt"],
    &["wie", "vragen"],
];

/// What the wording of a question says about the side it is on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Wording {
    /// The kinds of post it asks for; empty when it does not say. A helper looking
    /// for vacancies gets vacancies; phrases of the helper and of someone looking
    /// for one in one question make it ambiguous: nothing is preferred.
    pub kinds: Vec<PostKind>,
    /// Words (as the analyzer folds them) that only say which side the searcher is
    /// on (*iemand die*, *ik heb op zaterdag tijd*, *met pensioen*): they are not
    /// what the question is about, so the search leaves them out.
    pub side_words: Vec<String>,
    /// Whether it asks for posts near the places it names (*in Hijken of
    /// dichtbij*): then the posts of nearby villages count as those of the place.
    pub nearby: bool,
}

/// Reads the side the wording of `text` names.
pub fn read(text: &str) -> Wording {
    let mut words = words(text);
    let original = words.clone();
    let mut side = take_phrases(&mut words, HELPER_SAYS);
    let helper_says = !side.is_empty();
    // A service phrase holds no word of one's own, so taking it leaves this as it is.
    let own = words.iter().any(|w| is_own(w));
    let service = if own {
        Vec::new()
    } else {
        take_phrases(&mut words, SERVICE_FOR)
    };
    let service_for = !service.is_empty();
    side.extend(service);
    let mut says = |phrases: &[&[&str]]| {
        let mut any = false;
        for p in phrases {
            for at in occurrences(&words, p) {
                any = true;
                side.extend(side_positions(p, &at));
            }
        }
        any
    };
    says(ONLY_WHEN);
    let nearby = says(NEARBY);
    let for_client = says(SEEKS_VOLUNTEER) | service_for;
    // `|`, not `||`: a question's own trouble (*ik kan niet meer …*) is read even
    // after a phrase named the side, so that its words are marked as the side's.
    let seeks_helper = says(SEEKS_HELPER) | (own && says(CANNOT_MANAGE));
    let helper = says(OFFERS_HELP) | helper_says;
    let (vacancies, requests) = (says(SEEKS_VACANCY), says(SEEKS_REQUEST));
    let names_no_side = !seeks_helper && !helper && !for_client && !vacancies && !requests;
    let seeks_helper =
        seeks_helper || (names_no_side && (says(NAMES_HELPER) || speaks_of_own_people(&words)));
    // Only a short question: *meneer kan niet meer rijden* and *mijn moeder wil
    // weer tuinieren* are no volunteer's *rijden* or *tuinieren*; nor is *mij rijden*.
    let of_ones_own = words.iter().any(|w| ONES_OWN.contains(&w.as_str()));
    let names_work = names_no_side && !seeks_helper && !of_ones_own && words.len() <= WORK_WORDS;
    let helper = helper || (names_work && says(NAMES_WORK));
    let named = seeks_helper || helper || for_client || vacancies || requests;
    let learned = if named { None } else { learned_side(&original) };
    let seeks_helper = seeks_helper || learned == Some(Side::Help);
    let helper = helper || learned == Some(Side::Work);
    let only_helper = helper && !seeks_helper && !for_client;
    if only_helper {
        says(HELPER_SELF);
    }
    let kinds = Sides {
        seeks_helper,
        for_client,
        helper,
        vacancies,
        requests,
    }
    .kinds();
    side.sort_unstable();
    side.dedup();
    Wording {
        kinds,
        side_words: side.into_iter().map(|i| original[i].clone()).collect(),
        nearby,
    }
}

/// What the phrases of a question (and the learned reading) say of its side.
struct Sides {
    /// Looks for someone who helps (*iemand die*, *wie kan*).
    seeks_helper: bool,
    /// A professional looks for a volunteer for a client (*tuinhulp voor cliënt*).
    for_client: bool,
    /// Wants to help (*ik wil helpen*).
    helper: bool,
    /// Names vacancies (*vrijwilligers gezocht*).
    vacancies: bool,
    /// Names requests (*openstaande hulpvragen*).
    requests: bool,
}

impl Sides {
    /// The kinds of post asked for ([`Wording::kinds`]): none when both sides are
    /// named, or neither.
    fn kinds(&self) -> Vec<PostKind> {
        if self.seeks_helper || self.for_client {
            if self.helper || self.vacancies || self.requests {
                Vec::new()
            } else if self.for_client {
                vec![PostKind::Offer, PostKind::Vacancy]
            } else {
                vec![PostKind::Offer]
            }
        } else {
            match (self.helper, self.vacancies, self.requests) {
                (_, true, false) => vec![PostKind::Vacancy],
                (false, false, true) => vec![PostKind::Request],
                (true, _, _) | (false, true, true) => vec![PostKind::Request, PostKind::Vacancy],
                (false, false, false) => Vec::new(),
            }
        }
    }
}

/// Verb forms only *ik* takes, for people who leave it out (*ben 70 en nog fit,
/// zou graag …*).
const I_VERBS: &[&str] = &["heb", "ben", "woon"];

/// The side the learned reading ([`side_model`]) finds in a question whose
/// phrases name none: only in a sentence of at least [`SENTENCE_WORDS`] words (a
/// short question reads like a post's title), and only in one of one's own
/// ([`MYSELF`], [`I_VERBS`]; not [`OURSELVES`]). A question about someone else, as a coordinator writes it (*dame
/// van 85 die haar mobieltje niet snapt*), keeps no side: people who coordinate
/// are after similar requests as often as after offers (tuning part, written by
/// people: the four such questions read as a side lost 0.10 together).
fn learned_side(words: &[String]) -> Option<Side> {
    let of_myself = words
        .iter()
        .any(|w| MYSELF.contains(&w.as_str()) || I_VERBS.contains(&w.as_str()));
    if !of_myself || words.len() < SENTENCE_WORDS {
        return None;
    }
    side_model::read(words)
}

/// Words after *iemand die* that still describe that other person (*voor iemand
/// die dat zelf niet meer kan*): they say nothing of the searcher's side.
const CLAUSE: usize = 8;

/// Blanks out the words of every occurrence of `phrases` in `words` (gaps
/// included, and the clause after a phrase ending in *die*); the positions of the
/// phrases' own words.
fn take_phrases(words: &mut [String], phrases: &[&[&str]]) -> Vec<usize> {
    let mut taken = Vec::new();
    for phrase in phrases {
        let clause = if phrase.last() == Some(&"die") {
            CLAUSE
        } else {
            0
        };
        for at in occurrences(words, phrase) {
            if let (Some(&first), Some(&last)) = (at.first(), at.last()) {
                let end = (last + clause).min(words.len() - 1);
                words[first..=end].fill(String::new());
            }
            taken.extend(side_positions(phrase, &at));
        }
    }
    taken
}

/// Every occurrence of `phrase` in `words`, left to right and not overlapping: the
/// positions of its words ([`find`]).
fn occurrences(words: &[String], phrase: &[&str]) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = words.get(from..).and_then(|rest| find(rest, phrase)) {
        let next = at.last().map_or(from + 1, |l| from + l + 1);
        found.push(at.into_iter().map(|i| i + from).collect());
        from = next;
    }
    found
}

/// The words as the analyzer reads them ([`analyzer::written_words`]); a misspelt
/// *vrijwilliger* (*vrijwiliger*) counts as the word. The learned reading
/// ([`side_model`]) is trained on these.
pub fn words(text: &str) -> Vec<String> {
    analyzer::written_words(text)
        .into_iter()
        .map(|w| match w.strip_prefix("vrijwil") {
            Some(rest) if !w.starts_with("vrijwill") => format!("vrijwill{rest}"),
            _ => w,
        })
        .collect()
}

/// Of the positions `at` where `phrase`'s words matched, those of words that only
/// name the side (not marked [`TOPIC`]).
fn side_positions<'a>(phrase: &'a [&str], at: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    phrase
        .iter()
        .filter(|w| **w != ANY)
        .zip(at)
        .filter(|(w, _)| !w.starts_with(TOPIC))
        .map(|(_, &i)| i)
}

/// Where the words of the first occurrence of `phrase` in `words` are (one
/// position per phrase word, [`ANY`] aside); consecutive except at [`ANY`].
fn find(words: &[String], phrase: &[&str]) -> Option<Vec<usize>> {
    (0..words.len()).find_map(|start| {
        let mut at = Vec::new();
        match_at(words, start, phrase, &mut at).then_some(at)
    })
}

/// Whether `phrase` matches from `words[i]` on; pushes the positions of its words.
fn match_at(words: &[String], i: usize, phrase: &[&str], at: &mut Vec<usize>) -> bool {
    let Some((first, rest)) = phrase.split_first() else {
        return true;
    };
    if *first == ANY {
        // The shortest gap after which the rest follows.
        let kept = at.len();
        for n in 0..=GAP {
            if n > 0 && words.get(i + n - 1).is_none_or(|w| breaks_gap(w)) {
                return false;
            }
            if match_at(words, i + n, rest, at) {
                return true;
            }
            at.truncate(kept);
        }
        return false;
    }
    let Some(word) = words.get(i) else {
        return false;
    };
    let first = first.trim_start_matches(TOPIC);
    let matches = match first.strip_prefix(SUFFIX) {
        Some(end) => word.ends_with(end),
        None => word == first,
    };
    if !matches {
        return false;
    }
    at.push(i);
    match_at(words, i + 1, rest, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that every question in `questions` asks for `kinds`.
    fn each_asks_for(kinds: &[PostKind], questions: &[&str]) {
        for q in questions {
            assert_eq!(read(q).kinds, kinds, "{q}");
        }
    }

    #[test]
    fn a_sentence_about_ones_own_people_looks_for_offers() {
        each_asks_for(
            &[PostKind::Offer],
            &[
                "mijn schoonvader in Orvelte zit in een rolstoel en wil graag naar buiten",
                "ik heb net een nieuwe heup en mijn hondje moet wel uit",
                "onze moeder woont sinds kort in Beilen",
                "mijn zieke vader komt de deur niet meer uit",
                "ons hondje moet elke dag drie keer naar buiten",
            ],
        );
        // A title-like phrase, a helper's own life, and children stay as they were.
        each_asks_for(
            &[],
            &[
                "gezelschap voor mijn vader",
                "als mijn kinderen op school zitten",
            ],
        );
        each_asks_for(
            &[PostKind::Request, PostKind::Vacancy],
            &["mijn man is vorig jaar overleden, ik wil graag iets voor een ander doen"],
        );
    }

    #[test]
    fn a_question_for_a_helper_prefers_offers() {
        each_asks_for(
            &[PostKind::Offer],
            &[
                "iemand die een lampje kan ophangen",
                "Vrijwilliger die een middag kan oppassen",
                "wie kan mijn gras maaien?",
                "wie helpt mij met de tuin",
                "ik zoek hulp bij de administratie",
                "mijn vader kan wel wat hulp gebruiken",
                "de tuin lukt mij niet meer",
                "mijn moeder kan niet meer zelf naar de winkel",
                "zou iemand eens op de koffie willen komen",
                "de kraan drupt, wie is een beetje handig",
                "ik moet naar het ziekenhuis maar heb geen auto",
                "mijn tuin wordt me te veel",
                "het onkruid groeit me boven het hoofd sinds mijn heup",
                "de kraan lekt en ik ben niet handig",
                "wij zijn net in Beilen komen wonen en ik wil beter Nederlands leren spreken",
                // The searcher's own word ends a gap: asking, not offering.
                "wie wil me helpen met de was",
                "kan er iemand mijn gras maaien",
                "ik zoek een wandelmaatje",
                "ik weet niet hoe ik mijn tablet moet instellen",
                "wandelmaatje gezocht",
                "ik kan het niet alleen",
                "ik mag niet meer autorijden en moet naar het ziekenhuis",
                "gras maaien gaat niet meer door mijn rug",
                "ik red me niet in de keuken",
                "brief van de gemeente, ik begrijp het niet",
                "mijn tablet doet raar",
                "ik ben mantelzorger en wil een dagdeel voor mezelf",
                // A negation keeps *heb … tijd* from offering time; *voor mezelf* asks.
                "ik heb nooit meer eens tijd voor mezelf",
                "waar kan ik terecht met mijn vader",
                "het zou fijn zijn als er af en toe iemand langskomt",
                "ik zoek contact met andere mensen",
                // A coordinator after what volunteers offer.
                "aanbod van vrijwilligers die klussen willen doen",
                "vrijwilligers met rijbewijs die een meneer kunnen brengen",
                // The person who does the work.
                "tuinman",
                "hovenier Beilen",
                "een maatje voor mijn vader",
                "vervoer naar tandarts Beilen",
                // What they or their own lack: *weinig bezoek*, *niemand*, *heeft … nodig*.
                "mijn moeder van 88 woont alleen en krijgt weinig bezoek",
                "mijn buurman van 90 heeft niemand",
                "mijn vader heeft hulp nodig bij het douchen",
                "welke vrijwilligers kunnen een rolstoel duwen",
                // Who or what for, offered help, and *mama*, who is always one's own.
                "iemand voor het gras in Wijster",
                "iemand om samen mee te fietsen",
                "rijdt er iemand naar de markt",
                "hulp aangeboden klussen",
                "buddy voor mijn dochter",
                "papa kan niet meer zelf koken",
            ],
        );
        // Roles volunteers search for too, and the person named by a helper.
        each_asks_for(&[], &["chauffeur", "taalmaatje Beilen"]);
        // Work said of someone else, or with more words, is no volunteer's; said
        // of one's own mother, it asks for someone who helps her.
        each_asks_for(
            &[],
            &["meneer kan niet meer rijden", "rijden naar het ziekenhuis"],
        );
        each_asks_for(&[PostKind::Offer], &["mijn moeder wil weer tuinieren"]);
        each_asks_for(
            &[PostKind::Request, PostKind::Vacancy],
            &["ik wil graag maatje voor een statushouder worden"],
        );
    }

    #[test]
    fn a_wish_to_help_prefers_requests_and_vacancies() {
        each_asks_for(
            &[PostKind::Request, PostKind::Vacancy],
            &[
                "ik wil helpen met boodschappen",
                "vrijwilligerswerk met dieren",
                "smartphone uitleg geven",
                "ik help graag in de tuin",
                "ik heb tijd over op dinsdag",
                "heb een auto, wil mensen naar het ziekenhuis brengen",
                // The work a volunteer likes, said alone.
                "rijden",
                "tuinieren Beilen",
                "iets met ouderen",
                "ik ben student pedagogiek en wil iets met kinderen",
                "heb verstand van belastingen",
                "maatje worden",
                // A helper's phrase that holds one of the other side.
                "wie kan ik helpen",
                "ik ben iemand die graag kookt",
                "ouderen die hulp nodig hebben bij de computer",
                "wie heeft hulp nodig met boodschappen",
                "wie kan er hulp gebruiken in de tuin",
                "ik wil wel boodschappen doen voor iemand die slecht ter been is",
                "fietsen met iemand die niet meer zelf kan fietsen",
                // The clause after *iemand die* is the other person's trouble.
                "ik zou graag een hond uitlaten voor iemand die dat zelf niet meer kan",
                "ik spreek een beetje nederlands en wil helpen",
                "ik heb een bestelbus en kan spullen ophalen",
                "ik was juf en wil kinderen helpen met lezen",
                "ex ict'er, kan helpen met laptops",
                "een praatje maken met iemand die alleen is",
                "klusjes doen bij iemand die het niet meer kan",
                // Phrases with a gap.
                "kan ik daar iemand mee helpen",
                "ik wil syrische gezinnen helpen met brieven",
                "op zaterdag heb ik tijd en ik rij graag",
                "taalmaatje worden",
                "net met pensioen en wil graag buiten bezig zijn",
                "ik zou graag willen helpen bij de voedselbank",
                "op dinsdag ben ik beschikbaar",
                "ik heb ervaring met dementie",
                "ik heb een auto en tijd",
                "ik hou van tuinieren",
                "ik wil graag iets terugdoen",
                "ik zoek een leuke vrijwilligersbaan",
                "ik wil taalles geven aan nieuwkomers",
                "ik wil mijn tijd nuttig besteden",
                "ik heb twee ochtenden per week vrij",
                // Going to someone, teaching, chat spelling.
                "weduwe van 68, zou graag bij iemand op de koffie gaan voor een praatje",
                "ik studeer in groningen maar ben in het weekend bij mijn ouders, kan huiswerkbegeleiding geven",
                "ff iets met mn handen doen",
                "wij willen graag helpen met boodschappen",
                "jonge vader, werk fulltime, kan alleen zaterdagochtend, klussen",
                "hondenliefhebber zonder eigen hond, wil graag een hond uitlaten",
                // Help they give, a role they want, places that need volunteers.
                "digitale hulp geven in Smilde",
                "oudere mensen bezoeken",
                "mantelzorgers ontlasten in Hooghalen",
                "nieuwkomers wegwijs maken",
                "hoe word ik chauffeur bij de Zonnebloem",
                "waar zijn vrijwilligers nodig",
                "zijn er mensen die een lift nodig hebben",
                // Who looks for someone, for whom, someone else's garden, a former job.
                "wie zoekt er iemand om de hond uit te laten",
                "zoek iemand die een maatje zoekt in Elp",
                "als iemand hulp nodig heeft met de computer kom ik graag",
                "ik wil graag klussen doen voor mensen die het zelf niet meer kunnen",
                "wij kunnen andermans tuin wel bijhouden",
                "ik werkte vroeger bij de belastingdienst",
            ],
        );
        // Their counterparts on the resident's side stay there: someone coming over,
        // someone sought by what they love, a time or a trouble of one's own.
        each_asks_for(
            &[PostKind::Offer],
            &[
                "zou iemand bij mij op de koffie komen",
                "ik zoek een dierenliefhebber die mijn kat wil voeren als ik in het ziekenhuis lig",
                "mijn vader kan alleen op woensdag naar de fysio, is er vervoer",
                "wie kan mijn zoon huiswerkbegeleiding geven",
                "er is iets met mijn handen, ik kan de potten niet meer open krijgen",
                "ik heb geen verstand van computers",
            ],
        );
        // A helper who names what they cannot do, or teaches Dutch, is no resident.
        for q in [
            "ik wil statushouders Nederlands leren",
            "ik ben niet handig met klussen maar wil graag helpen met boodschappen",
        ] {
            assert_ne!(read(q).kinds, [PostKind::Offer], "{q}");
        }
    }

    #[test]
    fn a_volunteer_for_a_client_prefers_offers_and_vacancies() {
        each_asks_for(
            &[PostKind::Offer, PostKind::Vacancy],
            &[
                "tuinhulp voor cliënt met copd",
                "fietsvrijwilliger voor een meneer met dementie",
                "vrijwilliger gezocht voor wekelijks bezoek aan een eenzame man",
                "klusvrijwilliger in Beilen voor een oudere dame",
            ],
        );
        // A service for the elderly, not a helper's *voor ouderen*; but a helper's
        // own words make it theirs, and a volunteer's place of work is no client.
        each_asks_for(
            &[PostKind::Request, PostKind::Vacancy],
            &["ik wil graag digitale hulp voor ouderen geven"],
        );
        assert_ne!(
            read("ik ben vrijwilliger in Beilen voor de voedselbank en wil meer doen").kinds,
            [PostKind::Offer, PostKind::Vacancy]
        );
        each_asks_for(
            &[PostKind::Offer, PostKind::Vacancy],
            &[
                "digitale hulp voor ouderen met smartphone en tablet",
                "klussendienst voor ouderen",
            ],
        );
        each_asks_for(
            &[PostKind::Request, PostKind::Vacancy],
            &["ik zou graag iets doen voor ouderen"],
        );
        // Becoming one is a helper's wording: both sides, nothing preferred.
        each_asks_for(&[], &["ik wil taalvrijwilliger voor statushouders worden"]);
    }

    #[test]
    fn look_alike_wordings_stay_on_their_side() {
        // Residents: someone of theirs who needs something, being helped, a need
        // of several people, a former job of their own.
        each_asks_for(
            &[PostKind::Offer],
            &[
                "mijn man die dementie heeft en begeleiding nodig heeft",
                "ik heb een dochter die zorg nodig heeft",
                "is er vervoer voor mensen die slecht ter been zijn",
                "dringend vrijwilliger nodig voor vervoer naar dialyse",
                "wie heeft een lift voor mij",
                "hoe word ik geholpen met mijn belastingaangifte",
                "zinvolle dagbesteding voor mijn man met dementie",
                "ik neem graag wat hulp aan in de tuin",
                "tot vorig jaar werkte ik zelf in de tuin, nu zoek ik een tuinman",
                "ik zou graag geholpen worden met de computer",
                "ik moet dinsdag naar het ziekenhuis gebracht worden",
                "ik ben blind en zou graag de krant voorgelezen krijgen",
            ],
        );
        // Volunteers: who needs someone, a club looking for someone, a role.
        each_asks_for(
            &[PostKind::Request, PostKind::Vacancy],
            &[
                "heeft er iemand hulp nodig in de tuin",
                "zoekt er iemand een wandelmaatje",
                "op zoek naar iemand om te helpen",
                "welke vereniging zoekt iemand voor de bar",
                "wie zoekt er nog iemand voor klusjes",
                "ik zoek informatie over vrijwilligerswerk",
                "ik wil graag buddy zijn voor iemand met kanker",
                "op zaterdag heb ik tijd, wie moet er naar de markt gebracht worden",
            ],
        );
    }

    #[test]
    fn the_learned_reading_reads_only_sentences_of_ones_own() {
        // No phrase names a side here; the learned reading does.
        each_asks_for(
            &[PostKind::Request, PostKind::Vacancy],
            &[
                "ik zou graag af en toe boodschappen doen voor een oudere",
                "ben 70 en nog fit, zou graag af en toe boodschappen doen voor een oudere",
            ],
        );
        each_asks_for(
            &[],
            &[
                // About someone else, as a coordinator or an organisation writes.
                "dame van 85 die haar mobieltje niet snapt",
                "mevrouw woont in Elp en zou graag af en toe naar de markt gaan",
                "bij ons in het verpleeghuis woont een dame die graag wil breien",
                "wij hebben een meneer van 80 in Beilen die graag wil wandelen",
                // Too short: it reads like a post's title.
                "ik kom uit Beilen",
            ],
        );
        // A resident's wish to do something (again) is no helper's.
        for q in [
            "ik zou graag een keer naar de markt in Beilen gaan",
            "ik wil wel weer eens onder de mensen komen in Smilde",
            "ik wil graag weer eens schaken met iemand",
            "ik zou zo graag nog eens naar zee willen met mijn rolstoel",
        ] {
            assert_ne!(read(q).kinds, [PostKind::Request, PostKind::Vacancy], "{q}");
        }
    }

    #[test]
    fn volunteers_wanted_prefers_vacancies_even_misspelt() {
        each_asks_for(
            &[PostKind::Vacancy],
            &[
                "vrijwiligers gezocht voor het zorgcentrum in Beilen",
                "Vacatures in de zorg",
                // A helper after vacancies: both say vacancies.
                "ik wil helpen, vrijwilligers gezocht",
                "welke organisaties zoeken vrijwilligers voor het zorgcentrum",
                "vrijwilligersvacatures Beilen",
            ],
        );
    }

    #[test]
    fn the_words_that_only_name_the_side_are_told_apart_from_the_topic() {
        let side = |q: &str| read(q).side_words;
        assert_eq!(
            side("op zaterdag heb ik tijd en ik rij graag"),
            ["heb", "tijd", "graag"]
        );
        assert_eq!(
            side("net met pensioen en wil graag buiten bezig zijn"),
            ["met", "pensioen"]
        );
        assert_eq!(side("ik woon in Elp en heb geen auto"), ["geen"]);
        assert_eq!(side("iemand die mijn heg kan snoeien"), ["iemand", "die"]);
        assert_eq!(side("taalmaatje worden"), ["worden"]);
        // A helper's own life is not what they look for; a resident's may be.
        let left_out = side("ik spreek een beetje nederlands en wil helpen met koken");
        assert!(left_out.contains(&"nederlands".to_string()), "{left_out:?}");
        let left_out = side("geen auto maar wel een fiets, zoek iets in hijken");
        assert!(left_out.contains(&"auto".to_string()), "{left_out:?}");
        assert_eq!(
            side("ik spreek een beetje nederlands, wie helpt mij"),
            ["wie", "helpt"]
        );
        // *Alleen* before a time means *only*; living alone is a topic.
        assert_eq!(side("alleen op dinsdagmiddag"), ["alleen"]);
        assert!(side("ik woon alleen in Beilen").is_empty());
        // Words in a gap are the topic: *daar*, *mee*.
        assert_eq!(
            side("kan ik daar iemand mee helpen"),
            ["kan", "ik", "helpen"]
        );
        assert!(side("boodschappen in Beilen").is_empty());
        // What a helper does not like, and their own situation, are no topic.
        let left_out = side("ff iets met mn handen doen, ben niet zo van het praten");
        assert!(left_out.contains(&"praten".to_string()), "{left_out:?}");
        let left_out =
            side("wij zijn een gezin met tieners en zoeken vrijwilligerswerk, geen rijbewijs");
        assert!(
            left_out.contains(&"tieners".to_string())
                && left_out.contains(&"rijbewijs".to_string()),
            "{left_out:?}"
        );
        // A resident's dislike is theirs to say: the question keeps it.
        let kept = side("ik ben niet zo van het praten, wie kan mij helpen met de computer");
        assert!(!kept.contains(&"praten".to_string()), "{kept:?}");
        // The work a helper names stays, after a family or a number of children.
        let kept = side("ik wil graag helpen bij een gezin met jonge kinderen");
        assert!(!kept.contains(&"gezin".to_string()), "{kept:?}");
        let kept = side("vader van twee, klussen of tuin, kan alleen zaterdag");
        assert!(!kept.contains(&"klussen".to_string()), "{kept:?}");
        let kept = side("klusvrijwilliger in Beilen voor een oudere dame");
        assert!(!kept.contains(&"beilen".to_string()), "{kept:?}");
        let left_out = side("moeder van twee kleintjes, alleen onder schooltijd beschikbaar");
        assert!(
            left_out.contains(&"kleintjes".to_string()) && left_out.contains(&"alleen".to_string()),
            "{left_out:?}"
        );
    }

    #[test]
    fn asking_for_open_questions_prefers_requests() {
        each_asks_for(
            &[PostKind::Request],
            &[
                "openstaande hulpvragen in Bovensmilde",
                "welke vragen om vervoer staan er nog open",
                "welke inwoners hebben om hulp in de tuin gevraagd",
            ],
        );
    }

    #[test]
    fn a_plain_need_or_mixed_wording_prefers_nothing() {
        each_asks_for(
            &[],
            &[
                "boodschappen",
                "hondje uitlaten",
                "ik wil helpen en zoek iemand die meegaat",
                "ik heb geen tijd voor de tuin",
                // Someone else's trouble, as a coordinator writes it.
                "mevrouw kan niet meer zelf naar de winkel",
                "meneer heeft hulp nodig met de tuin",
                // Both sides.
                "ik help mensen die het niet meer zelf kunnen",
            ],
        );
    }
}
