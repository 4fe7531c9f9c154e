// What the browser tests share: a real `noaber` server on a free port with its own
// temporary data directory, Debian's Chromium, and a fresh page per test that fails
// the test on any script error.
//
// Needs the binary (`cargo build -p noaber`, or NOABER_BIN) and /usr/bin/chromium
// (run.sh installs it). Screenshots and server logs go to artifacts/.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
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
 * (named `tmpPrefix…`), its output in artifacts/`logName`.
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
    const env = { ...process.env, NOABER_DATA_DIR: dataDir, RUST_LOG: 'warn', ...extra };
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
 * A fresh context and page for one test, in Dutch at 1024×900, collecting script
 * errors in `pageErrors`. Answers `{ context, page, pageErrors }`.
 */
export async function openPage(browser, baseUrl) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // Nothing may be fetched from anywhere but our own server.
  await context.route((url) => !url.href.startsWith(baseUrl) && !url.href.startsWith('data:'),
    (route) => route.abort());
  return { context, page, pageErrors };
}

/** Closes what openPage opened and fails the test if the page had script errors. */
export async function closePage({ context, pageErrors } = {}) {
  await context?.close().catch(() => {});
  assert.deepEqual(pageErrors, [], 'no script errors on the page');
}
