// Werkbak — Vrijwilligers (/werkbak/vrijwilligers): every volunteer with a profile,
// filtered by village and talent (by the API) and by availability, VOG and how busy
// they are (here, on what the API answered). The filters are kept in the address
// (?dorp=beilen&vog=valid: slugs and codes), so Vandaag links to a filtered list.
// With "Geldige VOG" the oldest VOG comes first: those are the ones to renew. Each
// name links to the volunteer's page.

import '../layout.js';
import { api, fetchAll } from '../api.js';
import { readAddress, writeAddress } from '../address-filters.js';
import { el, replace } from '../dom.js';
import { joinNl } from '../format.js';
import { problemText } from '../forms.js';
import { namedOptions, placeOptions } from '../render.js';
import {
  VOG_EXPLAINED, recentMatchesText, requireCoordinator, vogState, vogText,
} from '../desk.js';

const form = document.getElementById('filters');
const results = document.getElementById('results');
const count = document.getElementById('count');
const notice = document.getElementById('notice');

document.getElementById('vog-help').textContent = VOG_EXPLAINED;

/** The filters kept in the address: control name → address name. */
const ADDRESS = {
  place: 'dorp', talent: 'talent', day: 'dag', part: 'dagdeel', vog: 'vog', load: 'drukte',
};

let placeNames = new Map();
let talentNames = new Map();
/** Volunteer id → matches that take up their time (introduced or active). */
let load = new Map();
/** The last answer of the API for the current village and talent. */
let volunteers = [];

async function loadMatches() {
  const busyNow = new Map();
  for (const status of ['introduced', 'active']) {
    for (const match of await fetchAll('matches', { status })) {
      busyNow.set(match.volunteer.id, (busyNow.get(match.volunteer.id) || 0) + 1);
    }
  }
  return busyNow;
}

function busyWith(v) {
  return load.get(v.id) || 0;
}

/** Whether a VOG in `state` is what the filter asks: a valid one includes one that expires soon. */
const vogMatches = (state, wanted) => state === wanted || (wanted === 'valid' && state === 'expiring');

/** Lower case without accents, to find "José" by "jose". */
const fold = (text) => String(text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function matchesFilters(v) {
  const { day, part, vog, load: wanted } = form;
  const who = fold(form.who.value.trim());
  if (who && !fold(v.name).includes(who)) return false;
  const slots = v.profile.availability || [];
  if (day.value || part.value) {
    const fits = slots.some((s) => (!day.value || s.day === day.value) && (!part.value || s.part === part.value));
    if (!fits) return false;
  }
  if (vog.value && !vogMatches(vogState(v), vog.value)) return false;
  const full = busyWith(v) >= v.profile.max_active_matches;
  if (wanted.value === 'free' && full) return false;
  if (wanted.value === 'full' && !full) return false;
  return true;
}

function row(v) {
  const p = v.profile;
  const talents = (p.talents || []).map((t) => talentNames.get(t) || t);
  const busy = busyWith(v);
  const full = busy >= p.max_active_matches;
  return el('li', { class: 'desk-item' },
    el('h3', { class: 'desk-item-title' }, el('a', { href: `/werkbak/vrijwilligers/${encodeURIComponent(v.id)}` }, v.name)),
    el('dl', { class: 'desk-facts' },
      el('div', {}, el('dt', {}, 'Dorp'), el('dd', {}, placeNames.get(p.place) || 'Niet ingevuld')),
      el('div', {}, el('dt', {}, 'Talenten'), el('dd', {}, talents.length ? joinNl(talents) : 'Geen')),
      el('div', {}, el('dt', {}, 'VOG'), el('dd', {}, vogText(v))),
      el('div', {}, el('dt', {}, 'Drukte'),
        el('dd', {}, `${busy} van ${p.max_active_matches} koppelingen${full ? ' — zit vol' : ''}`)),
      el('div', {}, el('dt', {}, 'Laatste 90 dagen'), el('dd', {}, recentMatchesText(v.recent_matches)))));
}

/** The oldest VOG first (a date as YYYY-MM-DD sorts as text). */
const byVogAge = (a, b) => (a.profile.vog_issued_on || '').localeCompare(b.profile.vog_issued_on || '');

function show() {
  writeAddress(form, ADDRESS);
  const shown = volunteers.filter(matchesFilters);
  if (['valid', 'expiring', 'expired'].includes(form.vog.value)) shown.sort(byVogAge);
  const found = shown.length === 1 ? '1 vrijwilliger gevonden.' : `${shown.length} vrijwilligers gevonden.`;
  count.textContent = ['valid', 'expiring', 'expired'].includes(form.vog.value) && shown.length > 1
    ? `${found} De oudste VOG staat bovenaan.` : found;
  replace(results, shown.map(row));
}

async function fetchVolunteers() {
  try {
    volunteers = await fetchAll('volunteers', { place: form.place.value, talent: form.talent.value });
    replace(notice);
    show();
  } catch (err) {
    replace(notice, el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
  }
}

async function start() {
  if (!await requireCoordinator(document.getElementById('content'))) return;
  try {
    const [places, talents, busyNow] = await Promise.all([api.get('places'), api.get('talents'), loadMatches()]);
    placeNames = new Map(places.map((p) => [p.slug, p.name]));
    talentNames = new Map(talents.map((t) => [t.slug, t.name_nl]));
    load = busyNow;
    form.place.append(...placeOptions(places, ''));
    form.talent.append(...namedOptions(talents));
  } catch (err) {
    replace(notice, el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
    return;
  }
  readAddress(form, ADDRESS);
  await fetchVolunteers();
}

form.addEventListener('submit', (event) => event.preventDefault());
form.place.addEventListener('change', fetchVolunteers);
form.talent.addEventListener('change', fetchVolunteers);
for (const name of ['day', 'part', 'vog', 'load']) form[name].addEventListener('change', show);
// A name stays out of the address: it is typed, found in the list as it stands, and forgotten.
form.who.addEventListener('input', show);

start();
