// Browser tests of three werkbak pages of the Servicepunt, on the demo data:
// Telefonische aanmelding (/werkbak/telefonisch), Prikbord (/werkbak/prikbord) and
// Koppelingen (/werkbak/koppelingen). The coordinator works in the browser; what
// the API stored is checked through the API with a bearer token.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl, checkA11y, checkSmallScreens, page, screenshot, session, useBrowser, useServer,
} from './harness.mjs';
import { api, apiOk, apiToken, logInBrowser, personViaApi } from './people.mjs';

const COORDINATOR = 'coordinator@demo.noaber.nl';
const DEMO_PASSWORD = 'noaber-demo-2026';

let coordinatorToken;

useServer({
  name: 'desk-intake',
  demoSeed: 2026,
  afterStart: async () => {
    coordinatorToken = await apiToken(COORDINATOR, DEMO_PASSWORD);
  },
});
useBrowser();

const asCoordinator = () => logInBrowser(session.context, COORDINATOR, DEMO_PASSWORD);

describe('Telefonische aanmelding', () => {
  test('a phone intake is published at once, with channel phone and the resident kept private', async () => {
    await asCoordinator();
    await page.goto(`${baseUrl}/werkbak/telefonisch`);
    await page.getByRole('heading', { level: 1, name: 'Telefonische aanmelding' }).waitFor();
    await page.getByLabel('Naam', { exact: true }).waitFor();
    await checkA11y(page, 'the intake form');
    await checkSmallScreens(page, 'desk-intake-form');

    // Sent empty: every missing field says so next to itself, and the summary is read out.
    await page.getByRole('button', { name: 'Aanmelding versturen en online zetten' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'niet goed ingevuld' });
    await summary.waitFor();
    await assert.doesNotReject(summary.evaluate((node) => {
      if (document.activeElement !== node) throw new Error('the summary has no focus');
    }));
    const name = page.getByLabel('Naam', { exact: true });
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#obo-name-error-gen').innerText(), /naam van de inwoner/);
    await page.locator('#obo-phone-error-gen').waitFor();
    await checkA11y(page, 'the intake form with errors');

    // A wrong phone number comes back from the API next to the phone field.
    const title = `Hulp bij de tuin (telefonisch ${process.pid})`;
    await name.fill('Gerrit Hoekstra');
    await page.getByLabel('Telefoonnummer').fill('12');
    await page.getByLabel('E-mailadres (niet verplicht)').fill('gerrit.hoekstra@example.nl');
    await page.getByLabel('Doorverwezen door (niet verplicht)').selectOption('huisarts');
    await page.getByLabel('Soort hulp').selectOption('tuin');
    await page.getByLabel('Dorp', { exact: true }).selectOption('beilen');
    await page.getByLabel('Korte titel').fill(title);
    await page.getByLabel('Beschrijving').fill('Meneer kan niet meer bukken. Wie maait eens per week het gras?');
    await page.getByRole('checkbox', { name: 'Dinsdagmiddag' }).check();
    await page.getByRole('button', { name: 'Aanmelding versturen en online zetten' }).click();
    await page.locator('#obo-phone-error-gen').waitFor();
    assert.equal(await page.getByLabel('Telefoonnummer').getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'the intake form with an error from the API');

    await page.getByLabel('Telefoonnummer').fill('0593 123456');
    await page.getByRole('button', { name: 'Aanmelding versturen en online zetten' }).click();
    const done = page.getByRole('heading', { name: 'De hulpvraag staat online' });
    await done.waitFor();
    assert.ok(await done.evaluate((node) => document.activeElement === node), 'the confirmation has the focus');
    const link = page.getByRole('link', { name: /Naar de hulpvraag in de werkbak/ });
    const href = await link.getAttribute('href');
    const id = /^\/werkbak\/hulpvragen\/([^/]+)$/.exec(href)?.[1];
    assert.ok(id, `the link goes to the werkbak page of the request: ${href}`);
    await checkA11y(page, 'the intake confirmation');
    await screenshot(page, 'desk-intake-done');

    // Through the API: published, taken by phone, for Gerrit, with his details.
    const post = await apiOk('GET', `/api/v1/requests/${id}`, undefined, coordinatorToken, 200);
    assert.equal(post.status, 'open');
    assert.equal(post.title, title);
    assert.equal(post.intake_channel, 'phone');
    assert.equal(post.on_behalf_of.channel, 'phone');
    assert.equal(post.on_behalf_of.name, 'Gerrit Hoekstra');
    assert.equal(post.on_behalf_of.email, 'gerrit.hoekstra@example.nl');
    assert.equal(post.on_behalf_of.referrer, 'huisarts');
    assert.deepEqual(post.schedule.slots, [{ day: 'tue', part: 'afternoon' }]);
    // Anyone else sees it, without the resident.
    const visible = await apiOk('GET', `/api/v1/requests/${id}`, undefined, undefined, 200);
    assert.equal(visible.on_behalf_of, undefined);
    assert.equal(visible.intake_channel, undefined);

    // "Nog een aanmelding": an empty form, the focus on the first field.
    await page.getByRole('button', { name: 'Nog een aanmelding' }).click();
    await name.waitFor();
    assert.equal(await name.inputValue(), '');
    assert.equal(await page.getByLabel('Korte titel').inputValue(), '');
    assert.ok(await name.evaluate((node) => document.activeElement === node), 'the first field has the focus');
    assert.equal(await page.getByRole('checkbox', { name: 'Dinsdagmiddag' }).isChecked(), false);

    // A phone number and the surname in the public text: it waits in Beoordelen.
    const held = `Boodschappen (telefonisch ${process.pid})`;
    await name.fill('Riet Mulder');
    await page.getByLabel('Telefoonnummer').fill('0593 531111');
    await page.getByLabel('Soort hulp').selectOption('boodschappen');
    await page.getByLabel('Dorp', { exact: true }).selectOption('beilen');
    await page.getByLabel('Korte titel').fill(held);
    await page.getByLabel('Beschrijving').fill('Mevrouw Mulder (82) zoekt hulp. Bel haar op 0593 531111.');
    await page.getByRole('checkbox', { name: 'Dinsdagmiddag' }).check();
    // First the form says so next to the text, while the caller is still on the line.
    await page.getByRole('button', { name: 'Aanmelding versturen en online zetten' }).click();
    const description = page.getByLabel('Beschrijving');
    await page.getByRole('alert').waitFor();
    assert.equal(await description.getAttribute('aria-invalid'), 'true');
    const note = page.locator('#description-error-gen');
    assert.match(await note.innerText(), /^Dit mag niet op de website: .*Achternaam: Mulder.*Telefoonnummer: 0593 531111.*Verstuurt u het toch zo, dan wacht de hulpvraag in Beoordelen\.$/);
    assert.equal(await page.getByLabel('Korte titel').inputValue(), held, 'nothing is lost');
    await checkA11y(page, 'an intake warned of personal details');
    // Sent again unchanged, it goes to Beoordelen.
    await page.getByRole('button', { name: 'Aanmelding versturen en online zetten' }).click();
    const notYet = page.getByRole('heading', { name: 'De hulpvraag staat nog niet online' });
    await notYet.waitFor();
    assert.ok(await notYet.evaluate((node) => document.activeElement === node), 'the message has the focus');
    const said = await page.locator('#done-text').innerText();
    assert.match(said, /Achternaam: Mulder/);
    assert.match(said, /Telefoonnummer: 0593 531111/);
    await checkA11y(page, 'an intake held for review');
    // The link opens Beoordelen at this request's card.
    await page.getByRole('link', { name: `Naar Beoordelen: ${held}` }).click();
    await page.waitForURL(/\/werkbak\/beoordelen#post-/);
    const card = page.locator('.review-card.is-current');
    await card.getByRole('heading', { level: 3, name: held }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('review-card')), true);
    await page.goBack();
    const found = await apiOk('GET', `/api/v1/search?q=${encodeURIComponent(held)}`, undefined, undefined, 200);
    assert.equal(found.items.filter((i) => i.title === held).length, 0, 'not public');
    const pending = await apiOk('GET', '/api/v1/requests?status=pending_review', undefined, coordinatorToken, 200);
    assert.ok(pending.items.some((p) => p.title === held), 'it waits in Beoordelen');
  });

  test('someone who is not of the Servicepunt is told so, and sees no form', async () => {
    const volunteer = await personViaApi({ role: 'volunteer', name: 'Vera Vrijwilliger' });
    await logInBrowser(session.context, volunteer.email);
    await page.goto(`${baseUrl}/werkbak/telefonisch`);
    await page.getByText('Deze pagina is alleen voor het Servicepunt.').waitFor();
    assert.equal(await page.getByLabel('Naam', { exact: true }).isVisible(), false);
    await checkA11y(page, 'the intake page for a volunteer');
  });
});

const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const PHONE = /(?:\+31|\b0)[\s-]?\d(?:[\s-]?\d){7,9}\b/;

describe('Prikbord', () => {
  test('the print view of a village lists its open requests, without anyone\'s contact details', async () => {
    await asCoordinator();
    const open = await apiOk('GET', '/api/v1/requests?status=open&place=beilen&limit=100', undefined, undefined, 200);
    assert.ok(open.total > 0, 'the demo data has open requests in Beilen');
    // What the coordinator could see: residents' details that must not be on the board.
    const full = await apiOk('GET', '/api/v1/requests?status=open&place=beilen&limit=100', undefined, coordinatorToken, 200);
    const secrets = full.items.flatMap((p) => [p.on_behalf_of?.phone, p.on_behalf_of?.email, p.on_behalf_of?.name])
      .filter(Boolean);

    await page.goto(`${baseUrl}/werkbak/prikbord`);
    await page.getByRole('heading', { level: 1, name: 'Prikbord' }).waitFor();
    await page.getByLabel('Dorp', { exact: true }).waitFor();
    await checkA11y(page, 'the board before a village is chosen');
    await page.getByLabel('Dorp', { exact: true }).selectOption('beilen');
    await page.getByRole('heading', { name: 'Hulp gezocht in Beilen' }).waitFor();
    const items = page.locator('#board-list > li');
    await page.waitForFunction(() => document.querySelectorAll('#board-list > li').length > 0);
    assert.equal(await items.count(), Math.min(open.total, 1000));
    for (const post of open.items.slice(0, 5)) {
      await page.locator('#board-list').getByText(post.title, { exact: false }).first().waitFor();
    }
    await checkA11y(page, 'the board of Beilen');
    await checkSmallScreens(page, 'desk-board');

    const text = await page.getByLabel('Dezelfde lijst als platte tekst').inputValue();
    assert.match(text, /HULP GEZOCHT IN BEILEN/);
    assert.match(text, /Wilt u helpen\? Bel/);

    // The print view: no header, footer or menus; the Servicepunt's number at the bottom.
    await page.emulateMedia({ media: 'print' });
    const footerPhone = await page.locator('.site-footer a[href^="tel:"]').textContent();
    assert.equal(await page.locator('.site-header').isVisible(), false);
    assert.equal(await page.locator('.site-footer').isVisible(), false);
    assert.equal(await page.getByRole('navigation', { name: 'Werkbak' }).isVisible(), false);
    assert.equal(await page.getByRole('button', { name: 'Afdrukken' }).isVisible(), false);
    const printed = await page.locator('body').innerText();
    assert.match(printed, /Hulp gezocht in Beilen/);
    assert.ok(printed.includes(`Wilt u helpen? Bel het Servicepunt Vrijwilligerswerk: ${footerPhone.trim()}`));
    const residentsText = printed.replace(footerPhone.trim(), '');
    assert.doesNotMatch(residentsText, EMAIL, 'no e-mail address on the printed board');
    assert.doesNotMatch(residentsText, PHONE, 'no phone number of a resident on the printed board');
    for (const secret of secrets) assert.ok(!printed.includes(secret), `not on the board: ${secret}`);
    for (const secret of secrets) assert.ok(!text.includes(secret), `not in the text: ${secret}`);
    await page.pdf({ path: 'artifacts/desk-board-print.pdf', format: 'A4' }).catch(() => {});
    await screenshot(page, 'desk-board-print');
    await page.emulateMedia({ media: 'screen' });

    // Copying the text says so (or tells how to copy by hand).
    await page.getByRole('button', { name: 'Kopieer tekst' }).click();
    await page.getByRole('status').filter({ hasText: /gekopieerd|geselecteerd/ }).waitFor();
    await checkA11y(page, 'the board after copying');
  });
});

describe('Koppelingen', () => {
  test('all matches, filtered by status and by text, each with the time since its last step', async () => {
    await asCoordinator();
    // The demo data has no matches: the Servicepunt makes a few from suggestions,
    // introduces two of them and confirms one.
    const open = await apiOk('GET', '/api/v1/requests?status=open&limit=8', undefined, coordinatorToken, 200);
    const made = [];
    for (const request of open.items) {
      if (made.length === 4) break;
      const suggestions = await apiOk('GET', `/api/v1/requests/${request.id}/suggestions?limit=3`, undefined, coordinatorToken, 200);
      const volunteer = suggestions.items[0]?.volunteer;
      if (!volunteer) continue;
      const match = await api('POST', '/api/v1/matches', { request_id: request.id, volunteer_id: volunteer.id }, coordinatorToken);
      if (match.status === 201) made.push(match.body);
    }
    assert.ok(made.length >= 3, `matches made: ${made.length}`);
    await apiOk('POST', `/api/v1/matches/${made[0].id}/introduce`, {}, coordinatorToken, 200);
    await apiOk('POST', `/api/v1/matches/${made[0].id}/confirm`, {}, coordinatorToken, 200);
    await apiOk('POST', `/api/v1/matches/${made[1].id}/introduce`, {}, coordinatorToken, 200);

    const all = await apiOk('GET', '/api/v1/matches?limit=100', undefined, coordinatorToken, 200);
    assert.ok(all.total > 0, 'the demo data has matches');
    const active = await apiOk('GET', '/api/v1/matches?status=active&limit=100', undefined, coordinatorToken, 200);
    assert.ok(active.total > 0 && active.total < all.total, 'the demo data has active matches and others');

    await page.goto(`${baseUrl}/werkbak/koppelingen`);
    await page.getByRole('heading', { level: 1, name: 'Koppelingen' }).waitFor();
    const count = page.locator('#count');
    await page.getByRole('heading', { level: 2, name: `${all.total} koppelingen` }).waitFor();
    const items = page.locator('#match-list > li.match-item');
    assert.equal(await items.count(), all.total);
    assert.match(await items.first().innerText(), /Laatste stap .*(geleden|gisteren|vandaag|zojuist)/);
    await checkA11y(page, 'all matches');
    await checkSmallScreens(page, 'desk-matches');

    await page.getByLabel('Status').selectOption('active');
    await page.getByRole('heading', { level: 2, name: `${active.total} koppelingen met status "Bevestigd: de hulp loopt"` })
      .or(page.getByRole('heading', { level: 2, name: `1 koppeling met status "Bevestigd: de hulp loopt"` })).waitFor();
    assert.equal(await items.count(), active.total);
    for (const text of await items.allInnerTexts()) assert.match(text, /Bevestigd: de hulp loopt/);
    assert.match(page.url(), /\?status=active$/);

    // Links to the request in the werkbak and to the match itself.
    const first = active.items.sort((a, b) => a.updated_at.localeCompare(b.updated_at))[0];
    const firstItem = items.first();
    const requestLink = firstItem.getByRole('link', { name: /Hulpvraag in de werkbak|Vacature/ });
    const expected = first.post.kind === 'request' ? `/werkbak/hulpvragen/${first.post.id}` : `/vacatures/${first.post.id}`;
    assert.equal(await requestLink.getAttribute('href'), expected);
    assert.equal(await firstItem.getByRole('link', { name: /Koppeling openen/ }).getAttribute('href'), `/koppelingen/${first.id}`);

    // Text narrows further; nothing found says what to do.
    await page.getByLabel('Zoek op titel, dorp of vrijwilliger').fill(first.post.title);
    await page.waitForFunction((n) => document.querySelectorAll('#match-list > li.match-item').length <= n, active.total);
    for (const text of await items.allInnerTexts()) assert.ok(text.includes(first.post.title));
    await page.getByLabel('Zoek op titel, dorp of vrijwilliger').fill('zzzz-niets-zzzz');
    await page.getByText('Geen koppelingen gevonden.').waitFor();
    assert.match(await count.innerText(), /^0 koppelingen/);
    await checkA11y(page, 'matches, nothing found');
  });
});
