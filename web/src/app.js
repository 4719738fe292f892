// app.js: the dashboard. Signs in with an access token (kept in localStorage; a
// "#token=..." fragment, which never reaches the server, also works), then shows the devices
// grouped by floor and area with live updates, a command box, history charts, an event log and
// the rules list. English and Chinese (i18n.js).

import { HubApi } from './api.js';
import { makeCard } from './controls.js';
import { drawLine, drawTimelines } from './charts.js';
import { t, apply, getLang, setLang } from './i18n.js';

const $ = (id) => document.getElementById(id);
const entities = new Map(); // entity_id -> state object from the API
const cards = new Map(); // entity_id -> {el, update}
let floors = [], areas = [];
let api = null;
let historyTimer = null;

const TIMELINE_DOMAINS = new Set(['light', 'switch', 'binary_sensor', 'lock', 'cover', 'fan', 'input_boolean']);

function numericLike(e) {
  return e.domain === 'sensor' && e.state !== '' && Number.isFinite(Number(e.state));
}

// ---- sign in ----

function takeFragmentToken() {
  const m = /^#token=([A-Za-z0-9_\-.]+)$/.exec(location.hash);
  if (!m) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return m[1];
}

function showLogin(message) {
  $('main').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('token').focus();
}

function start(token) {
  if (api) api.close();
  localStorage.setItem('hubd.token', token);
  $('login').hidden = true;
  $('main').hidden = false;
  $('logout').hidden = false;
  api = new HubApi(token);
  api.addEventListener('status', (ev) => onStatus(ev.detail));
  api.addEventListener('state', (ev) => onStateEvent(ev.detail));
  api.connect();
}

function onStatus({ status, detail }) {
  const c = $('conn');
  c.dataset.i18n = status === 'connected' ? 'connected' : status === 'auth_invalid' ? 'disconnected' : status;
  c.textContent = t(c.dataset.i18n);
  c.className = `conn conn-${status === 'connected' ? 'on' : 'off'}`;
  if (status === 'auth_invalid') {
    localStorage.removeItem('hubd.token');
    showLogin(`${t('auth_invalid')} (${detail || ''})`);
  } else if (status === 'connected') {
    load();
  }
}

// ---- devices ----

async function load() {
  try {
    const [reg, states] = await Promise.all([api.request('get_areas'), api.request('get_states')]);
    floors = reg.floors || [];
    areas = reg.areas || [];
    entities.clear();
    for (const s of states) entities.set(s.entity_id, s);
    await api.request('subscribe_states');
    renderDevices();
    fillHistorySelect();
    loadRules();
  } catch (e) {
    console.warn('load failed', e);
  }
}

function call(entityId, action, args) {
  return api.request('call', { entity: entityId, action, args }).catch((e) => {
    logEvent(`${t('call_failed')}${entityId} ${action}: ${e.message}`, 'error');
  });
}

function renderDevices() {
  const root = $('devices');
  root.replaceChildren();
  cards.clear();
  const floorLevel = new Map(floors.map((f) => [f.name, f.level]));
  const areaFloor = new Map(areas.map((a) => [a.name, a.floor]));
  // floor -> area -> [entities]
  const groups = new Map();
  for (const e of entities.values()) {
    const area = e.area || '';
    const floor = e.floor || areaFloor.get(area) || '';
    if (!groups.has(floor)) groups.set(floor, new Map());
    const g = groups.get(floor);
    if (!g.has(area)) g.set(area, []);
    g.get(area).push(e);
  }
  const floorKeys = [...groups.keys()].sort((a, b) => {
    if (!a !== !b) return a ? -1 : 1;
    return (floorLevel.get(a) ?? 99) - (floorLevel.get(b) ?? 99) || a.localeCompare(b);
  });
  for (const f of floorKeys) {
    const sec = document.createElement('section');
    sec.className = 'floor';
    const h = document.createElement('h2');
    h.textContent = f || t('no_floor');
    sec.append(h);
    const areaKeys = [...groups.get(f).keys()].sort((a, b) => (!a !== !b ? (a ? -1 : 1) : a.localeCompare(b)));
    for (const a of areaKeys) {
      const box = document.createElement('div');
      box.className = 'area';
      const ah = document.createElement('h3');
      ah.textContent = a || t('no_area');
      const grid = document.createElement('div');
      grid.className = 'grid';
      const list = groups.get(f).get(a).sort((x, y) => (x.name || '').localeCompare(y.name || ''));
      for (const e of list) {
        const c = makeCard(e, (action, args) => call(e.entity_id, action, args));
        cards.set(e.entity_id, c);
        grid.append(c.el);
      }
      box.append(ah, grid);
      sec.append(box);
    }
    root.append(sec);
  }
}

function onStateEvent(data) {
  const id = data.entity_id;
  const ns = data.new_state;
  if (!ns) return;
  const old = entities.get(id);
  const merged = { ...(old || {}), ...ns, entity_id: id };
  entities.set(id, merged);
  const c = cards.get(id);
  if (c) c.update(merged);
  else renderDevices(); // a new entity
  if (!old || old.state !== merged.state)
    logEvent(t('event_changed', { name: merged.name || id, old: old ? old.state : '–', new: merged.state }));
  if (id === $('history-entity').value || TIMELINE_DOMAINS.has(merged.domain)) scheduleHistory();
}

// ---- event log ----

function logEvent(text, kind) {
  const li = document.createElement('li');
  if (kind) li.className = kind;
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString(getLang());
  li.append(time, ' ', text);
  const log = $('event-log');
  log.prepend(li);
  while (log.children.length > 100) log.lastChild.remove();
}

// ---- command box ----

async function sendCommand(ev) {
  ev.preventDefault();
  const input = $('command-text');
  const text = input.value.trim();
  if (!text || !api) return;
  const out = $('command-answer');
  out.className = 'answer busy';
  out.textContent = '…';
  try {
    const r = await api.request('command', { text, lang: getLang() });
    out.className = `answer ${r.ok === false ? 'error' : 'ok'}`;
    const parts = [];
    if (r.intent) parts.push(`${t('understood')}: ${r.intent}${r.slots ? ' ' + JSON.stringify(r.slots) : ''}`);
    if (r.targets && r.targets.length) parts.push(`→ ${r.targets.join(', ')}`);
    parts.push(r.text || (r.ok === false ? t('failed') : t('done')));
    out.textContent = parts.join(' · ');
    input.value = '';
  } catch (e) {
    out.className = 'answer error';
    out.textContent = e.code === 'not_ready' ? t('not_ready') : `${t('failed')}: ${e.message}`;
    out.title = e.message;
    out.dataset.code = e.code || '';
  }
}

// ---- history ----

function fillHistorySelect() {
  const sel = $('history-entity');
  const cur = sel.value;
  const list = [...entities.values()].filter(numericLike).sort((a, b) => (a.name || '').localeCompare(b.name || ''));
  sel.replaceChildren(...list.map((e) => Object.assign(document.createElement('option'), {
    value: e.entity_id, textContent: `${e.name || e.entity_id}${e.area ? ' · ' + e.area : ''}`,
  })));
  if (cur && list.some((e) => e.entity_id === cur)) sel.value = cur;
  drawHistory();
}

function scheduleHistory() {
  if (historyTimer) return;
  historyTimer = setTimeout(() => { historyTimer = null; drawHistory(); }, 3000);
}

async function drawHistory() {
  if (!api || api.status !== 'connected') return;
  const hours = Number($('history-range').value);
  const end = Date.now(), start = end - hours * 3600 * 1000;
  const id = $('history-entity').value;
  try {
    if (id) {
      const e = entities.get(id) || {};
      const h = await api.request('history', { entity: id, start, end });
      drawLine($('chart'), e.name || id, (e.attributes || {}).unit_of_measurement || e.unit || '', h.states, start, end);
    } else {
      $('chart').textContent = t('no_numeric');
    }
    const tl = [...entities.values()].filter((e) => TIMELINE_DOMAINS.has(e.domain))
      .sort((a, b) => (a.name || '').localeCompare(b.name || '')).slice(0, 8);
    const items = await Promise.all(tl.map(async (e) => {
      const h = await api.request('history', { entity: e.entity_id, start, end });
      return { label: e.name || e.entity_id, rows: h.states };
    }));
    drawTimelines($('timelines'), items, start, end);
  } catch (e) {
    console.warn('history failed', e);
  }
}

// ---- rules ----

async function loadRules() {
  const list = $('rules-list');
  const note = $('rules-note');
  try {
    const res = await api.request('rules/list');
    const rules = (res && res.rules) || [];
    list.replaceChildren(...rules.map((r) => {
      const li = document.createElement('li');
      const sw = document.createElement('button');
      sw.type = 'button';
      sw.className = 'toggle';
      sw.setAttribute('role', 'switch');
      sw.setAttribute('aria-checked', r.enabled === false ? 'false' : 'true');
      sw.setAttribute('aria-label', r.alias || r.id);
      sw.addEventListener('click', async () => {
        try {
          await api.request('rules/enable', { rule_id: r.id, enabled: r.enabled === false });
        } catch (e) { logEvent(`${r.alias || r.id}: ${e.message}`, 'error'); }
        loadRules();
      });
      const name = document.createElement('span');
      name.className = 'rule-name';
      name.textContent = r.alias || r.id;
      const last = document.createElement('span');
      last.className = 'hint';
      last.textContent = r.last_triggered ? new Date(r.last_triggered).toLocaleString(getLang()) : '';
      li.append(sw, name, last);
      return li;
    }));
    note.textContent = rules.length ? '' : t('no_rules');
  } catch (e) {
    list.replaceChildren();
    note.textContent = e.code === 'unknown_command' ? t('rules_pending') : e.message;
  }
}

// ---- page ----

function selectTab(name) {
  document.body.dataset.tab = name;
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === name);
  if (name === 'history') drawHistory();
}

function init() {
  apply();
  $('lang-toggle').textContent = getLang() === 'en' ? '中文' : 'English';
  $('lang-toggle').addEventListener('click', () => {
    setLang(getLang() === 'en' ? 'zh-CN' : 'en');
    $('lang-toggle').textContent = getLang() === 'en' ? '中文' : 'English';
    apply();
    if (api && api.status === 'connected') { renderDevices(); drawHistory(); loadRules(); }
  });
  $('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const tok = $('token').value.trim();
    if (tok) start(tok);
  });
  $('logout').addEventListener('click', () => {
    if (api) api.close();
    api = null;
    localStorage.removeItem('hubd.token');
    showLogin('');
  });
  $('command-form').addEventListener('submit', sendCommand);
  $('history-entity').addEventListener('change', drawHistory);
  $('history-range').addEventListener('change', drawHistory);
  for (const b of document.querySelectorAll('#tabs button')) b.addEventListener('click', () => selectTab(b.dataset.tab));
  document.body.dataset.tab = 'devices';
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(drawHistory, 300);
  });
  // A #token= link opened while the page is already loaded.
  window.addEventListener('hashchange', () => {
    const tok = takeFragmentToken();
    if (tok) start(tok);
  });
  const tok = takeFragmentToken() || localStorage.getItem('hubd.token');
  if (tok) start(tok);
  else showLogin('');
}

init();
