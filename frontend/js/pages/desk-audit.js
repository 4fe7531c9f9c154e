// Werkbak — Logboek (/werkbak/logboek): the audit log (GET /api/v1/audit), newest
// first, each entry with who did it by name; "Over welke vrijwilliger" asks the API
// for one person's entries (?subject=), "Door wie" for one colleague's (?actor=).
// ?over=<id> and ?door=<id> open the log filtered (ids only in the address).

import '../layout.js';
import { fetchAll } from '../api.js';
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

function who(entry) {
  if (entry.actor_id === me?.id) return `${me.name} (u)`;
  return entry.actor_name || 'Een verwijderd account';
}

/** What an entry is about: its kind, and its name linking to its page where it has one. */
function about(entry) {
  const kind = SUBJECTS[entry.subject_type] || 'Iets anders';
  const name = entry.subject_name || names.get(entry.subject_id);
  if (!name) return [kind];
  const named = entry.subject_page ? el('a', { href: entry.subject_page }, name) : name;
  return [`${kind}: `, named];
}

function item(entry) {
  return el('li', { class: 'desk-item' },
    el('p', { class: 'desk-item-title' }, `${ACTIONS[entry.action] || 'Gedaan'}: ${entry.detail}`),
    el('dl', { class: 'desk-facts' },
      el('div', {}, el('dt', {}, 'Door'), el('dd', {}, who(entry))),
      el('div', {}, el('dt', {}, 'Over'), el('dd', {}, ...about(entry))),
      el('div', {}, el('dt', {}, 'Wanneer'), el('dd', {}, dateTimeText(entry.at)))));
}

async function show() {
  try {
    const actor = form.actor.value === 'me' ? me.id : form.actor.value;
    const entries = await fetchAll('audit', { subject: form.subject.value, actor }, 300);
    addActors(entries);
    replace(notice);
    count.textContent = entries.length === 1 ? '1 regel.' : `${entries.length} regels.`;
    replace(results, entries.map(item));
  } catch (err) {
    replace(notice, el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
  }
}

/** Adds colleagues seen in the log to "Door wie" (the Servicepunt is a small team). */
function addActors(entries) {
  for (const e of entries) {
    if (e.actor_id === me.id || !e.actor_name) continue;
    const option = [...form.actor.options].find((o) => o.value === e.actor_id);
    if (option) option.textContent = e.actor_name; // names one opened from the address
    else form.actor.append(el('option', { value: e.actor_id }, e.actor_name));
  }
}

/** Keeps the filters in the address, so a link or Back opens the same view. */
function keepInAddress() {
  const url = new URL(location.href);
  const set = (key, value) => (value ? url.searchParams.set(key, value) : url.searchParams.delete(key));
  set('over', form.subject.value);
  set('door', form.actor.value);
  history.replaceState(null, '', url);
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
  const address = new URLSearchParams(location.search);
  const over = address.get('over');
  if (over && names.has(over)) form.subject.value = over;
  const door = address.get('door');
  if (door === 'me' || door === me.id) form.actor.value = 'me';
  else if (door) form.actor.append(el('option', { value: door, selected: true }, 'Deze collega'));
  await show();
}

form.addEventListener('submit', (event) => event.preventDefault());
for (const field of [form.subject, form.actor]) {
  field.addEventListener('change', () => {
    keepInAddress();
    show();
  });
}

start();
