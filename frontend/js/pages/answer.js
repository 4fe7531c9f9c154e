// /antwoord?keuze=ja#TOKEN: a link in a follow-up mail ("Is uw vraag nog actueel?",
// "Heeft dit contact tot een match geleid?"). The page shows the question with the
// answer chosen in the mail first; one click on it records the answer, without
// logging in. Opening the link itself records nothing: mail programs open links to
// scan them, some with scripts, and must not answer for the person.

import { answerFollowUp } from '../api.js';
import { append, el, replace } from '../dom.js';
import { busy, problemText } from '../forms.js';

const heading = document.getElementById('answer-heading');
const title = document.getElementById('answer-title');
const result = document.getElementById('answer-result');
const choices = document.getElementById('answer-choices');
const choicesHeading = document.getElementById('answer-other');
const buttons = document.getElementById('answer-buttons');

/** What the person reads after answering, per question and answer. */
const THANKS = {
  still_current: {
    ja: 'Uw hulpvraag blijft staan. Het Servicepunt zoekt verder naar een vrijwilliger.',
    nee: 'Uw hulpvraag is gesloten. Hebt u later weer hulp nodig? Dan kunt u een nieuwe vraag plaatsen of het Servicepunt bellen.',
  },
  contact: {
    ja: 'Fijn dat de hulp doorgaat! Het Servicepunt heeft het genoteerd en neemt contact op om de koppeling te bevestigen.',
    'nog-niet': 'Dank u. Neem gerust contact op met het Servicepunt als u hulp wilt bij de afspraak.',
    nee: 'Jammer dat het niet doorgaat. Het Servicepunt heeft het genoteerd en zoekt verder.',
  },
  closed_contact: {
    ja: 'Fijn dat de hulp toch doorgaat! Het Servicepunt heeft het genoteerd.',
    nee: 'Dank u voor uw antwoord.',
  },
};

const token = location.hash.replace(/^#/, '');
const chosen = new URLSearchParams(location.search).get('keuze');

function button(choice, primary) {
  const b = el('button', { type: 'button', class: primary ? 'button button-primary' : 'button' }, choice.label);
  b.addEventListener('click', () => busy(b, () => send(choice.key)));
  return b;
}

function show(view) {
  heading.textContent = view.question;
  title.textContent = view.title ? `Over: \u201c${view.title}\u201d` : '';
  title.hidden = !view.title;
  const given = view.choices.find((c) => c.key === view.answer);
  if (given) {
    replace(result, el('div', { class: 'message message-success', role: 'status' },
      el('p', {}, el('strong', {}, `Uw antwoord: ${given.label}.`)),
      el('p', {}, THANKS[view.kind]?.[view.answer] || 'Dank u voor uw antwoord.')));
  } else {
    const picked = view.choices.find((c) => c.key === chosen);
    replace(result, el('p', {}, picked
      ? `U koos in de e-mail: \u201c${picked.label}\u201d. Klopt dat? Klik dan op die knop.`
      : 'Kies uw antwoord.'));
  }
  // An answer that closed the request or declined the match is final here.
  const open = view.settled ? [] : view.choices.filter((c) => c.key !== view.answer);
  // The answer picked in the mail comes first, as the main button.
  open.sort((a, b) => Number(b.key === chosen) - Number(a.key === chosen));
  choicesHeading.textContent = given ? 'Toch een ander antwoord?' : 'Uw antwoord';
  replace(buttons);
  append(buttons, open.map((c, i) => button(c, !given && i === 0 && c.key === chosen)));
  choices.hidden = open.length === 0;
}

function fail(err) {
  heading.textContent = 'Dit lukte niet';
  replace(result, el('div', { class: 'message message-error', role: 'alert' },
    // A link that is damaged or expired: the server says why under `token`.
    el('p', {}, err.errors?.token || err.errors?.answer || problemText(err)),
    el('p', {}, 'U kunt uw antwoord ook telefonisch doorgeven aan het Servicepunt (zie onderaan de pagina).')));
  choices.hidden = true;
}

async function send(answer) {
  try {
    show(await answerFollowUp(token, answer));
    if (answer) heading.focus();
  } catch (err) {
    fail(err);
  }
}

if (!token) {
  fail(new Error('Deze link is niet compleet. Kopieer de hele link uit de e-mail.'));
} else {
  send(undefined);
}
