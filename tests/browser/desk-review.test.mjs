// Browser tests of the werkbak's review queue (/werkbak/beoordelen). Four posts wait,
// posted through the API by a resident, an organisation, a volunteer and another
// resident, in that order; the first has a phone number and an e-mail address in its
// text, the third a link and a spam word, the fourth the surname of whom it is for.
// The coordinator sees them oldest first with what screening found, puts an initial
// in place of the surname and removes the phone number with one click each, changes
// a title with `e`, sends a post back with `t` (the author's .eml quotes the reason),
// approves one with `a` (it is online and the focus is on the next), meets a post a
// colleague already approved, ends at an empty queue and finds the author's changed
// post with "Lijst vernieuwen" — all without a reload.
// Someone who is not from the Servicepunt reads that the page is not for them.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl, checkA11y, checkSmallScreens, mailsTo, page, screenshot, server, session, useBrowser, useServer,
} from './harness.mjs';
import { apiOk, addCoordinator, approvePost, logInBrowser, personViaApi } from './people.mjs';

let coordinator;
let riet; // resident: the post with contact details in it
let inge; // resident: the post a colleague approves first
let org; // organisation: the vacancy approved, and later changed
const posts = {}; // a, b, c, d: the posts in the order they were sent in

const weekly = (day, part) => ({ kind: 'weekly', slots: [{ day, part }] });

useServer({
  name: 'desk-review',
  afterStart: async () => {
    coordinator = await addCoordinator({ name: 'Anja Servicepunt' });
    riet = await personViaApi({ role: 'resident', name: 'Riet Hofman' });
    org = await personViaApi({ role: 'organisation', name: 'Hanneke Zorgcentrum' });
    const kees = await personViaApi({ role: 'volunteer', name: 'Kees Mulder' });
    inge = await personViaApi({ role: 'resident', name: 'Inge Jansen' });
    posts.a = await apiOk('POST', '/api/v1/requests', {
      title: 'Hulp met de heg',
      description: 'Mijn heg is te hoog geworden.\n\nBel mij op 06-12345678 of mail naar riet@example.nl.',
      category: 'tuin', place: 'beilen', talents: [], schedule: weekly('tue', 'morning'),
    }, riet.token);
    posts.b = await apiOk('POST', '/api/v1/vacancies', {
      title: 'Gastvrouw koffieochtend',
      description: 'Elke woensdag schenken wij koffie voor de bewoners. Wie helpt mee?',
      category: 'bezoekwerk', place: 'beilen', talents: [], schedule: weekly('wed', 'morning'),
    }, org.token);
    posts.c = await apiOk('POST', '/api/v1/offers', {
      title: 'Ik help met uw computer',
      description: 'Ik leg uit hoe e-mail werkt. Kijk ook op www.pchulp.nl voor uitleg over bitcoin.',
      category: 'computerhulp', place: 'smilde', talents: [], schedule: { kind: 'flexible' },
    }, kees.token);
    posts.d = await apiOk('POST', '/api/v1/requests', {
      title: 'Boodschappen op dinsdag',
      description: 'Mijn buurman, meneer De Boer, kan zelf niet meer naar de winkel.',
      category: 'boodschappen', place: 'beilen', talents: [], schedule: weekly('tue', 'afternoon'),
      on_behalf_of: { name: 'Jan de Boer', phone: '0593-555123', channel: 'network' },
    }, inge.token);
  },
});
useBrowser();

const kindPath = { request: 'requests', offer: 'offers', vacancy: 'vacancies' };
const asCoordinator = (post) => apiOk('GET', `/api/v1/${kindPath[post.kind]}/${post.id}`, undefined, coordinator.token, 200);
const focusedId = () => page.evaluate(() => document.activeElement?.id || '');
const status = () => page.locator('#announce');

/** Waits (up to 20 s) for a mail to `email` whose subject contains `subject`; answers its text. */
async function waitForMail(email, subject) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const mail = mailsTo(server.dataDir, email).find((m) => (m.headers.subject || '').includes(subject));
    if (mail) return mail.parts.map((p) => p.text).join('\n');
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${email} about "${subject}" within 20 s`);
}

describe('the werkbak: Beoordelen', () => {
  test('Vandaag counts the posts waiting and leads to the queue', async () => {
    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/werkbak`);
    const link = page.getByRole('link', { name: /oproepen wachten op controle/ });
    await link.waitFor();
    assert.match(await link.innerText(), /^4\s/);
    await link.click();
    await page.waitForURL(`${baseUrl}/werkbak/beoordelen`);
    await page.getByRole('heading', { level: 1, name: 'Beoordelen' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Werkbak' });
    assert.equal(await nav.getByRole('link', { name: 'Beoordelen' }).getAttribute('aria-current'), 'page');
  });

  test('the list shows one kind of post, or the posts with something to check, and keeps the choice', async () => {
    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/werkbak/beoordelen`);
    const cards = page.locator('#queue-list .review-card');
    await cards.first().waitFor();
    const choice = page.getByRole('group', { name: 'Welke oproepen ziet u?' });
    assert.deepEqual(await choice.locator('label').allInnerTexts(), [
      'Alle (4)', 'Hulpvragen (2)', 'Hulpaanbod (1)', 'Vacatures (1)', 'Iets gevonden in de tekst (3)']);
    assert.ok(await choice.getByRole('radio', { name: 'Alle (4)' }).isChecked());

    await choice.getByRole('radio', { name: 'Vacatures (1)' }).check();
    await page.waitForFunction(() => document.querySelectorAll('#queue-list .review-card').length === 1);
    assert.deepEqual(await cards.locator('h3').allInnerTexts(), ['Gastvrouw koffieochtend']);
    assert.equal(await page.locator('#queue-count').innerText(),
      '4 oproepen wachten op controle. U ziet er 1. De oudste staat bovenaan.');
    assert.match(page.url(), /\?toon=vacancy$/);
    await page.reload();
    await cards.first().waitFor();
    assert.ok(await choice.getByRole('radio', { name: 'Vacatures (1)' }).isChecked(), 'a reload keeps the choice');
    assert.equal(await cards.count(), 1);

    // The posts with contact details, links or spam words in them; the vacancy has none.
    await choice.getByRole('radio', { name: /^Iets gevonden in de tekst/ }).check();
    await page.waitForFunction(() => document.querySelectorAll('#queue-list .review-card').length === 3);
    assert.deepEqual(await cards.locator('h3').allInnerTexts(),
      ['Hulp met de heg', 'Ik help met uw computer', 'Boodschappen op dinsdag']);
    await checkA11y(page, 'the review queue narrowed to posts with findings');

    await choice.getByRole('radio', { name: 'Alle (4)' }).check();
    await page.waitForFunction(() => document.querySelectorAll('#queue-list .review-card').length === 4);
    assert.doesNotMatch(page.url(), /toon=/);
  });

  test('the coordinator reviews the queue, oldest first, by keyboard where it counts', async () => {
    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/werkbak/beoordelen`);
    const cards = page.locator('#queue-list .review-card');
    await cards.first().waitFor();
    // A mark on the window: it is gone if the page ever reloads.
    await page.evaluate(() => { window.noReload = true; });

    // Oldest first across the three kinds (the API lists each kind newest first).
    assert.deepEqual(await cards.locator('h3').allInnerTexts(),
      ['Hulp met de heg', 'Gastvrouw koffieochtend', 'Ik help met uw computer', 'Boodschappen op dinsdag']);
    const requests = await apiOk('GET', '/api/v1/requests?status=pending_review', undefined, coordinator.token, 200);
    assert.deepEqual(requests.items.map((p) => p.id), [posts.d.id, posts.a.id]);
    await page.getByText('4 oproepen wachten op controle.').waitFor();
    assert.match(await cards.first().getAttribute('class'), /is-current/);

    // Each card: kind, village, when, who; what screening found, in words.
    const a = page.locator(`#post-${posts.a.id}`);
    const c = page.locator(`#post-${posts.c.id}`);
    const d = page.locator(`#post-${posts.d.id}`);
    assert.match(await a.innerText(), /Hulpvraag/);
    assert.match(await a.innerText(), /Ingestuurd zojuist|Ingestuurd \d+ minuten? geleden/);
    assert.match(await a.innerText(), /Elke week: dinsdagochtend/);
    assert.match(await a.innerText(), /Geplaatst door\s+Riet Hofman\s+Let op\s+E-mailadres nog niet bevestigd\.\n/);
    // A vacancy of an organisation new this week says so too: it would get volunteers' details.
    assert.match(await page.locator(`#post-${posts.b.id}`).innerText(),
      /Let op\s+E-mailadres nog niet bevestigd\. Nieuwe organisatie op Noaber, aangemeld .+\./);
    await a.getByRole('listitem').filter({ hasText: 'Telefoonnummer: 06-12345678' }).waitFor();
    await a.getByRole('listitem').filter({ hasText: 'E-mailadres: riet@example.nl' }).waitFor();
    assert.equal(await a.locator('mark').count(), 2, 'the found texts are marked in the description');
    const link = c.getByRole('listitem').filter({ hasText: 'Link: www.pchulp.nl' });
    assert.match(await link.innerText(), /Let op: Kijk of deze link veilig is/);
    await c.getByRole('listitem').filter({ hasText: 'Verdacht woord: bitcoin' }).waitFor();
    assert.equal(await c.getByRole('button', { name: /Verwijder uit de tekst/ }).count(), 0, 'links and spam are warnings');
    await page.locator(`#post-${posts.b.id}`).getByText('Geen telefoonnummers, e-mailadressen, adressen, achternamen, links of verdachte woorden.').waitFor();
    // Nothing personal that reviewing does not need: no addresses of the authors, not whom a request is for.
    const text = await page.locator('main').innerText();
    for (const secret of [riet.email, inge.email, 'Jan de Boer', '0593-555123']) {
      assert.ok(!text.includes(secret), `the page does not show ${secret}`);
    }
    assert.match(await d.innerText(), /Geplaatst door\s+Inge Jansen/);
    assert.match(await d.innerText(), /Voor\s+Iemand anders \(familie, buren of vrienden\)/);
    await checkA11y(page, 'the review queue');
    await screenshot(page, 'desk-review');
    await checkSmallScreens(page, 'desk-review');

    // The surname of whom a request is for: one click puts the initial in its place.
    const surname = d.getByRole('listitem').filter({ hasText: 'Achternaam: Boer' });
    assert.match(await surname.innerText(), /Let op: Op Noaber staan alleen voornamen\./);
    await surname.getByRole('button', { name: 'Vervang door B.: Boer' }).click();
    await status().getByText('De achternaam is in de beschrijving vervangen door B. De oproep wacht nog op uw besluit.').waitFor();
    assert.equal((await asCoordinator(posts.d)).description, 'Mijn buurman, meneer De B., kan zelf niet meer naar de winkel.');
    assert.equal(await d.getByRole('listitem').filter({ hasText: 'Achternaam' }).count(), 0);

    // The keys are listed on the ? overlay.
    await page.getByRole('heading', { level: 1 }).focus();
    await page.keyboard.press('?');
    const overlay = page.getByRole('dialog', { name: 'Sneltoetsen' });
    await overlay.getByText('De gekozen oproep goedkeuren en online zetten').waitFor();
    await overlay.getByText('De gekozen oproep terugsturen, met een reden').waitFor();
    await checkA11y(page, 'the shortcuts overlay');
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'hidden' });

    // One click takes the phone number out of the text; the post keeps waiting.
    await a.getByRole('button', { name: 'Verwijder uit de tekst: 06-12345678' }).click();
    await status().getByText('Het telefoonnummer is uit de beschrijving gehaald.').waitFor();
    let fresh = await asCoordinator(posts.a);
    assert.equal(fresh.description, 'Mijn heg is te hoog geworden.\n\nBel mij op [verwijderd] of mail naar riet@example.nl.');
    assert.equal(fresh.status, 'pending_review');
    assert.equal(await a.getByRole('listitem').filter({ hasText: 'Telefoonnummer' }).count(), 0);
    await a.getByRole('listitem').filter({ hasText: 'E-mailadres: riet@example.nl' }).waitFor();
    assert.equal(await focusedId(), `post-${posts.a.id}-findings`);
    await checkA11y(page, 'a phone number removed');

    // e: change the title in the card; Enter saves it.
    await page.keyboard.press('e');
    const title = a.getByLabel('Titel');
    await title.waitFor();
    assert.equal(await focusedId(), `post-${posts.a.id}-edit-title`);
    await checkA11y(page, 'the edit form');
    await screenshot(page, 'desk-review-edit');
    await checkSmallScreens(page, 'desk-review-edit');
    await title.fill('Hulp met de heg in Beilen');
    await page.keyboard.press('Enter');
    await status().getByText('De wijziging is opgeslagen. De oproep wacht nog op uw besluit.').waitFor();
    await a.getByRole('heading', { level: 3, name: 'Hulp met de heg in Beilen' }).waitFor();
    assert.equal(await focusedId(), `post-${posts.a.id}`);
    fresh = await asCoordinator(posts.a);
    assert.deepEqual([fresh.title, fresh.status], ['Hulp met de heg in Beilen', 'pending_review']);

    // Approving with the e-mail address still in the text asks once more first.
    await a.getByRole('button', { name: 'Goedkeuren en plaatsen' }).click();
    await a.getByText('Er staan nog contactgegevens of een achternaam in de tekst.', { exact: false }).waitFor();
    assert.equal((await asCoordinator(posts.a)).status, 'pending_review', 'not published yet');
    await a.focus();

    // t: send it back with a standard reason and a sentence of one's own.
    await page.keyboard.press('t');
    const form = a.getByRole('form', { name: 'Terugsturen naar Riet' });
    await form.waitFor();
    assert.match(await focusedId(), new RegExp(`^post-${posts.a.id}-back-`));
    await form.getByRole('button', { name: 'Terugsturen' }).click();
    await form.getByText('Kies een reden.').first().waitFor();
    await checkA11y(page, 'the send-back form with an error');
    await form.getByRole('radio', { name: /Er staan contactgegevens in de tekst/ }).check();
    await form.getByLabel('Toelichting voor Riet').fill('Uw e-mailadres staat er ook nog in.');
    await checkA11y(page, 'the send-back form');
    await screenshot(page, 'desk-review-send-back');
    await checkSmallScreens(page, 'desk-review-send-back');
    await form.getByRole('button', { name: 'Terugsturen' }).click();
    await status().getByText('“Hulp met de heg in Beilen” is teruggestuurd. Riet krijgt een e-mail met de reden.').waitFor();
    await status().getByText('Nog 3 oproepen te beoordelen.').waitFor();
    assert.equal(await focusedId(), `post-${posts.b.id}`, 'the focus is on the next post');
    assert.equal(await cards.count(), 3);
    fresh = await asCoordinator(posts.a);
    assert.equal(fresh.status, 'rejected');
    assert.match(fresh.review_reason, /^Er staan contactgegevens in de tekst\..* Uw e-mailadres staat er ook nog in\.$/);
    const mail = await waitForMail(riet.email, 'Uw oproep is nog niet geplaatst');
    assert.match(mail, /De reden: Er staan contactgegevens in de tekst\./);
    assert.match(mail.replace(/\s+/g, ' '), /Uw e-mailadres staat er ook nog in\./);

    // a: approve the vacancy, by keyboard only; it is online and the focus moves on.
    await page.keyboard.press('a');
    await status().getByText('“Gastvrouw koffieochtend” staat nu online. Nog 2 oproepen te beoordelen.').waitFor();
    assert.equal((await asCoordinator(posts.b)).status, 'open');
    assert.equal(await focusedId(), `post-${posts.c.id}`);
    await checkA11y(page, 'a post approved');

    // A colleague approved the last one meanwhile: j goes there, a says so and moves on.
    await approvePost('requests', posts.d.id, coordinator.token);
    await page.keyboard.press('j');
    assert.equal(await focusedId(), `post-${posts.d.id}`);
    await page.keyboard.press('a');
    await status().getByText('“Boodschappen op dinsdag” was al beoordeeld', { exact: false }).waitFor();
    assert.equal(await focusedId(), `post-${posts.c.id}`);

    // Anders needs words of one's own; they are the whole reason.
    await page.keyboard.press('t');
    const back = c.getByRole('form', { name: 'Terugsturen naar Kees' });
    await back.getByRole('radio', { name: /Anders/ }).check();
    await back.getByRole('button', { name: 'Terugsturen' }).click();
    await back.getByText('Schrijf op waarom u de oproep terugstuurt.').first().waitFor();
    await back.getByLabel('Toelichting voor Kees').fill('Haal de link naar de website weg.');
    await back.getByRole('button', { name: 'Terugsturen' }).click();
    await status().getByText('Alle oproepen zijn beoordeeld.', { exact: false }).waitFor();
    assert.equal(await focusedId(), 'queue-empty');
    await page.getByText('Er wachten geen oproepen op controle.').waitFor();
    assert.equal((await asCoordinator(posts.c)).review_reason, 'Haal de link naar de website weg.');
    await checkA11y(page, 'the empty queue');
    await screenshot(page, 'desk-review-empty');
    await checkSmallScreens(page, 'desk-review-empty');

    // Riet sends her changed request in again; "Lijst vernieuwen" finds it.
    await apiOk('PATCH', `/api/v1/requests/${posts.a.id}`, { description: 'Mijn heg is te hoog geworden.' }, riet.token, 200);
    assert.equal((await asCoordinator(posts.a)).status, 'pending_review');
    await page.getByRole('button', { name: 'Lijst vernieuwen' }).click();
    await status().getByText('De lijst is vernieuwd. 1 oproep wacht op controle.').waitFor();
    await page.locator(`#post-${posts.a.id}`).getByText('Geen telefoonnummers, e-mailadressen', { exact: false }).waitFor();
    // The card says why it came back before, so the coordinator checks just that.
    assert.match(await page.locator(`#post-${posts.a.id}`).innerText(),
      /Eerder teruggestuurd met: .?Er staan contactgegevens in de tekst\./);
    assert.equal(await page.evaluate(() => window.noReload), true, 'no page reload between the steps');
  });

  test('a post that does not belong here is not placed, and its author reads why', async () => {
    const henk = await personViaApi({ role: 'volunteer', name: 'Henk Dijkstra' });
    const paid = await apiOk('POST', '/api/v1/offers', {
      title: 'Dakgoten reinigen vanaf 25 euro',
      description: 'Ik reinig uw dakgoten snel en goed. Vraag naar de prijs per meter.',
      category: 'klussen', place: 'beilen', talents: [], schedule: { kind: 'flexible' },
    }, henk.token);
    // The vacancy approved earlier, changed by its organisation: back in the queue,
    // and its card says it was online before.
    await apiOk('PATCH', `/api/v1/vacancies/${posts.b.id}`, { title: 'Gastvrouw of gastheer koffieochtend' }, org.token, 200);
    await logInBrowser(session.context, coordinator.email);
    await page.goto(`${baseUrl}/werkbak/beoordelen`);
    await page.locator(`#post-${posts.b.id}`).getByText('Aangepast door de plaatser. Stond eerder online, sinds', { exact: false }).waitFor();
    const card = page.locator(`#post-${paid.id}`);
    await card.focus();

    // n: the reason form; a reason is needed, then the post leaves the queue.
    await page.keyboard.press('n');
    const form = card.getByRole('form', { name: 'Niet plaatsen' });
    await form.waitFor();
    await form.getByText('De oproep komt niet online en kan niet opnieuw worden ingestuurd.', { exact: false }).waitFor();
    await form.getByRole('button', { name: 'Niet plaatsen' }).click();
    await form.getByText('Kies een reden.').first().waitFor();
    await form.getByRole('radio', { name: /Dit is betaald werk/ }).check();
    await checkA11y(page, 'the form to refuse a post');
    await screenshot(page, 'desk-review-refuse');
    await form.getByRole('button', { name: 'Niet plaatsen' }).click();
    await status().getByText('“Dakgoten reinigen vanaf 25 euro” wordt niet geplaatst. Henk krijgt een e-mail met de reden.').waitFor();
    const refused = await asCoordinator(paid);
    assert.equal(refused.status, 'closed');
    assert.equal(refused.close_reason, 'refused');
    const mail = await waitForMail(henk.email, 'Uw oproep wordt niet geplaatst');
    assert.match(mail.replace(/\s+/g, ' '), /De reden: Dit is betaald werk\./);

    // Henk finds it under Mijn overzicht, closed, with the Servicepunt's reason.
    await logInBrowser(session.context, henk.email);
    await page.goto(`${baseUrl}/mijn`);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Dakgoten reinigen vanaf 25 euro' }) });
    await item.getByText('Het Servicepunt plaatst deze oproep niet.').waitFor();
    assert.match(await item.innerText(), /Status: Niet geplaatst/);
    assert.match(await item.innerText(), /De reden: .?Dit is betaald werk\./);
    assert.equal(await item.getByRole('link', { name: /^Aanpassen/ }).count(), 0, 'nothing to change');
    await checkA11y(page, 'Mijn overzicht with a refused post');
  });

  test('someone who is not from the Servicepunt reads that the page is not for them', async () => {
    await logInBrowser(session.context, inge.email);
    await page.goto(`${baseUrl}/werkbak/beoordelen`);
    await page.getByText('Deze pagina is alleen voor het Servicepunt.').waitFor();
    assert.equal(await page.locator('.review-card').count(), 0);
    await checkA11y(page, 'Beoordelen for a resident');
  });
});
