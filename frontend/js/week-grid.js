// The weekly day-part grid (7 days × ochtend/middag/avond) as a table of
// checkboxes: row and column headers say which day and part each box is, so a
// screen reader announces "dinsdag, ochtend, selectievakje". Tab reaches every box,
// Space ticks it, and the arrow keys move between boxes like in a spreadsheet.
// Every cell is one big label, easy to hit with a finger.

import { el } from './dom.js';

export const DAYS = [
  ['mon', 'Maandag'], ['tue', 'Dinsdag'], ['wed', 'Woensdag'], ['thu', 'Donderdag'],
  ['fri', 'Vrijdag'], ['sat', 'Zaterdag'], ['sun', 'Zondag'],
];
export const PARTS = [['morning', 'Ochtend'], ['afternoon', 'Middag'], ['evening', 'Avond']];

const boxId = (day, part) => `slot-${day}-${part}`;

/** Builds the grid into `container`; `name` prefixes nothing, ids are slot-DAY-PART. */
export function buildWeekGrid(container, { describedBy } = {}) {
  const head = el('tr', {},
    el('th', { scope: 'col' }, el('span', { class: 'sr-only' }, 'Dag')),
    PARTS.map(([, label]) => el('th', { scope: 'col' }, label)));
  const rows = DAYS.map(([day, dayLabel]) => el('tr', {},
    // On a narrow phone the day shows as "di"; a screen reader still hears "Dinsdag".
    el('th', { scope: 'row' },
      el('span', { class: 'day-long' }, dayLabel),
      el('span', { class: 'day-short', 'aria-hidden': 'true' }, dayLabel.slice(0, 2).toLowerCase())),
    PARTS.map(([part, partLabel]) => el('td', {},
      el('label', { class: 'slot', for: boxId(day, part) },
        el('input', {
          type: 'checkbox', id: boxId(day, part), name: 'slot', value: `${day}:${part}`,
          'aria-describedby': describedBy,
        }),
        el('span', { class: 'sr-only' }, `${dayLabel}${partLabel.toLowerCase()}`))))));
  const table = el('table', { class: 'week-grid' },
    el('caption', { class: 'sr-only' }, 'Dagen van de week en dagdelen'),
    el('thead', {}, head),
    el('tbody', {}, rows));
  container.replaceChildren(table);
  table.addEventListener('keydown', moveWithArrows);
  return table;
}

/** Arrow keys move the focus to the neighbouring box (rows are days, columns parts). */
function moveWithArrows(event) {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.name !== 'slot') return;
  const [day, part] = box.value.split(':');
  let d = DAYS.findIndex(([key]) => key === day);
  let p = PARTS.findIndex(([key]) => key === part);
  switch (event.key) {
    case 'ArrowUp': d -= 1; break;
    case 'ArrowDown': d += 1; break;
    case 'ArrowLeft': p -= 1; break;
    case 'ArrowRight': p += 1; break;
    case 'Home': p = 0; break;
    case 'End': p = PARTS.length - 1; break;
    default: return;
  }
  if (d < 0 || d >= DAYS.length || p < 0 || p >= PARTS.length) return;
  event.preventDefault();
  document.getElementById(boxId(DAYS[d][0], PARTS[p][0]))?.focus();
}

/** The ticked slots as the API wants them: [{day, part}], in week order. */
export function readSlots(container) {
  return [...container.querySelectorAll('input[name="slot"]:checked')].map((box) => {
    const [day, part] = box.value.split(':');
    return { day, part };
  });
}

/** Ticks exactly `slots` ([{day, part}]). */
export function writeSlots(container, slots = []) {
  const wanted = new Set(slots.map(({ day, part }) => `${day}:${part}`));
  for (const box of container.querySelectorAll('input[name="slot"]')) {
    box.checked = wanted.has(box.value);
  }
}

/** The id of the first box, for pointing an error message at the grid. */
/**
 * The schedule a "Wanneer?" form part describes, as the API takes it. `form` holds
 * the radio buttons `schedule-kind` (weekly / once / flexible), the grid
 * `#week-grid`, `#hours`, `#once-date` and the `once-part` checkboxes.
 */
export function readSchedule(form) {
  const which = form.querySelector('input[name="schedule-kind"]:checked')?.value || 'weekly';
  if (which === 'weekly') {
    const schedule = { kind: 'weekly', slots: readSlots(form.querySelector('#week-grid')) };
    const hours = form.querySelector('#hours').value.trim();
    // A text field: a number field would take the Dutch "1,5" as 15 in some browsers.
    if (hours) schedule.hours_per_week = Number(hours.replace(',', '.'));
    return schedule;
  }
  if (which === 'once') {
    const parts = [...form.querySelectorAll('input[name="once-part"]:checked')].map((b) => b.value);
    return { kind: 'once', date: form.querySelector('#once-date').value, parts };
  }
  return { kind: 'flexible' };
}

export const firstBoxId = boxId(DAYS[0][0], PARTS[0][0]);
