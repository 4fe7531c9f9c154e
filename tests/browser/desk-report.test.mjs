// Browser tests of the werkbak's Jaarcijfers (/werkbak/cijfers). Through the API a
// small year is made: two residents post three requests in two kinds of help
// (klussen, bezoekwerk) and two villages (Beilen, Smilde), one of them passed on by a
// GP (doorverwijzing, huisarts); a volunteer responds to a klus in Beilen, the
// Servicepunt introduces and confirms the match and ends it as succeeded; another
// volunteer responds to the bezoekwerk request. The Servicepunt then reads the
// figures as a person does (tables by caption, rows by name) and every figure is the
// one the API's JSON has; last year is all zeros; the CSV download is the API's CSV;
// each chart has its numbers in a table; the page passes axe, fits a phone and
// 200% zoom, and prints without menus and buttons.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  baseUrl, checkA11y, checkSmallScreens, page, screenshot, session, sidewaysOverflow, useBrowser, useServer,
} from './harness.mjs';
import { addCoordinator, apiOk, approvePost, logInBrowser, personViaApi } from './people.mjs';

/** This year and month in the Netherlands (the API's year). */
const [thisYear, thisMonth] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' })
  .format(new Date()).split('-').map(Number);
const lastYear = thisYear - 1;
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus',
  'september', 'oktober', 'november', 'december'];

let coordinator;
let volunteer;

/** A request by `resident`, approved by the Servicepunt. */
async function request(resident, { title, category, place, onBehalfOf }) {
  const post = await apiOk('POST', '/api/v1/requests', {
    title,
    description: 'Wie kan mij hiermee helpen? Ik woon alleen en kan het zelf niet meer.',
    category, place, talents: [],
    schedule: { kind: 'weekly', slots: [{ day: 'wed', part: 'afternoon' }] },
    ...(onBehalfOf ? { on_behalf_of: onBehalfOf } : {}),
  }, resident.token);
  await approvePost('requests', post.id, coordinator.token);
  return post;
}

/** A volunteer with a profile in `place` with `talents`. */
async function volunteerIn(name, place, talents) {
  const person = await personViaApi({ role: 'volunteer', name });
  await apiOk('PUT', '/api/v1/me/volunteer-profile', {
    talents, interests: [], languages: ['nederlands'], place,
    availability: [{ day: 'wed', part: 'afternoon' }], max_distance_km: 15, max_active_matches: 3, bio: '',
  }, person.token);
  return person;
}

useServer({
  name: 'desk-report',
  afterStart: async () => {
    coordinator = await addCoordinator({ name: 'Anja Servicepunt' });
    const inge = await personViaApi({ role: 'resident', name: 'Inge Bakker' });
    const piet = await personViaApi({ role: 'resident', name: 'Piet Mulder' });
    volunteer = await volunteerIn('Henk Klusman', 'beilen', ['timmeren']);
    const visitor = await volunteerIn('Sanne Bos', 'smilde', ['gezelschap']);
    await apiOk('PUT', `/api/v1/volunteers/${visitor.id}/vog`, { status: 'valid', issued_on: `${thisYear}-01-02` },
      coordinator.token, [200, 204]);

    const shed = await request(inge, { title: 'De schuurdeur klemt', category: 'klussen', place: 'beilen' });
    const visits = await request(piet, { title: 'Iemand voor een praatje', category: 'bezoekwerk', place: 'smilde' });
    await request(piet, {
      title: 'Een lamp ophangen', category: 'klussen', place: 'smilde',
      onBehalfOf: { name: 'Gerrit Hoekstra', channel: 'referral', referrer: 'huisarts' },
    });

    // A match on the klus, confirmed and ended as succeeded; a response on the visits.
    const match = await apiOk('POST', `/api/v1/requests/${shed.id}/responses`,
      { message: 'Ik kom graag helpen.' }, volunteer.token, 201);
    await apiOk('POST', `/api/v1/matches/${match.id}/introduce`, {}, coordinator.token, 200);
    await apiOk('POST', `/api/v1/matches/${match.id}/confirm`, {}, coordinator.token, 200);
    await apiOk('POST', `/api/v1/matches/${match.id}/end`, { outcome: 'succeeded' }, coordinator.token, 200);
    await apiOk('POST', `/api/v1/requests/${visits.id}/responses`,
      { message: 'Ik kom graag eens langs.' }, visitor.token, 201);
  },
});
useBrowser();

const annual = (year) => apiOk('GET', `/api/v1/reports/annual?year=${year}`, undefined, coordinator.token, 200);

/** The page's numbers as people write them ("1.234"). */
const nl = (n) => new Intl.NumberFormat('nl-NL').format(n);
/** Days as the page shows them ("2,5 dagen"), or the dash read as "geen cijfer". */
const daysText = (v) => (v === null ? '–geen cijfer' : `${new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)} dagen`);
const percentText = (v) => (v === null ? '–geen cijfer' : `${new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format(v)}%`);

/** Every row of the table named `caption`, as the text of its cells. */
async function tableRows(caption) {
  const table = page.getByRole('table', { name: caption, exact: true });
  await table.waitFor();
  return table.evaluate((t) => [...t.rows].map((row) => [...row.cells]
    .map((cell) => cell.textContent.replace(/\s+/g, ' ').trim())));
}

/** The row named `name` (its row header) of the table named `caption`, without the header. */
async function row(caption, name) {
  const found = (await tableRows(caption)).find((cells) => cells[0] === name);
  assert.ok(found, `a row "${name}" in the table "${caption}"`);
  return found.slice(1);
}

/** The counts of a Counted list of two years as the page's rows: [label, now, before]. */
function expectedRows(now, before, key = (c) => c.key) {
  const earlier = new Map(before.map((c) => [key(c), c.count]));
  const rows = now.map((c) => [c.label, nl(c.count), nl(earlier.get(key(c)) ?? 0)]);
  for (const c of before) if (!now.some((n) => key(n) === key(c))) rows.push([c.label, nl(0), nl(c.count)]);
  return rows;
}

async function openReport(query = '') {
  await logInBrowser(session.context, coordinator.email);
  await page.goto(`${baseUrl}/werkbak/cijfers${query}`);
  await page.getByRole('status').filter({ hasText: /staan klaar/ }).waitFor();
}

/** Opens "Cijfers bij deze grafiek" under the chart headed `heading`. */
async function openChartTable(heading) {
  const chart = page.getByRole('region', { name: heading });
  await chart.getByText('Cijfers bij deze grafiek').click();
  return chart;
}

describe('the werkbak: Jaarcijfers', () => {
  test('only a coordinator sees the figures', async () => {
    await logInBrowser(session.context, volunteer.email);
    await page.goto(`${baseUrl}/werkbak/cijfers`);
    await page.getByText('Deze pagina is alleen voor het Servicepunt.').waitFor();
    assert.equal(await page.getByRole('table').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Download als CSV' }).isVisible(), false);
    await checkA11y(page, 'Jaarcijfers for a volunteer');
  });

  test('every figure of this year is the API\'s, beside last year\'s', async () => {
    const report = await annual(thisYear);
    const { figures: now, previous: before } = report;
    // The small year made above, as the API counts it.
    assert.equal(now.requests.total, 3);
    assert.equal(now.matches.started, 1);
    assert.equal(now.matches.succeeded, 1);

    await openReport();
    await page.getByRole('heading', { level: 1, name: `Jaarcijfers ${thisYear}` }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Werkbak' });
    assert.equal(await nav.getByRole('link', { name: 'Cijfers' }).getAttribute('aria-current'), 'page');
    assert.equal(await page.getByLabel('Jaar').inputValue(), String(thisYear));
    assert.match(await page.locator('#period').innerText(), new RegExp(`${thisYear} is nog niet voorbij`));

    // Hulpvragen: in total, per channel, referrer, kind of help and village; each table with both years.
    const channels = 'Hulpvragen per manier van binnenkomen';
    assert.deepEqual((await tableRows(channels))[0], ['Binnengekomen', String(thisYear), String(lastYear)]);
    assert.deepEqual(await row(channels, 'Hulpvragen in totaal'), [nl(now.requests.total), nl(before.requests.total)]);
    assert.deepEqual((await tableRows(channels)).slice(1, -1), expectedRows(now.requests.by_channel, before.requests.by_channel));
    assert.deepEqual(await row(channels, 'Via doorverwijzing'), ['1', '0']);
    assert.deepEqual(await row('Hulpvragen via doorverwijzing, per doorverwijzer', 'Huisarts'), ['1', '0']);
    assert.deepEqual((await tableRows('Hulpvragen per soort hulp')).slice(1, -1),
      expectedRows(now.requests.by_category, before.requests.by_category));
    assert.deepEqual(await row('Hulpvragen per soort hulp', 'Klussen'), ['2', '0']);
    assert.deepEqual((await tableRows('Hulpvragen per dorp')).slice(1, -1),
      expectedRows(now.requests.by_place, before.requests.by_place));
    assert.deepEqual(await row('Hulpvragen per dorp', 'Smilde'), ['2', '0']);
    assert.deepEqual(await row('Hulpvragen per dorp', 'Totaal'), ['3', '0']);

    // Trajecten, closed without a match, the waiting list.
    const matches = 'Trajecten: gestart, afgerond en lopend';
    for (const [key, words] of [['started', 'Gestart (koppeling bevestigd)'], ['succeeded', 'Geslaagd afgerond'],
      ['failed', 'Niet geslaagd'], ['running_at_end', 'Lopend aan het eind van het jaar'],
      ['durable', 'Duurzaam (90 dagen of langer)'],
      ['outside', 'Buiten het Servicepunt om (gemeld na sluiten)']]) {
      assert.deepEqual(await row(matches, words), [nl(now.matches[key]), nl(before.matches[key])], words);
    }
    await page.getByText('Duurzaam betekent hier: de koppeling liep in het jaar en duurt in totaal 90 dagen of langer.').waitFor();
    assert.deepEqual(await row('Gesloten zonder koppeling, per reden', 'Totaal'), ['0', '0']);
    const waiting = 'Wachtlijst aan het eind van het jaar';
    assert.deepEqual(await row(waiting, 'Open hulpvragen'), [nl(now.waiting_list.total), nl(before.waiting_list.total)]);
    assert.equal(now.waiting_list.total, 2, 'the visits and the lamp are still open');
    assert.deepEqual(await row(waiting, 'Wacht korter dan een maand'), ['2', '0']);
    assert.deepEqual(await row(waiting, 'Wachttijd, mediaan'),
      [daysText(now.waiting_list.median_age_days), daysText(before.waiting_list.median_age_days)]);
    await page.getByText(/Wachtlijst betekent hier: hulpvragen die vandaag nog open stonden/).waitFor();

    // Responses and matches per kind of help: three columns for each year.
    const conversion = await tableRows('Reacties en koppelingen per soort hulp');
    assert.deepEqual(conversion[0], ['', String(thisYear), String(lastYear)]);
    for (const c of now.conversion) {
      const cells = conversion.find((r) => r[0] === c.label);
      assert.deepEqual(cells.slice(1, 4), [nl(c.responses), nl(c.matches), percentText(c.percent)], c.label);
    }
    assert.deepEqual(conversion.find((r) => r[0] === 'Klussen').slice(1), ['1', '1', '100%', '0', '0', '–geen cijfer']);
    assert.deepEqual(conversion.find((r) => r[0] === 'Bezoekwerk').slice(1, 4), ['1', '0', '0%']);

    // Volunteers and organisations; how long requests waited.
    for (const [caption, key] of [['Vrijwilligers', 'volunteers'], ['Organisaties', 'organisations']]) {
      assert.deepEqual(await row(caption, 'Ingeschreven aan het eind van het jaar'), [nl(now[key].registered), nl(before[key].registered)]);
      assert.deepEqual(await row(caption, 'Actief in het jaar'), [nl(now[key].active), nl(before[key].active)]);
      assert.deepEqual(await row(caption, 'Nieuw'), [nl(now[key].new), nl(before[key].new)]);
      assert.deepEqual(await row(caption, 'Vertrokken'), [nl(now[key].departed), nl(before[key].departed)]);
    }
    assert.deepEqual(await row('Vrijwilligers', 'Ingeschreven aan het eind van het jaar'), ['2', '0']);
    const timing = 'Doorlooptijd in dagen vanaf plaatsing';
    assert.deepEqual(await row(timing, 'Hulpvragen met een eerste reactie'), ['2', '0']);
    assert.deepEqual(await row(timing, 'Tot eerste reactie, mediaan'),
      [daysText(now.timing.first_response.median_days), daysText(null)]);
    assert.match(await row(timing, 'Tot eerste reactie, mediaan').then((r) => r[0]), /^\d+,\d dagen$/, 'a decimal comma');
    assert.deepEqual(await row(timing, 'Tot bevestigde koppeling, 90% binnen'),
      [daysText(now.timing.confirmed_match.p90_days), daysText(null)]);

    // The social value: the formula and where the value comes from, never a bare number.
    const formula = (await page.locator('#value-formula').innerText()).replace(/\u00a0/g, ' ');
    assert.equal(formula, report.social_value.formula);
    assert.match(formula, /^1 koppeling(en)? × € 2\.000 = € 2\.000$/);
    await page.getByText(`Bron: ${report.social_value.source}`).waitFor();

    // "In het kort".
    assert.match(await page.locator('#summary').innerText(), new RegExp(`3 hulpvragen \\(${lastYear}: 0\\)`));
    assert.equal(await sidewaysOverflow(page), 0);
    await checkA11y(page, 'Jaarcijfers of this year');
    await screenshot(page, 'desk-report');
  });

  test('each chart is a picture with its numbers in a table', async () => {
    const report = await annual(thisYear);
    const { figures } = report;
    await openReport();

    // 1. Requests per month by kind of help: this month has them all.
    const months = await openChartTable(`Hulpvragen per maand in ${thisYear}, per soort hulp`);
    assert.equal(await months.locator('svg.chart[aria-hidden="true"]').count(), 1);
    const perMonth = await tableRows(`Hulpvragen per maand in ${thisYear}`);
    assert.deepEqual(perMonth[0], ['Maand', 'Klussen', 'Bezoekwerk', 'Totaal']);
    assert.equal(perMonth.length, 1 + 12 + 1);
    const monthRow = (m) => figures.requests.by_month.find((x) => x.month === m).by_category;
    for (let m = 1; m <= 12; m += 1) {
      const counts = monthRow(m);
      const of = (key) => counts.find((c) => c.key === key)?.count ?? 0;
      const total = counts.reduce((a, c) => a + c.count, 0);
      assert.deepEqual(perMonth[m], [MONTHS[m - 1], nl(of('klussen')), nl(of('bezoekwerk')), nl(total)], MONTHS[m - 1]);
    }
    assert.deepEqual(perMonth[thisMonth], [MONTHS[thisMonth - 1], '2', '1', '3']);
    assert.deepEqual(perMonth[13], ['Totaal', '2', '1', '3']);

    // 2. Responses and matches per kind of help (those that had any).
    const conversion = await openChartTable(`Reacties en koppelingen per soort hulp in ${thisYear}`);
    assert.equal(await conversion.locator('svg.chart').count(), 1);
    const responded = figures.conversion.filter((c) => c.responses > 0 || c.matches > 0);
    const conversionRows = await conversion.getByRole('table').evaluate((t) => [...t.tBodies[0].rows]
      .map((r) => [...r.cells].map((c) => c.textContent.trim())));
    assert.deepEqual(conversionRows, responded.map((c) => [c.label, nl(c.responses), nl(c.matches), percentText(c.percent)]));
    assert.deepEqual(conversionRows, [['Bezoekwerk', '1', '0', '0%'], ['Klussen', '1', '1', '100%']]);
    // The numbers are written next to the bars too.
    assert.match(await conversion.locator('svg.chart').textContent(), /1 \(100%\)/);

    // 3. The map: a circle per village with requests, the counts in the table.
    const map = await openChartTable(`Hulpvragen per dorp in ${thisYear}`);
    const places = await apiOk('GET', '/api/v1/places');
    assert.equal(await map.locator('svg.chart circle').count(), places.length);
    assert.deepEqual(await map.getByRole('table').evaluate((t) => [...t.tBodies[0].rows]
      .map((r) => [...r.cells].map((c) => c.textContent.trim()))), [['Smilde', '2'], ['Beilen', '1']]);
    assert.match(await map.locator('svg.chart').textContent(), /Smilde 2/);

    // 4. Supply against demand: open requests against volunteers within reach.
    const end = 'nu';
    const supply = await openChartTable(`Vraag en aanbod per soort hulp en dorp (${end})`);
    const supplyRows = await supply.getByRole('table').evaluate((t) => [...t.tBodies[0].rows]
      .map((r) => [...r.cells].map((c) => c.textContent.trim())));
    assert.deepEqual(supplyRows, report.supply_demand.slice(0, 10).map((r) =>
      [`${r.category_label}, ${r.place_label}`, nl(r.open_requests), nl(r.volunteers_within_reach)]));
    assert.equal(supplyRows.length, 2, 'the visits and the lamp in Smilde');
    assert.ok(supplyRows.some(([what]) => what === 'Bezoekwerk, Smilde'));

    await checkA11y(page, 'Jaarcijfers with the chart tables open');
    await screenshot(page, 'desk-report-charts');
    await checkSmallScreens(page, 'desk-report');

    // On a phone the wide table scrolls in its own box, which the keyboard can reach.
    await page.setViewportSize({ width: 375, height: 800 });
    const wide = page.getByRole('region', { name: 'Reacties en koppelingen per soort hulp', exact: true });
    await page.waitForFunction(() => document.querySelector('#table-conversion').parentElement.getAttribute('tabindex') === '0');
    assert.equal(await wide.evaluate((box) => box.scrollWidth > box.clientWidth), true);
    await checkA11y(page, 'Jaarcijfers on a phone');
    await page.setViewportSize({ width: 1024, height: 900 });
  });

  test('the year picker shows last year (all zeros) and keeps it in the address', async () => {
    await openReport();
    await page.evaluate(() => { window.noReload = true; });
    await page.getByLabel('Jaar').selectOption(String(lastYear));
    await page.waitForURL(`${baseUrl}/werkbak/cijfers?jaar=${lastYear}`);
    await page.getByRole('heading', { level: 1, name: `Jaarcijfers ${lastYear}` }).waitFor();
    await page.getByRole('status').filter({ hasText: `De jaarcijfers van ${lastYear} staan klaar.` }).waitFor();

    const report = await annual(lastYear);
    assert.equal(report.figures.requests.total, 0);
    const channels = 'Hulpvragen per manier van binnenkomen';
    assert.deepEqual((await tableRows(channels))[0], ['Binnengekomen', String(lastYear), String(lastYear - 1)]);
    assert.deepEqual(await row(channels, 'Hulpvragen in totaal'), ['0', '0']);
    assert.deepEqual(await row('Trajecten: gestart, afgerond en lopend', 'Gestart (koppeling bevestigd)'), ['0', '0']);
    assert.deepEqual(await row('Wachtlijst aan het eind van het jaar', 'Open hulpvragen'), ['0', '0']);
    assert.deepEqual(await row('Wachtlijst aan het eind van het jaar', 'Wachttijd, mediaan'), ['–geen cijfer', '–geen cijfer']);
    assert.match(await page.locator('#period').innerText(), new RegExp(`1 januari tot en met 31 december ${lastYear}`));
    const formula = (await page.locator('#value-formula').innerText()).replace(/\u00a0/g, ' ');
    assert.equal(formula, report.social_value.formula);

    // Empty charts say so in a sentence.
    await page.getByText(`In ${lastYear} zijn er geen hulpvragen online gekomen.`).first().waitFor();
    await page.getByText(`In ${lastYear} waren er geen reacties en geen koppelingen.`).waitFor();
    await page.getByText(`Er stonden aan het eind van ${lastYear} geen hulpvragen open.`).waitFor();
    assert.equal(await page.locator('svg.chart').count(), 0);
    await checkA11y(page, `Jaarcijfers ${lastYear}, empty`);
    await screenshot(page, 'desk-report-empty');

    // Back to this year; the address alone opens a year too.
    await page.getByLabel('Jaar').selectOption(String(thisYear));
    await page.waitForURL(`${baseUrl}/werkbak/cijfers?jaar=${thisYear}`);
    await page.getByRole('heading', { level: 1, name: `Jaarcijfers ${thisYear}` }).waitFor();
    await page.getByRole('status').filter({ hasText: `De jaarcijfers van ${thisYear} staan klaar.` }).waitFor();
    assert.deepEqual(await row(channels, 'Hulpvragen in totaal'), ['3', '0']);
    assert.equal(await page.evaluate(() => window.noReload), true, 'the page never reloaded');

    await page.goto(`${baseUrl}/werkbak/cijfers?jaar=${lastYear}`);
    await page.getByRole('heading', { level: 1, name: `Jaarcijfers ${lastYear}` }).waitFor();
    assert.equal(await page.getByLabel('Jaar').inputValue(), String(lastYear));
    await page.goto(`${baseUrl}/werkbak/cijfers?jaar=1850`);
    await page.getByRole('heading', { level: 1, name: `Jaarcijfers ${thisYear}` }).waitFor();
  });

  test('"Download als CSV" gives the API\'s CSV as a file', async () => {
    await openReport();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download als CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `noaber-jaarcijfers-${thisYear}.csv`);
    const text = readFileSync(await download.path(), 'utf8');
    assert.ok(text.startsWith('\ufeff'), 'a byte-order mark, so a spreadsheet reads it as UTF-8');
    const csv = text.slice(1);
    // Fields split by semicolons, as a spreadsheet set to Dutch expects.
    assert.equal(csv.split('\n')[0], `onderdeel;cijfer;${thisYear};${lastYear}`);
    assert.ok(csv.includes('Hulpvragen;Hulpvragen in totaal;3;0'));
    const fromApi = await fetch(`${baseUrl}/api/v1/reports/annual?year=${thisYear}&delimiter=semicolon`, {
      headers: { accept: 'text/csv', authorization: `Bearer ${coordinator.token}` },
    }).then((r) => r.text());
    assert.equal(csv, fromApi);
    await page.getByRole('status').filter({ hasText: `Het bestand noaber-jaarcijfers-${thisYear}.csv is gedownload.` }).waitFor();
  });

  test('a problem in the API is said in a notice, the same as on the other werkbak pages', async () => {
    await logInBrowser(session.context, coordinator.email);
    await page.route((url) => url.pathname === '/api/v1/reports/annual', (route) => route.fulfill({
      status: 503, contentType: 'application/problem+json',
      body: JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'Noaber is even niet bereikbaar. Probeer het over een paar minuten opnieuw.' }),
    }));
    await page.goto(`${baseUrl}/werkbak/cijfers`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.innerText(), 'Noaber is even niet bereikbaar. Probeer het over een paar minuten opnieuw.');
    assert.equal(await page.getByRole('table').count(), 0, 'no figures');
    assert.equal(await page.getByLabel('Jaar').isVisible(), true, 'another year can still be chosen');
    await checkA11y(page, 'Jaarcijfers with an error');
  });

  test('the page prints on A4 without menus and buttons', async () => {
    await openReport();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.site-header').isVisible(), false);
    assert.equal(await page.locator('.site-footer').isVisible(), false);
    assert.equal(await page.getByRole('navigation', { name: 'Werkbak' }).isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Afdrukken' }).isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Download als CSV' }).isVisible(), false);
    assert.equal(await page.getByRole('heading', { level: 1, name: `Jaarcijfers ${thisYear}` }).isVisible(), true);
    assert.equal(await page.getByRole('table', { name: 'Hulpvragen per soort hulp' }).isVisible(), true);
    assert.equal(await page.locator('#chart-map svg.chart').isVisible(), true);
    // Tables and charts are not cut in two at a page end.
    assert.equal(await page.locator('#table-categories').evaluate((t) => getComputedStyle(t).breakInside), 'avoid');
    assert.equal(await page.locator('#chart-months').evaluate((c) => getComputedStyle(c).breakInside), 'avoid');
    await page.getByText(/Afgedrukt op .* uit Noaber/).waitFor();
    await screenshot(page, 'desk-report-print');
    // On paper: the A4 width (180 mm between the margins) is not exceeded.
    await page.setViewportSize({ width: 680, height: 960 });
    assert.equal(await sidewaysOverflow(page), 0);
    await page.emulateMedia({ media: 'screen' });
  });
});
