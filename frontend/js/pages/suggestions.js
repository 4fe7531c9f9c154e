// Voor u gevonden (/mijn/voor-u-gevonden): GET /api/v1/me/suggestions — open
// requests and vacancies that fit the volunteer, best first, with the reasons the
// matcher gives (in Dutch). Each post is fetched once more for when help is needed.

import { servicepuntPhoneLink } from '../layout.js';
import { api } from '../api.js';
import { el, replace } from '../dom.js';
import { joinNl, placeLine, scheduleText } from '../format.js';
import { say } from '../forms.js';
import { postApi, postPage } from '../kinds.js';
import { kindBadge } from '../render.js';
import { requireAccount } from '../session.js';

const loading = document.getElementById('loading');
const notice = document.getElementById('notice');

/** The post itself (for its schedule and category name); null when it is gone. */
async function details(post) {
  try {
    return await api.get(postApi(post.kind, post.id));
  } catch {
    return null;
  }
}

function card(item, full) {
  const post = item.post;
  const kind = post.kind;
  return el('li', { class: 'card' },
    el('article', {},
      el('p', { class: 'card-top' },
        kindBadge(kind),
        el('span', { class: 'card-category' }, full?.category_name || post.category)),
      el('h3', { class: 'card-title' }, el('a', { href: postPage(kind, post.id) }, post.title)),
      el('dl', { class: 'facts' },
        el('dt', {}, 'Dorp'), el('dd', {}, placeLine(post.place_name, item.distance_km >= 0.5 ? item.distance_km : undefined)),
        el('dt', {}, 'Wanneer'), el('dd', {}, full ? scheduleText(full.schedule) : 'In overleg')),
      item.reasons?.length ? [
        el('p', { class: 'card-place' }, 'Waarom dit bij u past:'),
        el('ul', { class: 'reasons' }, item.reasons.map((r) => el('li', {}, r))),
      ] : null));
}

/**
 * Without a VOG the matcher leaves out the kinds of help that need one; say so,
 * with the way to get one, so the list does not look like all there is.
 */
async function showVogNote() {
  let me;
  let categories;
  try {
    [me, categories] = await Promise.all([api.get('me'), api.get('categories')]);
  } catch {
    return;
  }
  const needing = categories.filter((c) => c.requires_vog).map((c) => c.name_nl.toLowerCase());
  const vogCounts = me.vog_valid_until && me.vog_valid_until >= new Date().toISOString().slice(0, 10);
  if (!needing.length || vogCounts) return;
  const note = document.getElementById('vog-note');
  note.replaceChildren(
    `Voor ${joinNl(needing)} is een VOG nodig (een verklaring omtrent het gedrag). `
      + 'Zolang het Servicepunt geen geldige VOG van u heeft genoteerd, staan die oproepen hier niet bij. '
      + 'Het Servicepunt helpt u met de aanvraag. Bel het Servicepunt: ',
    servicepuntPhoneLink() || 'zie onderaan de pagina', '.');
  note.hidden = false;
}

function showEmpty(title, detail) {
  if (title) document.getElementById('empty-title').textContent = title;
  if (detail) document.getElementById('empty-detail').textContent = detail;
  document.getElementById('empty').hidden = false;
}

async function start() {
  const account = await requireAccount();
  if (account.role !== 'volunteer') {
    loading.hidden = true;
    document.getElementById('not-volunteer').hidden = false;
    return;
  }
  let items;
  try {
    ({ items } = await api.get('me/suggestions?limit=20'));
  } catch (err) {
    loading.hidden = true;
    if (err.status === 409) {
      // No profile yet: one way on, not the advice for a profile that finds little.
      showEmpty('U heeft nog geen vrijwilligersprofiel.', 'Daarom kunnen wij nog niets voor u zoeken.');
      for (const item of document.querySelectorAll('[data-with-profile]')) item.hidden = true;
      for (const item of document.querySelectorAll('[data-no-profile]')) item.hidden = false;
    } else {
      say(notice, err.detail || 'Het zoeken lukte niet. Probeer het later opnieuw of bel het Servicepunt.', { error: true });
    }
    return;
  }
  // A note beside the list: it never holds the list up.
  showVogNote().catch(() => {});
  if (!items.length) {
    loading.hidden = true;
    showEmpty();
    return;
  }
  const full = await Promise.all(items.map((item) => details(item.post)));
  loading.hidden = true;
  document.getElementById('found-heading').textContent = items.length === 1
    ? 'Wij hebben 1 oproep voor u gevonden'
    : `Wij hebben ${items.length} oproepen voor u gevonden`;
  replace(document.getElementById('found-list'), items.map((item, i) => card(item, full[i])));
  document.getElementById('found').hidden = false;
}

start();
