// Mijn gegevens (/mijn/gegevens): the account as Noaber keeps it, a download of all
// of it (GET /api/v1/me/export), a new password (POST /api/v1/me/password), logging
// out everywhere (DELETE /api/v1/auth/sessions) and deleting the account
// (DELETE /api/v1/me). Everything from the server is shown as text.

import { refreshHeader } from '../layout.js';
import { api } from '../api.js';
import { el, replace } from '../dom.js';
import { resendLinkButton } from '../confirm-email.js';
import { fact } from '../render.js';
import { busy, clearErrors, problemText, say, showErrors, showPasswordsWith } from '../forms.js';
import { forgetAccount, logOut, requireAccount } from '../session.js';

const $ = (id) => document.getElementById(id);

const ROLES = {
  resident: 'Hulpvrager: u zoekt hulp, voor uzelf of voor iemand anders',
  volunteer: 'Vrijwilliger: u helpt anderen',
  organisation: 'Organisatie: u zoekt vrijwilligers',
  coordinator: 'Medewerker van het Servicepunt',
};

const PASSWORD_FIELDS = { current_password: 'current-password', new_password: 'new-password' };

/** Shows one of the page's states instead of the account data, with its own heading. */
function showState(id, heading, title) {
  for (const other of ['content', 'goodbye', 'logged-out']) $(other).hidden = other !== id;
  replace($('status'));
  document.querySelector('.crumb').hidden = id !== 'content';
  $('page-heading').textContent = heading;
  document.title = `${title || heading} — Noaber`;
  $('page-heading').focus();
}

/** This browser's session has ended (the server cleared the cookie): header too. */
async function forgetSession() {
  await logOut().catch(() => {});
  await refreshHeader();
}

function loggedOut(title, text) {
  $('logged-out-title').textContent = title;
  $('logged-out-text').textContent = text;
  showState('logged-out', 'U bent uitgelogd');
}

// ---- the account --------------------------------------------------------------------

function showAccount(me) {
  const verified = me.email_verified;
  replace($('account-facts'),
    fact('Naam', me.name),
    me.organisation?.name ? fact('Organisatie', me.organisation.name) : null,
    fact('E-mailadres', me.email),
    fact('Bevestigd', verified ? 'Ja, uw e-mailadres is bevestigd.' : 'Nee, uw e-mailadres is nog niet bevestigd.'),
    fact('Telefoonnummer', me.phone || 'Niet ingevuld'),
    fact('U bent', ROLES[me.role] || me.role),
    me.role === 'volunteer' ? fact('Vrijwilligersprofiel', el('a', { href: '/mijn/profiel' }, 'Bekijk of wijzig uw profiel')) : null);
  if (!verified) {
    replace($('verify-box'), el('p', {}, 'Wij hebben u een e-mail gestuurd met een link om uw adres te bevestigen. '
      + `Niet gekregen, of werkt de link niet meer? Dan sturen wij een nieuwe naar ${me.email}.`));
    resendLinkButton($('verify-box'), me.email);
  }
  if (me.role === 'coordinator') {
    $('delete-explained').hidden = true;
    $('delete-not-allowed').hidden = false;
  }
}

// ---- name and phone -----------------------------------------------------------------

/** The form starts from what is stored; an organisation also names itself. */
function fillDetails(me) {
  const organisation = me.role === 'organisation';
  $('details-organisation-field').hidden = !organisation;
  $('details-organisation').value = me.organisation?.name || '';
  $('details-name-label').textContent = organisation ? 'Naam van de contactpersoon' : 'Uw naam';
  $('details-name').value = me.name || '';
  $('details-phone').value = me.phone || '';
}

const DETAIL_FIELDS = { name: 'details-name', phone: 'details-phone', organisation: 'details-organisation' };

function setupDetailsForm() {
  const form = $('details-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    replace($('details-answer'));
    const body = { name: form.name.value.trim(), phone: form.phone.value.trim() };
    if (!$('details-organisation-field').hidden) body.organisation = form.organisation.value.trim();
    const missing = {};
    if (!body.name) missing.name = 'Vul uw naam in.';
    if (body.organisation === '') missing.organisation = 'Vul de naam van uw organisatie in.';
    if (Object.keys(missing).length) {
      showErrors(form, { errors: missing }, DETAIL_FIELDS);
      return;
    }
    let me;
    try {
      me = await busy(form.querySelector('button[type="submit"]'), () => api.patch('me', body));
    } catch (err) {
      showErrors(form, err, DETAIL_FIELDS);
      return;
    }
    showAccount(me);
    fillDetails(me);
    forgetAccount();
    // The header greets the new name by the time the page says it is saved.
    await refreshHeader();
    say($('details-answer'), 'Uw gegevens zijn opgeslagen.');
  });
}

// ---- download -----------------------------------------------------------------------

let downloadUrl = null;

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function download() {
  const answer = $('download-answer');
  replace(answer, el('p', { class: 'message', role: 'status' }, 'Bezig met ophalen…'));
  let data;
  try {
    data = await busy($('download'), () => api.get('me/export'));
  } catch (err) {
    say(answer, problemText(err), { error: true });
    return;
  }
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  const file = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  downloadUrl = URL.createObjectURL(file);
  const name = `noaber-mijn-gegevens-${today()}.json`;
  const link = el('a', { href: downloadUrl, download: name }, `Sla het bestand ${name} nog een keer op`);
  replace(answer,
    el('div', { class: 'message message-success', role: 'status' },
      el('p', {}, el('strong', {}, 'Uw gegevens zijn gedownload.')),
      el('p', {}, `Het bestand heet ${name}. U vindt het meestal in de map Downloads op uw computer of telefoon.`)),
    el('p', {}, 'Ziet u het bestand niet? ', link, '.'));
  link.click();
}

// ---- a new password -----------------------------------------------------------------

function setupPasswordForm() {
  const form = $('password-form');
  showPasswordsWith($('show-passwords'), $('current-password'), $('new-password'), $('new-password-repeat'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const current = $('current-password').value;
    const next = $('new-password').value;
    const repeat = $('new-password-repeat').value;
    const missing = {};
    if (!current) missing.current_password = 'Vul uw huidige wachtwoord in.';
    if (!next) missing.new_password = 'Kies een nieuw wachtwoord.';
    else if (repeat !== next) {
      missing.new_password_repeat = repeat
        ? 'De twee nieuwe wachtwoorden zijn niet gelijk. Vul hetzelfde wachtwoord twee keer in.'
        : 'Vul het nieuwe wachtwoord hier nog een keer in.';
    }
    if (Object.keys(missing).length) {
      showErrors(form, { errors: missing }, { ...PASSWORD_FIELDS, new_password_repeat: 'new-password-repeat' });
      return;
    }
    try {
      await busy(form.querySelector('button[type="submit"]'),
        () => api.post('me/password', { current_password: current, new_password: next }));
    } catch (err) {
      // 403: the current password is wrong; said at that field.
      const shown = err.status === 403 ? { errors: { current_password: err.detail } } : err;
      showErrors(form, shown, PASSWORD_FIELDS);
      return;
    }
    await forgetSession();
    loggedOut('Uw wachtwoord is gewijzigd.',
      'Voor uw veiligheid bent u nu op alle apparaten uitgelogd, ook hier. Log opnieuw in met uw e-mailadres en uw nieuwe wachtwoord.');
  });
}

// ---- "Weet u het zeker?" ------------------------------------------------------------

/**
 * A button (`start`) that opens a box asking "Weet u het zeker?" (`question` gets
 * the focus); `cancel` closes it again and the focus returns to `start`. `onToggle`
 * clears what the box said before; `onCancel` runs when it is closed with `cancel`.
 */
function askFirst({ start, box, question, cancel, onToggle, onCancel = () => {} }) {
  const toggle = (open) => {
    box.hidden = !open;
    start.setAttribute('aria-expanded', String(open));
    onToggle();
    if (open) question.focus();
  };
  start.addEventListener('click', () => toggle(box.hidden));
  cancel.addEventListener('click', () => {
    onCancel();
    toggle(false);
    start.focus();
  });
}

// ---- log out everywhere -------------------------------------------------------------

function setupLogoutEverywhere() {
  askFirst({
    start: $('logout-all'),
    box: $('logout-all-confirm'),
    question: $('logout-all-question'),
    cancel: $('logout-all-no'),
    onToggle: () => replace($('logout-all-answer')),
  });
  $('logout-all-yes').addEventListener('click', async (event) => {
    try {
      await busy(event.currentTarget, () => api.delete('auth/sessions'));
    } catch (err) {
      say($('logout-all-answer'), problemText(err), { error: true });
      return;
    }
    await forgetSession();
    loggedOut('U bent op alle apparaten uitgelogd.',
      'Op elke computer, telefoon of tablet moet u nu opnieuw inloggen om Noaber te gebruiken.');
  });
}

// ---- delete the account -------------------------------------------------------------

function setupDelete() {
  const form = $('delete-form');
  askFirst({
    start: $('delete-start'),
    box: form,
    question: $('delete-question'),
    cancel: $('delete-cancel'),
    onToggle: () => clearErrors(form),
    onCancel: () => form.reset(),
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const password = $('delete-password').value;
    if (!password) {
      showErrors(form, { errors: { password: 'Vul uw wachtwoord in om het verwijderen te bevestigen.' } },
        { password: 'delete-password' });
      return;
    }
    try {
      await busy(form.querySelector('button[type="submit"]'), () => api.delete('me', { password }));
    } catch (err) {
      // 403: wrong password (or a Servicepunt account); said at the field.
      const shown = err.status === 403 ? { errors: { password: err.detail } } : err;
      showErrors(form, shown, { password: 'delete-password' });
      return;
    }
    await forgetSession();
    showState('goodbye', 'Tot ziens', 'Account verwijderd');
  });
}

// ---- start --------------------------------------------------------------------------

async function start() {
  await requireAccount();
  let me;
  try {
    me = await api.get('me');
  } catch (err) {
    say($('status'), problemText(err), { error: true });
    return;
  }
  showAccount(me);
  fillDetails(me);
  replace($('status'));
  $('content').hidden = false;
}

$('download').addEventListener('click', download);
setupDetailsForm();
setupPasswordForm();
setupLogoutEverywhere();
setupDelete();
start();
