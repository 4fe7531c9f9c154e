// What the browser tests share: a real `noaber` server on a free port with its own
// temporary data directory, Debian's Chromium, and a fresh page per test that fails
// the test on any script error or alert().
//
// A test file starts with
//
//   useServer({ name: 'account' });   // one server for the whole file
//   useBrowser();                     // one Chromium; a fresh `page` for every test
//
// and then uses `page`, `baseUrl`, `server.dataDir` (its outbox holds the mails),
// `browser` and `session` (what openPage answered for this test's page) as imported
// from here: they are live bindings, set by those hooks before each test runs (so
// read them inside tests and hooks, not at the top of a file). What people do
// through the API (register, log in, approve a post) is in people.mjs.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium
// (run.sh installs it). Screenshots and server logs go to artifacts/.

import { after, afterEach, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, '../..');
export const ARTIFACTS = join(HERE, 'artifacts');
export const BIN = resolve(process.env.NOABER_BIN || join(REPO, 'target/debug/noaber'));
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

export function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

async function waitForHealth(url, proc, logPath) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) {
      throw new Error(`noaber serve exited with ${proc.exitCode}; see ${logPath}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`noaber did not answer /healthz within 60 s; see ${logPath}`);
}

function stopServer(server) {
  if (!server || server.exitCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const killer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => { clearTimeout(killer); ok(); });
    server.kill('SIGTERM');
  });
}

/** Fails with how to get them when the noaber binary or Chromium is missing. */
function assertPrerequisites() {
  assert.ok(existsSync(BIN),
    `The noaber binary is missing at ${BIN}. Run \`cargo build -p noaber\` first (or set NOABER_BIN).`);
  assert.ok(existsSync(CHROMIUM),
    `Chromium is missing at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (run.sh does).`);
}

/**
 * Starts `noaber serve` on a free port with a fresh data directory in tmpdir
 * (named `tmpPrefix…`), its output in artifacts/`logName`. Mails always land in
 * `dataDir`/outbox as .eml files (an inherited NOABER_SMTP_URL is removed).
 *
 * - `demoSeed`: first fills the data directory with `noaber demo --seed <demoSeed>`.
 * - `env`: extra variables for the server (and the demo run); a variable set to
 *   `undefined` is removed from the inherited environment.
 * - `publicUrl`: also sets NOABER_PUBLIC_URL to the server's own address.
 *
 * Answers `{ baseUrl, dataDir, stop() }`; `stop()` stops the server and removes the
 * data directory.
 */
export async function startNoaber({
  logName, demoSeed, env: extra = {}, publicUrl = false, tmpPrefix = 'noaber-browser-',
}) {
  assertPrerequisites();
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), tmpPrefix));
  let server;
  const stop = async () => {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // The stories make many accounts and logins from one address within a minute:
    // more than the per-address limit of the account routes allows a real machine.
    const env = {
      ...process.env,
      NOABER_DATA_DIR: dataDir,
      RUST_LOG: 'warn',
      NOABER_SMTP_URL: undefined,
      NOABER_ACCOUNT_REQUESTS_PER_MINUTE: '1000',
      // Follow-up mails only where a story is about them (it sets an interval).
      NOABER_FOLLOW_UP_INTERVAL_SECONDS: '0',
      ...extra,
    };
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];

    if (demoSeed !== undefined) {
      const demo = spawnSync(BIN, ['demo', '--seed', String(demoSeed)], { env, encoding: 'utf8', timeout: 300_000 });
      assert.equal(demo.status, 0, `noaber demo failed:\n${demo.stdout}\n${demo.stderr}`);
    }

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const logPath = join(ARTIFACTS, logName);
    const log = openSync(logPath, 'w');
    server = spawn(BIN, ['serve'], {
      env: {
        ...env,
        NOABER_BIND: `127.0.0.1:${port}`,
        ...(publicUrl ? { NOABER_PUBLIC_URL: baseUrl } : {}),
        NOABER_FRONTEND_DIR: join(REPO, 'frontend'),
      },
      stdio: ['ignore', log, log],
    });
    await waitForHealth(baseUrl, server, logPath);
    return { baseUrl, dataDir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/**
 * A fresh context and page, in Dutch at 1024×900, collecting script errors in
 * `pageErrors`. An alert(), confirm() or prompt() counts as one too: it would mean
 * a script from someone's text ran (it is dismissed). Answers `{ context, page,
 * pageErrors }`.
 */
export async function openPage(browser, baseUrl) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('dialog', (dialog) => {
    pageErrors.push(`a dialog opened: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  // Nothing may be fetched from anywhere but our own server.
  await context.route((url) => !url.href.startsWith(baseUrl) && !url.href.startsWith('data:'),
    (route) => route.abort());
  return { context, page, pageErrors };
}

/** Closes what openPage opened and fails the test if the page had script errors. */
export async function closePage({ context, pageErrors } = {}) {
  await context?.close().catch(() => {});
  assert.deepEqual(pageErrors, [], 'no script errors (and no alert) on the page');
}

// ---- one server and one browser per test file ------------------------------------

/** This file's server: `{ baseUrl, dataDir, stop() }` (set by useServer). */
export let server = null;
/** This file's server address, e.g. http://127.0.0.1:41234 (set by useServer). */
export let baseUrl = '';
/** This file's Chromium (set by useBrowser). */
export let browser = null;
/** What openPage answered for this test's page: `{ context, page, pageErrors }` (set by useBrowser). */
export let session = null;
/** This test's page (set by useBrowser). */
export let page = null;

/**
 * Starts one server for the test file (node:test `before`) and stops it at the end
 * (`after`). `name` names its log, artifacts/server-`name`.log; `afterStart` runs
 * once the server answers (e.g. to add a coordinator); the other options are
 * startNoaber's (`publicUrl` is on, so mail links point at this server).
 *
 * Node 20 starts a file's top-level `before` hooks all at once, without waiting
 * for each other: what needs the server belongs in `afterStart`, not in a `before`
 * of its own.
 */
export function useServer({ name, afterStart, ...options }) {
  before(async () => {
    server = await startNoaber({
      logName: `server-${name}.log`, tmpPrefix: `noaber-browser-${name}-`, publicUrl: true, ...options,
    });
    baseUrl = server.baseUrl;
    await afterStart?.();
  });
  after(async () => {
    await server?.stop();
  });
}

/**
 * Launches Chromium once for the test file, and gives every test a fresh `page`
 * (openPage before each test, closePage after it: script errors fail the test).
 * Call it after useServer.
 */
export function useBrowser() {
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close().catch(() => {});
  });
  beforeEach(async () => {
    session = await openPage(browser, baseUrl);
    page = session.page;
  });
  afterEach(async () => {
    await closePage(session);
  });
}

/**
 * Runs one SQL statement on the running server's SQLite database with the sqlite3
 * command (a test that makes something older than it can wait for). The server's
 * jobs write every second, so sqlite3 waits up to 10 s for their lock instead of
 * failing at once with "database is locked". Returns spawnSync's result.
 */
export function sqlite(sql) {
  return spawnSync('sqlite3', ['-cmd', '.timeout 10000', join(server.dataDir, 'noaber.db'), sql],
    { encoding: 'utf8' });
}

/** `text` as a literal inside a RegExp. */
export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- accessibility and people --------------------------------------------------

const AXE_SOURCE = readFileSync(join(HERE, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and fails
 * with every violation listed. Evaluated over the DevTools protocol, so the page's
 * Content-Security-Policy (no inline scripts) stays in force.
 */
export async function checkA11y(page, label) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const found = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
  assert.deepEqual(found, [], `axe found WCAG problems on ${label}`);
}

/** Saves a full-page screenshot under artifacts/ as `name`.png. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Whether the page scrolls sideways (it must not at 360 px or 200% zoom). */
export async function sidewaysOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Checks the page as a phone user (375 px) and as someone at 200% zoom sees it
 * (a 1280×900 window at 200% lays out as 640×450 CSS pixels): no sideways
 * scrolling, and a screenshot of each under artifacts/`name`-phone.png and -zoom.png.
 */
export async function checkSmallScreens(page, name) {
  const original = page.viewportSize();
  for (const [suffix, size] of [['phone', { width: 375, height: 800 }], ['zoom', { width: 640, height: 450 }]]) {
    await page.setViewportSize(size);
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at ${size.width}px`);
    await screenshot(page, `${name}-${suffix}`);
  }
  await page.setViewportSize(original);
}

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
export function parseMail(raw) {
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

/** Every mail in `dataDir`'s outbox (the .eml files) addressed to `email`, parsed. */
export function mailsTo(dataDir, email) {
  const outbox = join(dataDir, 'outbox');
  if (!existsSync(outbox)) return [];
  return readdirSync(outbox).filter((name) => name.endsWith('.eml')).sort()
    .map((name) => parseMail(readFileSync(join(outbox, name), 'utf8')))
    .filter((mail) => (mail.headers.to || '').includes(`<${email}>`) || mail.headers.to === email);
}

/**
 * Waits (up to 20 s) for a mail to `email` whose subject contains `subject` and
 * answers the first link in its text part whose path starts with `pathPrefix`
 * (e.g. '/bevestigen#'); `skip` lists links seen before.
 */
export async function waitForMailLink(dataDir, email, subject, pathPrefix, skip = []) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const mail of mailsTo(dataDir, email)) {
      if (!(mail.headers.subject || '').includes(subject)) continue;
      const text = mail.parts.find((p) => /^text\/plain/i.test(p.type))?.text || '';
      const link = (text.match(/https?:\/\/[^\s"<>]+/g) || [])
        .find((l) => new URL(l).pathname.startsWith(pathPrefix.split('#')[0]) && l.includes(pathPrefix) && !skip.includes(l));
      if (link) return link;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${email} about "${subject}" with a link to ${pathPrefix} within 20 s`);
}
