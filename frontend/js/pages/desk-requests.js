// Werkbak — Hulpvragen (/werkbak/hulpvragen): every request, in every status, as a
// dense list (GET /api/v1/requests). The API filters by status, kind of help,
// village and "waiting too long" (waiting=true: open for more than 14 days without a
// response, the same rule as the Vandaag count) and sorts newest or oldest first;
// the page reads 50 at a time, "Meer laden" reads the next 50. The filters are kept
// in the address (status, soort, dorp, wacht, volgorde: codes and slugs only), so
// Vandaag links to a filtered list and Back comes back to it. Each title links to
// the request in the werkbak (/werkbak/hulpvragen/{id}).

import '../layout.js';
import { api } from '../api.js';
import { readAddress, writeAddress } from '../address-filters.js';
import { requireCoordinator } from '../desk.js';
import { el, replace } from '../dom.js';
import { dateTimeText, scheduleText, timeAgo } from '../format.js';
import { busy, problemText } from '../forms.js';
import { fact, namedOptions, placeOptions } from '../render.js';
import { INTAKE_CHANNELS, POST_STATUS, postStatusText } from '../words.js';

const $ = (id) => document.getElementById(id);
const form = $('filters');

/** How many requests one "Meer laden" reads. */
const PAGE_SIZE = 50;
/** The form's controls and their names in the address. */
const ADDRESS = { status: 'status', category: 'soort', place: 'dorp', waiting: 'wacht', sort: 'volgorde' };

const state = {
  shown: 0, // rows on the page
  total: 0, // requests that fit the filters
  load: 0, // the number of the latest load: an older answer is dropped
};

// ---- reading -------------------------------------------------------------------

/** The API address for the filters in the form, from `offset` on. */
function listPath(offset) {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
  for (const name of ['status', 'category', 'place']) {
    if (form[name].value) params.set(name, form[name].value);
  }
  if (form.waiting.checked) params.set('waiting', 'true');
  if (form.sort.value === 'oudste') params.set('sort', 'oldest');
  return `requests?${params}`;
}

/** Reads the first page for the filters as they are now; answers false if a newer load took over. */
async function loadFirst() {
  const number = ++state.load;
  writeAddress(form, ADDRESS);
  const page = await api.get(listPath(0));
  if (number !== state.load) return false;
  state.total = page.total;
  state.shown = page.items.length;
  replace($('results'), page.items.length ? page.items.map(row) : emptyRow());
  return true;
}

async function loadMore() {
  const number = state.load;
  const page = await api.get(listPath(state.shown));
  if (number !== state.load) return;
  state.total = page.total;
  state.shown += page.items.length;
  const rows = page.items.map(row);
  $('results').append(...rows);
  rows[0]?.querySelector('a')?.focus();
}

// ---- showing -------------------------------------------------------------------

const number = new Intl.NumberFormat('nl-NL');

function countText() {
  const all = state.total === 1 ? '1 hulpvraag' : `${number.format(state.total)} hulpvragen`;
  return state.shown < state.total ? `${all}. U ziet er nu ${number.format(state.shown)}.` : `${all}.`;
}

function showCount() {
  $('count').textContent = countText();
  $('more-line').hidden = state.shown >= state.total;
}

/** A term and its value as one cell of the row. */
const cell = (term, ...value) => el('div', {}, fact(term, ...value));

/** Since when the request is online, or since when it waits for review. */
function sinceCell(post) {
  const [term, at] = post.published_at ? ['Online geplaatst', post.published_at] : ['Ingestuurd', post.created_at];
  return cell(term, el('time', { datetime: at, title: dateTimeText(at) }, timeAgo(at)));
}

function row(post) {
  const titleId = `request-${post.id}`;
  return el('li', { class: 'desk-item', 'aria-labelledby': titleId },
    el('h3', { class: 'desk-item-title', id: titleId },
      el('a', { href: `/werkbak/hulpvragen/${encodeURIComponent(post.id)}` }, post.title)),
    el('dl', { class: 'desk-facts' },
      cell('Soort hulp', post.category_name || post.category),
      cell('Dorp', post.place_name || post.place),
      cell('Status', el('span', { class: 'status-tag' }, postStatusText(post))),
      sinceCell(post),
      cell('Hoe binnengekomen', INTAKE_CHANNELS[post.intake_channel] || 'Onbekend'),
      cell('Wanneer', scheduleText(post.schedule))));
}

function emptyRow() {
  return el('li', {}, 'Geen hulpvragen gevonden. Kies andere filters.');
}

function showError(err) {
  replace($('notice'), el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
}

// ---- the page ------------------------------------------------------------------

async function show() {
  try {
    if (!(await loadFirst())) return;
    replace($('notice'));
    showCount();
  } catch (err) {
    showError(err);
  }
}

async function more(event) {
  try {
    await busy(event.currentTarget, loadMore);
    showCount();
  } catch (err) {
    showError(err);
  }
}

/** The options of the filters: statuses in words, kinds of help and villages from the API. */
async function fillOptions() {
  const [categories, places] = await Promise.all([api.get('categories'), api.get('places')]);
  form.status.append(...Object.entries(POST_STATUS).map(([code, words]) => el('option', { value: code }, words.label)));
  form.category.append(...namedOptions(categories));
  form.place.append(...placeOptions(places, ''));
}

async function start() {
  if (!(await requireCoordinator($('notice'), $('loading')))) return;
  try {
    await fillOptions();
  } catch (err) {
    showError(err);
    $('loading').hidden = true;
    return;
  }
  readAddress(form, ADDRESS);
  await show();
  $('loading').hidden = true;
  $('requests').hidden = false;
}

form.addEventListener('submit', (event) => event.preventDefault());
form.addEventListener('change', show);
$('more').addEventListener('click', more);

start();
