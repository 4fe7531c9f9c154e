// Browser test of the account pages (account.html at /bevestigen#TOKEN,
// /nieuw-wachtwoord#TOKEN and /wachtwoord-vergeten), as a resident would use them:
// a real `noaber` server writing its mails as .eml files, the links in those mails
// opened in Debian's Chromium.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium
// (run.sh installs it). Screenshots go to artifacts/.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  ARTIFACTS, baseUrl, checkA11y, checkSmallScreens, escapeRegExp, mailsTo, page, server, sqlite,
  useBrowser, useServer, waitForMailLink,
} from './harness.mjs';
import { api, apiToken, logInBrowser, registerViaApi } from './people.mjs';

const VERIFIED = 'Uw e-mailadres is bevestigd.';
const RESET_SENT = 'Als dit adres bij ons bekend is, ontvangt u binnen enkele minuten een e-mail met een link.';
const RESET_DONE = 'Uw nieuwe wachtwoord is opgeslagen.';
const NOT_SAME = 'De twee wachtwoorden zijn niet gelijk. Vul hetzelfde wachtwoord twee keer in.';
const OLD_PASSWORD = 'mijn oude wachtwoord';
const NEW_PASSWORD = 'een nieuw wachtwoord 2026';

useServer({ name: 'account' });
useBrowser();

// ---- the API, as another program would use it ------------------------------

/** Registers a new resident with a unique address; answers the address. */
async function register() {
  return (await registerViaApi({ name: 'Inge Bakker', role: 'resident', password: OLD_PASSWORD })).email;
}

async function login(email, password) {
  return api('POST', '/api/v1/auth/login', { email, password });
}

async function me(email, password) {
  const account = await api('GET', '/api/v1/me', undefined, await apiToken(email, password));
  assert.equal(account.status, 200);
  return account.body;
}

// ---- the outbox: .eml files --------------------------------------------------------

const WELCOME = 'Bevestig uw e-mailadres';
const RESET = 'Nieuw wachtwoord instellen';

/** The confirmation link in the welcome mail (or a later one: `skip` the links seen). */
const confirmLink = (email, skip) => waitForMailLink(server.dataDir, email, WELCOME, '/bevestigen#', skip);
/** The link in the mail to choose a new password. */
const resetLink = (email) => waitForMailLink(server.dataDir, email, RESET, '/nieuw-wachtwoord#');
/** The token in a link: everything after the #. */
const tokenOf = (link) => new URL(link).hash.slice(1);

// ---- page helpers ----------------------------------------------------------------

/** Opens a mail link as a fresh page load (not a same-document hash change). */
async function openLink(link) {
  await page.goto('about:blank');
  await page.goto(link);
}

const alert = () => page.getByRole('alert');
const heading = () => page.locator('main h1:visible');
const focusedId = () => page.evaluate(() => document.activeElement?.id || '');

async function fillPasswords(password, repeat = password) {
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(password);
  await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(repeat);
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
}

/** The ids an element's aria-describedby points at, and their texts. */
async function description(selector) {
  return page.locator(selector).evaluate((input) => (input.getAttribute('aria-describedby') || '')
    .split(/\s+/).filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent.trim() || '').filter(Boolean).join(' | '));
}

// ---- tests ---------------------------------------------------------------------------

describe('account page', () => {
  test('the link in the welcome mail confirms the address', async () => {
    const email = await register();
    assert.equal((await me(email, OLD_PASSWORD)).email_verified, false, 'not confirmed before the link');
    const link = await confirmLink(email);
    assert.ok(link.startsWith(`${baseUrl}/bevestigen#`), link);

    await openLink(link);
    await page.getByText(VERIFIED, { exact: true }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.equal(await page.title(), 'E-mailadres bevestigen — Noaber');
    assert.equal(await heading().textContent(), 'E-mailadres bevestigen');
    assert.equal(await alert().count(), 0, 'no error shown');
    assert.equal(page.url(), `${baseUrl}/bevestigen`, 'the used token leaves the address bar');
    await page.screenshot({ path: join(ARTIFACTS, 'account-verified.png'), fullPage: true });
    await checkA11y(page, 'the confirmation page, confirmed');

    const account = await me(email, OLD_PASSWORD);
    assert.equal(account.email_verified, true, 'the API shows the address as confirmed');
    assert.equal(account.email, email);

    // The link works once: opened again, the page shows the server's own message.
    await openLink(link);
    await alert().waitFor();
    const again = await api('POST', '/api/v1/auth/verify-email', { token: tokenOf(link) });
    assert.equal(again.status, 422);
    assert.ok(again.body.errors.token, JSON.stringify(again.body));
    assert.match(await alert().innerText(), new RegExp(`^${escapeRegExp(again.body.errors.token)}`));
    assert.equal(await page.getByText(VERIFIED, { exact: true }).count(), 0);

    // The way on: the start page.
    await page.getByRole('link', { name: 'Naar de startpagina' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.locator('#search-heading').waitFor();
  });

  test('an invalid confirmation link explains what happened and offers a way on', async () => {
    const expected = await api('POST', '/api/v1/auth/verify-email', { token: 'dit-is-geen-geldige-link' });
    assert.equal(expected.status, 422);
    await page.goto(`${baseUrl}/bevestigen#dit-is-geen-geldige-link`);
    await alert().waitFor();
    const text = await alert().innerText();
    assert.ok(text.startsWith(expected.body.errors.token), text);
    assert.match(expected.body.errors.token, /ongeldig/);
    assert.match(text, /al eerder op de link/, 'explains the likely cause in words');
    assert.equal(await page.getByText(VERIFIED).count(), 0);
    assert.ok(await page.getByRole('link', { name: 'Naar de startpagina' }).isVisible());
    // Not logged in: log in first, then on to Mijn overzicht for a new link.
    const login = page.getByRole('link', { name: 'Log in om een nieuwe link te krijgen' });
    assert.equal(await login.getAttribute('href'), '/inloggen?terug=%2Fmijn');
    assert.equal(await page.getByRole('button', { name: 'Stuur mij een nieuwe link' }).count(), 0);
    await page.screenshot({ path: join(ARTIFACTS, 'account-invalid-link.png'), fullPage: true });
    await checkA11y(page, 'the confirmation page, invalid link');
    await login.click();
    await page.waitForURL(`${baseUrl}/inloggen?terug=%2Fmijn`);
  });

  test('links from mails sent before the new addresses still work', async () => {
    const email = await register();
    const link = await confirmLink(email);
    await openLink(`${baseUrl}/account.html#bevestigen=${tokenOf(link)}`);
    await page.getByText(VERIFIED, { exact: true }).waitFor();
    assert.equal((await me(email, OLD_PASSWORD)).email_verified, true);
    assert.ok(!page.url().includes('bevestigen='), 'the used token leaves the address bar');

    await openLink(`${baseUrl}/account.html#wachtwoord=verzonnen`);
    assert.equal(await heading().textContent(), 'Nieuw wachtwoord kiezen');
    await openLink(`${baseUrl}/account.html`);
    assert.equal(await heading().textContent(), 'Wachtwoord vergeten?');
  });

  test('logged in with a link that no longer works: "Stuur mij een nieuwe link"', async (t) => {
    const email = await register();
    const first = await confirmLink(email);
    await logInBrowser(page.context(), email, OLD_PASSWORD);
    await openLink(`${baseUrl}/bevestigen#verlopen-link`);
    await alert().waitFor();
    const send = page.getByRole('button', { name: 'Stuur mij een nieuwe link' });
    await send.waitFor();
    assert.match(await page.locator('#verify-again').innerText(), new RegExp(`Wij sturen die naar ${escapeRegExp(email)}\\.`));
    assert.equal(await page.getByRole('link', { name: /Log in om/ }).count(), 0);
    await checkA11y(page, 'the confirmation page, invalid link, logged in');

    // The welcome mail went out a moment ago: the server says so, in Dutch.
    await send.click();
    const tooSoon = page.locator('#verify-again [role="alert"]');
    await tooSoon.waitFor();
    assert.match(await tooSoon.innerText(), /U hebt net een e-mail met een link gekregen/);
    assert.ok(await send.isVisible(), 'the button stays to try again later');

    // Some minutes later (the welcome mail's link made older in the database).
    const aged = sqlite(
      "UPDATE account_tokens SET created_at = '2000-01-01 00:00:00' WHERE purpose = 'verify_email'");
    if (aged.error || aged.status !== 0) {
      t.diagnostic(`sqlite3 not usable (${aged.error?.message || aged.stderr}): the mail itself is not checked`);
      return;
    }
    await send.click();
    const sent = page.locator('#verify-again [role="status"]');
    await sent.waitFor();
    assert.match(await sent.innerText(), new RegExp(`^Wij hebben een nieuwe e-mail gestuurd naar ${escapeRegExp(email)}\\.`));
    assert.ok(await send.isHidden());
    await checkA11y(page, 'the confirmation page, a new link sent');
    await page.screenshot({ path: join(ARTIFACTS, 'account-link-sent.png'), fullPage: true });

    const second = await confirmLink(email, [first]);
    assert.notEqual(second, first);
    await openLink(second);
    await page.getByText(VERIFIED, { exact: true }).waitFor();
    assert.equal((await me(email, OLD_PASSWORD)).email_verified, true);

    // Once confirmed, an old link says there is nothing left to do.
    await openLink(first);
    await page.getByText('Uw e-mailadres is al bevestigd. U hoeft niets meer te doen.').waitFor();
    assert.equal(await send.count(), 0);
    await checkA11y(page, 'the confirmation page, already confirmed');
  });

  test('a forgotten password is reset with the link from the mail', async () => {
    const email = await register();
    const welcome = await confirmLink(email);

    await page.goto(`${baseUrl}/wachtwoord-vergeten`);
    assert.equal(await heading().textContent(), 'Wachtwoord vergeten?');
    assert.equal(await page.title(), 'Wachtwoord vergeten? — Noaber');
    await checkA11y(page, 'the forgotten-password page');
    await page.getByLabel('Uw e-mailadres').fill(email);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByText(RESET_SENT, { exact: true }).waitFor();
    assert.ok(await page.locator('#forgot-form').isHidden(), 'the form makes way for the answer');
    assert.equal(await focusedId(), 'forgot-done-message', 'focus moves to the answer');
    await checkA11y(page, 'the forgotten-password page, mail sent');

    const link = await resetLink(email);
    assert.ok(link.startsWith(`${baseUrl}/nieuw-wachtwoord#`), link);
    assert.notEqual(link, welcome);
    await openLink(link);
    assert.equal(await heading().textContent(), 'Nieuw wachtwoord kiezen');
    assert.equal(await page.title(), 'Nieuw wachtwoord kiezen — Noaber');
    assert.ok(await page.getByText(/minstens 10 tekens/i).isVisible(), 'the rule is shown');
    assert.match(await description('#password'), /minstens 10 tekens/i, 'the rule belongs to the field');
    assert.equal(await page.getByLabel('Nieuw wachtwoord', { exact: true }).getAttribute('type'), 'password');

    // Too short: the server's message next to the field, tied to it and announced.
    await checkA11y(page, 'the new-password page');
    const token = tokenOf(link);
    const short = await api('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'kort' });
    assert.equal(short.status, 422);
    await fillPasswords('kort');
    const error = page.locator('#password-error');
    await error.waitFor();
    assert.equal(await error.textContent(), short.body.errors.password);
    assert.match(short.body.errors.password, /minstens 10 tekens/);
    assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
    assert.match(await description('#password'), new RegExp(escapeRegExp(short.body.errors.password)));
    assert.equal(await error.evaluate((e) => e.closest('[aria-live]') !== null), true, 'in a live region');
    assert.equal(await focusedId(), 'password', 'focus goes to the field to correct');
    const box = await page.locator('#password').boundingBox();
    const errBox = await error.boundingBox();
    assert.ok(errBox.y >= box.y + box.height && errBox.y - (box.y + box.height) < 40, 'right under the field');
    await page.screenshot({ path: join(ARTIFACTS, 'account-reset-error.png'), fullPage: true });
    await checkA11y(page, 'the new-password page with an error');

    // Two different passwords: said in words at the second field.
    await fillPasswords(NEW_PASSWORD, 'een ander wachtwoord');
    await page.locator('#password-repeat-error').waitFor();
    assert.equal(await page.locator('#password-repeat-error').textContent(), NOT_SAME);
    assert.ok(await error.isHidden(), 'the earlier error is gone');
    assert.equal(await page.locator('#password').getAttribute('aria-invalid'), null);
    assert.equal(await focusedId(), 'password-repeat');

    // "Toon wachtwoord" shows both fields as text, and hides them again.
    const show = page.getByLabel('Toon wachtwoord');
    await show.check();
    assert.equal(await page.locator('#password').getAttribute('type'), 'text');
    assert.equal(await page.locator('#password-repeat').getAttribute('type'), 'text');
    assert.equal(await page.locator('#password').inputValue(), NEW_PASSWORD);
    await show.uncheck();
    assert.equal(await page.locator('#password').getAttribute('type'), 'password');

    await fillPasswords(NEW_PASSWORD);
    await page.getByText(RESET_DONE).waitFor();
    assert.ok(await page.locator('#reset-form').isHidden());
    assert.equal(await alert().count(), 0);
    assert.equal(page.url(), `${baseUrl}/nieuw-wachtwoord`, 'the used token leaves the address bar');
    await page.screenshot({ path: join(ARTIFACTS, 'account-reset-done.png'), fullPage: true });
    await checkA11y(page, 'the new-password page, saved');

    assert.equal((await login(email, OLD_PASSWORD)).status, 401, 'the old password no longer works');
    const fresh = await login(email, NEW_PASSWORD);
    assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
    assert.ok(fresh.body.access_token);

    // The link works once.
    await openLink(link);
    await fillPasswords('nog een ander wachtwoord');
    await alert().waitFor();
    const used = await api('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'nog een ander wachtwoord' });
    assert.equal(used.status, 422);
    assert.match(await alert().innerText(), new RegExp(`^${escapeRegExp(used.body.errors.token)}`));
    assert.equal((await login(email, NEW_PASSWORD)).status, 200, 'the password did not change again');
  });

  test('an invalid reset link shows the error and a way to ask for a new one', async () => {
    const expected = await api('POST', '/api/v1/auth/password-reset/confirm',
      { token: 'verzonnen', password: NEW_PASSWORD });
    assert.equal(expected.status, 422);
    await page.goto(`${baseUrl}/nieuw-wachtwoord#verzonnen`);
    await fillPasswords(NEW_PASSWORD);
    await alert().waitFor();
    assert.ok((await alert().innerText()).startsWith(expected.body.errors.token));
    assert.ok(await page.getByText(RESET_DONE).isHidden(), 'no success shown');
    await checkA11y(page, 'the new-password page, invalid link');
    await page.getByRole('link', { name: 'Vraag een nieuwe link aan' }).click();
    await page.waitForURL(`${baseUrl}/wachtwoord-vergeten`);
    await page.getByLabel('Uw e-mailadres').waitFor();
    assert.equal(await heading().textContent(), 'Wachtwoord vergeten?');
  });

  test('unknown and mistyped addresses', async () => {
    await page.goto(`${baseUrl}/wachtwoord-vergeten`);
    // Not an address: the server's message next to the field.
    const invalid = await api('POST', '/api/v1/auth/password-reset', { email: 'inge-at-example' });
    assert.equal(invalid.status, 422);
    await page.getByLabel('Uw e-mailadres').fill('inge-at-example');
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.locator('#email-error').waitFor();
    assert.equal(await page.locator('#email-error').textContent(), invalid.body.errors.email);
    assert.equal(await page.locator('#email').getAttribute('aria-invalid'), 'true');
    assert.match(await description('#email'), new RegExp(escapeRegExp(invalid.body.errors.email)));
    assert.equal(await focusedId(), 'email');
    assert.ok(await page.getByText(RESET_SENT).isHidden(), 'no "sent" message shown');
    await checkA11y(page, 'the forgotten-password page with an error');

    // An address without an account gets the same answer as a known one, and no mail.
    const nobody = `niemand.${process.pid}@example.nl`;
    await page.getByLabel('Uw e-mailadres').fill(nobody);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByText(RESET_SENT, { exact: true }).waitFor();
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(mailsTo(server.dataDir, nobody).length, 0, 'no mail to an unknown address');
  });

  test('works with the keyboard alone, in large text', async () => {
    const email = await register();
    await page.goto(`${baseUrl}/wachtwoord-vergeten`);
    const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    assert.ok(fontSize >= 18, `base font ${fontSize}px`);
    let steps = 0;
    while ((await focusedId()) !== 'email') {
      assert.ok(++steps < 10, 'Tab never reached the e-mail field');
      await page.keyboard.press('Tab');
    }
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    });
    assert.ok(ring, 'the focused field shows a focus ring');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Stuur mij een link');
    await page.keyboard.press('Enter');
    await page.getByText(RESET_SENT, { exact: true }).waitFor();
    const link = await resetLink(email);

    await openLink(link);
    steps = 0;
    while ((await focusedId()) !== 'password') {
      assert.ok(++steps < 10, 'Tab never reached the password field');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type(NEW_PASSWORD);
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(), 'password-repeat');
    await page.keyboard.type(NEW_PASSWORD);
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(), 'show-password');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#password').getAttribute('type'), 'text');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Wachtwoord opslaan');
    await page.keyboard.press('Enter');
    await page.getByText(RESET_DONE).waitFor();
    assert.equal((await login(email, NEW_PASSWORD)).status, 200);
  });

  test('the login page links to it, and it fits a phone and 200% zoom', async () => {
    await page.goto(`${baseUrl}/inloggen`);
    // The header no longer has it: "Wachtwoord vergeten?" is on the login page.
    assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Wachtwoord vergeten?' }).count(), 0);
    await page.getByRole('main').getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await page.waitForURL(`${baseUrl}/wachtwoord-vergeten`);
    await page.getByLabel('Uw e-mailadres').waitFor();

    for (const [address, name] of [['/wachtwoord-vergeten', 'account-forgot'],
      ['/nieuw-wachtwoord#abc', 'account-reset'], ['/bevestigen#abc', 'account-verify']]) {
      await openLink(`${baseUrl}${address}`);
      if (address.startsWith('/bevestigen')) await alert().waitFor();
      await checkSmallScreens(page, name);
    }
  });
});
