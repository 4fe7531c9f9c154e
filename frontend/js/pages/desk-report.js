// Werkbak — Jaarcijfers (/werkbak/cijfers): the Servicepunt's figures for the annual
// report, for one year beside the year before (GET /api/v1/reports/annual?year=).
// The year is kept in the address (?jaar=2025, address-filters.js). Every part is a
// table with a caption, laid out like the printed annual report, in the same Dutch
// words as the API's CSV (api/src/views/reports.rs); four charts (charts.js) each
// have their numbers in a table beside them. "Download als CSV" asks the API for
// the same figures as CSV (Accept: text/csv, with the session cookie) and offers
// the file; "Afdrukken" prints the page on A4 (css/desk-report.css).

import '../layout.js';
import { ApiError, api } from '../api.js';
import { readAddress, writeAddress } from '../address-filters.js';
import {
  bubbleMap, dataTable, ensurePatterns, legend, pairedBars, stackedColumns,
} from '../charts.js';
import { requireCoordinator } from '../desk.js';
import { append, el, replace } from '../dom.js';
import { dayText } from '../format.js';
import { busy, problemText } from '../forms.js';

const $ = (id) => document.getElementById(id);
const form = $('controls');

/** The form's control and its name in the address. */
const ADDRESS = { year: 'jaar' };
/** How many years the picker offers: this year and the ones before. */
const YEARS = 6;
/** At most this many rows in the chart of supply against demand. */
const SUPPLY_ROWS = 10;
/** At most this many kinds of help by name in the chart per month; the rest together. */
const MONTH_SERIES = 5;

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus',
  'september', 'oktober', 'november', 'december'];
const MONTHS_SHORT = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

const state = {
  places: [],
  load: 0, // the number of the latest load: an older answer is dropped
  charts: [], // {box, draw(width), width}
};

// ---- numbers in words ------------------------------------------------------------

const number = new Intl.NumberFormat('nl-NL');
const decimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

/** This year in the Netherlands. */
const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' })
  .format(new Date()));

const count = (n) => number.format(n ?? 0);

/** "wmo consulent" → "Wmo consulent". */
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** A figure that does not exist (no requests got that far): a dash, read as "geen cijfer". */
const noFigure = () => el('span', {},
  el('span', { 'aria-hidden': 'true' }, '–'), el('span', { class: 'sr-only' }, 'geen cijfer'));

/** Days with one decimal and a comma ("2,5 dagen"), or no figure. */
const days = (value) => (value === null || value === undefined ? noFigure() : `${decimal.format(value)} dagen`);

/** Matches per 100 responses as "33,3%", or no figure. */
const percentText = (value) => (value === null || value === undefined ? noFigure() : `${percent.format(value)}%`);

// ---- the tables ------------------------------------------------------------------

/**
 * Two years' counts side by side, aligned by key: this year's order first, then
 * what only the year before had. A key missing in a year counted 0 there.
 */
function sideBySide(now, before, key = (c) => c.key) {
  const earlier = new Map(before.map((c) => [key(c), c]));
  const rows = now.map((c) => [c.label, count(c.count), count(earlier.get(key(c))?.count ?? 0)]);
  const seen = new Set(now.map(key));
  for (const c of before) if (!seen.has(key(c))) rows.push([c.label, count(0), count(c.count)]);
  return rows;
}

/** The column heads of a table of two years: what, this year, the year before. */
const yearsHead = (what, report) => [what, String(report.year), String(report.year - 1)];

/** A table of two years. `rows` are [label, this year, year before]. */
function yearTable(report, { caption, what, rows, foot, id }) {
  return dataTable({ caption, head: yearsHead(what, report), rows, foot, id });
}

const sum = (counts) => counts.reduce((total, c) => total + c.count, 0);
const channel = (figures, key) => figures.requests.by_channel.find((c) => c.key === key)?.count ?? 0;

function requestTables(report) {
  const { figures: now, previous: before } = report;
  return [
    yearTable(report, {
      id: 'table-channels',
      caption: 'Hulpvragen per manier van binnenkomen',
      what: 'Binnengekomen',
      rows: sideBySide(now.requests.by_channel, before.requests.by_channel),
      foot: ['Hulpvragen in totaal', count(now.requests.total), count(before.requests.total)],
    }),
    yearTable(report, {
      id: 'table-referrers',
      caption: 'Hulpvragen via doorverwijzing, per doorverwijzer',
      what: 'Doorverwezen door',
      rows: sideBySide(now.requests.by_referrer, before.requests.by_referrer).map(([label, ...cells]) => [capital(label), ...cells]),
      foot: ['Totaal via doorverwijzing', count(channel(now, 'referral')), count(channel(before, 'referral'))],
    }),
    yearTable(report, {
      id: 'table-categories',
      caption: 'Hulpvragen per soort hulp',
      what: 'Soort hulp',
      rows: sideBySide(now.requests.by_category, before.requests.by_category),
      foot: ['Totaal', count(sum(now.requests.by_category)), count(sum(before.requests.by_category))],
    }),
    yearTable(report, {
      id: 'table-places',
      caption: 'Hulpvragen per dorp',
      what: 'Dorp',
      rows: sideBySide(now.requests.by_place, before.requests.by_place),
      foot: ['Totaal', count(sum(now.requests.by_place)), count(sum(before.requests.by_place))],
    }),
  ];
}

/** The trajectories, in the API's CSV words. */
const MATCH_ROWS = [
  ['started', 'Gestart (koppeling bevestigd)'],
  ['succeeded', 'Geslaagd afgerond'],
  ['failed', 'Niet geslaagd'],
  ['running_at_end', 'Lopend aan het eind van het jaar'],
  ['durable', 'Duurzaam (90 dagen of langer)'],
  ['outside', 'Buiten het Servicepunt om (gemeld na sluiten)'],
];

function matchTables(report) {
  const { figures: now, previous: before } = report;
  return [yearTable(report, {
    id: 'table-matches',
    caption: 'Trajecten: gestart, afgerond en lopend',
    what: 'Traject',
    rows: MATCH_ROWS.map(([key, words]) => [words, count(now.matches[key]), count(before.matches[key])]),
  })];
}

function closedTables(report) {
  const { figures: now, previous: before } = report;
  // Rows are the reason with the coordinator's words, as the CSV has them.
  return [yearTable(report, {
    id: 'table-closed',
    caption: 'Gesloten zonder koppeling, per reden',
    what: 'Reden',
    rows: sideBySide(now.closed_without_match, before.closed_without_match, (c) => c.label),
    foot: ['Totaal', count(sum(now.closed_without_match)), count(sum(before.closed_without_match))],
  })];
}

function waitingTables(report) {
  const { figures: now, previous: before } = report;
  const ages = sideBySide(now.waiting_list.by_age, before.waiting_list.by_age)
    .map(([label, a, b]) => [`Wacht ${label.toLowerCase()}`, a, b]);
  return [yearTable(report, {
    id: 'table-waiting',
    caption: 'Wachtlijst aan het eind van het jaar',
    what: 'Wachtlijst',
    rows: [
      ['Open hulpvragen', count(now.waiting_list.total), count(before.waiting_list.total)],
      ...ages,
      ['Wachttijd, mediaan', days(now.waiting_list.median_age_days), days(before.waiting_list.median_age_days)],
    ],
  })];
}

/**
 * Responses and matches per kind of help: for each year three columns (responses,
 * matches, matches per 100 responses), under a head with the year over them.
 */
function conversionTable(report) {
  const { figures: now, previous: before } = report;
  const earlier = new Map(before.conversion.map((c) => [c.category, c]));
  const kinds = [...now.conversion];
  for (const c of before.conversion) if (!kinds.some((k) => k.category === c.category)) kinds.push(c);
  const cells = (c) => (c
    ? [count(c.responses), count(c.matches), percentText(c.percent)]
    : [count(0), count(0), percentText(null)]);
  const nowOf = new Map(now.conversion.map((c) => [c.category, c]));
  const words = ['Reacties', 'Koppelingen', 'Koppelingen per 100 reacties'];
  const table = el('table', { class: 'report-table report-table-wide', id: 'table-conversion' },
    el('caption', {}, 'Reacties en koppelingen per soort hulp'),
    el('thead', {},
      el('tr', {},
        el('td', {}),
        el('th', { scope: 'colgroup', colspan: 3, class: 'group-start' }, String(report.year)),
        el('th', { scope: 'colgroup', colspan: 3, class: 'group-start' }, String(report.year - 1))),
      el('tr', {},
        el('th', { scope: 'col' }, 'Soort hulp'),
        [...words, ...words].map((w, i) => el('th', { scope: 'col', class: i % 3 === 0 ? 'group-start' : null }, w)))),
    el('tbody', {}, kinds.map((c) => el('tr', {},
      el('th', { scope: 'row' }, c.label),
      [...cells(nowOf.get(c.category)), ...cells(earlier.get(c.category))]
        .map((value, i) => el('td', { class: i % 3 === 0 ? 'group-start' : null }, value))))));
  return scrollBox(table, 'table-conversion');
}

/**
 * A table in a box that scrolls sideways when the table is wider than the screen
 * (the page itself never does). While it scrolls, the box can take the focus, so
 * it scrolls with the keyboard too; the caption names the box.
 */
function scrollable(table, id) {
  table.querySelector('caption').id = `${id}-caption`;
  const box = el('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': `${id}-caption` }, table);
  scrollWatch.observe(box);
  return box;
}

/** Gives a table's box the focus stop only while it scrolls. */
const scrollWatch = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (target.scrollWidth > target.clientWidth + 1) target.setAttribute('tabindex', '0');
    else target.removeAttribute('tabindex');
  }
});

/** The wide table with its caption shown above the box, so it does not scroll out of sight. */
function scrollBox(table, id) {
  const box = scrollable(table, id);
  table.querySelector('caption').classList.add('sr-only');
  return [el('p', { class: 'table-title', 'aria-hidden': 'true' }, table.caption.textContent), box];
}

function peopleTables(report) {
  const { figures: now, previous: before } = report;
  const rows = (key) => [
    ['Ingeschreven aan het eind van het jaar', count(now[key].registered), count(before[key].registered)],
    ['Actief in het jaar', count(now[key].active), count(before[key].active)],
    ['Nieuw', count(now[key].new), count(before[key].new)],
    ['Vertrokken', count(now[key].departed), count(before[key].departed)],
  ];
  return [
    yearTable(report, { id: 'table-volunteers', caption: 'Vrijwilligers', what: 'Vrijwilligers', rows: rows('volunteers') }),
    yearTable(report, { id: 'table-organisations', caption: 'Organisaties', what: 'Organisaties', rows: rows('organisations') }),
  ];
}

function timingTables(report) {
  const { figures: now, previous: before } = report;
  const rows = (key, words) => [
    [`Hulpvragen met een ${words}`, count(now.timing[key].requests), count(before.timing[key].requests)],
    [`Tot ${words}, mediaan`, days(now.timing[key].median_days), days(before.timing[key].median_days)],
    [`Tot ${words}, 90% binnen`, days(now.timing[key].p90_days), days(before.timing[key].p90_days)],
  ];
  return [
    yearTable(report, {
      id: 'table-timing',
      caption: 'Doorlooptijd in dagen vanaf plaatsing',
      what: 'Doorlooptijd',
      rows: [...rows('first_response', 'eerste reactie'), ...rows('confirmed_match', 'bevestigde koppeling')],
    }),
  ];
}

/** "0,75" for a mean reciprocal rank; a dash when there were no decisions. */
const rankText = (figure) => (figure?.decisions ? figure.mean_reciprocal_rank.toFixed(2).replace('.', ',') : noFigure());
const firstText = (figure) => (figure?.decisions ? `${percent.format(figure.first_choice * 100)}%` : noFigure());

/** How often the Servicepunt chose Noaber's first suggestion: both years, then this year by kind of help and by month. */
function suggestionTables(report) {
  const now = report.figures.suggestions;
  const before = report.previous.suggestions;
  const line = (f) => [f.label, count(f.decisions), firstText(f), rankText(f)];
  const none = [['Nog geen voorstellen', count(0), noFigure(), noFigure()]];
  const table = (id, caption, what, rows) => scrollable(dataTable({
    id,
    className: 'report-table report-table-wide',
    caption,
    head: [what, 'Voorgesteld', 'Eerste voorstel gekozen', 'Gemiddelde reciproke rang'],
    rows: rows.length ? rows : none,
  }), id);
  return [
    table('table-suggestions-years', 'Koppelingen voorgesteld door het Servicepunt', 'Jaar', [
      line({ ...now.total, label: String(report.year) }),
      line({ ...before.total, label: String(report.year - 1) }),
    ]),
    table('table-suggestions-categories', `Per soort hulp, ${report.year}`, 'Soort hulp', now.by_category.map(line)),
    table('table-suggestions-months', `Per maand, ${report.year}`, 'Maand', now.by_month.map(line)),
  ];
}

function summary(report) {
  const { figures: now, previous: before } = report;
  // [one, many]: "1 traject gestart", "3 trajecten gestart".
  const item = (n, [one, many], was) => el('li', {},
    el('strong', { class: 'report-number' }, count(n)), ' ', n === 1 ? one : many,
    el('span', { class: 'report-was' }, ` (${report.year - 1}: ${count(was)})`));
  return [
    item(now.requests.total, ['hulpvraag', 'hulpvragen'], before.requests.total),
    item(now.matches.started, ['traject gestart', 'trajecten gestart'], before.matches.started),
    item(now.matches.succeeded, ['traject geslaagd afgerond', 'trajecten geslaagd afgerond'], before.matches.succeeded),
    item(now.waiting_list.total, ['hulpvraag op de wachtlijst', 'hulpvragen op de wachtlijst'], before.waiting_list.total),
    item(now.volunteers.registered, ['vrijwilliger ingeschreven', 'vrijwilligers ingeschreven'], before.volunteers.registered),
  ];
}

// ---- the charts ------------------------------------------------------------------

/**
 * One chart: its heading, a sentence on how to read it, the picture (drawn at the
 * width of its box, again when that changes), a legend, and its numbers in a table
 * under "Cijfers bij deze grafiek". With nothing to show: the sentence `empty` only.
 */
function chartBlock({ id, title, note, names, draw, table, empty }) {
  const heading = el('h3', { id: `${id}-heading` }, title);
  const section = el('section', { class: 'chart-block', id, 'aria-labelledby': `${id}-heading` }, heading);
  if (empty) {
    section.append(el('p', { class: 'chart-empty' }, empty));
    return section;
  }
  const box = el('div', { class: 'chart-box' });
  // The chart's heading is right above: the table's caption is for screen readers.
  table.caption.classList.add('sr-only');
  append(section, [
    note ? el('p', { class: 'chart-note' }, note) : null,
    box,
    names ? legend(names) : null,
    el('details', { class: 'chart-data' }, el('summary', {}, 'Cijfers bij deze grafiek'), scrollable(table, id))]);
  state.charts.push({ box, draw, width: 0 });
  return section;
}

function monthChart(report) {
  const { year, figures } = report;
  const used = figures.requests.by_category.filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
  const named = used.length <= MONTH_SERIES + 1 ? used : used.slice(0, MONTH_SERIES);
  const rest = used.length > named.length;
  const names = [...named.map((c) => c.label), ...(rest ? ['Andere soorten hulp'] : [])];
  const values = figures.requests.by_month.map((m) => {
    const row = named.map((c) => m.by_category.find((x) => x.key === c.key)?.count ?? 0);
    if (rest) {
      const others = m.by_category.filter((x) => !named.some((c) => c.key === x.key));
      row.push(sum(others));
    }
    return row;
  });
  const monthIndex = new Map(figures.requests.by_month.map((m, i) => [m.month, i]));
  const months = MONTHS.map((_, i) => values[monthIndex.get(i + 1)] ?? names.map(() => 0));
  return chartBlock({
    id: 'chart-months',
    title: `Hulpvragen per maand in ${year}, per soort hulp`,
    note: rest
      ? `De ${MONTH_SERIES} soorten hulp met de meeste hulpvragen staan apart; de rest staat samen bij "Andere soorten hulp". Boven elke staaf staat het totaal van die maand.`
      : 'Boven elke staaf staat het totaal van die maand.',
    names,
    empty: figures.requests.total ? null : `In ${year} zijn er geen hulpvragen online gekomen.`,
    draw: (width) => stackedColumns({
      width, columns: MONTHS, shortColumns: MONTHS_SHORT, series: names, values: months, label: 'months',
    }),
    table: dataTable({
      caption: `Hulpvragen per maand in ${year}`,
      head: ['Maand', ...names, 'Totaal'],
      rows: MONTHS.map((month, i) => [month, ...months[i].map(count), count(months[i].reduce((a, b) => a + b, 0))]),
      foot: ['Totaal', ...names.map((_, s) => count(months.reduce((a, row) => a + row[s], 0))), count(figures.requests.total)],
      className: 'report-table report-table-wide',
    }),
  });
}

function conversionChart(report) {
  const { year, figures } = report;
  const rows = figures.conversion.filter((c) => c.responses > 0 || c.matches > 0);
  const note = (c) => (c.percent === null ? count(c.matches) : `${count(c.matches)} (${percent.format(c.percent)}%)`);
  return chartBlock({
    id: 'chart-conversion',
    title: `Reacties en koppelingen per soort hulp in ${year}`,
    note: 'Per soort hulp twee staven: de reacties van vrijwilligers en de bevestigde koppelingen. Tussen haakjes: koppelingen per 100 reacties. Soorten hulp zonder reacties en zonder koppelingen staan er niet in.',
    names: ['Reacties', 'Koppelingen'],
    empty: rows.length ? null : `In ${year} waren er geen reacties en geen koppelingen.`,
    draw: (width) => pairedBars({
      width, label: 'conversion',
      rows: rows.map((c) => ({ label: c.label, values: [c.responses, c.matches], notes: [null, note(c)] })),
    }),
    table: dataTable({
      caption: `Reacties en koppelingen per soort hulp in ${year}`,
      head: ['Soort hulp', 'Reacties', 'Koppelingen', 'Koppelingen per 100 reacties'],
      rows: rows.map((c) => [c.label, count(c.responses), count(c.matches), percentText(c.percent)]),
      className: 'report-table report-table-wide',
    }),
  });
}

function mapChart(report) {
  const { year, figures } = report;
  const counts = new Map(figures.requests.by_place.map((c) => [c.key, c.count]));
  const places = state.places.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon))
    .map((p) => ({ name: p.name, lat: p.lat, lon: p.lon, count: counts.get(p.slug) ?? 0 }));
  return chartBlock({
    id: 'chart-map',
    title: `Hulpvragen per dorp in ${year}`,
    note: 'Een kaart van de gemeente Midden-Drenthe. Hoe groter de cirkel, hoe meer hulpvragen in dat dorp. Bij de grootste staan de naam en het aantal. Een grijze stip is een dorp zonder hulpvragen.',
    empty: figures.requests.total ? null : `In ${year} zijn er geen hulpvragen online gekomen.`,
    draw: (width) => bubbleMap({ width, places, label: 'map' }),
    table: dataTable({
      caption: `Hulpvragen per dorp in ${year}`,
      head: ['Dorp', 'Hulpvragen'],
      rows: figures.requests.by_place.map((c) => [c.label, count(c.count)]),
      className: 'report-table report-table-wide',
    }),
  });
}

function supplyChart(report) {
  const { year } = report;
  const rows = report.supply_demand.slice(0, SUPPLY_ROWS);
  const end = year === thisYear ? 'nu' : `aan het eind van ${year}`;
  const more = report.supply_demand.length > rows.length
    ? ` U ziet de ${rows.length} krapste plekken (van de ${count(report.supply_demand.length)}).`
    : '';
  return chartBlock({
    id: 'chart-supply',
    title: `Vraag en aanbod per soort hulp en dorp (${end})`,
    note: `Open hulpvragen ${end}, naast het aantal vrijwilligers dat die hulp aanbiedt en in de buurt woont (binnen hun eigen reisafstand). Bovenaan staat waar het het krapst is: veel open hulpvragen en weinig vrijwilligers.${more}`,
    names: ['Open hulpvragen', 'Vrijwilligers binnen bereik'],
    empty: rows.length ? null : `Er stonden ${end} geen hulpvragen open.`,
    draw: (width) => pairedBars({
      width, label: 'supply',
      rows: rows.map((r) => ({ label: `${r.category_label}, ${r.place_label}`, values: [r.open_requests, r.volunteers_within_reach] })),
    }),
    table: dataTable({
      caption: `Vraag en aanbod per soort hulp en dorp (${end})`,
      head: ['Soort hulp en dorp', 'Open hulpvragen', 'Vrijwilligers binnen bereik'],
      rows: rows.map((r) => [`${r.category_label}, ${r.place_label}`, count(r.open_requests), count(r.volunteers_within_reach)]),
      className: 'report-table report-table-wide',
    }),
  });
}

/** The width of A4 between the margins of the print style (180 mm), in CSS pixels. */
const PRINT_WIDTH = 680;
const printMedia = matchMedia('print');
let printing = false; // between beforeprint and afterprint

/**
 * Draws each chart at the width of its box, if that changed since it was drawn; for
 * print at the width of the paper, so its text has the size of the printed text.
 */
function drawCharts() {
  for (const chart of state.charts) {
    const width = printing || printMedia.matches
      ? PRINT_WIDTH
      : Math.floor(chart.box.clientWidth);
    if (width <= 0 || width === chart.width) continue;
    chart.width = width;
    replace(chart.box, chart.draw(width));
  }
}

const resized = new ResizeObserver(() => requestAnimationFrame(drawCharts));
printMedia.addEventListener('change', drawCharts);
window.addEventListener('beforeprint', () => { printing = true; drawCharts(); });
window.addEventListener('afterprint', () => { printing = false; drawCharts(); });

// ---- the page --------------------------------------------------------------------

function periodText(report) {
  if (report.year === thisYear) {
    return `${report.year} is nog niet voorbij. De cijfers gaan tot en met ${dayText(report.as_of)}. `
      + 'Bij "aan het eind van het jaar" ziet u de stand van vandaag.';
  }
  return `De cijfers gaan over 1 januari tot en met 31 december ${report.year}.`;
}

function show(report) {
  const { year } = report;
  document.title = `Jaarcijfers ${year} — Werkbak — Noaber`;
  $('page-heading').textContent = `Jaarcijfers ${year}`;
  $('period').textContent = periodText(report);
  scrollWatch.disconnect();
  replace($('summary'), summary(report));
  replace($('requests-tables'), requestTables(report));
  replace($('matches-tables'), matchTables(report));
  replace($('closed-tables'), closedTables(report));
  const end = year === thisYear ? 'vandaag' : 'aan het eind van het jaar';
  $('waiting-words').textContent = `Wachtlijst betekent hier: hulpvragen die ${end} nog open stonden en nog geen vrijwilliger hadden.`;
  replace($('waiting-tables'), waitingTables(report));
  replace($('conversion-table'), conversionTable(report));
  replace($('people-tables'), peopleTables(report));
  replace($('timing-tables'), timingTables(report));
  replace($('suggestion-tables'), suggestionTables(report));
  // "€ 2.000" stays on one line.
  $('value-formula').textContent = report.social_value.formula.replace(/€ /g, '€\u00a0');
  $('value-source').textContent = `Bron: ${report.social_value.source}`;
  $('printed').textContent = `Afgedrukt op ${dayText(new Date().toISOString())} uit Noaber, Servicepunt Vrijwilligerswerk Midden-Drenthe.`;

  resized.disconnect();
  state.charts = [];
  ensurePatterns();
  replace($('charts'), monthChart(report), conversionChart(report), mapChart(report), supplyChart(report));
  for (const chart of state.charts) resized.observe(chart.box);
  drawCharts();
}

function showError(err) {
  replace($('notice'), el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
}

/** Reads and shows the chosen year; an older answer that comes in late is dropped. */
async function load() {
  const ticket = ++state.load;
  const year = form.year.value;
  $('status').textContent = `De cijfers van ${year} worden geladen…`;
  try {
    const report = await api.get(`reports/annual?year=${encodeURIComponent(year)}`);
    if (ticket !== state.load) return;
    replace($('notice'));
    $('figures').hidden = false;
    show(report);
    $('status').textContent = `De jaarcijfers van ${year} staan klaar.`;
  } catch (err) {
    if (ticket !== state.load) return;
    $('figures').hidden = true;
    $('status').textContent = '';
    showError(err);
  }
}

/** The same figures as CSV, from the API with the session cookie, offered as a file. */
async function downloadCsv() {
  const year = form.year.value;
  let response;
  try {
    // Semicolons: a spreadsheet set to Dutch splits on them (commas are decimals).
    response = await fetch(`/api/v1/reports/annual?year=${encodeURIComponent(year)}&delimiter=semicolon`, {
      headers: { accept: 'text/csv' }, credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, problem.detail, problem.errors);
  }
  // A byte-order mark first, so a spreadsheet reads "€" and "ë" as UTF-8.
  const file = new Blob(['\ufeff', await response.text()], { type: 'text/csv;charset=utf-8' });
  const name = `noaber-jaarcijfers-${year}.csv`;
  const address = URL.createObjectURL(file);
  const link = el('a', { href: address, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(address), 60_000);
  $('status').textContent = `Het bestand ${name} is gedownload. U vindt het bij uw downloads.`;
}

function yearOptions() {
  return Array.from({ length: YEARS }, (_, i) => String(thisYear - i))
    .map((year) => el('option', { value: year }, year));
}

async function start() {
  if (!(await requireCoordinator($('notice'), $('loading')))) return;
  try {
    state.places = await api.get('places');
  } catch (err) {
    showError(err);
    $('loading').hidden = true;
    return;
  }
  replace(form.year, yearOptions());
  readAddress(form, ADDRESS);
  $('report').hidden = false;
  await load();
  $('loading').hidden = true;
}

form.addEventListener('submit', (event) => event.preventDefault());
form.year.addEventListener('change', () => {
  writeAddress(form, ADDRESS);
  load();
});
$('csv').addEventListener('click', async (event) => {
  replace($('notice'));
  try {
    await busy(event.currentTarget, downloadCsv);
  } catch (err) {
    showError(err);
  }
});
$('print').addEventListener('click', () => window.print());

start();
