// Browser tests of the werkbak's lists that Vandaag links to: Hulpvragen
// (/werkbak/hulpvragen) and Koppelingen (/werkbak/koppelingen) with their filters in
// the address. The server holds the demo data (`noaber demo --seed 2026`: 300
// requests in every status), and the requests that are open in Smilde and Wijster are
// made older in the database (published when they were sent in), so some of them wait
// too long: the API's `waiting=true` list and the Vandaag count are the ones to match.
// Through the API a resident posts two requests, a volunteer responds to both, and
// the Servicepunt confirms both matches: one agreed until today, one until next year.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN), /usr/bin/chromium and
// sqlite3 (without it the waiting list is checked as it is, usually empty).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl, checkA11y, checkSmallScreens, page, screenshot, session, sqlite, useBrowser, useServer,
} from './harness.mjs';
import { addCoordinator, apiOk, approvePost, logInBrowser, personViaApi } from './people.mjs';

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus',
  'september', 'oktober', 'november', 'december'];

/** Today in the Netherlands as YYYY-MM-DD (the API's "today"). */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const nextYear = `${Number(today.slice(0, 4)) + 1}-06-30`;
/** "2026-12-31" → "31 december 2026". */
const dutchDay = (iso) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

let coordinator;
let volunteer;
let backdated = false; // whether sqlite3 could make the demo requests older
const ours = {}; // the requests posted by this test: ending, later
const matches = {}; // their confirmed matches

/** Makes the open requests in two villages older: published when they were sent in. */
function backdateRequests() {
  const aged = sqlite(
    "UPDATE posts SET published_at = created_at WHERE kind = 'request' AND status = 'open' "
    + "AND place_slug IN ('smilde', 'wijster')");
  backdated = !aged.error && aged.status === 0;
}

/** A resident's request, approved; a volunteer responds; the Servicepunt confirms until `until`. */
async function confirmedMatch(resident, title, until) {
  const request = await apiOk('POST', '/api/v1/requests', {
    title,
    description: 'Mijn schuurdeur klemt en de dakgoot zit vol bladeren. Wie helpt een ochtend?',
    category: 'klussen', place: 'beilen', talents: [],
    schedule: { kind: 'weekly', slots: [{ day: 'tue', part: 'morning' }] },
  }, resident.token);
  await approvePost('requests', request.id, coordinator.token);
  const match = await apiOk('POST', `/api/v1/requests/${request.id}/responses`,
    { message: 'Ik kom graag helpen.' }, volunteer.token, 201);
  await apiOk('POST', `/api/v1/matches/${match.id}/introduce`, {}, coordinator.token, 200);
  const confirmed = await apiOk('POST', `/api/v1/matches/${match.id}/confirm`,
    { agreed_until: until }, coordinator.token, 200);
  return { request, match: confirmed };
}

useServer({
  name: 'desk-requests',
  demoSeed: 2026,
  afterStart: async () => {
    backdateRequests();
    coordinator = await addCoordinator({ name: 'Anja Servicepunt' });
    volunteer = await personViaApi({ role: 'volunteer', name: 'Henk Klusman' });
    await apiOk('PUT', '/api/v1/me/volunteer-profile', {
      talents: ['timmeren'], interests: [], languages: ['nederlands'], place: 'beilen',
      availability: [{ day: 'tue', part: 'morning' }], max_distance_km: 15, max_active_matches: 3, bio: '',
    }, volunteer.token);
    const resident = await personViaApi({ role: 'resident', name: 'Riet Hofman' });
    ({ request: ours.ending, match: matches.ending } = await confirmedMatch(resident, 'Klusjes aan de schuur', today));
    ({ request: ours.later, match: matches.later } = await confirmedMatch(resident, 'De dakgoot schoonmaken', nextYear));
  },
});
useBrowser();

const asCoordinator = (path) => apiOk('GET', path, undefined, coordinator.token, 200);
const rows = () => page.locator('#results > li.desk-item');
const rowIds = async () => (await rows().locator('h3 a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
  .map((href) => href.split('/').pop());
const params = () => Object.fromEntries(new URL(page.url()).searchParams);
const count = () => page.locator('#count');

async function openList(query = '') {
  await logInBrowser(session.context, coordinator.email);
  await page.goto(`${baseUrl}/werkbak/hulpvragen${query}`);
  await page.getByRole('heading', { level: 1, name: 'Hulpvragen' }).waitFor();
  await count().filter({ hasText: /hulpvra/ }).waitFor();
}

/** Waits until the status line says `text` (the list is read again after each change). */
const countSays = (text) => page.waitForFunction((t) => document.getElementById('count')?.textContent === t, text);

/** Waits until the list shows exactly the requests `ids`, in that order. */
const listShows = (ids) => page.waitForFunction((wanted) => {
  const shown = [...document.querySelectorAll('#results > li.desk-item h3 a')]
    .map((a) => a.getAttribute('href').split('/').pop());
  return shown.join(' ') === wanted.join(' ');
}, ids);

describe('the werkbak: Hulpvragen', () => {
  test('only a coordinator sees the list', async () => {
    await logInBrowser(session.context, volunteer.email);
    await page.goto(`${baseUrl}/werkbak/hulpvragen`);
    await page.getByText('Deze pagina is alleen voor het Servicepunt.').waitFor();
    assert.equal(await rows().count(), 0);
    await checkA11y(page, 'Hulpvragen for a volunteer');
  });

  test('Vandaag counts the requests that wait too long and leads to exactly those', async (t) => {
    const waiting = await asCoordinator('/api/v1/requests?waiting=true&limit=100');
    if (!backdated) t.diagnostic('sqlite3 not usable: no request was made older');
    else assert.ok(waiting.total > 0 && waiting.total <= 50, `some requests wait too long (${waiting.total})`);
    const open = await asCoordinator('/api/v1/requests?status=open&limit=1');
    assert.ok(waiting.total < open.total, 'not every open request waits too long');

    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/werkbak`);
    const link = page.getByRole('link', { name: /hulpvragen staan langer dan 14 dagen online zonder reactie/ });
    assert.match(await link.innerText(), new RegExp(`^${waiting.total}\\s`));
    await link.click();
    await page.waitForURL(`${baseUrl}/werkbak/hulpvragen?wacht=1`);
    await countSays(waiting.total === 1 ? '1 hulpvraag.' : `${waiting.total} hulpvragen.`);
    assert.equal(await page.getByLabel(/Alleen wie te lang wacht/).isChecked(), true);
    const nav = page.getByRole('navigation', { name: 'Werkbak' });
    assert.equal(await nav.getByRole('link', { name: 'Hulpvragen' }).getAttribute('aria-current'), 'page');

    // The same requests as the API's list, in the same order (newest first).
    assert.deepEqual(await rows().locator('h3').allInnerTexts(), waiting.items.map((p) => p.title));
    assert.deepEqual(await rowIds(), waiting.items.map((p) => p.id));
    assert.equal(await page.locator('#more-line').isHidden(), true, 'everything is shown');
    if (waiting.items.length) {
      const oldest = rows().last();
      assert.match(await oldest.innerText(), /Online geplaatst\s+(\d+ (weken|maanden) geleden|vorige maand)/);
      assert.match(await oldest.innerText(), /Staat online/);
    }
    await checkA11y(page, 'Hulpvragen that wait too long');
    await screenshot(page, 'desk-requests-waiting');
  });

  test('each row says what, where, its status, since when, how it came in and when', async () => {
    await openList('?dorp=beilen&soort=klussen');
    const row = rows().filter({ has: page.getByRole('link', { name: 'Klusjes aan de schuur' }) });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Soort hulp Klussen/);
    assert.match(text, /Dorp Beilen/);
    assert.match(text, /Status Gekoppeld aan een vrijwilliger/);
    assert.match(text, /Online geplaatst (zojuist|\d+ minuten? geleden)/);
    assert.match(text, /Hoe binnengekomen Door de bewoner zelf geplaatst/);
    assert.match(text, /Wanneer Elke week: dinsdagochtend/);

    // A request passed on by a care worker says so.
    const referred = (await asCoordinator('/api/v1/requests?limit=100')).items
      .find((p) => p.intake_channel === 'referral');
    await openList(`?dorp=${referred.place}&soort=${referred.category}`);
    await page.locator(`#request-${referred.id}`).waitFor();
    assert.match(await page.locator(`li[aria-labelledby="request-${referred.id}"]`).innerText(),
      /Doorverwezen door een hulpverlener/);
  });

  test('filters change the list and the address; the address brings them back', async () => {
    const all = await asCoordinator('/api/v1/requests?limit=1');
    await openList();
    await page.evaluate(() => { window.noReload = true; });
    await countSays(`${all.total} hulpvragen. U ziet er nu 50.`);
    assert.equal(await rows().count(), 50);
    await checkA11y(page, 'all Hulpvragen');
    await screenshot(page, 'desk-requests');

    // "Meer laden" reads the next 50 and puts the focus on the first of them.
    await page.getByRole('button', { name: 'Meer laden' }).click();
    await countSays(`${all.total} hulpvragen. U ziet er nu 100.`);
    assert.equal(await rows().count(), 100);
    assert.equal(await page.evaluate(() => document.activeElement.closest('li')
      ?.isSameNode(document.querySelectorAll('#results > li')[50])), true);

    // Status, village, kind of help and order: each goes to the API and the address.
    await page.getByLabel('Status').selectOption({ label: 'Staat online' });
    const open = await asCoordinator('/api/v1/requests?status=open&limit=1');
    await countSays(`${open.total} hulpvragen. U ziet er nu 50.`);
    assert.deepEqual(params(), { status: 'open' });
    await page.getByLabel('Dorp').selectOption({ label: 'Beilen' });
    const inBeilen = await asCoordinator('/api/v1/requests?status=open&place=beilen&limit=100');
    const category = inBeilen.items.at(-1).category;
    await page.getByLabel('Soort hulp').selectOption(category);
    await page.getByLabel('Volgorde').selectOption({ label: 'Oudste eerst' });
    assert.deepEqual(params(), { status: 'open', dorp: 'beilen', soort: category, volgorde: 'oudste' });
    const wanted = await asCoordinator(`/api/v1/requests?status=open&place=beilen&category=${category}&sort=oldest&limit=50`);
    await listShows(wanted.items.map((p) => p.id));
    await countSays(wanted.total === 1 ? '1 hulpvraag.' : `${wanted.total} hulpvragen.`);
    for (const text of await rows().allInnerTexts()) {
      assert.match(text, /Beilen/);
      assert.match(text, /Staat online/);
    }
    await checkA11y(page, 'Hulpvragen, filtered');
    await checkSmallScreens(page, 'desk-requests');
    assert.equal(await page.evaluate(() => window.noReload), true, 'the page never reloaded');

    // A row opens the request in the werkbak; Back comes to the same list.
    const filtered = page.url();
    const first = wanted.items[0];
    await rows().first().getByRole('link', { name: first.title }).click();
    await page.waitForURL(`${baseUrl}/werkbak/hulpvragen/${first.id}`);
    await page.getByRole('heading', { level: 1, name: first.title }).waitFor();
    await page.goBack();
    await page.waitForURL(filtered);
    await countSays(wanted.total === 1 ? '1 hulpvraag.' : `${wanted.total} hulpvragen.`);
    assert.equal(await page.getByLabel('Dorp').inputValue(), 'beilen');
    assert.deepEqual(await rowIds(), wanted.items.map((p) => p.id));

    // The address alone (a bookmark, a link) opens the same list; unknown values are left out.
    const odd = new URL(filtered);
    odd.searchParams.set('dorp', 'atlantis');
    odd.searchParams.set('wacht', 'nee');
    await page.goto(odd.href);
    await count().filter({ hasText: /hulpvra/ }).waitFor();
    assert.equal(await page.getByLabel('Status').inputValue(), 'open');
    assert.equal(await page.getByLabel('Soort hulp').inputValue(), category);
    assert.equal(await page.getByLabel('Volgorde').inputValue(), 'oudste');
    assert.equal(await page.getByLabel('Dorp').inputValue(), '');
    assert.equal(await page.getByLabel(/Alleen wie te lang wacht/).isChecked(), false);
  });
});

describe('the werkbak: Koppelingen whose agreed period ends', () => {
  test('Vandaag leads to the matches ending this month, with the day agreed', async () => {
    const counts = await asCoordinator('/api/v1/desk/today');
    assert.equal(counts.agreements_ending, 1, 'the match agreed until today ends this month');

    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/werkbak`);
    const link = page.getByRole('link', { name: /de afgesproken periode eindigt deze maand/ });
    assert.match(await link.innerText(), /^1\s/);
    await checkA11y(page, 'Vandaag with seven counts');
    await link.click();
    await page.waitForURL(`${baseUrl}/werkbak/koppelingen?status=active&eindigt=${counts.month_end}`);
    await page.getByRole('heading', { level: 1, name: 'Koppelingen' }).waitFor();

    const item = page.locator(`#match-${matches.ending.id}`).locator('xpath=ancestor::article');
    await item.waitFor();
    assert.match(await item.innerText(), new RegExp(`Afgesproken tot ${dutchDay(today)}`));
    assert.equal(await page.locator('.match-item').count(), 1, 'the match agreed until next year is not shown');
    assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), 'active');
    assert.equal(await page.getByLabel('Afgesproken periode eindigt uiterlijk op').inputValue(), counts.month_end);
    const active = page.locator('#ends-active');
    assert.equal(await active.innerText().then((t) => t.includes(
      `U ziet alleen koppelingen waarvan de afgesproken periode uiterlijk op ${dutchDay(counts.month_end)} eindigt.`)), true);
    await checkA11y(page, 'Koppelingen ending this month');
    await screenshot(page, 'desk-matches-ending');
    await checkSmallScreens(page, 'desk-matches-ending');

    // The end filter can be taken away; the status stays, in the address too.
    await page.getByRole('button', { name: 'Toon ook de andere koppelingen' }).click();
    await page.locator(`#match-${matches.later.id}`).waitFor();
    assert.match(await page.locator(`#match-${matches.later.id}`).locator('xpath=ancestor::article').innerText(),
      new RegExp(`Afgesproken tot ${dutchDay(nextYear)}`));
    assert.equal(await active.isHidden(), true);
    assert.deepEqual(params(), { status: 'active' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'count');
    await checkA11y(page, 'Koppelingen, all running');

    // Choosing a day in the form filters too, and lands in the address.
    await page.getByLabel('Afgesproken periode eindigt uiterlijk op').fill(nextYear);
    await page.locator(`#match-${matches.ending.id}`).waitFor();
    assert.deepEqual(params(), { status: 'active', eindigt: nextYear });
    assert.equal(await page.locator('.match-item').count(), 2);
  });
});
