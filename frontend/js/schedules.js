// When help is needed, for the search results. The search answer
// (GET /api/v1/search) does not carry a post's schedule, so each result's schedule is
// read from the post itself (GET /api/v1/{kind}/{id}) after the list is shown.
// Those reads are anonymous (no cookie): a coordinator browsing the search page must
// not leave "contact details viewed" entries in the audit log for every result.
// Once the search answer carries `schedule`, the cards use it and nothing is fetched.

import { KIND_PATHS } from './api.js';

/** `${kind}/${id}` → Promise of the schedule (null when it could not be read). */
const known = new Map();

async function read(kind, id) {
  const response = await fetch(`/api/v1/${KIND_PATHS[kind]}/${encodeURIComponent(id)}`, {
    headers: { accept: 'application/json' },
    credentials: 'omit',
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()).schedule ?? null;
}

/** The schedule of one post; a failed read is forgotten, so a later search tries again. */
export function scheduleOf(kind, id) {
  const key = `${kind}/${id}`;
  if (!known.has(key)) {
    known.set(key, read(kind, id).catch(() => {
      known.delete(key);
      return null;
    }));
  }
  return known.get(key);
}
