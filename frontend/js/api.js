// The few calls the public pages make to the Noaber HTTP API (see API.md).

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

async function getJson(path, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    // Problem details carry a Dutch `detail` that is fit to show.
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, problem.detail);
  }
  return response.json();
}

/** Post kinds as the search returns them, and their path segment in the API. */
export const KIND_PATHS = { request: 'requests', offer: 'offers', vacancy: 'vacancies' };

export const fetchCategories = () => getJson('/api/v1/categories');
export const fetchPlaces = () => getJson('/api/v1/places');

/**
 * Searches open posts. `filters` holds q, kind, category, place, km; empty values
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
  params.set('limit', limit);
  params.set('offset', offset);
  return getJson(`/api/v1/search?${params}`, { signal });
}

/** One published post: kind is request, offer or vacancy. */
export function fetchPost(kind, id, { signal } = {}) {
  return getJson(`/api/v1/${KIND_PATHS[kind]}/${encodeURIComponent(id)}`, { signal });
}

/** POSTs `body` as JSON; answers the JSON body, or null when there is none (202). */
async function postJson(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, problem.detail, problem.errors);
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Confirms an e-mail address with the token from the welcome mail; answers the account. */
export const verifyEmail = (token) => postJson('/api/v1/auth/verify-email', { token });

/** Asks for a mail with a link to choose a new password (202 whether or not the address is known). */
export const requestPasswordReset = (email) => postJson('/api/v1/auth/password-reset', { email });

/** Sets a new password with the token from the reset mail; answers the account. */
export const confirmPasswordReset = (token, password) =>
  postJson('/api/v1/auth/password-reset/confirm', { token, password });
