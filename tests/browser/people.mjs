// The people in the browser tests' stories, outside the page under test: the other
// side acts through the HTTP API with a bearer token, as another program would (a
// resident posts, the Servicepunt approves), and a browser can be logged in without
// the login page. Also the two forms everyone fills in: /aanmelden and /inloggen.
// Everything goes to this test file's server (harness.mjs: useServer).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BIN, baseUrl, server } from './harness.mjs';

/** The password people get unless a test says otherwise. */
export const PASSWORD = 'een goed wachtwoord 2026';

/** Calls the API as another program would; answers `{ status, body }` (the JSON, or null). */
export async function api(method, path, body, token) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${baseUrl}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Like api(), but fails the test unless the status is one of `expected`; answers the body. */
export async function apiOk(method, path, body, token, expected = [200, 201]) {
  const res = await api(method, path, body, token);
  assert.ok([].concat(expected).includes(res.status), `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A bearer token (POST /api/v1/auth/login); fails the test if logging in does not work. */
export async function apiToken(email, password = PASSWORD) {
  return (await apiOk('POST', '/api/v1/auth/login', { email, password }, undefined, 200)).access_token;
}

let people = 0;

/** An address nobody in this test file has yet: `who`.`pid`.`n`@example.nl. */
export function newAddress(who = 'iemand') {
  return `${who}.${process.pid}.${++people}@example.nl`;
}

/**
 * Registers someone through the API (202 Accepted, the same answer as for an address
 * that has an account); `extra` holds more fields of the request (e.g. `phone`).
 * Answers `{ email, name, role, password }`.
 */
export async function registerViaApi({
  name = 'Inge Bakker', role = 'resident', password = PASSWORD, email = newAddress(firstWordOf(name)), ...extra
} = {}) {
  await apiOk('POST', '/api/v1/auth/register', { email, password, name, role, ...extra }, undefined, 202);
  return { email, name, role, password };
}

/** Registers someone and logs them in through the API: `{ email, name, role, password, token, id }`. */
export async function personViaApi(options) {
  const person = await registerViaApi(options);
  person.token = await apiToken(person.email, person.password);
  person.id = (await apiOk('GET', '/api/v1/me', undefined, person.token)).id;
  return person;
}

/**
 * Adds a Servicepunt coordinator to this file's server with the command line
 * (`noaber user add --role coordinator`, the password on stdin) and logs them in
 * through the API. Answers `{ email, name, password, token, id }`.
 */
export async function addCoordinator({
  email = newAddress('coordinator'), name = 'Carla Coördinator', password = PASSWORD,
} = {}) {
  const added = spawnSync(BIN, ['user', 'add', '--role', 'coordinator', '--email', email, '--name', name], {
    env: { ...process.env, NOABER_DATA_DIR: server.dataDir, RUST_LOG: 'warn' },
    input: `${password}\n`,
    encoding: 'utf8',
  });
  assert.equal(added.status, 0, `noaber user add failed:\n${added.stdout}\n${added.stderr}`);
  const token = await apiToken(email, password);
  const { id } = await apiOk('GET', '/api/v1/me', undefined, token);
  return { email, name, password, token, id };
}

/**
 * The Servicepunt approves a post (POST /api/v1/{kindPath}/{id}/review); `kindPath`
 * is 'requests', 'offers' or 'vacancies'. Answers the post as the API returns it.
 */
export async function approvePost(kindPath, id, coordinatorToken) {
  return apiOk('POST', `/api/v1/${kindPath}/${id}/review`, { decision: 'approve' }, coordinatorToken, 200);
}

/** Logs a browser context in with a session cookie, as the login page does (POST /api/v1/auth/session). */
export async function logInBrowser(context, email, password = PASSWORD) {
  const res = await context.request.post(`${baseUrl}/api/v1/auth/session`, { data: { email, password } });
  assert.equal(res.status(), 200, await res.text());
}

/**
 * Waits until `field` is there and its page's scripts have run: a form sent before
 * they handle it would go as a plain GET, with the password in the address.
 */
export async function formReady(page, field) {
  await field.waitFor();
  await page.waitForLoadState('domcontentloaded');
}

/** Fills in the login page (/inloggen, open or opening) and presses "Inloggen". */
export async function fillInLogin(page, email, password = PASSWORD) {
  await formReady(page, page.getByLabel('E-mailadres'));
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/**
 * Fills in the register page (/aanmelden, open or opening) and presses "Account
 * aanmaken". `choice` is the label of the role to choose (a RegExp or text, e.g.
 * /Ik wil helpen/); an organisation is asked for its contact person's name.
 */
export async function fillInRegistration(page, { choice, name, email, password = PASSWORD, organisation }) {
  await formReady(page, page.getByRole('radio', { name: choice }));
  await page.getByRole('radio', { name: choice }).check();
  const asOrganisation = String(choice).includes('organisatie');
  if (organisation) await page.getByLabel('Naam van de organisatie').fill(organisation);
  await page.getByLabel(asOrganisation ? 'Naam van de contactpersoon' : 'Uw naam', { exact: true }).fill(name);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Kies een wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
}

/** The first word of a name in plain letters, for an address ("Sharon de Vries" → "sharon"). */
function firstWordOf(name) {
  return String(name).split(/\s+/)[0].toLowerCase().replace(/[^a-z]/g, '') || 'iemand';
}
