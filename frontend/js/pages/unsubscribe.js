// /afmelden#TOKEN: the link in every alert mail. One click on the button stops the
// e-mails about that saved search, without logging in. Opening the link itself does
// nothing: mail programs open links to scan them and must not unsubscribe anyone.

import { unsubscribeSavedSearch } from '../api.js';
import { el, replace } from '../dom.js';
import { busy, problemText } from '../forms.js';

const heading = document.getElementById('unsubscribe-heading');
const result = document.getElementById('unsubscribe-result');

async function unsubscribe(token) {
  try {
    const answer = await unsubscribeSavedSearch(token);
    heading.textContent = 'U bent afgemeld';
    replace(result, el('div', { class: 'message message-success', role: 'status' },
      el('p', {}, el('strong', {}, answer.message)),
      el('p', {}, 'Wilt u later weer berichten? Bewaar dan opnieuw een zoekopdracht, of bel het Servicepunt.')));
  } catch (err) {
    heading.textContent = 'Afmelden lukte niet';
    replace(result, el('div', { class: 'message message-error', role: 'alert' },
      el('p', {}, err.errors?.token || problemText(err))));
  }
  heading.focus();
}

const token = location.hash.replace(/^#/, '');
if (token) {
  const button = el('button', { type: 'button', class: 'button button-primary' }, 'Ja, meld mij af');
  button.addEventListener('click', () => busy(button, () => unsubscribe(token)));
  replace(result, el('p', {}, 'Wilt u geen e-mails meer krijgen over deze zoekopdracht?'), button);
} else {
  heading.textContent = 'Afmelden lukte niet';
  replace(result, el('p', { role: 'alert' }, 'Deze link is niet compleet. Kopieer de hele link uit de e-mail.'));
}
