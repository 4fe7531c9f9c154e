// Mijn profiel (/mijn/profiel): the volunteer's profile — talents with a searchable
// picker, the weekly availability grid, village and travel distance, how many at
// once, interests, languages — saved with PUT /api/v1/me/volunteer-profile. The
// VOG status is shown, not changed: the Servicepunt arranges it.

import '../layout.js';
import { api } from '../api.js';
import { el, replace } from '../dom.js';
import { busy, clearErrors, say, showErrors } from '../forms.js';
import { placeOptions } from '../render.js';
import { requireAccount } from '../session.js';
import { buildWeekGrid, firstBoxId, readSlots, writeSlots } from '../week-grid.js';
import { dayText } from '../format.js';
import { ROLE_NAMES } from '../words.js';

/** Why someone else needs no volunteer profile, after "U bent aangemeld als …". */
const NO_PROFILE_NEEDED = {
  resident: 'Een vrijwilligersprofiel heeft u daarom niet nodig.',
  organisation: 'U zoekt vrijwilligers via uw vacatures.',
};
// API field names → the control that shows their error.
const FIELD_MAP = { talents: 'talent-filter', availability: firstBoxId };

const form = document.getElementById('profile-form');
const notice = document.getElementById('notice');
const loading = document.getElementById('loading');
const filter = document.getElementById('talent-filter');
const talentList = document.getElementById('talent-list');
const chosenList = document.getElementById('chosen-list');
const chosenEmpty = document.getElementById('chosen-empty');
const chosenStatus = document.getElementById('chosen-status');
const talentCount = document.getElementById('talent-count');
const grid = document.getElementById('week-grid');

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


/**
 * The volunteer's own VOG in words (`me` as GET /api/v1/me gives it): a valid one
 * until when it counts, or since when it no longer does.
 */
function vogSentence(me) {
  const profile = me.volunteer_profile;
  const until = me.vog_valid_until;
  if (profile?.vog_status === 'requested') return 'Uw VOG is aangevraagd.';
  if (profile?.vog_status !== 'valid' || !until) return 'U heeft (nog) geen VOG bij ons.';
  const issued = `Afgegeven op ${dayText(profile.vog_issued_on)}.`;
  if (until < new Date().toISOString().slice(0, 10)) {
    return `Uw VOG is verlopen op ${dayText(until)}. ${issued} Voor sommige hulp is een nieuwe VOG nodig: bel het Servicepunt.`;
  }
  return `U heeft een geldige VOG, tot en met ${dayText(until)}. ${issued}`;
}

function fill(me) {
  const profile = me.volunteer_profile || null;
  form.max_distance_km.value = profile?.max_distance_km ?? 10;
  form.max_active_matches.value = profile?.max_active_matches ?? 1;
  form.interests.value = (profile?.interests || []).join(', ');
  form.languages.value = (profile?.languages || []).join(', ');
  form.bio.value = profile?.bio || '';
  document.getElementById('vog-status').textContent = vogSentence(me);
}

function collect() {
  const number = (input) => (input.value.trim() === '' ? 0 : Number(input.value));
  return {
    talents: [...talentList.querySelectorAll('input:checked')].map((i) => i.value),
    availability: readSlots(grid),
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
    fill(me);
  } catch (err) {
    showErrors(form, err, FIELD_MAP);
    return;
  }
  notice.replaceChildren(); // "U heeft nog geen profiel" no longer holds
  document.getElementById('saved').hidden = false;
  document.getElementById('saved-message').focus();
});

async function start() {
  const account = await requireAccount();
  if (account.role !== 'volunteer') {
    loading.hidden = true;
    document.getElementById('not-volunteer-role').textContent = ROLE_NAMES[account.role]
      ? `U bent aangemeld als ${ROLE_NAMES[account.role]}. ${NO_PROFILE_NEEDED[account.role] || ''}`.trim()
      : '';
    document.getElementById('not-volunteer').hidden = false;
    return;
  }
  try {
    const [me, talentData, places] = await Promise.all([
      api.get('me'), api.get('talents'), api.get('places'),
    ]);
    const profile = me.volunteer_profile || null;
    buildTalents(talentData, profile?.talents || []);
    buildWeekGrid(grid);
    writeSlots(grid, profile?.availability || []);
    document.getElementById('place').append(...placeOptions(places, profile?.place));
    fill(me);
    // No place yet: not made by them (the Servicepunt may have noted a VOG already).
    if (!profile?.place) say(notice, 'U heeft nog geen profiel. Vul het hieronder in; het duurt een paar minuten.');
    form.hidden = false;
  } catch (err) {
    say(notice, err.detail || 'Uw profiel kon niet worden geladen. Probeer het later opnieuw of bel het Servicepunt.', { error: true });
  } finally {
    loading.hidden = true;
  }
}

start();
