// Calls to the Noaber HTTP API (see API.md). The browser is logged in with a
// session cookie (HttpOnly: scripts never see it); requests that change something
// carry the session's CSRF token in `X-CSRF-Token`, which only our own pages can
// read (from GET /api/v1/auth/session).

/**
 * An API answer that was not 2xx; `status` 0 means the server was not reached.
 * `errors` holds the Dutch message per field of a 422 (e.g. `{password: "…"}`).
 */
export class ApiError extends Error {
  constructor(status, detail, errors = {}) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
    this.errors = errors && typeof errors === 'object' ? errors : {};
  }
}

let csrfToken = null;

/** The CSRF token of the current session (set by js/session.js). */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

/**
 * Calls the API: `method` and `path` (under /api/v1 or absolute), `body` sent as
 * JSON when given. Answers the JSON body, or null when there is none (202, 204).
 * Throws ApiError with the server's Dutch `detail` and per-field `errors`.
 */
export async function request(method, path, body, { signal } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response;
  try {
    response = await fetch(path.startsWith('/') ? path : `/api/v1/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    // Problem details carry a Dutch `detail` that is fit to show.
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, problem.detail, problem.errors);
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Shorthands for `request`. */
export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body = {}) => request('POST', path, body),
  put: (path, body = {}) => request('PUT', path, body),
  patch: (path, body = {}) => request('PATCH', path, body),
  delete: (path, body) => request('DELETE', path, body),
};

const postJson = (path, body) => request('POST', path, body);

export const fetchCategories = () => api.get('categories');
export const fetchPlaces = () => api.get('places');

/**
 * Searches open posts. `filters` holds q, kind, category, place, km, frequency; empty values
 * are left out so the API applies no filter for them.
 */
export function searchPosts(filters, { offset = 0, limit = 20, signal } = {}) {
  const params = new URLSearchParams();
  const add = (name, value) => value && params.set(name, value);
  add('q', filters.q);
  add('kind', filters.kind);
  add('category', filters.category);
  add('place', filters.place);
  if (filters.place) add('within_km', filters.km);
  add('frequency', filters.frequency);
  params.set('limit', limit);
  params.set('offset', offset);
  return api.get(`search?${params}`, { signal });
}

/**
 * Reads the follow-up question behind a mail's link, recording `answer` when given
 * (no login: the signed token is the permission); answers the question as it stands.
 */
export const answerFollowUp = (token, answer) =>
  postJson('/api/v1/follow-ups/answer', { token, answer });

/** The logged-in person's saved searches (*zoekprofielen*), oldest first. */
export const fetchSavedSearches = () => api.get('me/saved-searches');

/**
 * Saves a search `{q, categories, places, within_km, frequency}` for alert mails;
 * answers it as stored (422 with Dutch `errors` per field, 409 at ten).
 */
export const saveSearch = (search) => postJson('me/saved-searches', search);

/** Deletes one of the logged-in person's saved searches (404 when it is gone already). */
export const deleteSavedSearch = (id) => api.delete(`me/saved-searches/${encodeURIComponent(id)}`);

/** Stops the alert mails of a saved search with the token from such a mail (no login). */
export const unsubscribeSavedSearch = (token) =>
  postJson('/api/v1/saved-searches/unsubscribe', { token });

/** Confirms an e-mail address with the token from the welcome mail; answers the account. */
export const verifyEmail = (token) => postJson('/api/v1/auth/verify-email', { token });

/** Asks for a mail with a link to choose a new password (202 whether or not the address is known). */
export const requestPasswordReset = (email) => postJson('/api/v1/auth/password-reset', { email });

/** Sets a new password with the token from the reset mail; answers the account. */
export const confirmPasswordReset = (token, password) =>
  postJson('/api/v1/auth/password-reset/confirm', { token, password });

/**
 * Every item of a paged list (`{total, items}`), 100 at a time, at most `max`.
 * `params` is a URLSearchParams or an object; empty values are left out.
 */
export async function fetchAll(path, params = {}, max = 1000) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const items = [];
  for (let offset = 0; offset < max; offset += 100) {
    query.set('limit', '100');
    query.set('offset', String(offset));
    const page = await api.get(`${path}?${query}`);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) break;
  }
  return items;
}
