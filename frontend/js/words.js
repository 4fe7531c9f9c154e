// The Dutch words for what the API gives as codes: the kinds of help (each care term
// explained once, in plain words), statuses of posts and matches with what they mean
// (one short help text each), why a post was closed, and the lists a post form
// offers. The one home for these words: every page takes them from here. Data
// only; pages put these in the document as text. (The kinds of post are in kinds.js,
// dates and schedules in format.js.)

// ---- people ----------------------------------------------------------------------

/** Who someone is on Noaber (account.role), to follow "U bent aangemeld als …". */
export const ROLE_NAMES = {
  resident: 'iemand die hulp zoekt',
  volunteer: 'vrijwilliger',
  organisation: 'organisatie',
  coordinator: 'medewerker van het Servicepunt',
};

// ---- kinds of help ---------------------------------------------------------------

// What each kind of help means lives in care-terms.js: the search page needs only
// that, and loads it without the rest of these words.
export { CATEGORY_HELP } from './care-terms.js';

/** What a VOG is, said once where the kinds of help are chosen. */
export const VOG_HELP = 'Bij sommige soorten hulp staat "VOG nodig". Een VOG is een verklaring omtrent het gedrag: '
  + 'een bewijs van de overheid dat iemand geen strafblad heeft dat bij dit werk een probleem is. '
  + 'De vrijwilliger regelt dit samen met het Servicepunt.';

/** Said with one post whose kind of help needs a VOG (to everyone: the volunteer needs it, not the resident). */
export const VOG_NEEDED = 'De vrijwilliger heeft voor deze hulp een VOG nodig: een verklaring omtrent het gedrag. Het Servicepunt regelt dit met de vrijwilliger.';

/** The same for a vacancy: the organisation arranges the VOG with its volunteer. */
export const VOG_NEEDED_VACANCY = 'De vrijwilliger heeft voor dit werk een VOG nodig: een verklaring omtrent het gedrag. De organisatie regelt dit met de vrijwilliger.';


// ---- posts -----------------------------------------------------------------------

/** A post's status in words (`label`), and what it means for its author (`help`). */
export const POST_STATUS = {
  pending_review: {
    label: 'Wacht op controle door het Servicepunt',
    help: 'Het Servicepunt bekijkt uw oproep, meestal binnen 2 werkdagen. U krijgt een e-mail als hij online staat.',
  },
  rejected: {
    label: 'Teruggestuurd door het Servicepunt',
    help: 'Het Servicepunt heeft uw oproep nog niet online gezet. Pas de oproep aan en stuur hem opnieuw in.',
  },
  open: {
    label: 'Staat online',
    help: 'Iedereen kan uw oproep zien. Vrijwilligers kunnen reageren.',
  },
  in_progress: {
    label: 'In behandeling',
    help: 'Het Servicepunt regelt een kennismaking met een vrijwilliger. Uw oproep staat niet meer online.',
  },
  matched: {
    label: 'Gekoppeld aan een vrijwilliger',
    help: 'Er is een vrijwilliger gevonden en de koppeling is bevestigd.',
  },
  closed: {
    label: 'Afgesloten',
    help: 'Deze oproep staat niet meer online.',
  },
};

/** Why a post was closed (close_reason), to follow "Afgesloten omdat …". */
export const CLOSE_REASONS = {
  completed: 'de hulp is gegeven',
  no_match: 'er geen vrijwilliger is gevonden',
  withdrawn: 'de oproep is ingetrokken',
  expired: 'de oproep te oud was',
  refused: 'het Servicepunt de oproep niet plaatst',
};

/** "Staat online", "Afgesloten", …: a post's status in words ("Niet geplaatst" for
 * one the Servicepunt refused: it never was online). */
export function postStatusText(post) {
  if (post.status === 'closed' && post.close_reason === 'refused') return 'Niet geplaatst';
  return POST_STATUS[post.status]?.label || 'Onbekend';
}

/** What an open offer means: residents call the Servicepunt, nobody responds online. */
export const OFFER_OPEN_HELP = 'Iedereen kan uw aanbod zien. Inwoners die deze hulp zoeken, bellen het Servicepunt. '
  + 'Het Servicepunt neemt dan contact met u op.';

/** What the status means for the author; a closed post says why it was closed. */
export function postStatusHelp(post) {
  const reason = post.status === 'closed' && CLOSE_REASONS[post.close_reason];
  if (reason && post.kind === 'vacancy' && post.close_reason === 'completed') return 'Afgesloten omdat de vacature is vervuld.';
  if (reason && post.close_reason === 'refused') return 'Het Servicepunt plaatst deze oproep niet.';
  if (reason) return `Afgesloten omdat ${reason}.`;
  if (post.kind === 'offer' && post.status === 'open') return OFFER_OPEN_HELP;
  return POST_STATUS[post.status]?.help || '';
}

/** Statuses in which the author may still change a post (API: PostStatus::is_editable). */
export const EDITABLE = ['pending_review', 'open', 'rejected'];
/** Statuses an author may withdraw from (API: PostStatus::WITHDRAWABLE). */
export const WITHDRAWABLE = ['pending_review', 'open', 'in_progress', 'rejected'];

/** Who referred a resident (the API's referrer slugs), in words, in the order offered. */
export const REFERRERS = [
  ['wijkteam', 'Wijkteam'],
  ['huisarts', 'Huisarts'],
  ['praktijkondersteuner', 'Praktijkondersteuner (POH) van de huisarts'],
  ['thuiszorg', 'Thuiszorg'],
  ['casemanager-dementie', 'Casemanager dementie'],
  ['wmo-consulent', 'Wmo-consulent van de gemeente'],
  ['maatschappelijk-werk', 'Maatschappelijk werk'],
  ['woningcorporatie', 'Woningcorporatie'],
  ['anders', 'Iemand anders'],
];

/** How the person posting knows the resident (the API's on_behalf_of.channel), in words. */
export const CHANNELS = {
  network: 'Familie, buren of vrienden',
  referral: 'Doorverwezen door een hulpverlener',
  phone: 'Telefonisch aangenomen door het Servicepunt',
};

/** How a request came in (the API's intake_channel): the resident's own post, or as CHANNELS says. */
export const INTAKE_CHANNELS = { self: 'Door de bewoner zelf geplaatst', ...CHANNELS };

// ---- review (werkbak: Beoordelen) ------------------------------------------------

/**
 * What screening found in a post's text (the API's finding kinds), for the
 * Servicepunt: `label` starts the line, `noun` follows "is uit de tekst gehaald";
 * `a` is how the post form names it to its author ("een telefoonnummer"); a
 * `contact` detail can be removed with one click (a surname replaced by its
 * initial), the others carry a `warning`.
 */
export const FINDINGS = {
  phone: { label: 'Telefoonnummer', noun: 'Het telefoonnummer', a: 'een telefoonnummer', contact: true },
  email: { label: 'E-mailadres', noun: 'Het e-mailadres', a: 'een e-mailadres', contact: true },
  address: { label: 'Adres of postcode', noun: 'Het adres', a: 'een adres', contact: true },
  link: { label: 'Link', warning: 'Kijk of deze link veilig is en bij de oproep hoort.' },
  spam: { label: 'Verdacht woord', warning: 'Dit woord staat vaak in spam of oplichting.' },
  money: { label: 'Vraag om geld', warning: 'Op Noaber vraagt niemand om geld of bankgegevens.' },
  name: {
    label: 'Achternaam', noun: 'De achternaam', a: 'een achternaam', contact: true,
    warning: 'Op Noaber staan alleen voornamen. Schrijf van de achternaam alleen de eerste letter, bijvoorbeeld: mevrouw V.',
  },
};

/**
 * A warning under a platform message that screening flagged (the API's `flags`),
 * for the person who reads it: most important first.
 */
export const MESSAGE_WARNINGS = {
  money: 'Let op: dit bericht vraagt om geld of bankgegevens. Vrijwilligers en hulpvragers vragen elkaar nooit om geld. '
    + 'Maak niets over en geef geen bankgegevens. Twijfelt u? Bel het Servicepunt.',
  spam: 'Let op: dit bericht lijkt op spam of oplichting. Twijfelt u? Bel het Servicepunt.',
  link: 'Let op: in dit bericht staat een link. Klik er alleen op als u de afzender vertrouwt.',
};

// ---- saved searches (zoekprofielen) ----------------------------------------------

/**
 * How often alert mails come (a saved search's `frequency`): `label` for the choice,
 * `help` under it, `phrase` at the end of a saved search in words, `promise` once
 * it is saved.
 */
export const FREQUENCY = {
  instant: {
    label: 'Meteen',
    help: 'Een e-mail zodra er een nieuwe oproep bij komt die past.',
    phrase: 'meteen per e-mail',
    promise: 'U krijgt meteen een e-mail als er een nieuwe oproep bij komt die past.',
  },
  weekly: {
    label: 'Eens per week',
    help: 'Eén e-mail per week met alle nieuwe oproepen die passen.',
    phrase: 'eens per week per e-mail',
    promise: 'U krijgt eens per week een e-mail als er nieuwe oproepen bij zijn gekomen die passen.',
  },
};

/** What a saved search does, said once where one is saved or listed. */
export const ALERT_HELP = 'U krijgt een e-mail als er een nieuwe oproep bij komt die past. '
  + 'Afmelden kan met één klik onderaan elke e-mail.';

// ---- matches ---------------------------------------------------------------------

/** A match's status in words. */
export const MATCH_STATUS = {
  suggested: 'Voorgesteld door het Servicepunt',
  responded: 'Gereageerd, wacht op het Servicepunt',
  introduced: 'Aan elkaar voorgesteld',
  active: 'Bevestigd: u helpt samen',
  ended: 'Afgesloten',
  declined: 'Gaat niet door',
};

/**
 * Where a status reads differently for one side: per kind of post, per side
 * (`volunteer`, `author` of the request or vacancy, `coordinator`). On a vacancy
 * the organisation handles responses itself, so nobody waits for the Servicepunt.
 */
const STATUS_FOR = {
  request: {
    author: { responded: 'Een vrijwilliger heeft gereageerd', active: 'Bevestigd: de hulp is afgesproken' },
    coordinator: { active: 'Bevestigd: ze helpen samen' },
  },
  vacancy: {
    volunteer: { responded: 'Gereageerd, wacht op de organisatie', active: 'Bevestigd: u doet mee' },
    author: { responded: 'Gereageerd, wacht op uw besluit', active: 'Bevestigd: de vrijwilliger doet mee' },
    coordinator: { responded: 'Gereageerd, wacht op de organisatie', active: 'Bevestigd: de vrijwilliger doet mee' },
  },
};

/** Whether the match is on a vacancy (its organisation handles it). */
export const onVacancy = (match) => match.post?.kind === 'vacancy';

/** A match's status in words for `side`: 'volunteer', 'author' or 'coordinator'. */
export function matchStatusText(match, side) {
  const kind = onVacancy(match) ? 'vacancy' : 'request';
  return STATUS_FOR[kind][side]?.[match.status] || MATCH_STATUS[match.status] || 'Onbekend';
}

/** How an ended match went (outcome). */
export const OUTCOMES = { succeeded: 'Het is gelukt', failed: 'Het is niet gelukt' };

/**
 * What a match's status means for `side` ('volunteer', 'author' of the request or
 * vacancy, or 'coordinator').
 */
export function matchStatusHelp(match, side) {
  return (onVacancy(match) && vacancyStatusHelp(match, side)) || requestStatusHelp(match, side === 'volunteer');
}

/** Where a vacancy's match reads differently: the organisation takes the steps. */
function vacancyStatusHelp(match, side) {
  const name = match.volunteer?.first_name || 'De vrijwilliger';
  const { status } = match;
  if (status === 'introduced') {
    return side === 'coordinator'
      ? 'De organisatie en de vrijwilliger zijn aan elkaar voorgesteld en kunnen een kennismaking afspreken.'
      : 'U bent aan elkaar voorgesteld. U kunt nu contact opnemen en een kennismaking afspreken.';
  }
  const words = {
    responded: {
      volunteer: 'De organisatie bekijkt uw reactie en neemt contact met u op.',
      author: `${name} wil graag meedoen. Lees de reactie en beslis of het past.`,
      coordinator: `${name} wil graag meedoen. De organisatie neemt contact op als het past.`,
    },
    active: {
      volunteer: 'De organisatie heeft bevestigd dat u meedoet.',
      author: `U heeft bevestigd dat ${name} meedoet.`,
      coordinator: `De organisatie heeft bevestigd dat ${name} meedoet.`,
    },
  };
  return words[status]?.[side] || '';
}

function requestStatusHelp(match, asVolunteer) {
  const name = match.volunteer?.first_name || 'De vrijwilliger';
  switch (match.status) {
    case 'suggested':
      return asVolunteer
        ? 'Het Servicepunt denkt dat u goed bij deze oproep past en neemt contact met u op.'
        : 'Het Servicepunt denkt dat dit goed past en neemt contact op.';
    case 'responded':
      return asVolunteer
        ? 'Het Servicepunt bekijkt uw reactie en neemt contact met u op.'
        : `${name} wil graag helpen. U hoeft nu niets te doen: het Servicepunt neemt contact met u op.`;
    case 'introduced':
      return 'Het Servicepunt heeft u aan elkaar voorgesteld. U kunt nu contact opnemen en een kennismaking afspreken.';
    case 'active':
      return 'De koppeling is bevestigd. Het Servicepunt vraagt later hoe het gaat.';
    case 'ended':
      return OUTCOMES[match.outcome]
        ? `Deze koppeling is afgesloten. ${OUTCOMES[match.outcome]}.`
        : 'Deze koppeling is afgesloten.';
    case 'declined':
      return 'Deze koppeling gaat niet door.';
    default:
      return '';
  }
}

/** A history step (the status it moved to) as something someone did. */
export const MATCH_STEP = {
  suggested: 'voorgesteld door het Servicepunt',
  responded: 'gereageerd',
  introduced: 'aan elkaar voorgesteld (kennismaking)',
  active: 'koppeling bevestigd',
  ended: 'koppeling afgesloten',
  declined: 'koppeling gaat niet door',
};

/** "1 nieuw bericht", "3 nieuwe berichten". */
export function unreadText(n) {
  return n === 1 ? '1 nieuw bericht' : `${n} nieuwe berichten`;
}
