// Werkbak — one volunteer (/werkbak/vrijwilligers/{id}): the profile with contact
// details (the API writes each look in the audit log), the matches that are still
// going (the load) and the earlier ones per kind of help — `?soort=<category>` puts
// that kind first, as the request page links here —, and the VOG, which the
// Servicepunt records here without a page reload.

import '../layout.js';
import { api, fetchAll } from '../api.js';
import { el, replace } from '../dom.js';
import { joinNl, scheduleText } from '../format.js';
import { busy, clearErrors, problemText, say, showErrors } from '../forms.js';
import { matchPage } from '../kinds.js';
import { OUTCOMES, matchStatusText } from '../words.js';
import {
  VOG_EXPLAINED, recentMatchesText, requireCoordinator, vogText,
} from '../desk.js';

const id = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const notice = document.getElementById('notice');
const heading = document.getElementById('page-heading');
const form = document.getElementById('vog-form');
const result = document.getElementById('vog-result');

document.getElementById('audit-link').href = `/werkbak/logboek?over=${encodeURIComponent(id)}`;
document.getElementById('vog-help').textContent = VOG_EXPLAINED;

/** Match statuses that are still going. */
const OPEN = ['suggested', 'responded', 'introduced', 'active'];

let placeNames = new Map();
let talentNames = new Map();
let categoryNames = new Map();
let maxActive = 0;

function fact(term, value) {
  return [el('dt', {}, term), el('dd', {}, value || 'Niet ingevuld')];
}

function showProfile(v) {
  const p = v.profile;
  const names = (list, map) => (list || []).map((x) => (map ? map.get(x) || x : x));
  document.title = `${v.name} — Vrijwilliger — Werkbak — Noaber`;
  heading.textContent = v.name;
  replace(document.getElementById('profile'),
    fact('E-mailadres', el('a', { href: `mailto:${v.email}` }, v.email)),
    fact('Telefoon', v.phone ? el('a', { href: `tel:${v.phone.replace(/[^+\d]/g, '')}` }, v.phone) : ''),
    fact('E-mailadres bevestigd', v.email_verified ? 'Ja' : 'Nee'),
    fact('Dorp', placeNames.get(p.place)),
    fact('Wil reizen', `Tot ${p.max_distance_km} km`),
    fact('Talenten', joinNl(names(p.talents, talentNames))),
    fact('Interesses', joinNl(names(p.interests))),
    fact('Talen', joinNl(names(p.languages))),
    fact('Beschikbaar', p.availability?.length ? scheduleText({ kind: 'weekly', slots: p.availability }) : ''),
    fact('Koppelingen tegelijk', `Hoogstens ${p.max_active_matches}`),
    fact('Laatste 90 dagen', recentMatchesText(v.recent_matches)),
    fact('Over zichzelf', p.bio));
  showVog(v);
}

function showVog(v) {
  const p = v.profile;
  document.getElementById('vog-now').textContent = vogText(v);
  for (const radio of form.querySelectorAll('input[name="status"]')) radio.checked = radio.value === p.vog_status;
  form.issued_on.value = p.vog_issued_on || '';
}

function matchItem(m) {
  const outcome = m.status === 'ended' && OUTCOMES[m.outcome] ? `: ${OUTCOMES[m.outcome].toLowerCase()}` : '';
  return el('li', { class: 'desk-item' },
    el('a', { href: matchPage(m.id) }, m.post.title),
    el('p', { class: 'desk-meta' }, [
      `${matchStatusText(m, 'coordinator')}${outcome}`,
      categoryNames.get(m.post.category) || m.post.category,
      placeNames.get(m.post.place) || m.post.place,
    ].join(' · ')));
}

function showMatches(matches) {
  const going = matches.filter((m) => OPEN.includes(m.status));
  const busyNow = going.filter((m) => ['introduced', 'active'].includes(m.status)).length;
  document.getElementById('load').textContent = `Helpt nu bij ${busyNow} van hoogstens ${maxActive}.`;
  replace(document.getElementById('matches'), going.length
    ? going.map(matchItem) : el('li', {}, 'Geen koppelingen die nu lopen.'));
  showPast(matches.filter((m) => !OPEN.includes(m.status)));
}

/** Earlier matches, with a count per kind of help (the one asked about first). */
function showPast(past) {
  const asked = new URLSearchParams(location.search).get('soort');
  const counts = new Map();
  for (const m of past) {
    const c = counts.get(m.post.category) || { all: 0, succeeded: 0 };
    c.all += 1;
    if (m.outcome === 'succeeded') c.succeeded += 1;
    counts.set(m.post.category, c);
  }
  const line = ([slug, c]) => `${categoryNames.get(slug) || slug}: ${c.all} (${c.succeeded} gelukt)`;
  const order = [...counts].sort(([a], [b]) => (b === asked) - (a === asked));
  const askedName = categoryNames.get(asked);
  const none = askedName && !counts.has(asked) ? `Nog nooit gekoppeld bij ${askedName}. ` : '';
  document.getElementById('past-summary').textContent = past.length
    ? `${none}Per soort hulp: ${order.map(line).join('; ')}.`
    : 'Nog geen eerdere koppelingen.';
  replace(document.getElementById('past'), past.map(matchItem));
}

async function start() {
  if (!await requireCoordinator(document.getElementById('content'))) return;
  try {
    const [volunteer, places, talents, categories] = await Promise.all([
      api.get(`volunteers/${encodeURIComponent(id)}`), api.get('places'), api.get('talents'), api.get('categories')]);
    placeNames = new Map(places.map((p) => [p.slug, p.name]));
    talentNames = new Map(talents.map((t) => [t.slug, t.name_nl]));
    categoryNames = new Map(categories.map((c) => [c.slug, c.name_nl]));
    maxActive = volunteer.profile?.max_active_matches ?? 0;
    showProfile(volunteer);
    document.getElementById('volunteer').hidden = false;
    showMatches(await fetchAll('matches', { volunteer: id }));
  } catch (err) {
    const text = err.status === 404 ? 'Deze vrijwilliger bestaat niet (meer).' : problemText(err);
    replace(notice, el('p', { class: 'message message-error', role: 'alert' }, text));
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  replace(result);
  const status = form.querySelector('input[name="status"]:checked')?.value;
  if (!status) {
    showErrors(form, { errors: { status: 'Kies wat er met de VOG is.' } }, { status: 'vog-valid' });
    return;
  }
  const body = { status, issued_on: status === 'valid' ? (form.issued_on.value || null) : null };
  const button = form.querySelector('button[type="submit"]');
  try {
    const volunteer = await busy(button, () => api.put(`volunteers/${encodeURIComponent(id)}/vog`, body));
    showVog(volunteer);
    say(result, `Opgeslagen. ${vogText(volunteer)}.`);
    result.querySelector('p').setAttribute('tabindex', '-1');
    result.querySelector('p').focus();
  } catch (err) {
    showErrors(form, err, { status: 'vog-valid' });
  }
});

start();
