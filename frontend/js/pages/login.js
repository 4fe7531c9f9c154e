// Inloggen: e-mail and password start a browser session; then back to the page
// that sent the person here (?terug=), or to Mijn overzicht (the werkbak for the
// Servicepunt).

import '../layout.js';
import { busy, clearErrors, say, showErrors, showPasswordsWith } from '../forms.js';
import { currentAccount, logIn, returnTarget } from '../session.js';

const form = document.getElementById('login-form');
const notice = document.getElementById('notice');
const asked = returnTarget(null);
const target = asked || '/mijn';

// Keep the return address when the person chooses to register instead.
document.getElementById('register-link').href = `/aanmelden?terug=${encodeURIComponent(target)}`;

showPasswordsWith(document.getElementById('show-password'), document.getElementById('password'));

if (new URLSearchParams(location.search).get('terug')) {
  say(notice, 'Log eerst in. Daarna gaat u verder waar u was.');
}

currentAccount().then((account) => {
  if (account) say(notice, `U bent al ingelogd als ${account.email}.`);
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const email = form.email.value.trim();
  const password = form.password.value;
  const missing = {};
  if (!email) missing.email = 'Vul uw e-mailadres in.';
  if (!password) missing.password = 'Vul uw wachtwoord in.';
  if (Object.keys(missing).length) {
    showErrors(form, { errors: missing });
    return;
  }
  const button = form.querySelector('button[type="submit"]');
  try {
    const account = await busy(button, () => logIn(email, password));
    location.assign(asked || (account?.role === 'coordinator' ? '/werkbak' : '/mijn'));
  } catch (err) {
    showErrors(form, err);
  }
});
