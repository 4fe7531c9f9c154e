// Browser test of the public search page, as a resident would use it: a real
// `noaber` server with the demo data, driven through Debian's Chromium.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium
// (run.sh installs it). Screenshots go to artifacts/.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, baseUrl, checkA11y, page, session, useBrowser, useServer } from './harness.mjs';
import { PASSWORD, fillInLogin, logInBrowser, registerViaApi } from './people.mjs';

const FAILED = 'Er ging iets mis bij het zoeken. Probeer het opnieuw.';
// The address of a post's own page.
const POST_PAGE = /\/(hulpvragen|aanbod|vacatures)\/[0-9a-f-]{36}$/;
const PAGES = { request: 'hulpvragen', offer: 'aanbod', vacancy: 'vacatures' };
// What "Wanneer: …" on a result may say.
const WHEN = /^Wanneer: (elke week: \p{L}.*|eenmalig op .+|flexibel, in overleg)$/u;
// Anything that looks like an e-mail address or a Dutch mobile/landline number.
const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i;
const PHONE = /(?:\+31|0031|\b0)[\s-]?6[\s-]?(?:\d[\s-]?){8}\b|\b0\d{2,3}[\s-]?\d{6,7}\b/;

useServer({ name: 'search', demoSeed: 2026 });
useBrowser();

// ---- helpers --------------------------------------------------------------

const heading = () => page.locator('#results-heading');
const cards = () => page.locator('#results > li');

/** Opens the page (optionally with a query string) and waits for the first results. */
async function open(query = '') {
  await page.goto(`${baseUrl}/${query}`);
  await waitForResults();
}

async function waitForResults() {
  await page.waitForFunction(() => {
    const list = document.getElementById('results');
    const h = document.getElementById('results-heading').textContent;
    const failed = document.querySelector('#search-error [role="alert"]');
    return !list.hasAttribute('aria-busy') && (/^[\d.]+ resulta/.test(h) || failed !== null);
  });
}

async function searchFor(text) {
  await page.getByLabel('Waar zoekt u hulp bij?').fill(text);
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await waitForResults();
}

/** "30 resultaten" → 30. */
async function total() {
  const text = await heading().textContent();
  const match = /^([\d.]+) resultaat|^([\d.]+) resultaten/.exec(text);
  assert.ok(match, `no result count in "${text}"`);
  return Number((match[1] || match[2]).replace(/\./g, ''));
}

/** The addresses of the searches `page` asks the API for from now on (a live list). */
function searchesFrom(watched) {
  const searches = [];
  watched.on('request', (r) => { if (r.url().includes('/api/v1/search?')) searches.push(r.url()); });
  return searches;
}

async function chooseAndWait(label, value) {
  await page.getByLabel(label, { exact: true }).selectOption(value);
  await waitForResults();
}

// ---- tests ----------------------------------------------------------------

describe('public search page', () => {
  test('loads in Dutch with landmarks and the search form', async () => {
    await open();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.match(await page.title(), /^Noaber — hulp zoeken en bieden in Midden-Drenthe$/);
    assert.equal((await page.locator('.site-title').textContent()).trim(), 'Noaber — Midden-Drenthe helpt elkaar');
    // The page's own heading is its one <h1>; the site title in the header is not a heading.
    assert.deepEqual(await page.getByRole('heading', { level: 1 }).allTextContents(), ['Hulp zoeken en hulp bieden']);
    assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Zoeken' }).getAttribute('aria-current'), 'page');
    for (const role of ['banner', 'main', 'navigation', 'search']) {
      assert.equal(await page.getByRole(role).count(), 1, `one ${role} landmark`);
    }
    const q = page.getByLabel('Waar zoekt u hulp bij?');
    assert.ok(await q.isVisible());
    assert.match(await q.getAttribute('placeholder'), /boodschappen, hond uitlaten, computerles/);
    for (const kind of ['Alles', 'Hulpvragen', 'Hulpaanbod', 'Vacatures']) {
      assert.ok(await page.getByRole('radio', { name: kind, exact: true }).isVisible(), kind);
    }
    const categories = await page.locator('#category option').allTextContents();
    assert.ok(categories.includes('Boodschappen') && categories.includes('Computerhulp'), categories.join());
    const places = (await page.locator('#place option').allTextContents()).slice(1);
    assert.ok(places.includes('Beilen') && places.includes('Westerbork'));
    assert.deepEqual(places, [...places].sort((a, b) => a.localeCompare(b, 'nl')), 'villages sorted by name');
    assert.deepEqual(await page.locator('#km option').allTextContents(),
      ['alleen dit dorp', 'binnen 5 km', 'binnen 10 km', 'binnen 20 km']);
    const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    assert.ok(fontSize >= 18, `base font ${fontSize}px`);
    assert.ok(await total() > 0, 'the open posts are listed before any search');
    await checkA11y(page, 'the search page before a search');
  });

  test('searching "boodschappen" shows a count and results about boodschappen', async () => {
    await open();
    await searchFor('boodschappen');
    const n = await total();
    assert.ok(n > 20, `expected more than a page of results, got ${n}`);
    assert.match(page.url(), /[?&]q=boodschappen/);
    assert.equal(await cards().count(), 20);
    // How many of each kind, in the words of the kind choice above.
    assert.match(await page.locator('#kind-counts').innerText(), /^Hulpvragen: \d+ · Hulpaanbod: \d+( · Vacatures: \d+)?$/);
    for (const text of await cards().allInnerTexts()) {
      assert.match(text, /boodschap/i, `result not about boodschappen: ${text}`);
      assert.match(text, /^(Hulpvraag|Hulpaanbod|Vacature)/, 'kind label first');
    }
    assert.ok(await page.locator('#results mark').count() > 0, 'matched words are highlighted');
    assert.doesNotMatch(await page.locator('#results').innerText(), /<\/?b>/, 'no raw markup');
    await page.locator('.card-when').first().waitFor();
    await checkA11y(page, 'the search page with results');
    await page.screenshot({ path: join(ARTIFACTS, 'search.png'), fullPage: true, clip: { x: 0, y: 0, width: 1024, height: 1500 } });
  });

  test('the page says why offers come first when the question asks for a helper', async () => {
    await open();
    await searchFor('hond uitlaten');
    const why = page.locator('#preferred');
    assert.equal(await why.isVisible(), false, 'a plain question names no side');
    await searchFor('iemand die mijn hond uitlaat');
    assert.equal(await why.innerText(), 'Hulpaanbod staat bovenaan, want u zoekt iemand die helpt.');
    const first = (await cards().allInnerTexts()).slice(0, 3);
    for (const text of first) assert.match(text, /^Hulpaanbod/, `offers first: ${first}`);
    await checkA11y(page, 'the search page saying why offers come first');
    await searchFor('openstaande hulpvragen voor boodschappen');
    assert.equal(await why.innerText(), 'Hulpvragen staan bovenaan, want u zoekt vragen van inwoners.');
    for (const text of (await cards().allInnerTexts()).slice(0, 3)) assert.match(text, /^Hulpvraag/);
    await searchFor('boodschappen voor een cliënt');
    assert.equal(await why.innerText(), 'Hulpaanbod en vacatures staan bovenaan, want u zoekt een vrijwilliger voor iemand anders.');
    // Asked for a helper, but no help offered matches these words: the line does not
    // promise offers that are not there.
    await searchFor('ik zoek iemand');
    assert.doesNotMatch(await page.locator('#kind-counts').innerText(), /Hulpaanbod/);
    assert.equal(await why.innerText(), 'Er is nu geen hulpaanbod voor deze woorden.');
    // With one kind chosen, there is nothing to explain.
    await page.getByRole('radio', { name: 'Hulpvragen' }).check();
    await waitForResults();
    assert.equal(await why.isVisible(), false);
  });

  test('a village and a distance narrow the results and show distances', async () => {
    await open('?q=boodschappen');
    const all = await total();
    assert.ok(await page.getByLabel('Afstand').isDisabled(), 'distance needs a village first');

    await chooseAndWait('Dorp', { label: 'Beilen' });
    const inBeilen = await total();
    assert.ok(inBeilen > 0 && inBeilen < all, `Beilen: ${inBeilen} of ${all}`);
    for (const place of await page.locator('.card-place').allTextContents()) {
      assert.equal(place, 'Beilen');
    }

    await chooseAndWait('Afstand', { label: 'binnen 5 km' });
    const near = await total();
    assert.ok(near >= inBeilen && near < all, `within 5 km: ${near}, Beilen ${inBeilen}, all ${all}`);
    assert.match(page.url(), /place=beilen/);
    assert.match(page.url(), /km=5/);
    assert.equal(await page.title(), 'Zoeken naar “boodschappen” (binnen 5 km van Beilen) — Noaber');
    for (const place of await page.locator('.card-place').allTextContents()) {
      const match = /^[\p{L} -]+ · (\d+(?:,\d)?) km$/u.exec(place);
      assert.ok(match, `no distance in "${place}"`);
      assert.ok(Number(match[1].replace(',', '.')) <= 5, place);
    }
    assert.ok(await page.locator('.card-place', { hasText: /^Beilen · 0 km$/ }).count() > 0);

    // The state is in the URL: reloading gives the same form and results.
    await page.reload();
    await waitForResults();
    assert.equal(await page.getByLabel('Dorp').inputValue(), 'beilen');
    assert.equal(await page.getByLabel('Afstand').inputValue(), '5');
    assert.equal(await total(), near);
    // Back goes to the previous search.
    await page.goBack();
    await waitForResults();
    assert.equal(await total(), inBeilen);
    assert.equal(await page.getByLabel('Afstand').inputValue(), '');
    // A hand-typed link may write the village with a capital.
    await open('?q=boodschappen&place=Beilen');
    assert.equal(await page.getByLabel('Dorp').inputValue(), 'beilen');
    assert.equal(await page.locator('#place option:checked').textContent(), 'Beilen');
    assert.equal(await total(), inBeilen);
    assert.equal(await page.title(), 'Zoeken naar “boodschappen” (Beilen) — Noaber');
  });

  test('the kinds of help found most come first, the others after "Meer soorten hulp"', async () => {
    await open();
    const more = page.getByRole('button', { name: /^Meer soorten hulp \(\d+\)$/ });
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    const hidden = Number(/\((\d+)\)/.exec(await more.textContent())[1]);
    assert.equal(await page.locator('.chip[data-category]:visible').count(), 5);
    await more.click();
    assert.equal(await page.locator('.chip[data-category]:visible').count(), 5 + hidden);
    const fewer = page.getByRole('button', { name: 'Minder soorten hulp' });
    assert.equal(await fewer.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Minder soorten hulp');
    // Clearing a chosen kind of help that is not among the five: focus stays on a chip that shows.
    await page.getByRole('button', { name: 'Minder soorten hulp' }).click();
    const rare = page.locator('.chip[data-category]').last();
    assert.ok(await rare.isHidden());
    const slug = await rare.getAttribute('data-category');
    await open(`?category=${slug}`);
    await page.locator('.chip[aria-pressed="true"]').click();
    await waitForResults();
    // Focus stays on the chip just pressed, shown though it is not among the first.
    const focused = await page.evaluate(() => ({
      chip: document.activeElement.dataset.category, shown: document.activeElement.offsetParent !== null,
    }));
    assert.deepEqual(focused, { chip: slug, shown: true }, `focus after clearing ${slug}`);
    // Shown all once, the chips stay so for the next search on this page.
    await page.getByRole('button', { name: /^Meer soorten hulp/ }).click();
    await searchFor('hulp');
    assert.equal(await page.getByRole('button', { name: 'Minder soorten hulp' }).count(), 1);
    assert.equal(await page.getByRole('button', { name: /^Meer soorten hulp/ }).count(), 0);
  });

  test('a category chip filters the results', async () => {
    await open('?q=boodschappen');
    const all = await total();
    const more = page.getByRole('button', { name: /^Meer soorten hulp/ });
    if (await more.count()) await more.click();
    const chip = page.locator('.chip', { hasText: /^Respijtzorg \(\d+\)$/ });
    const count = Number(/\((\d+)\)/.exec(await chip.textContent())[1]);
    assert.ok(await page.locator('.chip', { hasText: /^Boodschappen \(\d+\)$/ }).count() === 1);
    await chip.click();
    await waitForResults();
    assert.equal(await total(), count);
    assert.ok(count < all);
    assert.equal(await page.getByLabel('Soort hulp', { exact: true }).inputValue(), 'respijtzorg');
    assert.match(page.url(), /category=respijtzorg/);
    assert.equal(await page.locator('.chip[aria-pressed="true"]').textContent(), `Respijtzorg (${count})`);
    // A screen reader says "Respijtzorg (n), pressed", without the tick drawn before it.
    assert.equal(await page.getByRole('button', { pressed: true }).count(), 1);
    assert.equal(await page.getByRole('button', { name: `Respijtzorg (${count})`, exact: true, pressed: true }).count(), 1);
    for (const category of await page.locator('.card-category').allTextContents()) {
      assert.equal(category, 'Respijtzorg');
    }
    // The other kinds of help stay, with their counts: one press goes to another.
    const shopping = page.locator('.chip', { hasText: /^Boodschappen \(\d+\)$/ });
    const shoppingCount = Number(/\((\d+)\)/.exec(await shopping.textContent())[1]);
    await shopping.click();
    await waitForResults();
    assert.equal(await total(), shoppingCount);
    assert.match(page.url(), /category=boodschappen/);
    assert.equal(await page.locator('.chip[aria-pressed="true"]').textContent(), `Boodschappen (${shoppingCount})`);
    assert.equal(await page.locator('.chip', { hasText: /^Respijtzorg \(\d+\)$/ }).textContent(), `Respijtzorg (${count})`);
  });

  test('"Meer resultaten" appends the next page', async () => {
    await open('?q=boodschappen');
    const n = await total();
    const firstPage = await page.locator('.card-title a').allTextContents();
    assert.equal(firstPage.length, 20);
    await page.getByRole('button', { name: 'Meer resultaten' }).click();
    await page.waitForFunction((want) => document.querySelectorAll('#results > li').length === want,
      Math.min(n, 40));
    const both = await page.locator('.card-title a').allTextContents();
    assert.deepEqual(both.slice(0, 20), firstPage, 'the first page stays in place');
    assert.equal(await total(), n, 'the count does not change');
    if (n <= 40) assert.ok(await page.getByRole('button', { name: 'Meer resultaten' }).isHidden());
  });

  test('results say when help is needed', async () => {
    await open('?kind=request');
    const n = await cards().count();
    assert.ok(n > 0);
    // The search answer says it for every result.
    await page.waitForFunction((want) => document.querySelectorAll('#results .card-when:not([hidden])').length === want, n);
    const lines = await page.locator('.card-when').allInnerTexts();
    for (const line of lines) assert.match(line, WHEN);
    assert.ok(lines.some((line) => line.startsWith('Wanneer: elke week: ')), lines.join('\n'));
    // It is the post's own schedule.
    const href = await cards().first().getByRole('link').getAttribute('href');
    const post = await (await fetch(`${baseUrl}/api/v1/requests/${href.split('/').pop()}`)).json();
    const first = lines[0];
    if (post.schedule.kind === 'weekly') {
      const DAYS = { mon: 'maandag', tue: 'dinsdag', wed: 'woensdag', thu: 'donderdag', fri: 'vrijdag', sat: 'zaterdag', sun: 'zondag' };
      for (const slot of post.schedule.slots) assert.ok(first.includes(DAYS[slot.day]), `${first} lacks ${slot.day}`);
    } else if (post.schedule.kind === 'once') {
      assert.match(first, /^Wanneer: eenmalig op /);
    } else {
      assert.equal(first, 'Wanneer: flexibel, in overleg');
    }
    await page.screenshot({ path: join(ARTIFACTS, 'search-when.png'), clip: { x: 0, y: 0, width: 1024, height: 1400 }, fullPage: true });
  });

  test('a result links to its own page, and back returns to the same list', async () => {
    await open('?q=boodschappen');
    const shown = Math.min(await total(), 40);
    await page.getByRole('button', { name: 'Meer resultaten' }).click();
    await page.waitForFunction((want) => document.querySelectorAll('#results > li').length === want, shown);
    const card = cards().nth(21);
    const title = await card.locator('.card-title a').textContent();
    const link = card.getByRole('link', { name: title });
    assert.match(await link.getAttribute('href'), POST_PAGE);
    await link.click();
    await page.waitForURL(POST_PAGE);

    // Back: the same search, with both pages of results, focus on the post just read.
    await page.goBack();
    await page.waitForURL(/\?q=boodschappen$/);
    await waitForResults();
    await page.waitForFunction((want) => document.querySelectorAll('#results > li').length === want, shown);
    assert.equal(await page.getByLabel('Waar zoekt u hulp bij?').inputValue(), 'boodschappen');
    await page.waitForFunction((t) => document.activeElement?.textContent === t, title);

    // Also when the browser loads the search page afresh instead of keeping it.
    await page.reload();
    await waitForResults();
    await page.waitForFunction((want) => document.querySelectorAll('#results > li').length === want, shown);
    await page.waitForFunction((t) => document.activeElement?.textContent === t, title);
  });

  test('"Terug naar zoeken" on a post\'s page returns to the list as it was', async () => {
    await open('?q=boodschappen');
    const shown = Math.min(await total(), 40);
    await page.getByRole('button', { name: 'Meer resultaten' }).click();
    await page.waitForFunction((want) => document.querySelectorAll('#results > li').length === want, shown);
    const title = await cards().nth(25).locator('.card-title a').textContent();
    await cards().nth(25).getByRole('link', { name: title }).click();
    await page.waitForURL(POST_PAGE);
    const backLink = page.getByRole('link', { name: '← Terug naar zoeken' });
    assert.equal(await backLink.getAttribute('href'), '/?q=boodschappen');
    await backLink.click();
    await page.waitForURL(/\/\?q=boodschappen$/);
    await waitForResults();
    await page.waitForFunction((want) => document.querySelectorAll('#results > li').length === want, shown);
    await page.waitForFunction((t) => document.activeElement?.textContent === t, title);

    // The skip link on the post's page adds a step to the history: "Terug naar
    // zoeken" still goes to the search, not to the post without the step.
    await cards().nth(2).locator('.card-title a').click();
    await page.waitForURL(POST_PAGE);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#main$/);
    await page.getByRole('link', { name: '← Terug naar zoeken' }).click();
    await page.waitForURL(/\/\?q=boodschappen$/);
    await waitForResults();

    // A post's page opened from elsewhere (a link in a mail, say) still leads back
    // to the last search of this tab, as a new visit to that search.
    const href = await cards().first().getByRole('link').getAttribute('href');
    await page.goto(`${baseUrl}${href}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('link', { name: '← Terug naar zoeken' }).click();
    await page.waitForURL(/\/\?q=boodschappen$/);
    await waitForResults();
    assert.equal(await page.getByLabel('Waar zoekt u hulp bij?').inputValue(), 'boodschappen');
  });

  test('back and forward between searches keep the results loaded, focus on the results', async () => {
    await open('?q=hulp');
    const all = await total();
    assert.ok(all > 60, `hulp: ${all}`);
    for (const want of [40, 60]) {
      await page.getByRole('button', { name: 'Meer resultaten' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('#results > li').length === n, want);
    }
    // A chip narrows the search; going back redraws the chips, so the one pressed
    // is gone: focus goes to the results' heading instead of the page's top.
    await page.locator('#chips button[data-category]').first().click();
    await page.waitForURL(/category=/);
    await waitForResults();
    const narrowed = page.url();
    await page.goBack();
    await page.waitForURL(/\?q=hulp$/);
    await waitForResults();
    await page.waitForFunction(() => document.querySelectorAll('#results > li').length === 60);
    assert.equal(await page.locator('#shown').textContent(), `60 van ${all} getoond`);
    await page.waitForFunction(() => document.activeElement?.id === 'results-heading');
    await page.goForward();
    await page.waitForURL(narrowed);
    await waitForResults();
    assert.equal(await cards().count(), Math.min(20, await total()));
    // Reloading keeps them too.
    await page.goBack();
    await page.waitForURL(/\?q=hulp$/);
    await page.reload();
    await waitForResults();
    await page.waitForFunction(() => document.querySelectorAll('#results > li').length === 60);
  });

  test('coming back to a list of more than 100 results shows all of them again', async () => {
    await open('?kind=request');
    const all = await total();
    assert.ok(all > 120, `requests: ${all}`);
    for (let want = 40; want <= 120; want += 20) {
      await page.getByRole('button', { name: 'Meer resultaten' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('#results > li').length === n, want);
    }
    const title = await cards().nth(109).locator('.card-title a').textContent();
    await cards().nth(109).getByRole('link', { name: title }).click();
    await page.waitForURL(POST_PAGE);
    await page.goBack();
    await waitForResults();
    await page.waitForFunction(() => document.querySelectorAll('#results > li').length === 120);
    await page.waitForFunction((t) => document.activeElement?.textContent === t, title);
  });

  test('results of every kind link to the post\'s own page, without contact details', async () => {
    for (const [kind, path] of Object.entries(PAGES)) {
      await open(`?kind=${kind}`);
      const links = await page.locator('.card-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.length > 0, kind);
      // Moving by headings, a screen reader says the kind with the title.
      const label = { request: 'Hulpvraag', offer: 'Hulpaanbod', vacancy: 'Vacature' }[kind];
      const title = await cards().first().locator('.card-title a').textContent();
      assert.equal(await cards().first().getByRole('heading', { level: 3, name: `${label}: ${title}`, exact: true }).count(), 1);
      for (const href of links) assert.match(href, new RegExp(`^/${path}/[0-9a-f-]{36}$`));
      // A vacancy says who offers it; help between neighbours names no organisation.
      const orgs = await page.locator('.card-org').allInnerTexts();
      if (kind === 'vacancy') {
        assert.equal(orgs.length, links.length, 'every vacancy card names its organisation');
        for (const org of orgs) assert.match(org, /^Organisatie: \S/);
      } else {
        assert.deepEqual(orgs, [], kind);
      }
      const text = await page.locator('#results').innerText();
      assert.doesNotMatch(text, EMAIL, `${kind}: e-mail address`);
      assert.doesNotMatch(text, PHONE, `${kind}: phone number`);
    }
  });

  test('an offer\'s page leads residents to the Servicepunt; it asks no volunteer to respond', async () => {
    await open('?kind=offer');
    const title = await cards().first().locator('.card-title a').textContent();
    await cards().first().locator('.card-title a').click();
    await page.waitForURL(/\/aanbod\//);
    const offer = page.url();
    // A visitor, perhaps the resident the offer is for.
    const box = page.locator('.respond-box');
    await box.getByRole('heading', { level: 2, name: 'Wilt u gebruikmaken van dit aanbod?' }).waitFor();
    const tel = await page.locator('header a[href^="tel:"]').first().getAttribute('href');
    assert.equal(await box.locator(`a[href="${tel}"]`).count(), 1, 'the Servicepunt\'s phone, as a link');
    assert.equal(await box.getByRole('link', { name: 'Aanmelden als vrijwilliger' }).count(), 0);
    assert.equal(await box.getByRole('textbox').count(), 0);
    // The header's "Inloggen" comes back to this offer.
    assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Inloggen' }).getAttribute('href'),
      `/inloggen?terug=${encodeURIComponent(new URL(offer).pathname)}`);
    await checkA11y(page, 'an offer\'s page for a visitor');
    // A volunteer is shown the requests instead of a form to "help" a helper.
    const volunteer = await registerViaApi({ name: 'Sanne Hof', role: 'volunteer' });
    await logInBrowser(session.context, volunteer.email);
    await page.reload();
    await box.getByRole('heading', { level: 2, name: 'Wilt u gebruikmaken van dit aanbod?' }).waitFor();
    assert.equal(await box.getByRole('textbox').count(), 0);
    assert.equal(await box.getByRole('link', { name: 'Bekijk de hulpvragen' }).getAttribute('href'), '/?kind=request');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), title);
  });

  test('a volunteer whose session ended while writing logs in again and finds the text back', async () => {
    const volunteer = await registerViaApi({ name: 'Sanne Hof', role: 'volunteer' });
    await logInBrowser(session.context, volunteer.email);
    await open('?kind=request');
    await cards().first().locator('.card-title a').click();
    await page.waitForURL(POST_PAGE);
    const post = page.url();
    const text = 'Hallo, ik help graag op dinsdag.';
    await page.getByRole('textbox', { name: /^Uw bericht aan / }).fill(text);
    await session.context.clearCookies();
    await page.getByRole('button', { name: 'Reageer' }).click();
    const again = page.getByRole('link', { name: 'Log opnieuw in en kom terug naar deze oproep' });
    await again.click();
    await page.waitForURL(/\/inloggen\?terug=/);
    await fillInLogin(page, volunteer.email, PASSWORD);
    await page.waitForURL(post);
    assert.equal(await page.getByRole('textbox', { name: /^Uw bericht aan / }).inputValue(), text);
  });

  test('a post whose kind of help needs a VOG says the volunteer needs it', async () => {
    await open('?kind=request&category=maatje');
    await cards().first().locator('.card-title a').click();
    await page.waitForURL(POST_PAGE);
    await page.getByText('De vrijwilliger heeft voor deze hulp een VOG nodig: een verklaring omtrent het gedrag. '
      + 'Het Servicepunt regelt dit met de vrijwilliger.', { exact: true }).waitFor();
  });

  test('old links to a post on the search page go to the post\'s own page', async () => {
    const id = '0b6f2a1c-1234-4abc-8def-0123456789ab';
    for (const [old, now] of [['requests', 'hulpvragen'], ['offers', 'aanbod'], ['vacancies', 'vacatures']]) {
      await page.goto('about:blank');
      const before = await page.evaluate(() => history.length);
      await page.goto(`${baseUrl}/#/${old}/${id}`);
      await page.waitForURL(`${baseUrl}/${now}/${id}`);
      // Replaced, not added: "back" does not return to the old address.
      assert.equal(await page.evaluate(() => history.length), before + 1, `${old}: the old address left no history entry`);
    }
    // Also when the hash changes on an open search page.
    await open();
    await page.evaluate((i) => { location.hash = `#/requests/${i}`; }, id);
    await page.waitForURL(`${baseUrl}/hulpvragen/${id}`);
  });

  test('works with the keyboard alone', async () => {
    await open();
    const focused = () => page.evaluate(() => {
      const a = document.activeElement;
      return a.id || a.textContent.trim();
    });
    let steps = 0;
    while ((await focused()) !== 'q') {
      assert.ok(++steps < 10, 'Tab never reached the search field');
      await page.keyboard.press('Tab');
    }
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    });
    assert.ok(ring, 'the focused field shows a focus ring');
    await page.keyboard.type('hond uitlaten');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Zoeken', 'Tab moves on to the search button');
    await page.keyboard.press('Enter');
    await waitForResults();
    assert.match(page.url(), /q=hond\+uitlaten|q=hond%20uitlaten/);
    assert.ok(await total() > 0);
    // Tab on to the first result and open it with Enter.
    steps = 0;
    while (!(await page.evaluate(() => document.activeElement.closest('#results') !== null))) {
      assert.ok(++steps < 30, 'Tab never reached the results');
      await page.keyboard.press('Tab');
    }
    const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
    assert.match(href, POST_PAGE);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}${href}`);
  });

  test('"Hoe vaak" keeps only help once, every week or by arrangement, and the address says so', async () => {
    await open();
    const everything = await total();
    const counts = {};
    for (const [value, label, when] of [
      ['once', 'één keer', /^Wanneer: eenmalig op /],
      ['weekly', 'elke week', /^Wanneer: elke week: /],
      ['flexible', 'in overleg', /^Wanneer: flexibel, in overleg$/],
    ]) {
      await page.getByLabel('Hoe vaak').selectOption({ label });
      await page.waitForFunction((v) => new URLSearchParams(location.search).get('frequency') === v, value);
      await waitForResults();
      counts[value] = await total();
      assert.ok(counts[value] > 0, `${label}: the demo has such posts`);
      const whens = await page.locator('#results .card-when').allInnerTexts();
      assert.equal(whens.length, await cards().count(), label);
      for (const text of whens) assert.match(text, when, label);
    }
    assert.equal(counts.once + counts.weekly + counts.flexible, everything, 'every post has one frequency');
    assert.match(await page.title(), /in overleg/);
    await checkA11y(page, 'the search page filtered on how often');
    await page.getByLabel('Hoe vaak').selectOption({ label: 'maakt niet uit' });
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('frequency'));
    await waitForResults();
    assert.equal(await total(), everything);
  });

  test('a search without results says so in Dutch, with what to try and who can help', async () => {
    await open('?place=smilde&kind=vacancy');
    await searchFor('xqzwvy');
    assert.equal(await total(), 0);
    const message = page.locator('#message .message');
    assert.equal(await message.locator('p').first().textContent(), 'Geen resultaten voor "xqzwvy".');
    assert.deepEqual(await message.getByRole('listitem').allTextContents(), [
      'Probeer een ander woord, of minder woorden.',
      'Kies bij "Wat wilt u zien?" voor Alles.',
      'Kies "Alle dorpen", of een grotere afstand.',
    ]);
    assert.equal(await message.getByRole('link', { name: 'Vraag zelf om hulp' }).getAttribute('href'), '/plaatsen/hulpvraag');
    assert.match(await message.getByRole('link', { name: /^\d[\d ]+$/ }).getAttribute('href'), /^tel:/);
    assert.equal(await cards().count(), 0);
    assert.ok(await page.getByRole('button', { name: 'Meer resultaten' }).isHidden());
    await checkA11y(page, 'the search page without results');
  });

  test('a question without a topic lists everything and says why', async () => {
    await open();
    const everything = await total();
    await searchFor('ik wil');
    assert.equal(await total(), everything);
    assert.equal(await page.locator('#message .message').textContent(),
      'Uw vraag noemt geen onderwerp. Daarom ziet u alle oproepen, de nieuwste eerst. '
      + 'Typ bijvoorbeeld: boodschappen, tuin of vervoer.');
    await searchFor('tuin');
    assert.equal(await page.locator('#message').textContent(), '');
  });

  test('a failing search shows the Dutch error and can be retried', async () => {
    await open();
    let fail = true;
    await page.route('**/api/v1/search?*', (route) => (fail
      ? route.fulfill({ status: 500, contentType: 'application/problem+json', body: '{"status":500}' })
      : route.continue()));
    await searchFor('boodschappen');
    assert.equal(await page.getByRole('alert').textContent(), FAILED);
    // Said once: an alert inside a live region would be read twice.
    assert.equal(await page.getByRole('alert').evaluate((a) => a.parentElement.closest('[aria-live]')), null);
    assert.equal(await page.title(), 'Zoeken naar “boodschappen” — Noaber', 'the tab says what was searched');
    await checkA11y(page, 'the search page after a failed search');
    fail = false;
    await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await waitForResults();
    assert.ok(await total() > 0);
    assert.equal(await page.getByRole('alert').count(), 0, 'the error is gone with the results');
  });

  test('snippets are shown as text, only <b> becomes a highlight', async () => {
    await page.route('**/api/v1/search?*', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        total: 1,
        facets: { category: { boodschappen: 1 }, place: { beilen: 1 } },
        items: [{
          kind: 'request', id: '00000000-0000-0000-0000-000000000001', score: 1,
          title: '<img src=x onerror="window.pwned=1">Hulp', category: 'boodschappen',
          place: 'beilen', place_name: 'Beilen',
          schedule: { kind: 'once', date: '2026-12-05', parts: ['morning'] },
          snippet: '&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt; Tom &amp; Jerry <b>boodschappen</b>&amp;lt;',
        }],
      }),
    }));
    const postReads = [];
    page.on('request', (r) => { if (/\/api\/v1\/(requests|offers|vacancies)\//.test(r.url())) postReads.push(r.url()); });
    await open('?q=boodschappen');
    const card = cards().first();
    // A schedule in the search answer is shown without reading the post.
    assert.equal(await card.locator('.card-when').innerText(), "Wanneer: eenmalig op zaterdag 5 december 2026, 's ochtends");
    assert.deepEqual(postReads, []);
    assert.equal(await card.locator('.card-snippet').textContent(),
      '<img src=x onerror="window.pwned=1"> Tom & Jerry boodschappen&lt;');
    assert.equal(await card.locator('.card-snippet mark').textContent(), 'boodschappen');
    assert.equal(await card.locator('.card-title a').textContent(), '<img src=x onerror="window.pwned=1">Hulp');
    assert.equal(await page.locator('#results img').count(), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
  });

  test('an old link with a village we do not know says so, without a pointless retry', async () => {
    await open('?place=assen');
    assert.equal(await page.getByRole('alert').locator('p').first().textContent(),
      'Deze zoekopdracht kunnen we niet uitvoeren. Deze plaats kennen we niet in Midden-Drenthe.');
    assert.equal(await page.getByRole('button', { name: 'Opnieuw proberen' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Begin een nieuwe zoekopdracht' }).getAttribute('href'), '/');
    assert.equal(await page.locator('#place option:checked').textContent(), 'assen (onbekend)');
    await checkA11y(page, 'the search page with a village it does not know');
  });

  test('a village named in the question can be made the filter with one press', async () => {
    await open();
    await searchFor('tuinieren in Smilde');
    const all = await total();
    const named = page.locator('#named-places');
    assert.equal(await named.locator('p').first().textContent(), 'U noemt Smilde in uw vraag.');
    const places = await page.locator('.card-place').allTextContents();
    assert.ok(places.some((p) => p !== 'Smilde'), 'the word alone does not filter');
    await checkA11y(page, 'the search page offering to search only in the village named');
    await named.getByRole('button', { name: 'Zoek alleen in Smilde' }).click();
    await waitForResults();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'results-heading', 'focus goes on, not back to the top');
    assert.equal(await page.getByLabel('Dorp').inputValue(), 'smilde');
    assert.match(page.url(), /place=smilde/);
    const there = await total();
    assert.ok(there > 0 && there < all, `Smilde: ${there} of ${all}`);
    for (const place of await page.locator('.card-place').allTextContents()) assert.equal(place, 'Smilde');
    assert.ok(await named.isHidden(), 'once chosen, nothing to offer');
    await searchFor('boodschappen');
    await page.getByLabel('Dorp').selectOption('');
    await waitForResults();
    assert.ok(await named.isHidden(), 'a question without a village names none');
  });

  test('with one kind chosen, the page says how many of the other kinds there are', async () => {
    await open('?q=boodschappen');
    const counts = Object.fromEntries([...(await page.locator('#kind-counts').innerText())
      .matchAll(/(Hulpvragen|Hulpaanbod|Vacatures): (\d+)/g)].map((m) => [m[1], Number(m[2])]));
    await page.getByRole('radio', { name: 'Hulpaanbod' }).check();
    await waitForResults();
    assert.equal(await total(), counts.Hulpaanbod);
    const others = Object.entries(counts).filter(([kind]) => kind !== 'Hulpaanbod')
      .map(([kind, n]) => `${kind}: ${n}`).join(' · ');
    assert.equal(await page.locator('#kind-counts').innerText(), `Ook gevonden: ${others}. Kies "Alles" om alles te zien.`);
  });

  test('stepping through the kinds with arrow keys searches once the choice is made', async () => {
    await open('?q=boodschappen');
    const searches = searchesFrom(page);
    await page.getByRole('radio', { name: 'Alles' }).focus();
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
    assert.ok(await page.getByRole('radio', { name: 'Vacatures' }).isChecked());
    // A screen reader says each choice: nothing searches while the person steps
    // (well past the moment a mouse choice searches).
    await page.waitForTimeout(600);
    assert.equal(searches.length, 0, searches.join('\n'));
    assert.equal(new URL(page.url()).search, '?q=boodschappen');
    // Leaving the group makes the choice: one search, one step in the history.
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => /kind=vacancy/.test(location.search));
    await waitForResults();
    assert.equal(searches.length, 1, searches.join('\n'));
    assert.match(searches[0], /kind=vacancy/);
    await page.goBack();
    await waitForResults();
    assert.equal(new URL(page.url()).search, '?q=boodschappen', 'one step back is the search before');
  });

  test('a village chosen with the arrow keys is searched on Enter, once', async () => {
    await open('?q=boodschappen');
    const searches = searchesFrom(page);
    const village = page.getByLabel('Dorp', { exact: true });
    await village.focus();
    // A step key that changes nothing (up from the first choice) leaves nothing
    // waiting: the next choice, made otherwise, searches at once.
    await page.keyboard.press('ArrowUp');
    assert.equal(await village.inputValue(), '');
    await chooseAndWait('Dorp', { label: 'Beilen' });
    assert.match(page.url(), /place=beilen/);
    await page.goBack();
    await waitForResults();
    await village.focus();
    searches.length = 0;
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
    const chosen = await village.inputValue();
    assert.ok(chosen, 'the arrow keys chose a village');
    await page.waitForTimeout(600);
    assert.equal(searches.length, 0, searches.join('\n'));
    await page.keyboard.press('Enter');
    await page.waitForFunction((slug) => location.search.includes(`place=${slug}`), chosen);
    await waitForResults();
    assert.equal(searches.length, 1, searches.join('\n'));
    assert.ok(await page.getByLabel('Afstand').isEnabled(), 'a distance can be chosen now');
    for (const place of await page.locator('.card-place').allTextContents()) {
      assert.equal(place, await village.locator('option:checked').textContent());
    }
    // A mouse or finger choice searches at once.
    await chooseAndWait('Dorp', { label: 'Alle dorpen' });
    assert.equal(new URL(page.url()).search, '?q=boodschappen');
  });

  test('care terms are explained: under "Soort hulp" and in a list of all kinds of help', async () => {
    await open();
    const help = page.locator('#category-help');
    assert.equal(await help.textContent(), '');
    await chooseAndWait('Soort hulp', { label: 'Respijtzorg' });
    assert.match(await help.textContent(), /^Even de zorg overnemen van een mantelzorger/);
    assert.equal(await page.getByLabel('Soort hulp', { exact: true }).getAttribute('aria-describedby'), 'category-help');
    // The three kinds of post, said once under the choice between them.
    const kinds = page.getByRole('group', { name: 'Wat wilt u zien?' });
    assert.equal(await kinds.getAttribute('aria-describedby'), 'kinds-help');
    assert.equal((await page.locator('#kinds-help').innerText()).replace(/\s+/g, ' '),
      'Hulpvraag: iemand zoekt hulp. Hulpaanbod: iemand wil helpen. Vacature: een organisatie zoekt vrijwilligers.');
    await page.getByText('Wat betekenen de soorten hulp?').click();
    const terms = page.locator('#terms-list');
    assert.ok(await terms.isVisible());
    const names = await terms.locator('dt').allTextContents();
    for (const term of ['Maatje', 'Respijtzorg', 'Bezoekwerk', 'Taalmaatje']) assert.ok(names.includes(term), names.join());
    assert.match(await terms.innerText(), /Maatje\nEen maatje doet regelmatig iets samen met iemand/);
    await checkA11y(page, 'the search page with the kinds of help explained');
  });

  test('a question that reaches the most the field takes says so', async () => {
    await open();
    const q = page.getByLabel('Waar zoekt u hulp bij?');
    await q.fill('Mijn moeder woont alleen in Beilen en kan niet meer zelf boodschappen doen. '.repeat(4));
    assert.equal((await q.inputValue()).length, 200);
    assert.match(await page.locator('#q-limit').textContent(), /^U kunt hier niet meer dan 200 tekens typen/);
    assert.equal(await q.getAttribute('aria-describedby'), 'q-limit');
    await q.fill('boodschappen');
    assert.equal(await page.locator('#q-limit').textContent(), '');
  });

  test('on a phone, "Zoeken" moves to the results; no sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 700 });
    await open('?place=beilen&km=10');
    const overflow = await page.evaluate(() =>
      document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    await page.getByLabel('Waar zoekt u hulp bij?').fill('boodschappen');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await waitForResults();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'results-heading', 'focus on the results heading');
    const top = await heading().evaluate((h) => h.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 100, `the results heading is at the top of the screen (${top}px)`);
    assert.ok(await page.evaluate(() => window.scrollY) > 200, 'the page scrolled down to the results');
    assert.match(await heading().textContent(), /^[\d.]+ resultaten?$/);
    // The first result is on the screen: counts, the saving line and the chips leave room.
    const first = await cards().first().locator('.card-title').evaluate((t) => t.getBoundingClientRect().bottom);
    assert.ok(first <= 700, `the first result's title ends at ${first}px on a 700px screen`);
    await page.screenshot({ path: join(ARTIFACTS, 'search-mobile.png'), fullPage: false });
    await page.screenshot({ path: join(ARTIFACTS, 'search-mobile-full.png'), fullPage: true });

    // On a wide screen the results are in view already: nothing moves.
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByLabel('Waar zoekt u hulp bij?').fill('hond');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await waitForResults();
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Zoeken');
  });

  test('on a phone, a filter says next to it what it changed and leads to the results', async () => {
    await page.setViewportSize({ width: 375, height: 700 });
    await open('?q=brieven');
    const status = page.locator('#filter-status');
    assert.equal(await status.isVisible(), false, 'nothing to say before a filter is chosen');
    // As a person does: the field is on the screen when they choose.
    await page.getByLabel('Soort hulp', { exact: true }).evaluate((s) => s.scrollIntoView({ block: 'start' }));
    await chooseAndWait('Soort hulp', { label: 'Administratie' });
    const n = await total();
    assert.ok(await status.isVisible());
    assert.equal(await status.innerText(), `${n} ${n === 1 ? 'resultaat' : 'resultaten'}. Bekijk de resultaten`);
    const box = await status.boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 700, `the line is on the screen (${box.y}px)`);
    await checkA11y(page, 'the search page on a phone after choosing a filter');
    await page.screenshot({ path: join(ARTIFACTS, 'search-mobile-filter.png'), fullPage: false });
    await status.getByRole('link', { name: 'Bekijk de resultaten' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'results-heading');
    const top = await heading().evaluate((h) => h.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 100, `the results heading is at the top of the screen (${top}px)`);
    // "Zoeken" moves to the results itself: the line goes.
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await waitForResults();
    assert.equal(await status.isVisible(), false);
    // On a wide screen the results are in view: no such line.
    await page.setViewportSize({ width: 1024, height: 900 });
    await chooseAndWait('Soort hulp', { label: 'Alle soorten hulp' });
    assert.equal(await status.isVisible(), false);
  });
});
