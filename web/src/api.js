// api.js: the hub's websocket API (/api/websocket): auth first, then {id, type} requests
// answered by {id, type: "result"}, and state_changed events. Reconnects by itself (1 s,
// doubling to 15 s) after the hub restarts, authenticates again and re-subscribes.

export class HubApi extends EventTarget {
  constructor(token) {
    super();
    this.token = token;
    this.nextId = 1;
    this.pending = new Map(); // id -> {resolve, reject}
    this.ws = null;
    this.delay = 1000;
    this.stopped = false;
    this.status = 'connecting';
  }

  url() {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${proto}//${location.host}/api/websocket`;
  }

  setStatus(s, detail) {
    this.status = s;
    this.dispatchEvent(new CustomEvent('status', { detail: { status: s, detail } }));
  }

  connect() {
    if (this.stopped) return;
    this.setStatus('connecting');
    const ws = new WebSocket(this.url());
    this.ws = ws;
    ws.onmessage = (ev) => this.onMessage(ev.data);
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      for (const p of this.pending.values()) p.reject(new Error('connection lost'));
      this.pending.clear();
      if (this.stopped) return;
      this.setStatus('disconnected');
      setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, 15000);
    };
  }

  close() {
    this.stopped = true;
    if (this.ws) this.ws.close();
  }

  onMessage(text) {
    let msg;
    try { msg = JSON.parse(text); } catch { return; }
    switch (msg.type) {
      case 'auth_required':
        this.ws.send(JSON.stringify({ type: 'auth', access_token: this.token }));
        break;
      case 'auth_ok':
        this.delay = 1000;
        this.setStatus('connected');
        break;
      case 'auth_invalid':
        this.stopped = true;
        this.setStatus('auth_invalid', msg.message);
        break;
      case 'result': {
        const p = this.pending.get(msg.id);
        if (!p) break;
        this.pending.delete(msg.id);
        if (msg.success) p.resolve(msg.result);
        else {
          const e = new Error(msg.error ? msg.error.message : 'failed');
          e.code = msg.error ? msg.error.code : 'unknown_error';
          p.reject(e);
        }
        break;
      }
      case 'event':
        if (msg.event && msg.event.event_type === 'state_changed')
          this.dispatchEvent(new CustomEvent('state', { detail: msg.event.data }));
        break;
      default:
        break;
    }
  }

  request(type, fields = {}) {
    return new Promise((resolve, reject) => {
      if (!this.ws || this.status !== 'connected') {
        const e = new Error('not connected');
        e.code = 'not_connected';
        reject(e);
        return;
      }
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, type, ...fields }));
    });
  }
}
