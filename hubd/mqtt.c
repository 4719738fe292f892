/*
 * mqtt.c: libmosquitto under the libuv loop.
 *
 * mosquitto_loop(mosq, 0, 1) runs whenever uv_poll says the socket is readable or writable; it
 * does the non-blocking read/write and also finishes an asynchronous connect, which the
 * lower-level mosquitto_loop_read/write calls do not. Write interest is re-armed after every
 * call that may have queued a packet (mosquitto_want_write). A lost connection comes back
 * through on_disconnect and a reconnect timer with capped exponential backoff. The socket can
 * change on every reconnect, so the poll handle is re-created for each new descriptor.
 */
#include "hubd/mqtt.h"

#include "hub_log.h"
#include "hub_status.h"
#include "hubd/conf.h"

#include <errno.h>
#include <mosquitto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TAG "mqtt"
#define MQTT_BACKOFF_START_MS 100

struct mqtt_queued {
    struct mqtt_queued *next;
    char *topic;
    void *payload;
    size_t len;
    int qos;
    bool retain;
};

struct mqtt_sub {
    char *filter;
    int qos;
};

struct hub_mqtt {
    uv_loop_t *loop;
    struct mosquitto *mosq;
    char *host;
    int port;
    int keepalive;
    int backoff_max_ms;
    int backoff_ms;
    struct hub_mqtt_callbacks cb;

    uv_poll_t *poll; /* NULL while there is no socket */
    int poll_fd;
    int poll_events;
    uv_timer_t misc_timer, reconnect_timer;

    bool connected, stopping, ever_connected, handles_open;
    int64_t lost_at_ms;

    struct mqtt_queued *q_head, *q_tail;
    size_t q_count, q_limit;

    struct mqtt_sub *subs;
    size_t n_subs, cap_subs;

    struct hub_mqtt_stats stats;
};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void mqtt_sync_poll(struct hub_mqtt *m);
static void mqtt_schedule_reconnect(struct hub_mqtt *m);

static void poll_close_cb(uv_handle_t *h) { free(h); }

static void mqtt_drop_poll(struct hub_mqtt *m)
{
    if (!m->poll) return;
    uv_poll_stop(m->poll);
    uv_close((uv_handle_t *)m->poll, poll_close_cb);
    m->poll = NULL;
    m->poll_fd = -1;
    m->poll_events = 0;
}

/* After any libmosquitto call: follow the socket and the write interest. */
static void mqtt_after(struct hub_mqtt *m, int rc)
{
    mqtt_sync_poll(m);
    if (mosquitto_socket(m->mosq) < 0 && !m->stopping) {
        if (m->connected) { /* lost without a callback (should not happen, be safe) */
            m->connected = false;
            m->lost_at_ms = mono_ms();
        }
        mqtt_schedule_reconnect(m);
    }
    (void)rc;
}

static void poll_cb(uv_poll_t *h, int status, int events)
{
    struct hub_mqtt *m = h->data;
    if (status < 0) {
        /* libuv reports POLLERR (a broker killed mid-connection: RST) as UV_EBADF and stops the
         * handle itself. Unless it is started again, hubd goes deaf to this socket whenever
         * libmosquitto has not seen the error yet, and notices the lost broker only when a
         * keepalive write fails, up to a keepalive later. mqtt_after re-arms it. */
        hub_debug(TAG, "socket poll: %s", uv_strerror(status));
        m->poll_events = 0;
    }
    int rc = mosquitto_loop(m->mosq, 0, 1);
    if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_NO_CONN)
        hub_debug(TAG, "mosquitto_loop: %s", rc == MOSQ_ERR_ERRNO ? strerror(errno) : mosquitto_strerror(rc));
    mqtt_after(m, rc);
}

static void mqtt_sync_poll(struct hub_mqtt *m)
{
    if (m->stopping && !m->handles_open) return;
    int fd = mosquitto_socket(m->mosq);
    if (fd != m->poll_fd) mqtt_drop_poll(m);
    if (fd < 0) return;
    if (!m->poll) {
        m->poll = malloc(sizeof *m->poll);
        if (!m->poll) return;
        int rc = uv_poll_init_socket(m->loop, m->poll, fd);
        if (rc) {
            hub_error(TAG, "uv_poll_init_socket: %s", uv_strerror(rc));
            free(m->poll);
            m->poll = NULL;
            return;
        }
        m->poll->data = m;
        m->poll_fd = fd;
        m->poll_events = 0;
    }
    int ev = UV_READABLE | (mosquitto_want_write(m->mosq) ? UV_WRITABLE : 0);
    if (ev != m->poll_events) {
        int rc = uv_poll_start(m->poll, ev, poll_cb);
        if (rc) hub_error(TAG, "uv_poll_start: %s", uv_strerror(rc));
        m->poll_events = ev;
    }
}

static void misc_cb(uv_timer_t *t)
{
    struct hub_mqtt *m = t->data;
    int rc = mosquitto_loop_misc(m->mosq);
    mqtt_after(m, rc);
}

static void reconnect_cb(uv_timer_t *t)
{
    struct hub_mqtt *m = t->data;
    if (m->stopping || m->connected) return;
    /* mosquitto_reconnect_async closes any socket it still has and opens a new one, which often
     * gets the same descriptor number. Closing a descriptor drops it from epoll while libuv
     * still counts it as watched, so a poll kept across the switch would never fire again (hubd
     * would notice the next broker loss only when a write failed, after up to a keepalive):
     * always start from a fresh poll handle. */
    mqtt_drop_poll(m);
    int rc = mosquitto_reconnect_async(m->mosq);
    if (rc != MOSQ_ERR_SUCCESS) {
        hub_debug(TAG, "reconnect to %s:%d: %s", m->host, m->port,
                  rc == MOSQ_ERR_ERRNO ? strerror(errno) : mosquitto_strerror(rc));
        m->backoff_ms = m->backoff_ms * 2 > m->backoff_max_ms ? m->backoff_max_ms : m->backoff_ms * 2;
        mqtt_schedule_reconnect(m);
        return;
    }
    mqtt_sync_poll(m);
}

static void mqtt_schedule_reconnect(struct hub_mqtt *m)
{
    if (m->stopping || !m->handles_open || uv_is_active((uv_handle_t *)&m->reconnect_timer)) return;
    uv_timer_start(&m->reconnect_timer, reconnect_cb, (uint64_t)m->backoff_ms, 0);
}

static void mqtt_flush_queue(struct hub_mqtt *m)
{
    while (m->q_head && m->connected) {
        struct mqtt_queued *q = m->q_head;
        int rc = mosquitto_publish(m->mosq, NULL, q->topic, (int)q->len, q->payload, q->qos, q->retain);
        if (rc == MOSQ_ERR_NO_CONN) break; /* lost again: keep the rest for the next time */
        if (rc != MOSQ_ERR_SUCCESS)
            hub_warn(TAG, "queued message to %s dropped: %s", q->topic, mosquitto_strerror(rc));
        else m->stats.published++;
        m->q_head = q->next;
        if (!m->q_head) m->q_tail = NULL;
        m->q_count--;
        free(q->topic);
        free(q->payload);
        free(q);
    }
}

static void on_connect_cb(struct mosquitto *mosq, void *ud, int rc, int flags,
                          const mosquitto_property *props)
{
    struct hub_mqtt *m = ud;
    if (rc != 0) {
        hub_error(TAG, "broker %s:%d refused the connection: %s", m->host, m->port,
                  mosquitto_connack_string(rc));
        return; /* the broker closes the socket; on_disconnect schedules the retry */
    }
    bool again = m->ever_connected;
    m->connected = true;
    m->ever_connected = true;
    m->backoff_ms = MQTT_BACKOFF_START_MS;
    m->stats.connects++;
    if (again) {
        m->stats.last_reconnect_ms = mono_ms() - m->lost_at_ms;
        hub_info(TAG, "reconnected to %s:%d after %lld ms (session %s)", m->host, m->port,
                 (long long)m->stats.last_reconnect_ms, (flags & 1) ? "kept" : "new");
    } else {
        hub_info(TAG, "connected to %s:%d", m->host, m->port);
    }
    int r = mosquitto_publish(mosq, NULL, "hub/status", 6, "online", 1, true);
    if (r) hub_warn(TAG, "publish hub/status: %s", mosquitto_strerror(r));
    for (size_t i = 0; i < m->n_subs; i++) {
        r = mosquitto_subscribe(mosq, NULL, m->subs[i].filter, m->subs[i].qos);
        if (r) hub_error(TAG, "subscribe %s: %s", m->subs[i].filter, mosquitto_strerror(r));
    }
    if (m->q_count) hub_info(TAG, "sending %zu messages queued while disconnected", m->q_count);
    mqtt_flush_queue(m);
    if (m->cb.on_connect) m->cb.on_connect(m->cb.ud, again);
}

static void on_disconnect_cb(struct mosquitto *mosq, void *ud, int rc, const mosquitto_property *p)
{
    struct hub_mqtt *m = ud;
    if (m->connected) {
        m->lost_at_ms = mono_ms();
        m->stats.disconnects++;
        if (!m->stopping)
            hub_warn(TAG, "lost the broker %s:%d (%s); reconnecting", m->host, m->port,
                     mosquitto_strerror(rc));
    } else if (!m->stopping) {
        hub_debug(TAG, "connection attempt to %s:%d failed: %s", m->host, m->port,
                  mosquitto_strerror(rc));
        m->backoff_ms = m->backoff_ms * 2 > m->backoff_max_ms ? m->backoff_max_ms : m->backoff_ms * 2;
    }
    bool was = m->connected;
    m->connected = false;
    if (was && m->cb.on_disconnect) m->cb.on_disconnect(m->cb.ud);
    mqtt_schedule_reconnect(m);
}

static void on_message_cb(struct mosquitto *mosq, void *ud, const struct mosquitto_message *msg,
                          const mosquitto_property *props)
{
    struct hub_mqtt *m = ud;
    m->stats.received++;
    if (m->cb.on_message && msg->topic)
        m->cb.on_message(m->cb.ud, msg->topic, msg->payload, (size_t)(msg->payloadlen > 0 ? msg->payloadlen : 0),
                         msg->qos, msg->retain);
}

struct hub_mqtt *hub_mqtt_new(uv_loop_t *loop, const struct hub_config *cfg, const char *host,
                              int port, const struct hub_mqtt_callbacks *cb, char *err,
                              size_t errlen)
{
    struct hub_mqtt *m = calloc(1, sizeof *m);
    if (!m || !(m->host = strdup(host))) {
        free(m);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    m->loop = loop;
    m->port = port;
    m->keepalive = cfg->mqtt_keepalive;
    m->backoff_max_ms = cfg->mqtt_reconnect_max * 1000;
    m->backoff_ms = MQTT_BACKOFF_START_MS;
    m->q_limit = (size_t)cfg->mqtt_queue_limit;
    m->poll_fd = -1;
    if (cb) m->cb = *cb;
    const char *id = cfg->mqtt_client_id ? cfg->mqtt_client_id : "hubd";
    int rc;
    m->mosq = mosquitto_new(id, false, m);
    if (!m->mosq) {
        snprintf(err, errlen, "mosquitto_new: %s", strerror(errno));
        goto fail;
    }
    mosquitto_int_option(m->mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    mosquitto_connect_v5_callback_set(m->mosq, NULL);
    mosquitto_connect_with_flags_callback_set(m->mosq, NULL);
    mosquitto_connect_v5_callback_set(m->mosq, on_connect_cb);
    mosquitto_disconnect_v5_callback_set(m->mosq, on_disconnect_cb);
    mosquitto_message_v5_callback_set(m->mosq, on_message_cb);
    rc = mosquitto_will_set(m->mosq, "hub/status", 7, "offline", 1, true);
    if (rc) {
        snprintf(err, errlen, "mosquitto_will_set: %s", mosquitto_strerror(rc));
        goto fail;
    }
    if (cfg->mqtt_username) {
        rc = mosquitto_username_pw_set(m->mosq, cfg->mqtt_username, cfg->mqtt_password);
        if (rc) {
            snprintf(err, errlen, "mosquitto_username_pw_set: %s", mosquitto_strerror(rc));
            goto fail;
        }
    }
    if (cfg->mqtt_tls_ca || cfg->mqtt_tls_capath) {
        rc = mosquitto_tls_set(m->mosq, cfg->mqtt_tls_ca, cfg->mqtt_tls_capath, cfg->mqtt_tls_cert,
                               cfg->mqtt_tls_key, NULL);
        if (rc) {
            snprintf(err, errlen, "mosquitto_tls_set (ca %s, cert %s): %s",
                     cfg->mqtt_tls_ca ? cfg->mqtt_tls_ca : cfg->mqtt_tls_capath,
                     cfg->mqtt_tls_cert ? cfg->mqtt_tls_cert : "none", mosquitto_strerror(rc));
            goto fail;
        }
        if (cfg->mqtt_tls_insecure) mosquitto_tls_insecure_set(m->mosq, true);
    } else if (cfg->mqtt_tls_cert || cfg->mqtt_tls_key) {
        snprintf(err, errlen, "[mqtt] tls_cert/tls_key need tls_ca or tls_capath");
        goto fail;
    }
    uv_timer_init(loop, &m->misc_timer);
    uv_timer_init(loop, &m->reconnect_timer);
    m->misc_timer.data = m->reconnect_timer.data = m;
    m->handles_open = true;
    return m;
fail:
    if (m->mosq) mosquitto_destroy(m->mosq);
    free(m->host);
    free(m);
    return NULL;
}

int hub_mqtt_start(struct hub_mqtt *m)
{
    uv_timer_start(&m->misc_timer, misc_cb, 1000, 1000);
    m->lost_at_ms = mono_ms();
    int rc = mosquitto_connect_async(m->mosq, m->host, m->port, m->keepalive);
    if (rc != MOSQ_ERR_SUCCESS) {
        hub_warn(TAG, "cannot connect to %s:%d yet (%s); will keep trying", m->host, m->port,
                 rc == MOSQ_ERR_ERRNO ? strerror(errno) : mosquitto_strerror(rc));
        mqtt_schedule_reconnect(m);
        return HUB_OK;
    }
    mqtt_sync_poll(m);
    return HUB_OK;
}

static int mqtt_enqueue(struct hub_mqtt *m, const char *topic, const void *payload, size_t len,
                        int qos, bool retain)
{
    if (m->q_count >= m->q_limit) {
        if (m->stats.dropped++ == 0 || m->stats.dropped % 1000 == 0)
            hub_error(TAG, "outgoing queue full (%zu messages, [mqtt] queue_limit): dropped %llu so far",
                      m->q_count, (unsigned long long)m->stats.dropped);
        return HUB_ERR_BUSY;
    }
    struct mqtt_queued *q = calloc(1, sizeof *q);
    if (!q || !(q->topic = strdup(topic)) || (len && !(q->payload = malloc(len)))) {
        if (q) free(q->topic);
        free(q);
        return HUB_ERR_NOMEM;
    }
    if (len) memcpy(q->payload, payload, len);
    q->len = len;
    q->qos = qos;
    q->retain = retain;
    if (m->q_tail) m->q_tail->next = q;
    else m->q_head = q;
    m->q_tail = q;
    m->q_count++;
    m->stats.queued++;
    return HUB_OK;
}

int hub_mqtt_publish(struct hub_mqtt *m, const char *topic, const void *payload, size_t len,
                     int qos, bool retain)
{
    if (!topic || !*topic || qos < 0 || qos > 2 || len > 256u * 1024 * 1024) return HUB_ERR_INVALID;
    if (mosquitto_pub_topic_check(topic) != MOSQ_ERR_SUCCESS) return HUB_ERR_INVALID;
    if (!m->connected || m->q_head) return mqtt_enqueue(m, topic, payload, len, qos, retain);
    int rc = mosquitto_publish(m->mosq, NULL, topic, (int)len, payload, qos, retain);
    if (rc == MOSQ_ERR_NO_CONN) return mqtt_enqueue(m, topic, payload, len, qos, retain);
    if (rc != MOSQ_ERR_SUCCESS) {
        hub_warn(TAG, "publish %s: %s", topic, mosquitto_strerror(rc));
        return rc == MOSQ_ERR_NOMEM ? HUB_ERR_NOMEM : HUB_ERR_IO;
    }
    m->stats.published++;
    mqtt_sync_poll(m);
    return HUB_OK;
}

int hub_mqtt_subscribe(struct hub_mqtt *m, const char *filter, int qos)
{
    if (!filter || qos < 0 || qos > 2 || mosquitto_sub_topic_check(filter) != MOSQ_ERR_SUCCESS)
        return HUB_ERR_INVALID;
    for (size_t i = 0; i < m->n_subs; i++) {
        if (strcmp(m->subs[i].filter, filter) == 0) {
            if (m->subs[i].qos >= qos) return HUB_OK;
            m->subs[i].qos = qos;
            goto send;
        }
    }
    if (m->n_subs == m->cap_subs) {
        size_t cap = m->cap_subs ? m->cap_subs * 2 : 16;
        void *p = realloc(m->subs, cap * sizeof *m->subs);
        if (!p) return HUB_ERR_NOMEM;
        m->subs = p;
        m->cap_subs = cap;
    }
    if (!(m->subs[m->n_subs].filter = strdup(filter))) return HUB_ERR_NOMEM;
    m->subs[m->n_subs++].qos = qos;
send:
    if (m->connected) {
        int rc = mosquitto_subscribe(m->mosq, NULL, filter, qos);
        if (rc && rc != MOSQ_ERR_NO_CONN) {
            hub_error(TAG, "subscribe %s: %s", filter, mosquitto_strerror(rc));
            return HUB_ERR_IO;
        }
        mqtt_sync_poll(m);
    }
    return HUB_OK;
}

bool hub_mqtt_connected(const struct hub_mqtt *m) { return m->connected; }

void hub_mqtt_get_stats(const struct hub_mqtt *m, struct hub_mqtt_stats *out) { *out = m->stats; }

void hub_mqtt_stop(struct hub_mqtt *m)
{
    if (!m || m->stopping) return;
    m->stopping = true;
    uv_timer_stop(&m->misc_timer);
    uv_timer_stop(&m->reconnect_timer);
    if (m->connected) {
        /* A clean disconnect does not fire the will, so say it ourselves. */
        mosquitto_publish(m->mosq, NULL, "hub/status", 7, "offline", 1, true);
        mosquitto_disconnect(m->mosq);
        for (int i = 0; i < 40 && mosquitto_socket(m->mosq) >= 0; i++)
            mosquitto_loop(m->mosq, 50, 1);
    }
    if (m->q_count) hub_warn(TAG, "%zu queued messages not sent (broker away at shutdown)", m->q_count);
    mqtt_drop_poll(m);
    uv_close((uv_handle_t *)&m->misc_timer, NULL);
    uv_close((uv_handle_t *)&m->reconnect_timer, NULL);
    m->handles_open = false;
}

void hub_mqtt_free(struct hub_mqtt *m)
{
    if (!m) return;
    if (m->mosq) mosquitto_destroy(m->mosq);
    while (m->q_head) {
        struct mqtt_queued *q = m->q_head;
        m->q_head = q->next;
        free(q->topic);
        free(q->payload);
        free(q);
    }
    for (size_t i = 0; i < m->n_subs; i++) free(m->subs[i].filter);
    free(m->subs);
    free(m->host);
    free(m);
}
