// bench-ws.js: the measuring half of tools/bench-ws.sh (see there). N websocket clients
// subscribe to state changes; one sensor, announced by Home Assistant MQTT discovery, gets a
// new value RATE times a second (the value is a sequence number), and each
// client's state_changed for it gives one latency sample: publish -> received. The values
// go out on a plain MQTT connection with Nagle off (see mqttPublisher).
'use strict';
const WebSocket = require('ws');
const net = require('net');
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const URL_ = arg('url'), TOKEN = arg('token'), PID = Number(arg('pid'));
const [MHOST, MPORT] = arg('mqtt').split(':');
const CLIENTS = Number(arg('clients', 200)), RATE = Number(arg('rate', 50)), SECS = Number(arg('seconds', 10));
const ENTITY = 'sensor.bench_ws_value';
const TOPIC = 'bench/ws/value';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const TICK = Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;

function cpuTicks(pid) {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]); // utime + stime
}
function memKiB(pid, key) {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
function pub(topic, payload, retain) {
  execFileSync('mosquitto_pub', ['-h', MHOST, '-p', MPORT, '-t', topic, '-m', payload, ...(retain ? ['-r'] : [])]);
}

// A minimal MQTT 3.1.1 publisher (CONNECT, then QoS 0 PUBLISH) on a socket with Nagle's
// algorithm off, so the measured latency is the hub's and not a client library's batching.
function mqttLen(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 128;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}
function mqttStr(s) {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 255]), b]);
}
function mqttPublisher() {
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(MPORT), MHOST, () => {
      sock.setNoDelay(true);
      const body = Buffer.concat([mqttStr('MQTT'), Buffer.from([4, 2, 0, 30]), mqttStr(`bench-ws-${process.pid}`)]);
      sock.write(Buffer.concat([Buffer.from([0x10]), mqttLen(body.length), body]));
    });
    sock.once('data', (d) => {
      if (d[0] !== 0x20 || d[3] !== 0) return reject(new Error('MQTT CONNACK refused'));
      resolve({
        publish(topic, payload) {
          const body = Buffer.concat([mqttStr(topic), Buffer.from(payload)]);
          sock.write(Buffer.concat([Buffer.from([0x30]), mqttLen(body.length), body]));
        },
        end() { sock.end(Buffer.from([0xe0, 0])); },
      });
    });
    sock.on('error', reject);
  });
}

const sent = new Map(); // seq -> time published
const lat = [];
let lateOrLost = 0, errors = 0;

function client() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(URL_.replace(/^http/, 'ws') + '/api/websocket');
    ws.on('message', (d) => {
      const m = JSON.parse(d);
      if (m.type === 'auth_required') ws.send(JSON.stringify({ type: 'auth', access_token: TOKEN }));
      else if (m.type === 'auth_ok') ws.send(JSON.stringify({ id: 1, type: 'subscribe_states' }));
      else if (m.type === 'auth_invalid') reject(new Error('auth_invalid'));
      else if (m.type === 'result' && m.id === 1) resolve(ws);
      else if (m.type === 'event' && m.event.data.entity_id === ENTITY) {
        const t = sent.get(Number(m.event.data.new_state.state));
        if (t !== undefined) lat.push(nowMs() - t);
      }
    });
    ws.on('error', (e) => { errors++; reject(e); });
  });
}

function pct(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

(async () => {
  // The sensor: discovery config (retained) and a first value.
  pub(`homeassistant/sensor/bench_ws/value/config`, JSON.stringify({
    name: 'Bench WS Value', state_topic: TOPIC, unique_id: 'bench_ws_value', object_id: 'bench_ws_value',
  }), true);
  await sleep(300);
  pub(TOPIC, '0', false);
  // Wait until the hub knows it.
  const probe = await client();
  let known = false;
  for (let i = 0; i < 50 && !known; i++) {
    const r = await new Promise((res) => {
      probe.once('message', (d) => res(JSON.parse(d)));
      probe.send(JSON.stringify({ id: 100 + i, type: 'get_states' }));
    });
    known = r.result && r.result.some((s) => s.entity_id === ENTITY);
    if (!known) await sleep(100);
  }
  probe.close();
  if (!known) { console.error(`bench-ws: ${ENTITY} never appeared`); process.exit(1); }

  const t0 = nowMs();
  const conns = [];
  for (let i = 0; i < CLIENTS; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(CLIENTS, i + 50); j++) batch.push(client());
    conns.push(...(await Promise.all(batch)));
  }
  console.log(`bench-ws: ${CLIENTS} clients connected, authenticated and subscribed in ${(nowMs() - t0).toFixed(0)} ms`);

  const mp = await mqttPublisher();
  const n = Math.round(RATE * SECS);
  const cpu0 = cpuTicks(PID), w0 = nowMs(), me0 = process.cpuUsage();
  let seq = 0;
  await new Promise((resolve) => {
    const start = nowMs();
    const step = () => {
      // catch up to where the clock says we should be (timers are coarse at high rates)
      const due = Math.min(n, Math.floor(((nowMs() - start) / 1000) * RATE) + 1);
      while (seq < due) {
        seq++;
        sent.set(seq, nowMs());
        mp.publish(TOPIC, String(seq));
      }
      if (seq >= n) resolve();
      else setTimeout(step, Math.max(1, 1000 / RATE / 2));
    };
    step();
  });
  const want = n * CLIENTS;
  const deadline = nowMs() + 5000;
  while (lat.length < want && nowMs() < deadline) await sleep(50);
  const w1 = nowMs(), cpu1 = cpuTicks(PID), me = process.cpuUsage(me0);
  mp.end();
  const rss = memKiB(PID, 'VmRSS'), hwm = memKiB(PID, 'VmHWM');
  lateOrLost = want - lat.length;
  lat.sort((a, b) => a - b);
  const cpuPct = ((cpu1 - cpu0) / TICK) / ((w1 - w0) / 1000) * 100;
  console.log(`bench-ws: ${n} changes at ${RATE}/s over ${SECS} s to ${CLIENTS} subscribers`);
  console.log(`delivered ${lat.length}/${want} state_changed events (${lateOrLost} missing), ${errors} client errors`);
  console.log(`latency ms (MQTT publish -> client): p50 ${pct(lat, 50).toFixed(2)}  p99 ${pct(lat, 99).toFixed(2)}  max ${lat.length ? lat[lat.length - 1].toFixed(2) : 'NaN'}`);
  console.log(`hubd: cpu ${cpuPct.toFixed(1)}% of one core, rss ${(rss / 1024).toFixed(1)} MiB (peak ${(hwm / 1024).toFixed(1)} MiB)`);
  // The clients share one node thread: when it is busy, its own queueing is part of the latency.
  const mePct = ((me.user + me.system) / 1000) / (w1 - w0) * 100;
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`bench client (node, all ${CLIENTS} clients): cpu ${mePct.toFixed(1)}% of one core; load average ${load}`);
  for (const c of conns) c.terminate();
  process.exit(lateOrLost === 0 && errors === 0 ? 0 : 1);
})().catch((e) => { console.error(`bench-ws: ${e.stack || e}`); process.exit(1); });
