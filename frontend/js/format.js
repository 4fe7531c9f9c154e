// Numbers, dates, times, schedules and names as people say them in Dutch. (The words
// for codes are in words.js, the kinds of post in kinds.js.)

const DAYS = {
  mon: 'maandag', tue: 'dinsdag', wed: 'woensdag', thu: 'donderdag',
  fri: 'vrijdag', sat: 'zaterdag', sun: 'zondag',
};
const PARTS = { morning: 'ochtend', afternoon: 'middag', evening: 'avond' };
const PARTS_ADVERB = { morning: "'s ochtends", afternoon: "'s middags", evening: "'s avonds" };

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const longDate = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
});
const dateTime = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});
const day = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam',
});

/** "a", "a en b", "a, b en c". */
export function joinNl(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

/** 3.2 → "3,2 km". */
export function formatKm(km) {
  return `${number.format(km)} km`;
}

/** 1 → "1 resultaat", 1234 → "1.234 resultaten". */
export function resultCount(n) {
  return n === 1 ? '1 resultaat' : `${number.format(n)} resultaten`;
}

/** The kind radio labels, in their order on the search page. */
const KIND_COUNT_LABELS = [['request', 'Hulpvragen'], ['offer', 'Hulpaanbod'], ['vacancy', 'Vacatures']];

/**
 * {request: 12, offer: 3} → "Hulpvragen: 12 · Hulpaanbod: 3"; '' when the results
 * hold one kind or none (the count in the heading already says it all). With one
 * kind `chosen`, the counts (the API's, which leave out that choice) say what else
 * there is: "Ook gevonden: Hulpaanbod: 3. Kies "Alles" om alles te zien."
 */
export function kindCounts(counts = {}, chosen = '') {
  const present = KIND_COUNT_LABELS.filter(([kind]) => counts[kind] > 0);
  const line = (kinds) => kinds.map(([kind, label]) => `${label}: ${number.format(counts[kind])}`).join(' · ');
  if (chosen) {
    const others = present.filter(([kind]) => kind !== chosen);
    return others.length ? `Ook gevonden: ${line(others)}. Kies "Alles" om alles te zien.` : '';
  }
  return present.length < 2 ? '' : line(present);
}

/**
 * What comes first, by the kinds the search preferred (sorted, comma-joined): the
 * sets a role or the wording can name (search/src/intent.rs, routes/search.rs).
 */
const PREFERRED_FIRST = {
  offer: 'Hulpaanbod staat',
  'offer,vacancy': 'Hulpaanbod en vacatures staan',
  request: 'Hulpvragen staan',
  'request,vacancy': 'Hulpvragen en vacatures staan',
  vacancy: 'Vacatures staan',
};

/** Why, when the question's own words named the side. */
const PREFERRED_BY_WORDING = {
  offer: 'u zoekt iemand die helpt',
  'offer,vacancy': 'u zoekt een vrijwilliger voor iemand anders',
  request: 'u zoekt vragen van inwoners',
  'request,vacancy': 'u wilt helpen',
  vacancy: 'u zoekt vrijwilligerswerk bij een organisatie',
};

/** The full stop after `text` at the end of a sentence, unless it ends in one already
 * ("Mevrouw B." or a title that asks a question). */
export const stop = (text) => (/[.?!…]["'”’)]*$/.test(String(text).trim()) ? '' : '.');

/** "Hoe vaak" (the search filter `frequency`): every week, once, by arrangement. */
export const FREQUENCIES = { weekly: 'elke week', once: 'één keer', flexible: 'in overleg' };

/**
 * The tab's title for a search, so that tabs and the history tell searches apart:
 * {q: 'hulp', category: 'computerhulp', place: 'beilen', km: '5'} → "Zoeken naar
 * “hulp” (Computerhulp, binnen 5 km van Beilen) — Noaber"; `names` gives the
 * categories' and places' names by slug. `fallback` when nothing is asked.
 */
export function searchTitle(filters, names, fallback) {
  const kind = KIND_COUNT_LABELS.find(([k]) => k === filters.kind)?.[1];
  const category = filters.category && (names.categories.get(filters.category) || filters.category);
  const placeName = filters.place && (names.places.get(filters.place) || filters.place);
  const place = placeName && (filters.km ? `binnen ${filters.km} km van ${placeName}` : placeName);
  const chosen = [kind, category, place, FREQUENCIES[filters.frequency]].filter(Boolean).join(', ');
  if (filters.q) return `Zoeken naar “${filters.q}”${chosen ? ` (${chosen})` : ''} — Noaber`;
  return chosen ? `Zoeken: ${chosen} — Noaber` : fallback;
}

/** When none of the kinds the search preferred is among the results. */
const PREFERRED_NONE = {
  offer: 'Er is nu geen hulpaanbod voor deze woorden.',
  'offer,vacancy': 'Er is nu geen hulpaanbod en geen vacature voor deze woorden.',
  request: 'Er zijn nu geen hulpvragen voor deze woorden.',
  'request,vacancy': 'Er zijn nu geen hulpvragen en geen vacatures voor deze woorden.',
  vacancy: 'Er zijn nu geen vacatures voor deze woorden.',
};

/**
 * Why the order is as it is: {kinds: ['offer'], because: 'wording'} → "Hulpaanbod
 * staat bovenaan, want u zoekt iemand die helpt."; '' without a preference. Only
 * the preferred kinds that `counts` (results per kind) holds are said to come
 * first; when it holds none of them, the line says that there are none.
 */
export function preferredLine(preferred, counts = {}) {
  if (!preferred) return '';
  const kinds = [...preferred.kinds].sort();
  const asked = kinds.join(',');
  if (!PREFERRED_FIRST[asked]) return '';
  const found = kinds.filter((kind) => counts[kind] > 0).join(',');
  if (!found) return PREFERRED_NONE[asked];
  const why = preferred.because === 'wording'
    ? PREFERRED_BY_WORDING[asked]
    : 'dat zoekt u meestal';
  return `${PREFERRED_FIRST[found]} bovenaan, want ${why}.`;
}

/** "Beilen · 3,2 km", or just the village when there is no distance. */
export function placeLine(placeName, distanceKm) {
  return typeof distanceKm === 'number' ? `${placeName} · ${formatKm(distanceKm)}` : placeName;
}

/** Weekly slots as "dinsdagmiddag en zaterdag de hele dag", in week order. */
function weeklySlots(slots) {
  const byDay = new Map(Object.keys(DAYS).map((day) => [day, []]));
  for (const { day, part } of slots) byDay.get(day)?.push(part);
  const phrases = [];
  for (const [day, parts] of byDay) {
    if (parts.length === 3) {
      phrases.push(`${DAYS[day]} de hele dag`);
    } else {
      const ordered = Object.keys(PARTS).filter((p) => parts.includes(p));
      phrases.push(...ordered.map((p) => DAYS[day] + PARTS[p]));
    }
  }
  return joinNl(phrases);
}

/** "2026-12-05" as a local date; `new Date(string)` would read it as UTC midnight. */
function parseDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** The schedule of a post in plain Dutch. */
export function scheduleText(schedule) {
  if (!schedule) return 'In overleg';
  if (schedule.kind === 'weekly') {
    const hours = schedule.hours_per_week
      ? ` (ongeveer ${number.format(schedule.hours_per_week)} uur per week)`
      : '';
    return `Elke week: ${weeklySlots(schedule.slots || [])}${hours}`;
  }
  if (schedule.kind === 'once' && schedule.date) {
    const parts = Object.keys(PARTS_ADVERB)
      .filter((p) => (schedule.parts || []).includes(p))
      .map((p) => PARTS_ADVERB[p]);
    const when = parts.length ? `, ${joinNl(parts)}` : '';
    return `Eenmalig op ${longDate.format(parseDate(schedule.date))}${when}`;
  }
  return 'In overleg';
}

/**
 * When help is needed, as the end of "Wanneer: …" on a search result. The search
 * answer gives it as Dutch text ("elke week: dinsdagochtend"), shown as it is; a
 * schedule object is said in the same way.
 */
export function whenText(schedule) {
  if (typeof schedule === 'string') return schedule;
  const text = scheduleText(schedule);
  return text[0].toLowerCase() + text.slice(1);
}

/** "dinsdag 3 december om 14:05" for an RFC 3339 time. */
export function dateTimeText(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateTime.format(date);
}

const relative = new Intl.RelativeTimeFormat('nl', { numeric: 'auto' });

/** "3 dagen geleden", "gisteren", "2 uur geleden" for an RFC 3339 time. */
export function timeAgo(iso, now = Date.now()) {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const steps = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'zojuist';
}

/** "3 december 2026" for an RFC 3339 time or a YYYY-MM-DD date. */
export function dayText(iso) {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : day.format(date);
}

/** The first word of a name: how pages greet people and name the other side. */
export function firstWord(name) {
  return String(name || '').trim().split(/\s+/)[0] || '';
}
