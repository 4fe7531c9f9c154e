// /antwoord?keuze=ja#TOKEN: one click in a follow-up mail ("Is uw vraag nog actueel?",
// "Heeft dit contact tot een match geleid?") records the answer, without logging in.
// The answer is sent by this script, not by opening the link, so a mail program that
// opens links to check them does not answer for the person.

import { answerFollowUp } from '../api.js';
import { append, el, replace } from '../dom.js';
import { busy, problemText } from '../forms.js';

const heading = document.getElementById('answer-heading');
const title = document.getElementById('answer-title');
const result = document.getElementById('answer-result');
const choices = document.getElementById('answer-choices');
const buttons = document.getElementById('answer-buttons');

/** What the person reads after answering, per question and answer. */
const THANKS = {
  still_current: {
    ja: 'Uw hulpvraag blijft staan. Het Servicepunt zoekt verder naar een vrijwilliger.',
    nee: 'Uw hulpvraag is gesloten. Hebt u later weer hulp nodig? Dan kunt u een nieuwe vraag plaatsen of het Servicepunt bellen.',
  },
  contact: {
    ja: 'Fijn dat de hulp doorgaat! Het Servicepunt heeft de koppeling genoteerd.',
    'nog-niet': 'Dank u. Neem gerust contact op met het Servicepunt als u hulp wilt bij de afspraak.',
    nee: 'Jammer dat het niet doorgaat. Het Servicepunt heeft het genoteerd en zoekt verder.',
  },
};

function show(view) {
  heading.textContent = view.question;
  title.textContent = view.title ? `Over: \u201c${view.title}\u201d` : '';
  title.hidden = !view.title;
  if (view.answer) {
    const chosen = view.choices.find((c) => c.key === view.answer);
    replace(result, el('div', { class: 'message message-success', role: 'status' },
      el('p', {}, el('strong', {}, `Uw antwoord: ${chosen ? chosen.label : view.answer}.`)),
      el('p', {}, THANKS[view.kind]?.[view.answer] || 'Dank u voor uw antwoord.')));
  } else {
    replace(result, el('p', {}, 'Kies uw antwoord.'));
  }
  replace(buttons);
  // An answer that closed the request or made or declined the match is final here.
  const others = view.settled ? [] : view.choices.filter((c) => c.key !== view.answer);
  for (const choice of others) {
    const button = el('button', { type: 'button', class: 'button' }, choice.label);
    button.addEventListener('click', () => busy(button, () => send(choice.key)));
    append(buttons, [button]);
  }
  choices.hidden = others.length === 0;
}

function fail(err) {
  heading.textContent = 'Dit lukte niet';
  replace(result, el('div', { class: 'message message-error', role: 'alert' },
    // A link that is damaged or expired: the server says why under `token`.
    el('p', {}, err.errors?.token || err.errors?.answer || problemText(err)),
    el('p', {}, 'U kunt uw antwoord ook telefonisch doorgeven aan het Servicepunt (zie onderaan de pagina).')));
  choices.hidden = true;
}

const token = location.hash.replace(/^#/, '');

async function send(answer) {
  try {
    show(await answerFollowUp(token, answer));
    heading.focus();
  } catch (err) {
    fail(err);
  }
}

const choice = new URLSearchParams(location.search).get('keuze');
if (!token) {
  fail(new Error('Deze link is niet compleet. Kopieer de hele link uit de e-mail.'));
} else {
  send(choice || undefined);
}
