// What every page of the Servicepunt's werkbak shares: only a coordinator sees it
// (anyone else reads one sentence and the page asks for no data); the werkbak menu
// marks the page that is open; lists are read page by page from the API; a VOG
// status in words. (Paged lists: `fetchAll` in api.js; filters kept in the address:
// address-filters.js.)

import { el, replace } from './dom.js';
import { dayText } from './format.js';
import { requireAccount } from './session.js';

/**
 * The coordinator's account; anyone else reads a short sentence in `box` and the
 * page asks nothing more (answers null; `loading` is hidden then).
 */
export async function requireCoordinator(box, loading = null) {
  const account = await requireAccount();
  if (account.role === 'coordinator') return account;
  if (loading) loading.hidden = true;
  replace(box, el('p', { class: 'message message-error' }, 'Deze pagina is alleen voor het Servicepunt.'));
  return null;
}

/** Marks the open page in the werkbak menu (aria-current), as layout.js does for the header. */
function markDeskNav() {
  const path = location.pathname;
  for (const link of document.querySelectorAll('nav[aria-label="Werkbak"] a')) {
    const href = link.getAttribute('href');
    const current = path === href || (href !== '/werkbak' && path.startsWith(`${href}/`));
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

// At once, not after the account is known: the menu is in the page as served, and a
// screen reader (or a test) may read it before the API answers.
markDeskNav();

/** The VOG (verklaring omtrent het gedrag) status in words, for the Servicepunt. */
export const VOG_WORDS = {
  none: 'Geen VOG',
  requested: 'VOG aangevraagd',
  valid: 'Geldige VOG',
};

/** YYYY-MM-DD of today and of `days` from now. */
const isoDay = (days = 0) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Where a volunteer's VOG stands today: `valid`, `expiring` (valid, but for 60 days
 * at most: the werkbak's warning), `expired` (recorded as valid, but too old),
 * `requested` or `none`.
 */
export function vogState(volunteer) {
  const until = volunteer.vog_valid_until;
  if (volunteer.profile.vog_status !== 'valid' || !until) return volunteer.profile.vog_status;
  if (until < isoDay()) return 'expired';
  return until <= isoDay(60) ? 'expiring' : 'valid';
}

/**
 * A volunteer's VOG in words (`volunteer` as GET /api/v1/volunteers gives it): until
 * when a valid one counts, or since when it no longer does.
 */
export function vogText(volunteer) {
  const p = volunteer.profile;
  const until = volunteer.vog_valid_until;
  if (p.vog_status !== 'valid' || !p.vog_issued_on || !until) return VOG_WORDS[p.vog_status] || 'Onbekend';
  return vogState(volunteer) === 'expired'
    ? `VOG verlopen op ${dayText(until)} (afgegeven op ${dayText(p.vog_issued_on)})`
    : `Geldige VOG tot ${dayText(until)} (afgegeven op ${dayText(p.vog_issued_on)})`;
}

/** Said once on a page that shows VOG statuses. */
export const VOG_EXPLAINED = 'Een VOG is een verklaring omtrent het gedrag: een bewijs van de overheid '
  + 'dat iemand geen strafblad heeft dat bij dit werk een probleem is. '
  + 'Voor sommige soorten hulp, zoals respijtzorg en bezoekwerk, is een VOG nodig.';

/** How often a volunteer was asked lately: the load score counts it, so work is spread. */
export function recentMatchesText(n) {
  if (!n) return 'Geen koppelingen in de laatste 90 dagen.';
  return `${n} ${n === 1 ? 'koppeling' : 'koppelingen'} in de laatste 90 dagen.`;
}
