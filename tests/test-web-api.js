// test-web-api.js: the websocket API and the HTTP side of hubd's web module, with a real
// client (the npm `ws` package) against a real hubd + mosquitto + hub-sim started by
// test-web-api.sh (WEB_URL, WEB_TOKEN, MQTT in the environment). Prints ok/FAIL lines; exits 1
// on any failure.
'use strict';
const WebSocket = require('ws');
const http = require('http');
const zlib = require('zlib');
const { execFileSync } = require('child_process');

const URL_ = process.env.WEB_URL;
const WS_URL = URL_.replace(/^http/, 'ws') + '/api/websocket';
const TOKEN = process.env.WEB_TOKEN;
const LAMP = 'light.bedside_lamp_1';
let fails = 0;
const ok = (m) => console.log(`ok: ${m}`);
const bad = (m) => { console.log(`FAIL: ${m}`); fails++; };
const check = (cond, m) => (cond ? ok(m) : bad(m));

function get(path, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(URL_ + path, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

// A websocket client that queues what it receives and can wait for a matching message.
class Client {
  constructor(url = WS_URL) {
    this.msgs = [];
    this.waiters = [];
    this.nextId = 1;
    this.closed = null;
    this.ws = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.ws.on('open', resolve);
      this.ws.on('error', reject);
    });
    this.ws.on('message', (d) => {
      let m;
      try { m = JSON.parse(d.toString()); } catch { m = { unparsable: d.toString() }; }
      this.msgs.push(m);
      this.poke();
    });
    this.ws.on('close', (code, reason) => { this.closed = { code, reason: reason.toString() }; this.poke(); });
    this.ws.on('error', () => {});
  }
  poke() { for (const w of this.waiters.slice()) w(); }
  // Wait for (and remove) the first message passing pred.
  wait(pred, ms = 5000, what = 'message') {
    return new Promise((resolve, reject) => {
      const tryIt = () => {
        const i = this.msgs.findIndex(pred);
        if (i >= 0) {
          done();
          resolve(this.msgs.splice(i, 1)[0]);
        } else if (this.closed && what !== 'close') {
          done();
          reject(new Error(`connection closed (${this.closed.code}) while waiting for ${what}`));
        }
      };
      const timer = setTimeout(() => { done(); reject(new Error(`timeout waiting for ${what}`)); }, ms);
      const done = () => { clearTimeout(timer); this.waiters = this.waiters.filter((w) => w !== tryIt); };
      this.waiters.push(tryIt);
      tryIt();
    });
  }
  waitClose(ms = 5000) {
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve(this.closed);
      const timer = setTimeout(() => reject(new Error('timeout waiting for close')), ms);
      this.ws.on('close', () => { clearTimeout(timer); resolve(this.closed); });
    });
  }
  send(obj) { this.ws.send(typeof obj === 'string' ? obj : JSON.stringify(obj)); }
  async request(type, fields = {}, ms = 5000) {
    const id = this.nextId++;
    this.send({ id, type, ...fields });
    return this.wait((m) => m.type === 'result' && m.id === id, ms, `result of ${type}`);
  }
  async auth(token = TOKEN) {
    await this.opened;
    const first = await this.wait(() => true, 5000, 'auth_required');
    if (first.type !== 'auth_required') throw new Error(`first message is ${JSON.stringify(first)}`);
    this.send({ type: 'auth', access_token: token });
    return this.wait((m) => m.type === 'auth_ok' || m.type === 'auth_invalid', 5000, 'auth answer');
  }
  close() { this.ws.close(); }
}

async function httpTests() {
  const plain = await get('/');
  check(plain.status === 200 && /text\/html/.test(plain.headers['content-type']) &&
    plain.body.toString().includes('<main id="main"'), `GET / -> 200 text/html (${plain.status})`);
  const csp = plain.headers['content-security-policy'] || '';
  check(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp) && /default-src 'none'/.test(csp),
    `strict CSP: ${csp.slice(0, 60)}...`);
  check(!/<script>|<script [^>]*>[^<]/.test(plain.body.toString()) && !/ on[a-z]+="/.test(plain.body.toString()),
    'index.html has no inline script or handler');
  check(plain.headers['cache-control'] === 'no-cache' && /^"[0-9a-f-]+"$/.test(plain.headers.etag || ''),
    `cache-control ${plain.headers['cache-control']}, etag ${plain.headers.etag}`);
  const gz = await get('/', { 'Accept-Encoding': 'gzip, deflate' });
  let same = false;
  try { same = zlib.gunzipSync(gz.body).equals(plain.body); } catch { same = false; }
  check(gz.headers['content-encoding'] === 'gzip' && same && gz.body.length < plain.body.length,
    `gzip served to a client that accepts it (${gz.body.length} < ${plain.body.length} bytes), unzips to the same page`);
  check(!plain.headers['content-encoding'], 'no gzip for a client that does not ask');
  const again = await get('/', { 'If-None-Match': plain.headers.etag });
  check(again.status === 304 && again.body.length === 0, `If-None-Match with the ETag -> ${again.status}`);
  const types = { '/app.js': /^text\/javascript/, '/style.css': /^text\/css/, '/icon.svg': /^image\/svg\+xml/,
    '/uPlot.iife.min.js': /^text\/javascript/, '/uPlot.min.css': /^text\/css/ };
  for (const [p, re] of Object.entries(types)) {
    const r = await get(p);
    check(r.status === 200 && re.test(r.headers['content-type'] || ''), `${p} -> ${r.status} ${r.headers['content-type']}`);
  }
  for (const p of ['/nope.html', '/../hub.db', '/%2e%2e/etc/passwd', '/.hidden.js', '/index.html.gz', '//etc/passwd']) {
    const r = await get(p);
    check(r.status === 404, `${p} -> ${r.status}`);
  }
  const post = await get('/', { 'Content-Length': '0' }, 'POST');
  check(post.status >= 400, `POST / refused (${post.status})`);
}

async function authTests() {
  let c = new Client();
  let r = await c.auth('hubd_wrong');
  check(r.type === 'auth_invalid' && r.message, `wrong token -> auth_invalid (${r.message})`);
  let cl = await c.waitClose();
  check(cl.code === 1008, `... and the connection is closed (${cl.code})`);

  c = new Client();
  await c.opened;
  await c.wait((m) => m.type === 'auth_required');
  c.send({ id: 1, type: 'get_states' });
  r = await c.wait(() => true);
  check(r.type === 'auth_invalid', `get_states before auth -> ${r.type}`);
  cl = await c.waitClose();
  check(!!cl, 'connection closed after a request without auth');

  c = new Client();
  await c.opened;
  await c.wait((m) => m.type === 'auth_required');
  c.send('{"type": "auth", "access_token": ');
  r = await c.wait(() => true);
  check(r.type === 'auth_invalid', `malformed auth -> ${r.type}`);

  c = new Client();
  r = await c.auth(TOKEN.slice(0, -1) + (TOKEN.endsWith('A') ? 'B' : 'A'));
  check(r.type === 'auth_invalid', 'token with one character changed -> auth_invalid');

  const other = new WebSocket(URL_.replace(/^http/, 'ws') + '/not-the-api');
  const res = await new Promise((resolve) => {
    other.on('open', () => resolve('open'));
    other.on('error', (e) => resolve(`error ${e.message}`));
    other.on('unexpected-response', (req, resp) => resolve(`http ${resp.statusCode}`));
  });
  check(res !== 'open', `websocket on another path refused (${res})`);
}

async function apiTests() {
  const c = new Client();
  let r = await c.auth();
  check(r.type === 'auth_ok', `good token -> ${r.type}`);

  r = await c.request('get_states');
  const states = r.result || [];
  const lamp = states.find((s) => s.entity_id === LAMP);
  check(r.success && states.length >= 20 && lamp && lamp.area === 'Bedroom' && lamp.floor && lamp.domain === 'light'
    && lamp.capabilities, `get_states: ${states.length} entities, ${LAMP} in ${lamp && lamp.area} / ${lamp && lamp.floor}`);
  r = await c.request('get_areas');
  check(r.success && r.result.floors.length >= 2 && r.result.areas.some((a) => a.name === 'Bedroom' && a.floor),
    `get_areas: ${r.result && r.result.floors.map((f) => f.name).join(', ')}`);
  // the house file's aliases, kept in the database: "upstairs" names the First Floor
  const first = r.success && r.result.floors.find((f) => f.name === 'First Floor');
  check(first && first.aliases.includes('upstairs') &&
    r.result.areas.some((a) => a.name === 'Hallway' && a.aliases.includes('hall')),
    `get_areas aliases: First Floor ${JSON.stringify(first && first.aliases)}`);

  const pongId = c.nextId;
  c.send({ id: pongId, type: 'ping' });
  c.nextId++;
  r = await c.wait((m) => m.id === pongId);
  check(r.type === 'pong', `ping -> ${r.type}`);

  r = await c.request('subscribe_states');
  const subId = c.nextId - 1;
  check(r.success, 'subscribe_states');

  // Known start: off, then on through the API; the event and the state must follow.
  const want = lamp.state === 'on' ? 'off' : 'on';
  const t0 = Date.now();
  r = await c.request('call', { entity: LAMP, action: want === 'on' ? 'turn_on' : 'turn_off', args: {} });
  check(r.success && r.result.entity_id === LAMP, `call ${LAMP} turn_${want} -> success`);
  try {
    const ev = await c.wait((m) => m.type === 'event' && m.id === subId &&
      m.event.data.entity_id === LAMP && m.event.data.new_state.state === want, 5000, 'state_changed');
    ok(`state_changed event for ${LAMP} -> ${want} in ${Date.now() - t0} ms (subscription id ${ev.id})`);
  } catch (e) { bad(`no state_changed for ${LAMP}: ${e.message}`); }
  r = await c.request('call', { entity: LAMP, action: 'turn_on', args: { brightness: 42 } });
  try {
    await c.wait((m) => m.type === 'event' && m.event.data.entity_id === LAMP &&
      m.event.data.new_state.attributes.brightness === 42, 5000, 'brightness 42');
    ok('turn_on brightness 42 -> event with brightness 42');
  } catch (e) { bad(e.message); }
  r = await c.request('get_states');
  const lamp2 = r.result.find((s) => s.entity_id === LAMP);
  check(lamp2.state === 'on' && lamp2.attributes.brightness === 42, `get_states shows the change (${lamp2.state})`);

  // Errors of call.
  r = await c.request('call', { entity: 'light.no_such_lamp', action: 'turn_on' });
  check(!r.success && r.error.code === 'not_found', `call unknown entity -> ${r.error && r.error.code}`);
  r = await c.request('call', { entity: LAMP });
  check(!r.success && r.error.code === 'invalid_format', `call without action -> ${r.error && r.error.code}`);
  r = await c.request('call', { entity: LAMP, action: 'turn_on', args: [1, 2] });
  check(!r.success && r.error.code === 'invalid_format', `call with args not an object -> ${r.error && r.error.code}`);
  r = await c.request('call', { entity: LAMP, action: 'fly_to_the_moon' });
  check(!r.success && r.error.message, `call unknown action -> ${r.error && r.error.code}: ${r.error && r.error.message}`);

  // command: through the language engine when hubd has one, else a clean not_ready.
  r = await c.request('command', { text: 'turn on the kitchen light', lang: 'en' }, 30000);
  check(r.success ? typeof r.result.text === 'string' && 'intent' in r.result
    : r.error.code === 'not_ready' && r.error.message,
  `command -> ${r.success ? JSON.stringify(r.result).slice(0, 120) : r.error.code}`);
  r = await c.request('command', {});
  check(!r.success && r.error.code === 'invalid_format', `command without text -> ${r.error && r.error.code}`);
  r = await c.request('command', { text: 'x'.repeat(5000) });
  check(!r.success && r.error.code === 'invalid_format', 'command with 5000 bytes of text refused');

  // history from the store.
  r = await c.request('history', { entity: LAMP, start: t0 - 1000, end: Date.now() + 1000 });
  const hs = (r.result && r.result.states) || [];
  check(r.success && hs.some((x) => x[1] === want) && hs.every((x) => typeof x[0] === 'number'),
    `history of ${LAMP}: ${hs.length} rows, includes '${want}'`);
  r = await c.request('history', { entity: LAMP, start: new Date(t0 - 1000).toISOString(), end: new Date(Date.now() + 1000).toISOString() });
  check(r.success && r.result.states.length === hs.length, 'history with ISO 8601 times gives the same rows');
  r = await c.request('history', { entity: LAMP, start: Date.now() - 10, end: Date.now() - 20 });
  check(!r.success && r.error.code === 'invalid_format', 'history with start after end refused');
  r = await c.request('history', { entity: LAMP, start: 'yesterday' });
  check(!r.success && r.error.code === 'invalid_format', 'history with a bad start refused');
  r = await c.request('history', { entity: 'sensor.nothing_here' });
  check(!r.success && r.error.code === 'not_found', 'history of an unknown entity -> not_found');
  const sensor = states.find((s) => s.domain === 'sensor' && Number.isFinite(Number(s.state)));
  r = await c.request('history', { entity: sensor.entity_id });
  check(r.success && Array.isArray(r.result.states), `history of ${sensor.entity_id} (default: last 24 h): ${r.result.states.length} rows`);

  // rules/*: the rules engine's API (hubd/rules.h), errors as result messages.
  r = await c.request('rules/list');
  check(r.success && Array.isArray(r.result.rules), `rules/list -> ${r.success ? r.result.rules.length + ' rules' : r.error.code}`);
  r = await c.request('rules/create', { rule: { alias: 'web test', triggers: [{ trigger: 'state', entity_id: LAMP, to: 'on' }],
    actions: [{ action: 'light.turn_on', target: { entity_id: 'light.bedside_lamp_2' } }] } });
  const ruleId = r.success ? r.result.rule_id : null;
  check(r.success || (r.error && r.error.code && r.error.message), `rules/create -> ${r.success ? ruleId : r.error.code + ': ' + r.error.message}`);
  r = await c.request('rules/create', { rule: 'not a rule' });
  check(!r.success && r.error.code && r.error.message, `rules/create with a bad rule -> ${r.error && r.error.code}`);
  r = await c.request('rules/delete', { rule_id: 'no_such_rule_here' });
  check(!r.success && r.error.code === 'not_found', `rules/delete of an unknown rule -> ${r.error && r.error.code}`);
  r = await c.request('rules/frobnicate');
  check(!r.success && r.error.code === 'unknown_command', `rules/frobnicate -> ${r.error && r.error.code}`);
  if (ruleId) {
    r = await c.request('rules/delete', { rule_id: ruleId });
    check(r.success, `rules/delete ${ruleId}`);
  }

  // Malformed input: answered, connection unharmed.
  r = await c.request('no_such_type');
  check(!r.success && r.error.code === 'unknown_command', `unknown type -> ${r.error.code}`);
  c.send('{"id": 900, "type": "get_states"');
  r = await c.wait((m) => m.type === 'result' && m.id === null && !m.success);
  check(r.error.code === 'invalid_format' && /malformed JSON/.test(r.error.message), `malformed JSON -> ${r.error.message}`);
  c.send('[1,2,3]');
  r = await c.wait((m) => m.type === 'result' && m.id === null && !m.success);
  check(r.error.code === 'invalid_format', 'JSON that is not an object -> invalid_format');
  c.send({ type: 'get_states' });
  r = await c.wait((m) => m.type === 'result' && m.id === null && !m.success);
  check(r.error.code === 'invalid_format', 'message without id -> invalid_format');
  c.send({ id: 901, type: 'ping', id2: 1, type2: 2, x: { y: [1, 2] } });
  r = await c.wait((m) => m.id === 901);
  check(r.type === 'pong', 'extra fields ignored');
  c.send({ id: 905, type: 'ping', x: 'a\u0000b' });
  r = await c.wait((m) => m.id === 905 || (m.type === 'result' && m.id === null));
  check(r.type === 'pong' || r.error.code === 'invalid_format', `NUL escape in a string -> ${r.type} ${r.error ? r.error.code : ''}`);
  c.send('{"id": 902, "id": 903, "type": "ping"}');
  r = await c.wait((m) => m.type === 'result' && m.id === null && !m.success);
  check(r.error.code === 'invalid_format', 'duplicate keys refused');
  c.ws.send(Buffer.from([1, 2, 3, 0xff]), { binary: true });
  r = await c.wait((m) => m.type === 'result' && !m.success);
  check(r.error.code === 'invalid_format', 'binary frame -> invalid_format');
  // A message in several fragments is put together.
  const frag = JSON.stringify({ id: 904, type: 'ping', pad: 'p'.repeat(30000) });
  c.ws.send(frag.slice(0, 10000), { fin: false });
  c.ws.send(frag.slice(10000, 20000), { fin: false });
  c.ws.send(frag.slice(20000), { fin: true });
  r = await c.wait((m) => m.id === 904);
  check(r.type === 'pong', 'message in 3 fragments (30 KB) assembled');
  r = await c.request('unsubscribe_events', { subscription: subId });
  check(r.success, 'unsubscribe_events');
  r = await c.request('unsubscribe_events', { subscription: subId });
  check(!r.success && r.error.code === 'not_found', 'unsubscribe twice -> not_found');

  // Oversized message: closed with 1009, the hub carries on.
  const big = new Client();
  await big.auth();
  big.send(JSON.stringify({ id: 1, type: 'ping', pad: 'x'.repeat(70000) }));
  const cl = await big.waitClose();
  check(cl.code === 1009, `70 KB message -> close ${cl.code} (${cl.reason})`);
  r = await c.request('get_states');
  check(r.success && r.result.length === states.length, 'other clients unharmed; hub still answers');
  // Invalid UTF-8 in a text frame: lws checks it (LWS_SERVER_OPTION_VALIDATE_UTF8).
  const u = new Client();
  await u.auth();
  u.ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false }); // a text frame, not UTF-8
  const ucl = await u.waitClose().catch(() => null);
  check(ucl && ucl.code !== 1000, `invalid UTF-8 -> closed (${ucl && ucl.code})`);
  r = await c.request('get_states');
  check(r.success, 'hub still answers after the bad UTF-8 client');
  c.close();
}

(async () => {
  try {
    // A client that connects and never authenticates: dropped after 10 s (checked at the end).
    const idle = new Client();
    const idleSince = Date.now();
    await httpTests();
    await authTests();
    await apiTests();
    const icl = await idle.waitClose(15000).catch(() => null);
    check(icl && !idle.msgs.some((m) => m.type === 'auth_ok'),
      `a client that never authenticates is dropped (after ${((Date.now() - idleSince) / 1000).toFixed(1)} s)`);
  } catch (e) {
    bad(`exception: ${e.stack}`);
  }
  console.log(fails ? `${fails} FAILED` : 'all passed');
  process.exit(fails ? 1 : 0);
})();
