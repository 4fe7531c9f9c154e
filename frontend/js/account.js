// The account pages (account.html): what the links in our mails open.
//   /bevestigen#TOKEN        confirms the e-mail address at once;
//   /nieuw-wachtwoord#TOKEN  a form to choose a new password;
//   /wachtwoord-vergeten     asks for a mail with such a link.
// The token stays in the fragment, which browsers never send to a server. Mails
// sent before these addresses existed say /account.html#bevestigen=TOKEN or
// #wachtwoord=TOKEN; those still work.
// Messages from the server are Dutch and shown as text, next to the field they are about.

import './layout.js';
import { ApiError, confirmPasswordReset, requestPasswordReset, verifyEmail } from './api.js';
import { el, replace } from './dom.js';
import { resendLinkButton } from './confirm-email.js';
import { showPasswordsWith } from './forms.js';
import { currentAccount, loginUrl } from './session.js';

const TEXT = {
  verifying: 'Bezig met bevestigen…',
  verified: 'Uw e-mailadres is bevestigd.',
  verifiedNext: 'Dank u wel. U kunt Noaber nu gebruiken met uw e-mailadres en wachtwoord.',
  linkUsedHint: 'Hebt u al eerder op de link in de e-mail geklikt? Dan is uw e-mailadres waarschijnlijk al bevestigd.',
  invalidLink: 'Deze link is ongeldig, al gebruikt of verlopen.',
  newResetLink: 'Vraag een nieuwe link aan',
  alreadyVerified: 'Uw e-mailadres is al bevestigd. U hoeft niets meer te doen.',
  askAgain: 'Wij kunnen u een nieuwe e-mail met een link sturen.',
  loginForLink: 'Log in om een nieuwe link te krijgen',
  loginForLinkWhy: 'Wilt u een nieuwe link? Log dan eerst in. In Mijn overzicht kunt u daarna een nieuwe e-mail laten sturen.',
  failed: 'Er ging iets mis. Controleer uw internetverbinding en probeer het opnieuw.',
  retry: 'Opnieuw proberen',
  sending: 'Bezig met versturen…',
  saving: 'Bezig met opslaan…',
  notSame: 'De twee wachtwoorden zijn niet gelijk. Vul hetzelfde wachtwoord twee keer in.',
  repeatEmpty: 'Vul het nieuwe wachtwoord hier nog een keer in.',
  fieldsWrong: 'Niet alle velden zijn goed ingevuld. Kijk bij de rode tekst.',
};

const TITLES = {
  verify: 'E-mailadres bevestigen — Noaber',
  reset: 'Nieuw wachtwoord kiezen — Noaber',
  forgot: 'Wachtwoord vergeten? — Noaber',
};

const $ = (id) => document.getElementById(id);
const views = { verify: $('verify-view'), reset: $('reset-view'), forgot: $('forgot-view') };

const PATH_VIEWS = { '/bevestigen': 'verify', '/nieuw-wachtwoord': 'reset' };

/** Which view the address asks for, and its token. */
function routeFromAddress(path, hash) {
  const legacy = /^#(bevestigen|wachtwoord)=(.*)$/.exec(hash);
  let view = PATH_VIEWS[path.replace(/\/$/, '')];
  let token = view ? hash.replace(/^#/, '') : '';
  if (legacy) {
    view = legacy[1] === 'bevestigen' ? 'verify' : 'reset';
    token = legacy[2];
  }
  if (!view) return { view: 'forgot', token: '' };
  try { token = decodeURIComponent(token); } catch { /* keep it as it is */ }
  return { view, token: token.trim() };
}

/** Takes the (secret, now used) token out of the address bar, without reloading. */
function forgetToken() {
  history.replaceState(null, '', location.pathname + location.search);
}

// ---- messages and field errors ----------------------------------------------

function errorMessage(err) {
  if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.detail) return err.detail;
  return TEXT.failed;
}

/** Shows `text` under the field with id `name` (or clears it when empty). */
function setFieldError(name, text) {
  const input = $(name);
  const box = $(`${name}-error`);
  box.textContent = text || '';
  box.hidden = !text;
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

function showProblem(container, ...content) {
  replace(container, el('div', { class: 'message message-error', role: 'alert' }, ...content));
}

function busy(form, on, label) {
  const button = form.querySelector('button[type="submit"]');
  if (on) {
    button.dataset.label = button.textContent;
    button.textContent = label;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
  } else {
    if (button.dataset.label) button.textContent = button.dataset.label;
    button.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

// ---- /bevestigen#TOKEN -------------------------------------------------------------

/**
 * The link did not work (used, expired or mistyped): a way to get a new one. Logged
 * in: a button that sends the mail again; otherwise a way to log in first.
 */
async function offerNewLink(box) {
  const account = await currentAccount();
  if (account?.email_verified) {
    replace(box, el('p', { class: 'message message-success' }, TEXT.alreadyVerified));
    return;
  }
  if (!account) {
    replace(box, el('p', {}, TEXT.loginForLinkWhy),
      el('p', {}, el('a', { class: 'button button-primary button-link', href: loginUrl('/mijn') }, TEXT.loginForLink)));
    return;
  }
  replace(box, el('p', {}, TEXT.askAgain, ` Wij sturen die naar ${account.email}.`));
  resendLinkButton(box, account.email, { primary: true });
}

async function confirmAddress(token) {
  const result = $('verify-result');
  const next = $('verify-next');
  const again = $('verify-again');
  next.hidden = true;
  next.querySelector('a').classList.add('button-primary');
  replace(again);
  replace(result, el('p', { class: 'message' }, TEXT.verifying));
  try {
    const account = await verifyEmail(token);
    forgetToken();
    replace(result, el('div', { class: 'message message-success', role: 'status' },
      el('p', {}, el('strong', {}, TEXT.verified)),
      el('p', {}, account && account.email ? `Het gaat om ${account.email}. ` : '', TEXT.verifiedNext)));
    // Logged in on this device: on to what they came for, not the start page.
    if (await currentAccount()) {
      const link = next.querySelector('a');
      link.href = '/mijn';
      link.textContent = 'Verder naar Mijn overzicht';
    }
  } catch (err) {
    if (err instanceof ApiError && err.status === 422) {
      const account = await currentAccount();
      showProblem(result,
        el('p', {}, el('strong', {}, err.errors.token || err.detail || TEXT.invalidLink)),
        account ? null : el('p', {}, TEXT.linkUsedHint));
      await offerNewLink(again);
      // The new link is the way on now; the start page comes second.
      next.querySelector('a').classList.remove('button-primary');
    } else {
      const retry = el('button', { type: 'button', class: 'button' }, TEXT.retry);
      retry.addEventListener('click', () => confirmAddress(token));
      showProblem(result, el('p', {}, errorMessage(err)), retry);
    }
  }
  next.hidden = false;
}

// ---- /nieuw-wachtwoord#TOKEN ----------------------------------------------------------

let resetToken = '';

function setupResetForm() {
  const form = $('reset-form');
  const password = $('password');
  const repeat = $('password-repeat');
  showPasswordsWith($('show-password'), password, repeat);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.getAttribute('aria-busy')) return;
    const problem = $('reset-problem');
    replace(problem);
    setFieldError('password', '');
    setFieldError('password-repeat', '');

    // Only the repetition is checked here; the rules themselves are the server's.
    if (password.value && repeat.value !== password.value) {
      setFieldError('password-repeat', repeat.value ? TEXT.notSame : TEXT.repeatEmpty);
      repeat.focus();
      return;
    }

    busy(form, true, TEXT.saving);
    try {
      await confirmPasswordReset(resetToken, password.value);
      forgetToken();
      form.hidden = true;
      $('reset-done').hidden = false;
      $('reset-done-message').focus();
    } catch (err) {
      const errors = err instanceof ApiError ? err.errors : {};
      if (errors.password) {
        setFieldError('password', errors.password);
        password.focus();
      } else if (errors.token) {
        showProblem(problem,
          el('p', {}, el('strong', {}, errors.token)),
          el('p', {}, el('a', { href: '/wachtwoord-vergeten' }, TEXT.newResetLink)));
      } else if (err instanceof ApiError && err.status === 422) {
        showProblem(problem, el('p', {}, err.detail || TEXT.fieldsWrong));
      } else {
        showProblem(problem, el('p', {}, errorMessage(err)));
      }
    } finally {
      busy(form, false);
    }
  });
}

// ---- Wachtwoord vergeten? ---------------------------------------------------------

function setupForgotForm() {
  const form = $('forgot-form');
  const email = $('email');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.getAttribute('aria-busy')) return;
    const problem = $('forgot-problem');
    replace(problem);
    setFieldError('email', '');
    busy(form, true, TEXT.sending);
    try {
      await requestPasswordReset(email.value.trim());
      form.hidden = true;
      $('forgot-done').hidden = false;
      $('forgot-done-message').focus();
    } catch (err) {
      const errors = err instanceof ApiError ? err.errors : {};
      if (errors.email) {
        setFieldError('email', errors.email);
        email.focus();
      } else {
        showProblem(problem, el('p', {}, errorMessage(err)));
      }
    } finally {
      busy(form, false);
    }
  });
}

// ---- wiring ------------------------------------------------------------------------

function show() {
  const { view, token } = routeFromAddress(location.pathname, location.hash);
  for (const [name, section] of Object.entries(views)) section.hidden = name !== view;
  document.title = TITLES[view];

  if (view === 'verify') {
    confirmAddress(token);
  } else if (view === 'reset') {
    resetToken = token;
    $('reset-form').hidden = false;
    $('reset-done').hidden = true;
    replace($('reset-problem'));
  } else {
    $('forgot-form').hidden = false;
    $('forgot-done').hidden = true;
    replace($('forgot-problem'));
  }
}

setupResetForm();
setupForgotForm();
show();
// Another mail link opened in this same tab may only change the hash.
window.addEventListener('hashchange', () => {
  if (location.hash.length > 1) show();
});
