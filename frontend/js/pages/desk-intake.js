// Werkbak — Telefonische aanmelding (/werkbak/telefonisch): a coordinator enters a
// request that came in by phone or at the walk-in hour, on behalf of a resident.
// One send: POST /api/v1/requests with on_behalf_of {channel: "phone"} (the API
// publishes a coordinator's post at once, unless its text holds contact details or
// a surname: then it waits in Beoordelen, and the page says what was found). Then a
// confirmation with a link to the request in the werkbak and "Nog een aanmelding".

import '../layout.js';
import { api, ApiError } from '../api.js';
import { el, replace } from '../dom.js';
import { busy, clearErrors, showErrors } from '../forms.js';
import { namedOptions, placeOptions } from '../render.js';
import { CATEGORY_HELP, FINDINGS, REFERRERS } from '../words.js';
import { buildWeekGrid, firstBoxId, readSchedule } from '../week-grid.js';
import { requireCoordinator } from '../desk.js';

const $ = (id) => document.getElementById(id);
const form = $('intake-form');
let categories = [];

const checked = (name) => form.querySelector(`input[name="${name}"]:checked`)?.value || '';


function readBody() {
  return {
    title: $('title').value.trim(),
    description: $('description').value.trim(),
    category: $('category').value,
    place: $('place').value,
    talents: [],
    schedule: readSchedule(form),
    on_behalf_of: {
      name: $('obo-name').value.trim(),
      phone: $('obo-phone').value.trim() || null,
      email: $('obo-email').value.trim() || null,
      channel: 'phone',
      referrer: $('obo-referrer').value || null,
    },
  };
}

/** What is missing before anything is sent (the API checks everything again). */
function missing(body) {
  const errors = {};
  const o = body.on_behalf_of;
  if (!o.name) errors['on_behalf_of.name'] = 'Vul de naam van de inwoner in.';
  if (!o.phone) errors['on_behalf_of.phone'] = 'Vul een telefoonnummer in, zodat het Servicepunt de inwoner kan terugbellen.';
  if (!body.category) errors.category = 'Kies de soort hulp.';
  if (!body.place) errors.place = 'Kies een dorp.';
  if (!body.title) errors.title = 'Vul een korte titel in.';
  if (!body.description) errors.description = 'Beschrijf in een paar zinnen wat er nodig is.';
  const s = body.schedule;
  if (s.kind === 'weekly' && !s.slots.length) errors.schedule = 'Kies minstens één dagdeel in het rooster.';
  if (s.kind === 'once') {
    if (!s.date) errors['once-date'] = 'Vul een datum in.';
    if (!s.parts.length) errors['once-part'] = 'Kies minstens één dagdeel: ochtend, middag of avond.';
  }
  return errors;
}

/** API field names → the control that shows the message. */
function fieldMap() {
  const which = checked('schedule-kind') || 'weekly';
  return {
    schedule: { weekly: firstBoxId, once: 'once-date', flexible: 'when-flexible' }[which],
    'once-date': 'once-date',
    'once-part': 'once-morning',
    on_behalf_of: 'obo-name',
    'on_behalf_of.name': 'obo-name',
    'on_behalf_of.phone': 'obo-phone',
    'on_behalf_of.email': 'obo-email',
    'on_behalf_of.channel': 'obo-name',
    'on_behalf_of.referrer': 'obo-referrer',
    talents: 'category',
    radius_km: 'place',
  };
}

function showScheduleKind() {
  const which = checked('schedule-kind') || 'weekly';
  $('weekly-fields').hidden = which !== 'weekly';
  $('once-fields').hidden = which !== 'once';
}

function showCategoryHelp() {
  const slug = $('category').value;
  const category = categories.find((c) => c.slug === slug);
  const vog = category?.requires_vog ? ' Hiervoor is een VOG nodig: een verklaring omtrent het gedrag van de vrijwilliger.' : '';
  $('category-help').textContent = slug ? `${CATEGORY_HELP[slug] || ''}${vog}` : 'Bij het kiezen ziet u hier wat de soort hulp inhoudt.';
}

async function send(event) {
  event.preventDefault();
  clearErrors(form);
  const body = readBody();
  const errors = missing(body);
  if (Object.keys(errors).length) {
    showErrors(form, { errors }, fieldMap());
    return;
  }
  if (await holdsPersonalDetails(body)) return;
  let post;
  try {
    post = await busy($('send'), () => api.post('requests', body));
  } catch (err) {
    showErrors(form, err instanceof ApiError ? err : { detail: null }, fieldMap());
    return;
  }
  if (post.status === 'open') showDone(post);
  else showHeld(post);
}

/** The text last warned about: sending it unchanged a second time sends it anyway. */
let warnedText = null;

/**
 * Checks the text while the caller is still on the line (POST /api/v1/screening): a
 * phone number, address or surname in it is said next to its field, and the form
 * stays. Sent again unchanged, the request goes to Beoordelen as before.
 */
async function holdsPersonalDetails(body) {
  const text = `${body.title}\n${body.description}`;
  if (warnedText === text) return false;
  const found = await busy($('send'), () => api.post('screening', {
    title: body.title, description: body.description, for_name: body.on_behalf_of?.name,
  })).catch(() => null);
  const errors = {};
  for (const field of ['title', 'description']) {
    const items = (found?.[field] || []).filter((f) => FINDINGS[f.kind]?.contact)
      .map((f) => `${FINDINGS[f.kind].label}: ${f.text}`);
    if (items.length) {
      errors[field] = `Dit mag niet op de website: ${items.join('; ')}. Haal het weg. `
        + 'Verstuurt u het toch zo, dan wacht de hulpvraag in Beoordelen.';
    }
  }
  if (!Object.keys(errors).length) return false;
  warnedText = text;
  showErrors(form, { errors }, fieldMap());
  return true;
}

/** What screening found that keeps the request offline, in words ("Telefoonnummer: 0593 …"). */
function personalFindings(post) {
  const found = [...(post.screening?.title || []), ...(post.screening?.description || [])];
  return found.filter((f) => FINDINGS[f.kind]?.contact).map((f) => `${FINDINGS[f.kind].label}: ${f.text}`);
}

/** The text holds contact details or a surname: the request waits in Beoordelen. */
function showHeld(post) {
  form.hidden = true;
  $('done-message').className = 'message';
  $('done-heading').textContent = 'De hulpvraag staat nog niet online';
  const found = personalFindings(post);
  $('done-text').textContent = `In de tekst staat iets wat niet openbaar mag: ${found.join('; ') || 'contactgegevens'}. `
    + 'Haal het weg in Beoordelen; daar zet u de hulpvraag daarna online.';
  const link = $('done-link');
  link.href = `/werkbak/beoordelen#post-${encodeURIComponent(post.id)}`;
  link.textContent = `Naar Beoordelen: ${post.title}`;
  $('done').hidden = false;
  $('done-heading').focus();
}

function showDone(post) {
  form.hidden = true;
  $('done-message').className = 'message message-success';
  $('done-heading').textContent = 'De hulpvraag staat online';
  const place = post.place_name ? ` in ${post.place_name}` : '';
  $('done-text').textContent = `"${post.title}"${place} staat nu online, voor ${post.on_behalf_of?.name || 'de inwoner'}. `
    + 'Bel de inwoner terug zodra er een vrijwilliger is.';
  const link = $('done-link');
  link.href = `/werkbak/hulpvragen/${encodeURIComponent(post.id)}`;
  link.textContent = `Naar de hulpvraag in de werkbak: ${post.title}`;
  $('done').hidden = false;
  $('done-heading').focus();
}

function another() {
  form.reset();
  clearErrors(form);
  showScheduleKind();
  showCategoryHelp();
  $('done').hidden = true;
  form.hidden = false;
  $('obo-name').focus();
}

async function start() {
  const account = await requireCoordinator($('notice'), $('loading'));
  if (!account) return;
  try {
    const [cats, places] = await Promise.all([api.get('categories'), api.get('places')]);
    categories = cats;
    $('category').append(...namedOptions(cats, (c) => (c.requires_vog ? `${c.name_nl} (VOG nodig)` : c.name_nl)));
    $('place').append(...placeOptions(places));
  } catch {
    $('loading').hidden = true;
    replace($('notice'), el('p', { class: 'message message-error', role: 'alert' },
      'Het formulier kon niet worden geladen. Laad de pagina opnieuw.'));
    return;
  }
  for (const [slug, label] of REFERRERS) $('obo-referrer').append(el('option', { value: slug }, label));
  buildWeekGrid($('week-grid'), { describedBy: 'week-grid-hint' });
  $('once-date').min = new Date().toISOString().slice(0, 10);
  showScheduleKind();
  showCategoryHelp();
  form.addEventListener('change', (event) => {
    if (event.target.name === 'schedule-kind') showScheduleKind();
    if (event.target.id === 'category') showCategoryHelp();
  });
  form.addEventListener('submit', send);
  $('another').addEventListener('click', another);
  $('loading').hidden = true;
  form.hidden = false;
}

start();
