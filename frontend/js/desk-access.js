// Werkbak pages are for the Servicepunt only. For any other role the page says so
// in one short sentence and asks for no data.

import { el, replace } from './dom.js';

/** Marks the werkbak link of this page as current (the nav comes from the server). */
function markCurrent() {
  for (const link of document.querySelectorAll('.desk-nav a')) {
    if (link.getAttribute('href') === location.pathname) link.setAttribute('aria-current', 'page');
  }
}

/**
 * Answers true (and shows the refusal in `notice`, hiding `loading`) when `account`
 * is not a coordinator; false when the page may go on.
 */
export function refuseUnlessCoordinator(account, notice, loading) {
  markCurrent();
  if (account?.role === 'coordinator') return false;
  if (loading) loading.hidden = true;
  replace(notice, el('p', { class: 'message message-error', role: 'alert' },
    'Deze pagina is alleen voor het Servicepunt.'));
  return true;
}
