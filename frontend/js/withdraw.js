// Withdrawing a post (DELETE /api/v1/{kind}/{id}) after a confirmation in a modal
// <dialog>: the focus goes to the safe choice ("Nee, niet intrekken") while the dialog
// shows its question first, Escape
// closes, and on cancel the focus returns to the button that opened it. Any page may
// reuse it (its looks are in /style.css, "shared widgets"):
//
//   import { confirmWithdraw } from '/js/withdraw.js';
//   const post = await confirmWithdraw({ kind: 'request', id, title, opener: button });
//   if (post) { /* withdrawn: post.status === 'closed' */ }

import { api, ApiError } from './api.js';
import { el } from './dom.js';
import { busy, problemText } from './forms.js';
import { stop } from './format.js';
import { KINDS, postApi, postPage } from './kinds.js';

/** Why the API says 409, in words a person can act on. */
function conflictText(kind, detail) {
  const lines = [detail || 'Deze oproep kan niet meer worden ingetrokken.'];
  if (kind === 'request') {
    lines.push('Is er al een vrijwilliger aan uw hulpvraag gekoppeld? Dan kunt u de vraag niet zelf intrekken. '
      + 'Bel het Servicepunt. Zij bespreken het met u en de vrijwilliger, zodat niemand zomaar wordt afgezegd.');
  } else {
    lines.push('Bel het Servicepunt als u hier vragen over hebt.');
  }
  return lines;
}

/**
 * Asks whether to withdraw the post and does it. Answers the withdrawn post (as the
 * API returns it) or null when the person chose not to, or it could not be done.
 */
export function confirmWithdraw({ kind, id, title, opener = document.activeElement }) {
  return new Promise((resolve) => {
    const error = el('div', { class: 'dialog-error' });
    const yes = el('button', { type: 'button', class: 'button button-danger-strong' }, 'Ja, intrekken');
    const no = el('button', { type: 'button', class: 'button' }, 'Nee, niet intrekken');
    const dialog = el('dialog', {
      class: 'withdraw-dialog', 'aria-labelledby': 'withdraw-heading', 'aria-describedby': 'withdraw-text',
    },
    el('h2', { id: 'withdraw-heading' }, `${KINDS[kind]?.label || 'Oproep'} intrekken?`),
    el('div', { id: 'withdraw-text' },
      el('p', {}, `U trekt ${KINDS[kind]?.thisNoun || 'deze oproep'} in: `, el('strong', {}, title), stop(title)),
      el('p', {}, 'Dan staat de oproep niet meer online en kan niemand meer reageren. '
        + 'Vrijwilligers die al reageerden en nog niet meedoen, krijgen daarover een bericht.'),
      // Filled is not withdrawn: the figures count the two apart.
      kind === 'vacancy'
        ? el('p', {}, 'Heeft u iemand gevonden? Trek de vacature dan niet in, maar kies ',
          el('a', { href: postPage(kind, id) }, '“Vacature is vervuld” op de pagina van de vacature'), '.')
        : null,
      el('p', {}, 'Dit kunt u niet ongedaan maken. U kunt later wel een nieuwe oproep plaatsen.')),
    error,
    el('div', { class: 'dialog-buttons' }, yes, no));

    let result = null;
    const finish = () => {
      dialog.remove();
      if (!result && opener?.isConnected) opener.focus();
      resolve(result);
    };
    dialog.addEventListener('close', finish, { once: true });
    no.addEventListener('click', () => dialog.close());
    yes.addEventListener('click', async () => {
      error.replaceChildren();
      try {
        result = await busy(yes, () => api.delete(postApi(kind, id)));
        dialog.close();
      } catch (err) {
        const lines = err instanceof ApiError && err.status === 409
          ? conflictText(kind, err.detail)
          : [problemText(err)];
        error.replaceChildren(el('div', { class: 'message message-error', role: 'alert' },
          lines.map((line) => el('p', {}, line))));
        yes.remove();
        no.textContent = 'Sluiten';
        no.focus();
      }
    });

    document.body.append(dialog);
    dialog.showModal();
    // On a small screen the dialog scrolls: it opens at its question, not at the button.
    no.focus({ preventScroll: true });
    dialog.scrollTop = 0;
  });
}
