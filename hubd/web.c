/*
 * web.c: the dashboard's HTTP server and the websocket API (see web.h), on libwebsockets 4.1
 * running on hubd's libuv loop as a foreign loop: no extra thread, no locks, state is read
 * where it lives.
 *
 * A websocket client sees {"type":"auth_required"} and must answer
 * {"type":"auth","access_token":"..."} (a token of `hubctl token create`, or [http] token);
 * then it sends {"id": n, "type": ...} and gets {"id": n, "type": "result", "success": bool,
 * "result" | "error": {"code","message"}}. subscribe_states adds {"id": n, "type": "event",
 * "event": {"event_type": "state_changed", "data": {"entity_id", "new_state"}}} messages.
 */
#include "config.h"

#include "hubd/web.h"

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/hub.h"
#include "hubd/plugins.h"
#include "hubd/registry.h"
#include "hubd/rules.h"
#include "hubd/state.h"
#include "hubd/store.h"
#include "hubd/token.h"

#include <errno.h>
#include <jansson.h>
#include <libwebsockets.h>
#include <limits.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TAG "web"
#define WEB_API_PATH "/api/websocket"
#define WEB_MAX_QUEUE_BYTES (16u << 20)
#define WEB_HISTORY_MAX_ROWS 20000
#define WEB_COMMAND_MAX 1000
/* Websocket clients at once; more are refused at the upgrade. */
#define WEB_MAX_CLIENTS 1024
/* Seconds a new connection has to authenticate. */
#define WEB_AUTH_TIMEOUT_S 10
/* Content-Security-Policy of every file: scripts and styles only from files of this origin
 * (no inline code), the websocket back to this origin, nothing framed. */
#define WEB_CSP                                                                                    \
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "              \
    "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "                  \
    "form-action 'none'; frame-ancestors 'none'"

#ifndef HUB_WEB_BUILD_ROOT
#define HUB_WEB_BUILD_ROOT ""
#endif
#ifndef HUB_WEB_INSTALLED_ROOT
#define HUB_WEB_INSTALLED_ROOT "/usr/local/share/hubd/web"
#endif

/* One queued outgoing message; the text starts LWS_PRE bytes into buf. */
struct web_msg {
    struct web_msg *next;
    size_t len;
    unsigned char buf[];
};

/* Per connection (lws per-session data; HTTP connections use none of it). */
struct web_conn {
    struct web_conn *next, *prev; /* websocket connections of the server */
    struct lws *wsi;
    uint64_t serial; /* for answers that arrive after the connection may have gone */
    bool is_ws, authed, closing;
    enum lws_close_status close_code; /* sent when closing, once the queue is written */
    const char *close_reason;
    json_int_t sub_id; /* subscribe_states id, -1 when not subscribed */
    char *rx;          /* message being assembled from fragments */
    size_t rx_len;
    struct web_msg *q_head, *q_tail;
    size_t q_count, q_bytes;
    char *user;        /* token name once authenticated */
    bool config_token; /* signed in with [http] token (not in the database) */
};

struct hub_web {
    struct hub *hub;
    struct lws_context *ctx;
    struct lws_vhost *vh;
    struct web_conn *conns;
    size_t n_conns;
    uint64_t next_serial;
    char root[PATH_MAX];
    char address[300];
    char config_token_hash[HUB_TOKEN_HASH_LEN + 1]; /* [http] token, hashed; "" if none */
    struct lws_protocols protocols[2];
    void *foreign_loops[1];
    uint64_t bad_messages;
    lws_sorted_usec_list_t revoke_sul; /* revoke_sweep's next run */
};

/* lws_write's close-frame opcode: lws keeps LWS_WRITE_CLOSE (4) out of its public enum of
 * lws_write_protocol but writes close frames through it the same way. */
#define WEB_WRITE_CLOSE ((enum lws_write_protocol)4)

/* How often signed-in clients are checked against the database's tokens (revoke_sweep). */
#define WEB_REVOKE_CHECK_US (2 * LWS_USEC_PER_SEC)

/* ---- logging: lws lines go to hub_log ---- */

static void web_lws_log(int level, const char *line)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        n--;
    hub_log(level == LLL_ERR    ? HUB_LOG_ERROR
            : level == LLL_WARN ? HUB_LOG_WARN
                                : HUB_LOG_DEBUG,
            "lws", "%.*s", (int)n, line);
}

/* ---- outgoing queue ---- */

static void conn_close_soon(struct web_conn *c, enum lws_close_status code, const char *reason)
{
    if (c->closing) return;
    c->close_code = code;
    c->close_reason = reason;
    c->closing = true;
    if (c->wsi) lws_callback_on_writable(c->wsi);
}

/* Queue `len` bytes of text for the client (copied). */
static void conn_send(struct hub_web *w, struct web_conn *c, const char *text, size_t len)
{
    if (c->closing) return;
    if (!c->wsi) { /* hub_web_feed: no socket, count only */
        c->q_count++;
        return;
    }
    if (c->q_count >= HUB_WEB_MAX_QUEUE || c->q_bytes + len > WEB_MAX_QUEUE_BYTES) {
        hub_warn(TAG, "client %llu is %zu messages behind: disconnecting it",
                 (unsigned long long)c->serial, c->q_count);
        conn_close_soon(c, LWS_CLOSE_STATUS_POLICY_VIOLATION, "too slow");
        return;
    }
    struct web_msg *m = malloc(sizeof *m + LWS_PRE + len);
    if (!m) {
        hub_error(TAG, "out of memory queueing %zu bytes", len);
        conn_close_soon(c, LWS_CLOSE_STATUS_UNEXPECTED_CONDITION, "out of memory");
        return;
    }
    m->next = NULL;
    m->len = len;
    memcpy(m->buf + LWS_PRE, text, len);
    if (c->q_tail)
        c->q_tail->next = m;
    else
        c->q_head = m;
    c->q_tail = m;
    c->q_count++;
    c->q_bytes += len;
    lws_callback_on_writable(c->wsi);
}

/* Queue a JSON message (reference stolen). */
static void conn_send_json(struct hub_web *w, struct web_conn *c, json_t *msg)
{
    if (!msg) {
        hub_error(TAG, "out of memory building a message");
        return;
    }
    char *s = json_dumps(msg, JSON_COMPACT);
    json_decref(msg);
    if (!s) {
        hub_error(TAG, "out of memory serialising a message");
        return;
    }
    conn_send(w, c, s, strlen(s));
    free(s);
}

static json_t *id_json(json_int_t id)
{
    return id >= 0 ? json_integer(id) : json_null();
}

static void send_result(struct hub_web *w, struct web_conn *c, json_int_t id, json_t *result)
{
    json_t *m = json_pack("{s:o, s:s, s:b, s:o}", "id", id_json(id), "type", "result", "success", 1,
                          "result", result ? result : json_null());
    conn_send_json(w, c, m);
}

static void send_error(struct hub_web *w, struct web_conn *c, json_int_t id, const char *code,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void send_error(struct hub_web *w, struct web_conn *c, json_int_t id, const char *code,
                       const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *m = json_pack("{s:o, s:s, s:b, s:{s:s, s:s}}", "id", id_json(id), "type", "result",
                          "success", 0, "error", "code", code, "message", msg);
    if (!m) /* the text held bytes that are not UTF-8 (quoted from a bad message by the JSON
             * parser, or cut inside a character): the answer still goes, without them */
        m = json_pack("{s:o, s:s, s:b, s:{s:s, s:s}}", "id", id_json(id), "type", "result",
                      "success", 0, "error", "code", code, "message",
                      "the message could not be read (not UTF-8)");
    conn_send_json(w, c, m);
}

static const char *status_code(int rc)
{
    switch (rc) {
    case HUB_ERR_NOT_FOUND: return "not_found";
    case HUB_ERR_INVALID: return "invalid_format";
    case HUB_ERR_UNSUPPORTED: return "not_supported";
    case HUB_ERR_UNAVAILABLE: return "unavailable";
    case HUB_ERR_TIMEOUT: return "timeout";
    case HUB_ERR_BUSY: return "busy";
    default: return "unknown_error";
    }
}

/* ---- the API ---- */

static json_t *state_with_id(struct hub *h, const char *entity_id)
{
    json_t *j = hub_states_json(h->states, entity_id);
    if (j) json_object_set_new(j, "entity_id", json_string(entity_id));
    return j;
}

static int get_states_cb(void *ud, const struct hub_entity *e)
{
    struct hub *h = ((void **)ud)[0];
    json_t *arr = ((void **)ud)[1];
    json_t *j = state_with_id(h, e->id);
    if (!j) { /* known entity that never reported: show it, marked unknown */
        const char *floor = hub_registry_entity_floor(h->reg, e);
        j = json_pack("{s:s, s:s, s:{}, s:s, s:s?, s:s?, s:s, s:b}", "entity_id", e->id, "state",
                      "unknown", "attributes", "name", e->name, "area", e->area, "floor", floor,
                      "domain", e->domain, "available", e->available);
    }
    if (j) {
        if (e->device_class) json_object_set_new(j, "device_class", json_string(e->device_class));
        if (e->unit) json_object_set_new(j, "unit", json_string(e->unit));
        json_object_set(j, "capabilities", e->capabilities);
        json_array_append_new(arr, j);
    }
    return 0;
}

static int floors_cb(void *ud, const char *name, int level, const char *aliases_json)
{
    json_array_append_new(ud, json_pack("{s:s, s:i, s:o}", "name", name, "level", level,
                                        "aliases", hub_registry_aliases(aliases_json)));
    return 0;
}

static int areas_cb(void *ud, const char *name, const char *floor, const char *aliases_json)
{
    json_array_append_new(ud, json_pack("{s:s, s:s?, s:o}", "name", name, "floor", floor,
                                        "aliases", hub_registry_aliases(aliases_json)));
    return 0;
}

/* A time given as ms since the epoch (number) or ISO 8601 UTC text ("2026-11-22T10:00:00Z",
 * fractional seconds allowed). */
#define WEB_TIME_MAX_MS 253402300799999LL /* 9999-12-31T23:59:59.999Z */

static bool parse_time(json_t *v, int64_t *out)
{
    if (json_is_integer(v)) {
        json_int_t x = json_integer_value(v);
        if (x < 0 || x > WEB_TIME_MAX_MS) return false;
        *out = x;
        return true;
    }
    if (json_is_real(v)) {
        double x = json_real_value(v);
        if (!(x >= 0 && x <= (double)WEB_TIME_MAX_MS)) return false; /* also NaN */
        *out = (int64_t)x;
        return true;
    }
    const char *s = json_string_value(v);
    if (!s) return false;
    struct tm tm = {0};
    const char *rest = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
    if (!rest) return false;
    int ms = 0;
    if (*rest == '.') {
        int digits = 0;
        for (rest++; *rest >= '0' && *rest <= '9'; rest++, digits++)
            if (digits < 3) ms = ms * 10 + (*rest - '0');
        for (; digits < 3; digits++)
            ms *= 10;
    }
    if (strcmp(rest, "Z") != 0 && strcmp(rest, "+00:00") != 0 && *rest) return false;
    time_t t = timegm(&tm);
    if (t == (time_t)-1 || t < 0 || (int64_t)t * 1000 + ms > WEB_TIME_MAX_MS) return false;
    *out = (int64_t)t * 1000 + ms;
    return true;
}

struct history_ctx {
    json_t *rows;
    int n;
};

static int history_cb(void *ud, int64_t ts_ms, const char *state, const char *attributes_json)
{
    struct history_ctx *hc = ud;
    json_array_append_new(hc->rows, json_pack("[I, s]", (json_int_t)ts_ms, state ? state : ""));
    hc->n++;
    return 0;
}

static void api_history(struct hub_web *w, struct web_conn *c, json_int_t id, json_t *req)
{
    struct hub *h = w->hub;
    json_t *ev = json_object_get(req, "entity_id");
    if (!ev) ev = json_object_get(req, "entity");
    const char *entity = json_string_value(ev);
    if (!entity || !hub_registry_get(h->reg, entity)) {
        send_error(w, c, id, entity ? "not_found" : "invalid_format", "%s%s",
                   entity ? "no such entity: " : "history needs \"entity\": an entity id",
                   entity ? entity : "");
        return;
    }
    int64_t now = hub_now_ms(), end = now, start;
    json_t *jstart = json_object_get(req, "start"), *jend = json_object_get(req, "end");
    if ((jend && !json_is_null(jend) && !parse_time(jend, &end))) {
        send_error(w, c, id, "invalid_format", "end: expected ms since 1970 or ISO 8601 UTC");
        return;
    }
    start = end > 24 * 3600 * 1000LL ? end - 24 * 3600 * 1000LL : 0;
    if ((jstart && !json_is_null(jstart) && !parse_time(jstart, &start))) {
        send_error(w, c, id, "invalid_format", "start: expected ms since 1970 or ISO 8601 UTC");
        return;
    }
    if (start > end) {
        send_error(w, c, id, "invalid_format", "start is after end");
        return;
    }
    struct history_ctx hc = {json_array(), 0};
    if (!hc.rows) return;
    int rc = hub_store_history_query(h->store, entity, start, end, WEB_HISTORY_MAX_ROWS + 1,
                                     history_cb, &hc);
    if (rc) {
        json_decref(hc.rows);
        send_error(w, c, id, "store_error", "history of %s: %s", entity,
                   hub_store_last_error(h->store));
        return;
    }
    bool truncated = hc.n > WEB_HISTORY_MAX_ROWS;
    if (truncated) json_array_remove(hc.rows, WEB_HISTORY_MAX_ROWS);
    send_result(w, c, id,
                json_pack("{s:s, s:I, s:I, s:o, s:b}", "entity_id", entity, "start",
                          (json_int_t)start, "end", (json_int_t)end, "states", hc.rows, "truncated",
                          truncated));
}

static void api_call(struct hub_web *w, struct web_conn *c, json_int_t id, json_t *req)
{
    struct hub *h = w->hub;
    json_t *ev = json_object_get(req, "entity_id");
    if (!ev) ev = json_object_get(req, "entity");
    const char *entity = json_string_value(ev);
    const char *action = json_string_value(json_object_get(req, "action"));
    json_t *args = json_object_get(req, "args");
    if (!entity || !action || (args && !json_is_object(args) && !json_is_null(args))) {
        send_error(w, c, id, "invalid_format",
                   "call needs {\"entity\": string, \"action\": string, \"args\": object}");
        return;
    }
    if (!hub_registry_get(h->reg, entity)) {
        send_error(w, c, id, "not_found", "no such entity: %s", entity);
        return;
    }
    char *args_s = json_is_object(args) ? json_dumps(args, JSON_COMPACT) : NULL;
    char err[300] = "";
    h->calls++;
    int rc = h->plugins ? hub_plugins_execute(h->plugins, entity, action, args_s ? args_s : "{}",
                                              err, sizeof err)
                        : HUB_ERR_UNAVAILABLE;
    free(args_s);
    hub_debug(TAG, "call %s %s from %s: %s", entity, action, c->user ? c->user : "?",
              rc ? err : "ok");
    if (rc) {
        h->bad_calls++;
        send_error(w, c, id, status_code(rc), "%s", err[0] ? err : hub_strerror(rc));
        return;
    }
    send_result(w, c, id, json_pack("{s:s, s:s}", "entity_id", entity, "action", action));
}

/* An engine answer for a connection that may have closed in the meantime. */
struct web_pending {
    struct hub_web *w;
    uint64_t serial;
    json_int_t id;
};

static struct web_conn *conn_by_serial(struct hub_web *w, uint64_t serial)
{
    for (struct web_conn *c = w->conns; c; c = c->next)
        if (c->serial == serial) return c;
    return NULL;
}

static void command_done(void *ctx, int status, const char *answer_json)
{
    struct web_pending *p = ctx;
    struct web_conn *c = p->w ? conn_by_serial(p->w, p->serial) : NULL;
    if (c) {
        json_error_t jerr;
        json_t *ans = answer_json ? json_loads(answer_json, 0, &jerr) : NULL;
        if (status == HUB_OK && ans)
            send_result(p->w, c, p->id, ans);
        else {
            json_decref(ans);
            send_error(p->w, c, p->id, status ? status_code(status) : "engine_error", "%s",
                       status ? hub_strerror(status) : "the engine gave no answer");
        }
    }
    free(p);
}

static void api_command(struct hub_web *w, struct web_conn *c, json_int_t id, json_t *req)
{
    struct hub *h = w->hub;
    const char *text = json_string_value(json_object_get(req, "text"));
    const char *lang = json_string_value(json_object_get(req, "lang"));
    const char *area = json_string_value(json_object_get(req, "area"));
    size_t n = text ? strlen(text) : 0;
    if (n == 0 || n > WEB_COMMAND_MAX) {
        send_error(w, c, id, "invalid_format", "command needs \"text\": 1 to %d bytes",
                   WEB_COMMAND_MAX);
        return;
    }
    /* The one hook: the engine module sets h->command when it runs (issue 5). */
    if (!h->command) {
        send_error(w, c, id, "not_ready",
                   "the language engine is not running in this hub yet; use the controls");
        return;
    }
    struct web_pending *p = malloc(sizeof *p);
    if (!p) {
        send_error(w, c, id, "unknown_error", "out of memory");
        return;
    }
    *p = (struct web_pending){w, c->serial, id};
    int rc = h->command(h, text, lang, area, command_done, p);
    if (rc) { /* refused at once: done was not called */
        free(p);
        send_error(w, c, id, status_code(rc), "%s", hub_strerror(rc));
    }
}

/* rules/list, rules/create, ...: served by the rules engine (hubd/rules.h), whose errors come
 * as "CODE: message". */
static void api_rules(struct hub_web *w, struct web_conn *c, json_int_t id, const char *type,
                      json_t *req)
{
    struct hub *h = w->hub;
    if (!h->rules) {
        send_error(w, c, id, "unknown_command", "rules are not running in this hub");
        return;
    }
    char err[512] = "";
    json_t *res = hub_rules_api(h->rules, type, req, err, sizeof err);
    if (res) {
        send_result(w, c, id, res);
        return;
    }
    char code[32] = "failed";
    const char *msg = err, *colon = strstr(err, ": ");
    size_t n = colon ? (size_t)(colon - err) : 0;
    if (n > 0 && n < sizeof code && strspn(err, "abcdefghijklmnopqrstuvwxyz_") == n) {
        memcpy(code, err, n);
        code[n] = '\0';
        msg = colon + 2;
    }
    send_error(w, c, id, code, "%s", msg[0] ? msg : "the rules engine refused the request");
}

static void api_message(struct hub_web *w, struct web_conn *c, json_t *req)
{
    struct hub *h = w->hub;
    json_t *jid = json_object_get(req, "id");
    const char *type = json_string_value(json_object_get(req, "type"));
    if (!json_is_integer(jid) || json_integer_value(jid) < 0) {
        w->bad_messages++;
        send_error(w, c, -1, "invalid_format",
                   "every message needs \"id\": a non-negative integer, and \"type\"");
        return;
    }
    json_int_t id = json_integer_value(jid);
    if (!type) {
        w->bad_messages++;
        send_error(w, c, id, "invalid_format", "message has no \"type\"");
        return;
    }
    if (strcmp(type, "ping") == 0) {
        conn_send_json(w, c, json_pack("{s:I, s:s}", "id", id, "type", "pong"));
    } else if (strcmp(type, "get_states") == 0) {
        json_t *arr = json_array();
        void *ud[2] = {h, arr};
        if (arr) hub_registry_foreach(h->reg, get_states_cb, ud);
        send_result(w, c, id, arr);
    } else if (strcmp(type, "get_areas") == 0) {
        json_t *floors = json_array(), *areas = json_array();
        if (floors && areas) {
            hub_store_floor_foreach(h->store, floors_cb, floors);
            hub_store_area_foreach(h->store, areas_cb, areas);
        }
        send_result(w, c, id, json_pack("{s:o, s:o}", "floors", floors, "areas", areas));
    } else if (strcmp(type, "subscribe_states") == 0 || strcmp(type, "subscribe_events") == 0) {
        const char *et = json_string_value(json_object_get(req, "event_type"));
        if (et && strcmp(et, "state_changed") != 0) {
            send_error(w, c, id, "not_supported", "only state_changed events exist");
            return;
        }
        c->sub_id = id;
        send_result(w, c, id, NULL);
    } else if (strcmp(type, "unsubscribe_events") == 0 || strcmp(type, "unsubscribe_states") == 0) {
        json_t *sub = json_object_get(req, "subscription");
        if (c->sub_id < 0 || (sub && json_integer_value(sub) != c->sub_id)) {
            send_error(w, c, id, "not_found", "no such subscription");
            return;
        }
        c->sub_id = -1;
        send_result(w, c, id, NULL);
    } else if (strcmp(type, "call") == 0) {
        api_call(w, c, id, req);
    } else if (strcmp(type, "command") == 0) {
        api_command(w, c, id, req);
    } else if (strcmp(type, "history") == 0) {
        api_history(w, c, id, req);
    } else if (strncmp(type, "rules/", 6) == 0) {
        api_rules(w, c, id, type, req);
    } else {
        w->bad_messages++;
        send_error(w, c, id, "unknown_command", "unknown command type '%.100s'", type);
    }
}

static void auth_message(struct hub_web *w, struct web_conn *c, json_t *req)
{
    const char *type = json_string_value(json_object_get(req, "type"));
    json_t *tok = json_object_get(req, "access_token");
    const char *why = NULL;
    if (!type || strcmp(type, "auth") != 0)
        why = "the first message must be {\"type\": \"auth\"}";
    else if (!json_is_string(tok))
        why = "auth needs \"access_token\"";
    if (!why) {
        const char *t = json_string_value(tok);
        size_t len = json_string_length(tok);
        char *name = NULL;
        int rc = HUB_ERR_NOT_FOUND;
        if (w->config_token_hash[0]) {
            char hash[HUB_TOKEN_HASH_LEN + 1];
            if (hub_token_hash(t, len, hash) == HUB_OK &&
                CRYPTO_memcmp(hash, w->config_token_hash, HUB_TOKEN_HASH_LEN) == 0) {
                rc = HUB_OK;
                name = strdup("config");
                c->config_token = true;
            }
        }
        if (rc) rc = hub_token_check(w->hub->store, t, len, &name);
        if (rc == HUB_OK) {
            c->authed = true;
            c->user = name;
            if (c->wsi) lws_set_timeout(c->wsi, NO_PENDING_TIMEOUT, 0);
            hub_info(TAG, "client %llu authenticated with token '%s'",
                     (unsigned long long)c->serial, name ? name : "?");
            conn_send_json(w, c,
                           json_pack("{s:s, s:s}", "type", "auth_ok", "version", PACKAGE_VERSION));
            return;
        }
        free(name);
        why = rc == HUB_ERR_NOT_FOUND ? "invalid access token" : "token check failed";
    }
    hub_warn(TAG, "client %llu refused: %s", (unsigned long long)c->serial, why);
    conn_send_json(w, c, json_pack("{s:s, s:s}", "type", "auth_invalid", "message", why));
    conn_close_soon(c, LWS_CLOSE_STATUS_POLICY_VIOLATION, "auth_invalid"); /* once it is sent */
}

static int token_name_cb(void *ud, const char *name, int64_t created_ms, int64_t last_used_ms)
{
    (void)created_ms, (void)last_used_ms;
    return json_object_set_new(ud, name, json_true()) ? 1 : 0;
}

/* Every WEB_REVOKE_CHECK_US: a client whose token was revoked while the hub runs (hubctl token
 * revoke opens the database beside it) is told so and closed, rather than keeping the house
 * open until it disconnects. Tokens are read once per sweep, and only when someone is signed in
 * with one; a failed read closes nobody. */
static void revoke_sweep(lws_sorted_usec_list_t *sul)
{
    struct hub_web *w = lws_container_of(sul, struct hub_web, revoke_sul);
    bool any = false;
    for (struct web_conn *c = w->conns; c && !any; c = c->next)
        any = c->authed && !c->config_token && c->user;
    json_t *names = any ? json_object() : NULL;
    if (names && hub_store_token_foreach(w->hub->store, token_name_cb, names) == HUB_OK) {
        for (struct web_conn *c = w->conns; c; c = c->next) {
            if (!c->authed || c->closing || c->config_token || !c->user ||
                json_object_get(names, c->user))
                continue;
            hub_info(TAG, "client %llu: token '%s' was revoked: closing",
                     (unsigned long long)c->serial, c->user);
            conn_send_json(w, c, json_pack("{s:s, s:s}", "type", "auth_invalid", "message",
                                           "access token revoked"));
            conn_close_soon(c, LWS_CLOSE_STATUS_POLICY_VIOLATION, "token revoked");
        }
    }
    json_decref(names);
    lws_sul_schedule(w->ctx, 0, &w->revoke_sul, revoke_sweep, WEB_REVOKE_CHECK_US);
}

static void handle_text(struct hub_web *w, struct web_conn *c, const char *text, size_t len)
{
    json_error_t jerr;
    json_t *req = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!json_is_object(req)) {
        w->bad_messages++;
        if (!c->authed) {
            auth_message(w, c, json_is_object(req) ? req : NULL);
        } else if (req) {
            send_error(w, c, -1, "invalid_format", "a message must be a JSON object");
        } else {
            send_error(w, c, -1, "invalid_format", "malformed JSON at %d:%d: %s", jerr.line,
                       jerr.column, jerr.text);
        }
        json_decref(req);
        return;
    }
    if (!c->authed)
        auth_message(w, c, req);
    else
        api_message(w, c, req);
    json_decref(req);
}

/* Called by the state module after every real change. */
static void web_on_state(void *ud, const char *entity_id, const struct hub_state *s)
{
    struct hub_web *w = ud;
    bool any = false;
    for (struct web_conn *c = w->conns; c && !any; c = c->next)
        any = c->authed && c->sub_id >= 0;
    if (!any) return;
    json_t *ns = state_with_id(w->hub, entity_id);
    if (!ns) return;
    json_t *ev = json_pack("{s:s, s:{s:s, s:o}}", "event_type", "state_changed", "data",
                           "entity_id", entity_id, "new_state", ns);
    char *body = ev ? json_dumps(ev, JSON_COMPACT) : NULL;
    json_decref(ev);
    if (!body) return;
    /* Serialised once; each subscriber gets its own subscription id in front. */
    size_t blen = strlen(body), cap = blen + 64;
    char *msg = malloc(cap);
    if (msg) {
        for (struct web_conn *c = w->conns; c; c = c->next) {
            if (!c->authed || c->sub_id < 0) continue;
            int n = snprintf(
                msg, cap,
                "{\"id\":%" JSON_INTEGER_FORMAT ",\"type\":\"event\",\"event\":", c->sub_id);
            memcpy(msg + n, body, blen);
            msg[n + blen] = '}';
            conn_send(w, c, msg, (size_t)n + blen + 1);
        }
    }
    free(msg);
    free(body);
}

/* ---- HTTP: static files ---- */

static const char *mime_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".webmanifest", "application/manifest+json"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    if (dot)
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strcmp(dot, types[i].ext) == 0) return types[i].type;
    return NULL;
}

/* URL path -> safe relative path: only [A-Za-z0-9._-/], no empty, "." or ".." segment and no
 * segment starting with '.', so nothing outside the root (or hidden) can be named. */
static bool safe_path(const char *uri, char *out, size_t outlen)
{
    if (uri[0] != '/') return false;
    if (strcmp(uri, "/") == 0) uri = "/index.html";
    size_t n = strlen(uri);
    if (n >= outlen || n > 200) return false;
    for (size_t i = 0; i < n; i++) {
        char ch = uri[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '.' || ch == '_' || ch == '-' || ch == '/'))
            return false;
        if (ch == '/' && (uri[i + 1] == '.' || uri[i + 1] == '/' || uri[i + 1] == '\0'))
            return false;
    }
    memcpy(out, uri, n + 1);
    return true;
}

static int add_header(struct lws *wsi, const char *name, const char *value, unsigned char **p,
                      unsigned char *end)
{
    return lws_add_http_header_by_name(wsi, (const unsigned char *)name,
                                       (const unsigned char *)value, (int)strlen(value), p, end);
}

static int add_common_headers(struct lws *wsi, const char *etag, bool gz, unsigned char **p,
                              unsigned char *end)
{
    return add_header(wsi, "content-security-policy:", WEB_CSP, p, end) ||
           add_header(wsi, "x-content-type-options:", "nosniff", p, end) ||
           add_header(wsi, "referrer-policy:", "no-referrer", p, end) ||
           add_header(wsi, "x-frame-options:", "DENY", p, end) ||
           /* no-cache: the browser keeps the file but asks (If-None-Match) before using it,
            * so a new hubd version is picked up at once and an unchanged file costs a 304. */
           add_header(wsi, "cache-control:", "no-cache", p, end) ||
           add_header(wsi, "etag:", etag, p, end) ||
           add_header(wsi, "vary:", "Accept-Encoding", p, end) ||
           (gz && add_header(wsi, "content-encoding:", "gzip", p, end));
}

static bool header_has(struct lws *wsi, enum lws_token_indexes tok, const char *needle)
{
    char buf[512];
    int n = lws_hdr_copy(wsi, buf, sizeof buf, tok);
    return n > 0 && strstr(buf, needle) != NULL;
}

static int serve_file(struct hub_web *w, struct lws *wsi, const char *uri)
{
    char rel[256], path[PATH_MAX + 300], etag[64];
    struct stat st;
    const char *mime;
    if (!safe_path(uri, rel, sizeof rel) || !(mime = mime_type(rel))) {
        return lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL) ||
                       lws_http_transaction_completed(wsi)
                   ? -1
                   : 0;
    }
    snprintf(path, sizeof path, "%s%s", w->root, rel);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        hub_debug(TAG, "GET %s: %s", uri, errno ? strerror(errno) : "not a file");
        return lws_return_http_status(wsi, HTTP_STATUS_NOT_FOUND, NULL) ||
                       lws_http_transaction_completed(wsi)
                   ? -1
                   : 0;
    }
    snprintf(etag, sizeof etag, "\"%llx-%llx\"", (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtim.tv_sec * 1000000000ull +
                 (unsigned long long)st.st_mtim.tv_nsec);
    /* A pre-compressed twin (made at build time) for clients that take gzip. */
    bool gz = false;
    if (header_has(wsi, WSI_TOKEN_HTTP_ACCEPT_ENCODING, "gzip")) {
        char gzpath[sizeof path + 3];
        struct stat gst;
        snprintf(gzpath, sizeof gzpath, "%s.gz", path);
        if (stat(gzpath, &gst) == 0 && S_ISREG(gst.st_mode) && gst.st_mtime >= st.st_mtime) {
            gz = true;
            memcpy(path, gzpath, strlen(gzpath) + 1);
            size_t el = strlen(etag);
            snprintf(etag + el - 1, sizeof etag - el + 1, "-gz\"");
        }
    }
    unsigned char hbuf[LWS_PRE + 2048], *start = hbuf + LWS_PRE, *p = start,
                                        *end = hbuf + sizeof hbuf - 1;
    char inm[128];
    if (lws_hdr_copy(wsi, inm, sizeof inm, WSI_TOKEN_HTTP_IF_NONE_MATCH) > 0 &&
        strcmp(inm, etag) == 0) {
        if (lws_add_http_header_status(wsi, HTTP_STATUS_NOT_MODIFIED, &p, end) ||
            add_common_headers(wsi, etag, false, &p, end) ||
            lws_add_http_header_content_length(wsi, 0, &p, end) ||
            lws_finalize_write_http_header(wsi, start, &p, end))
            return -1;
        return lws_http_transaction_completed(wsi) ? -1 : 0;
    }
    if (add_common_headers(wsi, etag, gz, &p, end)) return -1;
    int n = lws_serve_http_file(wsi, path, mime, (const char *)start, (int)(p - start));
    if (n < 0 || (n > 0 && lws_http_transaction_completed(wsi))) return -1;
    return 0;
}

/* ---- the lws callback ---- */

/* Closing after a receive (auth_invalid): write what is queued and return -1 from the receive
 * callback, which is where lws sends the close frame with our reason. (A -1 from the
 * writeable callback drops the socket without one, so that path writes the frame itself.) The
 * queue is a message or two here, and lws buffers what the socket does not take at once. */
static int conn_flush_and_close(struct web_conn *c)
{
    for (struct web_msg *m = c->q_head; m; m = m->next)
        if (lws_write(c->wsi, m->buf + LWS_PRE, m->len, LWS_WRITE_TEXT) < (int)m->len) break;
    lws_close_reason(c->wsi, c->close_code, (unsigned char *)c->close_reason,
                     strlen(c->close_reason));
    return -1;
}

static void conn_free(struct hub_web *w, struct web_conn *c)
{
    if (!c->is_ws) return;
    if (c->prev)
        c->prev->next = c->next;
    else if (w->conns == c)
        w->conns = c->next;
    if (c->next) c->next->prev = c->prev;
    c->next = c->prev = NULL;
    w->n_conns--;
    for (struct web_msg *m = c->q_head, *nx; m; m = nx) {
        nx = m->next;
        free(m);
    }
    c->q_head = c->q_tail = NULL;
    free(c->rx);
    free(c->user);
    c->rx = c->user = NULL;
    c->is_ws = false;
}

static int web_callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in,
                        size_t len)
{
    struct hub_web *w = lws_context_user(lws_get_context(wsi));
    struct web_conn *c = user;
    switch (reason) {
    case LWS_CALLBACK_HTTP: {
        if (lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) <= 0) {
            /* POST, PUT, ...: nothing here takes them. */
            return lws_return_http_status(wsi, HTTP_STATUS_METHOD_NOT_ALLOWED, NULL) ||
                           lws_http_transaction_completed(wsi)
                       ? -1
                       : 0;
        }
        return serve_file(w, wsi, (const char *)in);
    }
    case LWS_CALLBACK_HTTP_FILE_COMPLETION: return lws_http_transaction_completed(wsi) ? -1 : 0;

    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: {
        char uri[64];
        if (lws_hdr_copy(wsi, uri, sizeof uri, WSI_TOKEN_GET_URI) <= 0 ||
            strcmp(uri, WEB_API_PATH) != 0)
            return 1; /* websocket only at /api/websocket */
        if (w->n_conns >= WEB_MAX_CLIENTS) {
            hub_warn(TAG, "%d websocket clients already: refusing another", WEB_MAX_CLIENTS);
            return 1;
        }
        return 0;
    }
    case LWS_CALLBACK_ESTABLISHED:
        memset(c, 0, sizeof *c);
        c->wsi = wsi;
        c->is_ws = true;
        c->sub_id = -1;
        c->serial = ++w->next_serial;
        c->next = w->conns;
        if (w->conns) w->conns->prev = c;
        w->conns = c;
        w->n_conns++;
        hub_debug(TAG, "client %llu connected (%zu now)", (unsigned long long)c->serial,
                  w->n_conns);
        {
            /* Events are small and must go out at once, not wait for Nagle's algorithm to
             * coalesce them with the next one (tens of ms at a few events a second). */
            int one = 1, fd = (int)lws_get_socket_fd(wsi);
            if (fd >= 0 && setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0)
                hub_debug(TAG, "TCP_NODELAY: %s", strerror(errno));
        }
        /* A client that never authenticates is dropped (auth_ok clears this). */
        lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, WEB_AUTH_TIMEOUT_S);
        conn_send_json(
            w, c, json_pack("{s:s, s:s}", "type", "auth_required", "version", PACKAGE_VERSION));
        return 0;

    case LWS_CALLBACK_RECEIVE: {
        if (c->closing) return 0;
        if (lws_frame_is_binary(wsi)) {
            send_error(w, c, -1, "invalid_format",
                       "binary frames are not accepted: send JSON text");
            w->bad_messages++;
            /* the rest of a binary message is ignored until its last fragment */
            free(c->rx);
            c->rx = NULL;
            c->rx_len = 0;
            return 0;
        }
        if (c->rx_len + len > HUB_WEB_MAX_MESSAGE) {
            hub_warn(TAG, "client %llu sent a message over %d bytes: closing it",
                     (unsigned long long)c->serial, HUB_WEB_MAX_MESSAGE);
            w->bad_messages++;
            lws_close_reason(wsi, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE,
                             (unsigned char *)"message too large", 17);
            return -1;
        }
        bool final = lws_is_final_fragment(wsi) && lws_remaining_packet_payload(wsi) == 0;
        if (final && !c->rx) {
            handle_text(w, c, in, len);
            return c->closing ? conn_flush_and_close(c) : 0;
        }
        char *nb = realloc(c->rx, c->rx_len + len + 1);
        if (!nb) {
            hub_error(TAG, "out of memory receiving a message");
            return -1;
        }
        c->rx = nb;
        memcpy(c->rx + c->rx_len, in, len);
        c->rx_len += len;
        if (final) {
            handle_text(w, c, c->rx, c->rx_len);
            free(c->rx);
            c->rx = NULL;
            c->rx_len = 0;
        }
        return c->closing ? conn_flush_and_close(c) : 0;
    }
    case LWS_CALLBACK_SERVER_WRITEABLE: {
        struct web_msg *m = c->q_head;
        if (!m && c->closing) {
            /* A -1 from here drops the socket without a close frame (the client would see
             * 1006): write the frame with our status and reason first, as lws itself would. */
            unsigned char frame[LWS_PRE + 2 + 123];
            size_t rl = strlen(c->close_reason);
            if (rl > 123) rl = 123;
            frame[LWS_PRE] = (unsigned char)(c->close_code >> 8);
            frame[LWS_PRE + 1] = (unsigned char)(c->close_code & 0xff);
            memcpy(frame + LWS_PRE + 2, c->close_reason, rl);
            lws_write(wsi, frame + LWS_PRE, 2 + rl, WEB_WRITE_CLOSE);
            return -1; /* (a slow client: dropped, close frame or not) */
        }
        if (!m) return 0;
        if (lws_write(wsi, m->buf + LWS_PRE, m->len, LWS_WRITE_TEXT) < (int)m->len) {
            hub_debug(TAG, "client %llu: write failed", (unsigned long long)c->serial);
            return -1;
        }
        c->q_head = m->next;
        if (!c->q_head) c->q_tail = NULL;
        c->q_count--;
        c->q_bytes -= m->len;
        free(m);
        if (c->q_head || c->closing) lws_callback_on_writable(wsi);
        return 0;
    }
    case LWS_CALLBACK_CLOSED:
        hub_debug(TAG, "client %llu gone", (unsigned long long)c->serial);
        conn_free(w, c);
        return 0;
    case LWS_CALLBACK_WSI_DESTROY:
        if (c && c->is_ws) conn_free(w, c);
        return 0;
    default: break;
    }
    return lws_callback_http_dummy(wsi, reason, user, in, len);
}

/* ---- start and stop ---- */

static bool dir_has_index(const char *dir)
{
    char p[PATH_MAX + 20];
    snprintf(p, sizeof p, "%s/index.html", dir);
    return access(p, R_OK) == 0;
}

int hub_web_start(struct hub *h, char *err, size_t errlen)
{
    struct hub_config *cfg = &h->cfg;
    h->web = NULL;
    if (!cfg->http_listen) return HUB_OK;
    char *host = NULL;
    int port = 0;
    if (hub_config_parse_hostport(cfg->http_listen, -1, &host, &port, err, errlen))
        return HUB_ERR_CONFIG;
    struct hub_web *w = calloc(1, sizeof *w);
    if (!w) {
        free(host);
        snprintf(err, errlen, "out of memory");
        return HUB_ERR_NOMEM;
    }
    w->hub = h;
    const char *root = hub_config_get(cfg, "http", "web_root");
    if (!root || !*root)
        root = dir_has_index(HUB_WEB_BUILD_ROOT) ? HUB_WEB_BUILD_ROOT : HUB_WEB_INSTALLED_ROOT;
    if (!realpath(root, w->root) || !dir_has_index(w->root)) {
        snprintf(err, errlen, "web root %s: %s", root,
                 errno ? strerror(errno) : "no index.html there (is the page built?)");
        free(host);
        free(w);
        return HUB_ERR_CONFIG;
    }
    const char *tok = hub_config_get(cfg, "http", "token");
    if (tok && *tok && hub_token_hash(tok, strlen(tok), w->config_token_hash) != HUB_OK) {
        snprintf(err, errlen, "cannot hash [http] token");
        free(host);
        free(w);
        return HUB_ERR_IO;
    }
    const char *cert = hub_config_get(cfg, "http", "tls_cert");
    const char *key = hub_config_get(cfg, "http", "tls_key");
    if ((cert && *cert) != (key && *key)) {
        snprintf(err, errlen, "[http] tls_cert and tls_key go together");
        free(host);
        free(w);
        return HUB_ERR_CONFIG;
    }

    lws_set_log_level(hub_log_get_level() >= HUB_LOG_DEBUG ? LLL_ERR | LLL_WARN | LLL_NOTICE
                                                           : LLL_ERR | LLL_WARN,
                      web_lws_log);
    w->protocols[0] = (struct lws_protocols){
        .name = "hubd",
        .callback = web_callback,
        .per_session_data_size = sizeof(struct web_conn),
        .rx_buffer_size = 16384, /* frames arrive in pieces this size; messages are assembled */
    };
    w->foreign_loops[0] = h->loop;
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.options = LWS_SERVER_OPTION_LIBUV | LWS_SERVER_OPTION_EXPLICIT_VHOSTS |
                   LWS_SERVER_OPTION_VALIDATE_UTF8;
    if (cert && *cert) info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
    info.foreign_loops = w->foreign_loops;
    info.user = w;
    info.protocols = w->protocols;
    info.port = port;
    info.iface = host;
    info.vhost_name = "hubd";
    info.ssl_cert_filepath = cert && *cert ? cert : NULL;
    info.ssl_private_key_filepath = key && *key ? key : NULL;
    info.timeout_secs = 30;
    info.ka_time = 60; /* TCP keepalive finds clients that vanished without a close */
    info.ka_probes = 3;
    info.ka_interval = 10;
    w->ctx = lws_create_context(&info);
    if (!w->ctx) {
        snprintf(err, errlen, "lws_create_context failed (libwebsockets built without libuv?)");
        free(host);
        free(w);
        return HUB_ERR_IO;
    }
    w->vh = lws_create_vhost(w->ctx, &info);
    if (!w->vh) {
        snprintf(err, errlen, "cannot listen on %s%s (address in use, or bad TLS files?)",
                 cfg->http_listen, cert && *cert ? " with TLS" : "");
        lws_context_destroy(w->ctx);
        free(host);
        free(w);
        return HUB_ERR_IO;
    }
    int real_port = lws_get_vhost_listen_port(w->vh);
    snprintf(w->address, sizeof w->address, strchr(host, ':') ? "[%s]:%d" : "%s:%d", host,
             real_port > 0 ? real_port : port);
    free(host);
    if (hub_states_add_listener(h->states, web_on_state, w)) {
        snprintf(err, errlen, "cannot listen to state changes");
        lws_context_destroy(w->ctx);
        free(w);
        return HUB_ERR_NOMEM;
    }
    h->web = w;
    lws_sul_schedule(w->ctx, 0, &w->revoke_sul, revoke_sweep, WEB_REVOKE_CHECK_US);
    hub_info(TAG, "dashboard on %s://%s/ (files from %s)", cert && *cert ? "https" : "http",
             w->address, w->root);
    return HUB_OK;
}

void hub_web_stop(struct hub *h)
{
    struct hub_web *w = h->web;
    if (!w || !w->ctx) return;
    /* With a foreign loop, lws closes its handles from here and the loop finishes the job. */
    lws_context_destroy(w->ctx);
    w->ctx = NULL;
}

void hub_web_free(struct hub *h)
{
    struct hub_web *w = h->web;
    if (!w) return;
    if (w->ctx) lws_context_destroy(w->ctx);
    while (w->conns)
        conn_free(w, w->conns);
    free(w);
    h->web = NULL;
}

const char *hub_web_address(const struct hub_web *w)
{
    return w ? w->address : "";
}

const char *hub_web_root(const struct hub_web *w)
{
    return w ? w->root : "";
}

size_t hub_web_clients(const struct hub_web *w)
{
    return w ? w->n_conns : 0;
}

struct hub_web *hub_web_new_detached(struct hub *h)
{
    struct hub_web *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->hub = h;
    snprintf(w->address, sizeof w->address, "detached");
    return w;
}

void hub_web_feed(struct hub_web *w, const char *msg, size_t len, bool authed, int *answers)
{
    struct web_conn c;
    memset(&c, 0, sizeof c);
    c.sub_id = -1;
    c.authed = authed;
    c.serial = ++w->next_serial;
    handle_text(w, &c, msg, len);
    if (answers) *answers = (int)c.q_count;
    free(c.user);
}
