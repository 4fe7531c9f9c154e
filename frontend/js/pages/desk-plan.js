// Werkbak — Weekvoorstel (/werkbak/weekvoorstel): one proposal for every open request
// nobody is working on yet, made over all of them at once (GET /api/v1/matching/plan).
// Each pair says why this volunteer; "Kies …" proposes that one pair through the
// usual match route (POST /api/v1/matches) and the pair then says so. Requests the
// plan cannot pair are listed with the reason: the recruitment agenda. The filters
// (kind of help, village) are kept in the address (soort, dorp).

import '../layout.js';
import { api } from '../api.js';
import { readAddress, writeAddress } from '../address-filters.js';
import { recentMatchesText, requireCoordinator } from '../desk.js';
import { el, replace } from '../dom.js';
import { dayText, formatKm } from '../format.js';
import { busy, problemText, say } from '../forms.js';
import { fact, namedOptions, placeOptions } from '../render.js';

const $ = (id) => document.getElementById(id);
const form = $('filters');

/** The form's controls and their names in the address. */
const ADDRESS = { category: 'soort', place: 'dorp' };

const state = { load: 0 };

const pct = (x) => Math.max(0, Math.min(100, Math.round((Number(x) || 0) * 100)));
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function requestLink(request) {
  return el('a', { href: `/werkbak/hulpvragen/${encodeURIComponent(request.id)}` }, request.title);
}

function pairItem(pair, index) {
  const { request, volunteer } = pair;
  const headingId = `pair-${index}`;
  const status = el('div', { id: `pair-status-${index}` });
  const button = el('button', { type: 'button', class: 'button button-primary' }, `Kies ${volunteer.name}`);
  button.addEventListener('click', () => propose(pair, button, status));
  return el('li', { class: 'desk-item', 'aria-labelledby': headingId },
    el('h3', { class: 'desk-item-title', id: headingId },
      requestLink(request), ` — ${volunteer.name}`),
    el('p', { class: 'plan-why' }, pair.why),
    el('dl', { class: 'desk-facts' },
      el('div', {}, fact('Soort hulp', request.category_name)),
      el('div', {}, fact('Dorp', request.place_name)),
      el('div', {}, fact('Past', `${pct(pair.score)}%`)),
      el('div', {}, fact('Afstand', pair.distance_km > 0 ? formatKm(pair.distance_km) : 'Zelfde dorp')),
      el('div', {}, fact('Plaats in de voorstellen', pair.rank === 1 ? 'Eerste keus' : `${pair.rank}e keus`)),
      el('div', {}, fact('Koppelingen', recentMatchesText(volunteer.recent_matches))),
      el('div', {}, fact('VOG', volunteer.vog_valid_until ? `geldig tot ${dayText(volunteer.vog_valid_until)}` : 'geen geldige VOG'))),
    pair.reasons?.length
      ? el('ul', { class: 'desk-reasons', 'aria-label': `Waarom ${volunteer.name} past` }, pair.reasons.map((r) => el('li', {}, r)))
      : null,
    el('div', { class: 'desk-actions' }, button,
      el('a', { href: `/werkbak/vrijwilligers/${encodeURIComponent(volunteer.id)}` }, `Profiel van ${volunteer.name}`)),
    status);
}

async function propose(pair, button, status) {
  try {
    const created = await busy(button, () => api.post('matches', {
      request_id: pair.request.id, volunteer_id: pair.volunteer.id,
    }));
    const done = el('p', {}, `${pair.volunteer.name} is gekozen. `,
      el('a', { href: `/koppelingen/${encodeURIComponent(created.id)}` }, 'Naar de koppeling'));
    button.replaceWith(done);
    say(status, `${pair.volunteer.name} is gekozen voor “${pair.request.title}”.`);
  } catch (err) {
    say(status, problemText(err), { error: true });
  }
}

function gapItem(gap) {
  return el('li', { class: 'desk-item' },
    el('h3', { class: 'desk-item-title' }, requestLink(gap.request)),
    el('p', {}, gap.reason, '.'),
    el('dl', { class: 'desk-facts' },
      el('div', {}, fact('Soort hulp', gap.request.category_name)),
      el('div', {}, fact('Dorp', gap.request.place_name))));
}

function summaryText(view) {
  if (!view.requests) return 'Er zijn geen open hulpvragen zonder reactie of voorstel.';
  const helped = `${view.covered} van de ${plural(view.requests, 'open hulpvraag', 'open hulpvragen')} krijgen een vrijwilliger.`;
  const gain = view.covered > view.one_by_one
    ? ` Als u ze één voor één de eerste keus geeft, zijn dat er ${view.one_by_one}.`
    : '';
  const more = view.waiting > view.requests
    ? ` Er wachten ${view.waiting} hulpvragen; dit voorstel gaat over de ${view.requests} die het langst wachten. Kies een soort hulp of een dorp voor de rest.`
    : '';
  return helped + gain + more;
}

async function show() {
  const number = ++state.load;
  writeAddress(form, ADDRESS);
  const params = new URLSearchParams();
  if (form.category.value) params.set('category', form.category.value);
  if (form.place.value) params.set('place', form.place.value);
  try {
    const view = await api.get(`matching/plan${params.size ? `?${params}` : ''}`);
    if (number !== state.load) return;
    replace($('notice'));
    $('summary').textContent = summaryText(view);
    replace($('pairs'), view.pairs.length
      ? view.pairs.map(pairItem)
      : el('li', {}, 'Geen koppelingen voor te stellen.'));
    replace($('gaps'), view.left_out.length
      ? view.left_out.map(gapItem)
      : el('li', {}, 'Elke hulpvraag heeft een vrijwilliger in dit voorstel.'));
  } catch (err) {
    replace($('notice'), el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
  }
}

async function fillOptions() {
  const [categories, places] = await Promise.all([api.get('categories'), api.get('places')]);
  form.category.append(...namedOptions(categories));
  form.place.append(...placeOptions(places, ''));
}

async function start() {
  if (!(await requireCoordinator($('notice'), $('loading')))) return;
  try {
    await fillOptions();
  } catch (err) {
    replace($('notice'), el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
    $('loading').hidden = true;
    return;
  }
  readAddress(form, ADDRESS);
  await show();
  $('loading').hidden = true;
  $('plan').hidden = false;
}

form.addEventListener('submit', (event) => event.preventDefault());
form.addEventListener('change', show);

start();
