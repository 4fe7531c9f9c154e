// Noaber's public search page: the search form and its results, each linking to the
// post's own page, and after a search "Bewaar deze zoekopdracht" (alert mails for
// new posts that match; a visitor reads how to log in for it). State lives in the
// URL (see js/state.js); this file wires the page together.

import { servicepuntPhoneLink } from './js/layout.js';
import { ApiError, fetchCategories, fetchPlaces, searchPosts } from './js/api.js';
import { el, replace } from './js/dom.js';
import { joinNl, kindCounts, preferredLine, resultCount, searchTitle } from './js/format.js';
import { rememberSearch } from './js/last-search.js';
import { categoryChips, placeOptions, resultCard } from './js/render.js';
import { filtersFromSearch, legacyPostPath, sameFilters, searchFromFilters } from './js/state.js';
import { CATEGORY_HELP } from './js/care-terms.js';
import { currentAccount } from './js/session.js';

const PAGE_SIZE = 20;
/** The most results the API gives in one answer. */
const API_LIMIT = 100;
/** The most results shown again when coming back to a list (five answers). */
const RESTORE_MAX = 500;
/** Category chips shown before "Meer soorten hulp" (on a phone more would fill the screen). */
const CHIPS_SHOWN = 5;
/** Screens where the results sit below the form (phones, and large zoom). */
const NARROW = '(max-width: 47.99em)';
const DEFAULT_TITLE = document.title;
const TEXT = {
  searching: 'Bezig met zoeken…',
  searchError: 'Er ging iets mis bij het zoeken. Probeer het opnieuw.',
  wrongSearch: 'Deze zoekopdracht kunnen we niet uitvoeren.',
  withoutTopic: 'Uw vraag noemt geen onderwerp. Daarom ziet u alle oproepen, de nieuwste eerst. '
    + 'Typ bijvoorbeeld: boodschappen, tuin of vervoer.',
  tooLong: (max) => `U kunt hier niet meer dan ${max} tekens typen. Een paar woorden is genoeg, bijvoorbeeld: boodschappen Beilen.`,
  referenceError: 'De lijsten met soorten hulp en dorpen konden niet worden geladen. Zoeken met tekst werkt wel.',
  retry: 'Opnieuw proberen',
};

const $ = (id) => document.getElementById(id);
const ui = {
  form: $('search-form'), q: $('q'), category: $('category'), place: $('place'),
  km: $('km'), kmHint: $('km-hint'), frequency: $('frequency'), referenceError: $('reference-error'),
  qLimit: $('q-limit'), categoryHelp: $('category-help'), filterStatus: $('filter-status'),
  terms: $('terms'), termsList: $('terms-list'),
  heading: $('results-heading'), kindCounts: $('kind-counts'), preferred: $('preferred'), message: $('message'),
  searchError: $('search-error'),
  namedPlaces: $('named-places'), chipsBlock: $('chips-block'), chips: $('chips'), results: $('results'),
  shown: $('shown'), more: $('more'), save: $('save-search'), saveJump: $('save-jump'),
};

const categoryNames = new Map();
const placeNames = new Map();
// What the results list currently shows, so going back and forth between searches
// in this page does not search again for the list already shown.
const results = {
  filters: null, total: 0, loaded: 0, controller: null, focusChip: null,
  // The counts the chips were drawn from, and whether all chips show ("Meer soorten hulp").
  facets: null, allChips: false,
};
const view = {
  href: null,
  /** Whether the search shown came from a filter in the form (not "Zoeken"). */
  byFilter: false,
  /** The filter's field (or group) last changed: the filter line goes after it. */
  changed: null,
};

// ---- form ---------------------------------------------------------------

function readForm() {
  const data = new FormData(ui.form);
  return filtersFromSearch(searchFromFilters(Object.fromEntries(data)));
}

/**
 * Makes sure a select can show `value`, even if the reference lists failed to load;
 * when they did load, a value not in them (an old link's village) is said to be unknown.
 */
function ensureOption(select, value, loaded) {
  if (value && ![...select.options].some((o) => o.value === value)) {
    select.append(el('option', { value }, loaded ? `${value} (onbekend)` : value));
  }
}

/** Under "Soort hulp": what the chosen kind of help means (care terms explained). */
function updateCategoryHelp() {
  ui.categoryHelp.textContent = CATEGORY_HELP[ui.category.value] || '';
}

/** Says so when the question reached the most the field takes (typed or pasted). */
function updateLengthHint() {
  const max = ui.q.maxLength;
  ui.qLimit.textContent = ui.q.value.length >= max ? TEXT.tooLong(max) : '';
}

function updateDistanceState() {
  const noPlace = !ui.place.value;
  if (noPlace) ui.km.value = '';
  ui.km.disabled = noPlace;
  ui.kmHint.hidden = !noPlace;
}

function fillForm(filters) {
  ui.q.value = filters.q;
  for (const radio of ui.form.elements.kind) radio.checked = radio.value === filters.kind;
  ensureOption(ui.category, filters.category, categoryNames.size > 0);
  ensureOption(ui.place, filters.place, placeNames.size > 0);
  ui.category.value = filters.category;
  ui.place.value = filters.place;
  ui.km.value = filters.km;
  ui.frequency.value = filters.frequency;
  updateDistanceState();
  updateCategoryHelp();
  updateLengthHint();
}

/** "Wat betekenen de soorten hulp?": every kind of help with its plain explanation. */
function fillTerms(categories) {
  const terms = categories.filter((c) => CATEGORY_HELP[c.slug])
    .flatMap((c) => [el('dt', {}, c.name_nl), el('dd', {}, CATEGORY_HELP[c.slug])]);
  replace(ui.termsList, terms);
  ui.terms.hidden = terms.length === 0;
}

async function loadReference() {
  const [categories, places] = await Promise.allSettled([fetchCategories(), fetchPlaces()]);
  if (categories.status === 'fulfilled') {
    for (const c of categories.value) {
      categoryNames.set(c.slug, c.name_nl);
      ui.category.append(el('option', { value: c.slug }, c.name_nl));
    }
    fillTerms(categories.value);
  }
  if (places.status === 'fulfilled') {
    for (const p of places.value) placeNames.set(p.slug, p.name);
    ui.place.append(...placeOptions(places.value));
  }
  if (categories.status === 'rejected' || places.status === 'rejected') {
    ui.referenceError.textContent = TEXT.referenceError;
    ui.referenceError.hidden = false;
  }
}

// ---- search results -----------------------------------------------------

/**
 * A message about the results: said by the results' polite live region, or for an
 * error as an alert of its own (inside that region it would be said twice).
 */
function showMessage(text, { error = false, retry = null, more = [] } = {}) {
  const attrs = error
    ? { class: 'message message-error', role: 'alert' }
    : { class: 'message message-empty' };
  const parts = [el('div', attrs, el('p', {}, text), ...more)];
  if (retry) {
    const button = el('button', { type: 'button', class: 'button' }, TEXT.retry);
    button.addEventListener('click', retry);
    parts.push(button);
  }
  replace(error ? ui.searchError : ui.message, parts);
  replace(error ? ui.message : ui.searchError);
}

function clearMessages() {
  replace(ui.message);
  replace(ui.searchError);
}

/** Nothing found: what the person can change, and who can still help. */
function emptyMessage(filters) {
  const tips = [
    filters.q && 'Probeer een ander woord, of minder woorden.',
    filters.kind && 'Kies bij "Wat wilt u zien?" voor Alles.',
    filters.category && 'Kies "Alle soorten hulp".',
    filters.place && (filters.km === '20' ? 'Kies "Alle dorpen".' : 'Kies "Alle dorpen", of een grotere afstand.'),
    filters.frequency && 'Kies bij "Hoe vaak" voor "maakt niet uit".',
  ].filter(Boolean);
  const phone = servicepuntPhoneLink();
  const more = [
    tips.length ? el('ul', { class: 'empty-tips' }, tips.map((tip) => el('li', {}, tip))) : null,
    el('p', {}, 'Staat er niets bij? ', el('a', { href: '/plaatsen/hulpvraag' }, 'Vraag zelf om hulp'),
      phone ? [' of bel het Servicepunt: ', phone, '.'] : '.'),
  ].filter(Boolean);
  const text = filters.q ? `Geen resultaten voor "${filters.q}".` : 'Geen resultaten.';
  showMessage(text, { more });
}

/**
 * A village named in the question (*tuinieren in Smilde*) counts as a word, so posts
 * elsewhere still show: offer to search only there, when no village is chosen yet.
 */
function renderNamedPlaces(filters, slugs = []) {
  const named = filters.place ? [] : slugs.filter((slug) => placeNames.has(slug));
  ui.namedPlaces.hidden = named.length === 0;
  if (!named.length) {
    replace(ui.namedPlaces);
    return;
  }
  const buttons = named.map((slug) => {
    const button = el('button', { type: 'button', class: 'button' }, `Zoek alleen in ${placeNames.get(slug)}`);
    button.addEventListener('click', () => {
      saving.asked = true;
      ui.place.value = slug;
      updateDistanceState();
      searchWith(readForm());
      // The button goes once the village is chosen: focus moves to the new results.
      ui.heading.focus({ preventScroll: true });
    });
    return button;
  });
  replace(ui.namedPlaces, [
    el('p', {}, `U noemt ${joinNl(named.map((slug) => placeNames.get(slug)))} in uw vraag.`),
    el('p', { class: 'named-places-buttons' }, buttons)]);
}

/** The "Meer soorten hulp" button after the first chips: shows or hides the rest. */
function moreChipsButton(hidden) {
  const open = results.allChips;
  const button = el('button', {
    type: 'button', class: 'chip chip-more', 'aria-expanded': String(open), 'aria-controls': 'chips',
  }, open ? 'Minder soorten hulp' : `Meer soorten hulp (${hidden})`);
  button.addEventListener('click', () => {
    results.allChips = !results.allChips;
    renderChips(results.facets, results.filters?.category || '');
    ui.chips.querySelector('.chip-more')?.focus();
  });
  return el('li', {}, button);
}

function renderChips(facets, active) {
  results.facets = facets;
  const chips = categoryChips(facets?.category, categoryNames, active);
  // The chosen kind of help always shows, and so does the chip just pressed (it
  // keeps the focus); the rest after the first few on request.
  const stays = (chip) => chip.querySelector('[aria-pressed="true"]')
    || chip.querySelector('button')?.dataset.category === results.focusChip;
  const extra = chips.slice(CHIPS_SHOWN).filter((chip) => !stays(chip));
  // One more would take the button's place: then all are shown.
  if (extra.length > 1) {
    if (!results.allChips) extra.forEach((chip) => { chip.hidden = true; });
    chips.push(moreChipsButton(extra.length));
  }
  replace(ui.chips, chips);
  ui.chipsBlock.hidden = chips.length === 0;
  // The pressed chip was replaced by a new one: keep keyboard focus on "the same" chip.
  if (results.focusChip !== null) {
    const buttons = [...ui.chips.querySelectorAll('li:not([hidden]) button')];
    (buttons.find((b) => b.dataset.category === results.focusChip) || buttons[0])?.focus();
    results.focusChip = null;
  }
}

/**
 * On a narrow screen the results are far below the filters: after choosing a
 * filter, a line under it says what changed and leads there. The results'
 * heading (a live region) already says the count to a screen reader.
 */
function renderFilterStatus(total) {
  const show = view.byFilter && window.matchMedia(NARROW).matches;
  ui.filterStatus.hidden = !show;
  if (!show) {
    replace(ui.filterStatus);
    return;
  }
  if (view.changed?.isConnected) view.changed.after(ui.filterStatus);
  const link = el('a', { href: '#results-heading' }, 'Bekijk de resultaten');
  link.addEventListener('click', (event) => {
    event.preventDefault();
    moveToResults();
  });
  replace(ui.filterStatus, el('span', { 'aria-hidden': 'true' }, `${resultCount(total)}. `), link);
}

function renderPageInfo() {
  const more = results.loaded < results.total;
  ui.more.hidden = !more;
  ui.shown.textContent = more ? `${results.loaded} van ${results.total} getoond` : '';
}

function appendCards(items) {
  const cards = items.map((item) => resultCard(item, categoryNames.get(item.category) || item.category));
  ui.results.append(...cards);
  return cards;
}

function renderFirstPage(filters, data) {
  results.total = data.total;
  results.loaded = data.items.length;
  ui.heading.textContent = resultCount(data.total);
  ui.kindCounts.textContent = kindCounts(data.facets?.kind, filters.kind);
  ui.kindCounts.hidden = !ui.kindCounts.textContent;
  // Why some kinds come first: only worth saying when the list mixes kinds.
  const mixed = !filters.kind && !ui.kindCounts.hidden;
  ui.preferred.textContent = mixed ? preferredLine(data.preferred, data.facets?.kind) : '';
  ui.preferred.hidden = !ui.preferred.textContent;
  clearMessages();
  if (data.total === 0) emptyMessage(filters);
  else if (data.without_topic) showMessage(TEXT.withoutTopic);
  renderNamedPlaces(filters, data.places_named);
  renderFilterStatus(data.total);
  renderChips(data.facets, filters.category);
  replace(ui.results);
  appendCards(data.items);
  renderPageInfo();
  showSaveBox(filters);
}

function renderNextPage(data, focusNew) {
  const cards = appendCards(data.items);
  results.loaded += data.items.length;
  // Identical posts are folded among the first pages only: the total can shift.
  results.total = data.total;
  renderPageInfo();
  // Keyboard users carry on reading at the first new result, not at the top.
  if (focusNew) cards[0]?.querySelector('a')?.focus();
}

function markBusy(newSearch) {
  ui.results.setAttribute('aria-busy', 'true');
  if (newSearch) {
    ui.heading.textContent = TEXT.searching;
    ui.filterStatus.hidden = true;
  }
  ui.more.disabled = true;
}

/**
 * Fetches one page; offset 0 replaces the list, a later offset appends to it (and
 * focuses the first new result unless `focusNew` is false). `limit` is larger than
 * a page only to show a list again as it was.
 */
async function runSearch(filters, offset = 0, limit = PAGE_SIZE, { focusNew = true } = {}) {
  results.controller?.abort();
  const controller = new AbortController();
  results.controller = controller;
  results.filters = filters;
  markBusy(offset === 0);
  try {
    const data = await searchPosts(filters, { offset, limit, signal: controller.signal });
    if (offset === 0) renderFirstPage(filters, data);
    else renderNextPage(data, focusNew);
  } catch (err) {
    if (err.name === 'AbortError') return;
    showSearchError(filters, offset, err);
  } finally {
    if (results.controller === controller) {
      ui.results.removeAttribute('aria-busy');
      ui.more.disabled = false;
    }
  }
}

function showSearchError(filters, offset, err) {
  if (offset > 0) {
    // Said next to "Meer resultaten", which itself tries again; the list stays.
    replace(ui.shown, el('span', { class: 'inline-error', role: 'alert' }, TEXT.searchError));
    return;
  }
  ui.heading.textContent = 'Zoekresultaten';
  ui.filterStatus.hidden = true;
  replace(ui.results);
  hideSaveBox();
  renderNamedPlaces(filters);
  ui.chipsBlock.hidden = true;
  ui.more.hidden = true;
  ui.shown.textContent = '';
  results.filters = null; // nothing valid to come back to
  // A 400 or 422 says in Dutch what is wrong with the question (per field, such as
  // a village we do not know): trying again would not help, so there is no button for it.
  if (err instanceof ApiError && (err.status === 400 || err.status === 422)) {
    const reasons = Object.values(err.errors || {}).filter((r) => typeof r === 'string');
    const text = [TEXT.wrongSearch, ...(reasons.length ? reasons : [err.detail])].filter(Boolean).join(' ');
    showMessage(text, { error: true, more: [el('p', {}, el('a', { href: '/' }, 'Begin een nieuwe zoekopdracht'))] });
    return;
  }
  showMessage(TEXT.searchError, { error: true, retry: () => runSearch(filters, offset) });
}

let pendingSearch;

/**
 * Searches a moment after a select or a radio button changes with the mouse or a
 * finger (a choice made at once).
 */
function searchSoon() {
  clearTimeout(pendingSearch);
  markBusy(true);
  pendingSearch = setTimeout(() => searchWith(readForm(), { byFilter: true }), 350);
}

/**
 * Choosing with the keyboard: arrow keys (and typing a village's first letter) step
 * through a select's or the kinds' choices, each step a change. A screen reader says
 * each choice; searching at every step would interrupt it and add a step to the
 * history each time. So such a change waits until the choice is made: Enter, or
 * focus leaving the select or the group of kinds.
 */
const stepping = {
  /** Whether the next change comes from a key that steps through choices. */
  keyed: false,
  /** The select or group of kinds whose choice waits to be searched. */
  pending: null,
};

/**
 * Keys that step through the choices of a closed select or a group of radio
 * buttons (Alt+ArrowDown and Space open a select's list instead, where the choice
 * is made at once).
 */
const isStepKey = (event) => !event.altKey && !event.ctrlKey && !event.metaKey
  && (/^(Arrow|Page|Home$|End$)/.test(event.key) || (event.key.length === 1 && event.key !== ' '));

const isChoice = (target) => target instanceof HTMLSelectElement || target.type === 'radio';

/** The control whose choice a keyboard change leaves waiting: the select, or the kinds' group. */
const choiceGroup = (target) => target.closest('fieldset') || target;

/** Searches the choice made with the keyboard, if one waits. */
function commitChoice() {
  if (!stepping.pending) return;
  stepping.pending = null;
  searchWith(readForm(), { byFilter: true });
}

/** The tab's title for a search: its words and choices. */
function titleFor(filters) {
  return searchTitle(filters, names(), DEFAULT_TITLE);
}

/** The URL is what the page shows now: also for "Terug naar zoeken" on a post's page. */
function showing() {
  view.href = location.href;
  rememberSearch(location.pathname + location.search);
}

/**
 * Puts the filters in the URL (a new history entry) and searches; `byFilter` when a
 * filter in the form asked for it.
 */
function searchWith(filters, { byFilter = false } = {}) {
  view.byFilter = byFilter;
  clearTimeout(pendingSearch);
  pendingSearch = null;
  stepping.pending = null;
  const url = location.pathname + searchFromFilters(filters);
  if (url !== location.pathname + location.search || location.hash) {
    history.pushState(null, '', url);
  }
  showing();
  document.title = titleFor(filters);
  runSearch(filters);
}

// ---- saving the search ----------------------------------------------------
// "Bewaar deze zoekopdracht" under the results (js/save-search.js, loaded when
// first needed).

const saving = {
  /** Whether the person searched here: the form, a filter or a chip (a search in the address counts anyway). */
  asked: false,
  /** Counts the boxes shown, so a slow answer never fills in an older box. */
  shownCount: 0,
};

const names = () => ({ categories: categoryNames, places: placeNames });

const hasFilters = (filters) => Boolean(filters.q || filters.kind || filters.category || filters.place
  || filters.frequency);

function hideSaveBox() {
  saving.shownCount += 1;
  ui.save.hidden = true;
  ui.saveJump.hidden = true;
  replace(ui.save);
}

/** Shows the save box for the search just shown (only after a search). */
async function showSaveBox(filters) {
  const mine = ++saving.shownCount;
  if (!saving.asked && !hasFilters(filters)) {
    ui.save.hidden = true;
    ui.saveJump.hidden = true;
    return;
  }
  let content;
  try {
    const { saveBoxContent } = await import('./js/save-search.js');
    content = await saveBoxContent(ui.save, filters, names());
  } catch {
    content = null; // saving is an extra: the results stand without it
  }
  if (mine !== saving.shownCount) return;
  replace(ui.save, content);
  ui.save.hidden = !content;
  // The box is below the results: a link at the top says it is there.
  ui.saveJump.hidden = !content;
}

// The link goes to the box without putting a # in the address the filters live in.
ui.saveJump.addEventListener('click', (event) => {
  event.preventDefault();
  (ui.save.querySelector('summary') || ui.save).focus();
});

// ---- coming and going --------------------------------------------------

/** Puts focus (and so the screen) on the result that links to `href`. */
function focusPostLink(href) {
  const link = href && ui.results.querySelector(`a[href="${CSS.escape(href)}"]`);
  link?.focus();
  return Boolean(link);
}

/** Remembers in the history how many results are shown, so "back" shows as many again. */
function rememberShown(post = null) {
  history.replaceState(post ? { shown: results.loaded, post } : { shown: results.loaded }, '');
}

/**
 * Shows `filters`' results as far as `shown` of them (the API gives at most
 * API_LIMIT at a time); stops when another search or page took over.
 */
async function showList(filters, shown) {
  const href = view.href;
  await runSearch(filters, 0, Math.min(shown, API_LIMIT));
  while (view.href === href && results.filters === filters
    && results.loaded < Math.min(shown, results.total)) {
    const before = results.loaded;
    await runSearch(filters, before, Math.min(API_LIMIT, shown - before), { focusNew: false });
    if (results.loaded === before) break; // an error: the list stays as far as it got
  }
}

/**
 * Shows the search the URL asks for; called at start and on back/forward between
 * searches (`fromHistory`). `history.state` says how many results were shown and,
 * coming back from a post's page, which post was opened: the same list comes back,
 * focus on that post, or else on the results' heading (the control that had focus
 * may be gone).
 */
async function route(fromHistory = false) {
  if (view.href === location.href) return;
  showing();
  const here = view.href;
  view.byFilter = false;
  stepping.pending = null;
  if (pendingSearch) {
    // A filter change was about to search: the URL wins, and the list is stale.
    clearTimeout(pendingSearch);
    pendingSearch = null;
    results.filters = null;
  }
  const filters = filtersFromSearch(location.search);
  fillForm(filters);
  document.title = titleFor(filters);
  if (results.filters && sameFilters(filters, results.filters)) return;
  const back = history.state || {};
  const shown = Math.min(Math.max(Number(back.shown) || 0, PAGE_SIZE), RESTORE_MAX);
  await showList(filters, shown);
  if (view.href !== here) return; // another search took over meanwhile
  if (back.post && focusPostLink(back.post)) return;
  if (fromHistory && document.activeElement === document.body) ui.heading.focus({ preventScroll: true });
}

/** On a narrow screen the results are below the form: go there after "Zoeken". */
function moveToResults() {
  if (!window.matchMedia(NARROW).matches) return;
  ui.heading.focus({ preventScroll: true });
  ui.heading.scrollIntoView({ block: 'start' });
}

// ---- events -------------------------------------------------------------

function wireEvents() {
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    saving.asked = true;
    searchWith(readForm());
    moveToResults();
  });
  ui.q.addEventListener('input', updateLengthHint);
  // Choosing a filter searches (with the keyboard, once the choice is made: see
  // `stepping`); typing waits for "Zoeken".
  ui.form.addEventListener('change', (event) => {
    if (event.target === ui.q) return;
    saving.asked = true;
    view.changed = event.target.closest('.field, fieldset');
    if (event.target === ui.place) updateDistanceState();
    if (event.target === ui.category) updateCategoryHelp();
    if (stepping.keyed) {
      stepping.keyed = false;
      stepping.pending = choiceGroup(event.target);
      return;
    }
    searchSoon();
  });
  ui.form.addEventListener('keydown', (event) => {
    if (!isChoice(event.target)) return;
    stepping.keyed = isStepKey(event);
    // Enter on a select chooses (on a radio button it sends the form, which searches).
    if (event.key === 'Enter' && event.target instanceof HTMLSelectElement && stepping.pending) {
      event.preventDefault();
      commitChoice();
    }
  });
  // A step key that changed nothing (the first choice, a letter no choice starts
  // with) must not make the next choice wait.
  ui.form.addEventListener('keyup', () => { stepping.keyed = false; });
  ui.form.addEventListener('focusout', (event) => {
    if (stepping.pending && !stepping.pending.contains(event.relatedTarget)) commitChoice();
  });
  document.addEventListener('pointerdown', () => { stepping.keyed = false; }, true);
  ui.chips.addEventListener('click', (event) => {
    const chip = event.target.closest('button[data-category]');
    if (!chip) return;
    saving.asked = true;
    const slug = chip.dataset.category === ui.category.value ? '' : chip.dataset.category;
    ui.category.value = slug;
    updateCategoryHelp();
    if (chip === document.activeElement) results.focusChip = chip.dataset.category;
    searchWith(readForm());
  });
  ui.more.addEventListener('click', async () => {
    const href = view.href;
    await runSearch(results.filters, results.loaded);
    if (view.href === href) rememberShown();
  });
  // Remember the list as it is, so "back" from the post's page shows it again.
  ui.results.addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (link) rememberShown(link.getAttribute('href'));
  });
  window.addEventListener('popstate', () => route(true));
  window.addEventListener('hashchange', () => {
    const moved = legacyPostPath(location.hash);
    if (moved) location.replace(moved);
  });
}

// Links in mails sent before posts had their own pages: /#/requests/<id> and so on.
const movedTo = legacyPostPath(location.hash);
if (movedTo) {
  location.replace(movedTo);
} else {
  wireEvents();
  loadReference().finally(route);
  askAsTheRoleSeeks();
}

/** A volunteer looks for where to help, not for help: the question says so. */
async function askAsTheRoleSeeks() {
  const question = { volunteer: 'Waar wilt u bij helpen?', coordinator: 'Wat zoekt u?' };
  const account = await currentAccount();
  const label = document.querySelector('label[for="q"]');
  if (label && question[account?.role]) label.textContent = question[account.role];
}
