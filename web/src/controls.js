// controls.js: one card per entity with the controls its domain needs. A card keeps its
// elements and update(state) only changes values, so a slider being dragged is not reset.
// Actions are the plugin vocabulary (include/hub/plugin.h): turn_on {brightness,
// color_temp_kelvin, rgb_color}, set_position, set_temperature, set_hvac_mode, set_percentage,
// lock/unlock, media_*, volume_set.

import { t, stateText } from './i18n.js';

function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

// Set an input's value unless the user is holding it.
function setValue(input, v) {
  if (document.activeElement !== input && v !== undefined && v !== null) input.value = v;
}

function slider(label, min, max, step, onChange) {
  const input = el('input', { type: 'range', min, max, step, 'aria-label': label });
  const out = el('output');
  input.addEventListener('input', () => { out.textContent = input.value; });
  input.addEventListener('change', () => onChange(Number(input.value)));
  const row = el('label', { class: 'ctl' }, el('span', { class: 'ctl-label' }, label), input, out);
  return { row, input, out };
}

function rgbToHex(rgb) {
  if (!Array.isArray(rgb) || rgb.length !== 3) return '#ffffff';
  return '#' + rgb.map((x) => Math.max(0, Math.min(255, x | 0)).toString(16).padStart(2, '0')).join('');
}

function hexToRgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

// What on/off mean for a binary sensor of a device class (Home Assistant's words).
const BINARY_WORDS = {
  door: ['open', 'closed'], window: ['open', 'closed'], opening: ['open', 'closed'],
  garage_door: ['open', 'closed'], motion: ['detected', 'clear'], occupancy: ['detected', 'clear'],
  presence: ['home', 'away'], moisture: ['wet', 'not_wet'], smoke: ['detected', 'clear'],
};

const TOGGLE_DOMAINS = new Set(['light', 'switch', 'fan', 'input_boolean', 'siren', 'humidifier']);

// make(entity, call) -> {el, update(entity)}; call(action, args) returns a Promise.
export function makeCard(ent, call) {
  const d = ent.domain;
  const card = el('article', { class: `device d-${d}`, 'data-entity': ent.entity_id });
  const name = el('span', { class: 'name' });
  const state = el('span', { class: 'state' });
  const head = el('div', { class: 'head' }, name, state);
  card.append(head);
  const parts = []; // update functions
  const attrs = () => card._ent.attributes || {};
  const caps = () => card._ent.capabilities || {};
  const has = (k) => caps()[k] !== undefined || attrs()[k] !== undefined;

  if (TOGGLE_DOMAINS.has(d)) {
    const sw = el('button', { class: 'toggle', type: 'button', role: 'switch' });
    sw.addEventListener('click', () => call(card._ent.state === 'on' ? 'turn_off' : 'turn_on', {}));
    head.append(sw);
    parts.push((e) => {
      sw.setAttribute('aria-checked', e.state === 'on' ? 'true' : 'false');
      sw.setAttribute('aria-label', `${e.name}: ${e.state === 'on' ? t('on') : t('off')}`);
    });
  }
  if (d === 'light') {
    const b = slider(t('brightness'), 1, 100, 1, (v) => call('turn_on', { brightness: v }));
    const ct = slider(t('color_temp'), 2000, 6500, 50, (v) => call('turn_on', { color_temp_kelvin: v }));
    const color = el('input', { type: 'color', 'aria-label': t('color') });
    color.addEventListener('change', () => call('turn_on', { rgb_color: hexToRgb(color.value) }));
    const crow = el('label', { class: 'ctl' }, el('span', { class: 'ctl-label' }, t('color')), color);
    card.append(b.row, ct.row, crow);
    parts.push((e) => {
      const a = e.attributes || {};
      const c = e.capabilities || {};
      // capabilities: brightness: bool, color_temp: [min K, max K], color: bool
      b.row.hidden = !(c.brightness === true || (c.brightness === undefined && a.brightness !== undefined));
      setValue(b.input, a.brightness); b.out.textContent = a.brightness ?? '';
      const ctr = Array.isArray(c.color_temp) ? c.color_temp : null;
      ct.row.hidden = !(ctr || (c.color_temp === undefined && a.color_temp_kelvin !== undefined));
      if (ctr) { ct.input.min = ctr[0]; ct.input.max = ctr[1]; }
      setValue(ct.input, a.color_temp_kelvin); ct.out.textContent = a.color_temp_kelvin ?? '';
      crow.hidden = !(c.color === true || (c.color === undefined && a.rgb_color !== undefined));
      setValue(color, rgbToHex(a.rgb_color));
    });
  } else if (d === 'fan') {
    const s = slider(t('speed'), 0, 100, 1, (v) => call('set_percentage', { percentage: v }));
    card.append(s.row);
    parts.push((e) => { setValue(s.input, e.attributes.percentage); s.out.textContent = e.attributes.percentage ?? ''; });
  } else if (d === 'cover' || d === 'valve') {
    const btns = el('div', { class: 'btns' },
      el('button', { type: 'button', onclick: () => call('open', {}) }, t('open')),
      el('button', { type: 'button', onclick: () => call('stop', {}) }, t('stop')),
      el('button', { type: 'button', onclick: () => call('close', {}) }, t('close')));
    const p = slider(t('position'), 0, 100, 1, (v) => call('set_position', { position: v }));
    card.append(btns, p.row);
    parts.push((e) => {
      p.row.hidden = e.attributes.position === undefined && !caps().position;
      setValue(p.input, e.attributes.position); p.out.textContent = e.attributes.position ?? '';
    });
  } else if (d === 'climate') {
    const sp = el('output', { class: 'setpoint' });
    const step = () => Number(caps().temp_step || 0.5);
    const bump = (k) => {
      const cur = Number(attrs().temperature ?? 20);
      const lo = caps().min_temp ?? 5, hi = caps().max_temp ?? 35;
      const v = Math.min(hi, Math.max(lo, Math.round((cur + k * step()) * 10) / 10));
      call('set_temperature', { temperature: v });
    };
    const mode = el('select', { 'aria-label': t('mode') });
    mode.addEventListener('change', () => call('set_hvac_mode', { hvac_mode: mode.value }));
    card.append(el('div', { class: 'ctl' }, el('span', { class: 'ctl-label' }, t('setpoint')),
      el('button', { type: 'button', class: 'round', onclick: () => bump(-1), 'aria-label': '-' }, '−'), sp,
      el('button', { type: 'button', class: 'round', onclick: () => bump(1), 'aria-label': '+' }, '+')),
    el('label', { class: 'ctl' }, el('span', { class: 'ctl-label' }, t('mode')), mode));
    parts.push((e) => {
      const a = e.attributes;
      sp.textContent = a.temperature !== undefined ? `${a.temperature}°` : '–';
      const modes = caps().hvac_modes || a.hvac_modes || ['off', 'heat', 'cool', 'auto'];
      if (mode.options.length !== modes.length)
        mode.replaceChildren(...modes.map((m) => el('option', { value: m }, stateText(m))));
      setValue(mode, a.hvac_mode || e.state);
    });
  } else if (d === 'lock') {
    const b = el('button', { type: 'button', class: 'wide' });
    b.addEventListener('click', () => call(card._ent.state === 'locked' ? 'unlock' : 'lock', {}));
    card.append(b);
    parts.push((e) => { b.textContent = e.state === 'locked' ? t('unlock') : t('lock'); });
  } else if (d === 'media_player') {
    const pp = el('button', { type: 'button' });
    pp.addEventListener('click', () => call(card._ent.state === 'playing' ? 'media_pause' : 'media_play', {}));
    const v = slider(t('volume'), 0, 100, 1, (x) => call('volume_set', { volume_level: x }));
    card.append(el('div', { class: 'btns' },
      el('button', { type: 'button', onclick: () => call('media_previous', {}), 'aria-label': t('previous') }, '◀◀'),
      pp,
      el('button', { type: 'button', onclick: () => call('media_next', {}), 'aria-label': t('next') }, '▶▶')), v.row);
    parts.push((e) => {
      pp.textContent = e.state === 'playing' ? `❚❚ ${t('pause')}` : `▶ ${t('play')}`;
      setValue(v.input, e.attributes.volume_level); v.out.textContent = e.attributes.volume_level ?? '';
    });
  }

  card._ent = ent;
  const update = (e) => {
    card._ent = e;
    name.textContent = e.name || e.entity_id;
    const unit = (e.attributes && e.attributes.unit_of_measurement) || e.unit || '';
    let s = e.state;
    if (e.state === 'unavailable' || e.available === false) s = t('unavailable');
    else if (e.domain === 'binary_sensor' && BINARY_WORDS[e.device_class])
      s = stateText(BINARY_WORDS[e.device_class][e.state === 'on' ? 0 : 1]);
    else if (e.state === 'on' || e.state === 'off') s = t(e.state);
    else s = stateText(e.state);
    state.textContent = unit && e.state !== 'unavailable' ? `${s} ${unit}` : s;
    card.classList.toggle('is-on', ['on', 'open', 'playing', 'unlocked', 'heat', 'cool', 'auto'].includes(e.state));
    card.classList.toggle('is-unavailable', e.state === 'unavailable' || e.available === false);
    for (const p of parts) p(e);
  };
  update(ent);
  return { el: card, update };
}
