// Browser test of the answer page (/antwoord?keuze=…#TOKEN): the link in a follow-up
// mail records the answer with one click, without logging in. The server runs its
// follow-up jobs every second on the real clock; the test makes a request four weeks
// old in the database, waits for "Is uw hulpvraag nog actueel?" in the outbox, and
// follows its links as the resident would.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN), /usr/bin/chromium and
// sqlite3.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl, checkA11y, checkSmallScreens, page, screenshot, server, session, sqlite, useBrowser, useServer,
  waitForMailLink,
} from './harness.mjs';
import { addCoordinator, apiOk, approvePost, logInBrowser, personViaApi } from './people.mjs';

let coordinator;

/** A resident's request, published four weeks and a day ago. */
async function oldRequest(resident, title) {
  const request = await apiOk('POST', '/api/v1/requests', {
    title,
    description: 'Mijn hond Bobbie moet elke dag even naar buiten. Ik ben slecht ter been.',
    category: 'maatje', place: 'beilen', talents: [],
    schedule: { kind: 'weekly', slots: [{ day: 'tue', part: 'afternoon' }] },
  }, resident.token);
  await approvePost('requests', request.id, coordinator.token);
  const aged = sqlite(
    `UPDATE posts SET published_at = strftime('%Y-%m-%d %H:%M:%f', 'now', '-29 days') WHERE id = '${request.id}'`,
  );
  assert.equal(aged.status, 0, `sqlite3: ${aged.stderr}`);
  return request;
}

/** The "ja" and "nee" links of the question mail to `email`. */
async function answerLinks(email) {
  const subject = 'Is uw hulpvraag nog actueel?';
  const first = await waitForMailLink(server.dataDir, email, subject, '/antwoord');
  const second = await waitForMailLink(server.dataDir, email, subject, '/antwoord', [first]);
  const links = Object.fromEntries([first, second].map((l) => [new URL(l).searchParams.get('keuze'), l]));
  assert.deepEqual(Object.keys(links).sort(), ['ja', 'nee']);
  return links;
}

useServer({
  name: 'follow-up',
  env: { NOABER_FOLLOW_UP_INTERVAL_SECONDS: '1' },
  afterStart: async () => {
    coordinator = await addCoordinator();
  },
});
useBrowser();

describe('Antwoord op een vraag van het Servicepunt', () => {
  test('one click on "Nee, sluit mijn vraag" closes the request, and that is final', async () => {
    const inge = await personViaApi({ name: 'Inge Bakker' });
    const request = await oldRequest(inge, 'Wie laat mijn hond Bobbie uit?');
    const { nee } = await answerLinks(inge.email);

    await page.goto(nee);
    await page.getByRole('heading', { level: 1, name: 'Is uw hulpvraag nog actueel?' }).waitFor();
    await page.getByText('Over: \u201cWie laat mijn hond Bobbie uit?\u201d').waitFor();
    await page.getByText('U koos in de e-mail: \u201cNee, sluit mijn vraag\u201d. Klopt dat?').waitFor();
    let post = await apiOk('GET', `/api/v1/requests/${request.id}`, undefined, inge.token);
    assert.equal(post.status, 'open', 'opening the link answers nothing (mail scanners open links)');
    await checkA11y(page, 'answer-question');
    await page.getByRole('button', { name: 'Nee, sluit mijn vraag' }).click();
    const said = page.getByRole('status');
    await said.getByText('Uw antwoord: Nee, sluit mijn vraag.').waitFor();
    assert.match(await said.innerText(), /Uw hulpvraag is gesloten/);
    assert.equal(await page.getByRole('button').count(), 0, 'closing cannot be undone here');
    post = await apiOk('GET', `/api/v1/requests/${request.id}`, undefined, inge.token);
    assert.equal(post.status, 'closed');
    await checkA11y(page, 'answer-closed');
    await screenshot(page, 'answer-closed');
    await checkSmallScreens(page, 'answer-closed');
  });

  test('"Ja, laat mijn vraag staan" keeps it open and can still change', async () => {
    const jan = await personViaApi({ name: 'Jan Mulder' });
    const request = await oldRequest(jan, 'Wie helpt mij met de boodschappen?');
    const { ja } = await answerLinks(jan.email);

    await page.goto(ja);
    await page.getByRole('button', { name: 'Ja, laat mijn vraag staan' }).click();
    await page.getByRole('status').getByText('Uw antwoord: Ja, laat mijn vraag staan.').waitFor();
    let post = await apiOk('GET', `/api/v1/requests/${request.id}`, undefined, jan.token);
    assert.equal(post.status, 'open');
    await page.getByRole('heading', { level: 2, name: 'Toch een ander antwoord?' }).waitFor();
    await checkA11y(page, 'answer-kept');

    await page.getByRole('button', { name: 'Nee, sluit mijn vraag' }).click();
    await page.getByRole('status').getByText('Uw antwoord: Nee, sluit mijn vraag.').waitFor();
    post = await apiOk('GET', `/api/v1/requests/${request.id}`, undefined, jan.token);
    assert.equal(post.status, 'closed');
  });

  test('a damaged link says so in Dutch and points to the phone', async () => {
    await page.goto(`${baseUrl}/antwoord?keuze=ja#niet-echt`);
    await page.getByRole('heading', { level: 1, name: 'Dit lukte niet' }).waitFor();
    const alert = page.getByRole('alert');
    assert.match(await alert.innerText(), /verlopen of klopt niet/);
    assert.match(await alert.innerText(), /telefonisch/);
    await checkA11y(page, 'answer-bad-link');
  });

  test('Vandaag lists the answers of the week, and the morning digest can be turned off', async () => {
    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/werkbak`);
    await page.getByRole('heading', { level: 2, name: 'Opvolgen' }).waitFor();
    const answers = page.getByRole('list', { name: 'Antwoorden van de afgelopen week' });
    await answers.getByRole('link', { name: 'Wie laat mijn hond Bobbie uit?' }).waitFor();
    assert.match(await answers.innerText(), /Wie laat mijn hond Bobbie uit\? — gesloten: niet meer nodig/);
    const toCall = page.getByRole('list', { name: 'Even bellen: 14 dagen geen antwoord' });
    assert.match(await toCall.innerText(), /Niemand om te bellen/);

    const digest = page.getByRole('checkbox', { name: /Stuur mij elke ochtend een e-mail/ });
    assert.equal(await digest.isChecked(), true);
    await digest.uncheck();
    await page.getByRole('status').filter({ hasText: 'geen overzicht per e-mail meer' }).waitFor();
    const choice = await apiOk('GET', '/api/v1/me/daily-digest', undefined, coordinator.token);
    assert.equal(choice.enabled, false);
    await checkA11y(page, 'desk-today-follow-ups');
    await screenshot(page, 'desk-today-follow-ups');
  });
});
