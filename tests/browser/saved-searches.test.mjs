// Browser tests of saved searches (*zoekprofielen*): "Bewaar deze zoekopdracht" on
// the search page (/) and "Mijn zoekopdrachten" on Mijn overzicht (/mijn). A real
// `noaber` server; the resident who posts and the Servicepunt who approves act
// through the API with bearer tokens, and the API (GET /api/v1/me/saved-searches)
// is asked whether it holds what the page said.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl, checkA11y, checkSmallScreens, escapeRegExp, page, screenshot, session, useBrowser, useServer,
} from './harness.mjs';
import {
  addCoordinator, apiOk, approvePost, fillInLogin, logInBrowser, personViaApi,
} from './people.mjs';

const TITLE = 'Wie wandelt met mij en mijn hond?';
const ALERT_HELP = 'U krijgt een e-mail als er een nieuwe oproep bij komt die past. '
  + 'Afmelden kan met één klik onderaan elke e-mail.';
const HOND_WEEKLY = '“hond” — alle soorten hulp — in Beilen en 10 km daaromheen — eens per week per e-mail';
const HOND_MAATJE = '“hond” — Maatje — in Beilen en 10 km daaromheen — meteen per e-mail';

useServer({
  name: 'saved-searches',
  afterStart: async () => {
    const coordinator = await addCoordinator({ name: 'Anja Servicepunt' });
    const resident = await personViaApi({ role: 'resident', name: 'Geesje Hofstra' });
    const post = await apiOk('POST', '/api/v1/requests', {
      title: TITLE,
      description: 'Ik loop niet meer zo makkelijk. Wie gaat een paar keer per week met mij en mijn hond Bello een rondje door Beilen?',
      category: 'maatje',
      place: 'beilen',
      talents: ['wandelen', 'gezelschap'],
      schedule: { kind: 'weekly', slots: [{ day: 'wed', part: 'afternoon' }] },
    }, resident.token);
    await approvePost('requests', post.id, coordinator.token);
    // The search index follows the change log: wait until the post can be found.
    const deadline = Date.now() + 20_000;
    while ((await apiOk('GET', '/api/v1/search?q=hond', undefined, undefined, 200)).total === 0) {
      assert.ok(Date.now() < deadline, 'the new post was not in the search index within 20 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  },
});
useBrowser();

// ---- helpers ----------------------------------------------------------------------

/** Waits until the search page shows the results of its latest search. */
async function waitForResults() {
  await page.waitForFunction(() => {
    const list = document.getElementById('results');
    const h = document.getElementById('results-heading').textContent;
    return !list.hasAttribute('aria-busy') && /^[\d.]+ resulta/.test(h);
  });
}

/** Searches for `words`, in a village within `km` (both optional), as a person does. */
async function searchFor(words, { village, km } = {}) {
  await page.getByLabel(/^(Waar zoekt u hulp bij|Waar wilt u bij helpen)\?$/).fill(words);
  if (village) await page.getByLabel('Dorp', { exact: true }).selectOption({ label: village });
  if (km) await page.getByLabel('Afstand', { exact: true }).selectOption({ label: `binnen ${km} km` });
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await waitForResults();
}

const saveToggle = () => page.locator('summary', { hasText: 'Bewaar deze zoekopdracht' });

/** Opens "Bewaar deze zoekopdracht", chooses how often (a RegExp or text) and presses "Bewaren". */
async function saveThisSearch(often) {
  await saveToggle().click();
  if (often) await page.getByRole('radio', { name: often }).check();
  await page.getByRole('button', { name: 'Bewaren', exact: true }).click();
}

const savedViaApi = (person) => apiOk('GET', '/api/v1/me/saved-searches', undefined, person.token, 200);

/** The saved searches Mijn overzicht lists, as their headings read. */
const savedOnMine = () => page.getByRole('region', { name: 'Mijn zoekopdrachten' }).getByRole('heading', { level: 3 });

// ---- the stories ------------------------------------------------------------------

describe('saved searches (zoekprofielen)', () => {
  test('Sharon logs in from the hint, saves "hond" in Beilen weekly, finds it on Mijn overzicht and deletes it', async () => {
    const sharon = await personViaApi({ role: 'volunteer', name: 'Sharon de Vries' });

    // Before any search there is nothing to save.
    await page.goto(`${baseUrl}/`);
    await waitForResults();
    assert.equal(await page.locator('#save-search').isVisible(), false, 'no save box before a search');

    // A visitor searches and reads that saving needs logging in.
    await searchFor('hond', { village: 'Beilen', km: 10 });
    await page.waitForURL(`${baseUrl}/?q=hond&place=beilen&km=10`);
    await page.getByRole('listitem').filter({ has: page.getByRole('link', { name: TITLE }) }).waitFor();
    const hint = page.getByRole('link', { name: 'Log in om deze zoekopdracht te bewaren' });
    await hint.waitFor();
    assert.equal(await page.locator('.save-visitor').innerText(),
      'Wilt u een e-mail als er een nieuwe oproep bij komt die past? Log in om deze zoekopdracht te bewaren.');
    assert.equal(await hint.getAttribute('href'), `/inloggen?terug=${encodeURIComponent('/?q=hond&place=beilen&km=10')}`);
    assert.equal(await saveToggle().count(), 0, 'a visitor cannot save');
    await checkA11y(page, 'the search page with the log-in hint');
    await checkSmallScreens(page, 'saved-search-visitor');

    // Logging in comes back to the same search.
    await hint.click();
    await page.waitForURL('**/inloggen?terug=*');
    await fillInLogin(page, sharon.email);
    await page.waitForURL(`${baseUrl}/?q=hond&place=beilen&km=10`);
    await waitForResults();
    // A volunteer is asked where they want to help, not what they need help with.
    assert.equal(await page.getByLabel('Waar wilt u bij helpen?').inputValue(), 'hond');
    assert.equal(await page.getByLabel('Dorp', { exact: true }).inputValue(), 'beilen');
    assert.equal(await page.getByLabel('Afstand', { exact: true }).inputValue(), '10');

    // Above the results a link says where saving is: under them. It goes there.
    await page.locator('#save-jump').getByRole('link', { name: 'Bewaar deze zoekopdracht' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Bewaar deze zoekopdracht');
    assert.equal(page.url(), `${baseUrl}/?q=hond&place=beilen&km=10`, 'no # in the address');

    // The form says what will be saved and what happens, once.
    await saveToggle().click();
    const form = page.locator('form.save-form');
    await form.waitFor();
    assert.equal(await form.getByText(/^U bewaart:/).innerText(),
      'U bewaart: “hond” — alle soorten hulp — in Beilen en 10 km daaromheen.');
    await form.getByText(ALERT_HELP, { exact: true }).waitFor();
    assert.equal(await page.getByText('Afmelden kan met één klik').count(), 1, 'explained once');
    await page.getByRole('group', { name: 'Hoe vaak wilt u een e-mail?' }).waitFor();
    await checkA11y(page, 'the open save form');
    await screenshot(page, 'saved-search-form');

    // Not choosing how often is said at the choice.
    await page.getByRole('button', { name: 'Bewaren', exact: true }).click();
    await page.getByRole('alert').getByText('Kies hoe vaak u een e-mail wilt: meteen of eens per week.').waitFor();
    assert.equal(await page.getByRole('radio', { name: /^Meteen/ }).getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'the save form without a choice');

    // Eens per week.
    await page.getByRole('radio', { name: /^Eens per week/ }).check();
    await page.getByRole('button', { name: 'Bewaren', exact: true }).click();
    const done = page.getByRole('status').filter({ hasText: 'Uw zoekopdracht is bewaard.' });
    await done.waitFor();
    assert.deepEqual(await done.locator('p').allInnerTexts(), [
      'Uw zoekopdracht is bewaard.',
      `U hebt bewaard: ${HOND_WEEKLY}.`,
      'U krijgt eens per week een e-mail als er nieuwe oproepen bij zijn gekomen die passen. Afmelden kan met één klik onderaan elke e-mail.',
      'U vindt uw zoekopdrachten onder Mijn overzicht.',
    ]);
    assert.equal(await page.evaluate(() => document.activeElement.textContent.startsWith('Uw zoekopdracht is bewaard.')), true,
      'the message has the focus');
    await checkA11y(page, 'the search page after saving');
    await checkSmallScreens(page, 'saved-search-saved');

    // The API holds what the page said.
    const [weekly] = await savedViaApi(sharon);
    assert.deepEqual(
      { q: weekly.q, categories: weekly.categories, places: weekly.places, within_km: weekly.within_km, frequency: weekly.frequency },
      { q: 'hond', categories: [], places: ['beilen'], within_km: 10, frequency: 'weekly' });

    // The same search again says it is saved, instead of offering it twice.
    await page.reload();
    await waitForResults();
    await page.getByText(`U hebt deze zoekopdracht bewaard: ${HOND_WEEKLY}.`).waitFor();
    assert.equal(await saveToggle().count(), 0);

    // A kind of help too, meteen: a second saved search.
    await page.getByLabel('Soort hulp', { exact: true }).selectOption({ label: 'Maatje' });
    await waitForResults();
    await page.waitForURL(/category=maatje/);
    await saveThisSearch(/^Meteen/);
    await page.getByRole('status').filter({ hasText: `U hebt bewaard: ${HOND_MAATJE}.` }).waitFor();
    assert.equal((await savedViaApi(sharon)).length, 2);

    // Mijn overzicht lists both in words.
    await page.getByRole('status').getByRole('link', { name: 'Mijn overzicht', exact: true }).click();
    await page.waitForURL(`${baseUrl}/mijn#zoekopdrachten`);
    const section = page.getByRole('region', { name: 'Mijn zoekopdrachten' });
    await section.getByRole('list').waitFor();
    assert.deepEqual(await savedOnMine().allInnerTexts(), [HOND_WEEKLY, HOND_MAATJE]);
    await section.getByText(`Met een bewaarde zoekopdracht hoeft u niet steeds zelf te zoeken. ${ALERT_HELP}`).waitFor();
    const weeklyItem = section.getByRole('listitem').filter({ hasText: HOND_WEEKLY });
    assert.match(await weeklyItem.innerText(), /Bewaard op \d{1,2} \p{L}+ \d{4}\./u);
    assert.equal(await weeklyItem.getByRole('link', { name: /^Bekijk wat er nu is/ }).getAttribute('href'),
      '/?q=hond&place=beilen&km=10');
    await checkA11y(page, 'Mijn overzicht with two saved searches');
    await checkSmallScreens(page, 'saved-searches-mine');

    // Verwijderen asks first; "Nee" leaves it, and the focus goes back.
    // Its name says which one (the rest of it is for screen readers only).
    const remove = weeklyItem.getByRole('button', { name: new RegExp(`^Verwijderen ?: ${escapeRegExp(HOND_WEEKLY)}$`) });
    await remove.click();
    assert.equal(await remove.getAttribute('aria-expanded'), 'true');
    const question = weeklyItem.getByText(/^Weet u het zeker\? Dan/);
    await question.waitFor();
    assert.equal(await question.innerText(),
      'Weet u het zeker? Dan krijgt u over deze zoekopdracht geen e-mails meer. U kunt hem later opnieuw bewaren op de zoekpagina.');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.startsWith('Weet u het zeker?')), true,
      'the question has the focus');
    await checkA11y(page, 'the question before deleting');
    await screenshot(page, 'saved-searches-confirm');
    await weeklyItem.getByRole('button', { name: 'Nee, niet verwijderen' }).click();
    assert.equal(await question.isVisible(), false);
    assert.equal(await remove.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'false',
      'the focus is back on Verwijderen');
    assert.equal((await savedViaApi(sharon)).length, 2, 'nothing deleted');

    // "Ja, verwijderen": gone from the page and from the API.
    await remove.click();
    await weeklyItem.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await page.getByRole('status').filter({ hasText: `Uw zoekopdracht is verwijderd: ${HOND_WEEKLY}. U krijgt daarover geen e-mails meer.` }).waitFor();
    assert.deepEqual(await savedOnMine().allInnerTexts(), [HOND_MAATJE]);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Mijn zoekopdrachten');
    assert.deepEqual((await savedViaApi(sharon)).map((s) => s.frequency), ['instant']);
    await checkA11y(page, 'Mijn overzicht after deleting a saved search');

    // The last one: the empty state explains what a saved search is and how to make one.
    const last = section.getByRole('listitem').filter({ hasText: HOND_MAATJE });
    await last.getByRole('button', { name: /^Verwijderen/ }).click();
    await last.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await section.getByText('U hebt nog geen zoekopdrachten bewaard. Zo bewaart u er een:').waitFor();
    await section.getByRole('link', { name: 'zoekpagina' }).waitFor();
    assert.match(await section.innerText(), /Klik boven de resultaten op "Bewaar deze zoekopdracht"/);
    assert.deepEqual(await savedViaApi(sharon), []);
    await checkA11y(page, 'Mijn overzicht without saved searches');
    await checkSmallScreens(page, 'saved-searches-empty');
  });

  test('a search the API refuses shows its Dutch error; ten is the most', async () => {
    const kees = await personViaApi({ role: 'volunteer', name: 'Kees Mulder' });
    await logInBrowser(session.context, kees.email);

    // Only "Hulpvragen": a saved search has no kind of post, so this is an empty search.
    await page.goto(`${baseUrl}/`);
    await waitForResults();
    await page.getByRole('radio', { name: 'Hulpvragen', exact: true }).check();
    await page.waitForURL(`${baseUrl}/?kind=request`);
    await waitForResults();
    await saveToggle().click();
    await page.getByText('Let op: uw keuze bij "Wat wilt u zien?" wordt niet bewaard. '
      + 'U krijgt bericht over alle oproepen die passen: hulpvragen, hulpaanbod en vacatures.').waitFor();
    await page.getByRole('radio', { name: /^Meteen/ }).check();
    await page.getByRole('button', { name: 'Bewaren', exact: true }).click();
    const refused = page.getByRole('alert').getByRole('link', { name: 'Kies ten minste een zoekwoord, een soort hulp of een dorp.' });
    await refused.waitFor();
    assert.deepEqual(await savedViaApi(kees), []);
    await checkA11y(page, 'the save form with the API\'s error');
    await checkSmallScreens(page, 'saved-search-error');
    // The error is about the search itself: its link leads to the search field.
    await refused.click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
    assert.equal(page.url(), `${baseUrl}/?kind=request`);

    // With ten saved, an eleventh is refused in words, with the way to the list.
    for (let n = 1; n <= 10; n += 1) {
      await apiOk('POST', '/api/v1/me/saved-searches', { q: `woord${n}`, frequency: 'weekly' }, kees.token, 201);
    }
    await page.goto(`${baseUrl}/?q=fiets`);
    await waitForResults();
    await saveThisSearch(/^Eens per week/);
    await page.getByRole('alert').getByText('U hebt al 10 zoekopdrachten bewaard. Verwijder er eerst een.').waitFor();
    assert.equal(await page.getByRole('alert').getByRole('link', { name: 'Naar uw zoekopdrachten in Mijn overzicht' })
      .getAttribute('href'), '/mijn#zoekopdrachten');
    assert.equal((await savedViaApi(kees)).length, 10);
    await checkA11y(page, 'the save form at ten saved searches');
  });
});
