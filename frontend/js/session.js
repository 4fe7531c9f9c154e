// Who is logged in, asked once per page load (GET /api/v1/auth/session). The
// session itself is an HttpOnly cookie; this module only knows the account and the
// CSRF token that state-changing calls must carry.

import { api, setCsrfToken } from './api.js';
import { firstWord } from './format.js';

let current = null;

function remember(answer) {
  setCsrfToken(answer?.csrf_token);
  return answer?.account || null;
}

/** The logged-in account ({id, name, email, role, email_verified}) or null. */
export function currentAccount() {
  if (!current) {
    current = api.get('auth/session').then(remember).catch(() => null);
  }
  return current;
}

/** The first name, as pages greet people (the API's, which knows "Mevrouw J."). */
export function firstName(account) {
  return account?.first_name || firstWord(account?.name);
}

/** Asks again next time, after the account changed (its name, say). */
export function forgetAccount() {
  current = null;
}

/** Logs in with e-mail and password; answers the account (throws ApiError 401). */
export async function logIn(email, password) {
  const answer = await api.post('auth/session', { email, password });
  current = Promise.resolve(remember(answer));
  return current;
}

/** Ends this browser's session. */
export async function logOut() {
  await currentAccount();
  await api.delete('auth/session');
  current = Promise.resolve(remember(null));
}

/** Where to come back to after logging in: this page. */
export function hereAsReturn() {
  return location.pathname + location.search + location.hash;
}

/**
 * A safe return address from `?terug=`: only a path on this site. Browsers read
 * "/\host" and a path with a tab or newline in it ("/\t/host") as "//host", another
 * site, so backslashes and white space are refused too.
 */
export function returnTarget(fallback = '/mijn') {
  const target = new URLSearchParams(location.search).get('terug') || '';
  return /^\/(?!\/)[^\\\s]*$/.test(target) ? target : fallback;
}

/** The login page, coming back here afterwards. */
export function loginUrl(back = hereAsReturn()) {
  return `/inloggen?terug=${encodeURIComponent(back)}`;
}

/**
 * The account, or a trip to the login page (which brings the person back here).
 */
export async function requireAccount() {
  const account = await currentAccount();
  if (!account) {
    location.replace(loginUrl());
    // Nothing more happens on this page.
    return new Promise(() => {});
  }
  return account;
}
