// charts.js: history charts with uPlot (the global from uPlot.iife.min.js, installed from npm):
// a line chart for a numeric sensor and stepped on/off timelines for binary entities.
// History rows come from the API's history message as [ms, state] pairs.

import { t } from './i18n.js';

const ON_STATES = new Set(['on', 'open', 'playing', 'unlocked', 'heat', 'cool', 'auto', 'home', 'detected']);

function width(container) {
  return Math.max(240, Math.floor(container.getBoundingClientRect().width) - 4);
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
    container.append(Object.assign(document.createElement('p'), { className: 'hint', textContent: t('no_history') }));
    return null;
  }
  // Hold the last value to the end of the range, so a quiet sensor still draws a line.
  xs.push(endMs / 1000);
  ys.push(ys[ys.length - 1]);
  const opts = {
    width: width(container),
    height: 200,
    scales: { x: { time: true, min: startMs / 1000, max: endMs / 1000 } },
    series: [{}, { label: unit ? `${label} (${unit})` : label, stroke: '#2f7de1', width: 2, fill: 'rgba(47,125,225,0.08)' }],
    axes: [{ stroke: '#888' }, { stroke: '#888' }],
    legend: { show: true },
  };
  return new uPlot(opts, [xs, ys], container);
}

// On/off history of several entities -> one small stepped uPlot each.
export function drawTimelines(container, items, startMs, endMs) {
  container.replaceChildren();
  const plots = [];
  for (const { label, rows } of items) {
    const xs = [startMs / 1000], ys = [rows.length ? null : 0];
    for (const [ms, s] of rows) {
      xs.push(Math.max(ms, startMs) / 1000);
      ys.push(ON_STATES.has(s) ? 1 : 0);
    }
    xs.push(endMs / 1000);
    ys.push(ys[ys.length - 1]);
    const box = document.createElement('div');
    box.className = 'timeline';
    container.append(box);
    plots.push(new uPlot({
      width: width(container),
      height: 70,
      scales: { x: { time: true, min: startMs / 1000, max: endMs / 1000 }, y: { range: [0, 1.05] } },
      series: [{}, {
        label, stroke: '#e0a100', fill: 'rgba(224,161,0,0.35)', width: 1,
        paths: uPlot.paths.stepped({ align: 1 }),
        value: (u, v) => (v == null ? '–' : v ? t('on') : t('off')),
      }],
      axes: [{ stroke: '#888', size: 24 }, { show: false }],
      legend: { show: true },
      cursor: { y: false },
    }, [xs, ys], box));
  }
  return plots;
}
