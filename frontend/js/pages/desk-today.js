// Vandaag: the coordinator's start page. Each count comes from one query
// (GET /api/v1/desk/today) and links to the list it counts, filtered by its address
// (e.g. /werkbak/hulpvragen?wacht=1), where that list exists.

import '../layout.js';
import { api } from '../api.js';
import { requireCoordinator } from '../desk.js';
import { el, replace } from '../dom.js';
import { problemText } from '../forms.js';

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
  ['vog_expiring', 'VOG’s (verklaring omtrent het gedrag) verlopen binnen 60 dagen', '/werkbak/vrijwilligers?vog=valid'],
  ['failed_mail', 'e-mails konden niet worden bezorgd', '/werkbak/post?status=failed'],
];

function countItem(counts, [key, words, list]) {
  const n = counts[key] ?? 0;
  const text = [el('strong', { class: 'today-number' }, String(n)), ' ', words];
  const href = typeof list === 'function' ? list(counts) : list;
  return el('li', { class: n > 0 ? 'today-count needs-work' : 'today-count' },
    href ? el('a', { href }, text) : el('span', {}, text));
}

async function start() {
  if (!(await requireCoordinator($('notice'), $('loading')))) return;
  try {
    const counts = await api.get('desk/today');
    replace($('counts'), COUNTS.map((c) => countItem(counts, c)));
    $('counted-at').textContent = `Geteld om ${new Date().toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' })}. Laad de pagina opnieuw voor de nieuwste stand.`;
    $('today').hidden = false;
  } catch (err) {
    replace($('notice'), el('p', { class: 'message message-error', role: 'alert' }, problemText(err)));
  } finally {
    $('loading').hidden = true;
  }
}

start();
