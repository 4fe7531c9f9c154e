// Dutch wording for what the API returns as codes and numbers.

export const KIND_LABELS = { request: 'Hulpvraag', offer: 'Hulpaanbod', vacancy: 'Vacature' };

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
 * When help is needed, as the end of "Wanneer: …" on a search result:
 * "elke week op dinsdagmiddag (ongeveer 2 uur per week)", "eenmalig, op zaterdag
 * 5 december 2026, 's ochtends", "in overleg". A schedule the search answer
 * already gives as text is shown as it is.
 */
export function whenText(schedule) {
  if (typeof schedule === 'string') return schedule;
  if (schedule?.kind === 'weekly' && schedule.slots?.length) {
    const hours = schedule.hours_per_week
      ? ` (ongeveer ${number.format(schedule.hours_per_week)} uur per week)`
      : '';
    return `elke week op ${weeklySlots(schedule.slots)}${hours}`;
  }
  const text = scheduleText(schedule);
  if (text.startsWith('Eenmalig op')) return text.replace('Eenmalig op', 'eenmalig, op');
  return 'in overleg';
}
