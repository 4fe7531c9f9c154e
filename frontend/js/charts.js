// Simple charts as inline SVG, built from nodes (never from markup), for the
// werkbak's figures (/werkbak/cijfers). Each chart is drawn at the width of its box
// in CSS pixels, so its text keeps the page's size on a phone and at 200% zoom (the
// page draws it again when the box changes width). A chart is a picture only
// (aria-hidden): the page puts its numbers beside it as a real table
// (`dataTable`). Colours are dark enough against white (3:1 or more) and each series
// also has its own pattern, and the numbers are written next to the bars, so colour
// is never the only way to tell them apart.

import { el } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const number = new Intl.NumberFormat('nl-NL');

/** Text size in the charts (CSS pixels) and the colours of text and lines. */
const FONT = 15;
const INK = '#1b1b1b';
const GRID = '#d5d3ca';
const AXIS = '#767676';

/**
 * The looks of the series, in order: a colour (3:1 or more against white) and a
 * pattern of white lines or dots on it. `n` in the pattern's id is its place here.
 */
export const SERIES = [
  { colour: '#1d5e3a', pattern: 'solid' },
  { colour: '#0a4d8c', pattern: 'stripes' },
  { colour: '#a4161a', pattern: 'dots' },
  { colour: '#8a4a00', pattern: 'lines' },
  { colour: '#5b2a86', pattern: 'cross' },
  { colour: '#4a4a4a', pattern: 'columns' },
];

/** Creates an SVG element: svg('rect', {x: 1}, child, 'text'). Null attributes are left out. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The fill of series `n`: its pattern (defined once on the page by `ensurePatterns`). */
export const seriesFill = (n) => `url(#chart-pattern-${n % SERIES.length})`;

/** One pattern tile: the colour with white marks on it. */
function patternTile(n, { colour, pattern }) {
  const mark = { stroke: '#fff', 'stroke-width': 2, 'stroke-opacity': 0.6 };
  const marks = {
    solid: [],
    stripes: [svg('path', { d: 'M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4', ...mark })],
    dots: [svg('circle', { cx: 4, cy: 4, r: 1.6, fill: '#fff', 'fill-opacity': 0.7 })],
    lines: [svg('path', { d: 'M0,4 h8', ...mark })],
    cross: [svg('path', { d: 'M0,0 l8,8 M8,0 l-8,8', ...mark, 'stroke-width': 1.3 })],
    columns: [svg('path', { d: 'M4,0 v8', ...mark })],
  }[pattern];
  return svg('pattern', { id: `chart-pattern-${n}`, width: 8, height: 8, patternUnits: 'userSpaceOnUse' },
    svg('rect', { width: 8, height: 8, fill: colour }), marks);
}

/** Puts the series' patterns on the page once (an SVG of no size at the end of the body). */
export function ensurePatterns() {
  if (document.getElementById('chart-patterns')) return;
  document.body.append(svg('svg', {
    id: 'chart-patterns', width: 0, height: 0, 'aria-hidden': 'true', focusable: 'false', class: 'chart-defs',
  }, svg('defs', {}, SERIES.map((s, n) => patternTile(n, s)))));
}

/** A legend: a swatch with the series' colour and pattern and its name, for each series. */
export function legend(names) {
  return el('ul', { class: 'chart-legend', 'aria-hidden': 'true' }, names.map((name, n) =>
    el('li', {},
      svg('svg', { width: 18, height: 18, viewBox: '0 0 18 18', focusable: 'false' },
        svg('rect', { x: 0.5, y: 0.5, width: 17, height: 17, fill: seriesFill(n), stroke: INK, 'stroke-width': 1 })),
      ' ', name)));
}

/** The root of a chart `width` × `height` CSS pixels; a picture only (aria-hidden). */
function chartRoot(width, height, label) {
  return svg('svg', {
    class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height,
    'aria-hidden': 'true', focusable: 'false', 'font-size': FONT, fill: INK, 'data-chart': label,
  });
}

let measure = null;

/** How wide `text` is at `size` pixels in the page's font (bold: a little wider). */
function textWidth(text, size = FONT, weight = 700) {
  if (!measure) measure = document.createElement('canvas').getContext('2d');
  if (!measure) return String(text).length * size * 0.62;
  measure.font = `${weight} ${size}px ${getComputedStyle(document.body).fontFamily}`;
  return measure.measureText(String(text)).width;
}

/** A round step for the axis (1, 2, 5, 10, 20, ...) so that `max` fits in about `ticks` steps. */
function niceStep(max, ticks) {
  if (max <= ticks) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw);
}

/**
 * Stacked columns: one column per label in `columns` (e.g. months), stacked by
 * series. `values[c][s]` is the count of series `s` in column `c`. The total is
 * written above each column.
 */
export function stackedColumns({ width, columns, shortColumns = columns, series, values, label }) {
  const totals = values.map((row) => row.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const step = niceStep(max, 5);
  const top = Math.ceil(max / step) * step;
  const axisWidth = textWidth(number.format(top)) + 10;
  const left = axisWidth;
  const plotTop = FONT + 10;
  const height = Math.round(Math.min(340, Math.max(220, width * 0.42)));
  const bottom = height - FONT - 12;
  const plotWidth = width - left - 4;
  const slot = plotWidth / columns.length;
  const barWidth = Math.max(6, Math.min(48, slot * 0.7));
  const y = (v) => bottom - ((bottom - plotTop) * v) / top;
  const names = slot >= textWidth('mrt', FONT - 1) + 6 ? shortColumns : columns.map((c) => c[0]);

  const root = chartRoot(width, height, label);
  for (let v = 0; v <= top; v += step) {
    root.append(
      svg('line', { x1: left, x2: width - 4, y1: y(v), y2: y(v), stroke: v === 0 ? AXIS : GRID, 'stroke-width': 1 }),
      svg('text', { x: left - 6, y: y(v) + FONT / 3, 'text-anchor': 'end' }, number.format(v)));
  }
  columns.forEach((_, c) => {
    const x = left + slot * c + (slot - barWidth) / 2;
    let base = 0;
    series.forEach((__, s) => {
      const count = values[c][s] || 0;
      if (!count) return;
      root.append(svg('rect', {
        x, y: y(base + count), width: barWidth, height: y(base) - y(base + count),
        fill: seriesFill(s), stroke: '#fff', 'stroke-width': 1.5,
      }));
      base += count;
    });
    if (totals[c]) {
      root.append(svg('text', { x: x + barWidth / 2, y: y(totals[c]) - 5, 'text-anchor': 'middle', 'font-weight': 700 },
        number.format(totals[c])));
    }
    root.append(svg('text', { x: x + barWidth / 2, y: height - 6, 'text-anchor': 'middle', 'font-size': FONT - 1 }, names[c]));
  });
  return root;
}

/**
 * Horizontal bars in pairs: for each row two bars (series 0 and 1), each with its
 * number at its end. `rows` are `{label, values: [a, b], notes: [text, text]}`; a
 * note is written instead of the bare number when given. On a narrow box the row's
 * name stands above its bars instead of beside them.
 */
export function pairedBars({ width, rows, label }) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const valueText = (row, i) => row.notes?.[i] ?? number.format(row.values[i]);
  const longestValue = Math.max(...rows.flatMap((r) => [0, 1].map((i) => textWidth(valueText(r, i)))));
  const longestLabel = Math.max(...rows.map((r) => textWidth(r.label)));
  const beside = width >= 520 && longestLabel <= width * 0.4;
  const labelWidth = beside ? longestLabel + 12 : 0;
  const bar = 15;
  const gap = 2;
  const rowHeight = (beside ? 0 : FONT + 6) + 2 * bar + gap + 12;
  const height = rows.length * rowHeight + 4;
  const track = Math.max(40, width - labelWidth - longestValue - 12);
  const root = chartRoot(width, height, label);
  root.append(svg('line', {
    x1: labelWidth, x2: labelWidth, y1: 0, y2: height, stroke: AXIS, 'stroke-width': 1,
  }));
  rows.forEach((row, r) => {
    const top = r * rowHeight + (beside ? 7 : FONT + 6);
    if (beside) {
      root.append(svg('text', { x: labelWidth - 10, y: top + bar + gap / 2 + FONT / 3, 'text-anchor': 'end' }, row.label));
    } else {
      root.append(svg('text', { x: 4, y: top - 6, 'font-weight': 700 }, row.label));
    }
    [0, 1].forEach((i) => {
      const y = top + i * (bar + gap);
      const length = (track * row.values[i]) / max;
      if (length > 0) {
        root.append(svg('rect', {
          x: labelWidth, y, width: Math.max(2, length), height: bar, fill: seriesFill(i),
          stroke: INK, 'stroke-width': 0.75,
        }));
      }
      root.append(svg('text', { x: labelWidth + length + 6, y: y + bar / 2 + FONT / 3 }, valueText(row, i)));
    });
  });
  return root;
}

/**
 * A map of villages: a circle at each village's place (equirectangular: east–west
 * shrunk by the cosine of the latitude), its area in proportion to `count`, the
 * name and number beside the larger ones. `places` are `{name, lat, lon, count}`;
 * villages with 0 are small grey dots, so the shape of the municipality shows.
 * The map is as wide as it needs (class chart-fixed), at most `width`.
 */
export function bubbleMap({ width, places, label, labels = 8 }) {
  const lats = places.map((p) => p.lat);
  const lons = places.map((p) => p.lon);
  const [south, north] = [Math.min(...lats), Math.max(...lats)];
  const [west, east] = [Math.min(...lons), Math.max(...lons)];
  const shrink = Math.cos((((north + south) / 2) * Math.PI) / 180);
  const spanX = Math.max(1e-6, (east - west) * shrink);
  const spanY = Math.max(1e-6, north - south);
  const maxCount = Math.max(1, ...places.map((p) => p.count));
  const biggest = Math.max(14, Math.min(36, width / 12));
  const margin = biggest + 4;
  const scale = Math.min((Math.min(width, 560) - 2 * margin) / spanX, (520 - 2 * margin) / spanY);
  const height = Math.round(spanY * scale + 2 * margin);
  // As wide as the map needs, room for the names included; never wider than the box.
  width = Math.min(width, Math.round(spanX * scale + 2 * margin + 160));
  const offsetX = (width - spanX * scale) / 2;
  const at = (p) => [offsetX + (p.lon - west) * shrink * scale, margin + (north - p.lat) * scale];
  const radius = (count) => biggest * Math.sqrt(count / maxCount);

  const root = chartRoot(width, height, label);
  root.classList.add('chart-fixed');
  root.append(svg('rect', {
    x: 0.5, y: 0.5, width: width - 1, height: height - 1, fill: '#fff', stroke: GRID, rx: 6,
  }));
  const withCount = places.filter((p) => p.count > 0).sort((a, b) => b.count - a.count);
  for (const p of places.filter((q) => q.count === 0)) {
    const [x, y] = at(p);
    root.append(svg('circle', { cx: x, cy: y, r: 2.5, fill: AXIS }));
  }
  for (const p of withCount) {
    const [x, y] = at(p);
    root.append(svg('circle', {
      cx: x, cy: y, r: Math.max(3, radius(p.count)), fill: SERIES[0].colour, 'fill-opacity': 0.35,
      stroke: SERIES[0].colour, 'stroke-width': 2,
    }));
  }
  // Names for the largest, where they cover neither another name nor another large
  // circle: beside, above, below or at a corner of their own circle.
  const circles = withCount.filter((p) => radius(p.count) >= biggest * 0.5).map((p) => {
    const [x, y] = at(p);
    const r = Math.max(3, radius(p.count)) * 0.85;
    return { place: p, x: x - r, y: y - r, w: 2 * r, h: 2 * r };
  });
  const taken = [];
  const hits = (box, list) => list.some((t) => box.x < t.x + t.w && t.x < box.x + box.w && box.y < t.y + t.h && t.y < box.y + box.h);
  for (const p of withCount.slice(0, width < 420 ? Math.min(labels, 6) : labels)) {
    const [x, y] = at(p);
    const r = Math.max(3, radius(p.count));
    const text = `${p.name} ${number.format(p.count)}`;
    const w = textWidth(text) + 4;
    const h = FONT + 4;
    const d = r * 0.7;
    const spots = [
      { x: x + r + 3, y: y - h / 2 },
      { x: x - r - 3 - w, y: y - h / 2 },
      { x: x - w / 2, y: y - r - 2 - h },
      { x: x - w / 2, y: y + r + 2 },
      { x: x + d, y: y - d - h },
      { x: x + d, y: y + d },
      { x: x - d - w, y: y - d - h },
      { x: x - d - w, y: y + d },
    ];
    const others = circles.filter((c) => c.place !== p);
    const spot = spots.find((s) => s.x >= 2 && s.x + w <= width - 2 && s.y >= 2 && s.y + h <= height - 2
      && !hits({ ...s, w, h }, taken) && !hits({ ...s, w, h }, others));
    if (!spot) continue;
    taken.push({ ...spot, w, h });
    root.append(svg('text', {
      x: spot.x + 2, y: spot.y + h / 2 + FONT / 3, stroke: '#fff', 'stroke-width': 4,
      'stroke-linejoin': 'round', 'paint-order': 'stroke', 'font-weight': 700,
    }, text));
  }
  return root;
}

/**
 * A table with the numbers of a chart or a part of the report. `head` names the
 * columns; each row is `[rowHeader, ...cells]`; `foot` is an optional last row
 * (a total). Cells are text or nodes; numbers are right-aligned by the page's CSS.
 */
export function dataTable({ caption, head, rows, foot = null, id = null, className = 'report-table' }) {
  const row = ([first, ...cells], tag = 'td') => el('tr', {},
    el('th', { scope: 'row' }, first), cells.map((c) => el(tag, {}, c)));
  return el('table', { class: className, id },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((r) => row(r))),
    foot ? el('tfoot', {}, row(foot)) : null);
}
