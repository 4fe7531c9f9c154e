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

/** A volunteer's VOG in words, with its issue date when it is valid. */
export function vogText(profile) {
  const words = VOG_WORDS[profile.vog_status] || 'Onbekend';
  return profile.vog_status === 'valid' && profile.vog_issued_on
    ? `${words}, afgegeven op ${dayText(profile.vog_issued_on)}`
    : words;
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
