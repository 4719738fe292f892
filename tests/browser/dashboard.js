// dashboard.js: the dashboard in Debian's chromium, driven by playwright-core, against the real
// hub that test-web-browser.sh started (WEB_URL, WEB_TOKEN, MQTT, HUBD_CMD, SHOTS in the
// environment). Signs in, toggles a simulated light and checks both the page and the device's
// own MQTT topic, sends a command, draws a chart, switches to Chinese, survives a hub restart,
// and keeps screenshots (desktop and phone size) in SHOTS. Prints ok/FAIL lines; exit 1 on
// any failure.
'use strict';
const { chromium } = require('playwright-core');
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const URL_ = process.env.WEB_URL;
const TOKEN = process.env.WEB_TOKEN;
const [BHOST, BPORT] = process.env.MQTT.split(':');
const SHOTS = process.env.SHOTS;
const LAMP = 'light.bedside_lamp_1';
const LAMP_TOPIC = 'zigbee2mqtt/Bedside Lamp 1';
let fails = 0;
const ok = (m) => console.log(`ok: ${m}`);
const bad = (m) => { console.log(`FAIL: ${m}`); fails++; };
const check = (c, m) => (c ? ok(m) : bad(m));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Everything the simulated lamp publishes on its own zigbee2mqtt topic.
function watchMqtt(topic) {
  const lines = [];
  const p = spawn('mosquitto_sub', ['-h', BHOST, '-p', BPORT, '-t', topic], { stdio: ['ignore', 'pipe', 'inherit'] });
  p.stdout.on('data', (d) => lines.push(...d.toString().split('\n').filter(Boolean)));
  return { lines, stop: () => p.kill() };
}

async function waitFor(fn, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timeout: ${what}`);
    await sleep(100);
  }
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1366, height: 900 },
  });
  const problems = [];
  let hubd = null;
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(m.text()))
        problems.push(`console: ${m.text()}`);
      if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
    });

    // ---- sign in ----
    await page.goto(URL_ + '/');
    await page.waitForSelector('#login-form', { state: 'visible', timeout: 10000 });
    ok('login form shown without a token');
    await page.fill('#token', 'hubd_not_a_real_token');
    await page.click('#login-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('login-error').textContent.length > 0, null, { timeout: 10000 });
    ok(`wrong token: "${await page.textContent('#login-error')}"`);
    await page.fill('#token', TOKEN);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector(`article[data-entity="${LAMP}"]`, { timeout: 15000 });
    ok('signed in: devices shown');
    const conn = await page.textContent('#conn');
    check(/connected/.test(conn), `connection shown as "${conn}"`);
    const floors = await page.$$eval('#devices .floor > h2', (hs) => hs.map((h) => h.textContent));
    check(floors.length >= 2 && floors.includes('Ground Floor') && floors.includes('First Floor'),
      `grouped by floor: ${floors.join(', ')}`);
    const areasOf = await page.$$eval('#devices .area > h3', (hs) => hs.length);
    check(areasOf >= 5, `${areasOf} areas shown`);
    const domains = await page.$$eval('#devices article', (as) => [...new Set(as.map((a) => a.className.split(' ')[1]))]);
    for (const d of ['d-light', 'd-cover', 'd-climate', 'd-lock', 'd-fan', 'd-media_player', 'd-sensor'])
      check(domains.includes(d), `cards for ${d.slice(2)}`);
    const ctl = await page.$$eval('#devices article.d-light input[type=range]:not([hidden])', (x) => x.length);
    check(ctl > 0, `light cards have sliders (${ctl})`);
    check(await page.$('#devices article.d-climate select') !== null, 'thermostat has a mode select');
    check(await page.$('#devices article.d-cover input[type=range]') !== null, 'cover has a position slider');
    await page.screenshot({ path: path.join(SHOTS, 'web-desktop-start.png'), fullPage: false });

    // ---- toggle the lamp: page and device follow ----
    const card = page.locator(`article[data-entity="${LAMP}"]`);
    const before = await card.locator('button.toggle').getAttribute('aria-checked');
    const mq = watchMqtt(LAMP_TOPIC);
    await sleep(300);
    const t0 = Date.now();
    await card.locator('button.toggle').click();
    const want = before === 'true' ? 'false' : 'true';
    await page.waitForFunction(([sel, w]) => document.querySelector(sel).getAttribute('aria-checked') === w,
      [`article[data-entity="${LAMP}"] button.toggle`, want], { timeout: 10000 });
    ok(`toggle: page shows ${want === 'true' ? 'on' : 'off'} after ${Date.now() - t0} ms`);
    const devState = want === 'true' ? 'ON' : 'OFF';
    try {
      await waitFor(() => mq.lines.some((l) => l.includes(`"state":"${devState}"`)), 5000, 'device state');
      ok(`the simulated device reported "state":"${devState}" on ${LAMP_TOPIC}`);
    } catch (e) { bad(`device never reported ${devState}: ${mq.lines.slice(-2).join(' | ')}`); }
    mq.stop();
    const events = await page.$$eval('#event-log li', (l) => l.map((x) => x.textContent));
    check(events.some((e) => e.includes('Bedside Lamp 1')), `event log: "${events.find((e) => e.includes('Bedside Lamp 1'))}"`);

    // brightness slider: set 30 %
    const slider = card.locator('input[type=range]').first();
    const mq2 = watchMqtt(LAMP_TOPIC);
    await sleep(300);
    await slider.evaluate((el) => { el.value = 30; el.dispatchEvent(new Event('input')); el.dispatchEvent(new Event('change')); });
    try {
      await waitFor(() => mq2.lines.some((l) => /"brightness":7[67]\b/.test(l)), 5000, 'brightness');
      ok('brightness 30 % from the slider reached the device (76/254)');
    } catch (e) { bad(`brightness not seen on the device: ${mq2.lines.slice(-1)}`); }
    mq2.stop();

    // ---- command box ----
    await page.fill('#command-text', 'turn on the kitchen light');
    await page.press('#command-text', 'Enter');
    // The answer of the hub's command path (the engine's text, or not_ready without one).
    await page.waitForFunction(() => {
      const a = document.getElementById('command-answer');
      return a.textContent.length > 1 && !/busy/.test(a.className);
    }, null, { timeout: 30000 });
    const answer = await page.textContent('#command-answer');
    check(answer.length > 10, `command answered: "${answer}"`);

    // ---- history chart ----
    const opts = await page.$$eval('#history-entity option', (o) => o.map((x) => x.value));
    check(opts.length > 0, `history: ${opts.length} sensors to chart`);
    await page.waitForSelector('#chart .uplot canvas', { timeout: 10000 });
    const size = await page.$eval('#chart .uplot canvas', (c) => [c.width, c.height]);
    check(size[0] > 200 && size[1] > 100, `uPlot chart drawn (${size.join('x')} canvas)`);
    await page.waitForSelector('#timelines .uplot canvas', { timeout: 10000 });
    // One row per on/off entity: 34 px of axis + 26 px per row.
    const tlh = await page.$eval('#timelines .uplot canvas', (c) => c.getBoundingClientRect().height);
    check(tlh >= 34 + 26 * 4, `on/off timelines drawn (${Math.round((tlh - 34) / 26)} rows)`);
    // Painted, not blank: some pixels of the chart are not background.
    const painted = await page.$eval('#chart .uplot canvas', (c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
    check(painted > 500, `chart has ${painted} painted pixels`);
    const rules = await page.textContent('#rules-note');
    check(rules.length > 0, `rules panel: "${rules}"`);
    // The whole page at desktop width: a viewport as tall as the page (a fullPage capture
    // would paint the sticky header in the middle).
    const tall = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1366, height: tall });
    await sleep(400); // charts redraw on resize
    await page.screenshot({ path: path.join(SHOTS, 'web-desktop.png') });
    await page.setViewportSize({ width: 1366, height: 900 });
    ok('screenshot web-desktop.png');

    // ---- Chinese ----
    await page.click('#lang-toggle');
    const tab = await page.textContent('#tabs button[data-tab=devices]');
    const ph = await page.getAttribute('#command-text', 'placeholder');
    check(tab === '设备' && /打开/.test(ph), `Chinese interface: tab "${tab}", placeholder "${ph}"`);
    await page.screenshot({ path: path.join(SHOTS, 'web-desktop-zh.png'), fullPage: false });
    await page.click('#lang-toggle');
    check((await page.textContent('#tabs button[data-tab=devices]')) === 'Devices', 'back to English');

    // ---- phone size ----
    const phone = await ctx.newPage();
    phone.on('pageerror', (e) => problems.push(`phone page error: ${e.message}`));
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(URL_ + '/'); // the token is remembered (localStorage)
    await phone.waitForSelector(`article[data-entity="${LAMP}"]`, { timeout: 15000 });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `phone: no sideways scrolling (${overflow} px too wide)`);
    check(await phone.isVisible('#tabs'), 'phone: tabs shown');
    await phone.screenshot({ path: path.join(SHOTS, 'web-phone.png'), fullPage: false });
    await phone.click('#tabs button[data-tab=history]');
    await phone.waitForSelector('#chart .uplot canvas', { state: 'visible', timeout: 10000 });
    const pw = await phone.$eval('#chart .uplot', (u) => u.getBoundingClientRect().width);
    check(pw <= 390, `phone: chart fits (${Math.round(pw)} px)`);
    await phone.screenshot({ path: path.join(SHOTS, 'web-phone-history.png'), fullPage: false });
    ok('screenshots web-phone.png, web-phone-history.png');
    // Signed out, then the demo's link form (#token=...): signed in again, fragment dropped.
    await phone.click('#logout');
    await phone.waitForSelector('#login-form', { state: 'visible', timeout: 5000 });
    await phone.goto(`${URL_}/#token=${TOKEN}`);
    await phone.waitForSelector('#main', { state: 'visible', timeout: 15000 });
    await phone.waitForFunction(() => /conn-on/.test(document.getElementById('conn').className), null, { timeout: 15000 });
    check(!phone.url().includes('token'), `signed in from a #token= link; address now ${phone.url()}`);
    await phone.close();

    // ---- the hub restarts: the page reconnects by itself ----
    const cmd = JSON.parse(process.env.HUBD_CMD);
    process.kill(Number(process.env.HUBD_PID), 'SIGTERM');
    await page.waitForFunction(() => /conn-off/.test(document.getElementById('conn').className), null, { timeout: 10000 });
    ok(`hub stopped: page shows "${await page.textContent('#conn')}"`);
    await sleep(500);
    hubd = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', fs.openSync(process.env.HUBD_LOG, 'a'), fs.openSync(process.env.HUBD_LOG, 'a')] });
    const t1 = Date.now();
    await page.waitForFunction(() => /conn-on/.test(document.getElementById('conn').className), null, { timeout: 30000 });
    ok(`hub restarted: page reconnected after ${Date.now() - t1} ms`);
    const now = await card.locator('button.toggle').getAttribute('aria-checked');
    await card.locator('button.toggle').click();
    await page.waitForFunction(([sel, w]) => document.querySelector(sel).getAttribute('aria-checked') === w,
      [`article[data-entity="${LAMP}"] button.toggle`, now === 'true' ? 'false' : 'true'], { timeout: 10000 });
    ok('toggle works again after the restart');

    check(problems.length === 0, `no page errors or CSP violations${problems.length ? ': ' + problems.join(' | ') : ''}`);
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
    if (hubd) {
      hubd.kill('SIGTERM');
      await new Promise((r) => hubd.on('exit', r));
    }
  }
}

main().catch((e) => bad(`exception: ${e.stack || e}`)).then(() => {
  console.log(fails ? `${fails} FAILED` : 'all passed');
  process.exit(fails ? 1 : 0);
});
