// charts.js: history charts with uPlot (the global from uPlot.iife.min.js, installed from npm):
// a line chart for a numeric sensor and one stepped on/off timeline chart for binary entities
// (one row each). History rows come from the API's history message as [ms, state] pairs.

import { t } from './i18n.js';

const ON_STATES = new Set(['on', 'open', 'playing', 'unlocked', 'heat', 'cool', 'auto', 'home', 'detected']);
const MIN_SPAN_MS = 60 * 1000;
const COLORS = ['#e0a100', '#2f7de1', '#1e8e3e', '#c0392b', '#8e44ad', '#16a085', '#d35400', '#7f8c8d'];

function width(container) {
  return Math.max(240, Math.floor(container.getBoundingClientRect().width) - 4);
}

// The x range shown: the asked range, narrowed to where the data is when the hub has only a
// little history (a fresh hub would otherwise draw everything in the last pixel).
function xRange(firstMs, startMs, endMs) {
  if (firstMs === null) return [startMs, endMs];
  const from = firstMs - (endMs - firstMs) * 0.05; // a little room before the first change
  return [Math.max(startMs, Math.min(from, endMs - MIN_SPAN_MS)), endMs];
}

// Time axis labels: HH:MM (HH:MM:SS when the range is under 5 minutes), with the day added
// when the range spans days. One line each, so neighbours never overlap.
function timeAxis(x0, x1) {
  const span = x1 - x0;
  const two = (n) => String(n).padStart(2, '0');
  return {
    stroke: '#888', space: 60, size: 30,
    values: (u, splits) => splits.map((s) => {
      const d = new Date(s * 1000);
      const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
      if (span > 2 * 86400 * 1000) return `${d.getMonth() + 1}/${d.getDate()} ${hm}`;
      return span < 5 * 60 * 1000 ? `${hm}:${two(d.getSeconds())}` : hm;
    }),
  };
}

function hint(container, text) {
  container.replaceChildren(Object.assign(document.createElement('p'), { className: 'hint', textContent: text }));
}

// Numeric history -> uPlot line chart in `container`. Returns the uPlot or null.
export function drawLine(container, label, unit, rows, startMs, endMs) {
  container.replaceChildren();
  const xs = [], ys = [];
  for (const [ms, s] of rows) {
    const v = Number(s);
    if (s === '' || !Number.isFinite(v)) continue;
    xs.push(ms / 1000);
    ys.push(v);
  }
  if (xs.length === 0) {
    hint(container, t('no_history'));
    return null;
  }
  // Hold the last value to the end of the range, so a quiet sensor still draws a line.
  xs.push(endMs / 1000);
  ys.push(ys[ys.length - 1]);
  const [x0, x1] = xRange(xs[0] * 1000, startMs, endMs);
  const opts = {
    width: width(container),
    height: 200,
    scales: { x: { time: true, range: () => [x0 / 1000, x1 / 1000] } },
    series: [{}, { label: unit ? `${label} (${unit})` : label, stroke: '#2f7de1', width: 2, fill: 'rgba(47,125,225,0.10)' }],
    axes: [timeAxis(x0, x1), { stroke: '#888' }],
  };
  return new uPlot(opts, [xs, ys], container);
}

// On/off history of several entities -> one uPlot with a stepped band per entity: row i is
// drawn between i and i + 0.8 when on, flat at i when off.
export function drawTimelines(container, items, startMs, endMs) {
  container.replaceChildren();
  if (!items.length) return null;
  let first = null;
  for (const it of items) if (it.rows.length && (first === null || it.rows[0][0] < first)) first = it.rows[0][0];
  const [x0, x1] = xRange(first, startMs, endMs);
  // One shared x axis: every change time of every entity, plus both ends.
  const times = new Set([x0, x1]);
  for (const it of items) for (const [ms] of it.rows) if (ms >= x0 && ms <= x1) times.add(ms);
  const xs = [...times].sort((a, b) => a - b);
  const n = items.length;
  const data = [xs.map((ms) => ms / 1000)];
  const series = [{}];
  items.forEach((it, k) => {
    const row = n - 1 - k; // first item on top
    let j = 0, cur = null;
    // the state before the range starts, if a row says so
    while (j < it.rows.length && it.rows[j][0] <= x0) { cur = it.rows[j][1]; j++; }
    const ys = xs.map((ms) => {
      while (j < it.rows.length && it.rows[j][0] <= ms) { cur = it.rows[j][1]; j++; }
      return cur === null ? null : row + (ON_STATES.has(cur) ? 0.8 : 0.04);
    });
    data.push(ys);
    const c = COLORS[k % COLORS.length];
    series.push({
      label: it.label, stroke: c, fill: c + '55', width: 1.5, fillTo: row, spanGaps: false,
      points: { show: false },
      paths: uPlot.paths.stepped({ align: 1 }),
      value: (u, v) => (v == null ? '–' : v - row > 0.5 ? t('on') : t('off')),
    });
  });
  const names = items.map((it) => it.label);
  return new uPlot({
    width: width(container),
    height: 34 + 26 * n,
    scales: { x: { time: true, range: () => [x0 / 1000, x1 / 1000] }, y: { range: [0, n] } },
    series,
    axes: [
      timeAxis(x0, x1),
      {
        stroke: '#888', size: 140, gap: 4,
        splits: () => names.map((_, k) => n - 1 - k + 0.4),
        values: (u, splits) => splits.map((v) => names[n - 1 - Math.round(v - 0.4)] || ''),
        grid: { show: false }, ticks: { show: false },
      },
    ],
    legend: { show: false },
    cursor: { y: false },
  }, data, container);
}
