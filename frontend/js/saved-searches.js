// Saved searches (*zoekprofielen*: POST/GET/DELETE /api/v1/me/saved-searches) as
// people read them: one line in words ("“hond” — Maatje — in Beilen en 10 km
// daaromheen — meteen per e-mail"), what the search page's filters save, whether a
// search is one already saved, and the search page address that shows what such a
// search finds now. The search page saves them (app.js); Mijn overzicht lists and
// deletes them (pages/mine.js). The words for the frequencies are in words.js.

import { fetchCategories, fetchPlaces } from './api.js';
import { searchFromFilters } from './state.js';
import { FREQUENCY } from './words.js';

/** The distances the search page offers (state.js keeps the same list). */
const PAGE_DISTANCES = [5, 10, 20];

/** "a", "a of b", "a, b of c": one of several. */
function joinOr(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} of ${items[items.length - 1]}`;
}

const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The Dutch names of the kinds of help and the villages by slug, as `{categories,
 * places}` (Maps). A list that does not load stays empty: its slugs are shown instead.
 */
export async function referenceNames() {
  const [categories, places] = await Promise.allSettled([fetchCategories(), fetchPlaces()]);
  return {
    categories: new Map(categories.status === 'fulfilled' ? categories.value.map((c) => [c.slug, c.name_nl]) : []),
    places: new Map(places.status === 'fulfilled' ? places.value.map((p) => [p.slug, p.name]) : []),
  };
}

/**
 * What a search looks for, in words: "“hond” — Maatje — in Beilen en 10 km
 * daaromheen", or "Alle soorten hulp — in Beilen". `names` is referenceNames().
 */
export function searchWords(search, names) {
  const parts = [];
  if (search.q) parts.push(`“${search.q}”`);
  const categories = (search.categories || []).map((slug) => names.categories.get(slug) || slug);
  parts.push(categories.length ? joinOr(categories) : 'alle soorten hulp');
  const places = (search.places || []).map((slug) => names.places.get(slug) || slug);
  if (!places.length) parts.push('in alle dorpen');
  else parts.push(`in ${joinOr(places)}${search.within_km ? ` en ${search.within_km} km daaromheen` : ''}`);
  return capitalised(parts.join(' — '));
}

/** A saved search in words, with how often its mails come: "… — eens per week per e-mail". */
export function savedSearchText(search, names) {
  const often = FREQUENCY[search.frequency]?.phrase;
  return often ? `${searchWords(search, names)} — ${often}` : searchWords(search, names);
}

/**
 * What the search page's filters (state.js) save. The page filters on one kind of
 * help and one village, so those become lists of one; the kind of post is not
 * part of a saved search (its mails are about every kind).
 */
export function searchToSave(filters) {
  return {
    q: (filters.q || '').trim(),
    categories: filters.category ? [filters.category] : [],
    places: filters.place ? [filters.place] : [],
    within_km: filters.place && filters.km ? Number(filters.km) : null,
  };
}

const sorted = (list) => [...(list || [])].sort();

/** Whether two searches (saved or about to be) look for the same posts. */
export function sameSearch(a, b) {
  return (a.q || '').trim() === (b.q || '').trim()
    && sorted(a.categories).join(' ') === sorted(b.categories).join(' ')
    && sorted(a.places).join(' ') === sorted(b.places).join(' ')
    && (a.places?.length ? a.within_km || null : null) === (b.places?.length ? b.within_km || null : null);
}

/**
 * The search page with a saved search's filters (what it finds now), or null when
 * the page cannot show it: more than one kind of help or village, or another distance.
 */
export function searchPageFor(search) {
  const categories = search.categories || [];
  const places = search.places || [];
  if (categories.length > 1 || places.length > 1) return null;
  if (search.within_km && !PAGE_DISTANCES.includes(search.within_km)) return null;
  return `/${searchFromFilters({
    q: search.q, category: categories[0], place: places[0], km: search.within_km ? String(search.within_km) : '',
  })}`;
}
