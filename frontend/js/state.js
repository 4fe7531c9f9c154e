// The search page's state lives in the URL: the filters in the query string, so a
// search can be shared, bookmarked and reached with back/forward (also coming back
// from a post's own page). Each post has its own address, e.g. /hulpvragen/<id>.

import { FREQUENCIES } from './format.js';
import { KINDS, kindBy, postPage } from './kinds.js';

const DISTANCES = ['5', '10', '20'];
const FILTER_KEYS = ['q', 'kind', 'category', 'place', 'km', 'frequency'];

/** Filters from a query string; unknown values are dropped rather than sent on. */
export function filtersFromSearch(search) {
  const params = new URLSearchParams(search);
  const get = (name) => (params.get(name) || '').trim();
  const filters = {
    q: get('q').slice(0, 200),
    kind: Object.hasOwn(KINDS, get('kind')) ? get('kind') : '',
    // Slugs are lower-case; a hand-typed link may say "Beilen".
    category: get('category').toLowerCase(),
    place: get('place').toLowerCase(),
    km: DISTANCES.includes(get('km')) ? get('km') : '',
    frequency: Object.hasOwn(FREQUENCIES, get('frequency')) ? get('frequency') : '',
  };
  // A distance without a village means nothing; keep the URL honest.
  if (!filters.place) filters.km = '';
  return filters;
}

/** The query string for some filters ('' when there are none). */
export function searchFromFilters(filters) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    if (filters[key]) params.set(key, filters[key]);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether two sets of filters ask for the same results. */
export function sameFilters(a, b) {
  return FILTER_KEYS.every((key) => (a[key] || '') === (b[key] || ''));
}

/**
 * The new address for an old link to a post on the search page (#/requests/<id>,
 * as mails sent before the posts had their own pages say), or null.
 */
export function legacyPostPath(hash) {
  const match = /^#\/(requests|offers|vacancies)\/([0-9A-Za-z-]{1,64})\/?$/.exec(hash);
  if (!match) return null;
  return postPage(kindBy('api', match[1]), match[2]);
}
