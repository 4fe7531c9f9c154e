// Werkbak — Beoordelen (/werkbak/beoordelen): the review queue. This page owns the
// queue of posts waiting for review (requests, offers and vacancies together, the
// oldest first), one card per post with what screening found in its title and
// description (contact details can be removed with one click; links and spam words
// are warnings), and the decisions on the post that is current: approve (it goes
// online), send back with a reason (a standard sentence and free text; the author is
// mailed), small edits (PATCH; the post keeps waiting), and refuse with a reason (it
// never goes online; the author is mailed). Everything happens by fetch; after each
// step the focus moves to the post that is next and a polite status says what
// happened. Keys: j/k, a, t, e, n; ? lists them. A choice above the list shows one
// kind of post, or only posts where screening found something ("Iets gevonden in de
// tekst"); it is kept in the address as ?toon=…, so a reload keeps it.

import '../layout.js';
import { api, fetchAll } from '../api.js';
import { el, replace } from '../dom.js';
import { busy, clearErrors, problemText, say, showErrors } from '../forms.js';
import { dateTimeText, scheduleText, timeAgo } from '../format.js';
import { KINDS, postApi } from '../kinds.js';
import { fact, kindBadge, markFound, paragraphs } from '../render.js';
import { requireCoordinator } from '../desk.js';
import { useShortcuts } from '../shortcuts.js';
import { CHANNELS, FINDINGS } from '../words.js';

const $ = (id) => document.getElementById(id);

/** What a removed contact detail becomes in the text. */
const REMOVED = '[verwijderd]';
/** The screened fields of a post, as said after "in". */
const FIELDS = { title: 'de titel', description: 'de beschrijving' };

const state = {
  queue: [], // posts waiting, the oldest first
  current: 0, // the index of the marked card (among those shown)
  show: 'all', // a key of SHOW
};

/** What the list can be narrowed to: the kinds, and posts with something to check. */
const SHOW = {
  all: { label: 'Alle', fits: () => true },
  request: { label: 'Hulpvragen', fits: (post) => post.kind === 'request' },
  offer: { label: 'Hulpaanbod', fits: (post) => post.kind === 'offer' },
  vacancy: { label: 'Vacatures', fits: (post) => post.kind === 'vacancy' },
  findings: {
    label: 'Iets gevonden in de tekst',
    fits: (post) => Object.values(post.screening || {}).some((found) => found.length),
  },
};

/** The posts waiting that the choice above the list shows. */
const shown = () => state.queue.filter(SHOW[state.show].fits);

// ---- the queue -------------------------------------------------------------------

const byAge = (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at)
  || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);

/** Every post waiting for review, of the three kinds, the oldest first. */
async function loadQueue() {
  const lists = await Promise.all(Object.values(KINDS)
    .map((kind) => fetchAll(kind.api, { status: 'pending_review' })));
  return lists.flat().sort(byAge);
}

const cardId = (post) => `post-${post.id}`;
const cards = () => [...document.querySelectorAll('#queue-list .review-card')];

function countText(n) {
  return n === 1 ? '1 oproep wacht op controle.' : `${n} oproepen wachten op controle.`;
}

function leftText(n) {
  if (n === 0) return 'Alle oproepen zijn beoordeeld.';
  return n === 1 ? 'Nog 1 oproep te beoordelen.' : `Nog ${n} oproepen te beoordelen.`;
}

function showCount() {
  const n = state.queue.length;
  const seen = shown().length;
  const part = state.show === 'all' ? '' : ` U ziet er ${seen}.`;
  $('queue-count').textContent = n ? `${countText(n)}${part} De oudste staat bovenaan.` : '';
  showFilter();
}

/** The choice above the list, each option with how many posts it shows. */
function showFilter() {
  replace($('queue-filter-options'), Object.entries(SHOW).map(([key, { label, fits }]) => {
    const input = el('input', { type: 'radio', name: 'toon', value: key, checked: key === state.show });
    input.addEventListener('change', () => choose(key));
    return el('label', { class: 'kind-option' }, input, ' ',
      el('span', {}, `${label} (${state.queue.filter(fits).length})`));
  }));
}

function choose(key) {
  state.show = key;
  const url = new URL(location.href);
  if (key === 'all') url.searchParams.delete('toon'); else url.searchParams.set('toon', key);
  history.replaceState(null, '', url);
  state.current = 0;
  renderQueue();
  $('queue-filter-options').querySelector(`input[value="${key}"]`)?.focus();
}

function showEmpty() {
  replace($('queue-list'), el('div', { id: 'queue-empty', class: 'review-empty', tabindex: '-1' },
    el('p', {}, 'Er wachten geen oproepen op controle. Alles is bijgewerkt, dank u wel!'),
    el('p', {}, 'Nieuwe oproepen ziet u hier als u op ‘Lijst vernieuwen’ drukt. ',
      el('a', { href: '/werkbak' }, 'Terug naar Vandaag'))));
}

/** The choice shows nothing, while other posts wait. */
function showNoneOfThese() {
  replace($('queue-list'), el('div', { id: 'queue-empty', class: 'review-empty', tabindex: '-1' },
    el('p', {}, `Bij ‘${SHOW[state.show].label}’ wacht nu niets. Kies ‘Alle’ om de andere oproepen te zien.`)));
}

function renderQueue() {
  showCount();
  const posts = shown();
  if (!posts.length) {
    if (state.queue.length) showNoneOfThese(); else showEmpty();
    return;
  }
  replace($('queue-list'), el('ol', { class: 'desk-list review-list', 'aria-labelledby': 'queue-heading' },
    posts.map(card)));
  markCurrent(Math.min(state.current, posts.length - 1));
}

function markCurrent(index) {
  state.current = index;
  cards().forEach((node, i) => node.classList.toggle('is-current', i === index));
}

function focusCard(index) {
  markCurrent(index);
  cards()[index]?.focus();
}

/** j/k: the first press goes to the marked post, the next ones move on from it. */
function moveCurrent(step) {
  const count = cards().length;
  if (!count) return;
  const inCard = document.activeElement?.closest?.('.review-card');
  const next = inCard ? state.current + step : state.current;
  focusCard(Math.max(0, Math.min(count - 1, next)));
}

/** a/t/e press the marked post's button, unless someone is busy in a form. */
function pressCurrent(action) {
  if (document.activeElement?.closest?.('#queue-list form')) return;
  cards()[state.current]?.querySelector(`[data-action="${action}"]`)?.click();
}

function announce(text) {
  replace($('announce'), el('p', { class: 'message message-success' }, text));
}

/** The post has left the queue: say so and put the focus on the post that is next. */
function leaveQueue(post, text) {
  const index = cards().findIndex((node) => node.id === cardId(post));
  state.queue = state.queue.filter((p) => p.id !== post.id);
  $(cardId(post))?.remove();
  showCount();
  announce(`${text} ${leftText(state.queue.length)}`);
  const left = cards().length;
  if (!left) {
    if (state.queue.length) showNoneOfThese(); else showEmpty();
    $('queue-empty').focus();
    return;
  }
  focusCard(Math.max(0, Math.min(index, left - 1)));
}

/** The post as this page knows it now (a form may have been opened before a change). */
const latest = (post) => state.queue.find((p) => p.id === post.id) || post;

/** The post as the API answers it now; an open send-back form stays open. */
function replacePost(fresh) {
  const index = state.queue.findIndex((p) => p.id === fresh.id);
  if (index < 0) return;
  state.queue[index] = fresh;
  const old = $(cardId(fresh));
  const kept = old?.querySelector('.review-back');
  const node = card(fresh);
  if (kept) replace(node.querySelector('.review-form-slot'), kept);
  old?.replaceWith(node);
  markCurrent(state.current);
  showFilter();
}

function cardError(post, err) {
  say($(`${cardId(post)}-message`), problemText(err), { error: true });
}

// ---- one post --------------------------------------------------------------------

const foundTexts = (post, field) => (post.screening?.[field] || []).map((f) => f.text);

function authorText(post) {
  const name = post.author?.name || post.author?.first_name || 'Onbekend';
  return post.organisation && post.organisation !== name ? `${name}, ${post.organisation}` : name;
}

/** Days an account counts as new on the card. */
const NEW_ACCOUNT_DAYS = 7;

/**
 * What to weigh about a stranger: an address nobody confirmed, and an organisation
 * new this week (one that is not what it says would get volunteers' details). A
 * request the Servicepunt took by phone has no stranger behind it.
 */
function authorCheck(post) {
  const author = post.author || {};
  const notes = [];
  const byPhone = post.intake_channel === 'phone';
  if (author.email_verified === false && !byPhone) notes.push('E-mailadres nog niet bevestigd.');
  const since = Date.parse(author.account_since || '');
  if (post.kind === 'vacancy' && Date.now() - since < NEW_ACCOUNT_DAYS * 86_400_000) {
    notes.push(`Nieuwe organisatie op Noaber, aangemeld ${timeAgo(author.account_since)}.`);
  }
  return notes.length ? notes.join(' ') : null;
}

/**
 * That a request is for someone else, and how the poster knows them: context for
 * reading the text. Not the name: reviewing the public text does not need it (the
 * request's own page has it, and that look is audited).
 */
function forWhomText(resident) {
  const how = CHANNELS[resident.channel];
  return how ? `Iemand anders (${how.toLowerCase()})` : 'Iemand anders';
}

/** When it came in; a post that was online before and changed by its author says so. */
function sentInText(post) {
  const at = (iso) => el('time', { datetime: iso, title: dateTimeText(iso) }, timeAgo(iso));
  return post.published_at
    ? el('span', {}, 'Aangepast door de plaatser. Stond eerder online, sinds ', at(post.published_at))
    : el('span', {}, 'Ingestuurd ', at(post.created_at));
}

function card(post) {
  const id = cardId(post);
  return el('li', { class: 'desk-item review-card', id, tabindex: '-1', 'aria-labelledby': `${id}-title` },
    el('p', { class: 'review-top' }, kindBadge(post.kind), ' ', sentInText(post)),
    el('h3', { id: `${id}-title` }, markFound(post.title, foundTexts(post, 'title'))),
    post.review_reason
      ? el('p', { class: 'desk-small' }, 'Eerder teruggestuurd met: ', el('q', {}, post.review_reason))
      : null,
    el('dl', { class: 'desk-facts' },
      fact('Soort hulp', post.category_name || post.category),
      fact('Dorp', post.place_name || post.place),
      fact('Wanneer', scheduleText(post.schedule)),
      fact('Geplaatst door', authorText(post)),
      authorCheck(post) ? fact('Let op', authorCheck(post)) : null,
      post.on_behalf_of ? fact('Voor', forWhomText(post.on_behalf_of)) : null),
    el('div', { class: 'description' },
      paragraphs(post.description, (block) => markFound(block, foundTexts(post, 'description')))),
    findingsBlock(post),
    el('div', { id: `${id}-message` }),
    actions(post),
    el('div', { class: 'review-form-slot' }));
}

/** One finding of each kind and text (the same number twice is one line). */
function distinct(findings) {
  const byKey = new Map(findings.map((f) => [`${f.kind} ${f.text}`, f]));
  return [...byKey.values()];
}

function findingsBlock(post) {
  const id = `${cardId(post)}-findings`;
  const fields = Object.keys(FIELDS).filter((field) => post.screening?.[field]?.length);
  return el('div', { class: `review-findings${fields.length ? ' has-findings' : ''}` },
    el('h4', { id, tabindex: '-1' }, 'Wat Noaber vond in de tekst'),
    fields.length
      ? fields.map((field) => [
        el('p', { class: 'review-field' }, `In ${FIELDS[field]}:`),
        el('ul', {}, distinct(post.screening[field]).map((f) => findingItem(post, field, f)))])
      : el('p', {}, 'Geen telefoonnummers, e-mailadressen, adressen, achternamen, links of verdachte woorden.'));
}

function findingItem(post, field, finding) {
  const words = FINDINGS[finding.kind] || { label: 'Gevonden', warning: '' };
  const item = el('li', { class: words.contact ? 'finding' : 'finding finding-warning' },
    el('span', { class: 'finding-label' }, `${words.label}: `),
    el('span', { class: 'finding-text' }, finding.text),
    words.warning ? el('span', {}, ` Let op: ${words.warning}`) : null);
  if (words.contact) {
    const instead = finding.replacement;
    const label = instead ? `Vervang door ${instead}` : 'Verwijder uit de tekst';
    const button = el('button', {
      type: 'button', class: 'button review-remove', 'aria-label': `${label}: ${finding.text}`,
    }, label);
    button.addEventListener('click', () => removeFinding(post, field, finding, button));
    item.append(' ', button);
  }
  return item;
}

/**
 * `text` with `found` replaced wherever it stands on its own: the surname Berg,
 * not the Berg in Bergen.
 */
function replaceWhole(text, found, instead) {
  const escaped = found.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'), () => instead);
}

async function removeFinding(post, field, finding, button) {
  const instead = finding.replacement;
  const text = replaceWhole(post[field], finding.text.trim(), instead || REMOVED);
  if (text === post[field]) {
    // Never say it is gone when it is not: the coordinator changes the text herself.
    cardError(post, { detail: `Noaber kon “${finding.text.trim()}” niet vervangen. Kies “Tekst wijzigen” en haal het zelf weg.` });
    return;
  }
  const noun = FINDINGS[finding.kind].noun;
  const done = instead
    ? `${noun} is in ${FIELDS[field]} vervangen door ${instead}${instead.endsWith('.') ? '' : '.'}`
    : `${noun} is uit ${FIELDS[field]} gehaald.`;
  try {
    const fresh = await busy(button, () => api.patch(postApi(post.kind, post.id), { [field]: text }));
    replacePost(fresh);
    announce(`${done} De oproep wacht nog op uw besluit.`);
    $(`${cardId(post)}-findings`)?.focus();
  } catch (err) {
    cardError(post, err);
  }
}

function actionButton(post, action, text, key, handler, primary = false) {
  const button = el('button', {
    type: 'button', class: primary ? 'button button-primary' : 'button', 'data-action': action,
    'aria-keyshortcuts': key, 'aria-describedby': `${cardId(post)}-title`,
  }, text);
  button.addEventListener('click', () => handler(post, button));
  return button;
}

function actions(post) {
  return el('div', { class: 'desk-actions' },
    actionButton(post, 'approve', 'Goedkeuren en plaatsen', 'a', approve, true),
    actionButton(post, 'back', 'Terugsturen', 't', openSendBack),
    actionButton(post, 'edit', 'Tekst wijzigen', 'e', openEdit),
    actionButton(post, 'refuse', 'Niet plaatsen', 'n', openRefuse));
}

// ---- approve -----------------------------------------------------------------------

const review = (post, body) => api.post(`${postApi(post.kind, post.id)}/review`, body);

/** 409: a colleague was first; the post is no longer waiting. */
function reviewedElsewhere(post) {
  leaveQueue(post, `“${post.title}” was al beoordeeld, misschien door een collega. De oproep is uit de lijst gehaald.`);
}

/** Whether screening still finds a contact detail or a surname in the post's text. */
const personalLeft = (post) => Object.values(post.screening || {})
  .some((found) => (found || []).some((f) => FINDINGS[f.kind]?.contact));

/** Posts the coordinator chose to publish with personal details in them, after a warning. */
const publishAnyway = new Set();

async function approve(post, button) {
  if (personalLeft(post) && !publishAnyway.has(post.id)) {
    // Publishing makes it public at once: ask once more first.
    publishAnyway.add(post.id);
    cardError(post, { detail: 'Er staan nog contactgegevens of een achternaam in de tekst. Haal ze eerst weg. Wilt u de oproep toch zo plaatsen? Kies dan nog een keer “Goedkeuren en plaatsen”.' });
    return;
  }
  try {
    await busy(button, () => review(post, { decision: 'approve' }));
    leaveQueue(post, `“${post.title}” staat nu online.`);
  } catch (err) {
    if (err.status === 409) reviewedElsewhere(post);
    else cardError(post, err);
  }
}

// ---- the forms in a card (send back, edit) ----------------------------------------

/**
 * Puts `form` in the post's card, the focus on `first`; Esc or Annuleren closes it
 * and gives the focus back to the card's button for `action`.
 */
function openForm(post, form, first, action) {
  const close = () => {
    form.remove();
    $(cardId(post))?.querySelector(`[data-action="${action}"]`)?.focus();
  };
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  });
  form.querySelector('[data-cancel]').addEventListener('click', close);
  replace($(cardId(post)).querySelector('.review-form-slot'), form);
  first.focus();
}

function formButtons(submitText) {
  return el('div', { class: 'desk-actions' },
    el('button', { type: 'submit', class: 'button button-primary' }, submitText),
    el('button', { type: 'button', class: 'button', 'data-cancel': '' }, 'Annuleren'));
}

function reasonChoice(base, value, text) {
  return el('label', { class: 'choice-tile', for: `${base}-${value}` },
    el('input', { type: 'radio', id: `${base}-${value}`, name: 'reason', value }),
    el('span', {}, text));
}

/**
 * The two decisions that need a reason, as the author reads them in the mail:
 * sending a post back (to change it) and refusing it (it never goes online).
 */
const REASON_FORMS = {
  back: {
    decision: 'reject',
    heading: (name) => `Terugsturen naar ${name}`,
    legend: 'Waarom stuurt u de oproep terug?',
    reasons: (kind) => [
      ['contact', 'Er staan contactgegevens in de tekst. Haal die eruit: het Servicepunt brengt u zelf in contact.'],
      ['unclear', `Het is niet duidelijk ${{
        offer: 'wat voor hulp u aanbiedt',
        vacancy: 'wat de vrijwilliger bij u gaat doen',
      }[kind] || 'wat voor hulp u zoekt'}.`],
      ['village', 'Vermeld in welk dorp de hulp nodig is.'],
    ],
    missing: 'Schrijf op waarom u de oproep terugstuurt.',
    result: (name) => `${name} krijgt een e-mail met de reden en kan de oproep aanpassen en opnieuw insturen.`,
    submit: 'Terugsturen',
    done: (title, name) => `“${title}” is teruggestuurd. ${name} krijgt een e-mail met de reden.`,
  },
  refuse: {
    decision: 'refuse',
    heading: () => 'Niet plaatsen',
    legend: 'Waarom plaatst u de oproep niet?',
    reasons: () => [
      ['spam', 'Dit is reclame of spam.'],
      ['paid', 'Dit is betaald werk. Vrijwilligers helpen zonder dat er geld voor wordt gevraagd.'],
      ['professional', 'Voor deze hulp is een professional nodig, zoals de thuiszorg of het wijkteam.'],
      ['double', 'Deze oproep staat er al.'],
    ],
    missing: 'Schrijf op waarom u de oproep niet plaatst.',
    result: (name) => `${name} krijgt een e-mail met de reden. De oproep komt niet online en kan niet opnieuw worden ingestuurd.`,
    submit: 'Niet plaatsen',
    done: (title, name) => `“${title}” wordt niet geplaatst. ${name} krijgt een e-mail met de reden.`,
  },
};

const openSendBack = (post) => openReasonForm(post, 'back');
const openRefuse = (post) => openReasonForm(post, 'refuse');

function openReasonForm(post, action) {
  const how = REASON_FORMS[action];
  const base = `${cardId(post)}-${action}`;
  const name = post.author?.first_name || 'de plaatser';
  const form = el('form', { class: `review-form review-${action}`, novalidate: true, 'aria-labelledby': `${base}-heading` },
    el('h4', { id: `${base}-heading` }, how.heading(name)),
    el('fieldset', {},
      el('legend', {}, how.legend),
      el('div', { class: 'choice-group' },
        how.reasons(post.kind).map(([value, text]) => reasonChoice(base, value, text)),
        reasonChoice(base, 'other', 'Anders: ik schrijf de reden hieronder'))),
    el('div', { class: 'field' },
      el('label', { for: `${base}-text` }, `Toelichting voor ${name}`),
      el('p', { class: 'hint', id: `${base}-hint` }, 'Komt in de e-mail, na de reden. Verplicht bij ‘Anders’.'),
      el('textarea', { id: `${base}-text`, name: 'text', rows: 3, maxlength: 1000, 'aria-describedby': `${base}-hint` })),
    el('p', { class: 'hint' }, how.result(name)),
    formButtons(how.submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    decideWithReason(post, form, base, action);
  });
  openForm(post, form, form.querySelector('input[type="radio"]'), action);
}

/** The reason as the author reads it: the chosen sentence, then the free text. */
function reasonOf(post, form, how) {
  const choice = form.querySelector('input[name="reason"]:checked')?.value;
  const extra = form.elements.text.value.trim();
  const sentence = how.reasons(post.kind).find(([value]) => value === choice)?.[1];
  if (!choice) return { error: { reason: 'Kies een reden.' } };
  if (choice === 'other' && !extra) return { error: { text: how.missing } };
  return { reason: [sentence, extra].filter(Boolean).join(' ') };
}

async function decideWithReason(original, form, base, action) {
  const how = REASON_FORMS[action];
  const post = latest(original);
  const fields = { reason: `${base}-${how.reasons(post.kind)[0][0]}`, text: `${base}-text` };
  const { reason, error } = reasonOf(post, form, how);
  if (error) {
    showErrors(form, { errors: error }, fields);
    return;
  }
  clearErrors(form);
  try {
    await busy(form.querySelector('[type="submit"]'), () => review(post, { decision: how.decision, reason }));
    leaveQueue(post, how.done(post.title, post.author?.first_name || 'De plaatser'));
  } catch (err) {
    if (err.status === 409) reviewedElsewhere(post);
    else showErrors(form, err, fields);
  }
}

function openEdit(post) {
  const base = `${cardId(post)}-edit`;
  const form = el('form', { class: 'review-form review-edit', novalidate: true, 'aria-labelledby': `${base}-heading` },
    el('h4', { id: `${base}-heading` }, 'Tekst wijzigen'),
    el('p', { class: 'hint' }, 'Verbeter kleine fouten. De oproep blijft wachten tot u hem goedkeurt of terugstuurt.'),
    el('div', { class: 'field' },
      el('label', { for: `${base}-title` }, 'Titel'),
      el('input', { type: 'text', id: `${base}-title`, name: 'title', maxlength: 120, value: post.title, autocomplete: 'off' })),
    el('div', { class: 'field' },
      el('label', { for: `${base}-description` }, 'Beschrijving'),
      el('textarea', { id: `${base}-description`, name: 'description', rows: 8, maxlength: 5000 }, post.description)),
    formButtons('Opslaan'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveEdit(post, form, base);
  });
  openForm(post, form, form.elements.title, 'edit');
}

async function saveEdit(post, form, base) {
  const changes = { title: form.elements.title.value.trim(), description: form.elements.description.value.trim() };
  try {
    const fresh = await busy(form.querySelector('[type="submit"]'), () => api.patch(postApi(post.kind, post.id), changes));
    replacePost(fresh);
    announce('De wijziging is opgeslagen. De oproep wacht nog op uw besluit.');
    $(cardId(post)).focus();
  } catch (err) {
    showErrors(form, err, { title: `${base}-title`, description: `${base}-description` });
  }
}

// ---- the page ----------------------------------------------------------------------

/** Reads the queue again and shows it; answers whether that worked. */
async function refresh({ say: tell = false } = {}) {
  try {
    state.queue = await loadQueue();
  } catch (err) {
    replace($('notice'), el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
    return false;
  }
  replace($('notice'));
  renderQueue();
  if (tell) announce(`De lijst is vernieuwd. ${state.queue.length ? countText(state.queue.length) : leftText(0)}`);
  return true;
}

function toolbar(keys) {
  const again = el('button', { type: 'button', class: 'button' }, 'Lijst vernieuwen');
  again.addEventListener('click', () => busy(again, () => refresh({ say: true })));
  return [keys.button(), again];
}

async function start() {
  if (!(await requireCoordinator($('content'), $('loading')))) return;
  const keys = useShortcuts([
    { key: 'j', label: 'Naar de volgende oproep', run: () => moveCurrent(1) },
    { key: 'k', label: 'Naar de vorige oproep', run: () => moveCurrent(-1) },
    { key: 'a', label: 'De gekozen oproep goedkeuren en online zetten', run: () => pressCurrent('approve') },
    { key: 't', label: 'De gekozen oproep terugsturen, met een reden', run: () => pressCurrent('back') },
    { key: 'e', label: 'De tekst van de gekozen oproep wijzigen', run: () => pressCurrent('edit') },
    { key: 'n', label: 'De gekozen oproep niet plaatsen, met een reden', run: () => pressCurrent('refuse') },
  ]);
  replace($('toolbar'), toolbar(keys));
  const asked = new URLSearchParams(location.search).get('toon');
  if (asked in SHOW) state.show = asked;
  $('queue-list').addEventListener('focusin', (event) => {
    const index = cards().indexOf(event.target.closest('.review-card'));
    if (index >= 0 && index !== state.current) markCurrent(index);
  });
  const shown = await refresh();
  $('loading').hidden = true;
  $('queue').hidden = !shown;
  // Sent here for one post (#post-ID, from the phone intake): that card first.
  const wanted = location.hash ? cards().findIndex((node) => `#${node.id}` === location.hash) : -1;
  if (wanted >= 0) focusCard(wanted);
}

start();
