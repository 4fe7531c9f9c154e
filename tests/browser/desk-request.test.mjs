// Browser tests of the werkbak's help request page (/werkbak/hulpvragen/{id}) on the
// demo data: the coordinator logs in through /inloggen, sees the request, the
// suggestions with their score bars and reasons, proposes a volunteer, introduces
// and confirms — and the volunteer and the resident each get their mail. Someone who
// is not from the Servicepunt sees only "alleen voor het Servicepunt".
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl, checkA11y, checkSmallScreens, mailsTo, page, server, session, useBrowser, useServer, waitForMailLink,
} from './harness.mjs';
import { apiOk, apiToken, fillInLogin, logInBrowser, personViaApi } from './people.mjs';

const COORDINATOR = 'coordinator@demo.noaber.nl';
const DEMO_PASSWORD = 'noaber-demo-2026';

let token;
let request; // an open request without a match, posted by the resident themself, with suggestions

useServer({
  name: 'desk-request',
  demoSeed: 2026,
  afterStart: async () => {
    token = await apiToken(COORDINATOR, DEMO_PASSWORD);
    const open = await apiOk('GET', '/api/v1/requests?status=open&limit=50', undefined, token);
    const matched = new Set((await apiOk('GET', '/api/v1/matches?limit=100', undefined, token)).items.map((m) => m.post.id));
    for (const post of open.items) {
      if (post.intake_channel !== 'self' || matched.has(post.id)) continue;
      const { items } = await apiOk('GET', `/api/v1/requests/${post.id}/suggestions?limit=10`, undefined, token);
      if (items.length >= 3) { request = post; break; }
    }
    assert.ok(request, 'the demo data has an open request without a match that has suggestions');
  },
});
useBrowser();

describe('the werkbak: one help request', () => {
  test('the coordinator proposes, introduces and confirms a volunteer', async () => {
    const address = `/werkbak/hulpvragen/${request.id}`;
    await page.goto(`${baseUrl}${address}`);
    await page.waitForURL(/\/inloggen\?terug=/);
    await fillInLogin(page, COORDINATOR, DEMO_PASSWORD);
    await page.waitForURL(`**${address}`);

    const suggestions = page.getByRole('list', { name: 'Voorstellen: vrijwilligers die passen' });
    // How long until the first suggestion is seen, from the start of the navigation:
    // on this first visit (nothing cached) and on the next (as all day at the desk).
    const firstVisible = async () => Math.round(await (await page.waitForFunction(() => {
      const first = document.querySelector('#suggestion-list li.desk-item');
      return first && first.getClientRects().length > 0 && performance.now();
    }, undefined, { polling: 'raf' })).jsonValue());
    const cold = await firstVisible();
    await page.reload();
    const warm = await firstVisible();
    console.log(`desk-request: first suggestion visible ${cold} ms after navigation start on the first visit, ${warm} ms on the next`);

    // The request, in words.
    await page.getByRole('heading', { level: 1, name: request.title }).waitFor();
    const about = page.getByRole('region', { name: 'De hulpvraag' });
    await about.getByText('Staat online').waitFor();
    await about.getByText(request.category_name).first().waitFor();
    await about.getByText(request.place_name).first().waitFor();
    const contact = page.getByRole('region', { name: 'Contact' });
    await contact.getByText(request.author.name).waitFor();
    // Before any introduction: the Servicepunt can call whoever sent it in (audited).
    const sender = await apiOk('GET', `/api/v1/requests/${request.id}`, undefined, token);
    assert.ok(sender.author.email, 'the coordinator gets the author\'s address');
    await contact.getByText(sender.author.email).waitFor();
    await page.getByRole('region', { name: /Reacties en koppelingen \(0\)/ })
      .getByText('Er zijn nog geen reacties of koppelingen.').waitFor();

    // The suggestions: bars with their numbers as text, and reasons.
    const items = suggestions.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
    assert.ok(await items.count() >= 3);
    const first = items.first();
    const bars = first.getByRole('list', { name: 'Score per onderdeel' });
    await bars.getByText(/^Talenten \d+%$/).waitFor();
    await bars.getByText(/^Beschikbaarheid \d+%$/).waitFor();
    await bars.getByText(/^Afstand \d+%$/).waitFor();
    const firstName = await first.getByRole('heading', { level: 3 }).innerText();
    const reasons = first.getByRole('list', { name: `Waarom ${firstName} past` });
    assert.ok(await reasons.getByRole('listitem').count() >= 1);
    await checkA11y(page, 'the request with suggestions');

    // Filters work on the answer: nobody lives less than 0 km away in another village.
    const count = page.locator('#suggestion-count');
    const total = await items.count();
    await page.getByLabel('Hoogstens zo ver weg (km)').fill('0');
    await count.filter({ hasText: /van de \d+ voorstellen getoond|voorstellen?\./ }).waitFor();
    const near = await items.count();
    assert.ok(near <= total);
    await page.getByLabel('Hoogstens zo ver weg (km)').fill('');
    await count.filter({ hasText: `${total} voorstellen.` }).waitFor();
    const withVog = (await apiOk('GET', `/api/v1/requests/${request.id}/suggestions?limit=10`, undefined, token))
      .items.filter((s) => s.volunteer.vog_valid).length;
    await page.getByRole('checkbox', { name: 'Alleen met geldige VOG' }).check();
    await count.filter({ hasText: withVog === total ? `${total} voorstellen.` : `${withVog} van de ${total} voorstellen getoond.` }).waitFor();
    assert.equal(await items.count(), withVog);
    await checkA11y(page, 'the suggestions filtered on VOG');
    await page.getByRole('checkbox', { name: 'Alleen met geldige VOG' }).uncheck();
    await count.filter({ hasText: `${total} voorstellen.` }).waitFor();

    // Keys: typing in a field does not fire them; ? lists them.
    await page.getByLabel('Hoogstens zo ver weg (km)').focus();
    await page.keyboard.press('j');
    assert.equal(await page.locator('#suggestion-list li.is-current').count(), 0);
    await page.getByRole('heading', { level: 1 }).focus();
    await page.keyboard.press('?');
    const overlay = page.getByRole('dialog', { name: 'Sneltoetsen' });
    await overlay.getByText('Naar het volgende voorstel').waitFor();
    await checkA11y(page, 'the shortcuts overlay');
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'hidden' });

    // j, j, k: the first suggestion again; p proposes it.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(await page.evaluate(() => document.activeElement?.querySelector('h3')?.textContent), firstName);
    await page.keyboard.press('p');
    const matches = page.getByRole('region', { name: /Reacties en koppelingen \(1\)/ });
    await matches.getByRole('status').getByText(`${firstName} is gekozen voor deze hulpvraag.`, { exact: false }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), firstName);
    const match = matches.getByRole('listitem').filter({ has: page.getByRole('heading', { name: firstName }) });
    await match.getByText('Voorgesteld door het Servicepunt').first().waitFor();
    await items.first().getByText(`${firstName} is al gekoppeld`).waitFor();
    await checkA11y(page, 'a proposed volunteer');

    // Introduce: both parties get a mail with a link to the match.
    await match.getByRole('button', { name: 'Aan elkaar voorstellen' }).click();
    await matches.getByRole('status').getByText('U heeft hen aan elkaar voorgesteld.', { exact: false }).waitFor();
    await match.getByText('Aan elkaar voorgesteld').first().waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), firstName);
    await checkA11y(page, 'an introduced match');

    const matchId = (await apiOk('GET', '/api/v1/matches?limit=100', undefined, token)).items
      .find((m) => m.post.id === request.id).id;
    const full = await apiOk('GET', `/api/v1/matches/${matchId}`, undefined, token);
    const volunteerEmail = full.contacts.volunteer.email;
    const residentEmail = (full.contacts.resident || full.contacts.poster).email;
    assert.ok(volunteerEmail && residentEmail);
    const kennismaking = `Kennismaking: ${request.title}`;
    const toVolunteer = await waitForMailLink(server.dataDir, volunteerEmail, kennismaking, '/koppelingen/');
    const toResident = await waitForMailLink(server.dataDir, residentEmail, kennismaking, '/koppelingen/');
    assert.ok(toVolunteer.endsWith(`/koppelingen/${matchId}`));
    assert.ok(toResident.endsWith(`/koppelingen/${matchId}`));

    // Confirm, agreed for three months: both hear of it.
    const until = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    await match.getByLabel('Afgesproken tot (niet verplicht)').fill(until);
    await match.getByRole('button', { name: 'Koppeling bevestigen' }).click();
    await matches.getByRole('status').getByText('De koppeling is bevestigd.', { exact: false }).waitFor();
    await match.getByText('Bevestigd: ze helpen samen').waitFor();
    await match.getByText(/^Afgesproken tot \d{1,2} [a-z]+ \d{4}\.$/).waitFor();
    assert.equal((await apiOk('GET', `/api/v1/matches/${matchId}`, undefined, token)).agreed_until, until);
    await page.getByRole('region', { name: 'De hulpvraag' }).getByText('Gekoppeld aan een vrijwilliger').waitFor();
    await match.locator('summary').getByText('Koppeling afsluiten').waitFor();
    const confirmed = `De koppeling is bevestigd: ${request.title}`;
    await waitForMailLink(server.dataDir, volunteerEmail, confirmed, '/koppelingen/');
    await waitForMailLink(server.dataDir, residentEmail, confirmed, '/koppelingen/');
    // The right mail to each: each is greeted by their own name (demo addresses are
    // not confirmed, so the contact details are on the website, not in the mail).
    const intro = (email) => mailsTo(server.dataDir, email).find((m) => m.headers.subject.includes(kennismaking));
    const text = (mail) => mail.parts.map((p) => p.text).join('\n');
    assert.match(text(intro(volunteerEmail)), new RegExp(`Beste ${firstName.split(' ')[0]},`));
    assert.match(text(intro(residentEmail)), new RegExp(`Beste ${request.author.first_name},`));
    await checkA11y(page, 'a confirmed match');
    await checkSmallScreens(page, 'desk-request');

    // End it as a success; the volunteer's page counts it under this kind of help.
    await match.locator('summary').getByText('Koppeling afsluiten').click();
    await match.getByLabel('Het is gelukt', { exact: true }).check();
    // What happens to the request is asked, not assumed.
    await match.getByRole('button', { name: 'Koppeling afsluiten' }).click();
    await match.getByRole('alert').getByText('Kies wat er met de hulpvraag gebeurt.').waitFor();
    await match.getByRole('group', { name: 'Wat gebeurt er met de hulpvraag?' })
      .getByLabel('Afsluiten: er is geen hulp meer nodig').check();
    await match.getByRole('button', { name: 'Koppeling afsluiten' }).click();
    await matches.getByRole('status').getByText('De koppeling is afgesloten.', { exact: false }).waitFor();
    // The request is closed: no more suggestions, and the volunteer is reached from the match.
    await page.getByText('Er worden geen vrijwilligers meer voorgesteld.', { exact: false }).waitFor();
    assert.equal(await page.getByRole('list', { name: 'Voorstellen: vrijwilligers die passen' }).count(), 0);
    await match.getByRole('link', { name: `Profiel, koppelingen en VOG van ${firstName}` }).click();
    await page.getByRole('heading', { level: 1, name: firstName }).waitFor();
    const past = page.getByRole('region', { name: 'Eerdere koppelingen' });
    await past.getByText(`Per soort hulp: ${request.category_name}: 1 (1 gelukt)`, { exact: false }).waitFor();
    await past.getByRole('link', { name: request.title }).waitFor();
    await page.getByText(/^Helpt nu bij \d+ van hoogstens \d+\.$/).waitFor();
    await checkA11y(page, 'a volunteer with an earlier match');
  });

  test('a volunteer who stops: the request goes back online and gets new suggestions', async () => {
    const open = await apiOk('GET', '/api/v1/requests?status=open&limit=100', undefined, token);
    const post = open.items.find((p) => !p.category_requires_vog && p.id !== request.id);
    assert.ok(post, 'the demo has an open request of a kind without a VOG');
    const kees = await personViaApi({ role: 'volunteer', name: 'Kees Stopper' });
    const lies = await personViaApi({ role: 'volunteer', name: 'Lies Later' });
    const response = await apiOk('POST', `/api/v1/requests/${post.id}/responses`, { message: 'Ik help graag.' }, kees.token);
    await apiOk('POST', `/api/v1/requests/${post.id}/responses`, { message: 'Ik ook.' }, lies.token);
    await apiOk('POST', `/api/v1/matches/${response.id}/introduce`, {}, token, 200);
    await logInBrowser(session.context, COORDINATOR, DEMO_PASSWORD);
    await page.goto(`${baseUrl}/werkbak/hulpvragen/${post.id}`);
    const matches = page.getByRole('region', { name: /Reacties en koppelingen/ });
    const match = matches.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Kees Stopper' }) });
    const other = matches.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Lies Later' }) });
    await other.getByRole('button', { name: 'Aan elkaar voorstellen' }).waitFor();
    // Confirming Kees declines Lies's response: her card says so at once.
    await match.getByRole('button', { name: 'Koppeling bevestigen' }).click();
    await matches.getByRole('status').getByText('De koppeling is bevestigd.', { exact: false }).waitFor();
    await other.getByText('Gaat niet door').first().waitFor();
    assert.equal(await other.getByRole('button', { name: 'Aan elkaar voorstellen' }).count(), 0);
    await page.getByText('Er worden geen vrijwilligers meer voorgesteld.', { exact: false }).waitFor();
    await match.locator('summary').getByText('Koppeling afsluiten').click();
    await match.getByLabel('Het is niet gelukt', { exact: true }).check();
    await match.getByLabel('Toelichting (nodig als het niet gelukt is)').fill('Kees is verhuisd.');
    await match.getByLabel('Weer online zetten: het Servicepunt zoekt een nieuwe vrijwilliger').check();
    await checkA11y(page, 'ending a match, asked what happens to the request');
    await match.getByRole('button', { name: 'Koppeling afsluiten' }).click();
    await matches.getByRole('status').getByText('De koppeling is afgesloten.', { exact: false }).waitFor();
    await page.getByRole('region', { name: 'De hulpvraag' }).getByText('Staat online').waitFor();
    await page.getByRole('list', { name: 'Voorstellen: vrijwilligers die passen' }).waitFor();
    const after = await apiOk('GET', `/api/v1/requests/${post.id}`, undefined, token);
    assert.equal(after.status, 'open');
  });

  test('a volunteer without a VOG on help that needs one comes with a warning', async () => {
    const open = await apiOk('GET', '/api/v1/requests?status=open&limit=100', undefined, token);
    const needsVog = open.items.find((p) => p.category_requires_vog && p.id !== request.id);
    assert.ok(needsVog, 'the demo has an open request of a kind that needs a VOG');
    const femke = await personViaApi({ role: 'volunteer', name: 'Femke Drenth' });
    await apiOk('POST', `/api/v1/requests/${needsVog.id}/responses`, { message: 'Ik lees graag voor.' }, femke.token);

    await logInBrowser(session.context, COORDINATOR, DEMO_PASSWORD);
    await page.goto(`${baseUrl}/werkbak/hulpvragen/${needsVog.id}`);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: 'Femke Drenth' }) });
    const warning = card.getByText(/^Let op: voor .* is een VOG nodig, en Femke Drenth heeft geen geldige VOG\./);
    await warning.waitFor();
    assert.match(await warning.innerText(), new RegExp(needsVog.category_name.toLowerCase()));
    await checkA11y(page, 'a response without the VOG its kind of help needs');

    // They may meet, but the help cannot start until the VOG is on record.
    await card.getByRole('button', { name: 'Aan elkaar voorstellen' }).click();
    await card.getByText('Aan elkaar voorgesteld').first().waitFor();
    await card.getByRole('button', { name: 'Koppeling bevestigen' }).click();
    const refusal = card.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(),
      new RegExp(`Hulp als ${needsVog.category_name.toLowerCase()} vraagt een geldige VOG\\. Die is voor Femke Drenth niet vastgelegd\\.`));
    await checkA11y(page, 'a confirmation refused for want of a VOG');

    // Femke made no profile yet: her page opens all the same, and takes the VOG.
    await card.getByRole('link', { name: 'Profiel, koppelingen en VOG van Femke Drenth' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Femke Drenth' }).waitFor();
    await page.getByRole('radio', { name: 'Geldige VOG' }).check();
    const issued = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Afgiftedatum van de VOG').fill(issued);
    await page.getByRole('button', { name: 'VOG opslaan' }).click();
    await page.getByText(/^Opgeslagen\. /).waitFor();
    await page.goto(`${baseUrl}/werkbak/hulpvragen/${needsVog.id}`);
    const again = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: 'Femke Drenth' }) });
    await again.getByText(/^VOG: geldig tot \d{1,2} [a-z]+ \d{4}\.$/).waitFor();
    // A VOG that runs out within two months is said where the coordinator decides.
    const nearlyThreeYears = new Date();
    nearlyThreeYears.setUTCFullYear(nearlyThreeYears.getUTCFullYear() - 3);
    nearlyThreeYears.setUTCDate(nearlyThreeYears.getUTCDate() + 20);
    await apiOk('PUT', `/api/v1/volunteers/${femke.id}/vog`,
      { status: 'valid', issued_on: nearlyThreeYears.toISOString().slice(0, 10) }, token, 200);
    await page.reload();
    await again.getByText(/^Let op: de VOG van Femke Drenth loopt af op \d{1,2} [a-z]+ \d{4}\. Vraag op tijd een nieuwe VOG aan/).waitFor();
    await again.getByRole('button', { name: 'Koppeling bevestigen' }).click();
    await page.getByRole('status').getByText('De koppeling is bevestigd.', { exact: false }).waitFor();
  });

  test('someone who is not from the Servicepunt reads that the page is not for them', async () => {
    const inge = await personViaApi({ role: 'resident', name: 'Inge Jansen' });
    await logInBrowser(session.context, inge.email);
    await page.goto(`${baseUrl}/werkbak/hulpvragen/${request.id}`);
    await page.getByText('Deze pagina is alleen voor het Servicepunt.').waitFor();
    assert.equal(await page.getByText(request.title).count(), 0);
    await checkA11y(page, 'the werkbak for a resident');
  });
});
