// Builds the pieces of the page from API data. Only nodes and text: nothing the
// server sends is ever parsed as HTML.

import { el } from './dom.js';
import { placeLine, whenText } from './format.js';
import { KINDS, postPage } from './kinds.js';

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
/** "Hulpvraag", "Hulpaanbod" or "Vacature" (the kind itself when unknown). */
const kindLabel = (kind) => KINDS[kind]?.label || kind;

export function kindBadge(kind, attrs = {}) {
  return el('span', { class: `badge badge-${kind}`, ...attrs }, kindLabel(kind));
}

/**
 * One search result as a list item; its title links to the post's own page. The
 * line "Wanneer: …" shows when the schedule is known, "Organisatie: …" who offers a
 * vacancy. The heading itself says the
 * kind ("Hulpaanbod: …", for screen readers; the badge above says it to the eye),
 * so that moving from heading to heading tells a request from an offer.
 */
export function resultCard(item, categoryName) {
  const line = (cls, label, text) => el('p', { class: cls }, el('span', { class: 'card-label' }, label), ' ', text);
  const when = item.schedule ? line('card-when', 'Wanneer:', whenText(item.schedule)) : null;
  const org = item.organisation ? line('card-org', 'Organisatie:', item.organisation) : null;
  return el('li', { class: 'card', 'data-post': `${item.kind}/${item.id}` },
    el('article', {},
      el('p', { class: 'card-top' },
        kindBadge(item.kind, { 'aria-hidden': 'true' }),
        el('span', { class: 'card-category' }, categoryName)),
      el('h3', { class: 'card-title' },
        el('span', { class: 'sr-only' }, `${kindLabel(item.kind)}: `),
        el('a', { href: postPage(item.kind, item.id) }, item.title)),
      org,
      el('p', { class: 'card-place' }, placeLine(item.place_name, item.distance_km)),
      when,
      el('p', { class: 'card-snippet' }, snippetNodes(item.snippet))));
}

/** The villages (GET /api/v1/places) as <option>s, by name; `selected` is a slug. */
/** Options for kinds of help or talents (`{slug, name_nl}`), by Dutch name. */
export function namedOptions(items, label = (item) => item.name_nl) {
  return [...items].sort((a, b) => a.name_nl.localeCompare(b.name_nl, 'nl'))
    .map((item) => el('option', { value: item.slug }, label(item)));
}

export function placeOptions(places, selected) {
  return [...places].sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    .map((p) => el('option', { value: p.slug, selected: p.slug === selected }, p.name));
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

/**
 * Text as paragraphs, one per blank-line-separated block (a post's description);
 * `inline` turns a block's text into what the paragraph holds (text or nodes).
 */
export function paragraphs(text, inline = (block) => block) {
  return String(text || '')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => el('p', {}, inline(block)));
}

/** `text` as a literal inside a RegExp. */
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every occurrence of one of `found` (strings) in a <mark>. */
export function markFound(text, found) {
  const words = [...new Set(found.filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!words.length) return text;
  const pattern = new RegExp(`(${words.map(literal).join('|')})`);
  return String(text).split(pattern).map((piece, i) => (i % 2 ? el('mark', {}, piece) : piece));
}

/** A term and its value for a <dl> (`dt` and `dd`); the value may be text or nodes. */
export function fact(term, ...value) {
  return [el('dt', {}, term), el('dd', {}, ...value)];
}
