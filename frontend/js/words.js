// Dutch words for what the API gives as codes, for the post, match, profile and
// suggestion pages: statuses in words, the kinds of help explained once, times as
// people say them, and the page address of each post.

/** The page address segment of each post kind (as in the mails' links). */
export const KIND_PAGES = { request: 'hulpvragen', offer: 'aanbod', vacancy: 'vacatures' };

/** The API path segment of each post kind. */
export const KIND_API = { request: 'requests', offer: 'offers', vacancy: 'vacancies' };

/** A post's own page. */
export function postPage(kind, id) {
  return `/${KIND_PAGES[kind] || 'hulpvragen'}/${encodeURIComponent(id)}`;
}

/** A match's own page. */
export function matchPage(id) {
  return `/koppelingen/${encodeURIComponent(id)}`;
}

/** "hulpvraag", "hulpaanbod", "vacature": what the post is, in a sentence. */
export const KIND_NOUNS = { request: 'hulpvraag', offer: 'hulpaanbod', vacancy: 'vacature' };

/** What each kind of help means, once, in plain words. */
export const CATEGORY_EXPLANATIONS = {
  maatje: 'Een maatje onderneemt regelmatig iets samen met iemand, zoals wandelen of koffie drinken.',
  bezoekwerk: 'Bij bezoekwerk gaat u regelmatig bij iemand op bezoek, voor een praatje en gezelschap.',
  klussen: 'Kleine klusjes in en om het huis.',
  computerhulp: 'Hulp bij de computer, de telefoon of de tablet.',
  administratie: 'Hulp bij post, formulieren en geldzaken.',
  respijtzorg: 'Respijtzorg is even de zorg overnemen van een mantelzorger, zodat die kan uitrusten. Een mantelzorger zorgt voor een zieke naaste.',
  boodschappen: 'Boodschappen doen voor iemand die dat zelf niet kan.',
  vervoer: 'Iemand ergens naartoe brengen, bijvoorbeeld naar de huisarts.',
  taalmaatje: 'Een taalmaatje helpt iemand beter Nederlands te leren, door samen te praten en te oefenen.',
  tuin: 'Hulp in de tuin, zoals gras maaien of snoeien.',
  overig: 'Hulp die niet bij de andere soorten past.',
};

/** A post's status as the author reads it. */
export const POST_STATUS = {
  pending_review: 'Wacht op controle door het Servicepunt',
  rejected: 'Teruggestuurd door het Servicepunt',
  open: 'Staat online',
  in_progress: 'In behandeling',
  matched: 'Gekoppeld aan een vrijwilliger',
  closed: 'Afgesloten',
};

/** What each post status means for the author, in a sentence. */
export const POST_STATUS_HELP = {
  pending_review: 'Het Servicepunt bekijkt uw oproep. Daarna zetten wij hem online. U krijgt hierover een e-mail.',
  rejected: 'Het Servicepunt heeft uw oproep nog niet online gezet. Pas de oproep aan en stuur hem opnieuw in.',
  open: 'Iedereen kan uw oproep zien. Vrijwilligers kunnen reageren.',
  in_progress: 'Het Servicepunt heeft u met een vrijwilliger in contact gebracht. Uw oproep staat niet meer online.',
  matched: 'Er is een vrijwilliger gevonden en de koppeling is bevestigd.',
  closed: 'Deze oproep is afgesloten. Hij staat niet meer online.',
};

/** Why a post was closed. */
export const CLOSE_REASONS = {
  completed: 'de hulp is gegeven',
  no_match: 'er is geen vrijwilliger gevonden',
  withdrawn: 'de oproep is ingetrokken',
  expired: 'de oproep was te oud',
};

/** A match's status in words. */
export const MATCH_STATUS = {
  suggested: 'Voorgesteld door het Servicepunt',
  responded: 'Gereageerd, wacht op het Servicepunt',
  introduced: 'Aan elkaar voorgesteld',
  active: 'Bevestigd: u helpt samen',
  ended: 'Afgesloten',
  declined: 'Gaat niet door',
};

/** What a match's status means, in a sentence. */
export const MATCH_STATUS_HELP = {
  suggested: 'Het Servicepunt denkt dat dit goed past en neemt contact op.',
  responded: 'De vrijwilliger heeft gereageerd. Het Servicepunt brengt u met elkaar in contact als het klikt.',
  introduced: 'Het Servicepunt heeft u aan elkaar voorgesteld. U kunt nu contact opnemen en een kennismaking afspreken.',
  active: 'De koppeling is bevestigd. Het Servicepunt vraagt later hoe het gaat.',
  ended: 'Deze koppeling is afgesloten.',
  declined: 'Deze koppeling gaat niet door.',
};

/** A history step (the status it moved to) as something someone did. */
export const MATCH_STEP = {
  suggested: 'voorgesteld door het Servicepunt',
  responded: 'gereageerd',
  introduced: 'aan elkaar voorgesteld (kennismaking)',
  active: 'koppeling bevestigd',
  ended: 'koppeling afgesloten',
  declined: 'koppeling gaat niet door',
};

/** How an ended match went. */
export const OUTCOMES = { succeeded: 'Het is gelukt', failed: 'Het is niet gelukt' };

/** The VOG status, explained. */
export const VOG_STATUS = {
  none: 'U heeft (nog) geen VOG bij ons.',
  requested: 'Uw VOG is aangevraagd.',
  valid: 'U heeft een geldige VOG.',
};

const time = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});
const day = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam',
});

/** "dinsdag 3 december om 14:05" for an RFC 3339 time. */
export function whenText(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return time.format(date);
}

/** "3 december 2026" for an RFC 3339 time or a YYYY-MM-DD date. */
export function dayText(iso) {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : day.format(date);
}

/** The first word of a name. */
export function firstWord(name) {
  return String(name || '').trim().split(/\s+/)[0] || '';
}
