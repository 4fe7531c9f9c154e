// Mijn profiel (/mijn/profiel): the volunteer's profile — talents with a searchable
// picker, the weekly availability grid, village and travel distance, how many at
// once, interests, languages — saved with PUT /api/v1/me/volunteer-profile. The
// VOG status is shown, not changed: the Servicepunt arranges it.

import '../layout.js';
import { api } from '../api.js';
import { el, replace } from '../dom.js';
import { busy, clearErrors, say, showErrors } from '../forms.js';
import { requireAccount } from '../session.js';
import { VOG_STATUS, dayText } from '../words.js';

const DAYS = [
  ['mon', 'maandag'], ['tue', 'dinsdag'], ['wed', 'woensdag'], ['thu', 'donderdag'],
  ['fri', 'vrijdag'], ['sat', 'zaterdag'], ['sun', 'zondag'],
];
const PARTS = [['morning', 'ochtend'], ['afternoon', 'middag'], ['evening', 'avond']];
const ROLE_WORDS = {
  resident: 'U bent aangemeld als iemand die hulp zoekt. Een vrijwilligersprofiel heeft u daarom niet nodig.',
  organisation: 'U bent aangemeld als organisatie. U zoekt vrijwilligers via uw vacatures.',
  coordinator: 'U bent aangemeld als medewerker van het Servicepunt.',
};
// API field names → the control that shows their error.
const FIELD_MAP = { talents: 'talent-filter', availability: 'availability-first' };

const form = document.getElementById('profile-form');
const notice = document.getElementById('notice');
const loading = document.getElementById('loading');
const filter = document.getElementById('talent-filter');
const talentList = document.getElementById('talent-list');
const chosenList = document.getElementById('chosen-list');
const chosenEmpty = document.getElementById('chosen-empty');
const chosenStatus = document.getElementById('chosen-status');
const talentCount = document.getElementById('talent-count');

let talents = [];

/** Lower case without accents, so "cafe" finds "café". */
const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

const splitList = (text) => text.split(/[,;\n]/).map((w) => w.trim()).filter(Boolean);

function talentBox(slug) {
  return talentList.querySelector(`input[value="${CSS.escape(slug)}"]`);
}

/** The chosen talents as removable items, in the order of the list. */
function renderChosen() {
  const chosen = talents.filter((t) => talentBox(t.slug)?.checked);
  replace(chosenList, chosen.map((t) => el('li', { class: 'chosen-item' },
    el('span', {}, t.name_nl),
    el('button', {
      type: 'button', class: 'remove-button', 'data-slug': t.slug, 'aria-label': `Verwijder ${t.name_nl}`,
    }, 'Verwijder'))));
  chosenEmpty.hidden = chosen.length > 0;
}

function applyFilter() {
  const words = fold(filter.value.trim()).split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const item of talentList.children) {
    const match = words.every((w) => item.dataset.search.includes(w));
    item.hidden = !match;
    if (match) shown += 1;
  }
  talentCount.textContent = filter.value.trim()
    ? (shown === 1 ? '1 talent gevonden.' : `${shown} talenten gevonden.`)
    : `${shown} talenten om uit te kiezen.`;
}

function buildTalents(list, chosen) {
  talents = [...list].sort((a, b) => a.name_nl.localeCompare(b.name_nl, 'nl'));
  replace(talentList, talents.map((t) => el('li', { 'data-search': fold(`${t.name_nl} ${t.slug}`) },
    el('label', { class: 'check-option', for: `talent-${t.slug}` },
      el('input', { type: 'checkbox', id: `talent-${t.slug}`, name: 'talents', value: t.slug,
        checked: chosen.includes(t.slug) }),
      el('span', {}, t.name_nl)))));
  applyFilter();
  renderChosen();
}

function buildGrid(slots) {
  const has = (day, part) => slots.some((s) => s.day === day && s.part === part);
  const rows = DAYS.map(([day, dayName], row) => el('tr', {},
    el('th', { scope: 'row' }, dayName[0].toUpperCase() + dayName.slice(1)),
    PARTS.map(([part, partName], col) => {
      // The first box has a fixed id: errors about the grid point at it.
      const id = row === 0 && col === 0 ? 'availability-first' : `slot-${day}-${part}`;
      return el('td', {},
        el('label', { class: 'grid-cell', for: id },
          el('input', { type: 'checkbox', id, name: 'availability', value: `${day}:${part}`, checked: has(day, part) }),
          el('span', { class: 'visually-hidden' }, `${dayName}${partName}`)));
    })));
  replace(document.getElementById('availability-body'), rows);
}

function fillPlaces(places, current) {
  const select = document.getElementById('place');
  const sorted = [...places].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  for (const p of sorted) {
    select.append(el('option', { value: p.slug, selected: p.slug === current }, p.name));
  }
}

function fill(profile) {
  form.max_distance_km.value = profile?.max_distance_km ?? 10;
  form.max_active_matches.value = profile?.max_active_matches ?? 1;
  form.interests.value = (profile?.interests || []).join(', ');
  form.languages.value = (profile?.languages || []).join(', ');
  form.bio.value = profile?.bio || '';
  const vog = profile?.vog_status || 'none';
  let vogText = VOG_STATUS[vog] || VOG_STATUS.none;
  if (vog === 'valid' && profile?.vog_issued_on) vogText += ` Afgegeven op ${dayText(profile.vog_issued_on)}.`;
  document.getElementById('vog-status').textContent = vogText;
}

function collect() {
  const number = (input) => (input.value.trim() === '' ? 0 : Number(input.value));
  return {
    talents: [...talentList.querySelectorAll('input:checked')].map((i) => i.value),
    availability: [...form.querySelectorAll('input[name="availability"]:checked')].map((i) => {
      const [day, part] = i.value.split(':');
      return { day, part };
    }),
    place: form.place.value,
    max_distance_km: number(form.max_distance_km),
    max_active_matches: number(form.max_active_matches),
    interests: splitList(form.interests.value),
    languages: splitList(form.languages.value),
    bio: form.bio.value.trim(),
  };
}

filter.addEventListener('input', applyFilter);
// Enter in the search box must not send the whole form.
filter.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') event.preventDefault();
});

talentList.addEventListener('change', (event) => {
  const box = event.target.closest('input[name="talents"]');
  if (!box) return;
  renderChosen();
  const name = talents.find((t) => t.slug === box.value)?.name_nl || '';
  chosenStatus.textContent = box.checked ? `${name} toegevoegd.` : `${name} verwijderd.`;
});

chosenList.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-slug]');
  if (!button) return;
  const items = [...chosenList.querySelectorAll('button[data-slug]')];
  const index = items.indexOf(button);
  const box = talentBox(button.dataset.slug);
  box.checked = false;
  renderChosen();
  const name = talents.find((t) => t.slug === button.dataset.slug)?.name_nl || '';
  chosenStatus.textContent = `${name} verwijderd.`;
  // Focus stays near: the next chosen talent, the one before, or the search box.
  const rest = [...chosenList.querySelectorAll('button[data-slug]')];
  (rest[index] || rest[index - 1] || filter).focus();
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  document.getElementById('saved').hidden = true;
  const body = collect();
  const missing = {};
  if (!body.talents.length) missing.talents = 'Kies minstens één talent.';
  if (!body.availability.length) missing.availability = 'Vink minstens één dagdeel aan waarop u kunt helpen.';
  if (!body.place) missing.place = 'Kies uw woonplaats.';
  if (Object.keys(missing).length) {
    showErrors(form, { errors: missing }, FIELD_MAP);
    return;
  }
  const button = form.querySelector('button[type="submit"]');
  try {
    const me = await busy(button, () => api.put('me/volunteer-profile', body));
    fill(me.volunteer_profile);
  } catch (err) {
    showErrors(form, err, FIELD_MAP);
    return;
  }
  document.getElementById('saved').hidden = false;
  document.getElementById('saved-message').focus();
});

async function start() {
  const account = await requireAccount();
  if (account.role !== 'volunteer') {
    loading.hidden = true;
    document.getElementById('not-volunteer-role').textContent = ROLE_WORDS[account.role] || '';
    document.getElementById('not-volunteer').hidden = false;
    return;
  }
  try {
    const [me, talentData, places] = await Promise.all([
      api.get('me'), api.get('talents'), api.get('places'),
    ]);
    const profile = me.volunteer_profile || null;
    buildTalents(talentData, profile?.talents || []);
    buildGrid(profile?.availability || []);
    fillPlaces(places, profile?.place);
    fill(profile);
    if (!profile) say(notice, 'U heeft nog geen profiel. Vul het hieronder in; het duurt een paar minuten.');
    form.hidden = false;
  } catch (err) {
    say(notice, err.detail || 'Uw profiel kon niet worden geladen. Probeer het later opnieuw of bel het Servicepunt.', { error: true });
  } finally {
    loading.hidden = true;
  }
}

start();
