// Browser tests of posting in steps (post-form.html: /plaatsen/hulpvraag, /aanbod,
// /vacature and /mijn/oproepen/{id}/aanpassen) and Mijn overzicht (mine.html, /mijn),
// as the people who use them: Inge registers, confirms her address with the link
// from the real .eml, asks for help on Tuesday mornings, changes her request, sees
// it go online after the coordinator's review, and withdraws a request; a second
// resident does it all with the keyboard only; an organisation posts a vacancy.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium.
// Screenshots go to artifacts/.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl, browser, checkA11y, checkSmallScreens, closePage, openPage, page, screenshot, server, useBrowser, useServer,
  waitForMailLink,
} from './harness.mjs';
import {
  addCoordinator, api, apiToken, approvePost, fillInLogin, fillInRegistration, registerViaApi,
} from './people.mjs';

const WHAT_NEXT = 'Het Servicepunt bekijkt uw vraag, meestal binnen 2 werkdagen. U krijgt een e-mail als uw vraag online staat.';
const XSS = '<img src=x onerror=alert(1)>';

let coordinatorToken;
const inge = { name: 'Inge Bakker', email: `inge.${process.pid}@example.nl` };
let sharon; // the volunteer who responds to Inge's request

useServer({
  name: 'posting',
  afterStart: async () => {
    coordinatorToken = (await addCoordinator({ name: 'Carla Coördinator' })).token;
  },
});
useBrowser(); // an alert() fails the test: it would mean a script from a title ran

// ---- page helpers ------------------------------------------------------------------

const main = () => page.locator('main');
const focused = () => page.evaluate(() => {
  const node = document.activeElement;
  return { id: node?.id || '', text: (node?.textContent || '').trim().replace(/\s+/g, ' '), tag: node?.tagName || '' };
});
const stepHeading = () => page.locator('.step:not([hidden]) h2');

async function registerInBrowser(person, roleLabel) {
  await page.goto(`${baseUrl}/aanmelden`);
  await fillInRegistration(page, {
    choice: new RegExp(roleLabel), name: person.name, email: person.email, organisation: person.organisation,
  });
  await page.getByText('Uw account is aangemaakt.').waitFor();
}

async function logIn(person, target = '/mijn') {
  await page.goto(`${baseUrl}/inloggen?terug=${encodeURIComponent(target)}`);
  await fillInLogin(page, person.email);
  await page.waitForURL((url) => url.pathname === target.split('?')[0]);
}

/** Waits for step `n` of `total` and checks its heading has the focus. */
async function atStep(n, total, name) {
  const heading = stepHeading();
  await heading.waitFor();
  const text = (await heading.textContent()).replace(/\s+/g, ' ').trim();
  assert.ok(text.startsWith(`Stap ${n} van ${total}:`), `step heading: ${text}`);
  if (name) assert.ok(text.includes(name), `step heading "${text}" names ${name}`);
  assert.equal(new URL(page.url()).searchParams.get('stap') || '1', String(n), 'the step is in the address');
  return text;
}

const next = () => page.locator('.step:not([hidden])').getByRole('button', { name: 'Volgende' }).click();

/** Fills the What step. */
async function fillWhat({ category, title, description }) {
  await page.getByRole('radio', { name: category, exact: true }).check();
  await page.getByLabel(/korte titel/).fill(title);
  await page.getByLabel(/^(Vertel|Beschrijf)/).fill(description);
}

/** Presses Tab (or Shift+Tab) until `test(activeElement)` holds; fails after `max` presses. */
async function tabUntil(description, predicate, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const hit = await page.evaluate(predicate);
    if (hit) return;
  }
  throw new Error(`Tab never reached ${description}`);
}
const activeIs = (id) => new Function(`return document.activeElement?.id === ${JSON.stringify(id)};`);
const activeButton = (name) => new Function(`const n = document.activeElement;
  return n?.tagName === 'BUTTON' && n.textContent.trim() === ${JSON.stringify(name)};`);

async function postIdFromMine(title) {
  const href = await page.getByRole('link', { name: title, exact: true }).getAttribute('href');
  const match = /^\/hulpvragen\/(.+)$/.exec(href);
  assert.ok(match, `the title links to its page: ${href}`);
  return match[1];
}

function postItem(title) {
  return page.locator('#post-list > li').filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

// ---- the stories ---------------------------------------------------------------------

describe('posting and Mijn overzicht', () => {
  test('Inge registers, confirms her address, asks for help on Tuesday mornings in steps, edits it, and sees it online after review', async () => {
    await registerInBrowser(inge, 'Ik zoek hulp');
    const link = await waitForMailLink(server.dataDir, inge.email, 'Bevestig', '/bevestigen#');
    await page.goto(link);
    await page.getByText('Uw e-mailadres is bevestigd.').waitFor();
    // Logged in here: the way on is her own overview, not the start page.
    await page.getByRole('link', { name: 'Verder naar Mijn overzicht' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Verder naar Mijn overzicht' }).getAttribute('href'), '/mijn');

    // A visitor who is not logged in is sent to log in first (another browser).
    const stranger = await openPage(browser, baseUrl);
    await stranger.page.goto(`${baseUrl}/plaatsen/hulpvraag`);
    await stranger.page.waitForURL((url) => url.pathname === '/inloggen');
    assert.equal(new URL(stranger.page.url()).searchParams.get('terug'), '/plaatsen/hulpvraag');
    await closePage(stranger);

    await page.goto(`${baseUrl}/plaatsen/hulpvraag`);
    assert.equal(await page.locator('h1').textContent(), 'Hulp vragen');
    await atStep(1, 5, 'Waar zoekt u hulp bij?');
    // Every category says in plain words what it is; VOG is explained once.
    assert.match(await page.locator('#category-respijtzorg-help').textContent(), /zorg overnemen van een mantelzorger/);
    assert.match(await page.locator('#vog-help').textContent(), /verklaring omtrent het gedrag/);
    assert.equal(await page.locator('#category-maatje-vog').textContent(), 'VOG nodig');
    assert.match(await page.locator('#category-maatje').getAttribute('aria-describedby'), /category-maatje-vog/);
    assert.match(await page.locator('#description-privacy').textContent(), /geen adres, telefoonnummer/);
    await checkA11y(page, 'posting step 1 (what)');

    // Forgetting the title: the message stands next to the field.
    await page.getByRole('radio', { name: 'Maatje', exact: true }).check();
    await next();
    await page.getByRole('alert').waitFor();
    assert.match(await page.locator('#title').evaluate((n) => n.getAttribute('aria-invalid')), /true/);
    await fillWhat({
      category: 'Maatje',
      title: 'Wie laat mijn hond uit?',
      description: 'Eén keer per week een uurtje wandelen met Bobbie, mijn hond. Hij is lief en rustig.',
    });
    await next();

    await atStep(2, 5, 'Waar is de hulp nodig?');
    assert.equal((await focused()).id, 'where-heading', 'the new step heading has the focus');
    await page.getByLabel('In welk dorp?').selectOption({ label: 'Beilen' });
    await checkA11y(page, 'posting step 2 (where)');
    await next();

    await atStep(3, 5, 'Wanneer?');
    const tuesdayMorning = page.getByRole('checkbox', { name: 'Dinsdagochtend' });
    await tuesdayMorning.check();
    // The grid is a table: each box sits under its day-part column and in its day row.
    assert.deepEqual(await tuesdayMorning.evaluate((box) => {
      const cell = box.closest('td');
      const row = cell.parentElement;
      const table = cell.closest('table');
      return [row.querySelector('th[scope="row"] .day-long').textContent,
        table.querySelectorAll('thead th')[cell.cellIndex].textContent];
    }), ['Dinsdag', 'Ochtend']);
    await checkA11y(page, 'posting step 3 (when, weekly grid)');
    await checkSmallScreens(page, 'posting-step-when');

    // The browser's back button goes to the previous step, and nothing is lost.
    await page.goBack();
    await atStep(2, 5);
    assert.equal(await page.getByLabel('In welk dorp?').inputValue(), 'beilen');
    await page.goForward();
    await atStep(3, 5);
    assert.equal(await tuesdayMorning.isChecked(), true);
    // A reload keeps the step and what was filled in (this tab only).
    await page.reload();
    await atStep(3, 5);
    assert.equal(await tuesdayMorning.isChecked(), true);
    assert.equal(await page.locator('#title').inputValue(), 'Wie laat mijn hond uit?');
    await next();

    await atStep(4, 5, 'Voor wie is de hulp?');
    assert.equal(await page.getByRole('radio', { name: 'Voor mijzelf' }).isChecked(), true);
    await page.getByRole('radio', { name: /Voor iemand anders/ }).check();
    assert.match(await page.locator('#other-privacy').textContent(), /staan nooit op de website.*Daarna krijgt de vrijwilliger ze, tenzij u hieronder kiest dat de vrijwilliger u belt\./s);
    assert.equal(await page.getByRole('radio', { name: /^Deze persoon zelf/ }).isChecked(), true);
    await checkA11y(page, 'posting step 4 (for whom)');
    await page.getByRole('radio', { name: 'Voor mijzelf' }).check();
    await next();

    await atStep(5, 5, 'Controleer en verstuur');
    const summary = page.locator('#summary');
    assert.match(await summary.textContent(), /Wie laat mijn hond uit\?/);
    assert.match(await summary.textContent(), /Beilen/);
    assert.match(await summary.textContent(), /[Ee]lke week\b.*dinsdagochtend/);
    assert.match(await summary.textContent(), /Mijzelf/);
    await checkA11y(page, 'posting step 5 (check)');
    // "Wijzig" goes back to that step, and "Naar controleren" comes back.
    await page.getByRole('link', { name: 'Wijzig dorp' }).click();
    await atStep(2, 5);
    await page.getByRole('button', { name: 'Naar controleren' }).click();
    await atStep(5, 5);
    await page.getByRole('button', { name: 'Hulpvraag versturen' }).click();

    const done = page.getByRole('heading', { name: 'Uw hulpvraag is verstuurd' });
    await done.waitFor();
    assert.equal((await focused()).id, 'done-heading');
    assert.match(await page.locator('#done').textContent(), new RegExp(WHAT_NEXT.replace(/[.?]/g, '\\$&')));
    assert.ok(await page.getByRole('link', { name: 'Nog een hulpvraag plaatsen' }).isVisible());
    await checkA11y(page, 'posting done');
    await screenshot(page, 'posting-done');

    await page.getByRole('link', { name: 'Naar Mijn overzicht' }).click();
    await page.waitForURL(`${baseUrl}/mijn`);
    await page.getByText('Welkom, Inge.').waitFor();
    assert.equal(await page.locator('#verify').textContent(), '', 'a confirmed address needs no reminder');
    const item = postItem('Wie laat mijn hond uit?');
    await item.waitFor();
    assert.match(await item.textContent(), /Status: Wacht op controle/);
    assert.match(await item.textContent(), /Hulpvraag/);
    assert.match(await item.textContent(), /[Ee]lke week\b.*dinsdagochtend/);
    await checkA11y(page, 'Mijn overzicht with a post');
    await checkSmallScreens(page, 'posting-mine');

    // Change the title.
    await item.getByRole('link', { name: /^Aanpassen/ }).click();
    await page.waitForURL(/\/mijn\/oproepen\/.+\/aanpassen/);
    await atStep(1, 5);
    assert.equal(await page.locator('h1').textContent(), 'Hulpvraag aanpassen');
    assert.equal(await page.getByLabel(/korte titel/).inputValue(), 'Wie laat mijn hond uit?');
    assert.equal(await page.getByRole('radio', { name: 'Maatje', exact: true }).isChecked(), true);
    await checkA11y(page, 'posting edit, step 1');
    await screenshot(page, 'posting-edit');
    await page.getByLabel(/korte titel/).fill('Wie wandelt met mijn hond Bobbie?');
    await page.getByRole('button', { name: 'Naar controleren' }).click();
    await atStep(5, 5);
    assert.match(await page.locator('#summary').textContent(), /Wie wandelt met mijn hond Bobbie\?/);
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.getByRole('heading', { name: 'Uw wijzigingen zijn opgeslagen' }).waitFor();
    await page.getByRole('link', { name: 'Naar Mijn overzicht' }).click();
    const changed = postItem('Wie wandelt met mijn hond Bobbie?');
    await changed.waitFor();
    assert.match(await changed.textContent(), /Wacht op controle/);
    assert.equal(await postItem('Wie laat mijn hond uit?').count(), 0);

    // The coordinator approves it; Inge reloads and sees it online.
    const id = await postIdFromMine('Wie wandelt met mijn hond Bobbie?');
    await approvePost('requests', id, coordinatorToken);
    await page.reload();
    const online = postItem('Wie wandelt met mijn hond Bobbie?');
    await online.waitFor();
    assert.match(await online.textContent(), /Status: Staat online/);

    // Editing a published request says it goes back to review.
    await online.getByRole('link', { name: /^Aanpassen/ }).click();
    await page.getByText('Let op: deze oproep staat nu online.').waitFor();
  });

  test('a field error from the API is shown next to its field, on the step that holds it, and announced', async () => {
    await logIn(inge, '/plaatsen/hulpvraag');
    await atStep(1, 5);
    await fillWhat({ category: 'Boodschappen', title: 'Boodschappen op vrijdag', description: 'x'.repeat(5001) });
    // The shopping service's rules, said when it is chosen.
    const rules = await page.locator('#category-conditions').innerText();
    assert.match(rules, /Boodschappen: voor wie is deze hulp\?/);
    assert.match(rules, /U kunt uw boodschappen niet online bestellen\./);
    assert.match(rules, /Bel dan het Servicepunt/);
    await checkA11y(page, 'the shopping service\'s rules');
    await page.getByRole('radio', { name: 'Klussen', exact: true }).check();
    assert.equal(await page.locator('#category-conditions').innerText(), '', 'odd jobs have no such rules');
    await page.getByRole('radio', { name: 'Boodschappen', exact: true }).check();
    assert.match(await page.locator('#description-count').textContent(), /1 teken te lang/);
    await next();
    await page.getByLabel('In welk dorp?').selectOption({ label: 'Smilde' });
    await next();
    await page.getByRole('radio', { name: /Eén keer/ }).check();
    await page.getByLabel('Op welke datum?').fill('2020-01-01');
    await page.getByRole('checkbox', { name: 'Ochtend', exact: true }).check();
    await next();
    await next();
    await atStep(5, 5);
    await page.getByRole('button', { name: 'Hulpvraag versturen' }).click();

    // Back on step 1: the summary is announced and has the focus, the message is next to the description.
    const alert = page.locator('.step:not([hidden]) .error-summary[role="alert"]');
    await alert.waitFor();
    await atStep(1, 5);
    assert.equal(await alert.evaluate((n) => n === document.activeElement), true, 'the error summary has the focus');
    assert.match(await alert.textContent(), /Beschrijving is te lang: 5001 tekens, hooguit 5000/);
    assert.match(await alert.textContent(), /Stap 3 \(Wanneer\): Die datum is al voorbij/, 'the error on another step is listed too');
    const description = page.locator('#description');
    assert.equal(await description.getAttribute('aria-invalid'), 'true');
    assert.match(await description.evaluate((n) => n.getAttribute('aria-describedby').split(' ')
      .map((id) => document.getElementById(id)?.textContent || '').join(' ')), /Beschrijving is te lang/);
    await checkA11y(page, 'posting error state (step 1)');
    await screenshot(page, 'posting-error');

    await description.fill('Elke vrijdag boodschappen doen bij de supermarkt in Smilde.');
    await next();
    await next();
    // The date's message waits on its own step, next to the date.
    await atStep(3, 5);
    const date = page.getByLabel('Op welke datum?');
    assert.equal(await date.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#once-fields').textContent(), /Die datum is al voorbij/);
    const soon = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
    await date.fill(soon);
    await next();
    await next();
    await page.getByRole('button', { name: 'Hulpvraag versturen' }).click();
    await page.getByRole('heading', { name: 'Uw hulpvraag is verstuurd' }).waitFor();
  });

  test('a second resident posts a complete request with the keyboard only', async () => {
    const gerrit = await registerViaApi({ name: 'Gerrit Mulder', role: 'resident' });
    await logIn(gerrit, '/plaatsen/hulpvraag');
    await atStep(1, 5);

    // Step 1: the category tiles are one radio group: Tab in, arrows choose.
    await tabUntil('the first category', activeIs('category-maatje'));
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused()).id, 'category-bezoekwerk');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused()).id, 'category-klussen', 'arrows move through the tiles');
    await page.keyboard.press('ArrowUp');
    assert.equal((await focused()).id, 'category-bezoekwerk');
    assert.equal(await page.locator('#category-bezoekwerk').isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'title');
    await page.keyboard.type('Wie komt bij mijn vader op bezoek');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'description');
    await page.keyboard.type('Mijn vader woont alleen en vindt een praatje fijn. Eén keer per week een uur.');
    // Back to the title to finish it, then on to "Volgende".
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focused()).id, 'title');
    await page.keyboard.press('End');
    await page.keyboard.type('?');
    await tabUntil('Volgende', activeButton('Volgende'));
    await page.keyboard.press('Enter');

    // Step 2: the village list answers to typing.
    await atStep(2, 5);
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'place');
    await page.keyboard.type('Westerbork');
    assert.equal(await page.locator('#place').inputValue(), 'westerbork');
    await tabUntil('Volgende', activeButton('Volgende'));
    await page.keyboard.press('Enter');

    // Step 3: the grid: arrows move, Space ticks.
    await atStep(3, 5);
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'when-weekly');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'slot-mon-morning');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused()).id, 'slot-tue-morning');
    await page.keyboard.press('ArrowRight');
    assert.equal((await focused()).id, 'slot-tue-afternoon');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused()).id, 'slot-thu-afternoon');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#slot-thu-afternoon').isChecked(), true);
    await tabUntil('the hours field', activeIs('hours'));
    // The Dutch way: a comma (a number field took "1,5" as 15).
    await page.keyboard.type('1,5');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).text, 'Volgende');
    await page.keyboard.press('Enter');

    // Step 4: for his father.
    await atStep(4, 5);
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'for-self');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused()).id, 'for-other');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'obo-name');
    await page.keyboard.type('Jan Mulder');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0593 123456');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'obo-email');
    await page.keyboard.press('Tab');
    // His father has dementia: the volunteer calls him, the son.
    assert.equal((await focused()).id, 'obo-calls-resident');
    await page.keyboard.press('ArrowDown');
    assert.equal((await focused()).id, 'obo-calls-poster');
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'obo-channel-network');
    await page.keyboard.press('Space');
    await tabUntil('Volgende', activeButton('Volgende'));
    await page.keyboard.press('Enter');

    // Step 5: check and send.
    await atStep(5, 5);
    const summary = await page.locator('#summary').textContent();
    assert.match(summary, /Bezoekwerk/);
    assert.match(summary, /Wie komt bij mijn vader op bezoek\?/);
    assert.match(summary, /Westerbork/);
    assert.match(summary, /dinsdagmiddag en donderdagmiddag.*ongeveer 1,5 uur per week/);
    assert.match(summary, /Jan Mulder/);
    assert.match(summary, /De vrijwilliger belt\s*Mij/);
    await tabUntil('the send button', activeButton('Hulpvraag versturen'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Uw hulpvraag is verstuurd' }).waitFor();
    assert.equal((await focused()).id, 'done-heading');
    assert.match(await page.locator('#done-text').innerText(), /Vragen\? Bel het Servicepunt: [\d ]{6,}\./);
    assert.equal(await page.locator('#done-text a[href^="tel:"]').count(), 1, 'the number to call, not where to find it');

    // What the Servicepunt received.
    const list = await api('GET', '/api/v1/requests?status=pending_review&limit=100', undefined, coordinatorToken);
    const sent = list.body.items.find((p) => p.title === 'Wie komt bij mijn vader op bezoek?');
    assert.ok(sent, 'the request reached the Servicepunt');
    assert.equal(sent.category, 'bezoekwerk');
    assert.equal(sent.place, 'westerbork');
    assert.deepEqual(sent.schedule, {
      kind: 'weekly', slots: [{ day: 'tue', part: 'afternoon' }, { day: 'thu', part: 'afternoon' }], hours_per_week: 1.5,
    });
    assert.equal(sent.on_behalf_of.name, 'Jan Mulder');
    assert.equal(sent.on_behalf_of.via_poster, true);
    assert.equal(sent.on_behalf_of.channel, 'network');

    // Not confirmed yet: Mijn overzicht asks, and asking again too soon gets the API's answer.
    await page.goto(`${baseUrl}/mijn`);
    await page.getByRole('heading', { name: 'Bevestig uw e-mailadres' }).waitFor();
    await page.getByRole('button', { name: 'Stuur mij een nieuwe link' }).click();
    await page.getByRole('alert').filter({ hasText: 'U hebt net een e-mail met een link gekregen' }).waitFor();
    await checkA11y(page, 'Mijn overzicht, address not confirmed');
  });

  test('an organisation registers and posts a vacancy; it may not post a help request', async () => {
    const org = {
      organisation: 'Stichting Buurtbus Beilen', name: 'Marieke Bos', email: `buurtbus.${process.pid}@example.nl`,
    };
    // Without the organisation's name the form asks for it, next to the field.
    await page.goto(`${baseUrl}/aanmelden`);
    await fillInRegistration(page, { choice: /Wij zijn een organisatie/, name: org.name, email: org.email });
    await page.getByText('Vul de naam van uw organisatie in.').first().waitFor();
    assert.match(await page.getByLabel('Telefoonnummer (niet verplicht)').evaluate(
      (input) => document.getElementById(input.getAttribute('aria-describedby')).textContent),
    /Wordt u aan iemand voorgesteld, dan ziet die uw nummer ook\./);
    await checkA11y(page, 'registering an organisation without its name');
    await registerInBrowser(org, 'Wij zijn een organisatie');
    await page.getByRole('link', { name: 'Verder: uw vacature' }).click();
    await page.waitForURL(`${baseUrl}/plaatsen/vacature`);
    await atStep(1, 4, 'Wat voor vrijwilligerswerk is het?');
    assert.equal(await page.locator('h1').textContent(), 'Vacature plaatsen');
    await fillWhat({
      category: 'Vervoer',
      title: 'Chauffeur voor de buurtbus',
      description: 'Wij zoeken chauffeurs die een of twee dagdelen per week met de buurtbus rijden.',
    });
    await next();
    await atStep(2, 4);
    await page.getByLabel('In welk dorp?').selectOption({ label: 'Beilen' });
    await next();
    await atStep(3, 4);
    await page.getByRole('radio', { name: /Flexibel/ }).check();
    await next();
    await atStep(4, 4, 'Controleer en verstuur');
    assert.match(await page.locator('#summary').textContent(), /Flexibel/);
    await page.getByRole('button', { name: 'Vacature versturen' }).click();
    await page.getByRole('heading', { name: 'Uw vacature is verstuurd' }).waitFor();
    await page.getByRole('link', { name: 'Naar Mijn overzicht' }).click();
    const item = page.locator('#post-list > li').filter({ hasText: 'Chauffeur voor de buurtbus' });
    await item.waitFor();
    assert.match(await item.textContent(), /Vacature/);
    assert.match(await item.textContent(), /Wacht op controle/);
    assert.ok(await page.getByRole('link', { name: 'Plaats een vacature' }).isVisible());
    // The vacancy names the organisation, never the contact person.
    await item.getByRole('link', { name: 'Chauffeur voor de buurtbus', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Chauffeur voor de buurtbus' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Stichting Buurtbus Beilen/);
    assert.doesNotMatch(await page.locator('main').innerText(), /Bos/);

    // Online, and later filled: closed as done, not withdrawn.
    const vacancyId = new URL(page.url()).pathname.split('/').pop();
    await api('POST', `/api/v1/vacancies/${vacancyId}/review`, { decision: 'approve' }, coordinatorToken);
    await page.reload();
    // Withdrawing asks first whether it was filled (the figures count them apart).
    await page.getByRole('button', { name: 'Vacature intrekken' }).click();
    const withdrawing = page.getByRole('dialog', { name: 'Vacature intrekken?' });
    await withdrawing.getByText('Heeft u iemand gevonden? Trek de vacature dan niet in', { exact: false }).waitFor();
    assert.equal(await withdrawing.getByRole('link', { name: /Vacature is vervuld/ }).getAttribute('href'), `/vacatures/${vacancyId}`);
    await checkA11y(page, 'withdrawing a vacancy');
    await withdrawing.getByRole('button', { name: 'Nee, niet intrekken' }).click();
    await page.locator('summary', { hasText: 'Vacature is vervuld' }).click();
    await checkA11y(page, 'a vacancy about to be closed as filled');
    await page.getByRole('button', { name: 'Ja, de vacature is vervuld' }).click();
    await page.getByText('Afgesloten omdat de vacature is vervuld.').waitFor();
    const closed = await api('GET', `/api/v1/vacancies/${vacancyId}`, undefined, coordinatorToken);
    assert.equal(closed.body.close_reason, 'completed');

    // A help request is not for an organisation: say so, and offer what is.
    await page.goto(`${baseUrl}/plaatsen/hulpvraag`);
    await page.getByRole('heading', { name: 'U kunt hier geen hulpvraag plaatsen' }).waitFor();
    assert.ok(await page.getByRole('link', { name: 'Plaats een vacature' }).isVisible());
    assert.equal(await page.locator('#wizard').isHidden(), true);
    await checkA11y(page, 'posting refused for this role');

    // Someone who finds the filled vacancy later is sent on to the open ones.
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/vacatures/${vacancyId}`);
    await page.getByRole('heading', { level: 1, name: 'Deze vacature is niet gevonden' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Bekijk de vacatures die nu openstaan' }).getAttribute('href'), '/?kind=vacancy');
    await checkA11y(page, 'a filled vacancy found later');
  });

  test('Inge withdraws a request after confirming; a matched request cannot be withdrawn', async () => {
    await logIn(inge);
    const item = postItem('Boodschappen op vrijdag');
    await item.waitFor();
    const withdraw = item.getByRole('button', { name: /^Intrekken/ });

    // Changing her mind: Escape closes, and the focus is back on the button.
    await withdraw.click();
    const dialog = page.getByRole('dialog', { name: 'Hulpvraag intrekken?' });
    await dialog.waitFor();
    assert.equal((await focused()).text, 'Nee, niet intrekken', 'the safe choice has the focus');
    assert.match(await dialog.textContent(), /Boodschappen op vrijdag/);
    await checkA11y(page, 'withdraw confirmation');
    await screenshot(page, 'posting-withdraw-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.match((await focused()).text, /^Intrekken/);

    await withdraw.click();
    await dialog.getByRole('button', { name: 'Ja, intrekken' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'U hebt "Boodschappen op vrijdag" ingetrokken.' }).waitFor();
    const closed = postItem('Boodschappen op vrijdag');
    assert.match(await closed.textContent(), /Status: Afgesloten/);
    assert.match(await closed.textContent(), /Afgesloten omdat de oproep is ingetrokken\./);
    assert.equal(await closed.getByRole('button', { name: /^Intrekken/ }).count(), 0);
    assert.equal(await closed.getByRole('link', { name: /^Aanpassen/ }).count(), 0);

    // Sharon responds to the dog-walking request and the Servicepunt introduces them.
    sharon = await registerViaApi({ name: 'Sharon de Boer', role: 'volunteer' });
    const sharonToken = await apiToken(sharon.email);
    await page.reload();
    const dog = postItem('Wie wandelt met mijn hond Bobbie?');
    await dog.waitFor();
    const requestId = await postIdFromMine('Wie wandelt met mijn hond Bobbie?');
    const response = await api('POST', `/api/v1/requests/${requestId}/responses`,
      { message: 'Ik wandel graag met Bobbie!' }, sharonToken);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const matchId = response.body.id;
    await page.reload();
    const match = page.locator('#matches li').filter({ hasText: 'Wie wandelt met mijn hond Bobbie?' });
    await match.waitFor();
    assert.match(await match.textContent(), /Vrijwilliger: Sharon/);
    assert.match(await match.textContent(), /Status: Een vrijwilliger heeft gereageerd/);
    assert.equal(await match.getByRole('link').getAttribute('href'), `/koppelingen/${matchId}`);
    // Sharon's response is a message Inge has not read yet: the count is the API's own.
    const ingeToken = await apiToken(inge.email);
    const listed = await api('GET', '/api/v1/matches?limit=100', undefined, ingeToken);
    assert.equal(listed.body.items.find((m) => m.id === matchId)?.unread, 1, JSON.stringify(listed.body));
    assert.match(await match.textContent(), /1 nieuw bericht/, 'the unread count the API gives');
    await checkA11y(page, 'Mijn overzicht with a response');
    await screenshot(page, 'posting-mine-response');

    // The page still offers "Intrekken" while the Servicepunt confirms the match
    // meanwhile (a maatje needs a VOG, so it records Sharon's first).
    const issued = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const vog = await api('PUT', `/api/v1/volunteers/${response.body.volunteer.id}/vog`,
      { status: 'valid', issued_on: issued }, coordinatorToken);
    assert.equal(vog.status, 200, JSON.stringify(vog.body));
    for (const step of ['introduce', 'confirm']) {
      const res = await api('POST', `/api/v1/matches/${matchId}/${step}`, {}, coordinatorToken);
      assert.equal(res.status, 200, `${step}: ${JSON.stringify(res.body)}`);
    }
    await postItem('Wie wandelt met mijn hond Bobbie?').getByRole('button', { name: /^Intrekken/ }).click();
    await dialog.getByRole('button', { name: 'Ja, intrekken' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /Dan kunt u de vraag niet zelf intrekken\. Bel het Servicepunt/);
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    await page.reload();
    const matched = postItem('Wie wandelt met mijn hond Bobbie?');
    await matched.waitFor();
    assert.match(await matched.textContent(), /Status: Gekoppeld/);
    assert.equal(await matched.getByRole('button', { name: /^Intrekken/ }).count(), 0);
    assert.match(await page.locator('#matches').textContent(), /Status: Bevestigd: de hulp is afgesproken/);
  });

  test('a title with markup is shown as text in the summary and in Mijn overzicht, and never runs', async () => {
    await logIn(inge, '/plaatsen/hulpvraag');
    await atStep(1, 5);
    await fillWhat({ category: 'Overig', title: XSS, description: `Wat gebeurt er met ${XSS} in de tekst?` });
    await next();
    await page.getByLabel('In welk dorp?').selectOption({ label: 'Hooghalen' });
    await next();
    await page.getByRole('radio', { name: /Flexibel/ }).check();
    await next();
    await next();
    await atStep(5, 5);
    assert.match(await page.locator('#summary').textContent(), /<img src=x onerror=alert\(1\)>/);
    assert.equal(await main().locator('img').count(), 0, 'no image element was made');
    await page.getByRole('button', { name: 'Hulpvraag versturen' }).click();
    await page.getByRole('heading', { name: 'Uw hulpvraag is verstuurd' }).waitFor();

    await page.goto(`${baseUrl}/mijn`);
    const item = postItem(XSS);
    await item.waitFor();
    assert.equal(await item.getByRole('heading', { level: 3 }).textContent(), XSS);
    assert.equal(await main().locator('img').count(), 0, 'no image element was made');
    // The confirmation dialog shows it as text too.
    await item.getByRole('button', { name: /^Intrekken/ }).click();
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.textContent(), /<img src=x onerror=alert\(1\)>/);
    assert.equal(await dialog.locator('img').count(), 0);
    await dialog.getByRole('button', { name: 'Nee, niet intrekken' }).click();

    // The Servicepunt sends it back, with a reason that also holds markup.
    const id = /^\/hulpvragen\/(.+)$/.exec(await item.getByRole('link', { name: XSS, exact: true }).getAttribute('href'))[1];
    const reason = 'Haal de <b>code</b> uit de titel, en <script>alert(2)</script> ook.';
    const review = await api('POST', `/api/v1/requests/${id}/review`, { decision: 'reject', reason }, coordinatorToken);
    assert.equal(review.status, 200, JSON.stringify(review.body));
    await page.reload();
    const back = postItem(XSS);
    await back.waitFor();
    assert.match(await back.textContent(), /Status: Teruggestuurd/);
    assert.equal(await back.locator('q').textContent(), reason);
    assert.equal(await main().locator('b, script:not([src])').count(), 0);
    // Changing it shows the reason too.
    await back.getByRole('link', { name: /^Aanpassen/ }).click();
    await atStep(1, 5);
    assert.equal(await page.locator('#edit-notice q').textContent(), reason);
    assert.equal(await page.getByLabel(/korte titel/).inputValue(), XSS);
    // Any alert() would have been recorded as a page error (see beforeEach).
  });

  test('the check step says when the text holds a phone number, an address or a surname, and the author can fix it', async () => {
    await logIn(inge, '/plaatsen/hulpvraag');
    await atStep(1, 5);
    await fillWhat({
      category: 'Klussen',
      title: 'Lamp ophangen',
      description: 'Ik woon aan de Brinkstraat 12. Bel mij gerust op 0593-123456.',
    });
    await next();
    await page.getByLabel('In welk dorp?').selectOption({ label: 'Beilen' });
    await next();
    await page.getByRole('radio', { name: /Flexibel/ }).check();
    await next();
    await next();
    await atStep(5, 5);
    const warning = page.locator('#text-warning');
    await warning.getByText('Let op:').waitFor();
    assert.deepEqual(await warning.getByRole('listitem').allInnerTexts(),
      ['een adres: Brinkstraat 12', 'een telefoonnummer: 0593-123456']);
    await checkA11y(page, 'posting step 5 with personal details in the text');
    await checkSmallScreens(page, 'posting-check-warning');
    await warning.getByRole('link', { name: 'Pas de tekst aan' }).click();
    await atStep(1, 5);
    await page.getByLabel(/^(Vertel|Beschrijf)/).fill('Er moet een lamp in de gang worden opgehangen.');
    await page.getByRole('button', { name: 'Naar controleren' }).click();
    await atStep(5, 5);
    await page.locator('#summary').getByText('Er moet een lamp').waitFor();
    await page.waitForFunction(() => !document.querySelector('#text-warning li'));
  });

  test('a volunteer is offered hulp aanbieden instead of a help request, and sees their response in Mijn overzicht', async () => {
    await logIn(sharon, '/plaatsen/hulpvraag');
    await page.getByRole('heading', { name: 'U kunt hier geen hulpvraag plaatsen' }).waitFor();
    await page.getByRole('link', { name: 'Bied hulp aan' }).click();
    await page.waitForURL(`${baseUrl}/plaatsen/aanbod`);
    await atStep(1, 4, 'Waarmee wilt u helpen?');
    await page.goto(`${baseUrl}/mijn`);
    const match = page.locator('#matches li').filter({ hasText: 'Wie wandelt met mijn hond Bobbie?' });
    await match.waitFor();
    assert.match(await match.textContent(), /Uw reactie/);
    assert.match(await match.textContent(), /Status: Bevestigd: u helpt samen/);
    assert.ok(await page.getByRole('link', { name: 'Mijn vrijwilligersprofiel' }).isVisible());
    assert.ok(await page.getByRole('link', { name: /^Voor u gevonden/ }).isVisible());
    assert.match(await page.locator('#posts').textContent(), /U hebt nog niets geplaatst\. Bied hulp aan\./);
    await checkA11y(page, 'Mijn overzicht of a volunteer');
  });
});
