// i18n.js: the interface's strings in English and Chinese; t(key) and apply() for
// [data-i18n] / [data-i18n-placeholder] elements. The choice is kept in localStorage.

const STRINGS = {
  en: {
    connected: 'connected', disconnected: 'reconnecting…', connecting: 'connecting…',
    logout: 'Log out', login_title: 'Sign in to your hub', token_label: 'Access token',
    login: 'Sign in', token_hint: 'Create one with: hubctl token create NAME (hubd --demo prints one).',
    auth_invalid: 'The hub refused this token.',
    command_placeholder: 'Tell the house what to do, e.g. “turn on the kitchen light”',
    send: 'Send', tab_devices: 'Devices', tab_history: 'History', tab_events: 'Events',
    tab_rules: 'Rules', history: 'History', events: 'Events', rules: 'Rules',
    timelines: 'On/off timelines', range_1h: 'last hour', range_6h: 'last 6 hours',
    range_24h: 'last 24 hours', range_7d: 'last 7 days', no_floor: 'Other', no_area: 'Unassigned',
    on: 'on', off: 'off', open: 'Open', close: 'Close', stop: 'Stop', lock: 'Lock',
    unlock: 'Unlock', brightness: 'Brightness', color_temp: 'Colour temperature', color: 'Colour',
    position: 'Position', setpoint: 'Setpoint', mode: 'Mode', speed: 'Speed', volume: 'Volume',
    play: 'Play', pause: 'Pause', next: 'Next', previous: 'Previous', unavailable: 'unavailable',
    no_history: 'No history in this range.', no_numeric: 'Pick a sensor for a chart.',
    rules_pending: 'Automation rules are not part of this hub yet.', no_rules: 'No rules.',
    not_ready: 'The hub’s language engine is not running yet, so typed commands cannot be carried out. Use the controls below.', understood: 'Understood',
    done: 'Done', failed: 'Failed', event_changed: '{name}: {old} → {new}',
    call_failed: 'Could not do that: ',
    st_open: 'open', st_closed: 'closed', st_opening: 'opening', st_closing: 'closing', st_locked: 'locked', st_unlocked: 'unlocked', st_locking: 'locking', st_unlocking: 'unlocking', st_jammed: 'jammed', st_playing: 'playing', st_paused: 'paused', st_idle: 'idle', st_heat: 'heat', st_cool: 'cool', st_auto: 'auto', st_dry: 'dry', st_fan_only: 'fan only', st_cleaning: 'cleaning', st_docked: 'docked', st_returning: 'returning', st_error: 'error', st_unknown: 'unknown', st_detected: 'detected', st_clear: 'clear', st_home: 'home', st_away: 'away', st_wet: 'wet', st_not_wet: 'dry',
  },
  'zh-CN': {
    connected: '已连接', disconnected: '正在重新连接…', connecting: '正在连接…',
    logout: '退出', login_title: '登录到您的中枢', token_label: '访问令牌', login: '登录',
    token_hint: '用 hubctl token create 名称 创建一个（hubd --demo 会打印一个）。',
    auth_invalid: '中枢拒绝了这个令牌。',
    command_placeholder: '告诉家里要做什么，例如“打开厨房的灯”', send: '发送',
    tab_devices: '设备', tab_history: '历史', tab_events: '事件', tab_rules: '规则',
    history: '历史', events: '事件', rules: '规则', timelines: '开关时间线',
    range_1h: '最近一小时', range_6h: '最近六小时', range_24h: '最近24小时', range_7d: '最近7天',
    no_floor: '其他', no_area: '未分配', on: '开', off: '关', open: '打开', close: '关闭',
    stop: '停止', lock: '上锁', unlock: '解锁', brightness: '亮度', color_temp: '色温',
    color: '颜色', position: '位置', setpoint: '设定温度', mode: '模式', speed: '风速',
    volume: '音量', play: '播放', pause: '暂停', next: '下一首', previous: '上一首',
    unavailable: '不可用', no_history: '此时间范围内没有历史。', no_numeric: '选择一个传感器查看图表。',
    rules_pending: '本中枢还没有自动化规则功能。', no_rules: '没有规则。',
    not_ready: '中枢的语言引擎尚未运行，暂时无法执行文字命令。请使用下面的控件。', understood: '理解为', done: '完成', failed: '失败',
    event_changed: '{name}：{old} → {new}', call_failed: '无法执行：',
    st_open: '打开', st_closed: '关闭', st_opening: '正在打开', st_closing: '正在关闭', st_locked: '已上锁', st_unlocked: '已解锁', st_locking: '正在上锁', st_unlocking: '正在解锁', st_jammed: '卡住', st_playing: '播放中', st_paused: '已暂停', st_idle: '空闲', st_heat: '制热', st_cool: '制冷', st_auto: '自动', st_dry: '除湿', st_fan_only: '送风', st_cleaning: '清扫中', st_docked: '已回充', st_returning: '返回中', st_error: '故障', st_unknown: '未知', st_detected: '检测到', st_clear: '无', st_home: '在家', st_away: '离开', st_wet: '潮湿', st_not_wet: '干燥',
  },
};

let lang = localStorage.getItem('hubd.lang') || (navigator.language.startsWith('zh') ? 'zh-CN' : 'en');
if (!STRINGS[lang]) lang = 'en';

export function getLang() { return lang; }

export function setLang(l) {
  lang = STRINGS[l] ? l : 'en';
  localStorage.setItem('hubd.lang', lang);
  document.documentElement.lang = lang;
}

// A state word ("closed", "playing") in the interface language; other states as they are.
export function stateText(state) {
  const k = `st_${state}`;
  return (STRINGS[lang] && STRINGS[lang][k]) || (STRINGS.en[k] ? STRINGS.en[k] : state);
}

export function t(key, vars) {
  let s = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, v);
  return s;
}

export function apply(root = document) {
  document.documentElement.lang = lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]'))
    el.placeholder = t(el.dataset.i18nPlaceholder);
}
