// Werkbak — Logboek (/werkbak/logboek): the audit log (GET /api/v1/audit), newest
// first; "Over welke vrijwilliger" asks the API for one person's entries
// (?subject=), "Door wie" narrows to the coordinator's own. ?over=<id> opens the
// log about one person (ids only in the address).

import '../layout.js';
import { api, fetchAll } from '../api.js';
import { el, replace } from '../dom.js';
import { dateTimeText } from '../format.js';
import { problemText } from '../forms.js';
import { requireCoordinator } from '../desk.js';

const form = document.getElementById('filters');
const results = document.getElementById('results');
const count = document.getElementById('count');
const notice = document.getElementById('notice');


const ACTIONS = { view: 'Bekeken', change: 'Veranderd' };
const SUBJECTS = {
  volunteer: 'Vrijwilliger',
  volunteers: 'Lijst van vrijwilligers',
  post: 'Oproep',
  match: 'Koppeling',
  mail: 'E-mail',
  account: 'Account',
};

let me = null;
/** Account id → name, for the people the Servicepunt knows by name here. */
let names = new Map();

function who(id) {
  if (id === me?.id) return `${me.name} (u)`;
  return names.get(id) || 'Iemand anders';
}

function about(entry) {
  const kind = SUBJECTS[entry.subject_type] || 'Iets anders';
  const name = names.get(entry.subject_id);
  return name ? `${kind}: ${name}` : kind;
}

function item(entry) {
  return el('li', { class: 'desk-item' },
    el('p', { class: 'desk-item-title' }, `${ACTIONS[entry.action] || 'Gedaan'}: ${entry.detail}`),
    el('dl', { class: 'desk-facts' },
      el('div', {}, el('dt', {}, 'Door'), el('dd', {}, who(entry.actor_id))),
      el('div', {}, el('dt', {}, 'Over'), el('dd', {}, about(entry))),
      el('div', {}, el('dt', {}, 'Wanneer'), el('dd', {}, dateTimeText(entry.at)))));
}

async function show() {
  try {
    let entries = await fetchAll('audit', { subject: form.subject.value }, 300);
    if (form.actor.value === 'me') entries = entries.filter((e) => e.actor_id === me.id);
    replace(notice);
    count.textContent = entries.length === 1 ? '1 regel.' : `${entries.length} regels.`;
    replace(results, entries.map(item));
  } catch (err) {
    replace(notice, el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
  }
}

async function start() {
  me = await requireCoordinator(document.getElementById('content'));
  if (!me) return;
  try {
    const volunteers = await fetchAll('volunteers');
    names = new Map(volunteers.map((v) => [v.id, v.name]));
    form.subject.append(...volunteers.map((v) => el('option', { value: v.id }, v.name)));
  } catch (err) {
    replace(notice, el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
  }
  const over = new URLSearchParams(location.search).get('over');
  if (over && names.has(over)) form.subject.value = over;
  await show();
}

form.addEventListener('submit', (event) => event.preventDefault());
form.subject.addEventListener('change', () => {
  const url = new URL(location.href);
  if (form.subject.value) url.searchParams.set('over', form.subject.value);
  else url.searchParams.delete('over');
  history.replaceState(null, '', url);
  show();
});
form.actor.addEventListener('change', show);

start();
