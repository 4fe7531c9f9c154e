// Browser tests of the werkbak's Weekvoorstel (/werkbak/weekvoorstel). Through the API
// the Wijster story is set up: Anna lives in Wijster, travels far and takes one match
// at a time; Bert lives in Beilen and travels 4 km. Anna is the first choice for the
// dog-walking request in Beilen, but she is the only one who can reach the one in
// Wijster; a third request wants Saturday morning, when nobody can. The Servicepunt
// reads the plan as a person does (the summary, the pairs by heading, the why, the
// list of requests without a volunteer), proposes one pair with its button, filters
// on a village (kept in the address), and sees the choice counted in the Jaarcijfers.
// The page passes axe, fits a phone and 200% zoom; anyone else reads one sentence.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl, checkA11y, checkSmallScreens, page, screenshot, session, useBrowser, useServer,
} from './harness.mjs';
import { addCoordinator, apiOk, approvePost, logInBrowser, personViaApi } from './people.mjs';

const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' })
  .format(new Date()));

let coordinator;
let anna;

/** A volunteer with a VOG, free on Tuesday afternoons. */
async function volunteer(name, place, talents, km, max) {
  const person = await personViaApi({ role: 'volunteer', name });
  await apiOk('PUT', '/api/v1/me/volunteer-profile', {
    talents, interests: [], languages: [], place,
    availability: [{ day: 'tue', part: 'afternoon' }], max_distance_km: km, max_active_matches: max, bio: '',
  }, person.token);
  await apiOk('PUT', `/api/v1/volunteers/${person.id}/vog`, { status: 'valid', issued_on: `${thisYear - 1}-06-01` },
    coordinator.token, [200, 204]);
  return person;
}

/** A dog-walking request (maatje) in `place`, approved. */
async function dogWalk(resident, title, place, slot = { day: 'tue', part: 'afternoon' }) {
  const post = await apiOk('POST', '/api/v1/requests', {
    title,
    description: 'Mijn hond moet elke week een uurtje naar buiten. Ik ben slecht ter been.',
    category: 'maatje', place, talents: ['hond-uitlaten'],
    schedule: { kind: 'weekly', slots: [slot] },
  }, resident.token);
  await approvePost('requests', post.id, coordinator.token);
  return post;
}

useServer({
  name: 'desk-plan',
  afterStart: async () => {
    coordinator = await addCoordinator({ name: 'Anja Servicepunt' });
    anna = await volunteer('Anna Wijster', 'wijster', ['hond-uitlaten'], 20, 1);
    await volunteer('Bert Beilen', 'beilen', ['wandelen'], 4, 2);
    const resident = await personViaApi({ role: 'resident', name: 'Inge Bakker' });
    await dogWalk(resident, 'Hond uitlaten in Beilen', 'beilen');
    await dogWalk(resident, 'Hond uitlaten in Wijster', 'wijster');
    await dogWalk(resident, 'Zaterdagochtend met de hond', 'beilen', { day: 'sat', part: 'morning' });
  },
});
useBrowser();

async function openPlan(query = '') {
  await logInBrowser(session.context, coordinator.email);
  await page.goto(`${baseUrl}/werkbak/weekvoorstel${query}`);
  await page.getByRole('heading', { level: 1, name: 'Weekvoorstel' }).waitFor();
  await page.locator('#summary').filter({ hasText: /hulpvra/ }).waitFor();
}

/** The items of the list named `name` that have a heading (not the reasons inside them). */
const items = (name) => page.getByRole('list', { name }).getByRole('listitem')
  .filter({ has: page.getByRole('heading', { level: 3 }) });
const pairs = () => items('Voorgestelde koppelingen');
const gaps = () => items('Hulpvragen zonder vrijwilliger');

describe('the werkbak: Weekvoorstel', () => {
  test('only a coordinator sees the plan', async () => {
    const someone = await personViaApi({ role: 'volunteer', name: 'Vera Vrijwilliger' });
    await logInBrowser(session.context, someone.email);
    await page.goto(`${baseUrl}/werkbak/weekvoorstel`);
    await page.getByText('Deze pagina is alleen voor het Servicepunt.').waitFor();
    assert.equal(await page.getByRole('listitem').filter({ hasText: 'Hond uitlaten' }).count(), 0);
    await checkA11y(page, 'Weekvoorstel for a volunteer');
  });

  test('the plan helps two requests where one by one helps one, and says why', async () => {
    await openPlan();
    const nav = page.getByRole('navigation', { name: 'Werkbak' });
    assert.equal(await nav.getByRole('link', { name: 'Weekvoorstel' }).getAttribute('aria-current'), 'page');
    assert.equal(await page.locator('#summary').textContent(),
      '2 van de 3 open hulpvragen krijgen een vrijwilliger. Als u ze één voor één de eerste keus geeft, zijn dat er 1.');
    assert.equal(await pairs().count(), 2);
    const beilen = pairs().filter({ has: page.getByRole('heading', { name: /Hond uitlaten in Beilen/ }) });
    assert.match(await beilen.getByRole('heading').textContent(), /Bert Beilen/);
    assert.match(await beilen.textContent(), /De eerste keus, Anna Wijster, is in dit voorstel nodig voor “Hond uitlaten in Wijster” in Wijster\. Anna Wijster is de enige die daar past\./);
    assert.match(await beilen.textContent(), /2e keus/);
    // Until when the VOG counts, for help that may go on for a while.
    assert.match(await beilen.innerText(), new RegExp(`VOG\\s+geldig tot 1 juni ${new Date().getFullYear() + 2}`));
    const wijster = pairs().filter({ has: page.getByRole('heading', { name: /Hond uitlaten in Wijster/ }) });
    assert.match(await wijster.textContent(), /Anna Wijster is de enige die bij deze hulpvraag past\./);
    assert.equal(await gaps().count(), 1);
    assert.match(await gaps().first().textContent(), /Zaterdagochtend met de hond.*Niemand/);
    await checkA11y(page, 'Weekvoorstel');
    await screenshot(page, 'desk-plan');
    await checkSmallScreens(page, 'desk-plan');
  });

  test('a village filter is kept in the address', async () => {
    await openPlan();
    await page.getByLabel('Dorp').selectOption({ label: 'Wijster' });
    await page.locator('#summary').filter({ hasText: '1 van de 1 open hulpvraag krijgen een vrijwilliger.' }).waitFor();
    assert.match(page.url(), /dorp=wijster/);
    await page.reload();
    await page.locator('#summary').filter({ hasText: '1 van de 1 open hulpvraag' }).waitFor();
    assert.equal(await page.getByLabel('Dorp').inputValue(), 'wijster');
  });

  test('proposing one pair uses the match route and the figures count the choice', async () => {
    await openPlan();
    const wijster = pairs().filter({ has: page.getByRole('heading', { name: /Hond uitlaten in Wijster/ }) });
    await wijster.getByRole('button', { name: 'Kies Anna Wijster' }).click();
    await wijster.getByRole('status').filter({ hasText: 'Anna Wijster is gekozen voor “Hond uitlaten in Wijster”.' }).waitFor();
    assert.equal(await wijster.getByRole('link', { name: 'Naar de koppeling' }).count(), 1);
    await checkA11y(page, 'Weekvoorstel after proposing');

    const matches = await apiOk('GET', `/api/v1/matches?volunteer=${anna.id}`, undefined, coordinator.token);
    assert.equal(matches.items.length, 1);

    await page.reload();
    await page.locator('#summary').filter({ hasText: 'van de 2 open hulpvragen' }).waitFor();
    assert.equal(await pairs().filter({ hasText: 'Hond uitlaten in Wijster' }).count(), 0);

    await page.goto(`${baseUrl}/werkbak/cijfers`);
    const table = page.getByRole('table', { name: 'Koppelingen voorgesteld door het Servicepunt', exact: true });
    await table.waitFor();
    const rows = await table.evaluate((t) => [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim())));
    assert.deepEqual(rows[0], [String(thisYear), '1', '100%', '1,00']);
    await screenshot(page, 'desk-report-suggestions');
  });
});
