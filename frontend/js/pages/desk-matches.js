// Werkbak — Koppelingen (/werkbak/koppelingen): every match (GET /api/v1/matches,
// the API filters by ?status= and by the end of the agreed period, ?ends_by=),
// filtered further by text on this page, with the time since its last step
// (updated_at) and the agreed period's end. Status and end date are kept in the
// address (?status=active&eindigt=2026-12-31, as Vandaag links here); the text is
// not. Each links to the request in the werkbak (/werkbak/hulpvragen/{post id}) and
// to the match's own page (/koppelingen/{id}).

import '../layout.js';
import { api, fetchAll } from '../api.js';
import { readAddress, writeAddress } from '../address-filters.js';
import { el, replace } from '../dom.js';
import { say } from '../forms.js';
import { dateTimeText, dayText, timeAgo } from '../format.js';
import { postPage, matchPage } from '../kinds.js';
import { OUTCOMES, onVacancy } from '../words.js';
import { requireCoordinator } from '../desk.js';

const $ = (id) => document.getElementById(id);

/** A match's status in the Servicepunt's words (words.js says them to the volunteer). */
const STATUS = {
  suggested: 'Voorgesteld: het Servicepunt neemt contact op',
  responded: 'Vrijwilliger heeft gereageerd: wacht op het Servicepunt',
  introduced: 'Aan elkaar voorgesteld: kennismaking',
  active: 'Bevestigd: de hulp loopt',
  ended: 'Afgesloten',
  declined: 'Gaat niet door',
};

/** Where a vacancy's match reads differently: its organisation takes the steps. */
const VACANCY_STATUS = {
  responded: 'Vrijwilliger heeft gereageerd: wacht op de organisatie',
  introduced: 'Aan elkaar voorgesteld door de organisatie: kennismaking',
};

/** The filters kept in the address: control name → address name. */
const ADDRESS = { status: 'status', ends: 'eindigt' };

let places = new Map();
let matches = [];
let loadNumber = 0;

/** The longest-waiting step first: that is where work is. */
const byLastStep = (a, b) => a.updated_at.localeCompare(b.updated_at);
/** With an end date asked for: the agreement that ends first, first. */
const byAgreedEnd = (a, b) => (a.agreed_until || '').localeCompare(b.agreed_until || '') || byLastStep(a, b);

async function loadAll(status, ends) {
  const items = await fetchAll('matches', { status, ends_by: ends }, 2000);
  return items.sort(ends ? byAgreedEnd : byLastStep);
}

function statusText(match) {
  const own = onVacancy(match) ? VACANCY_STATUS[match.status] : null;
  const base = own || STATUS[match.status] || 'Onbekend';
  return match.status === 'ended' && OUTCOMES[match.outcome] ? `${base}: ${OUTCOMES[match.outcome].toLowerCase()}` : base;
}

function matchesText(match, words) {
  if (!words.length) return true;
  const hay = [match.post.title, places.get(match.post.place) || match.post.place,
    match.volunteer.name || match.volunteer.first_name, statusText(match)].join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

function item(match) {
  const place = places.get(match.post.place) || match.post.place;
  const postLink = match.post.kind === 'request'
    ? `/werkbak/hulpvragen/${encodeURIComponent(match.post.id)}`
    : postPage(match.post.kind, match.post.id);
  const headingId = `match-${match.id}`;
  return el('li', { class: 'match-item' },
    el('article', { 'aria-labelledby': headingId },
      el('h3', { id: headingId }, `${match.post.title} — ${place}`),
      el('p', {}, el('span', { class: 'match-status' }, statusText(match)),
        ` · Vrijwilliger: ${match.volunteer.name || match.volunteer.first_name}`),
      el('p', { class: 'match-meta' }, 'Laatste stap ',
        el('time', { datetime: match.updated_at, title: dateTimeText(match.updated_at) }, timeAgo(match.updated_at)),
        match.unread ? ` · ${match.unread === 1 ? '1 nieuw bericht' : `${match.unread} nieuwe berichten`}` : ''),
      match.agreed_until ? el('p', { class: 'match-agreed' }, `Afgesproken tot ${dayText(match.agreed_until)}`) : null,
      el('p', { class: 'match-links' },
        el('a', { href: postLink }, match.post.kind === 'request' ? 'Hulpvraag in de werkbak' : 'Vacature',
          el('span', { class: 'sr-only' }, `: ${match.post.title}`)),
        el('a', { href: matchPage(match.id) }, 'Koppeling openen',
          el('span', { class: 'sr-only' }, `: ${match.post.title}, ${match.volunteer.first_name}`)))));
}

/** Says that only matches ending by the chosen day are shown, with a way to show all. */
function showEndsFilter() {
  const ends = $('ends').value;
  $('ends-active').hidden = !ends;
  $('ends-words').textContent = ends
    ? `U ziet alleen koppelingen waarvan de afgesproken periode uiterlijk op ${dayText(ends)} eindigt.`
    : '';
}

function render() {
  const words = $('q').value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = matches.filter((m) => matchesText(m, words));
  const statusName = $('status').value ? ` met status "${STATUS[$('status').value]}"` : '';
  $('count').textContent = shown.length === 1 ? `1 koppeling${statusName}` : `${shown.length} koppelingen${statusName}`;
  showEndsFilter();
  replace($('match-list'), shown.length ? shown.map(item)
    : el('li', {}, 'Geen koppelingen gevonden. Kies een andere status of zoek op een ander woord.'));
}

async function reload() {
  const number = ++loadNumber;
  writeAddress($('filter-form'), ADDRESS);
  try {
    const found = await loadAll($('status').value, $('ends').value);
    if (number !== loadNumber) return;
    matches = found;
  } catch {
    say($('notice'), 'De koppelingen konden niet worden geladen. Probeer het opnieuw.', { error: true });
    return;
  }
  replace($('notice'));
  render();
}

async function clearEnds() {
  $('ends').value = '';
  await reload();
  $('count').focus();
}

async function start() {
  const account = await requireCoordinator($('notice'), $('loading'));
  if (!account) return;
  const select = $('status');
  for (const [code, label] of Object.entries(STATUS)) select.append(el('option', { value: code }, label));
  readAddress($('filter-form'), ADDRESS);
  try {
    places = new Map((await api.get('places')).map((p) => [p.slug, p.name]));
  } catch { /* the slug is shown instead */ }
  select.addEventListener('change', reload);
  $('ends').addEventListener('change', reload);
  $('ends-clear').addEventListener('click', clearEnds);
  $('q').addEventListener('input', render);
  $('filter-form').addEventListener('submit', (event) => event.preventDefault());
  await reload();
  $('loading').hidden = true;
  $('matches').hidden = false;
}

start();
