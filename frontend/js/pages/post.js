// One post (/hulpvragen/{id}, /aanbod/{id}, /vacatures/{id}; the kind follows from
// the address): GET /api/v1/{kind}/{id}. Everyone sees the text, the kind of help,
// the village, when, and a first name. A volunteer responds (POST …/responses); a
// visitor is offered to log in or register and come back. The author (and the
// Servicepunt) sees the post in every state, what to do next, and the responses
// with the steps the API allows them (from GET /api/v1/matches).

import { servicepuntPhoneLink } from '../layout.js';
import { api, fetchAll } from '../api.js';
import { el, replace } from '../dom.js';
import { dateTimeText, scheduleText } from '../format.js';
import { busy, clearErrors, problemText, say, showErrors } from '../forms.js';
import { KINDS, editPage, kindBy, matchPage, postApi } from '../kinds.js';
import { stepDoneText, stepsPanel } from '../match-steps.js';
import { linkBackToSearch } from '../last-search.js';
import { kindBadge, paragraphs } from '../render.js';
import { reviewReasonLine } from '../review-reason.js';
import { currentAccount, hereAsReturn, loginUrl } from '../session.js';
import { confirmWithdraw } from '../withdraw.js';
import {
  CATEGORY_HELP, EDITABLE, OFFER_OPEN_HELP, VOG_NEEDED, VOG_NEEDED_VACANCY, WITHDRAWABLE, matchStatusText, postStatusHelp,
  postStatusText, unreadText,
} from '../words.js';

const [, page, rawId] = location.pathname.split('/');
const kind = kindBy('page', page) || 'request';
const id = decodeURIComponent(rawId || '');

// The kinds of help say which need a VOG; the page does without them when they fail.
const categories = api.get('categories').catch(() => []);

linkBackToSearch(document.querySelector('.back-link'));

const loading = document.getElementById('loading');
const notice = document.getElementById('notice');
const article = document.getElementById('post');

/** Who the volunteer writes to: the organisation, or the poster's first name. */
function recipientName(post) {
  if (post.kind === 'vacancy' && post.organisation) return post.organisation;
  return post.author?.first_name || 'de aanvrager';
}

function facts(post, category) {
  const explanation = CATEGORY_HELP[post.category];
  const vogWords = post.kind === 'vacancy' ? VOG_NEEDED_VACANCY : VOG_NEEDED;
  const vog = category?.requires_vog ? el('p', { class: 'category-help' }, vogWords) : null;
  const poster = post.kind === 'vacancy' && post.organisation
    ? [el('dt', {}, 'Organisatie'), el('dd', {}, post.organisation)]
    : [el('dt', {}, 'Geplaatst door'), el('dd', {}, post.author?.first_name || 'Onbekend')];
  return el('dl', { class: 'facts' },
    el('dt', {}, 'Soort hulp'),
    el('dd', {}, post.category_name || post.category,
      explanation ? el('p', { class: 'category-help' }, explanation) : null, vog),
    el('dt', {}, 'Dorp'), el('dd', {}, post.place_name || post.place),
    el('dt', {}, 'Wanneer'), el('dd', {}, scheduleText(post.schedule)),
    poster);
}

// ---- the author's view ------------------------------------------------------------

function statusBox(post, isAuthor) {
  const status = post.status;
  const lines = [
    el('p', {}, el('strong', {}, 'Status: '), el('span', { class: 'status-tag' }, postStatusText(post))),
    el('p', {}, postStatusHelp(post)),
  ];
  const reason = reviewReasonLine(post);
  if (reason) lines.push(reason);
  const links = [];
  if (EDITABLE.includes(status)) {
    links.push(el('li', {}, el('a', { class: 'button button-link', href: editPage(post.id) }, 'Aanpassen')));
  }
  if (isAuthor && post.kind === 'vacancy' && status === 'open') links.push(el('li', {}, filledBox(post)));
  if (isAuthor && WITHDRAWABLE.includes(status)) links.push(el('li', {}, withdrawButton(post)));
  if (isAuthor) links.push(el('li', {}, el('a', { class: 'button button-link', href: '/mijn' }, 'Naar Mijn overzicht')));
  return el('section', { class: 'post-status', 'aria-labelledby': 'status-heading' },
    el('h2', { id: 'status-heading', class: 'sr-only' }, isAuthor ? 'Uw oproep' : 'Status van de oproep'),
    lines,
    status === 'open' && isAuthor ? el('p', {}, 'Als u de oproep aanpast, kijkt het Servicepunt er opnieuw naar.') : null,
    links.length ? el('ul', { class: 'action-links' }, links) : null);
}

/**
 * "Vacature is vervuld": the organisation found its volunteers. Closed as done (the
 * figures count it so), not withdrawn; first it says what happens.
 */
function filledBox(post) {
  const yes = el('button', { type: 'button', class: 'button button-primary' }, 'Ja, de vacature is vervuld');
  const said = el('div', { role: 'alert' });
  yes.addEventListener('click', async () => {
    try {
      const closed = await busy(yes, () => api.post(`vacancies/${encodeURIComponent(post.id)}/filled`, {}));
      await show(closed, 'Uw vacature is afgesloten: vervuld. Dank u wel!');
    } catch (err) {
      replace(said, el('p', { class: 'message message-error' }, problemText(err)));
    }
  });
  return el('details', { class: 'step' },
    el('summary', {}, 'Vacature is vervuld'),
    el('p', {}, 'De vacature gaat offline. Vrijwilligers die al meedoen, blijven meedoen. '
      + 'Wie nog niet bevestigd is, krijgt bericht dat het niet doorgaat.'),
    yes, said);
}

/** "Hulpvraag intrekken": the author takes the post back, after saying yes (js/withdraw.js). */
function withdrawButton(post) {
  const button = el('button', { type: 'button', class: 'button' }, `${KINDS[post.kind].label} intrekken`);
  button.addEventListener('click', async () => {
    const closed = await confirmWithdraw({ kind: post.kind, id: post.id, title: post.title, opener: button });
    if (closed) await show(closed, 'Uw oproep is ingetrokken.');
  });
  return button;
}

/** The matches on this post that the caller may see. */
const matchesOn = (postId) => fetchAll('matches', { post: postId });

/** One response, as `side` reads it: the post's 'author' or the 'coordinator'. */
function responseItem(match, side, onStep) {
  const name = match.volunteer.first_name || 'Een vrijwilliger';
  const viewer = {
    handler: match.yours_to_handle === true, coordinator: side === 'coordinator', volunteer: false, otherName: name,
  };
  const unread = match.unread || 0;
  return el('li', { class: 'response' },
    el('h3', {}, name),
    el('p', {}, el('strong', {}, 'Status: '), matchStatusText(match, side)),
    el('p', {}, `${match.origin === 'suggestion' ? 'Voorgesteld' : 'Gereageerd'} op ${dateTimeText(match.created_at)}.`),
    unread ? el('p', { class: 'unread-note' }, el('span', { class: 'new-tag' }, 'Nieuw'), ' ', unreadText(unread)) : null,
    el('p', {}, el('a', { class: 'button button-primary button-link', href: matchPage(match.id) },
      match.status === 'responded' ? `Lees de reactie van ${name}` : `Bekijk de koppeling met ${name}`)),
    stepsPanel(match, viewer, onStep));
}

/**
 * In the status box at the top: how many responded, with new messages, and a link
 * down to them (on a phone the responses are screens below the description).
 */
function countInStatusBox(matches) {
  const box = document.querySelector('.post-status');
  if (!box) return;
  box.querySelector('.responses-count')?.remove();
  if (!matches.length) return;
  const unread = matches.reduce((sum, m) => sum + (m.unread || 0), 0);
  const one = matches.length === 1;
  const link = el('a', { href: '#responses-heading' }, one ? 'Bekijk de reactie' : 'Bekijk de reacties');
  link.addEventListener('click', (event) => {
    event.preventDefault();
    const heading = document.getElementById('responses-heading');
    heading?.focus();
    heading?.scrollIntoView({ block: 'start' });
  });
  box.querySelector('p')?.after(el('p', { class: 'responses-count' },
    el('strong', {}, one ? 'Er is 1 reactie' : `Er zijn ${matches.length} reacties`),
    unread ? ` (${unreadText(unread)})` : '', '. ', link, '.'));
}

async function showResponses(post, box, side, announce) {
  let mine;
  try {
    const listed = await matchesOn(post.id);
    // One by one for what the caller may do (history means: you handle it) and unread.
    mine = await Promise.all(listed.map((m) => api.get(`matches/${encodeURIComponent(m.id)}`)));
  } catch (err) {
    replace(box, el('h2', {}, 'Reacties'), el('p', { class: 'message message-error' },
      err.detail || 'De reacties konden niet worden geladen.'));
    return;
  }
  if (post.kind === 'offer' && !mine.length) {
    // Nobody responds to an offer online: the Servicepunt puts residents in touch.
    replace(box, side === 'author'
      ? [el('h2', {}, 'Hoe inwoners u bereiken'), el('p', {}, OFFER_OPEN_HELP)]
      : [el('h2', {}, 'Reacties'), el('p', {},
        'Op hulpaanbod reageert niemand online. Zoekt een inwoner deze hulp, neem dan contact op met de vrijwilliger.')]);
    return;
  }
  countInStatusBox(mine);
  const status = el('p', { class: 'sr-only', role: 'status' });
  const onStep = async (updated, step) => {
    const done = stepDoneText(step, { handler: true, coordinator: side === 'coordinator' });
    await showResponses(post, box, side, `${updated.volunteer.first_name}: ${done}`);
  };
  replace(box,
    el('h2', { id: 'responses-heading', tabindex: '-1' },
      mine.length === 1 ? '1 reactie' : `${mine.length} reacties`),
    status,
    mine.length
      ? el('ul', { class: 'response-list' }, mine.map((m) => responseItem(m, side, onStep)))
      : el('p', {}, post.status === 'open'
        ? 'Er heeft nog niemand gereageerd. U krijgt een e-mail zodra iemand reageert.'
        : 'Er zijn geen reacties.'));
  if (announce) {
    status.textContent = announce;
    box.querySelector('#responses-heading').focus();
  }
}

// ---- the volunteer's and the visitor's view ---------------------------------------

/**
 * After responding (`justNow`), or on coming back: what was sent, where it stands
 * and what happens next. Focus goes to the heading, which says it was sent.
 */
function alreadyResponded(box, post, match, justNow) {
  const to = recipientName(post);
  const waiting = !match || match.status === 'responded';
  const picked = match?.origin === 'suggestion';
  const next = post.kind === 'vacancy'
    ? `${to} bekijkt uw reactie en neemt contact met u op als het past.`
    : 'Het Servicepunt bekijkt uw reactie en neemt contact met u op.';
  replace(box,
    el('h2', { id: 'respond-heading', tabindex: '-1' }, justNow ? 'Uw reactie is verstuurd'
      : picked ? 'Het Servicepunt heeft u voorgesteld' : 'U heeft al gereageerd'),
    el('div', { class: 'message message-success' },
      el('p', {}, justNow ? `${to} en het Servicepunt kunnen uw bericht lezen.`
        : picked ? 'Het Servicepunt heeft u voor deze oproep gevraagd.' : 'U heeft op deze oproep gereageerd.'),
      match ? el('p', {}, `Stand van zaken: ${matchStatusText(match, 'volunteer')}.`) : null),
    waiting ? el('p', {}, `${next} Uw contactgegevens worden pas gedeeld als u aan elkaar wordt voorgesteld.`) : null,
    match ? el('p', {}, el('a', { class: 'button button-primary button-link', href: matchPage(match.id) },
      'Bekijk uw reactie en de berichten')) : null);
  if (justNow) box.querySelector('#respond-heading').focus();
}

/** A response typed before the session ended, kept in this tab while logging in again. */
const DRAFT_KEY = `noaber.response.${id}`;

function keepDraft(message) {
  try {
    sessionStorage.setItem(DRAFT_KEY, message);
  } catch { /* without storage the text is typed again */ }
}

function takeDraft() {
  try {
    const draft = sessionStorage.getItem(DRAFT_KEY) || '';
    sessionStorage.removeItem(DRAFT_KEY);
    return draft;
  } catch {
    return '';
  }
}

function respondForm(post, box) {
  const to = recipientName(post);
  const form = el('form', { class: 'message-form', novalidate: true },
    el('div', { class: 'field' },
      el('label', { for: 'message' }, `Uw bericht aan ${to}`),
      el('p', { class: 'hint', id: 'message-hint' },
        'Stel u kort voor en schrijf wanneer u kunt. Zet hier geen adres of telefoonnummer in: die worden pas gedeeld als u aan elkaar bent voorgesteld.'),
      el('textarea', { id: 'message', name: 'message', rows: 5, maxlength: 2000, 'aria-describedby': 'message-hint' })),
    el('button', { type: 'submit', class: 'button button-primary' }, 'Reageer'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const message = form.message.value.trim();
    if (!message) {
      showErrors(form, { errors: { message: 'Schrijf een kort bericht.' } });
      return;
    }
    const button = form.querySelector('button');
    try {
      const match = await busy(button, () => api.post(`${postApi(kind, id)}/responses`, { message }));
      alreadyResponded(box, post, match, true);
    } catch (err) {
      if (err.status === 409) {
        const match = (await matchesOn(post.id).catch(() => []))[0];
        if (match) {
          alreadyResponded(box, post, match, true);
          return;
        }
      }
      showErrors(form, err);
      if (err.status === 401) {
        // The session ended: log in again and come back here, to the text as typed.
        keepDraft(message);
        form.querySelector('.error-summary')?.append(el('p', {},
          el('a', { href: loginUrl() }, 'Log opnieuw in en kom terug naar deze oproep')));
      }
    }
  });
  form.message.value = takeDraft();
  replace(box, el('h2', {}, 'Reageren'),
    el('p', {}, `Wilt u helpen? Stuur ${to} een bericht via Noaber.`), form);
}

async function volunteerBox(post, box) {
  let match = null;
  try {
    match = (await matchesOn(post.id))[0] || null;
  } catch { /* the form still works; the API answers 409 when it was sent before */ }
  if (match) alreadyResponded(box, post, match, false);
  else if (post.status === 'open') respondForm(post, box);
  else replace(box, el('h2', {}, 'Reageren'), el('p', {}, 'Op deze oproep kunt u niet meer reageren.'));
}

/** "Bel het Servicepunt: 14 0593." with the number as a link (without it when the page has none). */
function callServicepunt() {
  const phone = servicepuntPhoneLink();
  return phone ? ['Bel het Servicepunt: ', phone, '.'] : 'Bel het Servicepunt.';
}

/** On an offer, for anyone but a coordinator: residents use it through the Servicepunt. */
function offerBox(post, box, account) {
  const volunteer = account?.role === 'volunteer';
  replace(box,
    el('h2', {}, 'Wilt u gebruikmaken van dit aanbod?'),
    el('p', {}, `${post.author?.first_name || 'Deze vrijwilliger'} biedt deze hulp aan. `,
      'Het Servicepunt brengt u met elkaar in contact. ', callServicepunt()),
    volunteer
      ? el('p', {}, 'Wilt u zelf helpen? ', el('a', { href: '/?kind=request' }, 'Bekijk de hulpvragen'), '.')
      : null,
    account ? null : el('p', {}, 'Is dit uw eigen aanbod? ', el('a', { href: loginUrl() }, 'Log in'),
      ' om het te zien zoals u het plaatste, en om het aan te passen.'));
}

function visitorBox(post, box) {
  const back = encodeURIComponent(hereAsReturn());
  replace(box,
    el('h2', {}, 'Wilt u helpen?'),
    el('p', {}, 'Om te reageren logt u in als vrijwilliger. Heeft u nog geen account? Meld u dan aan als vrijwilliger. Daarna komt u terug op deze pagina.'),
    el('ul', { class: 'action-links' },
      el('li', {}, el('a', { class: 'button button-primary button-link', href: loginUrl() }, 'Inloggen')),
      el('li', {}, el('a', { class: 'button button-link', href: `/aanmelden?als=vrijwilliger&terug=${back}` },
        'Aanmelden als vrijwilliger'))),
    el('p', {}, `Is dit uw eigen ${KINDS[post.kind].noun}? Log in om de reacties te zien.`));
}

function otherRoleBox(post, box) {
  replace(box, el('h2', {}, 'Reageren'),
    el('p', {}, 'Alleen vrijwilligers kunnen reageren op een oproep. Heeft u vragen? ', callServicepunt()));
}

// ---- the page ----------------------------------------------------------------------

async function showNotFound(account) {
  document.title = 'Oproep niet gevonden — Noaber';
  if (kind === 'vacancy') {
    // Most often filled: send the volunteer on to the vacancies open now.
    document.title = 'Vacature niet gevonden — Noaber';
    document.getElementById('not-found-heading').textContent = 'Deze vacature is niet gevonden';
    replace(document.getElementById('not-found-lead'),
      'Misschien is de vacature al vervuld of afgesloten. ',
      el('a', { href: '/?kind=vacancy' }, 'Bekijk de vacatures die nu openstaan'), '.');
  }
  if (!account) {
    document.getElementById('not-found-login-link').href = loginUrl();
    document.getElementById('not-found-login').hidden = false;
  } else if (account.role === 'volunteer') {
    await showOwnResponse();
  }
  document.getElementById('not-found').hidden = false;
}

/**
 * A volunteer who responded to a post that is no longer public (withdrawn,
 * closed) reads that, and finds the way to their response and its messages.
 */
async function showOwnResponse() {
  let match;
  try {
    [match] = await matchesOn(id);
  } catch {
    return;
  }
  if (!match) return;
  document.title = `${match.post.title} — Noaber`;
  document.getElementById('not-found-heading').textContent = 'Deze oproep staat niet meer online';
  document.getElementById('not-found-lead').replaceChildren(
    'U heeft gereageerd op ', el('q', {}, match.post.title), '.');
  replace(document.getElementById('not-found-response'),
    el('p', {}, el('strong', {}, 'Status van uw reactie: '), matchStatusText(match, 'volunteer')),
    match.reason ? el('p', {}, el('strong', {}, 'Reden: '), match.reason) : null,
    el('p', {}, el('a', { class: 'button button-primary button-link', href: matchPage(match.id) },
      'Bekijk uw reactie en de berichten')));
  document.getElementById('not-found-response').hidden = false;
}

async function start() {
  const account = await currentAccount();
  let post;
  try {
    post = await api.get(postApi(kind, id));
  } catch (err) {
    loading.hidden = true;
    if (err.status === 404) await showNotFound(account);
    else say(notice, err.detail || 'De oproep kon niet worden geladen. Probeer het later opnieuw of bel het Servicepunt.', { error: true });
    return;
  }
  await show(post);
}

/** Shows `post` as the caller may see it; `done` is announced (after a change). */
async function show(post, done) {
  const account = await currentAccount();
  document.title = `${post.title} — Noaber`;
  const isAuthor = Boolean(account && post.author?.id && post.author.id === account.id);
  const handles = isAuthor || account?.role === 'coordinator';
  const actionBox = el('section', { class: handles ? 'responses' : 'respond-box' });

  replace(article,
    el('p', { class: 'detail-kind' }, kindBadge(post.kind)),
    el('h1', { id: 'page-heading', class: 'detail-title', tabindex: '-1' }, post.title),
    handles ? statusBox(post, isAuthor) : null,
    facts(post, (await categories).find((c) => c.slug === post.category)),
    el('h2', {}, 'Omschrijving'),
    el('div', { class: 'description' }, paragraphs(post.description)),
    actionBox);
  loading.hidden = true;
  article.hidden = false;
  if (done) {
    say(notice, done);
    document.getElementById('page-heading').focus();
  }

  if (handles) await showResponses(post, actionBox, isAuthor ? 'author' : 'coordinator');
  else if (post.kind === 'offer') offerBox(post, actionBox, account);
  else if (!account) visitorBox(post, actionBox);
  else if (account.role === 'volunteer') await volunteerBox(post, actionBox);
  else otherRoleBox(post, actionBox);
}

start();
