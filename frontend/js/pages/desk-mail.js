// Werkbak — Post (/werkbak/post): the outbox (GET /api/v1/mail) with address,
// subject, status, attempts and the last error, filtered by status by the API; the
// status is kept in the address (?status=failed, as Vandaag links here). A failed
// mail can be sent again (POST /api/v1/mail/{id}/retry) without a reload.

import '../layout.js';
import { api, fetchAll } from '../api.js';
import { readAddress, writeAddress } from '../address-filters.js';
import { el, replace } from '../dom.js';
import { dateTimeText } from '../format.js';
import { busy, problemText, say } from '../forms.js';
import { requireCoordinator } from '../desk.js';

const form = document.getElementById('filters');
const results = document.getElementById('results');
const count = document.getElementById('count');
const notice = document.getElementById('notice');

/** The filter kept in the address: control name → address name. */
const ADDRESS = { status: 'status' };

const MAIL_STATUS = {
  pending: 'Wacht op verzending',
  sent: 'Verstuurd',
  failed: 'Mislukt',
};

const itemId = (mail) => `mail-${mail.id}`;

function item(mail) {
  const status = MAIL_STATUS[mail.status] || 'Onbekend';
  const titleId = `${itemId(mail)}-subject`;
  const answer = el('div', { class: 'desk-answer', id: `${itemId(mail)}-answer` });
  const node = el('li', { class: `desk-item mail-${mail.status}`, id: itemId(mail), 'aria-labelledby': titleId },
    el('h3', { class: 'desk-item-title', id: titleId }, mail.subject),
    el('dl', { class: 'desk-facts' },
      el('div', {}, el('dt', {}, 'Aan'), el('dd', {}, mail.recipient)),
      el('div', {}, el('dt', {}, 'Status'), el('dd', {}, el('span', { class: 'status-tag' }, status))),
      el('div', {}, el('dt', {}, 'Pogingen'), el('dd', {}, String(mail.attempts))),
      el('div', {}, el('dt', {}, 'Gemaakt'), el('dd', {}, dateTimeText(mail.created_at))),
      mail.sent_at && el('div', {}, el('dt', {}, 'Verstuurd'), el('dd', {}, dateTimeText(mail.sent_at))),
      mail.last_error && el('div', { class: 'desk-wide' }, el('dt', {}, 'Laatste fout'), el('dd', {}, mail.last_error))));
  if (mail.status === 'failed') {
    const button = el('button', { type: 'button', class: 'button', 'aria-describedby': titleId }, 'Opnieuw versturen');
    button.addEventListener('click', () => retry(mail, button));
    node.append(button);
  }
  node.append(answer);
  return node;
}

async function retry(mail, button) {
  try {
    const fresh = await busy(button, () => api.post(`mail/${encodeURIComponent(mail.id)}/retry`));
    const node = item(fresh);
    document.getElementById(itemId(mail)).replaceWith(node);
    const answer = node.querySelector('.desk-answer');
    say(answer, `De e-mail wordt opnieuw verstuurd. Status: ${MAIL_STATUS[fresh.status] || 'Onbekend'}.`);
    answer.firstChild.setAttribute('tabindex', '-1');
    answer.firstChild.focus();
  } catch (err) {
    const answer = document.getElementById(`${itemId(mail)}-answer`);
    say(answer, problemText(err), { error: true });
  }
}

async function show() {
  writeAddress(form, ADDRESS);
  try {
    const mails = await fetchAll('mail', { status: form.status.value }, 300);
    replace(notice);
    count.textContent = mails.length === 1 ? '1 e-mail.' : `${mails.length} e-mails.`;
    replace(results, mails.map(item));
  } catch (err) {
    replace(notice, el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
  }
}

async function start() {
  if (!await requireCoordinator(document.getElementById('content'))) return;
  readAddress(form, ADDRESS);
  await show();
}

form.addEventListener('submit', (event) => event.preventDefault());
form.status.addEventListener('change', show);
document.getElementById('refresh').addEventListener('click', show);

start();
