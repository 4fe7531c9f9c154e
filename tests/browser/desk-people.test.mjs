// Browser tests of the Servicepunt's werkbak pages about people: Vrijwilligers
// (/werkbak/vrijwilligers), one volunteer with the VOG form
// (/werkbak/vrijwilligers/{id}), Post (/werkbak/post) and Logboek (/werkbak/logboek).
// The server sends its mail to an SMTP port where nobody listens, with one attempt,
// so every mail fails and can be sent again from the Post page. Residents and
// volunteers act through the API with bearer tokens.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl, checkA11y, checkSmallScreens, freePort, page, screenshot, session, useBrowser, useServer,
} from './harness.mjs';
import { addCoordinator, apiOk, approvePost, logInBrowser, personViaApi } from './people.mjs';

// A free port that nothing listens on: every mail fails at once.
const closedPort = await freePort();

let coordinator;
let gerrit;
let sanne;
let requestId;

const profile = (extra) => ({
  interests: [], languages: ['nederlands'], max_distance_km: 15, max_active_matches: 2,
  bio: 'Ik help graag.', ...extra,
});

useServer({
  name: 'desk-people',
  env: {
    NOABER_SMTP_URL: `smtp://127.0.0.1:${closedPort}`,
    NOABER_MAIL_MAX_ATTEMPTS: '1',
    NOABER_MAIL_RETRY_SECONDS: '1',
  },
  afterStart: async () => {
    coordinator = await addCoordinator({ name: 'Anja Servicepunt' });
    gerrit = await personViaApi({ role: 'volunteer', name: 'Gerrit Mulder', phone: '06-11112222' });
    await apiOk('PUT', '/api/v1/me/volunteer-profile', profile({
      talents: ['mantelzorg-overnemen', 'gezelschap'], place: 'beilen',
      availability: [{ day: 'wed', part: 'afternoon' }],
    }), gerrit.token);
    sanne = await personViaApi({ role: 'volunteer', name: 'Sanne Bos' });
    await apiOk('PUT', '/api/v1/me/volunteer-profile', profile({
      talents: ['tuinieren'], place: 'smilde', availability: [{ day: 'sat', part: 'morning' }],
    }), sanne.token);
    const inge = await personViaApi({ role: 'resident', name: 'Inge Jansen' });
    const request = await apiOk('POST', '/api/v1/requests', {
      title: 'Even rust voor mij als mantelzorger',
      description: 'Ik zorg voor mijn man. Wie neemt op woensdagmiddag de zorg even van mij over?',
      category: 'respijtzorg',
      place: 'beilen',
      talents: ['mantelzorg-overnemen'],
      schedule: { kind: 'weekly', slots: [{ day: 'wed', part: 'afternoon' }], hours_per_week: 3 },
    }, inge.token);
    requestId = request.id;
    await approvePost('requests', requestId, coordinator.token);
  },
});
useBrowser();

const suggestedNames = async () => (await apiOk('GET', `/api/v1/requests/${requestId}/suggestions`,
  undefined, coordinator.token, 200)).items.map((s) => s.volunteer.name);

describe('the Servicepunt looks after its volunteers', () => {
  test('only a coordinator sees the werkbak pages', async () => {
    await logInBrowser(session.context, sanne.email);
    await page.goto(`${baseUrl}/werkbak/vrijwilligers`);
    await page.getByText('Deze pagina is alleen voor het Servicepunt.').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Gerrit Mulder' }).count(), 0);
    await checkA11y(page, 'the volunteer list for a volunteer');
  });

  test('the volunteer list filters by talent, VOG and availability', async () => {
    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/werkbak/vrijwilligers`);
    await page.getByText('2 vrijwilligers gevonden.').waitFor();
    const nav = page.getByRole('navigation', { name: 'Werkbak' });
    assert.equal(await nav.getByRole('link', { name: 'Vrijwilligers' }).getAttribute('aria-current'), 'page');
    await checkA11y(page, 'the volunteer list');
    await screenshot(page, 'desk-volunteers');

    await page.getByLabel('Talent').selectOption({ label: 'Mantelzorg overnemen' });
    await page.getByText('1 vrijwilliger gevonden.').waitFor();
    await page.getByRole('link', { name: 'Gerrit Mulder' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Sanne Bos' }).count(), 0);
    assert.equal(new URL(page.url()).search, '?talent=mantelzorg-overnemen', 'the filter is in the address');

    // Found by a part of the name, accents and case aside.
    await page.getByLabel('Naam').fill('mul');
    await page.getByText('1 vrijwilliger gevonden.').waitFor();
    await page.getByRole('link', { name: 'Gerrit Mulder' }).waitFor();
    assert.ok(!page.url().includes('mul'), 'a name stays out of the address');
    await page.getByLabel('Naam').fill('');

    // Nobody has a VOG yet.
    await page.getByLabel('VOG', { exact: true }).selectOption({ label: 'Geldige VOG' });
    await page.getByText('0 vrijwilligers gevonden.').waitFor();
    await page.getByLabel('VOG', { exact: true }).selectOption({ label: 'Alle' });
    await page.getByLabel('Talent').selectOption({ label: 'Alle talenten' });
    await page.getByText('2 vrijwilligers gevonden.').waitFor();

    await page.getByLabel('Beschikbaar op').selectOption({ label: 'Zaterdag' });
    await page.getByText('1 vrijwilliger gevonden.').waitFor();
    await page.getByRole('link', { name: 'Sanne Bos' }).waitFor();
    await page.getByLabel('Dorp').selectOption({ label: 'Beilen' });
    await page.getByText('0 vrijwilligers gevonden.').waitFor();
    await checkA11y(page, 'the volunteer list, filtered to nobody');

    assert.deepEqual(Object.fromEntries(new URL(page.url()).searchParams), { dag: 'sat', dorp: 'beilen' });

    await page.getByLabel('Beschikbaar op').selectOption({ label: 'Elke dag' });
    await page.getByRole('link', { name: 'Gerrit Mulder' }).click();
    await page.waitForURL(`**/werkbak/vrijwilligers/${gerrit.id}`);
    await page.getByRole('heading', { level: 1, name: 'Gerrit Mulder' }).waitFor();

    // Back, or a link with filters in its address, opens the list filtered.
    await page.goBack();
    await page.getByText('1 vrijwilliger gevonden.').waitFor();
    assert.equal(await page.getByLabel('Dorp').inputValue(), 'beilen');
    await page.goto(`${baseUrl}/werkbak/vrijwilligers?dag=sat&dagdeel=morning&vog=onbekend`);
    await page.getByText('1 vrijwilliger gevonden.').waitFor();
    await page.getByRole('link', { name: 'Sanne Bos' }).waitFor();
    assert.equal(await page.getByLabel('Dagdeel').inputValue(), 'morning');
    assert.equal(await page.getByLabel('VOG', { exact: true }).inputValue(), '', 'an unknown value is left out');
  });

  test('recording a VOG makes the volunteer a suggestion for respijtzorg', async () => {
    assert.ok(!(await suggestedNames()).includes('Gerrit Mulder'), 'no VOG: not suggested for respijtzorg');

    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/werkbak/vrijwilligers/${gerrit.id}`);
    await page.getByRole('heading', { level: 1, name: 'Gerrit Mulder' }).waitFor();
    await page.getByText('06-11112222').waitFor();
    await page.getByText('Geen koppelingen die nu lopen.').waitFor();
    const now = page.locator('#vog-now');
    assert.equal(await now.textContent(), 'Geen VOG');
    await checkA11y(page, 'a volunteer');
    await checkSmallScreens(page, 'desk-volunteer');

    // A valid VOG without its date: the API's word next to the date field.
    await page.getByRole('radio', { name: 'Geldige VOG' }).check();
    await page.getByRole('button', { name: 'VOG opslaan' }).click();
    const date = page.getByLabel('Afgiftedatum van de VOG');
    await page.getByText('Vul de afgiftedatum van de VOG in.').first().waitFor();
    assert.equal(await date.getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'the VOG form with an error');

    // A VOG of more than three years ago no longer counts, and the page says so.
    await date.fill('2022-05-01');
    await page.getByRole('button', { name: 'VOG opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Opgeslagen.' }).waitFor();
    assert.equal(await now.textContent(), 'VOG verlopen op 1 mei 2025 (afgegeven op 1 mei 2022)');
    assert.ok(!(await suggestedNames()).includes('Gerrit Mulder'), 'an expired VOG: not suggested');

    await date.fill('2026-01-15');
    await page.getByRole('button', { name: 'VOG opslaan' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Geldige VOG' });
    await saved.waitFor();
    assert.match(await saved.textContent(), /Opgeslagen\. Geldige VOG tot 15 januari 2029 \(afgegeven op 15 januari 2026\)/);
    assert.equal(await now.textContent(), 'Geldige VOG tot 15 januari 2029 (afgegeven op 15 januari 2026)');
    assert.equal(await date.getAttribute('aria-invalid'), null);
    await checkA11y(page, 'the VOG saved');

    assert.ok((await suggestedNames()).includes('Gerrit Mulder'), 'with a VOG: suggested for respijtzorg');
  });

  test('the Logboek shows who looked at the volunteer', async () => {
    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/werkbak/logboek`);
    await page.getByRole('heading', { level: 1, name: 'Logboek' }).waitFor();
    await page.getByLabel('Over welke vrijwilliger').selectOption({ label: 'Gerrit Mulder' });
    const viewed = page.getByRole('listitem')
      .filter({ hasText: 'Bekeken: vrijwilligersprofiel met contactgegevens bekeken' }).first();
    await viewed.waitFor();
    assert.match(await viewed.textContent(), /Anja Servicepunt \(u\)/);
    assert.match(await viewed.textContent(), /Vrijwilliger: Gerrit Mulder/);
    assert.equal(await viewed.getByRole('link', { name: 'Gerrit Mulder' }).getAttribute('href'),
      `/werkbak/vrijwilligers/${gerrit.id}`, 'the name leads to the volunteer');
    await page.getByRole('listitem').filter({ hasText: 'Veranderd: VOG-status vastgelegd' }).first().waitFor();
    assert.ok(new URL(page.url()).search.includes(gerrit.id), 'the address holds the id only');
    await checkA11y(page, 'the Logboek about one volunteer');

    // A colleague looks at Gerrit too: her name is in the log, and "Door wie" picks her.
    const bert = await addCoordinator({ name: 'Bert Servicepunt' });
    await apiOk('GET', `/api/v1/volunteers/${gerrit.id}`, undefined, bert.token, 200);
    await page.reload();
    const byBert = page.getByRole('listitem').filter({ hasText: 'Bert Servicepunt' });
    await byBert.first().waitFor();
    await page.getByLabel('Door wie').selectOption({ label: 'Bert Servicepunt' });
    await page.getByRole('status').filter({ hasText: '1 regel.' }).waitFor();
    assert.equal(await page.locator('#results > li').count(), 1);
    assert.ok(new URL(page.url()).searchParams.get('door') === bert.id, 'the address holds the id only');
    await checkSmallScreens(page, 'desk-audit');
  });

  test('a failed mail is sent again from Post', async () => {
    // Gerrit's welcome mail could not be sent (nobody listens on the SMTP port).
    let failed;
    for (let i = 0; i < 60 && !failed; i += 1) {
      const mails = await apiOk('GET', '/api/v1/mail?status=failed&limit=100', undefined, coordinator.token, 200);
      failed = mails.items.find((m) => m.recipient === gerrit.email);
      if (!failed) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(failed, 'a failed mail to Gerrit');

    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/werkbak/post`);
    await page.getByRole('heading', { level: 1, name: 'Post' }).waitFor();
    await page.getByLabel('Welke e-mails').selectOption({ label: 'Mislukt' });
    assert.equal(new URL(page.url()).search, '?status=failed', 'the filter is in the address');
    const item = page.locator(`#mail-${failed.id}`);
    await item.getByText(gerrit.email).waitFor();
    assert.match(await item.textContent(), /Mislukt/);
    assert.match(await item.textContent(), /Laatste fout/);
    await checkA11y(page, 'the failed mails');

    await item.getByRole('button', { name: 'Opnieuw versturen' }).click();
    const answer = page.getByRole('status').filter({ hasText: 'De e-mail wordt opnieuw verstuurd.' });
    await answer.waitFor();
    assert.match(await answer.textContent(), /Wacht op verzending/);
    assert.match(await item.textContent(), /Wacht op verzending/);
    assert.equal(await item.getByRole('button', { name: 'Opnieuw versturen' }).count(), 0);
    await checkA11y(page, 'a mail sent again');
    await screenshot(page, 'desk-mail');
  });
});

describe('Vandaag', () => {
  test('the counts on the start page are what the API counts, and lead to their lists', async () => {
    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/`);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werkbak' }).click();
    await page.waitForURL(`${baseUrl}/werkbak`);
    await page.getByRole('heading', { name: 'Wat vraagt vandaag aandacht?' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Werkbak' });
    assert.equal(await nav.getByRole('link', { name: 'Vandaag' }).getAttribute('aria-current'), 'page');
    assert.equal(await nav.getByRole('link', { name: 'Post' }).getAttribute('aria-current'), null);

    const counts = await apiOk('GET', '/api/v1/desk/today', undefined, coordinator.token, 200);
    assert.ok(counts.failed_mail > 0, 'every mail fails on this server');
    const items = await page.locator('#counts li').allInnerTexts();
    assert.equal(items.length, 7);
    const expect = [
      [counts.pending_review, 'oproepen wachten op controle', '/werkbak/beoordelen'],
      [counts.stale_requests, 'hulpvragen staan langer dan 14 dagen online zonder reactie', '/werkbak/hulpvragen?wacht=1'],
      [counts.unhandled_responses, 'reacties van vrijwilligers zijn nog niet opgepakt', '/werkbak/koppelingen?status=responded'],
      [counts.stalled_introductions, 'kennismakingen hebben na 7 dagen nog geen besluit', '/werkbak/koppelingen?status=introduced'],
      [counts.agreements_ending, 'koppelingen: de afgesproken periode eindigt deze maand (of is al voorbij)',
        `/werkbak/koppelingen?status=active&eindigt=${counts.month_end}`],
      [counts.vog_expiring, 'VOG’s (verklaring omtrent het gedrag) verlopen binnen 60 dagen', '/werkbak/vrijwilligers?vog=expiring'],
      [counts.failed_mail, 'e-mails konden niet worden bezorgd', '/werkbak/post?status=failed'],
    ];
    expect.forEach(([n, words], i) => assert.equal(items[i].replace(/\s+/g, ' ').trim(), `${n} ${words}`));
    const links = await page.locator('#counts li a').evaluateAll((all) => all.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, expect.map(([, , href]) => href));
    await checkA11y(page, 'Vandaag');
    await screenshot(page, 'desk-today');

    // Each link opens its list with the filter chosen.
    await page.getByRole('link', { name: /VOG’s .* verlopen binnen 60 dagen/ }).click();
    await page.waitForURL(`${baseUrl}/werkbak/vrijwilligers?vog=expiring`);
    await page.getByText('vrijwilliger gevonden.').or(page.getByText('vrijwilligers gevonden.')).waitFor();
    assert.equal(await page.getByLabel('VOG', { exact: true }).inputValue(), 'expiring');
    await page.goBack();
    await page.getByRole('link', { name: /e-mails konden niet worden bezorgd/ }).click();
    await page.waitForURL(`${baseUrl}/werkbak/post?status=failed`);
    await page.getByRole('heading', { level: 1, name: 'Post' }).waitFor();
    assert.equal(await page.getByLabel('Welke e-mails').inputValue(), 'failed');
    const shown = page.locator('#results > li');
    await shown.first().waitFor();
    for (const text of await shown.allInnerTexts()) assert.match(text, /Mislukt/);
  });
});
