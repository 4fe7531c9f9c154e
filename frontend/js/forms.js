// Form errors as people need them: a summary at the top that is announced and
// links to each field, and the message next to the field itself (aria-invalid,
// aria-describedby), in the API's own Dutch words.

import { el, replace } from './dom.js';

/** Removes all error messages from `form`. */
export function clearErrors(form) {
  for (const node of form.querySelectorAll('.field-error[data-generated]')) node.remove();
  for (const node of form.querySelectorAll('[aria-invalid="true"]')) {
    node.removeAttribute('aria-invalid');
    const ids = (node.getAttribute('aria-describedby') || '').split(' ')
      .filter((id) => id && !id.endsWith('-error-gen'));
    if (ids.length) node.setAttribute('aria-describedby', ids.join(' '));
    else node.removeAttribute('aria-describedby');
  }
  const summary = form.querySelector('.error-summary');
  if (summary) summary.remove();
}

/** The control in `form` for an API field name (`fieldMap` maps API names to ids). */
function controlFor(form, field, fieldMap) {
  const id = fieldMap[field] || field;
  return form.querySelector(`#${CSS.escape(id)}`)
    || form.querySelector(`[name="${CSS.escape(field)}"]`);
}

/** Text for a problem that has no field errors (network, 401, 403, 409, ...). */
export function problemText(err) {
  if (!err || err.status === 0) {
    return 'Er is geen verbinding met Noaber. Controleer uw internet en probeer het opnieuw.';
  }
  return err.detail || 'Er ging iets mis. Probeer het opnieuw of bel het Servicepunt.';
}

/**
 * Shows `err` (an ApiError) on `form`: each field error next to its control and a
 * summary at the top, which takes the focus so a screen reader reads it.
 * Answers whether there were field errors.
 */
export function showErrors(form, err, fieldMap = {}) {
  clearErrors(form);
  const items = [];
  for (const [field, message] of Object.entries(err?.errors || {})) {
    const control = controlFor(form, field, fieldMap);
    if (!control) {
      items.push(el('li', {}, message));
      continue;
    }
    const id = `${control.id || field}-error-gen`;
    const note = el('p', { id, class: 'field-error', 'data-generated': true }, message);
    const anchor = control.closest('.field, fieldset') || control.parentElement;
    anchor.append(note);
    control.setAttribute('aria-invalid', 'true');
    const describedBy = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    control.setAttribute('aria-describedby', [...describedBy, id].join(' '));
    items.push(el('li', {}, el('a', { href: `#${control.id}` }, message)));
  }
  if (!items.length) items.push(el('li', {}, problemText(err)));
  const summary = el('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    el('p', {}, el('strong', {}, items.length > 1 ? 'Er zijn een paar dingen niet goed ingevuld:' : 'Dit ging niet goed:')),
    el('ul', {}, items));
  form.prepend(summary);
  summary.focus();
  return Object.keys(err?.errors || {}).length > 0;
}

/** Shows a short message in `box` (role=status or alert), replacing what was there. */
export function say(box, text, { error = false } = {}) {
  replace(box, el('p', { class: `message ${error ? 'message-error' : 'message-success'}`,
    role: error ? 'alert' : 'status' }, text));
}

/** A "Toon wachtwoord" checkbox: while it is ticked, the `inputs` show what is typed. */
export function showPasswordsWith(checkbox, ...inputs) {
  checkbox.addEventListener('change', () => {
    for (const input of inputs) input.type = checkbox.checked ? 'text' : 'password';
  });
}

/** Disables `button` while `work` runs, so a double click sends once. */
export async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
