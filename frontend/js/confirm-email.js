// "Stuur mij een nieuwe link": sends the mail that confirms the e-mail address again
// (POST /api/v1/auth/verify-email/resend). Mijn overzicht, Mijn gegevens and the
// confirmation page (/bevestigen) offer it while the address is not confirmed.

import { ApiError, api } from './api.js';
import { append, el } from './dom.js';
import { busy, problemText, say } from './forms.js';

/**
 * Adds the button and a place for its answer to `box`. `email` is where the mail
 * goes; `primary` when it is the main thing to do on the page.
 */
export function resendLinkButton(box, email, { primary = false } = {}) {
  const button = el('button', { type: 'button', class: primary ? 'button button-primary' : 'button' },
    'Stuur mij een nieuwe link');
  const answer = el('div', { class: 'resend-answer' });
  append(box, [button, answer]);
  button.addEventListener('click', async () => {
    try {
      await busy(button, () => api.post('auth/verify-email/resend'));
      button.hidden = true;
      say(answer, `Wij hebben een nieuwe e-mail gestuurd naar ${email}. Klik op de link in die e-mail. `
        + 'De link werkt 48 uur. Geen e-mail gekregen? Kijk dan ook bij de ongewenste e-mail (spam).');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // Confirmed meanwhile (in another tab, say): nothing left to do.
        button.hidden = true;
        say(answer, err.detail || 'Uw e-mailadres is al bevestigd.');
      } else {
        // 429: a mail went out a moment ago. The server says so in Dutch.
        say(answer, problemText(err), { error: true });
      }
    }
  });
  return button;
}
