// /afmelden#TOKEN: the one-click link in every alert mail stops the e-mails about
// that saved search, without logging in. This script sends it, so a mail program
// that opens links to check them does not unsubscribe anyone.

import { unsubscribeSavedSearch } from '../api.js';
import { el, replace } from '../dom.js';
import { problemText } from '../forms.js';

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
  unsubscribe(token);
} else {
  heading.textContent = 'Afmelden lukte niet';
  replace(result, el('p', { role: 'alert' }, 'Deze link is niet compleet. Kopieer de hele link uit de e-mail.'));
}
