// The Dutch care words people meet when they post something, each with one plain
// line that says what it means (B1), and the words for statuses. Data only: the
// pages put these in the document as text.

/** One line per category slug (GET /api/v1/categories), in plain words. */
export const CATEGORY_HELP = {
  maatje: 'Samen regelmatig iets doen, zoals wandelen, koffie drinken of een spelletje.',
  bezoekwerk: 'Iemand komt regelmatig op bezoek voor een praatje en gezelschap.',
  respijtzorg: 'Even de zorg overnemen van een mantelzorger, zodat die kan uitrusten. Een mantelzorger zorgt zonder betaling voor een naaste.',
  klussen: 'Kleine klusjes in en om het huis, zoals een lamp ophangen of een kastje maken.',
  computerhulp: 'Hulp met de computer, tablet of telefoon, bijvoorbeeld met e-mail of DigiD.',
  administratie: 'Hulp met post, formulieren en geldzaken, zoals brieven lezen en rekeningen ordenen.',
  boodschappen: 'Boodschappen doen voor iemand, of samen naar de winkel gaan.',
  vervoer: 'Iemand met de auto brengen en halen, bijvoorbeeld naar de dokter of het ziekenhuis.',
  taalmaatje: 'Samen Nederlands oefenen: praten, lezen of schrijven.',
  tuin: 'Hulp in de tuin, zoals gras maaien, onkruid weghalen of de heg knippen.',
  overig: 'Iets anders. Vertel in de beschrijving wat het is.',
};

/** What a VOG is, said once where categories are chosen. */
export const VOG_HELP = 'Bij sommige soorten hulp staat "VOG nodig". Een VOG is een verklaring omtrent het gedrag: '
  + 'een bewijs van de overheid dat iemand geen strafblad heeft dat bij dit werk een probleem is. '
  + 'De vrijwilliger regelt dit samen met het Servicepunt.';

/** Who referred a resident (the API's referrer slugs), in words. */
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

/** A post's status in words, with what it means for the author. */
export const POST_STATUS = {
  pending_review: ['Wacht op controle', 'Het Servicepunt bekijkt uw oproep, meestal binnen 2 werkdagen.'],
  open: ['Online', 'Iedereen kan uw oproep zien. Vrijwilligers kunnen reageren.'],
  rejected: ['Teruggestuurd', 'Het Servicepunt vraagt u iets aan te passen.'],
  in_progress: ['In behandeling', 'Het Servicepunt regelt een kennismaking.'],
  matched: ['Gekoppeld', 'Er is een vrijwilliger gevonden. U helpt elkaar nu.'],
  closed: ['Afgesloten', 'Deze oproep staat niet meer online.'],
};

/** Why a post was closed, in words. */
export const CLOSE_REASON = {
  completed: 'de hulp is gegeven',
  no_match: 'er is geen vrijwilliger gevonden',
  withdrawn: 'ingetrokken',
  expired: 'verlopen',
};

/** "Afgesloten (ingetrokken)", "Online", … */
export function postStatusText(post) {
  const [label] = POST_STATUS[post.status] || ['Onbekend'];
  if (post.status === 'closed' && CLOSE_REASON[post.close_reason]) {
    return `${label} (${CLOSE_REASON[post.close_reason]})`;
  }
  return label;
}

/** Statuses in which the author may still change a post (API: PostStatus::is_editable). */
export const EDITABLE = ['pending_review', 'open', 'rejected'];
/** Statuses an author may withdraw from (API: PostStatus::WITHDRAWABLE). */
export const WITHDRAWABLE = ['pending_review', 'open', 'in_progress', 'rejected'];

/** Where each kind is posted, shown and counted, and who may post it. */
export const KINDS = {
  request: {
    plural: 'requests', form: '/plaatsen/hulpvraag', page: '/hulpvragen/', role: 'resident',
    noun: 'hulpvraag', label: 'Hulpvraag', newLink: 'Vraag hulp',
  },
  offer: {
    plural: 'offers', form: '/plaatsen/aanbod', page: '/aanbod/', role: 'volunteer',
    noun: 'hulpaanbod', label: 'Hulpaanbod', newLink: 'Bied hulp aan',
  },
  vacancy: {
    plural: 'vacancies', form: '/plaatsen/vacature', page: '/vacatures/', role: 'organisation',
    noun: 'vacature', label: 'Vacature', newLink: 'Plaats een vacature',
  },
};

/** The kinds a role may post (coordinators post every kind). */
export function kindsFor(role) {
  if (role === 'coordinator') return Object.keys(KINDS);
  return Object.keys(KINDS).filter((kind) => KINDS[kind].role === role);
}
