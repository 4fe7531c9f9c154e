// Werkbak — Prikbord (/werkbak/prikbord): open requests in one village as a
// printable A4 list and as plain text for the village paper. Only what an anonymous
// reader sees: the requests are fetched WITHOUT the session cookie
// (credentials: 'omit'), so no resident's contact details can ever be in the list.

import '../layout.js';
import { api } from '../api.js';
import { el, replace } from '../dom.js';
import { say } from '../forms.js';
import { dayText, scheduleText } from '../format.js';
import { placeOptions } from '../render.js';
import { requireCoordinator } from '../desk.js';

const $ = (id) => document.getElementById(id);
let places = [];
let shown = { place: null, items: [] };

/** The Servicepunt's phone number, as the footer shows it (its tel: link). */
function servicepuntPhone() {
  return document.querySelector('.site-footer a[href^="tel:"]')?.textContent.trim() || '';
}

/** Open requests in `place`, as an anonymous reader gets them (no cookie sent). */
async function openRequests(place) {
  const items = [];
  for (let offset = 0; offset < 1000; offset += 100) {
    const params = new URLSearchParams({ status: 'open', place, limit: '100', offset: String(offset) });
    const response = await fetch(`/api/v1/requests?${params}`, {
      credentials: 'omit', headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = await response.json();
    items.push(...page.items.filter((p) => p.status === 'open'));
    if (items.length >= page.total || !page.items.length) break;
  }
  return items;
}

const whenLine = (post) => scheduleText(post.schedule);

function render() {
  const { place, items } = shown;
  const call = `Wilt u helpen? Bel het Servicepunt Vrijwilligerswerk: ${servicepuntPhone()}`;
  if (!place) {
    $('sheet-heading').textContent = 'Kies een dorp';
    replace($('sheet-intro'));
    replace($('board-list'));
    $('board-call').textContent = '';
    $('board-text').value = '';
    return;
  }
  const today = dayText(new Date().toISOString());
  $('sheet-heading').textContent = `Hulp gezocht in ${place.name}`;
  $('sheet-intro').textContent = items.length
    ? `Deze inwoners van ${place.name} zoeken een vrijwilliger (stand van ${today}).`
    : `Op dit moment zijn er geen open hulpvragen in ${place.name} (stand van ${today}).`;
  replace($('board-list'), items.map((post) => el('li', {},
    el('span', { class: 'board-what' }, `${post.category_name}: ${post.title}`),
    el('span', {}, `${post.author?.first_name || 'Een inwoner'}, ${post.place_name}. Wanneer: ${whenLine(post)}.`))));
  $('board-call').textContent = call;
  const lines = [`HULP GEZOCHT IN ${place.name.toUpperCase()} (stand van ${today})`, ''];
  if (!items.length) lines.push('Op dit moment zijn er geen open hulpvragen.', '');
  for (const post of items) {
    lines.push(`- ${post.category_name}: ${post.title}`);
    lines.push(`  ${post.author?.first_name || 'Een inwoner'}, ${post.place_name}. Wanneer: ${whenLine(post)}.`);
    lines.push('');
  }
  lines.push(call);
  $('board-text').value = lines.join('\n');
}

async function choose(slug) {
  const place = places.find((p) => p.slug === slug) || null;
  const address = new URL(location.href);
  if (place) address.searchParams.set('dorp', place.slug);
  else address.searchParams.delete('dorp');
  history.replaceState(null, '', address);
  replace($('copy-status'));
  if (!place) {
    shown = { place: null, items: [] };
    render();
    return;
  }
  $('status').textContent = `Hulpvragen in ${place.name} worden geladen…`;
  try {
    shown = { place, items: await openRequests(place.slug) };
  } catch {
    say($('notice'), 'De hulpvragen konden niet worden geladen. Probeer het opnieuw.', { error: true });
    return;
  }
  replace($('notice'));
  render();
  $('status').textContent = `${shown.items.length === 1 ? '1 open hulpvraag' : `${shown.items.length} open hulpvragen`} in ${place.name}.`;
}

async function copyText() {
  const area = $('board-text');
  if (!area.value) {
    say($('copy-status'), 'Kies eerst een dorp.', { error: true });
    return;
  }
  try {
    await navigator.clipboard.writeText(area.value);
  } catch {
    // No clipboard permission: select the text so Ctrl+C copies it.
    area.focus();
    area.select();
    say($('copy-status'), 'De tekst is geselecteerd. Druk op Ctrl+C om hem te kopiëren.');
    return;
  }
  say($('copy-status'), 'De tekst is gekopieerd. Plak hem in uw e-mail met Ctrl+V.');
}

async function start() {
  const account = await requireCoordinator($('notice'), $('loading'));
  if (!account) return;
  try {
    places = await api.get('places');
  } catch {
    $('loading').hidden = true;
    say($('notice'), 'De dorpen konden niet worden geladen. Laad de pagina opnieuw.', { error: true });
    return;
  }
  const wanted = new URLSearchParams(location.search).get('dorp');
  $('place').append(...placeOptions(places, wanted));
  $('place').addEventListener('change', () => choose($('place').value));
  $('board-form').addEventListener('submit', (event) => event.preventDefault());
  $('print').addEventListener('click', () => window.print());
  $('copy').addEventListener('click', copyText);
  $('loading').hidden = true;
  $('board').hidden = false;
  await choose($('place').value);
}

start();
