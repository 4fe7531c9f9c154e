// Vandaag: the coordinator's start page. Each count comes from one query
// (GET /api/v1/desk/today) and links to the list it counts, filtered by its address
// (e.g. /werkbak/hulpvragen?wacht=1), where that list exists.

import '../layout.js';
import { api } from '../api.js';
import { requireCoordinator } from '../desk.js';
import { el, replace } from '../dom.js';
import { problemText } from '../forms.js';
import { timeAgo } from '../format.js';

const $ = (id) => document.getElementById(id);

/**
 * What each count means, in the coordinator's words, and the list it counts: an
 * address, or a function of the counts for one (the month's last day).
 */
const COUNTS = [
  ['pending_review', 'oproepen wachten op controle', '/werkbak/beoordelen'],
  ['stale_requests', 'hulpvragen staan langer dan 14 dagen online zonder reactie', '/werkbak/hulpvragen?wacht=1'],
  ['unhandled_responses', 'reacties van vrijwilligers zijn nog niet opgepakt', '/werkbak/koppelingen?status=responded'],
  ['stalled_introductions', 'kennismakingen hebben na 7 dagen nog geen besluit', '/werkbak/koppelingen?status=introduced'],
  ['agreements_ending', 'koppelingen: de afgesproken periode eindigt deze maand (of is al voorbij)',
    (counts) => `/werkbak/koppelingen?status=active&eindigt=${encodeURIComponent(counts.month_end)}`],
  ['vog_expiring', 'VOG’s (verklaring omtrent het gedrag) verlopen binnen 60 dagen', '/werkbak/vrijwilligers?vog=expiring'],
  ['failed_mail', 'e-mails konden niet worden bezorgd', '/werkbak/post?status=failed'],
];

function countItem(counts, [key, words, list]) {
  const n = counts[key] ?? 0;
  const text = [el('strong', { class: 'today-number' }, String(n)), ' ', words];
  const href = typeof list === 'function' ? list(counts) : list;
  return el('li', { class: n > 0 ? 'today-count needs-work' : 'today-count' },
    href ? el('a', { href }, text) : el('span', {}, text));
}

/** What an answer to a follow-up question means, per question and answer. */
const ANSWERS = {
  still_current: { ja: 'blijft staan', nee: 'gesloten: niet meer nodig' },
  contact: { ja: 'de hulp gaat door: bevestig de koppeling', 'nog-niet': 'nog niet', nee: 'gaat niet door' },
  closed_contact: { ja: 'hulp buiten het Servicepunt om', nee: 'geen hulp' },
};
const SIDES = { volunteer: 'vrijwilliger', requester: 'hulpvrager' };

/** Where a follow-up's subject is handled: the request, or the match. */
function subjectLink(item) {
  return item.kind === 'still_current' ? `/werkbak/hulpvragen/${item.subject_id}` : `/koppelingen/${item.subject_id}`;
}

function followUpItem(item, words) {
  return el('li', {}, el('a', { href: subjectLink(item) }, item.title || 'Oproep'), ' — ', words);
}

function showFollowUps(list) {
  replace($('unanswered'), list.unanswered.length
    ? list.unanswered.map((item) => followUpItem(item, `gevraagd ${timeAgo(item.asked_at)}, nog geen antwoord`))
    : [el('li', {}, 'Niemand om te bellen.')]);
  replace($('answers'), list.answers.length
    ? list.answers.map((item) => {
      const side = SIDES[item.occasion] ? ` (${SIDES[item.occasion]})` : '';
      return followUpItem(item, `${ANSWERS[item.kind]?.[item.answer] || item.answer}${side}, ${timeAgo(item.answered_at)}`);
    })
    : [el('li', {}, 'Nog geen antwoorden deze week.')]);
  $('follow-ups').hidden = false;
}

async function showDigestChoice() {
  const box = $('daily-digest');
  box.checked = (await api.get('me/daily-digest')).enabled;
  box.addEventListener('change', async () => {
    try {
      const saved = await api.put('me/daily-digest', { enabled: box.checked });
      $('digest-said').textContent = saved.enabled
        ? 'Opgeslagen: u krijgt elke ochtend een overzicht.'
        : 'Opgeslagen: u krijgt geen overzicht per e-mail meer.';
    } catch (err) {
      box.checked = !box.checked;
      $('digest-said').textContent = problemText(err);
    }
  });
  $('digest').hidden = false;
}

async function start() {
  if (!(await requireCoordinator($('notice'), $('loading')))) return;
  try {
    const counts = await api.get('desk/today');
    replace($('counts'), COUNTS.map((c) => countItem(counts, c)));
    $('counted-at').textContent = `Geteld om ${new Date().toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' })}. Laad de pagina opnieuw voor de nieuwste stand.`;
    $('today').hidden = false;
    showFollowUps(await api.get('desk/follow-ups'));
    await showDigestChoice();
  } catch (err) {
    replace($('notice'), el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
  } finally {
    $('loading').hidden = true;
  }
}

start();
