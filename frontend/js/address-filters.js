// A list page's filters kept in its address (?status=open&dorp=beilen): the page
// reads them when it opens, so a link (from Vandaag, or a bookmark) and the Back
// button open the same list, and writes them with history.replaceState whenever they
// change (no reload, no extra history step). Only codes, slugs, ids and dates go in
// the address: never text someone typed, never personal data.
//
// `names` maps a control's name in the form to its name in the address, e.g.
// `{ place: 'dorp', waiting: 'wacht' }`; controls not named there stay out of it.

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `control` can take `value` (a select only the values it offers). */
function accepts(control, value) {
  if (control.type === 'select-one') return [...control.options].some((o) => o.value === value);
  if (control.type === 'date') return DATE.test(value);
  return control.type === 'checkbox' || control.type === 'hidden';
}

/** A control's value as the address keeps it ('' when it filters nothing). */
export function controlValue(control) {
  if (control.type === 'checkbox') return control.checked ? control.value : '';
  return control.value;
}

/**
 * Sets the form's controls from the address. A value a control cannot take (an
 * unknown village, a date that is no date) is ignored: the control keeps its default.
 * Fill in the options of a select before calling this.
 */
export function readAddress(form, names, search = location.search) {
  const params = new URLSearchParams(search);
  for (const [control, param] of Object.entries(names)) {
    const field = form.elements.namedItem(control);
    const value = params.get(param);
    if (!field || value === null || !accepts(field, value)) continue;
    if (field.type === 'checkbox') field.checked = value === field.value;
    else field.value = value;
  }
}

/** Puts the controls' values in the address (empty ones are left out), without a reload. */
export function writeAddress(form, names) {
  const address = new URL(location.href);
  for (const [control, param] of Object.entries(names)) {
    const field = form.elements.namedItem(control);
    const value = field ? controlValue(field) : '';
    if (value) address.searchParams.set(param, value);
    else address.searchParams.delete(param);
  }
  if (address.href !== location.href) history.replaceState(history.state, '', address);
}
