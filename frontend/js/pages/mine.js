// Mijn overzicht (/mijn): a greeting, a reminder to confirm the e-mail address,
// everything the person posted (every status, with what it means and what they can
// do: change or withdraw), their responses and matches, their saved searches (in
// words, each to delete after a "Weet u het zeker?"), and links onwards.

import '../layout.js';
import { api, deleteSavedSearch, fetchSavedSearches } from '../api.js';
import { el, replace } from '../dom.js';
import { resendLinkButton } from '../confirm-email.js';
import { busy, problemText, say } from '../forms.js';
import { dayText, scheduleText, stop } from '../format.js';
import { KINDS, editPage, kindsFor, matchPage, postApi, postPage } from '../kinds.js';
import { kindBadge } from '../render.js';
import { reviewReasonLine } from '../review-reason.js';
import { referenceNames, savedSearchText, searchPageFor } from '../saved-searches.js';
import { firstName, requireAccount } from '../session.js';
import { confirmWithdraw } from '../withdraw.js';
import {
  ALERT_HELP, EDITABLE, WITHDRAWABLE, matchStatusHelp, matchStatusText, postStatusHelp,
  postStatusText, unreadText,
} from '../words.js';

const $ = (id) => document.getElementById(id);

let account = null;

// ---- greeting and e-mail confirmation --------------------------------------------

function greet() {
  const name = firstName(account);
  $('greeting').textContent = name ? `Welkom, ${name}${stop(name)} Hier ziet u alles wat u op Noaber doet.` : 'Hier ziet u alles wat u op Noaber doet.';
}

function verifyNotice() {
  if (account.email_verified !== false) return;
  const box = el('div', { class: 'notice verify-box' },
    el('h2', {}, 'Bevestig uw e-mailadres'),
    el('p', {}, 'Wij hebben een e-mail gestuurd naar ', el('strong', {}, account.email), '. '
      + 'Klik op de link in die e-mail. Dan weten wij dat het adres klopt.'),
    el('p', {}, 'Geen e-mail gekregen? Kijk ook bij de ongewenste e-mail (spam).'));
  replace($('verify'), box);
  resendLinkButton(box, account.email);
}

// ---- my posts ------------------------------------------------------------------------

function postItem(post) {
  const explain = postStatusHelp(post);
  const headingId = `post-${post.id}`;
  const actions = [];
  if (EDITABLE.includes(post.status)) {
    actions.push(el('a', { class: 'button button-link', href: editPage(post.id) },
      'Aanpassen', el('span', { class: 'sr-only' }, `: ${post.title}`)));
  }
  if (WITHDRAWABLE.includes(post.status)) {
    const button = el('button', { type: 'button', class: 'button', 'data-withdraw': post.id },
      'Intrekken', el('span', { class: 'sr-only' }, `: ${post.title}`));
    actions.push(button);
  }
  let closing = null;
  if (post.status === 'matched') {
    closing = el('p', { class: 'hint' },
      'Er is een vrijwilliger gekoppeld, dus intrekken kan niet meer zelf. Wilt u stoppen? Bel het Servicepunt.');
  }
  return el('li', { class: 'mine-item', 'data-post': post.id },
    el('p', { class: 'mine-meta' },
      kindBadge(post.kind),
      el('span', {}, post.category_name || post.category),
      el('span', {}, post.place_name || post.place)),
    el('h3', {}, el('a', { id: headingId, href: postPage(post.kind, post.id) }, post.title)),
    el('p', { class: 'status-line' }, 'Status: ', el('span', { class: 'status-tag' }, postStatusText(post))),
    explain ? el('p', { class: 'status-explain' }, explain) : null,
    reviewReasonLine(post),
    el('p', {}, scheduleText(post.schedule)),
    post.on_behalf_of ? el('p', {}, `Voor: ${post.on_behalf_of.name}`) : null,
    actions.length ? el('div', { class: 'mine-actions' }, actions) : null,
    closing);
}

function newPostLinks() {
  return kindsFor(account.role).map((k) => el('a', { href: KINDS[k].form }, KINDS[k].newLink));
}

async function loadPosts() {
  const box = $('posts');
  let lists;
  try {
    lists = await Promise.all(Object.keys(KINDS).map((k) => api.get(`${postApi(k)}?author=me&limit=100`)));
  } catch (err) {
    replace(box, el('p', { class: 'message message-error', role: 'alert' },
      `Uw oproepen konden niet worden geladen. ${problemText(err)}`));
    return;
  }
  const posts = lists.flatMap((page) => page.items || [])
    .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
  if (!posts.length) {
    const links = newPostLinks();
    replace(box, el('p', { class: 'empty' }, 'U hebt nog niets geplaatst.',
      links.length ? [' ', links.map((link, i) => [i ? ' of ' : '', link]), '.'] : null));
    return;
  }
  replace(box, el('ul', { class: 'mine-list', id: 'post-list' }, posts.map(postItem)));
  const byId = new Map(posts.map((p) => [p.id, p]));
  box.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-withdraw]');
    if (!button) return;
    const post = byId.get(button.dataset.withdraw);
    const withdrawn = await confirmWithdraw({ kind: post.kind, id: post.id, title: post.title, opener: button });
    if (!withdrawn) return;
    byId.set(withdrawn.id, withdrawn);
    const item = box.querySelector(`[data-post="${CSS.escape(withdrawn.id)}"]`);
    item.replaceWith(postItem(withdrawn));
    say($('announce'), `U hebt "${withdrawn.title}" ingetrokken. De status is nu: ${postStatusText(withdrawn)}.`);
    $(`post-${withdrawn.id}`)?.focus();
    // Withdrawing stops the responses still being arranged: show them as they are now.
    await loadMatches();
  });
}

// ---- my responses and matches -----------------------------------------------------------

function unreadBadge(match) {
  const n = match.unread;
  if (!Number.isInteger(n) || n <= 0) return null;
  return el('span', { class: 'new-tag' }, unreadText(n));
}

function matchItem(match, asVolunteer) {
  const side = asVolunteer ? 'volunteer' : 'author';
  const explain = matchStatusHelp(match, side);
  const post = match.post || {};
  return el('li', { class: 'mine-item' },
    el('p', { class: 'mine-meta' },
      kindBadge(post.kind),
      asVolunteer ? el('span', {}, 'Uw reactie') : el('span', {}, `Vrijwilliger: ${match.volunteer?.first_name || 'onbekend'}`),
      unreadBadge(match)),
    el('h3', {}, el('a', { href: matchPage(match.id) }, post.title || 'Koppeling')),
    el('p', { class: 'status-line' }, 'Status: ', el('span', { class: 'status-tag' }, matchStatusText(match, side))),
    explain ? el('p', { class: 'status-explain' }, explain) : null,
    match.reason && ['declined', 'ended'].includes(match.status)
      ? el('p', {}, 'Reden: ', match.reason)
      : null);
}

async function loadMatches() {
  const box = $('matches');
  if (account.role === 'coordinator') {
    $('matches-section').hidden = true;
    return;
  }
  const asVolunteer = account.role === 'volunteer';
  let page;
  try {
    page = await api.get('matches?limit=100');
  } catch (err) {
    replace(box, el('p', { class: 'message message-error', role: 'alert' },
      `Uw reacties konden niet worden geladen. ${problemText(err)}`));
    return;
  }
  const items = page.items || [];
  if (!items.length) {
    const empty = {
      volunteer: ['U hebt nog nergens op gereageerd. ', el('a', { href: '/' }, 'Zoek een hulpvraag of vacature'), '.'],
      organisation: ['Nog geen reacties op uw vacatures. Als een vrijwilliger reageert, ziet u dat hier.'],
    }[account.role] || ['Nog geen reacties. Als een vrijwilliger op uw hulpvraag reageert, ziet u dat hier.'];
    replace(box, el('p', { class: 'empty' }, empty));
    return;
  }
  replace(box, el('ul', { class: 'mine-list' }, items.map((m) => matchItem(m, asVolunteer))));
}

// ---- my saved searches (zoekprofielen) -------------------------------------------------

/** The names of kinds of help and villages, to say a saved search in words. */
let names = null;

/** How to save a search, for someone who has none. */
function savedEmpty() {
  return el('div', { class: 'saved-empty' },
    el('p', {}, 'U hebt nog geen zoekopdrachten bewaard. Zo bewaart u er een:'),
    el('ol', { class: 'saved-steps' },
      el('li', {}, 'Ga naar de ', el('a', { href: '/' }, 'zoekpagina'), '.'),
      el('li', {}, 'Zoek op een woord, een soort hulp of een dorp. Bijvoorbeeld "boodschappen" in Beilen.'),
      el('li', {}, 'Klik boven de resultaten op "Bewaar deze zoekopdracht". Dan gaat u naar het vak onder de resultaten. '
        + 'Kies of u meteen een e-mail wilt, of eens per week.')));
}

/** One saved search: what it looks for and how often it mails, in words; a link to what it finds now; delete. */
function savedItem(search) {
  const text = savedSearchText(search, names);
  const confirmId = `saved-confirm-${search.id}`;
  const address = searchPageFor(search);
  const created = dayText(search.created_at);
  return el('li', { class: 'mine-item saved-item', 'data-saved': search.id },
    el('h3', {}, text),
    created ? el('p', { class: 'status-explain' }, `Bewaard op ${created}.`) : null,
    el('div', { class: 'mine-actions' },
      address
        ? el('a', { class: 'button button-link', href: address }, 'Bekijk wat er nu is', el('span', { class: 'sr-only' }, `: ${text}`))
        : null,
      el('button', {
        type: 'button', class: 'button button-danger', 'data-remove': search.id,
        'aria-expanded': 'false', 'aria-controls': confirmId,
      }, 'Verwijderen', el('span', { class: 'sr-only' }, `: ${text}`))),
    el('div', { class: 'saved-confirm', id: confirmId, hidden: true },
      el('p', { class: 'saved-question', tabindex: '-1' },
        el('strong', {}, 'Weet u het zeker?'),
        ' Dan krijgt u over deze zoekopdracht geen e-mails meer. U kunt hem later opnieuw bewaren op de zoekpagina.'),
      el('div', { class: 'mine-actions' },
        el('button', { type: 'button', class: 'button button-danger-strong', 'data-yes': search.id }, 'Ja, verwijderen'),
        el('button', { type: 'button', class: 'button', 'data-no': search.id }, 'Nee, niet verwijderen')),
      el('div', { class: 'saved-answer' })));
}

function showSaved(searches) {
  const box = $('saved');
  if (!searches.length) {
    replace(box, savedEmpty());
    return;
  }
  replace(box,
    el('ul', { class: 'mine-list saved-list', id: 'saved-list' }, searches.map(savedItem)),
    el('p', {}, 'Een nieuwe zoekopdracht bewaart u op de ', el('a', { href: '/' }, 'zoekpagina'), '.'));
}

/** Opens or closes the "Weet u het zeker?" of a saved search; focus on the question, or back on "Verwijderen". */
function toggleConfirm(item, open) {
  const start = item.querySelector('[data-remove]');
  const confirm = item.querySelector('.saved-confirm');
  confirm.hidden = !open;
  start.setAttribute('aria-expanded', String(open));
  replace(confirm.querySelector('.saved-answer'));
  (open ? confirm.querySelector('.saved-question') : start).focus();
}

async function removeSaved(item, search, yes) {
  try {
    await busy(yes, () => deleteSavedSearch(search.id));
  } catch (err) {
    // 404: it is gone already (e.g. by the link in a mail); the list says so below.
    if (err.status !== 404) {
      say(item.querySelector('.saved-answer'), problemText(err), { error: true });
      return;
    }
  }
  const list = item.parentElement;
  item.remove();
  if (!list.children.length) replace($('saved'), savedEmpty());
  say($('saved-announce'),
    `Uw zoekopdracht is verwijderd: ${savedSearchText(search, names)}. U krijgt daarover geen e-mails meer.`);
  $('saved-heading').focus();
}

async function loadSaved() {
  $('saved-hint').textContent = `Met een bewaarde zoekopdracht hoeft u niet steeds zelf te zoeken. ${ALERT_HELP}`;
  const box = $('saved');
  let searches;
  try {
    [searches, names] = await Promise.all([fetchSavedSearches(), referenceNames()]);
  } catch (err) {
    replace(box, el('p', { class: 'message message-error', role: 'alert' },
      `Uw zoekopdrachten konden niet worden geladen. ${problemText(err)}`));
    return;
  }
  const byId = new Map(searches.map((s) => [s.id, s]));
  showSaved(searches);
  box.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    const item = button?.closest('[data-saved]');
    if (!item) return;
    const search = byId.get(item.dataset.saved);
    if (button.dataset.remove) toggleConfirm(item, item.querySelector('.saved-confirm').hidden);
    else if (button.dataset.no) toggleConfirm(item, false);
    else if (button.dataset.yes) removeSaved(item, search, button);
  });
}

// ---- links ------------------------------------------------------------------------------

function links() {
  const items = [];
  if (account.role === 'volunteer') {
    items.push(el('a', { href: '/mijn/profiel' }, 'Mijn vrijwilligersprofiel'));
    items.push(el('a', { href: '/mijn/voor-u-gevonden' }, 'Voor u gevonden: oproepen die bij u passen'));
  }
  items.push(...newPostLinks());
  items.push(el('a', { href: '/mijn/gegevens' }, 'Mijn gegevens: uw account, wachtwoord en privacy'));
  replace($('links'), items.map((link) => el('li', {}, link)));
}

/** What "Mijn oproepen" holds, in the words of this role. */
function postsHint() {
  const hint = {
    resident: 'Alle hulpvragen die u hebt geplaatst, ook die nog op controle wachten.',
    volunteer: 'Al het hulpaanbod dat u hebt geplaatst, ook wat nog op controle wacht.',
    organisation: 'Alle vacatures die u hebt geplaatst, ook die nog op controle wachten.',
  }[account.role];
  if (hint) $('posts-hint').textContent = hint;
  // An organisation introduces itself to the volunteers who respond to its vacancies.
  if (account.role === 'organisation') {
    $('matches-hint').textContent = 'Een koppeling is een vrijwilliger en uw vacature die bij elkaar passen. '
      + 'Past een reactie? Dan stelt u zich op de website aan de vrijwilliger voor.';
  } else if (account.role === 'volunteer') {
    $('matches-hint').textContent += ' Bij een vacature doet de organisatie dat zelf.';
  }
}

async function start() {
  account = await requireAccount();
  greet();
  postsHint();
  verifyNotice();
  links();
  await Promise.all([loadPosts(), loadMatches(), loadSaved()]);
}

start();
