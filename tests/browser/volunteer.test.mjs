// Browser tests of the volunteer's side and the pages around a match: the profile
// (/mijn/profiel), "Voor u gevonden" (/mijn/voor-u-gevonden), a post's page
// (/hulpvragen/{id}, /vacatures/{id}) and a match's page with its messages
// (/koppelingen/{id}). A real `noaber` server writes its mails as .eml files; the
// other side of each story (the resident, the Servicepunt) acts through the API
// with bearer tokens, as another program would.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl, checkA11y, checkSmallScreens, page, server, useBrowser, useServer, waitForMailLink,
} from './harness.mjs';
import {
  addCoordinator, apiOk, apiToken, approvePost, fillInLogin, fillInRegistration, newAddress, personViaApi,
} from './people.mjs';

const XSS = '<img src=x onerror=alert(1)>';
// A first name is the first word of a name: this one is markup without spaces.
const XSS_NAME = '<img/src=x/onerror=alert(3)>';

let coordinatorToken;

useServer({
  name: 'volunteer',
  afterStart: async () => {
    coordinatorToken = (await addCoordinator({ name: 'Anja Servicepunt' })).token;
  },
});
useBrowser(); // an alert() fails the test: a script from someone's text must never run

/** Registers someone through the API and logs them in there: `{ email, name, token, id }`. */
const person = (role, name, extra = {}) => personViaApi({ role, name, ...extra });

/** A post by `author`, approved by the Servicepunt; answers its id. */
async function openPost(kindPath, author, body) {
  const post = await apiOk('POST', `/api/v1/${kindPath}`, body, author.token);
  await approvePost(kindPath, post.id, coordinatorToken);
  return post.id;
}

const tuesdayShopping = (title) => ({
  title,
  description: 'Ik kan zelf niet meer naar de winkel.\n\nWie doet op dinsdagochtend boodschappen voor mij bij de supermarkt in Beilen?',
  category: 'boodschappen',
  place: 'beilen',
  talents: ['boodschappen'],
  schedule: { kind: 'weekly', slots: [{ day: 'tue', part: 'morning' }], hours_per_week: 1 },
});

/** Logs in through /inloggen (the page sends the person on by itself when ?terug= is set). */
const logIn = (email) => fillInLogin(page, email);

// ---- the stories -------------------------------------------------------------------

describe('a volunteer finds a request, responds and talks with the resident', () => {
  test('Sharon: register, profile, Voor u gevonden, respond, introduction, messages', async () => {
    const inge = await person('resident', 'Inge Jansen', { phone: '06-12345678' });
    const title = `Boodschappen op dinsdagochtend ${process.pid}`;
    const requestId = await openPost('requests', inge, tuesdayShopping(title));

    // Sharon registers through /aanmelden as someone who wants to help.
    const sharon = newAddress('sharon');
    await page.goto(`${baseUrl}/aanmelden`);
    await fillInRegistration(page, { choice: /Ik wil helpen/, name: 'Sharon de Vries', email: sharon });
    await page.getByRole('link', { name: 'Verder: uw vrijwilligersprofiel' }).click();

    // The empty profile.
    await page.waitForURL('**/mijn/profiel');
    await page.getByRole('heading', { level: 1, name: 'Uw vrijwilligersprofiel' }).waitFor();
    await page.getByText('U heeft nog geen profiel.').waitFor();
    await page.getByText('U heeft nog geen talenten gekozen.').waitFor();
    await page.getByText('U heeft (nog) geen VOG bij ons.').waitFor();
    await checkA11y(page, 'the empty profile');

    // The talent picker: typing narrows the list; choosing adds a removable item.
    const search = page.getByLabel('Zoek een talent');
    await search.fill('boodsch');
    await page.getByText('1 talent gevonden.').waitFor();
    await page.getByRole('checkbox', { name: 'Boodschappen doen' }).focus();
    await page.keyboard.press('Space');
    await search.fill('kok');
    await page.getByRole('checkbox', { name: 'Koken' }).check();
    await search.fill('');
    const chosen = page.getByRole('list', { name: 'Uw talenten' });
    await chosen.getByRole('button', { name: 'Verwijder Boodschappen doen' }).waitFor();
    await chosen.getByRole('button', { name: 'Verwijder Koken' }).waitFor();
    assert.equal(await chosen.getByRole('listitem').count(), 2);
    await page.getByRole('button', { name: 'Verwijder Koken' }).click();
    assert.equal(await chosen.getByRole('listitem').count(), 1);
    assert.equal(await page.getByRole('checkbox', { name: 'Koken' }).isChecked(), false);
    await page.getByRole('status').filter({ hasText: 'Koken verwijderd.' }).waitFor();

    // The week grid, by keyboard: Tuesday morning and Thursday afternoon.
    await page.getByRole('checkbox', { name: 'dinsdagochtend' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'donderdagmiddag' }).check();
    await page.getByLabel('Uw woonplaats').selectOption({ label: 'Beilen' });

    // Too far: the API's message stands next to the field, and is announced.
    await page.getByLabel(/Hoe ver wilt u reizen/).fill('80');
    await page.getByRole('button', { name: 'Profiel opslaan' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Kies tussen 1 en 50 km.').waitFor();
    const distance = page.getByLabel(/Hoe ver wilt u reizen/);
    assert.equal(await distance.getAttribute('aria-invalid'), 'true');
    const described = await distance.getAttribute('aria-describedby');
    const errorId = described.split(' ').find((id) => id.endsWith('-error-gen'));
    assert.equal(await page.locator(`#${errorId}`).innerText(), 'Kies tussen 1 en 50 km.');
    await checkA11y(page, 'the profile with an error');

    await distance.fill('15');
    await page.getByRole('button', { name: 'Profiel opslaan' }).click();
    await page.getByText('Uw profiel is opgeslagen.').waitFor();
    await checkA11y(page, 'the saved profile');
    await checkSmallScreens(page, 'volunteer-profile');

    // What was saved is what the API now holds.
    const sharonToken = await apiToken(sharon);
    const me = await apiOk('GET', '/api/v1/me', undefined, sharonToken);
    assert.deepEqual(me.volunteer_profile.talents, ['boodschappen']);
    assert.deepEqual(me.volunteer_profile.availability,
      [{ day: 'tue', part: 'morning' }, { day: 'thu', part: 'afternoon' }]);
    assert.equal(me.volunteer_profile.place, 'beilen');
    assert.equal(me.volunteer_profile.max_distance_km, 15);

    // A filled profile shows what was saved; a VOG the Servicepunt noted long ago
    // is said to have run out, not to be valid.
    await apiOk('PUT', `/api/v1/volunteers/${me.id}/vog`, { status: 'valid', issued_on: '2020-03-02' }, coordinatorToken);
    await page.reload();
    await page.getByRole('button', { name: 'Verwijder Boodschappen doen' }).waitFor();
    assert.equal(await page.getByRole('checkbox', { name: 'dinsdagochtend' }).isChecked(), true);
    await page.getByText(/Uw VOG is verlopen op (\w+ )?2 maart 2023\. Afgegeven op (\w+ )?2 maart 2020\./).waitFor();
    await checkA11y(page, 'the filled profile');

    // Voor u gevonden: Inge's request, with the reasons and when.
    await page.getByRole('button', { name: 'Profiel opslaan' }).click();
    await page.getByText('Uw profiel is opgeslagen.').waitFor();
    assert.equal(await page.getByText('U heeft nog geen profiel.').count(), 0, 'no stale notice above it');
    await page.getByRole('link', { name: 'Bekijk wat wij voor u gevonden hebben' }).click();
    await page.waitForURL('**/mijn/voor-u-gevonden');
    const found = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
    await found.waitFor();
    const card = await found.innerText();
    assert.match(card, /Beilen/);
    assert.match(card, /Elke week: dinsdagochtend/);
    assert.match(card, /Waarom dit bij u past/);
    assert.match(card, /u kunt op dinsdagochtend/i);
    assert.doesNotMatch(card, /\bje\b/, 'the reasons say u, as every page does');
    // Without a VOG the kinds of help that need one are left out: the page says so.
    await page.locator('#vog-note').waitFor();
    const vogNote = await page.locator('#vog-note').innerText();
    assert.match(vogNote, /^Voor .*respijtzorg.* is een VOG nodig/);
    assert.match(vogNote, /staan die oproepen hier niet bij\. .*Bel het Servicepunt: 14 0593\./);
    await checkA11y(page, 'Voor u gevonden');
    await checkSmallScreens(page, 'volunteer-suggestions');

    // The request's page; Sharon responds.
    await found.getByRole('link', { name: title }).click();
    await page.waitForURL(`**/hulpvragen/${requestId}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const facts = await page.locator('.facts').first().innerText();
    assert.match(facts, /Boodschappen/);
    assert.match(facts, /Elke week: dinsdagochtend/);
    assert.match(facts, /Inge/);
    assert.doesNotMatch(facts, /Jansen|06-12345678/, 'public pages show a first name only');
    await checkA11y(page, 'a request as a volunteer sees it');
    await page.getByLabel('Uw bericht aan Inge').fill('Hallo Inge, ik doe graag op dinsdag uw boodschappen.');
    await page.getByRole('button', { name: 'Reageer' }).click();
    await page.getByRole('heading', { name: 'Uw reactie is verstuurd' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Uw reactie is verstuurd');
    await page.getByText('Inge en het Servicepunt kunnen uw bericht lezen.', { exact: true }).waitFor();
    await checkA11y(page, 'the request after responding');
    await page.reload();
    await page.getByRole('heading', { name: 'U heeft al gereageerd' }).waitFor();
    await page.getByRole('link', { name: 'Bekijk uw reactie en de berichten' }).waitFor();
    await checkSmallScreens(page, 'volunteer-post');

    // The Servicepunt introduces them; Inge writes.
    const [match] = (await apiOk('GET', '/api/v1/matches', undefined, inge.token)).items;
    assert.equal(match.post.id, requestId);
    await apiOk('POST', `/api/v1/matches/${match.id}/introduce`, {}, coordinatorToken);
    await apiOk('POST', `/api/v1/matches/${match.id}/messages`, { body: 'Fijn Sharon! Komt u dinsdag om tien uur?' }, inge.token);

    // Sharon opens the match from her introduction mail.
    const link = await waitForMailLink(server.dataDir, sharon, 'Kennismaking', '/koppelingen/');
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: `Koppeling: ${title}` }).waitFor();
    await page.getByText('Aan elkaar voorgesteld', { exact: true }).waitFor();
    const contactBox = page.locator('.contact-box');
    assert.match(await contactBox.innerText(), /Inge Jansen/);
    assert.match(await contactBox.innerText(), /06-12345678/);
    assert.match(await contactBox.innerText(), new RegExp(inge.email.replace(/[.]/g, '\\.')));
    const messages = page.getByRole('list').filter({ has: page.locator('.chat-message') });
    const fromInge = messages.getByRole('listitem').filter({ hasText: 'Komt u dinsdag om tien uur?' });
    assert.match(await fromInge.innerText(), /Inge/);
    assert.match(await fromInge.innerText(), /Nieuw/);
    const own = messages.getByRole('listitem').filter({ hasText: 'ik doe graag op dinsdag' });
    assert.doesNotMatch(await own.innerText(), /Nieuw/, 'your own message is never new');
    await page.getByText('U heeft 1 nieuw bericht.').waitFor();
    await checkA11y(page, 'the match page with a new message');

    await page.getByLabel('Uw bericht aan Inge').fill('Dinsdag om tien uur is goed. Tot dan!');
    await page.getByRole('button', { name: 'Bericht versturen' }).click();
    await page.getByRole('status').filter({ hasText: 'Uw bericht is verstuurd.' }).waitFor();
    await messages.getByRole('listitem').filter({ hasText: 'Tot dan!' }).waitFor();
    await checkA11y(page, 'the match page after answering');
    await checkSmallScreens(page, 'volunteer-match');

    // Read now: the next visit shows nothing as new.
    await page.reload();
    await messages.getByRole('listitem').filter({ hasText: 'Tot dan!' }).waitFor();

    assert.equal(await page.locator('.new-tag').count(), 0);

    // Inge's side sees the answer, as new.
    const inges = await apiOk('GET', `/api/v1/matches/${match.id}`, undefined, inge.token);
    assert.equal(inges.unread, 1);
    const thread = await apiOk('GET', `/api/v1/matches/${match.id}/messages`, undefined, inge.token);
    const last = thread.items.at(-1);
    assert.deepEqual([last.from, last.body, last.new], ['Sharon', 'Dinsdag om tien uur is goed. Tot dan!', true]);

    // A message that asks for money carries a warning for the reader.
    await apiOk('POST', `/api/v1/matches/${match.id}/messages`,
      { body: 'Kunt u vooraf 40 euro overmaken op mijn rekeningnummer? Dan koop ik de spullen.' }, inge.token);
    await page.reload();
    const askingMoney = messages.getByRole('listitem').filter({ hasText: '40 euro overmaken' });
    await askingMoney.getByText(/^Let op: dit bericht vraagt om geld of bankgegevens\./).waitFor();
    assert.equal(await messages.getByText(/^Let op:/).count(), 1, 'only that message is flagged');
    await checkA11y(page, 'a message with a warning');
  });
});

describe('an organisation sees the responses to its vacancy', () => {
  test('logs in, opens the vacancy, sees the volunteer and its steps', async () => {
    const org = await person('organisation', 'Hanneke Zorgcentrum');
    const title = `Gastvrouw koffieochtend ${process.pid}`;
    const vacancyId = await openPost('vacancies', org, {
      title,
      description: 'Elke woensdag schenken wij koffie voor de bewoners. Wie helpt mee?',
      category: 'bezoekwerk',
      place: 'beilen',
      talents: ['gezelschap'],
      schedule: { kind: 'weekly', slots: [{ day: 'wed', part: 'morning' }] },
    });
    const kees = await person('volunteer', 'Kees Mulder');
    await apiOk('POST', `/api/v1/vacancies/${vacancyId}/responses`, { message: 'Ik schenk graag koffie.' }, kees.token);

    await page.goto(`${baseUrl}/inloggen`);
    await logIn(org.email);
    await page.waitForURL((url) => url.pathname !== '/inloggen');
    await page.goto(`${baseUrl}/vacatures/${vacancyId}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('Staat online', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Aanpassen' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Aanpassen' }).getAttribute('href'),
      `/mijn/oproepen/${vacancyId}/aanpassen`);
    await page.getByRole('heading', { name: '1 reactie' }).waitFor();
    const response = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Kees' }) });
    // The organisation handles its own vacancy: nobody waits for the Servicepunt.
    assert.match(await response.innerText(), /Status: Gereageerd, wacht op uw besluit/);
    assert.match(await response.innerText(), /Past het\? Kies dan .Aan elkaar voorstellen.\. Daarna zien u en Kees elkaars contactgegevens\./);
    assert.doesNotMatch(await response.innerText(), /Mulder/);
    // The organisation handles its own vacancy: every step that fits now.
    await response.getByRole('button', { name: 'Aan elkaar voorstellen' }).waitFor();
    await response.locator('summary', { hasText: 'Deze reactie afwijzen' }).waitFor();
    await response.getByRole('link', { name: 'Lees de reactie van Kees' }).waitFor();
    await checkA11y(page, 'a vacancy as its organisation sees it');

    await response.getByRole('button', { name: 'Aan elkaar voorstellen' }).click();
    await page.getByRole('status').filter({ hasText: 'Kees: U bent aan elkaar voorgesteld.' }).waitFor();
    const after = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Kees' }) });
    assert.match(await after.innerText(), /Aan elkaar voorgesteld/);
    await after.getByRole('button', { name: 'Koppeling bevestigen' }).waitFor();
    await checkA11y(page, 'a vacancy after introducing');

    // The match page shows the organisation what happened, step by step, and Kees's details.
    await after.getByRole('link', { name: 'Bekijk de koppeling met Kees' }).click();
    await page.getByRole('heading', { level: 1, name: `Koppeling: ${title}` }).waitFor();
    const history = page.getByRole('list').filter({ hasText: 'gereageerd' });
    assert.match(await history.innerText(), /Kees — gereageerd/);
    assert.match(await history.innerText(), /U — aan elkaar voorgesteld/);
    assert.match(await page.locator('.contact-box').innerText(), /Kees Mulder/);
    await page.getByText('U bent aan elkaar voorgesteld. U kunt nu contact opnemen').waitFor();
    await page.getByRole('list').filter({ hasText: 'Ik schenk graag koffie.' }).waitFor();
    await checkA11y(page, 'a match page as the organisation');

    // Kees reads the same steps: the organisation introduced them, not the Servicepunt.
    const matchAddress = new URL(page.url()).pathname;
    await page.goto(`${baseUrl}/inloggen`);
    await logIn(kees.email);
    await page.waitForURL((url) => url.pathname !== '/inloggen');
    await page.goto(`${baseUrl}${matchAddress}`);
    const his = page.getByRole('list').filter({ hasText: 'gereageerd' });
    await his.waitFor();
    assert.match(await his.innerText(), /U — gereageerd/);
    assert.match(await his.innerText(), /Hanneke Zorgcentrum — aan elkaar voorgesteld/);
    assert.doesNotMatch(await his.innerText(), /Het Servicepunt/);
  });
});

describe('the author follows the mail to the response', () => {
  test('"Reactie lezen" leads to the post, and after logging in to the response', async () => {
    const resident = await person('resident', 'Gerrit Bos');
    const title = `Hulp bij de tuin ${process.pid}`;
    const requestId = await openPost('requests', resident, {
      ...tuesdayShopping(title), category: 'tuin', talents: ['tuinieren'],
    });
    const fenna = await person('volunteer', 'Fenna Smit');
    await apiOk('POST', `/api/v1/requests/${requestId}/responses`, { message: 'Ik tuinier graag!' }, fenna.token);

    const link = await waitForMailLink(server.dataDir, resident.email, 'Nieuwe reactie', '/hulpvragen/');
    assert.equal(new URL(link).pathname, `/hulpvragen/${requestId}`);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('heading', { name: 'Wilt u helpen?' }).waitFor();
    await page.getByText('Log in om de reacties te zien.').waitFor();
    const signup = page.getByRole('link', { name: 'Aanmelden als vrijwilliger' });
    assert.equal(await signup.getAttribute('href'),
      `/aanmelden?als=vrijwilliger&terug=${encodeURIComponent(`/hulpvragen/${requestId}`)}`);
    await checkA11y(page, 'a request as a visitor sees it');

    await page.getByRole('link', { name: 'Inloggen' }).last().click();
    await page.waitForURL('**/inloggen?terug=*');
    await logIn(resident.email);
    await page.waitForURL(`**/hulpvragen/${requestId}`);
    await page.getByRole('heading', { name: '1 reactie' }).waitFor();
    // At the top, beside the status: that someone responded, and the way down to it.
    const count = page.locator('.post-status .responses-count');
    assert.equal(await count.innerText(), 'Er is 1 reactie (1 nieuw bericht). Bekijk de reactie.');
    await count.getByRole('link', { name: 'Bekijk de reactie' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'responses-heading');
    await checkA11y(page, 'a request as its author sees it, with the count of responses');
    await checkSmallScreens(page, 'post-author-responses');
    const response = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Fenna' }) });
    assert.match(await response.innerText(), /Status: Een vrijwilliger heeft gereageerd/);
    assert.match(await response.innerText(), /1 nieuw bericht/);
    await response.locator('summary', { hasText: 'Deze reactie afwijzen' }).waitFor();
    assert.equal(await response.getByRole('button', { name: 'Aan elkaar voorstellen' }).count(), 0,
      'only the Servicepunt introduces a request');
    await checkA11y(page, 'a request as its author sees it');
    await checkSmallScreens(page, 'author-post');

    // Declining needs a reason: the API's message stands next to the field.
    await response.locator('summary', { hasText: 'Deze reactie afwijzen' }).click();
    await response.getByRole('button', { name: 'Deze reactie afwijzen' }).click();
    await response.getByRole('alert').getByText('Schrijf erbij waarom.').waitFor();
    await checkA11y(page, 'declining without a reason');
  });

  test('a post that is not public asks to log in; an unknown one says so', async () => {
    const resident = await person('resident', 'Jan Hof');
    const pending = await apiOk('POST', '/api/v1/requests', tuesdayShopping('Nog niet gecontroleerd'), resident.token);
    await page.goto(`${baseUrl}/hulpvragen/${pending.id}`);
    await page.getByRole('heading', { level: 1, name: 'Deze oproep is niet gevonden' }).waitFor();
    await page.getByText('Is dit uw eigen oproep? Log dan eerst in.').waitFor();
    await checkA11y(page, 'a post that is not public, as a visitor');
    await page.locator('main').getByRole('link', { name: 'Inloggen' }).click();
    await logIn(resident.email);
    await page.waitForURL(`**/hulpvragen/${pending.id}`);
    await page.getByText('Wacht op controle door het Servicepunt', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Aanpassen' }).waitFor();
    await checkA11y(page, 'a pending post as its author sees it');

    // The author takes it back, after saying yes: the post stays visible to them, closed, and says why.
    await page.getByRole('button', { name: 'Hulpvraag intrekken' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hulpvraag intrekken?' });
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /Nog niet gecontroleerd/);
    await checkA11y(page, 'the withdraw dialog on a post page');
    await dialog.getByRole('button', { name: 'Ja, intrekken' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Uw oproep is ingetrokken.' }).waitFor();
    await page.getByText('Afgesloten', { exact: true }).waitFor();
    await page.getByText('Afgesloten omdat de oproep is ingetrokken.').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Aanpassen' }).count(), 0);
    await checkA11y(page, 'a withdrawn post as its author sees it');

    await page.goto(`${baseUrl}/aanbod/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { level: 1, name: 'Deze oproep is niet gevonden' }).waitFor();
    assert.equal(await page.getByText('Is dit uw eigen oproep?').isVisible(), false);
    await page.locator('main').getByRole('link', { name: 'Zoek hulp of vrijwilligerswerk' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Bel het Servicepunt/);
    await checkA11y(page, 'an unknown post');
  });

  test('a volunteer\'s own offer says residents call the Servicepunt, not that anyone responds', async () => {
    const jan = await person('volunteer', 'Jan Tuinman');
    const offerId = await openPost('offers', jan, {
      title: `Ik help in uw tuin ${process.pid}`,
      description: 'Ik maai gras en knip heggen, in Beilen en omgeving.',
      category: 'tuin', place: 'beilen', talents: [], schedule: { kind: 'flexible' },
    });
    await page.goto(`${baseUrl}/inloggen?terug=${encodeURIComponent(`/aanbod/${offerId}`)}`);
    await logIn(jan.email);
    await page.waitForURL(`**/aanbod/${offerId}`);
    await page.getByRole('heading', { name: 'Hoe inwoners u bereiken' }).waitFor();
    const main = await page.locator('main').innerText();
    assert.match(main, /Inwoners die deze hulp zoeken, bellen het Servicepunt\./);
    assert.doesNotMatch(main, /reageren|gereageerd|0 reacties/);
    await checkA11y(page, 'an own offer');
  });

  test('the volunteer introduced on a request still reads what it asks', async () => {
    const resident = await person('resident', 'Henk Veen');
    const title = `Bezoek voor Henk ${process.pid}`;
    const requestId = await openPost('requests', resident, {
      ...tuesdayShopping(title), description: 'Henk houdt van dammen en van verhalen over de mijnen.',
    });
    const inge = await person('volunteer', 'Inge Smit');
    const match = await apiOk('POST', `/api/v1/requests/${requestId}/responses`, { message: 'Ik kom graag.' }, inge.token);
    await apiOk('POST', `/api/v1/matches/${match.id}/introduce`, {}, coordinatorToken);

    await page.goto(`${baseUrl}/inloggen?terug=${encodeURIComponent(`/hulpvragen/${requestId}`)}`);
    await logIn(inge.email);
    await page.waitForURL(`**/hulpvragen/${requestId}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    // The box about her response fills in after the post: wait for it.
    await page.getByText(/Stand van zaken:/).waitFor();
    const main = page.locator('main');
    assert.match(await main.innerText(), /Henk houdt van dammen/);
    assert.match(await main.innerText(), /Stand van zaken: .*voorgesteld/i);
    assert.doesNotMatch(await main.innerText(), /Reageren/);
    await checkA11y(page, 'a request in progress as the volunteer introduced on it');
  });

  test('a volunteer whose request was withdrawn reads so on its page, with the way to the response', async () => {
    const resident = await person('resident', 'Riek Veen');
    const title = `Boodschappen voor Riek ${process.pid}`;
    const requestId = await openPost('requests', resident, tuesdayShopping(title));
    const wim = await person('volunteer', 'Wim Kok');
    const match = await apiOk('POST', `/api/v1/requests/${requestId}/responses`, { message: 'Ik help graag.' }, wim.token);
    await apiOk('DELETE', `/api/v1/requests/${requestId}`, undefined, resident.token);

    await page.goto(`${baseUrl}/inloggen?terug=${encodeURIComponent(`/hulpvragen/${requestId}`)}`);
    await logIn(wim.email);
    await page.waitForURL(`**/hulpvragen/${requestId}`);
    await page.getByRole('heading', { level: 1, name: 'Deze oproep staat niet meer online' }).waitFor();
    const main = page.locator('main');
    assert.ok((await main.innerText()).includes(`U heeft gereageerd op ${title}.`));
    assert.match(await main.innerText(), /Status van uw reactie: Gaat niet door/);
    assert.match(await main.innerText(), /Reden: .*ingetrokken/);
    assert.doesNotMatch(await main.innerText(), /\bnull\b/);
    const link = main.getByRole('link', { name: 'Bekijk uw reactie en de berichten' });
    assert.equal(await link.getAttribute('href'), `/koppelingen/${match.id}`);
    await checkA11y(page, 'a withdrawn request as the volunteer who responded sees it');
    await checkSmallScreens(page, 'post-withdrawn-responder');
  });
});

describe('text from other people stays text', () => {
  test('a name and a message with markup are shown as written and never run', async () => {
    const resident = await person('resident', 'Truus Veenstra');
    const title = `Klusje in huis ${process.pid}`;
    const requestId = await openPost('requests', resident, {
      ...tuesdayShopping(title), category: 'klussen', talents: ['klussen'],
    });
    const sly = await person('volunteer', `${XSS_NAME} Piet`);
    const made = await apiOk('POST', `/api/v1/requests/${requestId}/responses`, { message: XSS }, sly.token);
    await apiOk('POST', `/api/v1/matches/${made.id}/messages`, { body: `<script>alert(2)</script>${XSS}` }, sly.token);

    await page.goto(`${baseUrl}/inloggen?terug=${encodeURIComponent(`/hulpvragen/${requestId}`)}`);
    await logIn(resident.email);
    await page.waitForURL(`**/hulpvragen/${requestId}`);
    await page.getByRole('heading', { name: '1 reactie' }).waitFor();
    await page.getByRole('heading', { name: XSS_NAME }).waitFor();
    await page.getByRole('link', { name: `Lees de reactie van ${XSS_NAME}` }).waitFor();
    assert.equal(await page.locator('main img').count(), 0);

    await page.goto(`${baseUrl}/koppelingen/${made.id}`);
    const messages = page.locator('.messages');
    await messages.getByText(`<script>alert(2)</script>${XSS}`, { exact: true }).waitFor();
    await messages.getByText(XSS, { exact: true }).waitFor();
    assert.equal(await page.locator('main img, main script').count(), 0);
    await page.getByLabel(/Uw bericht aan/).fill(XSS);
    await page.getByRole('button', { name: 'Bericht versturen' }).click();
    await page.getByRole('status').filter({ hasText: 'Uw bericht is verstuurd.' }).waitFor();
    assert.equal(await page.locator('main img').count(), 0);
    await checkA11y(page, 'a match page with markup in the messages');

    // A long conversation opens on its newest 50; earlier ones come on request.
    for (let n = 1; n <= 50; n += 1) {
      await apiOk('POST', `/api/v1/matches/${made.id}/messages`, { body: `Bericht nummer ${n}` }, sly.token);
    }
    await page.reload();
    await messages.getByText('Bericht nummer 50', { exact: true }).waitFor();
    assert.equal(await messages.locator('li').count(), 50);
    await page.getByRole('button', { name: 'Eerdere berichten tonen' }).click();
    await messages.getByText(`<script>alert(2)</script>${XSS}`, { exact: true }).waitFor();
    assert.equal(await messages.locator('li').count(), 53, 'the response, two messages and 50 more');
    assert.equal(await page.getByRole('button', { name: 'Eerdere berichten tonen' }).isVisible(), false);
    await checkA11y(page, 'a long conversation, all shown');
  });

});

describe('pages for volunteers', () => {
  test('Voor u gevonden without a profile says what to do', async () => {
    const newcomer = await person('volunteer', 'Wim Dekker');
    await page.goto(`${baseUrl}/inloggen?terug=/mijn/voor-u-gevonden`);
    await logIn(newcomer.email);
    await page.waitForURL('**/mijn/voor-u-gevonden');
    await page.getByText('U heeft nog geen vrijwilligersprofiel.').waitFor();
    await page.getByRole('heading', { name: 'Wat kunt u doen?' }).waitFor();
    await page.getByRole('link', { name: 'Vul uw profiel in' }).waitFor();
    // Not the advice for a profile that finds little: there is none yet.
    assert.equal(await page.getByRole('link', { name: 'Vul uw profiel aan' }).count(), 0);
    assert.equal(await page.getByText(/kies in uw profiel een grotere afstand/).isVisible(), false);
    await checkA11y(page, 'Voor u gevonden without a profile');
  });

  test('the profile is for volunteers: others read why', async () => {
    const resident = await person('resident', 'Bert Kuiper');
    await page.goto(`${baseUrl}/inloggen?terug=/mijn/profiel`);
    await logIn(resident.email);
    await page.waitForURL('**/mijn/profiel');
    await page.getByText('Deze pagina is voor vrijwilligers.').waitFor();
    await page.getByText(/U bent aangemeld als iemand die hulp zoekt/).waitFor();
    await checkA11y(page, 'the profile page for a resident');
    await page.goto(`${baseUrl}/mijn/voor-u-gevonden`);
    await page.getByText('Deze pagina is voor vrijwilligers.').waitFor();
    await checkA11y(page, 'Voor u gevonden for a resident');
  });
});
