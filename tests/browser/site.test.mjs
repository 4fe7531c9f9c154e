// Browser test of what every visitor meets: the header with the login state, logging
// in and out, registering, the Servicepunt's phone number and e-mail on every page,
// the 404 page, the privacy and accessibility pages, "Mijn gegevens" (download,
// new password, log out everywhere, delete the account) and the weight of the home
// page. A real `noaber` server, driven through Debian's Chromium.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium
// (run.sh installs it). Screenshots go to artifacts/.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  baseUrl, browser, checkA11y, checkSmallScreens, closePage, escapeRegExp, openPage, page, screenshot, session,
  useBrowser, useServer,
} from './harness.mjs';
import {
  PASSWORD, addCoordinator, api, fillInLogin, fillInRegistration, formReady, logInBrowser, newAddress, registerViaApi,
} from './people.mjs';

const PHONE = '0593 123 456';
const EMAIL = 'test@servicepunt.nl';
const HOURS = 'Maandag tot en met vrijdag van 9.00 tot 12.00 uur. Inloop op dinsdag in Beilen.';
const NEW_PASSWORD = 'een ander goed wachtwoord';

useServer({
  name: 'site',
  env: { NOABER_SERVICEPUNT_PHONE: PHONE, NOABER_SERVICEPUNT_EMAIL: EMAIL, NOABER_SERVICEPUNT_HOURS: HOURS },
});
useBrowser();

// ---- the API, as another program would use it ------------------------------------

const loginStatus = async (email, password) =>
  (await api('POST', '/api/v1/auth/login', { email, password })).status;

// ---- page helpers --------------------------------------------------------------------

/**
 * Opens `path` and checks that the Servicepunt can be reached from it: the phone
 * number as a tel: link and the e-mail address, exactly as configured.
 */
async function visit(path, target = page) {
  const response = await target.goto(`${baseUrl}${path}`);
  await servicepuntShown(target);
  return response;
}

async function servicepuntShown(target = page) {
  const tel = target.locator('a[href="tel:0593123456"]');
  assert.ok(await tel.count() >= 2, `${target.url()}: the phone number in the header and the footer`);
  for (const text of await tel.allTextContents()) assert.equal(text, PHONE);
  const mail = target.locator(`a[href="mailto:${EMAIL}"]`);
  assert.ok(await mail.count() >= 1, `${target.url()}: the e-mail address`);
  assert.equal(await mail.first().textContent(), EMAIL);
  assert.ok(await target.getByText(HOURS).isVisible(), `${target.url()}: the opening hours`);
}

const nav = () => page.getByRole('navigation', { name: 'Hoofdmenu' });
const alert = () => page.getByRole('alert');
const focusedText = () => page.evaluate(() => document.activeElement?.textContent.trim() || '');

/** Waits until the header shows the login state (it asks the server after loading). */
async function headerShows(state) {
  const visible = state === 'visitor' ? 'Inloggen' : 'Uitloggen';
  await nav().getByRole(state === 'visitor' ? 'link' : 'button', { name: visible, exact: true }).waitFor();
}

// ---- tests ------------------------------------------------------------------------------

describe('header, logging in and out', () => {
  test('visitors see Inloggen and Aanmelden; after logging in the first name, Mijn overzicht and Uitloggen', async () => {
    const { email } = await registerViaApi({ name: 'Geertje van Dijk' });
    await visit('/');
    await headerShows('visitor');
    assert.ok(await nav().getByRole('link', { name: 'Aanmelden' }).isVisible());
    assert.equal(await nav().getByRole('link', { name: /Mijn overzicht/ }).count(), 0, 'no Mijn overzicht for visitors');
    assert.equal(await nav().getByRole('button', { name: 'Uitloggen' }).count(), 0);
    await checkA11y(page, 'the search page for a visitor');

    await nav().getByRole('link', { name: 'Inloggen' }).click();
    await page.waitForURL(`${baseUrl}/inloggen`);
    await servicepuntShown();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Inloggen');
    await checkA11y(page, 'the login page');
    await fillInLogin(page, email, PASSWORD);
    await page.waitForURL(`${baseUrl}/mijn`);
    await headerShows('account');
    assert.ok(await nav().getByRole('link', { name: 'Geertje: Mijn overzicht' }).isVisible());
    assert.equal(await nav().getByRole('link', { name: 'Inloggen' }).count(), 0);
    assert.equal(await nav().getByRole('link', { name: 'Aanmelden' }).count(), 0);

    // On another page too, and the header is accessible in this state.
    await visit('/privacy');
    await headerShows('account');
    await checkA11y(page, 'a page with the header of a logged-in person');

    await nav().getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(`${baseUrl}/?uitgelogd=1`);
    await headerShows('visitor');
    assert.equal(await nav().getByRole('button', { name: 'Uitloggen' }).count(), 0);

    // Logged out for real: a page that needs an account sends to the login page.
    await page.goto(`${baseUrl}/mijn/gegevens`);
    await page.waitForURL(`${baseUrl}/inloggen?terug=%2Fmijn%2Fgegevens`);
  });

  test('a wrong password shows the Dutch message next to the form, announced', async () => {
    const { email } = await registerViaApi();
    const expected = await api('POST', '/api/v1/auth/session', { email, password: 'niet mijn wachtwoord' });
    assert.equal(expected.status, 401);
    assert.ok(expected.body.detail);
    await visit('/inloggen');
    await fillInLogin(page, email, 'niet mijn wachtwoord');
    const summary = page.locator('#login-form .error-summary');
    await summary.waitFor();
    assert.equal(await summary.getAttribute('role'), 'alert', 'announced');
    assert.match(await summary.innerText(), new RegExp(escapeRegExp(expected.body.detail)));
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('error-summary')), true,
      'focus on the message');
    assert.equal(page.url(), `${baseUrl}/inloggen`, 'still on the login page');
    await headerShows('visitor');
    await checkA11y(page, 'the login page with a wrong password');
    await checkSmallScreens(page, 'login');
  });

  test('the Servicepunt lands in the werkbak after logging in', async () => {
    const coordinator = await addCoordinator({ name: 'Anja Servicepunt' });
    await visit('/inloggen');
    await fillInLogin(page, coordinator.email);
    await page.waitForURL(`${baseUrl}/werkbak`);
  });

  test('/inloggen?terug=/mijn/gegevens comes back there after logging in', async () => {
    const { email } = await registerViaApi();
    await page.goto(`${baseUrl}/mijn/gegevens`);
    await page.waitForURL(`${baseUrl}/inloggen?terug=%2Fmijn%2Fgegevens`);
    await page.getByText('Log eerst in. Daarna gaat u verder waar u was.').waitFor();
    await checkA11y(page, 'the login page, coming from a page that needs an account');
    await fillInLogin(page, email, PASSWORD);
    await page.waitForURL(`${baseUrl}/mijn/gegevens`);
    await page.getByRole('heading', { level: 1, name: 'Mijn gegevens' }).waitFor();
    await page.getByText(email, { exact: true }).waitFor();
  });

  test('a return address that leads to another site is not followed, after logging in or registering', async () => {
    // Browsers read "/\host" and "/<tab>/host" as "//host".
    const elsewhere = ['//example.org/x', '/\\example.org/x', '/\t/example.org/x', 'https://example.org/x'];
    // Leaves the page before ending the session: /mijn without a session would send
    // the browser to the login page, racing the next goto.
    const logOutOnBlank = async () => {
      await page.goto('about:blank');
      await page.context().clearCookies();
    };
    const { email } = await registerViaApi();
    for (const terug of elsewhere) {
      await page.goto(`${baseUrl}/inloggen?terug=${encodeURIComponent(terug)}`);
      assert.equal(new URL(page.url()).searchParams.get('terug'), terug);
      await fillInLogin(page, email, PASSWORD);
      await page.waitForURL(`${baseUrl}/mijn`);
      await logOutOnBlank();
    }
    // Registering hashes a password each time (slow in a debug build): two cases.
    for (const terug of elsewhere.slice(0, 2)) {
      await page.goto(`${baseUrl}/aanmelden?terug=${encodeURIComponent(terug)}`);
      await fillInRegistration(page, { choice: /Ik wil helpen/, name: 'Nog Iemand', email: newAddress('terug'), password: PASSWORD });
      const next = page.getByRole('link', { name: 'Verder: uw vrijwilligersprofiel' });
      await next.waitFor();
      assert.equal(await next.getAttribute('href'), '/mijn/profiel', terug);
      await logOutOnBlank();
    }
    // A path on this site is where "Verder" goes, and it says so.
    await page.goto(`${baseUrl}/aanmelden?terug=${encodeURIComponent('/?q=hond')}`);
    await fillInRegistration(page, { choice: /Ik wil helpen/, name: 'Nog Iemand', email: newAddress('terug'), password: PASSWORD });
    const back = page.getByRole('link', { name: 'Verder: terug naar waar u was' });
    await back.waitFor();
    assert.equal(await back.getAttribute('href'), '/?q=hond');
  });

  test('registering with an address that has an account answers as for a new one: look in the mail', async () => {
    const { email } = await registerViaApi();
    const other = { password: 'een ander wachtwoord 2026', name: 'Nog Iemand', role: 'volunteer' };
    const known = await api('POST', '/api/v1/auth/register', { ...other, email });
    const fresh = await api('POST', '/api/v1/auth/register', { ...other, email: newAddress('nieuw') });
    assert.equal(known.status, 202);
    assert.equal(fresh.status, known.status, 'the same status');
    assert.deepEqual(Object.keys(known.body).sort(), Object.keys(fresh.body).sort(), 'the same body');
    assert.equal(known.body.message, fresh.body.message);
    await visit('/aanmelden');
    await checkA11y(page, 'the register page');
    // A weak password first: the reason shows at the field.
    await fillInRegistration(page, { choice: /Ik wil helpen/, name: 'Nog Iemand', email, password: 'Wachtwoord2026' });
    await page.locator('#password-error-gen').waitFor();
    assert.match(await page.locator('#password-error-gen').textContent(), /te makkelijk te raden/);
    await checkA11y(page, 'the register page with an error');
    // Someone else's address, with their own password: no error, no login, a mail.
    await page.getByLabel('Kies een wachtwoord').fill(other.password);
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await page.getByText('Kijk in uw e-mail.').waitFor();
    assert.equal(await alert().count(), 0, 'no error message');
    assert.ok(!(await page.getByRole('button', { name: 'Account aanmaken' }).isVisible()), 'the form is done');
    await headerShows('visitor');
    await checkA11y(page, 'the register page, look in the mail');
    await checkSmallScreens(page, 'register');
  });

  test('an empty form names everything missing at once, an unfinished address is caught, the mail names the address', async () => {
    await visit('/aanmelden');
    await formReady(page, page.getByRole('button', { name: 'Account aanmaken' }));
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    const summary = alert();
    await summary.waitFor();
    const said = await summary.innerText();
    for (const missing of [/Kies wat u wilt doen/, /Vul uw naam in\./, /Vul uw e-mailadres in\./, /Kies een wachtwoord\./]) {
      assert.match(said, missing);
    }
    await checkA11y(page, 'the register page, everything missing');
    // Mevrouw Jansen forgets the ".nl".
    const email = `g.jansen.${process.pid}@voorbeeld.nl`;
    await fillInRegistration(page, { choice: /Ik zoek hulp/, name: 'Mevrouw Jansen', email: email.replace(/\.nl$/, '') });
    await page.locator('#email-error-gen').waitFor();
    assert.match(await page.locator('#email-error-gen').textContent(), /niet compleet.*naam@voorbeeld\.nl/);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByRole('button', { name: 'Account aanmaken' }).click();
    await page.getByText('Uw account is aangemaakt.').waitFor();
    assert.match(await page.locator('main').innerText(), new RegExp(`e-mail gestuurd naar ${escapeRegExp(email)}\\.`));
    // She is greeted as Mevrouw J., not as "Mevrouw".
    assert.equal(await page.locator('#nav-name').textContent(), 'Mevrouw J.');
  });

  test('a name with HTML in it is shown as text and never runs', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const email = `xss.${process.pid}@example.nl`;
    await visit('/aanmelden');
    await fillInRegistration(page, { choice: /Ik zoek hulp/, name, email });
    await page.getByText('Uw account is aangemaakt.').waitFor();
    await headerShows('account');
    await checkA11y(page, 'the register page, account made');
    // The header greets with the first "word" of the name, as text.
    assert.equal(await page.locator('#nav-name').textContent(), '<img');
    assert.ok(await nav().getByRole('link', { name: '<img: Mijn overzicht' }).isVisible());

    await visit('/mijn/gegevens');
    await page.getByText(email, { exact: true }).waitFor();
    const shown = page.locator('#account-facts dd').first();
    assert.equal(await shown.textContent(), name, 'the whole name, as text');
    await headerShows('account');
    assert.equal(await page.locator('img').count(), 0, 'no image element was made from the name');
    assert.deepEqual(session.pageErrors, [], 'no script ran (an alert() is recorded as a page error)');
  });
});

describe('every page', () => {
  test('the Servicepunt\'s phone number and e-mail address are on every page', async () => {
    for (const path of ['/', '/inloggen', '/aanmelden', '/wachtwoord-vergeten', '/bevestigen', '/nieuw-wachtwoord',
      '/privacy', '/toegankelijkheid', '/dit-bestaat-niet']) {
      await visit(path);
    }
    const { email } = await registerViaApi();
    await logInBrowser(session.context, email);
    await visit('/mijn/gegevens');
    await page.getByText(email, { exact: true }).waitFor();
    // The call bar in the header says it in words, with the number as a link.
    assert.match(await page.locator('.call-bar').innerText(), new RegExp(`Liever bellen\\?.*${escapeRegExp(PHONE)}`));
  });

  test('an unknown address answers 404 with the Dutch page', async () => {
    for (const path of ['/dit-bestaat-niet', '/hulpvragen', '/mijn/onbekend', '/index.html']) {
      const response = await visit(path);
      assert.equal(response.status(), 404, path);
      assert.equal(await page.title(), 'Pagina niet gevonden — Noaber');
      assert.equal(await page.getAttribute('html', 'lang'), 'nl');
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Deze pagina bestaat niet');
    }
    assert.match(await page.locator('main').innerText(),
      /Misschien is het adres niet goed overgenomen, of is de pagina weggehaald\.[\s\S]*Wat kunt u doen\?/);
    assert.ok(await page.getByRole('main').getByRole('link', { name: PHONE }).isVisible());
    await headerShows('visitor');
    await checkA11y(page, 'the 404 page');
    await checkSmallScreens(page, '404');
    await page.getByRole('link', { name: 'Zoek hulp of vrijwilligerswerk' }).click();
    await page.waitForURL(`${baseUrl}/`);
  });

  test('the privacy page tells what is kept, who sees it, for how long, and the one cookie', async () => {
    const response = await visit('/privacy');
    assert.equal(response.status(), 200);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Privacy: wat wij bewaren en wie het ziet');
    const text = await page.locator('main').innerText();
    for (const part of [/Wat wij bewaren/, /Wie wat ziet/, /Hoe lang wij het bewaren/, /Uw rechten/,
      /noaber_session/, /14 dagen/, /kennismaking/, /logboek/, /30 dagen/, /Autoriteit Persoonsgegevens/]) {
      assert.match(text, part);
    }
    assert.doesNotMatch(text, /\{\{/, 'every placeholder filled in');
    const mine = page.getByRole('main').getByRole('link', { name: 'Mijn gegevens' }).first();
    assert.equal(await mine.getAttribute('href'), '/mijn/gegevens');
    assert.ok(await page.getByRole('main').getByRole('link', { name: PHONE }).isVisible());
    // The table of contents jumps to its section.
    await page.getByRole('navigation', { name: 'Op deze pagina' }).getByRole('link', { name: 'Eén cookie, geen volgen' }).click();
    await page.waitForURL(`${baseUrl}/privacy#cookie`);
    await checkA11y(page, 'the privacy page');
    await checkSmallScreens(page, 'privacy');
  });

  test('the accessibility statement: aim, testing, limits, how to report, date', async () => {
    const response = await visit('/toegankelijkheid');
    assert.equal(response.status(), 200);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Toegankelijkheid');
    const text = await page.locator('main').innerText();
    for (const part of [/WCAG 2\.1 op niveau AA/, /axe-core/, /alleen het toetsenbord/, /200%/,
      /Wat nog niet goed werkt/, /Binnen 5 werkdagen krijgt u antwoord\./, /3 december 2026/]) {
      assert.match(text, part);
    }
    const report = page.getByRole('region', { name: 'Loopt u ergens tegenaan?' });
    assert.equal(await report.getByRole('link', { name: PHONE }).getAttribute('href'), 'tel:0593123456');
    assert.equal(await report.getByRole('link', { name: EMAIL }).getAttribute('href'), `mailto:${EMAIL}`);
    await checkA11y(page, 'the accessibility statement');
    await checkSmallScreens(page, 'accessibility');
  });

  test('the home page stays under 100 KB of HTML, scripts and styles', async (t) => {
    const sizes = new Map();
    page.on('response', async (response) => {
      const type = response.request().resourceType();
      if (!['document', 'script', 'stylesheet'].includes(type)) return;
      const body = await response.body().catch(() => null);
      if (body) sizes.set(response.url(), body.length);
    });
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    t.diagnostic(`home page: ${sizes.size} files, ${total} bytes uncompressed`);
    assert.ok(sizes.has(`${baseUrl}/`) && sizes.has(`${baseUrl}/app.js`) && sizes.has(`${baseUrl}/style.css`),
      [...sizes.keys()].join(', '));
    assert.ok(total < 100 * 1024, `the home page loads ${total} bytes: ${JSON.stringify([...sizes])}`);
  });
});

describe('Mijn gegevens', () => {
  /** A new person, logged in in this page's browser, on /mijn/gegevens. */
  async function openMyData(options) {
    const person = await registerViaApi(options);
    await logInBrowser(session.context, person.email);
    await visit('/mijn/gegevens');
    await page.getByText(person.email, { exact: true }).waitFor();
    return person;
  }

  test('shows the account in words, and fits small screens', async () => {
    const { email } = await openMyData({ name: 'Sharon de Boer', role: 'volunteer', phone: '06 12345678' });
    assert.equal(await page.title(), 'Mijn gegevens — Noaber');
    const facts = await page.locator('#account-facts').innerText();
    assert.match(facts, /Naam\s+Sharon de Boer/);
    assert.match(facts, new RegExp(`E-mailadres\\s+${escapeRegExp(email)}`));
    assert.match(facts, /Telefoonnummer\s+06 12345678/);
    assert.match(facts, /U bent\s+Vrijwilliger: u helpt anderen/);
    assert.match(facts, /Bevestigd\s+Nee, uw e-mailadres is nog niet bevestigd\./);
    assert.doesNotMatch(facts, /volunteer|false/, 'no codes');
    for (const heading of ['Uw account', 'Naam en telefoonnummer wijzigen', 'Uw gegevens downloaden', 'Wachtwoord wijzigen',
      'Uitloggen op alle apparaten', 'Account verwijderen']) {
      assert.ok(await page.getByRole('heading', { level: 2, name: heading }).isVisible(), heading);
    }
    // The confirmation mail was sent a moment ago: the server says so in Dutch.
    await page.getByRole('button', { name: 'Stuur mij een nieuwe link' }).click();
    await page.locator('#verify-box [role="alert"]').waitFor();
    assert.match(await page.locator('#verify-box [role="alert"]').innerText(), /U hebt net een e-mail met een link gekregen/);
    await checkA11y(page, 'Mijn gegevens');
    await checkSmallScreens(page, 'my-data');
  });

  test('name and phone number are changed on the page; a wrong number is said at its field', async () => {
    await openMyData({ name: 'Sharon de Boer', role: 'volunteer', phone: '06 12345678' });
    const form = page.locator('#details-form');
    assert.equal(await page.getByLabel('Uw naam').inputValue(), 'Sharon de Boer');
    assert.equal(await page.getByLabel('Naam van de organisatie').isVisible(), false, 'for organisations only');
    await page.getByLabel('Telefoonnummer (niet verplicht)', { exact: true }).fill('bel me');
    await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await form.getByRole('alert').waitFor();
    assert.match(await page.locator('#details-form .field-error').innerText(), /Dit is geen geldig telefoonnummer\./);
    await checkA11y(page, 'Mijn gegevens with a wrong phone number');

    await page.getByLabel('Uw naam').fill('Roos Bakker');
    await page.getByLabel('Telefoonnummer (niet verplicht)', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await page.locator('#details-answer').getByText('Uw gegevens zijn opgeslagen.').waitFor();
    const facts = await page.locator('#account-facts').innerText();
    assert.match(facts, /Naam\s+Roos Bakker/);
    assert.match(facts, /Telefoonnummer\s+Niet ingevuld/);
    assert.equal(await page.locator('#nav-name').innerText(), 'Roos', 'the header greets the new name');
    await page.reload();
    await page.locator('#account-facts').getByText('Roos Bakker').waitFor();
    assert.equal(await page.getByLabel('Uw naam').inputValue(), 'Roos Bakker');
  });

  test('an organisation changes its name and its contact person', async () => {
    await openMyData({ name: 'Marieke Bos', role: 'organisation' });
    const organisation = page.getByLabel('Naam van de organisatie');
    assert.equal(await organisation.inputValue(), 'Marieke Bos', 'registered through the API without one');
    await organisation.fill('Zorgcentrum De Hofstee');
    await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await page.locator('#details-answer').getByText('Uw gegevens zijn opgeslagen.').waitFor();
    assert.match(await page.locator('#account-facts').innerText(), /Organisatie\s+Zorgcentrum De Hofstee/);
    assert.equal(await page.getByLabel('Naam van de contactpersoon').inputValue(), 'Marieke Bos');
    await checkA11y(page, 'Mijn gegevens of an organisation');
  });

  test('"Download mijn gegevens" saves a JSON file with everything', async () => {
    const { email } = await openMyData();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download mijn gegevens' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^noaber-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(data.account.email, email);
    assert.equal(data.account.name, 'Inge Bakker');
    const answer = page.locator('#download-answer [role="status"]');
    await answer.waitFor();
    assert.match(await answer.innerText(), /Uw gegevens zijn gedownload\.[\s\S]*map Downloads/);
    assert.ok(await page.getByRole('link', { name: /Sla het bestand .* nog een keer op/ }).isVisible());
    await checkA11y(page, 'Mijn gegevens after the download');
  });

  test('a new password: errors at the fields, then every session ends and the new password works', async () => {
    const { email } = await openMyData();
    const other = await openPage(browser, baseUrl);
    try {
      await logInBrowser(other.context, email);
      const form = page.locator('#password-form');
      const submit = form.getByRole('button', { name: 'Wachtwoord wijzigen' });

      // Wrong current password: the server's message at that field.
      await page.getByLabel('Uw huidige wachtwoord').fill('fout wachtwoord');
      await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(NEW_PASSWORD);
      await submit.click();
      await page.locator('#current-password-error-gen').waitFor();
      assert.match(await page.locator('#current-password-error-gen').textContent(), /huidige wachtwoord klopt niet/);
      assert.equal(await page.getByLabel('Uw huidige wachtwoord').getAttribute('aria-invalid'), 'true');
      await checkA11y(page, 'Mijn gegevens, wrong current password');

      // Too short: the server's rule at the new password.
      await page.getByLabel('Uw huidige wachtwoord').fill(PASSWORD);
      await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('kort');
      await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('kort');
      await submit.click();
      await page.locator('#new-password-error-gen').waitFor();
      assert.match(await page.locator('#new-password-error-gen').textContent(), /10 tekens/);

      // Two different new passwords: said at the repetition, nothing sent.
      await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Herhaal het nieuwe wachtwoord').fill('iets anders');
      await submit.click();
      await page.locator('#new-password-repeat-error-gen').waitFor();
      assert.match(await page.locator('#new-password-repeat-error-gen').textContent(), /niet gelijk/);
      assert.equal(await loginStatus(email, PASSWORD), 200, 'the password did not change yet');

      await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(NEW_PASSWORD);
      await submit.click();
      await page.getByRole('heading', { level: 1, name: 'U bent uitgelogd' }).waitFor();
      assert.match(await page.getByRole('status').innerText(),
        /Uw wachtwoord is gewijzigd\.[\s\S]*op alle apparaten uitgelogd/);
      await headerShows('visitor');
      await checkA11y(page, 'Mijn gegevens, password changed');
      await screenshot(page, 'my-data-password-changed');

      // The other browser's session has ended too.
      await other.page.goto(`${baseUrl}/mijn/gegevens`);
      await other.page.waitForURL(`${baseUrl}/inloggen?terug=%2Fmijn%2Fgegevens`);
      assert.equal(await loginStatus(email, PASSWORD), 401, 'the old password no longer works');

      // On to the login page, with the new password, and back here.
      await page.getByRole('link', { name: 'Opnieuw inloggen' }).click();
      await page.waitForURL(`${baseUrl}/inloggen?terug=%2Fmijn%2Fgegevens`);
      await fillInLogin(page, email, NEW_PASSWORD);
      await page.waitForURL(`${baseUrl}/mijn/gegevens`);
      await page.getByText(email, { exact: true }).waitFor();
    } finally {
      await closePage(other);
    }
  });

  test('"Uitloggen op alle apparaten" asks first, then ends every session', async () => {
    const { email } = await openMyData();
    const token = (await api('POST', '/api/v1/auth/login', { email, password: PASSWORD })).body.access_token;
    const other = await openPage(browser, baseUrl);
    try {
      await logInBrowser(other.context, email);
      const start = page.getByRole('button', { name: 'Uitloggen op alle apparaten' });
      await start.click();
      assert.equal(await start.getAttribute('aria-expanded'), 'true');
      assert.match(await focusedText(), /^Weet u het zeker\?/);
      await checkA11y(page, 'Mijn gegevens, asked to log out everywhere');
      // "No" changes nothing.
      await page.getByRole('button', { name: 'Nee, niet uitloggen' }).click();
      assert.equal(await start.getAttribute('aria-expanded'), 'false');
      assert.equal(await focusedText(), 'Uitloggen op alle apparaten');

      await start.click();
      await page.getByRole('button', { name: 'Ja, log mij overal uit' }).click();
      await page.getByRole('heading', { level: 1, name: 'U bent uitgelogd' }).waitFor();
      assert.match(await page.getByRole('status').innerText(), /U bent op alle apparaten uitgelogd\./);
      await headerShows('visitor');
      await checkA11y(page, 'Mijn gegevens, logged out everywhere');

      await other.page.goto(`${baseUrl}/mijn/gegevens`);
      await other.page.waitForURL(`${baseUrl}/inloggen?terug=%2Fmijn%2Fgegevens`);
      assert.equal((await api('GET', '/api/v1/me', undefined, token)).status, 401, 'API tokens end too');
      assert.equal(await loginStatus(email, PASSWORD), 200, 'the password still works');
    } finally {
      await closePage(other);
    }
  });

  test('deleting the account: explained, confirmed with the password, then goodbye', async () => {
    const { email } = await openMyData();
    const explained = await page.locator('#delete-explained').innerText();
    for (const part of [/oproepen worden ingetrokken/, /Koppelingen .* stoppen/, /krijgen daarover een e-mail/,
      /cijfers over het jaar/, /niet ongedaan maken/]) {
      assert.match(explained, part);
    }
    await page.getByRole('button', { name: 'Ik wil mijn account verwijderen' }).click();
    assert.match(await focusedText(), /^Weet u het zeker\?/);
    const confirm = page.getByRole('button', { name: 'Ja, verwijder mijn account' });

    await confirm.click();
    await page.locator('#delete-password-error-gen').waitFor();
    assert.match(await page.locator('#delete-password-error-gen').textContent(), /Vul uw wachtwoord in/);

    await page.getByLabel('Uw wachtwoord', { exact: true }).fill('niet mijn wachtwoord');
    await confirm.click();
    await page.locator('#delete-password-error-gen').filter({ hasText: /klopt niet/ }).waitFor();
    assert.equal(await page.getByLabel('Uw wachtwoord', { exact: true }).getAttribute('aria-invalid'), 'true');
    await checkA11y(page, 'Mijn gegevens, delete with a wrong password');
    assert.equal(await loginStatus(email, PASSWORD), 200, 'not deleted');

    await page.getByLabel('Uw wachtwoord', { exact: true }).fill(PASSWORD);
    await confirm.click();
    await page.getByRole('heading', { level: 1, name: 'Tot ziens' }).waitFor();
    assert.equal(await page.title(), 'Account verwijderd — Noaber');
    assert.match(await page.getByRole('status').innerText(), /Uw account is verwijderd\./);
    await headerShows('visitor');
    await checkA11y(page, 'Mijn gegevens, account deleted');
    await screenshot(page, 'my-data-deleted');

    assert.equal(await loginStatus(email, PASSWORD), 401, 'logging in fails');
    await visit('/inloggen');
    await fillInLogin(page, email, PASSWORD);
    await page.locator('#login-form .error-summary').waitFor();
  });
});
