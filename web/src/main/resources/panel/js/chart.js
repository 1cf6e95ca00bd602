// Small time-series charts as inline SVG (no library). Each chart is a <figure> with a title, a summary sentence
// (also the SVG's accessible description), labelled axes, and the same numbers as a table under "Data table".
import { h, uid } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 560, H = 220, PAD = { left: 64, right: 14, top: 14, bottom: 44 };
export const COLORS = ['#2f5bd3', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207'];

function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) el.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** 0, a round step, ... up to at least max: [0, 2, 4, 6] for max 5.3. */
function ticks(max, count = 4) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((x) => x >= raw);
  const out = [];
  for (let v = 0; v < max + step / 2; v += step) out.push(+v.toPrecision(12));
  if (out[out.length - 1] < max) out.push(+(out[out.length - 1] + step).toPrecision(12));
  return out;
}

/**
 * lineChart({title, yLabel, xLabel, times: [Date], series: [{name, values: [number|null]}], format: v => text,
 *   timeLabel: d => text, summary: text}) -> <figure>. Null values are gaps; a lone point shows as a dot.
 */
export function lineChart({ title, yLabel, xLabel, times, series, format = String, timeLabel, summary }) {
  const titleId = uid('chart'), descId = uid('chart');
  const all = series.flatMap((x) => x.values).filter((v) => v !== null && v !== undefined);
  const yTicks = ticks(all.length ? Math.max(...all) : 0);
  const yMax = yTicks[yTicks.length - 1] || 1;
  const n = times.length;
  const iw = W - PAD.left - PAD.right, ih = H - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (n <= 1 ? iw / 2 : (i * iw) / (n - 1));
  const y = (v) => PAD.top + ih - (v / yMax) * ih;

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': titleId, 'aria-describedby': descId, class: 'chart' });
  svg.append(s('title', {}, title), s('desc', {}, summary));
  for (const t of yTicks) {
    svg.append(s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(t), y2: y(t), class: 'gridline' }),
      s('text', { x: PAD.left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, format(t)));
  }
  const xCount = Math.min(n, 5);
  const xIdx = xCount <= 1 ? (n ? [0] : []) : [...new Set(Array.from({ length: xCount }, (_, k) => Math.round((k * (n - 1)) / (xCount - 1))))];
  for (const i of xIdx) {
    svg.append(s('line', { x1: x(i), x2: x(i), y1: PAD.top + ih, y2: PAD.top + ih + 4, class: 'axis' }),
      s('text', { x: Math.min(Math.max(x(i), PAD.left + 34), W - PAD.right - 34), y: PAD.top + ih + 17, 'text-anchor': 'middle', class: 'tick' }, timeLabel(times[i])));
  }
  svg.append(s('line', { x1: PAD.left, x2: W - PAD.right, y1: PAD.top + ih, y2: PAD.top + ih, class: 'axis' }),
    s('line', { x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: PAD.top + ih, class: 'axis' }),
    s('text', { x: PAD.left + iw / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis-label' }, xLabel),
    s('text', { x: 14, y: PAD.top + ih / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${PAD.top + ih / 2})`, class: 'axis-label' }, yLabel));

  series.forEach((ser, k) => {
    const color = ser.color || COLORS[k % COLORS.length];
    let path = '';
    let pen = false;
    ser.values.forEach((v, i) => {
      if (v === null || v === undefined) { pen = false; return; }
      path += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    const g = s('g', { class: 'series', stroke: color, fill: color });
    if (path) g.append(s('path', { d: path, fill: 'none', 'stroke-width': 2, 'stroke-dasharray': ser.dashed ? '5 3' : null }));
    ser.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      const prev = ser.values[i - 1], next = ser.values[i + 1];
      const lone = (prev === null || prev === undefined) && (next === null || next === undefined);
      if (lone || (v > 0 && n <= 60)) {
        g.append(s('circle', { cx: x(i), cy: y(v), r: lone ? 3.5 : 2.5 }, s('title', {}, `${ser.name}, ${timeLabel(times[i])}: ${format(v)}`)));
      }
    });
    svg.append(g);
  });

  const legend = series.length > 1
    ? h('ul', { class: 'legend' }, series.map((ser, k) => h('li', {},
      svgSwatch(ser.color || COLORS[k % COLORS.length], ser.dashed), ser.name)))
    : null;

  // the data table: buckets where some series has a value
  const rows = times.map((t, i) => [t, series.map((ser) => ser.values[i])])
    .filter(([, vals]) => vals.some((v) => v !== null && v !== undefined && v !== 0));
  const table = h('details', { class: 'chart-data' }, h('summary', {}, `Data table: ${title}`),
    rows.length
      ? h('table', { class: 'grid compact' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, xLabel), series.map((ser) => h('th', { scope: 'col', class: 'num' }, ser.name)))),
        h('tbody', {}, rows.map(([t, vals]) => h('tr', {}, h('th', { scope: 'row' }, timeLabel(t)),
          vals.map((v) => h('td', { class: 'num' }, v === null || v === undefined ? '–' : format(v)))))))
      : h('p', { class: 'empty' }, 'No data in this window.'),
    rows.length < times.length ? h('p', { class: 'hint' }, 'Buckets without data are left out.') : null);

  return h('figure', { class: 'chart-card card' },
    h('figcaption', { id: titleId }, title),
    h('p', { class: 'chart-summary', id: descId }, summary),
    svg, legend, table);
}

function svgSwatch(color, dashed) {
  return s('svg', { viewBox: '0 0 18 8', width: 18, height: 8, 'aria-hidden': 'true', class: 'swatch' },
    s('line', { x1: 0, x2: 18, y1: 4, y2: 4, stroke: color, 'stroke-width': 3, 'stroke-dasharray': dashed ? '4 2' : null }));
}
