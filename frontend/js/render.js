// Builds the pieces of the page from API data. Only nodes and text: nothing the
// server sends is ever parsed as HTML.

import { el } from './dom.js';
import { KIND_LABELS, placeLine, scheduleText, whenText } from './format.js';
import { postPath } from './state.js';

const NAMED_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Undoes the server's HTML escaping in one pass, so "&amp;lt;" stays "&lt;". */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1].toLowerCase() === 'x'
        ? parseInt(name.slice(2), 16)
        : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * A search snippet as nodes. The snippet is escaped text whose only markup is
 * <b>…</b> around matched words: split on those tags and show the rest as text.
 */
export function snippetNodes(snippet) {
  const nodes = [];
  let bold = false;
  for (const piece of String(snippet || '').split(/(<\/?b>)/i)) {
    if (/^<b>$/i.test(piece)) bold = true;
    else if (/^<\/b>$/i.test(piece)) bold = false;
    else if (piece) {
      const text = decodeEntities(piece);
      nodes.push(bold ? el('mark', {}, text) : document.createTextNode(text));
    }
  }
  return nodes;
}

/** The coloured label that says what kind of post this is (in words, not only colour). */
function kindBadge(kind) {
  return el('span', { class: `badge badge-${kind}` }, KIND_LABELS[kind] || kind);
}

/**
 * One search result as a list item; its title links to the post's own page. The
 * line "Wanneer: …" shows when the schedule is known (see `showWhen`).
 */
export function resultCard(item, categoryName) {
  const when = el('p', { class: 'card-when', hidden: true });
  const card = el('li', { class: 'card', 'data-post': `${item.kind}/${item.id}` },
    el('article', {},
      el('p', { class: 'card-top' },
        kindBadge(item.kind),
        el('span', { class: 'card-category' }, categoryName)),
      el('h3', { class: 'card-title' },
        el('a', { href: postPath(item.kind, item.id) }, item.title)),
      el('p', { class: 'card-place' }, placeLine(item.place_name, item.distance_km)),
      when,
      el('p', { class: 'card-snippet' }, snippetNodes(item.snippet))));
  if (item.schedule) showWhen(card, item.schedule);
  return card;
}

/** Fills in a result's "Wanneer: …" line from the post's schedule. */
export function showWhen(card, schedule) {
  const line = card.querySelector('.card-when');
  line.replaceChildren(el('span', { class: 'card-label' }, 'Wanneer:'), ' ', whenText(schedule));
  line.hidden = false;
}

/**
 * Chips with the number of results per category; pressing one filters on it.
 * `names` maps slug → Dutch name; the chip of the active category is pressed.
 */
export function categoryChips(counts, names, active) {
  const entries = Object.entries(counts || {})
    .sort((a, b) => b[1] - a[1] || (names.get(a[0]) || a[0]).localeCompare(names.get(b[0]) || b[0], 'nl'));
  const chips = entries.map(([slug, count]) =>
    el('li', {},
      el('button', {
        type: 'button', class: 'chip', 'data-category': slug,
        'aria-pressed': slug === active ? 'true' : 'false',
      }, `${names.get(slug) || slug} (${count})`)));
  if (active) {
    chips.unshift(el('li', {},
      el('button', { type: 'button', class: 'chip chip-clear', 'data-category': '' },
        'Alle soorten hulp')));
  }
  return chips;
}

/** Description text as paragraphs, one per blank-line-separated block. */
function paragraphs(text) {
  return String(text || '')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => el('p', {}, block));
}

/** Who placed the post: the organisation for a vacancy, otherwise a first name. */
function posterRow(post) {
  if (post.kind === 'vacancy' && post.organisation) {
    return [el('dt', {}, 'Organisatie'), el('dd', {}, post.organisation)];
  }
  const name = post.author?.first_name;
  return name ? [el('dt', {}, 'Geplaatst door'), el('dd', {}, name)] : [];
}

/** The detail view of one post (the heading gets focus when it is shown). */
export function postDetail(post) {
  return [
    el('p', { class: 'detail-kind' }, kindBadge(post.kind)),
    el('h2', { id: 'detail-title', class: 'detail-title', tabindex: '-1' }, post.title),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Soort hulp'), el('dd', {}, post.category_name || post.category),
      el('dt', {}, 'Dorp'), el('dd', {}, post.place_name || post.place),
      el('dt', {}, 'Wanneer'), el('dd', {}, scheduleText(post.schedule)),
      posterRow(post)),
    el('h3', {}, 'Omschrijving'),
    el('div', { class: 'description' }, paragraphs(post.description)),
    el('div', { class: 'notice', role: 'note' },
      el('p', {}, 'Wilt u reageren? Log in of neem contact op met het Servicepunt Vrijwilligerswerk.')),
  ];
}
