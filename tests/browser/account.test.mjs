// Browser test of the account page (account.html), as a resident would use it:
// a real `noaber` server writing its mails as .eml files, the links in those mails
// opened in Debian's Chromium.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium
// (run.sh installs it). Screenshots go to artifacts/.

import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, closePage, launchChromium, openPage, startNoaber } from './harness.mjs';

const VERIFIED = 'Uw e-mailadres is bevestigd.';
const RESET_SENT = 'Als dit adres bij ons bekend is, ontvangt u binnen enkele minuten een e-mail met een link.';
const RESET_DONE = 'Uw nieuwe wachtwoord is opgeslagen.';
const NOT_SAME = 'De twee wachtwoorden zijn niet gelijk. Vul hetzelfde wachtwoord twee keer in.';
const OLD_PASSWORD = 'mijn oude wachtwoord';
const NEW_PASSWORD = 'een nieuw wachtwoord 2026';

let noaber;
let outbox;
let baseUrl;
let browser;
let session;
let page;
let people = 0;

before(async () => {
  noaber = await startNoaber({
    logName: 'server-account.log',
    tmpPrefix: 'noaber-browser-account-',
    env: { NOABER_SMTP_URL: undefined }, // mails must land in the outbox directory
    publicUrl: true,
  });
  baseUrl = noaber.baseUrl;
  outbox = join(noaber.dataDir, 'outbox');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close().catch(() => {});
  await noaber?.stop();
});

beforeEach(async () => {
  session = await openPage(browser, baseUrl);
  page = session.page;
});

afterEach(async () => {
  await closePage(session);
});

// ---- the API, as another program would use it ------------------------------

async function api(method, path, body, token) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${baseUrl}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Registers a new resident with a unique address; answers the address. */
async function register() {
  const email = `inge.${process.pid}.${++people}@example.nl`;
  const res = await api('POST', '/api/v1/auth/register',
    { email, password: OLD_PASSWORD, name: 'Inge Bakker', role: 'resident' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return email;
}

async function login(email, password) {
  return api('POST', '/api/v1/auth/login', { email, password });
}

async function me(email, password) {
  const res = await login(email, password);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const account = await api('GET', '/api/v1/me', undefined, res.body.access_token);
  assert.equal(account.status, 200);
  return account.body;
}

// ---- the outbox: .eml files ----------------------------------------------------

function parseHeaders(block) {
  const headers = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBody(body, encoding = '') {
  switch (encoding.toLowerCase()) {
    case 'quoted-printable': {
      const bytes = body.replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** A MIME message as its headers and its decoded leaf parts. */
function parseMail(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = headers['content-type'] || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type);
  if (/^multipart\//i.test(type) && boundary) {
    const pieces = body.split(`--${boundary[1]}`).slice(1, -1);
    return { headers, parts: pieces.flatMap((piece) => parseMail(piece.replace(/^\r?\n/, '')).parts) };
  }
  return { headers, parts: [{ type, text: decodeBody(body, headers['content-transfer-encoding']) }] };
}

function mailsTo(email) {
  if (!existsSync(outbox)) return [];
  return readdirSync(outbox).filter((name) => name.endsWith('.eml'))
    .map((name) => parseMail(readFileSync(join(outbox, name), 'utf8')))
    .filter((mail) => (mail.headers.to || '').includes(`<${email}>`) || mail.headers.to === email);
}

/**
 * Waits for the mail with `subject` to `email` and answers the account-page link in
 * its text part (`kind` is bevestigen or wachtwoord). `skip` links were seen before.
 */
async function mailLink(email, subject, kind, skip = []) {
  const pattern = new RegExp(`\\S+/account\\.html#${kind}=[^\\s"<>]+`);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const mail of mailsTo(email)) {
      if (mail.headers.subject !== subject) continue;
      const text = mail.parts.find((p) => /^text\/plain/i.test(p.type));
      assert.ok(text, `"${subject}" has a text part`);
      const link = pattern.exec(text.text)?.[0];
      assert.ok(link, `no ${kind} link in:\n${text.text}`);
      if (!skip.includes(link)) return link;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail "${subject}" to ${email} in ${outbox} within 15 s`);
}

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
    const link = await mailLink(email, 'Bevestig uw e-mailadres', 'bevestigen');
    assert.ok(link.startsWith(`${baseUrl}/account.html#bevestigen=`), link);

    await openLink(link);
    await page.getByText(VERIFIED, { exact: true }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    assert.equal(await page.title(), 'E-mailadres bevestigen — Noaber');
    assert.equal(await heading().textContent(), 'E-mailadres bevestigen');
    assert.equal(await alert().count(), 0, 'no error shown');
    assert.ok(!page.url().includes('bevestigen='), `the used token leaves the address bar: ${page.url()}`);
    await page.screenshot({ path: join(ARTIFACTS, 'account-verified.png'), fullPage: true });

    const account = await me(email, OLD_PASSWORD);
    assert.equal(account.email_verified, true, 'the API shows the address as confirmed');
    assert.equal(account.email, email);

    // The link works once: opened again, the page shows the server's own message.
    await openLink(link);
    await alert().waitFor();
    const token = new URL(link).hash.replace('#bevestigen=', '');
    const again = await api('POST', '/api/v1/auth/verify-email', { token });
    assert.equal(again.status, 422);
    assert.ok(again.body.errors.token, JSON.stringify(again.body));
    assert.match(await alert().innerText(), new RegExp(`^${escape(again.body.errors.token)}`));
    assert.equal(await page.getByText(VERIFIED, { exact: true }).count(), 0);

    // The way on: the start page.
    await page.getByRole('link', { name: 'Naar de startpagina' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.locator('#search-heading').waitFor();
  });

  test('an invalid confirmation link explains what happened and offers a way on', async () => {
    const expected = await api('POST', '/api/v1/auth/verify-email', { token: 'dit-is-geen-geldige-link' });
    assert.equal(expected.status, 422);
    await page.goto(`${baseUrl}/account.html#bevestigen=dit-is-geen-geldige-link`);
    await alert().waitFor();
    const text = await alert().innerText();
    assert.ok(text.startsWith(expected.body.errors.token), text);
    assert.match(expected.body.errors.token, /ongeldig/);
    assert.match(text, /al eerder op de link/, 'explains the likely cause in words');
    assert.equal(await page.getByText(VERIFIED).count(), 0);
    assert.ok(await page.getByRole('link', { name: 'Naar de startpagina' }).isVisible());
    await page.screenshot({ path: join(ARTIFACTS, 'account-invalid-link.png'), fullPage: true });
  });

  test('a forgotten password is reset with the link from the mail', async () => {
    const email = await register();
    const welcome = await mailLink(email, 'Bevestig uw e-mailadres', 'bevestigen');

    await page.goto(`${baseUrl}/account.html`);
    assert.equal(await heading().textContent(), 'Wachtwoord vergeten?');
    assert.equal(await page.title(), 'Wachtwoord vergeten? — Noaber');
    await page.getByLabel('Uw e-mailadres').fill(email);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByText(RESET_SENT, { exact: true }).waitFor();
    assert.ok(await page.locator('#forgot-form').isHidden(), 'the form makes way for the answer');
    assert.equal(await focusedId(), 'forgot-done-message', 'focus moves to the answer');

    const link = await mailLink(email, 'Nieuw wachtwoord instellen', 'wachtwoord');
    assert.ok(link.startsWith(`${baseUrl}/account.html#wachtwoord=`), link);
    assert.notEqual(link, welcome);
    await openLink(link);
    assert.equal(await heading().textContent(), 'Nieuw wachtwoord kiezen');
    assert.equal(await page.title(), 'Nieuw wachtwoord kiezen — Noaber');
    assert.ok(await page.getByText(/minstens 10 tekens/i).isVisible(), 'the rule is shown');
    assert.match(await description('#password'), /minstens 10 tekens/i, 'the rule belongs to the field');
    assert.equal(await page.getByLabel('Nieuw wachtwoord', { exact: true }).getAttribute('type'), 'password');

    // Too short: the server's message next to the field, tied to it and announced.
    const token = new URL(link).hash.replace('#wachtwoord=', '');
    const short = await api('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'kort' });
    assert.equal(short.status, 422);
    await fillPasswords('kort');
    const error = page.locator('#password-error');
    await error.waitFor();
    assert.equal(await error.textContent(), short.body.errors.password);
    assert.match(short.body.errors.password, /minstens 10 tekens/);
    assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
    assert.match(await description('#password'), new RegExp(escape(short.body.errors.password)));
    assert.equal(await error.evaluate((e) => e.closest('[aria-live]') !== null), true, 'in a live region');
    assert.equal(await focusedId(), 'password', 'focus goes to the field to correct');
    const box = await page.locator('#password').boundingBox();
    const errBox = await error.boundingBox();
    assert.ok(errBox.y >= box.y + box.height && errBox.y - (box.y + box.height) < 40, 'right under the field');
    await page.screenshot({ path: join(ARTIFACTS, 'account-reset-error.png'), fullPage: true });

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
    assert.ok(!page.url().includes('wachtwoord='), 'the used token leaves the address bar');
    await page.screenshot({ path: join(ARTIFACTS, 'account-reset-done.png'), fullPage: true });

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
    assert.match(await alert().innerText(), new RegExp(`^${escape(used.body.errors.token)}`));
    assert.equal((await login(email, NEW_PASSWORD)).status, 200, 'the password did not change again');
  });

  test('an invalid reset link shows the error and a way to ask for a new one', async () => {
    const expected = await api('POST', '/api/v1/auth/password-reset/confirm',
      { token: 'verzonnen', password: NEW_PASSWORD });
    assert.equal(expected.status, 422);
    await page.goto(`${baseUrl}/account.html#wachtwoord=verzonnen`);
    await fillPasswords(NEW_PASSWORD);
    await alert().waitFor();
    assert.ok((await alert().innerText()).startsWith(expected.body.errors.token));
    assert.ok(await page.getByText(RESET_DONE).isHidden(), 'no success shown');
    await page.getByRole('link', { name: 'Vraag een nieuwe link aan' }).click();
    await page.getByLabel('Uw e-mailadres').waitFor();
    assert.equal(await heading().textContent(), 'Wachtwoord vergeten?');
  });

  test('unknown and mistyped addresses', async () => {
    await page.goto(`${baseUrl}/account.html`);
    // Not an address: the server's message next to the field.
    const invalid = await api('POST', '/api/v1/auth/password-reset', { email: 'inge-at-example' });
    assert.equal(invalid.status, 422);
    await page.getByLabel('Uw e-mailadres').fill('inge-at-example');
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.locator('#email-error').waitFor();
    assert.equal(await page.locator('#email-error').textContent(), invalid.body.errors.email);
    assert.equal(await page.locator('#email').getAttribute('aria-invalid'), 'true');
    assert.match(await description('#email'), new RegExp(escape(invalid.body.errors.email)));
    assert.equal(await focusedId(), 'email');
    assert.ok(await page.getByText(RESET_SENT).isHidden(), 'no "sent" message shown');

    // An address without an account gets the same answer as a known one, and no mail.
    const nobody = `niemand.${process.pid}@example.nl`;
    await page.getByLabel('Uw e-mailadres').fill(nobody);
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await page.getByText(RESET_SENT, { exact: true }).waitFor();
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(mailsTo(nobody).length, 0, 'no mail to an unknown address');
  });

  test('works with the keyboard alone, in large text', async () => {
    const email = await register();
    await page.goto(`${baseUrl}/account.html`);
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
    const link = await mailLink(email, 'Nieuw wachtwoord instellen', 'wachtwoord');

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

  test('the search page links to it, and it fits a 375 px wide phone', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await page.waitForURL(`${baseUrl}/account.html`);
    await page.getByLabel('Uw e-mailadres').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).getAttribute('aria-current'), 'page');

    await page.setViewportSize({ width: 375, height: 700 });
    for (const hash of ['', '#wachtwoord=abc', '#bevestigen=abc']) {
      await openLink(`${baseUrl}/account.html${hash}`);
      if (hash === '#bevestigen=abc') await alert().waitFor();
      const overflow = await page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${hash || 'account.html'} is ${overflow}px wider than the screen`);
    }
    await openLink(`${baseUrl}/account.html#wachtwoord=abc`);
    await page.screenshot({ path: join(ARTIFACTS, 'account-mobile.png'), fullPage: true });
  });
});

/** `text` as a literal inside a RegExp. */
function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
