// Aanmelden: choose what you come for (hulp zoeken, helpen, organisatie), create
// the account, and be logged in at once; the confirmation mail follows.
// The API answers a registration the same way whether the address is new or has an
// account already (then its owner gets a mail instead). So the page only knows which
// it was when logging in with the new password fails: it then says to look in the
// mail, as it does for a new account, without logging in.

import { refreshHeader } from '../layout.js';
import { busy, clearErrors, showErrors, showPasswordsWith } from '../forms.js';
import { api } from '../api.js';
import { logIn, loginUrl, returnTarget } from '../session.js';

const form = document.getElementById('register-form');
const params = new URLSearchParams(location.search);
// Where the person came from (a post, say): only a path on this site.
const back = returnTarget(null);

document.getElementById('login-link').href = back ? loginUrl(back) : '/inloggen';

// ?als=vrijwilliger etc. preselects the choice (links from "Ik wil helpen").
const preset = { hulpvrager: 'resident', vrijwilliger: 'volunteer', organisatie: 'organisation' }[params.get('als')];
if (preset) form.querySelector(`input[value="${preset}"]`).checked = true;

showPasswordsWith(document.getElementById('show-password'), document.getElementById('password'));

/** An organisation gives its own name (public) and a contact person's. */
function showRole() {
  const organisation = form.role.value === 'organisation';
  document.getElementById('organisation-field').hidden = !organisation;
  form.organisation.required = organisation;
  document.getElementById('name-label').textContent = organisation ? 'Naam van de contactpersoon' : 'Uw naam';
  document.getElementById('name-hint').textContent = organisation
    ? 'Deze naam ziet het Servicepunt, en een vrijwilliger nadat u aan elkaar bent voorgesteld.'
    : 'Anderen zien alleen uw voornaam.';
}
form.addEventListener('change', showRole);
showRole();

/** Where a new account goes first: straight to what they came for. */
function nextStep(role) {
  if (back) return back;
  return { resident: '/plaatsen/hulpvraag', volunteer: '/mijn/profiel', organisation: '/plaatsen/vacature' }[role] || '/mijn';
}

/**
 * Logs in with the address and password just registered. A 401 means the address
 * had an account with another password: not an error here (its owner was mailed).
 */
async function logInIfNew(email, password) {
  try {
    await logIn(email, password);
    return true;
  } catch (err) {
    if (err.status === 401) return false;
    throw err;
  }
}

/** Everything left empty, said at once (the API would name one thing per try). */
function missingFields(body) {
  const missing = {};
  if (!body.role) missing.role = 'Kies wat u wilt doen: hulp zoeken, helpen, of vrijwilligers zoeken voor uw organisatie.';
  if (body.role === 'organisation' && !body.organisation) missing.organisation = 'Vul de naam van uw organisatie in.';
  if (!body.name) missing.name = 'Vul uw naam in.';
  if (!body.email) missing.email = 'Vul uw e-mailadres in.';
  if (!body.password) missing.password = 'Kies een wachtwoord.';
  return missing;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const body = {
    role: form.role.value,
    name: form.name.value.trim(),
    email: form.email.value.trim(),
    password: form.password.value,
    phone: form.phone.value.trim() || null,
  };
  if (body.role === 'organisation') body.organisation = form.organisation.value.trim();
  const missing = missingFields(body);
  if (Object.keys(missing).length) {
    showErrors(form, { errors: missing }, { role: 'role-resident' });
    return;
  }
  const button = form.querySelector('button[type="submit"]');
  let loggedIn = false;
  try {
    await busy(button, async () => {
      await api.post('auth/register', body);
      loggedIn = await logInIfNew(body.email, body.password);
    });
  } catch (err) {
    showErrors(form, err, { role: 'role-resident' });
    return;
  }
  form.hidden = true;
  if (!loggedIn) {
    document.getElementById('login-link').closest('p').hidden = true;
    document.getElementById('check-mail').hidden = false;
    document.getElementById('check-mail-message').focus();
    return;
  }
  document.getElementById('done-address').textContent = body.email;
  document.getElementById('login-link').closest('p').hidden = true;
  document.getElementById('continue').href = nextStep(body.role);
  document.getElementById('continue').textContent = back ? 'Verder: terug naar waar u was' : {
    resident: 'Verder: uw hulpvraag', volunteer: 'Verder: uw vrijwilligersprofiel', organisation: 'Verder: uw vacature',
  }[body.role] || 'Verder';
  // The header shows the new account by the time the page says it is made.
  await refreshHeader();
  document.getElementById('done').hidden = false;
  document.getElementById('done-message').focus();
});
