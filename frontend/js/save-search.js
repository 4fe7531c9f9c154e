// "Bewaar deze zoekopdracht" under the search page's results: a logged-in person
// saves the search shown (words, kind of help, village, distance) for alert mails,
// meteen or eens per week; a search saved before says so; a visitor reads how to
// log in for it. The search page loads this module after the first search, so
// that the page itself stays small.

import { fetchSavedSearches, saveSearch } from './api.js';
import { el, replace } from './dom.js';
import { busy, clearErrors, showErrors } from './forms.js';
import { sameSearch, savedSearchText, searchToSave, searchWords } from './saved-searches.js';
import { currentAccount, loginUrl } from './session.js';
import { searchFromFilters } from './state.js';
import { ALERT_HELP, FREQUENCY } from './words.js';

/** Their saved searches (GET once; null when that failed), as a promise. */
let savedList = null;

/** For a visitor: a saved search needs an account; logging in comes back to this search. */
function visitorHint(filters) {
  const back = location.pathname + searchFromFilters(filters);
  return el('p', { class: 'save-visitor' },
    'Wilt u een e-mail als er een nieuwe oproep bij komt die past? ',
    el('a', { href: loginUrl(back) }, 'Log in om deze zoekopdracht te bewaren'), '.');
}

/** This search was saved before: say so, with the way to its list. */
function alreadySaved(saved, names) {
  return el('p', { class: 'save-done' },
    `U hebt deze zoekopdracht bewaard: ${savedSearchText(saved, names)}. `,
    el('a', { href: '/mijn#zoekopdrachten' }, 'Bekijk of verwijder uw zoekopdrachten'), '.');
}

/** What was saved and what happens now; it takes the focus, as the form it replaces had it. */
function savedMessage(saved, names) {
  return el('div', { class: 'message message-success save-done', role: 'status', tabindex: '-1' },
    el('p', {}, el('strong', {}, 'Uw zoekopdracht is bewaard.')),
    el('p', {}, `U hebt bewaard: ${savedSearchText(saved, names)}.`),
    el('p', {}, `${FREQUENCY[saved.frequency]?.promise || ''} Afmelden kan met één klik onderaan elke e-mail.`.trim()),
    el('p', {}, 'U vindt uw zoekopdrachten onder ', el('a', { href: '/mijn#zoekopdrachten' }, 'Mijn overzicht'), '.'));
}

/** The API's names for the search form's own fields, with their controls' ids. */
const SEARCH_FIELDS = { q: 'q', categories: 'category', places: 'place', within_km: 'km' };

/**
 * An error about the search itself (an empty search is refused on q) is about the
 * search form above: its line in the summary leads to that field.
 */
function linkToSearchForm(form, err) {
  for (const item of form.querySelectorAll('.error-summary li')) {
    const field = Object.keys(SEARCH_FIELDS).find((name) => err.errors?.[name] === item.textContent);
    const control = field && document.getElementById(SEARCH_FIELDS[field]);
    if (!control) continue;
    const link = el('a', { href: `#${control.id}` }, item.textContent);
    // Only the focus moves: the address keeps the search and no history entry is added.
    link.addEventListener('click', (event) => {
      event.preventDefault();
      control.focus();
    });
    replace(item, link);
  }
}

function frequencyChoice(value, { label, help }) {
  const id = `frequency-${value}`;
  return el('label', { class: 'choice-tile', for: id },
    el('input', { id, type: 'radio', name: 'frequency', value }),
    el('span', {}, el('strong', {}, label), el('br'), help));
}

/** The form that saves `wanted` (searchToSave of the filters shown); `filters.kind` is not saved. */
function saveForm(box, filters, wanted, list, names) {
  const submit = el('button', { type: 'submit', class: 'button button-primary' }, 'Bewaren');
  const form = el('form', { class: 'save-form', novalidate: true },
    el('p', {}, 'U bewaart: ', el('strong', {}, searchWords(wanted, names)), '.'),
    filters.kind
      ? el('p', {}, 'Let op: uw keuze bij "Wat wilt u zien?" wordt niet bewaard. '
        + 'U krijgt bericht over alle oproepen die passen: hulpvragen, hulpaanbod en vacatures.')
      : null,
    el('p', {}, ALERT_HELP),
    el('fieldset', { class: 'choice-group' },
      el('legend', {}, 'Hoe vaak wilt u een e-mail?'),
      Object.entries(FREQUENCY).map(([value, words]) => frequencyChoice(value, words))),
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const frequency = form.querySelector('input[name="frequency"]:checked')?.value;
    if (!frequency) {
      showErrors(form, { errors: { frequency: 'Kies hoe vaak u een e-mail wilt: meteen of eens per week.' } });
      return;
    }
    let saved;
    try {
      saved = await busy(submit, () => saveSearch({ ...wanted, frequency }));
    } catch (err) {
      // The API's Dutch words, in the summary: the fields they name (but frequency)
      // are in the search form above.
      showErrors(form, err);
      linkToSearchForm(form, err);
      if (err.status === 409) {
        form.querySelector('.error-summary').append(el('p', {},
          el('a', { href: '/mijn#zoekopdrachten' }, 'Naar uw zoekopdrachten in Mijn overzicht')));
      }
      return;
    }
    list?.push(saved);
    const message = savedMessage(saved, names);
    replace(box, message);
    message.focus();
  });
  return form;
}

/**
 * What the save box under the results says for `filters` (the search just shown);
 * `names` gives the categories' and places' names by slug, `box` is where a
 * successful save shows its message.
 */
export async function saveBoxContent(box, filters, names) {
  const account = await currentAccount();
  if (!account) return visitorHint(filters);
  savedList ??= fetchSavedSearches().catch(() => null);
  const list = await savedList;
  const wanted = searchToSave(filters);
  const saved = list?.find((s) => sameSearch(s, wanted));
  if (saved) return alreadySaved(saved, names);
  return el('details', { class: 'save-details' },
    el('summary', {}, 'Bewaar deze zoekopdracht'),
    saveForm(box, filters, wanted, list, names));
}
