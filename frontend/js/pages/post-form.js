// Plaatsen: a help request (/plaatsen/hulpvraag), an offer (/plaatsen/aanbod) or a
// vacancy (/plaatsen/vacature) in small steps, and changing one of your own posts
// (/mijn/oproepen/{id}/aanpassen) through the same steps.
//
// Each step is its own form; all of them stay in the page, so nothing typed is lost
// when moving between steps. The step is in the address (?stap=N, pushState), so the
// browser's back button goes to the previous step. A new post's draft is also kept
// in this tab's sessionStorage, so a reload does not lose it; it is removed once the
// post is sent. Field errors from the API (422) are shown next to their field, on
// the step that holds it.

import { servicepuntPhoneLink } from '../layout.js';
import { api, ApiError } from '../api.js';
import { el, replace } from '../dom.js';
import { busy, clearErrors, showErrors } from '../forms.js';
import { scheduleText } from '../format.js';
import { KINDS, kindBy, kindsFor, postApi, postPage } from '../kinds.js';
import { placeOptions } from '../render.js';
import { loginUrl, requireAccount } from '../session.js';
import {
  CATEGORY_HELP, CHANNELS, EDITABLE, FINDINGS, REFERRERS, ROLE_NAMES, VOG_HELP, postStatusText,
} from '../words.js';
import { buildWeekGrid, firstBoxId, readSchedule, writeSlots } from '../week-grid.js';

const $ = (id) => document.getElementById(id);

// ---- what this page is for --------------------------------------------------------

const path = location.pathname.replace(/\/$/, '');
const editId = /^\/mijn\/oproepen\/([^/]+)\/aanpassen$/.exec(path)?.[1] || null;

/** Words that differ per kind. */
const WORDS = {
  request: {
    h1Edit: 'Hulpvraag aanpassen',
    intro: 'Vertel in een paar stappen waar u hulp bij zoekt. Het Servicepunt bekijkt uw vraag voordat die online komt.',
    'what-heading': 'Waar zoekt u hulp bij?',
    'category-legend': 'Wat voor hulp zoekt u?',
    'title-label': 'Geef uw vraag een korte titel',
    'title-hint': 'Bijvoorbeeld: Wie laat mijn hond uit?',
    'description-label': 'Vertel wat u zoekt',
    'description-hint': 'Wat is er nodig, hoe vaak en ongeveer hoe lang? Bijvoorbeeld: één keer per week een uur wandelen met mijn hond.',
    'where-heading': 'Waar is de hulp nodig?',
    'place-label': 'In welk dorp?',
    send: 'Hulpvraag versturen',
    sent: 'Uw hulpvraag is verstuurd',
    next: 'Het Servicepunt bekijkt uw vraag, meestal binnen 2 werkdagen. U krijgt een e-mail als uw vraag online staat.',
    nextOpen: 'Uw hulpvraag staat meteen online.',
    another: 'Nog een hulpvraag plaatsen',
    one: 'uw vraag',
    mine: 'uw hulpvraag',
    it: 'hem',
    he: 'hij',
  },
  offer: {
    h1Edit: 'Hulpaanbod aanpassen',
    intro: 'Vertel in een paar stappen waarmee u wilt helpen. Het Servicepunt bekijkt uw aanbod voordat het online komt.',
    'what-heading': 'Waarmee wilt u helpen?',
    'category-legend': 'Wat voor hulp biedt u aan?',
    'title-label': 'Geef uw aanbod een korte titel',
    'title-hint': 'Bijvoorbeeld: Ik help graag met de computer.',
    'description-label': 'Vertel wat u aanbiedt',
    'description-hint': 'Wat kunt u, hoe vaak en ongeveer hoe lang?',
    'where-heading': 'Waar wilt u helpen?',
    'place-label': 'In welk dorp?',
    send: 'Aanbod versturen',
    sent: 'Uw hulpaanbod is verstuurd',
    next: 'Het Servicepunt bekijkt uw aanbod, meestal binnen 2 werkdagen. U krijgt een e-mail als uw aanbod online staat.',
    nextOpen: 'Uw aanbod staat meteen online.',
    another: 'Nog een aanbod plaatsen',
    one: 'uw aanbod',
    mine: 'uw aanbod',
    it: 'het',
    he: 'het',
  },
  vacancy: {
    h1Edit: 'Vacature aanpassen',
    intro: 'Beschrijf in een paar stappen het vrijwilligerswerk bij uw organisatie. Het Servicepunt bekijkt de vacature voordat die online komt.',
    'what-heading': 'Wat voor vrijwilligerswerk is het?',
    'category-legend': 'Bij welke soort hulp past het werk?',
    'title-label': 'Geef de vacature een korte titel',
    'title-hint': 'Bijvoorbeeld: Chauffeur voor de buurtbus.',
    'description-label': 'Beschrijf het werk',
    'description-hint': 'Wat doet de vrijwilliger, hoe vaak, en wat biedt uw organisatie?',
    'description-privacy': 'Schrijf geen telefoonnummer of e-mailadres in de tekst: iedereen kan deze tekst lezen. '
      + 'Past een reactie? Dan stelt u zich op de website aan de vrijwilliger voor. Daarna ziet u elkaars contactgegevens.',
    'vog-help': 'Bij sommige soorten hulp staat "VOG nodig". Een VOG is een verklaring omtrent het gedrag: '
      + 'een bewijs van de overheid dat iemand geen strafblad heeft dat bij dit werk een probleem is. '
      + 'Uw organisatie regelt dit met de vrijwilliger.',
    'where-heading': 'Waar is het vrijwilligerswerk?',
    'place-label': 'In welk dorp?',
    send: 'Vacature versturen',
    sent: 'Uw vacature is verstuurd',
    next: 'Het Servicepunt bekijkt uw vacature, meestal binnen 2 werkdagen. U krijgt een e-mail als de vacature online staat.',
    nextOpen: 'Uw vacature staat meteen online.',
    another: 'Nog een vacature plaatsen',
    one: 'uw vacature',
    mine: 'uw vacature',
    it: 'hem',
    he: 'hij',
  },
};

/** The steps, in order; "who" only for requests. */
const STEP_NAMES = { what: 'Wat', where: 'Waar', when: 'Wanneer', who: 'Voor wie', check: 'Controleren' };
const DESCRIPTION_MAX = 5000;

let kind = kindBy('form', path) || null;
let account = null;
let post = null; // the post being changed (edit mode)
let steps = [];
let current = 0;
let reachedCheck = false;
let categories = [];
let places = [];
let sent = false;

// ---- small helpers ------------------------------------------------------------------

const formOf = (step) => $(`form-${step}`);
const checked = (name) => document.querySelector(`input[name="${name}"]:checked`)?.value || '';

function setTitle(text) {
  document.title = `${text} — Noaber`;
}

function stepFromAddress() {
  const n = Number.parseInt(new URLSearchParams(location.search).get('stap'), 10);
  return Number.isInteger(n) && n >= 1 && n <= steps.length ? n - 1 : 0;
}

function addressFor(index) {
  return `${location.pathname}?stap=${index + 1}`;
}

function notice(...children) {
  replace($('notice'), el('div', { class: 'panel notice-panel' }, children));
}

// ---- building the steps --------------------------------------------------------------

function buildCategoryTiles() {
  $('vog-help').textContent = WORDS[kind]['vog-help'] || VOG_HELP;
  const tiles = categories.map((c) => {
    const id = `category-${c.slug}`;
    return el('label', { class: 'choice-tile tile', for: id },
      el('input', {
        type: 'radio', name: 'category', id, value: c.slug,
        'aria-labelledby': `${id}-name`,
        'aria-describedby': c.requires_vog ? `${id}-help ${id}-vog` : `${id}-help`,
      }),
      el('span', { class: 'tile-text' },
        el('span', { class: 'tile-name', id: `${id}-name` }, c.name_nl),
        el('span', { class: 'tile-help', id: `${id}-help` }, CATEGORY_HELP[c.slug] || ''),
        c.requires_vog ? el('span', { class: 'vog-tag', id: `${id}-vog` }, 'VOG nodig') : null));
  });
  replace($('category-tiles'), tiles);
}

/**
 * Some help has rules about who it is for (the shopping service): said when such a
 * kind of help is chosen for a request, with the way to ask the Servicepunt.
 */
function showConditions() {
  const chosen = categories.find((c) => c.slug === checked('category'));
  const rules = kind === 'request' ? chosen?.conditions_nl || [] : [];
  replace($('category-conditions'), rules.length
    ? el('div', { class: 'panel notice-panel' },
      el('p', {}, el('strong', {}, `${chosen.name_nl}: voor wie is deze hulp?`)),
      el('p', {}, 'Het Servicepunt helpt als dit voor u klopt:'),
      el('ul', {}, rules.map((rule) => el('li', {}, rule))),
      el('p', {}, 'Klopt dit niet helemaal? Bel dan het Servicepunt. Wij denken graag met u mee.'))
    : []);
}

function buildReferrers() {
  const select = $('obo-referrer');
  for (const [slug, label] of REFERRERS) select.append(el('option', { value: slug }, label));
  if (account.role === 'coordinator') {
    $('obo-channel-phone-tile').hidden = false;
    $('obo-channel-phone').disabled = false;
  }
}

/** Fills in the words for this kind of post. */
function applyWords() {
  const words = WORDS[kind];
  for (const node of document.querySelectorAll('[data-text]')) {
    const text = words[node.dataset.text];
    if (text) node.textContent = text;
  }
  $('page-heading').textContent = editId ? words.h1Edit : KINDS[kind].title;
  $('intro').textContent = editId
    ? 'Pas aan wat u wilt veranderen. Kies op de laatste stap "Wijzigingen opslaan".'
    : words.intro;
}

function buildStepButtons() {
  steps.forEach((step, i) => {
    const box = formOf(step).querySelector('.step-buttons');
    const buttons = [];
    if (step === 'check') {
      buttons.push(el('button', { type: 'submit', class: 'button button-primary', id: 'send' },
        editId ? 'Wijzigingen opslaan' : WORDS[kind].send));
    } else {
      buttons.push(el('button', { type: 'submit', class: 'button button-primary' }, 'Volgende'));
      buttons.push(el('button', {
        type: 'button', class: 'button to-check', 'data-go': steps.length - 1, hidden: true,
      }, 'Naar controleren'));
    }
    if (i > 0) {
      buttons.push(el('button', { type: 'button', class: 'button', 'data-go': i - 1 }, 'Vorige'));
    }
    replace(box, buttons);
  });
  replace($('step-list'), steps.map((step, i) =>
    el('li', { 'data-index': i },
      el('span', { class: 'step-number' }, `${i + 1}`), ' ', STEP_NAMES[step],
      el('span', { class: 'step-check', hidden: true },
        el('span', { 'aria-hidden': 'true' }, ' ✓'), el('span', { class: 'sr-only' }, ' (gedaan)')))));
}

// ---- showing a step ------------------------------------------------------------------

function showStep(index, { focus = true } = {}) {
  current = Math.max(0, Math.min(index, steps.length - 1));
  const step = steps[current];
  if (step === 'check') {
    reachedCheck = true;
    renderSummary();
  }
  for (const section of document.querySelectorAll('.step')) {
    section.hidden = section.dataset.step !== step;
  }
  for (const button of document.querySelectorAll('.to-check')) button.hidden = !reachedCheck;
  for (const item of $('step-list').children) {
    const i = Number(item.dataset.index);
    if (i === current) item.setAttribute('aria-current', 'step');
    else item.removeAttribute('aria-current');
    item.querySelector('.step-check').hidden = i >= current;
  }
  const count = `Stap ${current + 1} van ${steps.length}`;
  for (const node of document.querySelectorAll('.step-count')) node.textContent = `${count}:`;
  setTitle(`${count}: ${STEP_NAMES[step]} — ${$('page-heading').textContent}`);
  if (focus) $(`${step}-heading`).focus();
}

/** Moves to step `index` as a new history entry (the back button returns). */
function goTo(index) {
  history.pushState({ stap: index + 1 }, '', addressFor(index));
  showStep(index);
}

window.addEventListener('popstate', () => {
  if (!steps.length) return;
  if (sent) {
    // After sending, going back starts a fresh form rather than showing the old one.
    location.replace(editId || !kind ? '/mijn' : KINDS[kind].form);
    return;
  }
  showStep(stepFromAddress());
});

// ---- the When step shows the fields of its choice ----------------------------------

/** The date picker offers today up to a year ahead, as the API accepts. */
function limitDates() {
  const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const today = new Date();
  const later = new Date(today.getFullYear() + 1, today.getMonth(), today.getDate());
  $('once-date').min = iso(today);
  $('once-date').max = iso(later);
}

function showScheduleKind() {
  const which = checked('schedule-kind') || 'weekly';
  for (const box of document.querySelectorAll('[data-when]')) box.hidden = box.dataset.when !== which;
}

function showOtherFields() {
  $('other-fields').hidden = checked('for-whom') !== 'other';
  $('referrer-field').hidden = checked('obo-channel') !== 'referral';
  // Someone who phoned the Servicepunt is called by the volunteer themselves.
  $('obo-calls').hidden = checked('obo-channel') === 'phone';
}

function updateCount() {
  const used = [...$('description').value].length;
  const left = DESCRIPTION_MAX - used;
  const chars = (n) => `${n.toLocaleString('nl-NL')} ${n === 1 ? 'teken' : 'tekens'}`;
  $('description-count').textContent = left >= 0
    ? `U kunt nog ${chars(left)} typen.`
    : `Uw tekst is ${chars(-left)} te lang. Maak hem wat korter.`;
}

// ---- reading the forms ---------------------------------------------------------------


function readOnBehalf() {
  if (kind !== 'request' || checked('for-whom') !== 'other') return null;
  const channel = checked('obo-channel');
  return {
    name: $('obo-name').value.trim(),
    phone: $('obo-phone').value.trim() || null,
    email: $('obo-email').value.trim() || null,
    channel,
    referrer: channel === 'referral' ? $('obo-referrer').value || null : null,
    via_poster: channel !== 'phone' && checked('obo-calls') === 'poster',
  };
}

/** The body for POST or PATCH. */
function readBody() {
  const body = {
    title: $('title').value.trim(),
    description: $('description').value.trim(),
    category: checked('category'),
    place: $('place').value,
    schedule: readSchedule(formOf('when')),
  };
  const onBehalf = readOnBehalf();
  if (onBehalf) body.on_behalf_of = onBehalf;
  return body;
}

// ---- checks before moving on (the API checks again) ----------------------------------

function missingOn(step) {
  const missing = {};
  if (step === 'what') {
    if (!checked('category')) missing.category = 'Kies wat voor hulp het is.';
    if (!$('title').value.trim()) missing.title = 'Vul een korte titel in.';
    if (!$('description').value.trim()) missing.description = 'Vertel in een paar zinnen wat u zoekt.';
  } else if (step === 'where') {
    if (!$('place').value) missing.place = 'Kies een dorp.';
  } else if (step === 'when') {
    const schedule = readSchedule(formOf('when'));
    if (schedule.kind === 'weekly' && !schedule.slots.length) {
      missing.schedule = 'Kies minstens één dagdeel in het rooster.';
    }
    const hours = schedule.hours_per_week;
    if (hours !== undefined && !(hours >= 0.5 && hours <= 40)) {
      missing.hours = 'Schrijf het aantal uren als een getal tussen 0,5 en 40, bijvoorbeeld 2 of 1,5.';
    }
    if (schedule.kind === 'once') {
      if (!schedule.date) missing['once-date'] = 'Vul een datum in.';
      if (!schedule.parts.length) missing['once-part'] = 'Kies minstens één dagdeel: ochtend, middag of avond.';
    }
  } else if (step === 'who') {
    const o = readOnBehalf();
    if (o) {
      if (!o.name) missing['on_behalf_of.name'] = 'Vul de naam in van de persoon voor wie de hulp is.';
      if (!o.phone) missing['on_behalf_of.phone'] = 'Vul een telefoonnummer in, zodat het Servicepunt deze persoon kan bellen.';
      if (!o.channel) missing['on_behalf_of.channel'] = 'Kies hoe u deze persoon kent.';
      if (o.channel === 'referral' && !o.referrer) missing['on_behalf_of.referrer'] = 'Kies waar u werkt.';
    }
  }
  return missing;
}

/** API field names → the control that shows the message. */
function fieldMap() {
  const which = checked('schedule-kind') || 'weekly';
  return {
    category: `category-${categories[0]?.slug}`,
    schedule: { weekly: firstBoxId, once: 'once-date', flexible: 'when-flexible' }[which],
    'once-date': 'once-date',
    'once-part': 'once-morning',
    hours: 'hours',
    on_behalf_of: 'obo-name',
    'on_behalf_of.name': 'obo-name',
    'on_behalf_of.phone': 'obo-phone',
    'on_behalf_of.email': 'obo-email',
    'on_behalf_of.channel': 'obo-channel-network',
    'on_behalf_of.referrer': 'obo-referrer',
  };
}

/** Which step holds an API field. */
function stepOfField(field) {
  if (['title', 'description', 'category'].includes(field)) return 'what';
  if (field === 'place') return 'where';
  if (['schedule', 'hours'].includes(field) || field.startsWith('once-')) return 'when';
  if (field.startsWith('on_behalf_of')) return 'who';
  return 'check';
}

/**
 * Shows field errors on the steps that hold them and goes to the first of those
 * steps; its error summary takes the focus (and so is read out).
 */
function showFieldErrors(errors, { push = true } = {}) {
  const byStep = new Map();
  for (const [field, message] of Object.entries(errors)) {
    let step = stepOfField(field);
    if (!steps.includes(step)) step = 'check';
    if (!byStep.has(step)) byStep.set(step, {});
    byStep.get(step)[field] = message;
  }
  const first = steps.find((s) => byStep.has(s));
  const map = fieldMap();
  // In the first step's summary, a message about another step says which step.
  const listed = {};
  for (const [step, stepErrors] of byStep) {
    for (const [field, message] of Object.entries(stepErrors)) {
      listed[field] = step === first ? message
        : `Stap ${steps.indexOf(step) + 1} (${STEP_NAMES[step]}): ${message}`;
    }
  }
  // The other steps first: their messages wait next to their fields.
  for (const [step, stepErrors] of byStep) {
    if (step !== first) showErrors(formOf(step), { errors: stepErrors }, map);
  }
  const index = steps.indexOf(first);
  if (index !== current) {
    if (push) history.pushState({ stap: index + 1 }, '', addressFor(index));
    showStep(index, { focus: false });
  }
  // Messages for fields on other steps are listed in this step's summary too.
  showErrors(formOf(first), { errors: listed }, map);
}

// ---- the summary (check step) -----------------------------------------------------------

function changeLink(step, what) {
  const index = steps.indexOf(step);
  return el('a', { href: addressFor(index), class: 'change-link', 'data-go': index },
    'Wijzig', el('span', { class: 'sr-only' }, ` ${what}`));
}

function summaryBlock(step, heading, rows, what) {
  return el('section', { class: 'summary-block', 'aria-labelledby': `summary-${step}` },
    el('div', { class: 'summary-head' },
      el('h3', { id: `summary-${step}` }, heading),
      changeLink(step, what)),
    el('dl', { class: 'facts' }, rows.map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])));
}

function renderSummary() {
  const body = readBody();
  const category = categories.find((c) => c.slug === body.category);
  const place = places.find((p) => p.slug === body.place);
  const blocks = [
    summaryBlock('what', 'Wat', [
      ['Soort hulp', category ? category.name_nl : 'Nog niet gekozen'],
      ['Titel', body.title || 'Nog niet ingevuld'],
      ['Beschrijving', el('span', { class: 'pre-line' }, body.description || 'Nog niet ingevuld')],
    ], 'soort hulp, titel en beschrijving'),
    summaryBlock('where', 'Waar', [['Dorp', place ? place.name : 'Nog niet gekozen']], 'dorp'),
    summaryBlock('when', 'Wanneer', [['Wanneer', summaryWhen(body.schedule)]], 'wanneer'),
  ];
  if (steps.includes('who')) {
    const o = body.on_behalf_of;
    const rows = o
      ? [
        ['Voor', o.name || 'Naam nog niet ingevuld'],
        ['Telefoon', o.phone || 'Niet ingevuld'],
        ['E-mail', o.email || 'Niet ingevuld'],
        ['Hoe u deze persoon kent', channelText(o)],
        ['De vrijwilliger belt', o.via_poster ? 'Mij' : 'Deze persoon zelf'],
      ]
      : [['Voor', 'Mijzelf']];
    blocks.push(summaryBlock('who', 'Voor wie', rows, 'voor wie de hulp is'));
  }
  replace($('summary'), blocks);
  warnAboutDetails(body);
}

/**
 * Says so at the check step when the title or description holds a phone number, an
 * e-mail address, an address or a surname (POST /api/v1/screening): everyone can read
 * the text. It does not stop sending; the Servicepunt looks at every post first.
 */
async function warnAboutDetails(body) {
  const box = $('text-warning');
  const asked = { title: body.title, description: body.description, for_name: body.on_behalf_of?.name };
  let found;
  try {
    found = await api.post('screening', asked);
  } catch {
    return; // the review checks the text anyway
  }
  const items = [...found.title, ...found.description]
    .filter((f, i, all) => all.findIndex((g) => g.text === f.text) === i);
  if (!items.length) {
    replace(box);
    return;
  }
  replace(box, el('div', { class: 'message message-warning', role: 'status' },
    el('p', {}, el('strong', {}, 'Let op: '), 'in uw tekst staat persoonlijke informatie. Iedereen kan deze tekst lezen.'),
    el('ul', {}, items.map((f) => el('li', {}, `${FINDINGS[f.kind]?.a || 'iets persoonlijks'}: `, el('q', {}, f.text)))),
    el('p', {}, kind === 'vacancy'
      ? 'Haal het liever weg. Vrijwilligers reageren via de website; u ziet elkaars gegevens als u zich aan hen voorstelt.'
      : 'Haal het liever weg. Het Servicepunt geeft uw gegevens alleen aan de vrijwilliger die u helpt.'),
    el('p', {}, el('a', { href: addressFor(steps.indexOf('what')), 'data-go': steps.indexOf('what') }, 'Pas de tekst aan'))));
}

/** The schedule being filled in, in words (also when it is not complete yet). */
function summaryWhen(schedule) {
  if (schedule.kind === 'weekly' && !schedule.slots.length) return 'Nog geen dagdelen gekozen';
  if (schedule.kind === 'once' && !schedule.date) return 'Nog geen datum gekozen';
  if (schedule.kind === 'flexible') return 'Flexibel: u spreekt het moment samen af';
  return scheduleText(schedule);
}

function channelText(o) {
  const base = CHANNELS[o.channel] || 'Nog niet gekozen';
  const referrer = REFERRERS.find(([slug]) => slug === o.referrer)?.[1];
  return referrer ? `${base} (${referrer})` : base;
}

// ---- moving through the steps -----------------------------------------------------------

function onStepSubmit(step) {
  return async (event) => {
    event.preventDefault();
    const form = formOf(step);
    clearErrors(form);
    if (step !== 'check') {
      const missing = missingOn(step);
      if (Object.keys(missing).length) {
        showErrors(form, { errors: missing }, fieldMap());
        return;
      }
      saveDraft();
      goTo(current + 1);
      return;
    }
    // Check everything once more before sending; go to the first step that lacks something.
    for (const s of steps) {
      const missing = missingOn(s);
      if (Object.keys(missing).length) {
        showFieldErrors(missing);
        return;
      }
    }
    await send();
  };
}

async function send() {
  const form = formOf('check');
  const button = $('send');
  let saved;
  try {
    saved = await busy(button, () => (editId
      ? api.patch(postApi(kind, editId), readBody())
      : api.post(postApi(kind), readBody())));
  } catch (err) {
    if (err instanceof ApiError && err.status === 422 && Object.keys(err.errors).length) {
      showFieldErrors(err.errors);
    } else if (err instanceof ApiError && err.status === 401) {
      saveDraft();
      showErrors(form, { detail: 'U bent niet meer ingelogd. Log opnieuw in; wat u hebt ingevuld blijft bewaard.', status: 401 });
      form.querySelector('.error-summary')?.append(
        el('p', {}, el('a', { href: loginUrl(addressFor(current)) }, 'Opnieuw inloggen')));
    } else {
      showErrors(form, err);
    }
    return;
  }
  sent = true;
  forgetDraft();
  showDone(saved);
}

function showDone(saved) {
  const words = WORDS[kind];
  $('wizard').hidden = true;
  const text = [];
  const link = postPage(kind, saved.id);
  if (editId) {
    $('done-heading').textContent = 'Uw wijzigingen zijn opgeslagen';
    if (saved.status === 'pending_review') {
      const wasOnline = post?.status === 'open';
      text.push(wasOnline
        ? `Het Servicepunt bekijkt ${words.one} opnieuw, meestal binnen 2 werkdagen. Tot die tijd staat ${words.he} niet online. U krijgt een e-mail als ${words.he} weer online staat.`
        : words.next);
    }
  } else {
    $('done-heading').textContent = saved.status === 'open' ? words.sent.replace('verstuurd', 'geplaatst') : words.sent;
    text.push(saved.status === 'open' ? words.nextOpen : words.next);
  }
  text.push(`U vindt ${words.mine} altijd terug in Mijn overzicht. Daar kunt u ${words.it} ook aanpassen of intrekken.`);
  const phone = servicepuntPhoneLink();
  text.push(phone ? ['Vragen? Bel het Servicepunt: ', phone, '.'] : 'Vragen? Bel het Servicepunt.');
  replace($('done-text'), text.map((t) => el('p', {}, t)));
  const links = [el('li', {}, el('a', { href: '/mijn' }, 'Naar Mijn overzicht'))];
  if (saved.status === 'open') links.push(el('li', {}, el('a', { href: link }, 'Bekijk hoe het online staat')));
  if (!editId) links.push(el('li', {}, el('a', { href: KINDS[kind].form }, words.another)));
  replace($('done-links'), links);
  $('done').hidden = false;
  setTitle(`${$('done-heading').textContent} — ${$('page-heading').textContent}`);
  history.replaceState({ done: true }, '', location.pathname);
  $('done-heading').focus();
}

// ---- keeping a draft in this tab (new posts only) --------------------------------------

const draftKey = () => `noaber-draft:${account.id}:${path}`;

function saveDraft() {
  if (editId || sent || !account) return;
  const values = {};
  for (const control of $('wizard').querySelectorAll('input[id], select[id], textarea[id]')) {
    values[control.id] = control.type === 'checkbox' || control.type === 'radio' ? control.checked : control.value;
  }
  try {
    sessionStorage.setItem(draftKey(), JSON.stringify(values));
  } catch { /* private mode or full: the draft just is not kept */ }
}

function restoreDraft() {
  let values = null;
  try {
    values = JSON.parse(sessionStorage.getItem(draftKey()) || 'null');
  } catch { values = null; }
  if (!values || typeof values !== 'object') return false;
  for (const [id, value] of Object.entries(values)) {
    const control = $(id);
    if (!control || !$('wizard').contains(control)) continue;
    if (control.type === 'checkbox' || control.type === 'radio') control.checked = value === true;
    else if (typeof value === 'string') control.value = value;
  }
  return true;
}

function forgetDraft() {
  try {
    sessionStorage.removeItem(draftKey());
  } catch { /* nothing kept */ }
}

// ---- edit mode ---------------------------------------------------------------------------

/** Finds the post by trying the three kinds (the address does not say which). */
async function loadPost(id) {
  for (const k of Object.keys(KINDS)) {
    try {
      return await api.get(postApi(k, id));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
    }
  }
  return null;
}

function fillFrom(p) {
  const radio = document.querySelector(`input[name="category"][value="${CSS.escape(p.category)}"]`);
  if (radio) radio.checked = true;
  $('title').value = p.title;
  $('description').value = p.description;
  $('place').value = p.place;
  const schedule = p.schedule || { kind: 'flexible' };
  const which = $(`when-${schedule.kind}`) || $('when-flexible');
  which.checked = true;
  if (schedule.kind === 'weekly') {
    writeSlots($('week-grid'), schedule.slots);
    $('hours').value = String(schedule.hours_per_week ?? '').replace('.', ',');
  } else if (schedule.kind === 'once') {
    $('once-date').value = schedule.date || '';
    for (const box of document.querySelectorAll('input[name="once-part"]')) {
      box.checked = (schedule.parts || []).includes(box.value);
    }
  }
  const o = p.on_behalf_of;
  if (o) {
    $('for-other').checked = true;
    $('obo-name').value = o.name || '';
    $('obo-phone').value = o.phone || '';
    $('obo-email').value = o.email || '';
    const channel = $(`obo-channel-${o.channel}`);
    if (channel && !channel.disabled) channel.checked = true;
    $('obo-referrer').value = o.referrer || '';
    $(o.via_poster ? 'obo-calls-poster' : 'obo-calls-resident').checked = true;
    // The API keeps who a request is for once it is set: say so instead of offering a choice that does nothing.
    $('for-whom').hidden = true;
    $('other-fields').prepend(el('p', { class: 'hint' },
      `Deze hulpvraag is voor ${o.name}. Is dat niet meer zo? Trek de vraag in en plaats een nieuwe, of bel het Servicepunt.`));
  }
}

function editNotice(p) {
  const status = postStatusText(p);
  const lines = [];
  if (p.status === 'open') {
    lines.push(el('p', {}, el('strong', {}, 'Let op: deze oproep staat nu online.')));
    lines.push(el('p', {}, 'Als u iets verandert, haalt het Servicepunt de oproep even offline en bekijkt hem opnieuw. Meestal staat hij binnen 2 werkdagen weer online.'));
  } else if (p.status === 'rejected') {
    lines.push(el('p', {}, el('strong', {}, 'Het Servicepunt heeft deze oproep teruggestuurd.')));
    if (p.review_reason) lines.push(el('p', {}, 'De reden: ', el('q', {}, p.review_reason)));
    lines.push(el('p', {}, 'Pas de oproep aan en sla hem op. Het Servicepunt bekijkt hem dan opnieuw.'));
  } else {
    lines.push(el('p', {}, `Status: ${status}. Het Servicepunt heeft de oproep nog niet bekeken. U kunt hem nog aanpassen.`));
  }
  return el('div', { class: 'notice edit-notice' }, lines);
}

// ---- start -------------------------------------------------------------------------------

function refuse(...children) {
  $('loading').hidden = true;
  notice(children);
}

function roleRefusal() {
  const noun = KINDS[kind].noun;
  const allowed = kindsFor(account.role);
  const reason = {
    request: 'Een hulpvraag plaatst u met een account voor hulp zoeken.',
    offer: 'Hulp aanbieden doet u met een account als vrijwilliger.',
    vacancy: 'Een vacature plaatst u met een account als organisatie.',
  }[kind];
  refuse(
    el('h2', {}, `U kunt hier geen ${noun} plaatsen`),
    el('p', {}, `U bent aangemeld als ${ROLE_NAMES[account.role] || account.role}. ${reason}`),
    allowed.length
      ? el('p', {}, 'Wat u wel kunt doen:')
      : null,
    el('ul', { class: 'next-steps' },
      allowed.map((k) => el('li', {}, el('a', { href: KINDS[k].form }, KINDS[k].newLink))),
      el('li', {}, el('a', { href: '/mijn' }, 'Naar Mijn overzicht'))),
    el('p', {}, 'Wilt u toch iets anders? Bel het Servicepunt, dan helpen wij u verder.'),
  );
}

async function start() {
  account = await requireAccount();
  let reference;
  try {
    const loads = [api.get('categories'), api.get('places')];
    if (editId) loads.push(loadPost(editId));
    reference = await Promise.all(loads);
  } catch (err) {
    refuse(el('p', { class: 'message message-error', role: 'alert' },
      err instanceof ApiError && err.detail ? err.detail
        : 'Het formulier kon niet worden geladen. Controleer uw internet en probeer het opnieuw, of bel het Servicepunt.'));
    return;
  }
  [categories, places] = reference;
  if (editId) {
    post = reference[2];
    const mine = post && (post.author?.id === account.id || account.role === 'coordinator');
    if (!mine) {
      $('page-heading').textContent = 'Oproep aanpassen';
      refuse(el('p', {}, 'Deze oproep bestaat niet, of het is niet uw oproep.'),
        el('p', {}, el('a', { href: '/mijn' }, 'Naar Mijn overzicht')));
      return;
    }
    kind = post.kind;
    if (!EDITABLE.includes(post.status)) {
      $('page-heading').textContent = `${KINDS[kind].label} aanpassen`;
      refuse(
        el('p', {}, `Deze oproep kunt u niet meer aanpassen. De status is: ${postStatusText(post)}.`),
        el('p', {}, 'Er wordt al gewerkt aan een koppeling, of de oproep is afgesloten. Wilt u iets veranderen? Bel het Servicepunt.'),
        el('p', {}, el('a', { href: '/mijn' }, 'Naar Mijn overzicht')));
      return;
    }
  }
  if (!kind) return;
  if (!editId && !kindsFor(account.role).includes(kind)) {
    applyWords();
    roleRefusal();
    return;
  }

  steps = kind === 'request' ? ['what', 'where', 'when', 'who', 'check'] : ['what', 'where', 'when', 'check'];
  applyWords();
  buildCategoryTiles();
  $('place').append(...placeOptions(places));
  buildWeekGrid($('week-grid'));
  limitDates();
  buildReferrers();
  buildStepButtons();

  let restored = false;
  if (post) {
    fillFrom(post);
    $('edit-notice').replaceChildren(editNotice(post));
    if (['open', 'rejected'].includes(post.status) && account.role !== 'coordinator') {
      $('check-notice').replaceChildren(el('p', { class: 'notice' },
        'Na het opslaan bekijkt het Servicepunt de oproep opnieuw. Tot die tijd staat hij niet online.'));
    }
    reachedCheck = true;
  } else {
    restored = restoreDraft();
  }
  showScheduleKind();
  showOtherFields();
  showConditions();
  updateCount();

  for (const step of steps) formOf(step).addEventListener('submit', onStepSubmit(step));
  $('wizard').addEventListener('click', (event) => {
    const target = event.target.closest('[data-go]');
    if (!target) return;
    event.preventDefault();
    saveDraft();
    goTo(Number(target.dataset.go));
  });
  $('wizard').addEventListener('change', (event) => {
    if (event.target.name === 'schedule-kind') showScheduleKind();
    if (event.target.name === 'category') showConditions();
    if (event.target.name === 'for-whom' || event.target.name === 'obo-channel') showOtherFields();
    saveDraft();
  });
  $('wizard').addEventListener('input', (event) => {
    if (event.target.id === 'description') updateCount();
    saveDraft();
  });

  $('loading').hidden = true;
  $('wizard').hidden = false;
  // Opened at a later step (reload, or a link): only when there is something to show.
  const first = restored || post ? stepFromAddress() : 0;
  if (first === steps.length - 1) reachedCheck = true;
  history.replaceState({ stap: first + 1 }, '', first > 0 ? addressFor(first) : location.pathname);
  showStep(first, { focus: false });
}

// Say at once what this page is, before the reference data arrives.
const firstHeading = editId ? 'Oproep aanpassen' : KINDS[kind]?.title;
if (firstHeading) {
  $('page-heading').textContent = firstHeading;
  setTitle(firstHeading);
}
start();
