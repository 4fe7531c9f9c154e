// One match (/koppelingen/{id}; the link in the mails "Bekijk de koppeling" and
// "Bericht lezen"): GET /api/v1/matches/{id} — where it stands, what happened, the
// post, the other party's first name, their contact details once the Servicepunt
// has introduced the two, the steps the caller may take — and the messages
// (GET/POST /api/v1/matches/{id}/messages; reading them marks them read, and the
// API flags the ones that are new to the caller).

import '../layout.js';
import { api } from '../api.js';
import { el, replace } from '../dom.js';
import { dateTimeText, dayText, firstWord } from '../format.js';
import { busy, clearErrors, problemText, say, showErrors } from '../forms.js';
import { KINDS, postApi, postPage } from '../kinds.js';
import { stepDoneText, stepsPanel } from '../match-steps.js';
import { requireAccount } from '../session.js';
import {
  MATCH_STEP, MESSAGE_WARNINGS, matchStatusHelp, matchStatusText, onVacancy, unreadText,
} from '../words.js';

/** The last step, as the parties read it (they get no step-by-step history). */

const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const path = `matches/${encodeURIComponent(id)}`;

const loading = document.getElementById('loading');
const notice = document.getElementById('notice');
const form = document.getElementById('message-form');

let account;
let match;
let post = null;
let messages = [];
/** How many messages the conversation has in all (the page shows the newest first). */
let messageTotal = 0;
/** Messages asked for at a time. */
const MESSAGE_PAGE = 50;

/** What the caller is to this match. */
function viewer() {
  const handler = match.yours_to_handle === true;
  const volunteer = account.id === match.volunteer.id;
  const other = account.role === 'coordinator' ? 'De vrijwilliger, de aanvrager' : otherName();
  const coordinator = account.role === 'coordinator';
  return { handler, coordinator, volunteer, poster: !handler && !volunteer, otherName: other };
}

/** The other party's first name (or the organisation), as well as we know it. */
function otherName() {
  if (account.id !== match.volunteer.id) return match.volunteer.first_name || 'de vrijwilliger';
  if (match.post.kind === 'vacancy' && post?.organisation) return post.organisation;
  const contact = match.contacts?.poster?.name;
  // "Zorgcentrum De Hofstee (contactpersoon: Marja Kuipers)": the organisation, whole.
  if (match.post.kind === 'vacancy' && contact) return contact.replace(/ \(contactpersoon: .*\)$/, '');
  if (post?.author?.first_name) return post.author.first_name;
  if (contact) return firstWord(contact);
  const written = messages.find((m) => !m.mine)?.from;
  if (written) return written;
  return post?.author?.first_name || (match.post.kind === 'vacancy' ? 'de organisatie' : 'de aanvrager');
}

/** Until when contact details wait: the Servicepunt introduces, or a vacancy's organisation. */
function notSharedYet() {
  if (viewer().coordinator) return 'De contactgegevens worden pas gedeeld als u hen aan elkaar voorstelt.';
  if (!onVacancy(match)) return 'Uw contactgegevens worden pas gedeeld als het Servicepunt u aan elkaar voorstelt.';
  return account.role === 'organisation'
    ? 'De contactgegevens worden pas gedeeld als u kiest voor ‘Aan elkaar voorstellen’.'
    : 'Uw contactgegevens worden pas gedeeld als de organisatie u aan elkaar voorstelt.';
}

/** Which side the reader is on, for the status words. */
/** What the status means for this reader; for the Servicepunt on a request, what is theirs to do next. */
function statusHelp() {
  if (side() !== 'coordinator' || onVacancy(match)) return matchStatusHelp(match, side());
  const name = match.volunteer?.first_name || 'De vrijwilliger';
  return {
    suggested: `U heeft ${name} gekozen. ${name} en de aanvrager weten het nog niet: stel hen aan elkaar voor als het past.`,
    responded: `${name} wil graag helpen. Stel hen aan elkaar voor als het past, of wijs de reactie af.`,
    introduced: 'Zij zijn aan elkaar voorgesteld en spreken een kennismaking af. Klikt het? Bevestig dan de koppeling.',
    active: 'De koppeling is bevestigd. Sluit hem af als de hulp stopt.',
  }[match.status] || matchStatusHelp(match, side());
}

function side() {
  const { coordinator, volunteer } = viewer();
  if (coordinator) return 'coordinator';
  return volunteer ? 'volunteer' : 'author';
}

function otherRole() {
  if (account.id !== match.volunteer.id) return 'Vrijwilliger';
  return match.post.kind === 'vacancy' ? 'Organisatie' : 'Aanvrager';
}

function contactCard(title, contact) {
  if (!contact) return null;
  return el('div', { class: 'contact-box' },
    el('h3', {}, title),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Naam'), el('dd', {}, contact.name),
      contact.phone ? [el('dt', {}, 'Telefoon'),
        el('dd', {}, el('a', { href: `tel:${contact.phone.replace(/[^+\d]/g, '')}` }, contact.phone))] : null,
      contact.email ? [el('dt', {}, 'E-mail'),
        el('dd', {}, el('a', { href: `mailto:${contact.email}` }, contact.email))] : null));
}

function contacts() {
  const c = match.contacts;
  const me = viewer();
  // An organisation handles its own vacancy: its own details need no showing.
  const poster = me.poster || account.role === 'organisation';
  if (!c) {
    const later = ['suggested', 'responded'].includes(match.status);
    return el('p', {}, later
      ? `${notSharedYet()} Tot die tijd praat u via de berichten hieronder.`
      : 'Er zijn geen contactgegevens gedeeld.');
  }
  return [
    el('p', {}, match.status === 'introduced'
      ? 'Neem gerust contact op om een kennismaking af te spreken.'
      : 'Dit zijn de contactgegevens die bij deze koppeling zijn gedeeld.'),
    me.volunteer ? null : contactCard('De vrijwilliger', c.volunteer),
    poster ? null : contactCard(match.post.kind === 'vacancy' ? 'De organisatie' : 'De aanvrager', c.poster),
    poster ? null : contactCard('Voor wie de hulp is', c.resident),
  ];
}

function summary() {
  const lines = [
    el('p', {}, el('strong', {}, 'Status: '), el('span', { class: 'status-tag' }, matchStatusText(match, side()))),
    el('p', {}, statusHelp()),
  ];
  if (match.reason && ['declined', 'ended'].includes(match.status)) {
    lines.push(el('p', {}, el('strong', {}, 'Reden: '), match.reason));
  }
  replace(document.getElementById('match-summary'),
    lines,
    el('dl', { class: 'facts match-facts' },
      el('dt', {}, 'Over'),
      el('dd', {}, el('a', { href: postPage(match.post.kind, match.post.id) }, match.post.title),
        ` (${KINDS[match.post.kind]?.noun || ''})`),
      el('dt', {}, otherRole()), el('dd', {}, otherName()),
      match.agreed_until ? [el('dt', {}, 'Afgesproken tot'), el('dd', {}, dayText(match.agreed_until))] : null),
    el('h2', {}, 'Contactgegevens'),
    contacts());
}

/** Who did it, in words: you, the volunteer, or the Servicepunt. */
function actorName(actorId) {
  if (actorId && actorId === account.id) return 'U';
  if (actorId && actorId === match.volunteer.id) return match.volunteer.first_name || 'De vrijwilliger';
  // The author's id is on the post for whoever handles it (the Servicepunt, the organisation).
  if (actorId && actorId === post?.author?.id) return post.organisation || post.author.first_name || 'De aanvrager';
  // A party reads the API's steps with an actor only for the two parties: this one is
  // the other side (the organisation of a vacancy, or whoever asked).
  if (actorId && !match.yours_to_handle) {
    const name = otherName();
    return name.charAt(0).toUpperCase() + name.slice(1);
  }
  return 'Het Servicepunt';
}

/**
 * Every step so far. Whoever handles the match reads who did what and why; the
 * parties read the steps from the one that told them of it, the Servicepunt's steps
 * as the Servicepunt's, and no reasons (the API leaves those out for them).
 */
function history() {
  const items = (match.history || []).map((step) => el('li', {},
    el('time', { datetime: step.at }, dateTimeText(step.at)), ': ',
    `${actorName(step.actor_id)} — ${MATCH_STEP[step.to] || step.to}`,
    step.reason ? `. Reden: ${step.reason}` : ''));
  replace(document.getElementById('history'), items);
}

function steps() {
  const panel = stepsPanel(match, viewer(), async (updated, step) => {
    match = await api.get(path).catch(() => updated);
    render();
    document.getElementById('step-status').textContent = stepDoneText(step, viewer());
    document.getElementById('page-heading').focus();
  });
  // A party's only step is stepping back: first say what they can do instead.
  const talk = panel && !viewer().handler && match.status !== 'declined'
    ? el('p', {}, `Wilt u ${otherName()} iets vragen of iets afspreken? `,
      el('a', { href: '#messages-heading' }, 'Stuur een bericht'),
      '. Gaat het toch niet door? Dat kunt u hieronder laten weten.')
    : null;
  replace(document.getElementById('steps'), talk, panel);
  document.getElementById('steps-section').hidden = !panel;
}

function messageItem(m) {
  return el('li', { class: `chat-message${m.mine ? ' mine' : ''}${m.new ? ' is-new' : ''}` },
    el('p', { class: 'chat-meta' },
      el('strong', {}, m.mine ? 'U' : m.from || 'Iemand'),
      el('time', { datetime: m.sent_at }, dateTimeText(m.sent_at)),
      m.new ? el('span', { class: 'new-tag' }, 'Nieuw') : null),
    el('p', { class: 'chat-body' }, m.body),
    m.mine ? null : messageWarning(m.flags));
}

/** The most important warning screening gave for a message, if any. */
function messageWarning(flags = []) {
  const flag = Object.keys(MESSAGE_WARNINGS).find((kind) => flags.includes(kind));
  return flag ? el('p', { class: 'chat-warning' }, MESSAGE_WARNINGS[flag]) : null;
}

function renderMessages() {
  replace(document.getElementById('messages'), messages.map(messageItem));
  document.getElementById('earlier-box').hidden = messages.length >= messageTotal;
  document.getElementById('no-messages').hidden = messages.length > 0;
  const fresh = messages.filter((m) => m.new).length;
  const note = document.getElementById('unread-note');
  note.hidden = fresh === 0;
  note.textContent = `U heeft ${unreadText(fresh)}.`;
}

function render() {
  document.title = `Koppeling: ${match.post.title} — Noaber`;
  document.getElementById('page-heading').textContent = `Koppeling: ${match.post.title}`;
  summary();
  steps();
  history();
  // A pick nobody knows of yet has no conversation (the API refuses messages).
  const open = !['declined', 'ended'].includes(match.status);
  form.hidden = !open || match.status === 'suggested';
  document.getElementById('closed-note').hidden = open;
  document.getElementById('body-label').textContent = account.role === 'coordinator'
    ? 'Uw bericht (beide partijen lezen het)'
    : `Uw bericht aan ${otherName()}`;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const status = document.getElementById('message-status');
  status.replaceChildren();
  const body = form.body.value.trim();
  if (!body) {
    showErrors(form, { errors: { body: 'Schrijf eerst een bericht.' } });
    return;
  }
  try {
    const sent = await busy(form.querySelector('button'), () => api.post(`${path}/messages`, { body }));
    messages = [...messages, sent];
    messageTotal += 1;
  } catch (err) {
    showErrors(form, err);
    return;
  }
  form.body.value = '';
  renderMessages();
  say(status, 'Uw bericht is verstuurd.');
});

/** Loads the page of messages before the oldest shown; the focus goes to the first of them. */
async function showEarlier() {
  const button = document.getElementById('earlier');
  try {
    const page = await busy(button, () => api.get(`${path}/messages?limit=${MESSAGE_PAGE}&offset=${messages.length}`));
    // Messages sent since the page opened shift the pages: leave out what is shown.
    const shown = new Set(messages.map((m) => m.id));
    messages = [...page.items.filter((m) => !shown.has(m.id)), ...messages];
    messageTotal = page.total;
    renderMessages();
    const first = document.querySelector('#messages li');
    first?.setAttribute('tabindex', '-1');
    first?.focus();
  } catch (err) {
    say(notice, problemText(err), { error: true });
  }
}

document.getElementById('earlier').addEventListener('click', showEarlier);

async function start() {
  account = await requireAccount();
  if (account.role === 'coordinator') {
    // The Servicepunt comes here from the werkbak, and goes back there.
    const back = document.querySelector('.back-link');
    back.href = '/werkbak/koppelingen';
    back.textContent = '← Naar Koppelingen in de werkbak';
  }
  try {
    match = await api.get(path);
  } catch (err) {
    loading.hidden = true;
    if (err.status === 404) document.getElementById('not-found').hidden = false;
    else say(notice, err.detail || 'De koppeling kon niet worden geladen. Probeer het later opnieuw of bel het Servicepunt.', { error: true });
    return;
  }
  const [page, postAnswer] = await Promise.all([
    api.get(`${path}/messages?limit=${MESSAGE_PAGE}`).catch(() => null),
    // The post may no longer be public; then we do without it.
    api.get(postApi(match.post.kind, match.post.id)).catch(() => null),
  ]);
  messages = page?.items || [];
  messageTotal = page?.total || 0;
  post = postAnswer;
  loading.hidden = true;
  render();
  renderMessages();
  if (!page) say(notice, 'De berichten konden niet worden geladen. Probeer het later opnieuw.', { error: true });
  document.getElementById('match').hidden = false;
}

start();
