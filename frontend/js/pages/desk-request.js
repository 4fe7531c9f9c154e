// Werkbak: one help request as the Servicepunt sees it (/werkbak/hulpvragen/{id}).
// The request with the resident's details (the API audits this look), the matches on
// it with their history and steps, and the ranked suggestions with their score bars,
// reasons and filters. Everything happens by fetch; focus moves to what changed and
// the result is announced. Keyboard: j/k between suggestions, p proposes, ? lists keys.

import '../layout.js';
import { api, fetchAll } from '../api.js';
import { el, replace } from '../dom.js';
import { busy, problemText, say } from '../forms.js';
import { dateTimeText, dayText, formatKm, scheduleText } from '../format.js';
import { stepsPanel, STEP_DONE } from '../match-steps.js';
import { fact, paragraphs } from '../render.js';
import { recentMatchesText, requireCoordinator } from '../desk.js';
import { useShortcuts } from '../shortcuts.js';
import {
  CHANNELS, CLOSE_REASONS, MATCH_STEP, OUTCOMES, POST_STATUS, REFERRERS, matchStatusText,
} from '../words.js';

const id = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const heading = document.getElementById('page-heading');
const content = document.getElementById('content');

/** The score parts, in words, in the order shown. */
const PARTS = [
  ['talents', 'Talenten'],
  ['availability', 'Beschikbaarheid'],
  ['distance', 'Afstand'],
  ['load', 'Ruimte voor meer hulp'],
  ['interests', 'Interesse'],
  ['experience', 'Ervaring'],
];

const state = {
  request: null,
  matches: [],
  suggestions: null,
  current: -1,
};

const pct = (x) => Math.max(0, Math.min(100, Math.round((Number(x) || 0) * 100)));

// ---- the request ---------------------------------------------------------------

function statusWords(post) {
  const label = POST_STATUS[post.status]?.label || 'Onbekend';
  const why = post.status === 'closed' && CLOSE_REASONS[post.close_reason];
  return why ? `${label}, omdat ${why}` : label;
}

function requestBlock(post) {
  return el('section', { class: 'desk-block', 'aria-labelledby': 'request-heading' },
    el('h2', { id: 'request-heading' }, 'De hulpvraag'),
    el('dl', { class: 'desk-facts' },
      fact('Status', statusWords(post)),
      fact('Soort hulp', post.category_name || post.category),
      fact('Dorp', post.place_name || post.place),
      fact('Wanneer', scheduleText(post.schedule)),
      post.radius_km ? fact('Reisafstand', `Hoogstens ${post.radius_km} km`) : null,
      fact('Ingestuurd', dateTimeText(post.created_at)),
      post.published_at ? fact('Online gezet', dateTimeText(post.published_at)) : null),
    el('h3', {}, 'Beschrijving'),
    el('div', { class: 'description' }, paragraphs(post.description)));
}

function contactBlock(post) {
  const behalf = post.on_behalf_of;
  const referrer = behalf?.referrer && (REFERRERS.find(([slug]) => slug === behalf.referrer)?.[1] || behalf.referrer);
  const author = post.author || {};
  // Whoever sent it in: the resident, or for a request on someone's behalf, the sender.
  const who = behalf ? 'inzender' : 'hulpvrager';
  return el('section', { class: 'desk-block', 'aria-labelledby': 'contact-heading' },
    el('h2', { id: 'contact-heading' }, 'Contact'),
    el('p', { class: 'desk-small' }, 'Het Servicepunt legt vast dat u deze gegevens bekijkt.'),
    el('dl', { class: 'desk-facts' },
      fact(behalf ? 'Ingestuurd door' : 'Hulpvrager', post.author?.name || post.author?.first_name || 'Onbekend'),
      post.intake_channel && CHANNELS[post.intake_channel] ? fact('Hoe binnengekomen', CHANNELS[post.intake_channel]) : null,
      behalf ? [
        fact('Voor wie', behalf.name),
        behalf.phone ? fact('Telefoon', behalf.phone) : null,
        behalf.email ? fact('E-mail', behalf.email) : null,
        CHANNELS[behalf.channel] ? fact('Relatie', CHANNELS[behalf.channel]) : null,
        referrer ? fact('Verwezen door', referrer) : null,
      ] : null,
      // Not given for a request the Servicepunt took itself (the author is a colleague).
      author.email ? [
        fact(`Telefoon ${who}`, author.phone || 'Niet ingevuld'),
        fact(`E-mail ${who}`, author.email),
      ] : null));
}

// ---- the matches -----------------------------------------------------------------

function historyList(match) {
  if (!match.history?.length) return null;
  return el('details', {},
    el('summary', {}, 'Geschiedenis'),
    el('ol', { class: 'desk-small' }, match.history.map((h) =>
      el('li', {}, `${dateTimeText(h.at)}: ${MATCH_STEP[h.to] || h.to}`, h.reason ? ` — ${h.reason}` : ''))));
}

/** Days before a VOG runs out that the werkbak starts to say so. */
const VOG_SOON_DAYS = 60;

/** Whether a VOG that counts until `until` (YYYY-MM-DD) runs out before `by` or soon. */
function vogRunsOut(until, by) {
  const end = Date.parse(`${until}T23:59:59Z`);
  return (by && Date.parse(`${by}T00:00:00Z`) > end) || end - Date.now() < VOG_SOON_DAYS * 86_400_000;
}

/** Why a volunteer has no VOG that counts: none, applied for, or run out on a day. */
function noVogText(volunteer, name) {
  if (volunteer.vog_status === 'requested') return `${name} heeft de VOG aangevraagd, maar die is nog niet binnen`;
  if (volunteer.vog_valid_until) return `de VOG van ${name} is verlopen op ${dayText(volunteer.vog_valid_until)}`;
  return `${name} heeft geen geldige VOG`;
}

/**
 * Whether the volunteer has the VOG this kind of help needs: a warning before the
 * introduction shares the resident's address with someone without one, and when a
 * valid one runs out soon or before the agreed end.
 */
function vogNote(match, name) {
  const post = state.request;
  const volunteer = match.volunteer;
  if (!post?.category_requires_vog || typeof volunteer.vog_valid !== 'boolean') return null;
  const going = ['suggested', 'responded', 'introduced', 'active'].includes(match.status);
  if (volunteer.vog_valid) {
    const until = dayText(volunteer.vog_valid_until);
    if (!going || !vogRunsOut(volunteer.vog_valid_until, match.agreed_until)) {
      return el('p', { class: 'desk-small' }, `VOG: geldig tot ${until}.`);
    }
    return el('p', { class: 'message message-error' }, el('strong', {}, 'Let op: '),
      `de VOG van ${name} loopt af op ${until}`,
      match.agreed_until ? `, en ze helpen tot ${dayText(match.agreed_until)}` : '',
      '. Vraag op tijd een nieuwe VOG aan en leg die vast op ', profileLink(volunteer.id, name), '.');
  }
  if (!['suggested', 'responded', 'introduced'].includes(match.status)) return null;
  return el('p', { class: 'message message-error' },
    el('strong', {}, 'Let op: '),
    `voor ${post.category_name.toLowerCase()} is een VOG nodig, en ${noVogText(volunteer, name)}. `,
    'Zonder geldige VOG kunt u de koppeling niet bevestigen. Leg de VOG vast op ',
    profileLink(volunteer.id, name), '.');
}

function matchItem(match) {
  const name = match.volunteer.name || match.volunteer.first_name;
  const headingId = `match-${match.id}`;
  const words = matchStatusText(match, 'coordinator');
  const outcome = match.status === 'ended' && OUTCOMES[match.outcome] ? ` — ${OUTCOMES[match.outcome]}` : '';
  const volunteerContact = match.contacts?.volunteer;
  return el('li', { class: 'desk-item', 'aria-labelledby': headingId },
    el('div', { class: 'desk-item-head' },
      el('h3', { id: headingId, tabindex: '-1' }, name),
      el('span', {}, `${words}${outcome}`)),
    el('p', { class: 'desk-small' },
      match.origin === 'response' ? 'Heeft zelf gereageerd' : 'Gekozen door het Servicepunt',
      ` op ${dateTimeText(match.created_at)}.`),
    match.reason ? el('p', {}, `Reden: ${match.reason}`) : null,
    match.agreed_until ? el('p', {}, `Afgesproken tot ${dayText(match.agreed_until)}.`) : null,
    vogNote(match, name),
    volunteerContact ? el('p', { class: 'desk-small' },
      ['Contact vrijwilliger: ', volunteerContact.phone, volunteerContact.email].filter(Boolean).join(' ')) : null,
    historyList(match),
    el('p', {}, el('a', { href: `/koppelingen/${encodeURIComponent(match.id)}` }, `Berichten en details van de koppeling met ${name}`)),
    el('p', {}, profileLink(match.volunteer.id, name)),
    stepsPanel(match, { handler: true, coordinator: true, otherName: match.volunteer.first_name }, (updated, step) => stepDone(updated, step)));
}

/** Whether volunteers can still be proposed: the request is open or in progress. */
const stillChoosing = (post) => ['open', 'in_progress'].includes(post.status);

function matchesBlock() {
  const list = state.matches;
  const empty = stillChoosing(state.request)
    ? 'Er zijn nog geen reacties of koppelingen. Kies een vrijwilliger uit de voorstellen.'
    : 'Er zijn geen reacties of koppelingen.';
  return el('section', { class: 'desk-block', 'aria-labelledby': 'matches-heading', id: 'matches' },
    el('h2', { id: 'matches-heading', tabindex: '-1' }, `Reacties en koppelingen (${list.length})`),
    el('div', { id: 'match-notice' }),
    list.length
      ? el('ul', { class: 'desk-list' }, list.map(matchItem))
      : el('p', {}, empty));
}

/** In place of the suggestions once the request is matched, closed or waiting for review. */
function noSuggestionsBlock(post) {
  const label = POST_STATUS[post.status]?.label || post.status;
  return el('section', { class: 'desk-block', 'aria-labelledby': 'suggestions-heading', id: 'suggestions' },
    el('h2', { id: 'suggestions-heading', tabindex: '-1' }, 'Voorstellen'),
    el('p', {}, `Deze hulpvraag staat niet open (${label.toLowerCase()}). Er worden geen vrijwilligers meer voorgesteld.`));
}

async function stepDone(updated, step) {
  await refreshAfterChange(updated);
  announce(`${updated.volunteer.name || updated.volunteer.first_name}: ${STEP_DONE[step] || 'Gedaan.'}`, updated.id);
}

async function refreshAfterChange(updated) {
  // The request moves along with its matches (in behandeling, gekoppeld, …), and a
  // confirmation declines the other responses: read both again. A request back
  // online after an end gets fresh suggestions.
  const wasOpen = stillChoosing(state.request);
  const [request, matches] = await Promise.all([
    api.get(`requests/${encodeURIComponent(id)}`).catch(() => state.request),
    matchesOfRequest().catch(() => state.matches),
  ]);
  state.request = request;
  state.matches = [updated, ...matches.filter((m) => m.id !== updated.id)];
  if (!wasOpen && stillChoosing(request)) {
    state.suggestions = (await api.get(`requests/${encodeURIComponent(id)}/suggestions?limit=10`)
      .catch(() => ({ items: [] }))).items || [];
  }
  render();
}

/** Says what happened in the matches block and puts the focus on that match. */
function announce(text, matchId) {
  const box = document.getElementById('match-notice');
  if (box) say(box, text);
  const target = matchId && document.getElementById(`match-${matchId}`);
  (target || document.getElementById('matches-heading'))?.focus();
}

// ---- the suggestions --------------------------------------------------------------

function bars(breakdown) {
  return el('ul', { class: 'bars', 'aria-label': 'Score per onderdeel' },
    PARTS.filter(([key]) => breakdown?.[key] !== undefined).map(([key, label]) => {
      const value = pct(breakdown[key]);
      return el('li', { class: 'bar' },
        el('span', { class: 'bar-label' }, `${label} ${value}%`),
        el('span', { class: 'bar-track', 'aria-hidden': 'true' },
          el('span', { class: 'bar-fill', 'data-w': String(Math.round(value / 5) * 5) })));
    }));
}

function suggestionItem(s, index) {
  const name = s.volunteer.name;
  const already = state.matches.find((m) => m.volunteer.id === s.volunteer.id);
  const headingId = `suggestion-${index}`;
  const button = el('button', { type: 'button', class: 'button button-primary', 'aria-keyshortcuts': 'p' }, `Kies ${name}`);
  button.addEventListener('click', () => propose(s, button));
  return el('li', { class: 'desk-item', tabindex: '-1', 'aria-labelledby': headingId, 'data-index': index },
    el('div', { class: 'desk-item-head' },
      el('h3', { id: headingId }, name),
      el('span', { class: 'desk-score' }, `Totaal ${pct(s.score)}%`)),
    el('p', { class: 'desk-small' },
      s.distance_km > 0 ? `Woont ${formatKm(s.distance_km)} weg` : 'Woont in hetzelfde dorp',
      '. ', s.volunteer.vog_valid ? `Heeft een geldige VOG, tot ${dayText(s.volunteer.vog_valid_until)}.` : 'Geen geldige VOG.',
      ' ', recentMatchesText(s.volunteer.recent_matches)),
    bars(s.breakdown),
    s.reasons?.length ? el('ul', { class: 'desk-reasons', 'aria-label': `Waarom ${name} past` }, s.reasons.map((r) => el('li', {}, r))) : null,
    el('div', { class: 'desk-actions' },
      already
        ? el('p', {}, `${name} is al gekoppeld: ${matchStatusText(already, 'coordinator')}.`)
        : button,
      profileLink(s.volunteer.id, name)));
}

/** The volunteer's werkbak page, opened at this request's kind of help. */
function profileLink(volunteerId, name) {
  const kind = encodeURIComponent(state.request?.category || '');
  return el('a', { href: `/werkbak/vrijwilligers/${encodeURIComponent(volunteerId)}?soort=${kind}` },
    `Profiel, koppelingen en VOG van ${name}`);
}

function filtersForm() {
  const form = el('form', { class: 'desk-filters', id: 'suggestion-filters', 'aria-label': 'Voorstellen filteren' },
    el('div', { class: 'field' },
      el('label', { class: 'check-option', for: 'f-vog' },
        el('input', { type: 'checkbox', id: 'f-vog', name: 'vog' }),
        el('span', {}, 'Alleen met geldige VOG'))),
    el('div', { class: 'field' },
      el('label', { class: 'check-option', for: 'f-part' },
        el('input', { type: 'checkbox', id: 'f-part', name: 'part' }),
        el('span', {}, 'Alleen wie kan op de gevraagde dagdelen'))),
    el('div', { class: 'field' },
      el('label', { for: 'f-km' }, 'Hoogstens zo ver weg (km)'),
      el('input', { type: 'number', id: 'f-km', name: 'km', min: 0, max: 50, step: 1, inputmode: 'numeric' })));
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('input', () => applyFilters());
  form.addEventListener('change', () => applyFilters());
  return form;
}

function suggestionsBlock() {
  return el('section', { class: 'desk-block', 'aria-labelledby': 'suggestions-heading', id: 'suggestions' },
    el('h2', { id: 'suggestions-heading', tabindex: '-1' }, 'Voorstellen: vrijwilligers die passen'),
    el('p', { class: 'desk-small' }, 'De beste 10, de best passende bovenaan. Een VOG is een verklaring omtrent het gedrag.'),
    filtersForm(),
    el('p', { id: 'suggestion-count', role: 'status' }),
    el('div', { id: 'suggestion-list' }, el('p', {}, 'Even geduld, de voorstellen worden geladen…')));
}

function applyFilters() {
  const box = document.getElementById('suggestion-list');
  const count = document.getElementById('suggestion-count');
  if (!box || !state.suggestions) return;
  const form = document.getElementById('suggestion-filters');
  const km = form.km.value === '' ? null : Number(form.km.value);
  const shown = state.suggestions.filter((s) =>
    (km === null || Number.isNaN(km) || s.distance_km <= km)
    && (!form.part.checked || (s.breakdown?.availability ?? 0) >= 1)
    && (!form.vog.checked || s.volunteer.vog_valid));
  state.shown = shown;
  state.current = -1;
  const total = state.suggestions.length;
  count.textContent = shown.length === total
    ? `${total} ${total === 1 ? 'voorstel' : 'voorstellen'}.`
    : `${shown.length} van de ${total} voorstellen getoond.`;
  replace(box, shown.length
    ? el('ol', { class: 'desk-list', 'aria-labelledby': 'suggestions-heading' },
      shown.map((s) => suggestionItem(s, state.suggestions.indexOf(s))))
    : el('p', {}, total ? 'Geen voorstellen met deze filters.' : 'Er zijn geen vrijwilligers gevonden die passen.'));
}

function moveCurrent(step) {
  const items = [...document.querySelectorAll('#suggestion-list li.desk-item')];
  if (!items.length) return;
  const next = Math.max(0, Math.min(items.length - 1, state.current + step));
  items.forEach((item) => item.classList.remove('is-current'));
  state.current = next;
  items[next].classList.add('is-current');
  items[next].focus();
}

function proposeCurrent() {
  const items = [...document.querySelectorAll('#suggestion-list li.desk-item')];
  const item = items[state.current] || (document.activeElement?.closest?.('#suggestion-list li.desk-item'));
  item?.querySelector('.desk-actions button')?.click();
}

async function propose(s, button) {
  const count = document.getElementById('suggestion-count');
  try {
    const created = await busy(button, () => api.post('matches', { request_id: id, volunteer_id: s.volunteer.id }));
    const full = await api.get(`matches/${encodeURIComponent(created.id)}`).catch(() => created);
    await refreshAfterChange(full);
    announce(`${s.volunteer.name} is gekozen voor deze hulpvraag. Stel hen aan elkaar voor als het past.`, full.id);
  } catch (err) {
    say(count, problemText(err), { error: true });
  }
}

// ---- the page ----------------------------------------------------------------------

function render() {
  const post = state.request;
  const filters = document.getElementById('suggestion-filters');
  const kept = filters && { vog: filters.vog.checked, part: filters.part.checked, km: filters.km.value };
  heading.textContent = post.title;
  document.title = `${post.title} — Werkbak — Noaber`;
  replace(content,
    el('div', { class: 'desk-actions' }, keys.button()),
    el('div', { class: 'desk-columns' }, requestBlock(post), contactBlock(post)),
    el('div', { class: 'desk-columns' }, matchesBlock(),
      stillChoosing(post) ? suggestionsBlock() : noSuggestionsBlock(post)));
  const form = document.getElementById('suggestion-filters');
  if (kept && form) {
    form.vog.checked = kept.vog;
    form.part.checked = kept.part;
    form.km.value = kept.km;
  }
  applyFilters();
}

/** Every match on this request. */
async function matchesOfRequest() {
  const found = await fetchAll('matches', { post: id });
  // One at a time: with its history, and contacts from the introduction on.
  return Promise.all(found.map((m) => api.get(`matches/${encodeURIComponent(m.id)}`).catch(() => m)));
}

const keys = useShortcuts([
  { key: 'j', label: 'Naar het volgende voorstel', run: () => moveCurrent(1) },
  { key: 'k', label: 'Naar het vorige voorstel', run: () => moveCurrent(-1) },
  { key: 'p', label: 'De vrijwilliger van het gemarkeerde voorstel kiezen voor deze hulpvraag', run: proposeCurrent },
  { key: 'r', label: 'Naar de reacties en koppelingen', run: () => document.getElementById('matches-heading')?.focus() },
  { key: 'f', label: 'Naar de filters van de voorstellen', run: () => document.getElementById('f-vog')?.focus() },
]);

async function start() {
  // Asked beside the session check, so the suggestions show sooner; the answers are
  // only used once the caller turns out to be a coordinator (others get a 403).
  const suggestions = api.get(`requests/${encodeURIComponent(id)}/suggestions?limit=10`);
  const loading = Promise.all([api.get(`requests/${encodeURIComponent(id)}`), matchesOfRequest()]);
  suggestions.catch(() => {});
  loading.catch(() => {});
  if (!(await requireCoordinator(content))) {
    heading.textContent = 'Werkbak';
    return;
  }
  try {
    const [request, matches] = await loading;
    state.request = request;
    state.matches = matches;
  } catch (err) {
    heading.textContent = err.status === 404 ? 'Hulpvraag niet gevonden' : 'Hulpvraag';
    replace(content, el('p', { role: 'alert' }, err.status === 404
      ? 'Deze hulpvraag bestaat niet (meer).' : problemText(err)));
    return;
  }
  render();
  try {
    state.suggestions = (await suggestions).items || [];
  } catch (err) {
    state.suggestions = [];
    say(document.getElementById('suggestion-count'), problemText(err), { error: true });
    replace(document.getElementById('suggestion-list'));
    return;
  }
  applyFilters();
}

start();
